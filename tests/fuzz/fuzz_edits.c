/* fuzz_edits.c — harness (c): random incremental edit sequences, as an editor
 * sends them, applied to a kr_document and to a plain reference buffer. After
 * every edit the two texts and line indexes must agree; LSP-style edits go
 * through kr_document_offset, checked against a reference converter; and at the
 * end the incrementally re-parsed tree and its lint must equal those of a fresh
 * parse of the same text (what the language server relies on to re-lint only
 * what changed).
 *
 * Input: [n][n bytes of initial text] then operations until the input ends:
 *   op%6 = 0,1  byte edit:     start(2) delete(1) ilen(1) bytes(ilen%32)
 *          2    snippet edit:  start(2) delete(1) snippet(1)
 *          3    position edit: enc(1) line(1) char(1) line(1) char(1) snippet(1)
 *          4    parse now (the tree is then edited by later operations)
 *          5    lint now and check the diagnostics against the current text */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "invariants.h"
#include "korrektur/korrektur.h"

static kr_lexicon *lex;
static kr_linter *linter;

/* Text an editor types that matters to the grammar and the rules. */
static const char *const snippets[] = {
    "",
    "\n",
    "\r\n",
    " ",
    "-\n",
    "Spørgsmål:\n",
    "Svar:\n",
    "Spergsmal:",
    "æ",
    "ø",
    "å",
    "Å",
    "\xEF\xBB\xBF",
    "😀",
    "• ",
    "e ",
    " Side 2\n",
    "\n\n",
    "bgrns ",
    "igangvæ-\nrende ",
    "0og ",
    "\"",
    "”",
    "www.eksempel.dk ",
    "Småbørnsløftet",
    "sma",
    "1.000 ",
    "lærings- og ",
    "\t",
    "\xC3",
    "\x80",
    "\0",
};
#define N_SNIPPETS (sizeof snippets / sizeof *snippets)

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_edits: " __VA_ARGS__);                                               \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static void release(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    lex = kr_lexicon_new();
    if (!lex || kr_lexicon_error(lex))
        FAIL("%s", lex ? kr_lexicon_error(lex) : "no lexicon");
    kr_lexicon_known(lex, "og", 2);
    linter = kr_linter_new(NULL, lex);
    atexit(release);
    return 0;
}

typedef struct {
    const uint8_t *p, *end;
} reader;

static unsigned byte(reader *r)
{
    return r->p < r->end ? *r->p++ : 0;
}

static unsigned u16(reader *r)
{
    unsigned hi = byte(r);
    return hi << 8 | byte(r);
}

typedef struct {
    char *t;
    size_t len, cap;
} buffer;

/* The reference: what any editor does with an edit. Same clamping as documented
 * for kr_document_edit. */
static void ref_edit(buffer *b, size_t s, size_t e, const char *ins, size_t n)
{
    if (s > b->len)
        s = b->len;
    if (e > b->len)
        e = b->len;
    if (e < s)
        e = s;
    size_t nl = b->len - (e - s) + n;
    if (nl + 1 > b->cap) {
        b->cap = 2 * (nl + 1);
        b->t = realloc(b->t, b->cap);
    }
    memmove(b->t + s + n, b->t + e, b->len - e);
    memcpy(b->t + s, ins, n);
    b->len = nl;
}

/* LSP's rule, written out independently of document.c: a line past the end is
 * the end of the text, a character past the end of the line is the line's end
 * (before "\n" or "\r\n"), a BOM on the first line is not counted, a position
 * inside a UTF-16 surrogate pair rounds down. For valid UTF-8 text only. */
static size_t ref_offset(const buffer *b, unsigned line, unsigned ch, kr_encoding enc)
{
    size_t s = 0;
    for (unsigned l = 0; l < line; l++) {
        const char *nl = memchr(b->t + s, '\n', b->len - s);
        if (!nl)
            return b->len;
        s = (size_t)(nl - b->t) + 1;
    }
    const char *nl = memchr(b->t + s, '\n', b->len - s);
    size_t e = nl ? (size_t)(nl - b->t) : b->len;
    if (nl && e > s && b->t[e - 1] == '\r')
        e--;
    if (line == 0 && b->len >= 3 && memcmp(b->t, "\xEF\xBB\xBF", 3) == 0)
        s = 3;
    unsigned units = 0;
    while (s < e && units < ch) {
        size_t n = kr_inv_utf8_seq((const unsigned char *)b->t + s, b->len - s);
        unsigned u = enc == KR_ENC_UTF8 ? (unsigned)n : enc == KR_ENC_UTF16 && n == 4 ? 2 : 1;
        if (units + u > ch)
            break;
        units += u;
        s += n;
    }
    return s;
}

