/* analysis.c — the per-lint view rules read: the document's blocks and tokens.
 *
 * Blocks come from the syntax tree (grammar/): the title, each label, paragraph,
 * bullet item and page header, with their byte ranges. Without a tree (no grammar
 * in the build, or no parser) every run of non-blank lines is a paragraph.
 *
 * Tokens come from one pass over the text: whitespace-delimited chunks (the same
 * notion of white space as the scorer: ASCII space, tab, line breaks, form feed,
 * vertical tab) with surrounding punctuation stripped, classified as word, number,
 * URL or other, flagged with their place on the line, a line-end hyphen and
 * quoting, and tied to the block they sit in (as they are made). The pass reads
 * a byte's classes from one table and ORs them over each chunk, so a chunk of
 * plain ASCII (most words) is stripped and classified by table, and only one
 * with a multi-byte character decodes it. Everything lives in the caller's
 * arena; the token array is sized by a first count of the chunks (growing it by
 * doubling in an arena kept every outgrown copy: 21 MB for a 1 MB document's
 * 8 MB of tokens), so there is no allocation per token. */
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "engine.h"

typedef struct {
    kr_analysis *an;
    kr_arena *arena;
    const char *text;
    size_t len;
    size_t cap_blocks, cap_tokens;
} builder;

/* What the tokeniser needs to know of a byte, as bits of one table (the first
 * lint asks it for every byte of the text): a chunk's bytes ORed together tell
 * whether it needs more than a look at its ends (most words do not). */
enum {
    C_WS = 1,     /* white space: ASCII space, tab, line breaks, form feed, vertical tab */
    C_ALPHA = 2,  /* ASCII letter */
    C_DIGIT = 4,  /* ASCII digit */
    C_HIGH = 8,   /* a byte of a multi-byte character (or an invalid one) */
    C_STRIP = 16, /* ASCII punctuation stripped from a chunk's ends (punct_at), quotes too */
    C_QUOTE = 32, /* ' and " */
    C_URL = 64,   /* what classify() looks for besides letters and digits: / = _ \ < > @ . : */
};

#define R2(x) x, x
#define R4(x) R2(x), R2(x)
#define R8(x) R4(x), R4(x)
#define R16(x) R8(x), R8(x)
static const unsigned char byte_class[256] = {
    [' '] = C_WS,
    ['\t'] = C_WS,
    ['\r'] = C_WS,
    ['\n'] = C_WS,
    ['\f'] = C_WS,
    ['\v'] = C_WS,
    ['A'] = R16(C_ALPHA),
    R8(C_ALPHA),
    R2(C_ALPHA),
    ['a'] = R16(C_ALPHA),
    R8(C_ALPHA),
    R2(C_ALPHA),
    ['0'] = R8(C_DIGIT),
    R2(C_DIGIT),
    ['('] = C_STRIP,
    [')'] = C_STRIP,
    ['['] = C_STRIP,
    [']'] = C_STRIP,
    ['{'] = C_STRIP,
    ['}'] = C_STRIP,
    [','] = C_STRIP,
    [';'] = C_STRIP,
    ['!'] = C_STRIP,
    ['?'] = C_STRIP,
    ['*'] = C_STRIP,
    ['.'] = C_STRIP | C_URL,
    [':'] = C_STRIP | C_URL,
    ['<'] = C_STRIP | C_URL,
    ['>'] = C_STRIP | C_URL,
    ['\''] = C_STRIP | C_QUOTE,
    ['"'] = C_STRIP | C_QUOTE,
    ['/'] = C_URL,
    ['='] = C_URL,
    ['_'] = C_URL,
    ['\\'] = C_URL,
    ['@'] = C_URL,
    [0x80] = R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
    R16(C_HIGH),
};
#undef R2
#undef R4
#undef R8
#undef R16

static bool is_ws(char c)
{
    return byte_class[(unsigned char)c] & C_WS;
}

/* ---- blocks -------------------------------------------------------------------- */

static void add_block(builder *b, kr_block_kind kind, kr_label_kind label, size_t start, size_t end)
{
    kr_analysis *an = b->an;
    if (an->n_blocks == b->cap_blocks) {
        size_t cap = b->cap_blocks ? b->cap_blocks * 2 : 32;
        kr_block *nb = kr_arena_alloc(b->arena, cap * sizeof *nb);
        if (an->n_blocks)
            memcpy(nb, an->blocks, an->n_blocks * sizeof *nb);
        an->blocks = nb;
        b->cap_blocks = cap;
    }
    an->blocks[an->n_blocks++] = (kr_block){kind, label, start, end};
}

/* The end of a block's content: without the blank lines it keeps and without the
 * final line break (trailing spaces on the last line stay). */
static size_t content_end(const char *text, size_t start, size_t end)
{
    for (;;) {
        while (end > start && (text[end - 1] == '\n' || text[end - 1] == '\r'))
            end--;
        size_t k = end;
        while (k > start && text[k - 1] != '\n' && is_ws(text[k - 1]))
            k--;
        if (k == start)
            return start; /* nothing but white space */
        if (text[k - 1] != '\n')
            return end; /* the last line has text */
        end = k;        /* the last line is blank: drop it and look again */
    }
}

static kr_label_kind label_kind(TSNode label)
{
    if (ts_node_named_child_count(label) == 0)
        return KR_LABEL_OTHER;
    const char *t = ts_node_type(ts_node_named_child(label, 0));
    if (strcmp(t, "question_label") == 0)
        return KR_LABEL_QUESTION;
    if (strcmp(t, "answer_label") == 0)
        return KR_LABEL_ANSWER;
    return KR_LABEL_OTHER;
}

/* A block-level node of the tree (a child of the document, or of a section),
 * as the blocks are made from and as the memo keeps them between lints. Nodes
 * that hold nothing but white space are left out. */
typedef struct {
    uint32_t start, end; /* the node's bytes */
    uint32_t content;    /* the end of its content (content_end) */
    uint8_t kind, label; /* kr_block_kind, kr_label_kind */
    bool error;          /* an ERROR node: a block of its own */
} tnode;

