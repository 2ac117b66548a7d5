/* cli_format.c — how `korrektur check` prints results: gcc-style text, the stable
 * JSON document (version 1), JSON lines, SARIF 2.1.0 (cli_sarif.c, through the
 * writer here) and GitHub workflow commands. JSON is written by hand here:
 * printing needs no JSON library, and the shape stays under our control. Every
 * format goes through one buffered writer and one forward position cursor, and
 * reads the diagnostics' fields directly (engine.h): on OCR text the output is
 * 17 times the input, so printing is worth keeping cheap. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "engine.h"

/* ---- the JSON writer ------------------------------------------------------------ *
 * `check --format json` prints about 17 bytes for every byte it reads (31 000
 * diagnostics for 1 MB of OCR text), so printing is a real part of a check. The
 * writer fills one buffer and writes it out in large blocks. Its position is a
 * local pointer `o` that every helper takes and returns, so it stays in a
 * register, and room is checked only before each string: what is printed
 * between two strings (keys, punctuation, at most a few numbers) is far shorter
 * than JW_SLACK, which every check leaves free. */
enum { JW_CAP = 1 << 18, JW_SLACK = 1024 };

typedef struct {
    FILE *out;
    char *buf;
    size_t cap;
} jw;

static void jw_open(jw *w, FILE *out)
{
    w->out = out;
    w->cap = JW_CAP;
    w->buf = kr_xmalloc(w->cap);
}

static char *jw_flush(jw *w, char *o)
{
    if (o > w->buf)
        fwrite(w->buf, 1, (size_t)(o - w->buf), w->out);
    return w->buf;
}

static void jw_close(jw *w, char *o)
{
    jw_flush(w, o);
    free(w->buf);
}

/* Empties the buffer, and makes it larger when n bytes would not fit at all
 * (one string longer than the buffer). */
static char *jw_make_room(jw *w, char *o, size_t n)
{
    jw_flush(w, o);
    if (n + JW_SLACK > w->cap) {
        free(w->buf);
        w->cap = n + JW_SLACK;
        w->buf = kr_xmalloc(w->cap);
    }
    return w->buf;
}

/* Room for n bytes and the slack after them. */
static inline char *jw_room(jw *w, char *o, size_t n)
{
    if (__builtin_expect((size_t)(w->buf + w->cap - o) < n + JW_SLACK, 0))
        return jw_make_room(w, o, n);
    return o;
}

/* A literal's copy has a constant size: a few moves, no call. */
#define PUT_LIT(o, lit) (memcpy((o), (lit), sizeof(lit) - 1), (o) + sizeof(lit) - 1)

static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313"
    "23334353637383940414243444546474849505152535455565758596061626364"
    "65666768697071727374757677787980818283848586878889909192939495969"
    "798990";

/* v < 10000 in decimal, without leading zeros. */
static inline __attribute__((always_inline)) char *put_small(char *o, uint32_t v)
{
    if (v < 10) {
        *o = (char)('0' + v);
        return o + 1;
    }
    if (v < 100) {
        memcpy(o, digit_pairs + 2 * v, 2);
        return o + 2;
    }
    uint32_t hi = v / 100, lo = v % 100;
    if (hi < 10) {
        *o = (char)('0' + hi);
        memcpy(o + 1, digit_pairs + 2 * lo, 2);
        return o + 3;
    }
    memcpy(o, digit_pairs + 2 * hi, 2);
    memcpy(o + 2, digit_pairs + 2 * lo, 2);
    return o + 4;
}

/* v < 10000 as exactly four digits. */
static inline __attribute__((always_inline)) char *put_four(char *o, uint32_t v)
{
    memcpy(o, digit_pairs + 2 * (v / 100), 2);
    memcpy(o + 2, digit_pairs + 2 * (v % 100), 2);
    return o + 4;
}

/* v in decimal: positions and offsets have 1-7 digits, so four at a time with
 * 32-bit arithmetic. */
static inline __attribute__((always_inline)) char *put_uint(char *o, uint64_t v)
{
    if (v < 10000)
        return put_small(o, (uint32_t)v);
    if (v < 100000000)
        return put_four(put_small(o, (uint32_t)(v / 10000)), (uint32_t)(v % 10000));
    char tmp[20], *e = tmp + sizeof tmp;
    do {
        e -= 4;
        put_four(e, (uint32_t)(v % 10000));
        v /= 10000;
    } while (v >= 10000);
    o = put_small(o, (uint32_t)v);
    memcpy(o, e, (size_t)(tmp + sizeof tmp - e));
    return o + (tmp + sizeof tmp - e);
}

