/* lexicon.c — what korrektur knows of Danish words (include/korrektur/lexicon.h).
 *
 * The words are hunspell da_DK expanded at build time into every inflected form,
 * with the tesseract common-word list merged in (server/tools/mkdict.c), stored
 * as a minimal automaton that is mmap'd here: opening costs nothing and a word
 * is one walk of a few hundred nanoseconds. Compounds are checked here by
 * splitting over that automaton with hunspell's compound rules (COMPOUNDBEGIN/
 * MIDDLE/END, COMPOUNDMIN, COMPOUNDWORDMAX, CHECKCOMPOUNDREP), and their
 * verdicts are memoised. Hunspell itself (server/hunspell_adapter.c) is only
 * loaded, lazily, by kr_lexicon_hunspell_known() or when the word set is missing.
 *
 * One kr_lexicon is shared by every linter thread: the automaton is read-only,
 * the memo is split into shards each behind its own mutex, hunspell (not
 * thread-safe) is behind one more, and the user words behind a read-write lock. */
#include "korrektur/lexicon.h"
#include "lexicon_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#ifndef KR_DATADIR
#define KR_DATADIR "/usr/local/share/korrektur"
#endif

/* Longer "words" are never Danish: refusing them bounds every buffer below. */
#define MAX_WORD 128
#define MEMO_SHARDS 16
/* A shard forgets everything past this many words: a long LSP session checking
 * candidates for many unknown words must not grow without bound. */
#define MEMO_SHARD_MAX 8192
/* Splitter steps within which a word is settled without the memo (see word_verdict). */
#define MEMO_MIN_WORK 48

/* ---- a string set / map --------------------------------------------------------- */
typedef struct {
    uint64_t hash;
    char *key; /* NULL: empty slot */
    uint32_t len;
    unsigned value;
} slot;

typedef struct {
    slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} strmap;

static void strmap_clear(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    *m = (strmap){0};
}

static slot *strmap_find(const strmap *m, const char *s, size_t len, uint64_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        slot *e = &m->slots[i];
        if (!e->key)
            return NULL;
        if (e->hash == h && e->len == len && memcmp(e->key, s, len) == 0)
            return e;
    }
}

static bool strmap_grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        slot *e = &m->slots[i];
        if (!e->key)
            continue;
        size_t j = e->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *e;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

/* Sets key -> value (the key is copied). Out of memory only loses the entry. */
static void strmap_put(strmap *m, const char *s, size_t len, uint64_t h, unsigned value)
{
    slot *e = strmap_find(m, s, len, h);
    if (e) {
        e->value = value;
        return;
    }
    if ((m->count + 1) * 4 > m->cap * 3 && !strmap_grow(m))
        return;
    char *key = malloc(len + 1);
    if (!key)
        return;
    memcpy(key, s, len);
    key[len] = '\0';
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key)
        i = (i + 1) & (m->cap - 1);
    m->slots[i] = (slot){h, key, (uint32_t)len, value};
    m->count++;
}

/* ---- case ------------------------------------------------------------------------ */
/* Danish text needs ASCII, Latin-1 (æøå, é, ü …) and now and then Latin
 * Extended-A (ž, ł, č in names). Each of these letters and its other case have
 * the same UTF-8 length, so words are mapped in place. Other letters keep their
 * case, which only makes such words look "mixed case" (checked as written). */
static uint32_t cp_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80)
        return c;
    if (c >= 0xC2 && c < 0xE0 && i + 1 < len)
        return (uint32_t)(c & 0x1F) << 6 | ((unsigned char)s[i + 1] & 0x3F);
    return 0xFFFD;
}

