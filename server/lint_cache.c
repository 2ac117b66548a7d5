/* lint_cache.c — the incremental lint: block-scope rules (engine.h) run per
 * unit — one block's tokens — and their diagnostics are cached per document,
 * keyed by a hash of the unit, so that after an edit only the touched units are
 * linted again while the others' diagnostics are copied back with shifted
 * offsets (their strings borrowed, not copied). The result equals a fresh lint
 * (tests/unit/test_incremental.c) because the key covers everything a block rule may read:
 *
 *   - the bytes from the token before the unit to the token after it, and every
 *     token's offsets (relative), kind, flags and claims by the document rules;
 *   - the configuration and lexicon (a cache is dropped when the linter or its
 *     configuration changes, see kr_linter_invalidate);
 *   - what the document as a whole answered: the lost-æøå verdict and the presence
 *     of each word asked about (kr_lint_note_doc_query). These answers are kept
 *     with the cache and checked on every lint; one that changed drops it all.
 *   - the facts a block noted from a document rule's counts (kr_lint_note_fact),
 *     kept per entry: the rule reports the facts an edit may have changed, and
 *     only the entries that noted another value are linted again (a count
 *     changes far more often than a word's presence).
 *
 * Units that miss are linted together in one pass over an analysis holding only
 * their tokens (plus their neighbours as claimed context), so per-lint work such
 * as the repair engine's verdict memo is shared between them. */
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "lint_cache.h"

typedef struct {
    uint64_t a, b;
} hkey;

typedef struct {
    hkey key;
    uint64_t used; /* the lint that last needed it */
    void *blob;    /* the stored diagnostics (shared storage; NULL while pending) */
    uint64_t gen;  /* which linting of it made the blob (its noted facts say so) */
    bool live;
    bool stale; /* a fact it noted changed: lint it again */
} centry;

/* A fact an entry's blob was made with (kr_lint_note_fact), chained to the
 * fact's record before it (prev: its index + 1, 0: none). */
typedef struct {
    uint64_t fact;
    hkey key;     /* the entry */
    uint64_t gen; /* its gen then: a record of an older blob is dead */
    uint32_t value;
    uint32_t prev;
} frec;

/* The last record of a fact (last: its index + 1; 0 marks an empty slot). */
typedef struct {
    uint64_t fact;
    uint32_t last;
} fhead;

/* A fact noted in this lint, not yet tied to the unit it was noted in. */
typedef struct {
    size_t at;
    uint64_t fact;
    uint32_t value;
} fnote;

typedef struct {
    const char *word; /* folded, in the cache's arena */
    uint32_t len;
    uint64_t hash;
    bool present;
} qentry;

/* A document rule's memory (kr_lint_keep). */
typedef struct {
    const kr_rule *rule;
    void *ptr;
    void (*release)(void *);
} kept;

struct kr_lint_cache {
    uint64_t linter_id, generation;
    kept keep[8];
    bool have_lost, lost;
    bool recording;
    uint64_t lint_no;
    centry *slots;
    size_t cap, count;
    size_t n_used; /* entries this lint used */
    /* the previous lint's units, for the next one to take over those the edit
     * left alone without hashing them again (see units_from_prev) */
    struct prev_unit *prev;
    size_t n_prev, prev_tokens, prev_len;
    uint8_t *prev_claimed;
    bool have_prev;
    /* this lint's units and keys (kept, not in the lint's arena: it zeroes
     * what it gives, which cost more than the units' work) */
    struct unit *units;
    hkey *keys;
    size_t units_cap;
    qentry *q;
    size_t qcap, qcount;
    kr_arena words; /* the recorded query words */
    /* the facts the entries noted (records, and the last of each fact by
     * hash), and this lint's notes until they are tied to their units (at
     * kr_lint_cache_settle for a first lint) */
    frec *recs;
    size_t n_recs, cap_recs, recs_kept; /* recs_kept: after the last compaction */
    fhead *heads;
    size_t heads_cap, n_heads;
    fnote *notes;
    size_t n_notes, cap_notes;
    bool noting;       /* block rules run: kr_lint_note_fact notes */
    uint64_t next_gen; /* the last gen given to an entry */
    /* the last replay's block of structures, held: once the list that used it
     * is freed, the next replay writes into it again instead of taking a fresh
     * 4 MB (a 1 MB OCR text) from malloc on every edit */
    void *spare;
    size_t spare_size;
    /* what the last replay wrote there: each unit's blob (serial) and base, in
     * order, in a text that was clean (replay_all skips the unchanged start) */
    uint64_t *last_blob;
    size_t *last_base;
    size_t n_last, cap_last;
    /* A first lint's block diagnostics, stored only once the lint has returned
     * (kr_lint_cache_settle): the list that has them (held), them in order with
     * the unit each lies in (c->units), and what their units' keys read — the
     * analysis memo's tokens, the text, the claims (in c->prev_claimed). NULL
     * list: nothing pending. */
    struct {
        kr_diagnostics *list;
        kr_diagnostic **items;
        size_t *unit;
        size_t n, n_units;
        const kr_token *tokens;
        size_t n_tokens;
        const char *text;
        size_t len;
    } pending;
};

/* What a unit's key and stored diagnostics are made from: the lint's context, or
 * what a pending store kept of it. */
typedef struct {
    const char *text;
    size_t len;
    const kr_token *tokens;
    size_t n_tokens;
    const uint8_t *claimed;
} view;

static view view_of(const kr_lint_ctx *ctx)
{
    return (view){ctx->text, ctx->len, ctx->an->tokens, ctx->an->n_tokens, ctx->claimed};
}

enum { MAX_QUERIES = 1 << 20, MAX_FACT_RECORDS = 1 << 26 };

/* ---- hashing ------------------------------------------------------------------------ */
static inline uint64_t rotl(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline void h_word(hkey *h, uint64_t w)
{
    h->a = rotl(h->a ^ w, 27) * 0x9E3779B97F4A7C15ull;
    h->b = rotl(h->b + w * 0xC2B2AE3D27D4EB4Full, 31) * 0x165667B19E3779F9ull;
}

static void h_bytes(hkey *h, const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h_word(h, w);
    }
    uint64_t w = 0;
    if (n > i) /* s may be NULL when n is 0 */
        memcpy(&w, s + i, n - i);
    h_word(h, w ^ ((uint64_t)n << 56));
}

static uint64_t str_hash(const char *s, size_t n)
{
    hkey h = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull};
    h_bytes(&h, s, n);
    return h.a ^ (h.b >> 1);
}

/* ---- the cache table ----------------------------------------------------------------- */
static void release_blob(void *blob);
static void drop_pending(kr_lint_cache *c);

/* The facts' records go with the entries they name. */
static void drop_facts(kr_lint_cache *c)
{
    free(c->recs);
    free(c->heads);
    c->recs = NULL;
    c->heads = NULL;
    c->n_recs = c->cap_recs = c->recs_kept = c->heads_cap = c->n_heads = 0;
}

static void drop_entries(kr_lint_cache *c)
{
    for (size_t i = 0; i < c->cap; i++)
        release_blob(c->slots[i].blob);
    if (c->slots) /* memset(NULL, 0, 0) is undefined (UBSan) */
        memset(c->slots, 0, c->cap * sizeof *c->slots);
    c->count = 0;
    drop_facts(c);
}

static void drop_queries(kr_lint_cache *c)
{
    free(c->q);
    c->q = NULL;
    c->qcap = c->qcount = 0;
    kr_arena_release(&c->words);
    kr_arena_init(&c->words, 64 * 1024);
}

static void drop_all(kr_lint_cache *c)
{
    c->have_prev = false;
    drop_entries(c);
    drop_queries(c);
    c->have_lost = false;
}

