/* lsp_server.c — `korrektur lsp`: the routing table, the lifecycle
 * (initialize/initialized/shutdown/exit, $/setTrace, $/cancelRequest), the
 * configuration (initializationOptions, didChangeConfiguration and the
 * workspace/configuration pull, `.korrektur.json` reloaded on
 * didChangeWatchedFiles), and the stdio main loop.
 *
 * Configuration layers, later winning: defaults < editor settings <
 * the workspace's `.korrektur.json` (a project's file is more specific than a
 * user's editor settings, which editors send complete with defaults). */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "lsp.h"

#define MIB (1024u * 1024u)
#define MAX_CANCELLED 256

uint64_t lsp_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

double lsp_now_ms_precise(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- configuration ------------------------------------------------------------ */

static char *root_file(kr_lsp *s, const char *name)
{
    if (!s->n_folders)
        return NULL;
    size_t n = strlen(s->folders[0]) + strlen(name) + 2;
    char *p = kr_xmalloc(n);
    snprintf(p, n, "%s/%s", s->folders[0], name);
    return p;
}

/* The dictionary file: the config's `dictionary` (relative to the config file's
 * folder, else the workspace root), else `.korrektur-ordbog.txt` in the root,
 * else the user's own folder. New. */
static char *dictionary_path(kr_lsp *s)
{
    const char *d = kr_config_dictionary(s->config);
    if (d && d[0] == '/')
        return kr_xstrndup(d, strlen(d));
    const char *base = kr_config_base_dir(s->config);
    if (d && (base || s->n_folders)) {
        base = base ? base : s->folders[0];
        size_t n = strlen(base) + strlen(d) + 2;
        char *p = kr_xmalloc(n);
        snprintf(p, n, "%s/%s", base, d);
        return p;
    }
    if (d)
        return NULL; /* relative, and nothing to resolve it against */
    if (s->n_folders)
        return root_file(s, ".korrektur-ordbog.txt");
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char buf[4096];
    if (xdg && xdg[0] == '/')
        snprintf(buf, sizeof buf, "%s/korrektur/ordbog.txt", xdg);
    else if (home && home[0] == '/')
        snprintf(buf, sizeof buf, "%s/.config/korrektur/ordbog.txt", home);
    else
        return NULL;
    return kr_xstrndup(buf, strlen(buf));
}

static long long file_stamp(const char *path)
{
    struct stat st;
    if (!path || stat(path, &st) != 0)
        return -1;
    return (long long)st.st_mtime * 1000003LL + (long long)st.st_size;
}

/* Opens a fresh lexicon when the dictionary file is another one or was edited
 * (the lexicon cannot forget words, so a removed word needs a new one). */
static void load_lexicon(kr_lsp *s)
{
    const char *want = s->dictionary_ok ? s->dictionary : NULL;
    long long stamp = file_stamp(want);
    bool same = (want == NULL && s->dict_loaded == NULL) ||
                (want && s->dict_loaded && strcmp(want, s->dict_loaded) == 0);
    if (s->lex && same && stamp == s->dict_stamp) {
        kr_linter_set_config(s->linter, s->config);
        return;
    }
    kr_linter_free(s->linter);
    kr_lexicon_free(s->lex);
    s->lex = kr_lexicon_new();
    s->linter = kr_linter_new(s->config, s->lex);
    kr_linter_set_threads(s->linter, s->threads); /* a first lint searches while it parses */
    free(s->dict_loaded);
    s->dict_loaded = want ? kr_xstrndup(want, strlen(want)) : NULL;
    s->dict_stamp = stamp;
    char *err = NULL;
    if (want && stamp >= 0 && kr_lexicon_add_file(s->lex, want, &err) < 0) {
        lsp_show(s, 2, "korrektur: %s", err ? err : "cannot read the dictionary");
    }
    free(err);
}

static void apply_settings(kr_lsp *s, kr_config *c)
{
    if (!s->settings)
        return;
    char *js = json_dumps(s->settings, JSON_COMPACT);
    char *err = NULL;
    if (js && kr_config_load_json(c, js, strlen(js), "the editor's korrektur settings", &err) < 0)
        lsp_show(s, 1, "korrektur: %s", err);
    else
        lsp_config_read_extras(s, s->settings);
    free(err);
    free(js);
}

static void apply_root_file(kr_lsp *s, kr_config *c)
{
    char *path = root_file(s, ".korrektur.json");
    struct stat st;
    if (path && stat(path, &st) == 0) {
        char *err = NULL;
        if (kr_config_load_file(c, path, &err) < 0) {
            lsp_show(s, 1, "korrektur: %s", err);
        } else {
            json_t *j = json_load_file(path, 0, NULL);
            lsp_config_read_extras(s, j);
            json_decref(j);
        }
        free(err);
    }
    free(path);
}

void lsp_reconfigure(kr_lsp *s)
{
    kr_config *c = kr_config_new();
    free(s->docs_url);
    s->docs_url = NULL;
    apply_settings(s, c);
    apply_root_file(s, c);
    kr_config_free(s->config);
    s->config = c;

    char *dict = dictionary_path(s);
    bool changed = !dict || !s->dictionary || strcmp(dict, s->dictionary) != 0;
    free(s->dictionary);
    s->dictionary = dict;
    s->dictionary_ok = dict && lsp_path_allowed(s, dict);
    if (dict && !s->dictionary_ok && changed)
        lsp_show(s, 1,
                 "korrektur: the dictionary %.400s is outside the workspace folders and "
                 "the korrektur config folder; it is not used",
                 dict);
    load_lexicon(s);

    size_t cap = kr_config_max_file_size(s->config);
    s->framer.max_body = cap < 31 * MIB ? 64 * MIB : 2 * cap + MIB;
    lsp_refresh_all(s);
}

/* Takes a settings payload: {"korrektur": {...}} or the section itself. */
static bool take_settings(kr_lsp *s, json_t *v)
{
    json_t *inner = json_object_get(v, "korrektur");
    if (json_is_object(inner))
        v = inner;
    if (!json_is_object(v) || json_object_size(v) == 0)
        return false;
    json_decref(s->settings);
    s->settings = json_incref(v);
    return true;
}

static void pull_configuration(kr_lsp *s)
{
    json_t *items = json_pack("{s:[{s:s}]}", "items", "section", "korrektur");
    if (s->n_folders) {
        char *uri = lsp_path_to_uri(s->folders[0]);
        json_object_set_new(json_array_get(json_object_get(items, "items"), 0), "scopeUri",
                            json_string(uri));
        free(uri);
    }
    lsp_request(s, "workspace/configuration", items, LSP_OUT_CONFIGURATION);
}

/* ---- workspace folders ----------------------------------------------------------- */

static void add_folder(kr_lsp *s, const char *uri)
{
    char *path = lsp_uri_to_path(uri);
    char *real = path ? realpath(path, NULL) : NULL;
    free(path);
    if (!real)
        return;
    for (size_t i = 0; i < s->n_folders; i++) {
        if (strcmp(s->folders[i], real) == 0) {
            free(real);
            return;
        }
    }
    s->folders = kr_xrealloc(s->folders, (s->n_folders + 1) * sizeof *s->folders);
    s->folders[s->n_folders++] = real;
}

static void remove_folder(kr_lsp *s, const char *uri)
{
    char *path = lsp_uri_to_path(uri);
    char *real = path ? realpath(path, NULL) : NULL;
    for (size_t i = 0; real && i < s->n_folders; i++) {
        if (strcmp(s->folders[i], real) == 0) {
            free(s->folders[i]);
            memmove(s->folders + i, s->folders + i + 1,
                    (s->n_folders - i - 1) * sizeof *s->folders);
            s->n_folders--;
            break;
        }
    }
    free(real);
    free(path);
}

static void read_folders(kr_lsp *s, json_t *params)
{
    json_t *wf = json_object_get(params, "workspaceFolders");
    size_t i;
    json_t *f;
    json_array_foreach(wf, i, f)
    {
        const char *uri = json_string_value(json_object_get(f, "uri"));
        if (uri)
            add_folder(s, uri);
    }
    const char *root = json_string_value(json_object_get(params, "rootUri"));
    if (!s->n_folders && root)
        add_folder(s, root);
    const char *root_path = json_string_value(json_object_get(params, "rootPath"));
    if (!s->n_folders && root_path && root_path[0] == '/') {
        char *real = realpath(root_path, NULL);
        if (real) {
            s->folders = kr_xmalloc(sizeof *s->folders);
            s->folders[s->n_folders++] = real;
        }
    }
}

/* ---- lifecycle ---------------------------------------------------------------------- */

static json_t *path_get(json_t *v, const char *dotted)
{
    char key[64];
    while (v && *dotted) {
        const char *dot = strchr(dotted, '.');
        size_t n = dot ? (size_t)(dot - dotted) : strlen(dotted);
        snprintf(key, sizeof key, "%.*s", (int)n, dotted);
        v = json_object_get(v, key);
        dotted += n + (dot ? 1 : 0);
    }
    return v;
}

static bool array_has(json_t *arr, const char *s)
{
    size_t i;
    json_t *v;
    json_array_foreach(arr, i, v)
    {
        if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
            return true;
    }
    return false;
}

static void read_client_caps(kr_lsp *s, json_t *caps)
{
    s->enc = array_has(path_get(caps, "general.positionEncodings"), "utf-8") ? KR_ENC_UTF8
                                                                             : KR_ENC_UTF16;
    s->client.pull_diagnostics = json_is_object(path_get(caps, "textDocument.diagnostic"));
    s->client.document_changes =
        json_is_true(path_get(caps, "workspace.workspaceEdit.documentChanges"));
    s->client.markdown = array_has(path_get(caps, "textDocument.hover.contentFormat"), "markdown");
    s->client.hierarchical_symbols = json_is_true(
        path_get(caps, "textDocument.documentSymbol.hierarchicalDocumentSymbolSupport"));
    s->client.configuration = json_is_true(path_get(caps, "workspace.configuration"));
    s->client.watch_registration =
        json_is_true(path_get(caps, "workspace.didChangeWatchedFiles.dynamicRegistration"));
    s->client.diagnostic_refresh =
        json_is_true(path_get(caps, "workspace.diagnostics.refreshSupport"));
    s->client.apply_edit = json_is_true(path_get(caps, "workspace.applyEdit"));
}

static const char *const commands[] = {"korrektur.addWord", "korrektur.ignoreWord"};

static json_t *server_caps(kr_lsp *s)
{
    json_t *caps = json_pack(
        "{s:s, s:{s:b, s:i, s:{s:b}}, s:{s:[s, s], s:b}, s:{s:[s, s]}, s:b, s:b, s:b,"
        " s:{s:{s:b, s:b}}}",
        "positionEncoding", s->enc == KR_ENC_UTF8 ? "utf-8" : "utf-16", "textDocumentSync",
        "openClose", 1, "change", 2, "save", "includeText", 0, "codeActionProvider",
        "codeActionKinds", "quickfix", "source.fixAll.korrektur", "resolveProvider", 0,
        "executeCommandProvider", "commands", commands[0], commands[1], "hoverProvider", 1,
        "documentSymbolProvider", 1, "foldingRangeProvider", 1, "workspace", "workspaceFolders",
        "supported", 1, "changeNotifications", 1);
    if (s->client.pull_diagnostics)
        json_object_set_new(caps, "diagnosticProvider",
                            json_pack("{s:s, s:b, s:b}", "identifier", "korrektur",
                                      "interFileDependencies", 0, "workspaceDiagnostics", 0));
    return caps;
}

static json_t *on_initialize(kr_lsp *s, json_t *params, json_t *id)
{
    if (s->phase != LSP_PHASE_NEW) {
        lsp_respond_error(s, id, KR_RPC_INVALID_REQUEST, "initialize was already received");
        return NULL;
    }
    if (!json_is_object(params))
        return lsp_bad_params(s, id, "initialize needs an InitializeParams object"), NULL;
    read_client_caps(s, json_object_get(params, "capabilities"));
    read_folders(s, params);
    const char *trace = json_string_value(json_object_get(params, "trace"));
    s->trace = trace && strcmp(trace, "verbose") == 0    ? LSP_TRACE_VERBOSE
               : trace && strcmp(trace, "messages") == 0 ? LSP_TRACE_MESSAGES
                                                         : LSP_TRACE_OFF;
    take_settings(s, json_object_get(params, "initializationOptions"));
    s->phase = LSP_PHASE_RUNNING;
    lsp_reconfigure(s);
    return json_pack("{s:o, s:{s:s, s:s}}", "capabilities", server_caps(s), "serverInfo", "name",
                     "korrektur", "version", KORREKTUR_VERSION);
}

static json_t *on_initialized(kr_lsp *s, json_t *params, json_t *id)
{
    (void)params, (void)id;
    if (s->client.watch_registration) {
        lsp_request(s, "client/registerCapability",
                    json_pack("{s:[{s:s, s:s, s:{s:[{s:s}, {s:s}]}}]}", "registrations", "id",
                              "korrektur-watch", "method", "workspace/didChangeWatchedFiles",
                              "registerOptions", "watchers", "globPattern", "**/.korrektur.json",
                              "globPattern", "**/.korrektur-ordbog.txt"),
                    LSP_OUT_OTHER);
    }
    if (s->client.configuration && !s->settings)
        pull_configuration(s);
    const char *lex_err = s->lex ? kr_lexicon_error(s->lex) : NULL;
    if (lex_err)
        lsp_show(s, 2, "korrektur: %s", lex_err);
    return NULL;
}

static json_t *on_shutdown(kr_lsp *s, json_t *params, json_t *id)
{
    (void)params, (void)id;
    s->phase = LSP_PHASE_SHUTDOWN;
    return json_null();
}

static json_t *on_exit_notification(kr_lsp *s, json_t *params, json_t *id)
{
    (void)params, (void)id;
    s->exit_status = s->phase == LSP_PHASE_SHUTDOWN ? 0 : 1;
    return NULL;
}

static json_t *on_set_trace(kr_lsp *s, json_t *params, json_t *id)
{
    (void)id;
    const char *v = json_string_value(json_object_get(params, "value"));
    if (v)
        s->trace = strcmp(v, "verbose") == 0    ? LSP_TRACE_VERBOSE
                   : strcmp(v, "messages") == 0 ? LSP_TRACE_MESSAGES
                                                : LSP_TRACE_OFF;
    return NULL;
}

/* Cancellation is noted when the batch is read (see note_cancellations); a
 * cancel that arrives after its request was answered needs nothing. */
static json_t *on_cancel(kr_lsp *s, json_t *params, json_t *id)
{
    (void)s, (void)params, (void)id;
    return NULL;
}

static json_t *on_change_configuration(kr_lsp *s, json_t *params, json_t *id)
{
    (void)id;
    if (take_settings(s, json_object_get(params, "settings")))
        lsp_reconfigure(s);
    else if (s->client.configuration)
        pull_configuration(s);
    return NULL;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static json_t *on_watched_files(kr_lsp *s, json_t *params, json_t *id)
{
    (void)id;
    size_t i;
    json_t *ch;
    bool relevant = false;
    json_array_foreach(json_object_get(params, "changes"), i, ch)
    {
        char *path = lsp_uri_to_path(json_string_value(json_object_get(ch, "uri")));
        if (path && (ends_with(path, "/.korrektur.json") ||
                     (s->dictionary && strcmp(path, s->dictionary) == 0)))
            relevant = true;
        free(path);
    }
    if (relevant)
        lsp_reconfigure(s);
    return NULL;
}

static json_t *on_workspace_folders(kr_lsp *s, json_t *params, json_t *id)
{
    (void)id;
    json_t *ev = json_object_get(params, "event");
    size_t i;
    json_t *f;
    json_array_foreach(json_object_get(ev, "removed"), i, f)
        remove_folder(s, json_string_value(json_object_get(f, "uri")));
    json_array_foreach(json_object_get(ev, "added"), i, f)
    {
        const char *uri = json_string_value(json_object_get(f, "uri"));
        if (uri)
            add_folder(s, uri);
    }
    lsp_reconfigure(s);
    return NULL;
}

/* The one routing table. */
const lsp_route kr_lsp_routes[] = {
    {"initialize", on_initialize, true},
    {"initialized", on_initialized, false},
    {"shutdown", on_shutdown, true},
    {"exit", on_exit_notification, false},
    {"$/setTrace", on_set_trace, false},
    {"$/cancelRequest", on_cancel, false},
    {"textDocument/didOpen", lsp_did_open, false},
    {"textDocument/didChange", lsp_did_change, false},
    {"textDocument/didClose", lsp_did_close, false},
    {"textDocument/didSave", lsp_did_save, false},
    {"textDocument/diagnostic", lsp_pull_diagnostics, true},
    {"textDocument/codeAction", lsp_code_action, true},
    {"textDocument/hover", lsp_hover, true},
    {"textDocument/documentSymbol", lsp_document_symbol, true},
    {"textDocument/foldingRange", lsp_folding_range, true},
    {"workspace/executeCommand", lsp_execute_command, true},
    {"workspace/didChangeConfiguration", on_change_configuration, false},
    {"workspace/didChangeWatchedFiles", on_watched_files, false},
    {"workspace/didChangeWorkspaceFolders", on_workspace_folders, false},
    {"korrektur/debugText", lsp_debug_text, true},
};
const size_t kr_lsp_routes_count = sizeof kr_lsp_routes / sizeof kr_lsp_routes[0];

/* ---- the server object ---------------------------------------------------------- */

kr_lsp *kr_lsp_new(kr_lsp_write_fn write, void *ud)
{
    kr_lsp *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->write = write;
    s->ud = ud;
    s->exit_status = -1;
    s->threads = 2;
    s->enc = KR_ENC_UTF16;
    kr_lsp_framer_init(&s->framer, 64 * MIB);
    kr_arena_init(&s->arena, 64 * 1024);
    s->cancelled = json_array();
    s->config = kr_config_new();
    return s;
}

void kr_lsp_free(kr_lsp *s)
{
    if (!s)
        return;
    lsp_docs_free(s);
    kr_linter_free(s->linter);
    kr_lexicon_free(s->lex);
    kr_config_free(s->config);
    json_decref(s->settings);
    json_decref(s->cancelled);
    for (size_t i = 0; i < s->n_folders; i++)
        free(s->folders[i]);
    free(s->folders);
    free(s->docs_url);
    free(s->dictionary);
    free(s->dict_loaded);
    kr_lsp_framer_release(&s->framer);
    kr_arena_release(&s->arena);
    free(s);
}

/* Does the frame contain "$/cancelRequest"? memchr for the rare '$' is ~8 times
 * cheaper than memmem over the megabyte of a didOpen. */
static bool mentions_cancel(const char *p, size_t len)
{
    const char *end = p + len, *d;
    while ((d = memchr(p, '$', (size_t)(end - p))) != NULL) {
        if (end - d >= 15 && memcmp(d, "$/cancelRequest", 15) == 0)
            return true;
        p = d + 1;
    }
    return false;
}

/* Notes the ids a $/cancelRequest names in this frame, before the requests it
 * cancels (read in the same batch) are handled. Cheap: only frames mentioning
 * the method are parsed twice. */
static void note_cancellation(kr_lsp *s, const char *body, size_t len)
{
    if (!mentions_cancel(body, len))
        return;
    json_t *msg = lsp_json_load(body, len, 0, NULL);
    json_t *id = json_object_get(json_object_get(msg, "params"), "id");
    if ((json_is_integer(id) || json_is_string(id)) &&
        strcmp(json_string_value(json_object_get(msg, "method")) ?: "", "$/cancelRequest") == 0) {
        if (json_array_size(s->cancelled) >= MAX_CANCELLED)
            json_array_remove(s->cancelled, 0);
        json_array_append(s->cancelled, id);
    }
    json_decref(msg);
}

int kr_lsp_feed(kr_lsp *s, const char *data, size_t len)
{
    kr_lsp_framer_push(&s->framer, data, len);
    return kr_lsp_feed_framed(s);
}

int kr_lsp_feed_framed(kr_lsp *s)
{
    /* first pass: cancellations among the complete frames already here */
    size_t save = s->framer.pos, save_skip = s->framer.skip;
    const char *body, *err;
    size_t blen;
    kr_frame_result r;
    while ((r = kr_lsp_framer_next(&s->framer, &body, &blen, &err)) != KR_FRAME_NONE)
        if (r == KR_FRAME_MESSAGE)
            note_cancellation(s, body, blen);
    s->framer.pos = save;
    s->framer.skip = save_skip;
    /* second pass: handle them in order */
    while (s->exit_status < 0 &&
           (r = kr_lsp_framer_next(&s->framer, &body, &blen, &err)) != KR_FRAME_NONE) {
        if (r == KR_FRAME_ERROR)
            lsp_respond_error(s, NULL, KR_RPC_PARSE_ERROR, "%s", err);
        else
            lsp_dispatch(s, body, blen);
        kr_arena_reset(&s->arena);
        if (s->write_failed)
            return 1;
    }
    kr_lsp_framer_trim(&s->framer);
    return s->exit_status;
}

int kr_lsp_eof(kr_lsp *s)
{
    return s->phase == LSP_PHASE_SHUTDOWN ? 0 : 1;
}

/* ---- stdio ------------------------------------------------------------------------------ */

static int write_fd(void *ud, const char *data, size_t len)
{
    int fd = *(int *)ud;
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Waits for input; with work pending, only briefly, so a burst of changes is
 * applied first and linted once, yet diagnostics follow within ~100 ms. */
static int wait_input(kr_lsp *s)
{
    int timeout = -1;
    if (kr_lsp_has_pending(s)) {
        if (lsp_now_ms() - s->first_pending_ms >= 100)
            return 0; /* input keeps coming: publish anyway */
        timeout = 0;
    }
    struct pollfd p = {.fd = 0, .events = POLLIN};
    int n = poll(&p, 1, timeout);
    return n > 0 ? 1 : n < 0 && errno != EINTR ? -1 : 0;
}

/* One read of stdin: into the framer's buffer, which has room for the rest of a
 * big message, else (an oversized body being skipped) through buf. -1 to go on,
 * else the exit status. */
static int read_input(kr_lsp *s, char *buf, size_t chunk)
{
    size_t room;
    char *space = kr_lsp_framer_space(&s->framer, chunk, &room);
    ssize_t n = read(0, space ? space : buf, space ? room : chunk);
    if (n < 0 && errno == EINTR)
        return -1;
    if (n <= 0)
        return kr_lsp_eof(s);
    if (!space)
        return kr_lsp_feed(s, buf, (size_t)n);
    kr_lsp_framer_commit(&s->framer, (size_t)n);
    return kr_lsp_feed_framed(s);
}

/* `-j N`: threads a first lint may use (1: one, as `check -j 1`; the benchmark's
 * instruction counts need that, a second thread's work depends on the load). */
static int parse_threads(const char *arg, unsigned *out)
{
    char *end;
    long n = arg ? strtol(arg, &end, 10) : 0;
    if (!arg || *end || n < 1 || n > 64) {
        fprintf(stderr, "korrektur lsp: -j needs a number of threads from 1 to 64\n");
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

int kr_lsp_main(int argc, char **argv)
{
    unsigned threads = 2;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-j") == 0 || strcmp(argv[i], "--jobs") == 0) {
            if (parse_threads(i + 1 < argc ? argv[++i] : NULL, &threads) < 0)
                return 2;
        } else if (strcmp(argv[i], "--stdio") != 0) {
            fprintf(stderr, "korrektur lsp: unknown option '%s' (--stdio, -j N)\n", argv[i]);
            return 2;
        }
    }
    signal(SIGPIPE, SIG_IGN); /* a vanished client shows as a write error */
    int out = 1;
    /* A 1 MB document's diagnostics are ~0.4 MB of JSON: in a pipe of the
     * default 64 kB they cross in seven turns of writer and reader (each a
     * context switch, slow on a busy machine); a 1 MB pipe takes them at once.
     * Not a pipe, or above the system's limit: the size stays as it is. */
    (void)fcntl(out, F_SETPIPE_SZ, 1 << 20);
    /* the same for what the client sends: a 1 MB didOpen in one write */
    (void)fcntl(0, F_SETPIPE_SZ, 1 << 20);
    kr_lsp *s = kr_lsp_new(write_fd, &out);
    if (!s)
        return 1;
    s->threads = threads;
    enum { CHUNK = 1 << 16 };
    char *buf = kr_xmalloc(CHUNK);
    int status = -1;
    while (status < 0) {
        int ready = wait_input(s);
        if (ready < 0) {
            status = kr_lsp_eof(s);
        } else if (ready == 0) {
            kr_lsp_idle(s);
            if (s->write_failed)
                status = 1;
        } else {
            status = read_input(s, buf, CHUNK);
        }
    }
    free(buf);
    kr_lsp_free(s);
    return status;
}
