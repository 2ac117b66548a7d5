/* cli_format.c — how `korrektur check` prints results: gcc-style text, the stable
 * JSON document (version 1), JSON lines, SARIF 2.1.0 and GitHub workflow
 * commands. JSON is written by hand here: printing needs no JSON library, and the
 * shape stays under our control. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

void kr_json_string(FILE *out, const char *s, size_t n)
{
    fputc('"', out);
    size_t run = 0; /* start of the pending run of bytes that need no escape */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 1;
        const char *esc = NULL;
        char hex[8];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20 || c == 0x7F) {
            snprintf(hex, sizeof hex, "\\u%04x", c);
            esc = hex;
        } else if (c >= 0x80 && (k = kr_utf8_char_len(s + i, n - i)) == 0) {
            esc = "\\ufffd"; /* keep the output valid JSON */
            k = 1;
        }
        if (esc) {
            fwrite(s + run, 1, i - run, out);
            fputs(esc, out);
            run = i + k;
        }
        i += k;
    }
    fwrite(s + run, 1, n - run, out);
    fputc('"', out);
}

static void json_cstr(FILE *out, const char *s)
{
    kr_json_string(out, s, strlen(s));
}

static bool shown(const kr_cli_result *r, const kr_diagnostic *d)
{
    return kr_diagnostic_severity(d) <= r->min_severity;
}

static void json_range(FILE *out, kr_document *doc, size_t start, size_t end)
{
    kr_position a = kr_document_position(doc, start, KR_ENC_UTF16);
    kr_position b = kr_document_position(doc, end, KR_ENC_UTF16);
    fprintf(out,
            "\"range\": {\"start\": {\"line\": %u, \"character\": %u}, \"end\": {\"line\": %u, "
            "\"character\": %u}}",
            a.line, a.character, b.line, b.character);
}

static void json_fix(FILE *out, kr_document *doc, const kr_fix *f)
{
    fputs("{\"title\": ", out);
    json_cstr(out, kr_fix_title(f));
    fprintf(out, ", \"preferred\": %s, \"edits\": [", kr_fix_preferred(f) ? "true" : "false");
    for (size_t i = 0; i < kr_fix_edit_count(f); i++) {
        const kr_edit *e = kr_fix_edit(f, i);
        fprintf(out, "%s{\"bytes\": {\"start\": %zu, \"end\": %zu}, \"newText\": ", i ? ", " : "",
                e->start, e->end);
        kr_json_string(out, e->text, e->len);
        fputs(", ", out);
        json_range(out, doc, e->start, e->end);
        fputc('}', out);
    }
    fputs("]}", out);
}

static void json_diag(FILE *out, kr_document *doc, const kr_diagnostic *d)
{
    fputs("{\"rule\": ", out);
    json_cstr(out, kr_diagnostic_rule(d));
    fprintf(out,
            ", \"severity\": \"%s\", \"message\": ", kr_severity_name(kr_diagnostic_severity(d)));
    json_cstr(out, kr_diagnostic_message(d));
    fputs(", ", out);
    json_range(out, doc, kr_diagnostic_start(d), kr_diagnostic_end(d));
    fprintf(out, ", \"bytes\": {\"start\": %zu, \"end\": %zu}, \"fixes\": [",
            kr_diagnostic_start(d), kr_diagnostic_end(d));
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        if (i)
            fputs(", ", out);
        json_fix(out, doc, kr_diagnostic_fix(d, i));
    }
    fputs("]}", out);
}

/* One entry of "files": {"path": …, "diagnostics": [...]} (+ "error" on failure).
 * `one_line` for jsonl, where a line break would end the object early. */
