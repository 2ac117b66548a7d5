/* lsp_rpc.c — JSON-RPC 2.0 on top of the framing: sending responses,
 * notifications and our own requests, and dispatching each received message
 * through the one routing table (kr_lsp_routes) with LSP's lifecycle rules:
 * ServerNotInitialized before `initialize`, InvalidRequest after `shutdown`,
 * MethodNotFound for unknown requests, silence for unknown notifications,
 * RequestCancelled for requests a `$/cancelRequest` already named. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

void lsp_send_text(kr_lsp *s, const char *body, size_t len)
{
    if (!s->write_failed && kr_lsp_write_frame(s->write, s->ud, body, len) < 0)
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

void lsp_dispatch(kr_lsp *s, const char *body, size_t len)
{
    json_error_t err;
    json_t *msg = json_loadb(body, len, JSON_ALLOW_NUL, &err);
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