static bool tnode_eq(const tnode *a, const tnode *b, ptrdiff_t delta)
{
    return (ptrdiff_t)a->start + delta == (ptrdiff_t)b->start &&
           (ptrdiff_t)a->end + delta == (ptrdiff_t)b->end &&
           (ptrdiff_t)a->content + delta == (ptrdiff_t)b->content && a->kind == b->kind &&
           a->label == b->label && a->error == b->error;
}

/* The record of node n; false when it holds nothing but white space. */
static bool node_record(const builder *b, TSNode n, tnode *out)
{
    const char *t = ts_node_type(n);
    size_t start = ts_node_start_byte(n), end = ts_node_end_byte(n);
    if (end > b->len)
        end = b->len;
    size_t content = content_end(b->text, start, end);
    if (content <= start)
        return false;
    kr_block_kind kind = KR_BLOCK_OTHER;
    kr_label_kind label = KR_LABEL_NONE;
    if (strcmp(t, "paragraph") == 0) {
        kind = KR_BLOCK_PARAGRAPH;
    } else if (strcmp(t, "bullet_item") == 0) {
        kind = KR_BLOCK_BULLET;
    } else if (strcmp(t, "page_header") == 0) {
        kind = KR_BLOCK_PAGE_HEADER;
    } else if (strcmp(t, "label") == 0) {
        kind = KR_BLOCK_LABEL;
        label = label_kind(n);
    } else if (strcmp(t, "title") == 0) {
        kind = KR_BLOCK_TITLE;
    }
    *out = (tnode){(uint32_t)start, (uint32_t)end,  (uint32_t)content,
                   (uint8_t)kind,   (uint8_t)label, strcmp(t, "ERROR") == 0};
    return true;
}

/* Walks the block-level nodes in order: the document's named children, and for
 * a section its named children (the cursor walks through the hidden group and
 * repeat nodes; nothing below block level is visited). Starts at the first node
 * that ends after `from`, found by descending (not by walking the nodes before
 * it), so that an update visits only the nodes around the edit. */
typedef struct {
    TSTreeCursor c;
    bool in_section, done;
} node_walk;

static bool is_section(TSNode n)
{
    return strcmp(ts_node_type(n), "section") == 0;
}

/* Moves into the section the cursor is on; false when it has no children. */
static bool enter_section(node_walk *w, uint32_t from)
{
    int64_t k = from ? ts_tree_cursor_goto_first_child_for_byte(&w->c, from + 1)
                     : (ts_tree_cursor_goto_first_child(&w->c) ? 0 : -1);
    w->in_section = k >= 0;
    return w->in_section;
}

/* Moves to the next node at block level (into and out of sections). */
static void walk_next(node_walk *w)
{
    for (;;) {
        if (w->in_section) {
            if (ts_tree_cursor_goto_next_sibling(&w->c))
                return;
            ts_tree_cursor_goto_parent(&w->c);
            w->in_section = false;
        }
        if (!ts_tree_cursor_goto_next_sibling(&w->c)) {
            w->done = true;
            return;
        }
        TSNode n = ts_tree_cursor_current_node(&w->c);
        if (!ts_node_is_named(n) || !is_section(n) || enter_section(w, 0))
            return;
    }
}

static void walk_start(node_walk *w, const TSTree *tree, uint32_t from)
{
    w->c = ts_tree_cursor_new(ts_tree_root_node(tree));
    w->in_section = false;
    w->done = false;
    int64_t k = from ? ts_tree_cursor_goto_first_child_for_byte(&w->c, from + 1)
                     : (ts_tree_cursor_goto_first_child(&w->c) ? 0 : -1);
    if (k < 0) {
        w->done = true;
        return;
    }
    TSNode n = ts_tree_cursor_current_node(&w->c);
    if (ts_node_is_named(n) && is_section(n) && !enter_section(w, from))
        walk_next(w);
}

/* The next block-level node's record (nodes of white space skipped); false at
 * the end. */
static bool walk_record(node_walk *w, const builder *b, tnode *out)
{
    while (!w->done) {
        TSNode n = ts_tree_cursor_current_node(&w->c);
        bool ok =
            ts_node_is_named(n) && (w->in_section || !is_section(n)) && node_record(b, n, out);
        walk_next(w);
        if (ok)
            return true;
    }
    return false;
}

/* A growable array of node records (in the arena, or malloc'd for the memo). */
typedef struct {
    tnode *v;
    size_t n, cap;
} tnodes;

static void tnodes_push(tnodes *a, kr_arena *arena, const tnode *x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 256;
        tnode *v = arena ? kr_arena_alloc(arena, cap * sizeof *v) : kr_xmalloc(cap * sizeof *v);
        if (a->n)
            memcpy(v, a->v, a->n * sizeof *v);
        if (!arena)
            free(a->v);
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = *x;
}

/* Every block-level node of the tree, from its start. */
static void nodes_from_tree(const builder *b, const TSTree *tree, tnodes *out, kr_arena *arena)
{
    node_walk w;
    walk_start(&w, tree, 0);
    tnode x;
    while (walk_record(&w, b, &x))
        tnodes_push(out, arena, &x);
    ts_tree_cursor_delete(&w.c);
}

/* The blocks of the nodes, in order. Stray inline leaves at block level (only
 * after an error) join one OTHER block. */
static void blocks_of_nodes(builder *b, const tnode *v, size_t n)
{
    kr_analysis *an = b->an;
    b->cap_blocks = n + 1; /* room for the block blocks() may put in front */
    kr_block *out = an->blocks = kr_arena_alloc(b->arena, b->cap_blocks * sizeof *an->blocks);
    size_t k = 0, title = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        const tnode *x = &v[i];
        if (x->kind == KR_BLOCK_OTHER && k > 0 && out[k - 1].kind == KR_BLOCK_OTHER && !x->error) {
            out[k - 1].end = x->content;
            continue;
        }
        if (x->kind == KR_BLOCK_TITLE && title == SIZE_MAX)
            title = k;
        out[k++] =
            (kr_block){(kr_block_kind)x->kind, (kr_label_kind)x->label, x->start, x->content};
    }
    an->n_blocks = k;
    an->title_block = title;
}

