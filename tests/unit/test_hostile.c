/* test_hostile.c — input meant to break korrektur, or just unlucky input: invalid
 * UTF-8, NUL bytes, a Latin-1/Windows-1252 file, a 50 MB file, a 1 MB line,
 * configuration files of the wrong shape, a directory named as a file, and a disk
 * that fills up while `fix -i` writes. Each gets a clear answer (an exit status
 * and one message naming the problem), never a crash, and the user's text is
 * never damaged. Most tests drive the built binary (cli_support.h); the full-disk
 * test mounts a tiny tmpfs in a private mount namespace when it may, and uses the
 * KORREKTUR_TEST_FAIL_WRITE hook of cli_fix.c when it may not. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../fuzz/invariants.h"
#include "cli_support.h"
#include "korrektur/korrektur.h"

TestSuite(hostile, .init = (void (*)(void))kr_test_mkdir, .fini = kr_test_rmdir, .timeout = 600);

static bool under_valgrind(void)
{
    const char *p = getenv("LD_PRELOAD");
    return p && strstr(p, "vgpreload");
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* ---- bytes that are not UTF-8 text ------------------------------------------------- */

Test(hostile, invalid_utf8_is_reported_and_the_text_left_alone)
{
    /* Latin-1 words, a truncated sequence, an overlong slash, a lone continuation */
    static const char text[] = "Titel\n\nSvar:\n\nDe sm\xe5 b\xf8rn og \xe6ldre; en \xe2\x82 "
                               "rest, \xc0\xaf og \x80.\n";
    const char *p = kr_test_write("bad.txt", text, sizeof text - 1);
    kr_run r = KR_RUN(NULL, "check", "--format", "jsonl", p);
    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert_geq(count(r.out, "\"encoding\""), 5, "%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "fix", p);
    cr_assert_eq(r.out_len, sizeof text - 1, "fix changed the length:\n%s", r.out);
    cr_assert(memcmp(r.out, text, sizeof text - 1) == 0, "fix changed the text:\n%s", r.out);
    kr_run_free(&r);
}

Test(hostile, words_around_invalid_bytes_get_no_fixes)
{
    /* the OCR damage here would be repaired in a UTF-8 text; beside bad bytes the
     * text is the encoding rule's and stays as it is */
    static const char text[] = "Titel\n\nSvar:\n\nDe sma bgrns\xff\xfe vej og 0og\x80igen.\n";
    kr_lexicon *lex = kr_lexicon_new();
    kr_linter *l = kr_linter_new(NULL, lex);
    kr_document *doc = kr_document_new(text, sizeof text - 1);
    kr_diagnostics *ds = kr_linter_run(l, doc);
    cr_assert_null(kr_inv_diagnostics(ds, text, sizeof text - 1), "%s",
                   kr_inv_diagnostics(ds, text, sizeof text - 1));
    kr_edit *ed;
    size_t n = kr_diagnostics_preferred_edits(ds, &ed);
    for (size_t i = 0; i < n; i++)
        cr_assert(kr_inv_valid_utf8(text + ed[i].start, ed[i].end - ed[i].start),
                  "an edit [%zu, %zu) touches invalid bytes", ed[i].start, ed[i].end);
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const char *m = kr_diagnostic_message(kr_diagnostics_get(ds, i));
        cr_assert(kr_inv_valid_utf8(m, strlen(m)), "a message is not UTF-8: %s", m);
    }
    free(ed);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(l);
    kr_lexicon_free(lex);
}

