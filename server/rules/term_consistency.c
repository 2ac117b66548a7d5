/* term_consistency.c — rule `term-consistency`: a key term spelled more than one
 * way in a document.
 *
 * 1. Declared terms (config: "Småbørnsløftet" by default, `.korrektur.json`
 *    {"terms": [...]}). A variant is any spelling within a small OCR/æøå
 *    confusion distance of the term (server/confusion.h): other case, lost æøå
 *    (`Smabornsloftet`), glyph confusions (`Smabgrnslgftet`), a line-end hyphen
 *    inside it (`Små-⏎børnsløftet`), an inflection (`Småbørnsløftets`), inside a
 *    URL (`smabegrnsigftet.dk`), and multi-word terms word by word. The fix is the
 *    canonical spelling with the variant's inflection and case pattern (ALL CAPS
 *    stays all caps, a capital first letter stays); a hyphen break inside the term
 *    is joined like broken-hyphenation does, a line break between the words of a
 *    multi-word term stays.
 * 2. Undeclared: within one document, spellings of the same capitalised word or
 *    long compound that differ only by such confusions, where one spelling is a
 *    dictionary word or clearly dominant, while the other is not a word: the
 *    others are flagged with a fix to it.
 *
 * The LSP re-runs it on every keystroke, so little is done again: the document
 * is cut into spans at its blocks, and each span's scan (what it claimed and
 * reported, its capitalised spellings) is kept between lints; a lint scans only
 * the spans an edit touched (ctx->changes) and replays the others' records. The
 * spellings' pairs are kept too, so only new spellings are compared. A lint
 * without the linter's memory (kr_linter_run_full) starts from an empty one and
 * walks the same code. Most compared pairs (a declared term's word and a word of
 * about its length, two capitalised spellings) are refused by lower bounds on
 * their distance before it is asked: term_pairs.c. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "engine.h"
#include "korrektur/config.h"
#include "korrektur/lexicon.h"
#include "term_pairs.h"

/* ---- characters ----------------------------------------------------------------- */

static inline uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] >= 0xC0 && u[0] < 0xE0 && i + 1 < n) {
        *len = 2;
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    }
    if (u[0] >= 0xE0 && u[0] < 0xF0 && i + 2 < n) {
        *len = 3;
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    }
    /* an emoji is one character, not a Latin-1 'ð' (0xF0) and three more bytes:
     * the edit fuzzer found a term's range ending inside one */
    if (u[0] >= 0xF0 && u[0] < 0xF5 && i + 3 < n) {
        *len = 4;
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
               (u[3] & 0x3Fu);
    }
    *len = 1;
    return u[0] < 0x80 ? u[0] : 0xFFFD; /* a stray byte is no letter */
}

static inline bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
static inline bool is_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}
static inline bool is_letter(uint32_t c)
{
    return is_upper(c) || is_lower(c);
}
static bool is_alnum(uint32_t c)
{
    return is_letter(c) || (c >= '0' && c <= '9');
}

static size_t put_cp(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
}

/* Characters in s[0..n): the bytes that are no UTF-8 continuation (10xxxxxx),
 * eight at a time (every token of a document is counted). */
static size_t nchars(const char *s, size_t n)
{
    size_t c = n, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = (w & ~(w << 1) & 0x8080808080808080ull) >> 7; /* 1 per continuation */
        c -= (size_t)((x * 0x0101010101010101ull) >> 56);
    }
    if (i < n && n >= 8) { /* the last eight bytes, those counted already shifted out */
        uint64_t w;
        memcpy(&w, s + n - 8, 8);
        uint64_t x = (w & ~(w << 1) & 0x8080808080808080ull) >> 7 >> 8 * (8 - (n - i));
        return c - (size_t)((x * 0x0101010101010101ull) >> 56);
    }
    for (; i < n; i++)
        c -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return c;
}

/* A hash of s[0..n) from seed, eight bytes a step (the per-lint maps hash a
 * document's every long word; the cost memo keeps the hash alone as its key,
 * so all 64 bits are mixed). */
static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * k;
        h ^= h >> 32;
    }
    /* the last one to seven bytes: the last eight (overlapping) when there are
     * that many, else two overlapping halves, or the first, middle and last */
    uint64_t w = (uint64_t)n << 56;
    if (i < n) {
        if (n >= 8) {
            memcpy(&w, s + n - 8, 8);
        } else if (n >= 4) {
            uint32_t lo, hi;
            memcpy(&lo, s, 4);
            memcpy(&hi, s + n - 4, 4);
            w ^= lo | (uint64_t)hi << 32;
        } else {
            w ^= (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
                 (uint64_t)(unsigned char)s[n - 1] << 16;
        }
    }
    h = (h ^ w) * k;
    return h ^ h >> 29;
}

typedef enum { CASE_AS_IS, CASE_UPPER, CASE_LOWER, CASE_CAPITAL } case_pattern;

/* The case pattern a variant shows: all capitals (at least two letters), or a
 * capital first letter. */
static case_pattern case_of(const char *s, size_t n)
{
    size_t letters = 0, upper = 0, len;
    bool first_upper = false, first = true;
    for (size_t i = 0; i < n; i += len) {
        uint32_t c = (unsigned char)s[i];
        len = 1;
        if (c >= 0x80) /* most characters are ASCII: decoded only when not */
            c = cp_at(s, n, i, &len);
        if (!is_letter(c))
            continue;
        letters++;
        upper += is_upper(c);
        if (first)
            first_upper = is_upper(c);
        first = false;
    }
    if (letters >= 2 && upper == letters)
        return CASE_UPPER;
    return first_upper ? CASE_CAPITAL : CASE_AS_IS;
}

/* s[0..n) with a case pattern applied, into out (at least n + 1 bytes). */
static size_t apply_case(const char *s, size_t n, case_pattern p, char *out)
{
    size_t o = 0, len;
    bool first = true;
    for (size_t i = 0; i < n; i += len) {
        uint32_t c = cp_at(s, n, i, &len);
        bool letter = is_letter(c);
        if (letter && (p == CASE_UPPER || (p == CASE_CAPITAL && first)) && is_lower(c) &&
            c != 0xDF && c != 0xFF)
            c -= 32;
        if (letter)
            first = false;
        if (c < 0x800 && (c < 0x80 || len == 2))
            o += put_cp(out + o, c);
        else {
            memcpy(out + o, s + i, len);
            o += len;
        }
    }
    out[o] = 0;
    return o;
}

/* ---- word units: one token, or the two halves of a hyphen break ----------------- */

typedef struct {
    size_t first, last; /* tokens */
    size_t start, end;  /* bytes in the text */
    char text[256];     /* the word as read, a hyphen break joined */
    size_t len;
    bool broken; /* a line-end hyphen inside */
} unit;

static bool plain_gap(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r' && t[i] != '\n')
            return false;
    return true;
}

/* The unit starting at token i; with `join`, a hyphen-ended token takes the next
 * token (on the next line) along. */
static bool unit_at(const kr_lint_ctx *ctx, size_t i, bool join, unit *u)
{
    const kr_analysis *an = ctx->an;
    const kr_token *tk = &an->tokens[i];
    if (tk->kind != KR_TOK_WORD || tk->end - tk->start >= sizeof u->text)
        return false;
    u->first = u->last = i;
    u->start = tk->start;
    u->end = tk->end;
    u->broken = false;
    memcpy(u->text, ctx->text + tk->start, tk->end - tk->start);
    u->len = tk->end - tk->start;
    if (!join || !(tk->flags & KR_TOKF_HYPHEN_END) || i + 1 >= an->n_tokens)
        return true;
    const kr_token *nx = &an->tokens[i + 1];
    size_t xn = u->len - 1; /* without the hyphen */
    if (ctx->text[tk->end - 1] != '-' || nx->kind != KR_TOK_WORD ||
        !plain_gap(ctx->text, tk->end, nx->start) || xn + nx->end - nx->start >= sizeof u->text)
        return false;
    memcpy(u->text + xn, ctx->text + nx->start, nx->end - nx->start);
    u->len = xn + nx->end - nx->start;
    u->last = i + 1;
    u->end = nx->end;
    u->broken = true;
    return true;
}

/* ---- declared terms ---------------------------------------------------------------- */

/* Inflections a variant may carry after the term. */
static const char *const suffixes[] = {"", "s", "'s", "’s"};
#define N_SUFFIXES (sizeof suffixes / sizeof suffixes[0])

/* What a term costs at most: OCR and æøå confusions only (a few per word), never
 * a different word. */
static int budget(size_t chars)
{
    int b = (int)(16 * chars);
    return b < 30 ? 30 : b > 240 ? 240 : b;
}

/* Does w end with the suffix (ASCII letters case-blind)? */
static bool ends_with(const char *w, size_t wn, const char *sfx, size_t sn)
{
    if (sn > wn)
        return false;
    for (size_t i = 0; i < sn; i++) {
        char a = w[wn - sn + i], b = sfx[i];
        if (a != b && !((a | 32) == b && b >= 'a' && b <= 'z'))
            return false;
    }
    return true;
}

/* Best suffix and its cost for reading word w as term word `tw` (the last word of
 * a term may be inflected). Returns the case-blind cost, or > limit. Only the
 * suffixes w ends with are tried: a distance is the expensive step here. */
static int word_cost_as(const char *tw, size_t tn, const char *w, size_t wn, bool inflect,
                        int limit, size_t *suffix, bool filter)
{
    char buf[300];
    int best = limit + 1;
    *suffix = 0;
    size_t tc = nchars(tw, tn), wc = nchars(w, wn);
    if (wc + 4 < tc || wc > tc + 6 || tn + 4 > sizeof buf)
        return best;
    for (size_t s = 0; s < (inflect ? N_SUFFIXES : 1); s++) {
        size_t sn = strlen(suffixes[s]);
        if (sn > 0 && !ends_with(w, wn, suffixes[s], sn))
            continue;
        memcpy(buf, tw, tn);
        memcpy(buf + tn, suffixes[s], sn);
        /* most words of about the term's length are far from it: the pair
         * bounds refuse them in a fraction of a distance's steps */
        if (filter && kr_pair_words_beyond(buf, tn + sn, w, wn, limit))
            continue;
        int c = kr_confusion_distance_within(buf, tn + sn, w, wn, limit);
        if (c < best) {
            best = c;
            *suffix = s;
        }
    }
    return best;
}