/* +1 upper, -1 lower, 0 no case handled here. */
static int cp_case(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return 1;
    if (c >= 'a' && c <= 'z')
        return -1;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return 1;
    if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
        return -1;
    if ((c >= 0x100 && c <= 0x12F) || (c >= 0x132 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
        return c % 2 == 0 ? 1 : -1;
    if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
        return c % 2 == 1 ? 1 : -1;
    return 0;
}

static uint32_t cp_flip(uint32_t c)
{
    if (c < 0x100)
        return c ^ 0x20;
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    return (cp_case(c) > 0) == odd_upper ? c + 1 : c - 1;
}

static bool is_upper_at(const char *s, size_t len, size_t i)
{
    return cp_case(cp_at(s, len, i)) > 0;
}

static bool is_lower_at(const char *s, size_t len, size_t i)
{
    return cp_case(cp_at(s, len, i)) < 0;
}

static size_t char_len(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + n <= len ? n : len - i;
}

/* Lowers (to_upper false) or raises every letter of s[from..to) in place. */
static void map_case(char *s, size_t len, size_t from, size_t to, bool to_upper)
{
    for (size_t i = from; i < to && i < len; i += char_len(s, len, i)) {
        uint32_t c = cp_at(s, len, i);
        int k = cp_case(c);
        if (k == 0 || (k > 0) == to_upper)
            continue;
        c = cp_flip(c);
        if (c < 0x80) {
            s[i] = (char)c;
        } else {
            s[i] = (char)(0xC0 | (c >> 6));
            s[i + 1] = (char)(0x80 | (c & 0x3F));
        }
    }
}

typedef enum { CASE_LOWER, CASE_INIT, CASE_ALL, CASE_MIXED } case_kind;

/* LOWER: no capitals; INIT: only the first letter; ALL: no small letters and
 * at least two capitals; MIXED: anything else (checked exactly as written). */
/* No capital for certain: ASCII without A-Z, and Latin-1 small letters (the
 * common case of a lookup, decided without decoding). */
static bool surely_lower(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            return false;
        if (c >= 0x80) {
            if (c != 0xC3 || i + 1 >= len || (unsigned char)s[i + 1] < 0xA0)
                return false;
            i++; /* U+00E0..U+00FF: small letters, ÷ and ÿ, none a capital */
        }
    }
    return true;
}

static case_kind case_of(const char *s, size_t len)
{
    if (surely_lower(s, len))
        return CASE_LOWER;
    size_t upper = 0, lower = 0;
    bool first_upper = false;
    bool seen_letter = false;
    for (size_t i = 0; i < len; i += char_len(s, len, i)) {
        bool up = is_upper_at(s, len, i);
        bool lo = !up && is_lower_at(s, len, i);
        if (!seen_letter && (up || lo)) {
            seen_letter = true;
            first_upper = up;
        }
        upper += up;
        lower += lo;
    }
    if (upper == 0)
        return CASE_LOWER;
    if (upper == 1 && first_upper)
        return CASE_INIT;
    if (lower == 0)
        return CASE_ALL;
    return CASE_MIXED;
}

/* The spellings a dictionary entry may have for `word` to be accepted, as
 * hunspell does: exact; lowercase for Capitalised/ALLCAPS; Capitalised for
 * ALLCAPS. Points alts at them (the word itself first, then copies in store)
 * and returns how many. */
static int case_variants(const char *word, size_t len, const char *alts[3], char store[2][MAX_WORD])
{
    int n = 0;
    alts[n++] = word; /* as written: no copy */
    /* a small first letter (ASCII or Latin-1) makes the word lower or mixed
     * case, both checked only as written: the common case, without a scan */
    unsigned char c0 = (unsigned char)word[0];
    if ((c0 >= 'a' && c0 <= 'z') ||
        (c0 == 0xC3 && len > 1 && (unsigned char)word[1] >= 0xA0 &&
         (unsigned char)word[1] <= 0xBE && (unsigned char)word[1] != 0xB7))
        return n;
    case_kind k = case_of(word, len);
    if (k == CASE_INIT || k == CASE_ALL) {
        memcpy(store[0], word, len);
        map_case(store[0], len, 0, len, false);
        alts[n++] = store[0];
    }
    if (k == CASE_ALL) {
        memcpy(store[1], word, len);
        map_case(store[1], len, char_len(word, len, 0), len, false);
        alts[n++] = store[1];
    }
    return n;
}

/* ---- the word-set automaton (format in lexicon_internal.h) ------------------------- */
typedef struct {
    const uint8_t *base;
    size_t size;
    uint32_t root, rep_at, nrep, cpdmin, cpdmax;
    /* the root's edges by byte: every walk starts there, and the root has the
     * most edges to search */
    uint32_t root_next[256];
    /* and the edges of the root's children, by the first two bytes of a walk
     * (second[c0][c1]; NULL where the root has no edge c0): the states near
     * the root have the most edges, and every walk passes them (about 70 kB) */
    uint32_t *second[256];
    uint32_t *second_mem;
} dict;

static uint32_t get32(const uint8_t *p)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
#endif
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The state reached from `state` by byte c, or 0 (no state lives at offset 0).
 * Labels are sorted: a long list is halved down to 8, and those 8 are compared
 * at once, as one 64-bit word (a state of n >= 2 edges has 5n - 1 bytes after
 * its first label, so the 8-byte read stays inside it). This is the lexicon's
 * innermost loop: every walk of every lookup and compound split runs it. */
static uint32_t step_scan(const dict *d, uint32_t state, uint8_t c)
{
    const uint8_t *p = d->base + state;
    unsigned n = p[0];
    const uint8_t *labels = p + 1;
    if (n == 1) /* more than half of all states */
        return labels[0] == c ? get32(labels + 1) : 0;
#ifdef __SSE2__
    if (n >= 4) {
        /* halved down to 16 labels, compared at once; from 4 edges on a
         * state has 5n >= 20 bytes from its first label, so the 16-byte read
         * stays inside it */
        unsigned lo = 0, hi = n;
        while (hi - lo > 16) {
            unsigned mid = (lo + hi) / 2;
            if (labels[mid] <= c)
                lo = mid;
            else
                hi = mid;
        }
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(labels + lo));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)c)));
        m &= (1u << (hi - lo)) - 1; /* hi - lo <= 16: fits in 32 bits */
        if (!m)
            return 0;
        return get32(labels + n + 4 * (lo + (unsigned)__builtin_ctz(m)));
    }
#endif
    unsigned lo = 0, hi = n;
    while (hi - lo > 8) {
        unsigned mid = (lo + hi) / 2;
        if (labels[mid] <= c)
            lo = mid;
        else
            hi = mid;
    }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (n >= 2) {
        uint64_t x;
        memcpy(&x, labels + lo, 8);
        const uint64_t ones = 0x0101010101010101ull;
        uint64_t y = x ^ (ones * c);
        /* the lowest byte flagged here is exactly the first zero byte of y */
        uint64_t z = (y - ones) & ~y & (ones * 0x80);
        unsigned span = hi - lo;
        if (span < 8)
            z &= (1ull << (8 * span)) - 1;
        if (!z)
            return 0;
        unsigned i = lo + (unsigned)__builtin_ctzll(z) / 8;
        return get32(labels + n + 4 * i);
    }
#endif
    for (unsigned i = lo; i < hi; i++) {
        if (labels[i] == c)
            return get32(labels + n + 4 * i);
        if (labels[i] > c)
            break;
    }
    return 0;
}

