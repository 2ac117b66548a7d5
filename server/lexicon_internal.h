/* lexicon_internal.h — internals shared by the lexicon (server/lexicon.c), its
 * hunspell fallback (server/hunspell_adapter.c, the only file that includes
 * hunspell.h) and the build-time dictionary compiler (server/tools/mkdict.c):
 * the on-disk format of the pre-expanded word set and the hash both sides use. */
#ifndef KORREKTUR_LEXICON_INTERNAL_H
#define KORREKTUR_LEXICON_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- caches built on lookups ---------------------------------------------------- */
struct kr_lexicon;
/* An id of what the lexicon answers now: unique to this lexicon in this process,
 * renewed whenever the user's words change (0 for NULL). Memos of anything
 * computed from lookups key on it (server/confusion.c's repair searches). */
uint64_t kr_lexicon_stamp(struct kr_lexicon *self);

/* False only when kr_lexicon_lookup(self, word, len) surely has neither
 * KR_LEX_KNOWN nor KR_LEX_USER: no case variant of the word can be walked
 * through the word set as one form or a chain of compound parts. Most garbled
 * spellings leave the automaton within a few bytes, where a lookup would run
 * the compound splitter; the repair search asks this before each lookup.
 * `walk` (may be NULL) keeps the walk of the last word asked, per case variant:
 * the next word walks only from where it differs, and a prefix already found
 * dead refuses it at once (a search's candidates share long prefixes). Reset
 * it with kr_lex_walk_reset before first use. */
enum { KR_LEX_WALK_BYTES = 128, KR_LEX_WALK_STATES = 16 };
typedef struct {
    struct kr_lex_walk_slot {
        uint32_t root;  /* the automaton's root when the slot was filled */
        uint16_t valid; /* bytes of text whose state sets are kept */
        char text[KR_LEX_WALK_BYTES];
        uint8_t n[KR_LEX_WALK_BYTES + 1]; /* states after i bytes (0: dead) */
        uint32_t set[KR_LEX_WALK_BYTES + 1][KR_LEX_WALK_STATES];
    } slot[3];
} kr_lex_walk;
void kr_lex_walk_reset(kr_lex_walk *walk);
bool kr_lexicon_may_know(struct kr_lexicon *self, kr_lex_walk *walk, const char *word, size_t len);
/* A length k <= len such that kr_lexicon_may_know refuses every word that
 * begins with word[0..k) and has no '-' after it, or 0 when there is none (or
 * it cannot tell). It walks with `walk` (required) as kr_lexicon_may_know does:
 * the repair search asks it for the stretch its candidates share before it
 * builds them. */
size_t kr_lexicon_dead_prefix(struct kr_lexicon *self, kr_lex_walk *walk, const char *word,
                              size_t len);

/* ---- hunspell fallback ------------------------------------------------------- */
typedef struct kr_hunspell kr_hunspell;

/* Loads aff/dic (paths borrowed). New, or NULL when either file is unreadable. */
kr_hunspell *kr_hunspell_open(const char *aff, const char *dic);
/* Accepts NULL. */
void kr_hunspell_close(kr_hunspell *self);
/* True when hunspell accepts word[0..len) (UTF-8). Not thread-safe: callers lock. */
bool kr_hunspell_spell(kr_hunspell *self, const char *word, size_t len);

/* ---- the word-set file (KR_DATADIR/da_DK.kdict, written by tools/mkdict.c) ------ *
 * A minimal acyclic automaton over bytes. Each form is stored as its UTF-8
 * bytes, a 0 byte, then one flags byte (KR_DICT_*), so walking a word and then
 * the 0 edge leads to the state whose single edge label is the form's flags.
 * Layout, little-endian:
 *   0  magic "KRDICT01"      8  u32 file size     12 u32 root state offset
 *   16 u32 REP table offset  20 u32 REP count      24 u32 COMPOUNDMIN
 *   28 u32 COMPOUNDWORDMAX   32 u32 forms          (states start at 64)
 *   state: u8 n, n edge labels (ascending), n u32 target state offsets
 *   REP table: count pairs of NUL-terminated strings (from, to) as in the .aff */
#define KR_DICT_MAGIC "KRDICT01"
#define KR_DICT_STATES_AT 64
#define KR_DICT_MAXWORD 120
enum {
    KR_DICT_WORD = 1 << 0,      /* may stand alone */
    KR_DICT_BEGIN = 1 << 1,     /* may begin a compound */
    KR_DICT_MIDDLE = 1 << 2,    /* may be inside a compound */
    KR_DICT_END = 1 << 3,       /* may end a compound */
    KR_DICT_FORBIDDEN = 1 << 4, /* a forbidden spelling: never a word alone (only the
                                   compound roles of its other derivations count) */
    KR_DICT_COMMON = 1 << 5,    /* in the common-word list */
    KR_DICT_ENTRY = 1 << 6,     /* a bare dictionary entry (for CHECKCOMPOUNDREP) */
};

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