Test(hostile, nul_bytes_are_reported_and_kept)
{
    static const char text[] = "Titel\n\nSvar:\n\nEt\0ord og\0\0\0flere.\n\0";
    const char *p = kr_test_write("nul.txt", text, sizeof text - 1);
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert_geq(count(r.out, "NUL"), 3, "%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "fix", p);
    cr_assert_eq(r.status <= 1, true, "exit %d: %s", r.status, r.err);
    cr_assert_eq(r.out_len, sizeof text - 1);
    cr_assert(memcmp(r.out, text, sizeof text - 1) == 0, "fix lost or changed NUL bytes");
    kr_run_free(&r);
}

/* A Windows-1252 letter: æøå as single bytes, its curly quotes in 0x93/0x94. */
static const char cp1252[] =
    "Cykelstier\n\nSvar:\n\nDe sm\xe5 bgrns vej til skole er \x93sikker\x94 "
    "nu, og for\xe6ldrene er glade.\n";

Test(hostile, latin1_file_is_detected_with_the_advice_to_convert)
{
    const char *p = kr_test_write("brev.txt", cp1252, sizeof cp1252 - 1);
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 1);
    cr_assert(strstr(r.out, "Latin-1"), "%s", r.out);
    cr_assert(strstr(r.out, "--encoding latin1"), "no advice to convert:\n%s", r.out);
    kr_run_free(&r);

    /* a long Latin-1 file: the report stays readable, not one line per letter */
    size_t n = 0, cap = 2 << 20;
    char *big = malloc(cap);
    while (n + sizeof cp1252 < cap)
        memcpy(big + n, cp1252, sizeof cp1252 - 1), n += sizeof cp1252 - 1;
    p = kr_test_write("stor.txt", big, n);
    free(big);
    r = KR_RUN(NULL, "check", "--min-severity", "error", p);
    cr_assert_eq(r.status, 1);
    size_t lines = count(r.out, "[encoding]");
    cr_assert(lines >= 1 && lines <= 100, "%zu encoding reports for one Latin-1 file", lines);
    kr_run_free(&r);
}

Test(hostile, encoding_latin1_converts_on_read_and_writes_latin1_back)
{
    const char *p = kr_test_write("brev.txt", cp1252, sizeof cp1252 - 1);
    kr_run r = KR_RUN(NULL, "check", "--encoding", "latin1", p);
    cr_assert_eq(count(r.out, "[encoding]"), 0, "still reported after conversion:\n%s", r.out);
    cr_assert(strstr(r.out, "bgrns"), "the OCR damage was not found:\n%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "fix", "-i", "--encoding", "latin1", p);
    cr_assert_leq(r.status, 1, "exit %d: %s", r.status, r.err);
    kr_run_free(&r);
    size_t len;
    char *after = kr_test_read(p, &len);
    /* the repair is written in Latin-1 (ø = 0xF8), the rest byte for byte */
    const char *want_at = strstr(cp1252, "bgrns");
    size_t k = (size_t)(want_at - cp1252);
    cr_assert_eq(len, sizeof cp1252 - 1, "length changed: %zu", len);
    cr_assert(memcmp(after, cp1252, k) == 0, "bytes before the fix changed");
    cr_assert(memcmp(after + k, "b\xf8rns", 5) == 0, "the fix is not Latin-1: %.8s", after + k);
    cr_assert(memcmp(after + k + 5, cp1252 + k + 5, len - k - 5) == 0,
              "bytes after the fix changed (the 0x93/0x94 quotes?)");
    free(after);
}

Test(hostile, a_directory_or_a_missing_file_is_named_in_the_error)
{
    kr_run r = KR_RUN(NULL, "check", kr_test_path(""));
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, kr_test_path("")), "%s", r.err);
    kr_run_free(&r);
    r = KR_RUN(NULL, "check", kr_test_path("findes-ikke.txt"));
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "findes-ikke.txt"), "%s", r.err);
    kr_run_free(&r);
}

Test(hostile, empty_and_bom_only_files_are_clean)
{
    const char *a = kr_test_write("tom.txt", "", 0);
    const char *b = kr_test_write("bom.txt", "\xEF\xBB\xBF", 3);
    kr_run r = KR_RUN(NULL, "check", a, b, "/dev/null");
    cr_assert_eq(r.status, 0, "exit %d:\n%s%s", r.status, r.out, r.err);
    kr_run_free(&r);
}

/* ---- size ------------------------------------------------------------------------------- */

/* n bytes of a plausible damaged document, ending with one Latin-1 byte so that a
 * lint which really reached the end has exactly one encoding error. New. */