static uint32_t step(const dict *d, uint32_t state, uint8_t c)
{
    return state == d->root ? d->root_next[c] : step_scan(d, state, c);
}

/* The KR_DICT_* flags of the form ending at `state` (0 when none does). Forms
 * end with a 0 edge, and 0 sorts first. */
static unsigned form_flags(const dict *d, uint32_t state)
{
    const uint8_t *p = d->base + state;
    if (p[0] == 0 || p[1] != 0)
        return 0;
    uint32_t t = get32(p + 1 + p[0]);
    return d->base[t] ? d->base[t + 1] : 0;
}

/* Walks w[0..len) from the root, storing the state after each byte in path
 * (room for len): returns how many bytes the walk got through (len, or where
 * it fell off the automaton). The splitter reuses the states instead of
 * walking the same bytes again. */
static size_t walk_path(const dict *d, const char *w, size_t len, uint32_t *path)
{
    if (len == 0)
        return 0;
    uint32_t st = d->root_next[(uint8_t)w[0]];
    if (!st)
        return 0;
    path[0] = st;
    size_t i = 1;
    const uint32_t *two = d->second_mem ? d->second[(uint8_t)w[0]] : NULL;
    if (two && len > 1) {
        st = two[(uint8_t)w[1]];
        if (!st)
            return 1;
        path[1] = st;
        i = 2;
    }
    for (; i < len; i++) {
        st = step(d, st, (uint8_t)w[i]);
        if (!st)
            return i;
        path[i] = st;
    }
    return len;
}

/* The flags of the form a walk of len bytes ends at (0: none). */
static unsigned path_flags(const dict *d, const uint32_t *path, size_t walked, size_t len)
{
    return len && walked == len ? form_flags(d, path[len - 1]) : 0;
}

/* Checks the header and the bounds of every state once, so lookups need not. */
static bool dict_valid(const dict *d)
{
    if (d->size < KR_DICT_STATES_AT || memcmp(d->base, KR_DICT_MAGIC, 8) != 0 ||
        get32(d->base + 8) != d->size)
        return false;
    uint32_t end = get32(d->base + 16);
    if (end > d->size || d->root < KR_DICT_STATES_AT || d->root >= end)
        return false;
    for (uint32_t off = KR_DICT_STATES_AT; off < end;) {
        uint32_t n = d->base[off];
        if (off + 1 + 5 * n > end)
            return false;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t t = get32(d->base + off + 1 + n + 4 * i);
            if (t < KR_DICT_STATES_AT || t >= end)
                return false;
        }
        off += 1 + 5 * n;
    }
    return d->size == end || d->base[d->size - 1] == 0;
}

static bool dict_open(dict *d, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    void *map = MAP_FAILED;
    if (fstat(fd, &st) == 0 && st.st_size >= KR_DICT_STATES_AT)
        map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return false;
    d->base = map;
    d->size = (size_t)st.st_size;
    d->root = get32(d->base + 12);
    d->rep_at = get32(d->base + 16);
    d->nrep = get32(d->base + 20);
    d->cpdmin = get32(d->base + 24);
    d->cpdmax = get32(d->base + 28);
    if (!dict_valid(d)) {
        munmap(map, d->size);
        d->base = NULL;
        return false;
    }
    for (unsigned c = 0; c < 256; c++)
        d->root_next[c] = step_scan(d, d->root, (uint8_t)c);
    size_t children = 0;
    for (unsigned c = 0; c < 256; c++)
        children += d->root_next[c] != 0;
    d->second_mem = malloc((children ? children : 1) * 256 * sizeof *d->second_mem);
    if (d->second_mem) { /* else walks step from the root's children too */
        uint32_t *t = d->second_mem;
        for (unsigned c0 = 0; c0 < 256; c0++) {
            d->second[c0] = NULL;
            if (!d->root_next[c0])
                continue;
            d->second[c0] = t;
            for (unsigned c1 = 0; c1 < 256; c1++)
                t[c1] = step_scan(d, d->root_next[c0], (uint8_t)c1);
            t += 256;
        }
    }
    return true;
}

static void dict_close(dict *d)
{
    if (d->base)
        munmap((void *)d->base, d->size);
    d->base = NULL;
    free(d->second_mem);
    d->second_mem = NULL;
}

/* ---- compounds ------------------------------------------------------------------------ */
typedef struct {
    const char *from, *to; /* anchors stripped */
    size_t from_len, to_len;
    bool at_start, at_end;
} rep_rule;

/* Characters in s[0..len): bytes that are not UTF-8 continuation bytes,
 * counted 8 at a time. */
static size_t utf8_chars(const char *s, size_t len)
{
    size_t n = len, i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* 10xxxxxx: the top bit set and the next one clear; one per byte,
         * summed by a multiply (no popcount instruction is assumed) */
        uint64_t cont = (x & ~(x << 1) & 0x8080808080808080ull) >> 7;
        n -= (size_t)((cont * 0x0101010101010101ull) >> 56);
    }
    for (; i < len; i++)
        n -= ((unsigned char)s[i] & 0xC0) == 0x80;
    return n;
}

/* The state after walking s[0..n) from st, or 0. */
static uint32_t walk(const dict *d, uint32_t st, const char *s, size_t n)
{
    for (size_t i = 0; i < n && st; i++)
        st = step(d, st, (uint8_t)s[i]);
    return st;
}

static bool dictionary_word_at(const dict *d, uint32_t st)
{
    unsigned f = st ? form_flags(d, st) : 0;
    return (f & (KR_DICT_WORD | KR_DICT_ENTRY)) && !(f & KR_DICT_FORBIDDEN);
}