static int word_cost(const char *tw, size_t tn, const char *w, size_t wn, bool inflect, int limit,
                     size_t *suffix)
{
    return word_cost_as(tw, tn, w, wn, inflect, limit, suffix, true);
}

/* For the unit tests: does word_cost with the bounds answer exactly as the
 * distance alone (cost and suffix), reading w as term word tw? *cost receives
 * the cost, -1 when over the term's budget. */
bool kr_term_consistency_word_agrees(const char *tw, const char *w, bool inflect, int *cost);
bool kr_term_consistency_word_agrees(const char *tw, const char *w, bool inflect, int *cost)
{
    size_t tn = strlen(tw), wn = strlen(w), s1, s2;
    int limit = budget(nchars(tw, tn));
    int a = word_cost_as(tw, tn, w, wn, inflect, limit, &s1, true);
    int b = word_cost_as(tw, tn, w, wn, inflect, limit, &s2, false);
    *cost = b <= limit ? b : -1;
    return (a > limit && b > limit) || (a == b && s1 == s2);
}

/* What match_word made of a spelling within reach: its case pattern and the
 * canonical spelling in it (a document repeats its variants thousands of
 * times). */
typedef struct {
    const char *text; /* in the scratch arena; NULL: not made yet */
    uint16_t len;
    uint8_t pattern; /* case_of the spelling */
} made_want;

/* Per-lint memo of word_cost by (term word, spelling): a document repeats its
 * words, and the LSP re-lints on every keystroke. */
typedef struct {
    uint64_t *keys;
    int32_t *vals; /* cost << 4 | known << 3 | asked << 2 | suffix */
    made_want *wants;
    size_t cap, n;
} cost_memo;

/* word_cost through the memo; *slot receives the spelling's entry there. */
static int memo_cost(kr_lint_ctx *ctx, cost_memo *m, const char *tw, size_t tn, const char *w,
                     size_t wn, bool inflect, int limit, size_t *suffix, size_t *slot)
{
    uint64_t h =
        hash_bytes(1469598103934665603ull ^ (uint64_t)(uintptr_t)tw ^ (inflect ? 0x9e37u : 0), w,
                   wn) |
        1;
    if (m->n * 2 >= m->cap) { /* grow (rehash into a fresh table) */
        cost_memo g = {0};
        g.cap = m->cap ? m->cap * 2 : 1024;
        g.keys = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.keys);
        g.vals = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.vals);
        g.wants = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.wants);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = m->keys[i] & (g.cap - 1);
                while (g.keys[j])
                    j = (j + 1) & (g.cap - 1);
                g.keys[j] = m->keys[i];
                g.vals[j] = m->vals[i];
                g.wants[j] = m->wants[i];
            }
        g.n = m->n;
        *m = g;
    }
    size_t j = h & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != h)
        j = (j + 1) & (m->cap - 1);
    *slot = j;
    if (m->keys[j]) {
        *suffix = (size_t)(m->vals[j] & 3);
        return m->vals[j] >> 4;
    }
    int c = word_cost(tw, tn, w, wn, inflect, limit, suffix);
    m->keys[j] = h;
    m->vals[j] = (int32_t)((c < (1 << 20) ? c : (1 << 20)) << 4 | (int)*suffix);
    m->n++;
    return c;
}

typedef struct {
    const char *words[8];
    size_t lens[8];
    size_t n;
    size_t chars0; /* characters of the first word */
    bool upper[8]; /* a word in capitals ("EU"), found once, not per match */
    int limit[8];  /* its budget */
} term_words;

static void split_term(const char *term, term_words *tw)
{
    tw->n = 0;
    for (const char *p = term; *p && tw->n < 8;) {
        while (*p == ' ')
            p++;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        if (p > s) {
            tw->words[tw->n] = s;
            tw->lens[tw->n] = (size_t)(p - s);
            tw->upper[tw->n] = case_of(s, (size_t)(p - s)) == CASE_UPPER;
            tw->limit[tw->n] = budget(nchars(s, (size_t)(p - s)));
            tw->n++;
        }
    }
    tw->chars0 = tw->n ? nchars(tw->words[0], tw->lens[0]) : 0;
}

/* ---- what a span's scan did, so a later lint can do it again ---------------------
 * The document is cut into spans at the blocks' starts (every byte in one span).
 * Scanning a span for the declared terms claims tokens and reports: each such
 * step is kept as a record, with tokens counted from the span's first and bytes
 * from its start, and a lint that finds the span's bytes unchanged (and the
 * claims the earlier rules left in it) replays the records instead of scanning.
 * The span's cluster candidates are kept too, as spellings of the memory, whose
 * document counts are the sum over the spans. */
enum { REC_ACCEPT, REC_TERM, REC_URL };

typedef struct {
    uint8_t kind;
    uint8_t n_edits;
    uint16_t term;
    uint32_t first, last; /* tokens */
    uint32_t start, end;  /* bytes */
    uint32_t edit0;       /* its first edit */
    uint32_t msg;         /* its message in the span's pool (a report's) */
    uint32_t blob;        /* its strings in the span's blob, UINT32_MAX when none */
    uint32_t msg_len, title_len;
} rec;

typedef struct {
    uint32_t start, end;     /* bytes */
    uint32_t want, want_len; /* in the span's pool */
} rec_edit;

typedef struct {
    uint32_t tok; /* from the span's first */
    uint32_t sp;  /* the memory's spelling */
} cand;

typedef struct {
    size_t start, end, n_tok; /* bytes in the text it was made for; its tokens */
    size_t t0;                /* its first token there */
    bool spill;               /* its scan read tokens after it: never replayed */
    bool claims_out;          /* it claimed tokens after it: the next span is scanned */
    uint32_t *claims;         /* tokens earlier rules had claimed when it was scanned */
    uint32_t n_claims;
    rec *recs;
    uint32_t n_recs, cap_recs;
    rec_edit *edits;
    uint32_t n_edits, cap_edits;
    char *pool;
    uint32_t n_pool, cap_pool;
    cand *cands;
    uint64_t cand_bits; /* bit (spelling % 64) of each candidate's spelling */
    /* the reports' strings as diagnostics show them (message, subject, title,
     * edit texts), in shared storage the lint's list holds: a replay points at
     * them (see replay) */
    void *blob;
    uint32_t n_cands, cap_cands;
    kr_arena *arena; /* where its arrays are (see mem_alloc) */
} span_sum;

/* The rule's memory of a document lives on the heap, kept between lints; a
 * lint without a keeper makes its own in the lint's scratch arena (arena not
 * NULL), which ends with the lint: no one-by-one frees of some 10 000 spans. */
static void *mem_alloc(kr_arena *arena, size_t n)
{
    return arena ? kr_arena_alloc(arena, n) : kr_xmalloc(n);
}

static void *mem_realloc(kr_arena *arena, void *p, size_t old, size_t n)
{
    if (!arena)
        return kr_xrealloc(p, n);
    void *q = kr_arena_alloc(arena, n);
    if (old)
        memcpy(q, p, old);
    return q;
}

static void mem_free(kr_arena *arena, void *p)
{
    if (!arena)
        free(p);
}

static void *grow_more(kr_arena *arena, void *p, uint32_t *cap, uint32_t n, size_t size,
                       uint32_t more);

/* Room for `more` more of `size` bytes at *p (capacity *cap, n used). */
static inline void *grow(kr_arena *arena, void *p, uint32_t *cap, uint32_t n, size_t size,
                         uint32_t more)
{
    return n + more <= *cap ? p : grow_more(arena, p, cap, n, size, more);
}

static void *grow_more(kr_arena *arena, void *p, uint32_t *cap, uint32_t n, size_t size,
                       uint32_t more)
{
    uint32_t c = *cap ? *cap : 4;
    while (c < n + more)
        c *= 2;
    void *q = mem_realloc(arena, p, (size_t)*cap * size, (size_t)c * size);
    *cap = c;
    return q;
}

static void span_free(span_sum *s)
{
    kr_shared_release(s->blob);
    if (s->arena)
        return;
    free(s->claims);
    free(s->recs);
    free(s->edits);
    free(s->pool);
    free(s->cands);
    free(s);
}

static void rec_edit_add(span_sum *s, size_t start, size_t end, const char *want, size_t len)
{
    s->edits = grow(s->arena, s->edits, &s->cap_edits, s->n_edits, sizeof *s->edits, 1);
    s->pool = grow(s->arena, s->pool, &s->cap_pool, s->n_pool, 1, (uint32_t)len);
    memcpy(s->pool + s->n_pool, want, len);
    s->edits[s->n_edits++] = (rec_edit){(uint32_t)start, (uint32_t)end, s->n_pool, (uint32_t)len};
    s->n_pool += (uint32_t)len;
}

static rec *rec_add(span_sum *s, int kind, size_t term, size_t first, size_t last, size_t start,
                    size_t end)
{
    s->recs = grow(s->arena, s->recs, &s->cap_recs, s->n_recs, sizeof *s->recs, 1);
    rec *r = &s->recs[s->n_recs++];
    *r = (rec){.kind = (uint8_t)kind,
               .term = (uint16_t)term,
               .first = (uint32_t)first,
               .last = (uint32_t)last,
               .start = (uint32_t)start,
               .end = (uint32_t)end,
               .edit0 = s->n_edits,
               .msg = UINT32_MAX,
               .blob = UINT32_MAX};
    return r;
}

/* What a lint makes once for all its reports: the fix titles by term, and the
 * messages by reported spelling (a document repeats its variants). */
typedef struct {
    uint64_t h;
    const char *text; /* the reported bytes, in this lint's text */
    size_t n;
    unsigned kind, term;
    const char *msg;
} msg_entry;

