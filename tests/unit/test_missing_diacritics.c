/* test_missing_diacritics.c — the rule `missing-diacritics`: words written
 * without æ, ø or å are restored (a for å, o for ø, ae/oe/aa spellings), place
 * names that keep aa stay, and words that are real words without æøå (bade/både,
 * far/får) are only touched when the whole document lost its æøå — with the
 * fix preferred only when the æøå word is much the likelier. Sentences are
 * written for this test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "spell_support.h"

#define RULE "missing-diacritics"

static void setup(void)
{
    spell_setup(NULL);
}

TestSuite(missing_diacritics, .init = setup, .fini = spell_teardown);

static void assert_fixes(const char *text, const char *want, size_t count)
{
    spell_result r = spell_run(text, RULE);
    cr_assert_eq(r.count, count, "expected %zu diagnostics, got %zu: %s", count, r.count,
                 r.subjects);
    cr_assert_str_eq(r.fixed, want);
    spell_result_free(&r);
}

Test(missing_diacritics, a_for_a_ring)
{
    assert_fixes(SPELL_NO_AE "De sma hjem ligger pa bakken.\n",
                 SPELL_NO_AE "De små hjem ligger på bakken.\n", 2);
}

Test(missing_diacritics, o_for_o_slash_and_a_for_a_ring_in_one_word)
{
    assert_fixes(SPELL_NO_AE "Hele omradet skal kores rundt.\n",
                 SPELL_NO_AE "Hele området skal køres rundt.\n", 2);
}

Test(missing_diacritics, ae_spelling)
{
    assert_fixes(SPELL_NO_AE "Alle laerere kom.\n", SPELL_NO_AE "Alle lærere kom.\n", 1);
}

Test(missing_diacritics, aa_spelling)
{
    assert_fixes(SPELL_NO_AE "Vi tog paa tur.\n", SPELL_NO_AE "Vi tog på tur.\n", 1);
}

Test(missing_diacritics, capital_at_sentence_start)
{
    assert_fixes(SPELL_NO_AE "Pa mandag kommer de.\n", SPELL_NO_AE "På mandag kommer de.\n", 1);
}

Test(missing_diacritics, place_names_with_aa_are_kept)
{
    assert_fixes(SPELL_NO_AE "Vi kommer fra Aalborg og Aarhus.\n",
                 SPELL_NO_AE "Vi kommer fra Aalborg og Aarhus.\n", 0);
}

Test(missing_diacritics, real_word_fixed_when_the_document_lost_its_ae_oe_aa)
{
    assert_fixes(SPELL_NO_AE "Vi kan maske komme bade i dag og i morgen.\n",
                 SPELL_NO_AE "Vi kan måske komme både i dag og i morgen.\n", 2);
}

Test(missing_diacritics, rare_real_words_are_read_as_their_common_ae_oe_aa_words)
{
    /* Abner (a name), miler (miles), las (a rag), losning (unloading); fer and
     * lees: ø and æ misread */
    assert_fixes(SPELL_NO_AE "Abner du mappen, miler den tiden. Fer du gemmer, Lees og las den.\n"
                             "En losning kan vente.\n",
                 SPELL_NO_AE "Åbner du mappen, måler den tiden. Før du gemmer, Læs og lås den.\n"
                             "En løsning kan vente.\n",
                 6);
}

Test(missing_diacritics, rare_words_beside_common_ones_read_as_the_common_ones)
{
    /* star (sedge), sorger (sorrows), stader, gran (spruce: ø read as a) */
    assert_fixes(SPELL_NO_AE
                 "Hvad star der, nar han sorger for det og stader ind i en gran farve?\n",
                 SPELL_NO_AE "Hvad st\xC3\xA5r der, n\xC3\xA5r han s\xC3\xB8rger for det og "
                             "st\xC3\xB8"
                             "der ind i en gr\xC3\xB8n farve?\n",
                 5);
}

Test(missing_diacritics, rare_words_of_one_trade_read_as_everyday_verbs_and_nouns)
{
    /* setter (a dog), trek (a journey), fas (a bevel), haj (a shark), ger and
     * ker (no standard words) */
    assert_fixes(SPELL_NO_AE "Han setter et trek i filen, som fas her. Ger det nu, ker en haj "
                             "kurve.\n",
                 SPELL_NO_AE "Han s\xC3\xA6tter et tr\xC3\xA6k i filen, som f\xC3\xA5s her. "
                             "G\xC3\xB8r det nu, k\xC3\xB8r en h\xC3\xB8j kurve.\n",
                 6);
}

