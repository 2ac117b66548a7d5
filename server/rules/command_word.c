/* command_word.c — a word written right before a command-line option (sed -i,
 * grep -r, apt --fix) is a command's name, not a Danish word: in text that lost
 * its æ/ø/å, sed would otherwise become sæd. Shared by the spelling rules
 * (command_word.h). */
#include "command_word.h"

static bool ascii_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

/* The chunk of token k is an option: --name, or -x with at most three letters
 * (-i, -xzf). Not a dash, a minus before a number, or a compound's second half
 * after an icon the text leaves out (Klik på -knappen). */
static bool option_chunk(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    const char *s = ctx->text + t->ws_start;
    size_t n = t->ws_end - t->ws_start, i = 1;
    if (n < 2 || s[0] != '-')
        return false;
    if (s[1] == '-')
        return n > 2 && ascii_lower((unsigned char)s[2]);
    while (i < n && ascii_lower((unsigned char)s[i]))
        i++;
    return i > 1 && i <= 4 && (i == n || !ascii_lower((unsigned char)s[i]));
}

/* Token k is a bare word in small ASCII letters (no punctuation glued on). */
static bool bare_lower_word(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->kind != KR_TOK_WORD || t->start != t->ws_start || t->end != t->ws_end)
        return false;
    for (size_t i = t->start; i < t->end; i++)
        if (!ascii_lower((unsigned char)ctx->text[i]))
            return false;
    return true;
}

void kr_command_words_claim(kr_lint_ctx *ctx)
{
    for (size_t k = 0; k + 1 < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        /* the next chunk's first byte first: it rules out almost every word */
        if (ctx->text[ctx->an->tokens[k + 1].ws_start] != '-' || ctx->claimed[k] ||
            (t->flags & KR_TOKF_LINE_END) || !option_chunk(ctx, k + 1) || !bare_lower_word(ctx, k))
            continue;
        kr_claim(ctx, k, k);
    }
}
