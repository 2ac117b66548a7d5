/* lsp_rpc.c — JSON-RPC 2.0 on top of the framing: sending responses,
 * notifications and our own requests, and dispatching each received message
 * through the one routing table (kr_lsp_routes) with LSP's lifecycle rules:
 * ServerNotInitialized before `initialize`, InvalidRequest after `shutdown`,
 * MethodNotFound for unknown requests, silence for unknown notifications,
 * RequestCancelled for requests a `$/cancelRequest` already named.
 *
 * Messages are parsed by jansson, except the long strings of big messages (the
 * text of a didOpen): jansson's lexer costs ~150 instructions a byte, so those
 * are decoded here (lsp_json_unescape, as strict as jansson) and jansson parses
 * the rest with a short stand-in in their place (lsp_json_load). */
#include <jansson.h>
#include <stdarg.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

void lsp_send_text(kr_lsp *s, const char *body, size_t len)
{
    if (!s->write_failed && kr_lsp_write_frame(s->write, s->ud, body, len) < 0)
        s->write_failed = true;
}

void lsp_send_text3(kr_lsp *s, const char *a, size_t na, const char *b, size_t nb, const char *c,
                    size_t nc)
{
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", na + nb + nc);
    if (!s->write_failed && (s->write(s->ud, head, (size_t)n) < 0 || s->write(s->ud, a, na) < 0 ||
                             s->write(s->ud, b, nb) < 0 || s->write(s->ud, c, nc) < 0))
        s->write_failed = true;
}

void lsp_send(kr_lsp *s, json_t *msg)
{
    if (!msg)
        return;
    if (!s->write_failed) {
        char *body = json_dumps(msg, JSON_COMPACT);
        if (!body || kr_lsp_write_frame(s->write, s->ud, body, strlen(body)) < 0)
            s->write_failed = true;
        free(body);
    }
    json_decref(msg);
}

