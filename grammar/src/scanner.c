/* scanner.c — the external scanner of the korrektur grammar (see grammar.js).
 *
 * Every token of the grammar comes from here. The document is line-oriented: at the
 * start of each line the scanner reads the whole line ahead (without consuming it)
 * and decides what the line is — blank, a label (`Spørgsmål:` also when OCR-damaged),
 * a running page header (`<title> Side 2`, a bare page number), the title, a bullet
 * item (a glyph, OCR's `e `/`o `/`«`, or the indent a lost glyph left) or ordinary
 * text — and emits a (mostly zero-width) token saying so. Inside a line it lexes
 * words, numbers, URLs, quote marks and words split by a line-end hyphen.
 *
 * The state (5 bytes) remembers what the previous line was, whether we are inside
 * a bullet item and which quote is open: weak bullet markers (`-`, `e `, a lost
 * glyph) only count at the start of a block, never in the middle of a paragraph.
 * Any byte sequence yields tokens: in error recovery only tokens of non-zero width
 * are produced, so the parser always advances. */
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
    uint8_t seen; /* a line with content (not blank, not a page header) was emitted */
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

/* Letters and digits: the complement of the grammar's NOT_WORD class (grammar.js),
 * so the scanner and the regular lexer agree on where a word ends. An undecodable
 * byte is no word character: it becomes a punctuation token of its own. */