/* The rules' memories hold what only the linter's configuration and lexicon
 * decide (never the document's answers): they go with those. */
static void drop_kept(kr_lint_cache *c)
{
    for (size_t i = 0; i < sizeof c->keep / sizeof *c->keep; i++)
        if (c->keep[i].ptr && c->keep[i].release)
            c->keep[i].release(c->keep[i].ptr);
    memset(c->keep, 0, sizeof c->keep);
}

void **kr_lint_keep(kr_lint_ctx *ctx, void (*release)(void *))
{
    kr_lint_cache *c = ctx->incr;
    if (!c || !ctx->rule)
        return NULL;
    for (size_t i = 0; i < sizeof c->keep / sizeof *c->keep; i++) {
        kept *k = &c->keep[i];
        if (k->rule == ctx->rule || !k->rule) {
            k->rule = ctx->rule;
            k->release = release;
            return &k->ptr;
        }
    }
    return NULL;
}

void kr_lint_cache_free(kr_lint_cache *c)
{
    if (!c)
        return;
    drop_pending(c);
    drop_kept(c);
    drop_entries(c);
    free(c->prev);
    free(c->prev_claimed);
    free(c->units);
    free(c->keys);
    free(c->slots);
    free(c->q);
    free(c->notes);
    kr_arena_release(&c->words);
    kr_shared_release(c->spare);
    free(c->last_blob);
    free(c->last_base);
    free(c);
}

