/* engine.h — internals shared by the engine's files and the rules: the arena, the
 * structures behind the public opaque handles, the per-lint context and the rule
 * interface. Nothing here knows of JSON or LSP. */
#ifndef KR_ENGINE_H
#define KR_ENGINE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "korrektur/korrektur.h"

/* The engine reads text eight and sixteen bytes at a time and takes the first
 * byte as the lowest (masks, first-difference tests): little-endian only. */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
               "korrektur's word-at-a-time text reading assumes a little-endian machine");

/* ---- arena: bump allocation for per-lint and per-message scratch ---------- */
typedef struct kr_arena_chunk kr_arena_chunk;
typedef struct {
    kr_arena_chunk *head;
    size_t chunk_size;
    size_t grown;          /* the size of new chunks: chunk_size, then doubling (arena.c) */
    size_t held;           /* bytes in the chunks in use */
    kr_arena_chunk *spare; /* chunks a reset kept for the next use (kr_arena_reset) */
} kr_arena;

void kr_arena_init(kr_arena *a, size_t chunk_size);
/* Frees every chunk; the arena may be reused after kr_arena_init(). */
void kr_arena_release(kr_arena *a);
/* Forgets every allocation but keeps the first chunk, and more up to some
 * sixteen chunks' worth, for reuse: a lint's scratch takes several on every
 * edit, which calloc zeroed whole each time. */
void kr_arena_reset(kr_arena *a);
/* Zeroed, 16-byte aligned; aborts when out of memory (the only sane answer for a
 * linter: callers never see a half-built result). */