static void json_file(FILE *out, const kr_cli_result *r, bool one_line)
{
    fputs("{\"path\": ", out);
    json_cstr(out, strcmp(r->path, "-") == 0 ? "<stdin>" : r->path);
    if (r->error) {
        fputs(", \"error\": ", out);
        json_cstr(out, r->error);
    }
    fputs(", \"diagnostics\": [", out);
    bool first = true;
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        if (one_line)
            fputs(first ? "" : ", ", out);
        else
            fputs(first ? "\n  " : ",\n  ", out);
        first = false;
        json_diag(out, r->doc, d);
    }
    fputs("]}", out);
}

/* 1-based line and column in characters (code points), as compilers print. */
static void line_col(const kr_cli_result *r, size_t off, unsigned *line, unsigned *col)
{
    kr_position p = kr_document_position(r->doc, off, KR_ENC_UTF32);
    *line = p.line + 1;
    *col = p.character + 1;
}

static void text_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    const char *path = strcmp(r->path, "-") == 0 ? "<stdin>" : r->path;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        unsigned line, col;
        line_col(r, kr_diagnostic_start(d), &line, &col);
        fprintf(out, "%s:%u:%u: %s: %s [%s]\n", path, line, col,
                kr_severity_name(kr_diagnostic_severity(d)), kr_diagnostic_message(d),
                kr_diagnostic_rule(d));
    }
}

/* GitHub workflow commands: the message must be on one line, with %, CR and LF
 * escaped; properties also escape ':' and ','. */
static void gh_escape(FILE *out, const char *s, bool property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", out);
        else if (*s == '\r')
            fputs("%0D", out);
        else if (*s == '\n')
            fputs("%0A", out);
        else if (property && *s == ':')
            fputs("%3A", out);
        else if (property && *s == ',')
            fputs("%2C", out);
        else
            fputc(*s, out);
    }
}

static void github_file(FILE *out, const kr_cli_result *r)
{
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (!shown(r, d))
            continue;
        unsigned l1, c1, l2, c2;
        line_col(r, kr_diagnostic_start(d), &l1, &c1);
        line_col(r, kr_diagnostic_end(d), &l2, &c2);
        kr_severity sev = kr_diagnostic_severity(d);
        fputs(sev == KR_SEV_ERROR     ? "::error"
              : sev == KR_SEV_WARNING ? "::warning"
                                      : "::notice",
              out);
        fputs(" file=", out);
        gh_escape(out, r->path, true);
        fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=", l1, c1, l2, c2);
        gh_escape(out, kr_diagnostic_rule(d), true);
        fputs("::", out);
        gh_escape(out, kr_diagnostic_message(d), false);
        fputc('\n', out);
    }
}

void kr_cli_sarif_begin(FILE *out);
void kr_cli_sarif_file(const kr_cli_result *r, FILE *out, bool first);
void kr_cli_sarif_end(FILE *out);

static size_t files_printed;

void kr_cli_format_begin(const kr_cli_opts *opts, FILE *out)
{
    files_printed = 0;
    if (opts->format == KR_FMT_JSON)
        fputs("{\"version\": 1, \"files\": [", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_begin(out);
}

void kr_cli_format_file(const kr_cli_opts *opts, const kr_cli_result *r, FILE *out)
{
    switch (opts->format) {
    case KR_FMT_TEXT:
        text_file(out, r);
        break;
    case KR_FMT_JSON:
        fputs(files_printed ? ",\n" : "\n", out);
        json_file(out, r, false);
        break;
    case KR_FMT_JSONL:
        json_file(out, r, true);
        fputc('\n', out);
        fflush(out); /* streamed: a batch engine reads each line as it comes */
        break;
    case KR_FMT_SARIF:
        kr_cli_sarif_file(r, out, files_printed == 0);
        break;
    case KR_FMT_GITHUB:
        github_file(out, r);
        break;
    }
    files_printed++;
}

void kr_cli_format_end(const kr_cli_opts *opts, FILE *out)
{
    if (opts->format == KR_FMT_JSON)
        fputs("\n]}\n", out);
    else if (opts->format == KR_FMT_SARIF)
        kr_cli_sarif_end(out);
}