/* Without a tree: each run of non-blank lines is a paragraph. */
static void blocks_from_lines(builder *b)
{
    size_t i = 0, start = 0;
    bool in_block = false;
    while (i < b->len) {
        size_t eol = i;
        while (eol < b->len && b->text[eol] != '\n')
            eol++;
        size_t j = i;
        while (j < eol && is_ws(b->text[j]))
            j++;
        if (j < eol && !in_block) {
            start = j;
            in_block = true;
        } else if (j == eol && in_block) {
            add_block(b, KR_BLOCK_PARAGRAPH, KR_LABEL_NONE, start, content_end(b->text, start, i));
            in_block = false;
        }
        i = eol + 1;
    }
    if (in_block)
        add_block(b, KR_BLOCK_PARAGRAPH, KR_LABEL_NONE, start, content_end(b->text, start, b->len));
}

/* ---- tokens -------------------------------------------------------------------- */

/* Quote marks (opening or closing) of Danish typography and OCR: ' " and
 * U+201D U+201C U+201E U+00BB U+00AB U+2019 U+2018. Byte length at s, or 0.
 * Called for both ends of every chunk, so it decides by the first byte. */
static size_t quote_at(const char *s, size_t avail)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] == '"' || u[0] == '\'')
        return 1;
    if (u[0] == 0xC2)
        return avail >= 2 && (u[1] == 0xBB || u[1] == 0xAB) ? 2 : 0;
    if (u[0] == 0xE2)
        return avail >= 3 && u[1] == 0x80 &&
                       (u[2] == 0x9D || u[2] == 0x9C || u[2] == 0x9E || u[2] == 0x99 ||
                        u[2] == 0x98)
                   ? 3
                   : 0;
    return 0;
}

/* The code point of the valid UTF-8 character at s (its length in *n), or
 * UINT32_MAX (and *n = 1) for an invalid byte. */
static uint32_t decode(const char *s, size_t avail, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k = kr_utf8_char_len(s, avail);
    *n = k ? k : 1;
    if (k == 0)
        return UINT32_MAX;
    if (k == 1)
        return u[0];
    uint32_t cp = u[0] & (0x7Fu >> k);
    for (size_t i = 1; i < k; i++)
        cp = (cp << 6) | (u[i] & 0x3Fu);
    return cp;
}

/* Is a non-ASCII code point a symbol rather than part of a word? The Latin-1
 * punctuation and signs (no-break space, §, «, °, ×, ÷ — not ª µ º), general
 * punctuation (dashes, bullets, zero-width joiners), currency, letter-like and
 * technical signs, arrows, boxes, dingbats, CJK punctuation, variation
 * selectors, specials (U+FFFD), and the emoji and pictograph planes.
 * Everything else — æøå, accented Latin, combining marks (decomposed å), other
 * scripts — is a letter. */
static bool is_symbol(uint32_t c)
{
    if (c >= 0xA0 && c <= 0xBF)
        return c != 0xAA && c != 0xB5 && c != 0xBA;
    return c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x2E00 && c <= 0x2E7F) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xFFF0 && c <= 0xFFFF) || (c >= 0x1F000 && c <= 0x1FAFF) ||
           (c >= 0xE0000 && c <= 0xE007F);
}

/* Byte length of a non-ASCII symbol at s, or 0. */
static size_t symbol_at(const char *s, size_t avail)
{
    size_t n;
    uint32_t c = (unsigned char)s[0] >= 0x80 ? decode(s, avail, &n) : 0;
    return c >= 0x80 && c != UINT32_MAX && is_symbol(c) ? n : 0;
}

/* Punctuation stripped from the ends of a chunk (quote marks included, '-' not:
 * a line-end hyphen belongs to its token): ASCII ()[]{},.;:!?*<>, the quote
 * marks, and every non-ASCII symbol (is_symbol: dashes, bullets, no-break
 * spaces, emoji glued to a word). Byte length at s, or 0. */
static size_t punct_at(const char *s, size_t avail)
{
    static const unsigned char ascii[128] = {
        ['('] = 1, [')'] = 1, ['['] = 1, [']'] = 1, ['{'] = 1, ['}'] = 1, [','] = 1, ['.'] = 1,
        [';'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1, ['*'] = 1, ['<'] = 1, ['>'] = 1,
    };
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x80)
        return ascii[u[0]] ? 1 : quote_at(s, avail);
    size_t q = quote_at(s, avail);
    return q ? q : symbol_at(s, avail);
}

/* Length of the punctuation mark ending at s[end] (exclusive), or 0. */
static size_t punct_before(const char *s, size_t start, size_t end)
{
    if ((unsigned char)s[end - 1] < 0x80) /* a mark of several bytes never ends in an ASCII one */
        return punct_at(s + end - 1, 1) == 1;
    for (size_t n = 1; n <= 4 && n <= end - start; n++)
        if (punct_at(s + end - n, n) == n)
            return n;
    return 0;
}

static size_t quote_before(const char *s, size_t start, size_t end)
{
    if ((unsigned char)s[end - 1] < 0x80)
        return quote_at(s + end - 1, 1) == 1;
    for (size_t n = 1; n <= 3 && n <= end - start; n++)
        if (quote_at(s + end - n, n) == n)
            return n;
    return 0;
}

