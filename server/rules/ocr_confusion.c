/* ocr_confusion.c — rule `ocr-confusion`: words garbled by OCR (ø read as g,
 * æ as ee, l as I, a digit for a letter, rn for m, a doubled letter, a lost
 * space), repaired from the confusion table by the engine in server/confusion.c;
 * a bullet glyph read as a letter at the start of a line (`e At alle`); and the
 * capital I read as a bar (`| dette tilfælde`); a superscript read as a
 * question mark (`GOsa?-skærmen`); a number sign read as a pound sign
 * (`Put£-udtryk`); a menu path's arrow read as `»` or `>`
 * (`Funktioner » Indstillinger`); an f read as a single quote mark (`‘or` for
 * `for`); and a line's first letter lost at the left edge of the page
 * (`apitlet` for `Kapitlet`). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "caps_word.h"
#include "command_word.h"
#include "compound_tail.h"
#include "confusion.h"

/* The tokens each check may act on, found in one pass: a 1 MB text has some
 * 180 000 tokens, and fifteen checks testing each of them cost more than the
 * checks' own work. Each list is a superset of what its checks look at. */
enum {
    C_LINE_START, /* first on its line: bullets, lost first letters */
    C_BAR,        /* a lone | */
    C_NUMBER,     /* a word beginning with a digit or an x: dimensions */
    C_GAP,        /* two bytes or more before the next token of its block (or
                     the block's end): menu arrows, ellipses */
    C_I,          /* a word beginning with a capital I */
    C_A,          /* … with a capital A */
    C_GLUED,      /* something glued before the word: quote marks */
    N_LISTS
};
typedef struct {
    uint32_t *k[N_LISTS];
    size_t n[N_LISTS];
} cand_lists;

static unsigned token_lists(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    const char *x = ctx->text;
    unsigned m = 0, c = (unsigned char)x[t->start];
    if (t->flags & KR_TOKF_LINE_START)
        m |= 1u << C_LINE_START;
    if (t->ws_end - t->ws_start == 1 && x[t->ws_start] == '|')
        m |= 1u << C_BAR;
    if ((c >= '0' && c <= '9') || c == 'x')
        m |= 1u << C_NUMBER;
    m |= (c == 'I') << C_I | (c == 'A') << C_A | (t->start != t->ws_start) << C_GLUED;
    size_t to = k + 1 < ctx->an->n_tokens && ctx->an->tokens[k + 1].block == t->block
                    ? ctx->an->tokens[k + 1].ws_start
                    : ctx->an->blocks[t->block].end;
    if (to >= t->ws_end + 2)
        m |= 1u << C_GAP;
    return m;
}

/* Fills the lists: each token's lists in a byte, counted, then the lists made
 * to size (in the lint's scratch). */
static void make_lists(kr_lint_ctx *ctx, cand_lists *c)
{
    size_t n = ctx->an->n_tokens;
    uint8_t *m = kr_arena_alloc(ctx->scratch, n + 1);
    memset(c, 0, sizeof *c);
    for (size_t k = 0; k < n; k++) {
        m[k] = (uint8_t)token_lists(ctx, k);
        for (unsigned b = m[k]; b; b &= b - 1)
            c->n[__builtin_ctz(b)]++;
    }
    for (unsigned i = 0; i < N_LISTS; i++) {
        c->k[i] = kr_arena_alloc(ctx->scratch, (c->n[i] + 1) * sizeof *c->k[i]);
        c->n[i] = 0;
    }
    for (size_t k = 0; k < n; k++)
        for (unsigned b = m[k]; b; b &= b - 1) {
            unsigned i = (unsigned)__builtin_ctz(b);
            c->k[i][c->n[i]++] = (uint32_t)k;
        }
}

