/* hyphen_adapter.h — the one door to libhyphen: whether Danish hyphenation
 * patterns (hyphen-da) allow a word to be broken at a given point. Used as
 * evidence that a line-end hyphen was inserted by a typesetter. The pattern file
 * is loaded lazily on first use, once per process, and shared read-only by every
 * thread. */
#ifndef KR_HYPHEN_ADAPTER_H
#define KR_HYPHEN_ADAPTER_H

#include <stdbool.h>
#include <stddef.h>

/* True when the patterns allow a break in word[0..len) (UTF-8, any case) between
 * byte at-1 and byte at. The word is tried both as Latin-1 (the pattern file's
 * charset, the linguistically right reading) and byte for byte (what naive
 * UTF-8-unaware typesetting tools compute), and either reading counts. False
 * when the pattern file is missing, or when at is not inside the word. */
bool kr_hyphen_legal(const char *word, size_t len, size_t at);

/* NULL when the patterns loaded (or were never needed yet), else one sentence
 * saying what is missing (static). Forces the load. */
const char *kr_hyphen_error(void);

#endif
