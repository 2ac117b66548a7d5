/* test_term_consistency.c — the rule `term-consistency` as a user sees it: variants
 * of a declared term (OCR, lost æøå, case, hyphen breaks, inflection, URLs,
 * multi-word terms) are restored to the declared spelling with the variant's
 * inflection and case pattern; correct forms and merely similar words are left
 * alone; within a document, a garbled spelling of a capitalised word written
 * correctly elsewhere is made consistent. An edit re-scans only the blocks it
 * touched: what the other blocks hold (a term's words across a block boundary,
 * the usual spelling of a name) still counts as in a fresh lint. Every sentence
 * is written for the test. */
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

Test(term_consistency, leaves_names_with_a_capital_inside_alone)
{
    /* FileSystem is a service's name beside the Danish word; an I inside a
     * word is still what OCR makes of an l or an h (KøbenIavn) */
    static const char *const none[] = {NULL};
    const char *t = "Tjenesten FileSystem (Filsystem) kopierer filer. Se Filsystem igen.\n";
    check(none, t, 0, t);
    check(none,
          "Forvaltningen i København svarer. Borgere i KøbenIavn kan skrive til "
          "forvaltningen.\n",
          1,
          "Forvaltningen i København svarer. Borgere i København kan skrive til "
          "forvaltningen.\n");
}

/* ---- after edits: only the touched blocks are scanned again --------------------- */

/* Lints doc incrementally and afresh: the rule must say the same in both; returns
 * how many diagnostics it gave. */
static size_t lint_both(kr_linter *l, kr_document *doc)
{
    return rule_lint_both(l, doc, RULE, RULE, "after the edit");
}

/* Replaces the first `from` in doc's text with `to`. */
static void replace(kr_document *doc, const char *from, const char *to)
{
    size_t len;
    const char *t = kr_document_text(doc, &len);
    const char *at = strstr(t, from);
    cr_assert_not_null(at, "no %s in the text", from);
    size_t s = (size_t)(at - t);
    cr_assert_eq(kr_document_edit(doc, s, s + strlen(from), to, strlen(to)), 0);
}

static kr_linter *linter_with(const char *const *terms)
{
    kr_config *cfg = kr_config_new();
    if (terms) {
        kr_config_clear_terms(cfg);
        for (size_t i = 0; terms[i]; i++)
            kr_config_add_term(cfg, terms[i]);
    }
    kr_linter *l = kr_linter_new(cfg, lex);
    kr_config_free(cfg);
    return l;
}

Test(term_consistency, a_variant_added_or_removed_in_another_block_is_seen)
{
    static const char *const none[] = {NULL};
    kr_linter *l = linter_with(none);
    const char *text = "Spørgsmål:\n\nProgrammet Abecedario lærer børn bogstaver. Abecedario er "
                       "gratis, og Abecedario kører på skolens maskiner.\n\nSvar:\n\nStart "
                       "programmet fra menuen.\n\nSkolen har mange maskiner.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    cr_assert_eq(lint_both(l, doc), 0);
    replace(doc, "programmet fra", "Abecedarlo fra"); /* the only variant, far away */
    cr_assert_eq(lint_both(l, doc), 1);
    replace(doc, "og Abecedario kører", "og den kører"); /* the usual spelling loses a use */
    cr_assert_eq(lint_both(l, doc), 0);
    replace(doc, "og den kører", "og Abecedario kører");
    cr_assert_eq(lint_both(l, doc), 1);
    replace(doc, "Abecedarlo fra", "programmet fra"); /* the variant goes again */
    cr_assert_eq(lint_both(l, doc), 0);
    kr_document_free(doc);
    kr_linter_free(l);
}