/* for each token k of list `which` */
#define FOR_LIST(c, which, k)                                                                      \
    for (size_t k##_i = 0, k; k##_i < (c)->n[which] && ((k = (c)->k[which][k##_i]), 1); k##_i++)

/* Letters OCR makes of a bullet (•, ◦, ▪): a one-letter "word" that Danish does
 * not have, first on its line, before a capitalised word. */
static bool bullet_glyph(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (!(t->flags & KR_TOKF_LINE_START) || (t->flags & KR_TOKF_LINE_END) ||
        k + 1 >= ctx->an->n_tokens)
        return false;
    if (t->ws_end - t->ws_start != 1 || !strchr("eo*«©¢", ctx->text[t->ws_start]))
        return false;
    const kr_token *next = &ctx->an->tokens[k + 1];
    unsigned char c = (unsigned char)ctx->text[next->start];
    bool capital = (c >= 'A' && c <= 'Z') || (c == 0xC3 && next->end > next->start + 1 &&
                                              (unsigned char)ctx->text[next->start + 1] < 0x9F);
    return capital && next->kind == KR_TOK_WORD;
}

static void check_bullets(kr_lint_ctx *ctx, const cand_lists *c)
{
    FOR_LIST(c, C_LINE_START, k)
    {
        if (!bullet_glyph(ctx, k) || !kr_claim(ctx, k, k))
            continue;
        const kr_token *t = &ctx->an->tokens[k];
        size_t end = ctx->an->tokens[k + 1].ws_start;
        kr_diagnostic *d = kr_emit(ctx, t->ws_start, t->ws_end,
                                   "OCR-fejl: «%c» er sandsynligvis et punkttegn læst som bogstav",
                                   ctx->text[t->ws_start]);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Fjern punkttegnet", true);
        kr_fix_add_edit(ctx->out, f, t->ws_start, end, "", 0);
    }
}

/* Whether a sentence may begin at token k: first on its line, or after a
 * sentence's final mark. */
static bool sentence_start(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if ((t->flags & KR_TOKF_LINE_START) || k == 0)
        return true;
    char c = ctx->text[ctx->an->tokens[k - 1].ws_end - 1];
    return c == '.' || c == ':' || c == '!' || c == '?';
}

/* A word a sentence can go on with: a capital, or a word the engine knows or
 * repairs (a shell command after a pipe, grep or cut, is neither); `opened`:
 * after an opening bracket or quote mark too. */
static bool prose_word(kr_lint_ctx *ctx, size_t k, bool opened)
{
    const kr_token *t = &ctx->an->tokens[k];
    unsigned char c = (unsigned char)ctx->text[t->start], o = (unsigned char)ctx->text[t->ws_start];
    if (t->kind != KR_TOK_WORD ||
        (t->start != t->ws_start &&
         !(opened && t->start == t->ws_start + 1 && (o == '(' || o == '"' || o == '\''))))
        return false;
    if ((c >= 'A' && c <= 'Z') || c == 0xC3)
        return true;
    kr_span parts[8];
    size_t np = kr_word_parts(ctx->text, t, parts, 8);
    if (np == 0 || !(c >= 'a' && c <= 'z'))
        return false;
    const kr_verdict *v =
        kr_word_verdict(ctx, ctx->text + parts[0].start, parts[0].end - parts[0].start);
    return v->kind != KR_VERDICT_UNKNOWN;
}

/* The capital I (the preposition "I", "in") read as a vertical bar: a lone |
 * where a sentence begins, before two words (| dette tilfælde, | fokus
 * (standard), also across a line break). A pipe between commands
 * (passwd | grep, | sort -r) or in a drawn tree (| |--) is left alone. */
static void check_bars(kr_lint_ctx *ctx, const cand_lists *c)
{
    FOR_LIST(c, C_BAR, k)
    {
        if (k + 2 >= ctx->an->n_tokens)
            break;
        const kr_token *t = &ctx->an->tokens[k];
        if (t->ws_end - t->ws_start != 1 || ctx->text[t->ws_start] != '|' || ctx->claimed[k])
            continue;
        if (!sentence_start(ctx, k) || !prose_word(ctx, k + 1, false) ||
            !prose_word(ctx, k + 2, true) || !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d =
            kr_emit(ctx, t->ws_start, t->ws_end, "OCR-fejl: «|» er sandsynligvis et «I»");
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «I»", true);
        kr_fix_add_edit(ctx->out, f, t->ws_start, t->ws_end, "I", 1);
    }
}

static bool ascii_letter(unsigned char c)
{
    return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* A letter ends just before text[i]: ASCII, or the last byte of a 2-byte
 * UTF-8 letter (æ, ø, å, é). */
static bool letter_before(const char *text, size_t start, size_t i)
{
    if (i <= start)
        return false;
    unsigned char c = (unsigned char)text[i - 1];
    return ascii_letter(c) ||
           (c >= 0x80 && c < 0xC0 && i - 1 > start && (unsigned char)text[i - 2] == 0xC3);
}

/* The first letter of token k is lower case. */
static bool lower_start(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    unsigned char c = (unsigned char)ctx->text[t->start];
    if (c >= 'a' && c <= 'z')
        return true;
    return c == 0xC3 && t->end > t->start + 1 && (unsigned char)ctx->text[t->start + 1] >= 0xA0;
}

/* A superscript (GOsa², m², m³) read as a question mark: a '?' right after a
 * letter that cannot end a question, because the word goes on after it (a
 * comma, a full stop or a hyphen follows: GOsa?-skærmen, m?.) or the sentence
 * does (a word in lower case follows: GOsa? kan); a colon may follow a real
 * question (hvordan?: …). The usual superscript is ². */
static void check_superscripts(kr_lint_ctx *ctx)
{
    /* from '?' to '?' of the text (memchr), each to the token whose chunk
     * holds it: a chunk's first '?' is the one judged */
    const kr_analysis *an = ctx->an;
    size_t k = 0, from = an->n_tokens ? an->tokens[0].ws_start : 0;
    while (k < an->n_tokens && from < ctx->len) {
        const char *q = memchr(ctx->text + from, '?', ctx->len - from);
        if (!q)
            return;
        size_t at = (size_t)(q - ctx->text), after = at + 1;
        while (k < an->n_tokens && an->tokens[k].ws_end <= at)
            k++;
        if (k == an->n_tokens)
            return;
        const kr_token *t = &an->tokens[k];
        if (t->ws_start > at) { /* in no chunk of a token */
            from = at + 1;
            continue;
        }
        from = t->ws_end;
        if (t->kind != KR_TOK_WORD || ctx->claimed[k] || !letter_before(ctx->text, t->ws_start, at))
            continue;
        bool goes_on = after < t->ws_end ? strchr(",.-", ctx->text[after]) != NULL
                                         : k + 1 < an->n_tokens && lower_start(ctx, k + 1) &&
                                               an->tokens[k + 1].kind == KR_TOK_WORD;
        if (!goes_on || !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d =
            kr_emit(ctx, at, after, "OCR-fejl: «?» midt i sætningen er sandsynligvis et «²»");
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «²»", true);
        kr_fix_add_edit(ctx->out, f, at, after, "²", strlen("²"));
    }
}

/* A letter (ASCII, or æ, ø, å and the like) begins at text[i]. */
static bool letter_at(const char *text, size_t len, size_t i)
{
    if (i >= len)
        return false;
    unsigned char c = (unsigned char)text[i];
    return ascii_letter(c) || (c == 0xC3 && i + 1 < len && (unsigned char)text[i + 1] >= 0x80 &&
                               (unsigned char)text[i + 1] < 0xC0);
}

/* The number sign read as a pound sign by a model that knows £ better than #
 * (tesseract's Danish one): a £ glued to a letter (£Hvis for a comment's #Hvis,
 * Put#-udtryk) is no currency, which stands before or after a number. */
static void check_pounds(kr_lint_ctx *ctx)
{
    static const char pound[] = "\xC2\xA3";
    const char *text = ctx->text;
    size_t k = 0, n = ctx->an->n_tokens;
    if (n == 0)
        return;
    size_t from = ctx->an->tokens[0].ws_start, end = ctx->an->tokens[n - 1].ws_end;
    while (k < n) {
        /* its first byte also leads « » ° ²: memchr is many times faster than
         * memmem, and a miss costs one compare */
        const char *p = from < end ? memchr(text + from, pound[0], end - from) : NULL;
        if (!p)
            return;
        size_t at = (size_t)(p - text), after = at + 2;
        from = at + 1;
        if (after > end || text[at + 1] != pound[1])
            continue;
        from = after;
        while (k < n && ctx->an->tokens[k].ws_end <= at)
            k++;
        if (k == n || ctx->an->tokens[k].ws_start > at || ctx->claimed[k])
            continue;
        const kr_token *t = &ctx->an->tokens[k];
        bool glued = letter_before(text, t->ws_start, at) || letter_at(text, t->ws_end, after);
        if (!glued || !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d = kr_emit(ctx, at, after, "OCR-fejl: «£» er sandsynligvis et «#»");
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «#»", true);
        kr_fix_add_edit(ctx->out, f, at, after, "#", 1);
    }
}

/* Whether s[0..n) is dimensions written with an x for the multiplication sign:
 * groups of numbers joined by x (60x30, 256x256x256), a comma between groups
 * (2x2,1x1). A hexadecimal number (0x1F) is no such group. */
static bool x_dimensions(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t group = i, xs = 0;
        for (;;) {
            size_t d = i;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
            if (i == d || (s[d] == '0' && i == d + 1 && i < n && s[i] == 'x' && xs == 0))
                return false; /* no digits, or 0x: hexadecimal */
            if (i == n || s[i] != 'x')
                break;
            i++, xs++;
        }
        if (xs == 0 || i - group < 3)
            return false;
        if (i < n && (s[i] != ',' || ++i == n))
            return false;
    }
    return true;
}

/* Whether the byte before text[i] ends a word, a number or a comma (billede
 * ..., lag, ...,): dots after a comment sign (# ..., ' ...) are code's. */
static bool after_words(const char *text, size_t i)
{
    unsigned char c = (unsigned char)text[i - 1];
    return c == ',' || c >= 0x80 || (c >= '0' && c <= '9') ||
           ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Reports each chunk of text[from, to) (after a token of a block) that begins
 * with three dots after a space: an ellipsis read as dots. After the block's
 * last token (`tail`) only the first chunk, its diagnostic from `from` on: the
 * incremental lint keeps a block's diagnostics that start within its chunks
 * (lint_cache.c), and `from` ends the last one. */
static void ellipses_in_gap(kr_lint_ctx *ctx, size_t from, size_t to, bool tail)
{
    const char *text = ctx->text;
    for (size_t i = from; i + 3 <= to; i++) {
        if (tail && i > from && text[i - 1] != ' ' && text[i - 1] != '\t')
            return; /* past the first chunk */
        if (text[i] != '.' || i < 2 || (text[i - 1] != ' ' && text[i - 1] != '\t') ||
            text[i + 1] != '.' || text[i + 2] != '.' || !after_words(text, i - 1))
            continue;
        kr_diagnostic *d = kr_emit_text(ctx, tail ? from : i, i + 3,
                                        "OCR-fejl: «...» er sandsynligvis en ellipse «…»");
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «…»", true);
        kr_fix_add_edit(ctx->out, f, i, i + 3, "\xE2\x80\xA6", 3);
        if (tail)
            return;
        i += 2;
    }
}

/* The ellipsis (Skalér billede …, Eksportér som …) read as three dots by a
 * model that has none: in text with that model's signature (lost æøå), dots
 * that stand apart after a space, behind a word or a comma, are one. Dots
 * glued to a word (Gennemse..., For...Next, [,...]) or after a comment sign
 * (# ...) are left: in the corpora those were written as dots. */
static void check_ellipses(kr_lint_ctx *ctx, const cand_lists *c)
{
    const kr_analysis *an = ctx->an;
    int lost = -1; /* asked of the document only when a gap needs it */
    FOR_LIST(c, C_GAP, k)
    {
        const kr_token *t = &an->tokens[k];
        bool tail = k + 1 == an->n_tokens || an->tokens[k + 1].block != t->block;
        size_t to = tail ? an->blocks[t->block].end : an->tokens[k + 1].ws_start;
        if (to < t->ws_end + 4 || !memchr(ctx->text + t->ws_end, '.', to - t->ws_end))
            continue;
        if (lost < 0)
            lost = kr_doc_lost_diacritics(ctx);
        if (!lost)
            return;
        ellipses_in_gap(ctx, t->ws_end, to, tail);
    }
}

/* Whether token k is a lone x between two numbers of its block (12,7 x 21,2). */
static bool lone_x(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = ctx->an->tokens;
    return k > 0 && k + 1 < ctx->an->n_tokens && t[k].ws_end - t[k].ws_start == 1 &&
           t[k].end - t[k].start == 1 && ctx->text[t[k].start] == 'x' &&
           t[k - 1].kind == KR_TOK_NUMBER && t[k + 1].kind == KR_TOK_NUMBER &&
           t[k - 1].end == t[k - 1].ws_end && t[k + 1].start == t[k + 1].ws_start &&
           t[k - 1].block == t[k].block && t[k + 1].block == t[k].block;
}

/* The multiplication sign of dimensions (60×30, 2×2,1×1, 12,7 × 21,2) read as
 * an x by a model that has no ×: in text with that model's signature (lost
 * æøå) a number, an x and a number, glued or with a space each side, are one
 * such sign. */
static void check_times_signs(kr_lint_ctx *ctx, const cand_lists *cl)
{
    int lost = -1; /* asked of the document only when a token needs it */
    FOR_LIST(cl, C_NUMBER, k)
    {
        const kr_token *t = &ctx->an->tokens[k];
        unsigned char c = (unsigned char)ctx->text[t->start];
        if ((c < '0' || c > '9') && c != 'x')
            continue;
        if (t->kind != KR_TOK_WORD || ctx->claimed[k] ||
            !(c == 'x' ? lone_x(ctx, k) : x_dimensions(ctx->text + t->start, t->end - t->start)))
            continue;
        if (lost < 0)
            lost = kr_doc_lost_diacritics(ctx);
        if (!lost || !kr_claim(ctx, k, k))
            continue;
        size_t n = t->end - t->start, m = 0;
        char *fixed = kr_arena_alloc(ctx->scratch, 2 * n + 1);
        for (size_t i = t->start; i < t->end; i++) {
            if (ctx->text[i] == 'x') {
                memcpy(fixed + m, "\xC3\x97", 2);
                m += 2;
            } else {
                fixed[m++] = ctx->text[i];
            }
        }
        fixed[m] = '\0';
        kr_diagnostic *d = kr_emit(ctx, t->start, t->end,
                                   "OCR-fejl: «%.*s» skal sandsynligvis være «%s» (gangetegn)",
                                   (int)n, ctx->text + t->start, fixed);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret x til gangetegnet «×»", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->end, fixed, m);
    }
}

/* A capitalised word at token k with nothing glued on the side facing the gap
 * (side < 0: its end; side > 0: its start): a menu's name. */
static bool menu_name(const kr_lint_ctx *ctx, size_t k, int side)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->kind != KR_TOK_WORD || t->end - t->start < 2)
        return false;
    if (side < 0 ? t->end != t->ws_end : t->start != t->ws_start)
        return false;
    unsigned char c = (unsigned char)ctx->text[t->start];
    return (c >= 'A' && c <= 'Z') ||
           (c == 0xC3 && (unsigned char)ctx->text[t->start + 1] < 0x9F); /* Æ Ø Å */
}

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The one chunk of text between two tokens when it is an arrow's misreading: a
 * lone » or > or both (>»), or an em dash (the arrow's long stroke). Its span
 * goes to *s, *e. */
static bool arrow_gap(const char *text, size_t from, size_t to, size_t *s, size_t *e)
{
    while (from < to && blank(text[from]))
        from++;
    while (to > from && blank(text[to - 1]))
        to--;
    /* every arrow is 1 to 4 bytes and begins with >, »'s or —'s first byte;
     * the gap between two tokens is mostly one space (checked for every pair) */
    if (to == from || to - from > 4 ||
        (text[from] != '>' && text[from] != '\xC2' && text[from] != '\xE2'))
        return false;
    static const char *const arrows[] = {"»", ">", ">»", "»>", "»»", "—"};
    for (size_t i = 0; i < sizeof arrows / sizeof *arrows; i++)
        if (to - from == strlen(arrows[i]) && memcmp(text + from, arrows[i], to - from) == 0) {
            *s = from, *e = to;
            return true;
        }
    return false;
}

/* Adds the fix that writes `arrow` over [s, e) to d. */
static void add_arrow_fix(kr_lint_ctx *ctx, kr_diagnostic *d, size_t s, size_t e, const char *arrow,
                          bool preferred)
{
    char title[32];
    snprintf(title, sizeof title, "Ret til «%s»", arrow);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, preferred);
    kr_fix_add_edit(ctx->out, f, s, e, arrow, strlen(arrow));
}

/* A menu path's arrow (Funktioner ▸ Indstillinger, Filtre → Gengivelse) read as
 * a lone », > or —, between two capitalised names. Danish quotes (»sådan«) are
 * glued to their words, a comparison (a > b) has no capitals on both sides. A »
 * was the small triangle ▸ and a path that shows one has no other arrow; an em
 * dash was the long arrow →, and so, in the corpora, was a >. Where the text
 * shows no sign of the English model (its æøå kept), a > or an em dash may be
 * the writer's own: flagged, both arrows offered, neither preferred, and an em
 * dash not flagged at all. */
static void check_menu_arrows(kr_lint_ctx *ctx, const cand_lists *c)
{
    bool triangle = false;  /* a » arrow seen in this run of tokens */
    int lost = -1;          /* kr_doc_lost_diacritics, asked once */
    size_t last = SIZE_MAX; /* the token whose gap was an arrow's last */
    FOR_LIST(c, C_GAP, k)
    {
        if (k + 1 >= ctx->an->n_tokens)
            break;
        const kr_token *t = &ctx->an->tokens[k], *n = &ctx->an->tokens[k + 1];
        size_t s, e;
        if (last + 1 != k)
            triangle = false; /* the tokens between have no arrow after them */
        if (t->block != n->block || !arrow_gap(ctx->text, t->ws_end, n->ws_start, &s, &e) ||
            !menu_name(ctx, k, -1) || !menu_name(ctx, k + 1, 1)) {
            triangle = false;
            continue;
        }
        last = k;
        bool guillemet = memchr(ctx->text + s, '\xBB', e - s) != NULL;
        bool dash = ctx->text[s] == '\xE2';
        if (lost < 0 && !guillemet)
            lost = kr_doc_lost_diacritics(ctx);
        if (dash && !lost)
            continue;
        triangle = triangle || guillemet;
        kr_diagnostic *d = kr_emit(ctx, s, e, "OCR-fejl: «%.*s» er sandsynligvis en menupil",
                                   (int)(e - s), ctx->text + s);
        if (triangle || guillemet) {
            add_arrow_fix(ctx, d, s, e, "▸", true);
            continue;
        }
        add_arrow_fix(ctx, d, s, e, "→", lost);
        if (!dash)
            add_arrow_fix(ctx, d, s, e, "▸", false);
    }
}

/* True when text[s..e) holds a '=', '.' or ':' (text has len bytes): every
 * chunk of the document is asked, and few have one. */
static bool has_joiner(const char *text, size_t len, size_t s, size_t e)
{
#ifdef __SSE2__
    if (e - s <= 16 && s + 16 <= len) { /* most chunks: one compare of 16 bytes */
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(text + s));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('=')),
                                                _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
        return ((unsigned)_mm_movemask_epi8(hit) & ((1u << (e - s)) - 1)) != 0;
    }
#endif
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    size_t i = s;
    for (; i + 8 <= e; i += 8) {
        uint64_t x;
        memcpy(&x, text + i, 8);
        uint64_t a = x ^ (ones * '='), b = x ^ (ones * '.'), c = x ^ (ones * ':');
        if (((a - ones) & ~a & high) | ((b - ones) & ~b & high) | ((c - ones) & ~c & high))
            return true;
    }
    for (; i < e; i++)
        if (text[i] == '=' || text[i] == '.' || text[i] == ':')
            return true;
    return false;
}

/* Whether the chunk [s, e) reads as a machine name in small letters: no capital
 * but its I's, and a '=' or a '.' or ':' between letters (ou=…, ldap.intern). */
static bool machine_chunk(const char *text, size_t len, size_t s, size_t e)
{
    if (!has_joiner(text, len, s, e))
        return false;
    bool joined = false;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c >= 'A' && c <= 'Z' && c != 'I') || c == 0xC3)
            return false;
        if (c == '=' ||
            ((c == '.' || c == ':') && i > s && i + 1 < e &&
             ascii_letter((unsigned char)text[i - 1]) && text[i + 1] >= 'a' && text[i + 1] <= 'z'))
            joined = true;
    }
    return joined;
}