void lsp_respond(kr_lsp *s, json_t *id, json_t *result)
{
    lsp_send(s, json_pack("{s:s, s:O, s:o}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                          "result", result ? result : json_null()));
}

void lsp_respond_error(kr_lsp *s, json_t *id, int code, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    lsp_send(s, json_pack("{s:s, s:O, s:{s:i, s:s}}", "jsonrpc", "2.0", "id", id ? id : json_null(),
                          "error", "code", code, "message", buf));
}

void lsp_notify(kr_lsp *s, const char *method, json_t *params)
{
    lsp_send(s, json_pack("{s:s, s:s, s:o}", "jsonrpc", "2.0", "method", method, "params",
                          params ? params : json_null()));
}

void lsp_request(kr_lsp *s, const char *method, json_t *params, int kind)
{
    int64_t id = ++s->next_out_id;
    if (s->n_out == sizeof s->out / sizeof s->out[0]) { /* client never answers: forget */
        memmove(s->out, s->out + 1, (s->n_out - 1) * sizeof s->out[0]);
        s->n_out--;
    }
    s->out[s->n_out].id = id;
    s->out[s->n_out].kind = kind;
    s->n_out++;
    lsp_send(s, json_pack("{s:s, s:I, s:s, s:o}", "jsonrpc", "2.0", "id", (json_int_t)id, "method",
                          method, "params", params ? params : json_null()));
}

static void vmessage(kr_lsp *s, const char *method, int type, const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    lsp_notify(s, method, json_pack("{s:i, s:s}", "type", type, "message", buf));
}

void lsp_show(kr_lsp *s, int type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(s, "window/showMessage", type, fmt, ap);
    va_end(ap);
}

void lsp_log(kr_lsp *s, int type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage(s, "window/logMessage", type, fmt, ap);
    va_end(ap);
}

bool lsp_bad_params(kr_lsp *s, json_t *id, const char *what)
{
    if (id)
        lsp_respond_error(s, id, KR_RPC_INVALID_PARAMS, "invalid params: %s", what);
    else
        lsp_log(s, 2, "korrektur: ignored a notification with invalid params: %s", what);
    return false;
}

static const lsp_route *route_of(const char *method)
{
    for (size_t i = 0; i < kr_lsp_routes_count; i++)
        if (strcmp(kr_lsp_routes[i].method, method) == 0)
            return &kr_lsp_routes[i];
    return NULL;
}

static bool valid_id(json_t *id)
{
    return json_is_integer(id) || json_is_string(id);
}

/* Was this request cancelled before we got to it? Forgets the id if so. */
static bool take_cancelled(kr_lsp *s, json_t *id)
{
    size_t i;
    json_t *v;
    json_array_foreach(s->cancelled, i, v)
    {
        if (json_equal(v, id)) {
            json_array_remove(s->cancelled, i);
            return true;
        }
    }
    return false;
}

/* An answer to one of our requests (workspace/configuration, registrations). */
static void handle_response(kr_lsp *s, json_t *msg)
{
    json_t *id = json_object_get(msg, "id");
    if (!json_is_integer(id))
        return;
    int64_t n = json_integer_value(id);
    for (size_t i = 0; i < s->n_out; i++) {
        if (s->out[i].id != n)
            continue;
        int kind = s->out[i].kind;
        memmove(s->out + i, s->out + i + 1, (s->n_out - i - 1) * sizeof s->out[0]);
        s->n_out--;
        json_t *result = json_object_get(msg, "result");
        if (kind == LSP_OUT_CONFIGURATION && json_is_array(result)) {
            json_t *section = json_array_get(result, 0);
            json_decref(s->settings);
            s->settings = json_is_object(section) ? json_incref(section) : NULL;
            lsp_reconfigure(s);
        }
        return;
    }
}

static void trace_message(kr_lsp *s, const char *method, const char *body, size_t len)
{
    if (s->trace == LSP_TRACE_OFF || strcmp(method, "$/logTrace") == 0)
        return;
    json_t *p = json_pack("{s:s+}", "message", "received ", method);
    if (s->trace == LSP_TRACE_VERBOSE)
        json_object_set_new(p, "verbose", json_stringn(body, len < 2000 ? len : 2000));
    lsp_notify(s, "$/logTrace", p);
}

static void run_route(kr_lsp *s, const lsp_route *r, json_t *params, json_t *id)
{
    json_t *result = r->fn(s, params, id);
    if (id && result)
        lsp_respond(s, id, result);
    else
        json_decref(result);
}

static void handle_request(kr_lsp *s, const char *method, json_t *params, json_t *id)
{
    const lsp_route *r = route_of(method);
    if (s->phase == LSP_PHASE_NEW && strcmp(method, "initialize") != 0)
        lsp_respond_error(s, id, KR_RPC_SERVER_NOT_INITIALIZED,
                          "the server is not initialized: send initialize first");
    else if (s->phase == LSP_PHASE_SHUTDOWN)
        lsp_respond_error(s, id, KR_RPC_INVALID_REQUEST,
                          "the server is shutting down: only exit is accepted");
    else if (!r || !r->request)
        lsp_respond_error(s, id, KR_RPC_METHOD_NOT_FOUND, "unknown method %.200s", method);
    else if (take_cancelled(s, id))
        lsp_respond_error(s, id, KR_RPC_REQUEST_CANCELLED, "the request was cancelled");
    else
        run_route(s, r, params, id);
}

static void handle_notification(kr_lsp *s, const char *method, json_t *params)
{
    const lsp_route *r = route_of(method);
    if (!r || r->request)
        return; /* unknown notifications, $/ ones included, are ignored */
    bool is_exit = strcmp(method, "exit") == 0;
    if (!is_exit && s->phase != LSP_PHASE_RUNNING)
        return;
    run_route(s, r, params, NULL);
}

/* ---- reading big messages ----------------------------------------------------------
 * A message of BIG_BODY bytes or more has its string values of BIG_STRING raw
 * bytes or more decoded here; jansson parses a copy of the message in which each
 * of them is replaced by the stand-in "\u0000<index>", and the decoded strings
 * then take the stand-ins' places in the tree. Whenever anything is in doubt —
 * the unescaper refuses a string, jansson refuses the copy, a short string could
 * be mistaken for a stand-in — the whole message goes to jansson as before, so a
 * malformed message gets exactly the error it always got. */
enum { BIG_BODY = 16384, BIG_STRING = 1024 };

static int hex4(const unsigned char *p)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            d = (c | 32) - 'a' + 10;
        else
            return -1;
        v = v << 4 | d;
    }
    return v;
}

static size_t put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* The byte a one-letter escape stands for, or -1. */
static int simple_escape(unsigned char c)
{
    switch (c) {
    case '"':
    case '\\':
    case '/':
        return c;
    case 'b':
        return '\b';
    case 'f':
        return '\f';
    case 'n':
        return '\n';
    case 'r':
        return '\r';
    case 't':
        return '\t';
    default:
        return -1;
    }
}

/* One escape at s[*i] == '\\': its bytes appended at out[*o]; false if invalid. */
static bool unescape_one(const unsigned char *s, size_t n, size_t *i, char *out, size_t *o,
                         bool *has_nul)
{
    if (*i + 1 >= n)
        return false;
    unsigned char c = s[*i + 1];
    if (c != 'u') {
        int e = simple_escape(c);
        if (e < 0)
            return false;
        out[(*o)++] = (char)e;
        *i += 2;
        return true;
    }
    int cp = *i + 6 <= n ? hex4(s + *i + 2) : -1;
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) /* a low surrogate must follow a high one */
        return false;
    *i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        int lo = *i + 6 <= n && s[*i] == '\\' && s[*i + 1] == 'u' ? hex4(s + *i + 2) : -1;
        if (lo < 0xDC00 || lo > 0xDFFF)
            return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        *i += 6;
    }
    if (cp == 0)
        *has_nul = true;
    *o += put_utf8(out + *o, (uint32_t)cp);
    return true;
}