/* CHECKCOMPOUNDREP: a compound is refused when one REP replacement turns it into
 * a dictionary word — then it is that word misspelt, not a new compound (hunspell
 * uses only the unanchored rules here, "_" standing for a space). Its companion
 * cpdwordpair_check refuses it when a space inserted somewhere makes it a
 * dictionary entry ("a la"). Every candidate shares the word's prefix up to the
 * change, so the prefix is walked once, and once it leaves the automaton no
 * later change can give a word. */
/* The unanchored REP rules by the byte they begin with: rules[first[b] ..
 * first[b + 1]) begin with b (a word is tried against only the rules that can
 * match where it stands, not all 126 of da_DK's). */
typedef struct {
    uint32_t first[257];
    const rep_rule **rules;
} rep_index;

/* step(d, state, ' '): labels are sorted, and only the form's end (0) sorts
 * before a space, so the space edge, when there is one, is among the first
 * two (asked at every position of every word misspelt checks). */
static uint32_t step_space(const dict *d, uint32_t state)
{
    if (state == d->root)
        return d->root_next[' '];
    const uint8_t *p = d->base + state;
    unsigned n = p[0], i = n > 1 && p[1] == 0;
    return i < n && p[1 + i] == ' ' ? get32(p + 1 + n + 4 * i) : 0;
}

/* w[1..n) equals from[1..n) (rules are indexed by their first byte). */
static bool rest_equal(const char *w, const char *from, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (w[i] != from[i])
            return false;
    return true;
}

static bool misspelt(const dict *d, const rep_index *ri, const char *w, size_t len)
{
    uint32_t st = d->root;
    for (size_t pos = 0; pos < len && st; pos++) {
        if (pos > 0 && ((unsigned char)w[pos] & 0xC0) != 0x80 &&
            dictionary_word_at(d, walk(d, step_space(d, st), w + pos, len - pos)))
            return true;
        uint8_t b = (uint8_t)w[pos];
        for (unsigned r = ri->first[b]; r < ri->first[b + 1]; r++) {
            const rep_rule *rr = ri->rules[r];
            if (rr->from_len > len - pos || !rest_equal(w + pos, rr->from, rr->from_len))
                continue;
            uint32_t t = st;
            for (size_t k = 0; k < rr->to_len && t; k++)
                t = step(d, t, (uint8_t)(rr->to[k] == '_' ? ' ' : rr->to[k]));
            t = walk(d, t, w + pos + rr->from_len, len - pos - rr->from_len);
            if (dictionary_word_at(d, t))
                return true;
        }
        st = step(d, st, (uint8_t)w[pos]);
    }
    return false;
}

typedef struct {
    const dict *d;
    const rep_index *reps;
    size_t *work; /* split points tried and words rechecked (see word_verdict) */
    size_t limit; /* work after which the splitter gives up (see word_verdict) */
    bool *gave_up;
} splitter;

static bool misspelt_word(const splitter *sp, const char *w, size_t len)
{
    *sp->work += len;
    return misspelt(sp->d, sp->reps, w, len);
}

/* The dictionary stem hunspell reports for the next compound part, which it
 * compares with the rest of the word: the part itself when it is an entry,
 * else the longest entry starting the rest that is at most 2 bytes shorter (a
 * joining "s", "e" or "-" was added: børn -> børns-) or 3 longer (a suffix
 * stripped "e" or "um": maskine -> maskin-) than the part. `path` is the walk
 * of the rest (walked bytes of rlen). */
static size_t stem_len(const dict *d, const uint32_t *path, size_t walked, size_t rlen, size_t part)
{
    size_t best = 0;
    for (size_t i = 0; i < rlen && i < part + 3 && i < walked; i++) {
        if (i + 3 >= part && (form_flags(d, path[i]) & KR_DICT_ENTRY)) {
            best = i + 1;
            if (best == part)
                return best;
        }
    }
    return best;
}

/* hunspell's compound_check: the first split point (shortest first part) whose
 * first part may begin (or, deeper, continue) a compound and whose rest ends it
 * decides; then the whole (sub)word must not be a misspelling of a dictionary
 * word (else the word is refused outright). When the rest is itself a compound,
 * the first part plus the stem of the next part must not be one either (else
 * the next split point is tried). Returns the first part's length, or 0.
 * `total` is w's length in characters; `path` the walk of w from the root
 * (`walked` of its bytes: see walk_path), which the caller has done already. */
static size_t compound_at(const splitter *sp, const char *w, size_t len, size_t total,
                          unsigned wordnum, const uint32_t *path, size_t walked)
{
    const dict *d = sp->d;
    unsigned need = wordnum == 0 ? KR_DICT_BEGIN : KR_DICT_MIDDLE;
    size_t chars = 0;
    for (size_t i = 0; i + 1 < len && i < walked; i++) {
        if (*sp->work >= sp->limit) {
            *sp->gave_up = true;
            return 0;
        }
        uint32_t st = path[i];
        ++*sp->work;
        chars += ((unsigned char)w[i] & 0xC0) != 0x80; /* characters in w[0..i] */
        if (((unsigned char)w[i + 1] & 0xC0) == 0x80)
            continue; /* split only between characters */
        if (chars < d->cpdmin || total - chars < d->cpdmin)
            continue;
        unsigned f = form_flags(d, st);
        if (!(f & need))
            continue;
        const char *rest = w + i + 1;
        size_t rlen = len - i - 1;
        uint32_t rpath[MAX_WORD];
        size_t rwalked = walk_path(d, rest, rlen, rpath);
        unsigned rf = path_flags(d, rpath, rwalked, rlen);
        if ((rf & KR_DICT_END) && (d->cpdmax == 0 || wordnum + 2 <= d->cpdmax))
            return misspelt_word(sp, w, len) ? 0 : i + 1;
        if (d->cpdmax != 0 && wordnum + 2 >= d->cpdmax)
            continue;
        size_t next = compound_at(sp, rest, rlen, total - chars, wordnum + 1, rpath, rwalked);
        if (!next)
            continue;
        if (misspelt_word(sp, w, len))
            return 0;
        size_t stem = stem_len(d, rpath, rwalked, rlen, next);
        if (stem && misspelt_word(sp, w, i + 1 + stem))
            continue;
        return i + 1;
    }
    return 0;
}

