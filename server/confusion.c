/* confusion.c — the OCR repair engine (server/confusion.h): the confusion table
 * compiled in from server/rules/confusions.def, a weighted distance over it, and
 * the per-word repair search the spelling rules share; also the document's word
 * statistics that search consults, kept per document and updated per edit. */
#include "confusion.h"

#include "lexicon_internal.h"

#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* ---- code points ---------------------------------------------------------------- */
/* Decodes UTF-8 into at most max code points; -1 when longer. Invalid bytes pass
 * through as themselves (U+0080..U+00FF) — they only ever compare unequal. */
static int decode(const char *s, size_t n, uint32_t *out, int max)
{
    int k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xC0 && c < 0xE0 && i + 1 < n)
            cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu), len = 2;
        else if (c >= 0xE0 && c < 0xF0 && i + 2 < n)
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu), len = 3;
        else if (c >= 0xF0 && i + 3 < n)
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                 (s[i + 3] & 0x3Fu),
            len = 4;
        if (k == max)
            return -1;
        out[k++] = cp;
        i += len;
    }
    return k;
}

/* Lower case for ASCII and Latin-1 letters (all Danish needs). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    return c;
}

/* ---- the table ------------------------------------------------------------------ */
enum { SEG_MAX = 3 };

typedef struct {
    uint32_t truth[SEG_MAX], ocr[SEG_MAX];
    uint8_t tn, on;
    uint8_t foldable; /* letters only: matches in either case */
    uint8_t cls;      /* KR_CONFCLS_* */
    int cost;
} conf_entry;

#define KR_CONFUSION(t, o, c, k) {t, o, c, KR_CONFCLS_##k, false},
#define KR_CONFUSION_CASED(t, o, c, k) {t, o, c, KR_CONFCLS_##k, true},
static const struct {
    const char *truth, *ocr;
    int cost;
    int cls;
    bool cased; /* matched as written, never folded */
} conf_src[] = {
#include "rules/confusions.def"
};
#undef KR_CONFUSION
#undef KR_CONFUSION_CASED

#define N_CONF (sizeof conf_src / sizeof conf_src[0])
static conf_entry conf[N_CONF];
static size_t n_conf;
static pthread_once_t conf_once = PTHREAD_ONCE_INIT;

/* Entries bucketed by the first letter of their truth segment (for the
 * distance, which walks the correct word) and of their OCR segment (for the
 * repair search, which walks the damaged one); entries with an empty segment
 * apply anywhere and are listed apart. Buckets hash the folded letter. */
enum { NBUCKET = 64 };
typedef struct {
    uint16_t start[NBUCKET + 1];
    uint16_t list[N_CONF];
    uint16_t empty[N_CONF];
    uint16_t n_empty;
} conf_index;
static conf_index by_truth, by_ocr;

static unsigned bucket_of(uint32_t c)
{
    return (unsigned)(fold(c) * 2654435761u >> 26) & (NBUCKET - 1);
}

static void index_build(conf_index *ix, bool truth)
{
    unsigned count[NBUCKET] = {0};
    for (size_t k = 0; k < n_conf; k++) {
        const conf_entry *e = &conf[k];
        int n = truth ? e->tn : e->on;
        if (n == 0)
            ix->empty[ix->n_empty++] = (uint16_t)k;
        else
            count[bucket_of(truth ? e->truth[0] : e->ocr[0])]++;
    }
    ix->start[0] = 0;
    for (int b = 0; b < NBUCKET; b++)
        ix->start[b + 1] = (uint16_t)(ix->start[b] + count[b]);
    unsigned fill[NBUCKET];
    for (int b = 0; b < NBUCKET; b++)
        fill[b] = ix->start[b];
    for (size_t k = 0; k < n_conf; k++) {
        const conf_entry *e = &conf[k];
        int n = truth ? e->tn : e->on;
        if (n)
            ix->list[fill[bucket_of(truth ? e->truth[0] : e->ocr[0])]++] = (uint16_t)k;
    }
}

/* Lower-case letters only: such an entry also matches in capitals (ø/g, Ø/G);
 * one written with a capital (l/I) means exactly that capital. */
static bool letters_only(const uint32_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)))
            return false;
    }
    return true;
}

/* ---- a lower bound on the distance ---------------------------------------------
 * Every step of an alignment (a table entry, an edit, a doubled letter) touches
 * some characters of the two words and costs at least the sum of their unit
 * costs: unit_a[c] for a character of the correct word, unit_b[c] for one of the
 * damaged word, where a unit cost is the cheapest step touching that character
 * divided by the number of characters it touches (an ordinary substitution: 100
 * over 2). Characters matched as themselves cost nothing, and no more of them can
 * be matched than the two words have in common; so the unit costs of the
 * characters left over bound the distance from below. Comparing two different
 * words this way is a few dozen instructions instead of a table walk: the term
 * rules compare thousands of spellings with each other. Costs are scaled by
 * UNIT_SCALE so the division stays exact enough; characters from U+0100 on share
 * one bucket that costs nothing. */
enum { UNIT_SCALE = 12, UNIT_BUCKETS = 257 };
static uint16_t unit_a[UNIT_BUCKETS], unit_b[UNIT_BUCKETS];

static unsigned unit_bucket(uint32_t c)
{
    c = fold(c);
    return c < 256 ? c : 256;
}

static void unit_lower(uint16_t *u, const uint32_t *seg, int n, int per_char)
{
    for (int k = 0; k < n; k++) {
        unsigned b = unit_bucket(seg[k]);
        if (per_char < u[b])
            u[b] = (uint16_t)per_char;
    }
}

static void conf_init(void);

/* Signatures: one bit per character class, and the least unit cost of any
 * character in the class (a class holds a letter or two). */
static uint16_t sig_unit_a[64], sig_unit_b[64];

static unsigned sig_bit(unsigned bucket)
{
    if (bucket >= 'a' && bucket <= 'z')
        return bucket - 'a';
    if (bucket >= 0xDF && bucket <= 0xFF)
        return 26 + (bucket - 0xDF); /* 26..58 */
    if (bucket >= '0' && bucket <= '9')
        return 59;
    if (bucket == 256)
        return 63;
    return 60 + bucket % 3;
}

static void sig_units_build(void)
{
    for (int b = 0; b < 64; b++)
        sig_unit_a[b] = sig_unit_b[b] = UINT16_MAX;
    for (unsigned c = 0; c < UNIT_BUCKETS; c++) {
        unsigned b = sig_bit(c);
        if (unit_a[c] < sig_unit_a[b])
            sig_unit_a[b] = unit_a[c];
        if (unit_b[c] < sig_unit_b[b])
            sig_unit_b[b] = unit_b[c];
    }
}

uint64_t kr_confusion_signature(const uint32_t *w, int n)
{
    uint64_t sig = 0;
    for (int i = 0; i < n; i++)
        sig |= 1ull << sig_bit(unit_bucket(w[i]));
    return sig;
}

/* A class present in one word and absent from the other leaves at least one
 * character unmatched (see distance_bound). */
int kr_confusion_signature_bound(uint64_t a, uint64_t b, int limit)
{
    conf_init();
    long over = (long)limit * UNIT_SCALE, total = 0;
    for (uint64_t only_a = a & ~b; only_a && total <= over; only_a &= only_a - 1)
        total += sig_unit_a[__builtin_ctzll(only_a)];
    for (uint64_t only_b = b & ~a; only_b && total <= over; only_b &= only_b - 1)
        total += sig_unit_b[__builtin_ctzll(only_b)];
    return total > over ? limit + 1 : (int)(total / UNIT_SCALE);
}

static void unit_costs_build(void)
{
    /* an ordinary substitution touches two characters, a doubled letter one */
    for (int c = 0; c < UNIT_BUCKETS; c++) {
        unit_a[c] = KR_CONF_EDIT * UNIT_SCALE / 2;
        unit_b[c] = KR_CONF_EDIT * UNIT_SCALE / 2;
    }
    unit_a[256] = unit_b[256] = 0;
    for (size_t k = 0; k < n_conf; k++) {
        const conf_entry *e = &conf[k];
        int per_char = e->cost * UNIT_SCALE / (e->tn + e->on); /* rounded down: a bound */
        unit_lower(unit_a, e->truth, e->tn, per_char);
        unit_lower(unit_b, e->ocr, e->on, per_char);
    }
    sig_units_build();
}

/* A lower bound on distance_cp(a, b) (case ignored or not). */
static int distance_bound(const uint32_t *a, int n, const uint32_t *b, int m, int limit)
{
    uint8_t left[UNIT_BUCKETS];
    memset(left, 0, sizeof left);
    long cost_b = 0, cost_a = 0, over = (long)limit * UNIT_SCALE;
    for (int j = 0; j < m; j++) {
        unsigned c = unit_bucket(b[j]);
        left[c]++;
        cost_b += unit_b[c];
    }
    for (int i = 0; i < n; i++) {
        unsigned c = unit_bucket(a[i]);
        if (left[c]) {
            left[c]--; /* may be matched as itself */
            cost_b -= unit_b[c];
        } else {
            cost_a += unit_a[c];
        }
    }
    long total = cost_a + cost_b;
    return total > over ? limit + 1 : (int)(total / UNIT_SCALE);
}

static void conf_build(void)
{
    for (size_t i = 0; i < N_CONF; i++) {
        conf_entry *e = &conf[n_conf];
        int tn = decode(conf_src[i].truth, strlen(conf_src[i].truth), e->truth, SEG_MAX);
        int on = decode(conf_src[i].ocr, strlen(conf_src[i].ocr), e->ocr, SEG_MAX);
        if (tn < 0 || on < 0 || tn + on == 0)
            continue;
        e->tn = (uint8_t)tn;
        e->on = (uint8_t)on;
        e->cost = conf_src[i].cost;
        e->cls = (uint8_t)conf_src[i].cls;
        e->foldable = !conf_src[i].cased && letters_only(e->truth, tn) && letters_only(e->ocr, on);
        if (e->foldable) {
            for (int k = 0; k < tn; k++)
                e->truth[k] = fold(e->truth[k]);
            for (int k = 0; k < on; k++)
                e->ocr[k] = fold(e->ocr[k]);
        }
        n_conf++;
    }
    index_build(&by_truth, true);
    index_build(&by_ocr, false);
    unit_costs_build();
}

static void conf_init(void)
{
    pthread_once(&conf_once, conf_build);
}

/* Does seg[0..n) match s[at..)? Foldable segments compare case-insensitively. */
static inline __attribute__((always_inline)) bool
seg_match(const uint32_t *seg, int n, bool foldable, const uint32_t *s, int slen, int at)
{
    if (at + n > slen)
        return false;
    for (int k = 0; k < n; k++) {
        uint32_t c = foldable ? fold(s[at + k]) : s[at + k];
        if (c != seg[k])
            return false;
    }
    return true;
}

/* ---- distance ------------------------------------------------------------------- */
/* The cost of an OCR letter repeated from the one before (`vii`, `tillgang`). */
#define DOUBLED_COST 50

static inline void relax(int *cell, int v)
{
    if (v < *cell)
        *cell = v;
}

/* Tries every table entry that could start at (i, j) from the cell's cost. */
static inline void relax_entries(int *d, int W, const uint32_t *a, int n, const uint32_t *b, int m,
                                 int i, int j, int here, const uint16_t *list, size_t count)
{
    for (size_t q = 0; q < count; q++) {
        const conf_entry *e = &conf[list[q]];
        if (seg_match(e->truth, e->tn, e->foldable, a, n, i) &&
            seg_match(e->ocr, e->on, e->foldable, b, m, j))
            relax(&d[(i + e->tn) * W + j + e->on], here + e->cost);
    }
}

/* The cheapest way to change the length by one: no alignment whose cost stays
 * within `limit` strays further than limit / MIN_SHIFT_COST from the diagonal,
 * so only that band of the table is computed. */
#define MIN_SHIFT_COST 15

static int distance_cp(const uint32_t *a, int n, const uint32_t *b, int m, bool nocase, int limit)
{
    enum { W = KR_CONF_MAX_CHARS + 1 };
    int d[W * W];
    int band = limit >= KR_CONF_INF ? W : limit / MIN_SHIFT_COST + 1;
    if (n - m > band || m - n > band)
        return limit + 1;
    for (int i = 0; i <= n; i++)
        for (int j = 0; j <= m; j++)
            d[i * W + j] = KR_CONF_INF;
    d[0] = 0;
    for (int i = 0; i <= n; i++) {
        int rowmin = KR_CONF_INF;
        int j0 = i - band > 0 ? i - band : 0, j1 = i + band < m ? i + band : m;
        for (int j = j0; j <= j1; j++) {
            int here = d[i * W + j];
            if (here < rowmin)
                rowmin = here;
            if (here > limit)
                continue;
            if (i < n && j < m) {
                int c = a[i] == b[j]               ? 0
                        : fold(a[i]) == fold(b[j]) ? (nocase ? 0 : KR_CONF_CASE)
                                                   : KR_CONF_EDIT;
                relax(&d[(i + 1) * W + j + 1], here + c);
            }
            if (i < n)
                relax(&d[(i + 1) * W + j], here + KR_CONF_EDIT);
            if (j < m) {
                bool dbl = j > 0 && fold(b[j]) == fold(b[j - 1]);
                relax(&d[i * W + j + 1], here + (dbl ? DOUBLED_COST : KR_CONF_EDIT));
            }
            if (i < n) {
                unsigned bk = bucket_of(a[i]);
                relax_entries(d, W, a, n, b, m, i, j, here, by_truth.list + by_truth.start[bk],
                              by_truth.start[bk + 1] - by_truth.start[bk]);
            }
            relax_entries(d, W, a, n, b, m, i, j, here, by_truth.empty, by_truth.n_empty);
        }
        /* entries span at most SEG_MAX truth letters: when this row and the
         * next ones reached so far are all over the limit, nothing can come
         * back under it */
        if (rowmin > limit) {
            bool any = false;
            for (int r = i + 1; r <= n && r <= i + SEG_MAX && !any; r++)
                for (int jj = 0; jj <= m; jj++)
                    if (d[r * W + jj] <= limit) {
                        any = true;
                        break;
                    }
            if (!any)
                return limit + 1;
        }
    }
    return d[n * W + m];
}

static int distance(const char *a, size_t alen, const char *b, size_t blen, bool nocase, int limit)
{
    uint32_t ca[KR_CONF_MAX_CHARS], cb[KR_CONF_MAX_CHARS];
    int n = decode(a, alen, ca, KR_CONF_MAX_CHARS);
    int m = decode(b, blen, cb, KR_CONF_MAX_CHARS);
    if (n < 0 || m < 0)
        return KR_CONF_INF;
    conf_init();
    if (limit < KR_CONF_INF && distance_bound(ca, n, cb, m, limit) > limit)
        return limit + 1;
    return distance_cp(ca, n, cb, m, nocase, limit);
}

int kr_confusion_distance_cp_within(const uint32_t *a, int n, const uint32_t *b, int m, int limit)
{
    if (n < 0 || m < 0 || n > KR_CONF_MAX_CHARS || m > KR_CONF_MAX_CHARS)
        return KR_CONF_INF;
    conf_init();
    if (limit < KR_CONF_INF && distance_bound(a, n, b, m, limit) > limit)
        return limit + 1;
    return distance_cp(a, n, b, m, true, limit);
}

int kr_confusion_decode(const char *s, size_t n, uint32_t *out)
{
    return decode(s, n, out, KR_CONF_MAX_CHARS);
}

int kr_confusion_distance(const char *a, size_t alen, const char *b, size_t blen)
{
    return distance(a, alen, b, blen, false, KR_CONF_INF);
}

int kr_confusion_distance_within(const char *a, size_t alen, const char *b, size_t blen, int limit)
{
    return distance(a, alen, b, blen, true, limit);
}

/* ==== the repair engine ============================================================ */

/* Search bounds: a repair is at most MAX_EDITS confusions costing at most
 * MAX_COST together, and one word never costs more than MAX_LOOKUPS lexicon
 * lookups (the hot path: a few hundred nanoseconds each). */
enum {
    MAX_EDITS = 4,
    MAX_COST = 110,
    MAX_LOOKUPS = 1000,
    MAX_SITES = 160,
    WORD_BYTES = 4 * KR_CONF_MAX_CHARS + 8,
};

/* Ranking and decision (same scale as the costs). */
enum {
    BONUS_COMMON = 15,     /* the candidate is a common word */
    BONUS_IN_DOC = 35,     /* the candidate is written correctly elsewhere here */
    PENALTY_COMPOUND = 20, /* known only as an ad-hoc compound */
    PENALTY_SPLIT = 10,    /* needs a lost space */
    PENALTY_WEAK = 15,     /* needs a swap of ordinary letters */
    REPORT_COST = 110,     /* a best candidate costlier than this is no repair */
    PREFER_COST = 100,     /* nor is one this costly ever preferred */
    PREFER_MARGIN = 20,    /* best must beat the runner-up by this to be preferred */
};

/* ---- small helpers -------------------------------------------------------------- */
static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    return h ^ (h >> 29);
}

static uint32_t upper(uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return c - 32;
    return c;
}

static bool is_upper_cp(uint32_t c)
{
    return fold(c) != c;
}

static bool is_letter_cp(uint32_t c)
{
    uint32_t f = fold(c);
    return (f >= 'a' && f <= 'z') || (f >= 0xDF && f <= 0xFF && f != 0xF7) ||
           (c >= 0x100 && c < 0x250);
}

static size_t encode(uint32_t c, char *out)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Lower-cases 8 ASCII bytes at once: a byte from 'A' to 'Z' gets 0x20. */
static uint64_t fold8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t from_a = x + ones * (0x80 - 'A'), past_z = x + ones * (0x80 - 'Z' - 1);
    return x | ((from_a & ~past_z & high) >> 2);
}

static uint32_t fold4(uint32_t x)
{
    const uint32_t ones = 0x01010101u, high = ones * 0x80;
    uint32_t from_a = x + ones * (0x80 - 'A'), past_z = x + ones * (0x80 - 'Z' - 1);
    return x | ((from_a & ~past_z & high) >> 2);
}

