/* test_cli.c — build/korrektur as a CI user runs it: every output format (JSON
 * parsed back and checked against the documented shape, SARIF's required
 * fields), exit codes, options, many files in order, stdin, fix to stdout, --diff
 * that `patch` applies, -i, --encoding latin1 and the informational flags.
 *
 * Rules are still being added, so assertions hold for any rule set: the encoding
 * rule's findings on invalid UTF-8 are fixed facts; fixes are checked against the
 * tool's own JSON ("fix prints the input with the JSON's preferred edits"). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli_support.h"
#include "engine.h"
#include "korrektur/korrektur.h"

TestSuite(cli, .init = (void (*)(void))kr_test_mkdir, .fini = kr_test_rmdir,
          .timeout = 300); /* generous: under `make leakcheck` every run is valgrind's */

/* Invalid UTF-8 after "æøå 😀 ": the byte 0xFF is character 7 in UTF-16 units
 * (0-based), column 7 in code points (1-based), byte 12. */
static const char bad_line[] = "æøå 😀 \xff ok\n";
#define BAD_BYTE 12
#define BAD_UTF16 7
#define BAD_COL 7

static const char clean_doc[] =
    "Cykelstier ved skolerne\n\nSpørgsmål:\n\nHvornår får skolerne nye cykelstier?\n\n"
    "Svar:\n\nKommunen bygger de nye cykelstier i løbet af året.\n";

/* A document with damage of the kinds the rules repair; whichever rules exist
 * decide what is found and fixed. */
static const char damaged_doc[] =
    "Cykelstier ved skolerne\n\nSpergsmal:\n\nHvordan far de sma bgrn en sikker vej til "
    "skole, og vii de 0og foraeldrene blive hart?\n\nSvar:\n\nArbejdet er igangvee-\nrende, "
    "og \"Smabgrnslgftet\" skal veere med i lzerings- og udviklingsarbejdet.\n\n"
    "Cykelstier ved skolerne Side 2\n\nVi vender tilbage pa et senere tidspunkt.\n";

static json_t *parse(const kr_run *r)
{
    json_error_t e;
    json_t *j = json_loadb(r->out, r->out_len, 0, &e);
    cr_assert_not_null(j, "not JSON (%s at line %d):\n%s", e.text, e.line, r->out);
    return j;
}

/* The object has exactly these keys. */
static void assert_keys(json_t *o, const char *what, const char *const *keys)
{
    cr_assert(json_is_object(o), "%s is not an object", what);
    size_t n = 0;
    for (; keys[n]; n++)
        cr_assert_not_null(json_object_get(o, keys[n]), "%s lacks \"%s\"", what, keys[n]);
    cr_assert_eq(json_object_size(o), n, "%s has keys beyond the documented ones", what);
}
#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

static size_t int_at(json_t *o, const char *a, const char *b)
{
    json_t *x = json_object_get(json_object_get(o, a), b);
    cr_assert(json_is_integer(x), "%s.%s is not an integer", a, b);
    cr_assert_geq(json_integer_value(x), 0);
    return (size_t)json_integer_value(x);
}

/* range must be the UTF-16 position of the byte offsets in `text`. */
static void assert_range(kr_document *doc, json_t *range, size_t start, size_t end)
{
    assert_keys(range, "range", KEYS("start", "end"));
    assert_keys(json_object_get(range, "start"), "range.start", KEYS("line", "character"));
    assert_keys(json_object_get(range, "end"), "range.end", KEYS("line", "character"));
    kr_position a = kr_document_position(doc, start, KR_ENC_UTF16);
    kr_position b = kr_document_position(doc, end, KR_ENC_UTF16);
    cr_assert_eq(int_at(range, "start", "line"), a.line);
    cr_assert_eq(int_at(range, "start", "character"), a.character);
    cr_assert_eq(int_at(range, "end", "line"), b.line);
    cr_assert_eq(int_at(range, "end", "character"), b.character);
}

/* Checks one entry of "files" against the documented shape and `text`, and
 * rebuilds its diagnostics (with fixes) as a kr_diagnostics list. */
