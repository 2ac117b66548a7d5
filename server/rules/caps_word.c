/* caps_word.c — words in capitals that lost their Æ, Ø and Å (STORRELSE for
 * STØRRELSE) or had them misread (H@JRE for HØJRE: function names and menu
 * labels are written so). The engine (server/confusion.c) leaves words in
 * capitals alone, as acronyms; here a long one is judged in lower case, where
 * the document lost its æøå, and its repair written back in capitals. Shared
 * by the rules missing-diacritics and ocr-confusion (caps_word.h). */
#include "caps_word.h"

#include <string.h>

enum { CAPS_MIN = 5 }; /* shorter words in capitals are acronyms (DNS, LDAP) */

/* Whether s[0..n) is ASCII capitals only (or an @ among them, with `at`), at
 * least CAPS_MIN of them, an @ neither first nor last. */
static bool caps_only(const char *s, size_t n, bool at)
{
    if (n < CAPS_MIN)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] < 'A' || s[i] > 'Z') && !(at && s[i] == '@' && i > 0 && i + 1 < n))
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
 * engine repairs it with a verdict of `kind`, confidently (TALVAERDI →
 * TALVÆRDI). */
static void check_part(kr_lint_ctx *ctx, size_t k, kr_span p, kr_verdict_kind kind,
                       const char *what)
{
    char low[64], fix[128];
    size_t n = p.end - p.start;
    if (n >= sizeof low || !caps_only(ctx->text + p.start, n, kind == KR_VERDICT_OCR))
        return;
    for (size_t i = 0; i < n; i++) {
        char c = ctx->text[p.start + i];
        low[i] = c == '@' ? c : (char)(c + 32);
    }
    const kr_verdict *v = kr_word_verdict(ctx, low, n);
    if (v->kind != kind || !v->preferred || v->real_word || v->n == 0 ||
        v->cand[0].len >= sizeof fix || !kr_claim(ctx, k, k))
        return;
    memcpy(fix, v->cand[0].text, v->cand[0].len);
    upcase(fix, v->cand[0].len);
    kr_diagnostic *d = kr_emit(ctx, p.start, p.end, "%s: «%.*s» skal sandsynligvis være «%.*s»",
                               what, (int)n, ctx->text + p.start, (int)v->cand[0].len, fix);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, "Ret stavningen", true);
    kr_fix_add_edit(ctx->out, f, p.start, p.end, fix, v->cand[0].len);
}

/* Whether token t may have a part in capitals (kr_word_parts: parts start at
 * the token or after a '-'), decided before splitting it: most words start
 * with a small letter and have no hyphen (an @ second is H@JRE's Ø). */
static bool may_hold_caps(const char *text, const kr_token *t)
{
    size_t n = t->end - t->start;
    const char *s = text + t->start;
    if (n < CAPS_MIN)
        return false;
    return (s[0] >= 'A' && s[0] <= 'Z' && ((s[1] >= 'A' && s[1] <= 'Z') || s[1] == '@')) ||
           memchr(s, '-', n);
}

void kr_caps_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what)
{
    if (!kr_doc_lost_diacritics(ctx))
        return;
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
        const kr_token *t = &ctx->an->tokens[k];
        /* most words are short or begin with a small letter and hold no hyphen */
        if (t->end - t->start < CAPS_MIN || t->kind != KR_TOK_WORD || ctx->claimed[k] ||
            !may_hold_caps(ctx->text, t))
            continue;
        kr_span parts[8];
        size_t np = kr_word_parts(ctx->text, t, parts, 8);
        for (size_t i = 0; i < np && !ctx->claimed[k]; i++)
            check_part(ctx, k, parts[i], kind, what);
    }
}
