/* lint_cache.h — the incremental lint (lint_cache.c), used by linter.c only.
 *
 * Block-scope rules (KR_SCOPE_BLOCK in engine.h) run per unit: the tokens of one
 * block with the token before and after as context. A unit's diagnostics are
 * kept in the document's kr_lint_cache under a 128-bit hash of everything the
 * contract says they may depend on, with offsets relative to the unit, and are
 * copied back, shifted, while that hash and the document-wide answers recorded
 * through kr_lint_note_doc_query() hold, and linted again when a fact the unit
 * noted (kr_lint_note_fact) is reported changed. Identical units (a paragraph
 * repeated in an archive) are linted once. */
#ifndef KR_LINT_CACHE_H
#define KR_LINT_CACHE_H

#include "engine.h"

/* Prepares the document's cache for a lint by `linter_id` with configuration
 * `generation`: drops everything made under another linter or configuration,
 * builds the document statistics (on the full analysis in ctx) and drops
 * everything when an answer recorded earlier no longer holds. Then records the
 * lint's document queries (ctx->incr). Returns the cache (owned by the doc). */
kr_lint_cache *kr_lint_cache_begin(kr_lint_ctx *ctx, uint64_t linter_id, uint64_t generation);

/* Runs rules[0..n) (block scope, enabled, in order) per unit, from the cache
 * where it can, adding their diagnostics to ctx->out. Their fixes' edits write
 * only clean text, and when the text is clean (ctx->text_clean) the fixes on
 * spans that cut a character are dropped already (as linter.c does for the rest).
 * Returns whether the diagnostics it added are in kr_diagnostics_sort's order. */
bool kr_lint_cache_run(kr_lint_cache *c, kr_lint_ctx *ctx, const kr_rule *const *rules,
                       const kr_severity *severity, size_t n);

/* Ends the lint: forgets units the document no longer has (once they are a
 * quarter of the table). */
void kr_lint_cache_end(kr_lint_cache *c, kr_lint_ctx *ctx);

#endif
