/* test_lsp_dispatch.c — the server's JSON-RPC dispatch fed bytes directly (the
 * same entry point the stdio loop and the fuzzer use): lifecycle errors, unknown
 * methods, malformed messages, cancellation, exit statuses, and the text after
 * incremental edits in both position encodings. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static char *out;
static size_t out_len, out_cap;

static int capture(void *ud, const char *data, size_t len)
{
    (void)ud;
    if (out_len + len + 1 > out_cap) {
        out_cap = (out_len + len + 1) * 2;
        out = realloc(out, out_cap);
    }
    memcpy(out + out_len, data, len);
    out_len += len;
    out[out_len] = '\0';
    return 0;
}

static kr_lsp *srv;

static void setup(void)
{
    out_len = 0;
    srv = kr_lsp_new(capture, NULL);
    cr_assert_not_null(srv);
}

static void teardown(void)
{
    kr_lsp_free(srv);
    free(out);
    out = NULL;
    out_len = out_cap = 0;
}

TestSuite(lsp_dispatch, .init = setup, .fini = teardown);

/* Frames and feeds one message; returns kr_lsp_feed's status. */
static int send(const char *json)
{
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(json));
    int rc = kr_lsp_feed(srv, head, (size_t)n);
    cr_assert_eq(rc, -1);
    return kr_lsp_feed(srv, json, strlen(json));
}

static void initialize(const char *caps)
{
    char msg[512];
    snprintf(msg, sizeof msg,
             "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
             "{\"capabilities\":%s}}",
             caps);
    send(msg);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
    cr_assert(strstr(out, "\"positionEncoding\""), "%s", out);
}

#define assert_out(s) cr_assert(strstr(out, s), "missing %s in:\n%s", s, out)

Test(lsp_dispatch, requests_before_initialize)
{
    send("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{}}");
    assert_out("\"id\":3");
    assert_out("-32002");
}

Test(lsp_dispatch, unknown_request_and_notification)
{
    initialize("{}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"x/unknown\",\"params\":{}}");
    send("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"x/unknown\"}");
    assert_out("\"id\":\"s-1\"");
    assert_out("-32601");
}

Test(lsp_dispatch, malformed_json_is_parse_error_with_null_id)
{
    initialize("{}");
    send("{\"jsonrpc\":\"2.0\",\"id\":4,");
    assert_out("\"id\":null");
    assert_out("-32700");
}

Test(lsp_dispatch, wrong_shapes_are_invalid_requests)
{
    initialize("{}");
    send("{\"jsonrpc\":\"1.0\",\"id\":5,\"method\":\"shutdown\"}");
    assert_out("\"id\":5");
    assert_out("-32600");
    out_len = 0;
    send("{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"shutdown\"}");
    assert_out("-32600");
    out_len = 0;
    send("{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"shutdown\",\"params\":3}");
    assert_out("-32600");
}

Test(lsp_dispatch, utf8_negotiated_when_offered)
{
    initialize("{\"general\":{\"positionEncodings\":[\"utf-16\",\"utf-8\"]}}");
    assert_out("\"positionEncoding\":\"utf-8\"");
}

Test(lsp_dispatch, cancel_in_same_batch)
{
    initialize("{}");
    const char *both = "Content-Length: 54\r\n\r\n"
                       "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"textDocument/hover\"}"
                       "Content-Length: 62\r\n\r\n"
                       "{\"jsonrpc\":\"2.0\",\"method\":\"$/cancelRequest\",\"params\":{\"id\":9}}";
    cr_assert_eq(kr_lsp_feed(srv, both, strlen(both)), -1);
    assert_out("-32800");
}

Test(lsp_dispatch, exit_statuses)
{
    initialize("{}");
    cr_assert_eq(kr_lsp_eof(srv), 1, "EOF before shutdown");
    send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
    cr_assert_eq(kr_lsp_eof(srv), 0);
    cr_assert_eq(send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 0);
}

Test(lsp_dispatch, exit_without_shutdown_is_1)
{
    initialize("{}");
    cr_assert_eq(send("{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}"), 1);
}

/* The server's text of file:///t after the given edits (via korrektur/debugText). */
static const char *text_after(const char *caps, const char *open, const char *changes)
{
    initialize(caps);
    char msg[1024];
    snprintf(msg, sizeof msg,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
             "{\"textDocument\":{\"uri\":\"file:///t\",\"version\":1,\"text\":\"%s\"}}}",
             open);
    send(msg);
    snprintf(msg, sizeof msg,
             "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
             "{\"textDocument\":{\"uri\":\"file:///t\",\"version\":2},\"contentChanges\":%s}}",
             changes);
    send(msg);
    out_len = 0;
    send("{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"korrektur/debugText\",\"params\":"
         "{\"textDocument\":{\"uri\":\"file:///t\"}}}");
    return out;
}

Test(lsp_dispatch, incremental_edit_utf16)
{
    /* "ø😀x": x is at UTF-16 column 3 */
    text_after("{}", "ø😀x\\nab",
               "[{\"range\":{\"start\":{\"line\":0,\"character\":3},"
               "\"end\":{\"line\":1,\"character\":1}},\"text\":\"Y\"}]");
    assert_out("\"text\":\"ø😀Yb\"");
}

Test(lsp_dispatch, incremental_edit_utf8)
{
    /* the same place is byte column 6 */
    text_after("{\"general\":{\"positionEncodings\":[\"utf-8\"]}}", "ø😀x\\nab",
               "[{\"range\":{\"start\":{\"line\":0,\"character\":6},"
               "\"end\":{\"line\":1,\"character\":1}},\"text\":\"Y\"}]");
    assert_out("\"text\":\"ø😀Yb\"");
}

Test(lsp_dispatch, edits_to_unopened_documents_are_ignored)
{
    initialize("{}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":"
         "{\"textDocument\":{\"uri\":\"file:///nope\",\"version\":2},\"contentChanges\":"
         "[{\"text\":\"x\"}]}}");
    assert_out("window/logMessage");
    cr_assert_not(kr_lsp_has_pending(srv));
}

Test(lsp_dispatch, push_diagnostics_when_idle)
{
    initialize("{}");
    send("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":"
         "{\"textDocument\":{\"uri\":\"file:///t\",\"version\":3,\"text\":\"a\\u0000b\"}}}");
    cr_assert(kr_lsp_has_pending(srv));
    out_len = 0;
    kr_lsp_idle(srv);
    assert_out("textDocument/publishDiagnostics");
    assert_out("\"version\":3");
    assert_out("\"code\":\"encoding\"");
    assert_out("\"start\":{\"line\":0,\"character\":1}");
    cr_assert_not(kr_lsp_has_pending(srv));
}
