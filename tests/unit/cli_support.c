/* cli_support.c — running build/korrektur from the tests (fork/exec, stdin from a
 * file, stdout/stderr captured through files so large outputs cannot deadlock),
 * and per-test scratch folders under /tmp. */
#include "cli_support.h"

#include <criterion/criterion.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *kr_test_bin(void)
{
    static char bin[PATH_MAX];
    if (bin[0])
        return bin;
    const char *env = getenv("KORREKTUR_BIN");
    if (env && *env) {
        snprintf(bin, sizeof bin, "%s", env);
        return bin;
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    cr_assert_gt(n, 0, "cannot find the test binary's path");
    self[n] = '\0';
    char *tests_dir = dirname(self);      /* $(BUILD)/tests */
    char *build_dir = dirname(tests_dir); /* $(BUILD) */
    snprintf(bin, sizeof bin, "%s/korrektur", build_dir);
    cr_assert(access(bin, X_OK) == 0, "%s is not built (make all)", bin);
    return bin;
}

size_t kr_test_len(const char *s)
{
    return s ? strlen(s) : 0;
}

static char scratch[64];

const char *kr_test_mkdir(void)
{
    strcpy(scratch, "/tmp/kr-cli-XXXXXX");
    cr_assert_not_null(mkdtemp(scratch));
    return scratch;
}

void kr_test_rmdir(void)
{
    if (!scratch[0])
        return;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s 2>/dev/null; rm -rf %s", scratch, scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", scratch);
    scratch[0] = '\0';
}

const char *kr_test_path(const char *name)
{
    static char bufs[8][PATH_MAX];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, PATH_MAX, "%s/%s", scratch, name);
    return b;
}

const char *kr_test_write(const char *name, const char *bytes, size_t len)
{
    const char *p = kr_test_path(name);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f, "cannot write %s", p);
    cr_assert_eq(fwrite(bytes, 1, len, f), len);
    fclose(f);
    return p;
}

char *kr_test_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static int temp_fd(char *name)
{
    strcpy(name, "/tmp/kr-run-XXXXXX");
    int fd = mkstemp(name);
    cr_assert_geq(fd, 0);
    unlink(name); /* the descriptors keep it alive */
    return fd;
}

static char *slurp_fd(int fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    lseek(fd, 0, SEEK_SET);
    ssize_t got;
    while ((got = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)got;
        if (cap - n < 2)
            buf = realloc(buf, cap *= 2);
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

kr_run kr_test_run(const char *in, size_t in_len, const char *const *args)
{
    const char *bin = kr_test_bin();
    size_t argc = 0;
    while (args[argc])
        argc++;
    char **argv = calloc(argc + 2, sizeof *argv);
    argv[0] = (char *)bin;
    for (size_t i = 0; i < argc; i++)
        argv[i + 1] = (char *)args[i];
    char n1[32], n2[32], n3[32];
    int fin = temp_fd(n1), fout = temp_fd(n2), ferr = temp_fd(n3);
    if (in_len)
        cr_assert_eq(write(fin, in, in_len), (ssize_t)in_len);
    lseek(fin, 0, SEEK_SET);
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_geq(pid, 0);
    if (pid == 0) {
        dup2(fin, 0);
        dup2(fout, 1);
        dup2(ferr, 2);
        execv(bin, argv);
        _exit(127);
    }
    int st;
    cr_assert_eq(waitpid(pid, &st, 0), pid);
    kr_run r = {0};
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    r.out = slurp_fd(fout, &r.out_len);
    r.err = slurp_fd(ferr, NULL);
    close(fin);
    close(fout);
    close(ferr);
    free(argv);
    return r;
}

void kr_run_free(kr_run *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}
