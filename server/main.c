/* main.c — the `korrektur` command: argument parsing and dispatch to check, fix,
 * parse, lsp and the informational flags. Exit codes: 0 clean, 1 findings,
 * 2 usage or I/O error. */
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "korrektur/korrektur.h"

/* Provided by the LSP layer (lsp_server.c) and the tree printer (tree.c); weak so
 * a build without them still runs the other commands. */
int kr_lsp_main(int argc, char **argv) __attribute__((weak));
int kr_tree_print(kr_document *doc, FILE *out) __attribute__((weak));
int kr_cli_fix_emit(const kr_cli_opts *opts, kr_cli_result *r, void *ud);

static const char usage[] =
    "usage: korrektur check [--format text|json|jsonl|sarif|github] [--min-severity S]\n"
    "                       [--config F] [--dict PATH] [-j N] [--files-from F] FILE... | -\n"
    "       korrektur fix   [-i|--in-place] [--diff] [--config F] [--dict PATH]\n"
    "                       [--encoding latin1] FILE... | -\n"
    "       korrektur parse FILE\n"
    "       korrektur lsp [--stdio] [-j N]\n"
    "       korrektur --explain RULE | --list-rules | --version | --help\n";

static int usage_error(const char *fmt, const char *arg)
{
    fputs("korrektur: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (see korrektur --help)\n", stderr);
    return 2;
}

static int list_rules(void)
{
    for (size_t i = 0; i < kr_rule_count(); i++)
        printf("%-20s %-11s %s\n", kr_rule_id(i), kr_severity_name(kr_rule_default_severity(i)),
               kr_rule_summary(i));
    return 0;
}

static int explain(const char *id)
{
    int i = id ? kr_rule_find(id) : -1;
    if (i < 0)
        return usage_error("no rule is named '%s' (korrektur --list-rules shows them)",
                           id ? id : "");
    printf("%s (%s)\n\n%s\n\n%s\n", kr_rule_id((size_t)i),
           kr_severity_name(kr_rule_default_severity((size_t)i)), kr_rule_summary((size_t)i),
           kr_rule_explanation((size_t)i));
    return 0;
}

static int parse_cmd(int argc, char **argv)
{
    if (argc != 3)
        return usage_error("parse takes exactly one FILE%s", "");
    if (!kr_tree_print)
        return usage_error("this build has no grammar%s", "");
    char *text, *err;
    size_t len;
    if (kr_cli_read_file(argv[2], &text, &len, &err) < 0) {
        fprintf(stderr, "korrektur: %s\n", err);
        free(err);
        return 2;
    }
    kr_document *doc = kr_document_new(text, len);
    free(text);
    int rc = kr_tree_print(doc, stdout);
    kr_document_free(doc);
    return rc ? 2 : 0;
}

static int add_files_from(kr_cli_opts *o, size_t *cap, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f)
        return usage_error("cannot read the file list %s", path);
    char *line = NULL;
    size_t n = 0;
    ssize_t got;
    while ((got = getline(&line, &n, f)) > 0) {
        while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0)
            continue;
        if (o->n_files == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            o->files = realloc(o->files, *cap * sizeof *o->files);
        }
        o->files[o->n_files++] = strdup(line);
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return 0;
}

static const char *const format_names[] = {"text", "json", "jsonl", "sarif", "github"};

