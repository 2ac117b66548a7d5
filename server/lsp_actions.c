/* lsp_actions.c — what the user can do about a diagnostic: quick fixes (one per
 * engine fix, isPreferred from the engine), `source.fixAll.korrektur` (every
 * preferred fix in one edit, for fix-on-save), and the commands
 * korrektur.addWord (appends to the workspace dictionary file) and
 * korrektur.ignoreWord (this document only). Writes are confined: the
 * dictionary must resolve, symlinks followed, inside a workspace folder or the
 * user's own $XDG_CONFIG_HOME/korrektur. */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lsp.h"

/* The engine's incremental lint keeps block results that depend on the lexicon;
 * weak so this layer builds against an engine without the cache too. */
void kr_linter_invalidate(kr_linter *self) __attribute__((weak));

/* ---- confinement -------------------------------------------------------------- */

/* $XDG_CONFIG_HOME/korrektur (or ~/.config/korrektur), not necessarily existing. */
static char *user_dir(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char buf[4096];
    if (xdg && xdg[0] == '/')
        snprintf(buf, sizeof buf, "%s/korrektur", xdg);
    else if (home && home[0] == '/')
        snprintf(buf, sizeof buf, "%s/.config/korrektur", home);
    else
        return NULL;
    return kr_xstrndup(buf, strlen(buf));
}

/* The canonical form of a path whose file, or even whose folder, may not exist
 * yet: symlinks resolved as far as anything exists. New, or NULL. */
static char *canonical(const char *path, int depth)
{
    char *real = realpath(path, NULL);
    if (real || depth > 2)
        return real;
    char *a = kr_xstrndup(path, strlen(path)), *b = kr_xstrndup(path, strlen(path));
    const char *base = basename(b);
    char *dir = canonical(dirname(a), depth + 1);
    char *out = NULL;
    if (dir && strcmp(base, ".") != 0 && strcmp(base, "..") != 0 && base[0] != '/') {
        out = kr_xmalloc(strlen(dir) + strlen(base) + 2);
        sprintf(out, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, base);
    }
    free(dir);
    free(a);
    free(b);
    return out;
}

static bool inside(const char *path, const char *root)
{
    size_t n = strlen(root);
    return n > 1 && strncmp(path, root, n) == 0 && path[n] == '/';
}

bool lsp_path_allowed(kr_lsp *s, const char *path)
{
    if (!path || path[0] != '/')
        return false;
    char *canon = canonical(path, 0);
    if (!canon)
        return false;
    bool ok = false;
    for (size_t i = 0; !ok && i < s->n_folders; i++)
        ok = inside(canon, s->folders[i]);
    char *u = user_dir();
    char *cu = u ? canonical(u, 0) : NULL;
    if (!ok && cu)
        ok = inside(canon, cu);
    free(u);
    free(cu);
    free(canon);
    return ok;
}

/* ---- workspace edits --------------------------------------------------------------- */

static json_t *workspace_edit(kr_lsp *s, lsp_doc *doc, json_t *edits)
{
    if (s->client.document_changes)
        return json_pack("{s:[{s:{s:s, s:I}, s:o}]}", "documentChanges", "textDocument", "uri",
                         doc->uri, "version", (json_int_t)doc->version, "edits", edits);
    return json_pack("{s:{s:o}}", "changes", doc->uri, edits);
}

/* Does a client's `only` list ask for actions of `kind`? (LSP kinds are
 * hierarchical: "source.fixAll" covers "source.fixAll.korrektur".) */
static bool kind_wanted(json_t *only, const char *kind)
{
    if (!json_is_array(only))
        return true;
    size_t i;
    json_t *k;
    json_array_foreach(only, i, k)
    {
        const char *w = json_string_value(k);
        size_t n = w ? strlen(w) : 0;
        if (w && strncmp(kind, w, n) == 0 && (kind[n] == '\0' || kind[n] == '.'))
            return true;
    }
    return false;
}

/* A word a user could add to a dictionary: one token, letters in it, short. */
static bool word_like(const char *w)
{
    size_t n = w ? strlen(w) : 0;
    if (n == 0 || n > 64)
        return false;
    bool letter = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c <= ' ' || c == 0x7f)
            return false;
        if (c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z'))
            letter = true;
    }
    return letter;
}

static json_t *command_action(const char *title, const char *command, const char *uri,
                              const char *word, json_t *diag)
{
    return json_pack("{s:s, s:s, s:[O], s:{s:s, s:s, s:[{s:s, s:s}]}}", "title", title, "kind",
                     "quickfix", "diagnostics", diag, "command", "title", title, "command", command,
                     "arguments", "uri", uri, "word", word);
}

