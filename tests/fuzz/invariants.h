/* invariants.h — what must hold for any text korrektur lints and fixes, shared by
 * the fuzz harnesses (which abort on a violation) and the property tests (which
 * assert). Each check returns NULL when all is well, else a sentence saying what
 * broke (in a static buffer, valid until the next check).
 *
 *   - a diagnostic's range lies inside the text, on UTF-8 character boundaries;
 *     its rule exists, its severity is one of the four, its message is UTF-8;
 *   - a fix's edits lie inside the text, on boundaries, sorted, not overlapping,
 *     and insert valid UTF-8;
 *   - the preferred edits (what `fix` applies) never overlap;
 *   - applying them changes no byte outside them;
 *   - a UTF-8 BOM, CRLF line ends and a missing final newline survive a fix. */
#ifndef KR_TEST_INVARIANTS_H
#define KR_TEST_INVARIANTS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "korrektur/korrektur.h"

static char kr_inv_buf[512];

__attribute__((format(printf, 1, 2), unused)) static const char *kr_inv_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(kr_inv_buf, sizeof kr_inv_buf, fmt, ap);
    va_end(ap);
    return kr_inv_buf;
}

/* Length of a valid UTF-8 sequence at s (0 when invalid: overlong, surrogate,
 * beyond U+10FFFF, truncated). */
__attribute__((unused)) static size_t kr_inv_utf8_seq(const unsigned char *s, size_t avail)
{
    if (s[0] < 0x80)
        return 1;
    size_t n;
    unsigned min;
    if (s[0] >= 0xC2 && s[0] <= 0xDF)
        n = 2, min = 0x80;
    else if (s[0] >= 0xE0 && s[0] <= 0xEF)
        n = 3, min = 0x800;
    else if (s[0] >= 0xF0 && s[0] <= 0xF4)
        n = 4, min = 0x10000;
    else
        return 0;
    if (n > avail)
        return 0;
    unsigned cp = s[0] & (0x7F >> n);
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

__attribute__((unused)) static bool kr_inv_valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t k = kr_inv_utf8_seq((const unsigned char *)s + i, n - i);
        if (!k)
            return false;
        i += k;
    }
    return true;
}

/* False when `off` falls inside a valid multi-byte character. A lead byte can
 * never be a continuation byte, so a valid sequence starting up to three bytes
 * back and reaching past `off` is always decoded as one character. */
__attribute__((unused)) static bool kr_inv_boundary(const char *text, size_t len, size_t off)
{
    if (off == 0 || off >= len)
        return true;
    for (size_t k = 1; k <= 3 && k <= off; k++) {
        size_t n = kr_inv_utf8_seq((const unsigned char *)text + off - k, len - (off - k));
        if (n > k)
            return false;
    }
    return true;
}

__attribute__((unused)) static const char *kr_inv_range(const char *what, const char *text,
                                                        size_t len, size_t s, size_t e)
{
    if (s > e || e > len)
        return kr_inv_fail("%s [%zu, %zu) lies outside the text (%zu bytes)", what, s, e, len);
    if (!kr_inv_boundary(text, len, s) || !kr_inv_boundary(text, len, e))
        return kr_inv_fail("%s [%zu, %zu) cuts a UTF-8 character", what, s, e);
    return NULL;
}

__attribute__((unused)) static const char *kr_inv_fix(const kr_diagnostic *d, const kr_fix *f,
                                                      const char *text, size_t len)
{
    const char *title = kr_fix_title(f);
    if (!title || !*title || !kr_inv_valid_utf8(title, strlen(title)))
        return kr_inv_fail("a fix of %s has no title or one that is not UTF-8",
                           kr_diagnostic_rule(d));
    if (kr_fix_edit_count(f) == 0)
        return kr_inv_fail("fix \"%s\" of %s has no edits", title, kr_diagnostic_rule(d));
    for (size_t k = 0; k < kr_fix_edit_count(f); k++) {
        const kr_edit *e = kr_fix_edit(f, k);
        const char *why = kr_inv_range("an edit", text, len, e->start, e->end);
        if (why)
            return kr_inv_fail("fix \"%s\" of %s: %s", title, kr_diagnostic_rule(d), why);
        if (!kr_inv_valid_utf8(e->text, e->len))
            return kr_inv_fail("fix \"%s\" of %s inserts invalid UTF-8", title,
                               kr_diagnostic_rule(d));
        if (k > 0 && e->start < kr_fix_edit(f, k - 1)->end)
            return kr_inv_fail("fix \"%s\" of %s has unsorted or overlapping edits", title,
                               kr_diagnostic_rule(d));
    }
    return NULL;
}

