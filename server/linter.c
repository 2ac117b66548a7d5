/* linter.c — runs the registered rules over a document: builds the shared
 * analysis once, gives each enabled rule a context, collects and sorts the
 * diagnostics. Also the read-only face of the rule registry. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "engine.h"
#include "lexicon_internal.h"
#include "lint_cache.h"

struct kr_linter {
    kr_config *config;
    kr_lexicon *lexicon;
    kr_arena scratch;    /* per-lint memory, reset after each run */
    uint64_t id;         /* unique per linter: documents' caches name their maker */
    uint64_t generation; /* changes with the configuration or the lexicon */
    unsigned threads;    /* kr_linter_set_threads */
};

static uint64_t next_id(void)
{
    static _Atomic uint64_t ids;
    return ++ids;
}

kr_linter *kr_linter_new(const kr_config *config, kr_lexicon *lexicon)
{
    kr_linter *l = calloc(1, sizeof *l);
    if (!l)
        return NULL;
    l->config = config ? kr_config_copy(config) : kr_config_new();
    l->lexicon = lexicon;
    kr_arena_init(&l->scratch, 256 * 1024);
    l->id = next_id();
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

void kr_linter_set_threads(kr_linter *self, unsigned threads)
{
    self->threads = threads;
}

void kr_linter_set_config(kr_linter *self, const kr_config *config)
{
    kr_config *c = kr_config_copy(config);
    kr_config_free(self->config);
    self->config = c;
    self->generation++;
}

void kr_linter_invalidate(kr_linter *self)
{
    self->generation++;
}

const kr_config *kr_linter_config(const kr_linter *self)
{
    return self->config;
}

static size_t utf8_seq(const unsigned char *s, size_t avail);

/* True when s[0..n) is valid UTF-8 without NUL bytes. */
static bool clean_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c && c < 0x80) { /* most of a fix's text */
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2; /* æ, ø, å: most of the rest */
            continue;
        }
        size_t k = c ? utf8_seq((const unsigned char *)s + i, n - i) : 0;
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* Invalid UTF-8 and NUL bytes are the `encoding` rule's, and the text around them
 * is left alone: a fix of a span holding such bytes, or whose edits touch or
 * would write them, is dropped here, whichever rule made it (a word quoted from
 * a Latin-1 file is not a word to repair). */
/* Is the whole text valid UTF-8 without NUL bytes? Eight bytes at a time while
 * they are ASCII (most of a document). */
static bool clean_document(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    size_t i = 0;
    while (i < n) {
        for (; i + 8 <= n; i += 8) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if ((x & high) || ((x - ones) & ~x & high))
                break; /* a byte >= 0x80 or a NUL among them */
        }
        size_t stop = i + 8 < n ? i + 8 : n;
        while (i < stop) {
            size_t k = s[i] ? utf8_seq((const unsigned char *)s + i, n - i) : 0;
            if (!k)
                return false;
            i += k;
        }
    }
    return true;
}

/* In a text that is clean as a whole, is the span [start, end) (within it)
 * clean? Exactly when it neither starts nor ends inside a character. */
static inline bool clean_span(const char *text, size_t len, bool whole_clean, size_t start,
                              size_t end)
{
    if (!whole_clean)
        return clean_text(text + start, end - start);
    return start == end || (((unsigned char)text[start] & 0xC0) != 0x80 &&
                            (end == len || ((unsigned char)text[end] & 0xC0) != 0x80));
}

/* What the document's previous incremental lint found: its text (of `len`
 * bytes) was clean — valid UTF-8 without NUL bytes — or not. Kept in the
 * document's memory, updated by every incremental lint as it takes the changes. */
typedef struct {
    size_t len;
    bool clean;
} clean_memo;

static const char clean_memo_owner;

/* Is the text clean, given that it was (when it was memo->len bytes long) and
 * changed only in [ch.lo, ch.hi)? The bytes before the change are whole
 * characters up to any character start; from the last one before the change
 * the new bytes are read until a character starts at or after ch.hi, where the
 * old text's characters resume (same bytes, same distance to the end). */
