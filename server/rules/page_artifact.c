/* page_artifact.c — rule `page-artifact`: a running page header or footer left in
 * the flow of text by PDF extraction or OCR — the title repeated with `Side 2`, a
 * bare page number — found by the grammar as a page_header block.
 *
 * A `… Side N` line counts when the text before `Side` is the title (allowing OCR
 * damage), is empty, or the line stands alone between blank lines; a bare number
 * only ever stands alone (the grammar asks for a blank line before it). The fix
 * removes the line and the blank lines it brought: when it interrupted a paragraph
 * (no sentence end before it, no capital after it) the two halves join into one
 * paragraph again; between paragraphs one paragraph break stays. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static bool is_blank_char(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Start of the line holding pos. */
static size_t line_start(const char *t, size_t pos)
{
    while (pos > 0 && t[pos - 1] != '\n')
        pos--;
    return pos;
}

/* Just after the line break ending the line holding pos (or len). */
static size_t line_next(const char *t, size_t len, size_t pos)
{
    while (pos < len && t[pos] != '\n')
        pos++;
    return pos < len ? pos + 1 : len;
}

static bool line_blank(const char *t, size_t len, size_t start)
{
    for (size_t i = start; i < len && t[i] != '\n'; i++)
        if (!is_blank_char(t[i]))
            return false;
    return true;
}

/* Byte-wise edit distance of a and b, bounded by their lengths (≤ 255 each). */
static size_t distance(kr_arena *arena, const char *a, size_t na, const char *b, size_t nb)
{
    size_t *row = kr_arena_alloc(arena, (nb + 1) * sizeof *row);
    for (size_t j = 0; j <= nb; j++)
        row[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[nb];
}

static void trim(const char *t, size_t *s, size_t *e)
{
    while (*s < *e && is_blank_char(t[*s]))
        (*s)++;
    while (*e > *s && is_blank_char(t[*e - 1]))
        (*e)--;
}

/* Where ` Side N` begins in [s, e), or SIZE_MAX. */
static size_t side_at(const char *t, size_t s, size_t e)
{
    for (size_t i = e; i >= s + 4; i--) {
        size_t k = i - 4;
        if ((memcmp(t + k, "Side", 4) == 0 || memcmp(t + k, "SIDE", 4) == 0) &&
            (k == s || is_blank_char(t[k - 1])))
            return k;
    }
    return SIZE_MAX;
}

/* The answers of is_title kept between the lints of a document (kr_lint_keep):
 * an editor's lint compares every page header with the title again on each
 * edit, and the distance was most of the rule's work (1 MB of real OCR text
 * has ~1 000 headers). Keyed by a hash of both texts, which decide it; a full
 * table is emptied. */
enum { TITLE_MEMO = 4096 };
typedef struct {
    uint64_t key[TITLE_MEMO]; /* 0: free; the low bit holds the answer */
    size_t n;
} title_memo;

static uint64_t text_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return (h ^ n) * 0x9E3779B97F4A7C15ull;
}

static title_memo *title_memo_of(kr_lint_ctx *ctx)
{
    void **slot = kr_lint_keep(ctx, free);
    if (slot && !*slot)
        *slot = calloc(1, sizeof(title_memo));
    return slot ? *slot : NULL;
}

/* Is the header text before `Side` the title, allowing OCR damage? */
static bool is_title(kr_lint_ctx *ctx, size_t s, size_t e)
{
    const kr_analysis *an = ctx->an;
    if (an->title_block == SIZE_MAX)
        return false;
    size_t ts = an->blocks[an->title_block].start, te = an->blocks[an->title_block].end;
    trim(ctx->text, &ts, &te);
    if (e - s > 255 || te - ts > 255)
        return false;
    title_memo *m = title_memo_of(ctx);
    uint64_t key = 0;
    size_t i = 0;
    if (m) {
        key = text_hash(text_hash(1469598103934665603ull, ctx->text + s, e - s), ctx->text + ts,
                        te - ts);
        key = (key | 2) & ~(uint64_t)1; /* never 0; the low bit holds the answer */
        for (i = key >> 20 & (TITLE_MEMO - 1); m->key[i]; i = (i + 1) & (TITLE_MEMO - 1))
            if ((m->key[i] & ~(uint64_t)1) == key)
                return m->key[i] & 1;
    }
    size_t d = distance(ctx->scratch, ctx->text + s, e - s, ctx->text + ts, te - ts);
    size_t longer = e - s > te - ts ? e - s : te - ts;
    bool title = d * 10 <= longer * 3; /* at most 30 % of the characters differ */
    if (m) {
        if (m->n * 2 >= TITLE_MEMO) {
            memset(m, 0, sizeof *m);
            for (i = key >> 20 & (TITLE_MEMO - 1); m->key[i]; i = (i + 1) & (TITLE_MEMO - 1))
                ;
        }
        m->key[i] = key | title;
        m->n++;
    }
    return title;
}