typedef struct {
    const char **titles;
    msg_entry *msgs; /* open addressing, h == 0 empty */
    size_t cap, n;
} lint_memo;

/* The title of a term's fix ("Skriv »term«"), in the list's arena: its fixes
 * share it. */
static const char *term_title(kr_lint_ctx *ctx, lint_memo *lm, size_t k)
{
    if (!lm->titles[k]) {
        char *t = kr_arena_printf(ctx->scratch, "Skriv »%s«", kr_config_term(ctx->cfg, k));
        lm->titles[k] = kr_arena_strndup(&ctx->out->arena, t, strlen(t));
    }
    return lm->titles[k];
}

/* The message slot for a report of `kind` of term `term` on text[0..n). */
static msg_entry *msg_slot(kr_lint_ctx *ctx, lint_memo *lm, unsigned kind, unsigned term,
                           const char *text, size_t n)
{
    uint64_t h =
        hash_bytes(1469598103934665603ull ^ (kind * 0x9E3779B97F4A7C15ull) ^ term, text, n) | 1;
    if (lm->n * 2 >= lm->cap) {
        lint_memo g = *lm;
        g.cap = lm->cap ? 2 * lm->cap : 256;
        g.msgs = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.msgs);
        for (size_t i = 0; i < lm->cap; i++)
            if (lm->msgs[i].h) {
                size_t j = lm->msgs[i].h & (g.cap - 1);
                while (g.msgs[j].h)
                    j = (j + 1) & (g.cap - 1);
                g.msgs[j] = lm->msgs[i];
            }
        *lm = g;
    }
    size_t j = h & (lm->cap - 1);
    for (; lm->msgs[j].h; j = (j + 1) & (lm->cap - 1)) {
        msg_entry *e = &lm->msgs[j];
        if (e->h == h && e->n == n && e->kind == kind && e->term == term &&
            memcmp(e->text, text, n) == 0)
            return e;
    }
    lm->msgs[j] = (msg_entry){h, text, n, kind, term, NULL};
    lm->n++;
    return &lm->msgs[j];
}

/* Gives d its subject (the reported bytes) and its one preferred fix, the
 * record's edits: what kr_diagnostic_set_subject, kr_diagnostic_add_fix and
 * kr_fix_add_edit would make, in one allocation of the list's arena (a lint
 * replays thousands of them, a document's every variant of a term). */
static void attach(kr_lint_ctx *ctx, kr_diagnostic *d, const char *title, const span_sum *s,
                   const rec *r, size_t base)
{
    size_t n = r->n_edits, sn = d->end - d->start;
    size_t bytes = sizeof(kr_fix) + n * sizeof(kr_edit) + sn + 1;
    for (size_t k = 0; k < n; k++)
        bytes += s->edits[r->edit0 + k].want_len + 1;
    kr_fix *f = kr_arena_alloc(&ctx->out->arena, bytes);
    kr_edit *e = (kr_edit *)(f + 1);
    char *str = (char *)(e + n);
    memcpy(str, ctx->text + d->start, sn);
    str[sn] = 0;
    d->subject = str;
    str += sn + 1;
    for (size_t k = 0; k < n; k++) {
        const rec_edit *re = &s->edits[r->edit0 + k];
        memcpy(str, s->pool + re->want, re->want_len);
        str[re->want_len] = 0;
        e[k] = (kr_edit){
            .start = base + re->start, .end = base + re->end, .text = str, .len = re->want_len};
        str += re->want_len + 1;
    }
    *f = (kr_fix){.title = title, .preferred = true, .edits = e, .n_edits = n, .cap_edits = n};
    d->fixes = f;
    d->n_fixes = d->cap_fixes = 1;
}

/* Does what the record says, for the span whose first token is t0 and whose
 * bytes start at base (lm: what this lint made already). Returns false when its
 * claim failed (nothing done). A report's message depends on the term and the
 * reported bytes only: it is made once and kept in the pool (`s` is written to
 * only then, while its span is scanned). */
static bool replay(kr_lint_ctx *ctx, span_sum *s, rec *r, size_t t0, size_t base, lint_memo *lm)
{
    if (!kr_claim(ctx, t0 + r->first, t0 + r->last))
        return false;
    if (r->kind == REC_ACCEPT)
        return true;
    if (r->blob != UINT32_MAX) {
        /* the diagnostic, its fix and edits in one allocation, the strings in the
         * blob the list holds (replay_span): what kr_emit, kr_diagnostic_add_fix
         * and kr_fix_add_edit would make, without a copy */
        size_t n = r->n_edits;
        kr_diagnostic *d =
            kr_arena_alloc(&ctx->out->arena, sizeof *d + sizeof(kr_fix) + n * sizeof(kr_edit));
        kr_fix *f = (kr_fix *)(void *)(d + 1);
        kr_edit *e = (kr_edit *)(void *)(f + 1);
        const char *p = (const char *)s->blob + r->blob;
        *d = (kr_diagnostic){.rule = ctx->rule->id,
                             .severity = ctx->severity,
                             .start = base + r->start,
                             .end = base + r->end,
                             .message = p,
                             .subject = p + r->msg_len + 1,
                             .fixes = f,
                             .n_fixes = 1,
                             .cap_fixes = 1};
        p += r->msg_len + 1 + (r->end - r->start) + 1;
        *f = (kr_fix){.title = p, .preferred = true, .edits = e, .n_edits = n, .cap_edits = n};
        p += r->title_len + 1;
        for (size_t k = 0; k < n; k++) {
            const rec_edit *re = &s->edits[r->edit0 + k];
            e[k] = (kr_edit){
                .start = base + re->start, .end = base + re->end, .text = p, .len = re->want_len};
            p += re->want_len + 1;
        }
        kr_diagnostics_push(ctx->out, d);
        return true;
    }
    const char *t = ctx->text, *term = kr_config_term(ctx->cfg, r->term);
    size_t start = base + r->start, end = base + r->end;
    kr_diagnostic *d;
    const char *title;
    if (r->msg != UINT32_MAX) {
        d = kr_diagnostics_add(ctx->out, ctx->rule->id, ctx->severity, start, end,
                               s->pool + r->msg);
    } else {
        msg_entry *me = msg_slot(ctx, lm, r->kind, r->term, t + start, end - start);
        if (me->msg) {
            d = kr_diagnostics_add(ctx->out, ctx->rule->id, ctx->severity, start, end, me->msg);
        } else if (r->kind == REC_TERM) {
            d = kr_emit(ctx, start, end, "Stavemåden afviger fra termen »%s«: »%.*s«", term,
                        (int)(end - start), t + start);
        } else {
            /* the term's first (only) word */
            while (*term == ' ')
                term++;
            size_t tn = strcspn(term, " ");
            d = kr_emit(ctx, start, end, "Stavemåden afviger fra termen »%.*s« i adressen: »%.*s«",
                        (int)tn, term, (int)(end - start), t + start);
        }
        if (!d)
            return true;
        me->msg = d->message; /* in the list's arena: it outlives the lint */
        size_t n = strlen(d->message) + 1;
        s->pool = grow(s->arena, s->pool, &s->cap_pool, s->n_pool, 1, (uint32_t)n);
        memcpy(s->pool + s->n_pool, d->message, n);
        r->msg = s->n_pool;
        s->n_pool += (uint32_t)n;
    }
    if (r->kind == REC_TERM) {
        title = term_title(ctx, lm, r->term);
    } else { /* the fix is the term in lower case */
        const rec_edit *e = &s->edits[r->edit0];
        title =
            kr_arena_printf(&ctx->out->arena, "Skriv »%.*s«", (int)e->want_len, s->pool + e->want);
    }
    attach(ctx, d, title, s, r, base);
    return true;
}

/* ---- declared terms: the scan of a span ------------------------------------------ */

typedef struct {
    kr_lint_ctx *ctx;
    cost_memo memo;
    term_words *tws;
    size_t n_terms;
    size_t shortest; /* characters of the shortest term's first word */
    size_t max_tok;  /* the last token the scan read */
    lint_memo *lm;   /* this lint's titles and messages */
    span_sum *s;     /* the span scanned */
    size_t t0, base; /* its first token and byte */
} scan;

/* One matched word of a term occurrence: where it is and what it should read. */
typedef struct {
    unit u;
    char want[300];
    size_t want_len;
} matched;

/* Matches term word k against the unit; fills m->want with the canonical
 * spelling in the unit's case pattern and inflection. */
static bool match_word(kr_lint_ctx *ctx, cost_memo *memo, const term_words *tw, size_t k,
                       const unit *u, matched *m)
{
    size_t tn = tw->lens[k];
    int limit = tw->limit[k];
    size_t sfx, slot;
    int cost =
        memo_cost(ctx, memo, tw->words[k], tn, u->text, u->len, k + 1 == tw->n, limit, &sfx, &slot);
    if (cost > limit)
        return false;
    int32_t *val = &memo->vals[slot];
    made_want *mw = &memo->wants[slot];
    /* a different real word that merely resembles the term is not a variant (asked
     * once a lint per spelling: the memo keeps the answer) */
    if (cost > 0 && !u->broken && ctx->lex) {
        if (!(*val & 4))
            *val |= 4 | (kr_lexicon_known(ctx->lex, u->text, u->len) ? 8 : 0);
        if (*val & 8)
            return false;
    }
    /* a one-word term that is also an ordinary word (the authority "Skat", the noun
     * "skat"): in lower case it is the ordinary word */
    case_pattern p = mw->text ? (case_pattern)mw->pattern : case_of(u->text, u->len);
    if (cost == 0 && tw->n == 1 && !u->broken && p == CASE_AS_IS && ctx->lex) {
        unsigned fl = kr_lexicon_lookup(ctx->lex, u->text, u->len);
        if ((fl & KR_LEX_KNOWN) && !(fl & KR_LEX_COMPOUND))
            return false;
    }
    m->u = *u;
    if (mw->text) { /* the spelling met before: its canonical spelling too */
        memcpy(m->want, mw->text, mw->len);
        m->want_len = mw->len;
        return true;
    }
    char canon[300];
    size_t sn = strlen(suffixes[sfx]);
    memcpy(canon, tw->words[k], tn);
    memcpy(canon + tn, suffixes[sfx], sn);
    *mw = (made_want){.pattern = (uint8_t)p};
    if (p == CASE_CAPITAL && tw->upper[k])
        p = CASE_AS_IS; /* "EU" written "Eu": the declared capitals win */
    m->want_len = apply_case(canon, tn + sn, p, m->want);
    mw->text = kr_arena_strndup(ctx->scratch, m->want, m->want_len);
    mw->len = (uint16_t)m->want_len;
    return true;
}

