/* cli_sarif.c — `check --format sarif`: one SARIF 2.1.0 log with one run, the
 * rule registry in tool.driver.rules, one result per diagnostic (line/column
 * regions plus byte offsets) and the fixes as artifactChanges. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char *level(kr_severity s)
{
    return s == KR_SEV_ERROR ? "error" : s == KR_SEV_WARNING ? "warning" : "note";
}

static void str(FILE *out, const char *s)
{
    kr_json_string(out, s, strlen(s));
}

void kr_cli_sarif_begin(FILE *out)
{
    fputs("{\"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\", \"version\": "
          "\"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"korrektur\", "
          "\"version\": \"" KORREKTUR_VERSION "\", \"rules\": [",
          out);
    for (size_t i = 0; i < kr_rule_count(); i++) {
        fputs(i ? ",\n  {\"id\": " : "\n  {\"id\": ", out);
        str(out, kr_rule_id(i));
        fputs(", \"shortDescription\": {\"text\": ", out);
        str(out, kr_rule_summary(i));
        fputs("}, \"fullDescription\": {\"text\": ", out);
        str(out, kr_rule_explanation(i));
        fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                level(kr_rule_default_severity(i)));
    }
    fputs("]}}, \"results\": [", out);
}

static void region(FILE *out, const kr_cli_result *r, size_t start, size_t end)
{
    kr_position a = kr_document_position(r->doc, start, KR_ENC_UTF32);
    kr_position b = kr_document_position(r->doc, end, KR_ENC_UTF32);
    fprintf(out,
            "{\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u, "
            "\"byteOffset\": %zu, \"byteLength\": %zu}",
            a.line + 1, a.character + 1, b.line + 1, b.character + 1, start, end - start);
}

static void fixes(FILE *out, const kr_cli_result *r, const kr_diagnostic *d)
{
    fputs(", \"fixes\": [", out);
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        const kr_fix *f = kr_diagnostic_fix(d, i);
        fputs(i ? ", {\"description\": {\"text\": " : "{\"description\": {\"text\": ", out);
        str(out, kr_fix_title(f));
        fputs("}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ", out);
        str(out, r->path);
        fputs("}, \"replacements\": [", out);
        for (size_t j = 0; j < kr_fix_edit_count(f); j++) {
            const kr_edit *e = kr_fix_edit(f, j);
            fprintf(out,
                    "%s{\"deletedRegion\": {\"byteOffset\": %zu, \"byteLength\": %zu}, "
                    "\"insertedContent\": {\"text\": ",
                    j ? ", " : "", e->start, e->end - e->start);
            kr_json_string(out, e->text, e->len);
            fputs("}}", out);
        }
        fputs("]}]}", out);
    }
    fputc(']', out);
}

static bool first_result = true;

void kr_cli_sarif_file(const kr_cli_result *r, FILE *out, bool first)
{
    if (first)
        first_result = true;
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (kr_diagnostic_severity(d) > r->min_severity)
            continue;
        fputs(first_result ? "\n  {\"ruleId\": " : ",\n  {\"ruleId\": ", out);
        first_result = false;
        str(out, kr_diagnostic_rule(d));
        fprintf(out, ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ",
                kr_rule_find(kr_diagnostic_rule(d)), level(kr_diagnostic_severity(d)));
        str(out, kr_diagnostic_message(d));
        fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
        str(out, r->path);
        fputs("}, \"region\": ", out);
        region(out, r, kr_diagnostic_start(d), kr_diagnostic_end(d));
        fputs("}}]", out);
        fixes(out, r, d);
        fputc('}', out);
    }
}

void kr_cli_sarif_end(FILE *out)
{
    fputs("\n]}]}\n", out);
}