static bool is_artifact(kr_lint_ctx *ctx, const kr_block *b, bool alone)
{
    const char *t = ctx->text;
    size_t s = b->start, e = b->end;
    trim(t, &s, &e);
    size_t side = side_at(t, s, e);
    if (side == SIZE_MAX)
        return true; /* a bare page number: the grammar only finds those alone */
    size_t xe = side;
    trim(t, &s, &xe);
    return xe == s || alone || is_title(ctx, s, xe);
}

/* The last non-blank character of the line starting at ls. */
static char last_char(const char *t, size_t len, size_t ls)
{
    size_t e = line_next(t, len, ls);
    while (e > ls && (t[e - 1] == '\n' || is_blank_char(t[e - 1])))
        e--;
    return e > ls ? t[e - 1] : 0;
}

/* Does the line at ls begin with a capital (ASCII or Latin-1 in UTF-8)? */
static bool starts_capital(const char *t, size_t len, size_t ls)
{
    while (ls < len && is_blank_char(t[ls]))
        ls++;
    if (ls >= len)
        return false;
    unsigned char c = (unsigned char)t[ls];
    if (c >= 'A' && c <= 'Z')
        return true;
    return c == 0xC3 && ls + 1 < len && (unsigned char)t[ls + 1] >= 0x80 &&
           (unsigned char)t[ls + 1] <= 0x9E;
}

static void claim_line(kr_lint_ctx *ctx, size_t s, size_t e)
{
    const kr_analysis *an = ctx->an;
    size_t first = SIZE_MAX, last = 0;
    /* tokens are in text order: find the line's first by bisection (a scan from
     * the start for every header line was quadratic on a 50 MB file) */
    size_t lo = kr_tokens_first_at(an->tokens, an->n_tokens, 0, s);
    for (size_t i = lo; i < an->n_tokens && an->tokens[i].ws_start < e; i++)
        if (an->tokens[i].ws_start >= s) {
            if (first == SIZE_MAX)
                first = i;
            last = i;
        }
    if (first != SIZE_MAX)
        kr_claim(ctx, first, last);
}

static void report(kr_lint_ctx *ctx, const kr_block *b)
{
    const char *t = ctx->text;
    size_t len = ctx->len;
    size_t ls = line_start(t, b->start), le = line_next(t, len, b->start);
    /* the blank lines before (back to the previous text) and after it */
    size_t p = ls;
    while (p > 0) {
        size_t q = line_start(t, p - 1);
        if (!line_blank(t, len, q))
            break;
        p = q;
    }
    size_t n = le;
    while (n < len && line_blank(t, len, n))
        n = line_next(t, len, n);
    bool alone = (p < ls || ls == 0) && (n > le || le == len);
    if (!is_artifact(ctx, b, alone))
        return;

    /* between paragraphs: keep one blank line of those around it */
    size_t del_start = p < ls ? line_next(t, len, p) : ls;
    if (p > 0 && n < len) {
        char before = last_char(t, len, line_start(t, p - 1));
        bool sentence_end = before == '.' || before == '!' || before == '?' || before == ':';
        if (before == '-' || (!sentence_end && !starts_capital(t, len, n)))
            del_start = p; /* an interrupted paragraph: join its halves */
    } else if (n == len) {
        del_start = p; /* at the end: no blank lines left dangling */
        /* and a text that did not end with a line break still does not: the
         * break before the header goes with it (found by fuzz_document) */
        if (p > 0 && t[len - 1] != '\n' && t[p - 1] == '\n')
            del_start = p >= 2 && t[p - 2] == '\r' ? p - 2 : p - 1;
        /* a text that is nothing but the header and ended with a line break
         * keeps that break (an empty file would have lost it: fuzz_document) */
        if (p == 0 && t[len - 1] == '\n')
            n = len >= 2 && t[len - 2] == '\r' ? len - 2 : len - 1;
    }
    /* a byte-order mark before the header stays (found by fuzz_document) */
    if (del_start < 3 && len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        del_start = 3;
    claim_line(ctx, ls, le);
    kr_diagnostic *d =
        kr_emit(ctx, b->start, b->end, "Sidehoved eller sidetal midt i teksten: »%.*s«",
                (int)(b->end - b->start), t + b->start);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Fjern sidehovedet", true);
    kr_fix_add_edit(ctx->out, f, del_start, n, "", 0);
}

static void check(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    for (size_t i = 0; i < an->n_blocks; i++)
        if (an->blocks[i].kind == KR_BLOCK_PAGE_HEADER)
            report(ctx, &an->blocks[i]);
}

const kr_rule kr_rule_page_artifact = {
    .id = "page-artifact",
    .severity = KR_SEV_WARNING,
    .summary = "a running page header or page number left inside the text",
    .explanation =
        "Text extracted from a PDF keeps the page furniture: the title repeated with »Side "
        "2« at the top of a page, or a bare page number. Inside the text it splits a "
        "paragraph, sometimes in the middle of a sentence or a hyphenated word. The fix "
        "removes the line and the blank lines around it, so an interrupted paragraph joins "
        "up again.",
    .check = check,
};