/* Lower-cases UTF-8 (ASCII and Latin-1) into out (room for n bytes). Words of
 * 4 bytes or more without a byte from 0x80 on go 8 (or 4) bytes at a time, the
 * last ones overlapping: every word token of a document is folded at least
 * once. */
static size_t fold_bytes(const char *s, size_t n, char *out)
{
    if (n >= 4 && n < 8) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        if (!((a | b) & 0x80808080u)) {
            a = fold4(a);
            b = fold4(b);
            memcpy(out + n - 4, &b, 4);
            memcpy(out, &a, 4);
            return n;
        }
    } else if (n >= 8) {
        uint64_t any = 0, x;
        for (size_t i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, s + i, 8);
            any |= x;
        }
        memcpy(&x, s + n - 8, 8);
        if (!((any | x) & 0x8080808080808080ull)) {
            size_t i = 0;
            for (; i + 8 <= n; i += 8) {
                memcpy(&x, s + i, 8);
                x = fold8(x);
                memcpy(out + i, &x, 8);
            }
            if (i < n) {
                memcpy(&x, s + n - 8, 8);
                x = fold8(x);
                memcpy(out + n - 8, &x, 8);
            }
            return n;
        }
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c += 32;
        else if (c == 0xC3 && i + 1 < n) {
            unsigned char d = (unsigned char)s[i + 1];
            if (d >= 0x80 && d <= 0x9E && d != 0x97)
                d += 32;
            out[i] = (char)c;
            out[++i] = (char)d;
            continue;
        }
        out[i] = (char)c;
    }
    return n;
}

/* ---- per-lint state: memo of verdicts ------------------------------------------- */
/* 24 bytes: a long document's maps hold some 100 000 of them (and the tables
 * they outgrew stay in the arena until the lint ends), which the editor's
 * memory budget feels. */
typedef struct {
    const char *key;
    union {
        kr_verdict *verdict; /* in the map of verdicts */
        unsigned lex;        /* in the map of lookups: KR_LEX_* + 1 (0: not asked yet) */
    };
    uint32_t hash; /* the low half of the word's hash: the slot and a first test */
    uint16_t len;
} entry;

typedef struct {
    entry *slots;
    size_t cap, count;
} emap;

typedef struct finding finding;

typedef struct {
    emap verdicts;           /* exact word -> verdict */
    emap lookups;            /* exact word -> KR_LEX_* (the split checks', see span_lex) */
    struct doc_stats *stats; /* the document's word counts (stats_of) */
    bool incremental;        /* kr_doc_stats_follow called: kr_linter_run */
    bool findings_done;
    struct findings *findings; /* see build_findings */
    uint8_t *mine;             /* per token: claimed by one of these rules */
    struct search *search;     /* the search workspace (search_begin) */
} conf_state;

/* The per-lint maps' hash: 8 bytes a step (every word token of the document
 * is looked up, most of them more than once). Nothing depends on the order
 * of the slots, so any good mix will do. */
static uint64_t emap_hash(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = n * k;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        h = (h ^ x) * k;
        h ^= h >> 29;
    }
    if (i < n) { /* the rest, read without a call to memcpy of a variable length */
        uint64_t x;
        if (n >= 8) {
            memcpy(&x, s + n - 8, 8); /* overlapping what was read */
        } else if (n >= 4) {
            uint32_t lo, hi;
            memcpy(&lo, s, 4);
            memcpy(&hi, s + n - 4, 4);
            x = lo | (uint64_t)hi << 32;
        } else {
            x = (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
                (uint64_t)(unsigned char)s[n - 1] << 16;
        }
        h = (h ^ x) * k;
    }
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

/* A new entry for s[0..n) with hash h (absent from m). */
static entry *emap_add(kr_arena *a, emap *m, const char *s, size_t n, uint64_t h)
{
    if ((m->count + 1) * 2 > m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 256;
        entry *slots = kr_arena_alloc(a, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->slots[i].key)
                continue;
            size_t j = m->slots[i].hash & (cap - 1);
            while (slots[j].key)
                j = (j + 1) & (cap - 1);
            slots[j] = m->slots[i];
        }
        m->slots = slots; /* the old table stays in the arena until the lint ends */
        m->cap = cap;
    }
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key)
        i = (i + 1) & (m->cap - 1);
    entry *e = &m->slots[i];
    e->key = kr_arena_strndup(a, s, n);
    e->len = (uint16_t)n;
    e->hash = (uint32_t)h;
    m->count++;
    return e;
}

static entry *emap_get(kr_arena *a, emap *m, const char *s, size_t n, bool create)
{
    uint64_t h = emap_hash(s, n);
    if (m->cap) {
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            entry *e = &m->slots[i];
            if (!e->key)
                break;
            if (e->hash == (uint32_t)h && e->len == n && memcmp(e->key, s, n) == 0)
                return e;
        }
    }
    return create ? emap_add(a, m, s, n, h) : NULL;
}

#ifdef __SSE2__
static const char iota16[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};

/* The verdict map's entry of s[0..n), made when absent. Every word part of
 * the document is asked: one of 1 to 16 bytes is hashed and compared as 16
 * bytes, zero past the word (the kept keys are: kr_arena_strndup rounds to 16
 * zeroed bytes); read from the text when 16 bytes of it follow s. Others go
 * to emap_get (the hashes differ by length, so the two kinds never meet). */
static entry *verdict_entry(kr_lint_ctx *ctx, emap *m, const char *s, size_t n)
{
    if (n - 1 >= 16)
        return emap_get(ctx->scratch, m, s, n, true);
    __m128i x;
    /* s may be a caller's buffer, not the text: compare addresses as integers */
    uintptr_t at = (uintptr_t)s, text = (uintptr_t)ctx->text;
    if (at >= text && at - text + 16 <= ctx->len) {
        __m128i in = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)iota16),
                                    _mm_set1_epi8((char)n));
        x = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)s), in);
    } else {
        char pad[16] = {0};
        memcpy(pad, s, n);
        x = _mm_loadu_si128((const __m128i *)(const void *)pad);
    }
    uint64_t half[2];
    _mm_storeu_si128((__m128i *)(void *)half, x);
    uint64_t h = (half[0] * 0x9E3779B97F4A7C15ull) ^ (half[1] * 0xC2B2AE3D27D4EB4Full) ^ n;
    h ^= h >> 29;
    h *= 0xD6E8FEB86659FD93ull;
    h ^= h >> 32;
    if (m->cap) {
        for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
            entry *e = &m->slots[i];
            if (!e->key)
                break;
            if (e->hash == (uint32_t)h && e->len == n &&
                _mm_movemask_epi8(_mm_cmpeq_epi8(
                    _mm_loadu_si128((const __m128i *)(const void *)e->key), x)) == 0xFFFF)
                return e;
        }
    }
    return emap_add(ctx->scratch, m, s, n, h);
}
#else
static entry *verdict_entry(kr_lint_ctx *ctx, emap *m, const char *s, size_t n)
{
    return emap_get(ctx->scratch, m, s, n, true);
}
#endif

static conf_state *state_of(kr_lint_ctx *ctx)
{
    conf_state *st = ctx->shared[KR_SHARED_CONFUSION];
    if (!st) {
        st = kr_arena_alloc(ctx->scratch, sizeof *st);
        ctx->shared[KR_SHARED_CONFUSION] = st;
    }
    return st;
}

static unsigned lookup(kr_lint_ctx *ctx, const char *s, size_t n)
{
    return ctx->lex ? kr_lexicon_lookup(ctx->lex, s, n) : 0;
}

/* ---- word parts --------------------------------------------------------------------- */
static bool dash_or_quote8(const char *p)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    uint64_t x;
    memcpy(&x, p, 8);
    uint64_t d = x ^ (ones * '-'), q = x ^ (ones * '\'');
    return ((d - ones) & ~d & high) | ((q - ones) & ~q & high);
}

static bool dash_or_quote4(const char *p)
{
    const uint32_t ones = 0x01010101u, high = ones * 0x80;
    uint32_t x;
    memcpy(&x, p, 4);
    uint32_t d = x ^ (ones * '-'), q = x ^ (ones * '\'');
    return ((d - ones) & ~d & high) | ((q - ones) & ~q & high);
}

/* True when text[from..to) holds a '-' or a '\'' (8 bytes at a time: most
 * words have neither, and every word token of a document is split). The last
 * stretch is read as 8 (or 4) bytes ending at `to`, overlapping what was read
 * before: no byte outside the word is read, and no loop per byte. */
static bool has_dash_or_quote(const char *text, size_t from, size_t to)
{
    const char *p = text + from;
    size_t n = to - from;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8)
            if (dash_or_quote8(p + i))
                return true;
        return i < n && dash_or_quote8(p + n - 8);
    }
    if (n >= 4)
        return dash_or_quote4(p) || dash_or_quote4(p + n - 4);
    for (size_t i = 0; i < n; i++)
        if (p[i] == '-' || p[i] == '\'')
            return true;
    return false;
}

/* The parts of a token with a '-' or '\'' (or one a fast test could not
 * clear), apart from kr_word_parts so that its common path needs no stack. */
static __attribute__((noinline)) size_t split_parts(const char *text, const kr_token *t,
                                                    kr_span *parts, size_t max)
{
    if (max > 0 && t->end > t->start && !has_dash_or_quote(text, t->start, t->end)) {
        parts[0] = (kr_span){t->start, t->end};
        return 1;
    }
    size_t n = 0, s = t->start, i = t->start;
    /* a possessive or clitic after an apostrophe (BIOS'en, Peter's) is not checked */
    for (; i < t->end && n < max; i++) {
        if (text[i] == '\'' && i > t->start)
            break;
        if (text[i] == '-') {
            if (i > s)
                parts[n++] = (kr_span){s, i};
            s = i + 1;
        }
    }
    if (n < max && i > s && (i == t->end || text[i] == '\''))
        parts[n++] = (kr_span){s, i};
    return n;
}

/* Most tokens are one word of at most 16 bytes without a '-' or '\'': those
 * are read as the 16 bytes that end the token (from the text before it, which
 * the mask leaves out) and compared at once. */
static inline size_t word_parts(const char *text, const kr_token *t, kr_span *parts, size_t max)
{
#ifdef __SSE2__
    unsigned n = t->end - t->start;
    if (max > 0 && n - 1 < 16 && t->end >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + t->end - 16));
        __m128i hit = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
        if (!((unsigned)_mm_movemask_epi8(hit) >> (16 - n))) {
            parts[0] = (kr_span){t->start, t->end};
            return 1;
        }
    }
#endif
    return split_parts(text, t, parts, max);
}

size_t kr_word_parts(const char *text, const kr_token *t, kr_span *parts, size_t max)
{
    return word_parts(text, t, parts, max);
}

/* ---- document statistics -------------------------------------------------------------- */
/* How often each word (folded) occurs in the document, and whether the
 * document lost its æøå. An LSP edit must not count a 1 MB document again, so
 * the counts are kept in per-document memory (kr_document_memory) with what each
 * run of tokens (a segment) contributed, and after an edit only the segments
 * around the changed bytes are counted again: the others are the same tokens,
 * shifted. A token's contribution depends on its own whitespace-delimited chunk
 * (and the byte either side of it, which bound it), and when the chunk ends with
 * '-' at a line end, on the next line's first byte and the next token (a word
 * broken at a line end also counts joined). A segment records the last byte its
 * count depends on, so the edit's region tells exactly which ones to recount.
 * The full lint (kr_linter_run_full) counts everything afresh in the per-lint
 * arena and leaves the memory alone. */
static bool has_dia(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC3) {
            unsigned char d = (unsigned char)s[i + 1] | 0x20;
            if (d == 0xA6 || d == 0xB8 || d == 0xA5)
                return true;
        }
    return false;
}

/* Danish words so frequent that a Danish text of any length is full of them;
 * an English text that also lacks æøå is not. */
static bool danish_marker(const char *f, size_t n)
{
    static const char *const words[] = {"og",  "er",    "det",  "at",   "til", "af", "en",
                                        "den", "som",   "med",  "ikke", "har", "de", "kan",
                                        "vil", "eller", "hvis", "skal", "der", "et", "fra"};
    if (n < 2 || n > 5)
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i][0] == f[0] && strlen(words[i]) == n && memcmp(words[i], f, n) == 0)
            return true;
    return false;
}

/* What the statistics count of a word, kept on its entry. */
enum { TRAIT_DIA = 1, TRAIT_MARKER = 2 };

enum {
    SEG_TOKENS = 32,       /* tokens per segment: what an edit recounts at least */
    OCC_JOINED = 1u << 31, /* an occurrence made by joining a line-end break */
};

typedef struct {
    uint32_t key; /* offset of the folded word in words */
    uint16_t len;
    uint8_t traits;
    uint32_t count; /* 0 once every occurrence is gone (the entry stays) */
    uint32_t hash;
} wcount;

/* A run of tokens counted together: its first token's chunk start, its last
 * token's chunk end, the last byte its count depends on (inclusive), and its
 * occurrences (entry indices, OCC_JOINED for joins) in occ. */
typedef struct {
    uint32_t ws_start, ws_end, dep_end;
    uint32_t tok, ntok; /* its tokens in the analysis */
    uint32_t occ, nocc;
} segment;

struct doc_stats {
    kr_arena *arena; /* where the arrays live; NULL: malloc (document memory) */
    bool track;      /* keep segments (document memory) */
    wcount *e;
    size_t n_e, cap_e, live; /* live: entries with a count */
    uint32_t *slots;         /* entry index + 1, 0 empty */
    size_t cap_slots;
    char *words;
    size_t n_words, cap_words;
    uint32_t *occ;
    size_t n_occ, cap_occ, dead_occ;
    segment *seg;
    size_t n_seg, cap_seg;
    size_t words_total, dia, markers; /* word parts, those with æøå, Danish markers */
    size_t len, n_tokens;             /* of the text and analysis counted */
    kr_changes pending;               /* the edits since, from kr_doc_stats_follow */
    /* the entries whose count went to or from 0 since kr_doc_presence_changes
     * last took them (kept counts only: s->track); flips_lost: more than
     * MAX_FLIPS, or counted afresh — not known */
    uint32_t *flips;
    size_t n_flips, cap_flips;
    bool flips_lost;
};
typedef struct doc_stats doc_stats;

/* Names the statistics' slot of document memory. */
static const char stats_owner;

static void *stats_grow(doc_stats *s, void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t nc = *cap ? *cap : 64;
    while (nc < need)
        nc *= 2;
    void *q;
    if (s->arena) {
        q = kr_arena_alloc(s->arena, nc * elem);
        if (*cap)
            memcpy(q, p, *cap * elem);
    } else
        q = kr_xrealloc(p, nc * elem);
    *cap = nc;
    return q;
}

static void stats_free_arrays(doc_stats *s)
{
    if (s->arena)
        return;
    free(s->e);
    free(s->slots);
    free(s->words);
    free(s->occ);
    free(s->seg);
    free(s->flips);
}

static void stats_release(void *p)
{
    doc_stats *s = p;
    if (!s)
        return;
    stats_free_arrays(s);
    free(s);
}

/* Empties s for a count from scratch (keeping where it allocates). */
static void stats_clear(doc_stats *s)
{
    kr_arena *a = s->arena;
    bool track = s->track;
    stats_free_arrays(s);
    *s = (doc_stats){.arena = a, .track = track};
}

static void slots_rehash(doc_stats *s, size_t cap)
{
    uint32_t *slots =
        s->arena ? kr_arena_alloc(s->arena, cap * sizeof *slots) : calloc(cap, sizeof *slots);
    if (!slots)
        abort();
    for (size_t i = 0; i < s->n_e; i++) {
        size_t j = s->e[i].hash & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = (uint32_t)i + 1;
    }
    if (!s->arena)
        free(s->slots);
    s->slots = slots;
    s->cap_slots = cap;
}

/* Words of at most SHORT_WORD bytes (nearly all) are hashed and compared as
 * 16 bytes: the folded word zero-padded (see stats_find), against the kept
 * copy, which has SHORT_WORD bytes of room after it. */
enum { SHORT_WORD = 16 };

static uint32_t stats_hash(const char *f, size_t n)
{
    if (n > SHORT_WORD)
        return (uint32_t)emap_hash(f, n);
    uint64_t lo, hi;
    memcpy(&lo, f, 8);
    memcpy(&hi, f + 8, 8);
    uint64_t h = (lo * 0x9E3779B97F4A7C15ull) ^ (hi * 0xC2B2AE3D27D4EB4Full) ^ n;
    h ^= h >> 29;
    h *= 0xD6E8FEB86659FD93ull;
    return (uint32_t)(h ^ (h >> 32));
}

/* The kept word at k equals f[0..n) (n <= SHORT_WORD: 16 bytes readable at both). */
static bool short_equal(const char *k, const char *f, size_t n)
{
#ifdef __SSE2__
    __m128i a = _mm_loadu_si128((const __m128i *)(const void *)k);
    __m128i b = _mm_loadu_si128((const __m128i *)(const void *)f);
    unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(a, b));
    return (eq | ~((1u << n) - 1)) == 0xFFFFFFFFu;
#else
    return memcmp(k, f, n) == 0;
#endif
}

/* The entry of the folded word f[0..n), made (count 0) when create; -1 when
 * absent. A word of at most SHORT_WORD bytes has zeros after it in f up to 16
 * bytes. */
static long stats_find(doc_stats *s, const char *f, size_t n, bool create)
{
    uint32_t h = stats_hash(f, n);
    if (s->cap_slots) {
        bool small = n <= SHORT_WORD;
        for (size_t i = h & (s->cap_slots - 1);; i = (i + 1) & (s->cap_slots - 1)) {
            uint32_t k = s->slots[i];
            if (!k)
                break;
            const wcount *e = &s->e[k - 1];
            if (e->hash == h && e->len == n &&
                (small ? short_equal(s->words + e->key, f, n)
                       : memcmp(s->words + e->key, f, n) == 0))
                return (long)k - 1;
        }
    }
    if (!create)
        return -1;
    if ((s->n_e + 1) * 2 > s->cap_slots)
        slots_rehash(s, s->cap_slots ? s->cap_slots * 2 : 1024);
    s->e = stats_grow(s, s->e, &s->cap_e, s->n_e + 1, sizeof *s->e);
    s->words = stats_grow(s, s->words, &s->cap_words, s->n_words + n + SHORT_WORD, 1);
    memcpy(s->words + s->n_words, f, n);
    memset(s->words + s->n_words + n, 0, SHORT_WORD); /* compared, never told apart */
    s->e[s->n_e] = (wcount){
        (uint32_t)s->n_words, (uint16_t)n,
        (uint8_t)((has_dia(f, n) ? TRAIT_DIA : 0) | (danish_marker(f, n) ? TRAIT_MARKER : 0)), 0,
        h};
    s->n_words += n;
    size_t i = h & (s->cap_slots - 1);
    while (s->slots[i])
        i = (i + 1) & (s->cap_slots - 1);
    s->slots[i] = (uint32_t)s->n_e + 1;
    return (long)s->n_e++;
}

