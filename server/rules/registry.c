/* registry.c — the one table of rules, in the order they run. Earlier rules claim
 * the tokens they report, so a word gets one diagnostic, from the most specific
 * rule: encoding and structure first, spelling repairs next, unknown-word last. */
#include "engine.h"

extern const kr_rule kr_rule_encoding;

const kr_rule *const kr_rules[] = {
    &kr_rule_encoding,
};

const size_t kr_rules_count = sizeof kr_rules / sizeof kr_rules[0];
