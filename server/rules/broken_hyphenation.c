/* broken_hyphenation.c — rule `broken-hyphenation`: a word split by a line-end
 * hyphen, as PDF extraction and OCR leave typeset text (`igangvæ-⏎rende`). The
 * fix joins the halves: the hyphen, the line break and the next line's
 * indentation go, the rest of the next line follows the word.
 *
 * A line-end hyphen can also be real (`EU-⏎borger`, `Windows-⏎systemer`,
 * `apt-⏎list-changes`) or end a suspended compound (`lærings- og …`); those are
 * left alone. The decision weighs, in order: the document itself (the same
 * pair written elsewhere with or without the hyphen), the shape of the halves
 * (digits, acronyms, capitals), the dictionary on the joined and the separate
 * forms, and the Danish hyphenation patterns on the joined word (a typesetter
 * only breaks at a legal hyphenation point).
 *
 * The rule runs in two parts, so that an editor's edit re-decides only the
 * breaks of the blocks it touched. A break inside one block — its continuation
 * the next token, on the next line — is decided by the block part
 * (KR_SCOPE_BLOCK, cached per block by the lint cache), which notes each count
 * of the document it asked (kr_lint_note_fact); the document part decides the
 * rest (across blank lines, page headers or blocks) and, in an editor, keeps the
 * counts up to date and reports the ones an edit moved (kr_lint_fact_changed).
 * The document part runs first, so the split is drawn where no decision of one
 * part can take a token from an earlier decision of the other (block_break):
 * the result is the one pass in text order the rule once was. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "engine.h"
#include "hyphen_adapter.h"
#include "korrektur/lexicon.h"

/* ---- characters --------------------------------------------------------------- */

/* Decodes the UTF-8 character at s[i] (i < n); *len receives its byte length.
 * An invalid byte is one byte long and decodes as U+FFFD (no letter), so neither a
 * stray byte nor the lead byte of a character this does not expect can pass for a
 * letter and stretch a word into the next character. */
static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s + i;
    size_t avail = n - i;
    if (u[0] < 0x80 || avail < 2) {
        *len = 1;
        return u[0];
    }
    if ((u[0] & 0xE0) == 0xC0 && (u[1] & 0xC0) == 0x80) {
        *len = 2;
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    }
    if ((u[0] & 0xF0) == 0xE0 && avail >= 3 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *len = 3;
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    }
    if ((u[0] & 0xF8) == 0xF0 && avail >= 4 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 &&
        (u[3] & 0xC0) == 0x80) {
        *len = 4; /* an emoji, or another character beyond the BMP */
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
               (u[3] & 0x3Fu);
    }
    *len = 1;
    return 0xFFFD;
}

/* Start of the character that ends just before s[i] (i > 0). */
static size_t cp_start_before(const char *s, size_t i)
{
    size_t j = i - 1;
    while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80 && i - j < 4)
        j--;
    return j;
}

static bool is_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x52F);
}
static bool is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}
static bool is_alnum(uint32_t c)
{
    return is_letter(c) || is_digit(c);
}
static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
static bool is_lower(uint32_t c)
{
    return is_letter(c) && !is_upper(c);
}
static bool is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}

/* ---- one line-end break ------------------------------------------------------- */

typedef struct {
    size_t tok;            /* token index of the hyphen-ended chunk */
    size_t x_start;        /* that chunk */
    size_t xs_start;       /* its last letter/digit run: [xs_start, hyphen) */
    size_t hyphen;         /* the '-' */
    size_t y_start, y_end; /* the continuation's chunk on a later line */
    size_t ys_end;         /* its first letter/digit run: [y_start, ys_end) */
    bool across_blank;     /* blank lines between (OCR paragraph gaps) */
    bool across_header;    /* a running page header between */
    bool in_block;         /* decided by the block part: its counts are noted */
} hbreak;

static size_t line_end(const char *t, size_t len, size_t i)
{
    while (i < len && t[i] != '\n')
        i++;
    return i;
}

/* A running page header or page number line ("<title> Side 2", "- 3 -", "4"),
 * which can stand between the halves when a page broke inside a word. */
static bool is_page_header_line(const kr_lint_ctx *ctx, size_t s, size_t e)
{
    const char *t = ctx->text;
    /* the block holding s: the last to start at or before it (blocks follow
     * each other in the text; a pass over all of them, for each break across
     * a blank line, was most of an edit's lint of a 1 MB OCR text) */
    size_t lo = 0, hi = ctx->an->n_blocks;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (ctx->an->blocks[mid].start <= s)
            lo = mid;
        else
            hi = mid;
    }
    if (hi > lo) {
        const kr_block *bl = &ctx->an->blocks[lo];
        if (bl->kind == KR_BLOCK_PAGE_HEADER && bl->start <= s && e <= bl->end + 1)
            return true;
    }
    while (e > s && is_hspace(t[e - 1]))
        e--;
    size_t d = e;
    while (d > s && t[d - 1] >= '0' && t[d - 1] <= '9')
        d--;
    if (d == e || d - s > 200)
        return false;
    size_t k = d;
    while (k > s && (t[k - 1] == ' ' || t[k - 1] == '-'))
        k--;
    if (k == s)
        return true; /* only a page number */
    static const char *const words[] = {"Side", "side", "Page", "page", "Seite"};
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
        size_t n = strlen(words[w]);
        if (k - s >= n && memcmp(t + k - n, words[w], n) == 0 && k < d &&
            (k - s == n || t[k - n - 1] == ' '))
            return true;
    }
    return false;
}

/* Finds the continuation after the line end at `eol`: the next line's first
 * chunk, or — across blank lines and at most one page header — the first chunk
 * of the next text line when it starts in lower case. */
static bool find_continuation(const kr_lint_ctx *ctx, size_t eol, hbreak *b)
{
    const char *t = ctx->text;
    size_t len = ctx->len;
    size_t i = eol + 1;
    int headers = 0;
    for (int lines = 0; i < len && lines < 8; lines++) {
        size_t e = line_end(t, len, i), j = i;
        while (j < e && is_hspace(t[j]))
            j++;
        if (j == e) { /* blank */
            b->across_blank = true;
            i = e + 1;
            continue;
        }
        if (b->across_blank && headers == 0 && is_page_header_line(ctx, j, e)) {
            headers++;
            b->across_header = true;
            i = e + 1;
            continue;
        }
        b->y_start = j;
        while (j < e && !is_hspace(t[j]))
            j++;
        b->y_end = j;
        size_t k = b->y_start, n;
        while (k < b->y_end && is_alnum(cp_at(t, b->y_end, k, &n)))
            k += n;
        b->ys_end = k;
        if (b->across_blank) {
            /* only a continuation in lower case (or a word in capitals going on) */
            uint32_t c = cp_at(t, b->y_end, b->y_start, &n);
            uint32_t x = cp_at(t, len, cp_start_before(t, b->hyphen), &n);
            if (!is_lower(c) && !(is_upper(c) && is_upper(x)))
                return false;
        }
        return true;
    }
    return false;
}

