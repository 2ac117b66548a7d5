/* lexcheck.c — measures the lexicon (make lexcheck, server/data.mk): cold open
 * time, lookups per second for known, unknown and compound words, RSS, and its
 * agreement with hunspell on every distinct word of the given text files.
 *
 *   lexcheck [-v|-n] FILE...   -v lists every word the two disagree on,
 *                              -n skips hunspell (speed and memory only) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "korrektur/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CPU time, not wall time: the numbers stay meaningful on a busy machine. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmRSS:", 6) == 0)
            kb = atol(line + 6);
    if (f)
        fclose(f);
    return kb;
}

typedef struct {
    char **v;
    size_t n, cap;
} words;

static void push(words *w, const char *s, size_t len)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 1024;
        w->v = realloc(w->v, w->cap * sizeof *w->v);
    }
    w->v[w->n++] = strndup(s, len);
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-';
}

static void read_words(words *w, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        exit(2);
    }
    char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        for (char *p = line; *p;) {
            if (!word_byte((unsigned char)*p)) {
                p++;
                continue;
            }
            char *s = p;
            while (word_byte((unsigned char)*p))
                p++;
            char *e = p;
            while (s < e && *s == '-')
                s++;
            while (e > s && e[-1] == '-')
                e--;
            if (e > s)
                push(w, s, (size_t)(e - s));
        }
    }
    fclose(f);
}

static double rate(kr_lexicon *lex, char **v, size_t n, int rounds)
{
    double t = now();
    unsigned sink = 0;
    for (int r = 0; r < rounds; r++)
        for (size_t i = 0; i < n; i++)
            sink += kr_lexicon_lookup(lex, v[i], strlen(v[i]));
    t = now() - t;
    if (sink == 12345)
        puts("");
    return n * rounds / t;
}

int main(int argc, char **argv)
{
    bool verbose = argc > 1 && strcmp(argv[1], "-v") == 0;
    bool no_hunspell = argc > 1 && strcmp(argv[1], "-n") == 0;
    words all = {0};
    for (int i = 1 + (verbose || no_hunspell); i < argc; i++)
        read_words(&all, argv[i]);
    qsort(all.v, all.n, sizeof *all.v, cmp);
    size_t d = 0;
    for (size_t i = 0; i < all.n; i++)
        if (d == 0 || strcmp(all.v[d - 1], all.v[i]) != 0)
            all.v[d++] = all.v[i];
        else
            free(all.v[i]);
    all.n = d;

    long rss0 = rss_kb();
    double t = now();
    kr_lexicon *lex = kr_lexicon_new();
    const char *err = kr_lexicon_error(lex);
    kr_lexicon_known(lex, "hus", 3);
    double open_ms = (now() - t) * 1e3;
    if (err) {
        fprintf(stderr, "lexcheck: %s\n", err);
        return 2;
    }
    printf("cold open + first lookup: %.2f ms CPU\n", open_ms);

    words known = {0}, unknown = {0}, compound = {0};
    size_t fast_only = 0, hs_only = 0;
    double hs_time = 0;
    for (size_t i = 0; i < all.n; i++) {
        const char *w = all.v[i];
        size_t len = strlen(w);
        unsigned v = kr_lexicon_lookup(lex, w, len);
        bool fast = v & KR_LEX_KNOWN;
        push(v & KR_LEX_COMPOUND ? &compound : fast ? &known : &unknown, w, len);
        if (no_hunspell)
            continue;
        double t0 = now();
        bool hs = kr_lexicon_hunspell_known(lex, w, len);
        if (i > 0)
            hs_time += now() - t0;
        if (fast != hs) {
            fast ? fast_only++ : hs_only++;
            if (verbose)
                printf("%s %s\n", fast ? "ONLY-US      " : "ONLY-HUNSPELL", w);
        }
    }
    if (!no_hunspell)
        printf("distinct words: %zu  agree: %zu  hunspell-only: %zu  ours-only: %zu  (%.3f%% "
               "agreement)\n",
               all.n, all.n - fast_only - hs_only, hs_only, fast_only,
               all.n ? 100.0 * (all.n - fast_only - hs_only) / all.n : 100.0);
    if (!no_hunspell)
        printf("hunspell: %.0f lookups/s\n", all.n > 1 ? (all.n - 1) / hs_time : 0.0);

    kr_lexicon_free(lex);
    lex = kr_lexicon_new();
    rss0 = rss_kb();
    kr_lexicon_known(lex, "hus", 3);
    for (size_t i = 0; i < 10000 && all.n; i++)
        kr_lexicon_lookup(lex, all.v[i % all.n], strlen(all.v[i % all.n]));
    printf("RSS after open + 10k lookups: %ld kB (process %ld kB before open)\n", rss_kb(), rss0);
    printf("lookups/s  known: %.0f  unknown: %.0f  compound: %.0f  (memoised, 20 rounds)\n",
           rate(lex, known.v, known.n, 20), rate(lex, unknown.v, unknown.n, 20),
           rate(lex, compound.v, compound.n, 20));
    kr_lexicon_free(lex);
    lex = kr_lexicon_new();
    printf("lookups/s  unknown: %.0f  compound: %.0f  (first time, no memo)\n",
           rate(lex, unknown.v, unknown.n, 1), rate(lex, compound.v, compound.n, 1));
    printf("words: %zu known, %zu unknown, %zu compound-only\n", known.n, unknown.n, compound.n);
    kr_lexicon_free(lex);
    for (size_t i = 0; i < all.n; i++)
        free(all.v[i]);
    free(all.v);
    words *ws[] = {&known, &unknown, &compound};
    for (int k = 0; k < 3; k++) {
        for (size_t i = 0; i < ws[k]->n; i++)
            free(ws[k]->v[i]);
        free(ws[k]->v);
    }
    return 0;
}