static kr_diagnostics *check_file_entry(json_t *f, const char *path, const char *text, size_t len)
{
    assert_keys(f, "file entry", KEYS("path", "diagnostics"));
    cr_assert_str_eq(json_string_value(json_object_get(f, "path")), path);
    json_t *ds = json_object_get(f, "diagnostics");
    cr_assert(json_is_array(ds));
    kr_document *doc = kr_document_new(text, len);
    kr_diagnostics *list = kr_diagnostics_new();
    size_t i, prev = 0;
    json_t *d;
    json_array_foreach(ds, i, d)
    {
        assert_keys(d, "diagnostic",
                    KEYS("rule", "severity", "message", "range", "bytes", "fixes"));
        const char *rule = json_string_value(json_object_get(d, "rule"));
        cr_assert_not_null(rule);
        cr_assert_geq(kr_rule_find(rule), 0, "unknown rule %s", rule);
        kr_severity sev;
        cr_assert_eq(kr_severity_parse(json_string_value(json_object_get(d, "severity")), &sev), 0);
        cr_assert_str_neq(json_string_value(json_object_get(d, "severity")), "info",
                          "severity names are LSP's: information");
        cr_assert(json_is_string(json_object_get(d, "message")));
        assert_keys(json_object_get(d, "bytes"), "bytes", KEYS("start", "end"));
        size_t s = int_at(d, "bytes", "start"), e = int_at(d, "bytes", "end");
        cr_assert(s <= e && e <= len, "bytes %zu..%zu outside the file", s, e);
        cr_assert_geq(s, prev, "diagnostics are sorted by position");
        prev = s;
        assert_range(doc, json_object_get(d, "range"), s, e);
        kr_diagnostic *kd = kr_diagnostics_add(list, rule, sev, s, e,
                                               json_string_value(json_object_get(d, "message")));
        size_t k;
        json_t *fx;
        json_t *fixes = json_object_get(d, "fixes");
        cr_assert(json_is_array(fixes));
        json_array_foreach(fixes, k, fx)
        {
            assert_keys(fx, "fix", KEYS("title", "preferred", "edits"));
            cr_assert(json_is_string(json_object_get(fx, "title")));
            cr_assert(json_is_boolean(json_object_get(fx, "preferred")));
            kr_fix *kf =
                kr_diagnostic_add_fix(list, kd, json_string_value(json_object_get(fx, "title")),
                                      json_is_true(json_object_get(fx, "preferred")));
            size_t m;
            json_t *ed;
            json_array_foreach(json_object_get(fx, "edits"), m, ed)
            {
                assert_keys(ed, "edit", KEYS("bytes", "newText", "range"));
                size_t es = int_at(ed, "bytes", "start"), ee = int_at(ed, "bytes", "end");
                cr_assert(es <= ee && ee <= len);
                assert_range(doc, json_object_get(ed, "range"), es, ee);
                json_t *nt = json_object_get(ed, "newText");
                cr_assert(json_is_string(nt));
                kr_fix_add_edit(list, kf, es, ee, json_string_value(nt), json_string_length(nt));
            }
        }
    }
    kr_diagnostics_sort(list);
    kr_document_free(doc);
    return list;
}

static size_t count_rule(kr_diagnostics *l, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < kr_diagnostics_count(l); i++)
        n += strcmp(kr_diagnostic_rule(kr_diagnostics_get(l, i)), rule) == 0;
    return n;
}

/* `check --format json` on one file: the whole document checked, its single file
 * entry rebuilt as a list. */
static kr_diagnostics *check_json(const char *path, const char *text, size_t len,
                                  const char *const *extra, int *status)
{
    const char *args[16] = {"check", "--format", "json"};
    size_t n = 3;
    for (; extra && *extra; extra++)
        args[n++] = *extra;
    args[n++] = path;
    args[n] = NULL;
    kr_run r = kr_test_run(NULL, 0, args);
    cr_assert_leq(r.status, 1, "exit %d: %s", r.status, r.err);
    json_t *j = parse(&r);
    assert_keys(j, "the document", KEYS("version", "files"));
    cr_assert_eq(json_integer_value(json_object_get(j, "version")), 1);
    json_t *files = json_object_get(j, "files");
    cr_assert_eq(json_array_size(files), 1);
    kr_diagnostics *l = check_file_entry(json_array_get(files, 0), path, text, len);
    if (status)
        *status = r.status;
    json_decref(j);
    kr_run_free(&r);
    return l;
}

/* ---- formats -------------------------------------------------------------------- */

Test(cli, json_has_the_documented_shape_and_utf16_ranges)
{
    const char *p = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    int st;
    kr_diagnostics *l = check_json(p, bad_line, sizeof bad_line - 1, NULL, &st);
    cr_assert_eq(st, 1);
    cr_assert_eq(count_rule(l, "encoding"), 1);
    const kr_diagnostic *d = NULL;
    for (size_t i = 0; i < kr_diagnostics_count(l); i++)
        if (strcmp(kr_diagnostic_rule(kr_diagnostics_get(l, i)), "encoding") == 0)
            d = kr_diagnostics_get(l, i);
    cr_assert_eq(kr_diagnostic_start(d), BAD_BYTE);
    cr_assert_eq(kr_diagnostic_end(d), BAD_BYTE + 1);
    cr_assert_eq(kr_diagnostic_severity(d), KR_SEV_ERROR);
    /* the UTF-16 column itself, not just consistency with our own converter */
    kr_document *doc = kr_document_new(bad_line, sizeof bad_line - 1);
    cr_assert_eq(kr_document_position(doc, BAD_BYTE, KR_ENC_UTF16).character, BAD_UTF16);
    kr_document_free(doc);
    kr_diagnostics_free(l);
}

Test(cli, json_of_a_damaged_document_is_well_formed)
{
    const char *p = KR_WRITE("doc.txt", damaged_doc);
    kr_diagnostics *l = check_json(p, damaged_doc, strlen(damaged_doc), NULL, NULL);
    kr_diagnostics_free(l);
}

/* The JSON printer counts lines and UTF-16 columns itself, walking forward over
 * the sorted diagnostics: every range must still be what the document says, on
 * a text with a byte-order mark, CRLF, 4-byte characters, invalid bytes, control
 * bytes and findings on many lines (first and last character included). */