/* Reads the break at token `ti` (a chunk ending in '-' at a line end). */
static bool read_break(const kr_lint_ctx *ctx, size_t ti, hbreak *b)
{
    const kr_token *tk = &ctx->an->tokens[ti];
    const char *t = ctx->text;
    if (tk->ws_end == 0 || t[tk->ws_end - 1] != '-' || tk->ws_end - 1 <= tk->ws_start)
        return false; /* most line ends: before the record is cleared */
    memset(b, 0, sizeof *b);
    b->tok = ti;
    b->x_start = tk->ws_start;
    b->hyphen = tk->ws_end - 1;
    size_t eol = tk->ws_end;
    while (eol < ctx->len && is_hspace(t[eol]))
        eol++;
    if (eol >= ctx->len || t[eol] != '\n')
        return false;
    size_t k = b->hyphen;
    /* a path or an option broken right after its separator: "C:\\windows\\-⏎fonts" */
    if (k - 1 > b->x_start && strchr("/\\=:._", t[k - 1]))
        k--;
    while (k > b->x_start) {
        size_t p = cp_start_before(t, k), n;
        if (p < b->x_start || !is_alnum(cp_at(t, b->hyphen, p, &n)))
            break;
        k = p;
    }
    b->xs_start = k;
    if (k == b->hyphen)
        return false; /* "…)-", "--": not a word half */
    return find_continuation(ctx, eol, b);
}

/* ---- evidence from the document ----------------------------------------------- */

/* Counts of letter/digit runs, of "a-b" pairs of runs and of runs before a
 * hyphen in such pairs ("a-") in the document (case-folded hashes), built once
 * per lint when a break needs them. */
typedef struct {
    uint64_t *keys;
    uint32_t *counts;
    size_t cap;
    size_t used;     /* slots taken (a count fallen to 0 keeps its slot) */
    kr_arena *arena; /* where its arrays are (NULL: malloc'd) */
} runset;

/* Room for cap keys, empty, in rs->arena (or malloc'd). */
static void runset_alloc(runset *rs, size_t cap)
{
    rs->cap = cap;
    rs->used = 0;
    if (rs->arena) {
        rs->keys = kr_arena_alloc(rs->arena, cap * sizeof *rs->keys);
        rs->counts = kr_arena_alloc(rs->arena, cap * sizeof *rs->counts);
    } else {
        rs->keys = calloc(cap, sizeof *rs->keys);
        rs->counts = calloc(cap, sizeof *rs->counts);
        if (!rs->keys || !rs->counts)
            abort();
    }
}

static size_t runset_slot(const runset *rs, uint64_t h)
{
    size_t m = rs->cap - 1, i = (size_t)(h ^ (h >> 29)) & m;
    while (rs->keys[i] && rs->keys[i] != h)
        i = (i + 1) & m;
    return i;
}

/* Makes room for one more key: the table again without the keys counted down
 * to 0, twice as large while those left would fill more than a quarter (an
 * editor's paste of new text outgrows the table its first text sized). */
static void runset_grow(runset *rs)
{
    runset old = *rs;
    size_t live = 0, cap = old.cap;
    for (size_t i = 0; i < old.cap; i++)
        live += old.keys[i] && old.counts[i];
    while ((live + 1) * 4 > cap)
        cap *= 2;
    runset_alloc(rs, cap);
    for (size_t i = 0; i < old.cap; i++)
        if (old.keys[i] && old.counts[i]) {
            size_t k = runset_slot(rs, old.keys[i]);
            rs->keys[k] = old.keys[i];
            rs->counts[k] = old.counts[i];
            rs->used++;
        }
    if (!old.arena) {
        free(old.keys);
        free(old.counts);
    }
}

/* One byte c into the hash h of a case-folded text; prev: the byte before c
 * in that text (0 at its start). */
static inline uint64_t fold_byte(uint64_t h, unsigned char prev, unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        c += 32;
    else if (prev == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
        c += 0x20; /* À–Þ → à–þ */
    return (h ^ c) * 1099511628211ull;
}

static uint64_t fold_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = fold_byte(h, i > 0 ? (unsigned char)s[i - 1] : 0, (unsigned char)s[i]);
    return h;
}
#define HASH0 1469598103934665603ull

/* The runs an editor's edit took away or counted again, each with its count
 * before (those whose count moved are facts the block part may have noted). */
typedef struct {
    uint64_t *h;
    uint32_t *before;
    size_t n, cap;
} runlog;

static void runlog_add(runlog *log, uint64_t h, uint32_t before)
{
    if (log->n == log->cap) {
        log->cap = log->cap ? 2 * log->cap : 256;
        log->h = kr_xrealloc(log->h, log->cap * sizeof *log->h);
        log->before = kr_xrealloc(log->before, log->cap * sizeof *log->before);
    }
    log->h[log->n] = h;
    log->before[log->n++] = before;
}

/* Counts one more (sign 1) or one fewer (-1) of h, logged in `log` (NULL: not). */
static void runset_add(runset *rs, uint64_t h, int sign, runlog *log)
{
    h |= 1; /* 0 marks an empty slot */
    size_t i = runset_slot(rs, h);
    if (log)
        runlog_add(log, h, rs->keys[i] ? rs->counts[i] : 0);
    if (!rs->keys[i]) {
        if (sign < 0)
            return; /* not counted: nothing to take away */
        if ((rs->used + 1) * 2 > rs->cap) {
            runset_grow(rs);
            i = runset_slot(rs, h);
        }
        rs->keys[i] = h;
        rs->used++;
    }
    if (sign > 0)
        rs->counts[i]++;
    else if (rs->counts[i] > 0)
        rs->counts[i]--;
}

static unsigned runset_count(const runset *rs, uint64_t h)
{
    size_t i = runset_slot(rs, h | 1);
    return rs->keys[i] ? rs->counts[i] : 0;
}

