/* cli_sarif.c — `check --format sarif`: one SARIF 2.1.0 log with one run, the
 * rule registry in tool.driver.rules, one result per diagnostic (line/column
 * regions plus byte offsets) and the fixes as artifactChanges. Results go through
 * the formats' writer (cli_format.c): a CI run on a large file prints tens of
 * thousands of them. */
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

/* Positions in code points, 1-based; byte offsets as they are. */
static void region(kr_cli_writer *w, size_t start, size_t end)
{
    kr_position a = kr_cli_writer_position(w, start);
    kr_position b = kr_cli_writer_position(w, end);
    KR_CLI_WRITE_LIT(w, "{\"startLine\": ");
    kr_cli_write_uint(w, (unsigned long long)a.line + 1);
    KR_CLI_WRITE_LIT(w, ", \"startColumn\": ");
    kr_cli_write_uint(w, (unsigned long long)a.character + 1);
    KR_CLI_WRITE_LIT(w, ", \"endLine\": ");
    kr_cli_write_uint(w, (unsigned long long)b.line + 1);
    KR_CLI_WRITE_LIT(w, ", \"endColumn\": ");
    kr_cli_write_uint(w, (unsigned long long)b.character + 1);
    KR_CLI_WRITE_LIT(w, ", \"byteOffset\": ");
    kr_cli_write_uint(w, start);
    KR_CLI_WRITE_LIT(w, ", \"byteLength\": ");
    kr_cli_write_uint(w, end - start);
    KR_CLI_WRITE_LIT(w, "}");
}

static void fixes(kr_cli_writer *w, const kr_cli_result *r, size_t path_len, const kr_diagnostic *d)
{
    KR_CLI_WRITE_LIT(w, ", \"fixes\": [");
    for (size_t i = 0; i < kr_diagnostic_fix_count(d); i++) {
        const kr_fix *f = kr_diagnostic_fix(d, i);
        if (i)
            KR_CLI_WRITE_LIT(w, ", ");
        KR_CLI_WRITE_LIT(w, "{\"description\": {\"text\": ");
        const char *title = kr_fix_title(f);
        kr_cli_write_json(w, title, strlen(title));
        KR_CLI_WRITE_LIT(w, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
        kr_cli_write_json(w, r->path, path_len);
        KR_CLI_WRITE_LIT(w, "}, \"replacements\": [");
        for (size_t j = 0; j < kr_fix_edit_count(f); j++) {
            const kr_edit *e = kr_fix_edit(f, j);
            if (j)
                KR_CLI_WRITE_LIT(w, ", ");
            KR_CLI_WRITE_LIT(w, "{\"deletedRegion\": {\"byteOffset\": ");
            kr_cli_write_uint(w, e->start);
            KR_CLI_WRITE_LIT(w, ", \"byteLength\": ");
            kr_cli_write_uint(w, e->end - e->start);
            KR_CLI_WRITE_LIT(w, "}, \"insertedContent\": {\"text\": ");
            kr_cli_write_json(w, e->text, e->len);
            KR_CLI_WRITE_LIT(w, "}}");
        }
        KR_CLI_WRITE_LIT(w, "]}]}");
    }
    KR_CLI_WRITE_LIT(w, "]");
}

static bool first_result = true;

void kr_cli_sarif_file(const kr_cli_result *r, FILE *out, bool first)
{
    if (first)
        first_result = true;
    size_t n = r->diags ? kr_diagnostics_count(r->diags) : 0;
    if (!n)
        return;
    kr_cli_writer *w = kr_cli_writer_new(out, r->doc, KR_ENC_UTF32);
    size_t path_len = strlen(r->path);
    /* rule ids are kept by pointer: each looked up once */
    struct {
        const char *rule;
        int index;
    } seen[16];
    size_t n_seen = 0;
    for (size_t i = 0; i < n; i++) {
        const kr_diagnostic *d = kr_diagnostics_get(r->diags, i);
        if (kr_diagnostic_severity(d) > r->min_severity)
            continue;
        if (first_result)
            KR_CLI_WRITE_LIT(w, "\n  {\"ruleId\": ");
        else
            KR_CLI_WRITE_LIT(w, ",\n  {\"ruleId\": ");
        first_result = false;
        const char *rule = kr_diagnostic_rule(d);
        kr_cli_write_json(w, rule, strlen(rule));
        size_t k = 0;
        while (k < n_seen && seen[k].rule != rule)
            k++;
        int index = k < n_seen ? seen[k].index : kr_rule_find(rule);
        if (k == n_seen && n_seen < sizeof seen / sizeof seen[0]) {
            seen[n_seen].rule = rule;
            seen[n_seen++].index = index;
        }
        KR_CLI_WRITE_LIT(w, ", \"ruleIndex\": ");
        if (index < 0) /* not a registered rule */
            KR_CLI_WRITE_LIT(w, "-1");
        else
            kr_cli_write_uint(w, (unsigned long long)index);
        KR_CLI_WRITE_LIT(w, ", \"level\": \"");
        const char *lv = level(kr_diagnostic_severity(d));
        kr_cli_write(w, lv, strlen(lv));
        KR_CLI_WRITE_LIT(w, "\", \"message\": {\"text\": ");
        const char *msg = kr_diagnostic_message(d);
        kr_cli_write_json(w, msg, strlen(msg));
        KR_CLI_WRITE_LIT(w, "}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                            "{\"uri\": ");
        kr_cli_write_json(w, r->path, path_len);
        KR_CLI_WRITE_LIT(w, "}, \"region\": ");
        region(w, kr_diagnostic_start(d), kr_diagnostic_end(d));
        KR_CLI_WRITE_LIT(w, "}}]");
        fixes(w, r, path_len, d);
        KR_CLI_WRITE_LIT(w, "}");
    }
    kr_cli_writer_end(w);
}

void kr_cli_sarif_end(FILE *out)
{
    fputs("\n]}]}\n", out);
}