void *kr_arena_alloc(kr_arena *a, size_t size);
char *kr_arena_strndup(kr_arena *a, const char *s, size_t n);
char *kr_arena_printf(kr_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *kr_arena_vprintf(kr_arena *a, const char *fmt, va_list ap);

/* malloc/realloc that abort on failure (small allocations only). */
void *kr_xmalloc(size_t n);
void *kr_xrealloc(void *p, size_t n);
char *kr_xstrndup(const char *s, size_t n);

/* Exchanges the contents of two configurations (lets a loader validate into a
 * copy and commit only on success). */
void kr_config_swap(kr_config *a, kr_config *b);

/* ---- diagnostics ------------------------------------------------------------ */
struct kr_fix {
    const char *title;
    bool preferred;
    kr_edit *edits;
    size_t n_edits, cap_edits;
};

struct kr_diagnostic {
    const char *rule;
    kr_severity severity;
    size_t start, end;
    const char *message;
    const char *subject;
    kr_fix *fixes;
    size_t n_fixes, cap_fixes;
};

struct kr_diagnostics {
    kr_arena arena;
    kr_diagnostic **items;
    size_t n, cap;
    void **holds; /* shared storage its items borrow from (kr_diagnostics_hold) */
    size_t n_holds, cap_holds;
    uint64_t serial; /* unique in the process: tells lists apart after one is freed */
    size_t extra;    /* kr_diagnostics_retain's holds: kr_diagnostics_free lets go of one */
};

/* Shared storage (diagnostic.c): a block of memory that diagnostics lists may
 * borrow strings from instead of copying them (the lint cache's stored results
 * of a block, replayed into every lint's list). It lives while anyone holds it;
 * the count is atomic. kr_shared_new: `size` bytes, 16-byte aligned, held once
 * (by the caller). */
void *kr_shared_new(size_t size);
/* Lets go of one hold; the last frees it. Accepts NULL. */
void kr_shared_release(void *p);
/* Adds n holds to p (for n owners of parts of it, each to release once). */
void kr_shared_retain(void *p, size_t n);
/* How many hold p now (1: only the caller, who may then write into it). */
size_t kr_shared_holds(const void *p);
/* One more hold on the list itself: kr_diagnostics_free then only lets go of a
 * hold until the last (the lint cache keeps a first lint's list, which the
 * caller may free, until it has stored its diagnostics). One thread only. */
void kr_diagnostics_retain(kr_diagnostics *self);
/* The list holds p until it is freed: its diagnostics may point into p. */
void kr_diagnostics_hold(kr_diagnostics *self, void *p);
/* Appends d, made by the caller in the list's arena or in storage the list
 * holds (and so its fixes, edits and strings). */
void kr_diagnostics_push(kr_diagnostics *self, kr_diagnostic *d);
/* Room for `more` diagnostics without growing again. */
void kr_diagnostics_reserve(kr_diagnostics *self, size_t more);

/* Adds a diagnostic (strings copied into the list's arena). Borrowed result. */
kr_diagnostic *kr_diagnostics_add(kr_diagnostics *self, const char *rule, kr_severity sev,
                                  size_t start, size_t end, const char *message);
void kr_diagnostic_set_subject(kr_diagnostics *self, kr_diagnostic *d, const char *s, size_t n);
/* Adds a fix with a copied title. Borrowed result. */
kr_fix *kr_diagnostic_add_fix(kr_diagnostics *self, kr_diagnostic *d, const char *title,
                              bool preferred);
void kr_fix_add_edit(kr_diagnostics *self, kr_fix *f, size_t start, size_t end, const char *text,
                     size_t len);

/* A copy of s[0..n) (NUL-terminated) in the list's own storage, for strings that
 * many of its diagnostics repeat: kr_diagnostics_add_kept borrows it. */
const char *kr_diagnostics_keep(kr_diagnostics *self, const char *s, size_t n);

/* A fix of one edit that replaces its diagnostic's own span by `text`. */
typedef struct {
    const char *title; /* kept (kr_diagnostics_keep) */
    const char *text;  /* kept; len bytes */
    size_t len;
    bool preferred;
} kr_kept_fix;

/* Adds a diagnostic whose strings (message, subject, the fixes' titles and
 * texts) the list keeps already (kr_diagnostics_keep): borrowed, not copied,
 * and the diagnostic, its n fixes and their edits made in one allocation. The
 * same as kr_diagnostics_add, kr_diagnostic_set_subject and a kr_diagnostic_add_fix
 * with one kr_fix_add_edit of [start, end) per fix. Borrowed result. */
kr_diagnostic *kr_diagnostics_add_kept(kr_diagnostics *self, const char *rule, kr_severity sev,
                                       size_t start, size_t end, const char *message,
                                       const char *subject, const kr_kept_fix *fixes, size_t n);
/* Sorts by start, end, rule id. */
void kr_diagnostics_sort(kr_diagnostics *self);
/* Sorts items[0..n) as kr_diagnostics_sort does: stable, ties in the order
 * given, and in one pass over runs already in order (a rule's reports mostly
 * are). */
void kr_diagnostic_sort_items(kr_diagnostic **items, size_t n);

/* ---- analysis: the document's blocks and tokens, built once per lint --------
 * Built from the syntax tree (analysis.c). Rules read it instead of re-scanning. */
typedef enum {
    KR_BLOCK_TITLE,
    KR_BLOCK_LABEL, /* "Spørgsmål:", "Svar:" (possibly OCR-damaged) */
    KR_BLOCK_PARAGRAPH,
    KR_BLOCK_BULLET,
    KR_BLOCK_PAGE_HEADER, /* a running header/footer line inside the text flow */
    KR_BLOCK_OTHER,
} kr_block_kind;

typedef enum {
    KR_LABEL_NONE,
    KR_LABEL_QUESTION,
    KR_LABEL_ANSWER,
    KR_LABEL_OTHER,
} kr_label_kind;

typedef struct {
    kr_block_kind kind;
    kr_label_kind label; /* for KR_BLOCK_LABEL */
    size_t start, end;   /* bytes, end exclusive, without the final line break */
} kr_block;

typedef enum {
    KR_TOK_WORD,   /* letters, possibly with OCR debris inside (digits, '@', quotes) */
    KR_TOK_NUMBER, /* 1.000, 14.11., 2024 */
    KR_TOK_URL,    /* https://…, www.…, name.dk */
    KR_TOK_OTHER,  /* paths, code, e-mail: never spell-checked */
} kr_token_kind;

enum {
    KR_TOKF_LINE_START = 1 << 0, /* first token on its line */
    KR_TOKF_LINE_END = 1 << 1,   /* last token on its line */
    KR_TOKF_HYPHEN_END = 1 << 2, /* ends with '-' at the end of a line (the token
                                    includes the '-'), continued on the next line */
    KR_TOKF_QUOTED = 1 << 3,     /* inside quote marks */
};

/* Offsets are 32 bits (24 bytes a token, not 40: a 1 MB document has some
 * 200 000 tokens, kept between lints); tree-sitter counts in 32 bits too. */
typedef struct {
    uint32_t start, end;       /* the token without surrounding punctuation */
    uint32_t ws_start, ws_end; /* the whole whitespace-delimited chunk */
    uint16_t kind;             /* kr_token_kind */
    uint16_t flags;            /* KR_TOKF_* */
    uint32_t block;            /* index into kr_analysis.blocks */
} kr_token;

typedef struct {
    kr_block *blocks;
    size_t n_blocks;
    kr_token *tokens;
    size_t n_tokens;
    size_t title_block; /* index of the title block, or SIZE_MAX */
} kr_analysis;

/* The first of the n tokens t[] (in text order) whose chunk starts at or after
 * pos, n when none does; the caller knows every token before `from` starts
 * before pos. It gallops on from `from`, then halves: a rule that visits
 * places in text order passes its last answer and stays linear. */
size_t kr_tokens_first_at(const kr_token *t, size_t n, size_t from, size_t pos);

/* Builds the analysis of text (its tree may be NULL: then lines and blank lines
 * decide). Everything is allocated in `arena`. */
void kr_analysis_build(kr_analysis *an, kr_arena *arena, const char *text, size_t len,
                       const TSTree *tree);

/* The bytes changed since the changes were last taken: [lo, hi) of the text now
 * holds what [lo, hi - delta) held; nothing else changed but moved by delta after
 * it. `any` false: the text is the same. */
typedef struct {
    bool any;
    size_t lo, hi;
    ptrdiff_t delta;
} kr_changes;

/* Takes (and forgets) the changes made by kr_document_edit since the last call.
 * Only the incremental lint calls it (it keeps the analysis in step). */
kr_changes kr_document_take_changes(kr_document *doc);

/* The analysis kept between the lints of a document (analysis.c), owned by the
 * document (kr_document_analysis_memo, freed with it). */
typedef struct kr_analysis_memo kr_analysis_memo;
void kr_analysis_memo_free(kr_analysis_memo *m);
kr_analysis_memo **kr_document_analysis_memo(kr_document *doc);
/* The document's line index: the byte each of its *n lines starts at (borrowed,
 * valid until the next edit). For rules that visit every line end. */
const size_t *kr_document_lines(const kr_document *doc, size_t *n);

/* The same analysis as kr_analysis_build, made from the one kept in *memo (made
 * there when NULL) by tokenising again only the lines around `changes` (the
 * changes since that analysis was made). The blocks are in `arena`; the tokens
 * belong to the memo and stay valid until its next update. */
void kr_analysis_update(kr_analysis *an, kr_analysis_memo **memo, kr_arena *arena, const char *text,
                        size_t len, const TSTree *tree, kr_changes changes);

/* The tokens of the whole text[0..len) as kr_analysis_update makes them for a
 * memo's first update (tied to no block yet): a new malloc'd array of *n
 * tokens with room for *cap. For another thread (prefetch.c), while the
 * caller parses. */
kr_token *kr_analysis_tokenize(const char *text, size_t len, size_t *n, size_t *cap);

/* kr_analysis_update with the whole text's tokens from kr_analysis_tokenize
 * (NULL: none), which it steals: a memo's first update adopts them instead of
 * tokenising the text again; any other update frees them. */
void kr_analysis_update_given(kr_analysis *an, kr_analysis_memo **memo, kr_arena *arena,
                              const char *text, size_t len, const TSTree *tree, kr_changes changes,
                              kr_token *tokens, size_t n_tokens, size_t cap);

/* ---- rules -------------------------------------------------------------------- */
typedef struct kr_rule kr_rule;
typedef struct kr_prefetch kr_prefetch;

typedef struct kr_lint_ctx {
    const char *text;
    size_t len;
    kr_document *doc;
    const TSTree *tree; /* may be NULL */
    const kr_analysis *an;
    kr_lexicon *lex;
    const kr_config *cfg;
    kr_arena *scratch; /* freed after the lint */
    kr_diagnostics *out;
    uint8_t *claimed;     /* per token: already reported by an earlier rule */
    const kr_rule *rule;  /* the rule running now */
    kr_severity severity; /* its configured severity */
    void *shared[8];      /* per-lint caches shared between rules (see repair.h) */
    void *incr;           /* the incremental lint's recorder (linter.c), or NULL */
    /* The bytes changed since the document's previous incremental lint (linter.c
     * sets it where it takes them; `any` false in a full lint, which takes none). */
    kr_changes changes;
    /* The whole text is valid UTF-8 without NUL bytes (linter.c decides it, keeping
     * the answer between lints so an edit checks only its own bytes); false when
     * not known. */
    bool text_clean;
    /* The lint's second thread (a first lint's, see prefetch below), or NULL:
     * where kr_lint_take_text_pass finds what it made. */
    kr_prefetch *prefetch;
} kr_lint_ctx;

/* A document rule's pass over the whole text that reads nothing but its bytes
 * (counting the text's words, say): a first lint's second thread makes it
 * while the lint thread parses, and the rule takes it (kr_lint_take_text_pass)
 * instead of making it on the lint's critical path. */
typedef struct {
    void *(*make)(const char *text, size_t len); /* new */
    void (*free)(void *made);                    /* accepts NULL */
} kr_text_pass;

/* What the lint's second thread made of the whole text with `pass` (waits
 * until it has): new, for the caller; NULL when no thread read the whole text,
 * or the rule has no such pass, or it was taken. The rule then makes it. */
void *kr_lint_take_text_pass(kr_lint_ctx *ctx, const kr_text_pass *pass);

/* What a rule's diagnostics depend on, so the linter knows what it may reuse.
 *
 * KR_SCOPE_DOCUMENT (the default): anything in the document; the rule runs on
 * every lint over the whole analysis.
 *
 * KR_SCOPE_BLOCK: the diagnostics for a block's tokens depend only on the text of
 * those tokens and of the token just before and after them, on the tokens' kinds,
 * flags and claims when the rule starts, on the configuration, and on what the
 * document as a whole says through kr_doc_lost_diacritics()/kr_doc_word_count()
 * (which report each question to kr_lint_note_doc_query()) or through the counts
 * of a document rule that keeps them (kr_lint_note_fact). Such a rule may be
 * run on an analysis holding only some blocks' tokens (plus their neighbours,
 * claimed), and its diagnostics are cached per block (keyed by a hash of all of
 * the above) and reused, shifted, while the block is unchanged. It must read
 * tokens only through ctx->an and report only inside its tokens' chunks. Block
 * rules run after every document rule (see the registry). */
typedef enum {
    KR_SCOPE_DOCUMENT = 0,
    KR_SCOPE_BLOCK = 1,
} kr_rule_scope;

struct kr_rule {
    const char *id;
    kr_severity severity;
    const char *summary;
    const char *explanation;
    void (*check)(kr_lint_ctx *ctx);
    kr_rule_scope scope;
    /* A document rule's block-scope part (NULL: none), under the same id: the
     * part of its work that only reads one block, run with the block rules —
     * first, in the registry's order — and cached as they are, while `check`
     * does the rest with the document rules. The two must split the work so
     * that running the part after every document rule gives what the whole
     * rule gave in its place. */
    const kr_rule *block_part;
    /* A pass over the text a first lint's second thread makes ahead for it
     * (NULL: none). */
    const kr_text_pass *text_pass;
};

/* Called by the document-statistics functions (server/confusion.c) with each
 * folded word whose presence in the document a rule asked about and the answer:
 * a cached block result stays valid only while every such answer does. */
void kr_lint_note_doc_query(kr_lint_ctx *ctx, const char *folded, size_t n, bool present);

/* A block rule's answer from counts a document rule keeps of the whole
 * document (a finer question than kr_doc_word_count's presence): the
 * diagnostics of the block holding byte `at` were made while `fact` (a number
 * the two rules agree on, for a count or for a test of one) had `value`. The
 * cached result of that block stays valid while every such answer holds: the
 * rule that keeps the counts reports each fact that may have changed
 * (kr_lint_fact_changed) on every incremental lint, before the block rules run.
 * Ignored outside a block rule's run in an incremental lint. */
void kr_lint_note_fact(kr_lint_ctx *ctx, size_t at, uint64_t fact, uint32_t value);
/* `fact` has `value` now (it may have changed since the last incremental lint
 * of the document): the cached blocks that noted another value are linted
 * again. From a document rule; ignored when the lint caches nothing. */
void kr_lint_fact_changed(kr_lint_ctx *ctx, uint64_t fact, uint32_t value);
/* What changed is not known (the counts were made anew): every cached block
 * that noted a fact is linted again. */
void kr_lint_facts_unknown(kr_lint_ctx *ctx);
/* Does the lint cache hold cached blocks' facts (else none need reports)? */
bool kr_lint_facts_noted(const kr_lint_ctx *ctx);

/* A document-scope rule's memory between the lints of one document: the slot
 * (NULL until the rule stores a pointer there) that the document's lint cache
 * keeps for the running rule, or NULL when this lint keeps nothing
 * (kr_linter_run_full, or no block rule enabled): the rule then starts from an
 * empty memory of its own. The cache owns what is stored and calls release on it
 * when the linter, its configuration or the lexicon changes, or with the
 * document. What a rule keeps must not change its result (tests compare with
 * kr_linter_run_full). */
void **kr_lint_keep(kr_lint_ctx *ctx, void (*release)(void *));

/* Lints without reusing anything: every enabled rule over the whole analysis, in
 * registry order. The reference kr_linter_run() must always equal (tests). */
kr_diagnostics *kr_linter_run_full(kr_linter *self, kr_document *doc);

/* ---- prefetching the repair searches (prefetch.c) ----------------------------------
 * A thread that runs the repair engine's searches for the words of text[lo, hi)
 * (text is len bytes long; lo and hi are widened to whole lines) while the
 * caller parses: the lint then finds them in the process-wide memo. It reads
 * the text, which must not change until kr_prefetch_end, and the lexicon.
 * NULL when the machine is busy (no core to spare: the two threads would share
 * one) or no thread could be started; nothing happens then. */
kr_prefetch *kr_prefetch_begin(kr_lexicon *lex, const char *text, size_t len, size_t lo, size_t hi);
/* Whether the thread has loaded what the repair engine loads once per process
 * (the English word list; it does so first, while the caller parses). Never
 * waits: pthread_once orders the caller's later reads anyway, but only after
 * this look at the thread's lock does helgrind see that order. Accepts NULL. */
bool kr_prefetch_sync(kr_prefetch *p);
/* The tokens of the whole text (as kr_analysis_tokenize makes them), which the
 * thread makes first when lo..hi is all of it: waits until they are made and
 * returns them (the caller owns them; *n of them, room for *cap), or NULL when
 * the thread reads only part of the text or p is NULL. The thread goes on
 * reading all but their `block`. */
kr_token *kr_prefetch_take_tokens(kr_prefetch *p, size_t *n, size_t *cap);
/* The document's word counts made from those tokens (confusion.h,
 * kr_doc_stats_adopt), which the thread makes next: waits for them; the caller
 * owns them. NULL as for kr_prefetch_take_tokens, or when they were taken. */
struct doc_stats *kr_prefetch_take_stats(kr_prefetch *p);
/* What the thread made with a rule's text pass (kr_rule.text_pass) when it
 * reads the whole text, which it does after the counts: waits for it; the
 * caller owns it. NULL as for kr_prefetch_take_tokens, or when it was taken. */
void *kr_prefetch_take_pass(kr_prefetch *p, const kr_text_pass *pass);
/* Tests: start the thread whatever the machine's load (kr_prefetch_begin
 * otherwise starts one only while a core is to spare). */
void kr_prefetch_always(bool on);
/* Stops the thread after the word it is at, joins it and frees it. Accepts NULL. */
void kr_prefetch_end(kr_prefetch *p);

/* ---- per-document lint cache (linter.c; owned by the document) ------------------ */
typedef struct kr_lint_cache kr_lint_cache;
void kr_lint_cache_free(kr_lint_cache *c);
/* Stores what the document's first lint (the cache empty, the text clean) left
 * pending: kr_lint_cache_run adds that lint's block diagnostics to ctx->out as
 * the rules made them, and keeps the list (held) to store them from later. Must
 * run before the document's text or analysis changes: kr_lint_cache_begin and
 * kr_document_edit call it, and the language server after each publish
 * (kr_linter_settle). Accepts NULL; does nothing when nothing is pending. */
void kr_lint_cache_settle(kr_lint_cache *c);
/* The document's cache slot (NULL until the first lint). */
kr_lint_cache **kr_document_lint_cache(kr_document *doc);

/* Per-document memory of an engine part between lints (per-block summaries and
 * the like): the slot named by `owner` (the address of a static object of the
 * part), NULL until the part stores something there. `release` frees what it
 * holds when the document is freed (the first call's is kept). Returns NULL when
 * all slots are taken — the part then works without memory. Borrowed slot. */
void **kr_document_memory(kr_document *doc, const void *owner, void (*release)(void *));

/* The registry (rules/registry.c), in the order rules run: earlier rules claim
 * tokens so later ones do not report the same word twice. */
extern const kr_rule *const kr_rules[];
extern const size_t kr_rules_count;

/* The order kr_diagnostics_sort puts diagnostics in: start, end, rule (<0, 0, >0).
 * Inline: an edit's merge of the document rules' diagnostics into the replayed
 * ones compares some 30 000 pairs (a 1 MB OCR text), where the call was most of
 * the cost. */
static inline int kr_diagnostic_order(const kr_diagnostic *x, const kr_diagnostic *y)
{
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->rule == y->rule ? 0 : strcmp(x->rule, y->rule);
}

/* Drops d's fixes whose spans cut a character or hold invalid UTF-8 or NUL bytes
 * (all of them when d's own span does), so a fix never writes such text: `whole`
 * says the whole text is clean (then only the spans' ends are checked),
 * `texts_checked` that the edits' texts are known to be clean. */
void kr_diagnostic_drop_invalid_fixes(kr_diagnostic *d, const char *text, size_t len, bool whole,
                                      bool texts_checked);
/* Would kr_diagnostic_drop_invalid_fixes keep all of d's fixes? (Asked first
 * of a diagnostic that must not change: its copy is filtered instead.) */
bool kr_diagnostic_fixes_valid(const kr_diagnostic *d, const char *text, size_t len, bool whole,
                               bool texts_checked);

/* The start of the line holding pos, and the end of it (after its '\n'). */
static inline size_t kr_line_start_at(const char *text, size_t pos)
{
    while (pos > 0 && text[pos - 1] != '\n')
        pos--;
    return pos;
}

static inline size_t kr_line_end_at(const char *text, size_t len, size_t pos)
{
    const char *nl = pos < len ? memchr(text + pos, '\n', len - pos) : NULL;
    return nl ? (size_t)(nl - text) + 1 : len;
}

/* Reports [start, end) for the running rule with a printf-style message (its
 * first 511 bytes, made clean UTF-8 on one line); the subject is the text there. */
kr_diagnostic *kr_emit(kr_lint_ctx *ctx, size_t start, size_t end, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with a message already written (a borrowed C string): for rules that
 * report thousands of diagnostics, where printf's parsing costs more than the
 * rest of a diagnostic. */
kr_diagnostic *kr_emit_text(kr_lint_ctx *ctx, size_t start, size_t end, const char *msg);
/* For a rule that reports the same word many times with the same message and
 * fixes: msg made as kr_emit_text makes it (cut, clean UTF-8) and kept in the
 * lint's output list (kr_diagnostics_keep), for kr_emit_kept. */
const char *kr_emit_keep_message(kr_lint_ctx *ctx, const char *msg);
/* Reports [start, end) for the running rule with strings the output list keeps
 * (kr_emit_keep_message, kr_diagnostics_keep on ctx->out): as kr_emit_text with
 * the subject and fixes given (kr_diagnostics_add_kept). */
kr_diagnostic *kr_emit_kept(kr_lint_ctx *ctx, size_t start, size_t end, const char *message,
                            const char *subject, const kr_kept_fix *fixes, size_t n);

/* Appends s[0..n) to out at byte `at`, up to a NUL byte as printf's "%.*s"
 * would, and returns where it ends: for the rules that put a message together
 * by hand (printf's format parsing cost more than the rest of a report). The
 * caller sizes out. */
static inline size_t kr_put(char *out, size_t at, const char *s, size_t n)
{
    n = strnlen(s, n);
    memcpy(out + at, s, n);
    return at + n;
}

#define KR_PUT_LIT(out, at, lit) kr_put((out), (at), (lit), sizeof(lit) - 1)
/* Marks tokens [first, last] as reported; returns false (and marks nothing) when
 * any of them is already claimed. */
bool kr_claim(kr_lint_ctx *ctx, size_t first, size_t last);

#endif
