/* test_page_artifact.c — the rule `page-artifact` as a user sees it: a running
 * header (the title with `Side N`) or a bare page number inside the text is
 * removed with the blank lines it brought, joining a paragraph it interrupted;
 * page numbers and `Side` inside sentences are left alone. Every text here is
 * written for the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "korrektur/korrektur.h"
#include "rule_support.h"

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
 * many diagnostics the rule gave, every one of which must carry a preferred fix. */
static char *fixed(const char *text, size_t *count)
{
    size_t unpreferred;
    char *out = rule_fix_text(linter, text, "page-artifact", count, &unpreferred);
    cr_assert_eq(unpreferred, 0, "a page-artifact diagnostic without a preferred fix");
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

/* A text that is nothing but a page number still ends with its line break after
 * the fix (fuzz_document found the fix emptying the file). */
Test(page_artifact, a_text_of_only_a_page_number_keeps_its_final_break)
{
    assert_fix("1\n\n", "\n");
    assert_fix("\n\n1\n", "\n");
    assert_fix("1\r\n\r\n", "\r\n");
}

/* A page number on the first line after a byte-order mark goes, the mark stays. */
Test(page_artifact, a_byte_order_mark_before_the_header_stays)
{
    assert_fix("\xEF\xBB\xBF"
               "2\n\nTekst her.\n",
               "\xEF\xBB\xBF"
               "Tekst her.\n");
    assert_fix("\xEF\xBB\xBF"
               "1\n\n",
               "\xEF\xBB\xBF\n");
}