static bool differs(const matched *m)
{
    return m->u.broken || m->want_len != m->u.len || memcmp(m->want, m->u.text, m->u.len) != 0;
}

/* Records a term occurrence (reported when any word differs, else accepted as
 * written: later rules leave it) and does it. */
static void found_term(scan *sc, size_t term, const matched *ms, size_t n, bool report)
{
    span_sum *s = sc->s;
    rec *r =
        rec_add(s, report ? REC_TERM : REC_ACCEPT, term, ms[0].u.first - sc->t0,
                ms[n - 1].u.last - sc->t0, ms[0].u.start - sc->base, ms[n - 1].u.end - sc->base);
    if (report)
        for (size_t k = 0; k < n; k++)
            if (differs(&ms[k])) {
                rec_edit_add(s, ms[k].u.start - sc->base, ms[k].u.end - sc->base, ms[k].want,
                             ms[k].want_len);
                r->n_edits++;
            }
    replay(sc->ctx, s, r, sc->t0, sc->base, sc->lm);
}

/* Is token tk (i), not hyphen-ended, refused as the first word of term tw
 * before it is read as a unit? Most tokens are far shorter or longer than the
 * word: word_cost would refuse them, so they are refused before being copied
 * and hashed; the rest are mostly other words the memo knows to be out of
 * reach, refused on the token's bytes (what try_term_at reads first, and its
 * first refusal). */
static inline bool first_word_refused(scan *sc, const term_words *tw, const kr_token *tk, size_t i)
{
    kr_lint_ctx *ctx = sc->ctx;
    size_t bytes = tk->end - tk->start;
    size_t tc = tw->chars0;
    /* no more characters than bytes: most tokens are refused by their byte
     * length before their characters are counted */
    if (bytes + 4 < tc)
        return true;
    size_t wc = nchars(ctx->text + tk->start, bytes);
    if (wc + 4 < tc || wc > tc + 6)
        return true;
    if (i > sc->max_tok)
        sc->max_tok = i;
    if (tk->kind != KR_TOK_WORD || bytes >= sizeof(((unit *)0)->text))
        return true;
    size_t sfx, slot;
    return memo_cost(ctx, &sc->memo, tw->words[0], tw->lens[0], ctx->text + tk->start, bytes,
                     tw->n == 1, tw->limit[0], &sfx, &slot) > tw->limit[0];
}

/* try_term once the first word may match: first_join says whether token i is
 * hyphen-ended. */
static bool try_term_at(scan *sc, size_t term, size_t i, int first_join)
{
    kr_lint_ctx *ctx = sc->ctx;
    const term_words *tw = &sc->tws[term];
    const kr_analysis *an = ctx->an;
    matched ms[8];
    for (int join = first_join; join >= 0; join--) {
        size_t tok = i, k = 0;
        bool any = false;
        for (; k < tw->n && tok < an->n_tokens; k++) {
            unit u;
            bool j = join || k > 0;
            /* what the scan reads: the token, and the next one for a hyphen break */
            size_t read = tok + (j && (an->tokens[tok].flags & KR_TOKF_HYPHEN_END) ? 1 : 0);
            if (read > sc->max_tok)
                sc->max_tok = read;
            if (ctx->claimed[tok] || !unit_at(ctx, tok, j, &u))
                break;
            if (k > 0 && !plain_gap(ctx->text, ms[k - 1].u.end, u.start))
                break;
            if (!match_word(ctx, &sc->memo, tw, k, &u, &ms[k]))
                break;
            any |= differs(&ms[k]);
            tok = u.last + 1;
        }
        if (k == tw->n) {
            found_term(sc, term, ms, tw->n, any);
            return true;
        }
    }
    return false;
}

/* Tries term `term` at token i (a hyphen-ended token first joined with the
 * next line, then alone). */
static inline bool try_term(scan *sc, size_t term, size_t i)
{
    const kr_token *tk = &sc->ctx->an->tokens[i];
    int first_join = (tk->flags & KR_TOKF_HYPHEN_END) ? 1 : 0;
    if (!first_join && first_word_refused(sc, &sc->tws[term], tk, i))
        return false;
    return try_term_at(sc, term, i, first_join);
}

/* Inside a URL or a domain name: each letter run is compared with a one-word
 * term in lower case ("smabegrnsigftet.dk" → "småbørnsløftet.dk"). */
static void check_url(scan *sc, size_t ti)
{
    kr_lint_ctx *ctx = sc->ctx;
    const kr_token *tk = &ctx->an->tokens[ti];
    const char *t = ctx->text;
    for (size_t i = tk->start; i < tk->end;) {
        size_t len;
        if (!is_letter(cp_at(t, tk->end, i, &len))) {
            i += len;
            continue;
        }
        size_t s = i;
        while (i < tk->end && is_alnum(cp_at(t, tk->end, i, &len)))
            i += len;
        for (size_t k = 0; k < sc->n_terms; k++) {
            const term_words *tw = &sc->tws[k];
            if (tw->n != 1)
                continue;
            char lower[300];
            size_t tn = tw->lens[0];
            if (tn >= sizeof lower)
                continue;
            /* lower case: a domain is written in lower case */
            size_t ln = 0, cl;
            for (size_t j = 0; j < tn; j += cl) {
                uint32_t c = cp_at(tw->words[0], tn, j, &cl);
                ln += put_cp(lower + ln, is_upper(c) ? c + 32 : c);
            }
            size_t sfx;
            int limit = budget(nchars(lower, ln));
            int cost = word_cost(lower, ln, t + s, i - s, false, limit, &sfx);
            if (cost == 0 || cost > limit)
                continue;
            rec *r =
                rec_add(sc->s, REC_URL, k, ti - sc->t0, ti - sc->t0, s - sc->base, i - sc->base);
            rec_edit_add(sc->s, s - sc->base, i - sc->base, lower, ln);
            r->n_edits = 1;
            if (replay(ctx, sc->s, r, sc->t0, sc->base, sc->lm))
                return;
            sc->s->n_recs--; /* claimed already: nothing done, nothing to keep */
            sc->s->n_edits--;
            sc->s->n_pool -= (uint32_t)ln;
        }
    }
}

/* The declared terms at unclaimed token i, tk (the scan walks a span's tokens
 * in order). */
static void scan_declared(scan *sc, const kr_token *tk, size_t i)
{
    if (tk->kind == KR_TOK_URL) {
        check_url(sc, i);
        return;
    }
    /* try_term refuses a token that is not hyphen-ended and has fewer bytes (so
     * fewer characters) than a term's first word less four, before it reads
     * anything: the shortest first word decides for all terms at once */
    if (!(tk->flags & KR_TOKF_HYPHEN_END) && tk->end - tk->start + 4 < sc->shortest)
        return;
    for (size_t k = 0; k < sc->n_terms; k++)
        if (sc->tws[k].n > 0 && try_term(sc, k, i))
            break;
}

/* ---- undeclared: spellings of one capitalised word or compound ------------------- */

typedef struct {
    const char *s; /* the spelling */
    size_t n;
    uint32_t count;
    unsigned flags;  /* KR_LEX_* */
    int8_t dominant; /* unknown, but a name the repair engine leaves alone: 1, 0, or
                        -1 before it is asked (only when it matters, see target_of) */
    int target;      /* index of the spelling it should be, or -1 */
} spelling;

/* Whether s[0..n) has a capital after its first letter other than an I (which
 * OCR makes of an l): a name written so on purpose (FileSystem, LibreOffice),
 * not a spelling of a word. */
static bool inner_capital(const char *s, size_t n)
{
    size_t len;
    cp_at(s, n, 0, &len);
    for (size_t i = len; i < n; i += len) {
        uint32_t c = cp_at(s, n, i, &len);
        if (is_upper(c) && c != 'I')
            return true;
    }
    return false;
}

/* A word worth comparing: capitalised (not all capitals, no capital inside but
 * an I) with at least six letters, or a long lower-case compound. */
static bool cluster_candidate(const char *s, size_t n)
{
    /* most words are refused by their bytes alone: fewer than six characters,
     * or a lower-case ASCII start (never capitalised) under twelve */
    if (n < 6 || (n < 12 && s[0] >= 'a' && s[0] <= 'z'))
        return false;
    /* an ASCII word (most are) in one pass, eight bytes a step while they are
     * ASCII: letters only, not all capitals (a letter's 0x20 bit is its lower
     * case) */
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t lower = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (w & high)
            break;
        uint64_t l = w | ones * 0x20; /* each byte 0x20..0x7F: no carry below */
        if (((l + ones * 0x1F) & ~(l + ones * 5) & high) != high) /* 'a' <= l <= 'z' */
            return false;
        lower |= w;
    }
    for (; i < n && (unsigned char)s[i] < 0x80; i++) {
        char l = (char)(s[i] | 32);
        if (l < 'a' || l > 'z')
            return false;
        lower |= (unsigned char)s[i];
    }
    if (i == n) {
        if (n > KR_CONF_MAX_CHARS || !(lower & ones * 0x20) || (s[0] >= 'a' && n < 12))
            return false;
        for (i = 1; i < n; i++) /* letters only here: a capital lacks the 0x20 bit */
            if (!(s[i] & 0x20) && s[i] != 'I')
                return false; /* inner_capital */
        return true;
    }
    size_t c = nchars(s, n), len;
    if (c < 6 || c > KR_CONF_MAX_CHARS)
        return false;
    case_pattern p = case_of(s, n);
    if (p == CASE_UPPER)
        return false;
    for (i = 0; i < n; i += len)
        if (!is_letter(cp_at(s, n, i, &len)))
            return false;
    return (p == CASE_CAPITAL || c >= 12) && !inner_capital(s, n);
}

