/* cli_fix.c — `korrektur fix`: applies every preferred fix and prints the whole
 * text (default), a unified diff (--diff), or rewrites the file atomically (-i):
 * temporary file in the same folder, fsync, mode kept, rename — and never over a
 * file that changed since it was read. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Test hook: KORREKTUR_TEST_FAIL_WRITE=1 makes the write of a temporary file fail
 * half-way, as a full disk would, to prove the original survives. */
static bool fail_write_injected(void)
{
    const char *v = getenv("KORREKTUR_TEST_FAIL_WRITE");
    return v && *v == '1';
}

static int write_all(int fd, const char *p, size_t n)
{
    if (fail_write_injected()) {
        if (n > 1 && write(fd, p, n / 2) < 0)
            return -1;
        errno = ENOSPC;
        return -1;
    }
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* UTF-8 back to Latin-1 for files read with --encoding latin1. New, or NULL when
 * a character has no Latin-1 form. */
static char *utf8_to_latin1(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = (char)c;
        } else if ((c == 0xC2 || c == 0xC3) && i + 1 < n) {
            o[k++] = (char)(((c & 0x03) << 6) | ((unsigned char)s[++i] & 0x3F));
        } else {
            free(o);
            return NULL;
        }
    }
    *out_len = k;
    return o;
}

static int write_in_place(kr_cli_result *r, const char *text, size_t len)
{
    char *copy = strdup(r->path), *dir = dirname(copy);
    char *tmp = NULL;
    if (asprintf(&tmp, "%s/.korrektur-fix-XXXXXX", dir) < 0) {
        free(copy);
        return 2;
    }
    free(copy);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "korrektur: cannot create a temporary file beside %s: %s\n", r->path,
                strerror(errno));
        free(tmp);
        return 2;
    }
    struct stat st;
    bool ok = write_all(fd, text, len) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (ok && stat(r->path, &st) == 0)
        fchmod(fd, st.st_mode & 07777);
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        fprintf(stderr, "korrektur: could not write the fixed %s (%s); the file is unchanged\n",
                r->path, strerror(saved));
        free(tmp);
        return 2;
    }
    long long now_mtime = -2, now_size = -2;
    if (stat(r->path, &st) == 0) {
        now_mtime = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        now_size = (long long)st.st_size;
    }
    if (now_mtime != r->mtime_ns || now_size != r->size) {
        unlink(tmp);
        fprintf(stderr, "korrektur: %s changed while it was being fixed; it was left as it is\n",
                r->path);
        free(tmp);
        return 2;
    }
    if (rename(tmp, r->path) != 0) {
        saved = errno;
        unlink(tmp);
        fprintf(stderr, "korrektur: could not replace %s (%s); the file is unchanged\n", r->path,
                strerror(saved));
        free(tmp);
        return 2;
    }
    free(tmp);
    return 0;
}

/* ---- unified diff from the applied edits ---------------------------------------
 * The fixed text differs from the original only inside the edits, so hunks come
 * straight from them: no general diff algorithm needed. Line ranges are half-open
 * [first, end); a range may be empty (lines added after the last line). */
typedef struct {
    size_t old_first, old_end; /* changed lines of the original */
    size_t new_first, new_end; /* and of the fixed text */
} change;

static void put_line(FILE *out, char mark, kr_document *d, size_t line)
{
    size_t len, s = kr_document_line_start(d, line);
    const char *t = kr_document_text(d, &len);
    size_t e = line + 1 < kr_document_line_count(d) ? kr_document_line_start(d, line + 1) : len;
    fputc(mark, out);
    fwrite(t + s, 1, e - s, out);
    if (e == s || t[e - 1] != '\n')
        fputs("\n\\ No newline at end of file\n", out);
}

/* Lines as diff counts them: a final newline does not start a line of its own,
 * and an empty text has none. */
static size_t lines_in(kr_document *d)
{
    size_t len, n = kr_document_line_count(d);
    const char *t = kr_document_text(d, &len);
    if (len == 0)
        return 0;
    return t[len - 1] == '\n' ? n - 1 : n;
}

static size_t min_sz(size_t a, size_t b)
{
    return a < b ? a : b;
}

/* The lines an edit of [start, end) → [nstart, nend) touches, in both texts. */
static change change_of(kr_document *a, kr_document *b, size_t na, size_t nb, size_t start,
                        size_t end, size_t nstart, size_t nend)
{
    change c;
    c.old_first = min_sz(kr_document_line_of(a, start), na);
    c.old_end = min_sz(kr_document_line_of(a, end) + 1, na);
    c.new_first = min_sz(kr_document_line_of(b, nstart), nb);
    c.new_end = min_sz(kr_document_line_of(b, nend) + 1, nb);
    return c;
}

