/* test_doc_stats.c — the document statistics of the repair engine
 * (kr_doc_word_count, kr_doc_lost_diacritics in server/confusion.c) kept in the
 * document's memory between incremental lints equal the ones counted afresh:
 * after random edits (words broken at line ends, æøå, byte order marks, page
 * headers), for every word of the document, its halves and its line-end joins;
 * and an edit that adds the document's only æøå words, or takes them away again,
 * flips the lost-æøå verdict and the incremental lint still equals a fresh one. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "confusion.h"
#include "engine.h"
#include "korrektur/korrektur.h"
#include "rule_support.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static size_t rnd(size_t n)
{
    return rule_rnd(&rng, n);
}

/* The statistics as the incremental lint sees them (what kr_linter_run does
 * before its rules run) and as a fresh count sees them, side by side. */
typedef struct {
    kr_arena arena;
    kr_analysis an;
    kr_lint_ctx ctx;
} lint_view;

/* A lint context over the document's current text and tree, with its own arena. */
static void view_begin(lint_view *v, kr_document *doc)
{
    kr_arena_init(&v->arena, 64 * 1024);
    v->ctx = (kr_lint_ctx){0};
    v->ctx.text = kr_document_text(doc, &v->ctx.len);
    v->ctx.doc = doc;
    v->ctx.tree = kr_document_tree(doc);
    v->ctx.scratch = &v->arena;
}

static void view_incremental(lint_view *v, kr_document *doc)
{
    view_begin(v, doc);
    kr_changes ch = kr_document_take_changes(doc);
    kr_doc_stats_follow(&v->ctx, ch);
    kr_analysis_update(&v->an, kr_document_analysis_memo(doc), &v->arena, v->ctx.text, v->ctx.len,
                       v->ctx.tree, ch);
    v->ctx.an = &v->an;
}

static void view_fresh(lint_view *v, kr_document *doc)
{
    view_begin(v, doc);
    kr_analysis_build(&v->an, &v->arena, v->ctx.text, v->ctx.len, v->ctx.tree);
    v->ctx.an = &v->an;
}

static void same_count(lint_view *inc, lint_view *full, const char *w, size_t n, int step)
{
    unsigned a = kr_doc_word_count(&inc->ctx, w, n), b = kr_doc_word_count(&full->ctx, w, n);
    cr_assert_eq(a, b, "edit %d: '%.*s' counted %u times, afresh %u", step, (int)n, w, a, b);
}

/* A first incremental lint given the counts the prefetch thread makes from the
 * whole text's tokens (kr_doc_stats_make, then kr_doc_stats_adopt), as
 * linter.c does; *lost: their verdict as the thread read it. */
static void view_adopted(lint_view *v, kr_document *doc, bool *lost)
{
    view_begin(v, doc);
    kr_changes ch = kr_document_take_changes(doc);
    kr_doc_stats_follow(&v->ctx, ch);
    size_t n, cap;
    kr_token *tk = kr_analysis_tokenize(v->ctx.text, v->ctx.len, &n, &cap);
    kr_doc_stats *made = kr_doc_stats_make(v->ctx.text, v->ctx.len, tk, n, lost);
    kr_analysis_update_given(&v->an, kr_document_analysis_memo(doc), &v->arena, v->ctx.text,
                             v->ctx.len, v->ctx.tree, ch, tk, n, cap);
    v->ctx.an = &v->an;
    kr_doc_stats_adopt(&v->ctx, made);
}

/* Every word the document's tokens make (whole, each part, joined with the next
 * token) and a few that it does not hold are counted alike. With `adopt` the
 * document is new and its counts are made as by the prefetch thread. */
static void compare_stats(kr_document *doc, int step, bool adopt)
{
    lint_view inc, full;
    bool lost = false;
    if (adopt)
        view_adopted(&inc, doc, &lost);
    else
        view_incremental(&inc, doc);
    view_fresh(&full, doc);
    if (adopt)
        cr_assert_eq(lost, kr_doc_lost_diacritics(&full.ctx),
                     "the counts made apart give another lost-æøå verdict");
    cr_assert_eq(kr_doc_lost_diacritics(&inc.ctx), kr_doc_lost_diacritics(&full.ctx),
                 "edit %d: the lost-æøå verdicts differ", step);
    const char *text = full.ctx.text;
    for (size_t k = 0; k < full.an.n_tokens; k++) {
        const kr_token *t = &full.an.tokens[k];
        same_count(&inc, &full, text + t->start, t->end - t->start, step);
        kr_span parts[8];
        size_t np = kr_word_parts(text, t, parts, 8);
        for (size_t p = 0; p < np; p++)
            same_count(&inc, &full, text + parts[p].start, parts[p].end - parts[p].start, step);
        if (np && k + 1 < full.an.n_tokens) {
            const kr_token *u = &full.an.tokens[k + 1];
            char joined[128];
            size_t a = parts[np - 1].end - parts[np - 1].start, b = u->end - u->start;
            if (a + b < sizeof joined) {
                memcpy(joined, text + parts[np - 1].start, a);
                memcpy(joined + a, text + u->start, b);
                same_count(&inc, &full, joined, a + b, step);
            }
        }
    }
    static const char *const absent[] = {"småbørnsløftet", "smabornsloftet", "xyzzy", "og"};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        same_count(&inc, &full, absent[i], strlen(absent[i]), step);
    kr_arena_release(&inc.arena);
    kr_arena_release(&full.arena);
}