static bool small_or_i(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || c == 'I';
}

/* Whether text[s, e) is small ASCII letters and digits (capitals only I's) in
 * parts joined by single hyphens; *parts receives how many parts. */
static bool dashed_name(const char *text, size_t s, size_t e, unsigned *parts)
{
    *parts = 1;
    if (s >= e || text[s] == '-' || text[e - 1] == '-')
        return false;
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '-' && text[i - 1] != '-')
            ++*parts;
        else if (!small_or_i(c) && !(c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

/* Whether token k's chunk is a command-line name in small letters that begins
 * with an I (an l misread): an option (--Idap-conf), a name of three parts or
 * more (Idap-createuser-krb), or a name right before an option (Idapvi --…).
 * Danish words joined by hyphens have two parts, capitals and æøå. */
static bool command_chunk(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    const char *x = ctx->text;
    size_t s = t->ws_start, e = t->ws_end;
    while (e > s && x[e - 1] && strchr(".,;:)", x[e - 1]))
        e--;
    unsigned parts;
    if (e - s > 3 && x[s] == '-' && x[s + 1] == '-' && x[s + 2] == 'I')
        return dashed_name(x, s + 2, e, &parts);
    if (x[s] != 'I' || !dashed_name(x, s, e, &parts))
        return false;
    if (parts >= 3)
        return true;
    if (k + 1 >= ctx->an->n_tokens || (t->flags & KR_TOKF_LINE_END))
        return false;
    const kr_token *n = &ctx->an->tokens[k + 1];
    return n->ws_end - n->ws_start > 2 && x[n->ws_start] == '-' && x[n->ws_start + 1] == '-' &&
           small_or_i((unsigned char)x[n->ws_start + 2]);
}

/* The letters from the I at text[i] make a word with a small i (Indhold.txt). */
static bool i_word(kr_lint_ctx *ctx, size_t i, size_t end)
{
    char w[64];
    size_t n = 0;
    while (i + n < end && n < sizeof w && ascii_letter((unsigned char)ctx->text[i + n]))
        w[n] = ctx->text[i + n], n++;
    if (n == sizeof w)
        return true;
    w[0] = 'i';
    return (kr_lexicon_lookup(ctx->lex, w, n) & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN;
}

/* A small l read as a capital I inside a machine name in small letters
 * (Idap.intern, ou=Idap-access) or a command-line name (command_chunk): an I
 * beginning the chunk or a part after '=', '/', ',' or '-', before two small
 * letters, that makes no word as a small i. */
static void check_machine_ells(kr_lint_ctx *ctx)
{
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        char c0 = ctx->text[t->ws_start];
        if (ctx->claimed[k] || t->kind == KR_TOK_URL ||
            (!machine_chunk(ctx->text, ctx->len, t->ws_start, t->ws_end) &&
             !((c0 == 'I' || c0 == '-') && command_chunk(ctx, k))))
            continue;
        bool claimed = false;
        for (size_t i = t->ws_start; i + 2 < t->ws_end; i++) {
            char before = i > t->ws_start ? ctx->text[i - 1] : ' ';
            if (ctx->text[i] != 'I' || !strchr(" =/,-", before) || ctx->text[i + 1] < 'a' ||
                ctx->text[i + 1] > 'z' || ctx->text[i + 2] < 'a' || ctx->text[i + 2] > 'z')
                continue;
            if (i_word(ctx, i, t->ws_end))
                continue;
            if (!claimed && !kr_claim(ctx, k, k))
                break;
            claimed = true;
            kr_diagnostic *d =
                kr_emit(ctx, i, i + 1, "OCR-fejl: «I» i et maskinnavn er sandsynligvis et «l»");
            kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «l»", true);
            kr_fix_add_edit(ctx->out, f, i, i + 1, "l", 1);
        }
    }
}

/* A small l read as a capital I where a name begins (Idapvi for ldapvi, Itsp
 * for ltsp): an unknown word of an I and small letters whose first letters,
 * with an l, are a word of four or more the document writes elsewhere (LDAP,
 * ltsp) while with the I they are none. */
static void check_initial_ells(kr_lint_ctx *ctx, const cand_lists *c)
{
    if (!ctx->lex)
        return;
    const kr_token *tokens = ctx->an->tokens;
    const char *text = ctx->text;
    FOR_LIST(c, C_I, k)
    {
        const kr_token *t = &tokens[k];
        size_t n = t->end - t->start;
        if (text[t->start] != 'I' || n < 5 || n > 40 || text[t->start + 1] < 'a' ||
            text[t->start + 1] > 'z' || t->kind != KR_TOK_WORD || ctx->claimed[k])
            continue;
        char w[40];
        size_t m = 1;
        while (m < n && text[t->start + m] >= 'a' && text[t->start + m] <= 'z')
            m++;
        if (m < 4)
            continue;
        memcpy(w, text + t->start, m);
        bool found = false;
        for (size_t p = m < 8 ? m : 8; p >= 4 && !found; p--) {
            w[0] = 'l';
            found = kr_doc_word_count(ctx, w, p) > 0;
            w[0] = 'i';
            found = found && kr_doc_word_count(ctx, w, p) == 0;
        }
        if (!found || kr_word_verdict(ctx, text + t->start, n)->kind != KR_VERDICT_UNKNOWN ||
            !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d =
            kr_emit(ctx, t->start, t->start + 1, "OCR-fejl: «I» i «%.*s» er sandsynligvis et «l»",
                    (int)n, text + t->start);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «l»", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->start + 1, "l", 1);
    }
}

/* Only small letters in s[0..n): ASCII, or æ, ø, å and the like (UTF-8). */
static bool all_small_letters(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0xA0 &&
            (unsigned char)s[i + 1] < 0xC0)
            i++;
        else if (c < 'a' || c > 'z')
            return false;
    }
    return n > 0;
}

/* The length of the single quote mark (', ‘ or ’) that ends at text[i], or 0. */
static size_t single_quote_before(const char *text, size_t start, size_t i)
{
    if (i > start && text[i - 1] == '\'')
        return 1;
    if (i >= start + 3 && (unsigned char)text[i - 3] == 0xE2 &&
        (unsigned char)text[i - 2] == 0x80 &&
        ((unsigned char)text[i - 1] == 0x98 || (unsigned char)text[i - 1] == 0x99))
        return 3;
    return 0;
}

/* Whether text[s..e) holds a single quote mark (one that could close a quote). */
static bool has_single_quote(const char *text, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++)
        if (text[i] == '\'' ||
            ((unsigned char)text[i] == 0xE2 && i + 2 < e && (unsigned char)text[i + 1] == 0x80 &&
             ((unsigned char)text[i + 2] == 0x98 || (unsigned char)text[i + 2] == 0x99)))
            return true;
    return false;
}