/* Length of the valid UTF-8 character at s (0: invalid), the common two-byte
 * case (æøå, »«) decided inline. */
static inline size_t utf8_len(const char *s, size_t avail)
{
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xC2 && c <= 0xDF && avail >= 2 && ((unsigned char)s[1] & 0xC0) == 0x80)
        return 2;
    return kr_utf8_char_len(s, avail);
}

/* Of the 8 bytes at s, how many lead before the first that needs a look (8:
 * none does): printable ASCII but " and \ go as they are. A word-at-a-time test
 * (most of what is printed is plain ASCII); the lowest flagged byte of these
 * borrow tricks is exact, which is all that is used. */
static inline unsigned plain_run8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ ones * '"', b = x ^ ones * '\\', d = x ^ ones * 0x7F;
    uint64_t m =
        ((x - ones * 0x20) | ((q - ones) & ~q) | ((b - ones) & ~b) | ((d - ones) & ~d) | x) & high;
    return m ? (unsigned)__builtin_ctzll(m) / 8 : 8;
}

/* The escape of a byte below 0x80 that cannot go into a JSON string as it is:
 * " \ and the control bytes (DEL included). Written to o; returns its length. */
static size_t escape_byte(unsigned char c, char *o)
{
    static const char digits[] = "0123456789abcdef";
    o[0] = '\\';
    switch (c) {
    case '"':
    case '\\':
        o[1] = (char)c;
        return 2;
    case '\n':
        o[1] = 'n';
        return 2;
    case '\r':
        o[1] = 'r';
        return 2;
    case '\t':
        o[1] = 't';
        return 2;
    default:
        memcpy(o + 1, "u00", 3);
        o[4] = digits[c >> 4];
        o[5] = digits[c & 15];
        return 6;
    }
}

/* s[0..n) as a JSON string literal, quotes included, into o (room for 6 * n + 2
 * bytes); returns the end. Escapes for " \ and control bytes, U+FFFD for invalid
 * UTF-8 (the output stays valid JSON). One pass that copies as it checks. */
static char *escape_quoted(char *o, const char *s, size_t n)
{
    *o++ = '"';
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            unsigned k = plain_run8(s + i);
            memcpy(o, s + i, 8); /* all 8: a move; only k of them count */
            o += k;
            i += k;
            if (k == 8)
                continue;
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            *o++ = (char)c;
            i++;
        } else if (c >= 0x80) {
            size_t k = utf8_len(s + i, n - i);
            if (k) {
                if (n - i >= 4)
                    memcpy(o, s + i, 4); /* a fixed-size copy: a move, not a call */
                else
                    memcpy(o, s + i, k);
                o += k;
                i += k;
            } else {
                memcpy(o, "\\ufffd", 6);
                o += 6;
                i++;
            }
        } else {
            o += escape_byte(c, o);
            i++;
        }
    }
    *o++ = '"';
    return o;
}

void kr_json_string(FILE *out, const char *s, size_t n)
{
    char small[512];
    char *buf = n <= (sizeof small - 2) / 6 ? small : malloc(6 * n + 2);
    if (!buf)
        return;
    char *e = escape_quoted(buf, s, n);
    fwrite(buf, 1, (size_t)(e - buf), out);
    if (buf != small)
        free(buf);
}

/* ---- strings escaped once --------------------------------------------------------- *
 * Messages and fix titles repeat (about 1 600 distinct messages among 31 000 on
 * OCR text), so each distinct string is escaped once per file and copied after
 * that: a hash of its bytes finds the escaped copy, and comparing the bytes
 * makes sure. The table borrows the strings from the file's diagnostics, which
 * outlive it. */
enum {
    STR_CACHED_MAX = 512,       /* longer strings are escaped where they are printed */
    STR_CACHE_SLOTS = 1 << 19,  /* no more than half of these are filled */
    STR_CACHE_BYTES = 32 << 20, /* nor more escaped bytes kept than this */
};

/* Bytes readable past the escaped copies' end, so a short copy can be a fixed-size
 * one. */
enum { ESC_TAIL = 32 };

typedef struct {
    uint64_t hash;
    const char *raw; /* NULL: an empty slot */
    size_t len;
    size_t at, esc_len; /* the escaped copy (quotes included) in esc */
    size_t next;        /* the slot of the string printed after this one last time (a
                           guess, checked: a message's fix title, a title's new text) */
} str_slot;