/* kr_utf8_char_len with the common two- and three-byte forms inline. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
    if (s[0] >= 0xC2 && s[0] <= 0xDF && avail >= 2 && (s[1] & 0xC0) == 0x80)
        return 2;
    if (s[0] >= 0xE0 && s[0] <= 0xEF && avail >= 3 && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80 && (s[0] != 0xE0 || s[1] >= 0xA0) && /* not overlong */
        (s[0] != 0xED || s[1] < 0xA0))                             /* not a surrogate */
        return 3;
    return kr_utf8_char_len((const char *)s, avail);
}

int lsp_json_unescape(const char *str, size_t n, char *out, size_t *out_len, bool *has_nul)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, o = 0;
    *has_nul = false;
    while (i < n) {
#ifdef __SSE2__
        /* plain bytes sixteen at a time: a signed compare with 0x20 catches the
         * control characters and the non-ASCII bytes at once */
        while (i + 16 <= n) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i odd = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                                       _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
            unsigned mask = (unsigned)_mm_movemask_epi8(odd);
            _mm_storeu_si128((__m128i *)(void *)(out + o), v); /* o <= i: room */
            size_t plain = mask ? (size_t)__builtin_ctz(mask) : 16;
            i += plain;
            o += plain;
            if (mask)
                goto special;
        }
#endif
        /* plain bytes eight at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            uint64_t sp = lsp_json_special_bytes(w);
            size_t plain = sp ? (size_t)__builtin_ctzll(sp) / 8 : 8;
            memcpy(out + o, s + i, 8); /* out has room: it is as long as the input */
            i += plain;
            o += plain;
            if (sp)
                break;
        }
#ifdef __SSE2__
    special:
#endif
        if (i >= n)
            break;
        unsigned char c = s[i];
        if (c == '\\') {
            if (!unescape_one(s, n, &i, out, &o, has_nul))
                return -1;
        } else if (c >= 0x80) {
            size_t k = utf8_len(s + i, n - i);
            if (!k)
                return -1;
            memcpy(out + o, s + i, k);
            i += k;
            o += k;
        } else if (c < 0x20 || c == '"') {
            return -1;
        } else {
            out[o++] = (char)c;
            i++;
        }
    }
    *out_len = o;
    return 0;
}

typedef struct {
    size_t start, end; /* the raw string between its quotes: body[start..end) */
    char *text;        /* decoded */
    size_t len;
} big_string;

/* The closing quote of the string whose content starts at p, or NULL. */
static const char *string_end(const char *p, const char *end)
{
    for (;;) {
        const char *q = memchr(p, '"', (size_t)(end - p));
        if (!q)
            return NULL;
        size_t k = 0; /* backslashes before it: an odd number escapes it */
        while (q - k > p && q[-1 - (ptrdiff_t)k] == '\\')
            k++;
        if (k % 2 == 0)
            return q;
        p = q + 1;
    }
}

/* Is the string that closed just before p an object key? */
static bool is_key(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p < end && *p == ':';
}

/* Could a short string's raw bytes decode to something starting with NUL, like a
 * stand-in? (The only spelling of NUL in JSON is \u0000.) */
static bool may_hold_nul(const char *p, size_t n)
{
    const char *end = p + n, *b;
    while ((b = memchr(p, '\\', (size_t)(end - p))) != NULL) {
        if (end - b >= 6 && memcmp(b, "\\u0000", 6) == 0)
            return true;
        p = end - b > 2 ? b + 2 : end; /* past the escaped character */
    }
    return false;
}

/* Puts the decoded strings in place of their stand-ins; false on a stand-in that
 * is not one (cannot happen, but then jansson parses the original instead). */
static bool restore(json_t *v, big_string *big, size_t n_big, json_t **repl)
{
    *repl = NULL;
    if (json_is_string(v)) {
        const char *t = json_string_value(v);
        size_t len = json_string_length(v);
        if (len == 0 || t[0] != '\0')
            return true;
        size_t idx = 0;
        for (size_t i = 1; i < len; i++) {
            if (t[i] < '0' || t[i] > '9' || idx >= n_big)
                return false;
            idx = idx * 10 + (size_t)(t[i] - '0');
        }
        if (len < 2 || idx >= n_big || !big[idx].text)
            return false;
        *repl = json_stringn_nocheck(big[idx].text, big[idx].len);
        free(big[idx].text); /* each stand-in is used once */
        big[idx].text = NULL;
        return *repl != NULL;
    }
    json_t *r;
    if (json_is_object(v)) {
        for (void *it = json_object_iter(v); it; it = json_object_iter_next(v, it)) {
            if (!restore(json_object_iter_value(it), big, n_big, &r))
                return false;
            if (r)
                json_object_iter_set_new(v, it, r);
        }
    } else if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (!restore(json_array_get(v, i), big, n_big, &r))
                return false;
            if (r)
                json_array_set_new(v, i, r);
        }
    }
    return true;
}