/* An f read as a single quote mark, its hook taken for the mark (‘or for
 * for, 'orbedre for forbedre): a mark that opens a chunk, is never closed in
 * it and stands before small letters that make no word, when an f instead
 * makes a dictionary word. */
static void check_quote_effs(kr_lint_ctx *ctx, const cand_lists *c)
{
    if (!ctx->lex)
        return;
    const kr_token *tokens = ctx->an->tokens;
    FOR_LIST(c, C_GLUED, k)
    {
        const kr_token *t = &tokens[k];
        if (t->start == t->ws_start || t->kind != KR_TOK_WORD || ctx->claimed[k])
            continue;
        size_t q = single_quote_before(ctx->text, t->ws_start, t->start);
        if (!q || t->start - q != t->ws_start || has_single_quote(ctx->text, t->end, t->ws_end))
            continue;
        size_t n = t->end - t->start;
        char w[64];
        if (n + 1 >= sizeof w || !all_small_letters(ctx->text + t->start, n))
            continue;
        w[0] = 'f';
        memcpy(w + 1, ctx->text + t->start, n);
        if ((kr_lexicon_lookup(ctx->lex, w + 1, n) & KR_LEX_KNOWN) ||
            !(kr_lexicon_lookup(ctx->lex, w, n + 1) & KR_LEX_KNOWN) || !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d =
            kr_emit(ctx, t->ws_start, t->end,
                    "OCR-fejl: «%.*s» er sandsynligvis «%.*s» (f læst som citationstegn)",
                    (int)(t->end - t->ws_start), ctx->text + t->ws_start, (int)(n + 1), w);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «f»", true);
        kr_fix_add_edit(ctx->out, f, t->ws_start, t->start, "f", 1);
    }
}

/* The length of a double quote mark or ’ at text[i] (", “, ” or ’), or 0:
 * the marks OCR makes of an opening ”. */
static size_t opening_mark(const char *text, size_t i, size_t end)
{
    if (i < end && text[i] == '"')
        return 1;
    if (i + 3 <= end && (unsigned char)text[i] == 0xE2 && (unsigned char)text[i + 1] == 0x80 &&
        ((unsigned char)text[i + 2] == 0x99 || (unsigned char)text[i + 2] == 0x9C ||
         (unsigned char)text[i + 2] == 0x9D))
        return 3;
    return 0;
}

/* The first quote mark on the line after text[from]: a pointer to it when it
 * is ” (U+201D), else NULL. */
static const char *closing_double(const kr_lint_ctx *ctx, size_t from)
{
    const char *text = ctx->text;
    for (size_t i = from; i < ctx->len && text[i] != '\n'; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == '"' || c == '\'' ||
            (c == 0xC2 && i + 1 < ctx->len &&
             ((unsigned char)text[i + 1] == 0xAB || (unsigned char)text[i + 1] == 0xBB)))
            return NULL;
        if (c == 0xE2 && i + 2 < ctx->len && (unsigned char)text[i + 1] == 0x80 &&
            (unsigned char)text[i + 2] >= 0x98 && (unsigned char)text[i + 2] <= 0x9F)
            return (unsigned char)text[i + 2] == 0x9D ? text + i : NULL;
    }
    return NULL;
}

