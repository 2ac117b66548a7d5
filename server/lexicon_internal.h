/* lexicon_internal.h — internals shared by the lexicon (server/lexicon.c), its
 * hunspell fallback (server/hunspell_adapter.c, the only file that includes
 * hunspell.h) and the build-time dictionary compiler (server/tools/mkdict.c):
 * the on-disk format of the pre-expanded word set and the hash both sides use. */
#ifndef KORREKTUR_LEXICON_INTERNAL_H
#define KORREKTUR_LEXICON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- hunspell fallback ------------------------------------------------------- */
typedef struct kr_hunspell kr_hunspell;

/* Loads aff/dic (paths borrowed). New, or NULL when either file is unreadable. */
kr_hunspell *kr_hunspell_open(const char *aff, const char *dic);
/* Accepts NULL. */
void kr_hunspell_close(kr_hunspell *self);
/* True when hunspell accepts word[0..len) (UTF-8). Not thread-safe: callers lock. */
bool kr_hunspell_spell(kr_hunspell *self, const char *word, size_t len);

/* ---- hash -------------------------------------------------------------------- */
/* 64-bit FNV-1a over bytes followed by a final mix: simple, the same in the
 * compiler and the engine, and good enough for power-of-two tables. */
static inline uint64_t kr_lex_hash(const char *s, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

#endif