/* A cap on the presence changes kept between two lints (a paste of pages
 * changes more: then every recorded answer is asked again). */
enum { MAX_FLIPS = 4096 };

/* Notes that entry i went to or from a count of 0 (kr_doc_presence_changes). */
static __attribute__((noinline)) void stats_flip(doc_stats *s, uint32_t i)
{
    if (!s->track || s->flips_lost)
        return;
    if (s->n_flips == MAX_FLIPS) {
        s->flips_lost = true;
        return;
    }
    if (s->n_flips == s->cap_flips) {
        s->cap_flips = s->cap_flips ? 2 * s->cap_flips : 64;
        s->flips = kr_xrealloc(s->flips, s->cap_flips * sizeof *s->flips);
    }
    s->flips[s->n_flips++] = i;
}

/* Adds (sign 1) or removes (-1) one occurrence of entry i. */
static inline __attribute__((always_inline)) void stats_occur(doc_stats *s, uint32_t occ, int sign)
{
    wcount *e = &s->e[occ & ~OCC_JOINED];
    bool flip;
    if (sign > 0)
        s->live += flip = e->count++ == 0;
    else
        s->live -= flip = --e->count == 0;
    if (flip)
        stats_flip(s, occ & ~OCC_JOINED);
    if (occ & OCC_JOINED)
        return; /* a joined break counts as a word, not as one of the text's words */
    s->words_total += (size_t)sign;
    s->dia += (size_t)(sign * ((e->traits & TRAIT_DIA) != 0));
    s->markers += (size_t)(sign * ((e->traits & TRAIT_MARKER) != 0));
}

/* Folds word[0..n) (n < WORD_BYTES) into buf, zeros after it to 16 bytes. */
static void fold_padded(const char *word, size_t n, char *buf)
{
    fold_bytes(word, n, buf);
    memset(buf + n, 0, SHORT_WORD);
}

/* Adds an occurrence of word[0..n), folded into f (fold_padded). */
static void stats_add_folded(doc_stats *s, const char *f, size_t n, bool joined)
{
    uint32_t occ = (uint32_t)stats_find(s, f, n, true) | (joined ? OCC_JOINED : 0);
    stats_occur(s, occ, 1);
    if (s->track) {
        s->occ = stats_grow(s, s->occ, &s->cap_occ, s->n_occ + 1, sizeof *s->occ);
        s->occ[s->n_occ++] = occ;
    }
}

/* Adds an occurrence of word[0..n) (n < WORD_BYTES). */
static void stats_add(doc_stats *s, const char *word, size_t n, bool joined)
{
    char buf[WORD_BYTES + SHORT_WORD];
    fold_padded(word, n, buf);
    stats_add_folded(s, buf, n, joined);
}

/* Adds the word part text[at, at + n): a part of at most 16 bytes of ASCII
 * with 16 bytes of text from it is folded in one step (every word token of
 * the document comes here); others as stats_add. */
static void stats_part(doc_stats *s, const kr_lint_ctx *ctx, size_t at, size_t n)
{
    char buf[SHORT_WORD];
#ifdef __SSE2__
    if (n - 1 < SHORT_WORD && at + 16 <= ctx->len) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(ctx->text + at));
        if (!_mm_movemask_epi8(x)) {
            /* 'A'..'Z' get 0x20; the bytes past the word become 0 */
            __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                          _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            x = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
            __m128i in = _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)iota16),
                                        _mm_set1_epi8((char)n));
            _mm_storeu_si128((__m128i *)(void *)buf, _mm_and_si128(x, in));
            stats_add_folded(s, buf, n, false);
            return;
        }
    }
#endif
    if (n < WORD_BYTES)
        stats_add(s, ctx->text + at, n, false);
}

/* Counts token t when it is the common case: one word part (no '-' or '\'')
 * of 1 to 16 ASCII bytes with 16 bytes of text from its start, not broken at
 * a line end, whose word s already has. Read, folded, hashed (as stats_hash)
 * and compared as those 16 bytes, without a call; false (nothing counted)
 * when it is not that case. */
static bool stats_token_fast(doc_stats *s, const kr_lint_ctx *ctx, const kr_token *t)
{
#ifdef __SSE2__
    unsigned n = t->end - t->start;
    if (n - 1 >= SHORT_WORD || t->start + 16 > ctx->len || (t->flags & KR_TOKF_HYPHEN_END) ||
        !s->cap_slots)
        return false;
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(ctx->text + t->start));
    unsigned mask = (1u << n) - 1;
    __m128i odd =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
    if (((unsigned)_mm_movemask_epi8(x) | (unsigned)_mm_movemask_epi8(odd)) & mask)
        return false;
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
    x = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    x = _mm_and_si128(x, _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)(const void *)iota16),
                                        _mm_set1_epi8((char)n)));
    uint64_t half[2];
    _mm_storeu_si128((__m128i *)(void *)half, x);
    uint64_t h64 = (half[0] * 0x9E3779B97F4A7C15ull) ^ (half[1] * 0xC2B2AE3D27D4EB4Full) ^ n;
    h64 ^= h64 >> 29;
    h64 *= 0xD6E8FEB86659FD93ull;
    uint32_t h = (uint32_t)(h64 ^ (h64 >> 32));
    for (size_t i = h & (s->cap_slots - 1);; i = (i + 1) & (s->cap_slots - 1)) {
        uint32_t k = s->slots[i];
        if (!k)
            return false; /* a new word: stats_token makes its entry */
        const wcount *e = &s->e[k - 1];
        if (e->hash == h && e->len == n &&
            !(~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
                  _mm_loadu_si128((const __m128i *)(const void *)(s->words + e->key)), x)) &
              mask)) {
            stats_occur(s, k - 1, 1);
            if (s->track) {
                s->occ = stats_grow(s, s->occ, &s->cap_occ, s->n_occ + 1, sizeof *s->occ);
                s->occ[s->n_occ++] = k - 1;
            }
            return true;
        }
    }
#else
    (void)s, (void)ctx, (void)t;
    return false;
#endif
}

/* Counts token k: its word parts, and when it is a word broken by a line-end
 * hyphen, the word joined with the next token's first part (the
 * broken-hyphenation fix makes it, else a second fix finds new evidence). */
static void stats_token(doc_stats *s, const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->kind != KR_TOK_WORD || stats_token_fast(s, ctx, t))
        return;
    kr_span parts[8];
    size_t np = kr_word_parts(ctx->text, t, parts, 8);
    for (size_t p = 0; p < np; p++)
        stats_part(s, ctx, parts[p].start, parts[p].end - parts[p].start);
    if ((t->flags & KR_TOKF_HYPHEN_END) && np > 0 && k + 1 < ctx->an->n_tokens &&
        ctx->an->tokens[k + 1].kind == KR_TOK_WORD) {
        kr_span next[8];
        size_t nn = kr_word_parts(ctx->text, &ctx->an->tokens[k + 1], next, 8);
        size_t a = parts[np - 1].end - parts[np - 1].start;
        size_t b = nn ? next[0].end - next[0].start : 0;
        char joined[WORD_BYTES];
        if (nn && a + b < sizeof joined) {
            memcpy(joined, ctx->text + parts[np - 1].start, a);
            memcpy(joined + a, ctx->text + next[0].start, b);
            stats_add(s, joined, a + b, true);
        }
    }
}

/* The last byte the count of a run ending with token k depends on: the byte
 * after its chunk (which bounds it), and for a chunk ending with '-' (a
 * possible line-end break) the next line's first byte and the next token. */
static uint32_t dep_end(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    size_t d = t->ws_end;
    if (t->ws_end > t->ws_start && ctx->text[t->ws_end - 1] == '-') {
        const char *nl = memchr(ctx->text + t->ws_end, '\n', ctx->len - t->ws_end);
        d = nl ? (size_t)(nl - ctx->text) + 1 : ctx->len;
        if (k + 1 < ctx->an->n_tokens && ctx->an->tokens[k + 1].ws_end > d)
            d = ctx->an->tokens[k + 1].ws_end;
    }
    return (uint32_t)d;
}

/* Counts tokens [a, b); with segments, as new segments appended to out. */
static void stats_count(doc_stats *s, const kr_lint_ctx *ctx, size_t a, size_t b, segment **out,
                        size_t *n_out, size_t *cap_out)
{
    if (!s->track) {
        for (size_t k = a; k < b; k++)
            stats_token(s, ctx, k);
        return;
    }
    for (size_t k = a; k < b;) {
        size_t e = b - k > SEG_TOKENS ? k + SEG_TOKENS : b;
        segment g = {ctx->an->tokens[k].ws_start,
                     ctx->an->tokens[e - 1].ws_end,
                     dep_end(ctx, e - 1),
                     (uint32_t)k,
                     (uint32_t)(e - k),
                     (uint32_t)s->n_occ,
                     0};
        for (; k < e; k++)
            stats_token(s, ctx, k);
        g.nocc = (uint32_t)(s->n_occ - g.occ);
        *out = stats_grow(s, *out, cap_out, *n_out + 1, sizeof **out);
        (*out)[(*n_out)++] = g;
    }
}

static void stats_rebuild(doc_stats *s, const kr_lint_ctx *ctx)
{
    stats_clear(s);
    s->flips_lost = true; /* every word is new */
    stats_count(s, ctx, 0, ctx->an->n_tokens, &s->seg, &s->n_seg, &s->cap_seg);
    if (!s->arena && s->n_occ) { /* kept for long: no room to spare from doubling */
        s->cap_occ = s->n_occ + s->n_occ / 16;
        s->occ = kr_xrealloc(s->occ, s->cap_occ * sizeof *s->occ);
    }
    s->len = ctx->len;
    s->n_tokens = ctx->an->n_tokens;
}

/* The first byte a segment's count depends on: the one before its first chunk
 * (which bounds it), or the text's start (0), where a byte order mark decides
 * where the first chunk starts: then an insertion before the first byte
 * matters too. */
static size_t dep_start(const segment *g)
{
    return g->ws_start <= 3 ? 0 : g->ws_start - 1;
}

/* Drops the occurrences of removed segments from occ when they are most of it. */
static void stats_compact(doc_stats *s)
{
    if (s->dead_occ < 65536 || s->dead_occ * 2 < s->n_occ)
        return;
    uint32_t *occ = kr_xmalloc((s->n_occ - s->dead_occ + 1) * sizeof *occ);
    size_t n = 0;
    for (size_t i = 0; i < s->n_seg; i++) {
        if (s->seg[i].nocc)
            memcpy(occ + n, s->occ + s->seg[i].occ, s->seg[i].nocc * sizeof *occ);
        s->seg[i].occ = (uint32_t)n;
        n += s->seg[i].nocc;
    }
    free(s->occ);
    s->occ = occ;
    s->n_occ = n;
    s->cap_occ = s->n_occ - s->dead_occ + 1;
    s->dead_occ = 0;
}

/* Brings the kept counts from the text they were made for to ctx's through
 * s->pending: recounts the segments the changed bytes touch (and the tokens
 * now between the others). False when the analysis does not line up with the
 * kept segments (then the caller counts afresh). */
static bool stats_update(doc_stats *s, const kr_lint_ctx *ctx)
{
    kr_changes ch = s->pending;
    if ((ptrdiff_t)s->len + ch.delta != (ptrdiff_t)ctx->len)
        return false;
    if (!ch.any)
        return s->n_tokens == ctx->an->n_tokens;
    size_t lo = ch.lo, old_hi = (size_t)((ptrdiff_t)ch.hi - ch.delta);
    /* kept before: every byte they depend on precedes the change (dep_end
     * only grows from segment to segment); kept after: every byte follows it */
    size_t p = 0, q = s->n_seg;
    for (size_t l = 0, h = s->n_seg; l < h;) {
        size_t m = l + (h - l) / 2;
        if (s->seg[m].dep_end < lo)
            l = p = m + 1;
        else
            h = m;
    }
    for (size_t l = p, h = s->n_seg; l < h;) {
        size_t m = l + (h - l) / 2;
        size_t ds = dep_start(&s->seg[m]);
        /* 0: the text's start, where an insertion may make or break a byte order mark */
        if (ds > 0 && ds >= old_hi)
            h = q = m;
        else
            l = m + 1;
    }
    ptrdiff_t dtok = (ptrdiff_t)ctx->an->n_tokens - (ptrdiff_t)s->n_tokens;
    size_t a = p ? s->seg[p - 1].tok + s->seg[p - 1].ntok : 0;
    size_t b = q < s->n_seg ? (size_t)((ptrdiff_t)s->seg[q].tok + dtok) : ctx->an->n_tokens;
    const kr_token *t = ctx->an->tokens;
    if (a > b || b > ctx->an->n_tokens || (p && t[a - 1].ws_end != s->seg[p - 1].ws_end) ||
        (q < s->n_seg && t[b].ws_start != (size_t)((ptrdiff_t)s->seg[q].ws_start + ch.delta)))
        return false;
    for (size_t i = p; i < q; i++) {
        for (size_t j = 0; j < s->seg[i].nocc; j++)
            stats_occur(s, s->occ[s->seg[i].occ + j], -1);
        s->dead_occ += s->seg[i].nocc;
    }
    segment *mid = NULL;
    size_t n_mid = 0, cap_mid = 0;
    stats_count(s, ctx, a, b, &mid, &n_mid, &cap_mid);
    size_t n_tail = s->n_seg - q, n = p + n_mid + n_tail;
    s->seg = stats_grow(s, s->seg, &s->cap_seg, n, sizeof *s->seg);
    if (n_tail) /* no segments at all: s->seg may be NULL (UBSan, edit fuzzer) */
        memmove(s->seg + p + n_mid, s->seg + q, n_tail * sizeof *s->seg);
    if (n_mid)
        memcpy(s->seg + p, mid, n_mid * sizeof *mid);
    free(mid);
    for (size_t i = p + n_mid; i < n; i++) {
        segment *g = &s->seg[i];
        g->ws_start = (uint32_t)((ptrdiff_t)g->ws_start + ch.delta);
        g->ws_end = (uint32_t)((ptrdiff_t)g->ws_end + ch.delta);
        g->dep_end = (uint32_t)((ptrdiff_t)g->dep_end + ch.delta);
        g->tok = (uint32_t)((ptrdiff_t)g->tok + dtok);
    }
    s->n_seg = n;
    s->len = ctx->len;
    s->n_tokens = ctx->an->n_tokens;
    stats_compact(s);
    return true;
}

/* The statistics of ctx's document for this lint. */
static doc_stats *stats_of(kr_lint_ctx *ctx, conf_state *st)
{
    if (st->stats)
        return st->stats;
    void **slot =
        st->incremental ? kr_document_memory(ctx->doc, &stats_owner, stats_release) : NULL;
    doc_stats *s = slot ? *slot : NULL;
    if (slot && !s) {
        s = kr_xmalloc(sizeof *s);
        *s = (doc_stats){.track = true};
        *slot = s;
        stats_rebuild(s, ctx);
    } else if (s) {
        /* words that went away leave entries behind: count afresh when they
         * are most of the table */
        if ((s->n_e - s->live > 4096 && s->n_e > 2 * s->live) || !stats_update(s, ctx))
            stats_rebuild(s, ctx);
    } else {
        s = kr_arena_alloc(ctx->scratch, sizeof *s);
        s->arena = ctx->scratch;
        stats_rebuild(s, ctx);
    }
    s->pending = (kr_changes){0};
    st->stats = s;
    return s;
}

/* The lost-æøå verdict of counts s (kr_doc_lost_diacritics). */
static bool stats_lost(const doc_stats *s)
{
    /* Danish prose has æ/ø/å in roughly one word in ten; none in 200 words is
     * the signature of text that lost them */
    return s->words_total >= 12 && s->markers * 12 >= s->words_total &&
           s->dia * 200 <= s->words_total;
}

kr_doc_stats *kr_doc_stats_make(const char *text, size_t len, const kr_token *tokens, size_t n,
                                bool *lost)
{
    kr_analysis an = {.tokens = (kr_token *)(uintptr_t)tokens, .n_tokens = n};
    kr_lint_ctx ctx = {.text = text, .len = len, .an = &an};
    doc_stats *s = kr_xmalloc(sizeof *s);
    *s = (doc_stats){.track = true}; /* as stats_of makes the document's */
    stats_rebuild(s, &ctx);
    *lost = stats_lost(s);
    return s;
}

void kr_doc_stats_free(kr_doc_stats *s)
{
    stats_release(s);
}

void kr_doc_stats_adopt(kr_lint_ctx *ctx, kr_doc_stats *made)
{
    conf_state *st = state_of(ctx);
    void **slot =
        st->incremental ? kr_document_memory(ctx->doc, &stats_owner, stats_release) : NULL;
    if (slot && !*slot && !st->stats && made && made->len == ctx->len &&
        made->n_tokens == ctx->an->n_tokens)
        *slot = made;
    else
        stats_release(made);
}

/* Merges the edit n into the changes c not yet counted (as the document merges
 * its edits, document.c): one region covering both, in the new text's offsets. */
static void changes_merge(kr_changes *c, kr_changes n)
{
    if (!n.any)
        return;
    if (!c->any) {
        *c = n;
        return;
    }
    size_t end = (size_t)((ptrdiff_t)n.hi - n.delta);
    size_t hi = c->hi >= end ? (size_t)((ptrdiff_t)c->hi + n.delta) : c->hi;
    if (hi < n.hi)
        hi = n.hi;
    c->lo = c->lo < n.lo ? c->lo : n.lo;
    c->hi = hi;
    c->delta += n.delta;
}

