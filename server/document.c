/* document.c — the document model: UTF-8 bytes, a line index, and the syntax tree
 * kept up to date incrementally (ts_tree_edit + re-parse on demand). Also the one
 * place where byte offsets and editor positions (UTF-8/16/32 units) convert. */
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "engine.h"

/* The grammar's language function (grammar/src/parser.c). Weak so the engine still
 * builds and lints (without structure) if the grammar is left out of a build. */
extern const TSLanguage *tree_sitter_korrektur(void) __attribute__((weak));

struct kr_document {
    char *text;
    size_t len, cap;
    size_t *lines; /* byte offset of each line's start */
    size_t n_lines, cap_lines;
    TSParser *parser;
    TSTree *tree;
    bool tree_stale;            /* the text changed since the tree was parsed */
    size_t longest_line;        /* bytes, line break included */
    kr_lint_cache *lint_cache;  /* the last lint's reusable results (linter.c) */
    kr_analysis_memo *analysis; /* the last incremental lint's analysis */
    kr_changes changes;         /* edits since the analysis was made */
    struct {
        const void *owner;
        void *ptr;
        void (*release)(void *);
    } memory[4]; /* kr_document_memory */
    /* Where the last kr_document_position() stopped, with the units counted from
     * its line's start in each encoding: diagnostics are converted in order, so
     * the next one continues from here instead of from the line's start (which
     * was quadratic on a 1 MB line). A cache inside a const query: a document is
     * used by one thread at a time (the CLI and the server both do so). */
    struct {
        bool valid;
        size_t line, offset;
        uint32_t units[3];
    } pos_cache;
};

kr_lint_cache **kr_document_lint_cache(kr_document *doc)
{
    return &doc->lint_cache;
}

void **kr_document_memory(kr_document *doc, const void *owner, void (*release)(void *))
{
    for (size_t i = 0; i < sizeof doc->memory / sizeof *doc->memory; i++) {
        if (doc->memory[i].owner == owner)
            return &doc->memory[i].ptr;
        if (!doc->memory[i].owner) {
            doc->memory[i].owner = owner;
            doc->memory[i].release = release;
            return &doc->memory[i].ptr;
        }
    }
    return NULL;
}

kr_analysis_memo **kr_document_analysis_memo(kr_document *doc)
{
    return &doc->analysis;
}

kr_changes kr_document_take_changes(kr_document *doc)
{
    kr_changes c = doc->changes;
    doc->changes = (kr_changes){0};
    return c;
}

/* Adds the edit of [start, end) into new bytes ending at new_end to the changes
 * not yet taken: one region covering both, in the new text's offsets. */
static void note_change(kr_changes *c, size_t start, size_t end, size_t new_end)
{
    ptrdiff_t d = (ptrdiff_t)new_end - (ptrdiff_t)end;
    if (!c->any) {
        *c = (kr_changes){true, start, new_end, d};
        return;
    }
    size_t hi = c->hi >= end ? (size_t)((ptrdiff_t)c->hi + d) : c->hi;
    if (hi < new_end)
        hi = new_end;
    c->lo = c->lo < start ? c->lo : start;
    c->hi = hi;
    c->delta += d;
}

/* tree-sitter 0.20 (Debian 12) corrupts its heap when one line yields more than
 * 65535 tokens (found by test_hostile.c with a 1 MB line). A token is at least a
 * byte, so a text whose lines are all shorter than this is safe; longer lines
 * are linted without a tree (kr_analysis_build then goes by lines). */
#define MAX_PARSED_LINE 65535

static void index_lines(kr_document *d)
{
    d->n_lines = 0;
    d->longest_line = 0;
    d->pos_cache.valid = false;
    size_t pos = 0;
    for (;;) {
        if (d->n_lines == d->cap_lines) {
            d->cap_lines = d->cap_lines ? d->cap_lines * 2 : 64;
            d->lines = kr_xrealloc(d->lines, d->cap_lines * sizeof *d->lines);
        }
        d->lines[d->n_lines++] = pos;
        const char *nl = memchr(d->text + pos, '\n', d->len - pos);
        size_t next = nl ? (size_t)(nl - d->text) + 1 : d->len;
        if (next - pos > d->longest_line)
            d->longest_line = next - pos;
        if (!nl)
            break;
        pos = next;
    }
}

/* The longest line in bytes, its line break included. */
static size_t longest_of(const kr_document *d)
{
    size_t best = 0;
    for (size_t i = 0; i + 1 < d->n_lines; i++)
        if (d->lines[i + 1] - d->lines[i] > best)
            best = d->lines[i + 1] - d->lines[i];
    size_t last = d->len - d->lines[d->n_lines - 1];
    return last > best ? last : best;
}

