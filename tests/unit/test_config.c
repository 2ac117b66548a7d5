/* test_config.c — `.korrektur.json` as a user writes it: defaults, every key read,
 * every mistake reported in one sentence naming the key (and the configuration
 * left as it was), and the file found by walking up from the linted file. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "korrektur/korrektur.h"

static int load(kr_config *c, const char *json, char **err)
{
    *err = NULL;
    return kr_config_load_json(c, json, strlen(json), "test.json", err);
}

Test(config, defaults)
{
    kr_config *c = kr_config_new();
    cr_assert_eq(kr_config_term_count(c), 1);
    cr_assert_str_eq(kr_config_term(c, 0), "Småbørnsløftet");
    cr_assert_eq(kr_config_min_severity(c), KR_SEV_WARNING);
    cr_assert_eq(kr_config_max_file_size(c), 10u * 1024 * 1024);
    cr_assert_null(kr_config_dictionary(c));
    cr_assert(kr_config_rule_enabled(c, "encoding"));
    cr_assert_eq(kr_config_rule_severity(c, "encoding"), KR_SEV_ERROR);
    kr_config_free(c);
    kr_config_free(NULL);
}

Test(config, every_key_is_read)
{
    kr_config *c = kr_config_new();
    char *err;
    int rc = load(c,
                  "{\"terms\": [\"Småbørnsløftet\", \"Region Hovedstaden\"],"
                  " \"dictionary\": \"ord.txt\", \"minSeverity\": \"hint\","
                  " \"maxFileSize\": 1000,"
                  " \"rules\": {\"encoding\": {\"enabled\": true, \"severity\": \"information\"}}}",
                  &err);
    cr_assert_eq(rc, 0, "%s", err ? err : "");
    cr_assert_eq(kr_config_term_count(c), 2);
    cr_assert_str_eq(kr_config_term(c, 1), "Region Hovedstaden");
    cr_assert_str_eq(kr_config_dictionary(c), "ord.txt");
    cr_assert_eq(kr_config_min_severity(c), KR_SEV_HINT);
    cr_assert_eq(kr_config_max_file_size(c), 1000);
    cr_assert_eq(kr_config_rule_severity(c, "encoding"), KR_SEV_INFO);
    kr_config_free(c);
}

Test(config, rule_shorthands)
{
    kr_config *c = kr_config_new();
    char *err;
    cr_assert_eq(load(c, "{\"rules\": {\"encoding\": false}}", &err), 0);
    cr_assert_not(kr_config_rule_enabled(c, "encoding"));
    cr_assert_eq(load(c, "{\"rules\": {\"encoding\": \"hint\"}}", &err), 0);
    cr_assert_eq(kr_config_rule_severity(c, "encoding"), KR_SEV_HINT);
    cr_assert_eq(load(c, "{\"rules\": {\"encoding\": \"off\"}}", &err), 0);
    cr_assert_not(kr_config_rule_enabled(c, "encoding"));
    kr_config_free(c);
}

/* Each bad input must fail, name `key` in its one-sentence message and leave the
 * configuration unchanged. */
static void assert_rejected(const char *json, const char *key)
{
    kr_config *c = kr_config_new();
    char *err;
    cr_assert_eq(load(c, json, &err), -1, "accepted: %s", json);
    cr_assert_not_null(err);
    cr_assert(strstr(err, key), "message for %s does not name %s: %s", json, key, err);
    cr_assert(strstr(err, "test.json"), "message does not name the file: %s", err);
    cr_assert_null(strchr(err, '\n'), "one sentence, one line: %s", err);
    cr_assert_eq(kr_config_term_count(c), 1);
    cr_assert_str_eq(kr_config_term(c, 0), "Småbørnsløftet");
    cr_assert_eq(kr_config_min_severity(c), KR_SEV_WARNING);
    free(err);
    kr_config_free(c);
}

