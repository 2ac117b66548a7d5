/* lsp_features.c — hover (a diagnostic's rule explanation and its candidate
 * repairs), documentSymbol (the title / Spørgsmål / Svar outline) and
 * foldingRange, all read from the engine's analysis of the document
 * (kr_analysis blocks, built from the syntax tree). When the analysis knows only
 * paragraphs (a grammar without labels), short one-line blocks ending in ':' that
 * look like the labels, and a first one-line block as title, stand in. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* ---- hover ------------------------------------------------------------------------ */

static void append(kr_lsp *s, char **buf, const char *fmt, const char *a)
{
    *buf = kr_arena_printf(&s->arena, "%s%s", *buf, kr_arena_printf(&s->arena, fmt, a));
}

static char *candidates(kr_lsp *s, const kr_diagnostic *d)
{
    char *out = "";
    for (size_t i = 0; i < kr_diagnostic_fix_count(d) && i < 8; i++) {
        const kr_fix *f = kr_diagnostic_fix(d, i);
        char *c = "";
        for (size_t k = 0; k < kr_fix_edit_count(f); k++) {
            const kr_edit *e = kr_fix_edit(f, k);
            c = kr_arena_printf(&s->arena, "%s%s%.*s", c, k ? " … " : "", (int)e->len, e->text);
        }
        out = kr_arena_printf(&s->arena, "%s%s»%s«", out, i ? ", " : "", c[0] ? c : "(slet)");
    }
    return out;
}

static char *hover_text(kr_lsp *s, const kr_diagnostic *d)
{
    bool md = s->client.markdown;
    int r = kr_rule_find(kr_diagnostic_rule(d));
    char *t = kr_arena_printf(&s->arena, md ? "**%s** — %s" : "%s — %s", kr_diagnostic_rule(d),
                              kr_diagnostic_message(d));
    if (r >= 0 && kr_rule_explanation((size_t)r))
        append(s, &t, "\n\n%s", kr_rule_explanation((size_t)r));
    if (kr_diagnostic_fix_count(d))
        append(s, &t, md ? "\n\n**Forslag:** %s" : "\n\nForslag: %s", candidates(s, d));
    return t;
}

json_t *lsp_hover(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *doc = lsp_doc_param(s, params, id);
    if (!doc)
        return NULL;
    size_t off;
    if (!lsp_read_position(s, doc->doc, json_object_get(params, "position"), &off))
        return lsp_bad_params(s, id, "position must be a valid Position"), NULL;
    lsp_lint(s, doc);
    char *text = NULL;
    size_t lo = 0, hi = 0;
    for (size_t k = 0; k < doc->n_shown; k++) {
        const kr_diagnostic *d = kr_diagnostics_get(doc->diags, doc->shown[k]);
        if (kr_diagnostic_start(d) > off || kr_diagnostic_end(d) < off)
            continue;
        char *h = hover_text(s, d);
        if (!text) {
            text = h;
            lo = kr_diagnostic_start(d);
            hi = kr_diagnostic_end(d);
        } else {
            text = kr_arena_printf(&s->arena, "%s\n\n---\n\n%s", text, h);
        }
    }
    if (!text)
        return json_null();
    return json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind",
                     s->client.markdown ? "markdown" : "plaintext", "value",
                     lsp_string(text, strlen(text)), "range", lsp_range_json(s, doc->doc, lo, hi));
}

/* ---- the outline ------------------------------------------------------------------- */

typedef struct {
    size_t block;       /* the heading block */
    kr_label_kind kind; /* KR_LABEL_NONE for the title */
    size_t end;         /* end of the section's last block */
} section;

static bool one_line(const char *t, const kr_block *b)
{
    return !memchr(t + b->start, '\n', b->end - b->start);
}

/* A label recognised from text alone ("Spørgsmål:", "Spergsmal:", "Svar:"). */
static kr_label_kind guess_label(const char *t, const kr_block *b)
{
    size_t n = b->end - b->start;
    const char *p = t + b->start;
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\r' || p[n - 1] == '\t'))
        n--;
    if (n < 4 || n > 24 || p[n - 1] != ':' || !one_line(t, b))
        return KR_LABEL_NONE;
    if ((p[0] | 32) == 's' && (p[1] | 32) == 'p')
        return KR_LABEL_QUESTION;
    if ((p[0] | 32) == 's' && (p[1] | 32) == 'v')
        return KR_LABEL_ANSWER;
    return KR_LABEL_NONE;
}

/* Finds the headings and the extent of each section. Returns the count. */
static size_t find_sections(kr_lsp *s, const char *t, const kr_analysis *an, section **out)
{
    bool structured = an->title_block != SIZE_MAX;
    for (size_t i = 0; i < an->n_blocks && !structured; i++)
        structured = an->blocks[i].kind == KR_BLOCK_LABEL;
    section *sec = kr_arena_alloc(&s->arena, (an->n_blocks + 1) * sizeof *sec);
    size_t n = 0;
    for (size_t i = 0; i < an->n_blocks; i++) {
        const kr_block *b = &an->blocks[i];
        kr_label_kind k = KR_LABEL_NONE;
        bool head = false;
        if (structured) {
            head = b->kind == KR_BLOCK_TITLE || b->kind == KR_BLOCK_LABEL;
            k = b->kind == KR_BLOCK_LABEL ? (b->label ? b->label : KR_LABEL_OTHER) : KR_LABEL_NONE;
        } else if ((k = guess_label(t, b)) != KR_LABEL_NONE) {
            head = true;
        } else if (i == 0 && one_line(t, b) && an->n_blocks > 1) {
            head = true; /* the first line of a document is its title */
        }
        if (head) {
            sec[n++] = (section){i, k, b->end};
        } else if (n && b->kind != KR_BLOCK_PAGE_HEADER) {
            sec[n - 1].end = b->end;
        }
    }
    *out = sec;
    return n;
}

