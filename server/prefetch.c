/* prefetch.c — a second thread for a lint that reads a lot of new text (a first
 * lint, a whole-text replacement): while the linting thread parses the text
 * (tree-sitter, a third of a first lint, on one core), this one scans the same
 * text for words and runs the repair searches the rules' verdicts will need
 * (kr_word_prefetch), after the one-time load of the engine's English word
 * list. Searches depend only on the word and the lexicon and are kept in a
 * process-wide memo (confusion.c), so the lint later finds them there: the
 * results are the same, only sooner. Nothing it does is visible but the memo's
 * contents; it reads the text and the (thread-safe) lexicon.
 *
 * Words come from the analysis' own tokenizer (tokens depend only on their
 * lines, not on the tree). When the thread reads the whole text (a first lint)
 * it tokenises it as the lint's first analysis would (kr_analysis_tokenize)
 * and counts the document's words from those tokens (kr_doc_stats_make), and
 * the lint takes both instead of making them again (kr_prefetch_take_tokens,
 * kr_prefetch_take_stats), and makes the rules' passes over the text
 * (kr_rule.text_pass, kr_prefetch_take_pass); else it tokenises pieces of the
 * text, so its memory stays small. Either way the last words go first: should the lint
 * reach its verdicts before this thread is done, the two meet in the middle
 * instead of racing over the same words. Each distinct word is prefetched
 * once. The thread is not started on a busy machine (core_to_spare): sharing
 * the lint's core, it would slow the lint down. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confusion.h"
#include "engine.h"

enum {
    PIECE_BYTES = 32 * 1024, /* text tokenised at a time */
    PIECE_TOKENS = 4096,     /* of a whole text's tokens, prefetched at a time */
    SEEN_MIN = 8192,         /* first size of the table of words seen */
    STOP_EVERY = 32,         /* tokens between looks at the stop flag */
    MAX_PASSES = 4,          /* rules' text passes made (kr_rule.text_pass) */
};

struct kr_prefetch {
    pthread_t thread;
    /* set by kr_prefetch_end; a mutex, not an atomic, so that helgrind sees
     * the order (it is read every STOP_EVERY tokens: the lock costs nothing) */
    pthread_mutex_t lock;
    bool stop;
    bool ready;          /* the engine's tables are loaded (kr_prefetch_sync) */
    pthread_cond_t made; /* signalled when the tokens are made */
    bool tokens_made;    /* tokens below are (or are not, when NULL) made */
    bool tokens_taken;   /* the lint took them (kr_prefetch_take_tokens) */
    kr_token *tokens;    /* the whole text's tokens, when lo..hi is all of it */
    size_t n_tokens, cap_tokens;
    bool stats_made;     /* stats below are (or are not, when NULL) made */
    kr_doc_stats *stats; /* the document's counts from those tokens */
    bool passes_made;    /* the rules' text passes below are (or are not) made */
    const kr_text_pass *pass[MAX_PASSES];
    void *pass_made[MAX_PASSES]; /* what each made (NULL: taken) */
    size_t n_passes;
    kr_lexicon *lex;
    const char *text;
    size_t len, lo, hi; /* the words of text[lo, hi) */
    bool dia_lost;      /* kr_doc_lost_diacritics, or a guess of it until the counts */
    uint32_t *seen;     /* fingerprints of the words prefetched (0: empty slot) */
    size_t cap, count;
};

static uint32_t fingerprint(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
    h ^= h >> 32;
    return (uint32_t)h | 1;
}

/* Marks the word seen; false when it was already (or, rarely, when another
 * word has the same fingerprint: that one is then not prefetched, which only
 * leaves its search to the lint). */
static bool first_sight(kr_prefetch *p, const char *s, size_t n)
{
    if ((p->count + 1) * 2 > p->cap) {
        size_t cap = p->cap ? 2 * p->cap : SEEN_MIN;
        uint32_t *t = calloc(cap, sizeof *t);
        if (!t)
            return true; /* no table: prefetch it again */
        for (size_t i = 0; i < p->cap; i++)
            if (p->seen[i]) {
                size_t j = p->seen[i] & (cap - 1);
                while (t[j])
                    j = (j + 1) & (cap - 1);
                t[j] = p->seen[i];
            }
        free(p->seen);
        p->seen = t;
        p->cap = cap;
    }
    uint32_t f = fingerprint(s, n);
    size_t i = f & (p->cap - 1);
    for (; p->seen[i]; i = (i + 1) & (p->cap - 1))
        if (p->seen[i] == f)
            return false;
    p->seen[i] = f;
    p->count++;
    return true;
}