/* The distinct spellings of this lint. */
typedef struct {
    spelling *sp;
    size_t n;
} spellings;

static uint64_t hash_word(const char *s, size_t len)
{
    return hash_bytes(1469598103934665603ull, s, len);
}

/* Is a a word in its own right? A dictionary word (a compound the splitter
 * merely accepts is no evidence: OCR garbles split into compounds too). */
static bool is_word(const spelling *a)
{
    return (a->flags & (KR_LEX_KNOWN | KR_LEX_USER)) &&
           (!(a->flags & KR_LEX_COMPOUND) || (a->flags & KR_LEX_COMMON));
}

/* May a explain other spellings at all (before looking at any b)? A word, or the
 * usual spelling of a name: an unknown spelling may set the norm only as a
 * capitalised name (used three times or more) that is not itself a garbling —
 * OCR repeats its garblings of ordinary words faithfully. Whether it is one is
 * the repair engine's verdict, asked by dominant() only for a spelling that
 * could explain another; may_explain is everything before that question. The
 * spellings that may not are most of them. */
static bool may_explain(const spelling *a, bool capital)
{
    return is_word(a) || (a->count >= 3 && !(a->flags & KR_LEX_KNOWN) && capital);
}

static bool dominant(kr_lint_ctx *ctx, spelling *a)
{
    if (a->dominant < 0) {
        const kr_verdict *v = kr_word_verdict(ctx, a->s, a->n);
        a->dominant = !v || (v->kind != KR_VERDICT_OCR && v->kind != KR_VERDICT_DIA);
    }
    return a->dominant;
}
/* ---- the clusters' memory ---------------------------------------------------------
 * Which explaining spelling a could explain which spelling b, and at what cost,
 * depends only on the two strings (a confusion distance), while what the counts
 * make of it changes with every edit. So the pairs are kept between the lints of
 * a document (kr_lint_keep): each spelling keeps its hits — the explainers
 * within reach, with their cost — and after an edit only a spelling that
 * appeared is compared with the explainers (its column), and only an explainer
 * that appeared is compared with the spellings (its row). A hit whose explainer
 * is gone stays and is skipped; it is right again if the explainer returns.
 * Invariant: for every present b and present explainer a within three
 * characters, the pair was compared while both were present. A fresh lint
 * starts from an empty memory, so both lints walk the same code. */
typedef struct {
    uint32_t a; /* the explainer (memory index) */
    int32_t cost;
} hit;

typedef struct {
    char *s; /* owned; its code points follow it in the same allocation */
    uint32_t n;
    uint8_t chars;
    unsigned flags;
    kr_pair_shape sh; /* as the pair bounds read it; its code points follow s */
    int16_t limit;    /* the most a garbling of it may cost */
    hit *hits;
    uint32_t n_hits, cap_hits;
    uint64_t seen;   /* the lint it was last present in */
    int32_t cur;     /* its index in that lint's spellings */
    bool col_done;   /* compared with the explainers while present */
    bool row_done;   /* compared with the spellings while present and explaining */
    bool explaining; /* may_explain in the lint it was last present in */
    bool capital;    /* case_of is CASE_CAPITAL */
    uint32_t count;  /* in the document: the sum over the spans' candidates */
} known_sp;

typedef struct {
    known_sp *sp;
    size_t n, cap;
    int32_t *slot; /* open addressing over sp, -1 empty */
    size_t hcap;
    uint64_t lint;
    size_t n_present; /* spellings with a count */
    kr_arena *arena;  /* see mem_alloc */
} memory;

static void memory_free(void *p)
{
    memory *m = p;
    if (!m || m->arena)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->sp[i].s);
        free(m->sp[i].hits);
    }
    free(m->sp);
    free(m->slot);
    free(m);
}

static void memory_index(memory *m)
{
    mem_free(m->arena, m->slot);
    m->hcap = 1024;
    while (m->hcap < m->cap * 2)
        m->hcap *= 2;
    m->slot = mem_alloc(m->arena, m->hcap * sizeof *m->slot);
    memset(m->slot, 0xFF, m->hcap * sizeof *m->slot);
    for (size_t i = 0; i < m->n; i++) {
        size_t j = (size_t)hash_word(m->sp[i].s, m->sp[i].n) & (m->hcap - 1);
        while (m->slot[j] >= 0)
            j = (j + 1) & (m->hcap - 1);
        m->slot[j] = (int32_t)i;
    }
}

/* The memory's entry for a spelling, made (flags, code points) when new. */
static uint32_t memory_find(kr_lint_ctx *ctx, memory *m, const char *s, size_t n)
{
    if ((m->n + 1) * 2 > m->hcap || m->n == m->cap) {
        if (m->n == m->cap) {
            size_t old = m->cap * sizeof *m->sp;
            m->cap = m->cap ? m->cap * 2 : 256;
            m->sp = mem_realloc(m->arena, m->sp, old, m->cap * sizeof *m->sp);
        }
        memory_index(m);
    }
    size_t j = (size_t)hash_word(s, n) & (m->hcap - 1);
    for (; m->slot[j] >= 0; j = (j + 1) & (m->hcap - 1)) {
        const known_sp *k = &m->sp[m->slot[j]];
        if (k->n == n && memcmp(k->s, s, n) == 0)
            return (uint32_t)m->slot[j];
    }
    size_t chars = nchars(s, n); /* <= KR_CONF_MAX_CHARS (cluster_candidate) */
    size_t cp_at_off = (n + 1 + 3) & ~(size_t)3;
    char *mem = mem_alloc(m->arena, cp_at_off + chars * (sizeof(uint32_t) + 1) + 4);
    memcpy(mem, s, n);
    mem[n] = 0;
    known_sp *k = &m->sp[m->n];
    *k = (known_sp){.s = mem, .n = (uint32_t)n, .chars = (uint8_t)chars, .cur = -1};
    k->flags = ctx->lex ? kr_lexicon_lookup(ctx->lex, s, n) : 0;
    k->capital = case_of(s, n) == CASE_CAPITAL;
    kr_pair_shape *sh = &k->sh;
    sh->cp = (uint32_t *)(void *)(mem + cp_at_off);
    sh->ncp = kr_confusion_decode(s, n, sh->cp);
    sh->sig = kr_confusion_signature(sh->cp, sh->ncp);
    k->limit = (int16_t)(12 * sh->ncp > 150 ? 150 : 12 * sh->ncp);
    sh->cls = (uint8_t *)(sh->cp + chars);
    kr_pair_shape_fill(sh);
    m->slot[j] = (int32_t)m->n;
    return (uint32_t)m->n++;
}

static void add_hit(memory *m, known_sp *b, uint32_t a, int cost)
{
    for (uint32_t i = 0; i < b->n_hits; i++)
        if (b->hits[i].a == a)
            return; /* compared before, while both were present */
    if (b->n_hits == b->cap_hits) {
        size_t old = b->cap_hits * sizeof *b->hits;
        b->cap_hits = b->cap_hits ? b->cap_hits * 2 : 2;
        b->hits = mem_realloc(m->arena, b->hits, old, b->cap_hits * sizeof *b->hits);
    }
    b->hits[b->n_hits++] = (hit){a, cost};
}

static bool near(const known_sp *a, const known_sp *b)
{
    return a->chars + 3 >= b->chars && b->chars + 3 >= a->chars;
}

/* Does b need a target at all? Dictionary words are never flagged. */
static bool wants_target(const known_sp *b)
{
    return !(b->flags & (KR_LEX_KNOWN | KR_LEX_USER));
}

/* For the unit tests (declared there, no header): is the bounded kr_pair_cost of
 * reading b as a garbling of a the same as comparing them in full (the
 * signature bound, then the distance)? *cost receives the full comparison's
 * cost, -1 when out of reach. Both must be cluster candidates. */
bool kr_term_consistency_pair_agrees(const char *a, size_t an, const char *b, size_t bn, int *cost);
bool kr_term_consistency_pair_agrees(const char *a, size_t an, const char *b, size_t bn, int *cost)
{
    kr_lint_ctx ctx = {0}; /* no lexicon: memory_find asks it only for flags */
    memory *m = kr_xmalloc(sizeof *m);
    *m = (memory){0};
    const known_sp *ka, *kb;
    uint32_t ia = memory_find(&ctx, m, a, an), ib = memory_find(&ctx, m, b, bn);
    ka = &m->sp[ia];
    kb = &m->sp[ib];
    const kr_pair_shape *a_ = &ka->sh, *b_ = &kb->sh;
    int l = 12 * a_->ncp, limit = l > 150 ? 150 : l, full = -1;
    if (kr_confusion_signature_bound(a_->sig, b_->sig, limit) <= limit) {
        int c = kr_confusion_distance_cp_within(a_->cp, a_->ncp, b_->cp, b_->ncp, limit);
        full = c > 0 && c <= limit ? c : -1;
    }
    bool same = kr_pair_cost(a_, b_, ka->limit) == full;
    *cost = full;
    memory_free(m);
    return same;
}

/* One garbling's column against the explainers by_len[] (memory indices). */
typedef struct {
    memory *m;
    known_sp *b;
    uint32_t self; /* b's memory index: not compared with itself */
    const uint32_t *by_len;
} column;

/* A pair kr_pair_column let by: kept as a hit when within reach. */
static void column_pair(void *arg, size_t q)
{
    column *c = arg;
    uint32_t ia = c->by_len[q];
    if (ia == c->self)
        return;
    const known_sp *a = &c->m->sp[ia];
    int cost = kr_pair_cost_near(&a->sh, &c->b->sh, a->limit);
    if (cost > 0)
        add_hit(c->m, c->b, ia, cost);
}

