/* driver.c — runs a libFuzzer harness over files without fuzzing, so `make test`
 * replays every committed corpus under gcc (no clang needed in CI).
 *
 *   driver FILE_OR_DIR...
 *
 * Each input runs in a child process (after LLVMFuzzerInitialize, so the lexicon
 * loads once): a crash, an abort from a broken invariant, a sanitizer report or a
 * hang (more than KR_FUZZ_TIMEOUT seconds, default 20) fails that input alone and
 * names it. The last line is "NAME: N passed, N failed" for tests/run-stages.sh. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

typedef struct {
    char **paths;
    size_t n, cap;
} list;

static void add(list *l, const char *path)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->paths = realloc(l->paths, l->cap * sizeof *l->paths);
        if (!l->paths)
            abort();
    }
    l->paths[l->n++] = strdup(path);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds a file, or every file under a folder (sorted, so runs are repeatable). */
static void collect(list *l, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "driver: %s: %s\n", path, strerror(errno));
        add(l, path); /* counted as a failure when it cannot be read */
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        add(l, path);
        return;
    }
    DIR *d = opendir(path);
    struct dirent *e;
    list sub = {0};
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = malloc(strlen(path) + strlen(e->d_name) + 2);
        sprintf(p, "%s/%s", path, e->d_name);
        add(&sub, p);
        free(p);
    }
    if (d)
        closedir(d);
    if (sub.n)
        qsort(sub.paths, sub.n, sizeof *sub.paths, by_name);
    for (size_t i = 0; i < sub.n; i++) {
        collect(l, sub.paths[i]);
        free(sub.paths[i]);
    }
    free(sub.paths);
}

static int read_all(const char *path, uint8_t **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    /* an exact-size copy, so a harness reading one byte too far trips ASan */
    *data = malloc(n ? n : 1);
    memcpy(*data, buf, n);
    free(buf);
    *len = n;
    return 0;
}

/* Runs one input in a child. Returns 0 when it passed. */
static int run_one(const char *path, unsigned timeout)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("driver: fork");
        return -1;
    }
    if (pid == 0) {
        uint8_t *data;
        size_t len;
        if (read_all(path, &data, &len) < 0)
            _exit(3);
        alarm(timeout);
        LLVMFuzzerTestOneInput(data, len);
        free(data);
        exit(0); /* exit, not _exit: LeakSanitizer checks at exit */
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
        return 0;
    if (WIFSIGNALED(status))
        fprintf(stderr, "FAIL %s: %s\n", path,
                WTERMSIG(status) == SIGALRM ? "timed out" : strsignal(WTERMSIG(status)));
    else
        fprintf(stderr, "FAIL %s: exit status %d\n", path, WEXITSTATUS(status));
    return -1;
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *t = getenv("KR_FUZZ_TIMEOUT");
    unsigned timeout = t && atoi(t) > 0 ? (unsigned)atoi(t) : 20;
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    list l = {0};
    for (int i = 1; i < argc; i++)
        collect(&l, argv[i]);
    size_t passed = 0, failed = 0;
    for (size_t i = 0; i < l.n; i++) {
        if (run_one(l.paths[i], timeout) == 0)
            passed++;
        else
            failed++;
        free(l.paths[i]);
    }
    free(l.paths);
    if (l.n == 0)
        failed++, fprintf(stderr, "driver: no inputs\n");
    printf("%s: %zu passed, %zu failed\n", name, passed, failed);
    return failed ? 1 : 0;
}