static bool is_word_char(int32_t c)
{
    if (c <= 0)
        return false;
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c);
    return !is_punct_cp(c);
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
static bool at_eof(TSLexer *lx)
{
    return lx->eof(lx);
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
typedef struct {
    int32_t cp[CHUNK_KEEP];
    uint8_t n;    /* code points kept */
    uint16_t len; /* code points in the chunk */
} Chunk;

typedef struct {
    Chunk first, second, tail[4]; /* tail: the last four chunks, ring */
    unsigned n_chunks;
    unsigned length; /* code points, leading indent excluded */
    bool too_long;
} LineInfo;

/* Reads the rest of the line into `li` (the lexer stops at the line break or EOF). */
static void read_line(TSLexer *lx, LineInfo *li)
{
    memset(li, 0, sizeof *li);
    Chunk cur = {{0}, 0, 0};
    bool in_chunk = false;
    while (!at_eof(lx) && !is_newline(lx->lookahead)) {
        int32_t c = lx->lookahead;
        if (++li->length > MAX_CLASSIFY) {
            li->too_long = true;
            return;
        }
        if (is_hspace(c)) {
            if (in_chunk) {
                if (li->n_chunks == 1)
                    li->first = cur;
                if (li->n_chunks == 2)
                    li->second = cur;
                li->tail[(li->n_chunks - 1) % 4] = cur;
                in_chunk = false;
            }
        } else {
            if (!in_chunk) {
                in_chunk = true;
                li->n_chunks++;
                cur.n = 0;
                cur.len = 0;
            }
            if (cur.n < CHUNK_KEEP)
                cur.cp[cur.n++] = c;
            cur.len++;
        }
        adv(lx);
    }
    if (in_chunk) {
        if (li->n_chunks == 1)
            li->first = cur;
        if (li->n_chunks == 2)
            li->second = cur;
        li->tail[(li->n_chunks - 1) % 4] = cur;
    }
}

/* The i-th chunk from the end (0 = last), or NULL. */
static const Chunk *tail_chunk(const LineInfo *li, unsigned i)
{
    if (i >= li->n_chunks || i >= 4)
        return NULL;
    return &li->tail[(li->n_chunks - 1 - i) % 4];
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
    if (li->n_chunks == 1 && chunk_is_digits(tail_chunk(li, 0), false) && li->tail[0].len <= 4) {
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

/* A glyph bullet at the line start: `• `, `- `, `« `, `e `/`o ` before a capital. */
static int try_glyph(Scanner *s, TSLexer *lx, bool weak_ok)
{
    int32_t c = lx->lookahead;
    if (is_strong_bullet(c) || c == '*') {
        adv(lx);
        if (c == '*' && !is_hspace(lx->lookahead))
            return -1;
        lx->mark_end(lx);
        return emit(s, lx, MARKER, L_BULLET);
    }
    if (!weak_ok)
        return 0;
    if (c == '-' || c == 0x2013 || c == 0xAB || c == '>') {
        adv(lx);
        if (!is_hspace(lx->lookahead))
            return -1;
        lx->mark_end(lx); /* a marker ends here, unless this is a page number */
        if (c != 0xAB && c != '>' && dashed_number(lx)) {
            lx->mark_end(lx);
            return emit(s, lx, HEADER_TEXT, L_HEADER);
        }
        return emit(s, lx, MARKER, L_BULLET);
    }
    if (c == 'e' || c == 'o') {
        adv(lx);
        if (lx->lookahead != ' ')
            return -1;
        while (lx->lookahead == ' ')
            adv(lx);
        if (!is_upper(lx->lookahead))
            return -1;
        lx->mark_end(lx);
        return emit(s, lx, MARKER, L_BULLET);
    }
    return 0;
}

/* At the start of a line: always decides (a non-blank line never falls through to
 * the regular lexer, whose inline extras would be accepted anywhere). The token is
 * emitted even when the parse state does not expect it — after a reused section,
 * say, only a label is valid — and the parser then breaks the reused node down and
 * asks again in the right state. */
static bool scan_line_start(Scanner *s, TSLexer *lx, const bool *valid)
{
    unsigned indent = 0;
    while (is_hspace(lx->lookahead) || lx->lookahead == 0xFEFF) {
        if (lx->lookahead != 0xFEFF) /* a byte order mark is no indentation */
            indent++;
        lx->advance(lx, true);
    }
    if (at_eof(lx) || is_newline(lx->lookahead))
        return scan_blank(s, lx, indent > 0);
    lx->mark_end(lx); /* zero width unless a decision below moves it */
    bool title_ok = valid[TITLE_BEGIN] && !s->seen;
    bool weak_ok = s->prev != L_TEXT && s->prev != L_BULLET;
    weak_ok = weak_ok || s->block == B_BULLET;

    int g = title_ok ? 0 : try_glyph(s, lx, weak_ok);
    if (g > 0)
        return true;
    bool consumed = g < 0; /* a would-be glyph was read: not a label or header */

    /* Labels and headers start with a capital, a digit, `s` or a dash. A line
     * starting with another small letter — most lines of hard-wrapped text — is
     * text, decided without reading it ahead. */
    int32_t first = lx->lookahead;
    if (consumed || (!title_ok && is_small(first) && first != 's')) {
        if (!consumed && indent > 0 && weak_ok)
            return emit(s, lx, MARKER, L_BULLET);
        return emit(s, lx, LINE_BEGIN, L_TEXT);
    }
    LineInfo li;
    read_line(lx, &li);
    int k = line_label(&li);
    if (k == LABEL_O && !(weak_ok || title_ok))
        k = LABEL_NONE;
    static const int tok[] = {0, QUESTION_LABEL, ANSWER_LABEL, OTHER_LABEL};
    if (k != LABEL_NONE) {
        lx->mark_end(lx);
        return emit(s, lx, tok[k], L_LABEL);
    }
    /* A running header: after a blank line, or a short `… Side N` line even in the
     * middle of a paragraph. Decided without reading the next line, so the token
     * can still be zero width when the answer is no. */
    bool bare;
    if (looks_like_header(&li, &bare)) {
        bool prev_blank = s->prev == L_BLANK || s->prev == L_START || s->prev == L_HEADER;
        if (prev_blank || (!bare && li.n_chunks <= 12)) {
            lx->mark_end(lx);
            return emit(s, lx, HEADER_TEXT, L_HEADER);
        }
    }
    if (title_ok && !li.too_long && li.length <= 160 && next_line_kind(lx) != 0)
        return emit(s, lx, TITLE_BEGIN, L_TITLE);
    if (indent > 0 && weak_ok && !title_ok)
        return emit(s, lx, MARKER, L_BULLET);
    return emit(s, lx, LINE_BEGIN, L_TEXT);
}

/* ---- inside a line ------------------------------------------------------------------ */

/* Right after a line break that follows `<word char>-`: does the next line
 * continue the word? Then the regular lexer's hyphen_break spans the break. */
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
    /* Words, numbers, URLs, hyphen breaks and punctuation other than quote marks
     * are the regular lexer's; NUL and undecodable bytes it cannot match. */
    if (c > 0 && !is_quote_char(c))
        return false;
    if (!valid[PUNCT] && !recovering)
        return false;
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

/* ---- the tree-sitter interface ------------------------------------------------------- */

void *tree_sitter_korrektur_external_scanner_create(void)
{
    static const Scanner init = {L_START, L_START, B_NONE, Q_NONE, 0};
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
    }
}

bool tree_sitter_korrektur_external_scanner_scan(void *payload, TSLexer *lx, const bool *valid)
{
    Scanner *s = payload;
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
                      valid[MARKER];
    if (!line_start && (valid[NEWLINE] || valid[QUOTE_CLOSE]))
        return scan_inline(s, lx, valid, false);
    if (line_start)
        return scan_line_start(s, lx, valid);
    return false;
}