static void word_actions(kr_lsp *s, lsp_doc *doc, const kr_diagnostic *d, json_t *dj, json_t *out)
{
    /* the flagged text itself: a rule's subject may carry punctuation */
    size_t len;
    const char *text = kr_document_text(doc->doc, &len);
    size_t a = kr_diagnostic_start(d), e = kr_diagnostic_end(d);
    const char *w = e <= len && a < e ? kr_arena_strndup(&s->arena, text + a, e - a) : NULL;
    if (strcmp(kr_diagnostic_rule(d), "encoding") == 0 || !word_like(w) || strlen(w) != e - a)
        return;
    /* one pair per word even when it is flagged several times in the range */
    size_t i;
    json_t *act;
    json_array_foreach(out, i, act)
    {
        json_t *cmd = json_object_get(act, "command");
        json_t *arg = json_array_get(json_object_get(cmd, "arguments"), 0);
        if (arg && strcmp(json_string_value(json_object_get(arg, "word")) ?: "", w) == 0)
            return;
    }
    char *t1 = kr_arena_printf(&s->arena, "Tilføj »%s« til ordbogen", w);
    char *t2 = kr_arena_printf(&s->arena, "Ignorér »%s« i dette dokument", w);
    json_array_append_new(out, command_action(t1, "korrektur.addWord", doc->uri, w, dj));
    json_array_append_new(out, command_action(t2, "korrektur.ignoreWord", doc->uri, w, dj));
}

static void quick_fixes(kr_lsp *s, lsp_doc *doc, size_t start, size_t end, json_t *out)
{
    for (size_t k = 0; k < doc->n_shown; k++) {
        const kr_diagnostic *d = kr_diagnostics_get(doc->diags, doc->shown[k]);
        if (kr_diagnostic_start(d) > end || kr_diagnostic_end(d) < start)
            continue;
        json_t *dj = lsp_diagnostic_json(s, doc, d);
        json_t *fixes = json_object_get(json_object_get(dj, "data"), "fixes");
        size_t i;
        json_t *f;
        json_array_foreach(fixes, i, f)
        {
            json_t *edits = json_deep_copy(json_object_get(f, "edits"));
            json_array_append_new(out, json_pack("{s:O, s:s, s:[O], s:O, s:o}", "title",
                                                 json_object_get(f, "title"), "kind", "quickfix",
                                                 "diagnostics", dj, "isPreferred",
                                                 json_object_get(f, "isPreferred"), "edit",
                                                 workspace_edit(s, doc, edits)));
        }
        word_actions(s, doc, d, dj, out);
        json_decref(dj);
    }
}

typedef struct {
    kr_lsp *s;
    lsp_doc *doc;
} wanted_ctx;

static bool wanted(const kr_diagnostic *d, void *ud)
{
    wanted_ctx *w = ud;
    return lsp_diag_wanted(w->s, w->doc, d);
}

/* Exactly what `korrektur fix` does (kr_linter_fix: preferred fixes applied until
 * nothing changes), restricted to the diagnostics the user wants to see. */
static json_t *fix_all_edits(kr_lsp *s, lsp_doc *doc)
{
    wanted_ctx w = {s, doc};
    size_t n;
    kr_edit *edits = kr_linter_fix(s->linter, doc->doc, wanted, &w, &n);
    json_t *out = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(out, lsp_text_edit_json(s, doc->doc, &edits[i]));
    kr_edits_free(edits, n);
    return out;
}

json_t *lsp_code_action(kr_lsp *s, json_t *params, json_t *id)
{
    lsp_doc *doc = lsp_doc_param(s, params, id);
    if (!doc)
        return NULL;
    size_t start, end;
    if (!lsp_read_range(s, doc->doc, json_object_get(params, "range"), &start, &end))
        return lsp_bad_params(s, id, "range must be a valid Range"), NULL;
    json_t *only = json_object_get(json_object_get(params, "context"), "only");
    lsp_lint(s, doc);
    json_t *out = json_array();
    if (kind_wanted(only, "quickfix"))
        quick_fixes(s, doc, start, end, out);
    if (kind_wanted(only, "source.fixAll.korrektur")) {
        json_t *edits = fix_all_edits(s, doc);
        if (json_array_size(edits) > 0)
            json_array_append_new(out, json_pack("{s:s, s:s, s:o}", "title", "Ret alle (korrektur)",
                                                 "kind", "source.fixAll.korrektur", "edit",
                                                 workspace_edit(s, doc, edits)));
        else
            json_decref(edits);
    }
    return out;
}

