/* caps_word.h — words in capitals (STORRELSE, H@JRE), which the repair engine
 * leaves alone as acronyms: the check the rules missing-diacritics and
 * ocr-confusion share (caps_word.c). */
#ifndef KR_CAPS_WORD_H
#define KR_CAPS_WORD_H

#include "confusion.h"

/* Reports, for the running rule, every unclaimed word part in capitals (five
 * or more; with ocr, an @ may stand among them for an Ø) whose lower-case
 * form the engine repairs confidently with a verdict of `kind`, in a document
 * that lost its æøå; the fix writes the repair in capitals. `what` begins the
 * message. Reported tokens are claimed. */
void kr_caps_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what);

#endif