/* Updates the line index for the edit that replaced old bytes [start, end) with
 * the `len` bytes now at start (the text already edited): lines before the edit
 * stay, the lines whose break was inside [start, end) go, the breaks inserted
 * come in, and the lines after move by the difference. Linear in the line
 * starts only (no scan of the text), where index_lines read the whole text on
 * every keystroke. */
static void reindex_lines(kr_document *d, size_t start, size_t end, size_t len)
{
    d->pos_cache.valid = false;
    size_t first = kr_document_line_of(d, start) + 1; /* the first line that may go */
    size_t keep_from = first;
    while (keep_from < d->n_lines && d->lines[keep_from] <= end)
        keep_from++;
    size_t added = 0;
    for (size_t i = start; i < start + len; i++)
        added += d->text[i] == '\n';
    size_t tail = d->n_lines - keep_from, n = first + added + tail;
    if (n > d->cap_lines) {
        while (d->cap_lines < n)
            d->cap_lines = d->cap_lines ? d->cap_lines * 2 : 64;
        d->lines = kr_xrealloc(d->lines, d->cap_lines * sizeof *d->lines);
    }
    memmove(d->lines + first + added, d->lines + keep_from, tail * sizeof *d->lines);
    ptrdiff_t delta = (ptrdiff_t)len - (ptrdiff_t)(end - start);
    for (size_t k = first + added; k < n; k++)
        d->lines[k] = (size_t)((ptrdiff_t)d->lines[k] + delta);
    size_t k = first;
    for (size_t i = start; i < start + len; i++)
        if (d->text[i] == '\n')
            d->lines[k++] = i + 1;
    d->n_lines = n;
    d->longest_line = longest_of(d);
}

kr_document *kr_document_new(const char *text, size_t len)
{
    kr_document *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->cap = len + 1;
    d->text = malloc(d->cap);
    if (!d->text) {
        free(d);
        return NULL;
    }
    if (len)
        memcpy(d->text, text, len);
    d->text[len] = '\0';
    d->len = len;
    index_lines(d);
    d->tree_stale = true;
    return d;
}

void kr_document_free(kr_document *self)
{
    if (!self)
        return;
    if (self->tree)
        ts_tree_delete(self->tree);
    if (self->parser)
        ts_parser_delete(self->parser);
    kr_lint_cache_free(self->lint_cache);
    kr_analysis_memo_free(self->analysis);
    for (size_t i = 0; i < sizeof self->memory / sizeof *self->memory; i++)
        if (self->memory[i].ptr && self->memory[i].release)
            self->memory[i].release(self->memory[i].ptr);
    free(self->lines);
    free(self->text);
    free(self);
}

const char *kr_document_text(const kr_document *self, size_t *len)
{
    if (len)
        *len = self->len;
    return self->text;
}

const size_t *kr_document_lines(const kr_document *doc, size_t *n)
{
    *n = doc->n_lines;
    return doc->lines;
}

size_t kr_document_line_count(const kr_document *self)
{
    return self->n_lines;
}

size_t kr_document_line_start(const kr_document *self, size_t line)
{
    if (line >= self->n_lines)
        line = self->n_lines - 1;
    return self->lines[line];
}

size_t kr_document_line_end(const kr_document *self, size_t line)
{
    if (line >= self->n_lines)
        line = self->n_lines - 1;
    size_t end = line + 1 < self->n_lines ? self->lines[line + 1] - 1 : self->len;
    if (end > self->lines[line] && self->text[end - 1] == '\r' && end < self->len)
        end--;
    return end;
}

