/* rule_support.h — what the rule suites share: lint a text and apply one rule's
 * preferred fixes, counting what the rule reported. */
#ifndef RULE_SUPPORT_H
#define RULE_SUPPORT_H

#include <stddef.h>

#include "korrektur/korrektur.h"

/* Lints text with `linter` and returns the text with the preferred fixes of
 * `rule` applied (new, free()). *count receives the rule's diagnostics and, when
 * not NULL, *unpreferred how many of them had no preferred fix. */
char *rule_fix_text(kr_linter *linter, const char *text, const char *rule, size_t *count,
                    size_t *unpreferred);

#endif
