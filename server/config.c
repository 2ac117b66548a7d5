/* config.c — the configuration object: declared terms, dictionary path, per-rule
 * switches, thresholds. Plain data; reading it from JSON is lsp_config.c's job. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

#define KR_MAX_RULES 32

struct kr_config {
    char **terms;
    size_t n_terms;
    char *dictionary;
    char *base_dir;
    kr_severity min_severity;
    size_t max_file_size;
    size_t max_problems;                /* 0: unlimited */
    signed char enabled[KR_MAX_RULES];  /* -1: default (on) */
    signed char severity[KR_MAX_RULES]; /* 0: the rule's default */
};

kr_config *kr_config_new(void)
{
    kr_config *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->min_severity = KR_SEV_WARNING;
    c->max_file_size = 10u * 1024 * 1024;
    c->max_problems = 1000;
    memset(c->enabled, -1, sizeof c->enabled);
    kr_config_add_term(c, "Småbørnsløftet");
    return c;
}

static char *dup_or_null(const char *s)
{
    return s ? kr_xstrndup(s, strlen(s)) : NULL;
}

kr_config *kr_config_copy(const kr_config *self)
{
    kr_config *c = kr_xmalloc(sizeof *c);
    *c = *self;
    c->terms = kr_xmalloc((self->n_terms ? self->n_terms : 1) * sizeof *c->terms);
    for (size_t i = 0; i < self->n_terms; i++)
        c->terms[i] = dup_or_null(self->terms[i]);
    c->dictionary = dup_or_null(self->dictionary);
    c->base_dir = dup_or_null(self->base_dir);
    return c;
}

void kr_config_free(kr_config *self)
{
    if (!self)
        return;
    kr_config_clear_terms(self);
    free(self->dictionary);
    free(self->base_dir);
    free(self);
}

void kr_config_clear_terms(kr_config *self)
{
    for (size_t i = 0; i < self->n_terms; i++)
        free(self->terms[i]);
    free(self->terms);
    self->terms = NULL;
    self->n_terms = 0;
}

int kr_config_add_term(kr_config *self, const char *term)
{
    if (!term || !*term)
        return -1;
    self->terms = kr_xrealloc(self->terms, (self->n_terms + 1) * sizeof *self->terms);
    self->terms[self->n_terms++] = dup_or_null(term);
    return 0;
}

size_t kr_config_term_count(const kr_config *self)
{
    return self->n_terms;
}

const char *kr_config_term(const kr_config *self, size_t i)
{
    return i < self->n_terms ? self->terms[i] : NULL;
}

void kr_config_set_dictionary(kr_config *self, const char *path)
{
    free(self->dictionary);
    self->dictionary = dup_or_null(path);
}

const char *kr_config_dictionary(const kr_config *self)
{
    return self->dictionary;
}

void kr_config_set_base_dir(kr_config *self, const char *dir)
{
    free(self->base_dir);
    self->base_dir = dup_or_null(dir);
}

const char *kr_config_base_dir(const kr_config *self)
{
    return self->base_dir;
}

int kr_config_set_rule_enabled(kr_config *self, const char *rule, bool enabled)
{
    int i = kr_rule_find(rule);
    if (i < 0 || i >= KR_MAX_RULES)
        return -1;
    self->enabled[i] = enabled;
    return 0;
}

int kr_config_set_rule_severity(kr_config *self, const char *rule, kr_severity sev)
{
    int i = kr_rule_find(rule);
    if (i < 0 || i >= KR_MAX_RULES)
        return -1;
    self->severity[i] = (signed char)sev;
    return 0;
}

bool kr_config_rule_enabled(const kr_config *self, const char *rule)
{
    int i = kr_rule_find(rule);
    return i >= 0 && i < KR_MAX_RULES && self->enabled[i] != 0;
}

kr_severity kr_config_rule_severity(const kr_config *self, const char *rule)
{
    int i = kr_rule_find(rule);
    if (i < 0)
        return KR_SEV_WARNING;
    if (i < KR_MAX_RULES && self->severity[i])
        return (kr_severity)self->severity[i];
    return kr_rule_default_severity((size_t)i);
}

void kr_config_set_min_severity(kr_config *self, kr_severity sev)
{
    self->min_severity = sev;
}

kr_severity kr_config_min_severity(const kr_config *self)
{
    return self->min_severity;
}

void kr_config_set_max_file_size(kr_config *self, size_t bytes)
{
    self->max_file_size = bytes;
}

size_t kr_config_max_file_size(const kr_config *self)
{
    return self->max_file_size;
}

void kr_config_set_max_problems(kr_config *self, size_t n)
{
    self->max_problems = n;
}

size_t kr_config_max_problems(const kr_config *self)
{
    return self->max_problems;
}

void kr_config_swap(kr_config *a, kr_config *b)
{
    kr_config t = *a;
    *a = *b;
    *b = t;
}