/* "start,count" of a hunk side; an empty side names the line before it. */
static void hunk_side(FILE *out, char sign, size_t first, size_t count)
{
    fprintf(out, "%c%zu,%zu", sign, count ? first + 1 : first, count);
}

static void print_diff(FILE *out, const char *path, kr_document *a, kr_document *b,
                       const kr_edit *ed, size_t n)
{
    const size_t ctx = 3;
    size_t na = lines_in(a), nb = lines_in(b);
    /* one change per run of edits sharing a line (in either text) */
    change *ch = calloc(n ? n : 1, sizeof *ch);
    size_t m = 0;
    long long delta = 0; /* new offset - old offset */
    for (size_t i = 0; i < n; i++) {
        size_t ns = (size_t)((long long)ed[i].start + delta);
        change c = change_of(a, b, na, nb, ed[i].start, ed[i].end, ns, ns + ed[i].len);
        delta += (long long)ed[i].len - (long long)(ed[i].end - ed[i].start);
        if (m && (c.old_first < ch[m - 1].old_end || c.new_first < ch[m - 1].new_end)) {
            if (c.old_end > ch[m - 1].old_end)
                ch[m - 1].old_end = c.old_end;
            if (c.new_end > ch[m - 1].new_end)
                ch[m - 1].new_end = c.new_end;
        } else {
            ch[m++] = c;
        }
    }
    fprintf(out, "--- %s\n+++ %s\n", path, path);
    for (size_t i = 0; i < m;) {
        size_t j = i; /* changes whose contexts touch share a hunk */
        while (j + 1 < m && ch[j + 1].old_first <= ch[j].old_end + 2 * ctx)
            j++;
        size_t lo = ch[i].old_first > ctx ? ch[i].old_first - ctx : 0;
        size_t hi = min_sz(ch[j].old_end + ctx, na);
        size_t nlo = lo + ch[i].new_first - ch[i].old_first;
        size_t nhi = hi + ch[j].new_end - ch[j].old_end;
        fputs("@@ ", out);
        hunk_side(out, '-', lo, hi - lo);
        fputc(' ', out);
        hunk_side(out, '+', nlo, nhi - nlo);
        fputs(" @@\n", out);
        size_t line = lo;
        for (size_t k = i; k <= j; k++) {
            for (; line < ch[k].old_first; line++)
                put_line(out, ' ', a, line);
            for (; line < ch[k].old_end; line++)
                put_line(out, '-', a, line);
            for (size_t l = ch[k].new_first; l < ch[k].new_end; l++)
                put_line(out, '+', b, l);
        }
        for (; line < hi; line++)
            put_line(out, ' ', a, line);
        i = j + 1;
    }
    free(ch);
}

int kr_cli_fix_emit(const kr_cli_opts *opts, kr_cli_result *r, void *ud)
{
    FILE *out = ud;
    if (r->status == 2 || !r->diags)
        return 2;
    /* the fix computed with the lint (kr_linter_fix); a caller that only has
     * diagnostics gets their preferred edits, one round */
    kr_edit *own = NULL;
    const kr_edit *edits = r->fix_edits;
    size_t n = r->n_fix_edits;
    if (!edits) {
        n = kr_diagnostics_preferred_edits(r->diags, &own);
        edits = own;
    }
    size_t len;
    char *fixed = kr_edits_apply(r->text, r->len, edits, n, &len);
    int rc = 0;
    if (opts->diff) {
        if (n) {
            kr_document *b = kr_document_new(fixed, len);
            print_diff(out, r->path, r->doc, b, edits, n);
            kr_document_free(b);
        }
    } else if (opts->in_place && strcmp(r->path, "-") != 0) {
        if (n) {
            char *bytes = fixed;
            size_t blen = len;
            if (opts->encoding && !(bytes = utf8_to_latin1(fixed, len, &blen))) {
                fprintf(stderr,
                        "korrektur: the fixed %s has characters Latin-1 cannot hold; "
                        "the file is unchanged\n",
                        r->path);
                rc = 2;
            }
            if (bytes) {
                rc = write_in_place(r, bytes, blen);
                if (bytes != fixed)
                    free(bytes);
            }
        }
    } else {
        char *bytes = fixed;
        size_t blen = len;
        if (opts->encoding && !(bytes = utf8_to_latin1(fixed, len, &blen))) {
            bytes = fixed;
            blen = len;
        }
        fwrite(bytes, 1, blen, out);
        if (bytes != fixed)
            free(bytes);
    }
    free(fixed);
    free(own);
    return rc;
}
