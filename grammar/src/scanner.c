/* scanner.c — the external scanner of the korrektur grammar (see grammar.js).
 *
 * Every token of the grammar comes from here. The document is line-oriented: at the
 * start of each line the scanner reads the whole line ahead (without consuming it)
 * and decides what the line is — blank, a label (`Spørgsmål:` also when OCR-damaged),
 * a running page header (`<title> Side 2`, a bare page number), the title, a bullet
 * item (a glyph, OCR's `e `/`o `/`«`, or the indent a lost glyph left) or ordinary
 * text — and emits a (mostly zero-width) token saying so. Inside a line it emits
 * runs of ordinary text, URLs, numbers, quote marks and words split by a line-end
 * hyphen. A run of text is not split into words (nothing reads the tree below
 * block level but the editors' highlighting): it goes on over a line break when
 * the next line is plain text of the same paragraph, so a page costs a few dozen
 * tokens instead of one per word.
 *
 * The state (10 bytes) remembers what the previous line was, whether we are inside
 * a bullet item and which quote is open: weak bullet markers (`-`, `e `, a lost
 * glyph) only count at the start of a block, never in the middle of a paragraph.
 * It also hashes the words of the last two blocks: at a label, the hash picks the
 * zero-width token that ends the section before it, and with it where the hidden
 * groups of sections end (grammar.js); before a block that follows a blank line,
 * whether a hidden group of blocks ends there. So an edit re-parses a few dozen
 * nodes instead of every section or block.
 * Any byte sequence yields tokens: in error recovery only tokens of non-zero width
 * are produced, so the parser always advances.
 *
 * Cost: a scan advances exactly over its token and look-ahead, and the look-ahead
 * decides what an edit invalidates, so the number of lexer->advance calls (about
 * 90 instructions each in tree-sitter 0.20, two thirds of the scanner's cost) is
 * fixed by what each token's decision depends on — a line starting with a capital
 * is read ahead by the line break before it and by its line start. What is left
 * to make cheap is the per-character work here (table tests, no copies). */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tree_sitter/parser.h"

enum TokenType {
    LINE_BEGIN,
    TITLE_BEGIN,
    NEWLINE,
    BLANK,
    QUESTION_LABEL,
    ANSWER_LABEL,
    OTHER_LABEL,
    HEADER_TEXT,
    MARKER,
    QUOTE_OPEN,
    QUOTE_CLOSE,
    PUNCT,
    TEXT,
    URL,
    HYPHEN_BREAK,
    NUMBER,
    SECTION_END,
    GROUP1_END,
    GROUP2_END,
    BLOCKS1_END,
    BLOCKS2_END,
    ERROR_SENTINEL,
};

/* What a line was (Scanner.prev / Scanner.cur). */
enum { L_START, L_BLANK, L_TEXT, L_BULLET, L_LABEL, L_HEADER, L_TITLE };
/* Which block the current line belongs to (Scanner.block). */
enum { B_NONE, B_PARA, B_BULLET };
/* Which quote is open (Scanner.quote): what closes it. */
enum { Q_NONE, Q_DOUBLE, Q_RAQUO, Q_LAQUO };

typedef struct {
    uint8_t prev, cur, block, quote;
    uint8_t seen;    /* a line with content (not blank, not a page header) was emitted */
    uint8_t spare;   /* zero: the state is compared byte by byte */
    uint16_t words;  /* a hash of the current block's words (see section_end) */
    uint16_t before; /* … and of the block before it */
} Scanner;

/* Longest line the line-start classifier reads ahead; longer lines are text. */
#define MAX_CLASSIFY 240
/* How far a quote mark looks for its closing mark. */
#define MAX_QUOTE 400

/* ---- character classes ------------------------------------------------------ */

static bool is_hspace(int32_t c)
{
    return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}
static bool is_newline(int32_t c)
{
    return c == '\n' || c == '\r';
}
static bool is_digit(int32_t c)
{
    return c >= '0' && c <= '9';
}

static bool is_punct_cp(int32_t c)
{
    return (c >= 0xA0 && c <= 0xBF && c != 0xAA && c != 0xB2 && c != 0xB3 && c != 0xB5 &&
            c != 0xB9 && c != 0xBA) ||
           c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
           (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F);
}

/* Letters and digits: everything but ASCII punctuation and controls, white space,
 * Latin-1 symbols (but ª ² ³ µ ¹ º), × ÷, and the general punctuation, symbol,
 * arrow and CJK punctuation blocks. An undecodable byte (negative) is no word
 * character: it becomes a punctuation token of its own. */
static inline bool is_word_char(int32_t c)
{
    /* ASCII letters and digits by one table look-up: most characters are. */
    static const uint32_t ascii[4] = {0, 0x03FF0000u, 0x07FFFFFEu, 0x07FFFFFEu};
    if ((uint32_t)c < 0x80)
        return ascii[c >> 5] >> (c & 31) & 1;
    return c > 0 && !is_punct_cp(c);
}

static bool is_small(int32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}

static bool is_upper(int32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}

static bool is_quote_char(int32_t c)
{
    return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E || c == 0xAB || c == 0xBB;
}