void kr_doc_stats_follow(kr_lint_ctx *ctx, kr_changes ch)
{
    state_of(ctx)->incremental = true;
    void **slot = kr_document_memory(ctx->doc, &stats_owner, stats_release);
    if (slot && *slot)
        changes_merge(&((doc_stats *)*slot)->pending, ch);
}

bool kr_doc_lost_diacritics(kr_lint_ctx *ctx)
{
    return stats_lost(stats_of(ctx, state_of(ctx)));
}

bool kr_doc_presence_changes(kr_lint_ctx *ctx,
                             void (*fn)(void *ud, const char *folded, size_t n, bool present),
                             void *ud)
{
    doc_stats *s = stats_of(ctx, state_of(ctx));
    bool known = s->track && !s->flips_lost;
    for (size_t i = 0; known && i < s->n_flips; i++) {
        const wcount *e = &s->e[s->flips[i]];
        fn(ud, s->words + e->key, e->len, e->count > 0);
    }
    s->n_flips = 0;
    s->flips_lost = false;
    return known;
}

unsigned kr_doc_word_count(kr_lint_ctx *ctx, const char *word, size_t len)
{
    doc_stats *s = stats_of(ctx, state_of(ctx));
    char buf[WORD_BYTES + SHORT_WORD];
    if (len >= WORD_BYTES)
        return 0;
    fold_padded(word, len, buf);
    long i = stats_find(s, buf, len, false);
    unsigned n = i < 0 ? 0 : s->e[i].count;
    /* the incremental lint reuses results while every answer's presence holds */
    kr_lint_note_doc_query(ctx, buf, len, n > 0);
    return n;
}

/* ---- the candidate search --------------------------------------------------------- */
/* A place in the word where a confusion could be undone: replace ocr letters
 * [at, at+olen) by truth. */
typedef struct {
    uint8_t at, olen, tlen, cls;
    int16_t cost;
    uint32_t truth[SEG_MAX];
    uint8_t tbytes_len; /* truth in UTF-8 */
    char tbytes[4 * SEG_MAX];
    /* where the next site a repair may add after this one can begin: the
     * letters from at + olen up to there are the word's own in every repair
     * that chooses this site and goes on (see dfs) */
    uint8_t next_at;
} site;

typedef struct {
    char text[WORD_BYTES];
    char folded[WORD_BYTES]; /* text in lower case, for duplicate checks */
    size_t len;
    int cost;
    unsigned lex, classes;
    /* the budget pass that first accepted a spelling of this word and when
     * (consider's count), which order the passes would have found it in (see
     * one_walk) */
    int first_pass;
    uint32_t first_seq;
} found;

/* A repair's bytes: the word's, and at most 3 letters (in UTF-8) per site. */
enum { PREFIX_BYTES = WORD_BYTES + 4 * SEG_MAX * MAX_EDITS };

/* Where the repairs of the first sites chosen died (dfs), kept while the search
 * runs: each budget walks the same repairs again. Keyed by the chosen sites,
 * direct-mapped (a clash only costs a walk). */
enum { DEAD_MEMO = 4096, DEAD_MEMO_DEPTH = 3 };
typedef struct {
    uint32_t search, key, dead; /* search: search_begin's count; 0 empty */
} dead_memo;

/* The counts of count_considered per pass of a search: the same site, cost,
 * depth and swap flag is reached from many repairs. Direct-mapped as above. */
enum { COUNT_MEMO = 4096 };
typedef struct {
    uint32_t pass, key; /* pass: run_search's count of passes; 0 empty */
    int32_t n;
} count_memo;

/* A spelling put aside by one_walk: its sites and cost. */
typedef struct {
    uint8_t chosen[MAX_EDITS];
    int16_t cost;
    uint8_t n;
} deferred;

typedef struct search {
    kr_lint_ctx *ctx;
    const uint32_t *w;
    int n;
    /* w in UTF-8 (wbytes[woff[i]..woff[i + 1]) is w[i]): candidates copy the
     * unchanged stretches instead of encoding them letter by letter */
    char wbytes[WORD_BYTES];
    uint16_t woff[KR_CONF_MAX_CHARS + 1];
    site sites[MAX_SITES];
    int nsites;
    uint8_t first_at[KR_CONF_MAX_CHARS + 1]; /* the first site at or after a letter */
    int16_t least_cost[MAX_SITES + 1];       /* the cheapest site from each one on */
    int chosen[MAX_EDITS];
    int budget, prev_budget, max_edits, lookups;
    found cand[2 * KR_CAND_MAX];
    int ncand;
    kr_lex_walk walk;          /* the lexicon walks of the last candidate, reused */
    bool prune;                /* dead prefixes may be skipped (see dfs) */
    char prefix[PREFIX_BYTES]; /* the repair being walked (dfs) */
    char dead[MAX_EDITS + 1][PREFIX_BYTES];
    uint32_t serial; /* counts the searches of this lint */
    dead_memo memo[DEAD_MEMO];
    uint32_t pass; /* counts the passes (budgets) of this lint's searches */
    count_memo counts[COUNT_MEMO];
    /* one_walk: the budgets of the passes it walks at once but the last (a
     * spelling's pass is the number of them below its cost), and consider's count */
    int walk_bounds[2], nwalk_bounds;
    uint32_t seq;
    /* consider's repeats that counted no lookup (one_walk's, see walk_in_bounds) */
    int repeats, walk_repeats;
    /* one_walk's spellings of its last pass, dearer than defer_above (INT_MAX:
     * none), put aside in walk order */
    int defer_above, ndeferred;
    deferred deferred[MAX_LOOKUPS];
} search;

static void add_site(search *s, int at, int olen, const uint32_t *truth, int tlen, int cost,
                     int cls)
{
    if (s->nsites == MAX_SITES)
        return;
    site *x = &s->sites[s->nsites++];
    x->at = (uint8_t)at;
    x->olen = (uint8_t)olen;
    x->tlen = (uint8_t)tlen;
    x->cls = (uint8_t)cls;
    x->cost = (int16_t)cost;
    size_t nb = 0;
    for (int k = 0; k < tlen; k++) {
        x->truth[k] = truth[k];
        nb += encode(truth[k], x->tbytes + nb);
    }
    x->tbytes_len = (uint8_t)nb;
}

static void find_sites(search *s)
{
    const uint32_t *w = s->w;
    int n = s->n;
    for (int j = 0; j < n; j++) {
        /* an inserted truth segment (a lost space) between two letters */
        for (size_t q = 0; q < by_ocr.n_empty; q++) {
            const conf_entry *e = &conf[by_ocr.empty[q]];
            if (j > 0 && is_letter_cp(w[j - 1]) && is_letter_cp(w[j]))
                add_site(s, j, 0, e->truth, e->tn, e->cost, e->cls);
        }
        unsigned bk = bucket_of(w[j]);
        for (size_t q = by_ocr.start[bk]; q < by_ocr.start[bk + 1]; q++) {
            const conf_entry *e = &conf[by_ocr.list[q]];
            if (!seg_match(e->ocr, e->on, e->foldable, w, n, j))
                continue;
            uint32_t t[SEG_MAX];
            for (int q = 0; q < e->tn; q++)
                t[q] = e->truth[q];
            if (e->foldable && e->tn && is_upper_cp(w[j]))
                t[0] = upper(t[0]);
            /* a capital from a digit or symbol only begins a word */
            if (!e->foldable && e->tn && is_upper_cp(t[0]) && j > 0)
                continue;
            add_site(s, j, e->on, t, e->tn, e->cost, e->cls);
        }
        /* a doubled letter: Danish doubles consonants and writes ee/aa for
         * lost æ/å, so only a doubled i (vii) or a tripled letter is suspect */
        if (j > 0 && is_letter_cp(w[j]) && fold(w[j]) == fold(w[j - 1]) &&
            (fold(w[j]) == 'i' || (j > 1 && fold(w[j]) == fold(w[j - 2]))))
            add_site(s, j, 1, NULL, 0, DOUBLED_COST, KR_CONFCLS_OCR);
    }
    /* sites come in the order of their position */
    for (int p = 0, i = 0; p <= n; p++) {
        while (i < s->nsites && s->sites[i].at < p)
            i++;
        s->first_at[p] = (uint8_t)i;
    }
    s->least_cost[s->nsites] = INT16_MAX;
    for (int i = s->nsites - 1; i >= 0; i--)
        s->least_cost[i] =
            s->sites[i].cost < s->least_cost[i + 1] ? s->sites[i].cost : s->least_cost[i + 1];
    for (int i = 0; i < s->nsites; i++) {
        int end = s->sites[i].at + s->sites[i].olen, j = i + 1;
        while (j < s->nsites && s->sites[j].at < end)
            j++;
        s->sites[i].next_at = (uint8_t)(j < s->nsites ? s->sites[j].at : n);
    }
}

/* Spells the word with the chosen sites undone into out; returns its length. */
static size_t build(const search *s, int nchosen, char *out)
{
    size_t len = 0;
    int pos = 0;
    for (int c = 0; c < nchosen; c++) {
        const site *x = &s->sites[s->chosen[c]];
        if (x->at > pos) {
            size_t k = s->woff[x->at] - s->woff[pos];
            memcpy(out + len, s->wbytes + s->woff[pos], k);
            len += k;
        }
        for (int q = 0; q < x->tlen; q++)
            len += encode(x->truth[q], out + len);
        pos = x->at + x->olen;
    }
    if (s->n > pos) {
        size_t k = s->woff[s->n] - s->woff[pos];
        memcpy(out + len, s->wbytes + s->woff[pos], k);
        len += k;
    }
    out[len] = '\0';
    return len;
}

static bool accepted(unsigned lex)
{
    return lex & (KR_LEX_KNOWN | KR_LEX_USER);
}

/* Words OCR most often glues to a neighbour (vii → vi i). */
static bool glue_word(const char *s, size_t n)
{
    static const char *const words[] = {"i",  "og", "at", "en",  "et", "er",  "på", "så",
                                        "de", "du", "vi", "til", "af", "som", "det"};
    if (n == 0 || n > 3) /* the longest are 3 bytes */
        return false;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (words[i][0] == s[0] && strlen(words[i]) == n && memcmp(words[i], s, n) == 0)
            return true;
    return false;
}

/* Lexicon flags of a candidate (0 when not a word). A lost space is a weak
 * guess — a long unknown word splits into two known ones all too easily (a
 * compound the dictionary lacks) — so a split must be the only repair, into two
 * short common words that OCR glues together (vi i, at de). */
static unsigned check_candidate(search *s, const char *text, size_t len, int nchosen)
{
    const char *sp = memchr(text, ' ', len);
    s->lookups++;
    if (!sp) {
        /* most candidates of a garbled word are no word at all: refused by a
         * walk of a few bytes instead of a lookup (the compound splitter) */
        if (!s->ctx->lex || !kr_lexicon_may_know(s->ctx->lex, &s->walk, text, len))
            return 0;
        unsigned f = lookup(s->ctx, text, len);
        return accepted(f) ? f : 0;
    }
    size_t a = (size_t)(sp - text), b = len - a - 1;
    if (nchosen != 1 || memchr(sp + 1, ' ', b) || !glue_word(text, a) || !glue_word(sp + 1, b))
        return 0;
    unsigned fa = lookup(s->ctx, text, a);
    if (!(fa & KR_LEX_KNOWN) || !(fa & KR_LEX_COMMON))
        return 0;
    s->lookups++;
    unsigned fb = lookup(s->ctx, sp + 1, b);
    if (!(fb & KR_LEX_KNOWN) || !(fb & KR_LEX_COMMON))
        return 0;
    return fa & fb;
}

/* The budget pass a spelling of this cost is found in (one_walk; 0 otherwise). */
static int pass_of(const search *s, int cost)
{
    int p = 0;
    while (p < s->nwalk_bounds && cost > s->walk_bounds[p])
        p++;
    return p;
}

/* one_walk: a candidate this cheap ends the search after the first pass whose
 * budget leaves it the margin (search_ends), so the rest of the walk need not
 * go dearer than that budget (a fresh pass of count_from's memo: its counts
 * were of the dearer budget). */
static void walk_found(search *s, int cost)
{
    for (int j = 0; j < s->nwalk_bounds; j++) {
        if (cost + PREFER_MARGIN + BONUS_IN_DOC <= s->walk_bounds[j]) {
            if (s->walk_bounds[j] < s->budget) {
                s->budget = s->walk_bounds[j];
                s->pass++;
            }
            return;
        }
    }
}

static void consider(search *s, int nchosen, int cost)
{
    uint32_t seq = s->seq++;
    char buf[WORD_BYTES];
    size_t len = build(s, nchosen, buf);
    unsigned classes = 0;
    for (int c = 0; c < nchosen; c++)
        classes |= 1u << s->sites[s->chosen[c]].cls;
    char folded[WORD_BYTES];
    bool is_folded = false; /* folded only once a candidate of this length needs it */
    for (int i = 0; i < s->ncand; i++) {
        if (s->cand[i].len != len)
            continue;
        if (!is_folded) {
            fold_bytes(buf, len, folded);
            is_folded = true;
        }
        if (memcmp(s->cand[i].folded, folded, len) == 0) {
            /* the same word in another case (Lige for lige): keep the cheaper */
            s->repeats += cost >= s->cand[i].cost;
            if (cost < s->cand[i].cost) {
                unsigned lex = check_candidate(s, buf, len, nchosen);
                if (lex) {
                    memcpy(s->cand[i].text, buf, len + 1);
                    s->cand[i].cost = cost;
                    s->cand[i].classes = classes;
                    s->cand[i].lex = lex;
                    /* cheaper, so of the same pass or an earlier one */
                    int p = pass_of(s, cost);
                    if (p < s->cand[i].first_pass) {
                        s->cand[i].first_pass = p;
                        s->cand[i].first_seq = seq;
                    }
                    walk_found(s, cost);
                }
            }
            return;
        }
    }
    int slot = s->ncand;
    if (slot == 2 * KR_CAND_MAX) {
        /* full: replace the costliest when this one is cheaper — decided before
         * the lookup, which then is not needed (but still counts against the
         * word's allowance, so the search ends where it always did) */
        slot = 0;
        for (int i = 1; i < s->ncand; i++)
            if (s->cand[i].cost > s->cand[slot].cost)
                slot = i;
        if (s->cand[slot].cost <= cost && !memchr(buf, ' ', len)) {
            s->lookups++;
            return;
        }
    }
    unsigned lex = check_candidate(s, buf, len, nchosen);
    if (!lex || (slot < s->ncand && s->cand[slot].cost <= cost))
        return;
    if (slot == s->ncand)
        s->ncand++;
    found *f = &s->cand[slot];
    memcpy(f->text, buf, len + 1);
    if (is_folded)
        memcpy(f->folded, folded, len);
    else
        fold_bytes(buf, len, f->folded);
    f->len = len;
    f->cost = cost;
    f->lex = lex;
    f->classes = classes;
    f->first_pass = pass_of(s, cost);
    f->first_seq = seq;
    walk_found(s, cost);
}

/* Whether the search may take site i at this cost and depth: SITE_STOP when no
 * later site fits the budget either (sites are ordered by their least cost
 * from there on), SITE_SKIP when this one does not, else the cost with it.
 * dfs and count_from must agree on it, so both ask here. */
enum { SITE_STOP = -2, SITE_SKIP = -1 };
static inline int site_cost(const search *s, int i, int cost, int depth, bool weak_used)
{
    if (cost + s->least_cost[i] > s->budget)
        return SITE_STOP;
    const site *x = &s->sites[i];
    int c = cost + x->cost;
    if (c > s->budget || (x->cls == KR_CONFCLS_WEAK && weak_used))
        return SITE_SKIP;
    /* a lost space is only ever the one repair (see check_candidate) */
    if (x->olen == 0 && depth > 0)
        return SITE_SKIP;
    return c;
}

/* How many spellings dfs would consider from site `start` on (cost, depth,
 * weak_used as there) without building or checking any, up to MAX_LOOKUPS;
 * memoised for the pass. */
static int count_from(search *s, int start, int cost, int depth, bool weak_used)
{
    uint32_t key =
        (uint32_t)start | (uint32_t)cost << 8 | (uint32_t)depth << 20 | (uint32_t)weak_used << 23;
    count_memo *m = &s->counts[(key * 2654435761u >> 20) & (COUNT_MEMO - 1)];
    if (m->pass == s->pass && m->key == key)
        return m->n;
    int n = 0;
    for (int i = start; i < s->nsites && n < MAX_LOOKUPS; i++) {
        int c = site_cost(s, i, cost, depth, weak_used);
        if (c == SITE_STOP)
            break;
        if (c == SITE_SKIP)
            continue;
        const site *x = &s->sites[i];
        bool weak = x->cls == KR_CONFCLS_WEAK, split = x->olen == 0;
        n += c > s->prev_budget;
        if (depth + 1 < s->max_edits && !split) {
            int end = x->at + x->olen, next = i + 1 > s->first_at[end] ? i + 1 : s->first_at[end];
            n += count_from(s, next, c, depth + 1, weak_used || weak);
        }
    }
    if (n > MAX_LOOKUPS)
        n = MAX_LOOKUPS;
    *m = (count_memo){s->pass, key, n};
    return n;
}

/* How many spellings dfs(s, from, pos, cost, depth, weak_used) would consider,
 * up to cap (<= MAX_LOOKUPS). */
static int count_considered(search *s, int from, int pos, int cost, int depth, bool weak_used,
                            int cap)
{
    int n =
        count_from(s, from > s->first_at[pos] ? from : s->first_at[pos], cost, depth, weak_used);
    return n < cap ? n : cap;
}

/* Whether some candidate found so far could be a spelling that begins with
 * folded[0..len) (consider's duplicate check compares folded spellings). */
static bool may_repeat(const search *s, const char *folded, size_t len)
{
    for (int i = 0; i < s->ncand; i++)
        if (s->cand[i].len >= len && memcmp(s->cand[i].folded, folded, len) == 0)
            return true;
    return false;
}