static bool clean_after(const char *s, size_t n, kr_changes ch)
{
    if (!ch.any)
        return true;
    size_t lo = ch.lo < n ? ch.lo : n, hi = ch.hi < n ? ch.hi : n, i = lo;
    if (i > 0)
        i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    while (i < n && (i < hi || ((unsigned char)s[i] & 0xC0) == 0x80)) {
        size_t k = s[i] ? utf8_seq((const unsigned char *)s + i, n - i) : 0;
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* Whether the whole text is clean: from the document's memory and the changes
 * when this lint takes them (`take`), else by reading it all. */
static bool text_clean(kr_document *doc, const char *s, size_t n, bool take, kr_changes ch)
{
    if (!take)
        return clean_document(s, n);
    void **slot = kr_document_memory(doc, &clean_memo_owner, free);
    clean_memo *m = slot ? *slot : NULL;
    bool clean = m && m->clean && (ptrdiff_t)m->len + ch.delta == (ptrdiff_t)n
                     ? clean_after(s, n, ch)
                     : clean_document(s, n);
    if (slot && !m)
        *slot = m = kr_xmalloc(sizeof *m);
    if (m)
        *m = (clean_memo){n, clean};
    return clean;
}

/* Does d's own span hold only clean text (else none of its fixes is kept)? */
static bool span_valid(const kr_diagnostic *d, const char *text, size_t len, bool whole)
{
    return !(d->start <= d->end && d->end <= len &&
             !clean_span(text, len, whole, d->start, d->end));
}

static bool fix_valid(const kr_fix *f, const char *text, size_t len, bool whole, bool texts_checked)
{
    for (size_t k = 0; k < f->n_edits; k++) {
        const kr_edit *e = &f->edits[k];
        if (!(e->start <= e->end && e->end <= len &&
              clean_span(text, len, whole, e->start, e->end) &&
              (texts_checked || clean_text(e->text, e->len))))
            return false;
    }
    return true;
}

void kr_diagnostic_drop_invalid_fixes(kr_diagnostic *d, const char *text, size_t len, bool whole,
                                      bool texts_checked)
{
    if (!span_valid(d, text, len, whole)) {
        d->n_fixes = 0; /* the flagged span itself has such bytes */
        return;
    }
    size_t kept = 0;
    for (size_t j = 0; j < d->n_fixes; j++) {
        const kr_fix *f = &d->fixes[j];
        if (fix_valid(f, text, len, whole, texts_checked) && kept++ != j)
            d->fixes[kept - 1] = *f;
    }
    d->n_fixes = kept;
}

bool kr_diagnostic_fixes_valid(const kr_diagnostic *d, const char *text, size_t len, bool whole,
                               bool texts_checked)
{
    if (!d->n_fixes)
        return true;
    if (!span_valid(d, text, len, whole))
        return false;
    for (size_t j = 0; j < d->n_fixes; j++)
        if (!fix_valid(&d->fixes[j], text, len, whole, texts_checked))
            return false;
    return true;
}

/* Drops the fixes on invalid text among out->items[from, to) (one pass over the
 * text instead of one per diagnostic and fix when it is not clean: a 1 MB OCR
 * document has some 30 000 of them). */
static void drop_fixes_on_invalid_text(kr_diagnostics *out, size_t from, size_t to,
                                       const char *text, size_t len, bool whole, bool texts_checked)
{
    for (size_t i = from; i < to; i++)
        kr_diagnostic_drop_invalid_fixes(out->items[i], text, len, whole, texts_checked);
}

/* Changes whenever the lexicon's answers may (a word added to the user's
 * dictionary): a cached result is only as good as the answers it was made from. */
static uint64_t lexicon_stamp(const kr_linter *self)
{
    return self->lexicon ? kr_lexicon_stamp(self->lexicon) * 0x9E3779B97F4A7C15ull : 0;
}

/* Where the trailing run of block-scope rules starts in the registry: those
 * (and the block parts of the rules before them) are linted per unit from the
 * document's cache, everything before runs in full. */
static size_t block_rules_start(void)
{
    size_t i = kr_rules_count;
    while (i > 0 && kr_rules[i - 1]->scope == KR_SCOPE_BLOCK)
        i--;
    return i;
}

/* Sorts out as kr_diagnostics_sort (a stable sort) would, when its items from
 * n_doc on are the block rules' replayed from the cache: those come sorted
 * already (each unit's blob is, and units follow each other), so only the
 * document rules' few are sorted and the two runs merged, ties to the first
 * (what a stable sort of the whole does). A replay out of order (`replay_sorted`
 * false, which no unit's bounds should allow) falls back to the full sort. */
static void sort_after_replay(kr_diagnostics *out, size_t n_doc, bool replay_sorted)
{
    kr_diagnostic **it = out->items;
    size_t n = out->n;
    if (!replay_sorted) {
        kr_diagnostics_sort(out);
        return;
    }
    kr_diagnostic_sort_items(it, n_doc); /* the document rules' part alone */
    if (n_doc == 0 || n_doc == n || kr_diagnostic_order(it[n_doc - 1], it[n_doc]) <= 0)
        return;
    kr_diagnostic **tmp = kr_xmalloc(n_doc * sizeof *tmp);
    memcpy(tmp, it, n_doc * sizeof *tmp);
    size_t a = 0, b = n_doc, o = 0;
    while (a < n_doc && b < n)
        it[o++] = kr_diagnostic_order(it[b], tmp[a]) < 0 ? it[b++] : tmp[a++];
    while (a < n_doc)
        it[o++] = tmp[a++];
    free(tmp);
}

/* A lint that reads at least this much new text prefetches its searches. */
enum { PREFETCH_MIN_BYTES = 64 * 1024 };

/* Starts the prefetch of the repair searches (prefetch.c) for the text this
 * lint reads anew, when the linter may use a second thread and that is much:
 * all of it in a full lint or the document's first, the changed lines after a
 * large change. */
static kr_prefetch *start_prefetch(kr_linter *self, kr_document *doc, const kr_lint_ctx *ctx,
                                   bool incremental)
{
    if (self->threads < 2 || !self->lexicon || ctx->len < PREFETCH_MIN_BYTES)
        return NULL;
    size_t lo = 0, hi = ctx->len;
    if (incremental && *kr_document_analysis_memo(doc)) { /* else: the first lint */
        kr_changes ch = ctx->changes;
        if (!ch.any || ch.hi - ch.lo < PREFETCH_MIN_BYTES)
            return NULL;
        lo = ch.lo;
        hi = ch.hi < ctx->len ? ch.hi : ctx->len;
    }
    return kr_prefetch_begin(self->lexicon, ctx->text, ctx->len, lo, hi);
}

enum { MAX_BLOCK_RULES = 32 };

/* The block-scope work of the enabled rules, in the order it runs (after every
 * document rule): the document rules' block parts, then the block rules, each
 * in the registry's order; their severities in sev. Returns their number. */
static size_t block_rules(const kr_config *cfg, const kr_rule **rules, kr_severity *sev)
{
    const kr_rule *all[MAX_BLOCK_RULES];
    size_t n_all = 0, n = 0, tail = block_rules_start();
    for (size_t i = 0; i < tail; i++)
        if (kr_rules[i]->block_part && n_all < MAX_BLOCK_RULES)
            all[n_all++] = kr_rules[i]->block_part;
    for (size_t i = tail; i < kr_rules_count && n_all < MAX_BLOCK_RULES; i++)
        all[n_all++] = kr_rules[i];
    for (size_t i = 0; i < n_all; i++)
        if (kr_config_rule_enabled(cfg, all[i]->id)) {
            sev[n] = kr_config_rule_severity(cfg, all[i]->id);
            rules[n++] = all[i];
        }
    return n;
}

static kr_diagnostics *run(kr_linter *self, kr_document *doc, bool incremental)
{
    kr_diagnostics *out = kr_diagnostics_new();
    if (!out)
        return NULL;
    kr_lint_ctx ctx = {0};
    ctx.text = kr_document_text(doc, &ctx.len);
    ctx.doc = doc;
    if (incremental) /* before the parse, which the prefetch's range must not wait for */
        ctx.changes = kr_document_take_changes(doc);
    kr_prefetch *prefetch = start_prefetch(self, doc, &ctx, incremental);
    ctx.prefetch = prefetch;
    ctx.tree = kr_document_tree(doc);
    kr_prefetch_sync(prefetch);
    ctx.lex = self->lexicon;
    ctx.cfg = self->config;
    ctx.scratch = &self->scratch;
    ctx.out = out;
    kr_analysis *an = kr_arena_alloc(ctx.scratch, sizeof *an);
    const kr_rule *block[MAX_BLOCK_RULES];
    kr_severity block_sev[MAX_BLOCK_RULES];
    bool first = false; /* the document's first incremental lint */
    if (incremental) {
        kr_changes ch = ctx.changes;
        kr_doc_stats_follow(&ctx, ch);
        kr_analysis_memo **memo = kr_document_analysis_memo(doc);
        size_t n = 0, cap = 0;
        /* a first lint takes the tokens the prefetch made while the text was parsed */
        first = !*memo;
        kr_token *made = first ? kr_prefetch_take_tokens(prefetch, &n, &cap) : NULL;
        kr_analysis_update_given(an, memo, ctx.scratch, ctx.text, ctx.len, ctx.tree, ch, made, n,
                                 cap);
    } else
        kr_analysis_build(an, ctx.scratch, ctx.text, ctx.len, ctx.tree);
    ctx.text_clean = text_clean(doc, ctx.text, ctx.len, incremental, ctx.changes);
    ctx.an = an;
    if (first && prefetch) /* its counts of the text, as the lint would make them */
        kr_doc_stats_adopt(&ctx, kr_prefetch_take_stats(prefetch));
    ctx.claimed = kr_arena_alloc(ctx.scratch, an->n_tokens + 1);
    size_t tail = block_rules_start(), n_block = block_rules(self->config, block, block_sev);
    kr_lint_cache *cache =
        incremental && n_block
            ? kr_lint_cache_begin(&ctx, self->id, self->generation ^ lexicon_stamp(self))
            : NULL;
    for (size_t i = 0; i < tail; i++) {
        const kr_rule *r = kr_rules[i];
        if (!kr_config_rule_enabled(self->config, r->id))
            continue;
        ctx.rule = r;
        ctx.severity = kr_config_rule_severity(self->config, r->id);
        r->check(&ctx);
    }
    size_t n_doc = out->n;
    bool replay_sorted = true;
    if (cache) {
        replay_sorted = kr_lint_cache_run(cache, &ctx, block, block_sev, n_block);
        kr_lint_cache_end(cache, &ctx);
    } else /* the same rules over the whole analysis, as the cache's first lint runs them */
        for (size_t i = 0; i < n_block; i++) {
            ctx.rule = block[i];
            ctx.severity = block_sev[i];
            block[i]->check(&ctx);
        }
    drop_fixes_on_invalid_text(out, 0, n_doc, ctx.text, ctx.len, ctx.text_clean, false);
    if (!cache || !ctx.text_clean) /* else the cache's replay filtered its own */
        drop_fixes_on_invalid_text(out, n_doc, out->n, ctx.text, ctx.len, ctx.text_clean,
                                   cache != NULL);
    if (cache)
        sort_after_replay(out, n_doc, replay_sorted);
    else /* as kr_diagnostics_sort, from the rules' runs in text order */
        kr_diagnostic_sort_items(out->items, out->n);
    kr_prefetch_end(prefetch);
    kr_arena_reset(&self->scratch);
    return out;
}

void *kr_lint_take_text_pass(kr_lint_ctx *ctx, const kr_text_pass *pass)
{
    return kr_prefetch_take_pass(ctx->prefetch, pass);
}

kr_diagnostics *kr_linter_run(kr_linter *self, kr_document *doc)
{
    return run(self, doc, true);
}

void kr_linter_settle(kr_linter *self, kr_document *doc)
{
    (void)self; /* the work is the document's cache's */
    kr_lint_cache_settle(*kr_document_lint_cache(doc));
}

kr_diagnostics *kr_linter_run_full(kr_linter *self, kr_document *doc)
{
    return run(self, doc, false);
}

/* Length of the valid UTF-8 sequence at s (0: invalid or cut off). */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xC2 && s[0] <= 0xDF   ? 2
               : s[0] >= 0xE0 && s[0] <= 0xEF ? 3
               : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4
                                              : 0;
    if (n == 0 || n > avail)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] > 0x9F) ||
        (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] > 0x8F))
        return 0;
    return n;
}