static int quote_kind(int32_t open)
{
    if (open == 0xBB)
        return Q_RAQUO;
    if (open == 0xAB)
        return Q_LAQUO;
    return Q_DOUBLE;
}

static bool closes(int q, int32_t c)
{
    switch (q) {
    case Q_DOUBLE:
        return c == '"' || c == 0x201C || c == 0x201D;
    case Q_RAQUO:
        return c == 0xAB;
    case Q_LAQUO:
        return c == 0xBB;
    default:
        return false;
    }
}

/* Bullet glyphs that mark an item wherever a line starts. */
static bool is_strong_bullet(int32_t c)
{
    return c == 0x2022 || c == 0x25CF || c == 0x25AA || c == 0x25A0 || c == 0x25E6 || c == 0x25CB ||
           c == 0x25B8 || c == 0x25BA || c == 0x2023 || c == 0x2043 || c == 0x2219 || c == 0xB7 ||
           c == 0xF0B7 || c == 0x27A2 || c == 0x2713;
}

/* ASCII fold used to recognise labels: lower case, ø/ö → o, å/ä/á → a, æ → e. */
static char fold(int32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    if (c < 0x80 && c > 0)
        return (char)c;
    switch (c) {
    case 0xF8:
    case 0xD8:
    case 0xF6:
    case 0xD6:
    case 0xF3:
    case 0xD3:
        return 'o';
    case 0xE5:
    case 0xC5:
    case 0xE4:
    case 0xC4:
    case 0xE1:
    case 0xC1:
    case 0xE0:
        return 'a';
    case 0xE6:
    case 0xC6:
    case 0xE9:
    case 0xC9:
        return 'e';
    default:
        return '?';
    }
}

static void adv(TSLexer *lx)
{
    lx->advance(lx, false);
}
/* tree-sitter's look-ahead is 0 at the end, so only a 0 needs the (indirect) call. */
static inline bool at_eof(TSLexer *lx)
{
    return lx->lookahead == 0 && lx->eof(lx);
}

/* Consumes "\n", "\r\n" or "\r". */
static void eat_newline(TSLexer *lx)
{
    if (lx->lookahead == '\r')
        adv(lx);
    if (lx->lookahead == '\n')
        adv(lx);
}

/* ---- label words -------------------------------------------------------------- */

enum { LABEL_NONE, LABEL_Q, LABEL_A, LABEL_O };

/* Classifies a folded word (without its colon): Spørgsmål and the shapes OCR gives
 * it (Spergsmal, Spgrgsmal, Sporgsmal, Spørgsrnål), Svar (5var). */
static int label_kind(const char *w, size_t n, bool capital)
{
    if (n >= 8 && n <= 11 && (w[0] == 's' || w[0] == '5') && w[1] == 'p') {
        char last = w[n - 1];
        bool has_core = false;
        for (size_t i = 2; i + 3 < n && !has_core; i++)
            has_core = memcmp(w + i, "rgsm", 4) == 0 || memcmp(w + i, "rgsr", 4) == 0;
        if (has_core && (last == 'l' || last == 'i' || last == '1'))
            return LABEL_Q;
    }
    if (n == 4 && (w[0] == 's' || w[0] == '5') && w[1] == 'v' && w[3] == 'r')
        return LABEL_A;
    if (capital && n >= 3 && n <= 16) {
        for (size_t i = 0; i < n; i++)
            if (w[i] == '?' || is_digit(w[i]))
                return LABEL_NONE;
        return LABEL_O;
    }
    return LABEL_NONE;
}

/* ---- reading a line ahead ------------------------------------------------------ */

#define CHUNK_KEEP 16
/* A chunk of a line: its code points (the first CHUNK_KEEP are looked at). */
typedef struct {
    const int32_t *cp;
    uint8_t n;    /* code points kept */
    uint16_t len; /* code points in the chunk */
} Chunk;

/* A line read ahead: its code points (leading indent and white space between
 * chunks excluded) and where each chunk starts, so classifying it copies
 * nothing but the characters. */
typedef struct {
    int32_t cp[MAX_CLASSIFY];
    uint8_t start[MAX_CLASSIFY / 2 + 1], len[MAX_CLASSIFY / 2 + 1];
    Chunk first, tail[4]; /* the first chunk; the last four, tail[0] the last */
    unsigned n_chunks;
    unsigned length; /* code points, leading indent excluded */
    bool too_long;
} LineInfo;

static Chunk chunk_at(const LineInfo *li, unsigned i)
{
    Chunk c = {li->cp + li->start[i], 0, li->len[i]};
    c.n = (uint8_t)(c.len < CHUNK_KEEP ? c.len : CHUNK_KEEP);
    return c;
}

