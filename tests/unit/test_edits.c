/* test_edits.c — applying fixes: bytes outside the edits never change, CRLF stays
 * CRLF, overlapping edits are skipped, a fix with several edits lands whole or not
 * at all, and fixing with the real linter is idempotent: fix(fix(x)) == fix(x). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "korrektur/korrektur.h"

static kr_edit ed(size_t s, size_t e, const char *t)
{
    return (kr_edit){s, e, t, strlen(t)};
}

static char *apply(const char *text, const kr_edit *e, size_t n)
{
    size_t len;
    char *out = kr_edits_apply(text, strlen(text), e, n, &len);
    cr_assert_not_null(out);
    cr_assert_eq(strlen(out), len);
    return out;
}

Test(edits, replaces_only_inside_the_edits)
{
    const char *t = "de sma bgrns vej";
    kr_edit e[] = {ed(7, 12, "børns"), ed(3, 6, "små")};
    char *out = apply(t, e, 2);
    cr_assert_str_eq(out, "de små børns vej");
    free(out);
}

Test(edits, no_edits_copies_the_text)
{
    const char *t = "uændret\r\ntekst";
    char *out = apply(t, NULL, 0);
    cr_assert_str_eq(out, t);
    free(out);
}

Test(edits, crlf_is_kept_around_edits)
{
    const char *t = "Spergsmal:\r\nvii de\r\n";
    kr_edit e[] = {ed(0, 10, "Spørgsmål:"), ed(12, 15, "vi i")};
    char *out = apply(t, e, 2);
    cr_assert_str_eq(out, "Spørgsmål:\r\nvi i de\r\n");
    free(out);
}

Test(edits, joining_a_hyphenated_word_across_crlf)
{
    const char *t = "igangvæ-\r\nrende arbejde\r\n";
    /* join: delete "-\r\n" and move nothing else */
    kr_edit e[] = {ed(strlen("igangvæ"), strlen("igangvæ-\r\n"), "")};
    char *out = apply(t, e, 1);
    cr_assert_str_eq(out, "igangværende arbejde\r\n");
    free(out);
}

Test(edits, overlapping_edit_is_skipped_not_merged)
{
    const char *t = "abcdefgh";
    kr_edit e[] = {ed(2, 5, "X"), ed(4, 6, "Y"), ed(6, 7, "Z")};
    char *out = apply(t, e, 3);
    cr_assert_str_eq(out, "abXfZh");
    free(out);
}

Test(edits, two_insertions_at_one_point_keep_the_first)
{
    kr_edit e[] = {ed(1, 1, "1"), ed(1, 1, "2")};
    char *out = apply("ab", e, 2);
    cr_assert_str_eq(out, "a1b");
    free(out);
}

Test(edits, insertion_right_after_a_replacement_is_kept)
{
    kr_edit e[] = {ed(0, 2, "AB"), ed(2, 2, " ")};
    char *out = apply("abcd", e, 2);
    cr_assert_str_eq(out, "AB cd");
    free(out);
}

Test(edits, edit_past_the_end_is_ignored)
{
    kr_edit e[] = {ed(2, 9, "X"), ed(0, 1, "A")};
    char *out = apply("abc", e, 2);
    cr_assert_str_eq(out, "Abc");
    free(out);
}

/* ---- preferred fixes of a diagnostics list ---------------------------------- */

static kr_diagnostic *diag(kr_diagnostics *l, size_t s, size_t e)
{
    return kr_diagnostics_add(l, "test-rule", KR_SEV_WARNING, s, e, "besked");
}

static kr_fix *fix(kr_diagnostics *l, kr_diagnostic *d, bool preferred)
{
    return kr_diagnostic_add_fix(l, d, "Ret", preferred);
}

static void edit(kr_diagnostics *l, kr_fix *f, size_t s, size_t e, const char *t)
{
    kr_fix_add_edit(l, f, s, e, t, strlen(t));
}

static char *apply_preferred(kr_diagnostics *l, const char *t)
{
    kr_diagnostics_sort(l);
    size_t len;
    char *out = kr_diagnostics_apply_preferred(l, t, strlen(t), &len);
    cr_assert_not_null(out);
    return out;
}