/* ---- commands --------------------------------------------------------------------- */

/* Appends word + "\n" to the dictionary, starting a new line if the file lacks
 * a final one. O_NOFOLLOW: a symlink swapped in after the check is not
 * followed. */
static int append_word(const char *path, const char *word, const char **why)
{
    char *a = kr_xstrndup(path, strlen(path));
    mkdir(dirname(a), 0700); /* the user's config folder may not exist yet */
    free(a);
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        *why = strerror(errno);
        return -1;
    }
    struct stat st;
    char last = '\n';
    if (fstat(fd, &st) == 0 && st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
        last = '\n';
    int rc = 0;
    size_t n = strlen(word);
    char *line = kr_xmalloc(n + 3);
    int k = sprintf(line, "%s%s\n", last == '\n' ? "" : "\n", word);
    if (write(fd, line, (size_t)k) != k)
        rc = -1, *why = strerror(errno);
    free(line);
    if (close(fd) != 0 && rc == 0)
        rc = -1, *why = strerror(errno);
    return rc;
}

static json_t *add_word(kr_lsp *s, const char *word, json_t *id)
{
    if (!s->dictionary || !s->dictionary_ok) {
        lsp_show(s, 1, "korrektur: no dictionary file inside the workspace to add »%s« to", word);
        lsp_respond_error(s, id, KR_RPC_REQUEST_FAILED,
                          "the dictionary path is missing or outside the workspace");
        return NULL;
    }
    if (!(kr_lexicon_lookup(s->lex, word, strlen(word)) & KR_LEX_USER)) {
        const char *why = NULL;
        if (append_word(s->dictionary, word, &why) < 0) {
            lsp_show(s, 1, "korrektur: cannot write %s: %s", s->dictionary, why);
            lsp_respond_error(s, id, KR_RPC_REQUEST_FAILED, "cannot write the dictionary: %s", why);
            return NULL;
        }
        kr_lexicon_add_word(s->lex, word, strlen(word));
        if (kr_linter_invalidate) /* cached block results knew the old lexicon */
            kr_linter_invalidate(s->linter);
        /* our own write is not an outside edit: no lexicon reload for it */
        struct stat st;
        if (stat(s->dictionary, &st) == 0)
            s->dict_stamp = (long long)st.st_mtime * 1000003LL + (long long)st.st_size;
        free(s->dict_loaded);
        s->dict_loaded = kr_xstrndup(s->dictionary, strlen(s->dictionary));
    }
    lsp_refresh_all(s);
    return json_null();
}

static json_t *ignore_word(kr_lsp *s, const char *uri, const char *word, json_t *id)
{
    lsp_doc *doc = lsp_doc_find(s, uri);
    if (!doc) {
        lsp_respond_error(s, id, KR_RPC_INVALID_PARAMS, "the document is not open");
        return NULL;
    }
    doc->ignored = kr_xrealloc(doc->ignored, (doc->n_ignored + 1) * sizeof *doc->ignored);
    doc->ignored[doc->n_ignored++] = kr_xstrndup(word, strlen(word));
    doc->dirty = true;
    if (s->client.pull_diagnostics && s->client.diagnostic_refresh)
        lsp_request(s, "workspace/diagnostic/refresh", NULL, LSP_OUT_OTHER);
    else if (!s->first_pending_ms)
        s->first_pending_ms = lsp_now_ms();
    return json_null();
}

json_t *lsp_execute_command(kr_lsp *s, json_t *params, json_t *id)
{
    const char *cmd = json_string_value(json_object_get(params, "command"));
    json_t *arg = json_array_get(json_object_get(params, "arguments"), 0);
    const char *uri = json_string_value(json_object_get(arg, "uri"));
    const char *word = json_string_value(json_object_get(arg, "word"));
    if (!cmd)
        return lsp_bad_params(s, id, "command is missing"), NULL;
    bool add = strcmp(cmd, "korrektur.addWord") == 0;
    if (!add && strcmp(cmd, "korrektur.ignoreWord") != 0)
        return lsp_bad_params(s, id, "unknown command"), NULL;
    if (!uri || !word || strlen(word) != json_string_length(json_object_get(arg, "word")) ||
        !word_like(word))
        return lsp_bad_params(s, id, "arguments must be [{\"uri\": …, \"word\": …}] with one word"),
               NULL;
    return add ? add_word(s, word, id) : ignore_word(s, uri, word, id);
}
