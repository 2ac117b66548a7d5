/* spell_support.c — see spell_support.h. */
#include "spell_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static kr_lexicon *lex;

void spell_setup(const char *user_word)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    cr_assert_null(kr_lexicon_error(lex), "data missing: %s", kr_lexicon_error(lex));
    if (user_word)
        kr_lexicon_add_word(lex, user_word, strlen(user_word));
}

void spell_teardown(void)
{
    kr_lexicon_free(lex);
    lex = NULL;
}

static void append(char *buf, size_t cap, const char *sep, const char *s, size_t n)
{
    size_t len = strlen(buf);
    if (len + strlen(sep) + n + 1 >= cap)
        return;
    if (len)
        strcat(buf, sep);
    strncat(buf, s, n);
}

spell_result spell_run(const char *text, const char *rule)
{
    spell_result r = {0};
    kr_linter *linter = kr_linter_new(NULL, lex);
    cr_assert_not_null(linter);
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    cr_assert_not_null(ds);
    kr_edit edits[128];
    size_t n = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), rule) != 0)
            continue;
        r.count++;
        r.hints += kr_diagnostic_severity(d) == KR_SEV_HINT;
        append(r.subjects, sizeof r.subjects, " ", text + kr_diagnostic_start(d),
               kr_diagnostic_end(d) - kr_diagnostic_start(d));
        for (size_t k = 0; k < kr_diagnostic_fix_count(d); k++) {
            const kr_fix *f = kr_diagnostic_fix(d, k);
            r.fixes++;
            for (size_t e = 0; e < kr_fix_edit_count(f); e++) {
                const kr_edit *ed = kr_fix_edit(f, e);
                append(r.offers, sizeof r.offers, "|", ed->text, ed->len);
            }
        }
        const kr_fix *f = kr_diagnostic_preferred_fix(d);
        if (f)
            r.preferred++;
        for (size_t k = 0; f && k < kr_fix_edit_count(f) && n < 128; k++)
            edits[n++] = *kr_fix_edit(f, k);
    }
    size_t out_len;
    r.fixed = kr_edits_apply(text, strlen(text), edits, n, &out_len);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(linter);
    return r;
}

void spell_result_free(spell_result *r)
{
    free(r->fixed);
    r->fixed = NULL;
}
