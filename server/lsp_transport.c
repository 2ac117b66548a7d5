/* lsp_transport.c — LSP's base protocol: `Content-Length` framed messages.
 * Headers may come in any order and any case, `Content-Type` is accepted, a
 * message may arrive in pieces or several in one read. Malformed headers are
 * dropped (the reader re-synchronises on the next `Content-Length`), and a body
 * above the size limit is discarded as it streams in, never buffered — a hostile
 * 1 GB Content-Length costs nothing. The stdio loop reads straight into the
 * buffer, sized for the whole of a big message once its header is in
 * (kr_lsp_framer_space): a 1 MB didOpen is read in a few calls and not copied. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lsp.h"

#define MAX_HEADER 8192
#define MAX_READ_AHEAD (16u << 20)

void kr_lsp_framer_init(kr_lsp_framer *f, size_t max_body)
{
    memset(f, 0, sizeof *f);
    f->max_body = max_body;
}

void kr_lsp_framer_release(kr_lsp_framer *f)
{
    free(f->buf);
    memset(f, 0, sizeof *f);
}

/* Makes room for len more bytes at buf + len (moving unread bytes to the front
 * first when that is enough). */
static void reserve(kr_lsp_framer *f, size_t len)
{
    if (f->pos > 0 && f->pos == f->len) {
        f->pos = f->len = 0;
    } else if (f->pos > 0 && f->len + len > f->cap) {
        memmove(f->buf, f->buf + f->pos, f->len - f->pos);
        f->len -= f->pos;
        f->pos = 0;
    }
    if (f->len + len > f->cap) {
        size_t cap = f->cap ? f->cap : 65536;
        while (cap < f->len + len)
            cap *= 2;
        f->buf = kr_xrealloc(f->buf, cap);
        f->cap = cap;
    }
}

void kr_lsp_framer_push(kr_lsp_framer *f, const char *data, size_t len)
{
    /* discard the rest of an oversized body without storing it */
    size_t drop = f->skip < len ? f->skip : len;
    f->skip -= drop;
    data += drop;
    len -= drop;
    if (len == 0)
        return;
    reserve(f, len);
    memcpy(f->buf + f->len, data, len);
    f->len += len;
}

/* Finds the end of the header block at s[0..n): the offset after the blank
 * line ("\r\n\r\n", or a bare "\n\n" from a sloppy client), or 0. */