/* Each ASCII byte as a run hashes it (case-folded), or 0: not a letter or digit. */
static const unsigned char ascii_run[128] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
    ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k',
    ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
    ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
    ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm',
    ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z'};

/* The hash of t[s, e) folded (fold_hash) and continued from h, whose text
 * ended with the byte prev. */
static uint64_t fold_from(uint64_t h, unsigned char prev, const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        h = fold_byte(h, prev, (unsigned char)t[i]);
        prev = (unsigned char)t[i];
    }
    return h;
}

/* The end of the run of letters and digits at t[i] (i < to), and in *h its hash
 * (fold_hash) continued: one pass, the ASCII bytes by table (every byte of a
 * counted text comes here), the others decoded (is_alnum). */
static size_t run_end(const char *t, size_t len, size_t i, size_t to, uint64_t *h)
{
    uint64_t x = *h;
    while (i < to) {
        unsigned char c = (unsigned char)t[i];
        if (c < 0x80) {
            if (!ascii_run[c])
                break;
            x = (x ^ ascii_run[c]) * 1099511628211ull;
            i++;
            continue;
        }
        size_t n;
        if (!is_alnum(cp_at(t, len, i, &n)))
            break;
        x = fold_from(x, 0, t, i, i + n);
        i += n;
    }
    *h = x;
    return i;
}

/* Counts (sign 1) or takes away (-1) the runs of t[from, to), whole lines: a
 * run, a pair and the run before a pair's hyphen never cross a line break.
 * Each is logged in `log` (NULL: not). */
static void runset_scan(runset *rs, const char *t, size_t len, size_t from, size_t to, int sign,
                        runlog *log)
{
    size_t prev_s = SIZE_MAX, prev_e = 0;
    uint64_t prev_h = 0; /* the hash of the run at prev_s */
    for (size_t i = from; i < to;) {
        unsigned char c = (unsigned char)t[i];
        size_t n = 1;
        if (c < 0x80 ? !ascii_run[c] : !is_alnum(cp_at(t, len, i, &n))) {
            i += n;
            continue;
        }
        size_t s = i;
        uint64_t h = HASH0;
        i = run_end(t, len, i, to, &h);
        runset_add(rs, h, sign, log);
        /* a pair joined by one hyphen on the same line, and its first run as
         * one written before a hyphen ("education-", no run ends in '-') */
        if (prev_s != SIZE_MAX && prev_e + 1 == s && t[prev_e] == '-') {
            uint64_t dash = fold_byte(prev_h, (unsigned char)t[prev_e - 1], '-');
            runset_add(rs, fold_from(dash, '-', t, s, i), sign, log);
            runset_add(rs, dash, sign, log);
        }
        prev_s = s;
        prev_e = i;
        prev_h = h;
    }
}

/* An empty set for the runs of a text of len bytes, in the lint's scratch
 * (arena) or (NULL) malloc'd. Sized for the distinct runs, which grow far
 * slower than the text (some 10 000 in 1 MB of OCR text, 24 000 in 10 MB):
 * a table of one slot per two bytes took 100 MB of a 10 MB check, and 6 MB of
 * an editor's 1 MB document; runset_add grows it when needed. */
static void runset_init(runset *rs, size_t len, kr_arena *arena)
{
    size_t cap = 1024;
    while (cap < len / 64)
        cap *= 2;
    rs->arena = arena;
    runset_alloc(rs, cap);
}

/* The set an editor's document keeps between its lints (kr_lint_keep), with
 * the text it counts: the next lint takes away the runs of the lines that
 * changed and counts them again, instead of every run of the text (on 1 MB of
 * OCR text about 20 ms, on every edit), and so knows which counts an edit
 * moved — the facts the block part's cached decisions may rest on. */
typedef struct {
    runset rs;
    char *text;
    size_t len;
} runmem;

static void runmem_free(void *p)
{
    runmem *m = p;
    if (!m)
        return;
    free(m->rs.keys);
    free(m->rs.counts);
    free(m->text);
    free(m);
}

/* The set of a whole text, malloc'd: the rule's text pass (kr_rule.text_pass),
 * which a first lint's second thread makes while the text is parsed. */
static void *runs_make(const char *t, size_t len)
{
    runset *rs = kr_xmalloc(sizeof *rs);
    runset_init(rs, len, NULL);
    runset_scan(rs, t, len, 0, len, 1, NULL);
    return rs;
}

static void runs_free(void *p)
{
    runset *rs = p;
    if (!rs)
        return;
    free(rs->keys);
    free(rs->counts);
    free(rs);
}

static const kr_text_pass runs_pass = {runs_make, runs_free};

/* The set of a text, counted anew in m or taken from `made` (runs_make of the
 * same text; steals it), and the text kept. */
static void runmem_rebuild(runmem *m, const char *t, size_t len, runset *made)
{
    free(m->rs.keys);
    free(m->rs.counts);
    if (made) {
        m->rs = *made;
        free(made);
    } else {
        runset_init(&m->rs, len, NULL);
        runset_scan(&m->rs, t, len, 0, len, 1, NULL);
    }
    char *copy = realloc(m->text, len + 1);
    if (!copy)
        abort();
    memcpy(copy, t, len);
    m->text = copy;
    m->len = len;
}

/* m brought from its text to t[0..len): the lines between the two texts'
 * common beginning and end are taken away as they were and counted as they
 * are, each run logged in `log`. */
static void runmem_follow(runmem *m, const char *t, size_t len, runlog *log)
{
    const char *o = m->text;
    size_t olen = m->len, most = olen < len ? olen : len, f = 0, b = 0;
    while (f + 4096 <= most && memcmp(o + f, t + f, 4096) == 0)
        f += 4096;
    while (f < most && o[f] == t[f])
        f++;
    while (b + 4096 <= most - f && memcmp(o + olen - b - 4096, t + len - b - 4096, 4096) == 0)
        b += 4096;
    while (b < most - f && o[olen - 1 - b] == t[len - 1 - b])
        b++;
    if (f == olen && f == len)
        return;
    size_t from = f;
    while (from > 0 && t[from - 1] != '\n')
        from--;
    size_t to = len - b;
    while (to < len && t[to] != '\n')
        to++;
    size_t oto = olen - (len - to);
    runset_scan(&m->rs, o, olen, from, oto, -1, log);
    runset_scan(&m->rs, t, len, from, to, 1, log);
    char *copy = len > olen ? realloc(m->text, len + 1) : m->text;
    if (!copy)
        abort();
    /* the common beginning is there already, and so is the end unless it moved */
    memcpy(copy + f, t + f, (len == olen ? len - b : len) - f);
    m->text = copy;
    m->len = len;
}