Test(cli, json_ranges_match_the_document_on_awkward_text)
{
    static const char *const pieces[] = {
        "Sm\xc3\xa5 b\xc3\xb8rn \xf0\x9f\x98\x80 sma bgrn\r\n",
        "\xff\xfe vii 0og \x01 \"sma\"\\ bgrn\n",
        "igangv\xc3\xa6-\nrende \xf0\x9f\x98\x80\xf0\x9f\x98\x80 foraeldrene\n",
        "\xed\xa0\x80 lzerings \xe2\x80\x94 veere\n",
        "\n",
    };
    char text[8192] = "\xef\xbb\xbf"
                      "bgrn sma";
    size_t len = strlen(text);
    for (unsigned i = 0; len + 128 < sizeof text; i = i * 7 + 3) {
        const char *p = pieces[i % 5];
        memcpy(text + len, p, strlen(p));
        len += strlen(p);
    }
    memcpy(text + len, "\xff", 1); /* a finding on the very last byte */
    len++;
    const char *path = kr_test_write("awkward.txt", text, len);
    kr_diagnostics *l = check_json(path, text, len, NULL, NULL);
    cr_assert_gt(kr_diagnostics_count(l), 20, "the text should give many findings");
    kr_diagnostics_free(l);
}

Test(cli, jsonl_is_one_file_object_per_line_in_input_order)
{
    const char *a = kr_test_write("a.txt", bad_line, sizeof bad_line - 1);
    const char *b = KR_WRITE("b.txt", clean_doc);
    const char *c = KR_WRITE("c.txt", damaged_doc);
    kr_run r = KR_RUN(NULL, "check", "--format", "jsonl", a, b, c);
    cr_assert_eq(r.status, 1, "%s", r.err);
    const char *paths[] = {a, b, c};
    const char *texts[] = {bad_line, clean_doc, damaged_doc};
    size_t lens[] = {sizeof bad_line - 1, strlen(clean_doc), strlen(damaged_doc)};
    char *line = r.out;
    for (int i = 0; i < 3; i++) {
        char *nl = strchr(line, '\n');
        cr_assert_not_null(nl, "line %d missing:\n%s", i, r.out);
        json_error_t e;
        json_t *j = json_loadb(line, (size_t)(nl - line), 0, &e);
        cr_assert_not_null(j, "line %d is not one JSON object: %s", i, e.text);
        kr_diagnostics_free(check_file_entry(j, paths[i], texts[i], lens[i]));
        json_decref(j);
        line = nl + 1;
    }
    cr_assert_str_eq(line, "", "more than one line per file");
    kr_run_free(&r);
}

Test(cli, text_is_gcc_style_with_1_based_character_columns)
{
    const char *p = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 1);
    char want[512];
    snprintf(want, sizeof want, "%s:1:%d: error: ", p, BAD_COL);
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "got: %s", r.out);
    char *nl = strchr(r.out, '\n');
    cr_assert_not_null(nl);
    cr_assert(nl - r.out > 11 && strncmp(nl - 11, " [encoding]", 11) == 0, "got: %s", r.out);
    kr_run_free(&r);
}

Test(cli, text_counts_lines_from_1)
{
    const char *p = KR_WRITE("two.txt", "første linje\nab\xfe\n");
    kr_run r = KR_RUN(NULL, "check", p);
    char want[512];
    snprintf(want, sizeof want, "%s:2:3: error: ", p);
    cr_assert(strstr(r.out, want), "got: %s", r.out);
    kr_run_free(&r);
}

Test(cli, github_workflow_command_syntax)
{
    const char *p = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    kr_run r = KR_RUN(NULL, "check", "--format", "github", p);
    cr_assert_eq(r.status, 1);
    char want[512];
    snprintf(want, sizeof want,
             "::error file=%s,line=1,col=%d,endLine=1,endColumn=%d,title=encoding::", p, BAD_COL,
             BAD_COL + 1);
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "got: %s\nwant: %s", r.out, want);
    /* every line of a damaged document is a workflow command */
    kr_run_free(&r);
    const char *q = KR_WRITE("doc.txt", damaged_doc);
    r = KR_RUN(NULL, "check", "--format", "github", q);
    for (char *line = r.out; *line;) {
        char *nl = strchr(line, '\n');
        cr_assert_not_null(nl);
        cr_assert(strncmp(line, "::error file=", 13) == 0 ||
                      strncmp(line, "::warning file=", 15) == 0 ||
                      strncmp(line, "::notice file=", 14) == 0,
                  "not a workflow command: %.*s", (int)(nl - line), line);
        cr_assert(strstr(line, ",title=") && strstr(line, ",endColumn="));
        line = nl + 1;
    }
    kr_run_free(&r);
}

static bool sarif_level_ok(const char *l)
{
    return l && (!strcmp(l, "error") || !strcmp(l, "warning") || !strcmp(l, "note") ||
                 !strcmp(l, "none"));
}

