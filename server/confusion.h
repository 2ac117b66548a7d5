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
#include <stdint.h>

#include "engine.h"

enum {
    KR_CONF_EDIT = 100,    /* one unexplained character edit */
    KR_CONF_CASE = 10,     /* same letter, other case */
    KR_CONF_INF = 1000000, /* returned when the strings are too long to compare */
};

/* Which rule reports a repair made of a confusion (the `class` column of
 * server/rules/confusions.def). */
enum {
    KR_CONFCLS_DIA,  /* æ/ø/å written as its ASCII spelling: missing-diacritics */
    KR_CONFCLS_OCR,  /* a glyph misread: ocr-confusion */
    KR_CONFCLS_WEAK, /* a misreading between ordinary letters: ocr-confusion, but
                        only with the document's own evidence */
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
int kr_confusion_distance_within(const char *a, size_t alen, const char *b, size_t blen, int limit);

/* The same on words already decoded into code points (kr_confusion_decode), for
 * callers that compare each word with many others. */
int kr_confusion_distance_cp_within(const uint32_t *a, int n, const uint32_t *b, int m, int limit);
/* Which characters a word contains, folded into 64 bits, and a lower bound on
 * the distance between two words from theirs alone (a few instructions: a
 * caller comparing every pair of many words skips most pairs with it). The
 * bound is on the case-blind distance; any value > limit means "over". */
uint64_t kr_confusion_signature(const uint32_t *w, int n);
int kr_confusion_signature_bound(uint64_t a, uint64_t b, int limit);
/* Decodes UTF-8 s[0..n) into at most KR_CONF_MAX_CHARS code points; returns
 * their number, or -1 when the word is longer. */
int kr_confusion_decode(const char *s, size_t n, uint32_t *out);

/* ---- repair candidates -------------------------------------------------------- */
enum {
    KR_CAND_MAX = 6, /* candidates kept per word */
};

typedef struct {
    const char *text; /* the repaired word (arena-owned, NUL-terminated) */
    size_t len;
    int cost;         /* confusion cost (scale above) */
    int score;        /* ranking score: lower is better (cost adjusted by priors) */
    unsigned lex;     /* KR_LEX_* flags of text (of its weakest part when split) */
    unsigned classes; /* 1 << KR_CONFCLS_* of every confusion used */
} kr_candidate;

/* What the engine concluded about one word of this document. */
typedef enum {
    KR_VERDICT_OK,      /* known, accepted, or not a word to check */
    KR_VERDICT_OCR,     /* a glyph garbling: rule ocr-confusion */
    KR_VERDICT_DIA,     /* lost æ/ø/å only: rule missing-diacritics */
    KR_VERDICT_UNKNOWN, /* unknown, no confident repair: rule unknown-word */
} kr_verdict_kind;

typedef struct {
    kr_verdict_kind kind;
    unsigned lex;   /* KR_LEX_* flags of the word itself */
    bool real_word; /* the word is itself a known word (far/får): a context guess */
    bool preferred; /* cand[0] is clearly best: its fix is preferred */
    size_t n;       /* candidates to offer, best first */
    kr_candidate cand[KR_CAND_MAX];
} kr_verdict;

/* The engine's verdict on word[0..len) (one word: no spaces or hyphens; the
 * rules split tokens first, see kr_word_parts). Candidates come from a bounded,
 * cost-ordered search over the confusion table checked against the lexicon,
 * ranked by cost, the common-word prior and the document's own evidence.
 * Memoised per distinct word for the lint (ctx->shared[KR_SHARED_CONFUSION] and
 * ctx->scratch): borrowed until the lint ends. */
const kr_verdict *kr_word_verdict(kr_lint_ctx *ctx, const char *word, size_t len);

/* Whether word[0..len) (any case) is in the English word list (Debian's
 * wamerican, lower-case entries; KR_ENGLISH_WORDS overrides the path): loaded
 * once per process on first use; false without the list. */
bool kr_english_word(const char *word, size_t len);
/* Whether the English word list could be loaded (loads it on first use). */
bool kr_english_available(void);

/* A letter OCR lost (the first of a line, read a hair inside the page's left
 * edge): the one letter of a-z, æ, ø, å that makes head + letter + tail a
 * word whose lexicon flags include all of `need` and none of `refuse`, as
 * UTF-8 (static; a capital when `capital`), or NULL when no letter or more
 * than one does. */
const char *kr_lost_letter(kr_lexicon *lex, const char *head, size_t hn, const char *tail,
                           size_t tn, unsigned need, unsigned refuse, bool capital);

/* The checkable words inside a token: its parts between hyphens (`DNS-domene` →
 * `DNS`, `domene`), without a possessive after an apostrophe. Writes at most max
 * [start, end) byte spans into parts and returns their number. */
typedef struct {
    size_t start, end;
} kr_span;
size_t kr_word_parts(const char *text, const kr_token *t, kr_span *parts, size_t max);

/* True when the document looks like Danish text that lost its æ/ø/å (English-
 * model OCR, a keyboard without them): Danish function words, almost no æøå. */
bool kr_doc_lost_diacritics(kr_lint_ctx *ctx);

/* The document's word counts as kr_doc_lost_diacritics and kr_doc_word_count
 * read them, made by another thread (server/prefetch.c) from the whole text's
 * tokens (kr_analysis_tokenize: those its first lint takes) while the lint
 * parses: new, for kr_doc_stats_adopt; *lost is their lost-æøå verdict. */
typedef struct doc_stats kr_doc_stats;
kr_doc_stats *kr_doc_stats_make(const char *text, size_t len, const kr_token *tokens, size_t n,
                                bool *lost);
void kr_doc_stats_free(kr_doc_stats *s);
/* Steals `made` (NULL: none) as the document's counts when ctx is a first
 * incremental lint (kr_doc_stats_follow called, none kept yet, none counted
 * this lint) of the text and tokens they were made from; else frees it. */
void kr_doc_stats_adopt(kr_lint_ctx *ctx, kr_doc_stats *made);

/* Occurrences of word[0..len) (case-insensitive) among the document's words. */
unsigned kr_doc_word_count(kr_lint_ctx *ctx, const char *word, size_t len);

/* The words whose presence among the document's words (a count above 0) may
 * have changed since the last call, for the incremental lint's recorded answers
 * (lint_cache.c): passes each to fn, folded as kr_doc_word_count folds, with its
 * presence now. False, passing none, when they are not known — the counts kept
 * were made afresh, or too many changed, or none are kept (a full lint) — and
 * every answer must be asked again. Brings the counts up to date first. */
bool kr_doc_presence_changes(kr_lint_ctx *ctx,
                             void (*fn)(void *ud, const char *folded, size_t n, bool present),
                             void *ud);

/* The incremental lint (kr_linter_run) hands over the changes it took from the
 * document (kr_document_take_changes), so that the statistics above, kept in
 * the document's memory between lints, recount only the tokens around them;
 * without this call (kr_linter_run_full) they are counted afresh. */
void kr_doc_stats_follow(kr_lint_ctx *ctx, kr_changes ch);

/* Reports, for the running rule, every word of the document whose verdict is
 * `kind`: one diagnostic per word part with its candidates as fixes (the first
 * preferred when the verdict says so). `what` names the problem in the message
 * ("OCR-fejl", …). Tokens already claimed by an earlier rule are skipped, and
 * reported tokens are claimed. */
void kr_confusion_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what);

/* The slot of ctx->shared this engine uses for its per-lint state. */
#define KR_SHARED_CONFUSION 0

/* Runs the repair searches kr_word_verdict() would run for word[0..len), so that
 * a later verdict finds them in the process-wide memo of searches: for another
 * thread (server/prefetch.c) with a context of its own (lex and scratch are all
 * it reads). `dia_lost`: the caller's guess of kr_doc_lost_diacritics(), which
 * decides whether a known word is searched at all. With word NULL: loads what
 * verdicts load once per process on first need (the English word list), so that
 * a lint's first verdicts need not. Thread-safe. */
void kr_word_prefetch(kr_lint_ctx *ctx, const char *word, size_t len, bool dia_lost);

/* For tests (tests/unit/test_repair_search.c): the candidates of the full
 * repair search of word[0..len) as the search leaves them (not ranked), one
 * "text cost lex classes" line each into out (cap bytes, NUL-terminated),
 * searched afresh (no memo) with the first budget passes walked at once
 * (walk_at_once) or one by one. Returns their number, -1 when the word is too
 * long to search. */
int kr_repair_search_dump(kr_lint_ctx *ctx, const char *word, size_t len, bool walk_at_once,
                          char *out, size_t cap);

#endif