static bool ascii_letter(unsigned char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* `name.dk`, `www.x.y`, `sub.name.com/path`: a host with a known top-level domain. */
static bool is_domain(const char *s, size_t n)
{
    static const char *const tlds[] = {"dk", "com", "org", "net",  "eu",  "de", "se",
                                       "no", "io",  "gov", "info", "edu", "uk", "nu"};
    size_t host = 0;
    const char *dot = NULL; /* the host's last dot (asked of every word: one pass) */
    for (; host < n && s[host] != '/'; host++)
        if (s[host] == '.')
            dot = s + host;
    if (!dot || dot == s)
        return false;
    size_t tl = (size_t)(s + host - dot - 1);
    for (size_t i = 0; i < sizeof tlds / sizeof tlds[0]; i++)
        if (strlen(tlds[i]) == tl && memcmp(dot + 1, tlds[i], tl) == 0)
            return true;
    return false;
}

static kr_token_kind classify(const char *s, size_t n)
{
    if (n > 4 && memcmp(s, "www.", 4) == 0)
        return KR_TOK_URL;
    if (n > 3) /* "://" anywhere (memchr first: memmem costs more than most words) */
        for (const char *c = memchr(s, ':', n - 2); c;
             c = memchr(c + 1, ':', (size_t)(s + n - 2 - (c + 1))))
            if (c[1] == '/' && c[2] == '/')
                return KR_TOK_URL;
    bool letter = false, digit = false, at = false, dot = false;
    for (size_t i = 0, k; i < n; i += k) {
        unsigned char c = (unsigned char)s[i];
        k = 1;
        if (c >= 0x80) {
            /* an invalid byte counts as a letter: the `encoding` rule's word */
            uint32_t cp = decode(s + i, n - i, &k);
            letter |= cp == UINT32_MAX || !is_symbol(cp);
            continue;
        }
        if (c == '/' || c == '=' || c == '_' || c == '\\' || c == '<' || c == '>')
            return is_domain(s, n) && !memchr(s, '@', n) ? KR_TOK_URL : KR_TOK_OTHER;
        if (c == '@')
            at = true;
        else if (ascii_letter(c))
            letter = true;
        else if (c >= '0' && c <= '9')
            digit = true;
        else
            dot |= c == '.';
    }
    if (at && letter) {
        const char *a = memchr(s, '@', n);
        if (memchr(a, '.', n - (size_t)(a - s)))
            return KR_TOK_OTHER; /* an e-mail address; `s@g` stays a word */
    }
    if (letter && dot && is_domain(s, n)) /* a domain has a dot */
        return KR_TOK_URL;
    return digit && !letter ? KR_TOK_NUMBER : KR_TOK_WORD;
}

static void add_token(builder *b, const kr_token *t)
{
    kr_analysis *an = b->an;
    if (an->n_tokens == b->cap_tokens) {
        size_t cap = b->cap_tokens ? b->cap_tokens * 2 : 256;
        kr_token *nt = kr_arena_alloc(b->arena, cap * sizeof *nt);
        if (an->n_tokens)
            memcpy(nt, an->tokens, an->n_tokens * sizeof *nt);
        an->tokens = nt;
        b->cap_tokens = cap;
    }
    an->tokens[an->n_tokens++] = *t;
}

/* Does the line after eol (the '\n' at eol) start with text? */
static bool next_line_continues(const char *text, size_t len, size_t eol)
{
    return eol + 1 < len && !is_ws(text[eol + 1]);
}

typedef struct {
    bool in_quote; /* a quote mark opened and not closed yet */
    size_t blk;    /* the block of the last token (when the blocks are made) */
    size_t next;   /* where block blk + 1 starts (SIZE_MAX: there is none) */
} tok_state;

/* Ties each token to its block: the last block starting at or before the
 * token (the first block for text before every block). */
static void assign_blocks(kr_analysis *an)
{
    size_t blk = 0;
    for (size_t i = 0; i < an->n_tokens; i++) {
        size_t pos = an->tokens[i].start;
        while (blk + 1 < an->n_blocks && an->blocks[blk + 1].start <= pos)
            blk++;
        an->tokens[i].block = (uint32_t)blk;
    }
}

/* Where a chunk's token begins and ends and what kind it is, for a chunk of
 * ASCII bytes (acc: its bytes' classes ORed): punctuation stripped by table,
 * and classify() asked only when the rest holds one of the bytes it looks for. */
static kr_token_kind ascii_token(const char *text, size_t *cs, size_t *ce, unsigned acc)
{
    size_t a = *cs, z = *ce;
    if (acc & C_STRIP) {
        while (a < z && (byte_class[(unsigned char)text[a]] & C_STRIP))
            a++;
        while (z > a && (byte_class[(unsigned char)text[z - 1]] & C_STRIP))
            z--;
        acc = 0;
        for (size_t i = a; i < z; i++)
            acc |= byte_class[(unsigned char)text[i]];
    }
    *cs = a;
    *ce = z;
    if (acc & C_URL)
        return classify(text + a, z - a);
    /* letters, digits and other signs only: what classify() makes of them */
    return (acc & C_DIGIT) && !(acc & C_ALPHA) ? KR_TOK_NUMBER : KR_TOK_WORD;
}

/* One chunk [s, e) (acc: its bytes' classes ORed) on a line ending at eol;
 * line_end: nothing but white space follows it on the line. Returns whether it
 * made a token (it does not when it is punctuation only). */
static bool chunk(builder *b, tok_state *st, size_t s, size_t e, unsigned acc, size_t eol,
                  bool first, bool line_end)
{
    const char *text = b->text;
    size_t cs = s, ce = e, n;
    bool opens, closes;
    kr_token_kind kind = KR_TOK_WORD;
    if (!(acc & C_HIGH)) {
        /* ASCII: a quote mark is one byte, punctuation found by table */
        opens = closes = false;
        if (acc & C_QUOTE) {
            opens = byte_class[(unsigned char)text[s]] & C_QUOTE;
            closes = (byte_class[(unsigned char)text[e - 1]] & C_QUOTE) && (e - s > 1 || !opens);
        }
        kind = ascii_token(text, &cs, &ce, acc);
    } else {
        opens = quote_at(text + s, e - s) > 0;
        closes = quote_before(text, s, e) > 0 && (e - s > 1 || !opens);
        while (cs < ce && (n = punct_at(text + cs, ce - cs)))
            cs += n;
        while (ce > cs && (n = punct_before(text, cs, ce)))
            ce -= n;
        if (cs < ce)
            kind = classify(text + cs, ce - cs);
    }
    bool quoted = st->in_quote || opens;
    if (opens && !closes)
        st->in_quote = true;
    if (closes && !opens)
        st->in_quote = false;
    if (cs == ce)
        return false; /* punctuation only */
    kr_analysis *an = b->an;
    if (cs >= st->next) { /* as assign_blocks() */
        while (st->blk + 1 < an->n_blocks && an->blocks[st->blk + 1].start <= cs)
            st->blk++;
        st->next = st->blk + 1 < an->n_blocks ? an->blocks[st->blk + 1].start : SIZE_MAX;
    }
    kr_token t = {cs, ce, s, e, (uint16_t)kind, 0, (uint32_t)st->blk};
    if (first)
        t.flags |= KR_TOKF_LINE_START;
    if (quoted)
        t.flags |= KR_TOKF_QUOTED;
    if (line_end) {
        t.flags |= KR_TOKF_LINE_END;
        if (text[e - 1] == '-' && e - s > 1 && next_line_continues(text, b->len, eol))
            t.flags |= KR_TOKF_HYPHEN_END;
    }
    add_token(b, &t);
    return true;
}

/* How many whitespace-delimited chunks the text has: no more tokens than that.
 * Eight bytes a step: a mask of the white-space bytes (space, or 9 to 13 —
 * bytes from 0x80 up are none), and a chunk starts at each other byte after
 * one of them. */
static size_t count_chunks(const char *text, size_t len)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7Full;
    size_t n = 0, i = 0;
    uint64_t prev = 0x80; /* the byte before the text counts as white space */
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, text + i, 8);
        uint64_t y = x & low7, sp = (x ^ (0x20 * ones)) & low7;
        uint64_t is_sp = ~((sp + low7) | sp) & high;       /* byte == 0x20 */
        uint64_t ge9 = (y + (0x80 - 9) * ones) & high;     /* low 7 bits >= 9 */
        uint64_t ge14 = (y + (0x80 - 14) * ones) & high;   /* low 7 bits >= 14 */
        uint64_t ws = (is_sp | (ge9 & ~ge14)) & ~x;        /* high bit of x clear */
        uint64_t starts = ~ws & high & ((ws << 8) | prev); /* text after white space */
        n += (size_t)(((starts >> 7) * ones) >> 56);
        prev = ws >> 56;
    }
    bool in = !prev;
    for (; i < len; i++) {
        bool ws = is_ws(text[i]);
        n += !ws && !in;
        in = !ws;
    }
    return n;
}