static char *big_document(size_t n)
{
    static const char para[] = "Kommunen har besluttet, at skolerne skal have nye cykelstier, og\n"
                               "foreeldrene bliver inddraget i arbejdet med de sma bgrns vej til\n"
                               "skole. Arbejdet er igangvee-\nrende.\n\n";
    char *t = malloc(n + 1);
    size_t k = 0;
    memcpy(t, "Cykelstier\n\nSvar:\n\n", 19), k = 19;
    while (k + sizeof para < n - 4)
        memcpy(t + k, para, sizeof para - 1), k += sizeof para - 1;
    memcpy(t + k, "sl\xf8t\n", 5), k += 5;
    t[k] = '\0';
    return t;
}

Test(hostile, file_of_50_mb_is_refused_by_default_naming_the_limit)
{
    char *t = big_document(50u << 20);
    const char *p = kr_test_write("stor.txt", t, strlen(t));
    free(t);
    double t0 = now();
    kr_run r = KR_RUN(NULL, "check", p);
    cr_assert_eq(r.status, 2);
    cr_assert(strstr(r.err, "maxFileSize"), "%s", r.err);
    cr_assert_eq(count(r.err, "\n"), 1, "one message, not: %s", r.err);
    cr_assert_lt(now() - t0, 20.0, "refusing took %.1f s", now() - t0);
    kr_run_free(&r);
}

Test(hostile, file_of_50_mb_is_linted_and_fixed_when_allowed)
{
    if (under_valgrind())
        cr_skip_test("50 MB under valgrind takes hours; the other builds run it");
    if (getenv("KR_TEST_SANITIZED")) /* set by the asan stage: 3 GB and minutes there */
        cr_skip_test("50 MB is linted in the unsanitized unit stage");
    char *t = big_document(50u << 20);
    size_t len = strlen(t);
    const char *p = kr_test_write("stor.txt", t, len);
    const char *cfg = KR_WRITE("stor.json", "{\"maxFileSize\": 104857600}");
    kr_run r = KR_RUN(NULL, "check", "--config", cfg, "--min-severity", "error", p);
    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert_eq(count(r.out, "[encoding]"), 1, "%s", r.out);
    kr_run_free(&r);
    r = KR_RUN(NULL, "fix", "--config", cfg, p);
    cr_assert_leq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert_gt(r.out_len, len / 2, "the fixed text is %zu bytes", r.out_len);
    cr_assert_null(strstr(r.out, "bgrns"), "the damage was not fixed everywhere");
    cr_assert(memcmp(r.out + r.out_len - 5, "sl\xf8t\n", 5) == 0, "the end was lost");
    kr_run_free(&r);
    free(t);
}

Test(hostile, line_of_1_mb)
{
    size_t n = 1u << 20, k = 0;
    char *t = malloc(n + 64);
    k += (size_t)sprintf(t, "Titel\n\nSvar:\n\n");
    static const char *const w[] = {"skolerne ", "sma ", "bgrns ", "og ", "0og ", "vej ", "år "};
    for (size_t i = 0; k < n; i++)
        k += (size_t)sprintf(t + k, "%s", w[i % 7]);
    t[k++] = '\n';
    const char *p = kr_test_write("linje.txt", t, k);
    kr_run r = KR_RUN(NULL, "check", "--format", "json", p);
    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "\"line\": 4"), "nothing reported on the long line");
    kr_run_free(&r);
    r = KR_RUN(NULL, "fix", p);
    cr_assert_leq(r.status, 1);
    cr_assert_null(strstr(r.out, " bgrns "), "the long line was not fixed");
    cr_assert(r.out_len > k - k / 4 && r.out[r.out_len - 1] == '\n');
    kr_run_free(&r);
    free(t);
}

/* ---- configuration of the wrong shape ------------------------------------------------- */

typedef struct {
    const char *json, *key;
} bad_config;

