/* lsp_lint.c — from text to what the editor shows: lints a changed document,
 * keeps the diagnostics the user wants to see (minSeverity, words ignored in the
 * document), turns them into LSP diagnostics carrying their fixes in `data`, and
 * delivers them by push (publishDiagnostics with the version) or pull
 * (textDocument/diagnostic with resultId / unchanged reports).
 *
 * lsp_lint() is the single place that decides what to re-lint (the linter keeps
 * per-block results itself). At most maxProblems diagnostics are reported, the
 * first in document order, and each one's JSON text is kept between lints, so
 * an edit writes only the diagnostics it changed or moved. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

json_t *lsp_text_edit_json(kr_lsp *s, kr_document *d, const kr_edit *e)
{
    return json_pack("{s:o, s:o}", "range", lsp_range_json(s, d, e->start, e->end), "newText",
                     lsp_string(e->text, e->len));
}

/* ---- diagnostics as JSON text ---------------------------------------------------
 * Written directly rather than built as jansson values: a megabyte of OCR text
 * can carry tens of thousands of diagnostics, and a value tree for them costs
 * seconds where the text costs milliseconds. */
typedef struct {
    char *p;
    size_t n, cap;
} sbuf;

static void sb_grow(sbuf *b, size_t n)
{
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + n + 1)
        cap *= 2;
    b->p = kr_xrealloc(b->p, cap);
    b->cap = cap;
}

/* Inline: ~60 pieces a diagnostic, most of them literals of known length. */
static inline void sb_put(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap)
        sb_grow(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* Out of line, for the cold paths (and for GCC, which on inlining into them
 * imagines a NULL buffer). */
static __attribute__((noinline)) void sb_append(sbuf *b, const char *s, size_t n)
{
    sb_put(b, s, n);
}

static void sb_cat(sbuf *b, const char *s)
{
    sb_append(b, s, strlen(s));
}

/* String literals: their length is known at compile time. */
#define sb_lit(b, s) sb_put((b), "" s, sizeof(s) - 1)

static void sb_uint(sbuf *b, unsigned long long v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sb_put(b, tmp + i, sizeof tmp - i);
}

/* Length of the character at s if it can be copied into a JSON string as it
 * is (printable ASCII but '"' and '\\', or valid UTF-8), else 0. */
static inline size_t plain_len(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return s[0] >= 0x20 && s[0] != '"' && s[0] != '\\';
    if (s[0] >= 0xC2 && s[0] <= 0xDF && avail >= 2 && (s[1] & 0xC0) == 0x80)
        return 2; /* the common case of æ, ø, å inline */
    return lsp_utf8_len((const char *)s, avail);
}

/* A JSON string; invalid UTF-8 becomes U+FFFD so the output is always valid. */
static void sb_str(sbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    sb_put(b, "\"", 1);
    size_t run = 0; /* start of bytes copied verbatim */
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n) { /* plain ASCII eight bytes a step */
            uint64_t w;
            memcpy(&w, u + i, 8);
            uint64_t sp = lsp_json_special_bytes(w);
            if (!sp) {
                i += 8;
                continue;
            }
            i += (size_t)__builtin_ctzll(sp) / 8;
        }
        size_t k = plain_len(u + i, n - i);
        if (k) {
            i += k;
            continue;
        }
        unsigned char c = u[i];
        sb_put(b, s + run, i - run);
        if (c >= 0x80) {
            sb_put(b, "\xEF\xBF\xBD", 3);
        } else if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            sb_put(b, e, 2);
        } else {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sb_put(b, e, 6);
        }
        run = ++i;
    }
    sb_put(b, s + run, n - run);
    sb_put(b, "\"", 1);
}

static void sb_cstr(sbuf *b, const char *s)
{
    sb_str(b, s ? s : "", s ? strlen(s) : 0);
}

/* The positions of one diagnostic: its fixes mostly replace its own range, so
 * the last two conversions are remembered. */
typedef struct {
    size_t off[2];
    kr_position pos[2];
    unsigned next;
} pos_memo;

static void sb_pos(kr_lsp *s, sbuf *b, kr_document *d, pos_memo *m, size_t off)
{
    kr_position p;
    if (m->off[0] == off) {
        p = m->pos[0];
    } else if (m->off[1] == off) {
        p = m->pos[1];
    } else {
        p = kr_document_position(d, off, s->enc);
        m->off[m->next] = off;
        m->pos[m->next] = p;
        m->next ^= 1;
    }
    sb_lit(b, "{\"line\":");
    sb_uint(b, p.line);
    sb_lit(b, ",\"character\":");
    sb_uint(b, p.character);
    sb_lit(b, "}");
}

