/* cli_support.h — helpers for the tests that drive build/korrektur as a black box:
 * finding the binary, running it with given stdin, scratch folders and files. */
#ifndef KR_TEST_CLI_SUPPORT_H
#define KR_TEST_CLI_SUPPORT_H

#include <stddef.h>

typedef struct {
    int status; /* exit status, or 128 + signal */
    char *out;  /* stdout (NUL-terminated; may contain NULs), free() */
    size_t out_len;
    char *err; /* stderr, free() */
} kr_run;

/* The korrektur binary: $KORREKTUR_BIN, else `korrektur` beside the folder of the
 * running test binary ($(BUILD)/tests/unit → $(BUILD)/korrektur). Static string. */
const char *kr_test_bin(void);

/* Runs the binary with the NULL-terminated arguments (without argv[0]) and
 * `in[0..in_len)` on stdin (NULL: empty). */
kr_run kr_test_run(const char *in, size_t in_len, const char *const *args);
#define KR_RUN(in, ...) kr_test_run((in), kr_test_len(in), (const char *const[]){__VA_ARGS__, NULL})
/* strlen, with 0 for NULL. */
size_t kr_test_len(const char *s);
void kr_run_free(kr_run *r);

/* A fresh scratch folder (static buffer), removed by kr_test_rmdir(). */
const char *kr_test_mkdir(void);
void kr_test_rmdir(void);
/* dir/name (static rotating buffers: up to 8 live at a time). */
const char *kr_test_path(const char *name);
/* Writes bytes to dir/name and returns that path. */
const char *kr_test_write(const char *name, const char *bytes, size_t len);
#define KR_WRITE(name, s) kr_test_write((name), (s), strlen(s))
/* Reads a whole file (new, NUL-terminated) or NULL. */
char *kr_test_read(const char *path, size_t *len);

#endif