/* Brings the pairs up to date for this lint's spellings (see memory). `mi`
 * maps each spelling to its memory entry, already marked present. */
static void update_pairs(kr_lint_ctx *ctx, memory *m, const spellings *ss, const uint32_t *mi)
{
    /* the explainers by length, so a column meets only those of about its length */
    size_t count[KR_CONF_MAX_CHARS + 2] = {0}, start[KR_CONF_MAX_CHARS + 3];
    size_t total = 0;
    for (size_t i = 0; i < ss->n; i++)
        if (m->sp[mi[i]].explaining)
            count[m->sp[mi[i]].chars]++, total++;
    start[0] = 0;
    for (size_t c = 0; c <= KR_CONF_MAX_CHARS + 1; c++)
        start[c + 1] = start[c] + count[c];
    uint32_t *by_len = kr_arena_alloc(ctx->scratch, (total + 1) * sizeof *by_len);
    /* beside each, its first pair bound in one word (kr_pair_key): a column
     * meets hundreds of explainers and refuses nearly all with it */
    uint64_t *first = kr_arena_alloc(ctx->scratch, (total + 1) * sizeof *first);
    const kr_pair_shape **shapes = kr_arena_alloc(ctx->scratch, (total + 1) * sizeof *shapes);
    size_t fill[KR_CONF_MAX_CHARS + 2];
    memcpy(fill, start, sizeof fill);
    for (size_t i = 0; i < ss->n; i++) {
        const known_sp *a = &m->sp[mi[i]];
        if (!a->explaining)
            continue;
        size_t q = fill[a->chars]++;
        by_len[q] = mi[i];
        first[q] = kr_pair_key(&a->sh, a->limit);
        shapes[q] = &a->sh;
    }
    /* columns of the spellings new to the memory's present set */
    bool *fresh_col = kr_arena_alloc(ctx->scratch, ss->n + 1);
    for (size_t i = 0; i < ss->n; i++) {
        known_sp *b = &m->sp[mi[i]];
        if (b->col_done)
            continue;
        b->col_done = true;
        fresh_col[i] = true;
        if (!wants_target(b))
            continue;
        size_t lo = b->chars > 3 ? b->chars - 3 : 0;
        size_t hi = b->chars + 3 <= KR_CONF_MAX_CHARS ? b->chars + 3 : KR_CONF_MAX_CHARS;
        column c = {m, b, mi[i], by_len};
        kr_pair_column(&b->sh, first, shapes, start[lo], start[hi + 1], column_pair, &c);
    }
    /* rows of the explainers new to the explaining set, against the others (none
     * when every column was new: a first lint) */
    size_t n_fresh = 0;
    for (size_t i = 0; i < ss->n; i++)
        n_fresh += fresh_col[i];
    for (size_t i = 0; i < ss->n; i++) {
        known_sp *a = &m->sp[mi[i]];
        if (!a->explaining || a->row_done)
            continue;
        a->row_done = true;
        for (size_t j = 0; n_fresh < ss->n && j < ss->n; j++) {
            known_sp *b = &m->sp[mi[j]];
            if (fresh_col[j] || j == i || !wants_target(b) || !near(a, b))
                continue;
            int c = kr_pair_cost(&a->sh, &b->sh, a->limit);
            if (c > 0)
                add_hit(m, b, mi[i], c);
        }
    }
}

/* The one spelling b should read as, or -1 (none, or two rivals too close). The
 * outcome does not depend on the order the rivals are met in. */
static int target_of(kr_lint_ctx *ctx, const memory *m, spellings *ss, const known_sp *kb, size_t b)
{
    spelling *sp = ss->sp;
    int best = -1, best_cost = 0;
    bool ambiguous = false;
    for (uint32_t h = 0; h < kb->n_hits; h++) {
        const known_sp *ka = &m->sp[kb->hits[h].a];
        if (ka->seen != m->lint || !ka->explaining)
            continue; /* not in this document now, or explains nothing now */
        size_t a = (size_t)ka->cur;
        /* the usual spelling of a name explains only what is much rarer */
        if (!is_word(&sp[a]) && (sp[a].count < 3 * sp[b].count || !dominant(ctx, &sp[a])))
            continue;
        int c = kb->hits[h].cost;
        if (best < 0 || c < best_cost) {
            ambiguous = best >= 0 && c + 20 > best_cost;
            best = (int)a;
            best_cost = c;
        } else if (c < best_cost + 20) {
            ambiguous = true;
        }
    }
    return best >= 0 && !ambiguous ? best : -1;
}

/* ---- the rule's memory of a document ---------------------------------------------
 * Kept between the lints of a document (kr_lint_keep, which drops it when the
 * linter, its configuration or the lexicon change): the spellings and their
 * pairs and the spans' summaries. What changed since is what the linter took
 * from the document (ctx->changes). A lint without a keeper starts from an empty
 * one of its own, so both walk the same code. */
typedef struct {
    memory *m;
    span_sum **spans; /* each its own allocation: a lint moves only pointers */
    size_t n_spans;
    uint32_t *claims; /* the tokens earlier rules had claimed in the last lint */
    size_t n_claims, n_tokens;
    bool made;       /* by an incremental lint, whose changes the next one gets */
    size_t len;      /* of its text */
    kr_arena *arena; /* a fresh lint's own: see mem_alloc */
} state;

static void drop_span(memory *m, span_sum *s)
{
    for (uint32_t c = 0; c < s->n_cands; c++)
        if (--m->sp[s->cands[c].sp].count == 0)
            m->n_present--;
    span_free(s);
}

static void state_free(void *p)
{
    state *st = p;
    if (!st)
        return;
    for (size_t i = 0; i < st->n_spans; i++)
        span_free(st->spans[i]); /* (its blob is shared: released either way) */
    if (st->arena)
        return;
    free(st->spans);
    free(st->claims);
    memory_free(st->m);
    free(st);
}

/* An empty state, in `arena` when not NULL (see mem_alloc). */
static state *state_new(kr_arena *arena)
{
    state *st = mem_alloc(arena, sizeof *st);
    *st = (state){.arena = arena};
    st->m = mem_alloc(arena, sizeof *st->m);
    *st->m = (memory){.arena = arena};
    return st;
}

/* The state for this lint: the document's, or a fresh one (*own). A memory that
 * holds far more spellings than the document has is started again. */
static state *state_of(kr_lint_ctx *ctx, bool *own)
{
    void **slot = kr_lint_keep(ctx, state_free);
    state *st = slot ? *slot : NULL;
    if (st && st->m->n > 2 * st->m->n_present + 4096) {
        state_free(st);
        st = NULL;
    }
    if (!st)
        st = state_new(slot ? NULL : ctx->scratch);
    if (slot)
        *slot = st;
    *own = !slot;
    return st;
}

static size_t line_start(const char *t, size_t pos)
{
    while (pos > 0 && t[pos - 1] != '\n')
        pos--;
    return pos;
}

/* Where the text differs from the last lint's (the changes the linter took since
 * then), widened to the lines whose tokens may differ (a token looks at the
 * first byte of the next line): spans outside [*d0, *d1) are the same bytes and
 * tokens as before, those after it moved by *delta. False when everything may
 * differ (no last lint, or changes that do not fit its text). */
static bool dirty_region(const state *st, const kr_lint_ctx *ctx, size_t *d0, size_t *d1,
                         ptrdiff_t *delta)
{
    const char *t = ctx->text;
    size_t len = ctx->len;
    kr_changes ch = ctx->changes;
    if (!st->made || (ptrdiff_t)st->len + (ch.any ? ch.delta : 0) != (ptrdiff_t)len)
        return false;
    *delta = ch.any ? ch.delta : 0;
    if (!ch.any) {
        *d0 = *d1 = len + 1; /* every span lies before */
        return true;
    }
    size_t lo = ch.lo < len ? ch.lo : len, hi = ch.hi < len ? ch.hi : len;
    size_t a = line_start(t, lo);
    *d0 = a > 0 ? line_start(t, a - 1) : 0;
    const char *nl = hi < len ? memchr(t + hi, '\n', len - hi) : NULL;
    *d1 = nl ? (size_t)(nl - t) + 2 : len + 1; /* the next line's first byte too */
    return true;
}

/* The tokens earlier rules claimed, in order (most bytes are zero: eight at a
 * time). In the scratch arena. */
static uint32_t *claimed_list(kr_lint_ctx *ctx, size_t *n_out)
{
    const uint8_t *c = ctx->claimed;
    size_t n = ctx->an->n_tokens, cnt = 0, cap = 64;
    uint32_t *out = kr_arena_alloc(ctx->scratch, cap * sizeof *out);
    for (size_t i = 0; i < n;) {
        uint64_t w = 0;
        if (i + 8 <= n) {
            memcpy(&w, c + i, 8);
            if (!w) {
                i += 8;
                continue;
            }
        }
        size_t e = i + 8 <= n ? i + 8 : n;
        for (; i < e; i++)
            if (c[i]) {
                if (cnt == cap) {
                    uint32_t *g = kr_arena_alloc(ctx->scratch, 2 * cap * sizeof *g);
                    memcpy(g, out, cnt * sizeof *g);
                    out = g;
                    cap *= 2;
                }
                out[cnt++] = (uint32_t)i;
            }
    }
    *n_out = cnt;
    return out;
}

/* The spans' bounds: 0, then each block's start (increasing), then len. */
static size_t span_bounds(kr_lint_ctx *ctx, size_t **out)
{
    const kr_analysis *an = ctx->an;
    size_t *b = kr_arena_alloc(ctx->scratch, (an->n_blocks + 2) * sizeof *b), n = 0;
    b[n++] = 0;
    for (size_t i = 1; i < an->n_blocks; i++)
        if (an->blocks[i].start > b[n - 1] && an->blocks[i].start < ctx->len)
            b[n++] = an->blocks[i].start;
    b[n] = ctx->len;
    *out = b;
    return n;
}

