/* lsp.h — the language server's internals, shared by server/lsp_*.c (the only
 * files that know JSON and LSP). The engine below knows byte offsets; this layer
 * converts to editor positions (through kr_document_position/offset only),
 * frames and routes JSON-RPC messages, and keeps the open documents.
 *
 * The server is single-threaded and driven by bytes: kr_lsp_feed() takes what
 * the client wrote, kr_lsp_idle() publishes what is pending. main loop, fuzz
 * harnesses and unit tests all use the same three calls. */
#ifndef KR_LSP_H
#define KR_LSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* jansson's type, declared here so users of the public face (main, tests,
 * fuzzers) need not include jansson; lsp_*.c include <jansson.h> first. */
typedef struct json_t json_t;
struct json_error_t;

/* ---- public face (used by main, tests and fuzzers) -------------------------- */
typedef struct kr_lsp kr_lsp;

/* Writes bytes to the client; returns 0, or -1 when the client is gone. */
typedef int (*kr_lsp_write_fn)(void *ud, const char *data, size_t len);

/* A new server writing framed messages through `write`. NULL when out of memory. */
kr_lsp *kr_lsp_new(kr_lsp_write_fn write, void *ud);
/* Accepts NULL. */
void kr_lsp_free(kr_lsp *self);

/* Feeds bytes read from the client; every complete message is handled. Returns
 * -1 while the server should go on, else the process exit status (after `exit`,
 * or when the client can no longer be written to). */
int kr_lsp_feed(kr_lsp *self, const char *data, size_t len);
/* The same for bytes already put in self's framer (kr_lsp_framer_commit). */
int kr_lsp_feed_framed(kr_lsp *self);

/* True when documents wait for a lint/publish. */
bool kr_lsp_has_pending(const kr_lsp *self);
/* Lints changed documents and publishes their diagnostics (push mode). */
void kr_lsp_idle(kr_lsp *self);

/* The client closed its end: the exit status (0 after shutdown, else 1). */
int kr_lsp_eof(kr_lsp *self);

/* `korrektur lsp [--stdio]`: serves stdin/stdout until exit or EOF. */
int kr_lsp_main(int argc, char **argv);

/* ---- framing (lsp_transport.c) ------------------------------------------------ */
typedef struct {
    char *buf;
    size_t len, cap, pos; /* unread bytes are buf[pos..len) */
    size_t skip;          /* body bytes of an oversized message still to discard */
    size_t max_body;
} kr_lsp_framer;

typedef enum {
    KR_FRAME_NONE,    /* need more bytes */
    KR_FRAME_MESSAGE, /* *body, *len: one message body (borrowed until the next call) */
    KR_FRAME_ERROR,   /* *err: a static sentence; the bad bytes were dropped */
} kr_frame_result;

void kr_lsp_framer_init(kr_lsp_framer *f, size_t max_body);
void kr_lsp_framer_release(kr_lsp_framer *f);
void kr_lsp_framer_push(kr_lsp_framer *f, const char *data, size_t len);
/* Room to read into at the end of the buffer (*room bytes): at least min, and
 * all that the message being received still lacks. NULL while an oversized body
 * is skipped: those bytes go through kr_lsp_framer_push. */
char *kr_lsp_framer_space(kr_lsp_framer *f, size_t min, size_t *room);
/* n bytes were written at kr_lsp_framer_space(). */
void kr_lsp_framer_commit(kr_lsp_framer *f, size_t n);
kr_frame_result kr_lsp_framer_next(kr_lsp_framer *f, const char **body, size_t *len,
                                   const char **err);
/* Frees a buffer grown for one big message (a 1 MB didOpen) once everything in
 * it is read and no body is borrowed any more: not kept for the session. */
void kr_lsp_framer_trim(kr_lsp_framer *f);
/* "Content-Length: N\r\n\r\n" + body through `write`. */
int kr_lsp_write_frame(kr_lsp_write_fn write, void *ud, const char *body, size_t len);

/* ---- JSON-RPC error codes ----------------------------------------------------- */
enum {
    KR_RPC_PARSE_ERROR = -32700,
    KR_RPC_INVALID_REQUEST = -32600,
    KR_RPC_METHOD_NOT_FOUND = -32601,
    KR_RPC_INVALID_PARAMS = -32602,
    KR_RPC_INTERNAL_ERROR = -32603,
    KR_RPC_SERVER_NOT_INITIALIZED = -32002,
    KR_RPC_REQUEST_FAILED = -32803,
    KR_RPC_REQUEST_CANCELLED = -32800,
};

/* ---- server state -------------------------------------------------------------- */
struct lsp_json_cache;