static const bad_config bad_configs[] = {
    {"{\"terms\": 3}", "terms"},
    {"{\"terms\": [\"ok\", 7]}", "terms"},
    {"{\"terms\": [\"\"]}", "terms"},
    {"{\"dictionary\": 5}", "dictionary"},
    {"{\"dictionary\": [\"a\"]}", "dictionary"},
    {"{\"rules\": []}", "rules"},
    {"{\"rules\": {\"encoding\": 2}}", "rules.encoding"},
    {"{\"rules\": {\"encoding\": {\"enabled\": \"ja\"}}}", "rules.encoding.enabled"},
    {"{\"rules\": {\"encoding\": {\"severity\": \"fatal\"}}}", "rules.encoding.severity"},
    {"{\"rules\": {\"encoding\": {\"farve\": 1}}}", "rules.encoding.farve"},
    {"{\"rules\": {\"ingen-regel\": true}}", "rules.ingen-regel"},
    {"{\"minSeverity\": 2}", "minSeverity"},
    {"{\"minSeverity\": \"alvorlig\"}", "minSeverity"},
    {"{\"maxFileSize\": \"stor\"}", "maxFileSize"},
    {"{\"maxFileSize\": -1}", "maxFileSize"},
    {"{\"maxFileSize\": 1.5}", "maxFileSize"},
    {"{\"ukendt\": true}", "ukendt"},
};

Test(hostile, config_of_wrong_types_gives_one_message_naming_the_key)
{
    for (size_t i = 0; i < sizeof bad_configs / sizeof *bad_configs; i++) {
        const bad_config *b = &bad_configs[i];
        kr_config *c = kr_config_new();
        kr_config_set_min_severity(c, KR_SEV_HINT);
        char *err = NULL;
        int rc = kr_config_load_json(c, b->json, strlen(b->json), "x.json", &err);
        cr_assert_eq(rc, -1, "%s was accepted", b->json);
        cr_assert_not_null(err);
        char quoted[128];
        snprintf(quoted, sizeof quoted, "\"%s\"", b->key);
        cr_assert(strstr(err, quoted), "%s: the message does not name %s: %s", b->json, quoted,
                  err);
        cr_assert_null(strchr(err, '\n'), "not one line: %s", err);
        cr_assert_eq(kr_config_min_severity(c), KR_SEV_HINT, "%s changed the config", b->json);
        free(err);
        kr_config_free(c);
    }
}

Test(hostile, config_of_wrong_types_stops_the_cli_with_one_line)
{
    const char *doc = KR_WRITE("a.txt", "Titel\n\nSvar:\n\nTekst.\n");
    for (size_t i = 0; i < sizeof bad_configs / sizeof *bad_configs; i += 3) {
        const char *cfg = KR_WRITE("k.json", bad_configs[i].json);
        kr_run r = KR_RUN(NULL, "check", "--config", cfg, doc);
        cr_assert_eq(r.status, 2, "%s: exit %d", bad_configs[i].json, r.status);
        cr_assert(strstr(r.err, bad_configs[i].key), "%s: %s", bad_configs[i].json, r.err);
        cr_assert_eq(count(r.err, "\n"), 1, "%s: not one line: %s", bad_configs[i].json, r.err);
        kr_run_free(&r);
    }
}

Test(hostile, config_that_is_not_json_or_absurdly_deep)
{
    static const char *const bad[] = {
        "", "{", "[1, 2]", "null", "{\"terms\": [\"a\"],}", "\xff\xfe{}", "{\"terms\": [\"a\"]} x"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        kr_config *c = kr_config_new();
        char *err = NULL;
        cr_assert_eq(kr_config_load_json(c, bad[i], strlen(bad[i]), "x.json", &err), -1,
                     "accepted: %s", bad[i]);
        cr_assert(err && strstr(err, "x.json"), "no message naming the file");
        free(err);
        kr_config_free(c);
    }
    size_t depth = 200000;
    char *deep = malloc(2 * depth + 32);
    size_t k = (size_t)sprintf(deep, "{\"terms\": ");
    memset(deep + k, '[', depth), k += depth;
    memset(deep + k, ']', depth), k += depth;
    deep[k++] = '}';
    kr_config *c = kr_config_new();
    char *err = NULL;
    cr_assert_eq(kr_config_load_json(c, deep, k, "deep.json", &err), -1);
    free(err);
    kr_config_free(c);
    free(deep);
}

/* ---- a full disk while fix -i writes ----------------------------------------------------------
 */

static const char fixable[] = "Cykelstier\n\nSvar:\n\nDe sma bgrns vej til skole, og vi vil 0og "
                              "inddrage foreeldrene.\n\n";

