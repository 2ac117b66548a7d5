/* missing_diacritics.c — rule `missing-diacritics`: words written without æ, ø
 * or å (sma for små, omradet for området, aa/oe/ae spellings). Real words that
 * are also æøå-less forms (far/får, mal/mål) are only reported when the whole
 * document lost its æøå; the engine in server/confusion.c decides. Words in
 * capitals (STORSTE for STØRSTE), which the engine leaves alone as acronyms,
 * are judged in lower case when the document lost its æøå (caps_word.c), and
 * real words the words beside them are told apart here (for du → før du,
 * realcontext.def). */
#include <stdint.h>
#include <string.h>

#include "caps_word.h"
#include "command_word.h"
#include "compound_tail.h"
#include "confusion.h"

/* ---- real words told apart by their neighbours --------------------------------- */
#define KR_REALCTX(b, w, m, a) {b, w, m, a},
static const struct {
    const char *before, *written, *meant, *after;
} realctx[] = {
#include "realcontext.def"
};
#undef KR_REALCTX

/* Whether the word s[0..n) (its first letter in any case) is one of the
 * "|"-separated lower-case words of `list`, or `list` holds `mark` ("*", "^"
 * or ","; 0: none). */
static bool in_list(const char *list, const char *s, size_t n, char mark)
{
    for (const char *p = list;;) {
        const char *e = strchr(p, '|');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (mark && len == 1 && p[0] == mark)
            return true;
        if (n && len == n && (p[0] == s[0] || (s[0] >= 'A' && s[0] <= 'Z' && p[0] == s[0] + 32)) &&
            memcmp(p + 1, s + 1, n - 1) == 0)
            return true;
        if (!e)
            return false;
        p = e + 1;
    }
}

/* Token j when it is a word of block `block` with nothing around it (*n its
 * length), else NULL. */
static const char *bare_word(const kr_lint_ctx *ctx, size_t j, uint32_t block, size_t *n)
{
    *n = 0;
    if (j >= ctx->an->n_tokens)
        return NULL;
    const kr_token *t = &ctx->an->tokens[j];
    if (t->block != block || t->kind != KR_TOK_WORD || t->ws_start != t->start ||
        t->ws_end != t->end)
        return NULL;
    *n = t->end - t->start;
    return ctx->text + t->start;
}

/* What precedes token k, as realcontext.def's `before` names it: '^' the start
 * of a sentence or block, ',' a comma, '*' a word (*b, *bn: which), 0
 * anything else (a number, a bracket, a semicolon). */
static char before_of(const kr_lint_ctx *ctx, size_t k, const char **b, size_t *bn)
{
    *b = NULL, *bn = 0;
    const kr_token *t = &ctx->an->tokens[k];
    if (!k || ctx->an->tokens[k - 1].block != t->block)
        return '^';
    const kr_token *p = &ctx->an->tokens[k - 1];
    if (p->ws_end > p->end) {
        char c = ctx->text[p->ws_end - 1];
        if (c == '.' || c == '!' || c == '?' || c == ':')
            return p->kind == KR_TOK_WORD ? '^' : 0;
        return c == ',' && p->ws_end - 1 == p->end ? ',' : 0;
    }
    *b = bare_word(ctx, k - 1, t->block, bn);
    return *b ? '*' : 0;
}

/* Whether s[0..n) is the lower-case word w, its first letter in any case. */
static bool same_word(const char *w, const char *s, size_t n)
{
    return (w[0] == s[0] || w[0] == (s[0] | 0x20)) && strncmp(w + 1, s + 1, n - 1) == 0 &&
           w[n] == '\0';
}

/* The entry for token k in its context, or -1. The written word has no
 * punctuation before it, and after it none or the mark that ends its clause
 * (which realcontext.def's `after` names "."); the word after it has none
 * before it. */
