/* encoding.c — rule `encoding`: bytes that are not valid UTF-8 (a Latin-1 or
 * Windows-1252 file, a truncated download) and NUL bytes. The text is left alone:
 * there is no safe automatic repair, only the advice to convert the file. */
#include <string.h>

#include "engine.h"

static void check(kr_lint_ctx *ctx)
{
    if (ctx->text_clean)
        return; /* the linter knows there is nothing to find (per edit, not per text) */
    const unsigned char *t = (const unsigned char *)ctx->text;
    size_t reported = 0;
    for (size_t i = 0; i < ctx->len;) {
        size_t n = t[i] ? kr_utf8_char_len(ctx->text + i, ctx->len - i) : 0;
        if (n) {
            i += n;
            continue;
        }
        /* one diagnostic per run of bad bytes, and at most 100 per document */
        size_t j = i + 1;
        while (j < ctx->len && (t[j] == 0 || !kr_utf8_char_len(ctx->text + j, ctx->len - j)))
            j++;
        if (reported++ < 100) {
            if (t[i] == 0)
                kr_emit(ctx, i, j, "NUL-tegn i teksten: filen er ikke ren tekst");
            else
                kr_emit(ctx, i, j,
                        "Ugyldig UTF-8: filen er måske Latin-1/Windows-1252; konvertér den "
                        "til UTF-8 (fx korrektur fix --encoding latin1 eller iconv -f "
                        "latin1 -t utf-8)");
        }
        i = j;
    }
}

const kr_rule kr_rule_encoding = {
    .id = "encoding",
    .severity = KR_SEV_ERROR,
    .summary = "bytes that are not valid UTF-8, or NUL bytes",
    .explanation =
        "korrektur reads UTF-8 text. Bytes that are not valid UTF-8 usually mean the file "
        "was saved as Latin-1 or Windows-1252, where æ, ø and å are single bytes; NUL bytes "
        "mean it is not plain text at all. The text is never changed by this rule: convert "
        "the file (korrektur fix --encoding latin1, or iconv -f latin1 -t utf-8) and lint "
        "it again.",
    .check = check,
};