static void check_stats(kr_document *doc, int step)
{
    compare_stats(doc, step, false);
}

static const char base_text[] =
    "\xEF\xBB\xBFSporgsmal: Hvordan far jeg adgang til netvaerket?\n"
    "Svar: Det er ikke sa svaert. Du skal forst logge pa med dit bruger-\n"
    "navn og din adgangskode, og derefter kan du abne programmet.\n"
    "\n"
    "Side 3\n"
    "Hvis du har spergsmal til opsaetningen af DNS-domene, sa kontakt os\n"
    "via www.example.dk eller ring til 12 34 56 78. Det er vigtigt at du\n"
    "husker at gemme filen for du lukker den - ellers mister du aendrin-\n"
    "gerne. Kan du ikke finde den, sa se under \"Filer\" i menuen.\n"
    "\n"
    "- punkt et med et ord der er brudt over lin-\n"
    "  jen og et der ikke er\n"
    "- punkt to: sma-\n"
    "born og store\n";

/* Words broken at nearly every line end: most runs of tokens end with a break,
 * and an edit of the next line changes what they count. */
static const char broken_text[] =
    "Det er et lang-\nt ord og et kort-\nord. Sma-\nborn og store-\n"
    "born gar-\n hjem-\n\nigen og ig-\nen, sa-\n- ledes-\n12 og-\nsa\n";

/* A document of `copies` copies of base (long enough for several segments of
 * kept counts). */
static kr_document *copies_doc(const char *base, size_t copies)
{
    size_t n = strlen(base);
    char *all = malloc(n * copies + 1);
    for (size_t i = 0; i < copies; i++)
        memcpy(all + i * n, base, n);
    kr_document *doc = kr_document_new(all, n * copies);
    free(all);
    return doc;
}

static void random_edit(kr_document *doc)
{
    static const char *const ins[] = {
        "a",   "e",     "æ",  "ø",   "å",           " ",   "\n",       "-",
        "-\n", "\n\n",  "\"", "sma", "born ",       "og ", "Side 4\n", "\xEF\xBB\xBF",
        "lin", "æble ", "\t", "'s",  "Spergsmal:\n"};
    size_t len;
    kr_document_text(doc, &len);
    size_t at = rnd(len + 1);
    if (rnd(3) == 0 && len > 8) {
        size_t k = 1 + rnd(4);
        if (at + k > len)
            at = len - k;
        kr_document_edit(doc, at, at + k, "", 0);
    } else {
        const char *s = ins[rnd(sizeof ins / sizeof ins[0])];
        kr_document_edit(doc, at, at, s, strlen(s));
    }
}

TestSuite(doc_stats, .timeout = 600);

Test(doc_stats, kept_counts_equal_a_fresh_count_after_random_edits)
{
    for (int round = 0; round < 8; round++) {
        kr_document *doc = copies_doc(round % 2 ? broken_text : base_text, round % 2 ? 40 : 12);
        check_stats(doc, 0);
        for (int step = 1; step <= 150; step++) {
            random_edit(doc);
            if (rnd(3) == 0) /* several edits per lint, too */
                continue;
            check_stats(doc, step);
        }
        kr_document_free(doc);
    }
}

/* The counts the prefetch thread makes from the tokens it hands a first lint
 * (server/prefetch.c) equal the lint's own, and stay equal to a fresh count
 * as they are kept through the edits that follow. */
Test(doc_stats, counts_made_by_the_prefetch_thread_equal_the_lints_own)
{
    for (int round = 0; round < 6; round++) {
        kr_document *doc = copies_doc(round % 2 ? broken_text : base_text, 3 + (size_t)round * 5);
        for (int k = 0; k < round * 3; k++) /* not only the fixtures' own text */
            random_edit(doc);
        compare_stats(doc, 0, true);
        for (int step = 1; step <= 40; step++) {
            random_edit(doc);
            check_stats(doc, step);
        }
        kr_document_free(doc);
    }
}

