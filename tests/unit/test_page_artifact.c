/* test_page_artifact.c — the rule `page-artifact` as a user sees it: a running
 * header (the title with `Side N`) or a bare page number inside the text is
 * removed with the blank lines it brought, joining a paragraph it interrupted;
 * page numbers and `Side` inside sentences are left alone. Every text here is
 * written for the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "korrektur/korrektur.h"

static kr_lexicon *lex;
static kr_linter *linter;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    linter = kr_linter_new(NULL, lex);
    cr_assert_not_null(linter);
}

static void teardown(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

TestSuite(page_artifact, .init = setup, .fini = teardown);

/* The text with this rule's preferred fixes applied (new); *count receives how
 * many diagnostics the rule gave. */
static char *fixed(const char *text, size_t *count)
{
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    cr_assert_not_null(ds);
    kr_edit edits[16];
    size_t n = 0;
    *count = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), "page-artifact") != 0)
            continue;
        (*count)++;
        const kr_fix *f = kr_diagnostic_preferred_fix(d);
        cr_assert_not_null(f);
        for (size_t k = 0; k < kr_fix_edit_count(f) && n < 16; k++)
            edits[n++] = *kr_fix_edit(f, k);
    }
    size_t out_len;
    char *out = kr_edits_apply(text, strlen(text), edits, n, &out_len);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    return out;
}

static void assert_fix(const char *text, const char *want)
{
    size_t c;
    char *got = fixed(text, &c);
    cr_assert_eq(c, 1, "one diagnostic expected for %s, got %zu", text, c);
    cr_assert_str_eq(got, want);
    free(got);
}

static void assert_untouched(const char *text)
{
    size_t c;
    char *got = fixed(text, &c);
    cr_assert_eq(c, 0, "no diagnostic expected for %s, got %zu", text, c);
    cr_assert_str_eq(got, text);
    free(got);
}

#define HEAD "Ulighed i skolen\n\nSpørgsmål:\n\nHvad gør vi?\n\nSvar:\n\n"

Test(page_artifact, header_between_paragraphs_keeps_one_break)
{
    assert_fix(HEAD "Vi gør meget.\n\n\nUlighed i skolen Side 2\n\nOg vi gør mere.\n",
               HEAD "Vi gør meget.\n\nOg vi gør mere.\n");
}

Test(page_artifact, header_interrupting_a_paragraph_joins_it)
{
    assert_fix(HEAD "Vi gør meget for at\n\nUlighed i skolen Side 2\n\nhjælpe alle elever.\n",
               HEAD "Vi gør meget for at\nhjælpe alle elever.\n");
}

Test(page_artifact, header_inside_a_hyphenated_word_joins_it)
{
    assert_fix(HEAD "Vi gør meget for ele-\n\nUlighed i skolen Side 3\n\nverne.\n",
               HEAD "Vi gør meget for ele-\nverne.\n");
}

Test(page_artifact, header_with_ocr_damage_matches_the_title)
{
    assert_fix(HEAD "Vi gør meget.\nUlighed i skolcn Side 2\nOg vi gør mere.\n",
               HEAD "Vi gør meget.\nOg vi gør mere.\n");
}

Test(page_artifact, bare_page_number)
{
    assert_fix(HEAD "Vi gør meget for at\n\n2\n\nhjælpe alle elever.\n",
               HEAD "Vi gør meget for at\nhjælpe alle elever.\n");
}

Test(page_artifact, page_number_between_dashes_at_the_end)
{
    assert_fix(HEAD "Vi gør meget.\n\n- 3 -\n", HEAD "Vi gør meget.\n");
}

Test(page_artifact, side_n_af_m_alone)
{
    assert_fix(HEAD "Vi gør meget.\n\nSide 2 af 4\n\nOg mere.\n",
               HEAD "Vi gør meget.\n\nOg mere.\n");
}

Test(page_artifact, number_inside_a_paragraph_stays)
{
    assert_untouched(HEAD "Antallet af elever er\n42\nog det stiger.\n");
}

Test(page_artifact, side_inside_a_sentence_stays)
{
    assert_untouched(HEAD "Se skemaet på den anden side 2 gange.\n");
    assert_untouched(HEAD "Vi læste om det\nForskellige forhold Side 4\nog mere til.\n");
}

Test(page_artifact, document_without_headers_gets_nothing)
{
    assert_untouched(HEAD "Vi gør meget.\n\nOg vi gør mere.\n");
}
