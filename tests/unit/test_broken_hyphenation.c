/* test_broken_hyphenation.c — the rule `broken-hyphenation` as a user sees it:
 * words a typesetter broke at a line end are joined (the rest of the next line
 * follows, indentation and CRLF handled), while real hyphens (numbers, acronyms,
 * names, compounds of two words, suspended compounds) stay untouched. Every
 * sentence here is written for the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "hyphen_adapter.h"
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

TestSuite(broken_hyphenation, .init = setup, .fini = teardown);

#define RULE "broken-hyphenation"

/* The text after applying this rule's preferred fixes (new, free()); *count
 * receives how many diagnostics the rule gave. */
static char *fixed(const char *text, size_t *count)
{
    size_t c;
    char *out = rule_fix_text(linter, text, RULE, &c, NULL);
    if (count)
        *count = c;
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

/* Across a page header the join is offered (a quick fix in the editor) but not
 * applied by `fix`: it moves text past the header. Checks the single fix. */
static void assert_offered(const char *text, const char *want)
{
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    size_t found = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), RULE) != 0)
            continue;
        found++;
        cr_assert_null(kr_diagnostic_preferred_fix(d), "a join across a page is not preferred");
        cr_assert_eq(kr_diagnostic_fix_count(d), 1);
        const kr_fix *f = kr_diagnostic_fix(d, 0);
        kr_edit e[4];
        size_t n = 0, out_len;
        for (size_t k = 0; k < kr_fix_edit_count(f) && k < 4; k++)
            e[n++] = *kr_fix_edit(f, k);
        char *got = kr_edits_apply(text, strlen(text), e, n, &out_len);
        cr_assert_str_eq(got, want);
        free(got);
    }
    cr_assert_eq(found, 1, "one diagnostic expected for %s", text);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
}

static void assert_untouched(const char *text)
{
    size_t c;
    char *got = fixed(text, &c);
    cr_assert_eq(c, 0, "no diagnostic expected for %s, got %zu", text, c);
    cr_assert_str_eq(got, text);
    free(got);
}

/* ---- joined ----------------------------------------------------------------- */

Test(broken_hyphenation, joins_a_word_and_keeps_the_rest_of_the_next_line)
{
    assert_fix("Kommunen har flere igangvæ-\nrende projekter om trivsel.\n",
               "Kommunen har flere igangværende projekter om trivsel.\n");
}

Test(broken_hyphenation, joins_a_capitalised_word)
{
    assert_fix("Titel\n\nKommu-\nnen svarer inden fredag.\n",
               "Titel\n\nKommunen svarer inden fredag.\n");
}

Test(broken_hyphenation, removes_crlf_and_indentation_of_the_next_line)
{
    assert_fix("Vi vil under-\r\nsøge sagen nøje.\r\n", "Vi vil undersøge sagen nøje.\r\n");
    assert_fix("Det er en vig-  \n    tig sag for borgerne.\n",
               "Det er en vigtig sag for borgerne.\n");
}

Test(broken_hyphenation, keeps_punctuation_after_the_word)
{
    assert_fix("Planen gælder for alle kommu-\nner, også de små.\n",
               "Planen gælder for alle kommuner, også de små.\n");
}

Test(broken_hyphenation, joins_a_url_split_in_its_scheme)
{
    /* no other https in the document to go by: the scheme itself says it */
    assert_fix("Se overblikket (htt-\nps://www.debian.org/releases/) i dag.\n",
               "Se overblikket (https://www.debian.org/releases/) i dag.\n");
    assert_fix("Filen ligger på ht-\ntp://ftp.debian.org/ nu.\n",
               "Filen ligger på http://ftp.debian.org/ nu.\n");
}

Test(broken_hyphenation, leaves_an_emoji_after_the_word_whole)
{
    /* the second half ends at the emoji: a fix that took one of its bytes along
     * would leave invalid UTF-8 behind */
    assert_fix("Tak for et godt samar-\nbejde😀 i år.\n", "Tak for et godt samarbejde😀 i år.\n");
    assert_fix("Det fælles samar-\nbejde🚲\n", "Det fælles samarbejde🚲\n");
}

Test(broken_hyphenation, joins_halves_garbled_by_ocr)
{
    /* the repair engine respells the joined word in the same fix */
    assert_fix("Vi stotter de igangvee-\nrende tiltag i regionen.\n",
               "Vi stotter de igangværende tiltag i regionen.\n");
}

Test(broken_hyphenation, joins_with_the_letter_ocr_lost_at_the_left_edge)
{
    /* the second line's first letter was not read: dialoger, not diaoger */
    assert_fix("Skriftstørrelsen til dia-\noger er 12 punkter.\n",
               "Skriftstørrelsen til dialoger er 12 punkter.\n");
}