static int context_entry(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->ws_start != t->start || t->kind != KR_TOK_WORD)
        return -1;
    const char *s = ctx->text + t->start, *b;
    size_t n = t->end - t->start, bn, an;
    size_t i = 0, count = sizeof realctx / sizeof *realctx;
    while (i < count && !same_word(realctx[i].written, s, n))
        i++;
    if (i == count)
        return -1;
    /* a clause's end right after it (ændres.), else the word after it */
    char end = t->ws_end == t->end + 1 ? ctx->text[t->end] : 0;
    if (t->ws_end != t->end && !(end && strchr(".,;:!?", end)))
        return -1;
    char mark = before_of(ctx, k, &b, &bn);
    if (!mark)
        return -1;
    const kr_token *next = k + 1 < ctx->an->n_tokens ? &ctx->an->tokens[k + 1] : NULL;
    const char *a = NULL;
    an = 0;
    if (!end && next && next->block == t->block && next->kind == KR_TOK_WORD &&
        next->ws_start == next->start) /* the word after may end a clause (sørg for, at …) */
        a = ctx->text + next->start, an = next->end - next->start;
    for (; i < count; i++)
        if (same_word(realctx[i].written, s, n) && in_list(realctx[i].before, b, bn, mark) &&
            (!realctx[i].after[0] || in_list(realctx[i].after, a, an, end ? '.' : 0)))
            return (int)i;
    return -1;
}

static void check_context(kr_lint_ctx *ctx)
{
    if (!kr_doc_lost_diacritics(ctx))
        return;
    /* the written words' first two letters and longest length: most tokens
     * are passed over on one test (a 1 MB text has 170 000) */
    uint64_t starts[26 * 26 / 64 + 1] = {0};
    size_t longest = 0;
    for (size_t i = 0; i < sizeof realctx / sizeof *realctx; i++) {
        const char *w = realctx[i].written;
        unsigned c0 = (unsigned)(w[0] - 'a'), c1 = (unsigned)(w[1] - 'a'), b = c0 * 26 + c1;
        if (c0 < 26 && c1 < 26) /* (the table's words begin with two a-z) */
            starts[b / 64] |= 1ull << (b % 64);
        size_t n = strlen(w);
        longest = n > longest ? n : longest;
    }
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        if (t->end - t->start > longest || t->end - t->start < 2)
            continue;
        const unsigned char *u = (const unsigned char *)ctx->text + t->start;
        unsigned c0 = (u[0] | 0x20) - 'a', c1 = u[1] - 'a', b = c0 * 26 + c1;
        if (c0 >= 26 || c1 >= 26 || !((starts[b / 64] >> (b % 64)) & 1) || t->kind != KR_TOK_WORD ||
            ctx->claimed[k])
            continue;
        int i = context_entry(ctx, k);
        if (i < 0 || !kr_claim(ctx, k, k))
            continue;
        const char *s = ctx->text + t->start;
        size_t n = t->end - t->start, m = strlen(realctx[i].meant);
        char fix[32];
        memcpy(fix, realctx[i].meant, m + 1);
        if (s[0] >= 'A' && s[0] <= 'Z')
            fix[0] = (char)(fix[0] - 32); /* every meant word begins with a-z */
        kr_diagnostic *d =
            kr_emit(ctx, t->start, t->end, "Mangler æ/ø/å: «%.*s» skal sandsynligvis være «%s»",
                    (int)n, s, fix);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret stavningen", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->end, fix, m);
    }
}

/* ---- colours told apart by the colours beside them ------------------------------ */
#define KR_COLOUR(w, m) {w, m},
#define KR_COLOUR_WORD(w)
static const struct {
    const char *written, *meant;
} colours[] = {
#include "colours.def"
};
#undef KR_COLOUR
#undef KR_COLOUR_WORD
#define KR_COLOUR(w, m) w,
#define KR_COLOUR_WORD(w) w,
static const char *const colour_words[] = {
#include "colours.def"
};
#undef KR_COLOUR
#undef KR_COLOUR_WORD

enum { COLOUR_REACH = 3 }; /* words each side where another colour counts */

/* The colours entry of s[0..n) (its first letter in any case), or -1. */
static int colour_entry(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof colours / sizeof *colours; i++)
        if (strlen(colours[i].written) == n && same_word(colours[i].written, s, n))
            return (int)i;
    return -1;
}

static bool colour_word(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof colour_words / sizeof *colour_words; i++)
        if (strlen(colour_words[i]) == n && same_word(colour_words[i], s, n))
            return true;
    return false;
}

/* Token j's word without the hyphen of a suspended compound (rød-, grøn- og
 * blåkanal): its length. */
