/* lsp_lint.c — from text to what the editor shows: lints a changed document,
 * keeps the diagnostics the user wants to see (minSeverity, words ignored in the
 * document), turns them into LSP diagnostics carrying their fixes in `data`, and
 * delivers them by push (publishDiagnostics with the version) or pull
 * (textDocument/diagnostic with resultId / unchanged reports).
 *
 * lsp_lint() is the single place that decides what to re-lint: today the whole
 * document (a full lint is fast, see the README's numbers); a per-paragraph
 * cache would slot in there without touching the handlers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

json_t *lsp_text_edit_json(kr_lsp *s, kr_document *d, const kr_edit *e)
{
    return json_pack("{s:o, s:o}", "range", lsp_range_json(s, d, e->start, e->end), "newText",
                     lsp_string(e->text, e->len));
}

static json_t *fix_json(kr_lsp *s, kr_document *doc, const kr_fix *f)
{
    json_t *edits = json_array();
    for (size_t i = 0; i < kr_fix_edit_count(f); i++)
        json_array_append_new(edits, lsp_text_edit_json(s, doc, kr_fix_edit(f, i)));
    const char *t = kr_fix_title(f);
    return json_pack("{s:o, s:b, s:o}", "title", lsp_string(t, t ? strlen(t) : 0),
                     "isPreferred", kr_fix_preferred(f), "edits", edits);
}

/* The rule's documentation link from the docsUrl template ("…/{rule}"). */
static json_t *code_description(kr_lsp *s, const char *rule)
{
    if (!s->docs_url)
        return NULL;
    const char *hole = strstr(s->docs_url, "{rule}");
    char *href = hole ? kr_arena_printf(&s->arena, "%.*s%s%s", (int)(hole - s->docs_url),
                                        s->docs_url, rule, hole + 6)
                      : kr_arena_printf(&s->arena, "%s%s", s->docs_url, rule);
    return json_pack("{s:s}", "href", href);
}

json_t *lsp_diagnostic_json(kr_lsp *s, lsp_doc *doc, const kr_diagnostic *d)
{
    json_t *fixes = json_array();
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++)
        json_array_append_new(fixes, fix_json(s, doc->doc, kr_diagnostic_fix(d, i)));
    const char *msg = kr_diagnostic_message(d), *subj = kr_diagnostic_subject(d);
    json_t *j = json_pack(
        "{s:o, s:i, s:s, s:s, s:o, s:{s:o, s:o}}", "range",
        lsp_range_json(s, doc->doc, kr_diagnostic_start(d), kr_diagnostic_end(d)), "severity",
        (int)kr_diagnostic_severity(d), "code", kr_diagnostic_rule(d), "source", "korrektur",
        "message", lsp_string(msg, msg ? strlen(msg) : 0), "data", "subject",
        lsp_string(subj, subj ? strlen(subj) : 0), "fixes", fixes);
    json_t *cd = code_description(s, kr_diagnostic_rule(d));
    if (cd && j)
        json_object_set_new(j, "codeDescription", cd);
    else
        json_decref(cd);
    return j;
}

static bool ignored(const lsp_doc *doc, const kr_diagnostic *d)
{
    const char *subj = kr_diagnostic_subject(d);
    if (!subj)
        return false;
    for (size_t i = 0; i < doc->n_ignored; i++)
        if (strcmp(doc->ignored[i], subj) == 0)
            return true;
    return false;
}

/* Picks the diagnostics to report and builds their JSON. */
static void select_shown(kr_lsp *s, lsp_doc *doc)
{
    size_t n = kr_diagnostics_count(doc->diags);
    kr_severity min = kr_config_min_severity(s->config);
    free(doc->shown);
    doc->shown = kr_xmalloc((n ? n : 1) * sizeof *doc->shown);
    doc->n_shown = 0;
    json_t *items = json_array();
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(doc->diags, i);
        if (kr_diagnostic_severity(d) > min || ignored(doc, d))
            continue;
        doc->shown[doc->n_shown++] = i;
        json_array_append_new(items, lsp_diagnostic_json(s, doc, d));
    }
    if (!doc->items || !json_equal(items, doc->items))
        doc->result_id = ++s->result_seq;
    json_decref(doc->items);
    doc->items = items;
}

void lsp_lint(kr_lsp *s, lsp_doc *doc)
{
    if (!doc->dirty && doc->diags)
        return;
    kr_diagnostics_free(doc->diags);
    doc->diags = doc->too_large ? NULL : kr_linter_run(s->linter, doc->doc);
    if (!doc->diags)
        doc->diags = kr_diagnostics_new();
    select_shown(s, doc);
    doc->dirty = false;
    doc->publish = !s->client.pull_diagnostics;
}

void lsp_mark_all_dirty(kr_lsp *s)
{
    for (size_t i = 0; i < s->n_docs; i++)
        s->docs[i]->dirty = true;
    if (s->n_docs && !s->first_pending_ms)
        s->first_pending_ms = lsp_now_ms();
}

void lsp_publish(kr_lsp *s, lsp_doc *doc)
{
    doc->publish = false;
    lsp_notify(s, "textDocument/publishDiagnostics",
               json_pack("{s:s, s:I, s:O}", "uri", doc->uri, "version", (json_int_t)doc->version,
                         "diagnostics", doc->items));
}

void lsp_publish_empty(kr_lsp *s, const char *uri)
{
    lsp_notify(s, "textDocument/publishDiagnostics",
               json_pack("{s:s, s:[]}", "uri", uri, "diagnostics"));
}

bool kr_lsp_has_pending(const kr_lsp *s)
{
    for (size_t i = 0; i < s->n_docs; i++)
        if (s->docs[i]->dirty || s->docs[i]->publish)
            return true;
    return false;
}

void kr_lsp_idle(kr_lsp *s)
{
    for (size_t i = 0; i < s->n_docs; i++) {
        lsp_doc *d = s->docs[i];
        if (d->dirty && !s->client.pull_diagnostics)
            lsp_lint(s, d);
        if (d->publish)
            lsp_publish(s, d);
        kr_arena_reset(&s->arena);
    }
    /* pull clients lint on demand; nothing is pending for them */
    if (s->client.pull_diagnostics)
        for (size_t i = 0; i < s->n_docs; i++)
            s->docs[i]->publish = false;
    s->first_pending_ms = 0;
}

void lsp_refresh_all(kr_lsp *s)
{
    lsp_mark_all_dirty(s);
    if (s->client.pull_diagnostics && s->client.diagnostic_refresh && s->n_docs)
        lsp_request(s, "workspace/diagnostic/refresh", NULL, LSP_OUT_OTHER);
}

json_t *lsp_pull_diagnostics(kr_lsp *s, json_t *params, json_t *id)
{
    const char *uri =
        json_string_value(json_object_get(json_object_get(params, "textDocument"), "uri"));
    if (!uri) {
        lsp_bad_params(s, id, "textDocument.uri is missing");
        return NULL;
    }
    lsp_doc *doc = lsp_doc_find(s, uri);
    if (!doc) /* not open: the server reads only what the client sends */
        return json_pack("{s:s, s:[]}", "kind", "full", "items");
    lsp_lint(s, doc);
    char rid[32];
    snprintf(rid, sizeof rid, "%llu", (unsigned long long)doc->result_id);
    const char *prev = json_string_value(json_object_get(params, "previousResultId"));
    if (prev && strcmp(prev, rid) == 0)
        return json_pack("{s:s, s:s}", "kind", "unchanged", "resultId", rid);
    return json_pack("{s:s, s:s, s:O}", "kind", "full", "resultId", rid, "items", doc->items);
}
