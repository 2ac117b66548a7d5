/* lsp_docs.c — the open documents: didOpen/didChange/didClose/didSave, the
 * position conversions (every editor position passes through
 * kr_document_position/offset here, in the encoding agreed at initialize), file
 * URIs, and the korrektur/debugText request the replay test compares against. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* ---- strings -------------------------------------------------------------------- */

size_t lsp_utf8_len(const char *str, size_t avail)
{
    return kr_utf8_char_len(str, avail);
}

json_t *lsp_string(const char *str, size_t n)
{
    if (!str)
        return json_string("");
    size_t i = 0;
    while (i < n) {
        size_t k = lsp_utf8_len(str + i, n - i);
        if (!k)
            break;
        i += k;
    }
    if (i == n)
        return json_stringn(str, n);
    char *buf = kr_xmalloc(3 * n + 1);
    size_t o = 0;
    for (i = 0; i < n;) {
        size_t k = lsp_utf8_len(str + i, n - i);
        if (k) {
            memcpy(buf + o, str + i, k);
            o += k;
            i += k;
        } else {
            memcpy(buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    json_t *j = json_stringn(buf, o);
    free(buf);
    return j;
}

/* ---- positions -------------------------------------------------------------------- */

json_t *lsp_position_json(kr_lsp *s, kr_document *d, size_t offset)
{
    kr_position p = kr_document_position(d, offset, s->enc);
    return json_pack("{s:I, s:I}", "line", (json_int_t)p.line, "character",
                     (json_int_t)p.character);
}

json_t *lsp_range_json(kr_lsp *s, kr_document *d, size_t start, size_t end)
{
    return json_pack("{s:o, s:o}", "start", lsp_position_json(s, d, start), "end",
                     lsp_position_json(s, d, end));
}

bool lsp_read_position(kr_lsp *s, kr_document *d, json_t *pos, size_t *offset)
{
    json_t *line = json_object_get(pos, "line");
    json_t *ch = json_object_get(pos, "character");
    if (!json_is_integer(line) || !json_is_integer(ch) || json_integer_value(line) < 0 ||
        json_integer_value(ch) < 0)
        return false;
    /* positions beyond the document are clamped (LSP: a character past the end
     * of a line means the line's end; a line past the end, the document's end) */
    json_int_t l = json_integer_value(line), c = json_integer_value(ch);
    kr_position p = {l > UINT32_MAX ? UINT32_MAX : (uint32_t)l,
                     c > UINT32_MAX ? UINT32_MAX : (uint32_t)c};
    *offset = kr_document_offset(d, p, s->enc);
    return true;
}

bool lsp_read_range(kr_lsp *s, kr_document *d, json_t *range, size_t *start, size_t *end)
{
    if (!lsp_read_position(s, d, json_object_get(range, "start"), start) ||
        !lsp_read_position(s, d, json_object_get(range, "end"), end))
        return false;
    return *start <= *end;
}

/* ---- URIs --------------------------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (c | 32) - 'a' + 10;
    return -1;
}

char *lsp_uri_to_path(const char *uri)
{
    if (!uri || strncmp(uri, "file://", 7) != 0)
        return NULL;
    const char *p = uri + 7;
    if (*p != '/') { /* file://host/path: only the local host */
        if (strncmp(p, "localhost/", 10) != 0)
            return NULL;
        p += 9;
    }
    size_t n = strlen(p);
    char *out = kr_xmalloc(n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '%' && i + 2 < n && hexval(p[i + 1]) >= 0 && hexval(p[i + 2]) >= 0) {
            char c = (char)(hexval(p[i + 1]) * 16 + hexval(p[i + 2]));
            if (c == '\0') { /* a NUL in a path can only be an attack */
                free(out);
                return NULL;
            }
            out[o++] = c;
            i += 2;
        } else if (p[i] == '?' || p[i] == '#') {
            break;
        } else {
            out[o++] = p[i];
        }
    }
    out[o] = '\0';
    return out;
}

