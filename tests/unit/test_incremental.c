/* test_incremental.c — the incremental lint (server/lint_cache.c) gives exactly
 * what a fresh lint gives: after hundreds of random edits to an OCR'd document
 * (letters, æøå, line breaks, hyphens, page headers, deletions that cut UTF-8
 * characters), every diagnostic — rule, range, severity, message, subject and
 * every fix's edits — equals the full lint of the same text. Also after a new
 * configuration and a word added to the user's dictionary, with bytes that are
 * not UTF-8 coming and going, and a list borrowing from the cache outlives it. */
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
}

static void teardown(void)
{
    kr_lexicon_free(lex);
}

/* The incremental lint against a fresh one after edit `step` (rule_lint_both). */
static void check_equal(kr_linter *l, kr_document *doc, int step)
{
    char when[32];
    snprintf(when, sizeof when, "edit %d", step);
    rule_lint_both(l, doc, NULL, NULL, when);
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static size_t rnd(size_t n)
{
    return rule_rnd(&rng, n);
}

/* An editor's document of `text`, linted, then edited `steps` times by
 * edit(doc, t, len) (t: its text now), each lint compared with a fresh one. */
typedef void edit_fn(kr_document *doc, const char *t, size_t len);
static void edits_match_a_fresh_lint(const char *text, int steps, edit_fn *edit)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = kr_document_new(text, strlen(text));
    check_equal(l, doc, 0);
    for (int step = 1; step <= steps; step++) {
        size_t len;
        const char *t = kr_document_text(doc, &len);
        edit(doc, t, len);
        check_equal(l, doc, step);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

/* A document of the fixtures' OCR and clean texts, twice (repeated blocks). */
static kr_document *fixture_doc(void)
{
    size_t n1, n2;
    char *ocr = rule_slurp("tests/fixtures/demo.ocr.txt", &n1);
    char *clean = rule_slurp("tests/fixtures/demo.clean.txt", &n2);
    size_t n = 2 * n1 + n2 + 2;
    char *all = malloc(n + 1);
    memcpy(all, ocr, n1);
    all[n1] = '\n';
    memcpy(all + n1 + 1, clean, n2);
    all[n1 + 1 + n2] = '\n';
    memcpy(all + n1 + n2 + 2, ocr, n1);
    kr_document *doc = kr_document_new(all, n);
    free(all);
    free(ocr);
    free(clean);
    return doc;
}

static void random_edit(kr_document *doc)
{
    static const char *const ins[] = {"a",
                                      "e",
                                      "æ",
                                      "ø",
                                      "å",
                                      "g",
                                      "0",
                                      " ",
                                      "\n",
                                      "\n\n",
                                      "-\n",
                                      "Sma",
                                      "bgrns ",
                                      "Spergsmal:\n",
                                      "Svar:\n",
                                      "Side 3\n",
                                      "\"",
                                      "Småbørnsløftet",
                                      "Smabornsloftet "};
    size_t len;
    kr_document_text(doc, &len);
    size_t at = rnd(len + 1);
    if (rnd(3) == 0 && len > 4) {
        size_t k = 1 + rnd(3);
        kr_document_edit(doc, at, at + k, "", 0);
    } else {
        const char *s = ins[rnd(sizeof ins / sizeof ins[0])];
        kr_document_edit(doc, at, at, s, strlen(s));
    }
}

TestSuite(incremental, .init = setup, .fini = teardown, .timeout = 600);

Test(incremental, random_edits_match_a_fresh_lint)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    check_equal(l, doc, 0);
    for (int step = 1; step <= 300; step++) {
        random_edit(doc);
        if (step % 3 == 0 || step > 280) /* several edits per lint, too */
            check_equal(l, doc, step);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

Test(incremental, a_new_configuration_and_a_user_word_are_seen)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    check_equal(l, doc, 0);
    kr_config *cfg = kr_config_new();
    cr_assert_eq(kr_config_set_rule_enabled(cfg, "unknown-word", false), 0);
    kr_linter_set_config(l, cfg);
    check_equal(l, doc, 1);
    kr_config_free(cfg);
    /* a word the document flags, added to the user's dictionary */
    kr_diagnostics *before = kr_linter_run(l, doc);
    const kr_diagnostic *flagged = rule_find(before, "ocr-confusion", NULL);
    cr_assert_not_null(flagged);
    const char *word = kr_diagnostic_subject(flagged);
    kr_lexicon_add_word(lex, word, strlen(word)); /* the lexicon's stamp tells the linter */
    kr_diagnostics_free(before);
    check_equal(l, doc, 2);
    kr_document_free(doc);
    kr_linter_free(l);
}

Test(incremental, an_edit_that_changes_nothing_gives_the_same_diagnostics)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    kr_diagnostics *a = kr_linter_run(l, doc);
    kr_document_edit(doc, 0, 0, "x", 1);
    kr_diagnostics_free(kr_linter_run(l, doc));
    kr_document_edit(doc, 0, 1, "", 0);
    kr_diagnostics *b = kr_linter_run(l, doc);
    char *ra = rule_render(a, NULL, NULL), *rb = rule_render(b, NULL, NULL);
    cr_assert_str_eq(ra, rb);
    cr_assert_gt(kr_diagnostics_count(a), 10);
    free(ra);
    free(rb);
    kr_diagnostics_free(a);
    kr_diagnostics_free(b);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* Spellings of names that come and go with the edits: the term-consistency
 * clusters' pairs are kept between lints (a name that disappears and comes back,
 * a usual spelling that falls under three uses or rises above them), and every
 * lint must still flag exactly what a fresh one flags. */
static const char *const names[] = {
    "Danmark ",    "Danrnark ",    "Folketinget ",   "Folketingct ",  "Kommunen ",
    "Kornmunen ",  "Regionen ",    "Reglonen ",      "Ministeriet ",  "Minlsteriet ",
    "Havnebadet ", "Havnebaclet ", "Kvarterløftet ", "Kvarterlgftet "};
enum { N_NAMES = sizeof names / sizeof names[0] };

/* Removes a whole name (the next one after a random place) or adds one. */
static void name_comes_or_goes(kr_document *doc, const char *t, size_t len)
{
    size_t at = rnd(len + 1);
    const char *sp = strchr(t + at, ' ');
    if (rnd(2) == 0 && sp && (size_t)(sp - t) + 1 < len) {
        size_t s = (size_t)(sp - t) + 1, e = s;
        while (e < len && t[e] != ' ' && t[e] != '\n')
            e++;
        kr_document_edit(doc, s, e < len ? e + 1 : e, "", 0);
    } else {
        while (at > 0 && t[at - 1] != ' ' && t[at - 1] != '\n')
            at--;
        const char *w = names[rnd(N_NAMES)];
        kr_document_edit(doc, at, at, w, strlen(w));
    }
}

Test(incremental, name_spellings_that_come_and_go_match_a_fresh_lint)
{
    char text[8192] = "Spørgsmål:\n\n";
    for (int line = 0; line < 6; line++) {
        strcat(text, "Vi har talt med ");
        for (int k = 0; k < 3; k++)
            strcat(text, names[1 + 2 * rnd(N_NAMES / 2)]); /* the usual spellings come later */
        strcat(text, line % 5 == 4 ? "om planen.\n\n" : "om planen.\n");
    }
    edits_match_a_fresh_lint(text, 400, name_comes_or_goes);
}

/* broken-hyphenation follows what the document writes elsewhere (the pair
 * hyphenated or joined on one line, a first half written before a hyphen); an
 * editor's document keeps those counts between lints and updates them for the
 * lines an edit touched. Evidence that comes and goes, anywhere, must give what
 * a fresh lint gives. */
Test(incremental, hyphenation_evidence_that_comes_and_goes_matches_a_fresh_lint)
{
    static const char *const breaks[] = {
        "Vi bruger Windows-\nsystemer i dag.\n", "Se education-\nprimaryschool her.\n",
        "Det er en igangvæ-\nrende plan.\n", "Alle uid-\nposter ligger der.\n"};
    static const char *const evidence[] = {"Windows-systemer ",     "Windowssystemer ",
                                           "education-highschool ", "igangværende ",
                                           "igangvæ-rende ",        "uid ",
                                           "uid-poster ",           "uidposter "};
    size_t nb = sizeof breaks / sizeof *breaks, ne = sizeof evidence / sizeof *evidence;
    char text[4096] = "Spørgsmål:\n\n";
    for (size_t i = 0; i < nb; i++) {
        strcat(text, breaks[i]);
        strcat(text, "\n");
    }
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = kr_document_new(text, strlen(text));
    check_equal(l, doc, 0);
    for (int step = 1; step <= 300; step++) {
        size_t len;
        const char *t = kr_document_text(doc, &len);
        const char *w = evidence[rnd(ne)];
        const char *found = strstr(t, w);
        if (found && rnd(2) == 0) { /* the evidence leaves */
            size_t s = (size_t)(found - t);
            kr_document_edit(doc, s, s + strlen(w), "", 0);
        } else { /* or arrives, at the start of some line */
            size_t at = rnd(len + 1);
            while (at > 0 && t[at - 1] != '\n')
                at--;
            kr_document_edit(doc, at, at, w, strlen(w));
        }
        if (step % 2 == 0 || step > 290) /* several edits per lint, too */
            check_equal(l, doc, step);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

/* page-artifact keeps its comparisons of page headers with the title between
 * lints: a title or header edited so that they come to match, or stop
 * matching, must be compared anew, as a fresh lint does. */
/* Puts one of three titles in place of the title line. */
static void retitle(kr_document *doc, const char *t, size_t len)
{
    static const char *const titles[] = {"Cykelstier ved skolerne", "Cykelstier ved skolen",
                                         "Budget for idrætshaller"};
    const char *nl = memchr(t, '\n', len);
    const char *w = titles[rnd(3)];
    kr_document_edit(doc, 0, (size_t)(nl - t), w, strlen(w));
}

Test(incremental, page_headers_that_match_the_title_and_stop_match_a_fresh_lint)
{
    /* headers inside paragraphs: only a header that is the title is one there */
    edits_match_a_fresh_lint(
        "Cykelstier ved skolerne\n\nSpørgsmål:\nHvordan går det med planen for\n"
        "Cykelstier ved skolerne Side 2\nde nye stier? Vi venter.\n\n"
        "Svar:\nDet går godt, og\nBudget for idrætshaller Side 3\nslut.\n",
        30, retitle);
}

/* The breaks inside one block are decided per block and cached (the rule's
 * block part), on counts of the whole document: evidence that comes and goes
 * in another block — only there, the breaks' blocks never change — must make
 * the cached decisions be made again, as a fresh lint makes them. The evidence
 * flips decisions (the test counts them), so a cache that missed it differs. */
Test(incremental, hyphenation_evidence_in_another_block_matches_a_fresh_lint)
{
    static const char *const evidence[] = {"Windows-systemer ",     "Windowssystemer ",
                                           "education-highschool ", "igangvæ-rende ",
                                           "igangværende ",         "uid ",
                                           "uid-poster ",           "uidposter "};
    static const char head[] = "Spørgsmål:\n\n"
                               "Vi bruger Windows-\nsystemer i dag.\n\n"
                               "Se education-\nprimaryschool her.\n\n"
                               "Det er en igangvæ-\nrende plan.\n\n"
                               "Alle uid-\nposter ligger der.\n\n"
                               "Svar:\n\nNoter: ";
    size_t ne = sizeof evidence / sizeof *evidence, hn = sizeof head - 1;
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = kr_document_new(head, hn);
    size_t lo = SIZE_MAX, hi = 0;
    for (int step = 0; step <= 200; step++) {
        size_t len;
        const char *t = kr_document_text(doc, &len);
        const char *w = evidence[rnd(ne)];
        const char *found = strstr(t + hn, w);
        if (found && rnd(2) == 0) { /* the evidence leaves */
            size_t s = (size_t)(found - t);
            kr_document_edit(doc, s, s + strlen(w), "", 0);
        } else /* or arrives, in the notes' block */
            kr_document_edit(doc, hn, hn, w, strlen(w));
        char when[32];
        snprintf(when, sizeof when, "edit %d", step);
        size_t n = rule_lint_both(l, doc, NULL, "broken-hyphenation", when);
        lo = n < lo ? n : lo;
        hi = n > hi ? n : hi;
    }
    cr_assert_lt(lo, hi, "the evidence never changed a decision (%zu)", lo);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* A garbled name leaves, its usual spelling arrives, the garbled name comes back:
 * it is flagged as a fresh lint flags it (the pair was never compared while both
 * were present before). */
Test(incremental, a_returning_spelling_meets_the_names_that_came_meanwhile)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    const char *text = "Spørgsmål:\n\nVi har talt med Danrnark om planen.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    size_t at = (size_t)(strstr(text, "Danrnark") - text);
    check_equal(l, doc, 0);
    kr_document_edit(doc, at, at + 9, "", 0); /* "Danrnark " goes */
    check_equal(l, doc, 1);
    kr_document_edit(doc, at, at, "Danmark ", 8);
    check_equal(l, doc, 2);
    kr_document_edit(doc, at, at, "Danrnark ", 9);
    kr_diagnostics *ds = kr_linter_run(l, doc);
    cr_assert_not_null(rule_find(ds, NULL, "Danrnark"), "Danrnark is not flagged beside Danmark");
    kr_diagnostics_free(ds);
    check_equal(l, doc, 3);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* The blocks around a short block are edited, the short block is not: it is
 * linted only as their neighbour (context), whose first and last tokens sit
 * side by side in the slice of units to lint. What lies between them (a menu
 * path's arrow, read from the gap between two tokens) is its own block's
 * diagnostic, cached with it, and must not come back a second time with the
 * edited blocks. */
Test(incremental, a_block_between_two_edited_blocks_is_reported_once)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    const char *text = "Spørgsmål:\n\nVælg Vindue > Paneler i menuen og klik.\n\n"
                       "Vindue > Paneler\n\nDet er godt at vide for alle borgere.\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    check_equal(l, doc, 0);
    size_t a = (size_t)(strstr(text, "menuen") - text);
    size_t c = (size_t)(strstr(text, "alle borgere") - text);
    kr_document_edit(doc, c, c, "sma ", 4); /* the later edit first: offsets stay */
    kr_document_edit(doc, a, a, "bgrns ", 6);
    check_equal(l, doc, 1);
    kr_document_edit(doc, a, a + 6, "", 0);
    check_equal(l, doc, 2);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* The repair engine's process-wide memo of searches: a lint that meets a word
 * first (and searches it) and one that finds it in the memo give the same
 * diagnostics, so the incremental lint may run before the fresh one. */
Test(incremental, the_order_of_the_two_lints_does_not_matter)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    for (int step = 0; step <= 60; step++) {
        if (step)
            random_edit(doc);
        kr_diagnostics *inc = kr_linter_run(l, doc);
        kr_diagnostics *full = kr_linter_run_full(l, doc);
        char when[32];
        snprintf(when, sizeof when, "edit %d", step);
        rule_assert_same(inc, full, NULL, when);
        kr_diagnostics_free(inc);
        kr_diagnostics_free(full);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

/* The linter keeps whether the text is clean UTF-8 between lints and reads
 * only an edit's bytes again: invalid bytes and NULs that come and go, and
 * edits that cut a character in two or mend it, must still be reported (and
 * the fixes near them dropped) exactly as by a fresh lint. */
Test(incremental, bytes_that_are_not_utf8_come_and_go)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    check_equal(l, doc, 0);
    size_t len;
    const char *text = kr_document_text(doc, &len);
    size_t at = len / 3;
    while (at < len && (unsigned char)text[at] < 0x80) /* a multi-byte character */
        at++;
    cr_assert_lt(at, len);
    kr_document_edit(doc, at + 1, at + 1, "x", 1); /* cuts it in two */
    check_equal(l, doc, 1);
    kr_diagnostics *d = kr_linter_run(l, doc);
    cr_assert_gt(rule_count(d, "encoding"), 0);
    kr_diagnostics_free(d);
    kr_document_edit(doc, at + 1, at + 2, "", 0); /* mends it */
    check_equal(l, doc, 2);
    d = kr_linter_run(l, doc);
    cr_assert_eq(rule_count(d, "encoding"), 0);
    kr_diagnostics_free(d);
    kr_document_edit(doc, len / 2, len / 2, "\xff\xfe", 2);
    check_equal(l, doc, 3);
    kr_document_edit(doc, 10, 10, "a\0b", 3);
    check_equal(l, doc, 4);
    kr_document_edit(doc, len / 2 + 3, len / 2 + 5, "", 0); /* away from the bad bytes */
    check_equal(l, doc, 5);
    kr_document_edit(doc, 10, 13, "", 0);
    check_equal(l, doc, 6);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* A lint's list borrows the strings of the cached diagnostics (shared storage):
 * it stays whole after the cache forgets them, and after the document and the
 * linter are gone. */
Test(incremental, a_list_outlives_the_cache_it_borrows_from)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    kr_diagnostics *full = kr_linter_run_full(l, doc);
    kr_diagnostics *first = kr_linter_run(l, doc);
    char *want = rule_render(full, NULL, NULL);
    for (int step = 0; step < 40; step++) { /* every block edited: the cache moves on */
        size_t len;
        kr_document_text(doc, &len);
        kr_document_edit(doc, len * (size_t)step / 40, len * (size_t)step / 40, "x ", 2);
        kr_diagnostics_free(kr_linter_run(l, doc));
    }
    kr_document_free(doc);
    kr_linter_free(l);
    char *got = rule_render(first, NULL, NULL);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
    kr_diagnostics_free(first);
    kr_diagnostics_free(full);
}

/* A document's first lint returns before it stores its block results
 * (kr_linter_settle, or the next edit or lint, stores them): stored at once
 * and then edited, the document still lints as a fresh one, repeated blocks
 * (stored once) included. */
Test(incremental, a_first_lint_settled_at_once_matches_a_fresh_lint_after_edits)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    kr_diagnostics *first = kr_linter_run(l, doc);
    kr_linter_settle(l, doc);
    kr_linter_settle(l, doc); /* nothing left: does nothing */
    kr_diagnostics *full = kr_linter_run_full(l, doc);
    rule_assert_same(first, full, NULL, "first lint");
    kr_diagnostics_free(full);
    kr_diagnostics_free(first);
    for (int step = 1; step <= 60; step++) {
        random_edit(doc);
        check_equal(l, doc, step);
    }
    kr_document_free(doc);
    kr_linter_free(l);
}

/* What the first lint stored is all of it: the same text linted again replays
 * every block from the cache and gives the same list. */
Test(incremental, the_results_a_first_lint_stores_are_replayed_whole)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    kr_diagnostics *first = kr_linter_run(l, doc);
    char *want = rule_render(first, NULL, NULL);
    kr_diagnostics_free(first); /* before the store, which keeps what it needs */
    kr_diagnostics *again = kr_linter_run(l, doc);
    char *got = rule_render(again, NULL, NULL);
    cr_assert_gt(rule_count(again, "ocr-confusion"), 10); /* a block rule's, all replayed */
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
    kr_diagnostics_free(again);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* A document closed before its first lint's results were stored drops that
 * work; the caller's list stays whole. */
Test(incremental, a_document_freed_before_its_first_lint_is_stored_leaves_the_list_whole)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = fixture_doc();
    kr_diagnostics *full = kr_linter_run_full(l, doc);
    kr_diagnostics *first = kr_linter_run(l, doc);
    kr_document_free(doc);
    kr_linter_free(l);
    char *want = rule_render(full, NULL, NULL), *got = rule_render(first, NULL, NULL);
    cr_assert_str_eq(got, want);
    free(got);
    free(want);
    kr_diagnostics_free(first);
    kr_diagnostics_free(full);
}

/* An edit that changes whether thousands of words are in the document at all
 * (a block of distinct words, then the clean text of the same document, pasted
 * after the OCR text, deleted, and pasted back) is more than the counts keep
 * track of word by word: every recorded answer is asked again, and the lints
 * still match fresh ones (test_doc_stats.c checks what is reported). */
Test(incremental, an_edit_that_removes_thousands_of_words_matches_a_fresh_lint)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    size_t len, n_clean;
    char *ocr = rule_slurp("tests/fixtures/demo.ocr.txt", &len);
    char *clean = rule_slurp("tests/fixtures/demo.clean.txt", &n_clean);
    kr_document *doc = kr_document_new(ocr, len);
    size_t n_words;
    char *words = rule_made_up_words(6000, &n_words);
    /* the words that matter after them, past what the counts keep one by one */
    size_t cap = n_words + n_clean + 64;
    char *block = malloc(cap);
    size_t n = (size_t)snprintf(block, cap, "\n\nSvar:\n%s\n\n%s", words, clean);
    free(words);
    check_equal(l, doc, 0);
    kr_document_edit(doc, len, len, block, n);
    check_equal(l, doc, 1);
    kr_document_edit(doc, len, len + n, "", 0); /* the words gone */
    check_equal(l, doc, 2);
    kr_document_edit(doc, len, len, block, n); /* and back */
    check_equal(l, doc, 3);
    free(block);
    free(ocr);
    free(clean);
    kr_document_free(doc);
    kr_linter_free(l);
}

/* A text with nothing to report gives an empty list on its first lint (which
 * hands out the block rules' diagnostics unstored) and after an edit. */
Test(incremental, a_text_with_nothing_to_report_lints_to_an_empty_list)
{
    kr_linter *l = kr_linter_new(NULL, lex);
    static const char text[] = "Det er en god dag, og vi ses i morgen.\n";
    kr_document *doc = kr_document_new(text, sizeof text - 1);
    kr_diagnostics *first = kr_linter_run(l, doc);
    cr_assert_eq(kr_diagnostics_count(first), 0);
    kr_diagnostics_free(first);
    kr_document_edit(doc, 0, 0, "Ja. ", 4);
    check_equal(l, doc, 1);
    kr_document_free(doc);
    kr_linter_free(l);
}