static void sb_range(kr_lsp *s, sbuf *b, kr_document *d, pos_memo *m, size_t start, size_t end)
{
    sb_lit(b, "{\"start\":");
    sb_pos(s, b, d, m, start);
    sb_lit(b, ",\"end\":");
    sb_pos(s, b, d, m, end);
    sb_lit(b, "}");
}

static void sb_fix(kr_lsp *s, sbuf *b, kr_document *doc, pos_memo *m, const kr_fix *f)
{
    sb_lit(b, "{\"title\":");
    sb_cstr(b, kr_fix_title(f));
    if (kr_fix_preferred(f))
        sb_lit(b, ",\"isPreferred\":true,\"edits\":[");
    else
        sb_lit(b, ",\"isPreferred\":false,\"edits\":[");
    for (size_t i = 0; i < kr_fix_edit_count(f); i++) {
        const kr_edit *e = kr_fix_edit(f, i);
        if (i)
            sb_lit(b, ",");
        sb_lit(b, "{\"range\":");
        sb_range(s, b, doc, m, e->start, e->end);
        sb_lit(b, ",\"newText\":");
        sb_str(b, e->text, e->len);
        sb_lit(b, "}");
    }
    sb_lit(b, "]}");
}

/* The rule's documentation link from the docsUrl template ("…/{rule}"). */
static void sb_code_description(kr_lsp *s, sbuf *b, const char *rule)
{
    if (!s->docs_url)
        return;
    const char *hole = strstr(s->docs_url, "{rule}");
    sbuf href = {0};
    if (hole) {
        sb_append(&href, s->docs_url, (size_t)(hole - s->docs_url));
        sb_cat(&href, rule);
        sb_cat(&href, hole + 6);
    } else {
        sb_cat(&href, s->docs_url);
        sb_cat(&href, rule);
    }
    sb_lit(b, ",\"codeDescription\":{\"href\":");
    sb_str(b, href.p, href.n);
    sb_lit(b, "}");
    free(href.p);
}

static void sb_diagnostic(kr_lsp *s, sbuf *b, lsp_doc *doc, const kr_diagnostic *d)
{
    pos_memo m = {{SIZE_MAX, SIZE_MAX}, {{0, 0}, {0, 0}}, 0};
    sb_lit(b, "{\"range\":");
    sb_range(s, b, doc->doc, &m, kr_diagnostic_start(d), kr_diagnostic_end(d));
    sb_lit(b, ",\"severity\":");
    sb_uint(b, (unsigned)kr_diagnostic_severity(d));
    sb_lit(b, ",\"code\":");
    sb_cstr(b, kr_diagnostic_rule(d));
    sb_lit(b, ",\"source\":\"korrektur\",\"message\":");
    sb_cstr(b, kr_diagnostic_message(d));
    sb_code_description(s, b, kr_diagnostic_rule(d));
    sb_lit(b, ",\"data\":{\"subject\":");
    sb_cstr(b, kr_diagnostic_subject(d));
    sb_lit(b, ",\"fixes\":[");
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        if (i)
            sb_lit(b, ",");
        sb_fix(s, b, doc->doc, &m, kr_diagnostic_fix(d, i));
    }
    sb_lit(b, "]}}");
}

json_t *lsp_diagnostic_json(kr_lsp *s, lsp_doc *doc, const kr_diagnostic *d)
{
    sbuf b = {0};
    sb_diagnostic(s, &b, doc, d);
    json_t *j = json_loadb(b.p, b.n, JSON_ALLOW_NUL, NULL);
    free(b.p);
    return j;
}

/* Is the flagged text one of the words ignored in this document? */
static bool ignored(const lsp_doc *doc, const kr_diagnostic *d)
{
    size_t len;
    const char *text = kr_document_text(doc->doc, &len);
    size_t a = kr_diagnostic_start(d), e = kr_diagnostic_end(d);
    if (e > len || a >= e)
        return false;
    for (size_t i = 0; i < doc->n_ignored; i++)
        if (strlen(doc->ignored[i]) == e - a && memcmp(doc->ignored[i], text + a, e - a) == 0)
            return true;
    return false;
}

/* The same test by the diagnostic's own subject, for diagnostics of another text
 * (the later rounds of a fix-all). */