/* ctx->shared's slot for the lint's set (0 and 1: confusion.h, compound_tail.h). */
#define KR_SHARED_RUNSET 2

/* The questions the decision asks of a count; to the lint cache, each count
 * asked so is a fact of its own (fact_of), with the answer as its value. */
enum { ASK_COUNT, ASK_TWICE, ASK_ANY };

static uint64_t fact_of(uint64_t h, int ask)
{
    static const uint64_t salt[] = {0, 0x6A09E667F3BCC908ull, 0xBB67AE8584CAA73Aull};
    return (h | 1) ^ salt[ask];
}

static uint32_t answer(unsigned count, int ask)
{
    return ask == ASK_COUNT ? count : ask == ASK_TWICE ? count > 1 : count > 0;
}

/* Tells the lint cache the facts of the counts the log's runs moved. */
static void report_moved(kr_lint_ctx *ctx, const runset *rs, const runlog *log)
{
    for (size_t i = 0; i < log->n; i++) {
        unsigned now = runset_count(rs, log->h[i]);
        if (now == log->before[i])
            continue; /* the run taken away and counted again: most of an edit's */
        for (int ask = ASK_COUNT; ask <= ASK_ANY; ask++)
            kr_lint_fact_changed(ctx, fact_of(log->h[i], ask), answer(now, ask));
    }
}

/* The lint's counts (ctx->shared[KR_SHARED_RUNSET]), made when first asked:
 * the document part names the memory an editor's lint keeps them in. */
typedef struct {
    runset rs;    /* once `ready` */
    runmem **mem; /* the lint cache's memory of the rule (NULL: none) */
    bool ready;
} lint_runs;

/* The lint's counts, ready: the kept ones brought to this text, the facts
 * that moved reported (kr_lint_fact_changed), or — a lint that keeps nothing —
 * counted anew in the scratch. */
static const runset *ready_runs(kr_lint_ctx *ctx, lint_runs *lr)
{
    if (lr->ready)
        return &lr->rs;
    lr->ready = true;
    if (!lr->mem) {
        runset_init(&lr->rs, ctx->len, ctx->scratch);
        runset_scan(&lr->rs, ctx->text, ctx->len, 0, ctx->len, 1, NULL);
        return &lr->rs;
    }
    runmem *m = *lr->mem;
    if (!m) {
        m = *lr->mem = calloc(1, sizeof *m);
        if (!m)
            abort();
        runmem_rebuild(m, ctx->text, ctx->len, kr_lint_take_text_pass(ctx, &runs_pass));
        kr_lint_facts_unknown(ctx);
    } else {
        runlog log = {0};
        runmem_follow(m, ctx->text, ctx->len, &log);
        report_moved(ctx, &m->rs, &log);
        free(log.h);
        free(log.before);
    }
    lr->rs = m->rs;
    return &lr->rs;
}

/* The document part's start: the lint's counts, from the memory the lint cache
 * keeps for an editor's document (kr_lint_keep). Brought to this text now when
 * a cached block rests on them, so that the moved facts are reported before
 * the block rules run (the memory follows the text across lints that skip
 * this: the next follow takes all that changed since); else when a break
 * first asks — for a text with none, never. */
static void start_runs(kr_lint_ctx *ctx)
{
    lint_runs *lr = kr_arena_alloc(ctx->scratch, sizeof *lr);
    lr->mem = (runmem **)kr_lint_keep(ctx, runmem_free);
    ctx->shared[KR_SHARED_RUNSET] = lr;
    if (!lr->mem)
        kr_lint_facts_unknown(ctx); /* an editor's lint without memory: nothing moved is known */
    else if (kr_lint_facts_noted(ctx))
        ready_runs(ctx, lr);
}

/* The lint's counts, made on first need (a lint that ran no document part
 * counts in its scratch). */
static const runset *doc_runs(kr_lint_ctx *ctx)
{
    lint_runs *lr = ctx->shared[KR_SHARED_RUNSET];
    if (!lr) {
        lr = kr_arena_alloc(ctx->scratch, sizeof *lr);
        ctx->shared[KR_SHARED_RUNSET] = lr;
    }
    return ready_runs(ctx, lr);
}

/* The document's count of the runs hashed h, asked as `ask`: noted for the
 * lint cache when the block part asks (its cached decision rests on it). */
static uint32_t ask_runs(kr_lint_ctx *ctx, const hbreak *b, uint64_t h, int ask)
{
    uint32_t a = answer(runset_count(doc_runs(ctx), h), ask);
    if (b->in_block)
        kr_lint_note_fact(ctx, ctx->an->tokens[b->tok].ws_start, fact_of(h, ask), a);
    return a;
}

/* ---- English ------------------------------------------------------------------- *
 * Danish technical text compounds English names with a hyphen
 * (shutdown-at-night-hosts, education-menus): an English second half is as good a
 * sign of a real hyphen as a Danish one, and an English joined word (upgrade) as
 * good a sign of a break. The repair engine's list (kr_english_word), asked for
 * words of ASCII letters; without it this evidence is simply off. */
static bool english_word(const char *s, size_t n)
{
    if (n < 2)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80 || !((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z'))
            return false;
    return kr_english_word(s, n);
}

/* ---- the decision ------------------------------------------------------------- */

/* Words after which a line-end hyphen ends a suspended compound
 * ("lærings- og udviklingsmuligheder"). */
static bool is_suspension_word(const char *s, size_t n)
{
    static const char *const w[] = {"og",          "eller",    "samt",  "el.", "hhv.",
                                    "henholdsvis", "og/eller", "såvel", "&",   "+",
                                    "/",           "end",      "som"};
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++)
        if (strlen(w[i]) == n && memcmp(s, w[i], n) == 0)
            return true;
    return false;
}

static size_t count_chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return true;
    return false;
}

/* Two or more letters without a vowel ("php", "xml"): never a syllable a
 * typesetter would carry to the next line, but a common abbreviation. */
static bool is_vowelless_abbrev(const char *s, size_t n)
{
    size_t letters = 0, ln;
    for (size_t i = 0; i < n; i += ln) {
        uint32_t c = cp_at(s, n, i, &ln);
        if (!is_letter(c))
            return false;
        uint32_t l = c | (c < 0x80 ? 0x20u : 0u);
        if (strchr("aeiouy", (int)(l < 0x80 ? l : 1)) || (c >= 0xC0 && c <= 0xFF))
            return false;
        letters++;
    }
    return letters >= 2;
}