Test(broken_hyphenation, a_lost_letter_needs_one_dictionary_word)
{
    /* an English word is joined as it is (rejfer is Danish); so is a join
     * that more than one letter makes a word (lampen, lappen) */
    assert_fix("Se afsnittet about how to re-\nfer i manualen.\n",
               "Se afsnittet about how to refer i manualen.\n");
    assert_fix("Han tog la-\npen med hjem.\n", "Han tog lapen med hjem.\n");
}

Test(broken_hyphenation, no_lost_letter_is_guessed_without_the_english_list)
{
    /* the list tells re-⏎fer (refer, not rejfer) from dia-⏎oger; without it
     * (loaded once per process, so set before the first break asks) the join
     * stays as written */
    setenv("KR_ENGLISH_WORDS", "/nonexistent/korrektur-english", 1);
    assert_fix("Skriftstørrelsen til dia-\noger er 12 punkter.\n",
               "Skriftstørrelsen til diaoger er 12 punkter.\n");
    unsetenv("KR_ENGLISH_WORDS");
}

Test(broken_hyphenation, joins_a_first_part_with_its_joining_s_that_looks_english)
{
    /* partitions is an English plural, but partition + s before a Danish word
     * is a Danish compound; Windows- keeps its hyphen */
    assert_fix("Kontrol af den aktuelle partitions-\nstørrelse er gjort.\n",
               "Kontrol af den aktuelle partitionsstørrelse er gjort.\n");
    assert_untouched("Det er kun til Windows-\nsystemer i dag.\n");
}

Test(broken_hyphenation, joins_technical_tokens_the_typesetter_broke)
{
    assert_fix("Sæt LC_AL-\nL=C i miljøet.\n", "Sæt LC_ALL=C i miljøet.\n");
    assert_fix("Kør kommandoen »u-\nname -a« på maskinen.\n",
               "Kør kommandoen »uname -a« på maskinen.\n");
    assert_fix("Der findes i386- og am-\nd64-pakker i arkivet.\n",
               "Der findes i386- og amd64-pakker i arkivet.\n");
}

Test(broken_hyphenation, joins_a_path_broken_after_its_separator)
{
    assert_fix("Søg i kataloget med dc=skole,dc=-\nno som base.\n",
               "Søg i kataloget med dc=skole,dc=no som base.\n");
}

Test(broken_hyphenation, offers_a_word_in_capitals_across_a_page_header)
{
    assert_offered("Farverummet (sRG-\n\nFarver og filtre Side 3\n\nB) bruges her.\n",
                   "Farverummet (sRGB)\n\nFarver og filtre Side 3\n\nbruges her.\n");
}

Test(broken_hyphenation, joins_when_the_document_writes_the_word_whole)
{
    assert_fix("Filen cron-at-night styrer det. Ret /etc/cron-at-nigh-\nt/cron.conf bagefter.\n",
               "Filen cron-at-night styrer det. Ret /etc/cron-at-night/cron.conf bagefter.\n");
}

Test(broken_hyphenation, joins_across_a_blank_line_left_by_ocr)
{
    assert_fix("Maskinen har en lo-\n\nkal disk med data.\n",
               "Maskinen har en lokal disk med data.\n");
}

Test(broken_hyphenation, offers_a_join_across_a_page_header_and_leaves_the_header)
{
    assert_offered(
        "Brug et program til at redi-\n\nVejledning om skoler Side 2\n\ngere filen nu.\n",
        "Brug et program til at redigere\n\nVejledning om skoler Side 2\n\nfilen nu.\n");
}

/* ---- left alone --------------------------------------------------------------- */

Test(broken_hyphenation, keeps_hyphens_after_acronyms_and_numbers)
{
    assert_untouched("Alle EU-\nborgere kan søge om støtte.\n");
    assert_untouched("Hvis mange LTSP-\nklienter starter samtidig, bliver nettet langsomt.\n");
    assert_untouched("Vi har testet 2.0-\nserien grundigt.\n");
    assert_untouched("Maskiner med i586-\nprocessorer understøttes ikke.\n");
}

Test(broken_hyphenation, keeps_compounds_of_a_name_and_a_word)
{
    assert_untouched("Vi har mange Windows-\nsystemer på skolerne.\n");
}

Test(broken_hyphenation, keeps_a_capital_after_the_hyphen)
{
    assert_untouched("Rejsen gik til Nord-\nAmerika i sommer.\n");
}

Test(broken_hyphenation, joins_a_name_in_code_broken_before_a_capital)
{
    /* camel case going on after the break, or a name hanging on code
     * punctuation: code names have no hyphens */
    assert_fix("Kald Get-\nRowHeight i makroen.\n", "Kald GetRowHeight i makroen.\n");
    assert_fix("Kald doc.Save-\nAs(url) bagefter.\n", "Kald doc.SaveAs(url) bagefter.\n");
}

Test(broken_hyphenation, keeps_the_hyphen_after_a_short_name_the_document_uses_alone)
{
    /* Ubu is a name here (written alone too): a short name keeps its hyphen */
    assert_untouched("Vi bruger Ubu hver dag. Hele Ubu-\narkitekturen er ny.\n");
}

