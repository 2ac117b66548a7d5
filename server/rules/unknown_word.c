/* unknown_word.c — rule `unknown-word`: words the dictionary does not know and
 * the repair engine (server/confusion.c) could not confidently repair. A hint
 * without a fix: the user can add the word to the dictionary from the editor. */
#include "confusion.h"

static void check(kr_lint_ctx *ctx)
{
    kr_confusion_report(ctx, KR_VERDICT_UNKNOWN, "Ukendt ord");
}

const kr_rule kr_rule_unknown_word = {
    .id = "unknown-word",
    .severity = KR_SEV_HINT,
    .summary = "words the dictionary does not know, with no confident repair",
    .explanation =
        "A word that is neither in the Danish dictionary (hunspell da_DK and its "
        "compounds), nor in the user's dictionary, and that no OCR or æøå repair turns "
        "into a known word. It may be a name, a technical term or damage korrektur cannot "
        "undo, so it is only a hint and has no fix; add the word to the dictionary file "
        "named in .korrektur.json to silence it. ALLCAPS acronyms, MixedCase names, "
        "numbers, URLs and code are never reported.",
    .check = check,
    .scope = KR_SCOPE_BLOCK, /* per block, cached (engine.h) */
};