/* Runs `korrektur fix -i path` (with the write-failure hook when `inject`) and
 * returns its exit status. */
static int fix_in_place(const char *path, bool inject)
{
    pid_t pid = fork();
    if (pid == 0) {
        int devnull = open("/dev/null", O_WRONLY);
        dup2(devnull, 1);
        dup2(devnull, 2);
        if (inject)
            setenv("KORREKTUR_TEST_FAIL_WRITE", "1", 1);
        execl(kr_test_bin(), "korrektur", "fix", "-i", path, (char *)NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* In a private mount namespace: a 64 KiB tmpfs holding a 40 KiB file that needs
 * fixing, so the temporary copy cannot be written. Returns "ok" or what went
 * wrong (static), or NULL when no namespace can be had here. */
static const char *full_disk_in_namespace(const char *dir)
{
    if (unshare(CLONE_NEWNS) != 0) {
        uid_t uid = getuid();
        gid_t gid = getgid();
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            return NULL;
        char map[64];
        int fd = open("/proc/self/setgroups", O_WRONLY);
        if (fd >= 0)
            (void)!write(fd, "deny", 4), close(fd);
        snprintf(map, sizeof map, "0 %u 1", (unsigned)uid);
        if ((fd = open("/proc/self/uid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
            return NULL;
        close(fd);
        snprintf(map, sizeof map, "0 %u 1", (unsigned)gid);
        if ((fd = open("/proc/self/gid_map", O_WRONLY)) < 0 || write(fd, map, strlen(map)) < 0)
            return NULL;
        close(fd);
    }
    /* "none" rather than NULL for the unused source and type: the kernel ignores
     * them for a propagation change, and valgrind's leakcheck would flag NULL. */
    if (mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", dir, "tmpfs", 0, "size=64k") != 0)
        return NULL;
    char path[512];
    snprintf(path, sizeof path, "%s/svar.txt", dir);
    FILE *f = fopen(path, "wb");
    size_t n = 0;
    while (n + sizeof fixable < 40 * 1024)
        n += fwrite(fixable, 1, sizeof fixable - 1, f);
    if (fclose(f) != 0)
        return "could not prepare the file";
    size_t before_len;
    char *before = kr_test_read(path, &before_len);
    int rc = fix_in_place(path, false);
    size_t after_len;
    char *after = kr_test_read(path, &after_len);
    const char *verdict = "ok";
    if (rc != 2)
        verdict = "fix -i on a full disk did not exit 2";
    else if (!after || after_len != before_len || memcmp(before, after, after_len) != 0)
        verdict = "the original file was changed";
    char cmd[600];
    snprintf(cmd, sizeof cmd, "test $(ls -A %s | wc -l) -eq 1", dir);
    if (!strcmp(verdict, "ok") && system(cmd) != 0)
        verdict = "a temporary file was left behind";
    free(before);
    free(after);
    return verdict;
}

Test(hostile, full_disk_during_fix_in_place_keeps_the_original)
{
    const char *dir = kr_test_path("klein");
    cr_assert_eq(mkdir(dir, 0700), 0);
    kr_test_bin(); /* resolved before the namespace, where /proc/self/exe stays valid */
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        const char *v = full_disk_in_namespace(dir);
        const char *msg = v ? v : "-";
        (void)!write(fds[1], msg, strlen(msg));
        _exit(0);
    }
    close(fds[1]);
    char verdict[128] = {0};
    (void)!read(fds[0], verdict, sizeof verdict - 1);
    close(fds[0]);
    waitpid(pid, NULL, 0);
    if (strcmp(verdict, "-") != 0) {
        cr_assert_str_eq(verdict, "ok");
        return;
    }
    /* no namespaces here: the injected write failure stands in for the full disk */
    cr_log_warn("no mount namespace: using KORREKTUR_TEST_FAIL_WRITE instead of a tmpfs");
    const char *p = kr_test_write("svar.txt", fixable, sizeof fixable - 1);
    cr_assert_eq(fix_in_place(p, true), 2);
    size_t len;
    char *after = kr_test_read(p, &len);
    cr_assert(len == sizeof fixable - 1 && memcmp(after, fixable, len) == 0);
    free(after);
}