Test(doc_stats, edits_far_from_each_other_between_lints)
{
    kr_document *doc = copies_doc(base_text, 40);
    check_stats(doc, 0);
    size_t len;
    kr_document_text(doc, &len);
    kr_document_edit(doc, 10, 10, "xx-\n", 4);
    kr_document_edit(doc, len - 20, len - 15, "", 0);
    check_stats(doc, 1);
    kr_document_text(doc, &len);
    kr_document_edit(doc, len, len, "\nnyt ord-\nbrud", 14); /* at the very end */
    check_stats(doc, 2);
    kr_document_edit(doc, 0, 3, "", 0); /* the byte order mark goes */
    check_stats(doc, 3);
    kr_document_free(doc);
}

/* A word broken at a line end counts joined too, so an edit of the next line's
 * word changes what the tokens before the break count: tried with the break at
 * every place in a run of tokens (whatever their length is). */
Test(doc_stats, an_edit_after_a_line_end_break_recounts_the_break)
{
    static const char *const edits[] = {"x", " ", "\n", "-"};
    for (int words = 0; words < 80; words++) {
        for (size_t e = 0; e < sizeof edits / sizeof *edits; e++) {
            char text[1024];
            size_t n = 0;
            for (int i = 0; i < words; i++)
                n += (size_t)snprintf(text + n, sizeof text - n, "ord%d ", i % 7);
            size_t brk = n + strlen("lang-\n");
            n += (size_t)snprintf(text + n, sizeof text - n, "lang-\nsomt og mere tekst her.\n");
            kr_document *doc = kr_document_new(text, n);
            check_stats(doc, 0);
            kr_document_edit(doc, brk, brk, edits[e], strlen(edits[e]));
            check_stats(doc, words * 10 + (int)e + 1);
            kr_document_edit(doc, brk + 2, brk + 3, "", 0);
            check_stats(doc, words * 10 + (int)e + 1);
            kr_document_free(doc);
        }
    }
}

/* ---- the lost-æøå verdict through the linter ------------------------------------ */
/* Lints incrementally and afresh; both must agree. Returns the number of
 * missing-diacritics diagnostics. */
static size_t lint_both(kr_linter *l, kr_document *doc, const char *when)
{
    return rule_lint_both(l, doc, NULL, "missing-diacritics", when);
}

Test(doc_stats, the_only_aeoa_words_coming_and_going_flip_the_verdict)
{
    kr_lexicon *lex = kr_lexicon_new();
    kr_linter *l = kr_linter_new(NULL, lex);
    static const char lost[] = "Det er ikke sa svaert at fa adgang til systemet, og det kan du\n"
                               "gore selv. Hvis du har spergsmal til det, sa skriv til os, og\n"
                               "vi vil svare hurtigt. Du skal forst abne programmet og sa\n"
                               "vaelge den fil som du vil se pa, eller den du vil aendre.\n";
    size_t n = strlen(lost);
    kr_document *doc = kr_document_new(lost, n);
    size_t before = lint_both(l, doc, "lost æøå");
    cr_assert_gt(before, 0, "a text without æøå gets its words restored");
    /* a paragraph of proper æøå words: the document no longer lost them */
    static const char dia[] = "\nPå én gang får både små og større børn æbler, østers og ål.\n";
    kr_document_edit(doc, n, n, dia, strlen(dia));
    size_t with = lint_both(l, doc, "æøå added");
    cr_assert_eq(with, 0, "a text with æøå is not taken for one that lost them");
    kr_document_edit(doc, n, n + strlen(dia), "", 0);
    cr_assert_eq(lint_both(l, doc, "æøå removed"), before);
    kr_document_free(doc);
    kr_linter_free(l);
    kr_lexicon_free(lex);
}

/* ---- the words whose presence changed (kr_doc_presence_changes) ---------------- */
/* The words a text's tokens make (whole and each part) and their joins with the
 * next token, in ASCII lower case as the counts fold them (the texts here write
 * æøå in lower case only). */
typedef struct {
    char **w;
    size_t n, cap;
} word_set;

static void set_add(word_set *s, const char *w, size_t n)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 256;
        s->w = realloc(s->w, s->cap * sizeof *s->w);
    }
    char *c = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        c[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] - 'A' + 'a' : w[i]);
    c[n] = '\0';
    s->w[s->n++] = c;
}

static bool set_has(const word_set *s, const char *w, size_t n)
{
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->w[i]) == n && strncasecmp(s->w[i], w, n) == 0)
            return true;
    return false;
}

static void set_free(word_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->w[i]);
    free(s->w);
}