/* All letters upper case, at least two (an acronym: LTSP, EU, PXE). */
static bool is_acronym(const char *s, size_t n)
{
    size_t letters = 0, ln;
    for (size_t i = 0; i < n; i += ln) {
        uint32_t c = cp_at(s, n, i, &ln);
        if (is_letter(c)) {
            if (!is_upper(c))
                return false;
            letters++;
        }
    }
    return letters >= 2;
}

/* A name in program code broken before a capital: the continuation is itself
 * in camel case (Set-⏎CellStyle), or the broken word hangs on code punctuation
 * (fs.Open-⏎TextFile, Service("File-⏎System")). Code has no hyphens inside
 * names, so such a break is the typesetter's. */
static bool code_name_break(const char *t, const hbreak *b)
{
    const char *ys = t + b->y_start;
    size_t yn = b->ys_end - b->y_start, cl;
    bool lower = false;
    for (size_t i = 0; i < yn; i += cl) {
        uint32_t c = cp_at(ys, yn, i, &cl);
        if (is_lower(c))
            lower = true;
        else if (is_upper(c) && lower)
            return true;
    }
    if (b->xs_start == b->x_start)
        return false;
    char before = t[b->xs_start - 1];
    return before == '.' || before == '(' || before == '"' || before == '_';
}

static bool known(kr_lint_ctx *ctx, const char *s, size_t n)
{
    return ctx->lex && n > 0 && !has_digit(s, n) && kr_lexicon_known(ctx->lex, s, n);
}

/* The joined word is known (known()); in a path, only as a dictionary word: a
 * file name's parts are English as often as Danish, and the dictionary's
 * compounding accepts manual + translations as readily as a Danish compound. */
static bool joined_known(kr_lint_ctx *ctx, const hbreak *b, const char *s, size_t n)
{
    if (!known(ctx, s, n))
        return false;
    if (!memchr(ctx->text + b->x_start, '/', b->hyphen - b->x_start))
        return true;
    return !(kr_lexicon_lookup(ctx->lex, s, n) & KR_LEX_COMPOUND);
}

/* Whether xs[0..xn) is a lower-case word the dictionary lacks that ends in a
 * joining s after a word of four letters or more the dictionary or the list of
 * common words holds (partitions: partition). */
static bool linking_s(kr_lint_ctx *ctx, const char *xs, size_t xn)
{
    size_t cl;
    if (!ctx->lex || xn < 5 || xs[xn - 1] != 's' || !is_lower(cp_at(xs, xn, 0, &cl)) ||
        known(ctx, xs, xn))
        return false;
    return (kr_lexicon_lookup(ctx->lex, xs, xn - 1) & (KR_LEX_KNOWN | KR_LEX_COMMON)) != 0;
}

/* Whether the break should be joined. */
/* Does the break split a URL's scheme (htt-⏎ps://…, (http-⏎s://…)? The last
 * run before the hyphen and the continuation joined begin with one; no URL has
 * a hyphen there. */
static bool split_scheme(const char *t, const hbreak *b)
{
    static const char *const schemes[] = {"https://", "http://", "ftp://"};
    char head[16];
    size_t xn = b->hyphen - b->xs_start, n = 0;
    if (xn == 0 || xn > 6)
        return false;
    for (size_t i = b->xs_start; i < b->hyphen; i++)
        head[n++] = (char)((unsigned char)t[i] | 0x20);
    for (size_t i = b->y_start; i < b->y_end && n < sizeof head; i++)
        head[n++] = t[i];
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++) {
        size_t m = strlen(schemes[k]);
        if (n >= m && memcmp(head, schemes[k], m) == 0)
            return true;
    }
    return false;
}

