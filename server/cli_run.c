/* cli_run.c — runs `check`/`fix` over many files: a pool of worker threads (one
 * linter each, one shared lexicon) lints files in any order, and results are
 * handed to the printer strictly in input order as soon as each is ready. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "engine.h"

#if !defined(__SANITIZE_ADDRESS__) && defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

typedef struct {
    const kr_cli_opts *opts;
    bool fixing;
    kr_lexicon *lex;
    kr_cli_result *results;
    bool *done;
    size_t next; /* next file to take */
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

int kr_cli_read_file(const char *path, char **text, size_t *len, char **err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        if (err && asprintf(err, "cannot read %s: %s", path, strerror(errno)) < 0)
            *err = NULL;
        return -1;
    }
    /* sized from fstat when it can be, so a file is read in one go into one
     * buffer (no doubling and copying; stdin and special files still grow) */
    struct stat st;
    size_t cap = 1 << 16, n = 0;
    if (!is_stdin && fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
        cap = (size_t)st.st_size + 2;
    char *buf = malloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0)
            break;
    }
    bool bad = ferror(f);
    int why = errno; /* fread sets it: EISDIR for a folder, EIO, ... */
    if (!is_stdin)
        fclose(f);
    if (bad) {
        free(buf);
        if (err && asprintf(err, "cannot read %s: %s", path,
                            why == EISDIR ? "it is a folder, not a file" : strerror(why)) < 0)
            *err = NULL;
        return -1;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* Latin-1 bytes to UTF-8 (each byte >= 0x80 becomes two bytes). New. */
static char *latin1_to_utf8(const char *s, size_t n, size_t *out_len)
{
    char *o = malloc(2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            o[k++] = (char)c;
        } else {
            o[k++] = (char)(0xC0 | (c >> 6));
            o[k++] = (char)(0x80 | (c & 0x3F));
        }
    }
    o[k] = '\0';
    *out_len = k;
    return o;
}

static kr_config *load_config(const kr_cli_opts *o, const char *path, char **err)
{
    kr_config *cfg = kr_config_new();
    char *found = NULL;
    const char *cpath = o->config_path;
    if (!cpath && strcmp(path, "-") != 0)
        cpath = found = kr_config_find(path);
    if (cpath && kr_config_load_file(cfg, cpath, err) < 0) {
        kr_config_free(cfg);
        cfg = NULL;
    }
    free(found);
    return cfg;
}

static void filter(kr_cli_result *r, kr_severity min)
{
    kr_diagnostics *all = r->diags;
    size_t n = kr_diagnostics_count(all), kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kr_diagnostic_severity(kr_diagnostics_get(all, i)) <= min)
            kept++;
    r->min_severity = min;
    r->status = kept ? 1 : 0;
}

static void lint_one(pool *p, kr_cli_result *r)
{
    const kr_cli_opts *o = p->opts;
    char *err = NULL;
    kr_config *cfg = load_config(o, r->path, &err);
    if (!cfg) {
        r->error = err;
        r->status = 2;
        return;
    }
    struct stat st;
    r->mtime_ns = r->size = -1;
    if (strcmp(r->path, "-") != 0 && stat(r->path, &st) == 0) {
        r->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
        r->size = (long long)st.st_size;
    }
    if (kr_cli_read_file(r->path, &r->text, &r->len, &r->error) < 0) {
        r->status = 2;
        kr_config_free(cfg);
        return;
    }
    if (r->len > kr_config_max_file_size(cfg)) {
        if (asprintf(&r->error,
                     "%s is %zu bytes, more than maxFileSize (%zu); raise it in "
                     ".korrektur.json to lint it",
                     r->path, r->len, kr_config_max_file_size(cfg)) < 0)
            r->error = NULL;
        r->status = 2;
        kr_config_free(cfg);
        return;
    }
    if (o->encoding) {
        size_t n;
        char *u = latin1_to_utf8(r->text, r->len, &n);
        free(r->text);
        r->text = u;
        r->len = n;
    }
    if (o->min_severity_set)
        kr_config_set_min_severity(cfg, o->min_severity);
    const char *dict = kr_config_dictionary(cfg);
    if (dict) {
        char *path = NULL, *derr = NULL;
        const char *base = kr_config_base_dir(cfg);
        if (dict[0] != '/' && base && asprintf(&path, "%s/%s", base, dict) < 0)
            path = NULL;
        if (kr_lexicon_add_file(p->lex, path ? path : dict, &derr) < 0) {
            r->error = derr;
            r->status = 2;
            free(path);
            kr_config_free(cfg);
            return;
        }
        free(path);
    }
    kr_linter *l = kr_linter_new(cfg, p->lex);
    r->doc = kr_document_new(r->text, r->len);
    /* one lint of a file that will not change: nothing to keep for a next one
     * (kr_linter_fix lints again, and reuses the per-block results) */
    r->diags = p->fixing ? kr_linter_run(l, r->doc) : kr_linter_run_full(l, r->doc);
    if (p->fixing)
        r->fix_edits = kr_linter_fix(l, r->doc, NULL, NULL, &r->n_fix_edits);
    kr_linter_free(l);
    filter(r, kr_config_min_severity(cfg));
    kr_config_free(cfg);
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->opts->n_files)
            return NULL;
        lint_one(p, &p->results[i]);
        pthread_mutex_lock(&p->mu);
        p->done[i] = true;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* Whether the memory of the last file is freed before exit: only where a
 * leak checker watches (a sanitizer build, a run under valgrind), so that a real
 * leak still shows there. */