static void words_of(const lint_view *v, word_set *out)
{
    const char *text = v->ctx.text;
    for (size_t k = 0; k < v->an.n_tokens; k++) {
        const kr_token *t = &v->an.tokens[k];
        set_add(out, text + t->start, t->end - t->start);
        kr_span parts[8];
        size_t np = kr_word_parts(text, t, parts, 8);
        for (size_t p = 0; p < np; p++)
            set_add(out, text + parts[p].start, parts[p].end - parts[p].start);
        if (np && k + 1 < v->an.n_tokens) {
            const kr_token *u = &v->an.tokens[k + 1];
            char joined[128];
            size_t a = parts[np - 1].end - parts[np - 1].start, b = u->end - u->start;
            if (a + b < sizeof joined) {
                memcpy(joined, text + parts[np - 1].start, a);
                memcpy(joined + a, text + u->start, b);
                set_add(out, joined, a + b);
            }
        }
    }
}

static void note_change(void *ud, const char *folded, size_t n, bool present)
{
    (void)present;
    set_add(ud, folded, n);
}

/* Every word that was in the text before an edit and is not after it, or the
 * other way round, is among the changes the kept counts report: the lint
 * cache asks its recorded answers of those only. */
Test(doc_stats, the_words_that_come_or_go_are_reported_as_changed)
{
    kr_document *doc = copies_doc(base_text, 3);
    lint_view v;
    view_incremental(&v, doc);
    word_set none = {0};
    cr_assert_not(kr_doc_presence_changes(&v.ctx, note_change, &none),
                  "counts made afresh cannot say what changed");
    lint_view before;
    view_fresh(&before, doc);
    size_t reported = 0;
    for (int step = 1; step <= 120; step++) {
        kr_document *old = kr_document_new(before.ctx.text, before.ctx.len);
        random_edit(doc);
        if (rnd(4) == 0) /* several edits between two lints */
            random_edit(doc);
        kr_arena_release(&v.arena);
        view_incremental(&v, doc);
        word_set changed = {0}, words = {0};
        cr_assert(kr_doc_presence_changes(&v.ctx, note_change, &changed), "edit %d", step);
        lint_view after, was;
        view_fresh(&after, doc);
        view_fresh(&was, old);
        words_of(&was, &words);
        words_of(&after, &words);
        for (size_t i = 0; i < words.n; i++) {
            size_t wn = strlen(words.w[i]);
            bool then = kr_doc_word_count(&was.ctx, words.w[i], wn) > 0;
            bool now = kr_doc_word_count(&after.ctx, words.w[i], wn) > 0;
            if (then != now)
                cr_assert(set_has(&changed, words.w[i], wn),
                          "edit %d: '%s' came or went unreported", step, words.w[i]);
        }
        reported += changed.n;
        set_free(&changed);
        set_free(&words);
        kr_arena_release(&after.arena);
        kr_arena_release(&was.arena);
        kr_arena_release(&before.arena);
        kr_document_free(old);
        view_fresh(&before, doc);
    }
    cr_assert_gt(reported, 0, "the edits made and removed words");
    kr_arena_release(&before.arena);
    kr_arena_release(&v.arena);
    kr_document_free(doc);
}

/* An edit that takes away more words than the counts note one by one reports
 * that it cannot say, and the next small edit is reported again. */
Test(doc_stats, thousands_of_words_gone_at_once_are_not_listed)
{
    size_t n;
    char *text = rule_made_up_words(6000, &n);
    kr_document *doc = kr_document_new(text, n);
    lint_view v;
    view_incremental(&v, doc);
    word_set got = {0};
    kr_doc_presence_changes(&v.ctx, note_change, &got); /* the first count: unknown */
    kr_document_edit(doc, 0, n - 70, "", 0);
    kr_arena_release(&v.arena);
    view_incremental(&v, doc);
    cr_assert_not(kr_doc_presence_changes(&v.ctx, note_change, &got));
    cr_assert_eq(got.n, 0, "nothing is listed when it cannot say");
    /* the next lint counts afresh (the entries of gone words are most of the
     * table): unknown once more; the one after lists its word */
    kr_arena_release(&v.arena);
    view_incremental(&v, doc);
    kr_doc_presence_changes(&v.ctx, note_change, &got);
    set_free(&got);
    got = (word_set){0};
    kr_document_edit(doc, 0, 0, "nyord ", 6);
    kr_arena_release(&v.arena);
    view_incremental(&v, doc);
    cr_assert(kr_doc_presence_changes(&v.ctx, note_change, &got));
    cr_assert(set_has(&got, "nyord", 5));
    set_free(&got);
    kr_arena_release(&v.arena);
    kr_document_free(doc);
    free(text);
}