/* Reads the rest of the line into `li` (the lexer stops at the line break or EOF). */
static void read_line(TSLexer *lx, LineInfo *li)
{
    unsigned length = 0, n_cp = 0, n_chunks = 0, start = 0;
    bool in_chunk = false;
    li->too_long = false;
    for (;;) {
        int32_t c = lx->lookahead;
        bool space = is_hspace(c), end = c == '\n' || c == '\r' || at_eof(lx);
        if (in_chunk && (space || end)) {
            li->len[n_chunks - 1] = (uint8_t)(n_cp - start); /* a chunk ends */
            in_chunk = false;
        }
        if (end)
            break;
        if (++length > MAX_CLASSIFY) {
            li->too_long = true;
            li->length = length;
            li->n_chunks = n_chunks;
            return;
        }
        if (!space) {
            if (!in_chunk) {
                in_chunk = true;
                start = n_cp;
                li->start[n_chunks++] = (uint8_t)n_cp;
            }
            li->cp[n_cp++] = c;
        }
        adv(lx);
    }
    li->length = length;
    li->n_chunks = n_chunks;
    if (n_chunks > 0)
        li->first = chunk_at(li, 0);
    for (unsigned i = 0; i < 4 && i < n_chunks; i++)
        li->tail[i] = chunk_at(li, n_chunks - 1 - i);
}

/* The i-th chunk from the end (0 = last), or NULL. */
static const Chunk *tail_chunk(const LineInfo *li, unsigned i)
{
    if (i >= li->n_chunks || i >= 4)
        return NULL;
    return &li->tail[i];
}

static bool chunk_is_digits(const Chunk *c, bool allow_inner)
{
    if (!c || c->len == 0 || c->len > 7 || c->n < c->len)
        return false;
    for (unsigned i = 0; i < c->n; i++) {
        if (is_digit(c->cp[i]))
            continue;
        if (allow_inner && i > 0 && i + 1 < c->n && c->cp[i] == '/')
            continue;
        return false;
    }
    return true;
}

