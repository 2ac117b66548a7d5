/* hyphen_adapter.c — the only user of libhyphen (see hyphen_adapter.h). The
 * Danish pattern file is ISO-8859-1, so words are converted before matching; the
 * byte-for-byte reading is kept as a second opinion because text typeset by
 * UTF-8-unaware tools was broken that way. */
#include <ctype.h>
#include <hyphen.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "hyphen_adapter.h"

#ifndef KR_HYPHEN_DIC
#define KR_HYPHEN_DIC "/usr/share/hyphen/hyph_da_DK.dic"
#endif

/* Longer words are not hyphenated: no typesetter breaks a 200-byte token by
 * patterns, and the buffers stay on the stack. */
#define MAX_WORD 240

static pthread_once_t once = PTHREAD_ONCE_INIT;
static HyphenDict *dict;

static void load(void)
{
    const char *path = getenv("KORREKTUR_HYPHEN_DIC");
    dict = hnj_hyphen_load(path && *path ? path : KR_HYPHEN_DIC);
}

/* Freed at exit so leak checkers see a clean process. */
__attribute__((destructor)) static void unload(void)
{
    if (dict)
        hnj_hyphen_free(dict);
    dict = NULL;
}

/* The pattern file's answer for w[0..n) (already lower case): is there an odd
 * value just before byte `at`? */
static bool legal_at(const char *w, size_t n, size_t at)
{
    char hy[MAX_WORD + 5];
    memset(hy, 0, sizeof hy);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    bool ok = false;
    if (hnj_hyphen_hyphenate2(dict, w, (int)n, hy, NULL, &rep, &pos, &cut) == 0)
        ok = (hy[at - 1] & 1) != 0;
    if (rep) {
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
    return ok;
}

/* UTF-8 → lower-case Latin-1; *at is mapped along. False when a character has
 * no Latin-1 form (then only the byte reading is tried). */
static bool to_latin1(const char *s, size_t n, char *out, size_t *out_n, size_t *at)
{
    size_t o = 0, new_at = 0;
    for (size_t i = 0; i < n;) {
        if (i == *at)
            new_at = o;
        unsigned char c = (unsigned char)s[i];
        unsigned cp;
        if (c < 0x80) {
            cp = c;
            i++;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < n) {
            cp = ((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu);
            i += 2;
        } else {
            return false;
        }
        if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
            cp += 0x20; /* Latin-1 upper → lower */
        out[o++] = (char)(cp < 0x80 ? (unsigned)tolower((int)cp) : cp);
    }
    if (*at == n)
        new_at = o;
    out[o] = 0;
    *out_n = o;
    *at = new_at;
    return true;
}

bool kr_hyphen_legal(const char *word, size_t len, size_t at)
{
    pthread_once(&once, load);
    if (!dict || at == 0 || at >= len || len > MAX_WORD)
        return false;
    char buf[MAX_WORD + 1];
    /* the byte-for-byte reading, ASCII lower-cased */
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)tolower((unsigned char)word[i]);
    buf[len] = 0; /* libhyphen reads the word as a C string too */
    if (legal_at(buf, len, at))
        return true;
    size_t n, a = at;
    if (to_latin1(word, len, buf, &n, &a) && a > 0 && a < n && legal_at(buf, n, a))
        return true;
    return false;
}

const char *kr_hyphen_error(void)
{
    pthread_once(&once, load);
    return dict ? NULL
                : "the Danish hyphenation patterns are missing (install the Debian package "
                  "hyphen-da)";
}