Test(edits, only_preferred_fixes_are_applied)
{
    const char *t = "far for mal";
    kr_diagnostics *l = kr_diagnostics_new();
    kr_fix *other = fix(l, diag(l, 0, 3), false);
    edit(l, other, 0, 3, "får");
    kr_fix *f = fix(l, diag(l, 8, 11), true);
    edit(l, f, 8, 11, "mål");
    char *out = apply_preferred(l, t);
    cr_assert_str_eq(out, "far for mål");
    free(out);
    kr_diagnostics_free(l);
}

Test(edits, a_fix_with_several_edits_lands_whole)
{
    /* a term fix that touches both halves of a hyphen-split word */
    const char *t = "Sma-\nbgrnsloftet er godt";
    kr_diagnostics *l = kr_diagnostics_new();
    kr_fix *f = fix(l, diag(l, 0, 16), true);
    edit(l, f, 0, 3, "Små");
    edit(l, f, 5, 16, "børnsløftet");
    char *out = apply_preferred(l, t);
    cr_assert_str_eq(out, "Små-\nbørnsløftet er godt");
    free(out);
    kr_diagnostics_free(l);
}

Test(edits, a_fix_clashing_with_an_earlier_one_is_left_out_whole)
{
    const char *t = "aaaa bbbb cccc";
    kr_diagnostics *l = kr_diagnostics_new();
    kr_fix *f1 = fix(l, diag(l, 0, 4), true);
    edit(l, f1, 5, 9, "BBBB");
    /* the second fix has one free edit and one that overlaps f1: none may land */
    kr_fix *f2 = fix(l, diag(l, 1, 4), true);
    edit(l, f2, 0, 4, "AAAA");
    edit(l, f2, 7, 12, "XX");
    char *out = apply_preferred(l, t);
    cr_assert_str_eq(out, "aaaa BBBB cccc");
    free(out);
    kr_diagnostics_free(l);
}

Test(edits, a_fix_that_overlaps_itself_is_left_out_whole)
{
    const char *t = "abcdef";
    kr_diagnostics *l = kr_diagnostics_new();
    kr_fix *f = fix(l, diag(l, 0, 6), true);
    edit(l, f, 0, 2, "X");
    edit(l, f, 1, 3, "Y");
    edit(l, f, 4, 5, "Z");
    char *out = apply_preferred(l, t);
    cr_assert_str_eq(out, t, "a partly applied fix would give a mixed text: %s", out);
    free(out);
    kr_diagnostics_free(l);
}

Test(edits, insertion_after_another_fix_keeps_both_fixes_whole)
{
    /* fix 1 replaces [0,3); fix 2 inserts at 3 and replaces [4,5) */
    const char *t = "vii de";
    kr_diagnostics *l = kr_diagnostics_new();
    kr_fix *f1 = fix(l, diag(l, 0, 3), true);
    edit(l, f1, 0, 3, "vi");
    kr_fix *f2 = fix(l, diag(l, 3, 5), true);
    edit(l, f2, 3, 3, " i");
    edit(l, f2, 4, 5, "D");
    char *out = apply_preferred(l, t);
    cr_assert_str_eq(out, "vi i De");
    free(out);
    kr_diagnostics_free(l);
}

Test(edits, preferred_edits_are_sorted_and_disjoint)
{
    kr_diagnostics *l = kr_diagnostics_new();
    for (size_t i = 0; i < 20; i++) {
        size_t s = (i * 7) % 40;
        kr_fix *f = fix(l, diag(l, s, s + 3), true);
        edit(l, f, s, s + 3, "x");
    }
    kr_diagnostics_sort(l);
    kr_edit *e;
    size_t n = kr_diagnostics_preferred_edits(l, &e);
    cr_assert_gt(n, 0);
    for (size_t i = 1; i < n; i++)
        cr_assert_leq(e[i - 1].end, e[i].start, "edits %zu and %zu overlap", i - 1, i);
    free(e);
    kr_diagnostics_free(l);
}

/* ---- with the real linter ----------------------------------------------------- */

static kr_lexicon *lex;

static void lex_setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    cr_assert_null(kr_lexicon_error(lex), "data missing: %s", kr_lexicon_error(lex));
}

