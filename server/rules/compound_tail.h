/* compound_tail.h — compounds whose last part is damaged (tekstomrade,
 * testformal, gennemskezer): the check the rules missing-diacritics and
 * ocr-confusion share (compound_tail.c). */
#ifndef KR_COMPOUND_TAIL_H
#define KR_COMPOUND_TAIL_H

#include "confusion.h"

/* Reports, for the running rule, every unclaimed word part that the repair
 * engine leaves alone as a compound (or cannot repair) although it is a known
 * word followed by a tail the engine repairs with a verdict of `kind`; the fix
 * repairs the tail. Reported tokens are claimed. */
void kr_compound_tail_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what);

/* The slot of ctx->shared where it keeps, for the lint, what each distinct word
 * came to (both spelling rules ask about the same words). */
#define KR_SHARED_COMPOUND_TAIL 1

#endif