Test(config, mistakes_name_the_key)
{
    assert_rejected("{\"terms\": [\"X\"], \"termz\": []}", "termz");
    assert_rejected("{\"terms\": \"Småbørnsløftet\"}", "terms");
    assert_rejected("{\"terms\": [\"\"]}", "terms");
    assert_rejected("{\"terms\": [\"A\"], \"minSeverity\": \"loud\"}", "minSeverity");
    assert_rejected("{\"maxFileSize\": \"big\"}", "maxFileSize");
    assert_rejected("{\"maxFileSize\": -5}", "maxFileSize");
    assert_rejected("{\"dictionary\": 7}", "dictionary");
    assert_rejected("{\"rules\": []}", "rules");
    assert_rejected("{\"rules\": {\"no-such-rule\": true}}", "rules.no-such-rule");
    assert_rejected("{\"rules\": {\"encoding\": {\"severity\": \"loud\"}}}",
                    "rules.encoding.severity");
    assert_rejected("{\"rules\": {\"encoding\": {\"enabled\": \"yes\"}}}",
                    "rules.encoding.enabled");
    assert_rejected("{\"rules\": {\"encoding\": {\"colour\": 1}}}", "rules.encoding.colour");
}

Test(config, invalid_json_says_where)
{
    kr_config *c = kr_config_new();
    char *err;
    cr_assert_eq(load(c, "{\"terms\": [\n", &err), -1);
    cr_assert(strstr(err, "line"), "%s", err);
    free(err);
    cr_assert_eq(load(c, "[1, 2]", &err), -1);
    free(err);
    kr_config_free(c);
}

Test(config, copy_is_deep)
{
    kr_config *c = kr_config_new();
    kr_config_add_term(c, "Region Hovedstaden");
    kr_config_set_dictionary(c, "a.txt");
    kr_config *d = kr_config_copy(c);
    kr_config_clear_terms(c);
    kr_config_set_dictionary(c, NULL);
    kr_config_free(c);
    cr_assert_eq(kr_config_term_count(d), 2);
    cr_assert_str_eq(kr_config_term(d, 1), "Region Hovedstaden");
    cr_assert_str_eq(kr_config_dictionary(d), "a.txt");
    kr_config_free(d);
}

static char tmpl[64];

static void make_tree(void)
{
    strcpy(tmpl, "/tmp/kr-config-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpl));
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    fputs(text, f);
    fclose(f);
}

static void rm_tree(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpl);
    cr_assert_eq(system(cmd), 0);
}

Test(config, found_by_walking_up_and_base_dir_set, .init = make_tree, .fini = rm_tree)
{
    char path[128], sub[128], file[256];
    snprintf(path, sizeof path, "%s/.korrektur.json", tmpl);
    snprintf(sub, sizeof sub, "%s/a/b", tmpl);
    snprintf(file, sizeof file, "%s/doc.txt", sub);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "mkdir -p %s", sub);
    cr_assert_eq(system(cmd), 0);
    write_file(path, "{\"dictionary\": \"ord.txt\"}");
    write_file(file, "tekst\n");
    char *found = kr_config_find(file);
    cr_assert_not_null(found);
    cr_assert_str_eq(found, path);
    /* a file that does not exist yet (an unsaved editor buffer) finds it too */
    snprintf(file, sizeof file, "%s/ny.txt", sub);
    char *found2 = kr_config_find(file);
    cr_assert_not_null(found2);
    cr_assert_str_eq(found2, path);
    kr_config *c = kr_config_new();
    char *err = NULL;
    cr_assert_eq(kr_config_load_file(c, found, &err), 0, "%s", err ? err : "");
    cr_assert_str_eq(kr_config_base_dir(c), tmpl);
    /* a nearer config wins */
    char near[256];
    snprintf(near, sizeof near, "%s/a/.korrektur.json", tmpl);
    write_file(near, "{}");
    char *found3 = kr_config_find(file);
    cr_assert_str_eq(found3, near);
    free(found);
    free(found2);
    free(found3);
    kr_config_free(c);
}

Test(config, missing_file_is_an_error_naming_it)
{
    kr_config *c = kr_config_new();
    char *err = NULL;
    cr_assert_eq(kr_config_load_file(c, "/nonexistent/korrektur.json", &err), -1);
    cr_assert(strstr(err, "/nonexistent/korrektur.json"), "%s", err);
    free(err);
    kr_config_free(c);
}
