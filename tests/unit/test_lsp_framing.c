/* test_lsp_framing.c — the language server's Content-Length framing as a client
 * exercises it: headers in any order and case, Content-Type accepted, messages
 * split byte by byte or several in one read, garbage dropped with the stream
 * re-synchronised, and an oversized body skipped without being stored. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lsp.h"

static kr_lsp_framer f;

static void setup(void)
{
    kr_lsp_framer_init(&f, 1024);
}

static void teardown(void)
{
    kr_lsp_framer_release(&f);
}

TestSuite(lsp_framing, .init = setup, .fini = teardown);

static void push(const char *s)
{
    kr_lsp_framer_push(&f, s, strlen(s));
}

/* Expects the next frame to be a message with exactly this body. */
static void expect_body(const char *want)
{
    const char *body, *err;
    size_t len;
    kr_frame_result r = kr_lsp_framer_next(&f, &body, &len, &err);
    cr_assert_eq(r, KR_FRAME_MESSAGE, "want a message, got %d", r);
    cr_assert_eq(len, strlen(want));
    cr_assert(memcmp(body, want, len) == 0, "body %.*s", (int)len, body);
}

static kr_frame_result next(void)
{
    const char *body, *err;
    size_t len;
    return kr_lsp_framer_next(&f, &body, &len, &err);
}

Test(lsp_framing, plain_message)
{
    push("Content-Length: 2\r\n\r\n{}");
    expect_body("{}");
    cr_assert_eq(next(), KR_FRAME_NONE);
}

Test(lsp_framing, any_header_order_and_case)
{
    push("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
         "content-length:   3\r\n\r\n[1]");
    expect_body("[1]");
}

Test(lsp_framing, split_byte_by_byte)
{
    const char *msg = "Content-Length: 12\r\n\r\n{\"a\":\"æø\"}";
    size_t n = strlen(msg);
    for (size_t i = 0; i + 1 < n; i++) {
        kr_lsp_framer_push(&f, msg + i, 1);
        cr_assert_eq(next(), KR_FRAME_NONE, "complete after %zu of %zu bytes", i + 1, n);
    }
    kr_lsp_framer_push(&f, msg + n - 1, 1);
    expect_body("{\"a\":\"æø\"}");
}

Test(lsp_framing, coalesced_messages)
{
    push("Content-Length: 1\r\n\r\n1Content-Length: 1\r\n\r\n2\r\nContent-Length: 1\r\n\r\n3");
    expect_body("1");
    expect_body("2");
    expect_body("3");
    cr_assert_eq(next(), KR_FRAME_NONE);
}

Test(lsp_framing, header_without_length_is_an_error_then_resyncs)
{
    push("X-Other: 1\r\n\r\nContent-Length: 2\r\n\r\nok");
    cr_assert_eq(next(), KR_FRAME_ERROR);
    expect_body("ok");
}

Test(lsp_framing, bad_length_values_are_errors)
{
    push("Content-Length: 12x\r\n\r\nContent-Length: -1\r\n\r\n"
         "Content-Length: 99999999999999999999999999\r\n\r\nContent-Length: 1\r\n\r\nz");
    cr_assert_eq(next(), KR_FRAME_ERROR);
    cr_assert_eq(next(), KR_FRAME_ERROR);
    cr_assert_eq(next(), KR_FRAME_ERROR);
    expect_body("z");
}

Test(lsp_framing, endless_header_is_dropped)
{
    char junk[9000];
    memset(junk, 'x', sizeof junk - 1);
    junk[sizeof junk - 1] = '\0';
    push(junk);
    cr_assert_eq(next(), KR_FRAME_ERROR);
    push("Content-Length: 2\r\n\r\nhi");
    expect_body("hi");
}

Test(lsp_framing, oversized_body_is_skipped_as_it_streams)
{
    push("Content-Length: 1000000000\r\n\r\nabc");
    cr_assert_eq(next(), KR_FRAME_ERROR);
    char chunk[4096];
    memset(chunk, 'y', sizeof chunk);
    for (int i = 0; i < 100; i++)
        kr_lsp_framer_push(&f, chunk, sizeof chunk);
    cr_assert_eq(next(), KR_FRAME_NONE);
    cr_assert_lt(f.cap, 1u << 20, "the skipped body is not stored (cap %zu)", f.cap);
    cr_assert_eq(f.skip, 1000000000u - 3 - 100 * sizeof chunk);
}

Test(lsp_framing, oversized_then_normal_message)
{
    push("Content-Length: 2000\r\n\r\n");
    cr_assert_eq(next(), KR_FRAME_ERROR);
    char body[2000];
    memset(body, ' ', sizeof body);
    kr_lsp_framer_push(&f, body, sizeof body);
    push("Content-Length: 2\r\n\r\n{}");
    expect_body("{}");
}

static char out[256];
static size_t out_len;

static int capture(void *ud, const char *data, size_t len)
{
    (void)ud;
    cr_assert_lt(out_len + len, sizeof out);
    memcpy(out + out_len, data, len);
    out_len += len;
    return 0;
}

Test(lsp_framing, written_frames_carry_byte_lengths)
{
    kr_lsp_write_frame(capture, NULL, "\"æ\"", 4);
    out[out_len] = '\0';
    cr_assert_str_eq(out, "Content-Length: 4\r\n\r\n\"æ\"");
}