static void compare(kr_document *doc, const buffer *b, size_t step)
{
    size_t len;
    const char *t = kr_document_text(doc, &len);
    if (len != b->len || memcmp(t, b->t, len) != 0)
        FAIL("after operation %zu the document's text differs from the reference", step);
    if (t[len] != '\0')
        FAIL("after operation %zu the text is not NUL-terminated", step);
    size_t lines = 1, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || t[i] == '\n') {
            if (kr_document_line_start(doc, lines - 1) != start)
                FAIL("line %zu starts at %zu, not %zu", lines - 1,
                     kr_document_line_start(doc, lines - 1), start);
            if (kr_document_line_of(doc, i) != lines - 1)
                FAIL("offset %zu is on line %zu, not %zu", i, kr_document_line_of(doc, i),
                     lines - 1);
            if (i == len)
                break;
            lines++;
            start = i + 1;
        }
    }
    if (kr_document_line_count(doc) != lines)
        FAIL("%zu lines counted, the text has %zu", kr_document_line_count(doc), lines);
}

/* The text, C-escaped, so a failure can be reproduced by hand. */
static void dump_text(const buffer *b)
{
    fputs("text:\n", stderr);
    for (size_t i = 0; i < b->len && i < 4000; i++) {
        unsigned char c = (unsigned char)b->t[i];
        fprintf(stderr, c < 0x20 || c >= 0x7F ? "\\x%02x" : "%c", c);
    }
    fputc('\n', stderr);
}

/* Two trees are equal when every node has the same symbol, bytes and children. */
static int same_node(TSNode a, TSNode b)
{
    if (ts_node_symbol(a) != ts_node_symbol(b) || ts_node_start_byte(a) != ts_node_start_byte(b) ||
        ts_node_end_byte(a) != ts_node_end_byte(b) ||
        ts_node_child_count(a) != ts_node_child_count(b))
        return 0;
    for (uint32_t i = 0; i < ts_node_child_count(a); i++)
        if (!same_node(ts_node_child(a, i), ts_node_child(b, i)))
            return 0;
    return 1;
}

static int same_diagnostics(const kr_diagnostics *x, const kr_diagnostics *y)
{
    if (kr_diagnostics_count(x) != kr_diagnostics_count(y))
        return 0;
    for (size_t i = 0; i < kr_diagnostics_count(x); i++) {
        const kr_diagnostic *a = kr_diagnostics_get(x, i), *b = kr_diagnostics_get(y, i);
        if (kr_diagnostic_start(a) != kr_diagnostic_start(b) ||
            kr_diagnostic_end(a) != kr_diagnostic_end(b) ||
            strcmp(kr_diagnostic_rule(a), kr_diagnostic_rule(b)) != 0 ||
            strcmp(kr_diagnostic_message(a), kr_diagnostic_message(b)) != 0 ||
            kr_diagnostic_fix_count(a) != kr_diagnostic_fix_count(b))
            return 0;
    }
    return 1;
}

/* The incremental tree and lint against a fresh document of the same text. */
static void compare_fresh(kr_document *doc, const buffer *b)
{
    const TSTree *inc = kr_document_tree(doc);
    kr_document *fresh = kr_document_new(b->t, b->len);
    const TSTree *ft = kr_document_tree(fresh);
    if (!inc != !ft)
        FAIL("one of the incremental and the fresh parse has no tree");
    /* error recovery may legitimately take other paths after an edit; and only
     * UTF-8 text is compared: an editor's text always is (LSP sends JSON strings),
     * while tree-sitter 0.20's lexer re-decodes invalid bytes differently when it
     * re-lexes from the middle of a text (most of the first hour's findings) */
    if (ft && !ts_node_has_error(ts_tree_root_node(ft)) && kr_inv_valid_utf8(b->t, b->len) &&
        !same_node(ts_tree_root_node(inc), ts_tree_root_node(ft))) {
        char *x = ts_node_string(ts_tree_root_node(inc)),
             *y = ts_node_string(ts_tree_root_node(ft));
        fprintf(stderr, "incremental: %s\nfresh:       %s\n", x, y);
        dump_text(b);
        free(x), free(y);
        FAIL("the incremental re-parse differs from a fresh parse");
    }
    if ((!ft || !ts_node_has_error(ts_tree_root_node(ft))) && kr_inv_valid_utf8(b->t, b->len)) {
        kr_diagnostics *a = kr_linter_run(linter, doc), *c = kr_linter_run(linter, fresh);
        if (!same_diagnostics(a, c))
            FAIL("linting after edits differs from linting the same text fresh");
        kr_diagnostics_free(a);
        kr_diagnostics_free(c);
    }
    kr_document_free(fresh);
}

