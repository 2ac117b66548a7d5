/* test_lexicon.c — the lexicon as a rule writer relies on it: Danish inflections
 * and compounds are known, OCR garbage is not, case works as in hunspell, the
 * forbidden spellings stay forbidden, user words are honoured, the common-word
 * prior is there, and several threads can share one lexicon. */
#include "korrektur/lexicon.h"
#include "lexicon_internal.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
    lex = NULL;
}

static unsigned look(const char *w)
{
    return kr_lexicon_lookup(lex, w, strlen(w));
}

static bool known(const char *w)
{
    return kr_lexicon_known(lex, w, strlen(w));
}

#define assert_known(w) cr_assert(known(w), "%s should be known", w)
#define assert_unknown(w) cr_assert(!known(w), "%s should be unknown", w)

TestSuite(lexicon, .init = setup, .fini = teardown);

Test(lexicon, inflected_forms_are_known)
{
    const char *words[] = {"børns",   "området", "børnene", "huset",   "husene",
                           "skrevet", "gik",     "større",  "største", "kommunens"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_known(words[i]);
}

Test(lexicon, ocr_garbage_is_unknown)
{
    const char *words[] = {"bgrns", "omradet", "veere", "xyzqw", "0og", "sma1", "hvilkct"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_unknown(words[i]);
}

Test(lexicon, compounds_of_known_parts_are_known)
{
    /* None of these is in da_DK as a whole word; hunspell accepts them all as
     * compounds, and so must we. */
    const char *words[] = {"småbørnsfamilier", "vidensdelingsnetværk", "forskningsmæssigt",
                           "Småbørnsløftets",  "SMÅBØRNSLØFTET",       "børnehaveklasseleder"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_known(words[i]);
    /* A compound of garbage stays garbage. */
    assert_unknown("bgrnsfamilier");
    assert_unknown("småbgrnsfamilier");
}

Test(lexicon, compounds_are_marked_as_such)
{
    unsigned v = look("småbørnsløftet");
    cr_assert_eq(v & (KR_LEX_KNOWN | KR_LEX_COMPOUND), KR_LEX_KNOWN | KR_LEX_COMPOUND);
    cr_assert_eq(look("børns") & KR_LEX_COMPOUND, 0);
    cr_assert(look("børns") & KR_LEX_KNOWN);
}

Test(lexicon, compounds_hunspell_refuses_stay_unknown)
{
    /* A REP-misspelling of a dictionary word is no compound (eksis ~ ekses,
     * kaffemaskin- ~ kaffemaskinen), and a joining form never ends a word. */
    assert_unknown("eksis");
    assert_unknown("kaffemaskinej");
    assert_unknown("husvivarie");
    assert_known("husvivarium");
}

Test(lexicon, hyphens_and_numbers_as_in_hunspell)
{
    assert_known("IT-system");
    assert_known("hus-båd");
    assert_unknown("bgrns-hus");
    assert_known("2023");
    assert_known("12,5");
    assert_unknown("1..2");
}

Test(lexicon, agrees_with_hunspell_on_a_sample)
{
    const char *words[] = {"børns",
                           "bgrns",
                           "området",
                           "omradet",
                           "udbygves",
                           "Småbørnsløftets",
                           "McEnroe",
                           "MCENROE",
                           "mcenroe",
                           "vidensdeling",
                           "forskningsmæssigt",
                           "Aarhus",
                           "aarhus",
                           "retsskrivning",
                           "veere"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        cr_assert_eq(known(words[i]), kr_lexicon_hunspell_known(lex, words[i], strlen(words[i])),
                     "%s", words[i]);
}

/* Long words take the splitter many steps: those go through the memo, short
 * ones are settled without it. Either way, and asked again (from the memo), the
 * answer is the same. (Fixed answers, checked against hunspell once: hunspell
 * gives up on long compounds when it runs slowly, as under sanitizers.) */
Test(lexicon, long_compounds_keep_their_answer_asked_twice)
{
    static const struct {
        const char *w;
        bool known;
    } words[] = {{"børnehaveklasselederuddannelsesinstitutionerne", true},
                 {"skoleudviklingsarbejdsgruppemøderne", true},
                 {"SKOLEUDVIKLINGSARBEJDSGRUPPEMØDERNE", true},
                 {"Kommunalbestyrelsesmedlemmernes", true},
                 {"bgrnehaveklasselederuddannelsesinstitutionerne", false},
                 {"skoleudviklingsarbejdsgruppemgderne", false},
                 {"kaffemaskinejkaffemaskinej", false}};
    for (int round = 0; round < 2; round++)
        for (size_t i = 0; i < sizeof words / sizeof *words; i++)
            cr_assert_eq(known(words[i].w), words[i].known, "%s (round %d)", words[i].w, round);
}

Test(lexicon, case_rules_follow_hunspell)
{
    assert_known("hus");
    assert_known("Hus");
    assert_known("HUS");
    /* A proper noun keeps its capital. */
    assert_known("Jylland");
    assert_known("JYLLAND");
    assert_unknown("jylland");
    assert_known("Aarhus");
    assert_unknown("aarhus");
    /* Lowercase letters after a capital are not "Capitalised". */
    assert_unknown("hUS");
}

Test(lexicon, forbidden_words_are_unknown)
{
    assert_unknown("retsskrivning");
    assert_known("retskrivning");
    assert_unknown("amatørartig");
}

/* `billed` alone is forbidden in da_DK, but `billed-` may begin a compound
 * (its suffix drops the hyphen): hunspell accepts billedformat, and so must
 * the lexicon, or the repair search turns correct words into others
 * (billedredigering -> billeåredigering). */
Test(lexicon, a_forbidden_spelling_may_still_begin_a_compound)
{
    assert_unknown("billed");
    assert_known("billedformat");
    assert_known("billedvisningsområdet");
    assert_known("Billedkomprimeringen");
    const char *words[] = {"billed", "billedlag", "billedmenuen", "billedredigering"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        cr_assert_eq(known(words[i]), kr_lexicon_hunspell_known(lex, words[i], strlen(words[i])),
                     "%s", words[i]);
}

Test(lexicon, common_words_carry_the_prior)
{
    cr_assert(look("og") & KR_LEX_COMMON);
    cr_assert(look("børn") & KR_LEX_COMMON);
    cr_assert(look("Børn") & KR_LEX_COMMON);
    cr_assert_eq(look("bgrns") & KR_LEX_COMMON, 0);
}

Test(lexicon, user_words_are_accepted_with_case_rules)
{
    assert_unknown("korrekturix");
    kr_lexicon_add_word(lex, "korrekturix", strlen("korrekturix"));
    cr_assert_eq(look("korrekturix") & (KR_LEX_KNOWN | KR_LEX_USER), KR_LEX_KNOWN | KR_LEX_USER);
    assert_known("Korrekturix");
    assert_known("KORREKTURIX");

    kr_lexicon_add_word(lex, "Qvistrup", strlen("Qvistrup"));
    assert_known("Qvistrup");
    assert_unknown("qvistrup");
}

Test(lexicon, user_word_files_skip_comments)
{
    char path[] = "/tmp/kr-lex-XXXXXX";
    int fd = mkstemp(path);
    cr_assert(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# words of this office\nsmåbørnsløftix\n  Fjordvangix  # a place\n\n", f);
    fclose(f);
    char *err = NULL;
    cr_assert_eq(kr_lexicon_add_file(lex, path, &err), 0);
    cr_assert_null(err);
    unlink(path);
    assert_known("småbørnsløftix");
    assert_known("Fjordvangix");
    assert_unknown("#");
    assert_unknown("words");
}

Test(lexicon, unreadable_user_file_is_an_error)
{
    char *err = NULL;
    cr_assert_eq(kr_lexicon_add_file(lex, "/nonexistent/words.txt", &err), -1);
    cr_assert_not_null(err);
    cr_assert(strstr(err, "/nonexistent/words.txt"));
    free(err);
}

Test(lexicon, odd_input_is_unknown_not_a_crash)
{
    cr_assert_eq(kr_lexicon_lookup(lex, "", 0), 0);
    cr_assert_eq(kr_lexicon_lookup(NULL, "hus", 3), 0);
    char longword[400];
    memset(longword, 'a', sizeof longword);
    cr_assert_eq(kr_lexicon_lookup(lex, longword, sizeof longword), 0);
    /* A prefix of a longer buffer is looked up, not the whole buffer. */
    cr_assert(kr_lexicon_known(lex, "husene", 3));
    kr_lexicon_free(NULL);
}

/* ---- threads ---------------------------------------------------------------------- */
static const char *thread_words[] = {
    "børns", "bgrns",   "området", "omradet", "småbørnsfamilier",  "veere",
    "Hus",   "jylland", "Jylland", "huset",   "forskningsmæssigt", "xyzqw",
    "sma",   "små",     "vaere",   "være",
};
#define NWORDS (sizeof thread_words / sizeof *thread_words)

static void *hammer(void *arg)
{
    unsigned *out = arg;
    for (int round = 0; round < 200; round++)
        for (size_t i = 0; i < NWORDS; i++) {
            unsigned v = kr_lexicon_lookup(lex, thread_words[i], strlen(thread_words[i]));
            if (round == 0)
                out[i] = v;
            else if (out[i] != v)
                out[i] = 0xdead;
        }
    return NULL;
}

Test(lexicon, threads_share_one_lexicon)
{
    /* A fresh lexicon: the threads race for the lazy load as well. */
    kr_lexicon_free(lex);
    lex = kr_lexicon_new();
    enum { N = 4 };
    pthread_t t[N];
    unsigned got[N][NWORDS];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, hammer, got[i]);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    for (size_t w = 0; w < NWORDS; w++) {
        unsigned want = look(thread_words[w]);
        for (int i = 0; i < N; i++)
            cr_assert_eq(got[i][w], want, "thread %d, %s", i, thread_words[w]);
    }
}

/* The repair search asks kr_lexicon_may_know before each lookup and skips the
 * lookup when it says no: it must never refuse a word the lookup accepts, with
 * its walk shared across words that share prefixes (as a search's candidates
 * do), and it should refuse plain garbage. Every one-letter change of a few
 * words (compounds, capitals, æøå) is checked against the lookup. */
Test(lexicon, quick_refusal_never_refuses_a_known_word)
{
    static const char *seeds[] = {
        "børnehaveklasse", "Kommunalbestyrelsen", "SKOLEDAGEN", "forskningsmæssigt",
        "området",         "vidensdeling",        "hus"};
    static const char *letters[] = {"a", "e", "g", "i", "l", "n", "o", "r", "s",
                                    "t", "æ", "ø", "å", "E", "0", "1", " "};
    kr_lex_walk walk;
    kr_lex_walk_reset(&walk);
    size_t refused = 0, tried = 0;
    for (size_t k = 0; k < sizeof seeds / sizeof *seeds; k++) {
        const char *w = seeds[k];
        size_t n = strlen(w);
        for (size_t at = 0; at <= n; at++) {
            if (at < n && ((unsigned char)w[at] & 0xC0) == 0x80)
                continue;
            size_t cl = at < n ? 1 : 0;
            while (at + cl < n && ((unsigned char)w[at + cl] & 0xC0) == 0x80)
                cl++;
            for (size_t l = 0; l < sizeof letters / sizeof *letters; l++) {
                for (int del = 0; del < 2; del++) { /* replace, or insert before */
                    char buf[128];
                    size_t len = 0, ll = strlen(letters[l]);
                    memcpy(buf, w, at);
                    len = at;
                    memcpy(buf + len, letters[l], ll);
                    len += ll;
                    size_t from = del ? at : at + cl;
                    memcpy(buf + len, w + from, n - from);
                    len += n - from;
                    bool may = kr_lexicon_may_know(lex, &walk, buf, len);
                    bool is = kr_lexicon_known(lex, buf, len);
                    cr_assert(may || !is, "%.*s is known but was refused", (int)len, buf);
                    cr_assert_eq(may, kr_lexicon_may_know(lex, NULL, buf, len), "%.*s", (int)len,
                                 buf);
                    refused += !may;
                    tried++;
                }
            }
        }
    }
    cr_assert(refused * 2 > tried, "only %zu of %zu refused", refused, tried);
    kr_lex_walk_reset(&walk);
    cr_assert_not(kr_lexicon_may_know(lex, &walk, "xyzqw", 5));
    cr_assert_not(kr_lexicon_may_know(lex, &walk, "bgrns", 5));
    cr_assert(kr_lexicon_may_know(lex, &walk, "børns", 6));
}

/* The repair search skips every spelling that begins with a dead prefix
 * (kr_lexicon_dead_prefix): no such spelling may be a word the walk would let
 * through, whatever follows, in small letters or capitalised. */
Test(lexicon, dead_prefix_refuses_every_continuation)
{
    static const char *words[] = {"bgrns", "xyzqw", "Bgrns", "0gsa", "omraade", "Kgbenhavn",
                                  "hus",   "Huse",  "12.3",  "ÆØÅq", "qæ",      "zzzø"};
    static const char *tails[] = {"", "e", "ene", "s", "hus", "ø", "er", "ning", "1"};
    kr_lex_walk walk;
    kr_lex_walk_reset(&walk);
    size_t dead = 0;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        size_t k = kr_lexicon_dead_prefix(lex, &walk, words[i], n);
        cr_assert_leq(k, n);
        if (!k)
            continue;
        dead++;
        for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
            for (size_t cut = k; cut <= n; cut++) {
                char buf[64];
                size_t tl = strlen(tails[t]);
                memcpy(buf, words[i], cut);
                memcpy(buf + cut, tails[t], tl);
                cr_assert_not(kr_lexicon_may_know(lex, NULL, buf, cut + tl),
                              "%.*s (dead after %zu)", (int)(cut + tl), buf, k);
                cr_assert_not(kr_lexicon_known(lex, buf, cut + tl), "%.*s", (int)(cut + tl), buf);
            }
    }
    cr_assert_geq(dead, 3);
    cr_assert_eq(kr_lexicon_dead_prefix(lex, &walk, "hus", 3), 0);
    cr_assert_eq(kr_lexicon_dead_prefix(lex, &walk, "12.3", 4), 0); /* a number goes on */
}

/* ---- a walk kept across lexicons ----------------------------------------------- */

#include "confusion.h"

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "%s", path);
    fputs(text, f);
    fclose(f);
}

/* kr_lost_letter keeps its walk of the automaton between calls; every
 * dictionary file has its root at the same offset, so a walk of one lexicon
 * must not be taken for a walk of another (it stepped on with the first one's
 * states: wrong answers, or a crash). */
Test(lexicon, a_lost_letter_is_looked_for_in_the_lexicon_asked)
{
    cr_assert_str_eq(kr_lost_letter(lex, "dia", 3, "oger", 4, KR_LEX_KNOWN, KR_LEX_COMPOUND, false),
                     "l");
    char dir[] = "/tmp/kr-lexicon-XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    write_file(dir, "da_DK.aff", "SET UTF-8\n");
    write_file(dir, "da_DK.dic", "2\ndiapoger\nfoo\n");
    write_file(dir, "common.txt", "diapoger\n");
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "../build/tools/mkdict %s/da_DK.aff %s/da_DK.dic %s/common.txt %s/da_DK.kdict", dir,
             dir, dir, dir);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    setenv("KORREKTUR_DATADIR", dir, 1);
    kr_lexicon *other = kr_lexicon_new();
    unsetenv("KORREKTUR_DATADIR");
    cr_assert_null(kr_lexicon_error(other), "%s", kr_lexicon_error(other));
    const char *got = kr_lost_letter(other, "dia", 3, "oger", 4, KR_LEX_KNOWN, 0, false);
    cr_assert_not_null(got, "diapoger is the other lexicon's word");
    cr_assert_str_eq(got, "p");
    cr_assert_str_eq(kr_lost_letter(lex, "dia", 3, "oger", 4, KR_LEX_KNOWN, KR_LEX_COMPOUND, false),
                     "l");
    kr_lexicon_free(other);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_assert_eq(system(cmd), 0);
}
