/* fix.c — what `korrektur fix` (and the editor's "fix all") does to a document:
 * apply every preferred fix, lint the result, and apply again until nothing
 * changes. One round is not enough: a repair can be the evidence for another (a
 * word spelled right after one repair confirms the repair of its other garbling),
 * and a page header removed can let two halves of a word meet. The rounds are
 * composed into one set of disjoint edits on the original text, so callers can
 * print a diff or send one WorkspaceEdit — and fix(fix(x)) == fix(x). */
#include <stdlib.h>
#include <string.h>

#include "engine.h"

/* A bound on rounds: real documents settle in two; a pathological pair of rules
 * undoing each other must not loop forever. */
#define KR_FIX_ROUNDS 4

typedef struct {
    kr_edit *e; /* sorted, disjoint; texts owned */
    size_t n;
} edit_set;

static void set_free(edit_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free((char *)s->e[i].text);
    free(s->e);
    s->e = NULL;
    s->n = 0;
}

/* Edits [0, k) with end < x (left boundary) or start <= x (right boundary): the
 * edits wholly before a region boundary. Edits are sorted and disjoint, so both
 * keys are monotone and a binary search finds the count. */
static size_t before_left(const kr_edit *e, size_t n, size_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].end < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static size_t before_right(const kr_edit *e, size_t n, size_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (e[mid].start <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* delta[i] = growth of the text caused by edits [0, i). */
static long long *deltas(const kr_edit *e, size_t n)
{
    long long *d = kr_xmalloc((n + 1) * sizeof *d);
    d[0] = 0;
    for (size_t i = 0; i < n; i++)
        d[i + 1] = d[i] + (long long)e[i].len - (long long)(e[i].end - e[i].start);
    return d;
}

typedef struct {
    size_t a, b;
} region;

static int cmp_region(const void *x, const void *y)
{
    const region *p = x, *q = y;
    return p->a < q->a ? -1 : p->a > q->a ? 1 : 0;
}

/* A position of the edited text mapped back to the original: inside (or at the
 * edge of) a replacement it widens to that edit's whole original range. */
static size_t back_map(const kr_edit *e, const long long *d, size_t n, size_t t, bool left)
{
    /* find the edit whose new text [ts, te] contains t, if any */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        size_t ts = (size_t)((long long)e[mid].start + d[mid]);
        if (ts + e[mid].len < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < n) {
        size_t ts = (size_t)((long long)e[lo].start + d[lo]);
        if (ts <= t && t <= ts + e[lo].len)
            return left ? e[lo].start : e[lo].end;
    }
    return (size_t)((long long)t - d[lo]);
}

/* E turns O into T, F turns T into U; the result turns O into U directly. */
static edit_set compose(const edit_set *E, const edit_set *F, const char *u, size_t ulen)
{
    long long *dE = deltas(E->e, E->n), *dF = deltas(F->e, F->n);
    region *r = kr_xmalloc((E->n + F->n + 1) * sizeof *r);
    size_t nr = 0;
    for (size_t i = 0; i < E->n; i++)
        r[nr++] = (region){E->e[i].start, E->e[i].end};
    for (size_t i = 0; i < F->n; i++)
        r[nr++] = (region){back_map(E->e, dE, E->n, F->e[i].start, true),
                           back_map(E->e, dE, E->n, F->e[i].end, false)};
    qsort(r, nr, sizeof *r, cmp_region);
    edit_set out = {kr_xmalloc((nr + 1) * sizeof *out.e), 0};
    for (size_t i = 0; i < nr;) {
        region m = r[i++];
        while (i < nr && r[i].a <= m.b) { /* overlapping or touching: one region */
            if (r[i].b > m.b)
                m.b = r[i].b;
            i++;
        }
        size_t ta = (size_t)((long long)m.a + dE[before_left(E->e, E->n, m.a)]);
        size_t tb = (size_t)((long long)m.b + dE[before_right(E->e, E->n, m.b)]);
        size_t ua = (size_t)((long long)ta + dF[before_left(F->e, F->n, ta)]);
        size_t ub = (size_t)((long long)tb + dF[before_right(F->e, F->n, tb)]);
        if (ub > ulen)
            ub = ulen;
        if (ua > ub)
            ua = ub;
        out.e[out.n++] = (kr_edit){m.a, m.b, kr_xstrndup(u + ua, ub - ua), ub - ua};
    }
    free(r);
    free(dE);
    free(dF);
    return out;
}

/* The preferred edits of one lint, with owned texts (the list is freed). */
static edit_set round_edits(kr_linter *l, kr_document *doc,
                            bool (*keep)(const kr_diagnostic *, void *), void *ud)
{
    edit_set s = {NULL, 0};
    kr_diagnostics *ds = kr_linter_run(l, doc);
    if (!ds)
        return s;
    if (keep) {
        /* drop what the caller hides before choosing the edits */
        size_t k = 0;
        for (size_t i = 0; i < ds->n; i++)
            if (keep(ds->items[i], ud))
                ds->items[k++] = ds->items[i];
        ds->n = k;
    }
    kr_edit *e;
    s.n = kr_diagnostics_preferred_edits(ds, &e);
    s.e = e;
    for (size_t i = 0; i < s.n; i++)
        s.e[i].text = kr_xstrndup(e[i].text, e[i].len);
    kr_diagnostics_free(ds);
    return s;
}

kr_edit *kr_linter_fix(kr_linter *self, kr_document *doc,
                       bool (*keep)(const kr_diagnostic *, void *), void *ud, size_t *n)
{
    size_t len;
    const char *text = kr_document_text(doc, &len);
    edit_set total = round_edits(self, doc, keep, ud);
    char *cur = total.n ? kr_edits_apply(text, len, total.e, total.n, &len) : NULL;
    for (int round = 1; cur && round < KR_FIX_ROUNDS; round++) {
        kr_document *next = kr_document_new(cur, len);
        edit_set more = round_edits(self, next, keep, ud);
        kr_document_free(next);
        if (more.n == 0) {
            set_free(&more); /* the empty array is allocated too */
            break;
        }
        size_t nlen;
        char *after = kr_edits_apply(cur, len, more.e, more.n, &nlen);
        edit_set merged = compose(&total, &more, after, nlen);
        set_free(&total);
        set_free(&more);
        total = merged;
        free(cur);
        cur = after;
        len = nlen;
    }
    free(cur);
    *n = total.n;
    if (!total.e)
        total.e = kr_xmalloc(sizeof *total.e);
    return total.e;
}

void kr_edits_free(kr_edit *edits, size_t n)
{
    if (!edits)
        return;
    for (size_t i = 0; i < n; i++)
        free((char *)edits[i].text);
    free(edits);
}