static const char *label_name(kr_label_kind k)
{
    return k == KR_LABEL_QUESTION ? "Spørgsmål" : k == KR_LABEL_ANSWER ? "Svar" : NULL;
}

/* The text of a block, trimmed and cut to ~80 bytes on a character boundary. */
static json_t *block_text(const char *t, const kr_block *b)
{
    size_t a = b->start, e = b->end;
    while (a < e && (t[a] == ' ' || t[a] == '\t'))
        a++;
    while (e > a && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\t'))
        e--;
    if (e - a > 80) {
        e = a + 80;
        while (e > a && ((unsigned char)t[e] & 0xC0) == 0x80)
            e--;
    }
    return e > a ? lsp_string(t + a, e - a) : json_string("(tom)");
}

static json_t *symbol(kr_lsp *s, lsp_doc *doc, const char *t, const kr_analysis *an,
                      const section *sec)
{
    const kr_block *b = &an->blocks[sec->block];
    const char *name = label_name(sec->kind);
    json_t *range = lsp_range_json(s, doc->doc, b->start, sec->end);
    json_t *j = json_pack("{s:o, s:i}", "name", name ? json_string(name) : block_text(t, b), "kind",
                          sec->kind == KR_LABEL_NONE ? 2 : 20);
    if (s->client.hierarchical_symbols) {
        json_object_set_new(j, "range", range);
        json_object_set_new(j, "selectionRange", lsp_range_json(s, doc->doc, b->start, b->end));
        if (name)
            json_object_set_new(j, "detail", block_text(t, b));
    } else {
        json_object_set_new(j, "location",
                            json_pack("{s:s, s:o}", "uri", doc->uri, "range", range));
    }
    return j;
}

json_t *lsp_document_symbol(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *doc = lsp_doc_param(s, params, id);
    if (!doc)
        return NULL;
    if (doc->too_large)
        return json_array();
    size_t len;
    const char *t = kr_document_text(doc->doc, &len);
    kr_analysis an;
    kr_analysis_build(&an, &s->arena, t, len, kr_document_tree(doc->doc));
    section *sec;
    size_t n = find_sections(s, t, &an, &sec);
    json_t *out = json_array();
    json_t *title = NULL; /* hierarchical: the labels are the title's children */
    for (size_t i = 0; i < n; i++) {
        json_t *sym = symbol(s, doc, t, &an, &sec[i]);
        if (sec[i].kind == KR_LABEL_NONE && s->client.hierarchical_symbols && i == 0) {
            title = sym;
            json_object_set_new(title, "children", json_array());
            json_array_append_new(out, title);
        } else if (title) {
            json_array_append_new(json_object_get(title, "children"), sym);
        } else {
            if (!s->client.hierarchical_symbols && sec[0].kind == KR_LABEL_NONE && i > 0)
                json_object_set_new(sym, "containerName", block_text(t, &an.blocks[sec[0].block]));
            json_array_append_new(out, sym);
        }
    }
    /* the title's range covers everything it contains */
    if (title && n > 1)
        json_object_set_new(
            title, "range",
            lsp_range_json(s, doc->doc, an.blocks[sec[0].block].start, sec[n - 1].end));
    return out;
}

json_t *lsp_folding_range(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *doc = lsp_doc_param(s, params, id);
    if (!doc)
        return NULL;
    if (doc->too_large)
        return json_array();
    size_t len;
    const char *t = kr_document_text(doc->doc, &len);
    kr_analysis an;
    kr_analysis_build(&an, &s->arena, t, len, kr_document_tree(doc->doc));
    section *sec;
    size_t n = find_sections(s, t, &an, &sec);
    json_t *out = json_array();
    size_t last_a = SIZE_MAX, last_b = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        if (sec[i].kind == KR_LABEL_NONE)
            continue; /* the title's section is the whole document */
        size_t a = kr_document_line_of(doc->doc, an.blocks[sec[i].block].start);
        size_t b = kr_document_line_of(doc->doc, sec[i].end);
        if (b > a) {
            json_array_append_new(out, json_pack("{s:I, s:I, s:s}", "startLine", (json_int_t)a,
                                                 "endLine", (json_int_t)b, "kind", "region"));
            last_a = a, last_b = b;
        }
    }
    for (size_t i = 0; i < an.n_blocks; i++) {
        size_t a = kr_document_line_of(doc->doc, an.blocks[i].start);
        size_t b = kr_document_line_of(doc->doc, an.blocks[i].end);
        if (b > a && !(a == last_a && b == last_b))
            json_array_append_new(
                out, json_pack("{s:I, s:I}", "startLine", (json_int_t)a, "endLine", (json_int_t)b));
    }
    return out;
}
