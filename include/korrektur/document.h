/* korrektur/document.h — a text document: UTF-8 bytes, a line index, a syntax tree.
 *
 * Every range inside korrektur is a pair of byte offsets (end exclusive). Lines and
 * characters in editor units (UTF-8, UTF-16, UTF-32 code units) exist only at the
 * boundary: kr_document_position() and kr_document_offset() convert. */
#ifndef KORREKTUR_DOCUMENT_H
#define KORREKTUR_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct kr_document kr_document;
typedef struct TSTree TSTree;

/* Code units in which an editor counts characters within a line. */
typedef enum {
    KR_ENC_UTF8 = 0,
    KR_ENC_UTF16 = 1, /* the LSP default */
    KR_ENC_UTF32 = 2,
} kr_encoding;

/* A zero-based line and a zero-based column counted in some kr_encoding. */
typedef struct {
    uint32_t line;
    uint32_t character;
} kr_position;

/* New document holding a copy of text[0..len). Invalid UTF-8 is kept as is (the
 * `encoding` rule reports it). Returns NULL only when out of memory. */
kr_document *kr_document_new(const char *text, size_t len);

/* Frees the document and its tree. Accepts NULL. */
void kr_document_free(kr_document *self);

/* Borrowed pointer to the text (NUL-terminated for convenience, but may contain
 * NULs); valid until the next edit or free. *len receives the byte length. */
const char *kr_document_text(const kr_document *self, size_t *len);

/* Replaces bytes [start, end) with text[0..len). Offsets are clamped to the
 * document. Updates the line index and edits the syntax tree so the next
 * kr_document_tree() re-parses incrementally. Returns 0, or -1 when out of memory
 * (the document is then unchanged). */
int kr_document_edit(kr_document *self, size_t start, size_t end, const char *text, size_t len);

/* Number of lines: one more than the number of '\n' bytes. */
size_t kr_document_line_count(const kr_document *self);

/* Byte offset where line `line` starts (clamped to the last line). */
size_t kr_document_line_start(const kr_document *self, size_t line);

/* Byte offset of the end of line `line`, before its "\n" or "\r\n". */
size_t kr_document_line_end(const kr_document *self, size_t line);

/* Zero-based line containing byte `offset` (clamped). */
size_t kr_document_line_of(const kr_document *self, size_t offset);

/* The editor position of byte `offset`. An offset inside a multi-byte character is
 * moved back to the character's first byte; offsets past the end are clamped. */
kr_position kr_document_position(const kr_document *self, size_t offset, kr_encoding enc);

/* The byte offset of an editor position. A line past the end gives the document
 * length; a character past the end of its line gives the line's end (LSP's rule).
 * A position in the middle of a UTF-16 surrogate pair rounds down. */
size_t kr_document_offset(const kr_document *self, kr_position pos, kr_encoding enc);

/* The syntax tree of the current text (parsed on demand, incrementally after
 * edits). Borrowed: owned by the document, valid until the next edit or free.
 * NULL if the parser could not be created, or when a line is longer than 64 KiB
 * (too many tokens for tree-sitter 0.20): rules then go by lines. */
const TSTree *kr_document_tree(kr_document *self);

/* Counts characters in `enc` units in text[0..len) (used by formatters that print
 * columns). Invalid bytes count as one unit each. */
size_t kr_utf_units(const char *text, size_t len, kr_encoding enc);

/* Length in bytes of the valid UTF-8 character at s[0..avail): 1 for ASCII (NUL
 * included), 0 when the bytes there are not valid UTF-8 (overlong, a surrogate,
 * past U+10FFFF, truncated, or avail == 0). */
size_t kr_utf8_char_len(const char *s, size_t avail);

#ifdef __cplusplus
}
#endif
#endif