static centry *slot_for(centry *slots, size_t cap, hkey k)
{
    size_t i = (size_t)k.a & (cap - 1);
    while (slots[i].live && !(slots[i].key.a == k.a && slots[i].key.b == k.b))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* Room for `more` entries without a resize (pointers stay valid during a lint). */
static void reserve(kr_lint_cache *c, size_t more)
{
    size_t need = (c->count + more) * 2;
    if (need <= c->cap)
        return;
    size_t cap = c->cap ? c->cap : 256;
    while (cap < need)
        cap *= 2;
    centry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        abort();
    for (size_t i = 0; i < c->cap; i++)
        if (c->slots[i].live)
            *slot_for(slots, cap, c->slots[i].key) = c->slots[i];
    free(c->slots);
    c->slots = slots;
    c->cap = cap;
}

/* ---- recorded document queries ---------------------------------------------------- */
static qentry *query_slot(qentry *q, size_t cap, const char *w, size_t n, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (q[i].word && !(q[i].hash == h && q[i].len == n && memcmp(q[i].word, w, n) == 0))
        i = (i + 1) & (cap - 1);
    return &q[i];
}

void kr_lint_note_doc_query(kr_lint_ctx *ctx, const char *folded, size_t n, bool present)
{
    kr_lint_cache *c = ctx->incr;
    if (!c || !c->recording)
        return;
    if (c->qcount * 2 >= c->qcap) {
        size_t cap = c->qcap ? c->qcap * 2 : 1024;
        qentry *q = calloc(cap, sizeof *q);
        if (!q)
            abort();
        for (size_t i = 0; i < c->qcap; i++)
            if (c->q[i].word)
                *query_slot(q, cap, c->q[i].word, c->q[i].len, c->q[i].hash) = c->q[i];
        free(c->q);
        c->q = q;
        c->qcap = cap;
    }
    uint64_t h = str_hash(folded, n);
    qentry *e = query_slot(c->q, c->qcap, folded, n, h);
    if (e->word)
        return; /* answers do not change within a lint */
    *e = (qentry){kr_arena_strndup(&c->words, folded, n), (uint32_t)n, h, present};
    c->qcount++;
}

typedef struct {
    const kr_lint_cache *c;
    bool hold;
} flip_check;

/* A word whose presence may have changed: does it break a recorded answer? */
static void check_flip(void *ud, const char *folded, size_t n, bool present)
{
    flip_check *f = ud;
    if (!f->hold || !f->c->qcap)
        return;
    const qentry *q = query_slot(f->c->q, f->c->qcap, folded, n, str_hash(folded, n));
    if (q->word && q->present != present)
        f->hold = false;
}

/* Do all recorded answers still hold for this document? Asked only of the
 * words whose presence changed since the last lint when the counts know them
 * (an edit's few, where asking each of some thousands of answers was a tenth
 * of an edit's lint), else of every answer. */
static bool queries_hold(kr_lint_cache *c, kr_lint_ctx *ctx)
{
    flip_check f = {c, true};
    if (kr_doc_presence_changes(ctx, check_flip, &f))
        return f.hold;
    for (size_t i = 0; i < c->qcap; i++) {
        const qentry *q = &c->q[i];
        if (q->word && (kr_doc_word_count(ctx, q->word, q->len) > 0) != q->present)
            return false;
    }
    return true;
}

/* ---- facts noted from a document rule's counts ---------------------------------------
 * An entry's facts are records chained per fact, so that a changed fact finds
 * the entries that noted it without a look at the others: a 1 MB OCR text's
 * blocks note some 10 000, an edit changes a few dozen counts. */
static fhead *fact_head(fhead *heads, size_t cap, uint64_t fact)
{
    size_t i = (size_t)((fact * 0x9E3779B97F4A7C15ull) >> 32) & (cap - 1);
    while (heads[i].last && heads[i].fact != fact)
        i = (i + 1) & (cap - 1);
    return &heads[i];
}

static void heads_grow(kr_lint_cache *c)
{
    size_t cap = c->heads_cap ? 2 * c->heads_cap : 1024;
    fhead *h = calloc(cap, sizeof *h);
    if (!h)
        abort();
    for (size_t i = 0; i < c->heads_cap; i++)
        if (c->heads[i].last)
            *fact_head(h, cap, c->heads[i].fact) = c->heads[i];
    free(c->heads);
    c->heads = h;
    c->heads_cap = cap;
}

/* Records that entry e's blob was made while `fact` had `value`. */
static void add_fact(kr_lint_cache *c, uint64_t fact, uint32_t value, const centry *e)
{
    if (c->n_recs == c->cap_recs) {
        c->cap_recs = c->cap_recs ? 2 * c->cap_recs : 1024;
        c->recs = kr_xrealloc(c->recs, c->cap_recs * sizeof *c->recs);
    }
    if ((c->n_heads + 1) * 2 > c->heads_cap)
        heads_grow(c);
    fhead *h = fact_head(c->heads, c->heads_cap, fact);
    if (!h->last) {
        h->fact = fact;
        c->n_heads++;
    }
    c->recs[c->n_recs] = (frec){fact, e->key, e->gen, value, h->last};
    h->last = (uint32_t)++c->n_recs;
}

/* The entry of a record when the record is its blob's (else NULL). */
static centry *fact_entry(const kr_lint_cache *c, const frec *r)
{
    if (!c->cap)
        return NULL;
    centry *e = slot_for(c->slots, c->cap, r->key);
    return e->live && e->gen == r->gen ? e : NULL;
}

void kr_lint_note_fact(kr_lint_ctx *ctx, size_t at, uint64_t fact, uint32_t value)
{
    kr_lint_cache *c = ctx->incr;
    if (!c || !c->noting)
        return;
    if (c->n_notes == c->cap_notes) {
        c->cap_notes = c->cap_notes ? 2 * c->cap_notes : 256;
        c->notes = kr_xrealloc(c->notes, c->cap_notes * sizeof *c->notes);
    }
    c->notes[c->n_notes++] = (fnote){at, fact, value};
}

void kr_lint_fact_changed(kr_lint_ctx *ctx, uint64_t fact, uint32_t value)
{
    kr_lint_cache *c = ctx->incr;
    if (!c || !c->n_heads)
        return;
    for (uint32_t k = fact_head(c->heads, c->heads_cap, fact)->last; k; k = c->recs[k - 1].prev) {
        centry *e = c->recs[k - 1].value != value ? fact_entry(c, &c->recs[k - 1]) : NULL;
        if (e)
            e->stale = true;
    }
}

void kr_lint_facts_unknown(kr_lint_ctx *ctx)
{
    kr_lint_cache *c = ctx->incr;
    for (size_t i = 0; c && i < c->n_recs; i++) {
        centry *e = fact_entry(c, &c->recs[i]);
        if (e)
            e->stale = true;
    }
}

bool kr_lint_facts_noted(const kr_lint_ctx *ctx)
{
    const kr_lint_cache *c = ctx->incr;
    return c && c->n_recs > 0;
}

/* Forgets the records of blobs gone or to be made again (once they are most). */
static void compact_facts(kr_lint_cache *c)
{
    if (c->n_recs <= 2 * c->recs_kept + 65536)
        return;
    frec *old = c->recs;
    size_t n = c->n_recs;
    c->recs = NULL;
    free(c->heads);
    c->heads = NULL;
    c->n_recs = c->cap_recs = c->heads_cap = c->n_heads = 0;
    for (size_t i = 0; i < n; i++) {
        const centry *e = fact_entry(c, &old[i]);
        if (e && !e->stale)
            add_fact(c, old[i].fact, old[i].value, e);
    }
    c->recs_kept = c->n_recs;
    free(old);
}

kr_lint_cache *kr_lint_cache_begin(kr_lint_ctx *ctx, uint64_t linter_id, uint64_t generation)
{
    kr_lint_cache **slot = kr_document_lint_cache(ctx->doc);
    kr_lint_cache *c = *slot;
    kr_lint_cache_settle(c); /* the last lint's, made of the same text */
    if (!c) {
        c = calloc(1, sizeof *c);
        if (!c)
            abort();
        kr_arena_init(&c->words, 64 * 1024);
        *slot = c;
    }
    if (c->linter_id != linter_id || c->generation != generation) {
        drop_all(c);
        drop_kept(c);
        c->linter_id = linter_id;
        c->generation = generation;
    }
    ctx->incr = NULL; /* the checks below are not queries to record */
    bool lost = kr_doc_lost_diacritics(ctx);
    bool hold = queries_hold(c, ctx); /* first: it takes the counts' changes */
    if ((c->have_lost && c->lost != lost) || c->qcount > MAX_QUERIES || !hold ||
        c->n_recs > MAX_FACT_RECORDS)
        drop_all(c);
    c->have_lost = true;
    c->lost = lost;
    c->recording = true;
    c->lint_no++;
    c->n_used = 0;
    ctx->incr = c;
    return c;
}

void kr_lint_cache_end(kr_lint_cache *c, kr_lint_ctx *ctx)
{
    c->recording = false;
    ctx->incr = NULL;
    compact_facts(c);
    /* units no longer seen stay (they are still right for their key: a block
     * edited back meets its old diagnostics) until they are a quarter of the
     * table — not a copy of the table on every edit */
    size_t dead = c->count - c->n_used;
    if (dead * 4 <= c->count + 1024)
        return;
    /* rebuild without the units this lint did not see (linear probing cannot
     * simply empty a slot) */
    centry *old = c->slots;
    size_t cap = c->cap;
    c->slots = calloc(cap, sizeof *c->slots);
    if (!c->slots)
        abort();
    c->count = 0;
    for (size_t i = 0; i < cap; i++) {
        if (!old[i].live)
            continue;
        if (old[i].used != c->lint_no) {
            release_blob(old[i].blob);
            continue;
        }
        *slot_for(c->slots, cap, old[i].key) = old[i];
        c->count++;
    }
    free(old);
}

/* ---- stored diagnostics -----------------------------------------------------------
 * A unit's diagnostics are stored as they will be used: its kr_diagnostic, kr_fix
 * and kr_edit structures (offsets relative to the unit's base, each array
 * pointing into the next) and their strings, in one block carved from a slab
 * of shared storage (diagnostic.c) that holds the blobs of the units one lint
 * linted. A replay copies the structures into the lint's list, shifts their
 * offsets and points them at their copies; the strings stay where they are,
 * the list holding the slab (31 000 diagnostics of a 1 MB OCR text are
 * replayed on every edit, so they are not rebuilt string by string). */
typedef struct {
    size_t nd, nf, ne;
    /* every span of its diagnostics and edits lies inside the bytes its key
     * covers and cuts no character there (then in a clean text the linter's
     * filter keeps all their fixes, and a replay need not ask) */
    size_t spans_ok;
    uint64_t serial; /* unique in the process (a freed blob's address may come back) */
    void *slab;      /* the shared storage it was carved from, held once for it */
} blob_head;

static uint64_t blob_serial(void)
{
    static _Atomic uint64_t next;
    return ++next;
}

/* Lets go of a unit's blob (NULL: none): of its hold on the slab. */
static void release_blob(void *blob)
{
    if (blob)
        kr_shared_release(((blob_head *)blob)->slab);
}

static kr_diagnostic *blob_diags(const blob_head *h)
{
    return (kr_diagnostic *)(h + 1);
}

static kr_fix *blob_fixes(const blob_head *h)
{
    return (kr_fix *)(blob_diags(h) + h->nd);
}

static kr_edit *blob_edits(const blob_head *h)
{
    return (kr_edit *)(blob_fixes(h) + h->nf);
}

static int rule_index(const char *id)
{
    for (size_t i = 0; i < kr_rules_count; i++) /* registered ids are kept by pointer */
        if (kr_rules[i]->id == id)
            return (int)i;
    for (size_t i = 0; i < kr_rules_count; i++)
        if (strcmp(kr_rules[i]->id, id) == 0)
            return (int)i;
    return 0;
}

/* Valid UTF-8 without NUL bytes? Asked of every fix text stored (twice: when
 * measured and when copied), so printable ASCII and the two-byte letters of
 * Danish (æ, ø, å: 0xC3 and a continuation byte) are taken inline. */
static bool clean_str(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            i += 2;
            continue;
        }
        size_t k = c ? kr_utf8_char_len(s + i, n - i) : 0;
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* The strings of the diagnostics one lint stores, each copied once into the
 * units' slab however many of its diagnostics share it: a verdict's reports
 * share their message, subject and fix texts (kr_diagnostics_add_kept), where
 * a copy per diagnostic was most of a first lint's slab. Keyed by the source
 * string's address and length (SIZE_MAX: up to its NUL). */
typedef struct {
    const char *src;
    size_t key_len, len; /* len: its bytes, without the NUL */
    size_t off;          /* in the string area */
    bool clean;          /* valid UTF-8 without NUL bytes (fix texts) */
} sentry;

typedef struct {
    sentry *slots;
    size_t cap, count;
    size_t bytes; /* of the string area */
    char *area;   /* in the slab, once it is made */
} strtab;

static const char no_text[] = ""; /* stands for a NULL text (an empty one) */

static size_t str_slot(const strtab *t, const char *s, size_t key_len)
{
    if (!s) /* NULL marks the empty slots */
        s = no_text;
    uint64_t h = ((uint64_t)(uintptr_t)s ^ key_len) * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h >> 32) & (t->cap - 1);
    while (t->slots[i].src && (t->slots[i].src != s || t->slots[i].key_len != key_len))
        i = (i + 1) & (t->cap - 1);
    return i;
}

static void str_grow(strtab *t)
{
    strtab g = {.cap = t->cap ? 2 * t->cap : 4096, .count = t->count, .bytes = t->bytes};
    g.slots = calloc(g.cap, sizeof *g.slots);
    if (!g.slots)
        abort();
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].src)
            g.slots[str_slot(&g, t->slots[i].src, t->slots[i].key_len)] = t->slots[i];
    free(t->slots);
    *t = g;
}

