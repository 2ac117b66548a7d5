/* test_fix_rounds.c — kr_linter_fix, what `korrektur fix` does: preferred fixes
 * applied until nothing changes, composed into one set of edits on the original. */
#include <criterion/criterion.h>
#include <string.h>

#include "korrektur/korrektur.h"

static kr_lexicon *lex;
static kr_linter *linter;

static void setup(void)
{
    lex = kr_lexicon_new();
    linter = kr_linter_new(NULL, lex);
}

static void teardown(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

TestSuite(fix_rounds, .init = setup, .fini = teardown);

static char *fix(const char *text, size_t *n_edits)
{
    kr_document *doc = kr_document_new(text, strlen(text));
    size_t n, len;
    kr_edit *e = kr_linter_fix(linter, doc, NULL, NULL, &n);
    for (size_t i = 1; i < n; i++)
        cr_assert(e[i - 1].end <= e[i].start, "edits overlap or are out of order");
    char *out = kr_edits_apply(text, strlen(text), e, n, &len);
    kr_edits_free(e, n);
    kr_document_free(doc);
    if (n_edits)
        *n_edits = n;
    return out;
}

/* A page header inside a hyphenated word: removing the header (round one) lets
 * the halves meet, and joining them (round two) must be part of the same fix. */
Test(fix_rounds, a_header_inside_a_word_is_removed_and_the_word_joined)
{
    const char *text = "Cykelstier ved skolerne\nSpørgsmål:\nHvornår bliver de nye "
                       "cykelstier færdige, og hvem har ansvaret for ele-\n\nCykelstier "
                       "ved skolerne Side 2\n\nverne på vejen?\n\nSvar:\nDe bliver "
                       "færdige til sommer.\n";
    char *once = fix(text, NULL);
    cr_assert(strstr(once, "ansvaret for eleverne på vejen?") != NULL, "got:\n%s", once);
    cr_assert(strstr(once, "Side 2") == NULL, "the header survived:\n%s", once);
    size_t more;
    char *twice = fix(once, &more);
    cr_assert_str_eq(twice, once, "fixing the fixed text changed it again");
    cr_assert_eq(more, 0);
    free(once);
    free(twice);
}

/* Correct text gives no edits at all. */
Test(fix_rounds, correct_text_gives_no_edits)
{
    size_t n;
    char *out = fix("Svar på spørgsmål\nSpørgsmål:\nHvad koster det?\n\nSvar:\nDet koster "
                    "ingenting for borgerne.\n",
                    &n);
    cr_assert_eq(n, 0);
    free(out);
}