static bool stopped(kr_prefetch *p)
{
    pthread_mutex_lock(&p->lock);
    bool stop = p->stop;
    pthread_mutex_unlock(&p->lock);
    return stop;
}

static void word(kr_prefetch *p, kr_lint_ctx *ctx, const char *s, size_t n)
{
    if (n && first_sight(p, s, n))
        kr_word_prefetch(ctx, s, n, p->dia_lost);
}

/* A byte of a letter or digit as broken-hyphenation reads a word half
 * (non-ASCII bytes all count: æøå and other letters). */
static bool alnum_byte(unsigned char c)
{
    return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* The word broken-hyphenation asks about for a break after token t: the
 * letters before its '-' joined with those beginning the next chunk. */
static void joined(kr_prefetch *p, kr_lint_ctx *ctx, const char *s, const kr_token *t,
                   const kr_token *next)
{
    size_t hyphen = t->ws_end - 1, x = hyphen, y = next->ws_start;
    while (x > t->ws_start && alnum_byte((unsigned char)s[x - 1]))
        x--;
    while (y < next->ws_end && alnum_byte((unsigned char)s[y]))
        y++;
    size_t xn = hyphen - x, yn = y - next->ws_start;
    char buf[201];
    if (xn == 0 || yn == 0 || xn + yn >= sizeof buf)
        return;
    memcpy(buf, s + x, xn);
    memcpy(buf + xn, s + next->ws_start, yn);
    word(p, ctx, buf, xn + yn);
}

/* A part in ASCII capitals is also judged in small letters (missing-diacritics,
 * in a text that lost its æøå). */
static void lowered(kr_prefetch *p, kr_lint_ctx *ctx, const char *s, size_t n)
{
    char low[64];
    if (!p->dia_lost || n < 2 || n >= sizeof low)
        return;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return;
        low[i] = (char)(s[i] + 32);
    }
    word(p, ctx, low, n);
}

/* The word parts of tokens [from, to) of tk[0..n) (their offsets in s), as
 * the rules split them (kr_word_parts and the checks of confusion.c's
 * build_findings, without the claims). */
static void piece(kr_prefetch *p, kr_lint_ctx *ctx, const char *s, const kr_token *tk, size_t n,
                  size_t from, size_t to)
{
    for (size_t k = from; k < to; k++) {
        if ((k - from) % STOP_EVERY == 0 && stopped(p))
            return;
        const kr_token *t = &tk[k];
        if (t->kind != KR_TOK_WORD)
            continue;
        if (t->flags & KR_TOKF_HYPHEN_END) {
            if (k + 1 < n)
                joined(p, ctx, s, t, &tk[k + 1]);
            continue;
        }
        if (k > 0 && (tk[k - 1].flags & KR_TOKF_HYPHEN_END) && t->end - t->start <= 3)
            continue;
        kr_span parts[8];
        size_t np = kr_word_parts(s, t, parts, 8);
        for (size_t i = 0; i < np; i++) {
            size_t n = parts[i].end - parts[i].start;
            lowered(p, ctx, s + parts[i].start, n);
            if (np == 1 || n > 3)
                word(p, ctx, s + parts[i].start, n);
        }
    }
}

/* Where the piece ending at `end` begins: a line start about PIECE_BYTES back
 * (or lo). */
static size_t piece_start(const kr_prefetch *p, size_t end)
{
    if (end - p->lo <= PIECE_BYTES)
        return p->lo;
    size_t s = kr_line_start_at(p->text, end - PIECE_BYTES);
    return s > p->lo ? s : p->lo; /* one line longer than a piece: from lo */
}

/* A part of the text: tokenised piece by piece, last piece first. */
static void some_text(kr_prefetch *p, kr_lint_ctx *ctx)
{
    kr_arena tokens;
    kr_arena_init(&tokens, 256 * 1024);
    for (size_t end = p->hi; end > p->lo && !stopped(p);) {
        size_t start = piece_start(p, end);
        kr_analysis an;
        kr_analysis_build(&an, &tokens, p->text + start, end - start, NULL);
        piece(p, ctx, p->text + start, an.tokens, an.n_tokens, 0, an.n_tokens);
        kr_arena_reset(&tokens);
        end = start;
    }
    kr_arena_release(&tokens);
}