/* The entry of s (n bytes, or SIZE_MAX: up to its NUL), made on first sight. */
static const sentry *str_add(strtab *t, const char *s, size_t n)
{
    if ((t->count + 1) * 2 > t->cap)
        str_grow(t);
    if (!s)
        s = no_text;
    size_t i = str_slot(t, s, n);
    sentry *e = &t->slots[i];
    if (!e->src) {
        size_t len = n == SIZE_MAX ? strlen(s) : n;
        *e = (sentry){s, n, len, t->bytes, n != SIZE_MAX && clean_str(s, len)};
        t->bytes += len + 1;
        t->count++;
    }
    return e;
}

/* The copy of a string added before, in the slab. */
static const char *str_copy(const strtab *t, const char *s, size_t n)
{
    return t->area + t->slots[str_slot(t, s, n)].off;
}

/* Copies every string into the area (from the slab). */
static void str_fill(strtab *t, char *area)
{
    t->area = area;
    for (size_t i = 0; i < t->cap; i++) {
        const sentry *e = &t->slots[i];
        if (!e->src)
            continue;
        if (e->len) /* an empty text copies nothing */
            memcpy(area + e->off, e->src, e->len);
        area[e->off + e->len] = '\0';
    }
}

/* Is the fix one the linter keeps whatever the text: do its edits write only
 * clean text? (linter.c drops the others; asked here once per distinct text,
 * so the replayed ones are not read again.) Adds its texts to t. */
static bool fix_texts_clean(strtab *t, const kr_fix *f)
{
    for (size_t k = 0; k < f->n_edits; k++)
        if (!str_add(t, f->edits[k].text, f->edits[k].len)->clean)
            return false;
    return true;
}

/* The same of a fix whose texts were added before. */
static bool fix_texts_added_clean(const strtab *t, const kr_fix *f)
{
    for (size_t k = 0; k < f->n_edits; k++)
        if (!t->slots[str_slot(t, f->edits[k].text, f->edits[k].len)].clean)
            return false;
    return true;
}

/* What storing d takes: counts, and its strings added to t. */
static void measure(const kr_diagnostic *d, blob_head *h, strtab *t)
{
    h->nd++;
    str_add(t, d->message, SIZE_MAX);
    if (d->subject)
        str_add(t, d->subject, SIZE_MAX);
    for (size_t i = 0; i < d->n_fixes; i++) {
        const kr_fix *f = &d->fixes[i];
        if (!fix_texts_clean(t, f))
            continue;
        h->nf++;
        h->ne += f->n_edits;
        str_add(t, f->title, SIZE_MAX);
    }
}

/* Where store() writes in a block. */
typedef struct {
    kr_diagnostic *d;
    kr_fix *f;
    kr_edit *e;
    const strtab *strs;
} cursor;

/* Does [s, e) cut no character of text? (In a text that is clean as a whole:
 * exactly when it neither starts nor ends on a continuation byte.) */
static bool span_whole(const char *text, size_t len, size_t s, size_t e)
{
    return s == e || (((unsigned char)text[s] & 0xC0) != 0x80 &&
                      (e == len || ((unsigned char)text[e] & 0xC0) != 0x80));
}

/* The unit a diagnostic is stored for: its bytes [base, end) in the text. */
typedef struct {
    const char *text;
    size_t len, base, end;
} span_ctx;

static bool span_stays(const span_ctx *u, size_t s, size_t e)
{
    return u->base <= s && s <= e && e < u->end && span_whole(u->text, u->len, s, e);
}

static void store(cursor *c, const kr_diagnostic *src, const span_ctx *u, size_t *spans_ok)
{
    size_t base = u->base;
    if (!span_stays(u, src->start, src->end))
        *spans_ok = 0;
    kr_diagnostic *d = c->d++;
    *d = (kr_diagnostic){
        .rule = kr_rules[rule_index(src->rule)]->id,
        .severity = src->severity,
        .start = src->start - base, /* unsigned: wraps back in replay() */
        .end = src->end - base,
        .message = str_copy(c->strs, src->message, SIZE_MAX),
        .subject = src->subject ? str_copy(c->strs, src->subject, SIZE_MAX) : NULL,
        .fixes = c->f,
    };
    for (size_t i = 0; i < src->n_fixes; i++) {
        const kr_fix *sf = &src->fixes[i];
        if (!fix_texts_added_clean(c->strs, sf))
            continue;
        kr_fix *f = c->f++;
        *f = (kr_fix){.title = str_copy(c->strs, sf->title, SIZE_MAX),
                      .preferred = sf->preferred,
                      .edits = c->e,
                      .n_edits = sf->n_edits,
                      .cap_edits = sf->n_edits};
        for (size_t k = 0; k < sf->n_edits; k++) {
            const kr_edit *se = &sf->edits[k];
            if (!span_stays(u, se->start, se->end))
                *spans_ok = 0;
            *c->e++ = (kr_edit){se->start - base, se->end - base,
                                str_copy(c->strs, se->text, se->len), se->len};
        }
        d->n_fixes++;
    }
    d->cap_fixes = d->n_fixes;
}

static size_t blob_structs(const blob_head *h)
{
    return h->nd * sizeof(kr_diagnostic) + h->nf * sizeof(kr_fix) + h->ne * sizeof(kr_edit);
}

/* A blob's bytes in its slab: head and structures (its strings are in the
 * slab's string area), to 16 bytes. */
static size_t blob_bytes(const blob_head *h)
{
    return (sizeof *h + blob_structs(h) + 15) & ~(size_t)15;
}

/* Adds the block's diagnostics to out, shifted to `base`, their structures
 * written at *at (field by field: a memcpy, and the arena's zeroing, cost an
 * instruction a byte under callgrind and more than the rest of a replay). */
/* Holds the slab of blob h for ctx's list, unless the unit before did
 * (*held: the slab held last in this replay). */
static void hold_slab(const blob_head *h, const kr_lint_ctx *ctx, void **held)
{
    if (h->slab != *held)
        kr_diagnostics_hold(ctx->out, *held = h->slab);
}

static void replay(const centry *e, size_t base, const kr_lint_ctx *ctx, char **at, void **held)
{
    kr_diagnostics *out = ctx->out;
    const blob_head *h = e->blob;
    if (!h->nd)
        return;
    hold_slab(h, ctx, held);
    kr_diagnostic *d = (kr_diagnostic *)*at;
    kr_fix *f = (kr_fix *)(d + h->nd);
    kr_edit *ed = (kr_edit *)(f + h->nf);
    *at = (char *)(ed + h->ne);
    const kr_diagnostic *sd = blob_diags(h);
    const kr_fix *sf = blob_fixes(h);
    const kr_edit *se = blob_edits(h);
    for (size_t i = 0; i < h->nd; i++) {
        d[i] = (kr_diagnostic){
            sd[i].rule,     sd[i].severity, sd[i].start + base,     sd[i].end + base,
            sd[i].message,  sd[i].subject,  f + (sd[i].fixes - sf), sd[i].n_fixes,
            sd[i].cap_fixes};
        out->items[out->n++] = &d[i];
    }
    for (size_t i = 0; i < h->nf; i++)
        f[i] = (kr_fix){sf[i].title, sf[i].preferred, ed + (sf[i].edits - se), sf[i].n_edits,
                        sf[i].cap_edits};
    for (size_t i = 0; i < h->ne; i++)
        ed[i] = (kr_edit){se[i].start + base, se[i].end + base, se[i].text, se[i].len};
    if (ctx->text_clean && !h->spans_ok)
        for (size_t i = 0; i < h->nd; i++)
            kr_diagnostic_drop_invalid_fixes(&d[i], ctx->text, ctx->len, true, true);
}