/* Do the tokens from t hold the span [s, e) as n tokens, and no more? */
static bool tokens_fit(const kr_analysis *an, size_t t, size_t n, size_t s, size_t e)
{
    if (t + n > an->n_tokens)
        return false;
    if (n > 0 && (an->tokens[t].start < s || an->tokens[t + n - 1].start >= e))
        return false;
    return t + n == an->n_tokens || an->tokens[t + n].start >= e;
}

/* The title of a report's fix is "Skriv »x«": x is the term, or in a web
 * address the term in lower case (its edit's text). Returns x, its length in
 * *n. */
#define TITLE_OPEN "Skriv »"
#define TITLE_CLOSE "«"
static const char *rec_title_part(kr_lint_ctx *ctx, const span_sum *s, const rec *r, size_t *n)
{
    if (r->kind == REC_TERM) {
        const char *t = kr_config_term(ctx->cfg, r->term);
        *n = strlen(t);
        return t;
    }
    const rec_edit *e = &s->edits[r->edit0];
    *n = e->want_len;
    return s->pool + e->want;
}

/* Puts the span's reports' strings into its blob (after its scan made their
 * messages): later lints replay them from there. */
static void make_blob(kr_lint_ctx *ctx, span_sum *s)
{
    const size_t open = sizeof TITLE_OPEN - 1, close = sizeof TITLE_CLOSE - 1;
    size_t size = 0, xn;
    for (uint32_t i = 0; i < s->n_recs; i++) {
        rec *r = &s->recs[i];
        if (r->kind == REC_ACCEPT)
            continue;
        if (r->msg == UINT32_MAX)
            return;
        rec_title_part(ctx, s, r, &xn);
        r->msg_len = (uint32_t)strlen(s->pool + r->msg);
        r->title_len = (uint32_t)(open + xn + close);
        size += r->msg_len + 1 + (r->end - r->start) + 1 + r->title_len + 1;
        for (uint32_t k = 0; k < r->n_edits; k++)
            size += s->edits[r->edit0 + k].want_len + 1;
    }
    if (size == 0 || size >= UINT32_MAX)
        return;
    char *b = kr_shared_new(size), *p = b;
    for (uint32_t i = 0; i < s->n_recs; i++) {
        rec *r = &s->recs[i];
        if (r->kind == REC_ACCEPT)
            continue;
        r->blob = (uint32_t)(p - b);
        memcpy(p, s->pool + r->msg, r->msg_len + 1);
        p += r->msg_len + 1;
        memcpy(p, ctx->text + s->start + r->start, r->end - r->start);
        p += r->end - r->start;
        *p++ = 0;
        const char *x = rec_title_part(ctx, s, r, &xn);
        memcpy(p, TITLE_OPEN, open);
        memcpy(p + open, x, xn);
        memcpy(p + open + xn, TITLE_CLOSE, close + 1);
        p += r->title_len + 1;
        for (uint32_t k = 0; k < r->n_edits; k++) {
            const rec_edit *e = &s->edits[r->edit0 + k];
            memcpy(p, s->pool + e->want, e->want_len);
            p += e->want_len;
            *p++ = 0;
        }
    }
    s->blob = b;
}

/* Scans span [s, e), tokens [t0, t1), afresh (cl: the claims earlier rules
 * made in it). New. */
static span_sum *scan_span(scan *sc, memory *m, size_t s, size_t e, size_t t0, size_t t1,
                           const uint32_t *cl, size_t n_cl)
{
    kr_lint_ctx *ctx = sc->ctx;
    const kr_analysis *an = ctx->an;
    span_sum *sum = mem_alloc(m->arena, sizeof *sum);
    *sum = (span_sum){.start = s, .end = e, .n_tok = t1 - t0, .t0 = t0, .arena = m->arena};
    if (n_cl) {
        sum->claims = mem_alloc(m->arena, n_cl * sizeof *sum->claims);
        for (size_t i = 0; i < n_cl; i++)
            sum->claims[i] = cl[i] - (uint32_t)t0;
        sum->n_claims = (uint32_t)n_cl;
    }
    sc->s = sum;
    sc->t0 = t0;
    sc->base = s;
    sc->max_tok = 0;
    /* one walk over the tokens: the declared terms at the unclaimed ones (they
     * claim what they find), and every token's cluster candidate */
    for (size_t i = t0; i < t1; i++) {
        const kr_token *tk = &an->tokens[i];
        if (sc->n_terms && !ctx->claimed[i])
            scan_declared(sc, tk, i);
        const char *w = ctx->text + tk->start;
        size_t len = tk->end - tk->start;
        if (tk->kind != KR_TOK_WORD || !cluster_candidate(w, len))
            continue;
        uint32_t k = memory_find(ctx, m, w, len);
        if (m->sp[k].count++ == 0)
            m->n_present++;
        sum->cands =
            grow(sum->arena, sum->cands, &sum->cap_cands, sum->n_cands, sizeof *sum->cands, 1);
        sum->cands[sum->n_cands++] = (cand){(uint32_t)(i - t0), k};
        sum->cand_bits |= 1ull << (k & 63);
    }
    make_blob(ctx, sum);
    sum->spill = sc->max_tok >= t1;
    for (uint32_t r = 0; r < sum->n_recs; r++)
        sum->claims_out |= t0 + sum->recs[r].last >= t1;
    return sum;
}

/* Replays a span's records (most spans have none: callers ask first). */
static void replay_span(kr_lint_ctx *ctx, span_sum *o, lint_memo *lm)
{
    if (o->blob)
        kr_diagnostics_hold(ctx->out, o->blob);
    for (uint32_t r = 0; r < o->n_recs; r++)
        replay(ctx, o, &o->recs[r], o->t0, o->start, lm);
}

/* Is t the first token at or after byte b? */
static bool first_token_at(const kr_analysis *an, size_t t, size_t b)
{
    return t <= an->n_tokens && (t == 0 || an->tokens[t - 1].start < b) &&
           (t == an->n_tokens || an->tokens[t].start >= b);
}

/* The usual edit: the spans before [d0, d1) are the last lint's, those after it
 * too, moved by delta bytes (and some tokens), and the earlier rules' claims
 * there are the same. Then only the spans in between are scanned, and the rest
 * replayed in order without looking at them one by one. False (nothing done)
 * when anything else may have changed: the careful walk (update_spans) decides. */
static bool update_window(scan *sc, state *st, const size_t *bound, size_t n, const uint32_t *cl,
                          size_t n_cl, size_t d0, size_t d1, ptrdiff_t delta)
{
    kr_lint_ctx *ctx = sc->ctx;
    const kr_analysis *an = ctx->an;
    span_sum **os = st->spans;
    size_t on = st->n_spans, ja = 0, jb;
    while (ja < n && bound[ja + 1] <= d0)
        ja++;
    for (jb = ja; jb < n && bound[jb] < d1;)
        jb++;
    if (ja > on || n - jb > on - ja)
        return false;
    size_t ob = on - (n - jb); /* the old index of the first span after */
    /* a span that read or claimed past its end is scanned every lint: not here */
    for (size_t j = 0; j < ja; j++)
        if (os[j]->start != bound[j] || os[j]->end != bound[j + 1] || os[j]->spill ||
            os[j]->claims_out)
            return false;
    for (size_t j = jb; j < n; j++) {
        const span_sum *o = os[ob + j - jb];
        if ((ptrdiff_t)o->start + delta != (ptrdiff_t)bound[j] ||
            (ptrdiff_t)o->end + delta != (ptrdiff_t)bound[j + 1] || o->spill || o->claims_out)
            return false;
    }
    size_t ta = ja < on ? os[ja]->t0 : st->n_tokens, tob = ob < on ? os[ob]->t0 : st->n_tokens;
    ptrdiff_t dt = (ptrdiff_t)an->n_tokens - (ptrdiff_t)st->n_tokens;
    size_t tb = (size_t)((ptrdiff_t)tob + dt);
    if (!first_token_at(an, ta, bound[ja]) ||
        !first_token_at(an, tb, jb < n ? bound[jb] : ctx->len))
        return false;
    /* the claims before and after: as before */
    size_t na = 0, pa = 0, nb = n_cl, pb = st->n_claims;
    while (na < n_cl && cl[na] < ta)
        na++;
    while (pa < st->n_claims && st->claims[pa] < ta)
        pa++;
    while (nb > na && cl[nb - 1] >= tb)
        nb--;
    while (pb > pa && st->claims[pb - 1] >= tob)
        pb--;
    if (na != pa || n_cl - nb != st->n_claims - pb ||
        (na && memcmp(cl, st->claims, na * sizeof *cl) != 0))
        return false;
    for (size_t k = 0; k < n_cl - nb; k++)
        if ((ptrdiff_t)st->claims[pb + k] + dt != (ptrdiff_t)cl[nb + k])
            return false;
    /* in document order: the spans before, the window, the spans after */
    span_sum **spans = mem_alloc(st->arena, (n + 1) * sizeof *spans);
    memcpy(spans, os, ja * sizeof *spans);
    for (size_t j = 0; j < ja; j++)
        if (spans[j]->n_recs)
            replay_span(ctx, spans[j], sc->lm);
    for (size_t k = ja; k < ob; k++)
        drop_span(st->m, os[k]);
    size_t t = ta, ci = na, j = ja;
    for (bool force = false; j < n && (j < jb || force); j++) {
        if (j >= jb) /* claimed into by the span before: scanned again */
            drop_span(st->m, os[ob + j - jb]);
        size_t t1 = t, c0 = ci;
        while (t1 < an->n_tokens && an->tokens[t1].start < bound[j + 1])
            t1++;
        while (ci < n_cl && cl[ci] < t1)
            ci++;
        spans[j] = scan_span(sc, st->m, bound[j], bound[j + 1], t, t1, cl + c0, ci - c0);
        force = spans[j]->claims_out;
        t = t1;
    }
    for (; j < n; j++) {
        span_sum *o = spans[j] = os[ob + j - jb];
        o->start = bound[j];
        o->end = bound[j + 1];
        o->t0 = (size_t)((ptrdiff_t)o->t0 + dt);
        if (o->n_recs)
            replay_span(ctx, o, sc->lm);
    }
    mem_free(st->arena, os);
    st->spans = spans;
    st->n_spans = n;
    return true;
}