static bool chunk_is(const Chunk *c, const char *s)
{
    size_t n = strlen(s);
    if (!c || c->len != n || c->n < n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (c->cp[i] != (unsigned char)s[i])
            return false;
    return true;
}

static bool chunk_is_dash(const Chunk *c)
{
    return c && c->len == 1 && (c->cp[0] == '-' || c->cp[0] == 0x2013 || c->cp[0] == 0x2014);
}

/* `… Side 2`, `Side 2 af 5`, `Side 2/5`; a bare `2` or `- 2 -`. */
static bool looks_like_header(const LineInfo *li, bool *bare)
{
    *bare = false;
    if (li->too_long || li->n_chunks == 0)
        return false;
    if (li->n_chunks == 1 && chunk_is_digits(tail_chunk(li, 0), false) &&
        tail_chunk(li, 0)->len <= 4) {
        *bare = true;
        return true;
    }
    if (li->n_chunks == 3 && chunk_is_dash(tail_chunk(li, 0)) &&
        chunk_is_digits(tail_chunk(li, 1), false) && chunk_is_dash(tail_chunk(li, 2))) {
        *bare = true;
        return true;
    }
    if (li->n_chunks > 16)
        return false;
    const Chunk *side = NULL;
    if (chunk_is_digits(tail_chunk(li, 0), true)) {
        side = tail_chunk(li, 1);
        if (chunk_is_digits(tail_chunk(li, 0), false) && chunk_is(tail_chunk(li, 1), "af") &&
            chunk_is_digits(tail_chunk(li, 2), false))
            side = tail_chunk(li, 3);
    }
    return chunk_is(side, "Side") || chunk_is(side, "SIDE");
}

/* The label a line's chunks spell, if any: `Spørgsmål:`, `Svar :`,
 * `Spørgsmål 2:`. */
static int line_label(const LineInfo *li)
{
    if (li->too_long || li->n_chunks == 0 || li->n_chunks > 3)
        return LABEL_NONE;
    const Chunk *last = tail_chunk(li, 0);
    if (last->n < last->len || last->cp[last->n - 1] != ':')
        return LABEL_NONE;
    /* Everything after the first chunk must be a number and/or the colon. */
    for (unsigned i = 0; i + 1 < li->n_chunks; i++) {
        const Chunk *c = tail_chunk(li, i);
        for (unsigned k = 0; k < c->n; k++)
            if (!is_digit(c->cp[k]) && c->cp[k] != ':')
                return LABEL_NONE;
    }
    const Chunk *w = &li->first;
    if (w->n < w->len)
        return LABEL_NONE;
    char buf[CHUNK_KEEP];
    size_t n = 0;
    for (unsigned i = 0; i < w->n && w->cp[i] != ':'; i++)
        buf[n++] = fold(w->cp[i]);
    if (li->n_chunks == 1 && n + 1 != w->n)
        return LABEL_NONE; /* "a:b:" */
    return label_kind(buf, n, is_upper(w->cp[0]));
}

/* After the current line: is the next line blank / the end (1), a label (2), or
 * text (0)? Consumes look-ahead only. */
static int next_line_kind(TSLexer *lx)
{
    if (at_eof(lx))
        return 1;
    eat_newline(lx);
    while (is_hspace(lx->lookahead))
        adv(lx);
    if (at_eof(lx) || is_newline(lx->lookahead))
        return 1;
    LineInfo li;
    read_line(lx, &li);
    int k = line_label(&li);
    return k == LABEL_Q || k == LABEL_A ? 2 : 0;
}

/* ---- the start of a line -------------------------------------------------------- */

static bool emit(Scanner *s, TSLexer *lx, int token, int line_kind)
{
    lx->result_symbol = (TSSymbol)token;
    s->cur = (uint8_t)line_kind;
    if (line_kind != L_TEXT || s->block == B_NONE) { /* a new block */
        s->before = s->words;
        s->words = 0;
    }
    if (line_kind != L_HEADER)
        s->seen = 1;
    switch (line_kind) {
    case L_BULLET:
        s->block = B_BULLET;
        break;
    case L_TEXT:
        if (s->block == B_NONE)
            s->block = B_PARA;
        break;
    default:
        s->block = B_NONE;
        break;
    }
    return true;
}

static bool scan_blank(Scanner *s, TSLexer *lx, bool had_space)
{
    bool any = had_space;
    while (!at_eof(lx)) {
        if (is_newline(lx->lookahead)) {
            eat_newline(lx);
            lx->mark_end(lx);
            any = true;
        } else if (is_hspace(lx->lookahead)) {
            adv(lx);
        } else {
            break;
        }
    }
    if (at_eof(lx))
        lx->mark_end(lx);
    if (!any)
        return false;
    lx->result_symbol = BLANK;
    s->prev = L_BLANK;
    s->cur = L_BLANK;
    s->block = B_NONE;
    return true;
}

/* After `- `: is the rest of the line `5 -` (a page number between dashes)? */
static bool dashed_number(TSLexer *lx)
{
    while (is_hspace(lx->lookahead))
        adv(lx);
    unsigned digits = 0;
    while (is_digit(lx->lookahead)) {
        adv(lx);
        digits++;
    }
    if (digits == 0 || digits > 4)
        return false;
    while (is_hspace(lx->lookahead))
        adv(lx);
    if (lx->lookahead != '-' && lx->lookahead != 0x2013)
        return false;
    adv(lx);
    while (is_hspace(lx->lookahead))
        adv(lx);
    return at_eof(lx) || is_newline(lx->lookahead);
}

/* Moves the token's end here, unless only peeking at a line another token
 * decides about (see line_continues). */
static void mark(TSLexer *lx, bool peek)
{
    if (!peek)
        lx->mark_end(lx);
}

/* A glyph bullet at the line start: `• `, `- `, `« `, `e `/`o ` before a capital.
 * Returns the token (MARKER, HEADER_TEXT), 0 for none, -1 when a would-be glyph
 * was read and the line is text. */
static int try_glyph(TSLexer *lx, bool weak_ok, bool peek)
{
    int32_t c = lx->lookahead;
    if (is_strong_bullet(c) || c == '*') {
        adv(lx);
        if (c == '*' && !is_hspace(lx->lookahead))
            return -1;
        mark(lx, peek);
        return MARKER;
    }
    if (!weak_ok)
        return 0;
    if (c == '-' || c == 0x2013 || c == 0xAB || c == '>') {
        adv(lx);
        if (!is_hspace(lx->lookahead))
            return -1;
        mark(lx, peek); /* a marker ends here, unless this is a page number */
        if (c != 0xAB && c != '>' && dashed_number(lx)) {
            mark(lx, peek);
            return HEADER_TEXT;
        }
        return MARKER;
    }
    if (c == 'e' || c == 'o') {
        adv(lx);
        if (lx->lookahead != ' ')
            return -1;
        while (lx->lookahead == ' ')
            adv(lx);
        if (!is_upper(lx->lookahead))
            return -1;
        mark(lx, peek);
        return MARKER;
    }
    return 0;
}

static int line_kind_of(int token)
{
    switch (token) {
    case MARKER:
        return L_BULLET;
    case HEADER_TEXT:
        return L_HEADER;
    case TITLE_BEGIN:
        return L_TITLE;
    case LINE_BEGIN:
        return L_TEXT;
    default:
        return L_LABEL;
    }
}

/* What the line starting here (after its indentation, `indent` columns) is: the
 * token to emit there. With `peek` the token's end is never moved (the caller is
 * inside another token) and *read_on says whether anything past the line's
 * first character was read. */
static int decide_line(const Scanner *s, TSLexer *lx, unsigned indent, bool title_ok, bool peek,
                       bool *read_on, bool label_peek)
{
    bool weak_ok = s->prev != L_TEXT && s->prev != L_BULLET;
    weak_ok = weak_ok || s->block == B_BULLET;
    *read_on = true;

    int g = title_ok ? 0 : try_glyph(lx, weak_ok, peek);
    if (g > 0)
        return g;
    bool consumed = g < 0; /* a would-be glyph was read: not a label or header */

    /* Labels and headers start with a capital, a digit, `s` or a dash. A line
     * starting with another small letter — most lines of hard-wrapped text — is
     * text, decided without reading it ahead. */
    int32_t first = lx->lookahead;
    if (consumed || (!title_ok && is_small(first) && first != 's')) {
        *read_on = consumed;
        if (!consumed && indent > 0 && weak_ok)
            return MARKER;
        return LINE_BEGIN;
    }
    LineInfo li;
    read_line(lx, &li);
    int k = line_label(&li);
    if (k == LABEL_O && !(weak_ok || title_ok))
        k = LABEL_NONE;
    static const int tok[] = {0, QUESTION_LABEL, ANSWER_LABEL, OTHER_LABEL};
    if (k != LABEL_NONE) {
        mark(lx, peek || label_peek);
        return tok[k];
    }
    /* A running header: after a blank line, or a short `… Side N` line even in the
     * middle of a paragraph. Decided without reading the next line, so the token
     * can still be zero width when the answer is no. */
    bool bare;
    if (looks_like_header(&li, &bare)) {
        bool prev_blank = s->prev == L_BLANK || s->prev == L_START || s->prev == L_HEADER;
        if (prev_blank || (!bare && li.n_chunks <= 12)) {
            mark(lx, peek);
            return HEADER_TEXT;
        }
    }
    if (title_ok && !li.too_long && li.length <= 160 && next_line_kind(lx) != 0)
        return TITLE_BEGIN;
    if (indent > 0 && weak_ok && !title_ok)
        return MARKER;
    return LINE_BEGIN;
}

/* ---- groups of sections ------------------------------------------------------------ */

/* Which token ends the section before a label: SECTION_END, or GROUP1_END (about
 * one section in 16) or GROUP2_END (one in 256) when its group ends too
 * (grammar.js, _group2). Decided by the hash of the words of the two blocks
 * before the label (one is often a repeated page title), gathered while they
 * were lexed (scan_word), so the boundaries
 * depend only on the nearby text and an edit moves only those it touches.
 * (Hashing the text after the label instead cost a read ahead per label, and
 * sections often open with the same line.) */
static int group_end(const Scanner *s, uint32_t salt, int none, int end1, int end2)
{
    uint32_t h = ((s->words | (uint32_t)s->before << 16) ^ salt) * 0x9E3779B1u;
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 13;
    if ((h & 15) != 0)
        return none;
    return (h >> 4 & 15) != 0 ? end1 : end2;
}

static int section_end(const Scanner *s)
{
    return group_end(s, 0, SECTION_END, GROUP1_END, GROUP2_END);
}

/* Before a block that starts after a blank line (or a header or title line),
 * where a group of blocks may end: nothing (-1), BLOCKS1_END or BLOCKS2_END,
 * the same way (grammar.js, _blocks). Decided before the line is read, so a
 * label may follow: the list of blocks then ends after the group. */
static int blocks_end(const Scanner *s)
{
    return group_end(s, 0x5bd1e995u, -1, BLOCKS1_END, BLOCKS2_END);
}

/* At the start of a line: always decides (a non-blank line never falls through to
 * the regular lexer). The token is emitted even when the parse state does not
 * expect it — after a reused section, say, only a label is valid — and the parser
 * then breaks the reused node down and asks again in the right state. */
static bool scan_line_start(Scanner *s, TSLexer *lx, const bool *valid)
{
    unsigned indent = 0;
    while (is_hspace(lx->lookahead) || lx->lookahead == 0xFEFF) {
        if (lx->lookahead != 0xFEFF) /* a byte order mark is no indentation */
            indent++;
        lx->advance(lx, true);
    }
    lx->mark_end(lx); /* zero width unless a decision below moves it */
    /* Where a section may end, a label line or the end of the text ends it. */
    bool section_may_end = valid[SECTION_END] && valid[GROUP1_END] && valid[GROUP2_END];
    if (at_eof(lx) && indent == 0 && section_may_end) {
        lx->result_symbol = GROUP2_END; /* the end closes every group */
        return true;
    }
    if (at_eof(lx) || is_newline(lx->lookahead))
        return scan_blank(s, lx, indent > 0);
    if (s->block == B_NONE && valid[BLOCKS1_END] && valid[BLOCKS2_END]) {
        int end = blocks_end(s);
        if (end >= 0) {
            lx->result_symbol = (TSSymbol)end;
            return true;
        }
    }
    bool read_on;
    int token = decide_line(s, lx, indent, valid[TITLE_BEGIN] && !s->seen, false, &read_on,
                            section_may_end);
    if (section_may_end && line_kind_of(token) == L_LABEL) {
        lx->result_symbol = (TSSymbol)section_end(s); /* zero width: the label comes next */
        return true;
    }
    return emit(s, lx, token, line_kind_of(token));
}

/* The scanner state after a line break and a `_line_begin` (what NEWLINE and
 * emit(LINE_BEGIN) do), for a run of text that goes on over the break. */
static void continue_line(Scanner *s)
{
    s->prev = s->cur;
    s->quote = Q_NONE;
    s->cur = L_TEXT;
    s->seen = 1;
    if (s->block == B_NONE)
        s->block = B_PARA;
}

/* Can the text of the current line go on over its line break? Only in a
 * paragraph or bullet item (a title, label or header line ends at its break). */
static bool can_continue(const Scanner *s)
{
    return s->quote == Q_NONE && (s->cur == L_TEXT || s->cur == L_BULLET);
}

/* Just after a line break: would the next line start with a `_line_begin` in
 * the state the break leaves (so it only continues the current block)? Reads
 * ahead without moving the token's end. */
static bool line_continues(const Scanner *s, TSLexer *lx, bool quick, bool *read_on)
{
    Scanner next = *s;
    next.prev = next.cur;
    next.quote = Q_NONE;
    unsigned indent = 0;
    *read_on = false;
    while (is_hspace(lx->lookahead) || lx->lookahead == 0xFEFF) {
        if (lx->lookahead != 0xFEFF)
            indent++;
        adv(lx);
    }
    if (at_eof(lx) || is_newline(lx->lookahead))
        return false;
    if (quick && !(is_small(lx->lookahead) && lx->lookahead != 's')) {
        *read_on = true; /* not decided by its first character: not worth reading */
        return false;
    }
    return decide_line(&next, lx, indent, false, true, read_on, false) == LINE_BEGIN;
}

/* ---- inside a line ------------------------------------------------------------------ */

/* Right after a line break that follows `<word char>-`: does the next line
 * continue the word (a hyphen break)? */
static bool continues_word(TSLexer *lx)
{
    return !at_eof(lx) && is_word_char(lx->lookahead);
}

/* After an opening quote mark: is there a closing one before the line ends (a
 * line ending inside a hyphenated word does not end the quote)? Look-ahead only. */
static bool find_close(TSLexer *lx, int q)
{
    int32_t prev = 0, before = 0;
    for (int i = 0; i < MAX_QUOTE && !at_eof(lx); i++) {
        int32_t c = lx->lookahead;
        if (closes(q, c))
            return true;
        if (is_newline(c)) {
            if (prev != '-' || !is_word_char(before))
                return false;
            eat_newline(lx);
            if (!continues_word(lx))
                return false;
            prev = before = 0;
            continue;
        }
        before = prev;
        prev = c;
        adv(lx);
    }
    return false;
}

/* ---- words, URLs, numbers -------------------------------------------------------- */

/* Inside a word when a word character follows: wake-on-lan, BIOS'en, s@g, LC_ALL. */
static bool is_connector(int32_t c)
{
    return c == '-' || c == '\'' || c == 0x2019 || c == '@' || c == '_';
}

/* What may be in a URL, and what may end one (not trailing punctuation). */
static bool is_url_char(int32_t c)
{
    return c > 0 && !is_hspace(c) && !is_newline(c) && !is_quote_char(c) && c != '<' && c != '>' &&
           c != 0xA0;
}
static bool is_url_end(int32_t c)
{
    return is_url_char(c) && !strchr(".,;:!?)]}'", (int)(c < 0x80 ? c : 1)) && c != 0x2019;
}

/* One segment of a word-like token: word characters joined by connectors
 * (WORDCH+ (CONNECTOR WORDCH+)*). A connector with no word character after it is
 * read but ends the segment (`dangling`). The first 8 characters are kept. */
typedef struct {
    char text[8];
    unsigned n;
    bool digits;   /* only digits */
    bool joined;   /* has a connector inside */
    bool odd_join; /* … other than '-' (`navn@firma` is no host name) */
    int32_t dangling;
} Seg;

/* Reads a segment; with `marks` the token's end follows each run of word
 * characters (for a token that ends with the segment). */
static void read_seg(TSLexer *lx, Seg *g, bool marks)
{
    memset(g, 0, sizeof *g);
    bool digits = true;
    unsigned n = 0;
    for (;;) {
        for (int32_t c = lx->lookahead; is_word_char(c); c = lx->lookahead) {
            if (n < sizeof g->text)
                g->text[n] = c < 0x80 ? (char)c : '?';
            n++;
            digits = digits && is_digit(c);
            adv(lx);
        }
        g->n = n;
        g->digits = digits;
        if (marks)
            lx->mark_end(lx);
        int32_t c = lx->lookahead;
        if (!is_connector(c))
            return;
        adv(lx);
        if (!is_word_char(lx->lookahead)) {
            g->dangling = c;
            return;
        }
        g->joined = true;
        g->odd_join = g->odd_join || c != '-';
    }
}

static bool seg_is(const Seg *g, const char *w, bool fold_case)
{
    size_t n = strlen(w);
    if (g->n != n || g->joined || g->dangling)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = g->text[i];
        if (fold_case && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return false;
    }
    return true;
}

static bool is_tld(const Seg *g)
{
    static const char *const tld[] = {"dk", "com", "org", "net",  "eu",  "de", "se",
                                      "no", "io",  "gov", "info", "edu", "uk", "nu"};
    for (size_t i = 0; i < sizeof tld / sizeof *tld; i++)
        if (seg_is(g, tld[i], false))
            return true;
    return false;
}

/* The rest of a URL after its scheme or host: up to white space, a quote mark or
 * <>, without trailing punctuation. */
static void url_rest(TSLexer *lx)
{
    while (!at_eof(lx) && is_url_char(lx->lookahead)) {
        int32_t c = lx->lookahead;
        adv(lx);
        if (is_url_end(c))
            lx->mark_end(lx);
    }
}

/* What a word-like token starting here turned out to be. */
enum { K_TEXT, K_STOP, K_URL, K_HYPHEN, K_NUMBER };

/* After `http`/`https` at ':': a URL when `//` follows. */
static int scheme_url(TSLexer *lx, bool own)
{
    adv(lx);
    for (int i = 0; i < 2; i++) {
        if (lx->lookahead != '/')
            return K_TEXT;
        adv(lx);
    }
    if (own) {
        lx->mark_end(lx);
        url_rest(lx);
    }
    return K_URL;
}

/* At `<word>-` and a line break: `igangvæ-⏎rende` is a hyphen break; otherwise the
 * run of text stops at the break (K_STOP). */
static int hyphen_break(TSLexer *lx, bool own)
{
    if (own)
        lx->mark_end(lx); /* `word-` as text, if no word follows */
    eat_newline(lx);
    if (!continues_word(lx))
        return K_STOP;
    if (own) {
        Seg rest;
        read_seg(lx, &rest, true);
    }
    return K_HYPHEN;
}

/* At a word character where a token may start: reads what the old word-level
 * lexer made one token of and says what it is. With `own` (the run of text is
 * empty, so the token is this one) the token's end is moved to the end of a
 * URL, hyphen break or number; otherwise it is not moved (the run ends before
 * them). K_TEXT: ordinary text, all of it read; the caller marks its end. */
static int scan_word(Scanner *s, TSLexer *lx, bool own)
{
    Seg g;
    read_seg(lx, &g, own);
    uint64_t w;
    memcpy(&w, g.text, sizeof w);
    w = (w ^ g.n ^ s->words) * 0x9E3779B97F4A7C15ull;
    s->words = (uint16_t)(w >> 48);
    int32_t c = lx->lookahead;
    if (g.dangling == '-' && is_newline(c))
        return hyphen_break(lx, own);
    if (g.dangling)
        return K_TEXT;
    if (c == ':' && (seg_is(&g, "http", true) || seg_is(&g, "https", true)))
        return scheme_url(lx, own);
    if (c == '.' && seg_is(&g, "www", true)) {
        adv(lx);
        if (own) {
            lx->mark_end(lx);
            url_rest(lx);
        }
        return K_URL;
    }
    /* A bare host (`kommune.dk/kontakt`): segments joined by '.', one of them
     * after the first a top-level domain; a number: digits joined by '.' or ','. */
    bool host_ok = !g.odd_join, num_ok = g.digits && !g.joined, url = false;
    while ((c == '.' || c == ',') && (host_ok || num_ok)) {
        host_ok = host_ok && c == '.';
        adv(lx);
        if (!is_word_char(lx->lookahead))
            break;
        read_seg(lx, &g, false);
        host_ok = host_ok && !g.odd_join;
        num_ok = num_ok && g.digits && !g.joined && !g.dangling;
        if (host_ok && !g.dangling && is_tld(&g)) {
            url = true;
            if (!own)
                return K_URL;
            lx->mark_end(lx);
            if (lx->lookahead == '/') {
                adv(lx);
                lx->mark_end(lx);
                url_rest(lx);
                return K_URL;
            }
        } else if (num_ok && own && !url) {
            lx->mark_end(lx);
        }
        if (g.dangling)
            break;
        c = lx->lookahead;
    }
    if (url)
        return K_URL;
    return num_ok ? K_NUMBER : K_TEXT;
}

/* A run of ordinary text from here: words, punctuation and spaces, on over line
 * breaks into the following lines of a paragraph or bullet item when each is
 * plain text decided from its first character (line_continues). It ends before a
 * URL, number or hyphen break (unless it is one: then that token is emitted), a
 * quote mark, a NUL or undecodable byte, and the line break it cannot cross; and
 * after its last non-space character (the token's end is moved after each). */
static bool scan_text(Scanner *s, TSLexer *lx, bool may_continue)
{
    static const int kind_token[] = {[K_URL] = URL, [K_HYPHEN] = HYPHEN_BREAK, [K_NUMBER] = NUMBER};
    bool empty = true, boundary = true;
    for (;;) {
        int32_t c = lx->lookahead;
        if (c <= 0 || is_quote_char(c)) /* also the end: its look-ahead is 0 */
            break;
        if (is_newline(c)) {
            bool read_on;
            if (!may_continue || !can_continue(s))
                break;
            eat_newline(lx);
            if (!line_continues(s, lx, true, &read_on) || read_on)
                break; /* the next call decides at the line break */
            continue_line(s);
            boundary = true;
        } else if (is_hspace(c)) {
            adv(lx);
            boundary = true;
        } else if (boundary && is_word_char(c)) {
            int k = scan_word(s, lx, empty);
            if (k == K_TEXT) {
                lx->mark_end(lx);
                empty = false;
                continue;
            }
            if (k == K_STOP || !empty) {
                empty = false;
                break;
            }
            lx->result_symbol = (TSSymbol)kind_token[k];
            return true;
        } else {
            adv(lx);
            lx->mark_end(lx);
            empty = false;
            boundary = !is_word_char(c);
        }
    }
    if (empty)
        return false;
    lx->result_symbol = TEXT;
    return true;
}

static bool scan_inline(Scanner *s, TSLexer *lx, const bool *valid, bool recovering)
{
    while (is_hspace(lx->lookahead))
        lx->advance(lx, true);
    int32_t c = lx->lookahead;
    if (at_eof(lx)) {
        if (!valid[NEWLINE] || recovering)
            return false;
        lx->mark_end(lx);
        lx->result_symbol = NEWLINE;
        s->prev = s->cur;
        s->quote = Q_NONE;
        return true;
    }
    if (is_newline(c)) {
        /* even where not expected (a quote left open): the parser recovers */
        eat_newline(lx);
        lx->mark_end(lx);
        bool read_on;
        if (!recovering && valid[NEWLINE] && can_continue(s) &&
            line_continues(s, lx, false, &read_on)) {
            /* the next line only continues this one: the break is text */
            continue_line(s);
            lx->result_symbol = TEXT;
            return true;
        }
        lx->result_symbol = NEWLINE;
        s->prev = s->cur;
        s->quote = Q_NONE;
        return true;
    }
    if (s->quote != Q_NONE && closes(s->quote, c) && valid[QUOTE_CLOSE]) {
        adv(lx);
        lx->mark_end(lx);
        lx->result_symbol = QUOTE_CLOSE;
        s->quote = Q_NONE;
        return true;
    }
    if (c > 0 && !is_quote_char(c))
        return scan_text(s, lx, !recovering && valid[NEWLINE]);
    /* A quote mark, a NUL or an undecodable byte. */
    adv(lx);
    lx->mark_end(lx);
    lx->result_symbol = PUNCT;
    if (is_quote_char(c) && s->quote == Q_NONE && valid[QUOTE_OPEN] && !recovering) {
        int q = quote_kind(c);
        if (find_close(lx, q)) {
            lx->result_symbol = QUOTE_OPEN;
            s->quote = (uint8_t)q;
        }
    }
    return true;
}

/* tree-sitter 0.20 counts one byte of look-ahead past the last character a scan
 * read, but deciding what that character is took all its bytes (and, for an
 * undecodable byte, up to three more): an edit there would leave a token
 * reused that a fresh parse lexes differently. Reading a little further makes
 * those bytes the token's look-ahead too. */
static void cover_lookahead(TSLexer *lx)
{
    int32_t c = lx->lookahead;
    if (at_eof(lx) || (c >= 0 && c < 0x80))
        return;
    for (int i = 0; i < (c < 0 ? 3 : 1) && !at_eof(lx); i++)
        adv(lx);
}

/* ---- the tree-sitter interface ------------------------------------------------------- */

void *tree_sitter_korrektur_external_scanner_create(void)
{
    static const Scanner init = {L_START, L_START, B_NONE, Q_NONE, 0, 0, 0, 0};
    Scanner *s = malloc(sizeof *s);
    if (s)
        *s = init;
    return s;
}

void tree_sitter_korrektur_external_scanner_destroy(void *payload)
{
    free(payload);
}

unsigned tree_sitter_korrektur_external_scanner_serialize(void *payload, char *buffer)
{
    memcpy(buffer, payload, sizeof(Scanner));
    return sizeof(Scanner);
}

void tree_sitter_korrektur_external_scanner_deserialize(void *payload, const char *buffer,
                                                        unsigned length)
{
    Scanner *s = payload;
    if (length == sizeof(Scanner)) {
        memcpy(s, buffer, sizeof(Scanner));
    } else {
        s->prev = s->cur = L_START;
        s->block = B_NONE;
        s->quote = Q_NONE;
        s->seen = 0;
        s->spare = 0;
        s->words = 0;
        s->before = 0;
    }
}

static bool scan(Scanner *s, TSLexer *lx, const bool *valid);

bool tree_sitter_korrektur_external_scanner_scan(void *payload, TSLexer *lx, const bool *valid)
{
    bool found = scan(payload, lx, valid);
    if (found)
        cover_lookahead(lx);
    return found;
}

static bool scan(Scanner *s, TSLexer *lx, const bool *valid)
{
    if (valid[ERROR_SENTINEL]) {
        /* Error recovery: consume something real so the parser moves on. */
        if (is_newline(lx->lookahead) && !at_eof(lx)) {
            eat_newline(lx);
            lx->mark_end(lx);
            lx->result_symbol = NEWLINE;
            s->prev = L_TEXT;
            s->quote = Q_NONE;
            return true;
        }
        return scan_inline(s, lx, valid, true);
    }
    /* Inline tokens are extras, valid everywhere: what tells a line's inside from
     * its start is that a line end (or a quote's end) is expected and no line
     * start is. */
    bool line_start = valid[LINE_BEGIN] || valid[BLANK] || valid[TITLE_BEGIN] ||
                      valid[QUESTION_LABEL] || valid[ANSWER_LABEL] || valid[HEADER_TEXT] ||
                      valid[MARKER] || valid[SECTION_END] || valid[BLOCKS1_END];
    if (!line_start && (valid[NEWLINE] || valid[QUOTE_CLOSE]))
        return scan_inline(s, lx, valid, false);
    if (line_start)
        return scan_line_start(s, lx, valid);
    return false;
}