/* Does the line [s, e) (e just after its '\n', or the end) carry an open quote
 * on to the next line? Only when it ends with a hyphenated word that the next
 * line continues. */
static bool line_carries(const char *text, size_t len, size_t s, size_t e)
{
    size_t eol = e > s && text[e - 1] == '\n' ? e - 1 : e, k = eol;
    while (k > s && is_ws(text[k - 1]))
        k--;
    return k > s && text[k - 1] == '-' && next_line_continues(text, len, eol);
}

/* How many of the 8 bytes at s, from the first, are ASCII letters (by bytes'
 * ranges: a letter's low seven bits, with 0x20 set, are 'a' to 'z', and its
 * high bit is clear). A '\n' is none, so they never run past a line. */
static size_t ascii_letters8(const char *s)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t x;
    memcpy(&x, s, 8);
    uint64_t y = (x | 0x20 * ones) & 0x7F7F7F7F7F7F7F7Full;
    uint64_t ge_a = y + (0x80 - 'a') * ones, past_z = y + (0x80 - 'z' - 1) * ones;
    uint64_t other = ~(ge_a & ~past_z & ~x) & high;
    return other ? (size_t)__builtin_ctzll(other) / 8 : 8;
}

/* Tokenises the whole lines in [from, to) (from a line start after a line that
 * carries no quote, to a line start or the end), appending to b->an->tokens and
 * tying them to b->an->blocks when it has them. */