/* kr_lexicon_dead_prefix of p[0..n), the repair with the sites s->chosen[0..depth]. */
static size_t dead_prefix(search *s, int depth, const char *p, size_t n)
{
    if (depth >= DEAD_MEMO_DEPTH)
        return kr_lexicon_dead_prefix(s->ctx->lex, &s->walk, p, n);
    uint32_t key = 0;
    for (int d = 0; d <= depth; d++)
        key = key * (MAX_SITES + 1) + (uint32_t)s->chosen[d] + 1;
    dead_memo *m = &s->memo[(key * 2654435761u >> 20) & (DEAD_MEMO - 1)];
    if (m->search != s->serial || m->key != key) {
        m->search = s->serial;
        m->key = key;
        m->dead = (uint32_t)kr_lexicon_dead_prefix(s->ctx->lex, &s->walk, p, n);
    }
    return m->dead;
}

/* Puts the spelling of the chosen sites aside for one_walk, counting one
 * lookup for it meanwhile (the walk stops where the passes could). */
static void defer(search *s, int nchosen, int cost)
{
    if (s->ndeferred == MAX_LOOKUPS) {
        s->lookups = MAX_LOOKUPS; /* not reached: the count stops the walk first */
        return;
    }
    deferred *x = &s->deferred[s->ndeferred++];
    for (int c = 0; c < nchosen; c++)
        x->chosen[c] = (uint8_t)s->chosen[c];
    x->n = (uint8_t)nchosen;
    x->cost = (int16_t)cost;
    s->lookups++;
}

/* Every set of non-overlapping sites (in position order) within the budget.
 * At most one ordinary-letter swap per repair: they are weak evidence, and
 * common letters offer them everywhere.
 *
 * Most repairs of a garbled word are no word, and the lexicon's walk tells
 * where a spelling dies (kr_lexicon_dead_prefix): every spelling that begins
 * with the same bytes dies there too. So each repair is walked before it is
 * built and checked (consider), and the repairs below it that keep its dead
 * beginning are not built at all: they are counted against the word's
 * allowance as their lookups would have been (one each; the search ends where
 * it always did). A dead spelling that a candidate found so far could repeat
 * in another case is considered as before (its duplicate check may skip the
 * lookup).
 *
 * s->prefix[0..plen) spells the word up to ocr letter pos with the sites
 * chosen so far; the repair that chose them died after its first dead bytes
 * (0: did not die), whose folded copy is s->dead[depth]. */
static void dfs(search *s, int from, int pos, size_t plen, size_t dead, int cost, int depth,
                bool weak_used)
{
    for (int i = from > s->first_at[pos] ? from : s->first_at[pos];
         i < s->nsites && s->lookups < MAX_LOOKUPS; i++) {
        int c = site_cost(s, i, cost, depth, weak_used);
        if (c == SITE_STOP)
            break;
        if (c == SITE_SKIP)
            continue;
        const site *x = &s->sites[i];
        bool weak = x->cls == KR_CONFCLS_WEAK, split = x->olen == 0;
        size_t kept = s->woff[x->at] - s->woff[pos];
        if (dead && plen + kept >= dead && !may_repeat(s, s->dead[depth], dead)) {
            /* this site and every later one keep the dead beginning */
            s->lookups +=
                count_considered(s, i, pos, cost, depth, weak_used, MAX_LOOKUPS - s->lookups);
            return;
        }
        s->chosen[depth] = i;
        bool deeper = depth + 1 < s->max_edits && !split;
        /* a cheaper pass already looked this spelling up */
        bool new_spelling = c > s->prev_budget;
        if (!deeper && !new_spelling)
            continue;
        int end = x->at + x->olen;
        size_t len = plen, k = 0;
        /* a repair with nothing below is walked by its lookup (consider) */
        if (s->prune && deeper) {
            char *p = s->prefix;
            memcpy(p + len, s->wbytes + s->woff[pos], kept);
            len += kept;
            memcpy(p + len, x->tbytes, x->tbytes_len);
            len += x->tbytes_len;
            size_t rest = s->woff[s->n] - s->woff[end];
            memcpy(p + len, s->wbytes + s->woff[end], rest);
            k = dead_prefix(s, depth, p, len + rest);
            if (k) {
                fold_bytes(p, k, s->dead[depth + 1]);
                if (may_repeat(s, s->dead[depth + 1], k))
                    k = 0;
            }
            size_t shared = s->woff[x->next_at] - s->woff[end];
            if (k && k <= len + shared) { /* everything below dies too */
                int cap = MAX_LOOKUPS - s->lookups, n = new_spelling;
                if (n < cap)
                    n += count_considered(s, i + 1, end, c, depth + 1, weak_used || weak, cap - n);
                s->lookups += n;
                continue;
            }
        }
        if (new_spelling) {
            if (k)
                s->lookups++; /* what consider would count, and all it would do */
            else if (c > s->defer_above)
                defer(s, depth + 1, c);
            else
                consider(s, depth + 1, c);
        }
        if (deeper)
            dfs(s, i + 1, end, len, k, c, depth + 1, weak_used || weak);
    }
}

static int best_cost(const search *s)
{
    int b = KR_CONF_INF;
    for (int i = 0; i < s->ncand; i++)
        if (s->cand[i].cost < b)
            b = s->cand[i].cost;
    return b;
}

/* The budgets of the passes, cheapest first (see run_search). */
enum { NPASS = 3, WALKED_PASSES = 3, CHEAP_SITES_MAX = 12 };
static const int pass_budget[NPASS] = {40, 75, MAX_COST};

/* Whether the search ends after the pass of budget s->budget. */
static bool search_ends(const search *s, int max_cost)
{
    return best_cost(s) + PREFER_MARGIN + BONUS_IN_DOC <= s->budget || s->budget >= max_cost ||
           s->lookups >= MAX_LOOKUPS;
}

/* The passes from the first to the one that ends the search (search_ends),
 * as run_search runs them: budgets[0..m), m returned. */
static int pass_budgets(int max_cost, int budgets[NPASS])
{
    int m = 0;
    for (int b = 0; b < NPASS; b++) {
        budgets[m++] = pass_budget[b] < max_cost ? pass_budget[b] : max_cost;
        if (budgets[m - 1] >= max_cost)
            break;
    }
    return m;
}

/* Whether the passes one by one, which count the lookups of a spelling the
 * walk counted none for (a repeat of a candidate it found first) and no other
 * spelling's more than the walk did (a repeat: none; any other: the same
 * check, or one for a spelling the lexicon refuses unbuilt, or at most one
 * where the walk built it — two only for a lost space), certainly never ran
 * out of lookups: they counted at most the walk's lookups and two per repeat
 * the walk saw, and the walk, and any pass after it, did not run out. */
static bool walk_in_bounds(const search *s)
{
    return s->lookups + 2 * s->walk_repeats < MAX_LOOKUPS;
}

/* Keeps the candidates of cost up to `budget`, by the pass and walk order of
 * each one's first accepted spelling (see one_walk). */
static void keep_in_pass_order(search *s, int budget)
{
    int n = 0;
    for (int i = 0; i < s->ncand; i++) {
        if (s->cand[i].cost > budget)
            continue;
        found f = s->cand[i];
        int k = n++;
        for (; k > 0 && (s->cand[k - 1].first_pass > f.first_pass ||
                         (s->cand[k - 1].first_pass == f.first_pass &&
                          s->cand[k - 1].first_seq > f.first_seq));
             k--)
            s->cand[k] = s->cand[k - 1];
        s->cand[k] = f;
    }
    s->ncand = n;
}

/* The first passes of run_search walked at once (the cheapest pass never ends
 * a search that goes on to a dearer one, and each pass walks again what the
 * ones before it walked): one dfs up to the budget of the last of them, then
 * the candidates the passes one by one would have kept, in their order.
 * Returns how many passes it stands for (the loop goes on from there), -1
 * when the search ended with them, or 0 when it walked nothing.
 *
 * Why the result is the same. Suppose no pass can run out of lookups (the
 * bound of lookups_bound below MAX_LOOKUPS, which is checked first) and the
 * candidate list never fills (checked after; else the walk is thrown away).
 * Then (1) the lookup count is never read but to compare it with MAX_LOOKUPS,
 * which it never reaches, so it may differ; (2) a spelling dfs skips unbuilt
 * (a dead prefix) is one the lexicon refuses, so which are skipped — may_repeat
 * decides it from the candidates found so far, which differ — changes nothing
 * but the count; (3) the passes reach the spellings of cost up to their budget
 * in the order of one dfs over all of them, each pass those dearer than the one
 * before: the old sequence is this walk's, stably sorted by pass. consider
 * keeps, per folded spelling, the first accepted one of least cost (a later one
 * replaces it only when cheaper): equal costs are of one pass, kept in the same
 * order, so both sequences keep the same spelling, cost, lexicon flags and
 * classes, and the same set of folded spellings (the list never fills). Their
 * order in the list is that of each one's first accepted spelling: in the old
 * sequence, by its pass and then by walk order, which consider records
 * (first_pass, first_seq; a spelling of an earlier pass is cheaper, so it is
 * always checked, never skipped as a repeat). (4) Whether a pass ends the
 * search depends on its best cost and budget (and the count, never reached):
 * the best of the candidates within that budget. So the passes are replayed:
 * the first that ends the search keeps the candidates within its budget,
 * sorted. (5) The spellings of the last pass are put aside by the walk (defer)
 * and considered once the passes before it did not end the search, in walk
 * order, after the others, as that pass would; meanwhile each counts one lookup
 * (more than (1) needs). (6) Once the walk has accepted a candidate cheap
 * enough that a pass's budget ends the search (walk_found), that pass is the
 * last whatever else the walk finds (a cheaper candidate only ends it sooner),
 * so the walk goes on within that budget: it meets the same spellings up to it
 * in the same order, and its counts of dearer ones, made before, only
 * overstate (1). tests/unit/test_repair_search.c compares both ways on every
 * distinct word of the fixtures and damaged copies of them. */
static int one_walk(search *s, int max_cost)
{
    int budgets[NPASS], m = pass_budgets(max_cost, budgets);
    int q = m < WALKED_PASSES ? m : WALKED_PASSES;
    if (q < 2)
        return 0;
    /* a word with this many cheap sites (a long compound that lost its æøå)
     * mostly runs out of lookups, and the walk is thrown away, or costs more
     * walked at once than pass by pass (on 1 MB of OCR text a limit of 12
     * measured best: 6 +8.6 M instructions, 15 +1.3 M, 18 +3 M) */
    int cheap = 0;
    for (int i = 0; i < s->nsites; i++)
        cheap += s->sites[i].cost <= budgets[0];
    if (cheap >= CHEAP_SITES_MAX)
        return 0;
    s->pass++;
    s->prev_budget = -1;
    s->budget = budgets[q - 1];
    s->repeats = 0;
    s->nwalk_bounds = q - 1;
    for (int j = 0; j < q - 1; j++)
        s->walk_bounds[j] = budgets[j];
    s->seq = 0;
    s->defer_above = budgets[q - 2];
    s->ndeferred = 0;
    dfs(s, 0, 0, 0, 0, 0, 0, false);
    s->defer_above = INT_MAX;
    s->nwalk_bounds = 0;
    s->walk_repeats = s->repeats;
    if (s->ncand == 2 * KR_CAND_MAX || !walk_in_bounds(s)) { /* the passes one by one, then */
        s->ncand = s->lookups = 0;
        return 0;
    }
    for (int j = 0; j < q - 1; j++) {
        s->budget = budgets[j];
        int best = KR_CONF_INF;
        for (int i = 0; i < s->ncand; i++)
            if (s->cand[i].cost <= budgets[j] && s->cand[i].cost < best)
                best = s->cand[i].cost;
        if (best + PREFER_MARGIN + BONUS_IN_DOC <= budgets[j]) {
            keep_in_pass_order(s, budgets[j]);
            return -1;
        }
    }
    /* the last pass: its spellings, put aside by the walk, are considered
     * after the others, as that pass would */
    keep_in_pass_order(s, budgets[q - 2]);
    s->budget = budgets[q - 1];
    s->lookups -= s->ndeferred; /* counted for them by the walk (see dfs) */
    for (int d = 0; d < s->ndeferred; d++) {
        const deferred *x = &s->deferred[d];
        for (int c = 0; c < x->n; c++)
            s->chosen[c] = x->chosen[c];
        consider(s, x->n, x->cost);
    }
    s->walk_repeats = s->repeats;
    if (!walk_in_bounds(s)) {
        s->ncand = s->lookups = 0;
        return 0;
    }
    return search_ends(s, max_cost) ? -1 : q;
}

/* Cost-ordered in effect: searches with a growing budget and stops once the
 * cheapest repair and everything that could rival it have been seen. With
 * walk_at_once the first passes are one walk (one_walk; the same result). */
static void run_search(search *s, int max_cost, int max_edits, bool walk_at_once)
{
    find_sites(s);
    /* a hyphen makes any spelling worth a lookup (kr_lexicon_may_know) */
    s->prune = s->ctx->lex && !memchr(s->wbytes, '-', s->woff[s->n]);
    s->max_edits = max_edits;
    s->nwalk_bounds = 0;
    s->defer_above = INT_MAX;
    int walked = walk_at_once ? one_walk(s, max_cost) : 0;
    if (walked < 0)
        return;
    for (int b = walked; b < NPASS; b++) {
        s->prev_budget = b ? s->budget : -1;
        s->budget = pass_budget[b] < max_cost ? pass_budget[b] : max_cost;
        s->pass++;
        dfs(s, 0, 0, 0, 0, 0, 0, false);
        if (search_ends(s, max_cost))
            break;
    }
    if (walked && !walk_in_bounds(s)) {
        /* a later pass ran (or came) near the end of the allowance, which
         * the passes one by one may have reached elsewhere: ask them */
        s->ncand = s->lookups = 0;
        run_search(s, max_cost, max_edits, false);
    }
}

/* The lint's one search workspace (about 10 kB: allocated once per lint, not
 * once per word — zeroing it per word cost more than the search). */
static search *search_begin(kr_lint_ctx *ctx, const uint32_t *w, int n)
{
    conf_state *st = state_of(ctx);
    if (!st->search)
        st->search = kr_arena_alloc(ctx->scratch, sizeof *st->search);
    search *s = st->search;
    s->ctx = ctx;
    s->w = w;
    s->n = n;
    s->nsites = s->ncand = s->lookups = 0;
    s->serial++;
    kr_lex_walk_reset(&s->walk);
    s->woff[0] = 0;
    for (int i = 0; i < n; i++)
        s->woff[i + 1] = (uint16_t)(s->woff[i] + encode(w[i], s->wbytes + s->woff[i]));
    return s;
}

/* ---- the process-wide memo of searches ----------------------------------------- *
 * A search depends only on the word, the kind of search and what the lexicon
 * answers (its stamp), never on the document: its candidates are kept for every
 * later lint in this process (the next file of a -j run, the editor's next
 * keystroke), and only ranking and the decision, which weigh the document's own
 * evidence, run again. Sharded by hash, each shard behind its own lock; a full
 * shard is emptied, so memory stays bounded (about 16 x 2048 words). Entries
 * live in one fixed pool per shard, allocated once: thousands of small blocks
 * malloc'd and freed among the linter's large ones fragmented the heap (peak RSS
 * of a 10 MB check +185 MB). */
enum {
    SMEMO_SHARDS = 16,
    SMEMO_SLOTS = 4096, /* per shard; filled at most half */
    /* bytes of entries per shard: 2048 entries of 96 bytes (a word of 12
     * letters with 3 candidates takes ~80; most have fewer) */
    SMEMO_POOL = 192 * 1024,
};

typedef struct {
    int16_t cost;
    uint8_t lex, classes, len;
} smemo_cand;

/* Sized to what it holds: most searched words have few candidates or none
 * (a fixed array of 2 * KR_CAND_MAX took 72 bytes of every entry). */
typedef struct {
    uint64_t hash, stamp;
    uint16_t len; /* of the word */
    uint8_t kind, ncand;
    smemo_cand cand[]; /* ncand of them, then the word, then each candidate's text */
} smemo_entry;

static char *smemo_text(const smemo_entry *e)
{
    return (char *)(e->cand + e->ncand);
}

typedef struct {
    pthread_mutex_t lock;
    smemo_entry **slots;
    size_t count;
    char *pool; /* SMEMO_POOL bytes; entries bump-allocated, freed all at once */
    size_t used;
} smemo_shard;

static smemo_shard smemo[SMEMO_SHARDS];
static pthread_once_t smemo_once = PTHREAD_ONCE_INIT;

static void smemo_init(void)
{
    for (int i = 0; i < SMEMO_SHARDS; i++)
        pthread_mutex_init(&smemo[i].lock, NULL);
}

static void smemo_clear(smemo_shard *sh)
{
    if (sh->slots)
        memset(sh->slots, 0, SMEMO_SLOTS * sizeof *sh->slots);
    sh->count = 0;
    sh->used = 0;
}

/* At exit, so leak checkers see a clean process. */
__attribute__((destructor)) static void smemo_free(void)
{
    for (int i = 0; i < SMEMO_SHARDS; i++) {
        free(smemo[i].slots);
        free(smemo[i].pool);
        smemo[i].slots = NULL;
        smemo[i].pool = NULL;
        smemo[i].count = smemo[i].used = 0;
    }
}

static size_t smemo_find(const smemo_shard *sh, uint64_t h, uint64_t stamp, int kind,
                         const char *word, size_t len)
{
    size_t i = (h >> 4) & (SMEMO_SLOTS - 1);
    for (; sh->slots[i]; i = (i + 1) & (SMEMO_SLOTS - 1)) {
        const smemo_entry *e = sh->slots[i];
        if (e->hash == h && e->stamp == stamp && e->kind == kind && e->len == len &&
            memcmp(smemo_text(e), word, len) == 0)
            break;
    }
    return i;
}

