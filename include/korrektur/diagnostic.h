/* korrektur/diagnostic.h — what the linter reports: diagnostics, their fixes, and
 * applying fixes to text.
 *
 * A kr_diagnostics list owns every diagnostic, fix, edit and string in it (one
 * arena, and storage it shares with the linter's cache and holds on to); all
 * pointers obtained from it are borrowed and live until kr_diagnostics_free().
 * Byte ranges are offsets into the linted text. */
#ifndef KORREKTUR_DIAGNOSTIC_H
#define KORREKTUR_DIAGNOSTIC_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
    KR_SEV_ERROR = 1, /* same numbers as LSP's DiagnosticSeverity */
    KR_SEV_WARNING = 2,
    KR_SEV_INFO = 3,
    KR_SEV_HINT = 4,
} kr_severity;

typedef struct kr_diagnostics kr_diagnostics;
typedef struct kr_diagnostic kr_diagnostic;
typedef struct kr_fix kr_fix;

/* One replacement of bytes [start, end) by text[0..len). */
typedef struct {
    size_t start, end;
    const char *text;
    size_t len;
} kr_edit;

/* "error", "warning", "information", "hint" (static strings). */
const char *kr_severity_name(kr_severity sev);

/* Parses a severity name ("error", "warning", "info"/"information", "hint").
 * Returns 0 and sets *out, or -1 for an unknown name. */
int kr_severity_parse(const char *name, kr_severity *out);

/* An empty list. */
kr_diagnostics *kr_diagnostics_new(void);

/* Frees the list and everything borrowed from it. Accepts NULL. */
void kr_diagnostics_free(kr_diagnostics *self);

/* Diagnostics are kept sorted by start offset, then end, then rule id. */
size_t kr_diagnostics_count(const kr_diagnostics *self);
const kr_diagnostic *kr_diagnostics_get(const kr_diagnostics *self, size_t i);

const char *kr_diagnostic_rule(const kr_diagnostic *d);
kr_severity kr_diagnostic_severity(const kr_diagnostic *d);
size_t kr_diagnostic_start(const kr_diagnostic *d);
size_t kr_diagnostic_end(const kr_diagnostic *d);
const char *kr_diagnostic_message(const kr_diagnostic *d);
/* The flagged word or span as the linter saw it (for hover and dictionary commands). */
const char *kr_diagnostic_subject(const kr_diagnostic *d);
size_t kr_diagnostic_fix_count(const kr_diagnostic *d);
const kr_fix *kr_diagnostic_fix(const kr_diagnostic *d, size_t i);
/* The preferred fix, or NULL when none is clearly best. */
const kr_fix *kr_diagnostic_preferred_fix(const kr_diagnostic *d);

const char *kr_fix_title(const kr_fix *f);
bool kr_fix_preferred(const kr_fix *f);
size_t kr_fix_edit_count(const kr_fix *f);
const kr_edit *kr_fix_edit(const kr_fix *f, size_t i);

/* Applies edits to text[0..len) and returns the new text (new, malloc'd,
 * NUL-terminated; *out_len receives its length). Edits are sorted by position;
 * an edit overlapping an earlier accepted one is skipped. Bytes outside the edits
 * are copied unchanged. Returns NULL only when out of memory. */
char *kr_edits_apply(const char *text, size_t len, const kr_edit *edits, size_t n, size_t *out_len);

/* The edits of every diagnostic's preferred fix, sorted, without overlaps (a fix
 * whose edits clash with an earlier fix is left out whole). Returns the count;
 * *out receives a new array (free()) whose texts are borrowed from the list. */
size_t kr_diagnostics_preferred_edits(const kr_diagnostics *self, kr_edit **out);

/* Applies every diagnostic's preferred fix (see kr_edits_apply) to text. New. */
char *kr_diagnostics_apply_preferred(const kr_diagnostics *self, const char *text, size_t len,
                                     size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