enum { NO_SLOT = SIZE_MAX };

typedef struct {
    str_slot *slots; /* open addressing, a power of two of them */
    size_t mask, used;
    size_t prev; /* the slot of the string printed last, or NO_SLOT */
    char *esc;
    size_t esc_len, esc_cap;
} str_cache;

static void str_cache_init(str_cache *c)
{
    c->mask = 255;
    c->used = 0;
    c->prev = NO_SLOT;
    c->slots = calloc(c->mask + 1, sizeof *c->slots);
    c->esc = NULL;
    c->esc_len = c->esc_cap = 0;
    if (!c->slots)
        c->mask = 0; /* caching off; printing still works */
}

static void str_cache_free(str_cache *c)
{
    free(c->slots);
    free(c->esc);
}

static inline uint64_t load8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
    return x;
}

/* A word at a time; the last word overlaps the one before when n is not a
 * multiple of 8. */
static inline uint64_t str_hash(const char *s, size_t n)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = (n + 1) * k;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            h = (h ^ load8(s + i)) * k;
        h = (h ^ load8(s + n - 8)) * k;
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        h = (h ^ ((uint64_t)a << 32 | b)) * k;
    } else if (n) {
        const unsigned char *u = (const unsigned char *)s;
        h = (h ^ ((uint64_t)u[0] << 16 | (uint64_t)u[n / 2] << 8 | u[n - 1])) * k;
    }
    return h ^ (h >> 32);
}

static bool str_cache_grow(str_cache *c)
{
    size_t n = (c->mask + 1) * 2;
    str_slot *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i <= c->mask; i++) {
        if (!c->slots[i].raw)
            continue;
        size_t j = c->slots[i].hash & (n - 1);
        while (s[j].raw)
            j = (j + 1) & (n - 1);
        s[j] = c->slots[i];
    }
    free(c->slots);
    c->slots = s;
    c->mask = n - 1;
    c->prev = NO_SLOT; /* the slots moved; the `next` guesses are only wrong now */
    return true;
}

/* Keeps the escaped copy esc[0..esc_len) of s[0..n) (hash h) when there is room;
 * returns its slot, or NO_SLOT. */
static size_t str_cache_add(str_cache *c, uint64_t h, const char *s, size_t n, const char *esc,
                            size_t esc_len)
{
    if (2 * (c->used + 1) > c->mask + 1 && (c->mask + 1 >= STR_CACHE_SLOTS || !str_cache_grow(c)))
        return NO_SLOT;
    if (c->esc_len + esc_len > c->esc_cap) {
        if (c->esc_len + esc_len > STR_CACHE_BYTES)
            return NO_SLOT;
        size_t cap = c->esc_cap ? 2 * c->esc_cap : 1 << 16;
        while (cap < c->esc_len + esc_len)
            cap *= 2;
        char *grown = realloc(c->esc, cap + ESC_TAIL);
        if (!grown)
            return NO_SLOT;
        c->esc = grown;
        c->esc_cap = cap;
    }
    size_t j = h & c->mask;
    while (c->slots[j].raw)
        j = (j + 1) & c->mask;
    c->slots[j] = (str_slot){h, s, n, c->esc_len, esc_len, NO_SLOT};
    memcpy(c->esc + c->esc_len, esc, esc_len);
    c->esc_len += esc_len;
    c->used++;
    return j;
}

/* Records that slot i (or NO_SLOT) was printed just now, after c->prev. */
static inline void str_cache_follow(str_cache *c, size_t i)
{
    if (c->prev != NO_SLOT)
        c->slots[c->prev].next = i;
    c->prev = i;
}

/* Whether a[0..n) and b[0..n) are equal; short strings (most fix texts) by a
 * few word compares instead of a call. */
static inline bool same_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16)
        return !((load8(a) ^ load8(b)) | (load8(a + n - 8) ^ load8(b + n - 8)));
    return memcmp(a, b, n) == 0;
}

/* The first time s[0..n) (hash h) is printed: escaped in place, then kept. */
static char *put_string_new(jw *w, str_cache *c, char *o, const char *s, size_t n, uint64_t h)
{
    o = jw_room(w, o, 6 * n + 2);
    char *e = escape_quoted(o, s, n);
    str_cache_follow(c, str_cache_add(c, h, s, n, o, (size_t)(e - o)));
    return e;
}