Test(broken_hyphenation, never_joins_suspended_compounds)
{
    assert_untouched("Der er gode lærings-\nog udviklingsmuligheder i projektet.\n");
    assert_untouched("Det gælder både sundheds-\neller socialområdet.\n");
    assert_untouched("Det gælder både sundheds-\nsamt socialområdet.\n");
}

Test(broken_hyphenation, keeps_hyphens_the_document_writes_elsewhere)
{
    assert_untouched("Gruppen shutdown-at-night styrer det. Tilføj maskinen til shutdown-at-\n"
                     "night hver uge.\n");
}

Test(broken_hyphenation, keeps_a_hyphen_after_a_word_the_document_uses_alone)
{
    assert_untouched("Feltet uid skal udfyldes. Kontrollér alle uid-\nposter i kataloget.\n");
}

Test(broken_hyphenation, keeps_an_existing_hyphen_before_a_word)
{
    assert_untouched("Programmet apt-\nlist-changes viser nyhederne.\n");
}

Test(broken_hyphenation, keeps_the_hyphen_after_a_prefix_the_document_hyphenates_elsewhere)
{
    /* the package names are "task-" names: the broken one is one of them */
    assert_untouched("Vælg mellem pakkerne task-desktop, task-\n"
                     "minimalserver og task-server efter behov.\n");
    /* … but a fragment the document never writes before a hyphen is joined,
     * even when the joined word is unknown */
    assert_fix("Vælg mellem pakkerne task-desktop og tas-\n"
               "minimalserver efter behov.\n",
               "Vælg mellem pakkerne task-desktop og tasminimalserver efter behov.\n");
}

Test(broken_hyphenation, keeps_the_hyphen_between_words_of_a_chain)
{
    /* strøm-til-spænding: the second half goes on with a hyphen, so it is a
     * whole part; a name broken inside stays a name to join */
    assert_untouched("Den virker som en strøm-\ntil-spænding-omformer i kredsen.\n");
    assert_fix("Tilføj linjen til /etc/ssh/sshd_con-\nfig-fil på maskinen.\n",
               "Tilføj linjen til /etc/ssh/sshd_config-fil på maskinen.\n");
}

/* Breaks in a row take each other's halves in text order: the first join
 * claims the second break's first half. The rule decides a break inside one
 * block apart from one across a blank line (its two parts, which an editor
 * runs at different times), yet the order stays the text's: tre-dje is
 * joined, and dje- is no longer there to join with what follows the gap. The
 * same in an editor's lint and on the command line. */
Test(broken_hyphenation, breaks_in_a_row_are_decided_in_text_order)
{
    static const char text[] = "Spørgsmål:\n\nDet er tre-\ndje-\n\ndel af det.\n";
    kr_document *doc = kr_document_new(text, sizeof text - 1);
    for (int incremental = 0; incremental < 2; incremental++) {
        kr_diagnostics *ds =
            incremental ? kr_linter_run(linter, doc) : kr_linter_run_full(linter, doc);
        cr_assert_eq(rule_count(ds, RULE), 1);
        cr_assert_not_null(rule_find(ds, RULE, "tredje"));
        kr_diagnostics_free(ds);
    }
    kr_document_free(doc);
}

Test(broken_hyphenation, keeps_the_hyphen_of_a_file_name_in_a_path)
{
    /* manual + translations is a compound to the dictionary, not in a path;
     * a Danish word broken inside a path is still joined */
    assert_untouched("Se filen /usr/share/doc/skole/README.skole-manual-\n"
                     "translations for flere sprog.\n");
    assert_fix("Se filen /usr/share/doc/skole/README.skole-installa-\n"
               "tionsvejledning for flere sprog.\n",
               "Se filen /usr/share/doc/skole/README.skole-installationsvejledning for flere "
               "sprog.\n");
}

Test(broken_hyphenation, keeps_a_hyphen_before_an_abbreviation_without_vowels)
{
    assert_untouched("Installer pakken slbackup-\nphp på serveren.\n");
}

Test(broken_hyphenation, ignores_dashes_and_paragraph_ends)
{
    assert_untouched("Det er sådan -\nmen kun i dag.\n");
    assert_untouched("Vi taler om sundheds-\n\nNæste afsnit handler om andet.\n");
}

/* ---- the adapter ---------------------------------------------------------------- */

Test(broken_hyphenation, hyphenation_patterns_give_legal_points)
{
    cr_assert_null(kr_hyphen_error());
    const char *w = "igangværende"; /* igang-væ-ren-de */
    cr_assert(kr_hyphen_legal(w, strlen(w), strlen("igangvæ")));
    cr_assert(!kr_hyphen_legal(w, strlen(w), strlen("igangv")));
    cr_assert(!kr_hyphen_legal(w, strlen(w), 0));
    cr_assert(kr_hyphen_legal("Kommunen", 8, 5)); /* kom-mu-nen: case does not matter */
}