/* Fills s->cand from the memo; false when the word is not there. */
static bool smemo_get(search *s, uint64_t h, uint64_t stamp, int kind, const char *word, size_t len)
{
    smemo_shard *sh = &smemo[h % SMEMO_SHARDS];
    bool hit = false;
    pthread_mutex_lock(&sh->lock);
    if (sh->slots) {
        const smemo_entry *e = sh->slots[smemo_find(sh, h, stamp, kind, word, len)];
        if (e) {
            const char *t = smemo_text(e) + e->len;
            for (int i = 0; i < e->ncand; i++) {
                found *f = &s->cand[i];
                f->len = e->cand[i].len;
                memcpy(f->text, t, f->len);
                f->text[f->len] = '\0';
                t += f->len;
                f->cost = e->cand[i].cost;
                f->lex = e->cand[i].lex;
                f->classes = e->cand[i].classes;
            }
            s->ncand = e->ncand;
            hit = true;
        }
    }
    pthread_mutex_unlock(&sh->lock);
    return hit;
}

static void smemo_put(const search *s, uint64_t h, uint64_t stamp, int kind, const char *word,
                      size_t len)
{
    size_t bytes = len;
    for (int i = 0; i < s->ncand; i++)
        bytes += s->cand[i].len;
    /* built on the stack, copied into the pool under the lock */
    union {
        smemo_entry e;
        char room[sizeof(smemo_entry) + 2 * KR_CAND_MAX * sizeof(smemo_cand) +
                  256 * (2 * KR_CAND_MAX + 1)];
    } u;
    size_t whole = sizeof u.e + (size_t)s->ncand * sizeof(smemo_cand) + bytes;
    size_t size = (whole + 7) & ~(size_t)7;
    smemo_entry *e = &u.e;
    e->hash = h;
    e->stamp = stamp;
    e->len = (uint16_t)len;
    e->kind = (uint8_t)kind;
    e->ncand = (uint8_t)s->ncand;
    memcpy(smemo_text(e), word, len);
    char *t = smemo_text(e) + len;
    for (int i = 0; i < s->ncand; i++) {
        const found *f = &s->cand[i];
        e->cand[i] =
            (smemo_cand){(int16_t)f->cost, (uint8_t)f->lex, (uint8_t)f->classes, (uint8_t)f->len};
        memcpy(t, f->text, f->len);
        t += f->len;
    }
    smemo_shard *sh = &smemo[h % SMEMO_SHARDS];
    pthread_mutex_lock(&sh->lock);
    if (!sh->slots) {
        sh->slots = calloc(SMEMO_SLOTS, sizeof *sh->slots);
        sh->pool = malloc(SMEMO_POOL);
        if (!sh->slots || !sh->pool) { /* no memo then: searches still work */
            free(sh->slots);
            free(sh->pool);
            sh->slots = NULL;
            sh->pool = NULL;
        }
    }
    if (sh->slots && (sh->count * 2 >= SMEMO_SLOTS || sh->used + size > SMEMO_POOL))
        smemo_clear(sh);
    size_t i = sh->slots ? smemo_find(sh, h, stamp, kind, word, len) : 0;
    if (sh->slots && !sh->slots[i]) { /* else another thread stored it first */
        smemo_entry *stored = (smemo_entry *)(sh->pool + sh->used);
        memcpy(stored, e, whole);
        sh->used += size;
        sh->slots[i] = stored;
        sh->count++;
    }
    pthread_mutex_unlock(&sh->lock);
}

/* Which search a verdict needs (the memo keeps them apart). */
enum { SEARCH_FULL = 1, SEARCH_REAL_WORD, SEARCH_COMPOUND };

/* The search of word[0..len) (decoded: w[0..n)) with these bounds, from the memo
 * when an earlier lint in this process already ran it. Candidates only fit the
 * memo when short (a text of at most 255 bytes): longer words are searched. */
static search *searched(kr_lint_ctx *ctx, const char *word, size_t len, const uint32_t *w, int n,
                        int kind, int max_cost, int max_edits)
{
    search *s = search_begin(ctx, w, n);
    pthread_once(&smemo_once, smemo_init);
    uint64_t stamp = kr_lexicon_stamp(ctx->lex);
    uint64_t h = hash_bytes(word, len) ^ (uint64_t)kind * 0x9E3779B97F4A7C15ull;
    bool fits = len < 256;
    if (fits && smemo_get(s, h, stamp, kind, word, len))
        return s;
    run_search(s, max_cost, max_edits, true);
    for (int i = 0; i < s->ncand; i++)
        fits &= s->cand[i].len < 256 && s->cand[i].lex < 256 && s->cand[i].classes < 256;
    if (fits)
        smemo_put(s, h, stamp, kind, word, len);
    return s;
}

int kr_repair_search_dump(kr_lint_ctx *ctx, const char *word, size_t len, bool walk_at_once,
                          char *out, size_t cap)
{
    uint32_t w[KR_CONF_MAX_CHARS];
    int n = decode(word, len, w, KR_CONF_MAX_CHARS);
    if (n <= 0 || cap == 0)
        return -1;
    conf_init();
    search *s = search_begin(ctx, w, n);
    run_search(s, MAX_COST, MAX_EDITS, walk_at_once);
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < s->ncand && used < cap; i++) {
        int k = snprintf(out + used, cap - used, "%s %d %u %u\n", s->cand[i].text, s->cand[i].cost,
                         s->cand[i].lex, s->cand[i].classes);
        used += k > 0 ? (size_t)k : 0;
    }
    return s->ncand;
}

/* ---- real-word pairs ------------------------------------------------------------ */
#define KR_REALWORD(w, m, p) {w, m, p},
static const struct {
    const char *written, *meant;
    int percent;
} realwords[] = {
#include "rules/realwords.def"
};
#undef KR_REALWORD

enum { N_REALWORDS = sizeof realwords / sizeof realwords[0] };

/* The table's entries by their first byte, in table order (realword_find is
 * asked about every known word of a text that lost its æøå). */
static struct {
    uint16_t first[257]; /* entries of byte b: order[first[b] .. first[b + 1]) */
    uint16_t order[N_REALWORDS];
    uint8_t len[N_REALWORDS];
} realword_index;
static pthread_once_t realword_once = PTHREAD_ONCE_INIT;

static void realword_index_build(void)
{
    unsigned count[257] = {0};
    for (size_t i = 0; i < N_REALWORDS; i++) {
        count[(unsigned char)realwords[i].written[0] + 1]++;
        size_t len = strlen(realwords[i].written);
        realword_index.len[i] = (uint8_t)(len < 255 ? len : 255);
    }
    for (unsigned b = 0; b < 256; b++)
        count[b + 1] += count[b];
    for (unsigned b = 0; b <= 256; b++)
        realword_index.first[b] = (uint16_t)count[b];
    for (size_t i = 0; i < N_REALWORDS; i++)
        realword_index.order[count[(unsigned char)realwords[i].written[0]]++] = (uint16_t)i;
}

/* The first entry of the table written folded[0..n), or -1. */
static int realword_find(const char *folded, size_t n)
{
    if (!n)
        return -1;
    pthread_once(&realword_once, realword_index_build);
    unsigned b = (unsigned char)folded[0];
    for (unsigned k = realword_index.first[b]; k < realword_index.first[b + 1]; k++) {
        unsigned i = realword_index.order[k];
        if (realword_index.len[i] == n && memcmp(realwords[i].written, folded, n) == 0)
            return (int)i;
    }
    return -1;
}

/* Upper-cases the first letter of buf (NUL-terminated, room for 4 more bytes). */
static size_t capitalize(char *buf, size_t len)
{
    uint32_t cps[KR_CONF_MAX_CHARS];
    int n = decode(buf, len, cps, KR_CONF_MAX_CHARS);
    if (n <= 0)
        return len;
    cps[0] = upper(cps[0]);
    size_t out = 0;
    for (int i = 0; i < n; i++)
        out += encode(cps[i], buf + out);
    buf[out] = '\0';
    return out;
}

/* ---- English words -------------------------------------------------------------- *
 * Danish technical text is full of English (root, free, install, task). Such a
 * word is unknown to the Danish dictionary and often one confusion away from a
 * Danish word, so an English word is only repaired on the strongest evidence.
 * The list is Debian's wamerican (KR_ENGLISH_WORDS overrides the path; without
 * it this check is off). Loaded once per process, read-only after. */
static struct {
    uint64_t *hashes; /* open addressing, 0 = empty */
    size_t cap;
} english;
static pthread_once_t english_once = PTHREAD_ONCE_INIT;

static void english_insert_hash(uint64_t h)
{
    h |= 1; /* never 0 */
    size_t i = h & (english.cap - 1);
    while (english.hashes[i] && english.hashes[i] != h)
        i = (i + 1) & (english.cap - 1);
    english.hashes[i] = h;
}

/* Inserts the list entry word[0..n), folded as english_word folds what it is
 * asked (eBay, iPod); an entry too long to be asked is left out. */
static void english_insert(const char *word, size_t n, bool capitals)
{
    char buf[WORD_BYTES];
    if (n >= sizeof buf)
        return;
    if (!capitals) { /* nearly every entry: nothing to fold */
        english_insert_hash(emap_hash(word, n));
        return;
    }
    fold_bytes(word, n, buf);
    english_insert_hash(emap_hash(buf, n));
}

/* Whether word[0..n) holds an ASCII capital. */
static bool has_capital(const char *word, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (word[i] >= 'A' && word[i] <= 'Z')
            return true;
    return false;
}

/* The whole file, read at once (a line at a time through stdio cost more than
 * the rest of a short check), followed by 16 zero bytes. New, or NULL. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n + 16 <= cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    if (buf)
        memset(buf + n, 0, 16); /* room for a 16-byte read from any byte */
    *len = n;
    return buf;
}

/* The length of the word a piece of the list begins with: up to a line break or
 * a NUL byte, at most room bytes; *quote when it holds an apostrophe. Eight
 * bytes at a time while room allows (the list is a megabyte). */
static size_t list_word(const char *p, size_t room, bool *quote)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    size_t n = 0;
    uint64_t quotes = 0;
    for (; n + 8 <= room; n += 8) {
        uint64_t x;
        memcpy(&x, p + n, 8);
        uint64_t a = x ^ (ones * '\n'), b = x ^ (ones * '\r'), c = x ^ (ones * '\'');
        /* the lowest byte flagged is exactly the first one that matches */
        uint64_t stop = (((a - ones) & ~a) | ((b - ones) & ~b) | ((x - ones) & ~x)) & high;
        uint64_t q = (c - ones) & ~c & high;
        if (stop) {
            unsigned k = (unsigned)__builtin_ctzll(stop) / 8;
            *quote = quotes || (q && (unsigned)__builtin_ctzll(q) / 8 < k);
            return n + k;
        }
        quotes |= q;
    }
    for (; n < room && p[n] != '\n' && p[n] != '\r' && p[n] != '\0'; n++)
        quotes |= p[n] == '\'';
    *quote = quotes != 0;
    return n;
}

static void english_load(void)
{
    const char *path = getenv("KR_ENGLISH_WORDS");
    size_t len;
    char *text = read_all(path && *path ? path : "/usr/share/dict/american-english", &len);
    if (!text)
        return;
    english.cap = 1u << 18;
    english.hashes = calloc(english.cap, sizeof *english.hashes);
    size_t n_words = 0;
    /* Lines as fgets into a 128-byte buffer cut them: up to a line break, at
     * most 127 bytes (a longer line goes on as the next piece). */
    for (size_t at = 0; english.hashes && at < len && n_words < english.cap / 2;) {
        const char *line = text + at;
#ifdef __SSE2__
        /* most lines end within 16 bytes: their ends, quotes and line break
         * found by one compare each (16 zero bytes follow the text) */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)line);
        unsigned brk = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')));
        if (brk) {
            unsigned stop = brk |
                            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))) |
                            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_setzero_si128()));
            unsigned n = (unsigned)__builtin_ctz(stop);
            unsigned q = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')));
            at += (unsigned)__builtin_ctz(brk) + 1;
            if (n < 2 || line[0] < 'a' || line[0] > 'z' || (q & ((1u << n) - 1)))
                continue;
            /* capitals inside (eBay): signed compares, bytes >= 0x80 are none */
            __m128i up = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                       _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
            english_insert(line, n, ((unsigned)_mm_movemask_epi8(up) & ((1u << n) - 1)) != 0);
            n_words++;
            continue;
        }
#endif
        size_t room = len - at < 127 ? len - at : 127;
        bool quote = false;
        /* lower-case entries only: capitalised ones are names (Gore, Pa) */
        bool wanted = line[0] >= 'a' && line[0] <= 'z';
        size_t n = wanted ? list_word(line, room, &quote) : 0;
        const char *nl = memchr(line + n, '\n', room - n);
        at += nl ? (size_t)(nl - line) + 1 : room;
        if (n < 2 || !wanted || quote)
            continue;
        english_insert(line, n, has_capital(line, n));
        n_words++;
    }
    free(text);
}

/* At exit, so leak checkers see a clean process. */
__attribute__((destructor)) static void english_free(void)
{
    free(english.hashes);
    english.hashes = NULL;
}

static bool english_word(const char *word, size_t len)
{
    pthread_once(&english_once, english_load);
    char buf[WORD_BYTES];
    if (!english.hashes || len >= sizeof buf)
        return false;
    fold_bytes(word, len, buf);
    uint64_t h = emap_hash(buf, len) | 1;
    for (size_t i = h & (english.cap - 1); english.hashes[i]; i = (i + 1) & (english.cap - 1))
        if (english.hashes[i] == h)
            return true;
    return false;
}

bool kr_english_word(const char *word, size_t len)
{
    return english_word(word, len);
}

bool kr_english_available(void)
{
    pthread_once(&english_once, english_load);
    return english.hashes != NULL;
}

/* ---- verdicts ----------------------------------------------------------------------- */
typedef enum { SHAPE_SKIP, SHAPE_LOWER, SHAPE_CAPITAL } word_shape;

static bool small_consonant(uint32_t c)
{
    return c >= 'a' && c <= 'z' && !strchr("aeiouy", (int)c);
}

/* Words the engine leaves alone: no letters to speak of, ALLCAPS acronyms,
 * MixedCase product names, one-letter words, anything with a dot or an @ between
 * letters and a dot after it (names of hosts and mail addresses). */
static word_shape shape_of(const uint32_t *w, int n)
{
    int letters = 0, uppers = 0, inner_upper = 0, inner_a = 0;
    for (int i = 0; i < n; i++) {
        inner_a += i > 0 && w[i] == 'A';
        if (w[i] == '.' || w[i] == ':' || w[i] == '_' || w[i] == '/')
            return SHAPE_SKIP;
        if (w[i] == '@' || w[i] == '&' || (w[i] == '4' && i > 0 && small_consonant(w[i - 1])))
            letters++; /* s@g, s&, s4 — OCR's ø and å (an å follows a consonant: a4 is paper) */
        if (!is_letter_cp(w[i]))
            continue;
        letters++;
        if (is_upper_cp(w[i])) {
            uppers++;
            if (i > 0)
                inner_upper++;
        }
    }
    if (letters < 2 || n < 2)
        return SHAPE_SKIP;
    if (uppers >= 2 && uppers * 2 >= letters)
        return SHAPE_SKIP; /* ALLCAPS, or nearly */
    /* ZEndrer, AEndrer: a capital Æ read as two capitals begins the word */
    bool split_ae = n > 2 && (w[0] == 'Z' || w[0] == 'A') && w[1] == 'E' && !is_upper_cp(w[2]);
    /* pA, sA, nAr, mAlet: a small word whose å was read as a capital A (a name
     * in code has more capitals) */
    bool small_a = uppers == 1 && inner_upper == 1 && inner_a == 1;
    if (inner_upper > (split_ae || small_a ? 1 : 0))
        return SHAPE_SKIP;
    if (split_ae)
        uppers--;
    return uppers ? SHAPE_CAPITAL : SHAPE_LOWER;
}

/* Lower-case Roman numerals with a doubled i (ii, vii, xiii): a word list may
 * know them, Danish prose never writes them — OCR's doubled letters do. */
static bool roman_garble(const uint32_t *w, int n)
{
    bool dbl = false;
    for (int i = 0; i < n; i++) {
        if (w[i] != 'i' && w[i] != 'v' && w[i] != 'x')
            return false;
        if (i > 0 && w[i] == 'i' && w[i - 1] == 'i')
            dbl = true;
    }
    return dbl;
}

static int score_of(kr_lint_ctx *ctx, const found *f)
{
    int sc = f->cost;
    if (f->lex & KR_LEX_COMMON)
        sc -= BONUS_COMMON;
    else if (f->lex & KR_LEX_COMPOUND)
        sc += PENALTY_COMPOUND;
    if (f->classes & (1u << KR_CONFCLS_WEAK))
        sc += PENALTY_WEAK;
    if (memchr(f->text, ' ', f->len))
        sc += PENALTY_SPLIT;
    else if (kr_doc_word_count(ctx, f->text, f->len) > 0)
        sc -= BONUS_IN_DOC;
    return sc;
}