/* ---- the lexicon ---------------------------------------------------------------------- */
typedef struct {
    pthread_mutex_t lock;
    strmap map;
} memo_shard;

struct kr_lexicon {
    pthread_mutex_t load_lock;
    bool load_tried;
    atomic_bool loaded; /* set once load_tried: lookups skip the lock after that */
    char *error;
    char datadir[PATH_MAX];

    dict dict;
    rep_rule *reps;
    size_t nrep;
    rep_index rep_index; /* the unanchored ones, for the splitter */

    pthread_mutex_t hs_lock;
    bool hs_tried;
    kr_hunspell *hs;

    pthread_rwlock_t user_lock;
    strmap user;
    atomic_size_t user_count;   /* lets lookups skip the lock while there are none */
    atomic_uint_fast64_t stamp; /* see kr_lexicon_stamp */

    memo_shard memo[MEMO_SHARDS];
};

/* A fresh stamp from one process-wide counter: never reused, never 0. */
static void renew_stamp(kr_lexicon *self)
{
    static atomic_uint_fast64_t next = 1;
    atomic_store(&self->stamp, atomic_fetch_add(&next, 1));
}

kr_lexicon *kr_lexicon_new(void)
{
    kr_lexicon *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    const char *dir = getenv("KORREKTUR_DATADIR");
    if (!dir || !*dir)
        dir = KR_DATADIR;
    snprintf(self->datadir, sizeof self->datadir, "%s", dir);
    pthread_mutex_init(&self->load_lock, NULL);
    pthread_mutex_init(&self->hs_lock, NULL);
    pthread_rwlock_init(&self->user_lock, NULL);
    for (int i = 0; i < MEMO_SHARDS; i++)
        pthread_mutex_init(&self->memo[i].lock, NULL);
    renew_stamp(self);
    return self;
}

uint64_t kr_lexicon_stamp(kr_lexicon *self)
{
    return self ? atomic_load(&self->stamp) : 0;
}

void kr_lexicon_free(kr_lexicon *self)
{
    if (!self)
        return;
    kr_hunspell_close(self->hs);
    dict_close(&self->dict);
    free(self->reps);
    free(self->rep_index.rules);
    strmap_clear(&self->user);
    for (int i = 0; i < MEMO_SHARDS; i++) {
        strmap_clear(&self->memo[i].map);
        pthread_mutex_destroy(&self->memo[i].lock);
    }
    pthread_rwlock_destroy(&self->user_lock);
    pthread_mutex_destroy(&self->hs_lock);
    pthread_mutex_destroy(&self->load_lock);
    free(self->error);
    free(self);
}

static void set_error(kr_lexicon *self, const char *what, const char *path)
{
    if (self->error)
        return;
    size_t n = strlen(what) + strlen(path) + 96;
    self->error = malloc(n);
    if (self->error)
        snprintf(self->error, n,
                 "%s %s is missing or damaged (rebuild with make, or set KORREKTUR_DATADIR).", what,
                 path);
}

/* Reads one word per line into m; '#' starts a comment. -1 when unreadable. */
static int read_word_file(strmap *m, const char *path, unsigned value)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
                       s[len - 1] == '\t'))
            len--;
        if (len && len < MAX_WORD)
            strmap_put(m, s, len, kr_lex_hash(s, len), value);
    }
    fclose(f);
    return 0;
}

/* Fills rep_index with the unanchored rules (CHECKCOMPOUNDREP uses only those),
 * grouped by first byte, in table order within a group. */
static bool index_reps(kr_lexicon *self)
{
    rep_index *ri = &self->rep_index;
    ri->rules = calloc(self->nrep ? self->nrep : 1, sizeof *ri->rules);
    if (!ri->rules)
        return false;
    unsigned count[256] = {0};
    for (size_t i = 0; i < self->nrep; i++) {
        const rep_rule *r = &self->reps[i];
        if (!r->at_start && !r->at_end && r->from_len)
            count[(uint8_t)r->from[0]]++;
    }
    ri->first[0] = 0;
    for (unsigned b = 0; b < 256; b++)
        ri->first[b + 1] = ri->first[b] + count[b];
    unsigned fill[256];
    for (unsigned b = 0; b < 256; b++)
        fill[b] = ri->first[b];
    for (size_t i = 0; i < self->nrep; i++) {
        const rep_rule *r = &self->reps[i];
        if (!r->at_start && !r->at_end && r->from_len)
            ri->rules[fill[(uint8_t)r->from[0]]++] = r;
    }
    return true;
}

