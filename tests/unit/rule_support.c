/* rule_support.c — see rule_support.h. */
#include "rule_support.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

char *rule_fix_text(kr_linter *linter, const char *text, const char *rule, size_t *count,
                    size_t *unpreferred)
{
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    cr_assert_not_null(ds);
    size_t n = 0, cap = 16, c = 0, none = 0;
    kr_edit *edits = malloc(cap * sizeof *edits);
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), rule) != 0)
            continue;
        c++;
        const kr_fix *f = kr_diagnostic_preferred_fix(d);
        if (!f)
            none++;
        for (size_t k = 0; f && k < kr_fix_edit_count(f); k++) {
            if (n == cap)
                edits = realloc(edits, (cap *= 2) * sizeof *edits);
            edits[n++] = *kr_fix_edit(f, k);
        }
    }
    size_t out_len;
    char *out = kr_edits_apply(text, strlen(text), edits, n, &out_len);
    free(edits);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    *count = c;
    if (unpreferred)
        *unpreferred = none;
    return out;
}