Test(cli, sarif_2_1_0_with_rules_results_and_fixes)
{
    const char *a = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    const char *b = KR_WRITE("doc.txt", damaged_doc);
    kr_run r = KR_RUN(NULL, "check", "--format", "sarif", a, b);
    cr_assert_eq(r.status, 1);
    json_t *j = parse(&r);
    cr_assert_str_eq(json_string_value(json_object_get(j, "version")), "2.1.0");
    cr_assert(json_is_string(json_object_get(j, "$schema")));
    json_t *runs = json_object_get(j, "runs");
    cr_assert_eq(json_array_size(runs), 1);
    json_t *run = json_array_get(runs, 0);
    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    cr_assert_str_eq(json_string_value(json_object_get(driver, "name")), "korrektur");
    json_t *rules = json_object_get(driver, "rules");
    cr_assert_eq(json_array_size(rules), kr_rule_count(), "every rule is described");
    for (size_t i = 0; i < kr_rule_count(); i++) {
        json_t *rule = json_array_get(rules, i);
        cr_assert_str_eq(json_string_value(json_object_get(rule, "id")), kr_rule_id(i));
        cr_assert(
            json_is_string(json_object_get(json_object_get(rule, "shortDescription"), "text")));
    }
    json_t *results = json_object_get(run, "results");
    cr_assert(json_array_size(results) >= 1);
    size_t i, n_enc = 0;
    json_t *res;
    json_array_foreach(results, i, res)
    {
        const char *id = json_string_value(json_object_get(res, "ruleId"));
        cr_assert_not_null(id);
        json_t *ri = json_object_get(res, "ruleIndex");
        if (ri)
            cr_assert_str_eq(json_string_value(json_object_get(
                                 json_array_get(rules, (size_t)json_integer_value(ri)), "id")),
                             id);
        cr_assert(sarif_level_ok(json_string_value(json_object_get(res, "level"))));
        cr_assert(json_is_string(json_object_get(json_object_get(res, "message"), "text")));
        json_t *loc = json_object_get(json_array_get(json_object_get(res, "locations"), 0),
                                      "physicalLocation");
        const char *uri =
            json_string_value(json_object_get(json_object_get(loc, "artifactLocation"), "uri"));
        cr_assert_not_null(uri);
        json_t *reg = json_object_get(loc, "region");
        cr_assert_geq(json_integer_value(json_object_get(reg, "startLine")), 1);
        cr_assert_geq(json_integer_value(json_object_get(reg, "startColumn")), 1);
        if (!strcmp(id, "encoding") && !strcmp(uri, a)) {
            n_enc++;
            cr_assert_str_eq(json_string_value(json_object_get(res, "level")), "error");
            cr_assert_eq(json_integer_value(json_object_get(reg, "startColumn")), BAD_COL);
        }
        size_t k;
        json_t *fx;
        json_array_foreach(json_object_get(res, "fixes"), k, fx)
        {
            json_t *ch = json_array_get(json_object_get(fx, "artifactChanges"), 0);
            cr_assert_not_null(ch, "a fix without artifactChanges");
            cr_assert_str_eq(
                json_string_value(json_object_get(json_object_get(ch, "artifactLocation"), "uri")),
                uri);
            json_t *rep = json_array_get(json_object_get(ch, "replacements"), 0);
            cr_assert_not_null(json_object_get(rep, "deletedRegion"));
        }
    }
    cr_assert_eq(n_enc, 1);
    json_decref(j);
    kr_run_free(&r);
}

/* ---- exit codes and errors -------------------------------------------------------- */

Test(cli, clean_document_exits_0_with_no_output)
{
    const char *p = KR_WRITE("clean.txt", clean_doc);
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 0, "a correct document was flagged:\n%s", r.out);
    cr_assert_str_eq(r.out, "");
    kr_run_free(&r);
    r = KR_RUN(NULL, "check", "--format", "json", p);
    cr_assert_eq(r.status, 0);
    json_t *j = parse(&r);
    cr_assert_eq(json_array_size(json_object_get(json_array_get(json_object_get(j, "files"), 0),
                                                 "diagnostics")),
                 0);
    json_decref(j);
    kr_run_free(&r);
}

Test(cli, invalid_utf8_is_a_finding_not_an_io_error)
{
    const char *p = KR_WRITE("latin1.txt", "Sm\xe5 b\xf8rn g\xe5r i skole.\n");
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 1, "exit %d, stderr: %s", r.status, r.err);
    cr_assert_str_eq(r.err, "");
    kr_run_free(&r);
}

static void assert_usage_error(const char *const *args, const char *needle)
{
    kr_run r = kr_test_run(NULL, 0, args);
    cr_assert_eq(r.status, 2, "%s: exit %d", args[0], r.status);
    cr_assert(strstr(r.err, "korrektur"), "no message: %s", r.err);
    if (needle)
        cr_assert(strstr(r.err, needle), "message does not mention %s: %s", needle, r.err);
    kr_run_free(&r);
}

Test(cli, usage_errors_exit_2)
{
    const char *p = KR_WRITE("clean.txt", clean_doc);
    assert_usage_error(KEYS("frobnicate"), "frobnicate");
    assert_usage_error(KEYS("check"), "FILE");
    assert_usage_error(KEYS("check", "--format", "xml", p), "xml");
    assert_usage_error(KEYS("check", "--format"), "--format");
    assert_usage_error(KEYS("check", "--bogus", p), "--bogus");
    assert_usage_error(KEYS("check", "--min-severity", "loud", p), "loud");
    assert_usage_error(KEYS("check", "-j", "0", p), "-j");
    assert_usage_error(KEYS("fix", "-i", "--diff", p), NULL);
    assert_usage_error(KEYS("fix", "--encoding", "ebcdic", p), "ebcdic");
    assert_usage_error(KEYS("--explain", "no-such-rule"), "no-such-rule");
    kr_run r = KR_RUN(NULL, "check", "--help-me", p);
    cr_assert_str_eq(r.out, "", "usage errors print nothing on stdout");
    kr_run_free(&r);
    /* no arguments at all: the usage, on stderr */
    const char *none[] = {NULL};
    r = kr_test_run(NULL, 0, none);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "usage"));
    kr_run_free(&r);
}