/* The quote mark ” misread where it opens a quote, when the line closes the
 * quote with ” before any other mark: read as ’ (’Smabornsloftet”), or read
 * twice (”"Smabernsleftet”, ’"…, ”“…). A ’ that opens a quote is itself a
 * misreading (Danish opens with ”, “ or »; a single quote with ‘ or '), two
 * marks in a row open nothing, and the closing mark says which one was meant. */
static void check_curly_openings(kr_lint_ctx *ctx, const cand_lists *c)
{
    static const char right_single[] = "\xE2\x80\x99", right_double[] = "\xE2\x80\x9D";
    const kr_token *tokens = ctx->an->tokens;
    const char *text = ctx->text;
    FOR_LIST(c, C_GLUED, k)
    {
        const kr_token *t = &tokens[k];
        size_t o = t->ws_start, a, b = 0;
        if (t->start == o || t->kind != KR_TOK_WORD || !(a = opening_mark(text, o, t->start)))
            continue;
        if (o + a < t->start)
            b = opening_mark(text, o + a, t->start);
        bool single = o + a == t->start && a == 3 && memcmp(text + o, right_single, 3) == 0;
        if ((!single && (!b || o + a + b != t->start)) || !closing_double(ctx, t->start))
            continue;
        kr_diagnostic *d = kr_emit(
            ctx, o, t->start,
            "OCR-fejl: citationstegnet «%.*s» er sandsynligvis «”», som citatet slutter med",
            (int)(t->start - o), text + o);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til «”»", true);
        kr_fix_add_edit(ctx->out, f, o, t->start, right_double, 3);
    }
}

