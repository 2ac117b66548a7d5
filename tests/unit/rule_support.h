/* rule_support.h — what the rule suites share: lint a text and apply one rule's
 * preferred fixes, counting what the rule reported; find a diagnostic by rule
 * and subject; render a list of diagnostics; and lint a document afresh and
 * incrementally and assert that both say the same. */
#ifndef RULE_SUPPORT_H
#define RULE_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "korrektur/korrektur.h"

/* Lints text with `linter` and returns the text with the preferred fixes of
 * `rule` applied (new, free()). *count receives the rule's diagnostics and, when
 * not NULL, *unpreferred how many of them had no preferred fix. */
char *rule_fix_text(kr_linter *linter, const char *text, const char *rule, size_t *count,
                    size_t *unpreferred);

/* How many diagnostics of `rule` (all when NULL) ds holds. */
size_t rule_count(const kr_diagnostics *ds, const char *rule);

/* The first diagnostic of `rule` whose subject is `subject` (either NULL: any),
 * or NULL. */
const kr_diagnostic *rule_find(const kr_diagnostics *ds, const char *rule, const char *subject);

/* The diagnostics of `rule` (all when NULL), one sorted line each with
 * everything a user sees: rule, severity, range, message, subject, and each
 * fix's title, whether it is preferred, and its edits. *count (when not NULL)
 * receives the lines. New, free(). */
char *rule_render(const kr_diagnostics *ds, const char *rule, size_t *count);

/* Every diagnostic, one line each as rule_render writes them, in the list's
 * own order (for comparing two lints' lists as a whole). New, free(). */
char *rule_render_in_order(const kr_diagnostics *ds);

/* The bytes of the file at `path` (tried without its leading "tests/" when the
 * suite runs from tests/), NUL-terminated; *len receives their count. A missing
 * file fails the test. New, free(). */
char *rule_slurp(const char *path, size_t *len);

/* One step of the suites' xorshift generator: advances *state (each suite keeps
 * its own seed, so its random texts stay the same) and returns a number below n. */
size_t rule_rnd(uint64_t *state, size_t n);

/* A text of n distinct made-up words (six letters each, ten a line): words no
 * dictionary and no other text of the suites holds. New, free(); *len its bytes. */
char *rule_made_up_words(unsigned n, size_t *len);

/* Asserts that an incremental lint's list says what a fresh one's says: the
 * diagnostics of `rule` (all when NULL) render alike (a failure shows the
 * first line that differs, naming `when`), and come in the same order by
 * position and rule (the incremental lint merges its cached, sorted lists
 * instead of sorting them all again). */
void rule_assert_same(const kr_diagnostics *inc, const kr_diagnostics *full, const char *rule,
                      const char *when);

/* Lints doc afresh (kr_linter_run_full) and then incrementally (kr_linter_run)
 * and asserts both say the same (rule_assert_same with `rule`, `when`). The
 * fresh lint runs first: the repair engine keeps a process-wide memo of its
 * searches, and a fresh lint is what a new process would answer. Returns how
 * many diagnostics of `counted` (all when NULL) the lint gave. */
size_t rule_lint_both(kr_linter *l, kr_document *doc, const char *rule, const char *counted,
                      const char *when);

#endif