Test(cli, unreadable_file_exits_2_naming_it)
{
    const char *good = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    const char *missing = kr_test_path("missing.txt");
    kr_run r = KR_RUN(NULL, "check", good, missing);
    cr_assert_eq(r.status, 2, "an I/O error outranks findings");
    cr_assert(strstr(r.err, missing), "stderr does not name the file: %s", r.err);
    cr_assert_eq(strchr(r.err, '\n') - r.err + 1, (long)strlen(r.err), "one line: %s", r.err);
    /* the readable file is still reported */
    cr_assert(strstr(r.out, good));
    kr_run_free(&r);
    /* JSON keeps a valid document and marks the failed file */
    r = KR_RUN(NULL, "check", "--format", "json", missing);
    cr_assert_eq(r.status, 2);
    json_t *j = parse(&r);
    json_t *f = json_array_get(json_object_get(j, "files"), 0);
    cr_assert(json_is_string(json_object_get(f, "error")));
    json_decref(j);
    kr_run_free(&r);
}

Test(cli, invalid_config_exits_2_naming_the_key)
{
    const char *p = KR_WRITE("clean.txt", clean_doc);
    const char *cfg = KR_WRITE("bad.json", "{\"terms\": [\"A\"], \"termer\": [\"B\"]}");
    kr_run r = KR_RUN(NULL, "check", "--config", cfg, p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "termer"), "%s", r.err);
    cr_assert(strstr(r.err, cfg), "the message names the config file: %s", r.err);
    kr_run_free(&r);
    KR_WRITE("bad.json", "{\"rules\": {\"encoding\": {\"severity\": \"loud\"}}}");
    r = KR_RUN(NULL, "check", "--config", cfg, p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "rules.encoding.severity"), "%s", r.err);
    kr_run_free(&r);
    r = KR_RUN(NULL, "check", "--config", kr_test_path("nope.json"), p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "nope.json"), "%s", r.err);
    kr_run_free(&r);
    /* a broken .korrektur.json found by walking up is just as fatal */
    KR_WRITE(".korrektur.json", "{\"maxFileSize\": \"big\"}");
    r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "maxFileSize"), "%s", r.err);
    kr_run_free(&r);
}

Test(cli, config_found_by_walking_up_applies)
{
    cr_assert_eq(mkdir(kr_test_path("sub"), 0755), 0);
    const char *p = kr_test_write("sub/bad.txt", bad_line, sizeof bad_line - 1);
    KR_WRITE(".korrektur.json", "{\"rules\": {\"encoding\": {\"enabled\": false}}}");
    int st;
    kr_diagnostics *l = check_json(p, bad_line, sizeof bad_line - 1, NULL, &st);
    cr_assert_eq(count_rule(l, "encoding"), 0, "the found config did not switch the rule off");
    kr_diagnostics_free(l);
    /* --config overrides the search */
    const char *other = KR_WRITE("other.json", "{}");
    l = check_json(p, bad_line, sizeof bad_line - 1, KEYS("--config", other), &st);
    cr_assert_eq(count_rule(l, "encoding"), 1);
    cr_assert_eq(st, 1);
    kr_diagnostics_free(l);
}

Test(cli, max_file_size_is_enforced)
{
    const char *p = KR_WRITE("clean.txt", clean_doc);
    const char *cfg = KR_WRITE("small.json", "{\"maxFileSize\": 20}");
    kr_run r = KR_RUN(NULL, "check", "--config", cfg, p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, p) && strstr(r.err, "maxFileSize"), "%s", r.err);
    kr_run_free(&r);
}

Test(cli, min_severity_filters_output_and_exit_status)
{
    const char *p = kr_test_write("bad.txt", bad_line, sizeof bad_line - 1);
    const char *cfg = KR_WRITE("hint.json", "{\"rules\": {\"encoding\": \"hint\"}}");
    /* only the encoding rule can fire on this line: as a hint it is below the default */
    kr_run r = KR_RUN(NULL, "check", "--config", cfg, p);
    cr_assert(!strstr(r.out, "[encoding]"), "%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "check", "--config", cfg, "--min-severity", "hint", p);
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.out, "hint: ") && strstr(r.out, "[encoding]"), "%s", r.out);
    kr_run_free(&r);
    /* errors pass an error threshold */
    r = KR_RUN(NULL, "check", "--min-severity", "error", p);
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.out, "error: "));
    kr_run_free(&r);
    /* minSeverity in the config works like the option */
    const char *cfg2 =
        KR_WRITE("min.json", "{\"rules\": {\"encoding\": \"hint\"}, \"minSeverity\": \"hint\"}");
    r = KR_RUN(NULL, "check", "--config", cfg2, p);
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.out, "[encoding]"));
    kr_run_free(&r);
}