static size_t colour_len(const kr_lint_ctx *ctx, size_t j)
{
    const kr_token *t = &ctx->an->tokens[j];
    size_t n = t->end - t->start;
    return n > 1 && ctx->text[t->end - 1] == '-' ? n - 1 : n;
}

/* Whether the last byte of token j's chunk ends a sentence. */
static bool ends_sentence(const kr_lint_ctx *ctx, size_t j)
{
    char c = ctx->text[ctx->an->tokens[j].ws_end - 1];
    return c == '.' || c == '!' || c == '?' || c == ':';
}

/* Whether another colour is within COLOUR_REACH words of token k, in its
 * block and sentence. */
static bool colour_beside(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *tk = ctx->an->tokens;
    for (int side = -1; side <= 1; side += 2) {
        for (size_t d = 1; d <= COLOUR_REACH; d++) {
            size_t j = side < 0 ? k - d : k + d;
            if ((side < 0 && d > k) || j >= ctx->an->n_tokens || tk[j].block != tk[k].block ||
                ends_sentence(ctx, side < 0 ? j : j - 1))
                break;
            if (tk[j].kind == KR_TOK_WORD &&
                colour_word(ctx->text + tk[j].start, colour_len(ctx, j)))
                return true;
        }
    }
    return false;
}

/* A real word that is a colour's damaged form, among other colours (colours.def). */
static void check_colours(kr_lint_ctx *ctx)
{
    /* the written forms' first letters: most words pass on one test */
    uint32_t firsts = 0;
    for (size_t i = 0; i < sizeof colours / sizeof *colours; i++)
        firsts |= 1u << (colours[i].written[0] - 'a');
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        unsigned c = ((unsigned char)ctx->text[t->start] | 0x20) - 'a';
        if (c >= 26 || !((firsts >> c) & 1) || t->end - t->start > 7)
            continue;
        size_t n = colour_len(ctx, k);
        if (n < 3 || n > 6 || t->kind != KR_TOK_WORD || ctx->claimed[k])
            continue;
        const char *s = ctx->text + t->start;
        int i = colour_entry(s, n);
        if (i < 0 || !colour_beside(ctx, k) || !kr_claim(ctx, k, k))
            continue;
        size_t m = strlen(colours[i].meant);
        char fix[16];
        memcpy(fix, colours[i].meant, m + 1);
        if (s[0] >= 'A' && s[0] <= 'Z')
            fix[0] = (char)(fix[0] - 32); /* every meant word begins with a-z */
        kr_diagnostic *d = kr_emit(ctx, t->start, t->start + n,
                                   "Mangler æ/ø/å: «%.*s» skal sandsynligvis være «%s» (en farve)",
                                   (int)n, s, fix);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret stavningen", true);
        kr_fix_add_edit(ctx->out, f, t->start, t->start + n, fix, m);
    }
}

static void check(kr_lint_ctx *ctx)
{
    kr_command_words_claim(ctx);
    /* before the words' own verdicts: the neighbours may overrule one (den
     * rade: røde, where rade alone reads as råde) */
    check_context(ctx);
    if (kr_doc_lost_diacritics(ctx))
        check_colours(ctx);
    kr_confusion_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
    kr_compound_tail_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
    kr_caps_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
}

const kr_rule kr_rule_missing_diacritics = {
    .id = "missing-diacritics",
    .severity = KR_SEV_WARNING,
    .summary = "words written without æ, ø or å (sma → små, pa → på)",
    .explanation =
        "Text typed on a keyboard without Danish letters, or read by OCR that lacks them, "
        "writes a for å, o for ø, e or ae for æ, or the old aa spelling: sma for små, pa "
        "for på, omradet for området. korrektur restores the letters when the result is a "
        "Danish word and the word as written is not. Place names that keep aa (Aalborg, "
        "Aarhus) are known words and left alone. When the spelling without æøå is itself "
        "a word (far/får, mal/mål, hare/høre, bade/både), it is only reported when the "
        "document as a whole shows the signature of lost æøå (Danish text with almost none "
        "of them), and the fix is preferred only when the æøå word is much the likelier. "
        "Some are told apart by the words beside them: for du → før du, sorg for → sørg "
        "for, at tomme → at tømme; and colours by the colours beside them: R (Rad), G "
        "(Gren) og B (Bla) → Rød, Grøn, Blå.",
    .check = check,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};