/* ---- units ------------------------------------------------------------------------------ */
typedef struct unit {
    size_t first, last; /* token indices */
    size_t base;        /* offsets in the cache are relative to this */
    size_t lo, hi;      /* the unit's own chunks: [lo, hi) */
    centry *entry;
    bool run; /* linted in this lint (the first of its key) */
} unit;

/* A unit as the next lint may take it over: where it was, whether it had a
 * token before and after it, and its key. */
struct prev_unit {
    size_t first, last, base, lo, hi;
    size_t ctx_end; /* where the bytes its key covers end */
    bool has_prev, has_next;
    hkey key;
};

/* Room for n units and their keys in c->units and c->keys. */
static void work_room(kr_lint_cache *c, size_t n)
{
    if (n <= c->units_cap)
        return;
    c->units_cap = n + n / 4 + 16;
    c->units = kr_xrealloc(c->units, c->units_cap * sizeof *c->units);
    c->keys = kr_xrealloc(c->keys, c->units_cap * sizeof *c->keys);
}

/* The key of a unit: its bytes from the context token before to the one after,
 * and every token's relative shape and claim. */
static hkey unit_key(const view *v, unit *u)
{
    bool prev = u->first > 0, next = u->last + 1 < v->n_tokens;
    size_t a = prev ? u->first - 1 : u->first, z = next ? u->last + 1 : u->last;
    u->base = v->tokens[a].ws_start;
    hkey h = {0x452821E638D01377ull ^ (prev ? 1 : 0), 0xBE5466CF34E90C6Cull ^ (next ? 2 : 0)};
    h_bytes(&h, v->text + u->base, v->tokens[z].ws_end - u->base);
    for (size_t i = a; i <= z; i++) {
        const kr_token *t = &v->tokens[i];
        bool own = i >= u->first && i <= u->last;
        h_word(&h, (uint64_t)(t->ws_start - u->base) | (uint64_t)(t->ws_end - u->base) << 32);
        h_word(&h, (uint64_t)(t->start - u->base) | (uint64_t)(t->end - u->base) << 32);
        h_word(&h, (uint64_t)t->kind | (uint64_t)t->flags << 16 |
                       (uint64_t)(own ? v->claimed[i] : 2) << 32);
    }
    return h;
}

/* How many units the analysis has (find_units' array size: a few per block,
 * where sizing it by tokens took 8 MB on a 1 MB document). */
static size_t count_units(const kr_analysis *an)
{
    size_t n = an->n_tokens > 0;
    for (size_t i = 1; i < an->n_tokens; i++)
        n += an->tokens[i].block != an->tokens[i - 1].block;
    return n;
}

/* The units of the analysis: runs of tokens of one block. */
static size_t find_units(const kr_analysis *an, unit *units)
{
    size_t n = 0;
    for (size_t i = 0; i < an->n_tokens;) {
        size_t j = i;
        while (j + 1 < an->n_tokens && an->tokens[j + 1].block == an->tokens[i].block)
            j++;
        units[n++] =
            (unit){.first = i, .last = j, .lo = an->tokens[i].ws_start, .hi = an->tokens[j].ws_end};
        i = j + 1;
    }
    return n;
}

/* The analysis the missing units are linted on: their tokens, each unit with
 * its neighbours as claimed context (nothing reports a claimed token, and a
 * block rule only reads its neighbours' text, kind and flags). */
static void build_slice(kr_lint_ctx *ctx, unit *units, size_t n, kr_analysis *slice,
                        uint8_t **claimed)
{
    const kr_analysis *an = ctx->an;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        if (units[i].run)
            cap += units[i].last - units[i].first + 3;
    *slice = *an;
    /* malloc'd, not in the lint's arena: on a first lint the slice is as large
     * as the analysis, and it is done with before the diagnostics are copied
     * back (the lint's peak) */
    slice->tokens = kr_xmalloc((cap + 1) * sizeof *slice->tokens);
    *claimed = kr_xmalloc(cap + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unit *u = &units[i];
        if (!u->run)
            continue;
        size_t a = u->first > 0 ? u->first - 1 : u->first;
        size_t z = u->last + 1 < an->n_tokens ? u->last + 1 : u->last;
        for (size_t t = a; t <= z; t++) {
            bool own = t >= u->first && t <= u->last;
            slice->tokens[k] = an->tokens[t];
            (*claimed)[k++] = own ? ctx->claimed[t] : 1;
        }
    }
    slice->n_tokens = k;
}

/* The position in run (the units linted, in order) of the one whose chunks
 * hold offset `at`. */
static size_t owner(unit **run, size_t n, size_t at)
{
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (run[mid]->lo <= at)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Ties this lint's noted facts to the entries of the units run[0..nrun) they
 * were noted in (a note in no unit linted — a neighbour's — is its unit's
 * own, noted there). */
static void tie_notes(kr_lint_cache *c, unit **run, size_t nrun)
{
    for (size_t i = 0; i < c->n_notes && nrun; i++) {
        const fnote *f = &c->notes[i];
        const unit *u = run[owner(run, nrun, f->at)];
        if (f->at >= u->lo && f->at <= u->hi)
            add_fact(c, f->fact, f->value, u->entry);
    }
    c->n_notes = 0;
}

/* The units marked `run`, in order: in the lint's arena (`arena`), else
 * malloc'd; *nrun their number (arrays by the units run, not all units: an edit
 * runs a few of 20 000). */
static unit **units_run(kr_arena *arena, unit *units, size_t n, size_t *nrun)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += units[i].run;
    *nrun = k;
    if (!k)
        return NULL;
    unit **run = arena ? kr_arena_alloc(arena, k * sizeof *run) : kr_xmalloc(k * sizeof *run);
    k = 0;
    for (size_t i = 0; i < n; i++)
        if (units[i].run)
            run[k++] = &units[i];
    return run;
}

/* Runs the block rules over the units marked `run`, adding their diagnostics to
 * `into`, then sorts those (from `from` on) in position order — a stable sort:
 * equal ones keep the order they were made in — so each unit's replay is
 * sorted and the lint's result needs no sort of every diagnostic again (see
 * linter.c). `all`: every unit runs, and the rules run over the whole analysis
 * and its claims as in a full lint (kr_linter_run_full), which gives what the
 * units' slice would (test_incremental.c holds the two equal) without copying
 * 150 000 tokens (a 1 MB OCR text) into one. */
static void lint_units(kr_lint_ctx *ctx, unit *units, size_t n, bool all,
                       const kr_rule *const *rules, const kr_severity *severity, size_t nrules,
                       kr_diagnostics *into)
{
    size_t from = into->n;
    kr_lint_ctx sub = *ctx;
    kr_analysis slice = {0};
    if (!all) {
        build_slice(ctx, units, n, &slice, &sub.claimed);
        sub.an = &slice;
    }
    sub.out = into;
    kr_lint_cache *c = ctx->incr;
    c->noting = true;
    for (size_t i = 0; i < nrules; i++) {
        sub.rule = rules[i];
        sub.severity = severity[i];
        rules[i]->check(&sub);
    }
    c->noting = false;
    if (into->n > from) /* an empty list may have no array (UBSan: NULL + 0) */
        kr_diagnostic_sort_items(into->items + from, into->n - from);
    if (!all) {
        free(slice.tokens);
        free(sub.claimed);
    }
}

/* The unit (an index into units) that diagnostic d was made for, or SIZE_MAX:
 * one that lies in no linted unit's own text was made from context tokens alone
 * (two neighbours that follow each other in the slice but not in the document,
 * or a block not linted this time), and the unit it belongs to has its own. */
static size_t unit_of(const kr_diagnostic *d, unit *units, unit **run, size_t nrun)
{
    size_t at = d->start, r = owner(run, nrun, at);
    return at >= run[r]->lo && at <= run[r]->hi ? (size_t)(run[r] - units) : SIZE_MAX;
}

