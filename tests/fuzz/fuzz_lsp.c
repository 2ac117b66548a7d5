/* fuzz_lsp.c — harness (a): the language server fed arbitrary bytes through the
 * same entry the stdio loop uses (kr_lsp_feed / kr_lsp_idle / kr_lsp_eof).
 *
 * The first input byte picks the mode:
 *   bit 0 = 0  raw: the rest is the byte stream from the client, fed in chunks of
 *              (byte >> 1) + 1 bytes (127: all at once) — framing, split reads,
 *              bad headers, huge Content-Length;
 *   bit 0 = 1  framed: the server is first initialized (bit 1: the client offers
 *              utf-8 positions; bit 2: it pulls diagnostics), then the rest is cut
 *              at each 0x1E byte into message bodies, each sent with a correct
 *              Content-Length — JSON-RPC dispatch and every handler; bit 3 makes
 *              the server publish after every message instead of at the end.
 * Whatever comes in, everything the server writes must be well framed, and every
 * body a JSON-RPC 2.0 object. The server runs with HOME and XDG_CONFIG_HOME in a
 * private temporary folder; `make fuzz` also runs this harness as an
 * unprivileged user, since a fuzzed rootUri may name any folder. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsp.h"

/* Where the seeds point rootUri (file:///tmp/korrektur-fuzz-ws). */
#define WORKSPACE "/tmp/korrektur-fuzz-ws"

typedef struct {
    char *buf;
    size_t len, cap;
} sink;

#define FAIL(...)                                                                                  \
    do {                                                                                           \
        fprintf(stderr, "fuzz_lsp: " __VA_ARGS__);                                                 \
        fputc('\n', stderr);                                                                       \
        abort();                                                                                   \
    } while (0)

static int collect(void *ud, const char *data, size_t len)
{
    sink *s = ud;
    if (s->len + len > s->cap) {
        s->cap = (s->len + len) * 2;
        s->buf = realloc(s->buf, s->cap);
        if (!s->buf)
            FAIL("out of memory");
    }
    memcpy(s->buf + s->len, data, len);
    s->len += len;
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    static char home[] = "/tmp/korrektur-fuzz-home-XXXXXX";
    if (!mkdtemp(home))
        FAIL("cannot make a home folder");
    setenv("HOME", home, 1);
    setenv("XDG_CONFIG_HOME", home, 1);
    mkdir(WORKSPACE, 0777);
    chmod(WORKSPACE, 0777); /* shared by root's replay and nobody's fuzzing */
    return 0;
}

/* The server's output: "Content-Length: N\r\n\r\n" + N bytes of a JSON-RPC object,
 * again and again, nothing else. */
static void check_output(const sink *out)
{
    size_t i = 0;
    while (i < out->len) {
        const char *p = out->buf + i;
        size_t left = out->len - i;
        if (left < 20 || memcmp(p, "Content-Length: ", 16) != 0)
            FAIL("output at byte %zu is not a Content-Length header", i);
        char *end;
        unsigned long n = strtoul(p + 16, &end, 10);
        if (end == p + 16 || (size_t)(end - p) + 4 > left || memcmp(end, "\r\n\r\n", 4) != 0)
            FAIL("bad header at output byte %zu", i);
        const char *body = end + 4;
        size_t hdr = (size_t)(body - p);
        if (n > left - hdr)
            FAIL("Content-Length %lu at output byte %zu runs past the output", n, i);
        json_error_t err;
        json_t *msg = json_loadb(body, n, 0, &err);
        if (!msg)
            FAIL("the server wrote invalid JSON (%s): %.*s", err.text, (int)(n < 500 ? n : 500),
                 body);
        if (!json_is_object(msg) ||
            strcmp(json_string_value(json_object_get(msg, "jsonrpc")) ?: "", "2.0") != 0)
            FAIL("the server wrote a message that is not JSON-RPC 2.0: %.*s",
                 (int)(n < 500 ? n : 500), body);
        json_t *id = json_object_get(msg, "id");
        bool response = json_object_get(msg, "result") || json_object_get(msg, "error");
        if (response && !(json_is_integer(id) || json_is_string(id) || json_is_null(id)))
            FAIL("a response without a valid id: %.*s", (int)(n < 500 ? n : 500), body);
        json_decref(msg);
        i += hdr + n;
    }
}

static int send(kr_lsp *s, const char *body, size_t len)
{
    char hdr[64];
    int h = snprintf(hdr, sizeof hdr, "Content-Length: %zu\r\n\r\n", len);
    int rc = kr_lsp_feed(s, hdr, (size_t)h);
    return rc >= 0 ? rc : kr_lsp_feed(s, body, len);
}

static int initialize(kr_lsp *s, unsigned mode)
{
    char body[1024];
    int n = snprintf(body, sizeof body,
                     "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                     "\"processId\":null,\"rootUri\":\"file://" WORKSPACE "\","
                     "\"capabilities\":{\"general\":{\"positionEncodings\":[%s\"utf-16\"]},"
                     "\"textDocument\":{%s\"publishDiagnostics\":{\"versionSupport\":true}},"
                     "\"workspace\":{\"workspaceEdit\":{\"documentChanges\":true},"
                     "\"configuration\":true}}}}",
                     mode & 2 ? "\"utf-8\"," : "",
                     mode & 4 ? "\"diagnostic\":{\"dynamicRegistration\":false}," : "");
    int rc = send(s, body, (size_t)n);
    static const char done[] = "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}";
    return rc >= 0 ? rc : send(s, done, sizeof done - 1);
}

static void idle(kr_lsp *s)
{
    for (int k = 0; k < 4 && kr_lsp_has_pending(s); k++)
        kr_lsp_idle(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unlink(WORKSPACE "/.korrektur-ordbog.txt");
    unsigned mode = data[0];
    const char *p = (const char *)data + 1, *end = (const char *)data + size;
    sink out = {0};
    kr_lsp *s = kr_lsp_new(collect, &out);
    int rc = -1;
    if (!(mode & 1)) {
        size_t chunk = (mode >> 1) + 1 == 128 ? (size_t)(end - p) : (mode >> 1) + 1;
        while (rc < 0 && p < end) {
            size_t n = (size_t)(end - p) < chunk ? (size_t)(end - p) : chunk;
            rc = kr_lsp_feed(s, p, n);
            p += n;
            if (rc < 0 && (mode & 8))
                idle(s);
        }
    } else {
        rc = initialize(s, mode);
        while (rc < 0 && p < end) {
            const char *sep = memchr(p, 0x1E, (size_t)(end - p));
            size_t n = (size_t)((sep ? sep : end) - p);
            rc = send(s, p, n);
            p += n + (sep != NULL);
            if (rc < 0 && (mode & 8))
                idle(s);
        }
    }
    if (rc < 0) {
        idle(s);
        rc = kr_lsp_eof(s);
    }
    if (rc != 0 && rc != 1)
        FAIL("exit status %d", rc);
    kr_lsp_free(s);
    check_output(&out);
    free(out.buf);
    return 0;
}
