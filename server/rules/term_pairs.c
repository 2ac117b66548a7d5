/* term_pairs.c — lower bounds on the OCR confusion distance between two words,
 * for term-consistency (term_pairs.h): most pairs it compares are different
 * words, and these refuse them in a fraction of a distance's steps.
 *
 * The confusion distance (kr_confusion_distance_cp_within, a table walk) is the
 * costly step of a first lint: some 300 000 pairs of spellings, and every
 * declared term against the words of about its length. The engine's lower
 * bound rests on unit costs: every step of an alignment but a character
 * matched as itself costs at least the unit costs of the characters it
 * touches. Those units, per character class of the signature (one class per
 * letter), are read once from the engine itself (kr_confusion_signature_bound
 * of a lone class, rounded down, so still a lower bound). Bounds on a pair
 * follow, each tighter and dearer than the one before: the characters left
 * over when the two are matched as multisets (the classes one word has and the
 * other lacks first); the same with a's two halves matched before and after a
 * cut of b; and the characters left over by the best common subsequence
 * weighted by their units (the matched characters of an alignment keep their
 * order). A pair is compared only when all are within its limit, so the pairs
 * found are the ones the full comparison finds (unit tests compare them on
 * generated garblings: bounded_pairs_equal_the_full_comparison,
 * bounded_term_words_equal_the_distance). */
#include "term_pairs.h"

#include <pthread.h>
#include <string.h>

#include "confusion.h"

static struct {
    uint16_t a[64], b[64], w[64]; /* as explainer, as garbling, both */
    /* the layers' classes: a-z, then æøåé, the others left out (a bound
     * without them is lower, so still a bound) */
    uint8_t compact[64];     /* a class's bit there, or 255 */
    uint16_t wc[64];         /* w of a bit there */
    uint16_t wpart[3][2048]; /* w summed over a set's bits 0-10, 11-21, 22-31 */
    uint8_t latin1[256];     /* the class of each code point below 256 */
} units;
static pthread_once_t units_once = PTHREAD_ONCE_INIT;

static void units_read(void)
{
    for (int c = 0; c < 64; c++) {
        units.a[c] = (uint16_t)kr_confusion_signature_bound(1ull << c, 0, 1 << 14);
        units.b[c] = (uint16_t)kr_confusion_signature_bound(0, 1ull << c, 1 << 14);
        units.w[c] = (uint16_t)(units.a[c] + units.b[c]);
    }
    for (uint32_t c = 0; c < 256; c++)
        units.latin1[c] = (uint8_t)__builtin_ctzll(kr_confusion_signature(&c, 1));
    static const uint32_t extra[] = {0xE6, 0xF8, 0xE5, 0xE9}; /* æøåé */
    memset(units.compact, 255, sizeof units.compact);
    for (uint32_t l = 'a'; l <= 'z'; l++)
        units.compact[__builtin_ctzll(kr_confusion_signature(&l, 1))] = (uint8_t)(l - 'a');
    for (int e = 0; e < 4; e++)
        units.compact[__builtin_ctzll(kr_confusion_signature(&extra[e], 1))] = (uint8_t)(26 + e);
    for (int c = 0; c < 64; c++)
        if (units.compact[c] < 32)
            units.wc[units.compact[c]] = units.w[c];
    for (int k = 0; k < 3; k++)
        for (int x = 1; x < 2048; x++) /* the set without its lowest bit, plus that bit */
            units.wpart[k][x] = (uint16_t)(units.wpart[k][x & (x - 1)] +
                                           (11 * k + __builtin_ctz((unsigned)x) < 32
                                                ? units.wc[11 * k + __builtin_ctz((unsigned)x)]
                                                : 0));
}

/* w summed over a set of compact classes. */
static inline int units_w(uint32_t x)
{
    return units.wpart[0][x & 2047] + units.wpart[1][x >> 11 & 2047] + units.wpart[2][x >> 22];
}