Test(cli, only_encoding_findings_at_error_threshold)
{
    /* with --min-severity error, a Latin-1 file fails and a clean one passes */
    const char *bad = KR_WRITE("l1.txt", "Sm\xe5 b\xf8rn\n");
    const char *good = KR_WRITE("ok.txt", clean_doc);
    kr_run r = KR_RUN(NULL, "check", "--min-severity", "error", good);
    cr_assert_eq(r.status, 0, "%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "check", "--min-severity", "error", bad);
    cr_assert_eq(r.status, 1);
    kr_run_free(&r);
}

Test(cli, dict_option)
{
    const char *p = KR_WRITE("clean.txt", clean_doc);
    kr_run r = KR_RUN(NULL, "check", "--dict", kr_test_path("no-words.txt"), p);
    cr_assert_eq(r.status, 2, "a missing word list is an error");
    cr_assert(strstr(r.err, "no-words.txt"), "%s", r.err);
    kr_run_free(&r);
    /* a word list makes its words known: whatever flagged them before, nothing does now */
    const char *doc =
        KR_WRITE("words.txt", "Svar:\n\nKlyngeprojektet Zorbiq og Flimsebo starter nu.\n");
    const char *words = KR_WRITE("dict.txt", "Zorbiq\nFlimsebo\nKlyngeprojektet\n");
    size_t len = strlen("Svar:\n\nKlyngeprojektet Zorbiq og Flimsebo starter nu.\n");
    char *text = kr_test_read(doc, NULL);
    kr_diagnostics *l =
        check_json(doc, text, len, KEYS("--dict", words, "--min-severity", "hint"), NULL);
    size_t zs = strlen("Svar:\n\nKlyngeprojektet "), ze = zs + strlen("Zorbiq");
    for (size_t i = 0; i < kr_diagnostics_count(l); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(l, i);
        cr_assert(kr_diagnostic_end(d) <= zs || kr_diagnostic_start(d) >= ze,
                  "a word from --dict is flagged by %s", kr_diagnostic_rule(d));
    }
    kr_diagnostics_free(l);
    /* the same through the config's "dictionary", relative to the config's folder */
    KR_WRITE(".korrektur.json", "{\"dictionary\": \"dict.txt\"}");
    r = KR_RUN(NULL, "check", doc);
    cr_assert_leq(r.status, 1, "%s", r.err);
    kr_run_free(&r);
    KR_WRITE(".korrektur.json", "{\"dictionary\": \"missing-dict.txt\"}");
    r = KR_RUN(NULL, "check", doc);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "missing-dict.txt"), "%s", r.err);
    kr_run_free(&r);
    free(text);
}

/* ---- many files, lists, stdin ------------------------------------------------------ */

#define MANY 40

static void write_many(const char **paths)
{
    for (int i = 0; i < MANY; i++) {
        char name[32], text[128];
        snprintf(name, sizeof name, "f%02d.txt", i);
        /* the bad byte sits on a different line in each file; some files are clean */
        int n = 0;
        for (int k = 0; k < i % 7; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, "linje\n");
        snprintf(text + n, sizeof text - (size_t)n, i % 5 == 4 ? "fint\n" : "ord \xff\n");
        paths[i] = strdup(kr_test_write(name, text, strlen(text)));
    }
}

Test(cli, many_files_in_parallel_print_in_input_order)
{
    const char *paths[MANY];
    write_many(paths);
    const char *args[MANY + 8] = {"check", "--format", "jsonl", "-j", "4"};
    size_t n = 5;
    /* input order is not name order */
    for (int i = MANY - 1; i >= 0; i--)
        args[n++] = paths[(i * 7) % MANY];
    args[n] = NULL;
    kr_run r4 = kr_test_run(NULL, 0, args);
    cr_assert_eq(r4.status, 1);
    args[4] = "1";
    kr_run r1 = kr_test_run(NULL, 0, args);
    cr_assert_str_eq(r4.out, r1.out, "-j 4 and -j 1 differ");
    char *line = r4.out;
    for (size_t i = 5; i < n; i++) {
        char *nl = strchr(line, '\n');
        cr_assert_not_null(nl);
        json_t *j = json_loadb(line, (size_t)(nl - line), 0, NULL);
        cr_assert_str_eq(json_string_value(json_object_get(j, "path")), args[i]);
        json_decref(j);
        line = nl + 1;
    }
    /* text output too, and -jN spelled together */
    args[1] = "-j3";
    args[2] = "--format";
    args[3] = "text";
    args[4] = "--min-severity";
    memmove(args + 6, args + 5, (n - 4) * sizeof *args);
    args[5] = "error";
    kr_run t3 = kr_test_run(NULL, 0, args);
    args[1] = "-j1";
    kr_run t1 = kr_test_run(NULL, 0, args);
    cr_assert_str_eq(t3.out, t1.out);
    kr_run_free(&t3);
    kr_run_free(&t1);
    kr_run_free(&r4);
    kr_run_free(&r1);
    for (int i = 0; i < MANY; i++)
        free((char *)paths[i]);
}

Test(cli, files_from_a_file_and_from_stdin)
{
    const char *paths[MANY];
    write_many(paths);
    char list[MANY * 300] = "";
    for (int i = 0; i < MANY; i++) {
        strcat(list, paths[i]);
        strcat(list, i % 3 ? "\n" : "\r\n"); /* a list written on Windows */
    }
    strcat(list, "\n"); /* blank lines are skipped */
    const char *lp = KR_WRITE("list.txt", list);
    kr_run a = KR_RUN(NULL, "check", "--format", "jsonl", "--files-from", lp);
    kr_run b = KR_RUN(list, "check", "--format", "jsonl", "--files-from", "-");
    cr_assert_eq(a.status, 1, "%s", a.err);
    cr_assert_str_eq(a.out, b.out);
    size_t lines = 0;
    for (char *s = a.out; (s = strchr(s, '\n')); s++)
        lines++;
    cr_assert_eq(lines, MANY);
    cr_assert(strstr(a.out, paths[MANY - 1]));
    kr_run_free(&a);
    kr_run_free(&b);
    kr_run c = KR_RUN(NULL, "check", "--files-from", kr_test_path("nolist.txt"));
    cr_assert_eq(c.status, 2);
    cr_assert(strstr(c.err, "nolist.txt"));
    kr_run_free(&c);
    for (int i = 0; i < MANY; i++)
        free((char *)paths[i]);
}