/* The rules' passes over the text (kr_rule.text_pass), made here while the
 * lint thread parses instead of on its way after the parse. */
static void make_passes(kr_prefetch *p)
{
    const kr_text_pass *pass[MAX_PASSES];
    void *made[MAX_PASSES];
    size_t n = 0;
    for (size_t i = 0; i < kr_rules_count && n < MAX_PASSES && !stopped(p); i++)
        if (kr_rules[i]->text_pass) {
            pass[n] = kr_rules[i]->text_pass;
            made[n] = pass[n]->make(p->text, p->len);
            n++;
        }
    pthread_mutex_lock(&p->lock);
    memcpy(p->pass, pass, n * sizeof *pass);
    memcpy(p->pass_made, made, n * sizeof *made);
    p->n_passes = n;
    p->passes_made = true;
    pthread_cond_broadcast(&p->made);
    pthread_mutex_unlock(&p->lock);
}

/* The whole text: its tokens made for the lint first, then prefetched in
 * runs of PIECE_TOKENS, the last run first. The lint may take the tokens
 * meanwhile; it only writes their `block`, which is not read here. */
static void whole_text(kr_prefetch *p, kr_lint_ctx *ctx)
{
    size_t n, cap;
    kr_token *tk = kr_analysis_tokenize(p->text, p->len, &n, &cap);
    pthread_mutex_lock(&p->lock);
    p->tokens = tk;
    p->n_tokens = n;
    p->cap_tokens = cap;
    p->tokens_made = true;
    pthread_cond_broadcast(&p->made);
    pthread_mutex_unlock(&p->lock);
    /* the document's counts next (the lint asks them right after the parse),
     * and with them the lost-æøå verdict itself instead of a guess */
    bool lost;
    kr_doc_stats *stats = kr_doc_stats_make(p->text, p->len, tk, n, &lost);
    pthread_mutex_lock(&p->lock);
    p->stats = stats;
    p->stats_made = true;
    p->dia_lost = lost;
    pthread_cond_broadcast(&p->made);
    pthread_mutex_unlock(&p->lock);
    make_passes(p);
    for (size_t end = n; end > 0 && !stopped(p);) {
        size_t start = end > PIECE_TOKENS ? end - PIECE_TOKENS : 0;
        piece(p, ctx, p->text, tk, n, start, end);
        end = start;
    }
}

static void *run(void *arg)
{
    kr_prefetch *p = arg;
    kr_arena scratch;
    kr_arena_init(&scratch, 64 * 1024);
    kr_lint_ctx ctx = {.text = p->text, .len = p->len, .lex = p->lex, .scratch = &scratch};
    kr_word_prefetch(&ctx, NULL, 0, false);
    pthread_mutex_lock(&p->lock);
    p->ready = true;
    pthread_mutex_unlock(&p->lock);
    if (p->lo == 0 && p->hi == p->len)
        whole_text(p, &ctx);
    else
        some_text(p, &ctx);
    pthread_mutex_lock(&p->lock);
    p->tokens_made = p->stats_made = p->passes_made = true; /* (none, when not made) */
    pthread_cond_broadcast(&p->made);
    pthread_mutex_unlock(&p->lock);
    kr_arena_release(&scratch);
    return NULL;
}

/* Danish prose has æ/ø/å in about one word in ten; the statistics call a text
 * that has them in fewer than one word in 200 one that lost them. Words are
 * taken as 7 bytes each here: only a guess, and a wrong one costs time only. */
static bool guess_dia_lost(const char *text, size_t len)
{
    size_t dia = 0;
    for (const char *c = memchr(text, 0xC3, len); c && c + 1 < text + len;
         c = memchr(c + 1, 0xC3, (size_t)(text + len - c - 1))) {
        unsigned char d = (unsigned char)c[1] | 0x20;
        dia += d == 0xA6 || d == 0xB8 || d == 0xA5;
    }
    return dia * 200 * 7 <= len;
}

static atomic_bool always;

void kr_prefetch_always(bool on)
{
    atomic_store(&always, on);
}

/* How many tasks are runnable this instant (this one included): the fourth
 * field of /proc/loadavg, "running/total"; else the last minute's average. -1
 * when neither is known. */