/* Messages travel as JSON strings, which must be UTF-8: a word quoted from a
 * Latin-1 text, or a character cut by the length limit, would make them invalid.
 * Invalid bytes become U+FFFD; a sequence cut off at the end is dropped. Quoted
 * text may span a line break (`Små-⏎børnsløftet`): it is shown as ⏎ so every
 * output format keeps a diagnostic on one line. */
static void utf8_clean(const char *in, size_t n, bool truncated, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 4 < cap;) {
        unsigned char c = (unsigned char)in[i];
        if (c >= 0x20 && c < 0x80) { /* printable ASCII, most of a message: as it is */
            out[o++] = (char)c;
            i++;
            continue;
        }
        size_t k = utf8_seq((const unsigned char *)in + i, n - i);
        if (k == 0 && truncated && n - i < 4 && (unsigned char)in[i] >= 0xC2)
            break;
        if (in[i] == '\r' || in[i] == '\n') {
            if (in[i] == '\n') {
                memcpy(out + o, "\xE2\x8F\x8E", 3);
                o += 3;
            }
            i++;
        } else if (k == 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            for (size_t j = 0; j < k; j++) /* 2-4 bytes: no call to memcpy */
                out[o + j] = in[i + j];
            o += k;
            i += k;
        }
    }
    out[o] = '\0';
}

