/* diagnostic.c — diagnostics lists (one arena each, plus the shared storage they
 * hold), their fixes and edits, and applying edits to text without touching a
 * byte outside them. */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

const char *kr_severity_name(kr_severity sev)
{
    switch (sev) {
    case KR_SEV_ERROR:
        return "error";
    case KR_SEV_WARNING:
        return "warning";
    case KR_SEV_INFO:
        return "information";
    case KR_SEV_HINT:
        return "hint";
    }
    return "warning";
}

int kr_severity_parse(const char *name, kr_severity *out)
{
    static const struct {
        const char *name;
        kr_severity sev;
    } names[] = {{"error", KR_SEV_ERROR},
                 {"warning", KR_SEV_WARNING},
                 {"information", KR_SEV_INFO},
                 {"info", KR_SEV_INFO},
                 {"hint", KR_SEV_HINT}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *out = names[i].sev;
            return 0;
        }
    return -1;
}

kr_diagnostics *kr_diagnostics_new(void)
{
    static _Atomic uint64_t serials;
    kr_diagnostics *d = calloc(1, sizeof *d);
    if (d) {
        kr_arena_init(&d->arena, 16 * 1024);
        d->serial = ++serials;
    }
    return d;
}

/* ---- shared storage ------------------------------------------------------------ */
typedef struct {
    _Atomic size_t holds;
    size_t pad; /* keeps what follows 16-byte aligned */
} shared_head;

void *kr_shared_new(size_t size)
{
    shared_head *h = kr_xmalloc(sizeof *h + size);
    h->holds = 1;
    return h + 1;
}

void kr_shared_release(void *p)
{
    if (!p)
        return;
    shared_head *h = (shared_head *)p - 1;
    if (--h->holds == 0)
        free(h);
}

void kr_shared_retain(void *p, size_t n)
{
    ((shared_head *)p - 1)->holds += n;
}

size_t kr_shared_holds(const void *p)
{
    return ((const shared_head *)p - 1)->holds;
}

void kr_diagnostics_hold(kr_diagnostics *self, void *p)
{
    if (self->n_holds == self->cap_holds) {
        self->cap_holds = self->cap_holds ? self->cap_holds * 2 : 64;
        self->holds = kr_xrealloc(self->holds, self->cap_holds * sizeof *self->holds);
    }
    ((shared_head *)p - 1)->holds++;
    self->holds[self->n_holds++] = p;
}

void kr_diagnostics_reserve(kr_diagnostics *self, size_t more)
{
    if (self->n + more <= self->cap)
        return;
    self->cap = self->n + more;
    self->items = kr_xrealloc(self->items, self->cap * sizeof *self->items);
}

static void push(kr_diagnostics *self, kr_diagnostic *d)
{
    if (self->n == self->cap) {
        self->cap = self->cap ? self->cap * 2 : 32;
        self->items = kr_xrealloc(self->items, self->cap * sizeof *self->items);
    }
    self->items[self->n++] = d;
}

void kr_diagnostics_push(kr_diagnostics *self, kr_diagnostic *d)
{
    push(self, d);
}

void kr_diagnostics_retain(kr_diagnostics *self)
{
    self->extra++;
}

void kr_diagnostics_free(kr_diagnostics *self)
{
    if (!self)
        return;
    if (self->extra) {
        self->extra--;
        return;
    }
    for (size_t i = 0; i < self->n_holds; i++)
        kr_shared_release(self->holds[i]);
    free(self->holds);
    kr_arena_release(&self->arena);
    free(self->items);
    free(self);
}

size_t kr_diagnostics_count(const kr_diagnostics *self)
{
    return self->n;
}

const kr_diagnostic *kr_diagnostics_get(const kr_diagnostics *self, size_t i)
{
    return i < self->n ? self->items[i] : NULL;
}