/* The closing guillemet « read as a less-than sign, alone or before itself
 * (»Nej<«, »avancerede<): a chunk opened by » whose word ends in `<«` or `<`
 * (with at most a full stop or comma after it). */
static void check_guillemet_closings(kr_lint_ctx *ctx, const cand_lists *c)
{
    static const char open[] = "\xC2\xBB", close[] = "\xC2\xAB";
    const kr_token *tokens = ctx->an->tokens;
    const char *text = ctx->text;
    FOR_LIST(c, C_GLUED, k)
    {
        const kr_token *t = &tokens[k];
        size_t e = t->end, end = t->ws_end;
        if (t->kind != KR_TOK_WORD || t->start != t->ws_start + 2 ||
            memcmp(text + t->ws_start, open, 2) != 0 || e >= end || text[e] != '<')
            continue;
        size_t after = e + 1; /* past `<`, and past a « read with it */
        if (after + 2 <= end && memcmp(text + after, close, 2) == 0)
            after += 2;
        if (after < end && !(after + 1 == end && (text[after] == '.' || text[after] == ',')))
            continue;
        kr_diagnostic *d =
            kr_emit_text(ctx, e, after, "OCR-fejl: «<» er sandsynligvis et lukkende anførselstegn");
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret til lukkende anførselstegn", true);
        kr_fix_add_edit(ctx->out, f, e, after, close, 2);
    }
}