/* Points rep rules into the mapped REP table ("^" and "$" become flags). */
static bool load_reps(kr_lexicon *self)
{
    const dict *d = &self->dict;
    self->reps = calloc(d->nrep ? d->nrep : 1, sizeof *self->reps);
    if (!self->reps)
        return false;
    const char *p = (const char *)d->base + d->rep_at;
    const char *end = (const char *)d->base + d->size;
    for (uint32_t i = 0; i < d->nrep; i++) {
        const char *from = p, *to = from + strnlen(from, (size_t)(end - from)) + 1;
        if (to >= end)
            return false;
        p = to + strnlen(to, (size_t)(end - to)) + 1;
        if (p > end)
            return false;
        rep_rule *r = &self->reps[self->nrep++];
        r->from = from;
        r->from_len = strlen(from);
        r->to = to;
        r->to_len = strlen(to);
        if (r->from_len && from[0] == '^')
            r->at_start = true, r->from++, r->from_len--;
        if (r->from_len && r->from[r->from_len - 1] == '$')
            r->at_end = true, r->from_len--;
    }
    return index_reps(self);
}

static void load_data(kr_lexicon *self)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/da_DK.kdict", self->datadir);
    if (!dict_open(&self->dict, path) || !load_reps(self))
        set_error(self, "The Danish word set", path);
}

/* Loads the data once, on first need, whichever thread gets there first. */
static void ensure_loaded(kr_lexicon *self)
{
    if (atomic_load_explicit(&self->loaded, memory_order_acquire))
        return;
    pthread_mutex_lock(&self->load_lock);
    if (!self->load_tried) {
        load_data(self);
        self->load_tried = true;
        atomic_store_explicit(&self->loaded, true, memory_order_release);
    }
    pthread_mutex_unlock(&self->load_lock);
}

const char *kr_lexicon_error(kr_lexicon *self)
{
    if (!self)
        return "No lexicon.";
    ensure_loaded(self);
    return self->error;
}

static bool user_word(kr_lexicon *self, const char *word, size_t len)
{
    if (atomic_load(&self->user_count) == 0)
        return false;
    const char *alts[3];
    char store[2][MAX_WORD];
    int n = case_variants(word, len, alts, store);
    bool found = false;
    pthread_rwlock_rdlock(&self->user_lock);
    for (int i = 0; i < n && !found; i++)
        found = strmap_find(&self->user, alts[i], len, kr_lex_hash(alts[i], len)) != NULL;
    pthread_rwlock_unlock(&self->user_lock);
    return found;
}

/* Numbers are words, as in hunspell: digits with single . , - between them. */
static bool is_number(const char *w, size_t len)
{
    bool digit_before = false;
    for (size_t i = 0; i < len; i++) {
        if (w[i] >= '0' && w[i] <= '9')
            digit_before = true;
        else if ((w[i] == '.' || w[i] == ',' || w[i] == '-') && digit_before && i + 1 < len)
            digit_before = false;
        else
            return false;
    }
    return digit_before;
}

/* The verdict from the word set alone, without compounds. *may_compound is set
 * when no case variant is a form and none is forbidden: only then may the word
 * be a compound. Each variant's walk is kept in paths (for the splitter). */
static unsigned direct_verdict(const kr_lexicon *self, const char *const alts[3], int n, size_t len,
                               uint32_t paths[3][MAX_WORD], size_t walked[3], bool *may_compound)
{
    unsigned v = 0;
    bool decided = false;
    for (int i = 0; i < n; i++) {
        walked[i] = walk_path(&self->dict, alts[i], len, paths[i]);
        unsigned f = path_flags(&self->dict, paths[i], walked[i], len);
        if (f & KR_DICT_COMMON)
            v |= KR_LEX_COMMON;
        if (decided)
            continue;
        if (f & KR_DICT_FORBIDDEN)
            decided = true; /* a forbidden spelling is not rescued by another case */
        else if (f & KR_DICT_WORD)
            decided = true, v |= KR_LEX_KNOWN;
    }
    *may_compound = !decided;
    return v;
}

static unsigned compound_verdict(const kr_lexicon *self, const char *const alts[3], int n,
                                 size_t len, uint32_t paths[3][MAX_WORD], const size_t walked[3],
                                 size_t *work, size_t limit, bool *gave_up)
{
    splitter sp = {&self->dict, &self->rep_index, work, limit, gave_up};
    size_t total = utf8_chars(alts[0], len); /* case variants have as many */
    for (int i = 0; i < n; i++)
        if (compound_at(&sp, alts[i], len, total, 0, paths[i], walked[i]))
            return KR_LEX_KNOWN | KR_LEX_COMPOUND;
    return 0;
}

static unsigned word_verdict(kr_lexicon *self, const char *word, size_t len);

/* hunspell's BREAK (default "-"): a hyphenated word is right when its parts are;
 * a hyphen at either end may be dropped. */
static unsigned hyphen_verdict(kr_lexicon *self, const char *word, size_t len)
{
    const char *dash = memchr(word, '-', len);
    if (!dash)
        return 0;
    if (dash == word)
        return len > 1 ? word_verdict(self, word + 1, len - 1) & ~KR_LEX_COMMON : 0;
    if (word[len - 1] == '-' && memchr(word, '-', len - 1) == NULL)
        return word_verdict(self, word, len - 1) & ~KR_LEX_COMMON;
    size_t head = (size_t)(dash - word);
    if (head + 1 >= len)
        return 0;
    unsigned a = word_verdict(self, word, head);
    unsigned b = word_verdict(self, dash + 1, len - head - 1);
    if (!(a & KR_LEX_KNOWN) || !(b & KR_LEX_KNOWN))
        return 0;
    return KR_LEX_KNOWN | ((a | b) & KR_LEX_COMPOUND);
}

static unsigned memo_get(kr_lexicon *self, const char *word, size_t len, uint64_t h, bool *hit)
{
    memo_shard *shard = &self->memo[(h >> 40) % MEMO_SHARDS];
    pthread_mutex_lock(&shard->lock);
    slot *e = strmap_find(&shard->map, word, len, h);
    unsigned v = e ? e->value : 0;
    pthread_mutex_unlock(&shard->lock);
    *hit = e != NULL;
    return v;
}