static bool should_join(kr_lint_ctx *ctx, const hbreak *b, const char *joined, size_t jlen,
                        bool repairable)
{
    const char *t = ctx->text;
    if (split_scheme(t, b))
        return true;
    const char *xs = t + b->xs_start, *ys = t + b->y_start;
    size_t xn = b->hyphen - b->xs_start, yn = b->ys_end - b->y_start, cl;
    /* a suspended compound: "sundheds- eller …" */
    size_t yw = b->y_end - b->y_start;
    while (yw > 0 && strchr(",;:", ys[yw - 1]))
        yw--;
    if (is_suspension_word(ys, yw) || yn == 0)
        return false;
    uint32_t y0 = cp_at(ys, yn, 0, &cl);
    uint32_t xl = cp_at(t, b->hyphen, cp_start_before(t, b->hyphen), &cl);
    /* numbers and versions keep their hyphen: "i386-⏎baseret", "2.0-⏎serien" */
    if (is_digit(xl) || !is_letter(y0))
        return false;
    /* the document writes the pair elsewhere: follow it */
    unsigned with =
        ask_runs(ctx, b, fold_hash(fold_hash(fold_hash(HASH0, xs, xn), "-", 1), ys, yn), ASK_COUNT);
    unsigned without = ask_runs(ctx, b, fold_hash(HASH0, joined, jlen), ASK_COUNT);
    if (with != without)
        return without > with;
    if (is_vowelless_abbrev(ys, yn))
        return false;
    /* an acronym or a name in capitals before a lower-case word: "LTSP-⏎klienter" */
    if (is_acronym(xs, xn) && is_lower(y0))
        return false;
    /* a capital after the hyphen: "Nord-⏎Amerika" (unless a word in capitals or
     * a name in code broke) */
    if (is_upper(y0) && !is_upper(xl))
        return code_name_break(t, b);
    bool legal = kr_hyphen_legal(joined, jlen, xn);
    /* the whole chunks, as a typesetter hyphenating the chunk would see them */
    if (!legal) {
        size_t xcn = b->hyphen - b->x_start, ycn = b->y_end - b->y_start;
        if (xcn + ycn <= 240) {
            char buf[241];
            memcpy(buf, t + b->x_start, xcn);
            memcpy(buf + xcn, ys, ycn);
            legal = kr_hyphen_legal(buf, xcn + ycn, xcn);
        }
    }
    /* the joined word is a word, or an OCR garbling of one ("igangvee-⏎rende") */
    if (joined_known(ctx, b, joined, jlen) || repairable || english_word(joined, jlen)) {
        if (legal)
            return true;
        /* a legal-looking split the patterns reject, both forms valid: keep */
        size_t hn = xn + 1 + yn;
        char hb[256];
        if (hn < sizeof hb) {
            memcpy(hb, xs, xn);
            hb[xn] = '-';
            memcpy(hb + xn + 1, ys, yn);
            if (known(ctx, xs, xn) && known(ctx, ys, yn) && known(ctx, hb, hn))
                return false;
        }
        return true;
    }
    if (!legal)
        return false;
    /* not a word joined, but two words hyphenated: "Windows-⏎systemer", "uid-⏎poster"
     * when the document uses lower-case "uid" on its own too (a capitalised product
     * name the dictionary lacks compounds directly: "Skolelinuxmaskine"; the count includes this
     * occurrence), or when the second half goes on as a hyphenated name itself
     * ("apt-⏎list-changes"). An unknown first half seen nowhere
     * else is a fragment (or an OCR garbling of one: "igangvee-⏎rende"). */
    bool ys_chained = b->ys_end < b->y_end && t[b->ys_end] == '-'; /* "list-changes" */
    /* a first half the document writes on its own elsewhere is a word; a
     * capitalised one only when short (Debian Edu-⏎arkitekturen: a name like an
     * abbreviation keeps its hyphen, a long one is compounded directly:
     * Skolelinuxmaskine) */
    bool x_elsewhere = (is_lower(cp_at(xs, xn, 0, &cl)) || count_chars(xs, xn) <= 4) &&
                       ask_runs(ctx, b, fold_hash(HASH0, xs, xn), ASK_TWICE);
    size_t yl = 0; /* the letters of the second half ("hosts" of "hosts14") */
    while (yl < yn && is_letter(cp_at(ys, yn, yl, &cl)))
        yl += cl;
    bool y_word = known(ctx, ys, yl) || english_word(ys, yl);
    bool x_word = count_chars(xs, xn) >= 3 ? known(ctx, xs, xn) || english_word(xs, xn)
                                           : english_word(xs, xn);
    /* a first part with its joining s before a Danish word (partitions-⏎størrelse):
     * the English plural it looks like is no word here */
    if (x_word && linking_s(ctx, xs, xn) && known(ctx, ys, yl) && is_lower(y0))
        x_word = false;
    if (count_chars(xs, xn) >= 2 && count_chars(ys, yl) >= 4 && y_word &&
        (x_word || x_elsewhere || ys_chained))
        return false;
    /* a chain of Danish words (strøm-⏎til-spænding): a second half that goes on
     * with a hyphen of its own is a whole part, however short (but sshd_con-⏎fig-fil,
     * full-upgrade-⏎apt-… are names the typesetter broke) */
    if (ys_chained && count_chars(ys, yl) >= 2 && known(ctx, xs, xn) && known(ctx, ys, yl))
        return false;
    /* a first half the document writes before a hyphen elsewhere, as the
     * first part of a name ("education-⏎primaryschool" beside
     * "education-highschool"): it keeps its hyphen here too */
    if (count_chars(xs, xn) >= 3 && count_chars(ys, yl) >= 4 &&
        ask_runs(ctx, b, fold_hash(fold_hash(HASH0, xs, xn), "-", 1), ASK_ANY))
        return false;
    return true;
}

/* ---- reporting ---------------------------------------------------------------- */

static size_t token_at(const kr_analysis *an, size_t start)
{
    size_t lo = kr_tokens_first_at(an->tokens, an->n_tokens, 0, start);
    return lo < an->n_tokens && an->tokens[lo].ws_start == start ? lo : SIZE_MAX;
}

/* The repair engine's confident spelling of the joined word, or NULL. */
static const kr_candidate *repair_of(const kr_verdict *v)
{
    if (!v || (v->kind != KR_VERDICT_OCR && v->kind != KR_VERDICT_DIA) || v->n == 0 ||
        !v->preferred)
        return NULL;
    return &v->cand[0];
}

/* The edits that join the break with the word spelled w[0..n) (the letters of
 * both halves, [xs_start, hyphen) and [y_start, ys_end), are replaced). */
static void add_join(kr_lint_ctx *ctx, kr_fix *f, const hbreak *b, const char *w, size_t n)
{
    const char *t = ctx->text;
    if (!b->across_header) {
        /* hyphen, line break(s), indentation: the next line's rest follows the word */
        kr_fix_add_edit(ctx->out, f, b->xs_start, b->ys_end, w, n);
        return;
    }
    /* across a page header: move the continuation up, leave the header to the
     * page-artifact rule */
    size_t rest = b->y_end - b->ys_end, e = b->y_end;
    char *moved = kr_arena_alloc(ctx->scratch, n + rest + 1);
    memcpy(moved, w, n);
    memcpy(moved + n, t + b->ys_end, rest);
    while (e < ctx->len && (t[e] == ' ' || t[e] == '\t'))
        e++;
    kr_fix_add_edit(ctx->out, f, b->xs_start, b->hyphen + 1, moved, n + rest);
    kr_fix_add_edit(ctx->out, f, b->y_start, e, "", 0);
}

/* A fix's title: `what` »s[0..n)« in the lint's scratch. Put together by hand:
 * printf's format parsing cost more than the rest of a report, and an editor's
 * lint reports every break across blocks again on each edit. */
static const char *fix_title(kr_lint_ctx *ctx, const char *what, size_t wn, const char *s, size_t n)
{
    char *t = kr_arena_alloc(ctx->scratch, wn + n + sizeof "»«");
    size_t at = 0;
    at = kr_put(t, at, what, wn);
    at = KR_PUT_LIT(t, at, "»");
    at = kr_put(t, at, s, n);
    at = KR_PUT_LIT(t, at, "«");
    t[at] = '\0';
    return t;
}

#define FIX_TITLE(ctx, lit, s, n) fix_title((ctx), (lit), sizeof(lit) - 1, (s), (n))

/* Reports the break, to be joined as `joined` or, preferred, respelled: by the
 * repair engine's confident spelling in v, else as `lost` (kr_lost_letter's
 * word, NULL: none). yi: the token whose chunk is the continuation (SIZE_MAX:
 * none). */
