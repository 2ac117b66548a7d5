/* korrektur/lexicon.h — what korrektur knows of Danish words: the hunspell da_DK
 * dictionary (with its compounds), a list of common words (the prior for ranking
 * repairs), and the user's accepted words. Shared read-mostly by every linter and
 * thread; lookups are memoised and thread-safe. */
#ifndef KORREKTUR_LEXICON_H
#define KORREKTUR_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kr_lexicon kr_lexicon;

/* Flags returned by kr_lexicon_lookup(). */
enum {
    KR_LEX_KNOWN = 1 << 0,    /* a correct Danish word form (dictionary or compound) */
    KR_LEX_COMMON = 1 << 1,   /* in the common-word list (a strong prior) */
    KR_LEX_USER = 1 << 2,     /* accepted by the user's dictionary */
    KR_LEX_COMPOUND = 1 << 3, /* known only as a compound of known parts */
};

/* Opens the default Danish data (loaded lazily on first lookup). New; NULL when
 * out of memory. Missing data files are reported by kr_lexicon_error(). */
kr_lexicon *kr_lexicon_new(void);
/* Accepts NULL. */
void kr_lexicon_free(kr_lexicon *self);

/* NULL when the data loaded, else one sentence saying what is missing (borrowed). */
const char *kr_lexicon_error(kr_lexicon *self);

/* KR_LEX_* flags for word[0..len) (UTF-8, exact case with the usual dictionary
 * case rules: "Hus" and "HUS" are known when "hus" is). 0 means unknown. */
unsigned kr_lexicon_lookup(kr_lexicon *self, const char *word, size_t len);
bool kr_lexicon_known(kr_lexicon *self, const char *word, size_t len);

/* hunspell's own verdict on word[0..len) (user words not included): slow (tens of
 * microseconds; the first call loads hunspell, ~0.3 s), for tools that measure
 * or need hunspell's exact answer. kr_lexicon_known() agrees with it on nearly
 * every word; prefer that. */
bool kr_lexicon_hunspell_known(kr_lexicon *self, const char *word, size_t len);

/* Adds accepted words (copied). A file has one word per line; '#' starts a
 * comment. Returns 0, or -1 and sets *err (new sentence, free()) when unreadable. */
void kr_lexicon_add_word(kr_lexicon *self, const char *word, size_t len);
int kr_lexicon_add_file(kr_lexicon *self, const char *path, char **err);

#ifdef __cplusplus
}
#endif
#endif
