/* korrektur/config.h — user configuration: declared terms, the accepted-words
 * dictionary, per-rule switches and severities, the severity threshold and the
 * file-size cap. Read from `.korrektur.json`, LSP initializationOptions or
 * didChangeConfiguration (the JSON readers live in the JSON layer, lsp_config.c). */
#ifndef KORREKTUR_CONFIG_H
#define KORREKTUR_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diagnostic.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kr_config kr_config;

/* Defaults: terms ["Småbørnsløftet"], every rule on at its default severity,
 * minSeverity warning, maxFileSize 10 MiB, maxProblems 1000, no dictionary. New. */
kr_config *kr_config_new(void);
/* A deep copy. New. */
kr_config *kr_config_copy(const kr_config *self);
/* Accepts NULL. */
void kr_config_free(kr_config *self);

/* Declared terms (borrowed strings, valid until the terms change). */
void kr_config_clear_terms(kr_config *self);
int kr_config_add_term(kr_config *self, const char *term); /* copies; -1 if empty */
size_t kr_config_term_count(const kr_config *self);
const char *kr_config_term(const kr_config *self, size_t i);

/* Path of a word-list file of accepted words, one per line (copied); NULL clears. */
void kr_config_set_dictionary(kr_config *self, const char *path);
const char *kr_config_dictionary(const kr_config *self); /* borrowed or NULL */

/* Rule switches. Returns -1 for an unknown rule id. */
int kr_config_set_rule_enabled(kr_config *self, const char *rule, bool enabled);
int kr_config_set_rule_severity(kr_config *self, const char *rule, kr_severity sev);
bool kr_config_rule_enabled(const kr_config *self, const char *rule);
kr_severity kr_config_rule_severity(const kr_config *self, const char *rule);

void kr_config_set_min_severity(kr_config *self, kr_severity sev);
kr_severity kr_config_min_severity(const kr_config *self);
void kr_config_set_max_file_size(kr_config *self, size_t bytes);
size_t kr_config_max_file_size(const kr_config *self);
/* How many diagnostics the language server reports per document, the first in
 * document order (like cSpell's maxNumberOfProblems); 0 = unlimited. The CLI and
 * fix-all ignore it. */
void kr_config_set_max_problems(kr_config *self, size_t n);
size_t kr_config_max_problems(const kr_config *self);

/* Folder the config file was read from (relative dictionary paths resolve
 * against it); copied, NULL clears. */
void kr_config_set_base_dir(kr_config *self, const char *dir);
const char *kr_config_base_dir(const kr_config *self);

/* Reads JSON (a `.korrektur.json` object or the LSP settings object) into self.
 * `origin` names the source in messages. On error returns -1, leaves self
 * unchanged and sets *err to one new sentence naming the offending key (free()). */
int kr_config_load_json(kr_config *self, const char *json, size_t len, const char *origin,
                        char **err);
/* Reads a file with kr_config_load_json and sets the base dir to its folder. */
int kr_config_load_file(kr_config *self, const char *path, char **err);

/* Walks up from the folder of `file` looking for `.korrektur.json`. Returns the
 * path (new, free()) or NULL. */
char *kr_config_find(const char *file);

#ifdef __cplusplus
}
#endif
#endif