static void report(kr_lint_ctx *ctx, const hbreak *b, size_t yi, const char *joined, size_t jlen,
                   const kr_verdict *v, const char *lost)
{
    const char *t = ctx->text;
    size_t last = yi == SIZE_MAX ? b->tok : yi;
    if (yi != SIZE_MAX && yi != b->tok + 1 && !b->across_header)
        return; /* tokens between the halves: not a plain break */
    if (!b->across_header && !kr_claim(ctx, b->tok, last))
        return;
    if (b->across_header &&
        (!kr_claim(ctx, b->tok, b->tok) || (yi != SIZE_MAX && !kr_claim(ctx, yi, yi))))
        return;
    const kr_token *xt = &ctx->an->tokens[b->tok];
    size_t end = yi != SIZE_MAX ? ctx->an->tokens[yi].end : b->ys_end;
    if (end < b->ys_end)
        end = b->ys_end;
    const char *word = lost ? lost : joined;
    size_t wlen = lost ? strlen(lost) : jlen;
    /* "Ord delt ved linjeskift: »x-y« skrives »word«" (each part at most 200
     * bytes: decide refuses longer breaks) */
    char msg[1024];
    size_t m = 0;
    m = KR_PUT_LIT(msg, m, "Ord delt ved linjeskift: »");
    m = kr_put(msg, m, t + b->xs_start, b->hyphen - b->xs_start);
    m = KR_PUT_LIT(msg, m, "-");
    m = kr_put(msg, m, t + b->y_start, b->ys_end - b->y_start);
    m = KR_PUT_LIT(msg, m, "« skrives »");
    m = kr_put(msg, m, word, wlen);
    m = KR_PUT_LIT(msg, m, "«");
    if (lost)
        m = KR_PUT_LIT(msg, m, " (et bogstav tabt ved sidens kant)");
    msg[m] = '\0';
    kr_diagnostic *d = kr_emit_text(ctx, xt->start, end, msg);
    if (!d)
        return;
    kr_diagnostic_set_subject(ctx->out, d, word, wlen);
    const kr_candidate *rep = repair_of(v);
    if (rep) {
        /* joined and respelled in one step: the halves were garbled by OCR */
        const char *title = FIX_TITLE(ctx, "Saml og ret til ", rep->text, rep->len);
        add_join(ctx, kr_diagnostic_add_fix(ctx->out, d, title, !b->across_header), b, rep->text,
                 rep->len);
    } else if (lost) {
        const char *title =
            FIX_TITLE(ctx, "Saml og tilføj det tabte bogstav: ", lost, strlen(lost));
        add_join(ctx, kr_diagnostic_add_fix(ctx->out, d, title, !b->across_header), b, lost,
                 strlen(lost));
    }
    bool respelled = rep || lost;
    const char *title = FIX_TITLE(ctx, "Saml ordet: ", joined, jlen);
    /* A join across a page header moves text past the header: offered, never
     * applied unasked (the header rule may not agree on what the header is). */
    add_join(ctx, kr_diagnostic_add_fix(ctx->out, d, title, !respelled && !b->across_header), b,
             joined, jlen);
    /* other spellings the repair engine considers, never preferred */
    for (size_t k = rep ? 1 : 0;
         v && k < v->n && (v->kind == KR_VERDICT_OCR || v->kind == KR_VERDICT_DIA); k++) {
        title = FIX_TITLE(ctx, "Saml og ret til ", v->cand[k].text, v->cand[k].len);
        add_join(ctx, kr_diagnostic_add_fix(ctx->out, d, title, false), b, v->cand[k].text,
                 v->cand[k].len);
    }
}

/* Only small ASCII letters in s[0..n). */
static bool all_small(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return false;
    return n > 0;
}

/* The joined word with the first letter of the second line back, when OCR
 * lost it at the page's left edge (dia-⏎oger for dialoger): the joined word is
 * unknown and no English one (re-⏎fer is no rejfer), and exactly one letter
 * between the halves makes
 * a dictionary word (not one the compounding makes up: it accepts a letter
 * almost anywhere in a long word). New in the lint's scratch, or NULL. */
static const char *lost_letter_join(kr_lint_ctx *ctx, const hbreak *b, const char *joined,
                                    size_t xn, size_t yn)
{
    /* without the English list nothing tells re-⏎fer from dia-⏎oger */
    if (yn < 2 || !all_small(joined + xn, yn) || !kr_english_available() ||
        english_word(joined, xn + yn))
        return NULL;
    const char *letter =
        kr_lost_letter(ctx->lex, joined, xn, joined + xn, yn, KR_LEX_KNOWN, KR_LEX_COMPOUND, false);
    if (!letter || b->across_header)
        return NULL;
    return kr_arena_printf(ctx->scratch, "%.*s%s%.*s", (int)xn, joined, letter, (int)yn,
                           joined + xn);
}

static bool all_alnum(const char *s, size_t n)
{
    size_t len;
    for (size_t i = 0; i < n; i += len)
        if (!is_alnum(cp_at(s, n, i, &len)))
            return false;
    return n > 0;
}

/* Where the scan for line ends is: a line number in the document's line index
 * (`lines`, `n`), or (a lint without a document) the byte the next line starts
 * at. */
typedef struct {
    const size_t *lines;
    size_t n, no, pos;
} line_cursor;

static line_cursor line_cursor_of(const kr_lint_ctx *ctx)
{
    line_cursor c = {0};
    if (ctx->doc)
        c.lines = kr_document_lines(ctx->doc, &c.n);
    return c;
}

/* The next line's bytes [*start, *end) (its '\n' excluded); false after the last. */
static inline bool next_line(const kr_lint_ctx *ctx, line_cursor *c, size_t *start, size_t *end)
{
    if (c->lines) { /* the index the document keeps: no search for the breaks */
        if (c->no >= c->n)
            return false;
        *start = c->lines[c->no++];
        *end = c->no < c->n ? c->lines[c->no] - 1 : ctx->len;
        return true;
    }
    if (c->pos >= ctx->len)
        return false;
    const char *nl = memchr(ctx->text + c->pos, '\n', ctx->len - c->pos);
    *start = c->pos;
    *end = nl ? (size_t)(nl - ctx->text) : ctx->len;
    c->pos = nl ? *end + 1 : ctx->len;
    return true;
}

/* The next token at or after `from` a break may end on: the last token of a
 * line whose last byte that is no white space (the tokeniser's: space, tab,
 * CR, FF, VT) is '-' (read_break asks the rest). The lines come from the
 * document's line index (a memchr per line cost more than the rest of the
 * rule on an edit of a 1 MB document), the token there by a gallop: a pass
 * over every token's flags took a tenth of an edit's lint. */