static bool free_at_exit(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    return true;
#elif defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
    return RUNNING_ON_VALGRIND;
#else
    return false;
#endif
#else
    return false;
#endif
}

/* The last file's document, tree and diagnostics, left to the operating system:
 * it takes a process's memory back at once, where freeing them block by block
 * (tree-sitter frees its tree node by node) took 4 % of a 10 MB file's check.
 * They stay reachable from here, so leak checkers count no leak; a process that
 * runs kr_cli_run again (the tests) frees the one kept before. */
static kr_cli_result left_at_exit;

static void release(kr_cli_result *r)
{
    kr_diagnostics_free(r->diags);
    kr_edits_free(r->fix_edits, r->n_fix_edits);
    kr_document_free(r->doc);
    free(r->text);
    free(r->error);
    memset(r, 0, sizeof *r);
}

/* Prints one file's result (emit) and releases it, or keeps the last file's for
 * the operating system to take back (left_at_exit); its exit status. */
static int hand_over(const kr_cli_opts *opts, kr_cli_result *r, bool last,
                     int (*emit)(const kr_cli_opts *opts, kr_cli_result *r, void *ud), void *ud)
{
    if (r->error)
        fprintf(stderr, "korrektur: %s\n", r->error);
    int rc = emit(opts, r, ud);
    int status = rc > r->status ? rc : r->status;
    if (last && !free_at_exit()) {
        release(&left_at_exit); /* an earlier run's, in a process that runs more */
        left_at_exit = *r;
        memset(r, 0, sizeof *r);
    } else
        release(r);
    return status;
}

int kr_cli_run(const kr_cli_opts *opts, bool fixing,
               int (*emit)(const kr_cli_opts *opts, kr_cli_result *r, void *ud), void *ud)
{
    pool p = {.opts = opts, .fixing = fixing};
    p.lex = kr_lexicon_new();
    if (!p.lex || kr_lexicon_error(p.lex)) {
        fprintf(stderr, "korrektur: %s\n",
                p.lex ? kr_lexicon_error(p.lex) : "out of memory loading the dictionary");
        kr_lexicon_free(p.lex);
        return 2;
    }
    if (opts->dict_path) {
        char *err = NULL;
        if (kr_lexicon_add_file(p.lex, opts->dict_path, &err) < 0) {
            fprintf(stderr, "korrektur: %s\n", err ? err : opts->dict_path);
            free(err);
            kr_lexicon_free(p.lex);
            return 2;
        }
    }
    size_t n = opts->n_files;
    p.results = calloc(n, sizeof *p.results);
    p.done = calloc(n, sizeof *p.done);
    for (size_t i = 0; i < n; i++)
        p.results[i].path = opts->files[i];
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.cv, NULL);
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t jobs = opts->jobs > 0 ? (size_t)opts->jobs : (size_t)(cores > 0 ? cores : 1);
    if (jobs > n)
        jobs = n;
    /* one job runs here, in the main thread, each file printed as it is done:
     * its memory then comes from the main heap, which grows without the
     * mprotect calls of a thread's heap (3 % of a 10 MB check) */
    bool here = jobs == 1;
    pthread_t *tids = calloc(jobs, sizeof *tids);
    for (size_t t = 0; t < jobs && !here; t++)
        pthread_create(&tids[t], NULL, worker, &p);
    int status = 0;
    for (size_t i = 0; i < n; i++) {
        if (here) {
            lint_one(&p, &p.results[i]);
        } else {
            pthread_mutex_lock(&p.mu);
            while (!p.done[i])
                pthread_cond_wait(&p.cv, &p.mu);
            pthread_mutex_unlock(&p.mu);
        }
        int rc = hand_over(opts, &p.results[i], i + 1 == n, emit, ud);
        if (rc > status)
            status = rc;
    }
    for (size_t t = 0; t < jobs && !here; t++)
        pthread_join(tids[t], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    free(tids);
    free(p.results);
    free(p.done);
    kr_lexicon_free(p.lex);
    return status;
}