const char *kr_diagnostic_rule(const kr_diagnostic *d)
{
    return d->rule;
}
kr_severity kr_diagnostic_severity(const kr_diagnostic *d)
{
    return d->severity;
}
size_t kr_diagnostic_start(const kr_diagnostic *d)
{
    return d->start;
}
size_t kr_diagnostic_end(const kr_diagnostic *d)
{
    return d->end;
}
const char *kr_diagnostic_message(const kr_diagnostic *d)
{
    return d->message;
}
const char *kr_diagnostic_subject(const kr_diagnostic *d)
{
    return d->subject ? d->subject : "";
}
size_t kr_diagnostic_fix_count(const kr_diagnostic *d)
{
    return d->n_fixes;
}
const kr_fix *kr_diagnostic_fix(const kr_diagnostic *d, size_t i)
{
    return i < d->n_fixes ? &d->fixes[i] : NULL;
}

const kr_fix *kr_diagnostic_preferred_fix(const kr_diagnostic *d)
{
    for (size_t i = 0; i < d->n_fixes; i++)
        if (d->fixes[i].preferred)
            return &d->fixes[i];
    return NULL;
}

const char *kr_fix_title(const kr_fix *f)
{
    return f->title;
}
bool kr_fix_preferred(const kr_fix *f)
{
    return f->preferred;
}
size_t kr_fix_edit_count(const kr_fix *f)
{
    return f->n_edits;
}
const kr_edit *kr_fix_edit(const kr_fix *f, size_t i)
{
    return i < f->n_edits ? &f->edits[i] : NULL;
}

/* A registered rule's id is kept by pointer (it lives as long as the program):
 * a copy per diagnostic was a megabyte of a 1 MB OCR text's lint. */
static const char *rule_id(kr_arena *a, const char *rule)
{
    for (size_t i = 0; i < kr_rules_count; i++)
        if (kr_rules[i]->id == rule)
            return rule;
    return kr_arena_strndup(a, rule, strlen(rule));
}

kr_diagnostic *kr_diagnostics_add(kr_diagnostics *self, const char *rule, kr_severity sev,
                                  size_t start, size_t end, const char *message)
{
    kr_diagnostic *d = kr_arena_alloc(&self->arena, sizeof *d);
    d->rule = rule_id(&self->arena, rule);
    d->severity = sev;
    d->start = start;
    d->end = end < start ? start : end;
    d->message = kr_arena_strndup(&self->arena, message, strlen(message));
    push(self, d);
    return d;
}

void kr_diagnostic_set_subject(kr_diagnostics *self, kr_diagnostic *d, const char *s, size_t n)
{
    d->subject = kr_arena_strndup(&self->arena, s, n);
}

const char *kr_diagnostics_keep(kr_diagnostics *self, const char *s, size_t n)
{
    return kr_arena_strndup(&self->arena, s, n);
}

kr_diagnostic *kr_diagnostics_add_kept(kr_diagnostics *self, const char *rule, kr_severity sev,
                                       size_t start, size_t end, const char *message,
                                       const char *subject, const kr_kept_fix *fixes, size_t n)
{
    /* 72 + 72 bytes for the usual one fix, where separate copies of everything
     * took some 320 (a 10 MB OCR text has 300 000 of them) */
    kr_diagnostic *d =
        kr_arena_alloc(&self->arena, sizeof *d + n * (sizeof(kr_fix) + sizeof(kr_edit)));
    kr_fix *f = (kr_fix *)(d + 1);
    kr_edit *e = (kr_edit *)(f + n);
    if (end < start)
        end = start;
    *d = (kr_diagnostic){.rule = rule_id(&self->arena, rule),
                         .severity = sev,
                         .start = start,
                         .end = end,
                         .message = message,
                         .subject = subject,
                         .fixes = n ? f : NULL,
                         .n_fixes = n,
                         .cap_fixes = n};
    for (size_t i = 0; i < n; i++) {
        e[i] = (kr_edit){start, end, fixes[i].text, fixes[i].len};
        f[i] = (kr_fix){.title = fixes[i].title,
                        .preferred = fixes[i].preferred,
                        .edits = &e[i],
                        .n_edits = 1,
                        .cap_edits = 1};
    }
    push(self, d);
    return d;
}

/* Arrays inside the arena grow by copying: old copies are simply abandoned, which
 * costs little for the handful of fixes and edits a diagnostic has. Room for one
 * first: most diagnostics have one fix of one edit. */
