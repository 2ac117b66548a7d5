/* confusion.h — the OCR repair engine: how likely one spelling is an OCR (or
 * æøå-less keyboard) garbling of another, and the repair candidates of a word.
 *
 * The knowledge is a table of confusions (server/rules/confusions.def): a truth
 * segment, the segment OCR produced instead, and a cost. Costs share one scale:
 *
 *     KR_CONF_EDIT (100) = one arbitrary character inserted, deleted or replaced
 *                          (what plain edit distance would count as 1)
 *     a listed confusion costs less: ø read as g ~25, å written as a ~15, æ as ee ~20
 *     a case difference costs KR_CONF_CASE
 *     0 = identical
 *
 * So `kr_confusion_distance("børns", 6, "bgrns", 5)` is small (one typical
 * confusion) while `kr_confusion_distance("børns", 6, "barns", 5)` costs more and
 * `kr_confusion_distance("hus", 3, "kat", 3)` is 300. */
#ifndef KR_CONFUSION_H
#define KR_CONFUSION_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"

enum {
    KR_CONF_EDIT = 100, /* one unexplained character edit */
    KR_CONF_CASE = 10,  /* same letter, other case */
    KR_CONF_INF = 1000000, /* returned when the strings are too long to compare */
};

/* Which rule reports a repair made of a confusion (the `class` column of
 * server/rules/confusions.def). */
enum {
    KR_CONFCLS_DIA, /* æ/ø/å written as its ASCII spelling: missing-diacritics */
    KR_CONFCLS_OCR, /* a glyph misread: ocr-confusion */
};

/* Longest word (in code points) the engine compares or repairs. */
#define KR_CONF_MAX_CHARS 64

/* Cost of reading b as an OCR / æøå-less garbling of a (both UTF-8, not
 * NUL-terminated). Lower = closer; 0 when equal; see the scale above. Not
 * symmetric: a is the correct form, b the damaged one. KR_CONF_INF when either is
 * longer than KR_CONF_MAX_CHARS code points. Thread-safe, allocation-free. */
int kr_confusion_distance(const char *a, size_t alen, const char *b, size_t blen);

/* Like kr_confusion_distance() but ignoring case entirely and giving up early:
 * returns any value > limit as soon as the cost must exceed limit. */
int kr_confusion_distance_within(const char *a, size_t alen, const char *b, size_t blen,
                                 int limit);

/* ---- repair candidates -------------------------------------------------------- */
enum {
    KR_CAND_MAX = 6, /* candidates kept per word */
};

typedef struct {
    const char *text; /* the repaired word (arena-owned, NUL-terminated) */
    size_t len;
    int cost;         /* confusion cost (scale above) */
    unsigned lex;     /* KR_LEX_* flags of text */
    int score;        /* ranking score: lower is better (cost minus priors) */
} kr_candidate;

typedef struct {
    unsigned lex;           /* KR_LEX_* flags of the word itself */
    size_t n;               /* candidates, best first */
    kr_candidate cand[KR_CAND_MAX];
} kr_repair;

/* The repair candidates for word[0..len): spellings the lexicon knows that the
 * word could be a garbling of, found by a bounded, cost-ordered search over the
 * confusion table. Memoised per distinct word for the lint (in ctx->shared and
 * ctx->scratch): the result is borrowed until the lint ends. `diacritics_only`
 * restricts the search to restoring æ/ø/å (the missing-diacritics rule). */
const kr_repair *kr_repair_word(kr_lint_ctx *ctx, const char *word, size_t len,
                                bool diacritics_only);

/* Document-wide evidence gathered once per lint: how often a spelling occurs in
 * the document, and whether the text looks like it lost its æøå (Danish words,
 * almost no æ/ø/å). */
typedef struct kr_doc_stats kr_doc_stats;
const kr_doc_stats *kr_doc_stats_get(kr_lint_ctx *ctx);
/* Occurrences of word[0..len) (case-insensitive) among the document's tokens. */
unsigned kr_doc_stats_count(const kr_doc_stats *st, const char *word, size_t len);
/* True when the document looks like text that lost its æ/ø/å. */
bool kr_doc_stats_lost_diacritics(const kr_doc_stats *st);

/* Lexicon lookups done by the engine during this process (for profiling). */
unsigned long kr_confusion_lookups(void);

#endif
