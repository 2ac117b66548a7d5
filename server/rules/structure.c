/* structure.c — rule `structure`: the shape of a question-and-answer document, as
 * the grammar sees it (the label blocks of the analysis).
 *
 * - An OCR-damaged label (`Spergsmal:`, `Sporgsmal:`, `Svar :`) is fixed to
 *   `Spørgsmål:` / `Svar:` (a number after the word is kept: `Spørgsmål 2:`).
 * - A question with no answer section after it.
 * - A duplicated label: the same label twice in a row with no other label between
 *   (the fix removes the second when nothing but blank lines separate them).
 * - Text before the title.
 * The label's tokens are claimed, so the spelling rules do not report the damaged
 * word a second time. What a label's text gives is kept between the lints of a
 * document (kr_lint_keep), so an edit does not format every message again. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

static const char QUESTION[] = "Spørgsmål";
static const char ANSWER[] = "Svar";

/* The label's text without trailing white space. */
static size_t label_end(const kr_lint_ctx *ctx, const kr_block *b)
{
    size_t e = b->end;
    while (e > b->start && (ctx->text[e - 1] == ' ' || ctx->text[e - 1] == '\t'))
        e--;
    return e;
}

/* Claims the tokens inside [start, end); *hint: where the search for the
 * first one starts (see kr_tokens_first_at), moved on to it. */
static void claim_range(kr_lint_ctx *ctx, size_t *hint, size_t start, size_t end)
{
    const kr_analysis *an = ctx->an;
    size_t first = kr_tokens_first_at(an->tokens, an->n_tokens, *hint, start), last = first;
    *hint = first;
    while (last < an->n_tokens && an->tokens[last].ws_start < end)
        last++;
    if (last > first)
        kr_claim(ctx, first, last - 1);
}

/* Appends s[0..n) to buf[*at..cap), as far as it goes. */
static void put(char *buf, size_t cap, size_t *at, const char *s, size_t n)
{
    if (n > cap - *at)
        n = cap - *at;
    memcpy(buf + *at, s, n);
    *at += n;
}

/* The correct spelling of a question/answer label, keeping a number (`2`) that
 * follows the word: writes it into buf (NUL-terminated; short: cap is ample). */
static size_t canonical(const kr_lint_ctx *ctx, const kr_block *b, size_t end, char *buf,
                        size_t cap)
{
    const char *word = b->label == KR_LABEL_QUESTION ? QUESTION : ANSWER;
    char digits[16];
    size_t nd = 0, n = 0;
    for (size_t i = b->start; i < end && nd + 1 < sizeof digits; i++)
        if (ctx->text[i] >= '0' && ctx->text[i] <= '9')
            digits[nd++] = ctx->text[i];
    put(buf, cap - 1, &n, word, strlen(word));
    if (nd) {
        put(buf, cap - 1, &n, " ", 1);
        put(buf, cap - 1, &n, digits, nd);
    }
    put(buf, cap - 1, &n, ":", 1);
    buf[n] = '\0';
    return n;
}

/* What a label's text gives, kept between lints (kr_lint_keep): a 1 MB OCR text
 * has some 2 500 labels, half of them damaged, and formatting each one's
 * message and fix again on every edit cost more than the rest of the lint's
 * document rules. Keyed by the label's kind and text, which decide it all. */
typedef struct {
    uint64_t hash;
    const char *text; /* NULL: a free slot */
    size_t len;
    kr_label_kind label;
    bool ok;
    const char *message, *title, *want;
    size_t want_len;
    /* the strings above, in shared storage (engine.h) that a lint's list holds
     * while its diagnostic borrows them; `held` is the lint that last took it */
    void *strings;
    uint64_t held;
} label_entry;

typedef struct {
    label_entry *e;
    size_t cap, n;
    uint64_t lint; /* counts the lints */
} label_memo;

enum { MEMO_MAX = 4096 }; /* distinct label texts kept */

static void memo_release(void *p)
{
    label_memo *m = p;
    for (size_t i = 0; i < m->cap; i++)
        kr_shared_release(m->e[i].strings);
    free(m->e);
    free(m);
}

static uint64_t text_hash(const char *s, size_t n, kr_label_kind label)
{
    uint64_t h = 0xCBF29CE484222325ull ^ (uint64_t)label;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 0x100000001B3ull;
    return h;
}

/* The entry for the text (found, or the free slot to fill), or NULL without a
 * memo. */
static label_entry *memo_slot(label_memo *m, const char *s, size_t n, kr_label_kind label,
                              uint64_t h)
{
    if (!m || !m->cap)
        return NULL;
    size_t i = (size_t)h & (m->cap - 1);
    for (;;) {
        label_entry *e = &m->e[i];
        if (!e->text ||
            (e->hash == h && e->label == label && e->len == n && memcmp(e->text, s, n) == 0))
            return e;
        i = (i + 1) & (m->cap - 1);
    }
}

