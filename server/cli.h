/* cli.h — the command-line front end's parts: options, reading files, running
 * lints in parallel, formatting results. Not part of the engine. */
#ifndef KR_CLI_H
#define KR_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "korrektur/korrektur.h"

typedef enum {
    KR_FMT_TEXT,
    KR_FMT_JSON,
    KR_FMT_JSONL,
    KR_FMT_SARIF,
    KR_FMT_GITHUB,
} kr_format;

typedef struct {
    kr_format format;
    bool min_severity_set;
    kr_severity min_severity;
    const char *config_path; /* --config, or NULL: search per file */
    const char *dict_path;   /* --dict */
    const char *encoding;    /* --encoding latin1, or NULL */
    int jobs;                /* -j, 0 = cores */
    bool in_place;           /* fix -i */
    bool diff;               /* fix --diff */
    char **files;
    size_t n_files;
} kr_cli_opts;

/* The result of linting one file, kept until its turn to print comes. */
typedef struct {
    const char *path; /* as given (borrowed from opts) */
    char *text;       /* the file's bytes (as UTF-8 after --encoding) */
    size_t len;
    kr_document *doc;
    kr_diagnostics *diags; /* filtered to min severity, owned */
    kr_edit *fix_edits;    /* fix: what kr_linter_fix makes of the text (owned; NULL:
                              not computed, the diagnostics' preferred edits are used) */
    size_t n_fix_edits;
    char *error;              /* one sentence, when the file could not be processed */
    kr_severity min_severity; /* diagnostics below it are not shown */
    long long mtime_ns, size; /* the file as read, so fix -i can refuse to overwrite a
                                 file that changed meanwhile (-1: unknown) */
    int status;               /* 0 clean, 1 findings, 2 error */
} kr_cli_result;

/* Lints every file in opts (in parallel), then calls `emit` for each in input
 * order as soon as it and all before it are done. Returns the exit status
 * (max of the files' statuses). */
int kr_cli_run(const kr_cli_opts *opts, bool fixing,
               int (*emit)(const kr_cli_opts *opts, kr_cli_result *r, void *ud), void *ud);

/* Reads a whole file ("-" = stdin). Returns 0, or -1 with *err set (new). */
int kr_cli_read_file(const char *path, char **text, size_t *len, char **err);

/* Output formats (cli_format.c). */
void kr_cli_format_begin(const kr_cli_opts *opts, FILE *out);
void kr_cli_format_file(const kr_cli_opts *opts, const kr_cli_result *r, FILE *out);
void kr_cli_format_end(const kr_cli_opts *opts, FILE *out);
/* Writes s as a JSON string literal (with quotes). */
void kr_json_string(FILE *out, const char *s, size_t n);

/* The formats' writer (cli_format.c), for one file's output: one buffer written
 * out in large blocks, each distinct JSON string escaped once, positions counted
 * forward over the file's sorted diagnostics in `enc` units (doc may be NULL when
 * no position is asked for). */
typedef struct kr_cli_writer kr_cli_writer;
kr_cli_writer *kr_cli_writer_new(FILE *out, const kr_document *doc, kr_encoding enc);
/* Writes out what is left and frees the writer. */
void kr_cli_writer_end(kr_cli_writer *w);
void kr_cli_write(kr_cli_writer *w, const char *s, size_t n);
#define KR_CLI_WRITE_LIT(w, lit) kr_cli_write((w), (lit), sizeof(lit) - 1)
void kr_cli_write_uint(kr_cli_writer *w, unsigned long long v);
/* s as a JSON string literal (with quotes). */
void kr_cli_write_json(kr_cli_writer *w, const char *s, size_t n);
kr_position kr_cli_writer_position(kr_cli_writer *w, size_t offset);

#endif