/* Every diagnostic and every fix in the list, against the text it came from. */
__attribute__((unused)) static const char *kr_inv_diagnostics(const kr_diagnostics *ds,
                                                              const char *text, size_t len)
{
    size_t prev_start = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        const char *rule = kr_diagnostic_rule(d);
        if (!rule || kr_rule_find(rule) < 0)
            return kr_inv_fail("diagnostic %zu has an unknown rule", i);
        size_t s = kr_diagnostic_start(d), e = kr_diagnostic_end(d);
        const char *why = kr_inv_range(rule, text, len, s, e);
        if (why)
            return why;
        if (s < prev_start)
            return kr_inv_fail("diagnostics are not sorted at %zu (%s)", i, rule);
        prev_start = s;
        kr_severity sev = kr_diagnostic_severity(d);
        if (sev < KR_SEV_ERROR || sev > KR_SEV_HINT)
            return kr_inv_fail("%s at %zu has severity %d", rule, s, (int)sev);
        const char *msg = kr_diagnostic_message(d);
        if (!msg || !*msg || !kr_inv_valid_utf8(msg, strlen(msg)))
            return kr_inv_fail("%s at %zu has an empty or non-UTF-8 message", rule, s);
        const kr_fix *pref = kr_diagnostic_preferred_fix(d);
        bool pref_found = pref == NULL;
        for (size_t j = 0; j < kr_diagnostic_fix_count(d); j++) {
            const kr_fix *f = kr_diagnostic_fix(d, j);
            pref_found = pref_found || f == pref;
            if ((why = kr_inv_fix(d, f, text, len)))
                return why;
        }
        if (!pref_found)
            return kr_inv_fail("%s at %zu: the preferred fix is not one of its fixes", rule, s);
    }
    return NULL;
}

/* The preferred edits are sorted and never overlap; two insertions at one point
 * count as overlapping (their order would be a guess). */
__attribute__((unused)) static const char *kr_inv_preferred(const kr_edit *ed, size_t n,
                                                            const char *text, size_t len)
{
    for (size_t i = 0; i < n; i++) {
        const char *why = kr_inv_range("a preferred edit", text, len, ed[i].start, ed[i].end);
        if (why)
            return why;
        if (i == 0)
            continue;
        const kr_edit *a = &ed[i - 1], *b = &ed[i];
        if (b->start < a->end ||
            (b->start == a->start && (a->start == a->end || b->start == b->end)))
            return kr_inv_fail("preferred edits [%zu, %zu) and [%zu, %zu) overlap", a->start,
                               a->end, b->start, b->end);
    }
    return NULL;
}

/* `fixed` is exactly the text with the (sorted, disjoint) edits applied: every
 * byte outside them is unchanged. */
__attribute__((unused)) static const char *kr_inv_applied(const char *text, size_t len,
                                                          const kr_edit *ed, size_t n,
                                                          const char *fixed, size_t flen)
{
    size_t pos = 0, o = 0;
    for (size_t i = 0; i <= n; i++) {
        size_t upto = i < n ? ed[i].start : len;
        size_t keep = upto - pos;
        if (o + keep > flen || memcmp(fixed + o, text + pos, keep) != 0)
            return kr_inv_fail("bytes [%zu, %zu) outside the edits changed", pos, upto);
        o += keep;
        if (i == n)
            break;
        if (o + ed[i].len > flen || memcmp(fixed + o, ed[i].text, ed[i].len) != 0)
            return kr_inv_fail("edit [%zu, %zu) was not applied as given", ed[i].start, ed[i].end);
        o += ed[i].len;
        pos = ed[i].end;
    }
    if (o != flen)
        return kr_inv_fail("the fixed text has %zu bytes, the edits explain %zu", flen, o);
    return NULL;
}

/* How a text ends its lines: counts of "\r\n" and of bare "\n". */
__attribute__((unused)) static void kr_inv_line_ends(const char *t, size_t n, size_t *crlf,
                                                     size_t *lf)
{
    *crlf = *lf = 0;
    for (size_t i = 0; i < n; i++)
        if (t[i] == '\n') {
            if (i > 0 && t[i - 1] == '\r')
                (*crlf)++;
            else
                (*lf)++;
        }
}

/* A BOM, the line-end convention and the presence of a final newline survive. */
__attribute__((unused)) static const char *kr_inv_survival(const char *text, size_t len,
                                                           const char *fixed, size_t flen)
{
    bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    bool fbom = flen >= 3 && memcmp(fixed, "\xEF\xBB\xBF", 3) == 0;
    if (bom != fbom)
        return kr_inv_fail("the fix %s the byte-order mark", bom ? "removed" : "added");
    bool nl = len && text[len - 1] == '\n', fnl = flen && fixed[flen - 1] == '\n';
    if (nl != fnl)
        return kr_inv_fail("the fix %s the final newline", nl ? "removed" : "added");
    size_t crlf, lf, fcrlf, flf;
    kr_inv_line_ends(text, len, &crlf, &lf);
    kr_inv_line_ends(fixed, flen, &fcrlf, &flf);
    if (lf == 0 && crlf > 0 && flf > 0)
        return kr_inv_fail("the fix put %zu bare LF line ends into a CRLF text", flf);
    if (crlf == 0 && lf > 0 && fcrlf > 0)
        return kr_inv_fail("the fix put %zu CRLF line ends into an LF text", fcrlf);
    return NULL;
}

#endif