Test(cli, stdin_dash)
{
    kr_run r = kr_test_run(bad_line, sizeof bad_line - 1, KEYS("check", "-"));
    cr_assert_eq(r.status, 1);
    char want[64];
    snprintf(want, sizeof want, "<stdin>:1:%d: error: ", BAD_COL);
    cr_assert(strncmp(r.out, want, strlen(want)) == 0, "%s", r.out);
    kr_run_free(&r);
    r = kr_test_run(bad_line, sizeof bad_line - 1, KEYS("check", "--format", "json", "-"));
    json_t *j = parse(&r);
    kr_diagnostics_free(check_file_entry(json_array_get(json_object_get(j, "files"), 0), "<stdin>",
                                         bad_line, sizeof bad_line - 1));
    json_decref(j);
    kr_run_free(&r);
}

/* ---- fix --------------------------------------------------------------------------- */

/* What `fix` must print: the input with the JSON's preferred edits applied. New. */
static char *expected_fix(const char *path, const char *text, size_t len, size_t *out_len,
                          const char *const *extra)
{
    kr_diagnostics *l = check_json(path, text, len, extra, NULL);
    char *out = kr_diagnostics_apply_preferred(l, text, len, out_len);
    kr_diagnostics_free(l);
    return out;
}

static const char *const fix_inputs[] = {
    damaged_doc, clean_doc,
    "Titel\r\n\r\nSvar:\r\n\r\nVi vil 0og gerne hjzelpe "
    "de sma bgrn pa omradet.\r\nigangvee-\r\nrende arbejde\r\n"};

Test(cli, fix_prints_the_input_with_the_preferred_edits)
{
    for (size_t i = 0; i < sizeof fix_inputs / sizeof *fix_inputs; i++) {
        size_t len = strlen(fix_inputs[i]), elen;
        const char *p = kr_test_write("in.txt", fix_inputs[i], len);
        char *want = expected_fix(p, fix_inputs[i], len, &elen, NULL);
        kr_run r = KR_RUN(NULL, "fix", p);
        cr_assert_leq(r.status, 1, "%s", r.err);
        cr_assert(
            r.out_len == elen && memcmp(r.out, want, elen) == 0,
            "input %zu: fix output differs from the JSON's preferred edits:\n%s\n--- want:\n%s", i,
            r.out, want);
        /* the file itself is untouched */
        size_t flen;
        char *now = kr_test_read(p, &flen);
        cr_assert(flen == len && memcmp(now, fix_inputs[i], len) == 0);
        free(now);
        /* idempotent: fixing the fixed text changes nothing */
        kr_run again = kr_test_run(r.out, r.out_len, KEYS("fix", "-"));
        cr_assert(again.out_len == r.out_len && memcmp(again.out, r.out, r.out_len) == 0,
                  "fix(fix(x)) != fix(x) for input %zu:\n%s\n--- second:\n%s", i, r.out, again.out);
        kr_run_free(&again);
        kr_run_free(&r);
        free(want);
    }
}

Test(cli, fix_leaves_invalid_utf8_alone)
{
    const char t[] = "Sm\xe5 b\xf8rn\n";
    kr_run r = kr_test_run(t, sizeof t - 1, KEYS("fix", "-"));
    cr_assert_eq(r.status, 1);
    cr_assert(r.out_len == sizeof t - 1 && memcmp(r.out, t, sizeof t - 1) == 0);
    kr_run_free(&r);
}

static int sh(const char *fmt, const char *a, const char *b)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    return system(cmd);
}

Test(cli, diff_applies_cleanly_with_patch)
{
    for (size_t i = 0; i < sizeof fix_inputs / sizeof *fix_inputs; i++) {
        size_t len = strlen(fix_inputs[i]);
        const char *p = kr_test_write("in.txt", fix_inputs[i], len);
        kr_run fixed = KR_RUN(NULL, "fix", p);
        kr_run diff = KR_RUN(NULL, "fix", "--diff", p);
        cr_assert_leq(diff.status, 1, "%s", diff.err);
        if (diff.out_len == 0) {
            cr_assert(fixed.out_len == len && memcmp(fixed.out, fix_inputs[i], len) == 0,
                      "input %zu: an empty diff but fix changes the text", i);
        } else {
            const char *copy = kr_test_write("copy.txt", fix_inputs[i], len);
            const char *dp = kr_test_write("fix.diff", diff.out, diff.out_len);
            cr_assert_eq(sh("patch -s --binary %s < %s", copy, dp), 0,
                         "patch refused the diff of input %zu:\n%s", i, diff.out);
            size_t plen;
            char *patched = kr_test_read(copy, &plen);
            cr_assert(plen == fixed.out_len && memcmp(patched, fixed.out, plen) == 0,
                      "patched text differs from fix output (input %zu)", i);
            free(patched);
        }
        kr_run_free(&fixed);
        kr_run_free(&diff);
    }
}