size_t kr_document_line_of(const kr_document *self, size_t offset)
{
    size_t lo = 0, hi = self->n_lines; /* lines[lo] <= offset < lines[hi] */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (self->lines[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Length of the UTF-8 sequence starting at s[0] (1 for an invalid byte) and the
 * code point's size in `enc` units. */
static size_t char_len(const unsigned char *s, size_t avail, unsigned *units, kr_encoding enc)
{
    size_t n = 1;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4;
    if (n > avail)
        n = 1;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) {
            n = 1;
            break;
        }
    /* overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid
     * bytes too (one unit each), as for the `encoding` rule and for editors */
    if ((s[0] == 0xE0 && n == 3 && s[1] < 0xA0) || (s[0] == 0xED && n == 3 && s[1] > 0x9F) ||
        (s[0] == 0xF0 && n == 4 && s[1] < 0x90) || (s[0] == 0xF4 && n == 4 && s[1] > 0x8F))
        n = 1;
    if (enc == KR_ENC_UTF8)
        *units = (unsigned)n;
    else if (enc == KR_ENC_UTF16)
        *units = n == 4 ? 2 : 1;
    else
        *units = 1;
    return n;
}

size_t kr_utf_units(const char *text, size_t len, kr_encoding enc)
{
    size_t units = 0;
    for (size_t i = 0; i < len;) {
        unsigned u;
        i += char_len((const unsigned char *)text + i, len - i, &u, enc);
        units += u;
    }
    return units;
}

/* Where counting starts on a line: after a leading byte-order mark on line 0,
 * which editors do not show and do not count. */
static size_t count_start(const kr_document *d, size_t line)
{
    size_t s = d->lines[line];
    if (line == 0 && d->len >= 3 && memcmp(d->text, "\xEF\xBB\xBF", 3) == 0)
        s = 3;
    return s;
}

kr_position kr_document_position(const kr_document *self, size_t offset, kr_encoding enc)
{
    if (offset > self->len)
        offset = self->len;
    kr_document *cache = (kr_document *)self; /* see pos_cache */
    size_t line = kr_document_line_of(self, offset);
    size_t i = count_start(self, line);
    uint32_t units[3] = {0, 0, 0};
    if (cache->pos_cache.valid && cache->pos_cache.line == line && cache->pos_cache.offset >= i &&
        cache->pos_cache.offset <= offset) {
        i = cache->pos_cache.offset;
        memcpy(units, cache->pos_cache.units, sizeof units);
    }
    while (i < offset) {
        unsigned u;
        size_t n = char_len((const unsigned char *)self->text + i, self->len - i, &u, KR_ENC_UTF8);
        if (i + n > offset)
            break; /* offset inside a character: report the character's start */
        units[KR_ENC_UTF8] += (uint32_t)n;
        units[KR_ENC_UTF16] += n == 4 ? 2 : 1;
        units[KR_ENC_UTF32] += 1;
        i += n;
    }
    cache->pos_cache.valid = true;
    cache->pos_cache.line = line;
    cache->pos_cache.offset = i;
    memcpy(cache->pos_cache.units, units, sizeof units);
    return (kr_position){(uint32_t)line, units[enc]};
}

size_t kr_document_offset(const kr_document *self, kr_position pos, kr_encoding enc)
{
    if (pos.line >= self->n_lines)
        return self->len;
    size_t end = kr_document_line_end(self, pos.line);
    size_t i = count_start(self, pos.line);
    uint32_t units = 0;
    while (i < end && units < pos.character) {
        unsigned u;
        size_t n = char_len((const unsigned char *)self->text + i, end - i, &u, enc);
        if (units + u > pos.character)
            break; /* inside a surrogate pair or a multi-byte unit run: round down */
        units += u;
        i += n;
    }
    return i;
}

static TSPoint point_of(const kr_document *d, size_t offset)
{
    size_t line = kr_document_line_of(d, offset);
    return (TSPoint){(uint32_t)line, (uint32_t)(offset - d->lines[line])};
}

int kr_document_edit(kr_document *self, size_t start, size_t end, const char *text, size_t len)
{
    kr_lint_cache_settle(self->lint_cache); /* it reads the text as linted */
    if (start > self->len)
        start = self->len;
    if (end > self->len)
        end = self->len;
    if (end < start)
        end = start;
    size_t new_len = self->len - (end - start) + len;
    if (new_len + 1 > self->cap) {
        size_t cap = self->cap * 2 > new_len + 1 ? self->cap * 2 : new_len + 1;
        char *t = realloc(self->text, cap);
        if (!t)
            return -1;
        self->text = t;
        self->cap = cap;
    }
    TSInputEdit edit = {
        .start_byte = (uint32_t)start,
        .old_end_byte = (uint32_t)end,
        .new_end_byte = (uint32_t)(start + len),
        .start_point = point_of(self, start),
        .old_end_point = point_of(self, end),
    };
    memmove(self->text + start + len, self->text + end, self->len - end);
    if (len) /* text may be NULL for a pure deletion */
        memcpy(self->text + start, text, len);
    self->len = new_len;
    self->text[new_len] = '\0';
    note_change(&self->changes, start, end, start + len);
    reindex_lines(self, start, end, len);
    edit.new_end_point = point_of(self, start + len);
    if (self->tree)
        ts_tree_edit(self->tree, &edit);
    self->tree_stale = true;
    return 0;
}

const TSTree *kr_document_tree(kr_document *self)
{
    if (!tree_sitter_korrektur)
        return NULL;
    if (self->longest_line > MAX_PARSED_LINE) {
        if (self->tree)
            ts_tree_delete(self->tree);
        self->tree = NULL;
        return NULL;
    }
    if (!self->parser) {
        self->parser = ts_parser_new();
        if (!self->parser || !ts_parser_set_language(self->parser, tree_sitter_korrektur())) {
            if (self->parser)
                ts_parser_delete(self->parser);
            self->parser = NULL;
            return NULL;
        }
    }
    if (self->tree_stale || !self->tree) {
        TSTree *t =
            ts_parser_parse_string(self->parser, self->tree, self->text, (uint32_t)self->len);
        if (self->tree)
            ts_tree_delete(self->tree);
        self->tree = t;
        self->tree_stale = false;
    }
    return self->tree;
}
