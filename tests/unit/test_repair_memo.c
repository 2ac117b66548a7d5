/* test_repair_memo.c — the repair engine remembers its searches across lints in
 * one process (server/confusion.c). What a user would notice if that memo were
 * wrong: a word added to the dictionary not becoming a repair, or one document's
 * evidence deciding another document's diagnostics. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "korrektur/korrektur.h"
#include "spell_support.h"

static kr_lexicon *lex;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    cr_assert_null(kr_lexicon_error(lex), "data missing: %s", kr_lexicon_error(lex));
}

static void teardown(void)
{
    kr_lexicon_free(lex);
}

TestSuite(repair_memo, .init = setup, .fini = teardown);

/* Does a fresh linter over `lex` offer `want` as a fix of `rule` in text? */
static bool offers(const char *text, const char *rule, const char *want)
{
    kr_linter *lt = kr_linter_new(NULL, lex);
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(lt, doc);
    cr_assert_not_null(ds);
    bool found = false;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), rule) != 0)
            continue;
        for (size_t k = 0; k < kr_diagnostic_fix_count(d); k++) {
            const kr_fix *f = kr_diagnostic_fix(d, k);
            for (size_t e = 0; e < kr_fix_edit_count(f); e++) {
                const kr_edit *ed = kr_fix_edit(f, e);
                found |= ed->len == strlen(want) && memcmp(ed->text, want, ed->len) == 0;
            }
        }
    }
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(lt);
    return found;
}

static void sentence(char *buf, size_t cap, const char *para, const char *word)
{
    snprintf(buf, cap, "Titel\n\n%sHun skrev at %s kom med i brevet i dag.\n", para, word);
}

Test(repair_memo, a_word_the_user_adds_becomes_a_repair_in_the_next_lint)
{
    char text[1024];
    sentence(text, sizeof text, SPELL_NO_AE, "kvabgrg");
    cr_assert(!offers(text, "ocr-confusion", "kvabørg"), "not a word yet");
    kr_lexicon_add_word(lex, "kvabørg", strlen("kvabørg"));
    cr_assert(offers(text, "ocr-confusion", "kvabørg"),
              "the search remembered from before the word was added must not be reused");
}

Test(repair_memo, each_document_weighs_the_same_word_by_its_own_evidence)
{
    char lost[1024], kept[1024];
    sentence(lost, sizeof lost, SPELL_NO_AE, "skolevaesenet");
    sentence(kept, sizeof kept, SPELL_WITH_AE, "skolevaesenet");
    /* text that lost its æøå: the word lacks them too; text that kept them: a
     * rare word merely without æøå is no proof of damage */
    cr_assert(offers(lost, "missing-diacritics", "skolevæsenet"));
    cr_assert(!offers(kept, "missing-diacritics", "skolevæsenet"));
    cr_assert(offers(lost, "missing-diacritics", "skolevæsenet"), "the same answer again");
    cr_assert(!offers(kept, "missing-diacritics", "skolevæsenet"), "the same answer again");
}
