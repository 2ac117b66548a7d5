/* analysis.c — the per-lint view rules read: blocks and tokens.
 * (Interim line-based version; the grammar's tree-based version replaces it.) */
#include <string.h>

#include "engine.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Punctuation stripped from the ends of a chunk: ASCII marks and the quote marks
 * and dashes of Danish typography. Returns its byte length at s, or 0. */
static size_t punct_at(const char *s, size_t avail)
{
    static const char *const multi[] = {"”", "“", "„", "»", "«", "’", "‘", "–", "—", "…", "•"};
    if (strchr("\"'()[]{},.;:!?*", s[0]) && s[0])
        return 1;
    for (size_t i = 0; i < sizeof multi / sizeof multi[0]; i++) {
        size_t n = strlen(multi[i]);
        if (n <= avail && memcmp(s, multi[i], n) == 0)
            return n;
    }
    return 0;
}

static size_t punct_before(const char *s, size_t start, size_t end)
{
    for (size_t n = 1; n <= 3 && n <= end - start; n++)
        if (punct_at(s + end - n, n) == n)
            return n;
    return 0;
}

static kr_token_kind classify(const char *s, size_t n)
{
    if ((n > 3 && memmem(s, n, "://", 3)) || (n > 4 && memcmp(s, "www.", 4) == 0))
        return KR_TOK_URL;
    bool letter = false, digit = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/' || c == '=' || c == '_' || c == '<' || c == '>' || c == '\\')
            return KR_TOK_OTHER;
        if ((c | 32) >= 'a' && (c | 32) <= 'z')
            letter = true;
        else if (c >= 0x80)
            letter = true;
        else if (c >= '0' && c <= '9')
            digit = true;
    }
    if (n > 3 && (memmem(s, n, ".dk", 3) || memmem(s, n, ".com", 4)) && letter)
        return KR_TOK_URL;
    return digit && !letter ? KR_TOK_NUMBER : KR_TOK_WORD;
}

void kr_analysis_build(kr_analysis *an, kr_arena *arena, const char *text, size_t len,
                       const TSTree *tree)
{
    (void)tree;
    size_t cap_b = 16, cap_t = 256;
    an->blocks = kr_arena_alloc(arena, cap_b * sizeof *an->blocks);
    an->tokens = kr_arena_alloc(arena, cap_t * sizeof *an->tokens);
    an->n_blocks = an->n_tokens = 0;
    an->title_block = SIZE_MAX;
    bool in_block = false;
    size_t i = 0;
    while (i < len) {
        size_t eol = i;
        while (eol < len && text[eol] != '\n')
            eol++;
        size_t j = i;
        while (j < eol && is_space(text[j]))
            j++;
        if (j == eol) {
            in_block = false;
        } else {
            if (!in_block) {
                if (an->n_blocks == cap_b) {
                    kr_block *nb = kr_arena_alloc(arena, 2 * cap_b * sizeof *nb);
                    memcpy(nb, an->blocks, cap_b * sizeof *nb);
                    an->blocks = nb;
                    cap_b *= 2;
                }
                an->blocks[an->n_blocks++] = (kr_block){KR_BLOCK_PARAGRAPH, KR_LABEL_NONE, i, eol};
                in_block = true;
            }
            an->blocks[an->n_blocks - 1].end = eol;
            bool first = true;
            while (j < eol) {
                size_t s = j;
                while (j < eol && !is_space(text[j]))
                    j++;
                size_t e = j, cs = s, ce = e, n;
                while (cs < ce && (n = punct_at(text + cs, ce - cs)))
                    cs += n;
                while (ce > cs && (n = punct_before(text, cs, ce)))
                    ce -= n;
                while (j < eol && is_space(text[j]))
                    j++;
                if (cs == ce)
                    continue;
                if (an->n_tokens == cap_t) {
                    kr_token *nt = kr_arena_alloc(arena, 2 * cap_t * sizeof *nt);
                    memcpy(nt, an->tokens, cap_t * sizeof *nt);
                    an->tokens = nt;
                    cap_t *= 2;
                }
                kr_token *t = &an->tokens[an->n_tokens++];
                *t = (kr_token){cs, ce, s, e, (uint16_t)classify(text + cs, ce - cs), 0,
                                (uint32_t)(an->n_blocks - 1)};
                if (first)
                    t->flags |= KR_TOKF_LINE_START;
                first = false;
                if (j == eol) {
                    t->flags |= KR_TOKF_LINE_END;
                    if (text[e - 1] == '-' && eol < len)
                        t->flags |= KR_TOKF_HYPHEN_END;
                }
            }
        }
        i = eol + 1;
    }
}