typedef struct lsp_doc {
    char *uri;
    char *path; /* local file of a file:// uri, or NULL */
    kr_document *doc;
    int64_t version;
    bool dirty;            /* text or configuration changed since the last lint */
    bool publish;          /* diagnostics to push at the next idle */
    bool too_large;        /* above maxFileSize: not linted */
    bool warned_large;     /* the showMessage about it was sent */
    kr_diagnostics *diags; /* the last lint (never NULL after the first lint) */
    size_t *shown;         /* indices into diags of the diagnostics reported */
    size_t n_shown;
    char *items; /* the reported diagnostics: LSP JSON text of an array */
    size_t items_len;
    struct lsp_json_cache *json_cache; /* each reported diagnostic's JSON (lsp_lint.c) */
    size_t edit_low;         /* no byte before this changed since the JSON cache was built */
    uint64_t result_id;      /* changes whenever items change (pull diagnostics) */
    double lint_ms, json_ms; /* the last lint's engine and JSON times (debugText) */
    double changed_at;       /* when the last change arrived (lsp_now_ms_precise) */
    double publish_ms;       /* from that change to its diagnostics being written */
    char **ignored;          /* words ignored in this document */
    size_t n_ignored;
} lsp_doc;

enum { LSP_PHASE_NEW, LSP_PHASE_RUNNING, LSP_PHASE_SHUTDOWN };
enum { LSP_TRACE_OFF, LSP_TRACE_MESSAGES, LSP_TRACE_VERBOSE };
enum { LSP_OUT_CONFIGURATION = 1, LSP_OUT_OTHER = 2 };

struct kr_lsp {
    kr_lsp_write_fn write;
    void *ud;
    bool write_failed;
    kr_lsp_framer framer;
    kr_arena arena; /* per-message scratch, reset after each message */

    int phase;
    int exit_status; /* -1 while running */
    int trace;
    kr_encoding enc;

    /* what the client said it supports */
    struct {
        bool pull_diagnostics, document_changes, markdown, hierarchical_symbols;
        bool configuration, watch_registration, diagnostic_refresh, apply_edit;
    } client;

    char **folders; /* canonical workspace folder paths; folders[0] is the root */
    size_t n_folders;

    json_t *settings;   /* the editor's `korrektur` settings object, or NULL */
    kr_config *config;  /* settings + .korrektur.json over the defaults */
    char *docs_url;     /* codeDescription template with {rule}, or NULL */
    char *dictionary;   /* resolved dictionary path (for writes), or NULL */
    bool dictionary_ok; /* inside the allowed folders */
    kr_lexicon *lex;
    kr_linter *linter;
    unsigned threads; /* for a first lint (kr_linter_set_threads); `lsp -j N` */

    lsp_doc **docs;
    size_t n_docs, cap_docs;

    int64_t next_out_id; /* ids of our requests to the client */
    struct {
        int64_t id;
        int kind;
    } out[16];
    size_t n_out;

    uint64_t result_seq;       /* last resultId handed out (unique across documents) */
    char *dict_loaded;         /* the dictionary file the lexicon holds, or NULL */
    long long dict_stamp;      /* its mtime and size when loaded, to notice edits */
    json_t *cancelled;         /* ids named by $/cancelRequest not yet answered */
    uint64_t first_pending_ms; /* when the oldest unpublished change came, 0 if none */
};

