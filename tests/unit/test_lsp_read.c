/* test_lsp_read.c — reading straight into the framer's buffer, as the stdio
 * loop does (kr_lsp_framer_space/commit): the room offered covers the rest of a
 * big message once its header is in, bytes committed frame like pushed ones,
 * and while an oversized body is skipped no room is offered at all. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

static kr_lsp_framer f;

static void setup(void)
{
    kr_lsp_framer_init(&f, 4u << 20);
}

static void teardown(void)
{
    kr_lsp_framer_release(&f);
}

TestSuite(lsp_read, .init = setup, .fini = teardown);

/* "Reads" up to max bytes of src into the framer; returns how many. */
static size_t read_into(const char *src, size_t avail, size_t max)
{
    size_t room;
    char *space = kr_lsp_framer_space(&f, 64, &room);
    cr_assert_not_null(space);
    size_t n = avail < room ? avail : room;
    n = n < max ? n : max;
    memcpy(space, src, n);
    kr_lsp_framer_commit(&f, n);
    return n;
}

static char *message(size_t body_len, size_t *len)
{
    char *m = malloc(body_len + 64);
    int h = sprintf(m, "Content-Length: %zu\r\n\r\n", body_len);
    for (size_t i = 0; i < body_len; i++)
        m[h + i] = (char)('a' + i % 26);
    *len = (size_t)h + body_len;
    return m;
}

Test(lsp_read, room_for_the_whole_of_a_big_message)
{
    size_t len;
    char *m = message(3u << 20, &len);
    size_t done = read_into(m, len, 100); /* the header and a little */
    size_t room;
    cr_assert_not_null(kr_lsp_framer_space(&f, 64, &room));
    cr_assert_geq(room, len - done, "room %zu for the %zu bytes still to come", room, len - done);
    done += read_into(m + done, len - done, SIZE_MAX);
    cr_assert_eq(done, len, "the rest in one read");
    const char *body, *err;
    size_t blen;
    cr_assert_eq(kr_lsp_framer_next(&f, &body, &blen, &err), KR_FRAME_MESSAGE);
    cr_assert_eq(blen, 3u << 20);
    cr_assert(memcmp(body, m + (len - blen), blen) == 0);
    cr_assert_eq(kr_lsp_framer_next(&f, &body, &blen, &err), KR_FRAME_NONE);
    kr_lsp_framer_trim(&f);
    cr_assert_null(f.buf, "the big buffer is not kept");
    free(m);
}

Test(lsp_read, committed_bytes_frame_like_pushed_ones)
{
    const char *two = "Content-Length: 2\r\n\r\n{}\r\nContent-Length: 7\r\n\r\n[1,2,3]";
    size_t len = strlen(two);
    for (size_t i = 0; i < len;)
        i += read_into(two + i, len - i, 3); /* three bytes a read */
    const char *body, *err;
    size_t blen;
    cr_assert_eq(kr_lsp_framer_next(&f, &body, &blen, &err), KR_FRAME_MESSAGE);
    cr_assert(blen == 2 && memcmp(body, "{}", 2) == 0);
    cr_assert_eq(kr_lsp_framer_next(&f, &body, &blen, &err), KR_FRAME_MESSAGE);
    cr_assert(blen == 7 && memcmp(body, "[1,2,3]", 7) == 0);
}

Test(lsp_read, no_room_while_an_oversized_body_is_skipped)
{
    const char *head = "Content-Length: 999999999\r\n\r\nxyz";
    read_into(head, strlen(head), SIZE_MAX);
    const char *body, *err;
    size_t blen, room;
    cr_assert_eq(kr_lsp_framer_next(&f, &body, &blen, &err), KR_FRAME_ERROR);
    cr_assert_null(kr_lsp_framer_space(&f, 64, &room), "the skipped bytes go through push");
    cr_assert_lt(f.cap, 1u << 20);
}

/* The server reads the same way: a didOpen committed in pieces is handled. */
static char *sent;
static size_t sent_len;

static int capture(void *ud, const char *data, size_t len)
{
    (void)ud;
    sent = realloc(sent, sent_len + len + 1);
    memcpy(sent + sent_len, data, len);
    sent_len += len;
    sent[sent_len] = '\0';
    return 0;
}

Test(lsp_read, server_handles_committed_messages)
{
    kr_lsp *s = kr_lsp_new(capture, NULL);
    const char *init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                       "{\"capabilities\":{}}}";
    char msg[256];
    int n = snprintf(msg, sizeof msg, "Content-Length: %zu\r\n\r\n%s", strlen(init), init);
    for (int i = 0; i < n; i += 10) {
        size_t room;
        char *space = kr_lsp_framer_space(&s->framer, 64, &room);
        size_t k = (size_t)(n - i) < 10 ? (size_t)(n - i) : 10;
        cr_assert_geq(room, k);
        memcpy(space, msg + i, k);
        kr_lsp_framer_commit(&s->framer, k);
        cr_assert_eq(kr_lsp_feed_framed(s), -1);
    }
    cr_assert_not_null(strstr(sent, "\"id\":1,\"result\":{\"capabilities\""), "%s", sent);
    kr_lsp_free(s);
    free(sent);
    sent = NULL;
    sent_len = 0;
}

Test(lsp_read, a_header_alone_reserves_a_bounded_room)
{
    kr_lsp_framer_release(&f);
    kr_lsp_framer_init(&f, 64u << 20);
    const char *head = "Content-Length: 60000000\r\n\r\n";
    read_into(head, strlen(head), SIZE_MAX);
    size_t room;
    cr_assert_not_null(kr_lsp_framer_space(&f, 64, &room));
    cr_assert_geq(room, 1u << 20);
    cr_assert_leq(f.cap, 32u << 20, "cap %zu for 60 MB announced", f.cap);
}