/* Moves the search's candidates, ranked, into the verdict (texts into the arena). */
static void rank(kr_lint_ctx *ctx, search *s, kr_verdict *v)
{
    int order[2 * KR_CAND_MAX], score[2 * KR_CAND_MAX];
    for (int i = 0; i < s->ncand; i++) {
        order[i] = i;
        score[i] = score_of(ctx, &s->cand[i]);
    }
    for (int i = 1; i < s->ncand; i++)
        for (int j = i; j > 0 && (score[order[j]] < score[order[j - 1]] ||
                                  (score[order[j]] == score[order[j - 1]] &&
                                   s->cand[order[j]].cost < s->cand[order[j - 1]].cost));
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    v->n = 0;
    for (int i = 0; i < s->ncand && v->n < KR_CAND_MAX; i++) {
        const found *f = &s->cand[order[i]];
        kr_candidate *c = &v->cand[v->n++];
        c->text = kr_arena_strndup(ctx->scratch, f->text, f->len);
        c->len = f->len;
        c->cost = f->cost;
        c->score = score[order[i]];
        c->lex = f->lex;
        c->classes = f->classes;
    }
}

/* How much a repair proves. An unknown word is either damage or a word the
 * dictionary lacks (a name, a term, English); only a repair with evidence
 * beyond "it becomes a known word" is reported. */
static bool convincing(kr_lint_ctx *ctx, const kr_verdict *v, const kr_candidate *b)
{
    bool common = b->lex & KR_LEX_COMMON;
    bool split = memchr(b->text, ' ', b->len) != NULL;
    /* a short common word turns up everywhere: only longer ones are evidence */
    bool in_doc = !split && b->len >= 5 && kr_doc_word_count(ctx, b->text, b->len) > 0;
    /* a word in tesseract's list of common words that the dictionary lacks
     * (porteret, omregneren's kin) is a word: a repair into one that list
     * does not hold (portæret, an ad-hoc compound) trades it for a rarer one */
    if ((v->lex & KR_LEX_COMMON) && !common && !in_doc && !split)
        return false;
    bool strong = b->classes & ((1u << KR_CONFCLS_DIA) | (1u << KR_CONFCLS_OCR));
    bool weak = b->classes & (1u << KR_CONFCLS_WEAK);
    bool compound = (b->lex & KR_LEX_COMPOUND) && !common;
    if (!strong && !in_doc && !split)
        return false; /* only ordinary-letter swaps: looks like a foreign word */
    if (weak && compound && !in_doc)
        return false; /* debian → deblån: a letter swap into an ad-hoc compound */
    if (compound && !in_doc && b->cost > 85)
        return false; /* an expensive guess at an ad-hoc compound */
    bool lost = kr_doc_lost_diacritics(ctx);
    /* text that kept its æøå has few garbles: a rare word is no proof there,
     * and nor is a word that merely lacks them */
    if (!lost && !in_doc && (!common || b->classes == (1u << KR_CONFCLS_DIA)))
        return false;
    return true;
}

static void decide(kr_lint_ctx *ctx, kr_verdict *v)
{
    const kr_candidate *b = &v->cand[0];
    if (v->n == 0 || b->cost > REPORT_COST || !convincing(ctx, v, b)) {
        v->n = 0;
        v->kind = KR_VERDICT_UNKNOWN;
        return;
    }
    v->kind = b->classes == (1u << KR_CONFCLS_DIA) ? KR_VERDICT_DIA : KR_VERDICT_OCR;
    v->preferred =
        b->cost <= PREFER_COST && (v->n == 1 || v->cand[1].score - b->score >= PREFER_MARGIN);
}

/* A capitalised verb's imperative (Eksporter, Importer): the word with an -e
 * is a known infinitive in -ere. Help text names its commands and begins its
 * steps so (Eksporter som PDF); such a word is no garbled noun (eksportør). In
 * small letters the imperative is rare enough to be judged (ordiner). */
static bool imperative(kr_lint_ctx *ctx, const char *word, const char *folded, size_t len)
{
    char inf[WORD_BYTES + 1];
    if (len < 5 || len + 1 > WORD_BYTES || word[0] < 'A' || word[0] > 'Z' ||
        folded[len - 2] != 'e' || folded[len - 1] != 'r')
        return false;
    memcpy(inf, folded, len);
    inf[len] = 'e';
    return (lookup(ctx, inf, len + 1) & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN;
}

/* A known word in text that lost its æøå: the real-word table, else a lone
 * cheap repair to a common word when the word itself is rare. */
/* How dear a repair of a rare dictionary word into a common one may be: an
 * æ read as ce or a (cendre, kraver for ændre, kræver) costs more than the
 * other letters' confusions, and the rarer words those make (skanne beside
 * skønne) are as often meant as not. */
enum { REAL_WORD_COST = 30, REAL_WORD_AE_COST = 40 };
/* (the search's bounds are not in the memo's key: kr_word_prefetch must ask
 * with the same ones as judge_real_word) */

/* Whether the candidate has an æ where the word has none. */
static bool gains_ae(const found *f, const char *word, size_t len)
{
    return memmem(f->text, f->len, "\xC3\xA6", 2) && !memmem(word, len, "\xC3\xA6", 2);
}

static void judge_real_word(kr_lint_ctx *ctx, const char *word, size_t len, const uint32_t *w,
                            int n, kr_verdict *v)
{
    char folded[WORD_BYTES];
    fold_bytes(word, len, folded);
    int r = realword_find(folded, len);
    if (r >= 0) {
        if (realwords[r].percent < 50)
            return;
        char buf[WORD_BYTES];
        size_t m = strlen(realwords[r].meant);
        memcpy(buf, realwords[r].meant, m + 1);
        if (is_upper_cp(w[0]))
            m = capitalize(buf, m);
        kr_candidate *c = &v->cand[0];
        c->text = kr_arena_strndup(ctx->scratch, buf, m);
        c->len = m;
        c->cost = kr_confusion_distance(buf, m, word, len);
        c->lex = lookup(ctx, buf, m);
        c->classes = 1u << KR_CONFCLS_DIA;
        v->n = 1;
        v->kind = KR_VERDICT_DIA;
        v->real_word = true;
        v->preferred = realwords[r].percent >= 80;
        return;
    }
    if ((v->lex & KR_LEX_COMMON) || imperative(ctx, word, folded, len))
        return;
    search *s = searched(ctx, word, len, w, n, SEARCH_REAL_WORD, REAL_WORD_AE_COST, 1);
    /* the one common word within the usual cost, else within the cost of an
     * æ that one alone gains */
    int keep = -1, common = 0;
    for (int tier = 0; tier < 2 && !common; tier++)
        for (int i = 0; i < s->ncand; i++)
            if (s->cand[i].lex & KR_LEX_COMMON && !memchr(s->cand[i].text, ' ', s->cand[i].len) &&
                (s->cand[i].cost <= REAL_WORD_COST || (tier && gains_ae(&s->cand[i], word, len))))
                keep = i, common++;
    if (common != 1)
        return;
    s->cand[0] = s->cand[keep];
    s->ncand = 1;
    rank(ctx, s, v);
    v->kind = v->cand[0].classes == (1u << KR_CONFCLS_DIA) ? KR_VERDICT_DIA : KR_VERDICT_OCR;
    v->real_word = true;
    v->preferred = true;
}

/* A word known only as an ad-hoc compound (omrade = om+rade, farste): compound
 * splitting accepts many garbles, so a cheap repair to a common dictionary word
 * wins over it. */
static void judge_compound(kr_lint_ctx *ctx, const char *word, size_t len, const uint32_t *w, int n,
                           kr_verdict *v)
{
    search *s = searched(ctx, word, len, w, n, SEARCH_COMPOUND, 40, 2);
    int k = 0;
    for (int i = 0; i < s->ncand; i++) {
        const found *f = &s->cand[i];
        if ((f->lex & KR_LEX_COMMON) && !(f->lex & KR_LEX_COMPOUND) &&
            !(f->classes & (1u << KR_CONFCLS_WEAK)))
            s->cand[k++] = *f;
    }
    s->ncand = k;
    if (!k)
        return;
    rank(ctx, s, v);
    decide(ctx, v);
    if (v->kind == KR_VERDICT_UNKNOWN)
        v->kind = KR_VERDICT_OK; /* it is a word after all */
}

/* A repair into an ad-hoc compound proves little when the repaired letters sit
 * in a short part of it: short words join almost anything (logind… → løg +
 * ind…, preseed → præ + seed, begget → beg + gæt). It stands when some split of
 * the repair into two known words puts the changed letters only into parts of 4
 * letters or more (lasefil → låse + fil, sogeverktgj → søge + værktøj), or into
 * a 3-letter part beside a dictionary word of 5 or more (prevalgte → præ +
 * valgte); an unchanged part may be short (nyerklerede → ny + erklærede), and a
 * changed part known only as a compound must pass the same test (maskin +
 * hånd + tering). Changed letters are those between the common beginning and
 * end of word and repair; positions are code points. */
typedef struct {
    kr_lint_ctx *ctx;
    char buf[WORD_BYTES];
    size_t off[KR_CONF_MAX_CHARS + 1];
    int m;           /* code points of the repair */
    int first, last; /* changed letters: [first, last) */
} repair_parts;

static bool solid_span(repair_parts *rp, int a, int b, int depth);

static bool part_holds(repair_parts *rp, int a, int b, unsigned lex, unsigned other_lex,
                       int other_len, int depth)
{
    if (rp->first >= b || rp->last <= a)
        return true; /* unchanged */
    if (lex & KR_LEX_COMPOUND)
        return depth < 2 && solid_span(rp, a, b, depth + 1);
    if (b - a >= 4)
        return true;
    return b - a == 3 && (other_lex & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN &&
           other_len >= 5;
}

/* lookup() kept for the lint: the splits of a word's candidates ask about the
 * same parts again and again (most of a compound's splits are unknown words,
 * which run the compound splitter). The searches' candidate checks ask the
 * lexicon directly: keeping their ~30 000 spellings per MB of text here cost
 * more memory (a peak of +1 MB in the editor) than the instructions it saved. */
static unsigned part_lookup(kr_lint_ctx *ctx, const char *s, size_t n)
{
    entry *e = emap_get(ctx->scratch, &state_of(ctx)->lookups, s, n, true);
    if (!e->lex)
        e->lex = lookup(ctx, s, n) + 1;
    return e->lex - 1;
}

/* KR_LEX_* of [a, b) of the repair; a part before the end of the word also
 * without its linking s (diskenheds-). */
static unsigned span_lex(repair_parts *rp, int a, int b)
{
    bool head = b < rp->m;
    const char *s = rp->buf + rp->off[a];
    size_t n = rp->off[b] - rp->off[a];
    unsigned lex = part_lookup(rp->ctx, s, n);
    if (!(lex & KR_LEX_KNOWN) && head && b - a > 3 && s[n - 1] == 's')
        lex = part_lookup(rp->ctx, s, n - 1);
    return lex;
}

/* A part the split may use: a known word, or an unchanged stretch that is two
 * known words itself (disk + enheds). */
static bool usable(repair_parts *rp, int a, int b, unsigned lex, int depth)
{
    if (lex & KR_LEX_KNOWN)
        return true;
    bool unchanged = rp->first >= b || rp->last <= a;
    return unchanged && depth < 2 && solid_span(rp, a, b, depth + 1);
}

/* Whether [a, b) of the repair splits into two usable words whose changed parts hold. */
static bool solid_span(repair_parts *rp, int a, int b, int depth)
{
    for (int cut = a + 2; cut + 2 <= b; cut++) {
        unsigned h = span_lex(rp, a, cut);
        if (!usable(rp, a, cut, h, depth))
            continue;
        unsigned t = span_lex(rp, cut, b);
        if (usable(rp, cut, b, t, depth) && part_holds(rp, a, cut, h, t, b - cut, depth) &&
            part_holds(rp, cut, b, t, h, cut - a, depth))
            return true;
    }
    return false;
}

static bool repair_in_short_part(kr_lint_ctx *ctx, const uint32_t *w, int n, const kr_candidate *b)
{
    uint32_t r[KR_CONF_MAX_CHARS];
    int m = decode(b->text, b->len, r, KR_CONF_MAX_CHARS);
    if (m <= 0)
        return false;
    repair_parts parts = {.ctx = ctx, .m = m}, *rp = &parts;
    while (rp->first < n && rp->first < m && fold(w[rp->first]) == fold(r[rp->first]))
        rp->first++;
    rp->last = m;
    while (rp->last > rp->first && n - (m - rp->last) > rp->first &&
           fold(w[n - (m - rp->last) - 1]) == fold(r[rp->last - 1]))
        rp->last--;
    for (int i = 0; i < m; i++)
        rp->off[i + 1] = rp->off[i] + encode(r[i], rp->buf + rp->off[i]);
    return !solid_span(rp, 0, m, 0);
}

/* Drops the candidates that are ad-hoc compounds repaired in a short part
 * (above), unless the document spells them so elsewhere. */
static void drop_short_part_repairs(kr_lint_ctx *ctx, const uint32_t *w, int n, kr_verdict *v)
{
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++) {
        const kr_candidate *c = &v->cand[i];
        bool weak = (c->lex & KR_LEX_COMPOUND) && !(c->lex & KR_LEX_COMMON) &&
                    !memchr(c->text, ' ', c->len) && kr_doc_word_count(ctx, c->text, c->len) == 0 &&
                    repair_in_short_part(ctx, w, n, c);
        if (!weak)
            v->cand[k++] = *c;
    }
    v->n = k;
}

/* The real-word table flags word[0..len) as usually its æøå form. */
static bool likely_real_word(const char *word, size_t len)
{
    char folded[WORD_BYTES];
    if (len >= sizeof folded)
        return false;
    fold_bytes(word, len, folded);
    int r = realword_find(folded, len);
    return r >= 0 && realwords[r].percent >= 80;
}

/* Danish verb prefixes that make new words the dictionary does not list
 * (afmarkere, afvælge): unstressed and separable ones, two letters or more. */
static const struct {
    const char *s;
    size_t n;
} verb_prefixes[] = {{"af", 2},   {"an", 2},  {"be", 2},  {"efter", 5}, {"for", 3},
                     {"frem", 4}, {"fra", 3}, {"gen", 3}, {"ind", 3},   {"med", 3},
                     {"mis", 3},  {"mod", 3}, {"ned", 3}, {"om", 2},    {"op", 2},
                     {"over", 4}, {"sam", 3}, {"til", 3}, {"ud", 2},    {"under", 5}};

/* Whether word[0..len) is a common word of 5 letters or more behind a verb
 * prefix (afmarkeret → af + markeret). */
static bool prefixed_word(kr_lint_ctx *ctx, const char *word, size_t len)
{
    char low[8];
    size_t head = len < sizeof low ? len : sizeof low;
    for (size_t i = 0; i < head; i++)
        low[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 : word[i]);
    for (size_t p = 0; p < sizeof verb_prefixes / sizeof *verb_prefixes; p++) {
        size_t k = verb_prefixes[p].n;
        if (low[0] != verb_prefixes[p].s[0] || k > head || len < k + 5 ||
            memcmp(low, verb_prefixes[p].s, k) != 0)
            continue;
        unsigned lex = lookup(ctx, word + k, len - k);
        if ((lex & (KR_LEX_KNOWN | KR_LEX_COMMON | KR_LEX_COMPOUND)) ==
            (KR_LEX_KNOWN | KR_LEX_COMMON))
            return true;
    }
    return false;
}

/* Whether word[0..len) is a common word of 5 letters or more behind a
 * dictionary word of 4 or more, perhaps with a joining s or e (fjernsyns +
 * teknikker): a compound the dictionary does not list (it lets only some
 * forms end one). Positions are bytes; a split inside a character finds no
 * word on one side. */
static bool headed_word(kr_lint_ctx *ctx, const char *word, size_t len)
{
    for (size_t i = 4; i + 5 <= len; i++) {
        unsigned tail = lookup(ctx, word + i, len - i);
        if ((tail & (KR_LEX_KNOWN | KR_LEX_COMMON | KR_LEX_COMPOUND)) !=
            (KR_LEX_KNOWN | KR_LEX_COMMON))
            continue;
        unsigned head = lookup(ctx, word, i);
        if (!(head & KR_LEX_KNOWN) && (word[i - 1] == 's' || word[i - 1] == 'e') && i > 4)
            head = lookup(ctx, word, i - 1);
        if ((head & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN)
            return true;
    }
    return false;
}

/* An unknown word that is a common word behind a verb prefix or a dictionary
 * word (headed_word) is a word the dictionary lacks, not OCR damage, unless a repair is a
 * dictionary word itself (indsetter → indsætter, Beskeer → Beskær): its repairs known only as
 * compounds are nonsense that passes the dictionary's compounding (afmarkeret
 * → af + mør + keret). Drops those and says whether the word is left as it is. */
static bool keep_prefixed_word(kr_lint_ctx *ctx, const char *word, size_t len, kr_verdict *v)
{
    if (!v->n || !(prefixed_word(ctx, word, len) || headed_word(ctx, word, len)))
        return false;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++)
        if (!(v->cand[i].lex & KR_LEX_COMPOUND))
            v->cand[k++] = v->cand[i];
    v->n = k;
    if (k)
        return false;
    v->kind = KR_VERDICT_OK;
    return true;
}

/* Whether s[0..n) holds an æ, ø or å (either case). */
static bool has_ae_oe_aa(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++)
        if ((unsigned char)s[i] == 0xC3 && memchr("\xA6\xB8\xA5\x86\x98\x85", s[i + 1], 6))
            return true;
    return false;
}

/* In a document that kept its æøå (clean text, OCR with a Danish model), a
 * word of one or two letters proves nothing by turning into an æøå word: the
 * glyph misreadings behind such repairs are the English model's, and two
 * letters leave no room for evidence (a "gg" placeholder is no "øg"). */
static void drop_short_glyph_repairs(kr_lint_ctx *ctx, int n, kr_verdict *v)
{
    if (n > 2 || !v->n || kr_doc_lost_diacritics(ctx))
        return;
    size_t k = 0;
    for (size_t i = 0; i < v->n; i++)
        if (!has_ae_oe_aa(v->cand[i].text, v->cand[i].len))
            v->cand[k++] = v->cand[i];
    v->n = k;
}

/* A short word the dictionary knows with a full stop after it (pga., evt.,
 * inkl.): an abbreviation whose stop the tokenizer took for punctuation, or
 * left out, and no garble (pa and sa, the words that lost their å, have no
 * such entry). */
static bool abbreviation(kr_lint_ctx *ctx, const char *word, size_t len)
{
    char buf[8];
    if (len > 5 || !ctx->lex)
        return false;
    memcpy(buf, word, len);
    buf[len] = '.';
    return (lookup(ctx, buf, len + 1) & KR_LEX_KNOWN) != 0;
}

static void judge(kr_lint_ctx *ctx, const char *word, size_t len, kr_verdict *v)
{
    uint32_t w[KR_CONF_MAX_CHARS];
    int n = decode(word, len, w, KR_CONF_MAX_CHARS);
    v->kind = KR_VERDICT_OK;
    if (n < 0 || shape_of(w, n) == SHAPE_SKIP)
        return;
    conf_init();
    v->lex = lookup(ctx, word, len);
    if (v->lex & KR_LEX_USER)
        return;
    bool known = (v->lex & KR_LEX_KNOWN) && !roman_garble(w, n);
    if (!known && abbreviation(ctx, word, len))
        return;
    if (known && (v->lex & KR_LEX_COMPOUND) && !(v->lex & KR_LEX_COMMON)) {
        judge_compound(ctx, word, len, w, n, v);
        return;
    }
    if (known) {
        if (kr_doc_lost_diacritics(ctx))
            judge_real_word(ctx, word, len, w, n, v);
        return;
    }
    search *s = searched(ctx, word, len, w, n, SEARCH_FULL, MAX_COST, MAX_EDITS);
    rank(ctx, s, v);
    drop_short_part_repairs(ctx, w, n, v);
    drop_short_glyph_repairs(ctx, n, v);
    if (keep_prefixed_word(ctx, word, len, v))
        return;
    decide(ctx, v);
    /* eth1, amd64: letters and digits mixed are names; 0og is damage only when
     * it becomes a common word */
    bool digit = false;
    for (int i = 0; i < n; i++)
        digit |= w[i] >= '0' && w[i] <= '9';
    if (digit && v->n && !(v->cand[0].lex & KR_LEX_COMMON)) {
        v->n = 0;
        v->kind = KR_VERDICT_UNKNOWN;
    }
    if (v->n && v->kind != KR_VERDICT_UNKNOWN && !roman_garble(w, n) && english_word(word, len)) {
        const kr_candidate *b = &v->cand[0];
        /* a short English word (or, get) is one of its commonest: English
         * passages inside Danish text are full of them; only the real-word
         * table vouches for one (pa, fa) */
        bool strongest = !(b->classes & (1u << KR_CONFCLS_WEAK)) && (b->lex & KR_LEX_COMMON) &&
                         b->cost <= 30 && (n >= 4 || likely_real_word(word, len)) &&
                         kr_doc_lost_diacritics(ctx);
        if (!strongest) {
            v->n = 0;
            v->kind = KR_VERDICT_UNKNOWN;
        }
    }
    /* tesseract's word list holds some garbage ("pa"): common-but-unknown words
     * with no repair are not worth a hint */
    if (v->kind == KR_VERDICT_UNKNOWN && (v->lex & KR_LEX_COMMON))
        v->kind = KR_VERDICT_OK;
}

/* A verdict with the message it is reported with (emit_verdict): a word's
 * message is the same at each of its occurrences. */
typedef struct {
    kr_verdict v;
    const char *what;  /* the message was made for this problem name */
    const char *msg;   /* arena-owned; NULL until the first report */
    struct kept *kept; /* its reports' strings in the output list (emit_verdict) */
} verdict_box;

const kr_verdict *kr_word_verdict(kr_lint_ctx *ctx, const char *word, size_t len)
{
    conf_state *st = state_of(ctx);
    entry *e = verdict_entry(ctx, &st->verdicts, word, len);
    if (!e->verdict) {
        verdict_box *box = kr_arena_alloc(ctx->scratch, sizeof *box);
        e->verdict = &box->v;
        judge(ctx, word, len, e->verdict);
#ifdef KR_CONFUSION_DEBUG /* -DKR_CONFUSION_DEBUG: every verdict on stderr */
        {
            fprintf(stderr, "judge %.*s lex=%u kind=%d pref=%d:", (int)len, word, e->verdict->lex,
                    e->verdict->kind, e->verdict->preferred);
            for (size_t i = 0; i < e->verdict->n; i++)
                fprintf(stderr, " %s(c%d s%d l%u k%u)", e->verdict->cand[i].text,
                        e->verdict->cand[i].cost, e->verdict->cand[i].score,
                        e->verdict->cand[i].lex, e->verdict->cand[i].classes);
            fprintf(stderr, "\n");
        }
#endif
    }
    return e->verdict;
}

/* ---- reporting ------------------------------------------------------------------------ */
/* A token the spelling rules look at: a word, not half of a word broken at a
 * line end (broken-hyphenation's), not claimed yet. */
static bool checkable(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->kind != KR_TOK_WORD || ctx->claimed[k] || (t->flags & KR_TOKF_HYPHEN_END))
        return false;
    /* the rest of a word broken at a line end is broken-hyphenation's, which
     * claims both halves when it joins them; after a hyphen it keeps
     * (LDAP-⏎undertree) the rest is a part of its own — but a short one is an
     * abbreviation as often (wake-on-⏎lan), as in build_findings */
    if (k > 0 && (ctx->an->tokens[k - 1].flags & KR_TOKF_HYPHEN_END))
        return !ctx->claimed[k - 1] && t->end - t->start > 3;
    return true;
}