static void lex_teardown(void)
{
    kr_lexicon_free(lex);
}

/* Lints and applies every preferred fix; checks that bytes outside the edits are
 * those of the input. New. */
static char *fix_once(kr_linter *lt, const char *text, size_t len, size_t *out_len)
{
    kr_document *doc = kr_document_new(text, len);
    kr_diagnostics *ds = kr_linter_run(lt, doc);
    cr_assert_not_null(ds);
    kr_edit *e;
    size_t n = kr_diagnostics_preferred_edits(ds, &e);
    char *out = kr_edits_apply(text, len, e, n, out_len);
    /* walk the edits: the gaps between them are copied bytes */
    size_t pos = 0, o = 0;
    for (size_t i = 0; i < n; i++) {
        cr_assert_leq(pos, e[i].start);
        size_t gap = e[i].start - pos;
        cr_assert(memcmp(out + o, text + pos, gap) == 0, "bytes before edit %zu changed", i);
        o += gap + e[i].len;
        pos = e[i].end;
    }
    cr_assert_eq(*out_len - o, len - pos);
    cr_assert(memcmp(out + o, text + pos, len - pos) == 0, "bytes after the last edit changed");
    free(e);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    return out;
}

static const char *const damaged[] = {
    "Cykelstier i kommunen\n\nSpergsmal:\n\nHvordan far de sma bgrn en sikker vej til "
    "skole, og vii de 0og forzeldrene blive hart?\n\nSvar:\n\nArbejdet er igangvee-\nrende, "
    "og \"Smabgrnslgftet\" skal veere med.\n",
    "Titel\r\n\r\nSpørgsmål:\r\n\r\nKan man sege om tilskud pa omradet?\r\n\r\nSvar:\r\n\r\n"
    "e Ja, ansegningen skal sendes inden udgangen af maneden, og den behand-\r\nles "
    "hurtigt.\r\n\r\nTitel Side 2\r\n\r\nDet er en del af Sma-\r\nbørnsløftet.\r\n",
    "\xEF\xBB\xBF"
    "Hjælp til bgrn\n\nSvar:\n\nVi vil gerne hjzelpe 😀 med lzerings- og "
    "udviklingsmuligheder pa skolerne.\n",
};

Test(edits_linter, fix_is_idempotent_and_touches_only_its_edits, .init = lex_setup,
     .fini = lex_teardown)
{
    kr_linter *lt = kr_linter_new(NULL, lex);
    for (size_t i = 0; i < sizeof damaged / sizeof *damaged; i++) {
        size_t n1, n2;
        char *once = fix_once(lt, damaged[i], strlen(damaged[i]), &n1);
        char *twice = fix_once(lt, once, n1, &n2);
        cr_assert(n1 == n2 && memcmp(once, twice, n1) == 0,
                  "text %zu: fix(fix(x)) != fix(x)\n--- once:\n%s\n--- twice:\n%s", i, once, twice);
        /* CRLF stays CRLF: the fix adds no bare LF to a CRLF text */
        if (strstr(damaged[i], "\r\n")) {
            for (size_t k = 0; k < n1; k++)
                if (once[k] == '\n')
                    cr_assert(k > 0 && once[k - 1] == '\r', "text %zu: bare LF at %zu", i, k);
        }
        free(once);
        free(twice);
    }
    kr_linter_free(lt);
}

Test(edits_linter, invalid_utf8_is_reported_and_never_changed, .init = lex_setup,
     .fini = lex_teardown)
{
    kr_linter *lt = kr_linter_new(NULL, lex);
    const char t[] = "Sm\xe5 b\xf8rn\n";
    kr_document *doc = kr_document_new(t, sizeof t - 1);
    kr_diagnostics *ds = kr_linter_run(lt, doc);
    size_t enc = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), "encoding") == 0) {
            enc++;
            cr_assert_eq(kr_diagnostic_severity(d), KR_SEV_ERROR);
            cr_assert_eq(kr_diagnostic_fix_count(d), 0);
        }
    }
    cr_assert_eq(enc, 2, "one diagnostic per bad byte run");
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(lt);
}