/* The cached copy of slot sl. */
static inline __attribute__((always_inline)) char *put_slot(jw *w, const str_cache *c, char *o,
                                                            const str_slot *sl)
{
    const char *esc = c->esc + sl->at;
    o = jw_room(w, o, sl->esc_len);
    if (sl->esc_len <= 32) /* fixed sizes: moves (ESC_TAIL and the slack have room) */
        memcpy(o, esc, 32);
    else
        memcpy(o, esc, sl->esc_len);
    return o + sl->esc_len;
}

/* s[0..n) as a JSON string literal, from the cache when it was printed before. */
static inline __attribute__((always_inline)) char *put_string(jw *w, str_cache *c, char *o,
                                                              const char *s, size_t n)
{
    if (__builtin_expect(n > STR_CACHED_MAX || !c->mask, 0)) {
        o = jw_room(w, o, 6 * n + 2);
        return escape_quoted(o, s, n);
    }
    if (c->prev != NO_SLOT) { /* what followed the last string last time, often again */
        size_t g = c->slots[c->prev].next;
        if (g != NO_SLOT && c->slots[g].raw && c->slots[g].len == n &&
            same_bytes(c->slots[g].raw, s, n)) {
            c->prev = g;
            return put_slot(w, c, o, &c->slots[g]);
        }
    }
    uint64_t h = str_hash(s, n);
    for (size_t i = h & c->mask; c->slots[i].raw; i = (i + 1) & c->mask) {
        const str_slot *sl = &c->slots[i];
        if (sl->hash == h && sl->len == n && same_bytes(sl->raw, s, n)) {
            str_cache_follow(c, i);
            return put_slot(w, c, o, sl);
        }
    }
    return put_string_new(w, c, o, s, n, h);
}

/* ---- positions, incrementally ----------------------------------------------------- *
 * The same line and column (UTF-16 units for JSON, code points for the text,
 * GitHub and SARIF formats) as kr_document_position(), computed by walking
 * forward from the last position asked for: diagnostics come sorted by start, so
 * the walk over a whole file is about one pass over its text, eight ASCII bytes
 * a step. */
typedef struct {
    const kr_document *doc;
    const char *text;
    size_t len, n_lines;
    size_t line, line_start, next_start; /* the cursor's line: [line_start, next_start) */
    size_t off;                          /* where counting stopped, a character start */
    uint32_t units;                      /* units from the line's start to off */
    uint32_t astral_units;               /* of a 4-byte character: 2 in UTF-16, 1 in UTF-32 */
} pos_cursor;

static void cursor_init(pos_cursor *c, const kr_document *doc, kr_encoding enc)
{
    c->doc = doc;
    c->astral_units = enc == KR_ENC_UTF16 ? 2 : 1;
    c->text = kr_document_text(doc, &c->len);
    c->n_lines = kr_document_line_count(doc);
    c->line = SIZE_MAX; /* none yet: the first query finds its line */
    c->line_start = 0;
    c->next_start = 0;
    c->off = 0;
    c->units = 0;
}

/* Where counting starts on a line: after a byte-order mark on line 0, which
 * editors neither show nor count (as in document.c). */
static size_t cursor_line_begin(const pos_cursor *c)
{
    if (c->line == 0 && c->len >= 3 && memcmp(c->text, "\xEF\xBB\xBF", 3) == 0)
        return 3;
    return c->line_start;
}

/* Bytes of the character at s and its units; an invalid byte is one character
 * of one unit (document.c's rule). */
static size_t cursor_char(const pos_cursor *c, const char *s, size_t avail, uint32_t *units)
{
    size_t n = utf8_len(s, avail);
    if (n == 0)
        n = 1;
    *units = n == 4 ? c->astral_units : 1;
    return n;
}

/* Puts the cursor on the line holding offset: forward line by line from where
 * it is (offsets mostly grow a line or two at a time), else by search. */
static void cursor_seek_line(pos_cursor *c, size_t offset)
{
    if (c->line != SIZE_MAX && offset >= c->next_start) {
        size_t next = c->next_start;
        do {
            c->line++;
            c->line_start = next;
            next =
                c->line + 1 < c->n_lines ? kr_document_line_start(c->doc, c->line + 1) : SIZE_MAX;
        } while (offset >= next);
        c->next_start = next;
    } else {
        c->line = kr_document_line_of(c->doc, offset);
        c->line_start = kr_document_line_start(c->doc, c->line);
        c->next_start =
            c->line + 1 < c->n_lines ? kr_document_line_start(c->doc, c->line + 1) : SIZE_MAX;
    }
    c->off = cursor_line_begin(c);
    c->units = 0;
}