/* The message of verdict v on word w[0..n) for the problem `what`. */
static const char *verdict_message(kr_lint_ctx *ctx, const char *w, size_t n, const kr_verdict *v,
                                   const char *what)
{
    /* The message, written by hand (printf's format parsing cost more than the
     * rest of a diagnostic): "<what>: «word»", then "skal sandsynligvis være
     * «a»", "— måske «a» eller «b»" or "— måske «a», «b» eller «c»". */
    /* kr_emit keeps 511 bytes of a message: a longer word is cut to 512 here,
     * which leaves the message long enough to be cut at the same place */
    char msg[128 + 512 + 3 * WORD_BYTES];
    size_t at = kr_put(msg, 0, what, strlen(what));
    at = KR_PUT_LIT(msg, at, ": «");
    at = kr_put(msg, at, w, n < 512 ? n : 512);
    at = KR_PUT_LIT(msg, at, "»");
    if (v->n > 0) {
        const char *c0 = v->cand[0].text;
        if (v->preferred || v->n == 1) {
            at = KR_PUT_LIT(msg, at, " skal sandsynligvis være «");
            at = kr_put(msg, at, c0, WORD_BYTES);
        } else if (v->n == 2) {
            at = KR_PUT_LIT(msg, at, " — måske «");
            at = kr_put(msg, at, c0, WORD_BYTES);
            at = KR_PUT_LIT(msg, at, "» eller «");
            at = kr_put(msg, at, v->cand[1].text, WORD_BYTES);
        } else {
            at = KR_PUT_LIT(msg, at, " — måske «");
            at = kr_put(msg, at, c0, WORD_BYTES);
            at = KR_PUT_LIT(msg, at, "», «");
            at = kr_put(msg, at, v->cand[1].text, WORD_BYTES);
            at = KR_PUT_LIT(msg, at, "» eller «");
            at = kr_put(msg, at, v->cand[2].text, WORD_BYTES);
        }
        at = KR_PUT_LIT(msg, at, "»");
    }
    return kr_arena_strndup(ctx->scratch, msg, at);
}

/* Reports word part p with verdict v (from kr_word_verdict: its box keeps the
 * message for the word's other occurrences). */
/* What every report of a verdict shares, kept in the list it goes to (where a
 * copy of each string per diagnostic took most of a lint's memory): the
 * message, the word as written, and each fix's title and text. */
struct kept {
    uint64_t in;      /* the output list that keeps them (its serial) */
    const char *what; /* the problem name the message names */
    const char *msg, *subject;
    size_t n;
    kr_kept_fix fix[3];
};

/* "Ret til «word»", without printf: one title per fix, thousands per garbled
 * page. */
static const char *fix_title(kr_lint_ctx *ctx, const kr_candidate *c)
{
    static const char pre[] = "Ret til «", post[] = "»";
    char title[WORD_BYTES + 32];
    size_t tn = c->len < WORD_BYTES ? c->len : WORD_BYTES;
    memcpy(title, pre, sizeof pre - 1);
    memcpy(title + sizeof pre - 1, c->text, tn);
    memcpy(title + sizeof pre - 1 + tn, post, sizeof post);
    return kr_diagnostics_keep(ctx->out, title, sizeof pre - 1 + tn + sizeof post - 1);
}

static struct kept *keep_verdict(kr_lint_ctx *ctx, verdict_box *box, const kr_span *p,
                                 const char *what)
{
    struct kept *k = box->kept;
    if (!k)
        k = box->kept = kr_arena_alloc(ctx->scratch, sizeof *k);
    const kr_verdict *v = &box->v;
    k->in = ctx->out->serial;
    k->what = what;
    k->msg = kr_emit_keep_message(ctx, box->msg);
    k->subject = kr_diagnostics_keep(ctx->out, ctx->text + p->start, p->end - p->start);
    k->n = v->n < 3 ? v->n : 3;
    for (size_t i = 0; i < k->n; i++)
        k->fix[i] = (kr_kept_fix){fix_title(ctx, &v->cand[i]),
                                  kr_diagnostics_keep(ctx->out, v->cand[i].text, v->cand[i].len),
                                  v->cand[i].len, i == 0 && v->preferred};
    return k;
}

static void emit_verdict(kr_lint_ctx *ctx, const kr_span *p, const kr_verdict *v, const char *what)
{
    verdict_box *box = (verdict_box *)(uintptr_t)v;
    if (!box->msg || box->what != what) {
        box->msg = verdict_message(ctx, ctx->text + p->start, p->end - p->start, v, what);
        box->what = what;
    }
    struct kept *k = box->kept;
    if (!k || k->in != ctx->out->serial || k->what != what)
        k = keep_verdict(ctx, box, p, what);
    kr_emit_kept(ctx, p->start, p->end, k->msg, k->subject, k->fix, k->n);
}

/* Every word part of the document whose verdict is not OK, in token order: the
 * three rules walk this short list instead of re-judging every token. */
struct finding {
    uint32_t token, start, end; /* the token and its word part (a kr_span) */
    const kr_verdict *v;
};

/* Findings come in blocks chained in token order: a 10 MB OCR text has some
 * 350 000, which an array doubling in the arena copied (and left behind) time
 * and again. */
enum { FINDINGS_BLOCK = 4096 };
typedef struct findings {
    struct findings *next;
    size_t n;
    finding f[FINDINGS_BLOCK];
} findings;

/* One letter written over and over (desktop=xxxx): a placeholder, not a word. */
static bool placeholder(const char *s, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (s[i] != s[0])
            return false;
    return n >= 3;
}

/* Words joined by a sign, as menus, options and sentences that lost a space
 * write them (klienter/diskløse, gruppe=lærere, data_fuldførelse,
 * påbegyndes.Viser): the parts of a token that is letters and such joins only
 * ('/', '=', '_', '.', '-', each between two letters, at least one not '-'),
 * or 0. A path, an address or code has other signs, digits, or a sign at an
 * end, and is left alone. */
static size_t joined_parts(const char *text, const kr_token *t, kr_span *parts, size_t max)
{
    size_t n = 0, s = t->start;
    bool joined = false;
    for (size_t i = t->start; i <= t->end; i++) {
        unsigned char c = i < t->end ? (unsigned char)text[i] : 0;
        bool sign = c == '/' || c == '=' || c == '_' || c == '.' || c == '-';
        if (i < t->end && !sign) {
            if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
                return 0;
            continue;
        }
        if (i == s || n == max || placeholder(text + s, i - s))
            return 0;
        parts[n++] = (kr_span){s, i};
        joined |= i < t->end && c != '-';
        s = i + 1;
    }
    return joined ? n : 0;
}

/* A word with a full stop inside between parts of two letters or more
 * (påbegyndes.Viser; not f.eks or bl.a, abbreviations): its parts, or 0. */
static size_t dotted_parts(const char *text, const kr_token *t, kr_span *parts, size_t max)
{
    size_t n = t->end - t->start;
    if (n < 5 || !memchr(text + t->start + 2, '.', n - 4))
        return 0;
    size_t np = joined_parts(text, t, parts, max);
    for (size_t i = 0; i < np; i++)
        if (parts[i].end - parts[i].start < 2)
            return 0;
    return np;
}

/* The word parts build_findings judges in token k; *joined when they are
 * words joined by a sign (joined_parts). */
static size_t finding_parts(const kr_lint_ctx *ctx, size_t k, kr_span *parts, size_t max,
                            bool *joined)
{
    const kr_token *t = &ctx->an->tokens[k];
    size_t np = 0;
    *joined = false;
    if (checkable(ctx, k)) {
        np = dotted_parts(ctx->text, t, parts, max);
        if (np)
            *joined = true;
        else
            np = word_parts(ctx->text, t, parts, max);
    } else if (t->kind == KR_TOK_OTHER && !ctx->claimed[k] && !(t->flags & KR_TOKF_HYPHEN_END)) {
        np = joined_parts(ctx->text, t, parts, max);
        *joined = np > 0;
    }
    return np;
}

static void build_findings(kr_lint_ctx *ctx, conf_state *st)
{
    findings *last = st->findings = kr_arena_alloc(ctx->scratch, sizeof *last);
    st->mine = kr_arena_alloc(ctx->scratch, ctx->an->n_tokens + 1);
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        kr_span parts[8];
        bool joined;
        size_t np = finding_parts(ctx, k, parts, 8, &joined);
        for (size_t i = 0; i < np; i++) {
            /* wake-on-lan, nas-server: short parts of hyphenated names are
             * abbreviations far more often than damaged words */
            if (np > 1 && parts[i].end - parts[i].start <= 3)
                continue;
            const kr_verdict *v =
                kr_word_verdict(ctx, ctx->text + parts[i].start, parts[i].end - parts[i].start);
            /* a joined part is reported only with a repair: an unknown one is
             * as often a name from code (Randomize, apt-setup) */
            if (v->kind == KR_VERDICT_OK || (joined && v->kind == KR_VERDICT_UNKNOWN))
                continue;
            if (last->n == FINDINGS_BLOCK)
                last = last->next = kr_arena_alloc(ctx->scratch, sizeof *last);
            last->f[last->n++] =
                (finding){(uint32_t)k, (uint32_t)parts[i].start, (uint32_t)parts[i].end, v};
        }
    }
    st->findings_done = true;
}

void kr_confusion_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what)
{
    conf_state *st = state_of(ctx);
    if (!st->findings_done)
        build_findings(ctx, st);
    for (const findings *b = st->findings; b; b = b->next)
        for (size_t i = 0; i < b->n; i++) {
            const finding *f = &b->f[i];
            /* one word part, one diagnostic; a token another rule reported is its */
            if (f->v->kind != kind || (ctx->claimed[f->token] && !st->mine[f->token]))
                continue;
            kr_span part = {f->start, f->end};
            emit_verdict(ctx, &part, f->v, what);
            if (!ctx->claimed[f->token])
                kr_claim(ctx, f->token, f->token);
            st->mine[f->token] = 1;
        }
}

/* ---- prefetching a word's searches (server/prefetch.c) ------------------------------ *
 * judge's path up to its searches, without the verdict: another thread runs it
 * while the lint parses, and judge then finds the searches in the process-wide
 * memo. It must ask for no search judge would not need with other bounds (a
 * changed result is impossible: a search depends only on the word, its kind
 * and the lexicon). The one choice that depends on the document, whether it
 * lost its æøå (judge_real_word), is the caller's guess. Without a word: loads
 * what judge loads once per process on first need (the English words). */
void kr_word_prefetch(kr_lint_ctx *ctx, const char *word, size_t len, bool dia_lost)
{
    if (!word) {
        english_word("a", 1);
        return;
    }
    uint32_t w[KR_CONF_MAX_CHARS];
    int n = decode(word, len, w, KR_CONF_MAX_CHARS);
    if (n < 0 || shape_of(w, n) == SHAPE_SKIP)
        return;
    conf_init();
    unsigned lex = lookup(ctx, word, len);
    if (lex & KR_LEX_USER)
        return;
    bool known = (lex & KR_LEX_KNOWN) && !roman_garble(w, n);
    if (known && (lex & KR_LEX_COMPOUND) && !(lex & KR_LEX_COMMON)) {
        searched(ctx, word, len, w, n, SEARCH_COMPOUND, 40, 2);
        return;
    }
    if (known) {
        char folded[WORD_BYTES];
        if (!dia_lost || (lex & KR_LEX_COMMON))
            return;
        fold_bytes(word, len, folded);
        if (realword_find(folded, len) < 0 && !imperative(ctx, word, folded, len))
            searched(ctx, word, len, w, n, SEARCH_REAL_WORD, REAL_WORD_AE_COST, 1);
        return;
    }
    searched(ctx, word, len, w, n, SEARCH_FULL, MAX_COST, MAX_EDITS);
}

/* ---- a lost letter -------------------------------------------------------------- */

static const char *const lost_small[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
                                         "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
                                         "u", "v", "w", "x", "y", "z", "æ", "ø", "å"};
static const char *const lost_capital[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
                                           "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T",
                                           "U", "V", "W", "X", "Y", "Z", "Æ", "Ø", "Å"};

/* kr_lost_letter's walk of the lexicon (about 25 kB: one per thread, not per
 * call), and the stamp of the lexicon it walked: a walk's states are offsets
 * into one automaton, and every dictionary file puts its root at the same
 * offset, so only the stamp (unique per lexicon and its contents) tells
 * another lexicon apart */
static _Thread_local kr_lex_walk lost_walk;
static _Thread_local uint64_t lost_walk_stamp;

const char *kr_lost_letter(kr_lexicon *lex, const char *head, size_t hn, const char *tail,
                           size_t tn, unsigned need, unsigned refuse, bool capital)
{
    char w[WORD_BYTES];
    if (!lex || hn + tn + 2 > sizeof w)
        return NULL;
    uint64_t stamp = kr_lexicon_stamp(lex);
    if (stamp != lost_walk_stamp) {
        kr_lex_walk_reset(&lost_walk);
        lost_walk_stamp = stamp;
    }
    memcpy(w, head, hn);
    int found = -1;
    for (int i = 0; i < (int)(sizeof lost_small / sizeof *lost_small); i++) {
        size_t m = strlen(lost_small[i]);
        memcpy(w + hn, lost_small[i], m);
        memcpy(w + hn + m, tail, tn);
        /* most letters make no word: the automaton refuses them without the
         * compound splitter a lookup would run, walking from where the
         * spelling before differed (the head is walked once) */
        if (!kr_lexicon_may_know(lex, &lost_walk, w, hn + m + tn))
            continue;
        unsigned lex_flags = kr_lexicon_lookup(lex, w, hn + m + tn);
        if ((lex_flags & need) != need || (lex_flags & refuse))
            continue;
        if (found >= 0)
            return NULL;
        found = i;
    }
    return found < 0 ? NULL : capital ? lost_capital[found] : lost_small[found];
}