static void memo_put(kr_lexicon *self, const char *word, size_t len, uint64_t h, unsigned v)
{
    memo_shard *shard = &self->memo[(h >> 40) % MEMO_SHARDS];
    pthread_mutex_lock(&shard->lock);
    if (shard->map.count >= MEMO_SHARD_MAX)
        strmap_clear(&shard->map);
    strmap_put(&shard->map, word, len, h, v);
    pthread_mutex_unlock(&shard->lock);
}

/* Everything but KR_LEX_USER (which can change while the memo lives). Plain
 * forms cost one walk per case variant and are not memoised; words that need the
 * compound splitter are. */
static unsigned word_verdict(kr_lexicon *self, const char *word, size_t len)
{
    if (len == 0 || len >= MAX_WORD)
        return 0;
    const char *alts[3];
    char store[2][MAX_WORD];
    int n = case_variants(word, len, alts, store);
    uint32_t paths[3][MAX_WORD];
    size_t walked[3];
    bool may_compound;
    unsigned v = direct_verdict(self, alts, n, len, paths, walked, &may_compound);
    if (!may_compound)
        return v;
    if (is_number(word, len))
        return v | KR_LEX_KNOWN;
    /* Most words the repair search asks about are settled by the splitter in a
     * few steps: cheaper to find again than to look up (hash, lock, probe) or
     * store — thousands of garbled spellings, each asked once, only churned the
     * memo. So the splitter runs first with a small allowance, and only a word
     * that needs more is looked up in the memo, split in full and stored. */
    size_t work = 0;
    bool gave_up = false;
    unsigned c =
        compound_verdict(self, alts, n, len, paths, walked, &work, MEMO_MIN_WORK, &gave_up);
    if (!gave_up) {
        if (!c)
            c = hyphen_verdict(self, word, len);
        return v | c;
    }
    uint64_t h = kr_lex_hash(word, len);
    bool hit;
    unsigned memo = memo_get(self, word, len, h, &hit);
    if (hit)
        return v | memo;
    /* Computed outside the shard lock: two threads may both compute a word,
     * which is harmless, while a slow word never blocks the others. */
    work = 0;
    c = compound_verdict(self, alts, n, len, paths, walked, &work, SIZE_MAX, &gave_up);
    if (!c)
        c = hyphen_verdict(self, word, len);
    memo_put(self, word, len, h, c);
    return v | c;
}

unsigned kr_lexicon_lookup(kr_lexicon *self, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return 0;
    ensure_loaded(self);
    unsigned v = self->dict.base ? word_verdict(self, word, len) : 0;
    if (user_word(self, word, len))
        v |= KR_LEX_USER | KR_LEX_KNOWN;
    return v;
}

/* Whether w[0..len) could be a form or a compound of forms, walked through
 * the automaton as a set of states: each byte steps every state, and a state
 * where a form that may begin or continue a compound ends adds the root (the
 * next part starts). Lookups accept a word only at a form that may stand alone
 * or end a compound, so a set that empties, or ends without one, refuses it.
 * This over-approximates the splitter (no part lengths, REP or stem checks):
 * it never refuses a word the splitter would accept. The sets after each byte
 * stay in the slot, and the next word walks on from where it differs. */
enum { SET_FULL = 0xFF }; /* too many ways through: no verdict past here */

static uint8_t step_set(const dict *d, const uint32_t *from, unsigned n, uint8_t c, uint32_t *to)
{
    unsigned m = 0;
    bool restart = false, has_root = false;
    for (unsigned k = 0; k < n; k++) {
        uint32_t t = step(d, from[k], c);
        bool dup = !t;
        for (unsigned j = 0; j < m && !dup; j++)
            dup = to[j] == t;
        if (dup)
            continue;
        to[m++] = t;
        has_root |= t == d->root;
        if (form_flags(d, t) & (KR_DICT_BEGIN | KR_DICT_MIDDLE))
            restart = true;
    }
    if (restart && !has_root) {
        if (m == KR_LEX_WALK_STATES)
            return SET_FULL;
        to[m++] = d->root;
    }
    return (uint8_t)m;
}

/* Brings the slot to the walk of w[0..len) and returns how many of its bytes
 * are walked: len, or where the set emptied (n 0) or grew too big (SET_FULL).
 * A word that is a prefix of the kept one keeps the longer walk. */
static size_t walk_sets(const dict *d, struct kr_lex_walk_slot *ws, const char *w, size_t len)
{
    if (ws->root != d->root || ws->valid == 0) {
        ws->root = d->root;
        ws->valid = 0;
        ws->n[0] = 1;
        ws->set[0][0] = d->root;
    }
    size_t i = 0, same = ws->valid < len ? ws->valid : len;
    while (i < same && ws->text[i] == w[i])
        i++;
    if (i == len)
        return len; /* every set before the kept walk's end has states */
    for (; i < len; i++) {
        if (ws->n[i] == 0 || ws->n[i] == SET_FULL) {
            ws->valid = (uint16_t)i;
            return i;
        }
        ws->text[i] = w[i];
        ws->n[i + 1] = step_set(d, ws->set[i], ws->n[i], (uint8_t)w[i], ws->set[i + 1]);
    }
    ws->valid = (uint16_t)len;
    return len;
}