Test(missing_diacritics, a_latin_word_read_as_the_genitive_of_aar)
{
    /* ars (Latin: art) is in the dictionary; Danish prose means års */
    assert_fixes(SPELL_NO_AE "Efter tre ars arbejde er den klar.\n",
                 SPELL_NO_AE "Efter tre \xC3\xA5rs arbejde er den klar.\n", 1);
}

Test(missing_diacritics, words_in_capitals_get_their_letters_back_in_capitals)
{
    assert_fixes(SPELL_NO_AE "Regnearkets FORSTE og STORSTE kolonne, ikke DNS eller STRING.\n",
                 SPELL_NO_AE "Regnearkets FØRSTE og STØRSTE kolonne, ikke DNS eller STRING.\n", 2);
}

Test(missing_diacritics, words_in_capitals_untouched_in_a_document_with_ae_oe_aa)
{
    const char *text = SPELL_WITH_AE "Kør FORSTE og STORSTE på filen.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, ambiguous_real_word_is_flagged_without_a_preferred_fix)
{
    const char *text = SPELL_NO_AE "Han far en kage.\n";
    spell_result r = spell_run(text, RULE);
    cr_assert_eq(r.count, 1, "%s", r.subjects);
    cr_assert_eq(r.preferred, 0);
    cr_assert(strstr(r.offers, "får") != NULL);
    cr_assert_str_eq(r.fixed, text);
    spell_result_free(&r);
}

Test(missing_diacritics, usual_word_is_never_flagged)
{
    assert_fixes(SPELL_NO_AE "Det er for sent.\n", SPELL_NO_AE "Det er for sent.\n", 0);
}

/* for, sorg and tomme are the usual words alone; beside a clause's subject, in
 * `sørg for`, after `at` or a modal verb only the æøå word fits */
Test(missing_diacritics, real_words_told_apart_by_the_words_beside_them)
{
    assert_fixes(
        SPELL_NO_AE "Gem teksten for du lukker den. For man starter, sorg for, at du "
                    "skrive. Er den fuld, sa sorg for at tomme kurven. Du kan andre deres navne, "
                    "som ikke kan andres. Den vil automatisk tomme alle filer, som for var fulde. "
                    "Den rade firkant ser red ud.\n",
        SPELL_NO_AE "Gem teksten før du lukker den. Før man starter, sørg for, at du "
                    "skrive. Er den fuld, så sørg for at tømme kurven. Du kan ændre deres navne, "
                    "som ikke kan ændres. Den vil automatisk tømme alle filer, som før var fulde. "
                    "Den røde firkant ser rød ud.\n",
        12);
}

Test(missing_diacritics, the_usual_word_where_its_neighbours_allow_it)
{
    /* a comma before `for du` may begin a clause of its own (because …); `for
     * de` is a preposition; tomme after a noun is the adjective */
    const char *text = SPELL_NO_AE "Vi venter, for du kommer. Det er for de fleste. "
                                   "Kassen er tomme kasser. Han bad om sorg for alle. "
                                   "Det betyder, at andre kan se dem og andres filer.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, neighbours_do_not_count_in_a_document_with_ae_oe_aa)
{
    const char *text = SPELL_WITH_AE "Læs teksten for du gemmer den.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, real_words_untouched_in_a_document_with_ae_oe_aa)
{
    const char *text = SPELL_WITH_AE "Vi kan maske bade i havet, og far kommer.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, words_without_ae_in_a_document_with_them_need_evidence)
{
    /* sed would be sæd or sød, but this text writes its æøå: a command name */
    const char *text = SPELL_WITH_AE "Kør sed på filen.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, command_names_before_an_option_are_left_alone)
{
    /* sed would be sæd: before -i or --in-place it is the command */
    const char *text = SPELL_NO_AE "Skriv sed -i fil.txt eller sed --in-place i skallen.\n";
    assert_fixes(text, text, 0);
}

Test(missing_diacritics, a_word_before_a_compound_half_is_still_checked)
{
    /* -knappen is the rest of a compound whose icon the text leaves out */
    assert_fixes(SPELL_NO_AE "Tryk pa -knappen og sa videre.\n",
                 SPELL_NO_AE "Tryk på -knappen og så videre.\n", 2);
}

Test(missing_diacritics, compound_whose_last_part_lost_its_a_ring)
{
    /* tegn + omrade: the repaired compound is in no dictionary, its tail is */
    assert_fixes(SPELL_NO_AE "Klik i tegnomrade for at skrive.\n",
                 SPELL_NO_AE "Klik i tegnområde for at skrive.\n", 1);
}

Test(missing_diacritics, compound_whose_first_part_lost_its_o_slash)
{
    /* oplosnings + grad: the compound splitter accepts the damage, the head
     * alone (without its linking s) is plainly opløsning */
    assert_fixes(SPELL_NO_AE "Vi skal hente oplosningsgrad fra filen.\n",
                 SPELL_NO_AE "Vi skal hente opløsningsgrad fra filen.\n", 1);
}

Test(missing_diacritics, compound_of_sound_words_is_untouched)
{
    /* opstart + svalg would read as svælg, but opstarts + valg is sound; a mask
     * (maske) inside a compound is never the adverb måske */
    assert_fixes(SPELL_NO_AE "Vi bruger opstartsvalg og en lagmaske hver dag.\n",
                 SPELL_NO_AE "Vi bruger opstartsvalg og en lagmaske hver dag.\n", 0);
}

Test(missing_diacritics, no_repair_into_a_compound_through_a_short_part)
{
    /* præ + boot, præ + link: a short word joins anything, so these ad-hoc
     * compounds prove nothing; the English terms stay */
    assert_fixes(SPELL_NO_AE "Brug preboot og prelink her.\n",
                 SPELL_NO_AE "Brug preboot og prelink her.\n", 0);
}

Test(missing_diacritics, compound_repaired_in_a_long_part_or_beside_a_long_word)
{
    /* nøgle + fil, søge + felt: the repaired part is a word of 4 letters or
     * more; præ + betalte: a short part beside a long dictionary word */
    assert_fixes(SPELL_NO_AE "Gem noglefil og sogefelt som prebetalte data.\n",
                 SPELL_NO_AE "Gem nøglefil og søgefelt som præbetalte data.\n", 3);
}

Test(missing_diacritics, a_word_behind_a_verb_prefix_is_left_alone)
{
    /* af + markeret: a word the dictionary lacks, whose repairs would be
     * nonsense compounds (af + mår + keret); ind + sætter is a common word, so
     * indsetter is still repaired */
    assert_fixes(SPELL_NO_AE "Feltet er afmarkeret, og han indsetter data.\n",
                 SPELL_NO_AE "Feltet er afmarkeret, og han indsætter data.\n", 1);
}

Test(missing_diacritics, short_english_words_in_text_without_ae_oe_aa_are_untouched)
{
    /* or → ør, get → gæt would be cheap repairs into Danish words, but short
     * English words are the commonest ones of an English passage */
    assert_fixes(SPELL_NO_AE "Klik pa knappen, or run it to get help.\n",
                 SPELL_NO_AE "Klik på knappen, or run it to get help.\n", 1);
}

Test(missing_diacritics, a_common_word_the_dictionary_lacks_is_not_made_a_rare_compound)
{
    /* porteret is in the list of common words though not in the dictionary:
     * portæret and portøret are only ad-hoc compounds, no likelier reading */
    assert_fixes(SPELL_NO_AE "Koden er porteret til Linux, og de sma filer ligger pa disken.\n",
                 SPELL_NO_AE "Koden er porteret til Linux, og de små filer ligger på disken.\n", 2);
}

Test(missing_diacritics, colours_among_colours_get_their_letters_back)
{
    /* rad, gren, red, bla are words of their own; among colours they are
     * colours (colours.def), also when the neighbour is damaged too (gron) or
     * a suspended compound (gran-); a rider who red hjem stays one */
    assert_fixes(
        SPELL_NO_AE "Tre komponenter: R (Rad), G (Gren) og B (Bla). Farvetoner (red, gron, "
                    "bla osv.) og den rede, gran- og gule. Han red hjem.\n",
        SPELL_NO_AE "Tre komponenter: R (Rød), G (Grøn) og B (Blå). Farvetoner (rød, grøn, "
                    "blå osv.) og den røde, grøn- og gule. Han red hjem.\n",
        8);
}

Test(missing_diacritics, a_rare_word_that_is_a_common_one_without_its_ae)
{
    /* kraver is a dictionary word, but a rare one beside kræver; skanner is
     * rare too, but skønner, an ø away, is no likelier for it */
    assert_fixes(SPELL_NO_AE "Det kraver mere tid, og en skanner er dyr.\n",
                 SPELL_NO_AE "Det kræver mere tid, og en skanner er dyr.\n", 1);
}
