/* korrektur/linter.h — runs the rules over a document.
 *
 * A kr_linter is a configuration bound to a lexicon. It is not thread-safe by
 * itself: use one linter per thread (they may share one kr_lexicon). */
#ifndef KORREKTUR_LINTER_H
#define KORREKTUR_LINTER_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "diagnostic.h"
#include "document.h"
#include "lexicon.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kr_linter kr_linter;

/* New linter with a copy of `config` (NULL: defaults) using `lexicon` (borrowed:
 * must outlive the linter). */
kr_linter *kr_linter_new(const kr_config *config, kr_lexicon *lexicon);
/* Accepts NULL. */
void kr_linter_free(kr_linter *self);

/* How many threads a lint may use (the default, 1: only the calling one). With
 * 2 or more, a lint that reads much new text — the first lint of a document, or
 * one after a change of more than some 64 kB — starts one more thread (while the
 * machine has a core to spare) that runs the repair engine's word searches as
 * the calling thread parses; kr_linter_run joins it before it returns (no work
 * outlives the call, and the thread owns nothing the caller sees). The result
 * is the same with any number. The language server uses 2; `korrektur check`
 * 1 per file. */
void kr_linter_set_threads(kr_linter *self, unsigned threads);

/* Replaces the linter's configuration with a copy of `config`. */
void kr_linter_set_config(kr_linter *self, const kr_config *config);
/* Borrowed. */
const kr_config *kr_linter_config(const kr_linter *self);

/* Forgets every result the linter may reuse (see kr_linter_run). Never needed
 * for its own changes: a new configuration and words added to the lexicon are
 * noticed by themselves; for anything else the linter cannot see. */
void kr_linter_invalidate(kr_linter *self);

/* Lints the document (parsing it if needed). Incremental: the document keeps the
 * per-block results of the last lint, and after an edit only the touched blocks
 * run the block-scope rules again; the result is always that of a fresh lint. Returns a new list,
 * sorted, holding the diagnostics of enabled rules at or above no threshold (filtering by
 * minSeverity is the caller's choice). NULL only when out of memory. */
kr_diagnostics *kr_linter_run(kr_linter *self, kr_document *doc);

/* Does now what the document's last kr_linter_run left for later: storing its
 * per-block results for the next lint to reuse. A document's first lint returns
 * before it stores them (some 10 ms for the 31 000 diagnostics of a 1 MB OCR
 * text), so a caller that has just shown the result can do it while nobody
 * waits; else it is done at the document's next edit or lint. The result list
 * and the document may be freed before: the work is then dropped, not done. */
void kr_linter_settle(kr_linter *self, kr_document *doc);

/* What `korrektur fix` does: applies every preferred fix, lints the result and
 * applies again until nothing changes (a few rounds at most: one repair can be the
 * evidence for another), so that fixing the fixed text changes nothing. Only
 * diagnostics for which keep(d, ud) is true count (keep NULL: all). Returns the
 * edits that turn doc's text into the fixed text, sorted and disjoint (new: free
 * with kr_edits_free, which owns their texts); *n receives their number. */
kr_edit *kr_linter_fix(kr_linter *self, kr_document *doc,
                       bool (*keep)(const kr_diagnostic *d, void *ud), void *ud, size_t *n);
/* Frees an edit array from kr_linter_fix. Accepts NULL. */
void kr_edits_free(kr_edit *edits, size_t n);

/* The rule registry (static data). */
size_t kr_rule_count(void);
const char *kr_rule_id(size_t i);
kr_severity kr_rule_default_severity(size_t i);
const char *kr_rule_summary(size_t i);     /* one line */
const char *kr_rule_explanation(size_t i); /* one paragraph */
/* Index of a rule id, or -1. */
int kr_rule_find(const char *id);

#ifdef __cplusplus
}
#endif
#endif