static void *grow(kr_arena *a, void *old, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return old;
    size_t ncap = *cap ? *cap * 2 : 1;
    void *p = kr_arena_alloc(a, ncap * size);
    if (old)
        memcpy(p, old, n * size);
    *cap = ncap;
    return p;
}

kr_fix *kr_diagnostic_add_fix(kr_diagnostics *self, kr_diagnostic *d, const char *title,
                              bool preferred)
{
    d->fixes = grow(&self->arena, d->fixes, d->n_fixes, &d->cap_fixes, sizeof *d->fixes);
    kr_fix *f = &d->fixes[d->n_fixes++];
    memset(f, 0, sizeof *f);
    f->title = kr_arena_strndup(&self->arena, title, strlen(title));
    f->preferred = preferred;
    return f;
}

void kr_fix_add_edit(kr_diagnostics *self, kr_fix *f, size_t start, size_t end, const char *text,
                     size_t len)
{
    f->edits = grow(&self->arena, f->edits, f->n_edits, &f->cap_edits, sizeof *f->edits);
    kr_edit *e = &f->edits[f->n_edits++];
    e->start = start;
    e->end = end < start ? start : end;
    e->text = kr_arena_strndup(&self->arena, text, len);
    e->len = len;
}

/* A stable sort by kr_diagnostic_order, by merging the runs already in order:
 * each rule reports mostly in text order, so this is a few merges, not a sort
 * of thousands of diagnostics on every edit. Adjacent runs are merged with
 * ties to the earlier one, which keeps equal diagnostics in the order they were
 * made (what qsort, whose stability the C library does not promise, may not). */
void kr_diagnostic_sort_items(kr_diagnostic **it, size_t n)
{
    size_t nr = 0;
    for (size_t i = 1; i < n; i++)
        nr += kr_diagnostic_order(it[i - 1], it[i]) > 0;
    if (nr == 0)
        return;
    size_t *b = kr_xmalloc((nr + 2) * sizeof *b); /* run boundaries */
    nr = 0;
    b[0] = 0;
    for (size_t i = 1; i < n; i++)
        if (kr_diagnostic_order(it[i - 1], it[i]) > 0)
            b[++nr] = i;
    b[++nr] = n;
    kr_diagnostic **tmp = kr_xmalloc(n * sizeof *tmp);
    while (nr > 1) {
        size_t k = 0;
        for (size_t r = 0; r < nr; r += 2) {
            size_t lo = b[r], mid = b[r + 1], hi = r + 2 <= nr ? b[r + 2] : mid;
            size_t x = lo, y = mid, o = lo;
            while (x < mid && y < hi)
                tmp[o++] = kr_diagnostic_order(it[y], it[x]) < 0 ? it[y++] : it[x++];
            while (x < mid)
                tmp[o++] = it[x++];
            while (y < hi)
                tmp[o++] = it[y++];
            for (size_t i = lo; i < hi; i++)
                it[i] = tmp[i];
            b[++k] = hi;
        }
        nr = k;
    }
    free(tmp);
    free(b);
}

void kr_diagnostics_sort(kr_diagnostics *self)
{
    kr_diagnostic_sort_items(self->items, self->n);
}

static int cmp_edit(const void *a, const void *b)
{
    const kr_edit *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return 0;
}

/* An edit and the place it had in the caller's array: qsort is not stable, and
 * among edits with the same range the first one given must win. */
typedef struct {
    kr_edit e;
    size_t order;
} ordered_edit;

