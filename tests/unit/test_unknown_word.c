/* test_unknown_word.c — the rule `unknown-word`: a word neither the dictionary
 * nor a repair explains is a hint without a fix (never a warning, never
 * changed by `fix`); known words, repairable damage, acronyms and code are not
 * reported by it. Sentences are written for this test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "spell_support.h"

#define RULE "unknown-word"

static void setup(void)
{
    spell_setup("Qwrtzik");
}

TestSuite(unknown_word, .init = setup, .fini = spell_teardown);

Test(unknown_word, unknown_word_is_a_hint_without_fix)
{
    const char *text = SPELL_WITH_AE "Projektet hedder Zbrvoxel i år.\n";
    spell_result r = spell_run(text, RULE);
    cr_assert_eq(r.count, 1, "%s", r.subjects);
    cr_assert_str_eq(r.subjects, "Zbrvoxel");
    cr_assert_eq(r.hints, 1);
    cr_assert_eq(r.fixes, 0);
    cr_assert_str_eq(r.fixed, text);
    spell_result_free(&r);
}

Test(unknown_word, known_words_and_acronyms_are_not_reported)
{
    spell_result r = spell_run(SPELL_WITH_AE "Børnene bruger LDAP og IT hver dag.\n", RULE);
    cr_assert_eq(r.count, 0, "%s", r.subjects);
    spell_result_free(&r);
}

Test(unknown_word, repairable_damage_is_left_to_the_repair_rules)
{
    spell_result r = spell_run(SPELL_NO_AE "De bgrnene leger.\n", RULE);
    cr_assert_eq(r.count, 0, "%s", r.subjects);
    spell_result_free(&r);
}

Test(unknown_word, user_dictionary_silences_it)
{
    spell_result r = spell_run(SPELL_WITH_AE "Vi bruger Qwrtzik.\n", RULE);
    cr_assert_eq(r.count, 0, "%s", r.subjects);
    spell_result_free(&r);
}

Test(unknown_word, urls_and_paths_are_not_reported)
{
    spell_result r = spell_run(SPELL_WITH_AE "Se https://zbrvoxel.dk/ og /usr/zbrvoxel.\n", RULE);
    cr_assert_eq(r.count, 0, "%s", r.subjects);
    spell_result_free(&r);
}