void kr_pair_shape_fill(kr_pair_shape *k)
{
    pthread_once(&units_once, units_read);
    uint8_t seen[64] = {0};
    for (int i = 0; i < k->ncp; i++) {
        uint32_t x = k->cp[i];
        uint64_t bit = x < 256 ? 1ull << units.latin1[x] : kr_confusion_signature(&x, 1);
        uint8_t c = k->cls[i] = (uint8_t)(bit ? __builtin_ctzll(bit) : 0);
        k->ua = (uint16_t)(k->ua + units.a[c]);
        k->ub = (uint16_t)(k->ub + units.b[c]);
        if (seen[c] < 3 && units.compact[c] < 32) {
            k->layer[seen[c]] |= 1u << units.compact[c];
            k->la[seen[c]] = (uint16_t)(k->la[seen[c]] + units.a[c]);
            k->lb[seen[c]] = (uint16_t)(k->lb[seen[c]] + units.b[c]);
            seen[c]++;
        }
    }
}

/* The characters left over when a and b are matched as multisets, a class's
 * fourth and later characters aside: layer by layer, the classes one has and
 * the other lacks. Over the limit after the first layer: most pairs stop
 * there. */
static inline int multiset_layer(const kr_pair_shape *a, const kr_pair_shape *b, int k)
{
    return a->la[k] + b->lb[k] - units_w(a->layer[k] & b->layer[k]);
}

static inline bool multiset_over(const kr_pair_shape *a, const kr_pair_shape *b, int limit)
{
    int t = multiset_layer(a, b, 0);
    if (t > limit)
        return true;
    return t + multiset_layer(a, b, 1) + multiset_layer(a, b, 2) > limit;
}

/* The same with a cut in the middle of a: the matched characters of a's first
 * half lie before those of its second half in b too, so the best is at most,
 * over every cut j of b, the multiset match of the halves with b's parts before
 * and after j. A few dozen steps; refuses most pairs the multiset let by. */
static int bound_halves(const kr_pair_shape *a, const kr_pair_shape *b)
{
    uint8_t lo[64] = {0}, hi[64] = {0};
    int h = a->ncp / 2, m = b->ncp;
    for (int i = 0; i < h; i++)
        lo[a->cls[i]]++;
    for (int i = h; i < a->ncp; i++)
        hi[a->cls[i]]++;
    int16_t after[KR_CONF_MAX_CHARS + 1]; /* the second half's match with b[j..m) */
    after[m] = 0;
    for (int j = m - 1; j >= 0; j--) {
        uint8_t c = b->cls[j];
        after[j] = after[j + 1];
        if (hi[c]) {
            hi[c]--;
            after[j] = (int16_t)(after[j] + units.w[c]);
        }
    }
    int before = 0, best = after[0];
    for (int j = 0; j < m; j++) {
        uint8_t c = b->cls[j];
        if (lo[c]) {
            lo[c]--;
            before += units.w[c];
        }
        if (before + after[j + 1] > best)
            best = before + after[j + 1];
    }
    return a->ua + b->ub - best;
}

/* The characters left over by the heaviest common subsequence. */
static int bound_order(const kr_pair_shape *a, const kr_pair_shape *b, int limit)
{
    /* a character whose class the other lacks matches nothing: its row (or
     * column) would change nothing, so only the shared classes are walked */
    uint64_t both = a->sig & b->sig;
    uint8_t bc[KR_CONF_MAX_CHARS];
    int m = 0;
    for (int j = 0; j < b->ncp; j++)
        if (both >> b->cls[j] & 1)
            bc[m++] = b->cls[j];
    /* rows of 16-bit sums: the best from above or by a match first (no
     * dependency along the row), then the running maximum */
    int16_t rows[2][KR_CONF_MAX_CHARS + 1] = {{0}}, *row = rows[0], *next = rows[1];
    int rest = 0; /* what a's rows still to come could add at most */
    for (int i = 0; i < a->ncp; i++)
        if (both >> a->cls[i] & 1)
            rest += units.w[a->cls[i]];
    for (int i = 0; i < a->ncp; i++) {
        uint8_t c = a->cls[i];
        if (!(both >> c & 1))
            continue;
        /* over the limit even if every row to come matched: stop */
        if (a->ua + b->ub - row[m] - rest > limit)
            return limit + 1;
        rest -= units.w[c];
        int16_t w = (int16_t)units.w[c], run = 0;
        for (int j = 0; j < m; j++) {
            int16_t take = bc[j] == c ? (int16_t)(row[j] + w) : 0;
            int16_t t = row[j + 1] > take ? row[j + 1] : take;
            run = t > run ? t : run;
            next[j + 1] = run;
        }
        int16_t *x = row;
        row = next;
        next = x;
    }
    return a->ua + b->ub - row[m];
}