Test(cli, in_place_writes_the_fix_and_keeps_the_mode)
{
    size_t len = strlen(damaged_doc);
    const char *p = kr_test_write("doc.txt", damaged_doc, len);
    cr_assert_eq(chmod(p, 0640), 0);
    kr_run want = KR_RUN(NULL, "fix", p);
    kr_run r = KR_RUN(NULL, "fix", "-i", p);
    cr_assert_leq(r.status, 1, "%s", r.err);
    cr_assert_str_eq(r.out, "", "-i prints nothing");
    size_t flen;
    char *now = kr_test_read(p, &flen);
    cr_assert(flen == want.out_len && memcmp(now, want.out, flen) == 0);
    struct stat st;
    cr_assert_eq(stat(p, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0640);
    free(now);
    /* no temporary file is left beside it */
    cr_assert_eq(sh("test -z \"$(ls -A %s | grep -v -e '^doc.txt$')\"%s", kr_test_path(""), ""), 0);
    kr_run_free(&r);
    kr_run_free(&want);
}

Test(cli, in_place_write_failure_leaves_the_original)
{
    size_t len = strlen(damaged_doc);
    const char *p = kr_test_write("doc.txt", damaged_doc, len);
    kr_run want = KR_RUN(NULL, "fix", p);
    bool changes = want.out_len != len || memcmp(want.out, damaged_doc, len) != 0;
    setenv("KORREKTUR_TEST_FAIL_WRITE", "1", 1);
    kr_run r = KR_RUN(NULL, "fix", "-i", p);
    unsetenv("KORREKTUR_TEST_FAIL_WRITE");
    size_t flen;
    char *now = kr_test_read(p, &flen);
    cr_assert(flen == len && memcmp(now, damaged_doc, len) == 0, "the original was damaged");
    if (changes) {
        cr_assert_eq(r.status, 2);
        cr_assert(strstr(r.err, p) && strstr(r.err, "unchanged"), "%s", r.err);
    }
    cr_assert_eq(sh("test -z \"$(ls -A %s | grep -v -e '^doc.txt$')\"%s", kr_test_path(""), ""), 0,
                 "a temporary file was left behind");
    free(now);
    kr_run_free(&r);
    kr_run_free(&want);
}

/* ---- --encoding latin1 -------------------------------------------------------------- */

static char *to_utf8(const char *s, size_t n, size_t *out)
{
    char *o = malloc(2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = (char)c;
        } else {
            o[k++] = (char)(0xC0 | (c >> 6));
            o[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    o[k] = '\0';
    *out = k;
    return o;
}

Test(cli, latin1_round_trip)
{
    const char l1[] = "Sm\xe5 b\xf8rn g\xe5r i skole, og vii f\xf8lger 0og op p\xe5 det.\n";
    size_t len = sizeof l1 - 1;
    const char *p = kr_test_write("l1.txt", l1, len);
    /* read as Latin-1 there is nothing wrong with the encoding */
    kr_run r = KR_RUN(NULL, "check", "--encoding", "latin1", "--format", "json", p);
    json_t *j = parse(&r);
    size_t u8len;
    char *u8 = to_utf8(l1, len, &u8len);
    kr_diagnostics *l =
        check_file_entry(json_array_get(json_object_get(j, "files"), 0), p, u8, u8len);
    cr_assert_eq(count_rule(l, "encoding"), 0);
    /* fix prints Latin-1 again: the UTF-8 fix converted back byte for byte */
    size_t flen;
    char *fixed = kr_diagnostics_apply_preferred(l, u8, u8len, &flen);
    kr_run f = KR_RUN(NULL, "fix", "--encoding", "latin1", p);
    cr_assert_leq(f.status, 1, "%s", f.err);
    cr_assert_null(memchr(f.out, 0xC3, f.out_len), "fix printed UTF-8 for a Latin-1 file");
    size_t back_len;
    char *back = to_utf8(f.out, f.out_len, &back_len);
    cr_assert(back_len == flen && memcmp(back, fixed, flen) == 0, "%s\n--- want:\n%s", back, fixed);
    /* and -i writes Latin-1 */
    kr_run i = KR_RUN(NULL, "fix", "-i", "--encoding", "latin1", p);
    cr_assert_leq(i.status, 1, "%s", i.err);
    size_t nlen;
    char *now = kr_test_read(p, &nlen);
    cr_assert(nlen == f.out_len && memcmp(now, f.out, nlen) == 0);
    free(now);
    free(back);
    free(fixed);
    free(u8);
    kr_diagnostics_free(l);
    json_decref(j);
    kr_run_free(&r);
    kr_run_free(&f);
    kr_run_free(&i);
}

/* ---- informational flags ------------------------------------------------------------ */

Test(cli, version_help_list_rules_explain)
{
    kr_run r = KR_RUN(NULL, "--version");
    cr_assert_eq(r.status, 0);
    cr_assert(strncmp(r.out, "korrektur ", 10) == 0 && r.out[10] >= '0' && r.out[10] <= '9', "%s",
              r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "--help");
    cr_assert_eq(r.status, 0);
    cr_assert(strstr(r.out, "korrektur check") && strstr(r.out, "korrektur fix") &&
              strstr(r.out, "--format") && strstr(r.out, "--explain"));
    kr_run_free(&r);
    r = KR_RUN(NULL, "--list-rules");
    cr_assert_eq(r.status, 0);
    for (size_t i = 0; i < kr_rule_count(); i++) {
        char want[128];
        snprintf(want, sizeof want, "%s ", kr_rule_id(i));
        cr_assert(strstr(r.out, want), "--list-rules lacks %s", kr_rule_id(i));
        kr_run e = KR_RUN(NULL, "--explain", kr_rule_id(i));
        cr_assert_eq(e.status, 0);
        cr_assert(strstr(e.out, kr_rule_explanation(i)), "--explain %s", kr_rule_id(i));
        cr_assert(strstr(e.out, kr_severity_name(kr_rule_default_severity(i))));
        kr_run_free(&e);
    }
    cr_assert(strstr(r.out, "encoding") && strstr(r.out, "error"));
    kr_run_free(&r);
}