enum { MESSAGE_BYTES = 512 }; /* a message's bytes are cut to one less */

/* Is s[0..n) what utf8_clean makes of it — valid UTF-8 without control bytes
 * (it would turn line breaks into ⏎)? Eight bytes at a time while ASCII, and
 * from a block that is not straight to its first other byte. */
static bool message_clean(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
    for (size_t i = 0; i < n;) {
        if (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            uint64_t other = (x | (x - ones * 0x20)) & high;
            if (!other) { /* eight bytes in 0x20..0x7F */
                i += 8;
                continue;
            }
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            /* the lowest flagged byte is the first outside 0x20..0x7F (a borrow
             * of the subtraction only flags bytes above a flagged one) */
            i += (size_t)__builtin_ctzll(other) / 8;
#endif
        }
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2; /* «, », æ, ø, å: most of a Danish message's other bytes */
            continue;
        }
        size_t k = c < 0x80 ? c >= 0x20 : utf8_seq((const unsigned char *)s + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* msg[0..*n) (msg[*n] is NUL; *n < MESSAGE_BYTES; `cut`: the message was
 * longer, so a character it ends inside is dropped) made clean: msg itself when
 * it is, else its cleaned copy in buf (with *n its length). */
static const char *clean_message(const char *msg, size_t *n, bool cut, char *buf, size_t cap)
{
    if (!cut && message_clean(msg, *n))
        return msg;
    utf8_clean(msg, *n, cut, buf, cap);
    *n = strlen(buf);
    return buf;
}

/* Adds the diagnostic with msg[0..n) (msg[n] is NUL; n < MESSAGE_BYTES; `cut`:
 * the message was longer, so a character it ends inside is dropped) made clean. */
static kr_diagnostic *emit_clean(kr_lint_ctx *ctx, size_t start, size_t end, const char *msg,
                                 size_t n, bool cut)
{
    char buf[3 * MESSAGE_BYTES + 4];
    msg = clean_message(msg, &n, cut, buf, sizeof buf);
    kr_diagnostic *d = kr_diagnostics_add(ctx->out, ctx->rule->id, ctx->severity, start, end, msg);
    kr_diagnostic_set_subject(ctx->out, d, ctx->text + start, end - start);
    return d;
}

kr_diagnostic *kr_emit(kr_lint_ctx *ctx, size_t start, size_t end, const char *fmt, ...)
{
    char raw[MESSAGE_BYTES];
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    size_t n = w < 0 ? 0 : (size_t)w < sizeof raw ? (size_t)w : sizeof raw - 1;
    return emit_clean(ctx, start, end, raw, n, w >= (int)sizeof raw);
}

kr_diagnostic *kr_emit_text(kr_lint_ctx *ctx, size_t start, size_t end, const char *msg)
{
    size_t n = strlen(msg);
    if (n < MESSAGE_BYTES)
        return emit_clean(ctx, start, end, msg, n, false);
    char raw[MESSAGE_BYTES]; /* as kr_emit's buffer would hold it */
    memcpy(raw, msg, sizeof raw - 1);
    raw[sizeof raw - 1] = '\0';
    return emit_clean(ctx, start, end, raw, sizeof raw - 1, true);
}

const char *kr_emit_keep_message(kr_lint_ctx *ctx, const char *msg)
{
    size_t n = strlen(msg);
    bool cut = n >= MESSAGE_BYTES;
    char raw[MESSAGE_BYTES], buf[3 * MESSAGE_BYTES + 4];
    if (cut) { /* as kr_emit_text cuts it */
        memcpy(raw, msg, sizeof raw - 1);
        raw[sizeof raw - 1] = '\0';
        msg = raw;
        n = sizeof raw - 1;
    }
    msg = clean_message(msg, &n, cut, buf, sizeof buf);
    return kr_diagnostics_keep(ctx->out, msg, n);
}

kr_diagnostic *kr_emit_kept(kr_lint_ctx *ctx, size_t start, size_t end, const char *message,
                            const char *subject, const kr_kept_fix *fixes, size_t n)
{
    return kr_diagnostics_add_kept(ctx->out, ctx->rule->id, ctx->severity, start, end, message,
                                   subject, fixes, n);
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
