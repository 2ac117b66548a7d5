/* linter.c — runs the registered rules over a document: builds the shared
 * analysis once, gives each enabled rule a context, collects and sorts the
 * diagnostics. Also the read-only face of the rule registry. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct kr_linter {
    kr_config *config;
    kr_lexicon *lexicon;
    kr_arena scratch; /* per-lint memory, reset after each run */
};

kr_linter *kr_linter_new(const kr_config *config, kr_lexicon *lexicon)
{
    kr_linter *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->config = config ? kr_config_copy(config) : kr_config_new();
    l->lexicon = lexicon;
    kr_arena_init(&l->scratch, 256 * 1024);
    return l;
}

void kr_linter_free(kr_linter *self)
{
    if (!self)
        return;
    kr_config_free(self->config);
    kr_arena_release(&self->scratch);
    free(self);
}

void kr_linter_set_config(kr_linter *self, const kr_config *config)
{
    kr_config *c = kr_config_copy(config);
    kr_config_free(self->config);
    self->config = c;
}

const kr_config *kr_linter_config(const kr_linter *self)
{
    return self->config;
}

kr_diagnostics *kr_linter_run(kr_linter *self, kr_document *doc)
{
    kr_diagnostics *out = kr_diagnostics_new();
    if (!out)
        return NULL;
    kr_lint_ctx ctx = {0};
    ctx.text = kr_document_text(doc, &ctx.len);
    ctx.doc = doc;
    ctx.tree = kr_document_tree(doc);
    ctx.lex = self->lexicon;
    ctx.cfg = self->config;
    ctx.scratch = &self->scratch;
    ctx.out = out;
    kr_analysis *an = kr_arena_alloc(ctx.scratch, sizeof *an);
    kr_analysis_build(an, ctx.scratch, ctx.text, ctx.len, ctx.tree);
    ctx.an = an;
    ctx.claimed = kr_arena_alloc(ctx.scratch, an->n_tokens + 1);
    for (size_t i = 0; i < kr_rules_count; i++) {
        const kr_rule *r = kr_rules[i];
        if (!kr_config_rule_enabled(self->config, r->id))
            continue;
        ctx.rule = r;
        ctx.severity = kr_config_rule_severity(self->config, r->id);
        r->check(&ctx);
    }
    kr_diagnostics_sort(out);
    kr_arena_reset(&self->scratch);
    return out;
}

kr_diagnostic *kr_emit(kr_lint_ctx *ctx, size_t start, size_t end, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    kr_diagnostic *d = kr_diagnostics_add(ctx->out, ctx->rule->id, ctx->severity, start, end, buf);
    kr_diagnostic_set_subject(ctx->out, d, ctx->text + start, end - start);
    return d;
}

bool kr_claim(kr_lint_ctx *ctx, size_t first, size_t last)
{
    if (last >= ctx->an->n_tokens || first > last)
        return false;
    for (size_t i = first; i <= last; i++)
        if (ctx->claimed[i])
            return false;
    memset(ctx->claimed + first, 1, last - first + 1);
    return true;
}

size_t kr_rule_count(void)
{
    return kr_rules_count;
}

const char *kr_rule_id(size_t i)
{
    return i < kr_rules_count ? kr_rules[i]->id : NULL;
}

kr_severity kr_rule_default_severity(size_t i)
{
    return i < kr_rules_count ? kr_rules[i]->severity : KR_SEV_WARNING;
}

const char *kr_rule_summary(size_t i)
{
    return i < kr_rules_count ? kr_rules[i]->summary : NULL;
}

const char *kr_rule_explanation(size_t i)
{
    return i < kr_rules_count ? kr_rules[i]->explanation : NULL;
}

int kr_rule_find(const char *id)
{
    for (size_t i = 0; i < kr_rules_count; i++)
        if (strcmp(kr_rules[i]->id, id) == 0)
            return (int)i;
    return -1;
}