/* Whether the chunk of token k ends a sentence or a clause's opening may
 * follow it (. : ! ? ; a bracket or quote mark) — anything but a letter or a
 * comma. */
static bool ends_open(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *p = &ctx->an->tokens[k];
    unsigned char c = (unsigned char)ctx->text[p->ws_end - 1];
    return !(c == ',' || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80);
}

/* A small å read as a capital A where a word begins, inside a sentence
 * (filen Abnes, at Abne, afsnit, Abner): the repair engine restores the
 * capital Å the letter looks like, but after a word in small letters that
 * ends no sentence the word is in small letters too (åbnes). Mid-sentence
 * capitals after such a word are rare: a command's name, an imperative (vælg
 * Åbn), which is left alone. */
static void check_initial_capital_a(kr_lint_ctx *ctx, const cand_lists *c)
{
    if (!ctx->lex)
        return;
    const kr_token *tokens = ctx->an->tokens;
    const char *text = ctx->text;
    FOR_LIST(c, C_A, k)
    {
        if (k == 0)
            continue;
        const kr_token *t = &tokens[k], *p = &tokens[k - 1];
        size_t n = t->end - t->start;
        if (text[t->start] != 'A' || n < 3 || n > 60 || text[t->start + 1] < 'a' ||
            text[t->start + 1] > 'z' || t->kind != KR_TOK_WORD || t->start != t->ws_start ||
            ctx->claimed[k] || p->block != t->block || p->kind != KR_TOK_WORD ||
            !lower_start(ctx, k - 1) || ends_open(ctx, k - 1))
            continue;
        const kr_verdict *v = kr_word_verdict(ctx, text + t->start, n);
        if ((v->kind != KR_VERDICT_DIA && v->kind != KR_VERDICT_OCR) || !v->preferred ||
            v->n == 0 || v->cand[0].len < 3 || v->cand[0].len > 62 ||
            memcmp(v->cand[0].text, "\xC3\x85", 2) != 0)
            continue;
        char fix[64];
        size_t m = v->cand[0].len;
        memcpy(fix, v->cand[0].text, m);
        fix[1] = (char)0xA5; /* Å → å */
        fix[m] = 'e';
        /* an imperative keeps its capital: it names a command (vælg Åbn);
         * it is the infinitive without its -e, and no present tense,
         * passive, participle or adjective in -er, -es, -et, -en (åbner) */
        bool inflected = fix[m - 2] == 'e' && strchr("rstn", fix[m - 1]);
        if (!(kr_lexicon_lookup(ctx->lex, fix, m) & KR_LEX_KNOWN) ||
            (!inflected && (kr_lexicon_lookup(ctx->lex, fix, m + 1) & KR_LEX_KNOWN)) ||
            !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d = kr_emit(ctx, t->start, t->end,
                                   "OCR-fejl: «%.*s» skal sandsynligvis være «%.*s» (lille å "
                                   "læst som stort A)",
                                   (int)n, text + t->start, (int)v->cand[0].len, fix);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret stavningen", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->end, fix, v->cand[0].len);
    }
}

enum { MARGIN_MIN_LETTERS = 5, MARGIN_MAX_BYTES = 48 };

/* Whether token k may be a word whose first letter OCR lost at the left edge
 * of the page: first on its line (not the second half of a hyphen break), in
 * small ASCII letters, long enough that a letter in front rarely makes a word
 * by chance, and unknown with no repair of its own. */
static bool margin_word(kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    size_t n = t->end - t->start;
    if (!(t->flags & KR_TOKF_LINE_START) || t->kind != KR_TOK_WORD || ctx->claimed[k] ||
        t->start != t->ws_start || n < MARGIN_MIN_LETTERS || n > MARGIN_MAX_BYTES ||
        (k > 0 && (ctx->an->tokens[k - 1].flags & KR_TOKF_HYPHEN_END)))
        return false;
    for (size_t i = t->start; i < t->end; i++)
        if (ctx->text[i] < 'a' || ctx->text[i] > 'z')
            return false;
    return kr_word_verdict(ctx, ctx->text + t->start, n)->kind == KR_VERDICT_UNKNOWN;
}

/* The length of a closing bracket or quote mark that ends at text[i] (not
 * before start), or 0. */
static size_t closing_mark_before(const char *text, size_t start, size_t i)
{
    static const char *const marks[] = {")",       "]", "\"", "'", "\xE2\x80\x9D", "\xE2\x80\x99",
                                        "\xC2\xBB"};
    for (size_t m = 0; m < sizeof marks / sizeof *marks; m++) {
        size_t n = strlen(marks[m]);
        if (i >= start + n && memcmp(text + i - n, marks[m], n) == 0)
            return n;
    }
    return 0;
}

/* Whether a sentence begins at token k, which is first on its line: first in
 * its block, or after a sentence's final mark. */
static bool begins_sentence(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = ctx->an->tokens;
    if (k == 0 || t[k - 1].block != t[k].block)
        return true;
    /* the last mark before closing quotes and brackets: (se kapitel 2.) */
    size_t s = t[k - 1].ws_start, i = t[k - 1].ws_end, n;
    while ((n = closing_mark_before(ctx->text, s, i)) > 0)
        i -= n;
    char c = i > s ? ctx->text[i - 1] : 0;
    return c != 0 && strchr(".:!?", c) != NULL;
}

/* The first letter of a line lost at the left edge of the page (apitlet for
 * Kapitlet, orbindes for forbindes): an unknown word first on its line that
 * exactly one letter in front makes a common word gets that letter, a
 * capital where a sentence begins. */
__attribute__((noinline)) static void check_margin_letters(kr_lint_ctx *ctx, const cand_lists *c)
{
    if (!ctx->lex)
        return;
    const kr_token *tokens = ctx->an->tokens;
    FOR_LIST(c, C_LINE_START, k)
    {
        /* most tokens are not first on their line: one test, no call */
        if (!(tokens[k].flags & KR_TOKF_LINE_START) || !margin_word(ctx, k))
            continue;
        const kr_token *t = &ctx->an->tokens[k];
        /* the one letter that makes a common word; a letter that makes a rare
         * one (faskine beside maskine) is the less likely reading */
        const char *letter =
            kr_lost_letter(ctx->lex, "", 0, ctx->text + t->start, t->end - t->start, KR_LEX_COMMON,
                           0, begins_sentence(ctx, k));
        if (!letter || !kr_claim(ctx, k, k))
            continue;
        kr_diagnostic *d =
            kr_emit(ctx, t->start, t->end,
                    "OCR-fejl: «%.*s» har sandsynligvis mistet sit første bogstav: «%s%.*s»",
                    (int)(t->end - t->start), ctx->text + t->start, letter,
                    (int)(t->end - t->start), ctx->text + t->start);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Tilføj det tabte bogstav", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->start, letter, strlen(letter));
    }
}

static void check(kr_lint_ctx *ctx)
{
    kr_command_words_claim(ctx);
    cand_lists c;
    make_lists(ctx, &c);
    check_bullets(ctx, &c);
    check_bars(ctx, &c);
    check_superscripts(ctx);
    check_pounds(ctx);
    check_times_signs(ctx, &c);
    check_menu_arrows(ctx, &c);
    check_machine_ells(ctx);
    check_quote_effs(ctx, &c);
    check_curly_openings(ctx, &c);
    check_guillemet_closings(ctx, &c);
    check_initial_ells(ctx, &c);
    check_ellipses(ctx, &c);
    check_initial_capital_a(ctx, &c);
    check_margin_letters(ctx, &c);
    kr_caps_report(ctx, KR_VERDICT_OCR, "OCR-fejl");
    kr_confusion_report(ctx, KR_VERDICT_OCR, "OCR-fejl");
    kr_compound_tail_report(ctx, KR_VERDICT_OCR, "OCR-fejl");
}

const kr_rule kr_rule_ocr_confusion = {
    .id = "ocr-confusion",
    .severity = KR_SEV_WARNING,
    .summary = "letters misread by OCR (bgrns → børns, veere → være, 0og → og)",
    .explanation =
        "OCR, especially with an English model that has no æ, ø and å, misreads letters "
        "in typical ways: ø becomes g, e, o, a, 0 or @ (bgrns for børns, s@g for søg), æ "
        "becomes ee, ae or ze (veere for være), å becomes a, & or a capital A (pA for på), a "
        "letter becomes a digit "
        "or the other way round (0og, Idapvi), rn becomes m, letters are doubled and spaces "
        "lost (vii for vi i), a bullet becomes a letter at the start of a line (e At "
        "alle …), and signs become others: | for the word I, ? for ², £ for # "
        "(Put£-udtryk), », > or — for a menu arrow, x for the multiplication sign of "
        "dimensions (400x200 for 400×200, where the text shows the English model's "
        "signature), a single quote mark for an f (‘or for for); "
        "and a line's first letter can be lost at the "
        "page's left edge (apitlet for Kapitlet: repaired when exactly one letter in front "
        "makes a common word). korrektur undoes these confusions, each with a "
        "cost, and keeps only "
        "spellings the Danish dictionary knows, ranked by cost, how common the word is and "
        "whether the document spells it that way elsewhere. The fix is marked preferred "
        "only when one repair is clearly best; otherwise every plausible repair is offered.",
    .check = check,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};