/* Stores items[0..n) — sorted, each in unit uidx[i] (an index into units;
 * SIZE_MAX: none), so in unit order — in the entries of the units run[0..nrun)
 * (those marked `run`, units_run), one blob each. */
static void store_units(const view *v, const unit *units, unit **run, size_t nrun,
                        kr_diagnostic *const *items, const size_t *uidx, size_t n)
{
    if (!nrun)
        return;
    size_t *rix = kr_xmalloc((n + 1) * sizeof *rix); /* each item's place in run */
    for (size_t i = 0, r = 0; i < n; i++) {
        size_t k = uidx[i];
        while (k != SIZE_MAX && r < nrun && (size_t)(run[r] - units) < k)
            r++;
        rix[i] = k != SIZE_MAX && r < nrun && (size_t)(run[r] - units) == k ? r : SIZE_MAX;
    }
    blob_head *heads = calloc(nrun, sizeof *heads);
    cursor *cur = kr_xmalloc(nrun * sizeof *cur);
    if (!heads)
        abort();
    strtab strs = {0};
    str_grow(&strs);
    for (size_t i = 0; i < n; i++)
        if (rix[i] != SIZE_MAX)
            measure(items[i], &heads[rix[i]], &strs);
    /* the blobs are carved from one slab of shared storage, held once per
     * blob: a list that replays them holds the slab once for a run of units
     * (replay_all), not each of some 20 000 blobs, scattered in memory, on
     * every edit */
    size_t slab_bytes = 0;
    for (size_t r = 0; r < nrun; r++)
        slab_bytes += blob_bytes(&heads[r]);
    char *slab = kr_shared_new(slab_bytes + strs.bytes), *carve = slab;
    kr_shared_retain(slab, nrun - 1);
    str_fill(&strs, slab + slab_bytes);
    for (size_t r = 0; r < nrun; r++) {
        blob_head *b = (blob_head *)carve;
        carve += blob_bytes(&heads[r]);
        *b = heads[r];
        b->spans_ok = 1;
        b->serial = blob_serial();
        b->slab = slab;
        run[r]->entry->blob = b;
        cur[r] = (cursor){blob_diags(b), blob_fixes(b), blob_edits(b), &strs};
    }
    for (size_t i = 0; i < n; i++) {
        if (rix[i] == SIZE_MAX)
            continue;
        const unit *u = run[rix[i]];
        size_t z = u->last + 1 < v->n_tokens ? u->last + 1 : u->last;
        span_ctx sc = {v->text, v->len, u->base, v->tokens[z].ws_end};
        blob_head *b = u->entry->blob;
        store(&cur[rix[i]], items[i], &sc, &b->spans_ok);
    }
    free(strs.slots);
    free(heads);
    free(cur);
    free(rix);
}

/* Lints the units marked `run` and stores each one's diagnostics in its entry. */
static void lint_missing(kr_lint_ctx *ctx, unit *units, size_t n, const kr_rule *const *rules,
                         const kr_severity *severity, size_t nrules)
{
    size_t nrun;
    unit **run = units_run(ctx->scratch, units, n, &nrun);
    if (!nrun)
        return;
    kr_diagnostics *sub = kr_diagnostics_new();
    if (!sub)
        abort();
    lint_units(ctx, units, n, false, rules, severity, nrules, sub);
    tie_notes(ctx->incr, run, nrun);
    size_t *uidx = kr_arena_alloc(ctx->scratch, (sub->n + 1) * sizeof *uidx);
    for (size_t i = 0; i < sub->n; i++)
        uidx[i] = unit_of(sub->items[i], units, run, nrun);
    view v = view_of(ctx);
    store_units(&v, units, run, nrun, sub->items, uidx, sub->n);
    kr_diagnostics_free(sub);
}

/* d as the cache's replay would give it in a clean text (its fixes on spans that
 * cut a character dropped): d itself, or a filtered copy in the list's arena
 * (d stays as it is, to be stored as made). */
static kr_diagnostic *as_replayed(kr_diagnostics *out, kr_diagnostic *d, const char *text,
                                  size_t len)
{
    if (kr_diagnostic_fixes_valid(d, text, len, true, false))
        return d;
    kr_diagnostic *c = kr_arena_alloc(&out->arena, sizeof *c);
    *c = *d;
    c->fixes = kr_arena_alloc(&out->arena, (d->n_fixes + 1) * sizeof *c->fixes);
    memcpy(c->fixes, d->fixes, d->n_fixes * sizeof *c->fixes);
    c->cap_fixes = d->n_fixes;
    kr_diagnostic_drop_invalid_fixes(c, text, len, true, false);
    return c;
}

/* A first lint (an empty cache) in a clean text: every unit is linted, straight
 * into ctx->out, and what a replay of the stored diagnostics would add is what
 * the rules made, less those in no unit (see unit_of) and the fixes a replay
 * filters. So the result is the stored path's, without storing 31 000
 * diagnostics (a 1 MB OCR text) and copying them back before the caller sees
 * them: that, and the units' keys, wait for kr_lint_cache_settle (~10 ms). */
static void lint_first(kr_lint_cache *c, kr_lint_ctx *ctx, unit *units, size_t nu,
                       const kr_rule *const *rules, const kr_severity *severity, size_t nrules)
{
    kr_diagnostics *out = ctx->out;
    for (size_t i = 0; i < nu; i++)
        units[i].run = true;
    size_t nrun;
    unit **run = units_run(ctx->scratch, units, nu, &nrun);
    /* the claims the units' keys cover: the document rules', before the block
     * rules add theirs to ctx->claimed */
    c->prev_claimed = kr_xrealloc(c->prev_claimed, ctx->an->n_tokens + 1);
    memcpy(c->prev_claimed, ctx->claimed, ctx->an->n_tokens);
    size_t from = out->n;
    lint_units(ctx, units, nu, true, rules, severity, nrules, out);
    size_t n = out->n - from, k = 0;
    kr_diagnostic **it = n ? out->items + from : NULL; /* none: maybe no array */
    kr_diagnostic **items = kr_xmalloc((n + 1) * sizeof *items);
    size_t *uidx = kr_xmalloc((n + 1) * sizeof *uidx);
    for (size_t i = 0; i < n; i++) {
        size_t u = unit_of(it[i], units, run, nrun);
        if (u == SIZE_MAX)
            continue;
        items[k] = it[i];
        uidx[k] = u;
        it[k++] = as_replayed(out, it[i], ctx->text, ctx->len);
    }
    out->n = from + k;
    kr_diagnostics_retain(out);
    c->pending.list = out;
    c->pending.items = items;
    c->pending.unit = uidx;
    c->pending.n = k;
    c->pending.n_units = nu;
    c->pending.tokens = ctx->an->tokens;
    c->pending.n_tokens = ctx->an->n_tokens;
    c->pending.text = ctx->text;
    c->pending.len = ctx->len;
    c->n_last = 0; /* nothing replayed */
}

/* A block of at least `bytes` for this lint's replay, held by the cache;
 * *reused: the last replay's, with what it wrote (no list holds it now). */
static char *replay_block(kr_lint_cache *c, size_t bytes, bool *reused)
{
    *reused = c->spare && c->spare_size >= bytes && kr_shared_holds(c->spare) == 1;
    if (*reused)
        return c->spare;
    kr_shared_release(c->spare);
    c->spare_size = bytes + bytes / 16; /* the next edits' few more */
    c->spare = kr_shared_new(c->spare_size);
    c->n_last = 0;
    return c->spare;
}

/* A unit's diagnostics where the last replay wrote them at *at, unchanged: only
 * listed (and their strings' blob held). */
