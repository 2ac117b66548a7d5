/* registry.c — the one table of rules, in the order they run. Earlier rules claim
 * the tokens they report, so a word gets one diagnostic, from the most specific
 * rule: encoding and structure first, spelling repairs next, unknown-word last. */
#include "engine.h"

extern const kr_rule kr_rule_encoding;
extern const kr_rule kr_rule_structure;
extern const kr_rule kr_rule_page_artifact;
extern const kr_rule kr_rule_term_consistency;
extern const kr_rule kr_rule_broken_hyphenation;
extern const kr_rule kr_rule_ocr_confusion;
extern const kr_rule kr_rule_missing_diacritics;
extern const kr_rule kr_rule_unknown_word;

const kr_rule *const kr_rules[] = {
    &kr_rule_encoding,           &kr_rule_structure,          &kr_rule_page_artifact,
    &kr_rule_term_consistency,   &kr_rule_broken_hyphenation, &kr_rule_ocr_confusion,
    &kr_rule_missing_diacritics, &kr_rule_unknown_word,
};

const size_t kr_rules_count = sizeof kr_rules / sizeof kr_rules[0];