static void tokenize(builder *b, size_t from, size_t to)
{
    const char *text = b->text;
    tok_state st = {false, 0, b->an->n_blocks > 1 ? b->an->blocks[1].start : SIZE_MAX};
    size_t i = from;
    if (from == 0 && b->len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        i = 3; /* a byte order mark is no part of the first word */
    while (i < to) {
        const char *nl = i < b->len ? memchr(text + i, '\n', b->len - i) : NULL;
        size_t eol = nl ? (size_t)(nl - text) : b->len;
        bool first = true;
        size_t j = i, last_end = i;
        while (j < eol && is_ws(text[j]))
            j++;
        while (j < eol) {
            size_t s = j;
            unsigned acc = 0, c;
            for (;;) {
                if (j + 8 <= b->len) { /* a word's letters eight at a time */
                    size_t k = ascii_letters8(text + j);
                    acc |= k ? C_ALPHA : 0;
                    j += k;
                    if (k == 8)
                        continue;
                }
                if (j >= eol || ((c = byte_class[(unsigned char)text[j]]) & C_WS))
                    break;
                acc |= c;
                j++;
            }
            size_t e = j;
            while (j < eol && is_ws(text[j]))
                j++;
            if (chunk(b, &st, s, e, acc, eol, first, j == eol))
                first = false;
            last_end = e;
        }
        /* A quote ends with its line, unless a hyphenated word carries it on. */
        if (!(last_end > i && text[last_end - 1] == '-' && next_line_continues(text, b->len, eol)))
            st.in_quote = false;
        i = eol + 1;
    }
}

static void tokens(builder *b)
{
    b->cap_tokens = count_chunks(b->text, b->len) + 1;
    b->an->tokens = kr_arena_alloc(b->arena, b->cap_tokens * sizeof *b->an->tokens);
    tokenize(b, 0, b->len);
}

/* The blocks of the text, from the tree's block-level nodes (`nodes`, when
 * there is a tree) or from its lines. */
static void blocks(builder *b, const tnodes *nodes)
{
    kr_analysis *an = b->an;
    const char *text = b->text;
    size_t len = b->len;
    if (nodes)
        blocks_of_nodes(b, nodes->v, nodes->n);
    else
        blocks_from_lines(b);
    /* Text the tree left outside every block (only after errors) still needs a
     * block for its tokens: the one before it, or one OTHER block at the start. */
    if (an->n_blocks == 0 || an->blocks[0].start > 0) {
        size_t first = 0;
        while (first < len && is_ws(text[first]))
            first++;
        if (first < len && (an->n_blocks == 0 || first < an->blocks[0].start)) {
            size_t end = an->n_blocks ? an->blocks[0].start : len;
            /* insert at the front: shift the (few) blocks along */
            add_block(b, KR_BLOCK_OTHER, KR_LABEL_NONE, 0, 0);
            memmove(an->blocks + 1, an->blocks, (an->n_blocks - 1) * sizeof *an->blocks);
            an->blocks[0] =
                (kr_block){KR_BLOCK_OTHER, KR_LABEL_NONE, first, content_end(text, first, end)};
            if (an->title_block != SIZE_MAX)
                an->title_block++;
        }
    }
}

void kr_analysis_build(kr_analysis *an, kr_arena *arena, const char *text, size_t len,
                       const TSTree *tree)
{
    memset(an, 0, sizeof *an);
    an->title_block = SIZE_MAX;
    builder b = {an, arena, text, len, 0, 0};
    tnodes nodes = {0};
    if (tree)
        nodes_from_tree(&b, tree, &nodes, arena);
    blocks(&b, tree ? &nodes : NULL);
    tokens(&b); /* tied to their blocks as they are made */
}

/* ---- the analysis kept between lints ---------------------------------------------
 * After an edit only the lines around the changed bytes are tokenised again: a
 * token depends on its own line, the first byte of the next line (a line-end
 * hyphen) and whether an open quote was carried in from the line before (only
 * across a hyphen break). So the window starts one line before the change (at a
 * line that was not carried into) and ends after the change with an unchanged
 * line that carries nothing on; the tokens before it are kept, those after it
 * shifted. tests/unit/test_incremental_analysis.c holds it to a fresh build.
 *
 * The tree's block-level nodes are kept too: after an edit only those around
 * the changed bytes and the tree's changed ranges (kr_changes.tree_lo/hi) are
 * read from the new tree, from the node before them on to the first node past
 * them that the old tree had at the same (moved) place; the others are the old
 * ones, moved. A walk over the whole tree cost 15 M instructions per edit on a
 * 1 MB document; the blocks are then made from the nodes in one pass. */
struct kr_analysis_memo {
    kr_token *tokens;
    size_t n, cap;
    size_t len;                  /* of the text it was made for */
    tnodes nodes;                /* the tree's block-level nodes (malloc'd) */
    uint32_t *bstart;            /* where the last update's blocks started: the kept tokens' */
    size_t n_bstart, cap_bstart; /* block numbers refer to those blocks */
    size_t n_errors;             /* ERROR nodes among them */
    bool have_nodes;             /* made from a tree (else the blocks came from lines) */
};

void kr_analysis_memo_free(kr_analysis_memo *m)
{
    if (!m)
        return;
    free(m->tokens);
    free(m->nodes.v);
    free(m->bstart);
    free(m);
}

/* The first node that ends at or after pos. */
static size_t node_ending_at(const tnodes *a, size_t pos)
{
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a->v[mid].end < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Is there a block before index i that is not a page header? (The scanner's one
 * state that reaches across blocks, besides the hidden groups' hash, is whether
 * a line with content came before: it decides the title.) */
static bool content_before(const tnodes *a, size_t i)
{
    for (size_t k = 0; k < i; k++)
        if (a->v[k].kind != KR_BLOCK_PAGE_HEADER)
            return true;
    return false;
}

static bool has_content(const tnode *v, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (v[k].kind != KR_BLOCK_PAGE_HEADER)
            return true;
    return false;
}

/* Brings the kept nodes up to the new tree after the changes `ch` (see above):
 * the new tree's nodes are read from `back` nodes before the first one the
 * changes reach until two in a row, past the changes, are the old tree's at the
 * same (moved) place. From there on the parse went as before: the scanner's
 * state at a block's end follows from the block, but for whether content came
 * before (checked too). False when the new tree does not meet the kept nodes
 * where it should, or after an ERROR (whose recovery depends on the whole parse
 * stack): the caller then reads them all. *first_differs: false because the
 * first node read is not the old one there (the edit changed it too: a label it
 * damaged joins the paragraph before, say), where starting further back may do. */
static bool update_nodes_from(const builder *b, kr_analysis_memo *m, const TSTree *tree,
                              kr_changes ch, size_t back, bool *first_differs)
{
    *first_differs = false;
    if (!ch.any)
        return true;
    size_t lo = ch.lo, hi = ch.hi, hi_old = (size_t)((ptrdiff_t)hi - ch.delta);
    ptrdiff_t delta = ch.delta;
    tnodes *old = &m->nodes;
    if (m->n_errors)
        return false;
    size_t i0 = node_ending_at(old, lo);
    i0 = i0 > back ? i0 - back : 0; /* from a node before (checked to be the same below) */
    uint32_t from = i0 > 0 ? old->v[i0].start : 0;
    bool seen = content_before(old, i0);
    node_walk w;
    walk_start(&w, tree, from);
    tnodes fresh = {0};
    size_t j = i0, cand = SIZE_MAX; /* cand: old[cand] matched the last node read */
    bool ok = true, synced = false;
    tnode x;
    while (walk_record(&w, b, &x)) {
        if (x.error) {
            ok = false;
            break;
        }
        if (fresh.n == 0 && cand == SIZE_MAX && i0 > 0 && !tnode_eq(&old->v[i0], &x, 0)) {
            ok = false;
            *first_differs = true;
            break;
        }
        if (cand != SIZE_MAX) {
            if (cand + 1 < old->n && tnode_eq(&old->v[cand + 1], &x, delta)) {
                synced = true;
                j = cand;
                break;
            }
            tnode last = old->v[cand]; /* what the last node read was: not in step */
            last.start = (uint32_t)((ptrdiff_t)last.start + delta);
            last.end = (uint32_t)((ptrdiff_t)last.end + delta);
            last.content = (uint32_t)((ptrdiff_t)last.content + delta);
            tnodes_push(&fresh, b->arena, &last);
            cand = SIZE_MAX;
        }
        if (x.start >= hi) {
            while (j < old->n &&
                   (old->v[j].start < hi_old || (ptrdiff_t)old->v[j].start + delta < x.start))
                j++;
            if (j < old->n && tnode_eq(&old->v[j], &x, delta) &&
                (seen || (has_content(fresh.v, fresh.n) && has_content(old->v + i0, j - i0)))) {
                cand = j;
                continue; /* in step if the next one is too */
            }
        }
        tnodes_push(&fresh, b->arena, &x);
    }
    ts_tree_cursor_delete(&w.c);
    if (!ok)
        return false;
    if (cand != SIZE_MAX && !synced) {
        synced = cand + 1 == old->n; /* the last node: nothing after it to differ */
        if (synced)
            j = cand;
        else
            return false;
    }
    if (!synced)
        j = old->n;
    /* old[i0, j) make way for the fresh nodes, old[j, n) move by delta */
    size_t tail = old->n - j, n = i0 + fresh.n + tail;
    if (n > old->cap) {
        old->cap = n + n / 8 + 16;
        old->v = kr_xrealloc(old->v, old->cap * sizeof *old->v);
    }
    if (tail) /* an empty list may have no array yet (UBSan, edit fuzzer) */
        memmove(old->v + i0 + fresh.n, old->v + j, tail * sizeof *old->v);
    if (fresh.n)
        memcpy(old->v + i0, fresh.v, fresh.n * sizeof *fresh.v);
    if (delta)
        for (size_t k = i0 + fresh.n; k < n; k++) {
            old->v[k].start = (uint32_t)((ptrdiff_t)old->v[k].start + delta);
            old->v[k].end = (uint32_t)((ptrdiff_t)old->v[k].end + delta);
            old->v[k].content = (uint32_t)((ptrdiff_t)old->v[k].content + delta);
        }
    old->n = n;
    return true;
}

static bool update_nodes(const builder *b, kr_analysis_memo *m, const TSTree *tree, kr_changes ch)
{
    bool first_differs;
    if (update_nodes_from(b, m, tree, ch, 1, &first_differs))
        return true;
    /* a few nodes further back, rather than every node of the document again */
    return first_differs && update_nodes_from(b, m, tree, ch, 8, &first_differs);
}

/* The blocks, from the kept nodes brought up to date (or read again). */
static void memo_blocks(builder *b, kr_analysis_memo *m, const TSTree *tree, kr_changes ch,
                        bool fresh)
{
    if (!tree) {
        m->have_nodes = false;
        blocks(b, NULL);
        return;
    }
    if (fresh || !m->have_nodes || !update_nodes(b, m, tree, ch)) {
        m->nodes.n = 0;
        nodes_from_tree(b, tree, &m->nodes, NULL);
        m->have_nodes = true;
        m->n_errors = 0;
        for (size_t i = 0; i < m->nodes.n; i++)
            m->n_errors += m->nodes.v[i].error;
    }
    blocks(b, &m->nodes);
}

size_t kr_tokens_first_at(const kr_token *t, size_t n, size_t from, size_t pos)
{
    size_t lo = from < n ? from : n, hi = lo, step = 1;
    while (hi < n && t[hi].ws_start < pos) {
        lo = hi + 1;
        hi = lo + step - 1;
        step *= 2;
    }
    if (hi > n)
        hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t[mid].ws_start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Re-tokenises [w0, w1) of the new text into the memo, in place of the old
 * tokens of [w0, w1 - delta). */
static void splice(builder *b, kr_analysis_memo *m, size_t w0, size_t w1, ptrdiff_t delta,
                   size_t *keep_out, size_t *win_out)
{
    size_t keep = kr_tokens_first_at(m->tokens, m->n, 0, w0);
    *keep_out = keep;
    size_t tail = kr_tokens_first_at(m->tokens, m->n, 0, (size_t)((ptrdiff_t)w1 - delta));
    kr_analysis win = {0};
    builder wb = *b;
    wb.an = &win;
    wb.cap_tokens = count_chunks(b->text + w0, w1 - w0) + 1;
    if (m->n == 0) {
        /* the first build tokenises straight into the kept array (a copy of a
         * whole document's tokens would be the first lint's peak) */
        free(m->tokens);
        m->cap = wb.cap_tokens;
        m->tokens = kr_xmalloc(m->cap * sizeof *m->tokens);
        win.tokens = m->tokens;
        tokenize(&wb, w0, w1);
        m->n = win.n_tokens;
        *win_out = m->n;
        return;
    }
    win.tokens = kr_arena_alloc(b->arena, wb.cap_tokens * sizeof *win.tokens);
    tokenize(&wb, w0, w1);
    *win_out = win.n_tokens;
    size_t n_tail = m->n - tail, n = keep + win.n_tokens + n_tail;
    if (n + 1 > m->cap) {
        m->cap = (n + 1) + (n + 1) / 8;
        m->tokens = kr_xrealloc(m->tokens, m->cap * sizeof *m->tokens);
    }
    memmove(m->tokens + keep + win.n_tokens, m->tokens + tail, n_tail * sizeof *m->tokens);
    memcpy(m->tokens + keep, win.tokens, win.n_tokens * sizeof *win.tokens);
    for (size_t i = keep + win.n_tokens; i < n; i++) {
        kr_token *t = &m->tokens[i];
        t->start = (size_t)((ptrdiff_t)t->start + delta);
        t->end = (size_t)((ptrdiff_t)t->end + delta);
        t->ws_start = (size_t)((ptrdiff_t)t->ws_start + delta);
        t->ws_end = (size_t)((ptrdiff_t)t->ws_end + delta);
    }
    m->n = n;
}

/* Ties tokens [from, to) to their blocks, as assign_blocks does. */
static void assign_range(kr_analysis *an, size_t from, size_t to)
{
    if (from >= to)
        return;
    size_t lo = 0, hi = an->n_blocks; /* the last block starting at or before the token */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (an->blocks[mid].start <= an->tokens[from].start)
            lo = mid;
        else
            hi = mid;
    }
    for (size_t i = from, blk = lo; i < to; i++) {
        size_t pos = an->tokens[i].start;
        while (blk + 1 < an->n_blocks && an->blocks[blk + 1].start <= pos)
            blk++;
        an->tokens[i].block = (uint32_t)blk;
    }
}

/* The first token in [from, to) whose block number is at least b (they grow). */
static size_t token_in_block(const kr_analysis *an, size_t from, size_t to, size_t b)
{
    while (from < to) {
        size_t mid = from + (to - from) / 2;
        if (an->tokens[mid].block < b)
            from = mid + 1;
        else
            to = mid;
    }
    return from;
}

/* Ties the tokens to the new blocks, knowing the kept tokens' numbers refer to
 * the last update's blocks (m->bstart): a token keeps its number while it sits
 * in the run of blocks that start where they started (before the edit), and
 * moves by the change in the number of blocks in the run that moved by delta
 * (after it); only the tokens between, and those tokenised again ([keep, keep +
 * win)), are looked up. A pass over every token cost 3 M instructions per edit
 * on a 1 MB document. */
static void assign_changed(kr_analysis *an, const kr_analysis_memo *m, size_t keep, size_t win,
                           ptrdiff_t delta)
{
    size_t nb = an->n_blocks, ob = m->n_bstart, p = 0, s = 0;
    while (p < nb && p < ob && m->bstart[p] == an->blocks[p].start)
        p++;
    while (s < nb - p && s < ob - p &&
           (ptrdiff_t)m->bstart[ob - 1 - s] + delta == (ptrdiff_t)an->blocks[nb - 1 - s].start)
        s++;
    /* before the window: numbers below p - 1 stand (and all of them when every
     * block is the same) */
    size_t stable = p == nb && p == ob ? p : (p > 0 ? p - 1 : 0);
    size_t first = token_in_block(an, 0, keep, stable);
    assign_range(an, first, keep + win);
    /* after it: numbers from ob - s on move by nb - ob */
    size_t tail = keep + win, moved = token_in_block(an, tail, an->n_tokens, ob - s);
    assign_range(an, tail, moved);
    if (nb != ob)
        for (size_t i = moved; i < an->n_tokens; i++)
            an->tokens[i].block =
                (uint32_t)((ptrdiff_t)an->tokens[i].block + (ptrdiff_t)nb - (ptrdiff_t)ob);
}

/* Remembers where the blocks start, for the next update's assign_changed. */
static void note_blocks(kr_analysis_memo *m, const kr_analysis *an)
{
    if (an->n_blocks > m->cap_bstart) {
        m->cap_bstart = an->n_blocks + an->n_blocks / 8 + 16;
        free(m->bstart);
        m->bstart = kr_xmalloc(m->cap_bstart * sizeof *m->bstart);
    }
    for (size_t i = 0; i < an->n_blocks; i++)
        m->bstart[i] = (uint32_t)an->blocks[i].start;
    m->n_bstart = an->n_blocks;
}

kr_token *kr_analysis_tokenize(const char *text, size_t len, size_t *n, size_t *cap)
{
    kr_analysis win = {0}; /* no blocks: the tokens are tied to them later */
    builder wb = {&win, NULL, text, len, 0, count_chunks(text, len) + 1};
    win.tokens = kr_xmalloc(wb.cap_tokens * sizeof *win.tokens);
    tokenize(&wb, 0, len);
    *n = win.n_tokens;
    *cap = wb.cap_tokens;
    return win.tokens;
}

/* The first update of a memo with the whole text's tokens made already
 * (kr_analysis_tokenize): splice's first build, without the tokenising. */
static void adopt_tokens(builder *b, kr_analysis_memo *m, const TSTree *tree, kr_token *tokens,
                         size_t n, size_t cap)
{
    memo_blocks(b, m, tree, (kr_changes){0}, true);
    free(m->tokens);
    m->tokens = tokens;
    m->n = n;
    m->cap = cap;
    m->len = b->len;
    b->an->tokens = m->tokens;
    b->an->n_tokens = m->n;
    assign_blocks(b->an);
    note_blocks(m, b->an);
}

void kr_analysis_update(kr_analysis *an, kr_analysis_memo **slot, kr_arena *arena, const char *text,
                        size_t len, const TSTree *tree, kr_changes ch)
{
    kr_analysis_update_given(an, slot, arena, text, len, tree, ch, NULL, 0, 0);
}

void kr_analysis_update_given(kr_analysis *an, kr_analysis_memo **slot, kr_arena *arena,
                              const char *text, size_t len, const TSTree *tree, kr_changes ch,
                              kr_token *tokens, size_t n_tokens, size_t cap)
{
    memset(an, 0, sizeof *an);
    an->title_block = SIZE_MAX;
    builder b = {an, arena, text, len, 0, 0};
    kr_analysis_memo *m = *slot;
    if (tokens && !m) {
        m = kr_xmalloc(sizeof *m);
        *m = (kr_analysis_memo){0};
        *slot = m;
        adopt_tokens(&b, m, tree, tokens, n_tokens, cap);
        return;
    }
    free(tokens); /* not a first update: made from the memo */
    if (m && (ptrdiff_t)m->len + ch.delta != (ptrdiff_t)len) {
        kr_analysis_memo_free(m); /* not the text it was made for: start again */
        m = NULL;
    }
    bool fresh = !m;
    if (!m) {
        m = kr_xmalloc(sizeof *m);
        *m = (kr_analysis_memo){0};
        *slot = m;
    }
    memo_blocks(&b, m, tree, ch, fresh);
    if (fresh)
        ch = (kr_changes){.any = true, .lo = 0, .hi = len};
    size_t keep = m->n, win = 0; /* the tokens kept before the window, and in it */
    if (ch.any) {
        size_t lo = ch.lo < len ? ch.lo : len, hi = ch.hi < len ? ch.hi : len;
        size_t w0 = kr_line_start_at(text, lo);
        if (w0 > 0)
            w0 = kr_line_start_at(text, w0 - 1); /* its last token looks at our first byte */
        while (w0 > 0) {
            size_t p = kr_line_start_at(text, w0 - 1);
            if (!line_carries(text, len, p, w0))
                break;
            w0 = p;
        }
        /* the window's last line must be one the edit left alone, line break
         * before it included (so it is the same line in the old text, and
         * carries a quote on there exactly when it does here) */
        size_t s1 = kr_line_start_at(text, hi), w1 = kr_line_end_at(text, len, hi);
        while (w1 < len && (s1 <= hi || line_carries(text, len, s1, w1))) {
            s1 = w1;
            w1 = kr_line_end_at(text, len, w1);
        }
        splice(&b, m, w0, w1, ch.delta, &keep, &win);
    }
    m->len = len;
    an->tokens = m->tokens;
    an->n_tokens = m->n;
    if (fresh)
        assign_blocks(an);
    else
        assign_changed(an, m, keep, win, ch.any ? ch.delta : 0);
    note_blocks(m, an);
}