/* The position of offset (<= len), walking from where the cursor is when it
 * can. */
static kr_position cursor_walk(pos_cursor *c, size_t offset)
{
    if (offset < c->line_start || offset >= c->next_start) {
        cursor_seek_line(c, offset);
    } else if (offset < c->off) {
        c->off = cursor_line_begin(c);
        c->units = 0;
    }
    size_t i = c->off;
    uint32_t units = c->units;
    while (i < offset) {
        /* the next (up to) eight bytes before offset, as the low bytes of a word */
        size_t left = offset - i;
        uint64_t x;
        if (left >= 8)
            x = load8(c->text + i);
        else if (offset >= 8)
            x = load8(c->text + offset - 8) >> 8 * (8 - left);
        else
            x = (unsigned char)c->text[i] | 0x80; /* the file's first bytes: one at a time */
        uint64_t high = x & 0x8080808080808080ull;
        /* ASCII bytes before the first that is not: one unit each */
        size_t k = high ? (size_t)__builtin_ctzll(high) / 8 : left < 8 ? left : 8;
        i += k;
        units += (uint32_t)k;
        if (i >= offset || !high)
            continue;
        if ((unsigned char)c->text[i] < 0x80) {
            i++; /* the first-bytes case */
            units++;
            continue;
        }
        uint32_t u;
        size_t n = cursor_char(c, c->text + i, c->len - i, &u);
        if (i + n > offset)
            break; /* offset inside a character: report the character's start */
        units += u;
        i += n;
    }
    c->off = i;
    c->units = units;
    return (kr_position){(uint32_t)c->line, units};
}

static kr_position cursor_at(pos_cursor *c, size_t offset)
{
    return cursor_walk(c, offset < c->len ? offset : c->len);
}

/* ---- the JSON document ------------------------------------------------------------- */

/* What one file's printing keeps: the writer, the cursor, the strings already
 * escaped, the "rule"/"severity" opening of each rule seen, and the last
 * diagnostic's range and bytes as printed (its fix's edit usually has the same
 * ones). */
enum { PIECE = 128, N_OPENINGS = 16 };

typedef struct {
    jw w;
    pos_cursor pc;
    str_cache strs;
    struct {
        const char *rule; /* registered rule ids are kept by pointer: one per rule */
        kr_severity sev;
        char *text;
        size_t len;
    } openings[N_OPENINGS];
    size_t n_openings;
    size_t piece_start, piece_end; /* the range the pieces are for */
    uint32_t line_for;             /* the line number last printed, and its digits */
    char line_digits[16];
    size_t line_len;
    char range[PIECE], bytes[PIECE];
    size_t range_len, bytes_len;
} json_ctx;

static bool shown(const kr_cli_result *r, const kr_diagnostic *d)
{
    return d->severity <= r->min_severity;
}

/* A line number: the same one many times in a row (a range's start and end, the
 * findings on one line), so its digits are kept. */
static inline __attribute__((always_inline)) char *put_line(json_ctx *x, char *o, uint32_t line)
{
    if (line != x->line_for) {
        x->line_len = (size_t)(put_uint(x->line_digits, line) - x->line_digits);
        x->line_for = line;
    }
    memcpy(o, x->line_digits, 16); /* fixed size: moves; the slack has room */
    return o + x->line_len;
}

/* "range": {...} of [start, end); at most 77 bytes and four 10-digit numbers. */
static char *put_range(json_ctx *x, char *o, size_t start, size_t end)
{
    kr_position a = cursor_at(&x->pc, start);
    kr_position b = cursor_at(&x->pc, end);
    o = PUT_LIT(o, "\"range\": {\"start\": {\"line\": ");
    o = put_line(x, o, a.line);
    o = PUT_LIT(o, ", \"character\": ");
    o = put_uint(o, a.character);
    o = PUT_LIT(o, "}, \"end\": {\"line\": ");
    o = put_line(x, o, b.line);
    o = PUT_LIT(o, ", \"character\": ");
    o = put_uint(o, b.character);
    return PUT_LIT(o, "}}");
}

