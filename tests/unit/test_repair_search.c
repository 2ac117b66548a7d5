/* test_repair_search.c — the repair search walks its budget passes at once
 * (server/confusion.c, one_walk) and must leave exactly the candidates the
 * passes one by one leave: the same spellings, costs, lexicon flags and
 * confusion classes, in the same order. Compared on every distinct word of the
 * fixtures and on OCR-damaged copies of them; KR_REPAIR_SEARCH_FILES (files
 * separated by ':') adds the words of more texts (the corpora, the bench
 * slices) for a longer run by hand. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "engine.h"
#include "korrektur/korrektur.h"
#include "rule_support.h"

static kr_lexicon *lex;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_null(kr_lexicon_error(lex), "data missing: %s", kr_lexicon_error(lex));
}

static void teardown(void)
{
    kr_lexicon_free(lex);
}

TestSuite(repair_search, .init = setup, .fini = teardown, .timeout = 600);

/* The distinct words seen so far (open addressing over a growing table). */
typedef struct {
    char **slots;
    size_t cap, count;
} word_set;

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    return h;
}

static bool set_add(word_set *ws, const char *s, size_t n)
{
    if ((ws->count + 1) * 2 > ws->cap) {
        word_set big = {calloc(ws->cap ? ws->cap * 2 : 1024, sizeof(char *)),
                        ws->cap ? ws->cap * 2 : 1024, ws->count};
        for (size_t i = 0; i < ws->cap; i++) {
            if (!ws->slots[i])
                continue;
            size_t j = hash(ws->slots[i], strlen(ws->slots[i])) & (big.cap - 1);
            while (big.slots[j])
                j = (j + 1) & (big.cap - 1);
            big.slots[j] = ws->slots[i];
        }
        free(ws->slots);
        *ws = big;
    }
    size_t i = hash(s, n) & (ws->cap - 1);
    for (; ws->slots[i]; i = (i + 1) & (ws->cap - 1))
        if (strlen(ws->slots[i]) == n && memcmp(ws->slots[i], s, n) == 0)
            return false;
    ws->slots[i] = strndup(s, n);
    ws->count++;
    return true;
}

static void set_free(word_set *ws)
{
    for (size_t i = 0; i < ws->cap; i++)
        free(ws->slots[i]);
    free(ws->slots);
}

/* Bytes that end a word as the rules split them: space, punctuation, quotes,
 * brackets, hyphens (kr_word_parts). Digits and other symbols stay: OCR puts
 * them inside words. */
static bool breaks(unsigned char c)
{
    return c <= ' ' || strchr(".,;:!?()[]{}\"'-/*«»", c) != NULL;
}

typedef struct {
    kr_arena scratch;
    kr_lint_ctx ctx;
    size_t words, with_candidates, in_ctx;
} checker;

static void checker_reset(checker *c)
{
    if (c->in_ctx)
        kr_arena_release(&c->scratch);
    kr_arena_init(&c->scratch, 64 * 1024);
    c->ctx = (kr_lint_ctx){.lex = lex, .scratch = &c->scratch};
    c->in_ctx = 1;
}

/* The search of w[0..n) both ways: the same candidates. */
static void compare(checker *c, const char *w, size_t n)
{
    if (n == 0 || n >= 64)
        return;
    if (c->in_ctx++ > 2000) /* the lint's maps grow with every word */
        checker_reset(c);
    static char walked[4096], passes[4096];
    int a = kr_repair_search_dump(&c->ctx, w, n, true, walked, sizeof walked);
    int b = kr_repair_search_dump(&c->ctx, w, n, false, passes, sizeof passes);
    cr_assert_eq(a, b, "%.*s: %d candidates walked at once, %d by passes", (int)n, w, a, b);
    cr_assert_str_eq(walked, passes, "%.*s: walked at once\n%s\nby passes\n%s", (int)n, w, walked,
                     passes);
    c->words++;
    c->with_candidates += a > 0;
}

static void words_of(checker *c, word_set *ws, const char *text, size_t len)
{
    for (size_t i = 0; i < len;) {
        while (i < len && breaks((unsigned char)text[i]))
            i++;
        size_t start = i;
        while (i < len && !breaks((unsigned char)text[i]))
            i++;
        if (i > start && set_add(ws, text + start, i - start))
            compare(c, text + start, i - start);
    }
}

