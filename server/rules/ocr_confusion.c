/* ocr_confusion.c — rule `ocr-confusion`: words garbled by OCR (ø read as g,
 * æ as ee, l as I, a digit for a letter, rn for m, a doubled letter, a lost
 * space), repaired from the confusion table by the engine in server/confusion.c;
 * and a bullet glyph read as a letter at the start of a line (`e At alle`). */
#include <string.h>

#include "confusion.h"

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

static void check_bullets(kr_lint_ctx *ctx)
{
    for (size_t k = 0; k < ctx->an->n_tokens; k++) {
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

static void check(kr_lint_ctx *ctx)
{
    check_bullets(ctx);
    kr_confusion_report(ctx, KR_VERDICT_OCR, "OCR-fejl");
}

const kr_rule kr_rule_ocr_confusion = {
    .id = "ocr-confusion",
    .severity = KR_SEV_WARNING,
    .summary = "letters misread by OCR (bgrns → børns, veere → være, 0og → og)",
    .explanation =
        "OCR, especially with an English model that has no æ, ø and å, misreads letters "
        "in typical ways: ø becomes g, e, o, a, 0 or @ (bgrns for børns, s@g for søg), æ "
        "becomes ee, ae or ze (veere for være), å becomes a or &, a letter becomes a digit "
        "or the other way round (0og, Idapvi), rn becomes m, letters are doubled and spaces "
        "lost (vii for vi i), and a bullet becomes a letter at the start of a line (e At "
        "alle …). korrektur undoes these confusions, each with a cost, and keeps only "
        "spellings the Danish dictionary knows, ranked by cost, how common the word is and "
        "whether the document spells it that way elsewhere. The fix is marked preferred "
        "only when one repair is clearly best; otherwise every plausible repair is offered.",
    .check = check,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};