static label_memo *get_memo(kr_lint_ctx *ctx)
{
    void **slot = kr_lint_keep(ctx, memo_release);
    if (!slot)
        return NULL;
    if (!*slot) {
        label_memo *m = kr_xmalloc(sizeof *m);
        m->cap = 2 * MEMO_MAX;
        m->n = 0;
        m->lint = 0;
        m->e = calloc(m->cap, sizeof *m->e);
        if (!m->e)
            abort();
        *slot = m;
    }
    return *slot;
}

/* The diagnostic kr_emit and the fix below made for this label text, again,
 * its strings borrowed from the entry. */
static void emit_kept(kr_lint_ctx *ctx, label_memo *m, label_entry *e, const kr_block *b,
                      size_t end, size_t *hint)
{
    claim_range(ctx, hint, b->start, end);
    kr_diagnostics *out = ctx->out;
    if (e->held != m->lint) {
        kr_diagnostics_hold(out, e->strings);
        e->held = m->lint;
    }
    kr_diagnostic *d = kr_arena_alloc(&out->arena, sizeof *d + sizeof(kr_fix) + sizeof(kr_edit));
    kr_fix *f = (kr_fix *)(d + 1);
    kr_edit *ed = (kr_edit *)(f + 1);
    *ed = (kr_edit){b->start, end, e->want, e->want_len};
    *f = (kr_fix){e->title, true, ed, 1, 1};
    *d = (kr_diagnostic){ctx->rule->id, ctx->severity, b->start, end, e->message, e->text, f, 1, 1};
    kr_diagnostics_push(out, d);
}

/* Copies the strings into the entry's shared storage. */
static void keep_strings(label_entry *e, const char *text, size_t len, const char *message,
                         const char *title, const char *want, size_t want_len)
{
    size_t nm = message ? strlen(message) + 1 : 0, nt = title ? strlen(title) + 1 : 0;
    char *p = kr_shared_new(len + 1 + nm + nt + want_len + 1);
    e->strings = p;
    memcpy(p, text, len);
    p[len] = '\0';
    e->text = p;
    p += len + 1;
    if (message) {
        memcpy(p, message, nm);
        e->message = p;
        p += nm;
        memcpy(p, title, nt);
        e->title = p;
        p += nt;
    }
    memcpy(p, want, want_len);
    p[want_len] = '\0';
    e->want = p;
    e->want_len = want_len;
}

/* hint: see claim_range (the labels come in text order) */
static void check_label_spelling(kr_lint_ctx *ctx, label_memo *memo, const kr_block *b,
                                 size_t *hint)
{
    if (b->label != KR_LABEL_QUESTION && b->label != KR_LABEL_ANSWER)
        return;
    size_t end = label_end(ctx, b), len = end - b->start;
    const char *text = ctx->text + b->start;
    uint64_t h = memo ? text_hash(text, len, b->label) : 0;
    label_entry *e = memo_slot(memo, text, len, b->label, h);
    if (e && e->text) {
        if (!e->ok)
            emit_kept(ctx, memo, e, b, end, hint);
        return;
    }
    char want[64];
    size_t n = canonical(ctx, b, end, want, sizeof want);
    bool ok = n == len && memcmp(want, text, n) == 0;
    if (e && memo->n < MEMO_MAX) {
        *e = (label_entry){.hash = h, .len = len, .label = b->label, .ok = ok};
        memo->n++;
    } else {
        e = NULL;
    }
    if (ok) {
        if (e)
            keep_strings(e, text, len, NULL, NULL, want, n);
        return;
    }
    claim_range(ctx, hint, b->start, end);
    /* the message and title put together as printf's "%.*s" and "%s" would
     * (the label's text up to a NUL byte); a message past kr_emit's 511 bytes
     * is cut as it would cut it */
    char msg[640], title[96];
    size_t m = 0, t = 0;
    static const char damaged[] = "Beskadiget etiket: »", should[] = "« skal være »", close[] = "«";
    put(msg, sizeof msg - 1, &m, damaged, sizeof damaged - 1);
    put(msg, sizeof msg - 1, &m, text, strnlen(text, len));
    put(msg, sizeof msg - 1, &m, should, sizeof should - 1);
    put(msg, sizeof msg - 1, &m, want, n);
    put(msg, sizeof msg - 1, &m, close, sizeof close - 1);
    msg[m] = '\0';
    kr_diagnostic *d = kr_emit_text(ctx, b->start, end, msg);
    static const char fix_to[] = "Ret til »";
    put(title, sizeof title - 1, &t, fix_to, sizeof fix_to - 1);
    put(title, sizeof title - 1, &t, want, n);
    put(title, sizeof title - 1, &t, close, sizeof close - 1);
    title[t] = '\0';
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, true);
    kr_fix_add_edit(ctx->out, f, b->start, end, want, n);
    if (e)
        keep_strings(e, text, len, d->message, title, want, n);
}