/* What OCR does to a word, several ways: a letter misread, æøå lost, a
 * digit or symbol for a letter, two letters read as one. */
static const char *const swaps[][2] = {
    {"e", "c"},  {"o", "0"}, {"l", "1"},  {"i", "l"}, {"rn", "m"}, {"m", "rn"}, {"h", "b"},
    {"æ", "ae"}, {"ø", "o"}, {"å", "aa"}, {"a", "ä"}, {"t", "f"},  {"u", "n"},  {"s", "5"},
    {"d", "cl"}, {"g", "q"}, {"ø", "g"},  {"æ", "a"}, {"I", "l"},  {"n", "ri"}, {"b", "h"},
};
enum { NSWAPS = sizeof swaps / sizeof swaps[0] };

/* w[0..n) with swap k at its `nth` place into buf; its length, or 0. */
static size_t swapped(const char *w, size_t n, size_t k, size_t nth, char *buf, size_t cap)
{
    size_t from = strlen(swaps[k][0]), to = strlen(swaps[k][1]);
    for (size_t at = 0; at + from <= n; at++) {
        if (memcmp(w + at, swaps[k][0], from) != 0 || nth-- > 0)
            continue;
        if (n - from + to >= cap)
            return 0;
        memcpy(buf, w, at);
        memcpy(buf + at, swaps[k][1], to);
        memcpy(buf + at + to, w + at + from, n - at - from);
        return n - from + to;
    }
    return 0;
}

/* Every single damage of w at every place, and two damages at their first. */
static void damaged(checker *c, word_set *ws, const char *w, size_t n)
{
    char one[256], two[256];
    for (size_t k = 0; k < NSWAPS; k++) {
        for (size_t nth = 0;; nth++) {
            size_t m = swapped(w, n, k, nth, one, sizeof one);
            if (!m)
                break;
            if (set_add(ws, one, m))
                compare(c, one, m);
            if (nth)
                continue;
            for (size_t k2 = k + 1; k2 < NSWAPS; k2++) {
                size_t m2 = swapped(one, m, k2, 0, two, sizeof two);
                if (m2 && set_add(ws, two, m2))
                    compare(c, two, m2);
            }
        }
    }
}

Test(repair_search, one_walk_leaves_what_the_passes_one_by_one_leave)
{
    static const char *const fixtures[] = {"tests/fixtures/demo.ocr.txt",
                                           "tests/fixtures/demo.clean.txt",
                                           "tests/fixtures/demo.truth.txt"};
    checker c = {0};
    checker_reset(&c);
    word_set ws = {0}, clean = {0};
    for (size_t f = 0; f < sizeof fixtures / sizeof fixtures[0]; f++) {
        size_t len;
        char *text = rule_slurp(fixtures[f], &len);
        words_of(&c, &ws, text, len);
        free(text);
    }
    /* the fixtures' words damaged (from a copy: the set grows meanwhile) */
    char **seen = calloc(ws.count, sizeof *seen);
    size_t nseen = 0;
    for (size_t i = 0; i < ws.cap; i++)
        if (ws.slots[i])
            seen[nseen++] = ws.slots[i];
    for (size_t i = 0; i < nseen; i++)
        if (set_add(&clean, seen[i], strlen(seen[i])))
            damaged(&c, &ws, seen[i], strlen(seen[i]));
    free(seen);
    const char *more = getenv("KR_REPAIR_SEARCH_FILES");
    if (more && *more) {
        char *list = strdup(more);
        for (char *save = NULL, *p = strtok_r(list, ":", &save); p;
             p = strtok_r(NULL, ":", &save)) {
            size_t len;
            char *text = rule_slurp(p, &len);
            words_of(&c, &ws, text, len);
            free(text);
        }
        free(list);
    }
    fprintf(stderr, "repair_search: %zu words compared, %zu with candidates\n", c.words,
            c.with_candidates);
    cr_assert_gt(c.words, 1500, "only %zu words", c.words);
    cr_assert_gt(c.with_candidates, 500, "only %zu words with candidates", c.with_candidates);
    kr_arena_release(&c.scratch);
    set_free(&ws);
    set_free(&clean);
}