/* Brings the spans up to date with this lint's text: an unchanged span replays
 * its records, any other is scanned. */
static void update_spans(kr_lint_ctx *ctx, state *st)
{
    const kr_analysis *an = ctx->an;
    memory *m = st->m;
    size_t d0 = 0, d1 = 0;
    ptrdiff_t delta = 0;
    bool diff = dirty_region(st, ctx, &d0, &d1, &delta);
    size_t n_cl, *bound, n = span_bounds(ctx, &bound);
    uint32_t *cl = claimed_list(ctx, &n_cl);
    scan sc = {.ctx = ctx};
    sc.n_terms = ctx->cfg ? kr_config_term_count(ctx->cfg) : 0;
    sc.tws = kr_arena_alloc(ctx->scratch, (sc.n_terms + 1) * sizeof *sc.tws);
    sc.lm = kr_arena_alloc(ctx->scratch, sizeof *sc.lm);
    sc.lm->titles = kr_arena_alloc(ctx->scratch, (sc.n_terms + 1) * sizeof *sc.lm->titles);
    for (size_t k = 0; k < sc.n_terms; k++)
        split_term(kr_config_term(ctx->cfg, k), &sc.tws[k]);
    sc.shortest = SIZE_MAX;
    for (size_t k = 0; k < sc.n_terms; k++)
        if (sc.tws[k].n > 0 && sc.tws[k].chars0 < sc.shortest)
            sc.shortest = sc.tws[k].chars0;
    bool fast = diff && update_window(&sc, st, bound, n, cl, n_cl, d0, d1, delta);
    /* what the next lint compares its claims with */
    mem_free(st->arena, st->claims);
    st->claims = n_cl ? mem_alloc(st->arena, n_cl * sizeof *st->claims) : NULL;
    if (n_cl)
        memcpy(st->claims, cl, n_cl * sizeof *cl);
    st->n_claims = n_cl;
    st->n_tokens = an->n_tokens;
    if (fast)
        return;
    span_sum **spans = mem_alloc(st->arena, (n + 1) * sizeof *spans);
    size_t old = 0, t = 0, ci = 0;
    bool force = false; /* the span before claimed into this one */
    span_sum **ospans = st->spans;
    const size_t on = st->n_spans;
    for (size_t j = 0; j < n; j++) {
        size_t s = bound[j], e = bound[j + 1];
        span_sum *o = NULL;
        if (diff && (e <= d0 || s >= d1)) {
            size_t os = e <= d0 ? s : (size_t)((ptrdiff_t)s - delta);
            size_t oe = e <= d0 ? e : (size_t)((ptrdiff_t)e - delta);
            while (old < on && ospans[old]->start < os)
                drop_span(m, ospans[old++]);
            if (old < on && ospans[old]->start == os && ospans[old]->end == oe)
                o = ospans[old++];
        }
        while (ci < n_cl && cl[ci] < t)
            ci++;
        size_t c0 = ci;
        if (o && !force && !o->spill && tokens_fit(an, t, o->n_tok, s, e)) {
            size_t t1 = t + o->n_tok;
            bool same;
            if (o->n_claims == 0) {
                same = ci == n_cl || cl[ci] >= t1;
            } else {
                while (ci < n_cl && cl[ci] < t1)
                    ci++;
                same = ci - c0 == o->n_claims;
                for (size_t i = 0; same && i < o->n_claims; i++)
                    same = cl[c0 + i] - t == o->claims[i];
            }
            if (same) {
                spans[j] = o;
                o->start = s;
                o->end = e;
                o->t0 = t;
                replay_span(ctx, o, sc.lm);
                force = o->claims_out;
                t += o->n_tok;
                continue;
            }
        }
        if (o)
            drop_span(m, o);
        size_t t1 = t;
        while (t1 < an->n_tokens && an->tokens[t1].start < e)
            t1++;
        ci = c0;
        while (ci < n_cl && cl[ci] < t1)
            ci++;
        spans[j] = scan_span(&sc, m, s, e, t, t1, cl + c0, ci - c0);
        force = spans[j]->claims_out;
        t = t1;
    }
    while (old < on)
        drop_span(m, ospans[old++]);
    mem_free(st->arena, ospans);
    st->spans = spans;
    st->n_spans = n;
}

/* What a spelling's reports share in one lint: the strings, kept once in the
 * output list (kr_diagnostics_keep) and borrowed by each (kr_emit_kept), where
 * a report of its own cost a printf and five copies (an edit of 1 MB of real
 * OCR text re-reports ~1 000 of them). */
typedef struct {
    const char *message, *subject;
    kr_kept_fix fix;
} kept_report;

/* The strings of the reports of spelling b, whose target is `to`: made on the
 * first (*memo NULL), as kr_emit and the fix calls would have made them. */
static const kept_report *report_of(kr_lint_ctx *ctx, kept_report **memo, const spelling *b,
                                    const spelling *to)
{
    if (*memo)
        return *memo;
    kept_report *k = kr_arena_alloc(ctx->scratch, sizeof *k);
    char *buf = kr_arena_alloc(ctx->scratch, b->n + to->n + 64);
    size_t at = KR_PUT_LIT(buf, 0, "Uensartet stavemåde: »");
    at = kr_put(buf, at, b->s, b->n);
    at = KR_PUT_LIT(buf, at, "« skrives »");
    at = kr_put(buf, at, to->s, to->n);
    at = KR_PUT_LIT(buf, at, "« andre steder");
    buf[at] = '\0';
    k->message = kr_emit_keep_message(ctx, buf);
    k->subject = kr_diagnostics_keep(ctx->out, b->s, b->n);
    at = KR_PUT_LIT(buf, 0, "Skriv »");
    at = kr_put(buf, at, to->s, to->n);
    at = KR_PUT_LIT(buf, at, "«");
    k->fix = (kr_kept_fix){kr_diagnostics_keep(ctx->out, buf, at),
                           kr_diagnostics_keep(ctx->out, to->s, to->n), to->n, true};
    return *memo = k;
}

static void check(kr_lint_ctx *ctx)
{
    bool own;
    state *st = state_of(ctx, &own);
    memory *m = st->m;
    update_spans(ctx, st);
    /* this lint's spellings: those the spans hold */
    size_t n = m->n_present;
    spellings ss = {kr_arena_alloc(ctx->scratch, (n + 1) * sizeof *ss.sp), n};
    spelling *sp = ss.sp;
    uint64_t prev = m->lint++;
    uint32_t *mi = kr_arena_alloc(ctx->scratch, (n + 1) * sizeof *mi);
    size_t i = 0;
    for (size_t q = 0; q < m->n; q++) {
        known_sp *k = &m->sp[q];
        if (!k->count)
            continue;
        mi[i] = (uint32_t)q;
        sp[i] = (spelling){k->s, k->n, k->count, k->flags, -1, -1};
        if (k->seen != prev) /* absent last time: its pairs may be missing */
            k->col_done = k->row_done = false;
        k->seen = m->lint;
        k->cur = (int32_t)i++;
    }
    uint64_t target_bits = 0; /* of the spellings that have a target */
    for (i = 0; i < n; i++) {
        known_sp *k = &m->sp[mi[i]];
        bool e = may_explain(&sp[i], k->capital);
        if (e != k->explaining || !e) /* (re)joined the explainers: a row to compare */
            k->row_done = false;
        k->explaining = e;
    }
    update_pairs(ctx, m, &ss, mi);
    for (size_t b = 0; b < n; b++)
        if (wants_target(&m->sp[mi[b]])) {
            sp[b].target = target_of(ctx, m, &ss, &m->sp[mi[b]], b);
            if (sp[b].target >= 0)
                target_bits |= 1ull << (mi[b] & 63);
        }
    const kr_analysis *an = ctx->an;
    kept_report **kept = target_bits ? kr_arena_alloc(ctx->scratch, (n + 1) * sizeof *kept) : NULL;
    /* only a candidate token has a spelling, so only they are visited, in
     * document order, in the spans that may hold a spelling with a target */
    for (size_t j = 0; target_bits && j < st->n_spans; j++) {
        const span_sum *s = st->spans[j];
        if (!(s->cand_bits & target_bits))
            continue;
        for (uint32_t c = 0; c < s->n_cands; c++) {
            size_t ti = s->t0 + s->cands[c].tok;
            const spelling *b = &sp[m->sp[s->cands[c].sp].cur];
            if (b->target < 0 || ctx->claimed[ti] || !kr_claim(ctx, ti, ti))
                continue;
            const kr_token *tk = &an->tokens[ti];
            const kept_report *k = report_of(ctx, &kept[b - sp], b, &sp[b->target]);
            kr_emit_kept(ctx, tk->start, tk->end, k->message, k->subject, &k->fix, 1);
        }
    }
    if (own) {
        state_free(st);
        return;
    }
    st->made = true;
    st->len = ctx->len;
}

const kr_rule kr_rule_term_consistency = {
    .id = "term-consistency",
    .severity = KR_SEV_WARNING,
    .summary = "a key term or name spelled differently from its declared or usual form",
    .explanation =
        "Declared terms (\"Småbørnsløftet\" by default; more in .korrektur.json as "
        "{\"terms\": [\"Småbørnsløftet\", \"Region Hovedstaden\"]}) must be spelled the "
        "same way everywhere. Variants found by OCR (»Smabgrnslgftet«), without æøå "
        "(»Smabornsloftet«), in other case, broken by a line-end hyphen (»Små-⏎børnsløftet«), "
        "inflected (»Småbørnsløftets«) or inside a web address (»smabegrnsigftet.dk«) are "
        "fixed to the declared spelling, keeping the variant's inflection and case "
        "pattern. Beyond declared terms, a capitalised word or long compound spelled "
        "several ways in one document is flagged where one spelling is a dictionary word "
        "or clearly the usual one and the other differs only by OCR confusions.",
    .check = check,
};