/* Parses check/fix options. Returns -1 when done, else an exit status. */
static int parse_opts(int argc, char **argv, kr_cli_opts *o, bool fixing, size_t *cap)
{
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_VAL()                                                                                 \
    do {                                                                                           \
        if (!val)                                                                                  \
            return usage_error("%s needs a value", a);                                             \
        i++;                                                                                       \
    } while (0)
        if (!fixing && strcmp(a, "--format") == 0) {
            NEED_VAL();
            size_t k = 0;
            while (k < 5 && strcmp(val, format_names[k]) != 0)
                k++;
            if (k == 5)
                return usage_error("unknown format '%s' (text, json, jsonl, sarif, github)", val);
            o->format = (kr_format)k;
        } else if (!fixing && strcmp(a, "--min-severity") == 0) {
            NEED_VAL();
            if (kr_severity_parse(val, &o->min_severity) < 0)
                return usage_error("unknown severity '%s' (error, warning, information, hint)",
                                   val);
            o->min_severity_set = true;
        } else if (strcmp(a, "--config") == 0) {
            NEED_VAL();
            o->config_path = val;
        } else if (strcmp(a, "--dict") == 0) {
            NEED_VAL();
            o->dict_path = val;
        } else if (strcmp(a, "--encoding") == 0) {
            NEED_VAL();
            if (strcmp(val, "latin1") != 0 && strcmp(val, "utf-8") != 0 && strcmp(val, "utf8") != 0)
                return usage_error("unknown encoding '%s' (utf-8, latin1)", val);
            o->encoding = strcmp(val, "latin1") == 0 ? "latin1" : NULL;
        } else if (strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) {
            NEED_VAL();
            o->jobs = atoi(val);
            if (o->jobs < 1)
                return usage_error("-j needs a positive number, not '%s'", val);
        } else if (strncmp(a, "-j", 2) == 0 && a[2]) {
            o->jobs = atoi(a + 2);
            if (o->jobs < 1)
                return usage_error("-j needs a positive number, not '%s'", a + 2);
        } else if (strcmp(a, "--files-from") == 0) {
            NEED_VAL();
            int rc = add_files_from(o, cap, val);
            if (rc)
                return rc;
        } else if (fixing && (strcmp(a, "-i") == 0 || strcmp(a, "--in-place") == 0)) {
            o->in_place = true;
        } else if (fixing && strcmp(a, "--diff") == 0) {
            o->diff = true;
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else {
            if (o->n_files == *cap) {
                *cap = *cap ? *cap * 2 : 16;
                o->files = realloc(o->files, *cap * sizeof *o->files);
            }
            o->files[o->n_files++] = strdup(a);
        }
#undef NEED_VAL
    }
    if (o->n_files == 0)
        return usage_error("%s needs at least one FILE (or - for standard input)",
                           fixing ? "fix" : "check");
    if (o->in_place && o->diff)
        return usage_error("choose one of -i and --diff%s", "");
    return -1;
}

static int check_emit(const kr_cli_opts *opts, kr_cli_result *r, void *ud)
{
    kr_cli_format_file(opts, r, (FILE *)ud);
    return 0;
}

static int lint_cmd(int argc, char **argv, bool fixing)
{
    kr_cli_opts o = {0};
    o.min_severity = KR_SEV_WARNING;
    size_t cap = 0;
    int rc = parse_opts(argc, argv, &o, fixing, &cap);
    if (rc < 0) {
        if (fixing) {
            rc = kr_cli_run(&o, true, kr_cli_fix_emit, stdout);
        } else {
            kr_cli_format_begin(&o, stdout);
            rc = kr_cli_run(&o, false, check_emit, stdout);
            kr_cli_format_end(&o, stdout);
        }
    }
    for (size_t i = 0; i < o.n_files; i++)
        free(o.files[i]);
    free(o.files);
    if (fflush(stdout) != 0) {
        fputs("korrektur: cannot write to standard output\n", stderr);
        return 2;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    /* only the main thread prints (workers hand results over in order), so
     * stdio's per-call locking is pure cost on output 18x the size of the input */
    __fsetlocking(stdout, FSETLOCKING_BYCALLER);
    if (strcmp(cmd, "check") == 0)
        return lint_cmd(argc, argv, false);
    if (strcmp(cmd, "fix") == 0)
        return lint_cmd(argc, argv, true);
    if (strcmp(cmd, "parse") == 0)
        return parse_cmd(argc, argv);
    if (strcmp(cmd, "lsp") == 0) {
        if (!kr_lsp_main)
            return usage_error("this build has no language server%s", "");
        return kr_lsp_main(argc, argv);
    }
    if (strcmp(cmd, "--list-rules") == 0)
        return list_rules();
    if (strcmp(cmd, "--explain") == 0)
        return explain(argc > 2 ? argv[2] : NULL);
    if (strcmp(cmd, "--version") == 0) {
        printf("korrektur %s\n", KORREKTUR_VERSION);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    return usage_error("unknown command '%s'", cmd);
}