/* "bytes": {...}; at most 29 bytes and two 20-digit numbers. */
static char *put_bytes(char *o, size_t start, size_t end)
{
    o = PUT_LIT(o, "\"bytes\": {\"start\": ");
    o = put_uint(o, start);
    o = PUT_LIT(o, ", \"end\": ");
    o = put_uint(o, end);
    return PUT_LIT(o, "}");
}

/* Makes the pieces (range and bytes) those of [start, end). */
static void pieces_for(json_ctx *x, size_t start, size_t end)
{
    if (x->piece_start == start && x->piece_end == end)
        return;
    x->range_len = (size_t)(put_range(x, x->range, start, end) - x->range);
    x->bytes_len = (size_t)(put_bytes(x->bytes, start, end) - x->bytes);
    x->piece_start = start;
    x->piece_end = end;
}

/* A piece copied whole (a fixed size: moves, no call; the slack has room). */
static inline char *put_piece(char *o, const char *piece, size_t len)
{
    memcpy(o, piece, PIECE);
    return o + len;
}

/* {"rule": "…", "severity": "…", "message":  — the same for every diagnostic of
 * a rule, so made once per rule. */
static char *put_opening(json_ctx *x, char *o, const kr_diagnostic *d)
{
    size_t k = 0;
    while (k < x->n_openings &&
           (x->openings[k].rule != d->rule || x->openings[k].sev != d->severity))
        k++;
    if (k == x->n_openings) {
        const char *sev = kr_severity_name(d->severity);
        size_t n = strlen(d->rule), ns = strlen(sev);
        char *t = kr_xmalloc(6 * n + ns + 64), *e = t;
        e = PUT_LIT(e, "{\"rule\": ");
        e = escape_quoted(e, d->rule, n);
        e = PUT_LIT(e, ", \"severity\": \"");
        memcpy(e, sev, ns);
        e += ns;
        e = PUT_LIT(e, "\", \"message\": ");
        if (k == N_OPENINGS) { /* more rules than expected: made each time */
            o = jw_room(&x->w, o, (size_t)(e - t));
            memcpy(o, t, (size_t)(e - t));
            o += e - t;
            free(t);
            return o;
        }
        x->openings[k].rule = d->rule;
        x->openings[k].sev = d->severity;
        x->openings[k].text = t;
        x->openings[k].len = (size_t)(e - t);
        x->n_openings++;
    }
    o = jw_room(&x->w, o, x->openings[k].len);
    memcpy(o, x->openings[k].text, x->openings[k].len);
    return o + x->openings[k].len;
}

static char *put_fix(json_ctx *x, char *o, const kr_fix *f)
{
    o = PUT_LIT(o, "{\"title\": ");
    o = put_string(&x->w, &x->strs, o, f->title, strlen(f->title));
    if (f->preferred)
        o = PUT_LIT(o, ", \"preferred\": true, \"edits\": [");
    else
        o = PUT_LIT(o, ", \"preferred\": false, \"edits\": [");
    for (size_t i = 0; i < f->n_edits; i++) {
        const kr_edit *e = &f->edits[i];
        if (i)
            o = PUT_LIT(o, ", ");
        o = PUT_LIT(o, "{");
        pieces_for(x, e->start, e->end);
        o = put_piece(o, x->bytes, x->bytes_len);
        o = PUT_LIT(o, ", \"newText\": ");
        o = put_string(&x->w, &x->strs, o, e->text, e->len);
        o = PUT_LIT(o, ", ");
        o = put_piece(o, x->range, x->range_len);
        o = PUT_LIT(o, "}");
    }
    return PUT_LIT(o, "]}");
}

static char *put_diag(json_ctx *x, char *o, const kr_diagnostic *d)
{
    o = put_opening(x, o, d);
    o = put_string(&x->w, &x->strs, o, d->message, strlen(d->message));
    o = PUT_LIT(o, ", ");
    pieces_for(x, d->start, d->end);
    o = put_piece(o, x->range, x->range_len);
    o = PUT_LIT(o, ", ");
    o = put_piece(o, x->bytes, x->bytes_len);
    o = PUT_LIT(o, ", \"fixes\": [");
    for (size_t i = 0; i < d->n_fixes; i++) {
        if (i)
            o = PUT_LIT(o, ", ");
        o = put_fix(x, o, &d->fixes[i]);
    }
    return PUT_LIT(o, "]}");
}

/* One entry of "files": {"path": …, "diagnostics": [...]} (+ "error" on failure).
 * `one_line` for jsonl, where a line break would end the object early. */
