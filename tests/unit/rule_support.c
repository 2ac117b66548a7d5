/* rule_support.c — see rule_support.h. */
#include "rule_support.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h" /* kr_linter_run_full */

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

size_t rule_count(const kr_diagnostics *ds, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++)
        n += !rule || strcmp(kr_diagnostic_rule(kr_diagnostics_get(ds, i)), rule) == 0;
    return n;
}

const kr_diagnostic *rule_find(const kr_diagnostics *ds, const char *rule, const char *subject)
{
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if ((!rule || strcmp(kr_diagnostic_rule(d), rule) == 0) &&
            (!subject || strcmp(kr_diagnostic_subject(d), subject) == 0))
            return d;
    }
    return NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One diagnostic's line (without its line end). New. */
static char *render_one(const kr_diagnostic *d)
{
    char *buf = NULL;
    size_t cap = 0;
    FILE *m = open_memstream(&buf, &cap);
    fprintf(m, "%s %d %zu-%zu [%s] {%s}", kr_diagnostic_rule(d), (int)kr_diagnostic_severity(d),
            kr_diagnostic_start(d), kr_diagnostic_end(d), kr_diagnostic_message(d),
            kr_diagnostic_subject(d));
    for (size_t k = 0; k < kr_diagnostic_fix_count(d); k++) {
        const kr_fix *f = kr_diagnostic_fix(d, k);
        fprintf(m, " fix(%s%s:", kr_fix_title(f), kr_fix_preferred(f) ? ",pref" : "");
        for (size_t j = 0; j < kr_fix_edit_count(f); j++) {
            const kr_edit *e = kr_fix_edit(f, j);
            fprintf(m, " %zu-%zu=%.*s", e->start, e->end, (int)e->len, e->text);
        }
        fputc(')', m);
    }
    fclose(m);
    return buf;
}

static char *render_list(const kr_diagnostics *ds, const char *rule, size_t *count, bool sorted)
{
    size_t n = 0, total = 1;
    char **lines = malloc((kr_diagnostics_count(ds) + 1) * sizeof *lines);
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (rule && strcmp(kr_diagnostic_rule(d), rule) != 0)
            continue;
        lines[n] = render_one(d);
        total += strlen(lines[n]) + 1;
        n++;
    }
    if (sorted)
        qsort(lines, n, sizeof *lines, cmp_str);
    char *out = malloc(total), *p = out;
    for (size_t i = 0; i < n; i++) {
        size_t k = strlen(lines[i]);
        memcpy(p, lines[i], k);
        p += k;
        *p++ = '\n';
        free(lines[i]);
    }
    *p = '\0';
    free(lines);
    if (count)
        *count = n;
    return out;
}

/* The next diagnostic of `rule` (any when NULL) at or after *i, or NULL. */
static const kr_diagnostic *next_of(const kr_diagnostics *ds, const char *rule, size_t *i)
{
    for (; *i < kr_diagnostics_count(ds); ++*i) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, *i);
        if (!rule || strcmp(kr_diagnostic_rule(d), rule) == 0)
            return d;
    }
    return NULL;
}

void rule_assert_same(const kr_diagnostics *inc, const kr_diagnostics *full, const char *rule,
                      const char *when)
{
    char *a = rule_render(inc, rule, NULL), *b = rule_render(full, rule, NULL);
    if (strcmp(a, b) != 0) {
        size_t i = 0, line = 0;
        while (a[i] && a[i] == b[i]) {
            if (a[i] == '\n')
                line = i + 1;
            i++;
        }
        cr_assert_fail("%s: incremental and fresh lints differ at\n  incr: %.300s\n  full: %.300s",
                       when, a + line, b + line);
    }
    free(a);
    free(b);
    size_t i = 0, j = 0;
    for (size_t k = 0;; k++, i++, j++) {
        const kr_diagnostic *x = next_of(inc, rule, &i), *y = next_of(full, rule, &j);
        if (!x || !y)
            break;
        cr_assert(kr_diagnostic_start(x) == kr_diagnostic_start(y) &&
                      kr_diagnostic_end(x) == kr_diagnostic_end(y) &&
                      strcmp(kr_diagnostic_rule(x), kr_diagnostic_rule(y)) == 0,
                  "%s: diagnostic %zu out of order: %s %zu-%zu, fresh %s %zu-%zu", when, k,
                  kr_diagnostic_rule(x), kr_diagnostic_start(x), kr_diagnostic_end(x),
                  kr_diagnostic_rule(y), kr_diagnostic_start(y), kr_diagnostic_end(y));
    }
}

size_t rule_lint_both(kr_linter *l, kr_document *doc, const char *rule, const char *counted,
                      const char *when)
{
    kr_diagnostics *full = kr_linter_run_full(l, doc);
    kr_diagnostics *inc = kr_linter_run(l, doc);
    cr_assert_not_null(full);
    cr_assert_not_null(inc);
    rule_assert_same(inc, full, rule, when);
    size_t n = rule_count(full, counted);
    kr_diagnostics_free(inc);
    kr_diagnostics_free(full);
    return n;
}

char *rule_render(const kr_diagnostics *ds, const char *rule, size_t *count)
{
    return render_list(ds, rule, count, true);
}

char *rule_render_in_order(const kr_diagnostics *ds)
{
    return render_list(ds, NULL, NULL, false);
}

char *rule_slurp(const char *path, size_t *len)
{
    /* the suites run from tests/ (make test) or from the top of the tree */
    FILE *f = fopen(path, "rb");
    if (!f && strncmp(path, "tests/", 6) == 0)
        f = fopen(path + 6, "rb");
    cr_assert_not_null(f, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    cr_assert_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    s[n] = '\0';
    *len = (size_t)n;
    return s;
}

size_t rule_rnd(uint64_t *state, size_t n)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return (size_t)(x % n);
}

char *rule_made_up_words(unsigned n, size_t *len)
{
    size_t cap = (size_t)n * 7 + 1, k = 0;
    char *text = malloc(cap);
    for (unsigned i = 0; i < n; i++) {
        unsigned x = i * 2654435761u; /* distinct for i below 20^6 */
        for (int c = 0; c < 6; c++, x /= 20)
            text[k++] = "abdefghiklmnoprstuvy"[x % 20];
        text[k++] = i % 10 == 9 ? '\n' : ' ';
    }
    text[k] = '\0';
    *len = k;
    return text;
}