bool lsp_diag_wanted(kr_lsp *s, const lsp_doc *doc, const kr_diagnostic *d)
{
    if (kr_diagnostic_severity(d) > kr_config_min_severity(s->config))
        return false;
    const char *subj = kr_diagnostic_subject(d);
    for (size_t i = 0; i < doc->n_ignored; i++)
        if (strcmp(doc->ignored[i], subj) == 0)
            return false;
    return true;
}

/* ---- each reported diagnostic's JSON, kept between lints ----------------------
 * After a one-character edit almost every diagnostic is the same as before, so
 * its JSON text is kept, keyed by a hash of everything the text is made of. A
 * diagnostic's positions (line, character) depend on the text before its last
 * offset only, so an entry is reused only when that offset lies before the first
 * byte edited since (doc->edit_low). */
typedef struct {
    uint64_t key; /* 0: empty slot */
    size_t max_off;
    char *json;
    size_t len;
} json_entry;

struct lsp_json_cache {
    json_entry *slots;
    size_t cap; /* a power of two, or 0 */
};

void lsp_json_cache_free(struct lsp_json_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        free(c->slots[i].json);
    free(c->slots);
    free(c);
}

/* Eight bytes a step: every shown diagnostic's strings are hashed on every lint. */
static uint64_t h_bytes(uint64_t h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * 0x100000001b3ull;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ull;
    return (h ^ n) * 0x100000001b3ull;
}

static uint64_t h_cstr(uint64_t h, const char *s)
{
    return h_bytes(h, s ? s : "", s ? strlen(s) : 0);
}

static uint64_t h_size(uint64_t h, size_t v)
{
    return h_bytes(h, &v, sizeof v);
}

/* The key of a diagnostic's JSON (never 0) and the largest offset it mentions. */
static uint64_t diag_key(uint64_t seed, const kr_diagnostic *d, size_t *max_off)
{
    size_t hi = kr_diagnostic_end(d);
    uint64_t h = h_size(seed, kr_diagnostic_start(d));
    h = h_size(h, hi);
    h = h_size(h, (size_t)kr_diagnostic_severity(d));
    h = h_cstr(h, kr_diagnostic_rule(d));
    h = h_cstr(h, kr_diagnostic_message(d));
    h = h_cstr(h, kr_diagnostic_subject(d));
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        const kr_fix *f = kr_diagnostic_fix(d, i);
        h = h_cstr(h, kr_fix_title(f));
        h = h_size(h, kr_fix_preferred(f) ? 2 : 1);
        for (size_t k = 0; k < kr_fix_edit_count(f); k++) {
            const kr_edit *e = kr_fix_edit(f, k);
            h = h_size(h, e->start);
            h = h_size(h, e->end);
            h = h_bytes(h, e->text, e->len);
            if (e->end > hi)
                hi = e->end;
        }
    }
    *max_off = hi;
    return h ? h : 1;
}

static json_entry *cache_slot(struct lsp_json_cache *c, uint64_t key)
{
    if (!c || !c->cap)
        return NULL;
    for (size_t i = (size_t)key & (c->cap - 1);; i = (i + 1) & (c->cap - 1))
        if (c->slots[i].key == key || !c->slots[i].key)
            return &c->slots[i];
}

static struct lsp_json_cache *cache_new(size_t n)
{
    struct lsp_json_cache *c = kr_xmalloc(sizeof *c);
    c->cap = 16;
    while (c->cap < 2 * n)
        c->cap *= 2;
    c->slots = kr_xmalloc(c->cap * sizeof *c->slots);
    memset(c->slots, 0, c->cap * sizeof *c->slots);
    return c;
}

/* Appends one diagnostic's JSON to out: from the old cache when still valid,
 * else written there and kept. */
static void diag_json(kr_lsp *s, lsp_doc *doc, struct lsp_json_cache *old,
                      struct lsp_json_cache *fresh, uint64_t seed, const kr_diagnostic *d,
                      sbuf *out)
{
    size_t max_off;
    uint64_t key = diag_key(seed, d, &max_off);
    json_entry *e = cache_slot(fresh, key);
    if (e->key) { /* the same diagnostic twice */
        sb_put(out, e->json, e->len);
        return;
    }
    json_entry *o = cache_slot(old, key);
    e->key = key;
    e->max_off = max_off;
    if (o && o->key && o->json && max_off <= doc->edit_low) {
        e->json = o->json;
        e->len = o->len;
        o->json = NULL;
        sb_put(out, e->json, e->len);
        return;
    }
    size_t at = out->n;
    sb_diagnostic(s, out, doc, d);
    /* kept until the diagnostic changes, at its own size */
    e->len = out->n - at;
    e->json = kr_xmalloc(e->len + 1);
    memcpy(e->json, out->p + at, e->len + 1);
}