static void json_file(FILE *out, const kr_cli_result *r, bool one_line)
{
    json_ctx *x = calloc(1, sizeof *x);
    if (!x) {
        fputs("korrektur: out of memory\n", stderr);
        abort();
    }
    jw_open(&x->w, out);
    str_cache_init(&x->strs);
    x->piece_start = x->piece_end = SIZE_MAX;
    x->line_for = UINT32_MAX;
    char *o = x->w.buf;
    o = PUT_LIT(o, "{\"path\": ");
    const char *path = strcmp(r->path, "-") == 0 ? "<stdin>" : r->path;
    o = put_string(&x->w, &x->strs, o, path, strlen(path));
    if (r->error) {
        o = PUT_LIT(o, ", \"error\": ");
        o = put_string(&x->w, &x->strs, o, r->error, strlen(r->error));
    }
    o = PUT_LIT(o, ", \"diagnostics\": [");
    bool first = true;
    size_t n = r->diags ? r->diags->n : 0;
    if (n)
        cursor_init(&x->pc, r->doc, KR_ENC_UTF16);
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = r->diags->items[i];
        if (!shown(r, d))
            continue;
        if (one_line) {
            if (!first)
                o = PUT_LIT(o, ", ");
        } else if (first) {
            o = PUT_LIT(o, "\n  ");
        } else {
            o = PUT_LIT(o, ",\n  ");
        }
        first = false;
        o = put_diag(x, o, d);
    }
    o = PUT_LIT(o, "]}");
    jw_close(&x->w, o);
    str_cache_free(&x->strs);
    for (size_t k = 0; k < x->n_openings; k++)
        free(x->openings[k].text);
    free(x);
}

/* ---- text and GitHub ------------------------------------------------------------- *
 * The same writer and cursor, columns in code points and 1-based, as compilers
 * print them. */

/* Raw bytes (text format: the message as it is). */
static inline char *put_raw(jw *w, char *o, const char *s, size_t n)
{
    o = jw_room(w, o, n);
    memcpy(o, s, n);
    return o + n;
}

static void text_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? r->diags->n : 0;
    if (!n)
        return;
    const char *path = strcmp(r->path, "-") == 0 ? "<stdin>" : r->path;
    size_t path_len = strlen(path);
    jw w;
    jw_open(&w, out);
    pos_cursor pc;
    cursor_init(&pc, r->doc, KR_ENC_UTF32);
    char *o = w.buf;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = r->diags->items[i];
        if (!shown(r, d))
            continue;
        kr_position p = cursor_at(&pc, d->start);
        o = put_raw(&w, o, path, path_len);
        *o++ = ':';
        o = put_uint(o, (uint64_t)p.line + 1);
        *o++ = ':';
        o = put_uint(o, (uint64_t)p.character + 1);
        o = PUT_LIT(o, ": ");
        const char *sev = kr_severity_name(d->severity);
        o = put_raw(&w, o, sev, strlen(sev));
        o = PUT_LIT(o, ": ");
        o = put_raw(&w, o, d->message, strlen(d->message));
        o = PUT_LIT(o, " [");
        o = put_raw(&w, o, d->rule, strlen(d->rule));
        o = PUT_LIT(o, "]\n");
    }
    jw_close(&w, o);
}

/* GitHub workflow commands: the message must be on one line, with %, CR and LF
 * escaped; properties also escape ':' and ','. Runs without any of these are
 * copied whole. */
static char *gh_escape(jw *w, char *o, const char *s, bool property)
{
    const char *special = property ? "%\r\n:," : "%\r\n";
    size_t n = strlen(s);
    o = jw_room(w, o, 3 * n);
    for (;;) {
        size_t run = strcspn(s, special);
        memcpy(o, s, run);
        o += run;
        s += run;
        if (!*s)
            return o;
        switch (*s++) {
        case '%':
            o = PUT_LIT(o, "%25");
            break;
        case '\r':
            o = PUT_LIT(o, "%0D");
            break;
        case '\n':
            o = PUT_LIT(o, "%0A");
            break;
        case ':':
            o = PUT_LIT(o, "%3A");
            break;
        default:
            o = PUT_LIT(o, "%2C");
            break;
        }
    }
}