/* ---- messages (lsp_rpc.c) ------------------------------------------------------ */
/* Sends a JSON value (stolen). */
void lsp_send(kr_lsp *s, json_t *msg);
void lsp_respond(kr_lsp *s, json_t *id, json_t *result); /* result stolen */
void lsp_respond_error(kr_lsp *s, json_t *id, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void lsp_notify(kr_lsp *s, const char *method, json_t *params); /* params stolen */
/* Sends a request; the answer comes back to lsp_handle_response(). */
void lsp_request(kr_lsp *s, const char *method, json_t *params, int kind);
/* window/showMessage (type 1 error … 4 log) and window/logMessage. */
void lsp_show(kr_lsp *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void lsp_log(kr_lsp *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Handles one message body. */
void lsp_dispatch(kr_lsp *s, const char *body, size_t len);
/* json_loadb(body, len, flags, err) with the same result and the same errors,
 * but a big message's long strings are decoded outside jansson (~40 times
 * cheaper): the 1 MB text of a didOpen. */
json_t *lsp_json_load(const char *body, size_t len, size_t flags, struct json_error_t *err);
/* Decodes the raw bytes of a JSON string (between its quotes) into out, which
 * has room for n bytes; refuses exactly what jansson refuses in a string:
 * control characters, unescaped '"', invalid escapes, lone or reversed
 * surrogates, invalid UTF-8. Returns 0 (*out_len set; *has_nul when it decoded
 * a \u0000) or -1. */
int lsp_json_unescape(const char *str, size_t n, char *out, size_t *out_len, bool *has_nul);
/* For 8 bytes read little-endian into w: the high bit of each byte that a JSON
 * string cannot hold as it is (a control character, '"', '\\') or that is not
 * ASCII. Bits above the lowest one set may be false alarms (borrows); the
 * lowest is exact, so ctz(result) / 8 plain bytes lead. 0: all eight plain. */
static inline uint64_t lsp_json_special_bytes(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');
    uint64_t ctrl = (w - ones * 0x20) & ~w;
    uint64_t quote = (q - ones) & ~q;
    uint64_t bslash = (b - ones) & ~b;
    return (w | ctrl | quote | bslash) & highs;
}

/* A handler returns a result (new reference; json_null() for null), or NULL after
 * it answered with an error itself. Notification handlers' results are dropped. */
typedef json_t *(*lsp_handler)(kr_lsp *s, json_t *params, json_t *id);
typedef struct {
    const char *method;
    lsp_handler fn;
    bool request; /* false: notification */
} lsp_route;
/* The one routing table (lsp_server.c). */
extern const lsp_route kr_lsp_routes[];
extern const size_t kr_lsp_routes_count;

/* Parameter helpers: answer InvalidParams (when id is given) and return false. */
bool lsp_bad_params(kr_lsp *s, json_t *id, const char *what);

/* A JSON string of str[0..n), invalid UTF-8 replaced by U+FFFD (jansson refuses
 * invalid UTF-8, and engine strings may come from any bytes). */
json_t *lsp_string(const char *str, size_t n);
/* Length of the valid UTF-8 sequence at str (0 when invalid). */
size_t lsp_utf8_len(const char *str, size_t avail);

/* A monotonic clock in milliseconds (lsp_server.c). */
uint64_t lsp_now_ms(void);
double lsp_now_ms_precise(void);

/* ---- positions (lsp_docs.c) --------------------------------------------------- */
json_t *lsp_position_json(kr_lsp *s, kr_document *d, size_t offset);
json_t *lsp_range_json(kr_lsp *s, kr_document *d, size_t start, size_t end);
/* Reads {line, character}; false when malformed (negative, not integers). */
bool lsp_read_position(kr_lsp *s, kr_document *d, json_t *pos, size_t *offset);
bool lsp_read_range(kr_lsp *s, kr_document *d, json_t *range, size_t *start, size_t *end);

/* ---- documents (lsp_docs.c) --------------------------------------------------- */
lsp_doc *lsp_doc_find(kr_lsp *s, const char *uri);
/* The document named by params.textDocument.uri, or NULL after answering an error. */
lsp_doc *lsp_doc_param(kr_lsp *s, json_t *params, json_t *id);
void lsp_docs_free(kr_lsp *s);
/* Decodes a file:// URI into a path (new) or NULL. */
char *lsp_uri_to_path(const char *uri);
char *lsp_path_to_uri(const char *path);
json_t *lsp_did_open(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_did_change(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_did_close(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_did_save(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_debug_text(kr_lsp *s, json_t *params, json_t *id);

/* ---- linting and diagnostics (lsp_lint.c) -------------------------------------- */
/* Brings doc's diagnostics up to date (the one place that decides what to
 * re-lint). */
void lsp_lint(kr_lsp *s, lsp_doc *doc);
/* Accepts NULL. */
void lsp_json_cache_free(struct lsp_json_cache *c);
/* Whether a diagnostic is one the user wants (minSeverity, words ignored in the
 * document), judged by its subject so it works for any text. */
bool lsp_diag_wanted(kr_lsp *s, const lsp_doc *doc, const kr_diagnostic *d);
void lsp_mark_all_dirty(kr_lsp *s);
void lsp_publish(kr_lsp *s, lsp_doc *doc);
void lsp_publish_empty(kr_lsp *s, const char *uri);
json_t *lsp_diagnostic_json(kr_lsp *s, lsp_doc *doc, const kr_diagnostic *d);
/* Sends a message body that is already JSON text. */
void lsp_send_text(kr_lsp *s, const char *body, size_t len);
/* The same for a body in three pieces (a prefix, the diagnostics array kept
 * in the document, a suffix), written one after the other instead of copied. */
void lsp_send_text3(kr_lsp *s, const char *a, size_t na, const char *b, size_t nb, const char *c,
                    size_t nc);
json_t *lsp_text_edit_json(kr_lsp *s, kr_document *d, const kr_edit *e);
json_t *lsp_pull_diagnostics(kr_lsp *s, json_t *params, json_t *id);
/* After a change that affects every document: re-lint (push) or ask the client
 * to pull again. */
void lsp_refresh_all(kr_lsp *s);

/* ---- configuration (lsp_server.c) -------------------------------------------- */
/* Rebuilds the configuration from settings + .korrektur.json and re-lints. */
void lsp_reconfigure(kr_lsp *s);

/* ---- features (lsp_actions.c, lsp_outline.c) ------------------------------------ */
json_t *lsp_code_action(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_execute_command(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_hover(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_document_symbol(kr_lsp *s, json_t *params, json_t *id);
json_t *lsp_folding_range(kr_lsp *s, json_t *params, json_t *id);
/* Is `path` (need not exist yet) inside a workspace folder or the user's
 * korrektur config folder? */
bool lsp_path_allowed(kr_lsp *s, const char *path);
/* Reads the LSP-only keys (docsUrl) of a settings object. */
void lsp_config_read_extras(kr_lsp *s, json_t *obj);

#endif
