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
 * tokens instead of one per word. Where a hidden token can take the run that
 * follows it (a `_line_begin`, a quote's opening mark, a line break inside a
 * paragraph), it does: the visible tree is the same, with fewer tokens.
 *
 * The state (10 bytes) remembers what the previous line was, whether we are inside
 * a bullet item and which quote is open: weak bullet markers (`-`, `e `, a lost
 * glyph) only count at the start of a block, never in the middle of a paragraph.
 * It also hashes the words of the last two blocks: at a label, the hash picks the
 * zero-width token that ends the section before it, and with it where the hidden
 * groups of sections end (grammar.js); before a block that follows a blank line,
 * whether a hidden group of blocks ends there. So an edit re-parses a few dozen
 * nodes instead of every section or block. For the next token only, it may say
 * what the line after a break is (hint, see Cost).
 * Any byte sequence yields tokens: in error recovery only tokens of non-zero width
 * are produced, so the parser always advances.
 *
 * Cost: each lexer->advance costs about 90 instructions in tree-sitter 0.20 (60%
 * of the scanner's cost), and a token's end only moves forward, so a line read ahead
 * to decide what it is would be read again by the run of text that consumes it.
 * Instead the token that read a line ahead takes it when it is plain text (from
 * the buffer read_line filled, plain_line): a `_line_begin` goes on as its line's
 * run of text, a run goes on over a break into a line it had to read whole, and
 * the text of a quote is its opening mark's. A run that stopped at a break tells
 * the token there what the next line is (Scanner.hint), so that token does not
 * read it again. On OCR text a character is advanced about 1.2 times (lines with
 * a quote mark, labels and page headers are still read twice), a paragraph of
 * plain text is one token with the blank lines after it (else two), and what a token's decision
 * looked at — what an edit invalidates — is still the line it decided about. The per-character
 * loops test one table entry (ascii_class). */
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
    NEWLINE_BLANK,
    PARAGRAPH_WHOLE,
    QUESTION_LABEL,
    ANSWER_LABEL,
    OTHER_LABEL,
    HEADER_TEXT,
    MARKER,
    QUOTE_OPEN,
    QUOTE_CLOSE,
    QUOTE_WHOLE,
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
/* What a run of text that stopped at a line break found the next line to be
 * (Scanner.hint), so the token at the break need not read it again: not known,
 * a line that continues the block, one that does not, or a blank one. */
enum { H_NONE, H_GOES_ON, H_ENDS, H_BLANK };

typedef struct {
    uint8_t prev, cur, block, quote;
    uint8_t seen;    /* a line with content (not blank, not a page header) was emitted */
    uint8_t hint;    /* for the next token only: what the line after the break is (H_*) */
    uint16_t words;  /* a hash of the current block's words (see section_end) */
    uint16_t before; /* … and of the block before it */
} Scanner;

/* Longest line the line-start classifier reads ahead; longer lines are text. */
#define MAX_CLASSIFY 240
/* How far a quote mark looks for its closing mark. */
#define MAX_QUOTE 400

/* ---- character classes ------------------------------------------------------ */

/* The ASCII characters' classes, so the loops that read every character test
 * one table entry: CW letter or digit (a word character), CD digit, CS
 * horizontal space, CB line break or NUL (the end's look-ahead). */
enum { CW = 1, CD = 2, CS = 4, CB = 8 };
static const uint8_t ascii_class[128] = {
    CB,      0,       0,       0,       0,       0,       0,       0,       /* NUL */
    0,       CS,      CB,      CS,      CS,      CB,      0,       0,       /* \t \n \v \f \r */
    0,       0,       0,       0,       0,       0,       0,       0,       /* controls */
    0,       0,       0,       0,       0,       0,       0,       0,       /* controls */
    CS,      0,       0,       0,       0,       0,       0,       0,       /* space, !"#$%&' */
    0,       0,       0,       0,       0,       0,       0,       0,       /* ()*+,-./ */
    CW | CD, CW | CD, CW | CD, CW | CD, CW | CD, CW | CD, CW | CD, CW | CD, /* 0-7 */
    CW | CD, CW | CD, 0,       0,       0,       0,       0,       0,       /* 8-9 */
    0,       CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* A-G */
    CW,      CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* H-O */
    CW,      CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* P-W */
    CW,      CW,      CW,      0,       0,       0,       0,       0,       /* X-Z */
    0,       CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* a-g */
    CW,      CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* h-o */
    CW,      CW,      CW,      CW,      CW,      CW,      CW,      CW,      /* p-w */
    CW,      CW,      CW,      0,       0,       0,       0,       0,       /* x-z */
};

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
    if ((uint32_t)c < 0x80)
        return ascii_class[c] & CW;
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

/* A line read ahead: its code points (leading indent excluded, up to
 * MAX_CLASSIFY) and where each chunk (run of non-space characters) starts, so
 * classifying it copies nothing; when it was read to its end (`whole`), a run
 * of text can take it from here instead of reading it again (plain_line). */
typedef struct {
    int32_t cp[MAX_CLASSIFY + 1]; /* … and a line break after them (plain_word) */
    uint8_t start[MAX_CLASSIFY / 2 + 1], len[MAX_CLASSIFY / 2 + 1];
    Chunk first, tail[4]; /* the first chunk; the last four, tail[0] the last */
    unsigned n_chunks;
    unsigned length; /* code points, leading indent excluded */
    bool too_long;
    bool whole;  /* read to its line break or the end, and the lexer is still there */
    int32_t end; /* what follows it: '\n', '\r' or 0 (the end) */
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
    unsigned n = 0, n_chunks = 0;
    bool in_chunk = false;
    li->too_long = false;
    li->whole = false;
    for (;; adv(lx)) {
        int32_t c = lx->lookahead;
        unsigned k = (uint32_t)c < 0x80 ? ascii_class[c] : 0;
        if ((k & CB) && (c != 0 || at_eof(lx)))
            break;
        if (n == MAX_CLASSIFY) {
            li->too_long = true;
            li->length = n + 1;
            li->n_chunks = n_chunks;
            return;
        }
        li->cp[n++] = c;
        if (k & CS) {
            if (in_chunk)
                li->len[n_chunks - 1] =
                    (uint8_t)(n - 1 - li->start[n_chunks - 1]); /* a chunk ends */
            in_chunk = false;
        } else if (!in_chunk) {
            in_chunk = true;
            li->start[n_chunks++] = (uint8_t)(n - 1);
        }
    }
    if (in_chunk)
        li->len[n_chunks - 1] = (uint8_t)(n - li->start[n_chunks - 1]);
    li->cp[n] = '\n';
    li->length = n;
    li->n_chunks = n_chunks;
    li->whole = true;
    li->end = lx->lookahead;
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

/* Takes blank lines (spaces and line breaks) up to the next line with content
 * or the end, into the token; whether it took a line break. */
static bool eat_blanks(TSLexer *lx)
{
    bool any = false;
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
    return any;
}

/* The state after blank lines: no block open. */
static void after_blanks(Scanner *s)
{
    s->prev = L_BLANK;
    s->cur = L_BLANK;
    s->block = B_NONE;
}

static bool scan_blank(Scanner *s, TSLexer *lx, bool had_space)
{
    if (!eat_blanks(lx) && !had_space)
        return false;
    lx->result_symbol = BLANK;
    after_blanks(s);
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
 * inside another token). *read_on says whether anything past the line's first
 * character was read; if it was all read into `li`, li->whole is set. */
static int decide_line(const Scanner *s, TSLexer *lx, unsigned indent, bool title_ok, bool peek,
                       bool *read_on, bool label_peek, LineInfo *li)
{
    bool weak_ok = s->prev != L_TEXT && s->prev != L_BULLET;
    weak_ok = weak_ok || s->block == B_BULLET;
    *read_on = true;
    li->whole = false;

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
    read_line(lx, li);
    int k = line_label(li);
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
    if (looks_like_header(li, &bare)) {
        bool prev_blank = s->prev == L_BLANK || s->prev == L_START || s->prev == L_HEADER;
        if (prev_blank || (!bare && li->n_chunks <= 12)) {
            mark(lx, peek);
            return HEADER_TEXT;
        }
    }
    if (title_ok && !li->too_long && li->length <= 160) {
        li->whole = false; /* the lexer moves on into the next line */
        if (next_line_kind(lx) != 0)
            return TITLE_BEGIN;
    }
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

/* A run of text being scanned (run_text): whether the token has anything yet,
 * and whether the run has just entered a line where, split line by line, a new
 * token would have started (see run_text: a word read there that the run must
 * leave to a token of its own is not counted in the hash twice). */
typedef struct {
    bool empty;      /* nothing in the token yet: a URL, number or hyphen break here is it */
    bool fresh;      /* nothing read since such a line start */
    uint16_t before; /* Scanner.words there */
} Run;

static int run_text(Scanner *s, TSLexer *lx, bool may_continue, Run *run);
static bool plain_line(Scanner *s, const LineInfo *li);

/* At the start of a line: always decides (a non-blank line never falls through to
 * the regular lexer). The token is emitted even when the parse state does not
 * expect it — after a reused section, say, only a label is valid — and the parser
 * then breaks the reused node down and asks again in the right state. A
 * `_line_begin` where one is expected goes on as the run of text that would
 * follow it (its width is the text's): the line is not read again, and a
 * paragraph costs a token less. */
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
    LineInfo li;
    int token = decide_line(s, lx, indent, valid[TITLE_BEGIN] && !s->seen, false, &read_on,
                            section_may_end, &li);
    if (section_may_end && line_kind_of(token) == L_LABEL) {
        lx->result_symbol = (TSSymbol)section_end(s); /* zero width: the label comes next */
        return true;
    }
    emit(s, lx, token, line_kind_of(token));
    if (token == LINE_BEGIN && valid[LINE_BEGIN] && s->quote == Q_NONE) {
        Run run = {false, !read_on, s->words};
        if (!read_on || plain_line(s, &li)) {
            if (read_on)
                lx->mark_end(lx);
            run_text(s, lx, true, &run);
            /* the run ended at a line break before blank lines (run_over_break
             * said so): where a paragraph may start, this one is all of it */
            if (s->hint == H_BLANK && valid[PARAGRAPH_WHOLE] && s->block == B_PARA) {
                s->hint = H_NONE;
                s->quote = Q_NONE;
                eat_blanks(lx);
                after_blanks(s);
                lx->result_symbol = PARAGRAPH_WHOLE;
                return true;
            }
        }
    }
    lx->result_symbol = (TSSymbol)token;
    return true;
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
 * the state the break leaves (so it only continues the current block)? H_GOES_ON
 * or H_ENDS (H_BLANK: a blank line ends it). Reads ahead without moving the token's end: *read_on
 * says whether past the line's first character (then li->whole says whether the line is all in
 * `li`), *bom whether its indentation held a byte order mark. With `quick` a line starting with a
 * quote mark or an undecodable byte is not looked at (H_NONE: a run of text stops there anyway). */
static int line_continues(const Scanner *s, TSLexer *lx, bool quick, bool *read_on, LineInfo *li,
                          bool *bom)
{
    Scanner next = *s;
    next.prev = next.cur;
    next.quote = Q_NONE;
    unsigned indent = 0;
    *read_on = false;
    *bom = false;
    li->whole = false;
    while (is_hspace(lx->lookahead) || lx->lookahead == 0xFEFF) {
        if (lx->lookahead != 0xFEFF)
            indent++;
        else
            *bom = true;
        adv(lx);
    }
    if (at_eof(lx))
        return H_ENDS;
    if (is_newline(lx->lookahead))
        return H_BLANK;
    if (quick && (lx->lookahead <= 0 || is_quote_char(lx->lookahead)))
        return H_NONE;
    bool goes_on = decide_line(&next, lx, indent, false, true, read_on, false, li) == LINE_BEGIN;
    return goes_on ? H_GOES_ON : H_ENDS;
}

/* ---- inside a line ------------------------------------------------------------------ */

/* Where the characters of a run come from: the lexer, or (lx NULL) text read
 * ahead, cp[i..n), followed by `end` (a line's break or 0 at the end, a quote's
 * closing mark). */
typedef struct {
    TSLexer *lx;
    const int32_t *cp;
    unsigned i, n;
    int32_t end;
} Src;

static inline int32_t look(const Src *r)
{
    if (r->lx)
        return r->lx->lookahead;
    return r->i < r->n ? r->cp[r->i] : r->end;
}

static inline void step(Src *r)
{
    if (r->lx)
        adv(r->lx);
    else
        r->i++;
}

/* Right after a line break that follows `<word char>-`: does the next line
 * continue the word (a hyphen break)? */
static bool continues_word(TSLexer *lx)
{
    return !at_eof(lx) && is_word_char(lx->lookahead);
}

/* What is between two quote marks, as find_close read it. */
typedef struct {
    int32_t cp[MAX_QUOTE + 1]; /* … and the closing mark (plain_word) */
    unsigned n;
    bool one_line; /* no hyphen break inside */
} QuoteText;

/* After an opening quote mark: is there a closing one before the line ends (a
 * line ending inside a hyphenated word does not end the quote)? Look-ahead only;
 * what was read is left in `qt`. */
static bool find_close(TSLexer *lx, int q, QuoteText *qt)
{
    int32_t prev = 0, before = 0;
    qt->n = 0;
    qt->one_line = true;
    for (int i = 0; i < MAX_QUOTE && !at_eof(lx); i++) {
        int32_t c = lx->lookahead;
        if (closes(q, c)) {
            qt->cp[qt->n] = c;
            return true;
        }
        if (is_newline(c)) {
            if (prev != '-' || !is_word_char(before))
                return false;
            eat_newline(lx);
            if (!continues_word(lx))
                return false;
            prev = before = 0;
            qt->one_line = false;
            continue;
        }
        before = prev;
        prev = c;
        qt->cp[qt->n++] = c;
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

/* Reads word characters into `g` (the first 8 kept), from the lexer or from a
 * line read ahead: the loop every character of a text goes through. */
static void read_word_chars(Src *r, Seg *g)
{
    unsigned n = g->n, all = CD; /* all: the classes every character had */
    if (r->lx) {
        TSLexer *lx = r->lx;
        for (;; n++, adv(lx)) {
            int32_t c = lx->lookahead;
            unsigned k = (uint32_t)c < 0x80 ? ascii_class[c] : is_word_char(c) ? CW : 0;
            if (!(k & CW))
                break;
            all &= k;
            if (n < sizeof g->text)
                g->text[n] = c < 0x80 ? (char)c : '?';
        }
    } else {
        const int32_t *cp = r->cp;
        unsigned i = r->i, first = i;
        for (; i < r->n; i++) {
            int32_t c = cp[i];
            unsigned k = (uint32_t)c < 0x80 ? ascii_class[c] : is_word_char(c) ? CW : 0;
            if (!(k & CW))
                break;
            all &= k;
        }
        for (unsigned j = first; j < i && n + (j - first) < sizeof g->text; j++)
            g->text[n + (j - first)] = cp[j] < 0x80 ? (char)cp[j] : '?';
        n += i - first;
        r->i = i;
    }
    g->n = n;
    g->digits = g->digits && all;
}

/* Reads a segment; with `marks` (from the lexer only) the token's end follows
 * each run of word characters (for a token that ends with the segment). */
static void read_seg(Src *r, Seg *g, bool marks)
{
    memset(g, 0, sizeof *g);
    g->digits = true;
    for (;;) {
        read_word_chars(r, g);
        if (marks)
            r->lx->mark_end(r->lx);
        int32_t c = look(r);
        if (!is_connector(c))
            return;
        step(r);
        if (!is_word_char(look(r))) {
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

/* After `http`/`https` at ':': a URL when `//` follows. `own` only from the lexer. */
static int scheme_url(Src *r, bool own)
{
    step(r);
    for (int i = 0; i < 2; i++) {
        if (look(r) != '/')
            return K_TEXT;
        step(r);
    }
    if (own) {
        r->lx->mark_end(r->lx);
        url_rest(r->lx);
    }
    return K_URL;
}

/* At `<word>-` and a line break: `igangvæ-⏎rende` is a hyphen break; otherwise the
 * run of text stops at the break (K_STOP). A line read ahead ends there: its run
 * stops. */
static int hyphen_break(Src *r, bool own)
{
    TSLexer *lx = r->lx;
    if (!lx)
        return K_STOP;
    if (own)
        lx->mark_end(lx); /* `word-` as text, if no word follows */
    eat_newline(lx);
    if (!continues_word(lx))
        return K_STOP;
    if (own) {
        Seg rest;
        read_seg(r, &rest, true);
    }
    return K_HYPHEN;
}

/* Adds a word (its first 8 characters, zero-padded, and its length) to the hash
 * of the block's words (see section_end). */
static void hash_word(Scanner *s, const char text[8], unsigned n)
{
    uint64_t w;
    memcpy(&w, text, sizeof w);
    w = (w ^ n ^ s->words) * 0x9E3779B97F4A7C15ull;
    s->words = (uint16_t)(w >> 48);
}

/* At a word character where a token may start: reads what the old word-level
 * lexer made one token of and says what it is. With `own` (the run of text is
 * empty, so the token is this one; from the lexer only) the token's end is
 * moved to the end of a URL, hyphen break or number; otherwise it is not moved
 * (the run ends before them). K_TEXT: ordinary text, all of it read; the caller
 * marks its end. */
static int scan_word(Scanner *s, Src *r, bool own)
{
    Seg g;
    read_seg(r, &g, own);
    hash_word(s, g.text, g.n);
    int32_t c = look(r);
    if (g.dangling == '-' && is_newline(c))
        return hyphen_break(r, own);
    if (g.dangling)
        return K_TEXT;
    if (c == ':' && (seg_is(&g, "http", true) || seg_is(&g, "https", true)))
        return scheme_url(r, own);
    if (c == '.' && seg_is(&g, "www", true)) {
        step(r);
        if (own) {
            r->lx->mark_end(r->lx);
            url_rest(r->lx);
        }
        return K_URL;
    }
    /* A bare host (`kommune.dk/kontakt`): segments joined by '.', one of them
     * after the first a top-level domain; a number: digits joined by '.' or ','. */
    bool host_ok = !g.odd_join, num_ok = g.digits && !g.joined, url = false;
    while ((c == '.' || c == ',') && (host_ok || num_ok)) {
        host_ok = host_ok && c == '.';
        step(r);
        if (!is_word_char(look(r)))
            break;
        read_seg(r, &g, false);
        host_ok = host_ok && !g.odd_join;
        num_ok = num_ok && g.digits && !g.joined && !g.dangling;
        if (host_ok && !g.dangling && is_tld(&g)) {
            url = true;
            if (!own)
                return K_URL;
            r->lx->mark_end(r->lx);
            if (r->lx->lookahead == '/') {
                adv(r->lx);
                r->lx->mark_end(r->lx);
                url_rest(r->lx);
                return K_URL;
            }
        } else if (num_ok && own && !url) {
            r->lx->mark_end(r->lx);
        }
        if (g.dangling)
            break;
        c = look(r);
    }
    if (url)
        return K_URL;
    return num_ok ? K_NUMBER : K_TEXT;
}

/* At a word in text read ahead: the common word that scan_word would find to be
 * ordinary text at once — letters (not only digits) followed by a space, a line
 * break, or `.`/`,` and no word character (not after `www`) — read and hashed as
 * scan_word would, without its general machinery. False (nothing read) for any
 * other word. */
static bool plain_word(Scanner *s, Src *r)
{
    const int32_t *cp = r->cp;
    unsigned i = r->i, first = i, all = CD;
    for (;; i++) { /* cp[r->n] is no word character */
        int32_t c = cp[i];
        unsigned k = (uint32_t)c < 0x80 ? ascii_class[c] : is_word_char(c) ? CW : 0;
        if (!(k & CW))
            break;
        all &= k;
    }
    if (all) /* only digits: a number */
        return false;
    char text[8] = {0};
    unsigned len = i - first, keep = len < sizeof text ? len : sizeof text;
    for (unsigned j = 0; j < keep; j++)
        text[j] = cp[first + j] < 0x80 ? (char)cp[first + j] : '?';
    int32_t next = i < r->n ? cp[i] : r->end;
    unsigned k = (uint32_t)next < 0x80 ? ascii_class[next] : 0;
    if (next == '.' || next == ',') {
        int32_t after = i + 1 < r->n ? cp[i + 1] : r->end;
        if (is_word_char(after))
            return false;
        if (next == '.' && len == 3 && (text[0] | 0x20) == 'w' && (text[1] | 0x20) == 'w' &&
            (text[2] | 0x20) == 'w')
            return false;
        i++;
    } else if (!(k & (CS | CB))) {
        return false;
    }
    hash_word(s, text, len);
    r->i = i;
    return true;
}

/* Text read ahead, cp[0..n) followed by `end` (cp[n] no word character either,
 * so plain_word's loop needs no bound): is all of it ordinary text — what
 * run_text would read to its end without stopping (no URL, number, hyphen
 * break, quote mark or stray byte)? Then its words are hashed as run_text would
 * have (Scanner.words), and the token that read it can take it as it is instead
 * of leaving it to be read again. */
static bool plain_text(Scanner *s, const int32_t *cp, unsigned n, int32_t end)
{
    uint16_t words = s->words;
    Src r = {NULL, cp, 0, n, end};
    bool boundary = true;
    for (;;) {
        if (r.i >= r.n)
            return true;
        int32_t c = r.cp[r.i];
        if (c <= 0 || is_quote_char(c))
            break;
        if (is_hspace(c)) {
            r.i++;
            boundary = true;
        } else if (boundary && is_word_char(c)) {
            if (plain_word(s, &r))
                continue;
            if (scan_word(s, &r, false) != K_TEXT)
                break; /* (perhaps at the end: a hyphen break) */
        } else {
            r.i++;
            boundary = !is_word_char(c);
        }
    }
    s->words = words;
    return false;
}

/* A line read ahead (li->whole) that a run of text has reached: is it plain text
 * whose last character is no space (the run's end is there)? */
static bool plain_line(Scanner *s, const LineInfo *li)
{
    return li->whole && li->length > 0 && !is_hspace(li->cp[li->length - 1]) &&
           plain_text(s, li->cp, li->length, li->end);
}

/* At a line break inside a run of text: goes on into the next line when it only
 * continues the block, decided from its first character (a small letter) or,
 * reading it whole, when it is plain text (plain_line). Otherwise false, the
 * token's end still before the break, and the token at the break is told what
 * was found (Scanner.hint). */
static bool run_over_break(Scanner *s, TSLexer *lx)
{
    bool read_on, bom;
    LineInfo li;
    eat_newline(lx);
    int next = line_continues(s, lx, true, &read_on, &li, &bom);
    if (next == H_GOES_ON && (!read_on || (!bom && plain_line(s, &li)))) {
        if (read_on)
            lx->mark_end(lx);
        continue_line(s);
        return true;
    }
    s->hint = (uint8_t)next;
    return false;
}

/* A run of ordinary text from here: words, punctuation and spaces, on over line
 * breaks into the following lines of a paragraph or bullet item (run_over_break).
 * It ends before a URL, number or hyphen break (unless it is one: then that
 * token is returned), a quote mark, a NUL or undecodable byte, and the line
 * break it cannot cross; and after its last non-space character (the token's
 * end is moved after each). Returns TEXT, that token, or 0 when it read nothing.
 *
 * A run that `fresh`ly entered a line where the old line-by-line split had
 * started a token of its own, and stops at its first word, leaves the hash of
 * words as it was: that token hashes the word when it is lexed. */
static int run_text(Scanner *s, TSLexer *lx, bool may_continue, Run *run)
{
    static const int kind_token[] = {[K_URL] = URL, [K_HYPHEN] = HYPHEN_BREAK, [K_NUMBER] = NUMBER};
    Src r = {lx, NULL, 0, 0, 0};
    bool boundary = true;
    for (;;) {
        int32_t c = lx->lookahead;
        if (c <= 0 || is_quote_char(c)) /* also the end: its look-ahead is 0 */
            break;
        if (is_newline(c)) {
            if (!may_continue || !can_continue(s) || !run_over_break(s, lx))
                break;
            run->fresh = false;
            boundary = true;
        } else if (is_hspace(c)) {
            adv(lx);
            boundary = true;
        } else if (boundary && is_word_char(c)) {
            int k = scan_word(s, &r, run->empty);
            if (k == K_TEXT) {
                lx->mark_end(lx);
                run->empty = run->fresh = false;
                continue;
            }
            if (!run->empty) {
                if (run->fresh)
                    s->words = run->before;
                break;
            }
            if (k == K_STOP) {
                run->empty = false;
                break;
            }
            return kind_token[k];
        } else {
            adv(lx);
            lx->mark_end(lx);
            run->empty = run->fresh = false;
            boundary = !is_word_char(c);
        }
    }
    return run->empty ? 0 : TEXT;
}

static bool scan_inline(Scanner *s, TSLexer *lx, const bool *valid, bool recovering, int hint)
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
        bool read_on = false, bom = false;
        LineInfo li;
        int next = H_NONE;
        if (!recovering && valid[NEWLINE] && can_continue(s))
            next = hint ? hint : line_continues(s, lx, false, &read_on, &li, &bom);
        if (next == H_GOES_ON) {
            /* the next line only continues this one: the break is text, and
             * so is the run of text the line starts with (from where a token
             * of its own would start, after the indentation) */
            continue_line(s);
            if (hint)
                while (is_hspace(lx->lookahead))
                    adv(lx);
            if (!bom && (!read_on || plain_line(s, &li))) {
                Run run = {false, !read_on, s->words};
                if (read_on)
                    lx->mark_end(lx);
                run_text(s, lx, true, &run);
            }
            lx->result_symbol = TEXT;
            return true;
        }
        lx->result_symbol = NEWLINE;
        s->prev = s->cur;
        s->quote = Q_NONE;
        if (next == H_BLANK && valid[NEWLINE_BLANK] && s->block == B_PARA) {
            /* the blank lines after a paragraph's last line: the paragraph keeps
             * them anyway (grammar.js), and a `_blank` token of their own cost the
             * parser as much as the paragraph's text did */
            eat_blanks(lx);
            after_blanks(s);
            lx->result_symbol = NEWLINE_BLANK;
        }
        return true;
    }
    if (s->quote != Q_NONE && closes(s->quote, c) && valid[QUOTE_CLOSE]) {
        adv(lx);
        lx->mark_end(lx);
        lx->result_symbol = QUOTE_CLOSE;
        s->quote = Q_NONE;
        return true;
    }
    if (c > 0 && !is_quote_char(c)) {
        Run run = {true, false, 0};
        int token = run_text(s, lx, !recovering && valid[NEWLINE], &run);
        if (!token)
            return false;
        lx->result_symbol = (TSSymbol)token;
        return true;
    }
    /* A quote mark, a NUL or an undecodable byte. */
    adv(lx);
    lx->mark_end(lx);
    lx->result_symbol = PUNCT;
    if (is_quote_char(c) && s->quote == Q_NONE && valid[QUOTE_OPEN] && !recovering) {
        int q = quote_kind(c);
        QuoteText qt;
        if (find_close(lx, q, &qt)) {
            lx->result_symbol = QUOTE_OPEN;
            s->quote = (uint8_t)q;
            /* plain text up to the closing mark is the opening token's too, and
             * where a whole quote may stand so is the closing mark */
            if (qt.one_line && plain_text(s, qt.cp, qt.n, lx->lookahead)) {
                if (valid[QUOTE_WHOLE]) {
                    adv(lx);
                    lx->result_symbol = QUOTE_WHOLE;
                    s->quote = Q_NONE;
                }
                lx->mark_end(lx);
            }
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
        s->hint = H_NONE;
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
    int hint = s->hint; /* for this token only */
    s->hint = H_NONE;
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
        return scan_inline(s, lx, valid, true, H_NONE);
    }
    /* Inline tokens are extras, valid everywhere: what tells a line's inside from
     * its start is that a line end (or a quote's end) is expected and no line
     * start is. */
    bool line_start = valid[LINE_BEGIN] || valid[BLANK] || valid[TITLE_BEGIN] ||
                      valid[QUESTION_LABEL] || valid[ANSWER_LABEL] || valid[HEADER_TEXT] ||
                      valid[MARKER] || valid[SECTION_END] || valid[BLOCKS1_END];
    if (!line_start && (valid[NEWLINE] || valid[QUOTE_CLOSE]))
        return scan_inline(s, lx, valid, false, hint);
    if (line_start)
        return scan_line_start(s, lx, valid);
    return false;
}
