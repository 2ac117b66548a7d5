/* confusion.c — the OCR repair engine (server/confusion.h): the confusion table
 * compiled in from server/rules/confusions.def, a weighted distance over it, and
 * the per-word repair search the spelling rules share. */
#include "confusion.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

/* ---- code points ---------------------------------------------------------------- */
/* Decodes UTF-8 into at most max code points; -1 when longer. Invalid bytes pass
 * through as themselves (U+0080..U+00FF) — they only ever compare unequal. */
static int decode(const char *s, size_t n, uint32_t *out, int max)
{
    int k = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t len = 1;
        if (c >= 0xC0 && c < 0xE0 && i + 1 < n)
            cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu), len = 2;
        else if (c >= 0xE0 && c < 0xF0 && i + 2 < n)
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu), len = 3;
        else if (c >= 0xF0 && i + 3 < n)
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                 (s[i + 3] & 0x3Fu),
            len = 4;
        if (k == max)
            return -1;
        out[k++] = cp;
        i += len;
    }
    return k;
}

/* Lower case for ASCII and Latin-1 letters (all Danish needs). */
static uint32_t fold(uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 32;
    return c;
}

/* ---- the table ------------------------------------------------------------------ */
enum { SEG_MAX = 3 };

typedef struct {
    uint32_t truth[SEG_MAX], ocr[SEG_MAX];
    uint8_t tn, on;
    uint8_t foldable; /* letters only: matches in either case */
    uint8_t cls;      /* KR_CONFCLS_* */
    int cost;
} conf_entry;

#define KR_CONFUSION(t, o, c, k) {t, o, c, KR_CONFCLS_##k},
static const struct {
    const char *truth, *ocr;
    int cost;
    int cls;
} conf_src[] = {
#include "rules/confusions.def"
};
#undef KR_CONFUSION

#define N_CONF (sizeof conf_src / sizeof conf_src[0])
static conf_entry conf[N_CONF];
static size_t n_conf;
static pthread_once_t conf_once = PTHREAD_ONCE_INIT;

static bool letters_only(const uint32_t *s, int n)
{
    for (int i = 0; i < n; i++) {
        uint32_t c = fold(s[i]);
        if (!((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE)))
            return false;
    }
    return true;
}

static void conf_build(void)
{
    for (size_t i = 0; i < N_CONF; i++) {
        conf_entry *e = &conf[n_conf];
        int tn = decode(conf_src[i].truth, strlen(conf_src[i].truth), e->truth, SEG_MAX);
        int on = decode(conf_src[i].ocr, strlen(conf_src[i].ocr), e->ocr, SEG_MAX);
        if (tn < 0 || on < 0 || tn + on == 0)
            continue;
        e->tn = (uint8_t)tn;
        e->on = (uint8_t)on;
        e->cost = conf_src[i].cost;
        e->cls = (uint8_t)conf_src[i].cls;
        e->foldable = letters_only(e->truth, tn) && letters_only(e->ocr, on);
        if (e->foldable) {
            for (int k = 0; k < tn; k++)
                e->truth[k] = fold(e->truth[k]);
            for (int k = 0; k < on; k++)
                e->ocr[k] = fold(e->ocr[k]);
        }
        n_conf++;
    }
}

static void conf_init(void)
{
    pthread_once(&conf_once, conf_build);
}

/* Does seg[0..n) match s[at..)? Foldable segments compare case-insensitively. */
static bool seg_match(const uint32_t *seg, int n, bool foldable, const uint32_t *s, int slen,
                      int at)
{
    if (at + n > slen)
        return false;
    for (int k = 0; k < n; k++) {
        uint32_t c = foldable ? fold(s[at + k]) : s[at + k];
        if (c != seg[k])
            return false;
    }
    return true;
}

/* ---- distance ------------------------------------------------------------------- */
/* The cost of an OCR letter repeated from the one before (`vii`, `tillgang`). */
#define DOUBLED_COST 50

static inline void relax(int *cell, int v)
{
    if (v < *cell)
        *cell = v;
}

static int distance_cp(const uint32_t *a, int n, const uint32_t *b, int m, bool nocase,
                       int limit)
{
    enum { W = KR_CONF_MAX_CHARS + 1 };
    int d[W * W];
    for (int i = 0; i <= n; i++)
        for (int j = 0; j <= m; j++)
            d[i * W + j] = KR_CONF_INF;
    d[0] = 0;
    for (int i = 0; i <= n; i++) {
        int rowmin = KR_CONF_INF;
        for (int j = 0; j <= m; j++) {
            int here = d[i * W + j];
            if (here >= KR_CONF_INF)
                continue;
            if (here < rowmin)
                rowmin = here;
            if (here > limit)
                continue;
            if (i < n && j < m) {
                int c = a[i] == b[j] ? 0
                        : fold(a[i]) == fold(b[j]) ? (nocase ? 0 : KR_CONF_CASE)
                                                   : KR_CONF_EDIT;
                relax(&d[(i + 1) * W + j + 1], here + c);
            }
            if (i < n)
                relax(&d[(i + 1) * W + j], here + KR_CONF_EDIT);
            if (j < m) {
                bool dbl = j > 0 && fold(b[j]) == fold(b[j - 1]);
                relax(&d[i * W + j + 1], here + (dbl ? DOUBLED_COST : KR_CONF_EDIT));
            }
            for (size_t k = 0; k < n_conf; k++) {
                const conf_entry *e = &conf[k];
                if (seg_match(e->truth, e->tn, e->foldable, a, n, i) &&
                    seg_match(e->ocr, e->on, e->foldable, b, m, j))
                    relax(&d[(i + e->tn) * W + j + e->on], here + e->cost);
            }
        }
        /* entries span at most SEG_MAX truth letters, so a row far over the
         * limit cannot come back under it two rows later — but a cheaper path
         * may still jump over this row; only a full stop is safe when the
         * current and next rows are both out of reach, checked cheaply here */
        if (rowmin > limit && i + 1 <= n) {
            bool any = false;
            for (int r = i + 1; r <= n && r <= i + SEG_MAX && !any; r++)
                for (int j = 0; j <= m; j++)
                    if (d[r * W + j] <= limit) {
                        any = true;
                        break;
                    }
            if (!any)
                return limit + 1;
        }
    }
    return d[n * W + m];
}

static int distance(const char *a, size_t alen, const char *b, size_t blen, bool nocase,
                    int limit)
{
    uint32_t ca[KR_CONF_MAX_CHARS], cb[KR_CONF_MAX_CHARS];
    int n = decode(a, alen, ca, KR_CONF_MAX_CHARS);
    int m = decode(b, blen, cb, KR_CONF_MAX_CHARS);
    if (n < 0 || m < 0)
        return KR_CONF_INF;
    conf_init();
    return distance_cp(ca, n, cb, m, nocase, limit);
}

int kr_confusion_distance(const char *a, size_t alen, const char *b, size_t blen)
{
    return distance(a, alen, b, blen, false, KR_CONF_INF);
}

int kr_confusion_distance_within(const char *a, size_t alen, const char *b, size_t blen,
                                 int limit)
{
    return distance(a, alen, b, blen, true, limit);
}