static bool may_be_compound(const dict *d, struct kr_lex_walk_slot *ws, const char *w, size_t len)
{
    size_t i = walk_sets(d, ws, w, len);
    if (i < len || ws->n[len] == SET_FULL)
        return ws->n[i] == SET_FULL;
    for (unsigned k = 0; k < ws->n[len]; k++) {
        uint32_t t = ws->set[len][k];
        if (t != d->root && (form_flags(d, t) & (KR_DICT_WORD | KR_DICT_END)))
            return true;
    }
    return false;
}

/* Where the walk of w[0..len) empties (a count of bytes >= 1), or 0. */
static size_t dead_at(const dict *d, struct kr_lex_walk_slot *ws, const char *w, size_t len)
{
    size_t i = walk_sets(d, ws, w, len);
    return ws->n[i] == 0 ? i : 0;
}

void kr_lex_walk_reset(kr_lex_walk *walk)
{
    for (int i = 0; i < 3; i++)
        walk->slot[i].valid = 0;
}

bool kr_lexicon_may_know(kr_lexicon *self, kr_lex_walk *walk, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return false; /* kr_lexicon_lookup answers 0 */
    ensure_loaded(self);
    if (!self->dict.base || atomic_load(&self->user_count) != 0 || memchr(word, '-', len) ||
        is_number(word, len))
        return true;
    kr_lex_walk local;
    if (!walk) {
        walk = &local;
        kr_lex_walk_reset(walk);
    }
    const char *alts[3];
    char store[2][MAX_WORD];
    int n = case_variants(word, len, alts, store);
    for (int i = 0; i < n; i++)
        if (may_be_compound(&self->dict, &walk->slot[i], alts[i], len))
            return true;
    return false;
}

/* The case variants a word beginning with word[0..k) may be walked as (see
 * case_variants) are the word itself, in small letters, and with only its first
 * letter kept: when the walk of each of them empties within those k bytes,
 * every such word is refused. A small first letter leaves only the first. */
size_t kr_lexicon_dead_prefix(kr_lexicon *self, kr_lex_walk *walk, const char *word, size_t len)
{
    if (!self || !walk || !word || len == 0 || len >= MAX_WORD)
        return 0;
    ensure_loaded(self);
    const dict *d = &self->dict;
    if (!d->base || atomic_load(&self->user_count) != 0)
        return 0;
    size_t k = dead_at(d, &walk->slot[0], word, len);
    if (!k)
        return 0;
    unsigned char c0 = (unsigned char)word[0];
    bool small_first = (c0 >= 'a' && c0 <= 'z') ||
                       (c0 == 0xC3 && len > 1 && (unsigned char)word[1] >= 0xA0 &&
                        (unsigned char)word[1] <= 0xBE && (unsigned char)word[1] != 0xB7);
    if (!small_first) {
        char store[MAX_WORD];
        memcpy(store, word, len);
        map_case(store, len, 0, len, false);
        size_t k1 = dead_at(d, &walk->slot[1], store, len);
        memcpy(store, word, len);
        map_case(store, len, char_len(word, len, 0), len, false);
        size_t k2 = k1 ? dead_at(d, &walk->slot[2], store, len) : 0;
        if (!k2)
            return 0;
        k = k > k1 ? k : k1;
        k = k > k2 ? k : k2;
    }
    /* whole characters, as the case mapping steps them, and the first letter
     * the small_first test reads */
    size_t at = char_len(word, len, 0);
    if (!small_first)
        while (at < k)
            at += char_len(word, len, at);
    k = at > k ? at : k;
    /* a hyphen or a number is not walked (kr_lexicon_may_know) */
    if (memchr(word, '-', k))
        return 0;
    for (size_t i = 0; i < k; i++)
        if ((word[i] < '0' || word[i] > '9') && word[i] != '.' && word[i] != ',')
            return k;
    return 0;
}

bool kr_lexicon_known(kr_lexicon *self, const char *word, size_t len)
{
    return (kr_lexicon_lookup(self, word, len) & KR_LEX_KNOWN) != 0;
}

bool kr_lexicon_hunspell_known(kr_lexicon *self, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return false;
    pthread_mutex_lock(&self->hs_lock);
    if (!self->hs_tried) {
        char aff[PATH_MAX + 16], dic[PATH_MAX + 16];
        snprintf(aff, sizeof aff, "%s/da_DK.aff", self->datadir);
        snprintf(dic, sizeof dic, "%s/da_DK.dic", self->datadir);
        self->hs = kr_hunspell_open(aff, dic);
        self->hs_tried = true;
    }
    bool ok = kr_hunspell_spell(self->hs, word, len);
    pthread_mutex_unlock(&self->hs_lock);
    return ok;
}

void kr_lexicon_add_word(kr_lexicon *self, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return;
    pthread_rwlock_wrlock(&self->user_lock);
    strmap_put(&self->user, word, len, kr_lex_hash(word, len), 1);
    atomic_store(&self->user_count, self->user.count);
    renew_stamp(self);
    pthread_rwlock_unlock(&self->user_lock);
}

int kr_lexicon_add_file(kr_lexicon *self, const char *path, char **err)
{
    if (err)
        *err = NULL;
    if (!self || !path)
        return -1;
    pthread_rwlock_wrlock(&self->user_lock);
    int rc = read_word_file(&self->user, path, 1);
    int saved = errno;
    atomic_store(&self->user_count, self->user.count);
    renew_stamp(self);
    pthread_rwlock_unlock(&self->user_lock);
    if (rc != 0 && err) {
        const char *why = strerror(saved);
        size_t n = strlen(path) + strlen(why) + 48;
        *err = malloc(n);
        if (*err)
            snprintf(*err, n, "Cannot read the word list %s: %s.", path, why);
    }
    return rc;
}