static void do_edit(kr_document *doc, buffer *b, size_t s, size_t e, const char *ins, size_t n)
{
    if (kr_document_edit(doc, s, e, ins, n) != 0)
        FAIL("kr_document_edit failed");
    ref_edit(b, s, e, ins, n);
}

static void position_edit(kr_document *doc, buffer *b, reader *r, size_t step)
{
    kr_encoding enc = (kr_encoding)(byte(r) % 3);
    kr_position p0 = {byte(r), byte(r)}, p1 = {byte(r), byte(r)};
    const char *snip = snippets[byte(r) % N_SNIPPETS];
    size_t s = kr_document_offset(doc, p0, enc), e = kr_document_offset(doc, p1, enc);
    if (kr_inv_valid_utf8(b->t, b->len)) {
        size_t rs = ref_offset(b, p0.line, p0.character, enc);
        size_t re = ref_offset(b, p1.line, p1.character, enc);
        if (s != rs || e != re)
            FAIL("operation %zu: %u:%u..%u:%u (enc %d) is [%zu, %zu), the reference says "
                 "[%zu, %zu)",
                 step, p0.line, p0.character, p1.line, p1.character, enc, s, e, rs, re);
        kr_position back = kr_document_position(doc, s, enc);
        if (kr_document_offset(doc, back, enc) != s)
            FAIL("offset %zu does not round-trip through %u:%u", s, back.line, back.character);
    }
    if (e < s) { /* an editor never sends a reversed range; keep it a valid one */
        size_t x = s;
        s = e, e = x;
    }
    do_edit(doc, b, s, e, snip, strlen(snip));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    reader r = {data, data + size};
    size_t n0 = byte(&r);
    if (n0 > (size_t)(r.end - r.p))
        n0 = (size_t)(r.end - r.p);
    buffer b = {calloc(1, n0 + 1), n0, n0 + 1};
    memcpy(b.t, r.p, n0);
    r.p += n0;
    kr_document *doc = kr_document_new(b.t, b.len);
    compare(doc, &b, 0);
    for (size_t step = 1; r.p < r.end && step < 2000; step++) {
        unsigned op = byte(&r) % 6;
        if (op <= 1) {
            size_t s = u16(&r) % (b.len + 2), del = byte(&r), n = byte(&r) % 32;
            if (n > (size_t)(r.end - r.p))
                n = (size_t)(r.end - r.p);
            do_edit(doc, &b, s, s + del, (const char *)r.p, n);
            r.p += n;
        } else if (op == 2) {
            size_t s = u16(&r) % (b.len + 2), del = byte(&r) % 8;
            const char *snip = snippets[byte(&r) % N_SNIPPETS];
            do_edit(doc, &b, s, s + del, snip, strlen(snip) + (*snip == '\0' && s % 2));
        } else if (op == 3) {
            position_edit(doc, &b, &r, step);
        } else if (op == 4) {
            kr_document_tree(doc);
        } else {
            size_t len;
            const char *t = kr_document_text(doc, &len);
            kr_diagnostics *ds = kr_linter_run(linter, doc);
            const char *why = kr_inv_diagnostics(ds, t, len);
            if (why) {
                dump_text(&b);
                FAIL("operation %zu: %s", step, why);
            }
            kr_diagnostics_free(ds);
        }
        compare(doc, &b, step);
    }
    compare_fresh(doc, &b);
    kr_document_free(doc);
    free(b.t);
    return 0;
}