static void github_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? r->diags->n : 0;
    if (!n)
        return;
    jw w;
    jw_open(&w, out);
    pos_cursor pc;
    cursor_init(&pc, r->doc, KR_ENC_UTF32);
    char *o = w.buf;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = r->diags->items[i];
        if (!shown(r, d))
            continue;
        kr_position a = cursor_at(&pc, d->start);
        kr_position b = cursor_at(&pc, d->end);
        if (d->severity == KR_SEV_ERROR)
            o = PUT_LIT(o, "::error file=");
        else if (d->severity == KR_SEV_WARNING)
            o = PUT_LIT(o, "::warning file=");
        else
            o = PUT_LIT(o, "::notice file=");
        o = gh_escape(&w, o, r->path, true);
        o = PUT_LIT(o, ",line=");
        o = put_uint(o, (uint64_t)a.line + 1);
        o = PUT_LIT(o, ",col=");
        o = put_uint(o, (uint64_t)a.character + 1);
        o = PUT_LIT(o, ",endLine=");
        o = put_uint(o, (uint64_t)b.line + 1);
        o = PUT_LIT(o, ",endColumn=");
        o = put_uint(o, (uint64_t)b.character + 1);
        o = PUT_LIT(o, ",title=");
        o = gh_escape(&w, o, d->rule, true);
        o = PUT_LIT(o, "::");
        o = gh_escape(&w, o, d->message, false);
        *o++ = '\n';
    }
    jw_close(&w, o);
}

/* ---- the writer for cli_sarif.c ----------------------------------------------------- */
struct kr_cli_writer {
    jw w;
    char *o;
    str_cache strs;
    pos_cursor pc;
};

kr_cli_writer *kr_cli_writer_new(FILE *out, const kr_document *doc, kr_encoding enc)
{
    kr_cli_writer *w = kr_xmalloc(sizeof *w);
    jw_open(&w->w, out);
    w->o = w->w.buf;
    str_cache_init(&w->strs);
    if (doc)
        cursor_init(&w->pc, doc, enc);
    return w;
}

void kr_cli_writer_end(kr_cli_writer *w)
{
    jw_close(&w->w, w->o);
    str_cache_free(&w->strs);
    free(w);
}

void kr_cli_write(kr_cli_writer *w, const char *s, size_t n)
{
    char *o = jw_room(&w->w, w->o, n);
    if (n >= 8 && n <= 64) {
        /* the literals between SARIF's values: words, the last one overlapping,
         * instead of a call */
        for (size_t i = 0; i + 8 < n; i += 8)
            memcpy(o + i, s + i, 8);
        memcpy(o + n - 8, s + n - 8, 8);
    } else {
        memcpy(o, s, n);
    }
    w->o = o + n;
}

void kr_cli_write_uint(kr_cli_writer *w, unsigned long long v)
{
    w->o = put_uint(w->o, v); /* 20 digits at most: within the slack */
    w->o = jw_room(&w->w, w->o, 0);
}

void kr_cli_write_json(kr_cli_writer *w, const char *s, size_t n)
{
    w->o = put_string(&w->w, &w->strs, w->o, s, n);
}

kr_position kr_cli_writer_position(kr_cli_writer *w, size_t offset)
{
    return cursor_at(&w->pc, offset);
}

void kr_cli_sarif_begin(FILE *out);
void kr_cli_sarif_file(const kr_cli_result *r, FILE *out, bool first);
void kr_cli_sarif_end(FILE *out);

static size_t files_printed;

void kr_cli_format_begin(const kr_cli_opts *opts, FILE *out)
{
    files_printed = 0;
    if (opts->format == KR_FMT_JSON)
        fputs("{\"version\": 1, \"files\": [", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_begin(out);
}

void kr_cli_format_file(const kr_cli_opts *opts, const kr_cli_result *r, FILE *out)
{
    switch (opts->format) {
    case KR_FMT_TEXT:
        text_file(out, r);
        break;
    case KR_FMT_JSON:
        fputs(files_printed ? ",\n" : "\n", out);
        json_file(out, r, false);
        break;
    case KR_FMT_JSONL:
        json_file(out, r, true);
        fputc('\n', out);
        fflush(out); /* streamed: a batch engine reads each line as it comes */
        break;
    case KR_FMT_SARIF:
        kr_cli_sarif_file(r, out, files_printed == 0);
        break;
    case KR_FMT_GITHUB:
        github_file(out, r);
        break;
    }
    files_printed++;
}

void kr_cli_format_end(const kr_cli_opts *opts, FILE *out)
{
    if (opts->format == KR_FMT_JSON)
        fputs("\n]}\n", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_end(out);
}