/* Picks the diagnostics to report — those the user wants, the first maxProblems
 * of them in document order — and writes their JSON. */
static void select_shown(kr_lsp *s, lsp_doc *doc)
{
    size_t n = kr_diagnostics_count(doc->diags);
    size_t limit = kr_config_max_problems(s->config);
    if (!limit || limit > n)
        limit = n;
    kr_severity min = kr_config_min_severity(s->config);
    free(doc->shown);
    doc->shown = kr_xmalloc((limit ? limit : 1) * sizeof *doc->shown);
    doc->n_shown = 0;
    struct lsp_json_cache *fresh = cache_new(limit);
    uint64_t seed = h_cstr(0xcbf29ce484222325ull, s->docs_url);
    seed = h_size(seed, (size_t)s->enc);
    sbuf b = {0};
    /* about the last list's size: an edit changes it little, and growing by
     * doubling copied the half-megabyte list of a 1 MB document on every edit */
    sb_grow(&b, doc->items_len + doc->items_len / 16);
    sb_lit(&b, "[");
    for (size_t i = 0; i < n && doc->n_shown < limit; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(doc->diags, i);
        if (kr_diagnostic_severity(d) > min || ignored(doc, d))
            continue;
        if (doc->n_shown)
            sb_lit(&b, ",");
        doc->shown[doc->n_shown++] = i;
        diag_json(s, doc, doc->json_cache, fresh, seed, d, &b);
    }
    sb_lit(&b, "]");
    lsp_json_cache_free(doc->json_cache);
    doc->json_cache = fresh;
    doc->edit_low = SIZE_MAX;
    if (!doc->items || doc->items_len != b.n || memcmp(doc->items, b.p, b.n) != 0)
        doc->result_id = ++s->result_seq;
    free(doc->items);
    doc->items = b.p;
    doc->items_len = b.n;
}

void lsp_lint(kr_lsp *s, lsp_doc *doc)
{
    if (!doc->dirty && doc->diags)
        return;
    kr_diagnostics_free(doc->diags);
    double t0 = lsp_now_ms_precise();
    doc->diags = doc->too_large ? NULL : kr_linter_run(s->linter, doc->doc);
    if (!doc->diags)
        doc->diags = kr_diagnostics_new();
    double t1 = lsp_now_ms_precise();
    select_shown(s, doc);
    doc->lint_ms = t1 - t0;
    doc->json_ms = lsp_now_ms_precise() - t1;
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
    sbuf b = {0};
    sb_lit(&b, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\","
               "\"params\":{\"uri\":");
    sb_cstr(&b, doc->uri);
    sb_lit(&b, ",\"version\":");
    char v[32];
    sb_put(&b, v, (size_t)snprintf(v, sizeof v, "%lld", (long long)doc->version));
    sb_lit(&b, ",\"diagnostics\":");
    lsp_send_text3(s, b.p, b.n, doc->items, doc->items_len, "}}", 2);
    free(b.p);
    doc->publish_ms = lsp_now_ms_precise() - doc->changed_at;
}

void lsp_publish_empty(kr_lsp *s, const char *uri)
{
    lsp_notify(s, "textDocument/publishDiagnostics",
               json_pack("{s:s, s:[]}", "uri", uri, "diagnostics"));
}

bool kr_lsp_has_pending(const kr_lsp *s)
{
    /* a pull client asks when it wants diagnostics: its changed documents wait */
    for (size_t i = 0; i < s->n_docs; i++)
        if ((s->docs[i]->dirty && !s->client.pull_diagnostics) || s->docs[i]->publish)
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
    /* what the lints left for later, once every document's result is out
     * (kr_linter_settle: nothing for a document whose lint stored it all) */
    for (size_t i = 0; i < s->n_docs; i++)
        kr_linter_settle(s->linter, s->docs[i]->doc);
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
    /* answered here, as text: the items are already JSON */
    char *id_text = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
    sbuf b = {0};
    sb_lit(&b, "{\"jsonrpc\":\"2.0\",\"id\":");
    sb_cat(&b, id_text ? id_text : "null");
    sb_lit(&b, ",\"result\":{\"kind\":\"full\",\"resultId\":\"");
    sb_cat(&b, rid);
    sb_lit(&b, "\",\"items\":");
    lsp_send_text3(s, b.p, b.n, doc->items, doc->items_len, "}}", 2);
    free(b.p);
    free(id_text);
    kr_linter_settle(s->linter, doc->doc); /* after the client has it */
    return NULL;
}
