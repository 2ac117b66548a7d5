/* missing_diacritics.c — rule `missing-diacritics`: words written without æ, ø
 * or å (sma for små, omradet for området, aa/oe/ae spellings). Real words that
 * are also æøå-less forms (far/får, mal/mål) are only reported when the whole
 * document lost its æøå; the engine in server/confusion.c decides. */
#include "compound_tail.h"
#include "confusion.h"

static void check(kr_lint_ctx *ctx)
{
    kr_confusion_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
    kr_compound_tail_report(ctx, KR_VERDICT_DIA, "Mangler æ/ø/å");
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