static double runnable_now(void)
{
    char buf[128];
    FILE *f = fopen("/proc/loadavg", "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    double avg[3];
    int running, total;
    if (sscanf(buf, "%lf %lf %lf %d/%d", &avg[0], &avg[1], &avg[2], &running, &total) == 5)
        return running;
    return getloadavg(avg, 1) == 1 ? avg[0] : -1;
}

/* Is there a core for a second thread? Yes while the other tasks runnable this
 * instant (`now` counts this one too) leave a core free, and also when one
 * other task shares the machine with the lint: the instant often catches a
 * passing one (the editor that just sent the text; a third of first lints
 * went without the thread, 160 ms instead of 125), and the thread's work is
 * mostly the lint's own searches done early, its tokens the lint's own, so
 * sharing a core with it costs the lint little. On a busy machine (more other
 * tasks) the two threads would share one core's time (the scheduler gives a
 * process's threads one share between them) to no gain. */
static bool core_to_spare(void)
{
    if (atomic_load(&always))
        return true;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    double now = runnable_now();
    return cores >= 2 && now >= 0 && now <= (double)cores;
}

kr_prefetch *kr_prefetch_begin(kr_lexicon *lex, const char *text, size_t len, size_t lo, size_t hi)
{
    if (!lex || !text || hi > len || lo >= hi || !core_to_spare())
        return NULL;
    kr_prefetch *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->lex = lex;
    p->text = text;
    p->len = len;
    p->lo = kr_line_start_at(text, lo);
    p->hi = kr_line_end_at(text, len, hi);
    p->dia_lost = guess_dia_lost(text, len);
    /* the repair engine's tables are built here, before the thread: once is
     * enough either way (pthread_once), but helgrind cannot see that order */
    kr_confusion_signature_bound(0, 0, 0);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->made, NULL);
    if (pthread_create(&p->thread, NULL, run, p) != 0) {
        pthread_cond_destroy(&p->made);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

/* Locks p once *made (a flag of p's) is set, when the thread makes what the
 * lint takes, i.e. reads the whole text; false (not locked) else. */
static bool lock_when_made(kr_prefetch *p, const bool *made)
{
    if (!p || p->lo != 0 || p->hi != p->len)
        return false;
    pthread_mutex_lock(&p->lock);
    while (!*made)
        pthread_cond_wait(&p->made, &p->lock);
    return true;
}

kr_token *kr_prefetch_take_tokens(kr_prefetch *p, size_t *n, size_t *cap)
{
    if (!lock_when_made(p, p ? &p->tokens_made : NULL))
        return NULL;
    kr_token *tk = p->tokens;
    p->tokens_taken = tk != NULL;
    *n = p->n_tokens;
    *cap = p->cap_tokens;
    pthread_mutex_unlock(&p->lock);
    return tk;
}

bool kr_prefetch_sync(kr_prefetch *p)
{
    if (!p)
        return false;
    pthread_mutex_lock(&p->lock);
    bool ready = p->ready;
    pthread_mutex_unlock(&p->lock);
    return ready;
}

kr_doc_stats *kr_prefetch_take_stats(kr_prefetch *p)
{
    if (!lock_when_made(p, p ? &p->stats_made : NULL))
        return NULL;
    kr_doc_stats *s = p->stats;
    p->stats = NULL;
    pthread_mutex_unlock(&p->lock);
    return s;
}

void *kr_prefetch_take_pass(kr_prefetch *p, const kr_text_pass *pass)
{
    if (!lock_when_made(p, p ? &p->passes_made : NULL))
        return NULL;
    void *made = NULL;
    for (size_t i = 0; i < p->n_passes; i++)
        if (p->pass[i] == pass) {
            made = p->pass_made[i];
            p->pass_made[i] = NULL;
        }
    pthread_mutex_unlock(&p->lock);
    return made;
}

void kr_prefetch_end(kr_prefetch *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->stop = true;
    pthread_mutex_unlock(&p->lock);
    pthread_join(p->thread, NULL);
    pthread_cond_destroy(&p->made);
    pthread_mutex_destroy(&p->lock);
    if (!p->tokens_taken)
        free(p->tokens);
    kr_doc_stats_free(p->stats);
    for (size_t i = 0; i < p->n_passes; i++)
        p->pass[i]->free(p->pass_made[i]);
    free(p->seen);
    free(p);
}
