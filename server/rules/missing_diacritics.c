/* missing_diacritics.c — rule `missing-diacritics`: words written without æ, ø
 * or å (sma for små, omradet for området, aa/oe/ae spellings). Real words that
 * are also æøå-less forms (far/får, mal/mål) are only reported when the whole
 * document lost its æøå; the engine in server/confusion.c decides. Words in
 * capitals (STORSTE for STØRSTE), which the engine leaves alone as acronyms,
 * are judged here in lower case when the document lost its æøå. */
#include <string.h>

#include "command_word.h"
#include "compound_tail.h"
#include "confusion.h"

enum { CAPS_MIN = 5 }; /* shorter words in capitals are acronyms (DNS, LDAP) */

/* Whether s[0..n) is ASCII capitals only, at least CAPS_MIN of them. */
static bool ascii_caps(const char *s, size_t n)
{
    if (n < CAPS_MIN)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    return true;
}

/* Upper-cases an ASCII/Latin-1-in-UTF-8 word in place (æ → Æ, ø → Ø, å → Å). */
static void upcase(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'a' && c <= 'z')
            s[i] = (char)(c - 32);
        else if (c == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0xA0 &&
                 (unsigned char)s[i + 1] <= 0xBE && (unsigned char)s[i + 1] != 0xB7)
            s[i + 1] = (char)((unsigned char)s[i + 1] - 0x20), i++;
    }
}

/* One part in capitals: reported when its lower-case form is no word and the
 * engine restores it with æ/ø/å alone, confidently (TALVAERDI → TALVÆRDI). */
static void check_caps_part(kr_lint_ctx *ctx, size_t k, kr_span p)
{
    char low[64], fix[128];
    size_t n = p.end - p.start;
    if (n >= sizeof low || !ascii_caps(ctx->text + p.start, n))
        return;
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(ctx->text[p.start + i] + 32);
    const kr_verdict *v = kr_word_verdict(ctx, low, n);
    if (v->kind != KR_VERDICT_DIA || !v->preferred || v->real_word || v->n == 0 ||
        v->cand[0].len >= sizeof fix || !kr_claim(ctx, k, k))
        return;
    memcpy(fix, v->cand[0].text, v->cand[0].len);
    upcase(fix, v->cand[0].len);
    kr_diagnostic *d =
        kr_emit(ctx, p.start, p.end, "Mangler æ/ø/å: «%.*s» skal sandsynligvis være «%.*s»", (int)n,
                ctx->text + p.start, (int)v->cand[0].len, fix);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret stavningen", true);
    kr_fix_add_edit(ctx->out, f, p.start, p.end, fix, v->cand[0].len);
}

/* Whether token t may have a part in capitals (kr_word_parts: parts start at
 * the token or after a '-'), decided before splitting it: most words start
 * with a small letter and have no hyphen. */
static bool may_hold_caps(const char *text, const kr_token *t)
{
    size_t n = t->end - t->start;
    const char *s = text + t->start;
    if (n < CAPS_MIN)
        return false;
    return (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z') || memchr(s, '-', n);
}

static void check_capitals(kr_lint_ctx *ctx)
{
    if (!kr_doc_lost_diacritics(ctx))
        return;
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        if (t->kind != KR_TOK_WORD || ctx->claimed[k] || !may_hold_caps(ctx->text, t))
            continue;
        kr_span parts[8];
        size_t np = kr_word_parts(ctx->text, t, parts, 8);
        for (size_t i = 0; i < np && !ctx->claimed[k]; i++)
            check_caps_part(ctx, k, parts[i]);
    }
}

static void check(kr_lint_ctx *ctx)
{
    kr_command_words_claim(ctx);
    kr_confusion_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
    kr_compound_tail_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
    check_capitals(ctx);
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
        "of them), and the fix is preferred only when the æøå word is much the likelier.",
    .check = check,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};