char *lsp_path_to_uri(const char *path)
{
    size_t n = strlen(path);
    char *out = kr_xmalloc(3 * n + 8);
    size_t o = (size_t)sprintf(out, "file://");
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)path[i];
        bool plain = ((c | 32) >= 'a' && (c | 32) <= 'z') || (c >= '0' && c <= '9') ||
                     (c && strchr("/-._~", c));
        if (plain)
            out[o++] = (char)c;
        else
            o += (size_t)sprintf(out + o, "%%%02X", c);
    }
    out[o] = '\0';
    return out;
}

/* ---- the document table ------------------------------------------------------------- */

lsp_doc *lsp_doc_find(kr_lsp *s, const char *uri)
{
    for (size_t i = 0; i < s->n_docs; i++)
        if (strcmp(s->docs[i]->uri, uri) == 0)
            return s->docs[i];
    return NULL;
}

static void doc_free(lsp_doc *d)
{
    if (!d)
        return;
    free(d->uri);
    free(d->path);
    kr_document_free(d->doc);
    kr_diagnostics_free(d->diags);
    free(d->shown);
    free(d->items);
    lsp_json_cache_free(d->json_cache);
    for (size_t i = 0; i < d->n_ignored; i++)
        free(d->ignored[i]);
    free(d->ignored);
    free(d);
}

void lsp_docs_free(kr_lsp *s)
{
    for (size_t i = 0; i < s->n_docs; i++)
        doc_free(s->docs[i]);
    free(s->docs);
    s->docs = NULL;
    s->n_docs = s->cap_docs = 0;
}

static const char *text_document_uri(json_t *params)
{
    return json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
}

lsp_doc *lsp_doc_param(kr_lsp *s, json_t *params, json_t *id)
{
    const char *uri = text_document_uri(params);
    if (!uri) {
        lsp_bad_params(s, id, "textDocument.uri is missing");
        return NULL;
    }
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d) {
        if (id)
            lsp_respond_error(s, id, KR_RPC_INVALID_PARAMS,
                              "the document %.300s is not open (send didOpen first)", uri);
        else
            lsp_log(s, 2, "korrektur: ignored a change to %.300s, which is not open", uri);
    }
    return d;
}

/* Checks the size cap after the text changed; tells the user once per crossing. */
static void check_size(kr_lsp *s, lsp_doc *d)
{
    size_t len, cap = kr_config_max_file_size(s->config);
    kr_document_text(d->doc, &len);
    d->too_large = len > cap;
    if (!d->too_large) {
        d->warned_large = false;
    } else if (!d->warned_large) {
        d->warned_large = true;
        lsp_show(s, 2,
                 "korrektur: %.300s is %.1f MB, above the limit of %.1f MB (maxFileSize), "
                 "so it is not checked",
                 d->path ? d->path : d->uri, len / 1048576.0, cap / 1048576.0);
    }
}

static void touch(kr_lsp *s, lsp_doc *d)
{
    d->dirty = true;
    d->changed_at = lsp_now_ms_precise();
    if (!s->first_pending_ms)
        s->first_pending_ms = lsp_now_ms();
}