static int cmp_ordered(const void *a, const void *b)
{
    const ordered_edit *x = a, *y = b;
    int c = cmp_edit(&x->e, &y->e);
    if (c)
        return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

char *kr_edits_apply(const char *text, size_t len, const kr_edit *edits, size_t n, size_t *out_len)
{
    ordered_edit *sorted = malloc((n ? n : 1) * sizeof *sorted);
    if (!sorted)
        return NULL;
    size_t cap = len + 1;
    for (size_t i = 0; i < n; i++) {
        sorted[i] = (ordered_edit){edits[i], i};
        cap += edits[i].len;
    }
    qsort(sorted, n, sizeof *sorted, cmp_ordered);
    char *out = malloc(cap);
    if (!out) {
        free(sorted);
        return NULL;
    }
    size_t o = 0, pos = 0;
    bool inserted_at_pos = false; /* the last accepted edit was an insertion at pos */
    for (size_t i = 0; i < n; i++) {
        const kr_edit *e = &sorted[i].e;
        if (e->end > len || e->start > e->end)
            continue;
        /* an overlap loses, and so does a second insertion at the same point (their
         * order would be a guess); an insertion touching a replacement is fine */
        if (e->start < pos || (e->start == pos && e->start == e->end && inserted_at_pos))
            continue;
        memcpy(out + o, text + pos, e->start - pos);
        o += e->start - pos;
        memcpy(out + o, e->text, e->len);
        o += e->len;
        pos = e->end;
        inserted_at_pos = e->start == e->end;
    }
    memcpy(out + o, text + pos, len - pos);
    o += len - pos;
    out[o] = '\0';
    free(sorted);
    if (out_len)
        *out_len = o;
    return out;
}

/* Whether edits a and b cannot both be applied: they overlap, or both insert at
 * the same point, or one inserts at the other's start. The rule matches
 * kr_edits_apply's, so an edit accepted here is never skipped there. */
static bool clashes(const kr_edit *a, const kr_edit *b)
{
    if (a->start < b->end && b->start < a->end)
        return true;
    return a->start == b->start && (a->start == a->end || b->start == b->end);
}

/* Whether a fix's own edits clash with each other (a rule's mistake; such a fix
 * could only land in part, so it does not land). */
static bool fix_self_clashes(const kr_fix *f)
{
    for (size_t i = 0; i < f->n_edits; i++)
        for (size_t j = i + 1; j < f->n_edits; j++)
            if (clashes(&f->edits[i], &f->edits[j]))
                return true;
    return false;
}

/* First index of the sorted, disjoint edits v[0..n) starting at or after pos. */
static size_t lower_bound(const kr_edit *v, size_t n, size_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether e clashes with any of the sorted, disjoint edits v[0..n). Disjoint
 * edits sorted by start are sorted by end too, so only the one edit before e's
 * start can reach into it, and from there on only those starting inside it. */
static bool clashes_any(const kr_edit *v, size_t n, const kr_edit *e)
{
    size_t i = lower_bound(v, n, e->start);
    if (i > 0 && clashes(&v[i - 1], e))
        return true;
    for (size_t j = i; j < n && (v[j].start < e->end || v[j].start == e->start); j++)
        if (clashes(&v[j], e))
            return true;
    return false;
}

size_t kr_diagnostics_preferred_edits(const kr_diagnostics *self, kr_edit **out)
{
    size_t n = 0;
    for (size_t i = 0; i < self->n; i++) {
        const kr_fix *f = kr_diagnostic_preferred_fix(self->items[i]);
        if (f)
            n += f->n_edits;
    }
    /* kept sorted as it grows (diagnostics come sorted, so edits are mostly
     * appended): checking a fix costs a binary search, not a scan of every edit
     * taken so far, which made a 50 MB file with 300 000 fixes take minutes */
    kr_edit *all = kr_xmalloc((n ? n : 1) * sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < self->n; i++) {
        const kr_fix *f = kr_diagnostic_preferred_fix(self->items[i]);
        if (!f || !f->n_edits || fix_self_clashes(f))
            continue;
        /* a fix's edits land together or not at all */
        bool clashed = false;
        for (size_t j = 0; j < f->n_edits && !clashed; j++)
            clashed = clashes_any(all, k, &f->edits[j]);
        if (clashed)
            continue;
        for (size_t j = 0; j < f->n_edits; j++) {
            const kr_edit *e = &f->edits[j];
            size_t at = lower_bound(all, k, e->start);
            while (at < k && all[at].start == e->start && all[at].end < e->end)
                at++;
            memmove(all + at + 1, all + at, (k - at) * sizeof *all);
            all[at] = *e;
            k++;
        }
    }
    *out = all;
    return k;
}

char *kr_diagnostics_apply_preferred(const kr_diagnostics *self, const char *text, size_t len,
                                     size_t *out_len)
{
    kr_edit *all;
    size_t k = kr_diagnostics_preferred_edits(self, &all);
    char *out = kr_edits_apply(text, len, all, k, out_len);
    free(all);
    return out;
}