bool kr_pair_shape_word(kr_pair_shape *k, uint32_t *cp, uint8_t *cls, const char *s, size_t n)
{
    *k = (kr_pair_shape){.cp = cp, .cls = cls};
    k->ncp = kr_confusion_decode(s, n, cp);
    if (k->ncp < 0)
        return false;
    kr_pair_shape_fill(k);
    for (int i = 0; i < k->ncp; i++) /* a word's signature: its classes' bits */
        k->sig |= 1ull << cls[i];
    return true;
}

/* The term words (with a suffix) a thread compared last, classified: a lint
 * compares the same few with thousands of words. Keyed by their bytes. */
typedef struct {
    char s[300];
    size_t n;
    bool ok;
    kr_pair_shape k;
    uint32_t cp[KR_CONF_MAX_CHARS];
    uint8_t cls[KR_CONF_MAX_CHARS];
} classified;

static _Thread_local classified term_side[4];
static _Thread_local unsigned term_side_next;

bool kr_pair_words_beyond(const char *a, size_t an, const char *b, size_t bn, int limit)
{
    classified *ca = NULL;
    for (int i = 0; i < 4 && !ca; i++)
        if (term_side[i].n == an + 1 && memcmp(term_side[i].s, a, an) == 0)
            ca = &term_side[i];
    if (!ca) {
        if (an >= sizeof ca->s)
            return false;
        ca = &term_side[term_side_next++ & 3];
        memcpy(ca->s, a, an);
        ca->n = an + 1; /* 0: an empty slot */
        ca->ok = kr_pair_shape_word(&ca->k, ca->cp, ca->cls, a, an);
    }
    uint32_t cpb[KR_CONF_MAX_CHARS];
    uint8_t clb[KR_CONF_MAX_CHARS];
    kr_pair_shape kb;
    if (!ca->ok || !kr_pair_shape_word(&kb, cpb, clb, b, bn))
        return false; /* the distance decides (too long: over any limit) */
    const kr_pair_shape *ka = &ca->k;
    return kr_confusion_signature_bound(ka->sig, kb.sig, limit) > limit ||
           multiset_over(ka, &kb, limit) || bound_halves(ka, &kb) > limit ||
           bound_order(ka, &kb, limit) > limit;
}

int kr_pair_cost_near(const kr_pair_shape *a, const kr_pair_shape *b, int limit)
{
    if (bound_halves(a, b) > limit || bound_order(a, b, limit) > limit ||
        kr_confusion_signature_bound(a->sig, b->sig, limit) > limit)
        return -1;
    int c = kr_confusion_distance_cp_within(a->cp, a->ncp, b->cp, b->ncp, limit);
    return c > 0 && c <= limit ? c : -1;
}

int kr_pair_cost(const kr_pair_shape *a, const kr_pair_shape *b, int limit)
{
    return multiset_over(a, b, limit) ? -1 : kr_pair_cost_near(a, b, limit);
}

uint64_t kr_pair_key(const kr_pair_shape *a, int limit)
{
    return a->layer[0] | (uint64_t)(uint32_t)(a->la[0] - limit) << 32;
}

void kr_pair_column(const kr_pair_shape *b, const uint64_t *keys,
                    const kr_pair_shape *const *shapes, size_t q0, size_t q1, kr_pair_fn *fn,
                    void *arg)
{
    uint32_t bl = b->layer[0];
    int32_t blb = b->lb[0];
    for (size_t q = q0; q < q1; q++) {
        /* multiset_over's first layer: a->la[0] + b->lb[0] - units_w(both) over
         * the limit */
        uint64_t x = keys[q];
        int over = (int32_t)(x >> 32) + blb - units_w((uint32_t)x & bl);
        if (over <= 0 &&
            over + multiset_layer(shapes[q], b, 1) + multiset_layer(shapes[q], b, 2) <= 0)
            fn(arg, q); /* within the multiset bound */
    }
}