json_t *lsp_did_open(kr_lsp *s, json_t *params, json_t *id)
{
    json_t *td = json_object_get(params, "textDocument");
    const char *uri = json_string_value(json_object_get(td, "uri"));
    json_t *text = json_object_get(td, "text");
    if (!uri || !json_is_string(text)) {
        lsp_bad_params(s, id, "textDocument.uri and textDocument.text are required");
        return NULL;
    }
    lsp_doc *d = lsp_doc_find(s, uri);
    if (!d) {
        if (s->n_docs == s->cap_docs) {
            s->cap_docs = s->cap_docs ? 2 * s->cap_docs : 8;
            s->docs = kr_xrealloc(s->docs, s->cap_docs * sizeof *s->docs);
        }
        d = calloc(1, sizeof *d);
        if (!d)
            return NULL;
        d->uri = kr_xstrndup(uri, strlen(uri));
        d->path = lsp_uri_to_path(uri);
        s->docs[s->n_docs++] = d;
    }
    kr_document_free(d->doc);
    d->doc = kr_document_new(json_string_value(text), json_string_length(text));
    if (!d->doc) { /* out of memory: an empty document keeps the table sane */
        d->doc = kr_document_new("", 0);
    }
    json_t *v = json_object_get(td, "version");
    d->version = json_is_integer(v) ? json_integer_value(v) : 0;
    d->edit_low = 0; /* a new text: no cached diagnostic JSON holds */
    check_size(s, d);
    touch(s, d);
    return NULL;
}

/* Applies one TextDocumentContentChangeEvent. */
static bool apply_change(kr_lsp *s, lsp_doc *d, json_t *ch)
{
    json_t *text = json_object_get(ch, "text");
    if (!json_is_string(text))
        return false;
    const char *t = json_string_value(text);
    size_t n = json_string_length(text);
    json_t *range = json_object_get(ch, "range");
    if (!range) { /* a full replacement */
        size_t len;
        kr_document_text(d->doc, &len);
        d->edit_low = 0;
        return kr_document_edit(d->doc, 0, len, t, n) == 0;
    }
    size_t start, end;
    if (!lsp_read_range(s, d->doc, range, &start, &end))
        return false;
    if (start < d->edit_low) /* positions before it are unchanged (lsp_lint.c's JSON cache) */
        d->edit_low = start;
    return kr_document_edit(d->doc, start, end, t, n) == 0;
}

json_t *lsp_did_change(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *d = lsp_doc_param(s, params, id);
    if (!d)
        return NULL;
    json_t *changes = json_object_get(params, "contentChanges");
    if (!json_is_array(changes)) {
        lsp_bad_params(s, id, "contentChanges must be an array");
        return NULL;
    }
    size_t i;
    json_t *ch;
    json_array_foreach(changes, i, ch)
    {
        if (!apply_change(s, d, ch)) {
            /* the texts now differ: say so rather than lint a guess */
            lsp_show(s, 1,
                     "korrektur: a change to %.300s had an invalid range; reopen the "
                     "document to resynchronise",
                     d->uri);
            break;
        }
    }
    json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
    if (json_is_integer(v))
        d->version = json_integer_value(v);
    check_size(s, d);
    touch(s, d);
    return NULL;
}

json_t *lsp_did_close(kr_lsp *s, json_t *params, json_t *id)
{
    const char *uri = text_document_uri(params);
    if (!uri)
        return NULL;
    for (size_t i = 0; i < s->n_docs; i++) {
        if (strcmp(s->docs[i]->uri, uri) != 0)
            continue;
        if (!s->client.pull_diagnostics)
            lsp_publish_empty(s, uri);
        doc_free(s->docs[i]);
        s->docs[i] = s->docs[--s->n_docs];
        break;
    }
    (void)id;
    return NULL;
}

json_t *lsp_did_save(kr_lsp *s, json_t *params, json_t *id)
{
    /* the text is already current (incremental sync); saving changes nothing */
    (void)s, (void)params, (void)id;
    return NULL;
}

json_t *lsp_debug_text(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *d = lsp_doc_param(s, params, id);
    if (!d)
        return NULL;
    size_t len;
    const char *t = kr_document_text(d->doc, &len);
    return json_pack("{s:o, s:I, s:f, s:f, s:f, s:I}", "text", json_stringn(t, len), "version",
                     (json_int_t)d->version, "lintMs", d->lint_ms, "jsonMs", d->json_ms,
                     "changeToPublishMs", d->publish_ms, "diagnostics", (json_int_t)d->n_shown);
}
