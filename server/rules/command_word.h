/* command_word.h — command names in running text (sed -i, tar -xf), which the
 * spelling rules missing-diacritics and ocr-confusion leave alone
 * (command_word.c). */
#ifndef KR_COMMAND_WORD_H
#define KR_COMMAND_WORD_H

#include "engine.h"

/* Claims, without reporting them, the unclaimed words that stand before a
 * command-line option on their line: no rule after this one checks them. */
void kr_command_words_claim(kr_lint_ctx *ctx);

#endif