static void relist(const centry *e, const kr_lint_ctx *ctx, char **at, void **held)
{
    const blob_head *h = e->blob;
    if (!h->nd)
        return;
    kr_diagnostics *out = ctx->out;
    hold_slab(h, ctx, held);
    kr_diagnostic *d = (kr_diagnostic *)*at;
    *at += blob_structs(h);
    for (size_t i = 0; i < h->nd; i++)
        out->items[out->n++] = &d[i];
}

/* Would replay() write unit i exactly as the last replay did at the same place
 * (which `same` says of every unit before it)? Yes for the same blob at the
 * same base whose spans need no look at the text, when both texts were clean:
 * then nothing changed what was written (linter.c filters replayed fixes only
 * in a text that is not). An edit leaves the units before it so: their
 * structures, 144 bytes a diagnostic and 31 000 diagnostics in a 1 MB OCR
 * text, need not be written again. */
static bool as_last(const kr_lint_cache *c, const unit *u, size_t i, bool same)
{
    const blob_head *h = u->entry->blob;
    return same && i < c->n_last && c->last_blob[i] == h->serial && c->last_base[i] == u->base &&
           h->spans_ok;
}

static void note_last(kr_lint_cache *c, const unit *units, size_t nu, bool clean)
{
    if (nu > c->cap_last) {
        c->cap_last = nu + nu / 8 + 16;
        c->last_blob = kr_xrealloc(c->last_blob, c->cap_last * sizeof *c->last_blob);
        c->last_base = kr_xrealloc(c->last_base, c->cap_last * sizeof *c->last_base);
    }
    for (size_t i = 0; i < nu; i++) {
        c->last_blob[i] = ((const blob_head *)units[i].entry->blob)->serial;
        c->last_base[i] = units[i].base;
    }
    c->n_last = clean ? nu : 0;
}

/* Replays every unit's stored diagnostics into ctx->out: their structures in
 * one block of shared storage the list holds (not zeroed, unlike its arena). In
 * a clean text their fixes are filtered here (linter.c filters the rest).
 * Returns whether what it added is in order: each unit's are (stored sorted),
 * so only where one unit's meet the next's is asked. */
static bool replay_all(kr_lint_cache *c, const unit *units, size_t nu, const kr_lint_ctx *ctx)
{
    kr_diagnostics *out = ctx->out;
    size_t bytes = 0, nd = 0;
    for (size_t i = 0; i < nu; i++) {
        const blob_head *h = units[i].entry->blob;
        bytes += blob_structs(h);
        nd += h->nd;
    }
    if (!nd)
        return true;
    bool same;
    char *block = replay_block(c, bytes, &same), *at = block;
    same = same && ctx->text_clean;
    kr_diagnostics_hold(out, block);
    kr_diagnostics_reserve(out, nd);
    size_t from = out->n;
    bool sorted = true;
    void *held = NULL;
    for (size_t i = 0; i < nu; i++) {
        size_t k = out->n;
        same = as_last(c, &units[i], i, same);
        if (same)
            relist(units[i].entry, ctx, &at, &held);
        else
            replay(units[i].entry, units[i].base, ctx, &at, &held);
        if (k > from && out->n > k && kr_diagnostic_order(out->items[k - 1], out->items[k]) > 0)
            sorted = false;
    }
    note_last(c, units, nu, ctx->text_clean);
    return sorted;
}

/* ---- taking over the previous lint's units ------------------------------------------
 * An edit changes the bytes [ch.lo, ch.hi) (kr_changes). A token depends only on
 * its own line, the first byte of the next line and, across a line that ends in
 * a hyphen break, the quote state carried in from the line before (analysis.c).
 * So outside a window from two lines before the change to the first line after
 * it that carries nothing on (one more line for good measure) the tokens are the
 * old ones, those after it moved by the change's bytes and tokens. A unit whose
 * key's bytes lie outside the window has the same bytes and tokens; its key still
 * holds when its tokens' claims are the old ones and the blocks still group the
 * same tokens (checked at its ends: a token's block never decreases along the
 * text). Such units keep their key without being hashed again; the rest, around
 * the edit, are found and hashed as on a first lint. */
static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Does the line [s, e) end in a hyphen break that carries a quote on (the
 * condition of analysis.c, or more: any line whose last visible byte is '-')? */
static bool line_carries(const char *text, size_t s, size_t e)
{
    size_t k = e;
    while (k > s && is_space(text[k - 1]))
        k--;
    return k > s && text[k - 1] == '-';
}

/* The window [*w0, *w1) of the new text outside which tokens are the old ones. */
static void edit_window(const char *text, size_t len, kr_changes ch, size_t *w0, size_t *w1)
{
    size_t lo = ch.lo < len ? ch.lo : len, hi = ch.hi < len ? ch.hi : len;
    size_t a = kr_line_start_at(text, lo);
    for (int i = 0; i < 2 && a > 0; i++)
        a = kr_line_start_at(text, a - 1);
    size_t s1 = kr_line_start_at(text, hi), b = kr_line_end_at(text, len, hi);
    while (b < len && (s1 <= hi || line_carries(text, s1, b))) {
        s1 = b;
        b = kr_line_end_at(text, len, b);
    }
    *w0 = a;
    *w1 = kr_line_end_at(text, len, b); /* one more line */
}

/* How many of a[0..n) and b[0..n) agree from the front. */
static size_t same_front(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;
    while (i + 4096 <= n && memcmp(a + i, b + i, 4096) == 0)
        i += 4096;
    while (i < n && a[i] == b[i])
        i++;
    return i;
}

/* How many of a[..na) and b[..nb) agree from the back. */
static size_t same_back(const uint8_t *a, size_t na, const uint8_t *b, size_t nb)
{
    size_t n = na < nb ? na : nb, i = 0;
    while (i + 4096 <= n && memcmp(a + na - i - 4096, b + nb - i - 4096, 4096) == 0)
        i += 4096;
    while (i < n && a[na - 1 - i] == b[nb - 1 - i])
        i++;
    return i;
}

/* Do tokens [f, l] make a unit of the analysis (one block, others on each side)? */
static bool is_unit(const kr_analysis *an, size_t f, size_t l)
{
    const kr_token *t = an->tokens;
    return l < an->n_tokens && t[f].block == t[l].block &&
           (f == 0 || t[f - 1].block != t[f].block) &&
           (l + 1 == an->n_tokens || t[l + 1].block != t[l].block);
}

/* The units of tokens [from, to) (whole units). */
static size_t find_units_in(const kr_analysis *an, size_t from, size_t to, unit *units)
{
    size_t n = 0;
    for (size_t i = from; i < to;) {
        size_t j = i;
        while (j + 1 < to && an->tokens[j + 1].block == an->tokens[i].block)
            j++;
        units[n++] =
            (unit){.first = i, .last = j, .lo = an->tokens[i].ws_start, .hi = an->tokens[j].ws_end};
        i = j + 1;
    }
    return n;
}

/* The units of this lint with their keys, taken over from the previous lint
 * where the edit left them alone. Returns the count, or SIZE_MAX when the
 * previous lint's units do not apply. */