/* Only blank lines between a and b? */
static bool only_blank_between(const char *text, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
            return false;
    return true;
}

static const char *label_name(kr_label_kind k)
{
    return k == KR_LABEL_QUESTION ? QUESTION : k == KR_LABEL_ANSWER ? ANSWER : "etiket";
}

static void check_sequence(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    const kr_block *prev = NULL;     /* the previous label */
    const kr_block *question = NULL; /* a question still waiting for its answer */
    for (size_t i = 0; i < an->n_blocks; i++) {
        const kr_block *b = &an->blocks[i];
        if (b->kind != KR_BLOCK_LABEL)
            continue;
        if (prev && prev->label == b->label && b->label != KR_LABEL_OTHER) {
            kr_diagnostic *d =
                kr_emit(ctx, b->start, label_end(ctx, b), "Etiketten »%s:« står to gange i træk",
                        label_name(b->label));
            if (only_blank_between(ctx->text, prev->end, b->start)) {
                kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Fjern den gentagne etiket", true);
                kr_fix_add_edit(ctx->out, f, prev->end, b->end, "", 0);
            }
        }
        if (b->label == KR_LABEL_QUESTION && !question) {
            question = b;
        } else if (b->label == KR_LABEL_ANSWER) {
            question = NULL;
        }
        prev = b;
    }
    if (question)
        kr_emit(ctx, question->start, label_end(ctx, question),
                "Spørgsmålet har intet svar: der kommer ingen »Svar:« efter det");
}

/* The running title a page header repeats (`<title> Side 2`): [*s, *e). */
static bool running_title(const kr_lint_ctx *ctx, size_t *s, size_t *e)
{
    const kr_analysis *an = ctx->an;
    for (size_t i = 0; i < an->n_blocks; i++) {
        const kr_block *b = &an->blocks[i];
        if (b->kind != KR_BLOCK_PAGE_HEADER)
            continue;
        const char *side = NULL;
        for (size_t k = b->start; k + 5 <= b->end; k++)
            if (memcmp(ctx->text + k, " Side", 5) == 0)
                side = ctx->text + k;
        if (!side || side == ctx->text + b->start)
            continue;
        *s = b->start;
        *e = (size_t)(side - ctx->text);
        while (*e > *s && (ctx->text[*e - 1] == ' ' || ctx->text[*e - 1] == '\t'))
            (*e)--;
        return *e > *s;
    }
    return false;
}

/* Where the title really is: the block the running header repeats, when it comes
 * before the first label; else the grammar's title (the first line of text). */
static size_t true_title(const kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    size_t s, e;
    if (!running_title(ctx, &s, &e))
        return an->title_block;
    for (size_t i = 0; i < an->n_blocks && an->blocks[i].kind != KR_BLOCK_LABEL; i++) {
        const kr_block *b = &an->blocks[i];
        size_t bs = b->start, be = label_end(ctx, b);
        if ((b->kind == KR_BLOCK_TITLE || b->kind == KR_BLOCK_PARAGRAPH) && be - bs == e - s &&
            memcmp(ctx->text + bs, ctx->text + s, e - s) == 0)
            return i;
    }
    return an->title_block;
}

static void check_title(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    size_t title = true_title(ctx);
    if (title == SIZE_MAX)
        return;
    for (size_t i = 0; i < title; i++) {
        const kr_block *b = &an->blocks[i];
        if (b->kind == KR_BLOCK_PAGE_HEADER)
            continue; /* the page-artifact rule's */
        kr_emit(ctx, b->start, b->end, "Tekst før titlen");
    }
}

static void check(kr_lint_ctx *ctx)
{
    const kr_analysis *an = ctx->an;
    label_memo *memo = get_memo(ctx);
    if (memo)
        memo->lint++;
    size_t hint = 0;
    for (size_t i = 0; i < an->n_blocks; i++)
        if (an->blocks[i].kind == KR_BLOCK_LABEL)
            check_label_spelling(ctx, memo, &an->blocks[i], &hint);
    check_sequence(ctx);
    check_title(ctx);
}

const kr_rule kr_rule_structure = {
    .id = "structure",
    .severity = KR_SEV_WARNING,
    .summary = "damaged or missing Spørgsmål:/Svar: labels, duplicated labels, text before "
               "the title",
    .explanation =
        "A question-and-answer document has a title, a section opened by »Spørgsmål:« and "
        "one opened by »Svar:«. OCR damages the labels (»Spergsmal:«, »Sporgsmal:«, "
        "»Svar :«); the fix writes them correctly. The rule also reports a question with no "
        "answer after it, the same label twice in a row, and text before the title.",
    .check = check,
};