Test(term_consistency, a_declared_term_variant_comes_and_goes_with_an_edit)
{
    kr_linter *l = linter_with(NULL);
    const char *text = "Kommunen deltager.\n\nVi har meldt os ind i Småbørnsløftet.\n\nSvar:\n\n"
                       "Planen bygger paa Småbørnsløftet.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    cr_assert_eq(lint_both(l, doc), 0);
    replace(doc, "paa Småbørnsløftet", "paa Smabornsloftet");
    cr_assert_eq(lint_both(l, doc), 1);
    replace(doc, "Kommunen", "Kommunerne i regionen"); /* the block before moves the rest */
    cr_assert_eq(lint_both(l, doc), 1);
    replace(doc, "ind i Småbørnsløftet", "ind i Smabgrnslgftet");
    cr_assert_eq(lint_both(l, doc), 2);
    replace(doc, "paa Smabornsloftet", "paa Småbørnsløftet");
    cr_assert_eq(lint_both(l, doc), 1);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* The words of a term in two blocks: the first block's scan reads the next one,
 * so an edit there changes what the unchanged first block reports. */
Test(term_consistency, a_term_across_two_blocks_follows_an_edit_in_the_second)
{
    kr_linter *l = linter_with(region);
    const char *text = "Det gælder for Region\n\nHovedstadcn og andre.\n\nOg mere.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    size_t first = lint_both(l, doc);
    replace(doc, "Hovedstadcn", "Hovedstaden");
    lint_both(l, doc);
    replace(doc, "Hovedstaden", "Sjælland");
    cr_assert_eq(lint_both(l, doc), 0);
    replace(doc, "Sjælland", "Hovedstadcn");
    cr_assert_eq(lint_both(l, doc), first);
    replace(doc, "Og mere", "Og meget mere"); /* an edit after both */
    cr_assert_eq(lint_both(l, doc), first);
    kr_document_free(doc);
    kr_linter_free(l);
}

Test(term_consistency, a_hyphen_break_and_a_web_address_follow_edits_around_them)
{
    kr_linter *l = linter_with(NULL);
    const char *text = "Regionen tilslutter sig ”Små-\nbørnsløftet” uden udgifter.\n\nLæs mere på "
                       "(https://smabegrnsigftet.dk/) i dag.\n\nTak.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    cr_assert_eq(lint_both(l, doc), 2);
    replace(doc, "Tak.", "Tak for svaret.");
    cr_assert_eq(lint_both(l, doc), 2);
    replace(doc, "smabegrnsigftet", "småbørnsløftet");
    cr_assert_eq(lint_both(l, doc), 1);
    replace(doc, "Små-\nbørnsløftet", "Småbørnsløftet");
    cr_assert_eq(lint_both(l, doc), 0);
    replace(doc, "Regionen", "Sma-\nbarnslgftets region");
    cr_assert_eq(lint_both(l, doc), 1);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* Random edits to a document of many short blocks with variants, names and a
 * two-word term broken over blocks and lines: each lint says what a fresh one
 * says (the edits hit the blocks around them, and blocks that read or claim
 * past their end). */
static void random_edits(const char *const *terms)
{
    static const char *const pieces[] = {
        "Region Hovedstaden svarer.\n\n",
        "Det gælder for Region\n\nHovedstadcn og andre.\n\n",
        "Vi har meldt os ind i Smabornsloftet.\n\n",
        "Programmet Abecedario kører.\n\n",
        "Start Abecedarlo fra menuen.\n\n",
        "Regionen tilslutter sig ”Små-\nbørnsløftet”.\n\n",
        "Læs på https://smabegrnsigftet.dk/ i dag.\n\n",
        "Spørgsmål:\n\n",
        "Svar:\n\n",
        "Region Hovedsta-\ndcn og Region\nHovedstadcns borgere.\n\n"};
    static const char *const ins[] = {"a",
                                      " ",
                                      "\n",
                                      "\n\n",
                                      "-\n",
                                      "Region ",
                                      "Hovedstadcn ",
                                      "Abecedario ",
                                      "Abecedarlo ",
                                      "Smabornsloftet "};
    size_t n_pieces = sizeof pieces / sizeof *pieces, n_ins = sizeof ins / sizeof *ins;
    char text[16384] = "";
    unsigned seed = 7;
    for (int i = 0; i < 60; i++) {
        seed = seed * 1103515245u + 12345u;
        strcat(text, pieces[(seed >> 8) % n_pieces]);
    }
    kr_linter *l = linter_with(terms);
    kr_document *doc = kr_document_new(text, strlen(text));
    lint_both(l, doc);
    for (int step = 0; step < 150; step++) {
        size_t len;
        kr_document_text(doc, &len);
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 4) % (len + 1);
        seed = seed * 1103515245u + 12345u;
        if ((seed >> 8) % 3 == 0 && at + 3 <= len) {
            kr_document_edit(doc, at, at + 1 + (seed >> 12) % 3, "", 0);
        } else {
            const char *s = ins[(seed >> 12) % n_ins];
            kr_document_edit(doc, at, at, s, strlen(s));
        }
        lint_both(l, doc);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

/* with a term of two words, blocks read past their end: each lint walks them all */
Test(term_consistency, random_edits_match_a_fresh_lint)
{
    random_edits(region);
}

/* with one-word terms, only the blocks around an edit are looked at */
Test(term_consistency, random_edits_with_one_word_terms_match_a_fresh_lint)
{
    random_edits(NULL);
}

/* ---- the pairs' bounds --------------------------------------------------------------
 * The rule refuses most pairs of spellings by lower bounds before the confusion
 * distance; the pairs it keeps must be exactly those the full comparison finds. */
bool kr_term_consistency_pair_agrees(const char *a, size_t an, const char *b, size_t bn, int *cost);

/* A garbling of w in place (at most cap bytes): a confusion the OCR makes, a
 * letter replaced, dropped or added, or a capital, chosen by the seed. */
static void garble(char *w, size_t cap, unsigned *seed)
{
    static const char *const swaps[][2] = {
        {"ø", "o"}, {"ø", "g"},  {"ø", "e"},  {"ø", "oe"}, {"å", "a"},  {"å", "aa"}, {"æ", "ae"},
        {"æ", "e"}, {"æ", "ee"}, {"m", "rn"}, {"rn", "m"}, {"l", "i"},  {"i", "l"},  {"d", "cl"},
        {"e", "c"}, {"u", "ii"}, {"h", "li"}, {"t", "f"},  {"w", "vv"}, {"o", "e"}};
    static const char letters[] = "abdeghiklmnoprstuvy";
    size_t n = strlen(w);
    *seed = *seed * 1103515245u + 12345u;
    unsigned r = *seed >> 8;
    char out[256];
    size_t at = n ? r / 7 % n : 0;
    while (at > 0 && ((unsigned char)w[at] & 0xC0) == 0x80)
        at--; /* not inside a character */
    switch (r % 5) {
    case 0:
    case 1: { /* a confusion, where its truth occurs */
        const char *t = swaps[r / 13 % (sizeof swaps / sizeof swaps[0])][0];
        const char *o = swaps[r / 13 % (sizeof swaps / sizeof swaps[0])][1];
        char *p = strstr(w, t);
        if (!p || n - strlen(t) + strlen(o) >= cap)
            return;
        size_t k = (size_t)(p - w);
        snprintf(out, sizeof out, "%.*s%s%s", (int)k, w, o, p + strlen(t));
        break;
    }
    case 2: /* a letter replaced (an ASCII one only) */
        if ((unsigned char)w[at] >= 0x80)
            return;
        w[at] = letters[r / 11 % (sizeof letters - 1)];
        return;
    case 3: { /* a letter dropped */
        size_t len = 1;
        while (at + len < n && ((unsigned char)w[at + len] & 0xC0) == 0x80)
            len++;
        if (n - len < 7)
            return;
        memmove(w + at, w + at + len, n - at - len + 1);
        return;
    }
    default: /* a letter added */
        if (n + 2 >= cap)
            return;
        snprintf(out, sizeof out, "%.*s%c%s", (int)at, w, letters[r / 11 % (sizeof letters - 1)],
                 w + at);
        break;
    }
    if (strlen(out) < cap)
        strcpy(w, out);
}

Test(term_consistency, bounded_pairs_equal_the_full_comparison)
{
    static const char *const bases[] = {"Småbørnsløftet",      "Spørgsmål",
                                        "Kommunalbestyrelsen", "Hovedstaden",
                                        "Sundhedsstyrelsen",   "Børneudvalget",
                                        "Læringsmiljøet",      "Frederiksberg",
                                        "Miljøministeriet",    "Undervisningsministeriet",
                                        "Københavns",          "Arbejdsmarkedet"};
    enum { PER_BASE = 14, N = (int)(sizeof bases / sizeof bases[0]) * PER_BASE };
    static char words[N][96];
    unsigned seed = 12345;
    size_t n = 0;
    for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++)
        for (int k = 0; k < PER_BASE; k++, n++) {
            strcpy(words[n], bases[b]);
            int edits = k % 4; /* 0..3 garblings: some within reach, most not */
            for (int e = 0; e < edits; e++)
                garble(words[n], sizeof words[n], &seed);
        }
    size_t within = 0, compared = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            if (i == j || strcmp(words[i], words[j]) == 0)
                continue;
            int cost;
            bool same = kr_term_consistency_pair_agrees(words[i], strlen(words[i]), words[j],
                                                        strlen(words[j]), &cost);
            cr_assert(same, "»%s« read as »%s«: the bounds disagree with the full comparison",
                      words[i], words[j]);
            compared++;
            within += cost > 0;
        }
    cr_assert_gt(within, 300, "only %zu of %zu pairs within reach: a weak test", within, compared);
}

/* ---- the declared terms' bounds -----------------------------------------------------
 * A word of about a term's length is compared with the term only when the pair
 * bounds let it by; the answer (cost and inflection) must be the distance's. */
bool kr_term_consistency_word_agrees(const char *tw, const char *w, bool inflect, int *cost);

Test(term_consistency, bounded_term_words_equal_the_distance)
{
    static const char *const terms[] = {"Småbørnsløftet", "Hovedstaden",    "Region",
                                        "Børneudvalget",  "Læringsmiljøet", "EU"};
    static const char *const others[] = {"Cykelstier",     "Borgerrådgivningen", "henvendelser",
                                         "forvaltningens", "Samarbejdet",        "LTSP-klienter",
                                         "planlægningen",  "Kommunalbestyrelsen"};
    static const char *const tails[] = {"", "s", "'s", "’s", "es"};
    unsigned seed = 4242;
    size_t within = 0, over = 0;
    for (size_t t = 0; t < sizeof terms / sizeof terms[0]; t++)
        for (int k = 0; k < 240; k++) {
            char w[128];
            /* garblings of the term (0..7 steps: within the budget and beyond), and
             * of other words of about its length */
            const char *from =
                k % 3 == 2 ? others[k / 3 % (sizeof others / sizeof others[0])] : terms[t];
            snprintf(w, sizeof w, "%s%s", from, tails[k / 7 % (sizeof tails / sizeof tails[0])]);
            for (int e = 0; e < k % 8; e++)
                garble(w, 96, &seed);
            for (int inflect = 0; inflect < 2; inflect++) {
                int cost;
                cr_assert(kr_term_consistency_word_agrees(terms[t], w, inflect, &cost),
                          "»%s« read as »%s«: the bounds disagree with the distance", terms[t], w);
                if (cost >= 0)
                    within++;
                else
                    over++;
            }
        }
    cr_assert_gt(within, 400, "only %zu words within reach: a weak test", within);
    cr_assert_gt(over, 400, "only %zu words out of reach: a weak test", over);
}
