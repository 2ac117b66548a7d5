/* lsp_config.c — reads configuration JSON (a `.korrektur.json` file, LSP
 * initializationOptions or a `korrektur` settings section) into a kr_config. Part
 * of the JSON layer: with the other lsp_*.c files, the only user of jansson.
 * Every error is one sentence that names the offending key. `docsUrl` (a link
 * template for codeDescription) is the server's own key: accepted here, read by
 * lsp_config_read_extras(). */
#include <errno.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine.h"
#include "lsp.h"

static int fail(char **err, const char *origin, const char *fmt, const char *key)
{
    if (err) {
        char buf[512];
        snprintf(buf, sizeof buf, fmt, key);
        size_t n = strlen(origin) + strlen(buf) + 4;
        *err = kr_xmalloc(n);
        snprintf(*err, n, "%s: %s", origin, buf);
    }
    return -1;
}

static int read_terms(kr_config *c, json_t *v, const char *origin, char **err)
{
    if (!json_is_array(v))
        return fail(err, origin, "\"%s\" must be an array of strings", "terms");
    kr_config_clear_terms(c);
    size_t i;
    json_t *t;
    json_array_foreach(v, i, t)
    {
        if (!json_is_string(t) || json_string_length(t) == 0)
            return fail(err, origin, "every entry of \"%s\" must be a non-empty string", "terms");
        kr_config_add_term(c, json_string_value(t));
    }
    return 0;
}

static int read_severity(json_t *v, kr_severity *out)
{
    return json_is_string(v) ? kr_severity_parse(json_string_value(v), out) : -1;
}

static int read_rule(kr_config *c, const char *id, json_t *v, const char *origin, char **err)
{
    char key[160];
    snprintf(key, sizeof key, "rules.%s", id);
    if (kr_rule_find(id) < 0)
        return fail(err, origin, "\"%s\" names no rule (see korrektur --list-rules)", key);
    kr_severity sev;
    if (json_is_boolean(v)) /* shorthand: "rule": false */
        return kr_config_set_rule_enabled(c, id, json_is_true(v));
    if (json_is_string(v)) { /* shorthand: "rule": "hint" | "off" */
        if (strcmp(json_string_value(v), "off") == 0)
            return kr_config_set_rule_enabled(c, id, false);
        if (read_severity(v, &sev) < 0)
            return fail(err, origin,
                        "\"%s\" must be a severity (error, warning, information, hint) or "
                        "\"off\"",
                        key);
        return kr_config_set_rule_severity(c, id, sev);
    }
    if (!json_is_object(v))
        return fail(err, origin, "\"%s\" must be an object like {\"enabled\": true}", key);
    const char *k;
    json_t *x;
    json_object_foreach(v, k, x)
    {
        snprintf(key, sizeof key, "rules.%s.%s", id, k);
        if (strcmp(k, "enabled") == 0) {
            if (!json_is_boolean(x))
                return fail(err, origin, "\"%s\" must be true or false", key);
            kr_config_set_rule_enabled(c, id, json_is_true(x));
        } else if (strcmp(k, "severity") == 0) {
            if (read_severity(x, &sev) < 0)
                return fail(err, origin, "\"%s\" must be one of error, warning, information, hint",
                            key);
            kr_config_set_rule_severity(c, id, sev);
        } else {
            return fail(err, origin, "\"%s\" is not a known setting", key);
        }
    }
    return 0;
}

static int read_rules(kr_config *c, json_t *v, const char *origin, char **err)
{
    if (!json_is_object(v))
        return fail(err, origin, "\"%s\" must be an object of rule settings", "rules");
    const char *id;
    json_t *r;
    json_object_foreach(v, id, r)
    {
        if (read_rule(c, id, r, origin, err) < 0)
            return -1;
    }
    return 0;
}