static size_t header_end(const char *s, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        if (s[i] != '\n')
            continue;
        if (s[i + 1] == '\n')
            return i + 2;
        if (i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

/* Parses the header block; returns 0 and the body length, or -1. */
static int parse_headers(const char *s, size_t n, size_t *body_len)
{
    bool have = false;
    size_t i = 0;
    while (i < n) {
        size_t eol = i;
        while (eol < n && s[eol] != '\n')
            eol++;
        size_t end = eol > i && s[eol - 1] == '\r' ? eol - 1 : eol;
        if (end > i) {
            const char *colon = memchr(s + i, ':', end - i);
            if (!colon)
                return -1;
            size_t name_len = (size_t)(colon - (s + i));
            if (name_len == 14 && strncasecmp(s + i, "Content-Length", 14) == 0) {
                const char *p = colon + 1;
                while (p < s + end && (*p == ' ' || *p == '\t'))
                    p++;
                if (p == s + end)
                    return -1;
                size_t v = 0;
                for (; p < s + end && *p >= '0' && *p <= '9'; p++) {
                    if (v > (SIZE_MAX - 9) / 10)
                        return -1;
                    v = v * 10 + (size_t)(*p - '0');
                }
                while (p < s + end && (*p == ' ' || *p == '\t'))
                    p++;
                if (p != s + end)
                    return -1;
                *body_len = v;
                have = true;
            }
            /* Content-Type and unknown headers are accepted and ignored: the
             * body is UTF-8 JSON whatever a client claims. */
        }
        i = eol + 1;
    }
    return have ? 0 : -1;
}

/* Drops bytes up to the next plausible header start (re-synchronisation). */
static void resync(kr_lsp_framer *f, size_t from)
{
    const char *s = f->buf + f->pos;
    size_t n = f->len - f->pos;
    for (size_t i = from; i + 14 <= n; i++) {
        if (strncasecmp(s + i, "Content-Length", 14) == 0) {
            f->pos += i;
            return;
        }
    }
    /* keep the longest tail that may be the start of a header split across reads */
    size_t keep = n < 13 ? n : 13;
    while (keep > 0 && strncasecmp(f->buf + f->len - keep, "Content-Length", keep) != 0)
        keep--;
    f->pos = f->len - keep;
}

/* Bytes the message whose header is complete at the read position still lacks
 * (0 when none is, or it is complete, or it is to be skipped). */
static size_t missing(const kr_lsp_framer *f)
{
    if (f->pos >= f->len) /* nothing buffered (buf may still be NULL) */
        return 0;
    size_t pos = f->pos;
    while (pos < f->len && (f->buf[pos] == '\r' || f->buf[pos] == '\n'))
        pos++;
    size_t n = f->len - pos, blen;
    size_t h = header_end(f->buf + pos, n < MAX_HEADER ? n : MAX_HEADER);
    if (h == 0 || parse_headers(f->buf + pos, h, &blen) < 0 || blen > f->max_body || n - h >= blen)
        return 0;
    return blen - (n - h);
}

char *kr_lsp_framer_space(kr_lsp_framer *f, size_t min, size_t *room)
{
    if (f->skip)
        return NULL;
    size_t need = missing(f);
    if (need > MAX_READ_AHEAD) /* a header alone reserves no more than this */
        need = MAX_READ_AHEAD;
    reserve(f, need > min ? need : min);
    *room = f->cap - f->len;
    return f->buf + f->len;
}

void kr_lsp_framer_commit(kr_lsp_framer *f, size_t n)
{
    f->len += n;
}

void kr_lsp_framer_trim(kr_lsp_framer *f)
{
    if (f->pos == f->len && f->cap > 4 * 65536) {
        free(f->buf);
        f->buf = NULL;
        f->cap = f->len = f->pos = 0;
    }
}

kr_frame_result kr_lsp_framer_next(kr_lsp_framer *f, const char **body, size_t *len,
                                   const char **err)
{
    /* blank lines between messages are harmless */
    while (f->pos < f->len && (f->buf[f->pos] == '\r' || f->buf[f->pos] == '\n'))
        f->pos++;
    const char *s = f->buf + f->pos;
    size_t n = f->len - f->pos;
    if (n == 0)
        return KR_FRAME_NONE;
    size_t h = header_end(s, n < MAX_HEADER ? n : MAX_HEADER);
    if (h == 0) {
        if (n < MAX_HEADER)
            return KR_FRAME_NONE;
        resync(f, 1);
        *err = "the message header is longer than 8 KiB or not terminated";
        return KR_FRAME_ERROR;
    }
    size_t blen;
    if (parse_headers(s, h, &blen) < 0) {
        f->pos += h;
        resync(f, 0);
        *err = "the message header has no valid Content-Length";
        return KR_FRAME_ERROR;
    }
    if (blen > f->max_body) {
        f->pos += h;
        size_t have = f->len - f->pos;
        size_t now = have < blen ? have : blen;
        f->pos += now;
        f->skip = blen - now;
        *err = "the message is larger than the server accepts; it was skipped";
        return KR_FRAME_ERROR;
    }
    if (n - h < blen)
        return KR_FRAME_NONE;
    *body = s + h;
    *len = blen;
    f->pos += h + blen;
    return KR_FRAME_MESSAGE;
}

int kr_lsp_write_frame(kr_lsp_write_fn write, void *ud, const char *body, size_t len)
{
    char head[64];
    int n = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", len);
    if (write(ud, head, (size_t)n) < 0)
        return -1;
    return write(ud, body, len);
}