static size_t units_from_prev(kr_lint_cache *c, kr_lint_ctx *ctx, unit **out, hkey **out_keys)
{
    const kr_analysis *an = ctx->an;
    kr_changes ch = ctx->changes;
    size_t n_new = an->n_tokens, n_old = c->prev_tokens;
    if (!c->have_prev || !ch.any || (ptrdiff_t)c->prev_len + ch.delta != (ptrdiff_t)ctx->len)
        return SIZE_MAX; /* no edit taken: nothing says what is the same */
    size_t w0, w1;
    edit_window(ctx->text, ctx->len, ch, &w0, &w1);
    ptrdiff_t dn = (ptrdiff_t)n_new - (ptrdiff_t)n_old, delta = ch.delta;
    size_t front = same_front(c->prev_claimed, ctx->claimed, n_old < n_new ? n_old : n_new);
    size_t back = same_back(c->prev_claimed, n_old, ctx->claimed, n_new);
    const struct prev_unit *p = c->prev;
    size_t np = c->n_prev, nb = 0, na = 0;
    /* the old units before the window, from the front */
    while (nb < np && p[nb].ctx_end <= w0 && p[nb].last < front &&
           p[nb].has_next == (p[nb].last + 1 < n_new) && is_unit(an, p[nb].first, p[nb].last))
        nb++;
    /* and after it, from the back */
    size_t min_first = nb ? p[nb - 1].last + 1 : 0;
    while (na < np - nb) {
        const struct prev_unit *u = &p[np - 1 - na];
        ptrdiff_t f = (ptrdiff_t)u->first + dn, l = (ptrdiff_t)u->last + dn;
        if ((ptrdiff_t)u->base + delta < (ptrdiff_t)w1 || u->first < n_old - back ||
            f < (ptrdiff_t)min_first || u->has_prev != (f > 0) ||
            !is_unit(an, (size_t)f, (size_t)l))
            break;
        na++;
    }
    size_t mid_from = nb ? p[nb - 1].last + 1 : 0;
    size_t mid_to = na ? (size_t)((ptrdiff_t)p[np - na].first + dn) : n_new;
    size_t cap = nb + na + (mid_to - mid_from) + 1;
    work_room(c, cap);
    unit *units = c->units;
    hkey *keys = c->keys;
    size_t n = 0;
    for (size_t i = 0; i < nb; i++, n++) {
        units[n] = (unit){.first = p[i].first,
                          .last = p[i].last,
                          .base = p[i].base,
                          .lo = p[i].lo,
                          .hi = p[i].hi};
        keys[n] = p[i].key;
    }
    size_t nm = find_units_in(an, mid_from, mid_to, units + n);
    view v = view_of(ctx);
    for (size_t i = 0; i < nm; i++, n++)
        keys[n] = unit_key(&v, &units[n]);
    for (size_t i = np - na; i < np; i++, n++) {
        units[n] = (unit){.first = (size_t)((ptrdiff_t)p[i].first + dn),
                          .last = (size_t)((ptrdiff_t)p[i].last + dn),
                          .base = (size_t)((ptrdiff_t)p[i].base + delta),
                          .lo = (size_t)((ptrdiff_t)p[i].lo + delta),
                          .hi = (size_t)((ptrdiff_t)p[i].hi + delta)};
        keys[n] = p[i].key;
    }
    *out = units;
    *out_keys = keys;
    return n;
}

/* Keeps this lint's units for the next one. */
static void keep_units(kr_lint_cache *c, const view *v, const unit *units, const hkey *keys,
                       size_t n)
{
    c->prev = kr_xrealloc(c->prev, (n + 1) * sizeof *c->prev);
    for (size_t i = 0; i < n; i++) {
        const unit *u = &units[i];
        bool next = u->last + 1 < v->n_tokens;
        c->prev[i] = (struct prev_unit){
            u->first,     u->last, u->base,
            u->lo,        u->hi,   v->tokens[next ? u->last + 1 : u->last].ws_end,
            u->first > 0, next,    keys[i]};
    }
    c->n_prev = n;
    if (v->claimed != c->prev_claimed) { /* else a pending store's, kept there */
        c->prev_claimed = kr_xrealloc(c->prev_claimed, v->n_tokens + 1);
        memcpy(c->prev_claimed, v->claimed, v->n_tokens);
    }
    c->prev_tokens = v->n_tokens;
    c->prev_len = v->len;
    c->have_prev = true;
}

bool kr_lint_cache_run(kr_lint_cache *c, kr_lint_ctx *ctx, const kr_rule *const *rules,
                       const kr_severity *severity, size_t n)
{
    const kr_analysis *an = ctx->an;
    if (n == 0 || an->n_tokens == 0) {
        c->have_prev = false; /* this lint's units are not kept */
        return true;
    }
    unit *units;
    hkey *keys;
    if (c->count == 0 && ctx->text_clean) {
        work_room(c, count_units(an) + 1);
        size_t nu = find_units(an, c->units);
        lint_first(c, ctx, c->units, nu, rules, severity, n);
        return true;
    }
    size_t nu = units_from_prev(c, ctx, &units, &keys);
    if (nu == SIZE_MAX) {
        work_room(c, count_units(an) + 1);
        units = c->units;
        keys = c->keys;
        nu = find_units(an, units);
        view v = view_of(ctx);
        for (size_t i = 0; i < nu; i++)
            keys[i] = unit_key(&v, &units[i]);
    }
    if (!c->cap)
        reserve(c, nu);
    /* the table grows only by the units it misses (growing copies it all) */
    size_t missing = 0;
    for (size_t i = 0; i < nu; i++)
        missing += !slot_for(c->slots, c->cap, keys[i])->live;
    reserve(c, missing);
    for (size_t i = 0; i < nu; i++) {
        centry *e = slot_for(c->slots, c->cap, keys[i]);
        if (!e->live) {
            *e = (centry){.key = keys[i], .live = true, .gen = ++c->next_gen};
            c->count++;
            units[i].run = true;
        } else if (e->stale) { /* a fact it noted changed: made again */
            release_blob(e->blob);
            e->blob = NULL;
            e->stale = false;
            e->gen = ++c->next_gen;
            units[i].run = true;
        }
        if (e->used != c->lint_no) {
            e->used = c->lint_no;
            c->n_used++;
        }
        units[i].entry = e;
    }
    lint_missing(ctx, units, nu, rules, severity, n);
    bool sorted = replay_all(c, units, nu, ctx);
    view v = view_of(ctx);
    keep_units(c, &v, units, keys, nu);
    return sorted;
}

static void drop_pending(kr_lint_cache *c)
{
    kr_diagnostics_free(c->pending.list); /* lets go of the hold on it */
    free(c->pending.items);
    free(c->pending.unit);
    memset(&c->pending, 0, sizeof c->pending);
    c->n_notes = 0; /* a first lint's, when it is not stored */
}

void kr_lint_cache_settle(kr_lint_cache *c)
{
    if (!c || !c->pending.list)
        return;
    view v = {c->pending.text, c->pending.len, c->pending.tokens, c->pending.n_tokens,
              c->prev_claimed};
    unit *units = c->units;
    hkey *keys = c->keys;
    size_t nu = c->pending.n_units;
    reserve(c, nu);
    for (size_t i = 0; i < nu; i++) {
        keys[i] = unit_key(&v, &units[i]);
        centry *e = slot_for(c->slots, c->cap, keys[i]);
        /* a unit like one before (a repeated paragraph) has the same
         * diagnostics, shifted: the first one's are stored */
        units[i].run = !e->live;
        if (!e->live) {
            *e = (centry){.key = keys[i], .live = true, .used = c->lint_no, .gen = ++c->next_gen};
            c->count++;
            c->n_used++;
        }
        units[i].entry = e;
    }
    size_t nrun;
    unit **run = units_run(NULL, units, nu, &nrun);
    tie_notes(c, run, nrun);
    store_units(&v, units, run, nrun, c->pending.items, c->pending.unit, c->pending.n);
    free(run);
    keep_units(c, &v, units, keys, nu);
    /* and writes the structures as a replay would, so that the next lint (an
     * edit) only lists those before its change, as after any other lint (see
     * as_last), instead of writing all 31 000 on the user's keystroke */
    kr_diagnostics *scratch = kr_diagnostics_new();
    if (!scratch)
        abort();
    kr_lint_ctx rc = {.text = v.text, .len = v.len, .out = scratch, .text_clean = true};
    replay_all(c, units, nu, &rc);
    kr_diagnostics_free(scratch);
    drop_pending(c);
}