static int apply(kr_config *c, json_t *root, const char *origin, char **err)
{
    if (!json_is_object(root))
        return fail(err, origin, "the configuration must be a JSON object%s", "");
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v)
    {
        kr_severity sev;
        if (strcmp(key, "terms") == 0) {
            if (read_terms(c, v, origin, err) < 0)
                return -1;
        } else if (strcmp(key, "dictionary") == 0) {
            if (!json_is_string(v) && !json_is_null(v))
                return fail(err, origin, "\"%s\" must be a file path (a string)", key);
            kr_config_set_dictionary(c, json_is_string(v) ? json_string_value(v) : NULL);
        } else if (strcmp(key, "rules") == 0) {
            if (read_rules(c, v, origin, err) < 0)
                return -1;
        } else if (strcmp(key, "minSeverity") == 0) {
            if (read_severity(v, &sev) < 0)
                return fail(err, origin, "\"%s\" must be one of error, warning, information, hint",
                            key);
            kr_config_set_min_severity(c, sev);
        } else if (strcmp(key, "maxFileSize") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) <= 0)
                return fail(err, origin, "\"%s\" must be a positive number of bytes", key);
            kr_config_set_max_file_size(c, (size_t)json_integer_value(v));
        } else if (strcmp(key, "maxProblems") == 0) {
            if (!json_is_integer(v) || json_integer_value(v) < 0)
                return fail(err, origin, "\"%s\" must be a number of diagnostics (0 for no limit)",
                            key);
            kr_config_set_max_problems(c, (size_t)json_integer_value(v));
        } else if (strcmp(key, "path") == 0 || strcmp(key, "trace") == 0 ||
                   strcmp(key, "$schema") == 0) {
            /* editor-side settings that travel with the section: not ours */
        } else if (strcmp(key, "docsUrl") == 0) {
            /* read by the language server (lsp_config_read_extras) */
            if (!json_is_string(v) && !json_is_null(v))
                return fail(err, origin, "\"%s\" must be a URL template (a string)", key);
        } else {
            return fail(err, origin, "\"%s\" is not a known setting", key);
        }
    }
    return 0;
}

int kr_config_load_json(kr_config *self, const char *json, size_t len, const char *origin,
                        char **err)
{
    json_error_t jerr;
    json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        if (err) {
            size_t n = strlen(origin) + strlen(jerr.text) + 64;
            *err = kr_xmalloc(n);
            snprintf(*err, n, "%s: invalid JSON at line %d: %s", origin, jerr.line, jerr.text);
        }
        return -1;
    }
    /* apply to a copy so an error leaves the configuration as it was */
    kr_config *tmp = kr_config_copy(self);
    int rc = apply(tmp, root, origin, err);
    json_decref(root);
    if (rc == 0)
        kr_config_swap(self, tmp);
    kr_config_free(tmp);
    return rc;
}

int kr_config_load_file(kr_config *self, const char *path, char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fail(err, path, "cannot read the configuration file (%s)", strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            if (cap > (1u << 24)) {
                free(buf);
                fclose(f);
                return fail(err, path, "the configuration file is larger than 16 MiB%s", "");
            }
            buf = kr_xrealloc(buf, cap);
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    fclose(f);
    int rc = kr_config_load_json(self, buf, len, path, err);
    free(buf);
    if (rc == 0) {
        char *copy = kr_xstrndup(path, strlen(path));
        kr_config_set_base_dir(self, dirname(copy));
        free(copy);
    }
    return rc;
}

char *kr_config_find(const char *file)
{
    char *abs = realpath(file, NULL);
    if (!abs) {
        char *copy = kr_xstrndup(file, strlen(file));
        char *dir = realpath(dirname(copy), NULL);
        free(copy);
        if (!dir)
            return NULL;
        abs = kr_xmalloc(strlen(dir) + 3);
        sprintf(abs, "%s/x", dir);
        free(dir);
    }
    struct stat st;
    /* start from the file's folder (or the folder itself when given one) */
    if (stat(abs, &st) == 0 && !S_ISDIR(st.st_mode))
        *strrchr(abs, '/') = '\0';
    else if (stat(abs, &st) != 0)
        *strrchr(abs, '/') = '\0';
    for (;;) {
        size_t n = strlen(abs);
        char *cand = kr_xmalloc(n + 18);
        snprintf(cand, n + 18, "%s/.korrektur.json", n == 1 ? "" : abs);
        if (stat(cand, &st) == 0 && S_ISREG(st.st_mode)) {
            free(abs);
            return cand;
        }
        free(cand);
        char *slash = strrchr(abs, '/');
        if (!slash || n <= 1)
            break;
        if (slash == abs)
            abs[1] = '\0';
        else
            *slash = '\0';
    }
    free(abs);
    return NULL;
}

void lsp_config_read_extras(kr_lsp *s, json_t *obj)
{
    /* docsUrl: where a rule is documented, "{rule}" standing for its id; it
     * becomes each diagnostic's codeDescription */
    json_t *inner = json_object_get(obj, "korrektur");
    json_t *url = json_object_get(json_is_object(inner) ? inner : obj, "docsUrl");
    if (json_is_string(url) && strncmp(json_string_value(url), "http", 4) == 0) {
        free(s->docs_url);
        s->docs_url = kr_xstrndup(json_string_value(url), json_string_length(url));
    }
}