/* Finds the big strings of body; false when the message is better left to jansson. */
static bool find_big_strings(const char *body, size_t len, big_string **big, size_t *n_big)
{
    const char *p = body, *end = body + len, *q;
    size_t cap = 0;
    while ((q = memchr(p, '"', (size_t)(end - p))) != NULL) {
        const char *e = string_end(q + 1, end);
        if (!e)
            return false;
        size_t n = (size_t)(e - (q + 1));
        if (n >= BIG_STRING && !is_key(e + 1, end)) {
            if (*n_big == cap) {
                cap = cap ? 2 * cap : 4;
                *big = kr_xrealloc(*big, cap * sizeof **big);
            }
            (*big)[(*n_big)++] = (big_string){(size_t)(q + 1 - body), (size_t)(e - body), NULL, 0};
        } else if (may_hold_nul(q + 1, n)) {
            return false;
        }
        p = e + 1;
    }
    return *n_big > 0;
}

/* The fast path; NULL when the message is to go to jansson whole. */
static json_t *load_big(const char *body, size_t len, size_t flags)
{
    big_string *big = NULL;
    size_t n_big = 0;
    char *skel = NULL;
    json_t *root = NULL;
    if (!find_big_strings(body, len, &big, &n_big))
        goto done;
    size_t skel_len = 0, at = 0;
    for (size_t i = 0; i < n_big; i++) {
        big_string *b = &big[i];
        bool nul;
        b->text = kr_xmalloc(b->end - b->start);
        if (lsp_json_unescape(body + b->start, b->end - b->start, b->text, &b->len, &nul) < 0 ||
            (nul && !(flags & JSON_ALLOW_NUL)))
            goto done;
        skel_len += b->start - at + 32;
        at = b->end;
    }
    skel = kr_xmalloc(skel_len + (len - at));
    size_t o = 0;
    at = 0;
    for (size_t i = 0; i < n_big; i++) {
        memcpy(skel + o, body + at, big[i].start - at);
        o += big[i].start - at;
        o += (size_t)snprintf(skel + o, 32, "\\u0000%zu", i);
        at = big[i].end;
    }
    memcpy(skel + o, body + at, len - at);
    o += len - at;
    /* NUL is allowed in the copy for the stand-ins' sake: any other \u0000 sent the
     * message to jansson whole above */
    root = json_loadb(skel, o, flags | JSON_ALLOW_NUL, NULL);
    json_t *r = NULL;
    if (root && !restore(root, big, n_big, &r)) {
        json_decref(root);
        root = NULL;
    } else if (r) { /* the message itself was a big string */
        json_decref(root);
        root = r;
    }
done:
    for (size_t i = 0; i < n_big; i++)
        free(big[i].text);
    free(big);
    free(skel);
    return root;
}

json_t *lsp_json_load(const char *body, size_t len, size_t flags, json_error_t *err)
{
    json_t *v = len >= BIG_BODY ? load_big(body, len, flags) : NULL;
    return v ? v : json_loadb(body, len, flags, err);
}

void lsp_dispatch(kr_lsp *s, const char *body, size_t len)
{
    json_error_t err;
    json_t *msg = lsp_json_load(body, len, JSON_ALLOW_NUL, &err);
    if (!msg) {
        lsp_respond_error(s, NULL, KR_RPC_PARSE_ERROR, "parse error at line %d: %s", err.line,
                          err.text);
        return;
    }
    json_t *id = json_object_get(msg, "id");
    json_t *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (!json_is_object(msg) || !json_is_string(json_object_get(msg, "jsonrpc")) ||
        strcmp(json_string_value(json_object_get(msg, "jsonrpc")), "2.0") != 0 ||
        (id && !valid_id(id)) || (method && !json_is_string(method)) ||
        (params && !json_is_object(params) && !json_is_array(params))) {
        lsp_respond_error(s, valid_id(id) ? id : NULL, KR_RPC_INVALID_REQUEST,
                          "invalid JSON-RPC message");
    } else if (!method) {
        if (id)
            handle_response(s, msg);
    } else {
        trace_message(s, json_string_value(method), body, len);
        if (id)
            handle_request(s, json_string_value(method), params, id);
        else
            handle_notification(s, json_string_value(method), params);
    }
    json_decref(msg);
}
