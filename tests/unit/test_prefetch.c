/* test_prefetch.c — a linter allowed a second thread (kr_linter_set_threads)
 * prefetches the repair engine's searches while it parses a document it reads
 * anew (server/prefetch.c), and makes the rules' passes over the whole text
 * (kr_rule.text_pass: broken-hyphenation's counts of the text's runs, which
 * decide the hyphen breaks of the clean fixture); what it reports must be
 * exactly what one thread
 * reports: after a first lint, after a whole-text replacement, on OCR text that
 * lost its æøå and on text that kept them. The thread is stopped and joined by
 * the lint, also when it has barely started. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "korrektur/korrektur.h"
#include "rule_support.h"

static kr_lexicon *lex;

static void setup(void)
{
    kr_prefetch_always(true); /* whatever the load of the machine running the tests */
    lex = kr_lexicon_new();
    cr_assert_null(kr_lexicon_error(lex), "data missing: %s", kr_lexicon_error(lex));
}

static void teardown(void)
{
    kr_lexicon_free(lex);
}

TestSuite(prefetch, .init = setup, .fini = teardown);

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static size_t rnd(size_t n)
{
    return rule_rnd(&rng, n);
}

/* About `size` bytes of the fixture's text, copy after copy, with OCR's damage
 * sprinkled over its words so most copies bring words of their own: æøå read
 * as ASCII (when `lose_ae`), letters misread, a digit glued on. */
static char *ocr_text(const char *fixture, size_t size, bool lose_ae, size_t *out_len)
{
    size_t n;
    char *src = rule_slurp(fixture, &n);
    char *out = malloc(size + 4 * n + 1);
    size_t o = 0;
    static const char *const letters[] = {"g", "e", "a", "@", "0", "ii", "rn", "l"};
    while (o < size) {
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)src[i];
            if (lose_ae && c == 0xC3 && i + 1 < n) {
                static const char *const ascii[] = {"ae", "o", "a"};
                unsigned char d = (unsigned char)src[i + 1] | 0x20;
                int k = d == 0xA6 ? 0 : d == 0xB8 ? 1 : d == 0xA5 ? 2 : -1;
                if (k >= 0) {
                    memcpy(out + o, ascii[k], strlen(ascii[k]));
                    o += strlen(ascii[k]);
                    i++;
                    continue;
                }
            }
            if (c >= 'a' && c <= 'z' && rnd(40) == 0) {
                const char *l = letters[rnd(8)];
                memcpy(out + o, l, strlen(l));
                o += strlen(l);
                continue;
            }
            out[o++] = (char)c;
            if (c == ' ' && rnd(60) == 0)
                out[o++] = (char)('0' + rnd(10));
        }
    }
    out[o] = '\0';
    free(src);
    *out_len = o;
    return out;
}

/* One line per diagnostic with everything a user sees, in the list's order. */
static void assert_same(const char *two, const char *one, const char *what)
{
    if (strcmp(two, one) == 0)
        return;
    size_t i = 0, line = 0;
    while (two[i] && two[i] == one[i]) {
        if (two[i] == '\n')
            line = i + 1;
        i++;
    }
    cr_assert_fail("%s: two threads and one differ at\n  two: %.300s\n  one: %.300s", what,
                   two + line, one + line);
}

/* The lint with one thread, of a document of its own: a fresh lint, as the
 * reference. Its lexicon is another one, which the memo of searches keys apart
 * (kr_lexicon_stamp): none of the second thread's searches can be reused. */
static char *one_thread(const char *text, size_t len)
{
    kr_lexicon *own = kr_lexicon_new();
    kr_linter *l = kr_linter_new(NULL, own);
    kr_document *doc = kr_document_new(text, len);
    kr_diagnostics *ds = kr_linter_run_full(l, doc);
    char *r = rule_render_in_order(ds);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(l);
    kr_lexicon_free(own);
    return r;
}

/* The threaded lint runs while the process-wide memo of searches is empty
 * (each test has a process of its own): its verdicts then come from searches
 * the second thread made, or raced it for. */
static void first_lint_equals_one_thread(const char *fixture, bool lose_ae)
{
    size_t len;
    char *text = ocr_text(fixture, 200 * 1024, lose_ae, &len);
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_linter_set_threads(l, 2);
    kr_document *doc = kr_document_new(text, len);
    kr_diagnostics *ds = kr_linter_run(l, doc);
    char *two = rule_render_in_order(ds), *one = one_thread(text, len);
    cr_assert(kr_diagnostics_count(ds) > 100, "the text should be full of damage");
    assert_same(two, one, fixture);
    free(two);
    free(one);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(l);
    free(text);
}

Test(prefetch, first_lint_of_ocr_text_that_lost_its_ae_equals_one_thread)
{
    first_lint_equals_one_thread("tests/fixtures/demo.truth.txt", true);
}

Test(prefetch, first_lint_of_text_with_ae_equals_one_thread)
{
    first_lint_equals_one_thread("tests/fixtures/demo.clean.txt", false);
}

Test(prefetch, a_whole_text_replacement_prefetches_and_equals_one_thread)
{
    size_t a_len, b_len;
    char *a = ocr_text("tests/fixtures/demo.ocr.txt", 100 * 1024, false, &a_len);
    char *b = ocr_text("tests/fixtures/demo.truth.txt", 150 * 1024, true, &b_len);
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_linter_set_threads(l, 2);
    kr_document *doc = kr_document_new(a, a_len);
    kr_diagnostics_free(kr_linter_run(l, doc));
    cr_assert_eq(kr_document_edit(doc, 0, a_len, b, b_len), 0);
    kr_diagnostics *ds = kr_linter_run(l, doc);
    char *two = rule_render_in_order(ds), *one = one_thread(b, b_len);
    assert_same(two, one, "after the replacement");
    free(two);
    free(one);
    kr_diagnostics_free(ds);
    /* a small edit after it: no thread, the same answer as ever */
    cr_assert_eq(kr_document_edit(doc, 10, 10, "bgrns ", 6), 0);
    ds = kr_linter_run(l, doc);
    size_t len;
    const char *now = kr_document_text(doc, &len);
    two = rule_render_in_order(ds);
    one = one_thread(now, len);
    assert_same(two, one, "after a small edit");
    free(two);
    free(one);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(l);
    free(a);
    free(b);
}

Test(prefetch, a_thread_stopped_at_once_is_joined_and_freed)
{
    size_t len;
    char *text = ocr_text("tests/fixtures/demo.ocr.txt", 300 * 1024, false, &len);
    for (int i = 0; i < 20; i++)
        kr_prefetch_end(kr_prefetch_begin(lex, text, len, (size_t)i * 1000, len));
    cr_assert_null(kr_prefetch_begin(lex, text, len, 10, 10), "nothing to read, no thread");
    cr_assert_null(kr_prefetch_begin(NULL, text, len, 0, len), "no lexicon, no searches");
    kr_prefetch_end(NULL);
    free(text);
}