static size_t next_break_end(const kr_lint_ctx *ctx, line_cursor *line, size_t from)
{
    const char *t = ctx->text;
    const kr_analysis *an = ctx->an;
    size_t start, j;
    while (next_line(ctx, line, &start, &j)) {
        while (j > start && (is_hspace(t[j - 1]) || t[j - 1] == '\v'))
            j--;
        if (j == start || t[j - 1] != '-')
            continue;
        size_t k = kr_tokens_first_at(an->tokens, an->n_tokens, from, j);
        const kr_token *tk = k > 0 ? &an->tokens[k - 1] : NULL;
        if (tk && tk->ws_end == j && (tk->flags & (KR_TOKF_HYPHEN_END | KR_TOKF_LINE_END)))
            return k - 1;
    }
    return an->n_tokens;
}

/* Decides the break whose first half is token i, and reports it when it
 * should be joined; `in_block`: for the block part. */
static void decide(kr_lint_ctx *ctx, size_t i, bool in_block)
{
    hbreak b;
    if (!read_break(ctx, i, &b))
        return;
    b.in_block = in_block;
    size_t xn = b.hyphen - b.xs_start, yn = b.ys_end - b.y_start;
    if (xn + yn > 200)
        return;
    char joined[201];
    memcpy(joined, ctx->text + b.xs_start, xn);
    memcpy(joined + xn, ctx->text + b.y_start, yn);
    const kr_verdict *v = NULL;
    if (all_alnum(joined, xn + yn))
        v = kr_word_verdict(ctx, joined, xn + yn);
    bool repairable = v && (v->kind == KR_VERDICT_OCR || v->kind == KR_VERDICT_DIA) && v->n > 0;
    if (!should_join(ctx, &b, joined, xn + yn, repairable))
        return;
    const char *lost = !repairable && v && v->kind == KR_VERDICT_UNKNOWN
                           ? lost_letter_join(ctx, &b, joined, xn, yn)
                           : NULL;
    /* the block part's continuation is the next token (block_break); the
     * block part's analysis may hold only some blocks, not in one order */
    size_t yi = in_block ? i + 1 : token_at(ctx->an, b.y_start);
    report(ctx, &b, yi, joined, xn + yn, v, lost);
}

/* ---- the two parts ------------------------------------------------------------- */

/* Is token k the last on its line and does its chunk end in '-' (a break's
 * first half, as next_break_end finds them)? */
static bool hyphen_line_end(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *tk = &ctx->an->tokens[k];
    return (tk->flags & (KR_TOKF_HYPHEN_END | KR_TOKF_LINE_END)) && tk->ws_end > tk->ws_start &&
           ctx->text[tk->ws_end - 1] == '-';
}

/* Does the break at token k (hyphen_line_end) read only tokens k and k + 1 of
 * one block and the bytes between them — what a block's cache key covers? So
 * when the next line starts (after blanks) with token k + 1's chunk, in k's
 * block, and find_continuation would take that chunk whole (it ends before
 * white space it knows: not a vertical tab; and a token follows, whose chunk
 * the key covers too). */
static bool local_break(const kr_lint_ctx *ctx, size_t k)
{
    const kr_analysis *an = ctx->an;
    const char *t = ctx->text;
    if (k + 2 >= an->n_tokens)
        return false;
    const kr_token *x = &an->tokens[k], *y = x + 1;
    if (y->block != x->block)
        return false;
    size_t i = x->ws_end;
    while (i < y->ws_start && is_hspace(t[i]))
        i++;
    if (i >= y->ws_start || t[i] != '\n')
        return false;
    for (i++; i < y->ws_start && is_hspace(t[i]); i++)
        ;
    return i == y->ws_start && (is_hspace(t[y->ws_end]) || t[y->ws_end] == '\n');
}

/* Is the break at token k the block part's? It is local, and so is every break
 * it leads into: a break's report claims its continuation, which can be the
 * first half of the next break (tre-⏎dje-⏎del); were that one the document
 * part's, which runs first, it would take the token from this one, where the
 * pass in text order gave it to this one. (A document part's break never needs
 * a token of an earlier block-part break otherwise: its own tokens come after
 * that break's two.) */
static bool block_break(const kr_lint_ctx *ctx, size_t k)
{
    for (; local_break(ctx, k); k++)
        if (!hyphen_line_end(ctx, k + 1))
            return true;
    return false;
}

/* The document part: keeps the counts (start_runs), and decides the breaks
 * that are not the block part's. */
static void check_document(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    start_runs(ctx);
    line_cursor line = line_cursor_of(ctx);
    for (size_t i = next_break_end(ctx, &line, 0); i < an->n_tokens;
         i = next_break_end(ctx, &line, i + 1))
        if (!ctx->claimed[i] && !block_break(ctx, i))
            decide(ctx, i, false);
}

/* The block part: the breaks inside one block, in text order. Its analysis may
 * hold only some blocks' tokens (each block with its neighbours, claimed): it
 * reads them one by one, not through the document's line index. */
static void check_block(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    for (size_t i = 0; i < an->n_tokens; i++)
        if (!ctx->claimed[i] && hyphen_line_end(ctx, i) && block_break(ctx, i))
            decide(ctx, i, true);
}

static const char rule_id[] = "broken-hyphenation";
static const char rule_summary[] = "a word split by a hyphen at a line end (igangvæ-⏎rende)";

static const kr_rule block_part = {
    .id = rule_id,
    .severity = KR_SEV_WARNING,
    .summary = rule_summary,
    .check = check_block,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};

const kr_rule kr_rule_broken_hyphenation = {
    .id = rule_id,
    .severity = KR_SEV_WARNING,
    .summary = rule_summary,
    .explanation =
        "Text extracted from a typeset PDF, or read by OCR, keeps the hyphens the "
        "typesetter inserted to break words at line ends: »igangvæ-« on one line, "
        "»rende« on the next. Search, spelling and screen readers then see two "
        "non-words. The fix joins the halves (the hyphen and the line break go, the rest "
        "of the next line follows the word).\n\n"
        "Real hyphens stay: after numbers and acronyms (»2.0-serien«, »LTSP-klienter«), "
        "before a capital (»Nord-Amerika«), in compounds of two words (»Windows-systemer«), "
        "and in suspended compounds (»lærings- og udviklingsmuligheder«). The decision "
        "uses the same pair elsewhere in the document, the Danish dictionary on the joined "
        "and hyphenated forms, and the Danish hyphenation patterns (hyphen-da): a "
        "typesetter breaks only at a legal hyphenation point.",
    .check = check_document,
    .block_part = &block_part,
    .text_pass = &runs_pass,
};
