/* test_term_consistency.c — the rule `term-consistency` as a user sees it: variants
 * of a declared term (OCR, lost æøå, case, hyphen breaks, inflection, URLs,
 * multi-word terms) are restored to the declared spelling with the variant's
 * inflection and case pattern; correct forms and merely similar words are left
 * alone; within a document, a garbled spelling of a capitalised word written
 * correctly elsewhere is made consistent. Every sentence is written for the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "korrektur/korrektur.h"
#include "rule_support.h"

static kr_lexicon *lex;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
}

static void teardown(void)
{
    kr_lexicon_free(lex);
}

TestSuite(term_consistency, .init = setup, .fini = teardown);

#define RULE "term-consistency"

/* The text after this rule's preferred fixes under `terms` (NULL: the default
 * configuration); *count receives the rule's diagnostics. New, free(). */
static char *fixed_with(const char *const *terms, const char *text, size_t *count)
{
    kr_config *cfg = kr_config_new();
    if (terms) {
        kr_config_clear_terms(cfg);
        for (size_t i = 0; terms[i]; i++)
            kr_config_add_term(cfg, terms[i]);
    }
    kr_linter *linter = kr_linter_new(cfg, lex);
    size_t c;
    char *out = rule_fix_text(linter, text, RULE, &c, NULL);
    kr_linter_free(linter);
    kr_config_free(cfg);
    *count = c;
    return out;
}

static void check(const char *const *terms, const char *text, size_t want_count, const char *want)
{
    size_t c;
    char *got = fixed_with(terms, text, &c);
    cr_assert_eq(c, want_count, "%zu diagnostics expected for %s, got %zu", want_count, text, c);
    cr_assert_str_eq(got, want);
    free(got);
}

#define FIX(text, want) check(NULL, text, 1, want)
#define UNTOUCHED(text) check(NULL, text, 0, text)

static const char *const region[] = {"Småbørnsløftet", "Region Hovedstaden", NULL};

/* ---- the default term ------------------------------------------------------------ */

Test(term_consistency, restores_an_ocr_garbled_term)
{
    FIX("Kommunen deltager i Smabgrnslgftet fra i år.\n",
        "Kommunen deltager i Småbørnsløftet fra i år.\n");
    FIX("Vi har meldt os ind i ”Smabernsleftet”.\n", "Vi har meldt os ind i ”Småbørnsløftet”.\n");
}

Test(term_consistency, restores_a_term_without_its_diacritics)
{
    FIX("Planen bygger paa Smabornsloftet.\n", "Planen bygger paa Småbørnsløftet.\n");
}

Test(term_consistency, keeps_the_inflection_of_the_variant)
{
    FIX("Smabgrnslaftets mål er klare.\n", "Småbørnsløftets mål er klare.\n");
}

Test(term_consistency, keeps_all_capitals_and_fixes_lower_case)
{
    UNTOUCHED("OVERSKRIFT OM SMÅBØRNSLØFTET\n");
    FIX("OVERSKRIFT OM SMABORNSLOFTET\n", "OVERSKRIFT OM SMÅBØRNSLØFTET\n");
    FIX("Vi taler om småbørnsløftet i dag.\n", "Vi taler om Småbørnsløftet i dag.\n");
}

Test(term_consistency, joins_a_term_broken_by_a_line_end_hyphen)
{
    FIX("Regionen tilslutter sig alliancen ”Små-\nbørnsløftet” uden udgifter.\n",
        "Regionen tilslutter sig alliancen ”Småbørnsløftet” uden udgifter.\n");
    FIX("Regionen tilslutter sig ”Sma-\nbarnslgftets” mål.\n",
        "Regionen tilslutter sig ”Småbørnsløftets” mål.\n");
}

Test(term_consistency, restores_the_term_inside_a_web_address)
{
    FIX("Læs mere på (https://smabegrnsigftet.dk/) i dag.\n",
        "Læs mere på (https://småbørnsløftet.dk/) i dag.\n");
    UNTOUCHED("Læs mere på https://småbørnsløftet.dk/ i dag.\n");
}

Test(term_consistency, leaves_correct_forms_alone)
{
    UNTOUCHED("Småbørnsløftet og ”Småbørnsløftets” sekretariat svarer.\n");
}

Test(term_consistency, leaves_similar_but_different_words_alone)
{
    UNTOUCHED("Mange småbørnsfamilier får hjælp, og løftet holdes.\n");
    UNTOUCHED("Storbørnsløftet er et andet initiativ.\n");
}

/* ---- declared terms from the configuration ------------------------------------ */

Test(term_consistency, restores_a_multi_word_term_word_by_word)
{
    check(region, "Det gælder for Regi0n Hovedstadcn og andre.\n", 1,
          "Det gælder for Region Hovedstaden og andre.\n");
    check(region, "Det gælder for region hovedstaden og andre.\n", 1,
          "Det gælder for Region Hovedstaden og andre.\n");
}

Test(term_consistency, keeps_the_line_break_between_the_words_of_a_term)
{
    check(region, "Det gælder for Region\nHovedstadcns borgere.\n", 1,
          "Det gælder for Region\nHovedstadens borgere.\n");
    check(region, "Det gælder for Region Hovedsta-\ndcn og andre.\n", 1,
          "Det gælder for Region Hovedstaden og andre.\n");
}

Test(term_consistency, leaves_other_regions_and_correct_forms_alone)
{
    check(region, "Region Sjælland og Region Hovedstaden samarbejder.\n", 0,
          "Region Sjælland og Region Hovedstaden samarbejder.\n");
}

Test(term_consistency, leaves_the_ordinary_word_behind_a_term_alone)
{
    static const char *const skat[] = {"Skat", NULL};
    check(skat, "Vi betaler skat og skriver til Skat.\n", 0,
          "Vi betaler skat og skriver til Skat.\n");
    check(skat, "Vi skriver til SKAT i dag.\n", 0, "Vi skriver til SKAT i dag.\n");
}

Test(term_consistency, follows_the_configured_terms_only)
{
    static const char *const other[] = {"Skolelinux", NULL};
    check(other, "Vi bruger Skolelinnx og Smabgrnslgftet.\n", 1,
          "Vi bruger Skolelinux og Smabgrnslgftet.\n");
}

/* ---- undeclared spellings within one document ------------------------------------ */

Test(term_consistency, makes_a_garbled_capitalised_word_consistent)
{
    static const char *const none[] = {NULL};
    check(none,
          "Forvaltningen i København svarer. Borgere i Kabenhavn kan skrive til "
          "forvaltningen.\n",
          1,
          "Forvaltningen i København svarer. Borgere i København kan skrive til "
          "forvaltningen.\n");
}

Test(term_consistency, follows_a_dominant_spelling_of_an_unknown_name)
{
    static const char *const none[] = {NULL};
    check(none,
          "Programmet Abecedario lærer børn bogstaver. Abecedario er gratis, og "
          "Abecedario kører på skolens maskiner. Start Abecedarlo fra menuen.\n",
          1,
          "Programmet Abecedario lærer børn bogstaver. Abecedario er gratis, og "
          "Abecedario kører på skolens maskiner. Start Abecedario fra menuen.\n");
}

Test(term_consistency, leaves_different_names_and_lone_spellings_alone)
{
    static const char *const none[] = {NULL};
    const char *t = "Hansen og Jensen skrev til Abecedario og Abecedarlo.\n";
    check(none, t, 0, t);
}
