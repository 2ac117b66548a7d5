/* test_cli_fix.c — the fix writer and the formatters fed with hand-made fixes, so
 * their behaviour is proven whatever rules exist: -i replaces the file atomically
 * (mode kept, nothing left behind), survives a failed write, refuses a file that
 * changed since it was read, writes Latin-1 back; --diff output that `patch`
 * applies, hunks merged or split; JSON and SARIF carrying the fixes. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_support.h"
#include "engine.h"

int kr_cli_fix_emit(const kr_cli_opts *opts, kr_cli_result *r, void *ud);

TestSuite(fixer, .init = (void (*)(void))kr_test_mkdir, .fini = kr_test_rmdir);

typedef struct {
    size_t start, end;
    const char *text;
} spec;

/* A result as kr_cli_run would hand it over: the file written and stat'ed, its
 * text, and one preferred single-edit fix per spec. */
static kr_cli_result make_result(const char *name, const char *text, const spec *s, size_t n)
{
    kr_cli_result r = {0};
    r.path = kr_test_write(name, text, strlen(text));
    r.path = strdup(r.path);
    r.len = strlen(text);
    r.text = strdup(text);
    r.doc = kr_document_new(text, r.len);
    r.diags = kr_diagnostics_new();
    for (size_t i = 0; i < n; i++) {
        kr_diagnostic *d =
            kr_diagnostics_add(r.diags, "encoding", KR_SEV_WARNING, s[i].start, s[i].end, "ret");
        char title[64];
        snprintf(title, sizeof title, "Ret til »%s«", s[i].text);
        kr_fix *f = kr_diagnostic_add_fix(r.diags, d, title, true);
        kr_fix_add_edit(r.diags, f, s[i].start, s[i].end, s[i].text, strlen(s[i].text));
    }
    kr_diagnostics_sort(r.diags);
    r.min_severity = KR_SEV_HINT;
    r.status = n ? 1 : 0;
    struct stat st;
    cr_assert_eq(stat(r.path, &st), 0);
    r.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    r.size = (long long)st.st_size;
    return r;
}

static void free_result(kr_cli_result *r)
{
    kr_diagnostics_free(r->diags);
    kr_document_free(r->doc);
    free(r->text);
    free((char *)r->path);
}

static char *fixed_text(kr_cli_result *r)
{
    size_t n;
    return kr_diagnostics_apply_preferred(r->diags, r->text, r->len, &n);
}

static void assert_file(const char *path, const char *want)
{
    size_t n;
    char *got = kr_test_read(path, &n);
    cr_assert_not_null(got);
    cr_assert(n == strlen(want) && memcmp(got, want, n) == 0, "%s holds:\n%s\n--- want:\n%s", path,
              got, want);
    free(got);
}

static void assert_alone(const char *name)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "test \"$(ls -A %s)\" = %s", kr_test_path(""), name);
    cr_assert_eq(system(cmd), 0, "a temporary file was left beside %s", name);
}

static const char text1[] = "Spergsmal:\nvii de 0og\nslut\n";
static const spec fix1[] = {{0, 10, "Spørgsmål:"}, {11, 14, "vi i"}, {18, 21, "og"}};

Test(fixer, in_place_writes_atomically_and_keeps_the_mode)
{
    kr_cli_result r = make_result("doc.txt", text1, fix1, 3);
    cr_assert_eq(chmod(r.path, 0604), 0);
    kr_cli_opts o = {.in_place = true};
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 0);
    assert_file(r.path, "Spørgsmål:\nvi i de og\nslut\n");
    struct stat st;
    cr_assert_eq(stat(r.path, &st), 0);
    cr_assert_eq(st.st_mode & 07777, 0604);
    assert_alone("doc.txt");
    free_result(&r);
}

Test(fixer, failed_write_leaves_the_original)
{
    kr_cli_result r = make_result("doc.txt", text1, fix1, 3);
    kr_cli_opts o = {.in_place = true};
    setenv("KORREKTUR_TEST_FAIL_WRITE", "1", 1);
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 2);
    unsetenv("KORREKTUR_TEST_FAIL_WRITE");
    assert_file(r.path, text1);
    assert_alone("doc.txt");
    free_result(&r);
}

Test(fixer, refuses_a_file_that_changed_since_it_was_read)
{
    kr_cli_result r = make_result("doc.txt", text1, fix1, 3);
    /* someone saves the file between the lint and the write */
    const char *edited = "Spergsmal:\nvii de 0og\nslut\nen ny linje\n";
    KR_WRITE("doc.txt", edited);
    kr_cli_opts o = {.in_place = true};
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 2);
    assert_file(r.path, edited);
    assert_alone("doc.txt");
    /* same size, new mtime: still refused */
    r.size = (long long)strlen(edited);
    r.mtime_ns -= 1000000000LL;
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 2);
    assert_file(r.path, edited);
    free_result(&r);
}

Test(fixer, missing_folder_is_an_error_naming_the_file)
{
    /* the folder vanished between the lint and the write: no temporary file */
    kr_cli_result r = make_result("doc.txt", text1, fix1, 3);
    free((char *)r.path);
    r.path = strdup("/nonexistent-korrektur-dir/doc.txt");
    kr_cli_opts o = {.in_place = true};
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 2);
    free_result(&r);
}

Test(fixer, nothing_to_fix_leaves_the_file_untouched)
{
    kr_cli_result r = make_result("doc.txt", "alt er fint\n", NULL, 0);
    struct stat before, after;
    stat(r.path, &before);
    kr_cli_opts o = {.in_place = true};
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 0);
    stat(r.path, &after);
    cr_assert_eq(before.st_ino, after.st_ino, "the file was replaced without need");
    free_result(&r);
}

Test(fixer, latin1_is_written_back_as_latin1)
{
    /* the text as read with --encoding latin1 is UTF-8 inside */
    kr_cli_result r = make_result("l1.txt", "Sm\xe5 b\xf8rn", NULL, 0);
    free(r.text);
    kr_document_free(r.doc);
    kr_diagnostics_free(r.diags);
    const char *u8 = "Små børn pa vej";
    r.text = strdup(u8);
    r.len = strlen(u8);
    r.doc = kr_document_new(u8, r.len);
    r.diags = kr_diagnostics_new();
    size_t at = strlen("Små børn ");
    kr_diagnostic *d = kr_diagnostics_add(r.diags, "encoding", KR_SEV_WARNING, at, at + 2, "x");
    kr_fix *f = kr_diagnostic_add_fix(r.diags, d, "på", true);
    kr_fix_add_edit(r.diags, f, at, at + 2, "på", 3);
    kr_cli_opts o = {.in_place = true, .encoding = "latin1"};
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 0);
    assert_file(r.path, "Sm\xe5 b\xf8rn p\xe5 vej");
    /* a character Latin-1 cannot hold: refused, file unchanged */
    kr_diagnostics *l = kr_diagnostics_new();
    kr_diagnostic *d2 = kr_diagnostics_add(l, "encoding", KR_SEV_WARNING, 0, 3, "x");
    kr_fix *f2 = kr_diagnostic_add_fix(l, d2, "emoji", true);
    kr_fix_add_edit(l, f2, 0, 3, "😀", 4);
    kr_diagnostics_free(r.diags);
    r.diags = l;
    struct stat st;
    stat(r.path, &st);
    r.mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    r.size = (long long)st.st_size;
    cr_assert_eq(kr_cli_fix_emit(&o, &r, stdout), 2);
    assert_file(r.path, "Sm\xe5 b\xf8rn p\xe5 vej");
    free_result(&r);
}

/* ---- --diff ------------------------------------------------------------------ */

/* Runs the diff writer on text+fixes, applies the diff to a copy with patch and
 * checks the result equals the fixed text. Returns the number of hunks. */
static int diff_round_trip(const char *text, const spec *s, size_t n)
{
    kr_cli_result r = make_result("orig.txt", text, s, n);
    kr_cli_opts o = {.diff = true};
    char *out = NULL;
    size_t out_len = 0;
    FILE *mem = open_memstream(&out, &out_len);
    cr_assert_eq(kr_cli_fix_emit(&o, &r, mem), 0);
    fclose(mem);
    char *want = fixed_text(&r);
    const char *copy = kr_test_write("copy.txt", text, strlen(text));
    const char *dp = kr_test_write("d.diff", out, out_len);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "patch -s --binary %s < %s", copy, dp);
    cr_assert_eq(system(cmd), 0, "patch refused the diff of:\n%s\n--- diff:\n%s", text, out);
    assert_file(copy, want);
    cr_assert(strncmp(out, "--- ", 4) == 0, "%s", out);
    int hunks = 0;
    for (char *p = out; (p = strstr(p, "\n@@ ")); p++)
        hunks++;
    free(want);
    free(out);
    free_result(&r);
    return hunks;
}

Test(fixer, diff_single_change)
{
    cr_assert_eq(diff_round_trip(text1, fix1, 3), 1);
}

Test(fixer, diff_far_apart_changes_make_separate_hunks)
{
    char text[2048] = "";
    for (int i = 0; i < 30; i++) {
        char line[64];
        snprintf(line, sizeof line, "linje %02d med sma ord\n", i);
        strcat(text, line);
    }
    size_t l = strlen("linje 00 med sma ord\n");
    size_t col = strlen("linje 00 med ");
    spec s[] = {{col, col + 3, "små"}, {20 * l + col, 20 * l + col + 3, "små"}};
    cr_assert_eq(diff_round_trip(text, s, 2), 2);
    spec near[] = {{col, col + 3, "små"}, {4 * l + col, 4 * l + col + 3, "små"}};
    cr_assert_eq(diff_round_trip(text, near, 2), 1, "changes with touching context merge");
}

Test(fixer, diff_adding_and_joining_lines)
{
    const char *t = "Svar:\nigangvee-\nrende arbejde\nog mere\n";
    size_t h = strlen("Svar:\nigangv");
    spec s[] = {{h, h + strlen("ee-\n"), "æ"}, {0, 5, "Svar:\n"}};
    diff_round_trip(t, s, 2);
}

Test(fixer, diff_crlf_and_no_final_newline)
{
    const char *t = "Titel\r\n\r\nvii de\r\nsidste linje uden sma";
    size_t v = strlen("Titel\r\n\r\n");
    size_t e = strlen(t);
    spec s[] = {{v, v + 3, "vi i"}, {e - 3, e, "små"}};
    diff_round_trip(t, s, 2);
}

Test(fixer, diff_change_on_the_first_and_last_line)
{
    const char *t = "a\nb\nc\n";
    spec s[] = {{0, 1, "A"}, {4, 5, "C"}};
    diff_round_trip(t, s, 2);
    spec two_on_one_line[] = {{0, 1, "x"}, {1, 1, "y"}};
    diff_round_trip("ab\ncd\n", two_on_one_line, 2);
}

Test(fixer, diff_at_the_ends_of_the_file)
{
    spec grow[] = {{0, 0, "ny\nlinje\n"}};
    diff_round_trip("", grow, 1);
    spec append[] = {{2, 2, "tillæg"}};
    diff_round_trip("x\n", append, 1);
    spec drop_nl[] = {{3, 4, ""}, {4, 4, "slut"}};
    diff_round_trip("x\ny\n", drop_nl, 2);
    spec empty_it[] = {{0, 4, ""}};
    diff_round_trip("x\ny\n", empty_it, 1);
}

Test(fixer, diff_is_empty_without_fixes)
{
    kr_cli_result r = make_result("orig.txt", "fint\n", NULL, 0);
    kr_cli_opts o = {.diff = true};
    char *out = NULL;
    size_t out_len = 0;
    FILE *mem = open_memstream(&out, &out_len);
    kr_cli_fix_emit(&o, &r, mem);
    fclose(mem);
    cr_assert_eq(out_len, 0);
    free(out);
    free_result(&r);
}

/* ---- formats carrying fixes ------------------------------------------------------- */

static json_t *format(kr_format fmt, kr_cli_result *r)
{
    kr_cli_opts o = {.format = fmt};
    char *out = NULL;
    size_t out_len = 0;
    FILE *mem = open_memstream(&out, &out_len);
    kr_cli_format_begin(&o, mem);
    kr_cli_format_file(&o, r, mem);
    kr_cli_format_end(&o, mem);
    fclose(mem);
    json_error_t e;
    json_t *j = json_loadb(out, out_len, 0, &e);
    cr_assert_not_null(j, "%s:\n%s", e.text, out);
    free(out);
    return j;
}

Test(fixer, json_carries_fixes_in_the_documented_shape)
{
    const char *t = "Det er de sma\nbgrns tur 😀 nu\n";
    size_t b = strlen("Det er de sma\n");
    spec s[] = {{b, b + 5, "børns"}};
    kr_cli_result r = make_result("doc.txt", t, s, 1);
    json_t *j = format(KR_FMT_JSON, &r);
    json_t *d = json_array_get(
        json_object_get(json_array_get(json_object_get(j, "files"), 0), "diagnostics"), 0);
    json_t *fx = json_array_get(json_object_get(d, "fixes"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(fx, "title")), "Ret til »børns«");
    cr_assert(json_is_true(json_object_get(fx, "preferred")));
    json_t *ed = json_array_get(json_object_get(fx, "edits"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(ed, "newText")), "børns");
    cr_assert_eq(json_integer_value(json_object_get(json_object_get(ed, "bytes"), "start")), b);
    json_t *start = json_object_get(json_object_get(ed, "range"), "start");
    cr_assert_eq(json_integer_value(json_object_get(start, "line")), 1);
    cr_assert_eq(json_integer_value(json_object_get(start, "character")), 0);
    json_t *end = json_object_get(json_object_get(d, "range"), "end");
    cr_assert_eq(json_integer_value(json_object_get(end, "character")), 5);
    json_decref(j);
    free_result(&r);
}

Test(fixer, sarif_fixes_are_artifact_changes)
{
    const char *t = "vii de\n";
    spec s[] = {{0, 3, "vi i"}};
    kr_cli_result r = make_result("doc.txt", t, s, 1);
    json_t *j = format(KR_FMT_SARIF, &r);
    json_t *res = json_array_get(
        json_object_get(json_array_get(json_object_get(j, "runs"), 0), "results"), 0);
    json_t *fx = json_array_get(json_object_get(res, "fixes"), 0);
    cr_assert_not_null(fx);
    cr_assert(json_is_string(json_object_get(json_object_get(fx, "description"), "text")));
    json_t *ch = json_array_get(json_object_get(fx, "artifactChanges"), 0);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(ch, "artifactLocation"), "uri")), r.path);
    json_t *rep = json_array_get(json_object_get(ch, "replacements"), 0);
    json_t *del = json_object_get(rep, "deletedRegion");
    cr_assert_eq(json_integer_value(json_object_get(del, "byteOffset")), 0);
    cr_assert_eq(json_integer_value(json_object_get(del, "byteLength")), 3);
    cr_assert_str_eq(
        json_string_value(json_object_get(json_object_get(rep, "insertedContent"), "text")),
        "vi i");
    json_decref(j);
    free_result(&r);
}

Test(fixer, json_strings_are_escaped_and_stay_valid)
{
    const char *t = "a\"b\\c\td\x01 \xff\n";
    spec s[] = {{0, 1, "\"\\\n\t"}};
    kr_cli_result r = make_result("doc.txt", t, s, 1);
    json_t *j = format(KR_FMT_JSON, &r);
    json_t *ed = json_array_get(
        json_object_get(
            json_array_get(
                json_object_get(
                    json_array_get(json_object_get(json_array_get(json_object_get(j, "files"), 0),
                                                   "diagnostics"),
                                   0),
                    "fixes"),
                0),
            "edits"),
        0);
    cr_assert_str_eq(json_string_value(json_object_get(ed, "newText")), "\"\\\n\t");
    json_decref(j);
    free_result(&r);
}

/* The JSON writer escapes each distinct string once per file and copies it after
 * that, keeps line numbers' digits, and reuses a diagnostic's printed range for
 * its edits: strings that repeat, differ only in length or in one late byte,
 * are empty or need escapes, and strings longer than its cache and its buffer
 * must all come out as they went in (invalid UTF-8 as U+FFFD), at the right
 * positions. */
static const char *const repeat_texts[] = {
    "",
    "ø",
    "abc",
    "abcd",
    "abcdefg",
    "abcdefgh",
    "abcdefgi",
    "abcdefghijklmnop",
    "abcdefghijklmnoq",
    "Ret til »børns« \"citat\" back\\slash\ttab\nlinje \x01\x7f 😀",
    "Mangler æ/ø/å: «sma» skal sandsynligvis være «små»",
    "Mangler æ/ø/å: «sma» skal sandsynligvis være «smÅ»",
    "ugyldig \xff byte",
};
#define N_REPEAT (sizeof repeat_texts / sizeof repeat_texts[0])

/* What a JSON parser gives back for s: invalid bytes (only 0xFF here) as U+FFFD. */
static char *decoded(const char *s, size_t n, size_t *out_n)
{
    char *o = malloc(3 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] == 0xFF) {
            memcpy(o + k, "\xef\xbf\xbd", 3);
            k += 3;
        } else {
            o[k++] = s[i];
        }
    }
    o[k] = '\0';
    *out_n = k;
    return o;
}

static void assert_json_string(json_t *v, const char *want, size_t n, const char *what)
{
    size_t dn;
    char *d = decoded(want, n, &dn);
    cr_assert(json_is_string(v), "%s is not a string", what);
    cr_assert(json_string_length(v) == dn && memcmp(json_string_value(v), d, dn) == 0,
              "%s differs (%zu bytes, want %zu)", what, json_string_length(v), dn);
    free(d);
}

Test(fixer, json_strings_repeated_long_and_escaped_come_out_as_they_went_in)
{
    /* lines of different lengths with multi-byte characters before the findings */
    char text[4096];
    size_t len = 0;
    for (int line = 0; line < 40; line++)
        len += (size_t)snprintf(text + len, sizeof text - len, "%.*s%s ord%d\n", line % 7,
                                "æøåÆØÅé", line % 3 ? "😀" : "ab", line);
    kr_cli_result r = make_result("doc.txt", text, NULL, 0);
    /* longer than the string cache takes, and than the writer's buffer */
    size_t long_n = 600 * 1024;
    char *long_s = malloc(long_n + 1);
    for (size_t i = 0; i < long_n; i++)
        long_s[i] = "\xc3\xb8\"x\\"[i % 4];
    long_s[long_n] = '\0';
    enum { N = 300 };
    for (size_t i = 0; i < N; i++) {
        const char *msg = i % 97 == 5 ? long_s : repeat_texts[(i * 7) % N_REPEAT];
        const char *title = i % 89 == 3 ? long_s : repeat_texts[(i * 5 + 1) % N_REPEAT];
        const char *edit = i % 101 == 7 ? long_s : repeat_texts[(i * 3 + 2) % N_REPEAT];
        /* and a few hundred distinct ones, each printed two or three times, so the
         * cache grows while strings are being reused */
        char own[3][32];
        snprintf(own[0], sizeof own[0], "besked nr. %zu", i % 150);
        snprintf(own[1], sizeof own[1], "titel «%zu»", i % 120);
        snprintf(own[2], sizeof own[2], "ny%zu", i % 90);
        if (i % 3 == 2)
            msg = own[0];
        else if (i % 3 == 1)
            title = own[1];
        else
            edit = own[2];
        size_t edit_n = strlen(edit);
        size_t start = (i * 13) % len, end = start + i % 5 < len ? start + i % 5 : len;
        kr_diagnostic *d = kr_diagnostics_add(r.diags, i % 2 ? "encoding" : "unregistered-rule",
                                              KR_SEV_WARNING, start, end, msg);
        kr_fix *f = kr_diagnostic_add_fix(r.diags, d, title, i % 3 == 0);
        /* a second edit's range differs from the diagnostic's: elsewhere, or only
         * in its end */
        kr_fix_add_edit(r.diags, f, start, end, edit, edit_n);
        if (i % 4 == 0)
            kr_fix_add_edit(r.diags, f, len - 1, len, edit, edit_n);
        else if (i % 4 == 1 && end < len)
            kr_fix_add_edit(r.diags, f, start, end + 1, edit, edit_n);
    }
    /* left unsorted: positions also go back, and the list order is the printed one */
    json_t *j = format(KR_FMT_JSON, &r);
    json_t *ds = json_object_get(json_array_get(json_object_get(j, "files"), 0), "diagnostics");
    cr_assert_eq(json_array_size(ds), N);
    for (size_t i = 0; i < N; i++) {
        const kr_diagnostic *want = kr_diagnostics_get(r.diags, i);
        json_t *d = json_array_get(ds, i);
        const char *m = kr_diagnostic_message(want);
        assert_json_string(json_object_get(d, "message"), m, strlen(m), "message");
        cr_assert_str_eq(json_string_value(json_object_get(d, "rule")), kr_diagnostic_rule(want));
        const kr_fix *wf = kr_diagnostic_fix(want, 0);
        json_t *fx = json_array_get(json_object_get(d, "fixes"), 0);
        assert_json_string(json_object_get(fx, "title"), kr_fix_title(wf), strlen(kr_fix_title(wf)),
                           "title");
        json_t *eds = json_object_get(fx, "edits");
        cr_assert_eq(json_array_size(eds), kr_fix_edit_count(wf));
        for (size_t k = 0; k < kr_fix_edit_count(wf); k++) {
            const kr_edit *e = kr_fix_edit(wf, k);
            json_t *ej = json_array_get(eds, k);
            assert_json_string(json_object_get(ej, "newText"), e->text, e->len, "newText");
            size_t at[2] = {e->start, e->end};
            const char *key[2] = {"start", "end"};
            for (int s = 0; s < 2; s++) {
                kr_position p = kr_document_position(r.doc, at[s], KR_ENC_UTF16);
                json_t *pj = json_object_get(json_object_get(ej, "range"), key[s]);
                cr_assert_eq(json_integer_value(json_object_get(pj, "line")), p.line);
                cr_assert_eq(json_integer_value(json_object_get(pj, "character")), p.character);
                cr_assert_eq(
                    json_integer_value(json_object_get(json_object_get(ej, "bytes"), key[s])),
                    at[s]);
            }
        }
    }
    json_decref(j);
    /* SARIF prints the same strings through kr_json_string */
    j = format(KR_FMT_SARIF, &r);
    json_t *res = json_object_get(json_array_get(json_object_get(j, "runs"), 0), "results");
    cr_assert_eq(json_array_size(res), N);
    for (size_t i = 0; i < N; i++) {
        const char *m = kr_diagnostic_message(kr_diagnostics_get(r.diags, i));
        assert_json_string(
            json_object_get(json_object_get(json_array_get(res, i), "message"), "text"), m,
            strlen(m), "SARIF message");
    }
    json_decref(j);
    free(long_s);
    free_result(&r);
}

Test(fixer, diff_of_random_edits_always_applies)
{
    const char *words[] = {"sma", "bgrn", "vii", "de\n", "0og", "\r\n", "å", "-\n", "ord "};
    const char *repl[] = {"", "små", "\n", "vi i", "x\ny", "børn"};
    unsigned seed = 12345;
#define RND() (seed = seed * 1103515245u + 12345u, (seed >> 8))
    for (int round = 0; round < 40; round++) {
        char text[1024] = "";
        int nw = 5 + (int)(RND() % 60);
        for (int i = 0; i < nw; i++)
            strcat(text, words[RND() % 9]);
        if (RND() % 2)
            strcat(text, "\n");
        size_t len = strlen(text);
        spec s[8];
        size_t n = 0, pos = 0;
        while (n < 8 && pos < len) {
            size_t start = pos + RND() % (len - pos + 1) / 2;
            size_t end = start + RND() % 4;
            if (end > len)
                end = len;
            /* edits on character boundaries, as rules make them */
            while (start < len && ((unsigned char)text[start] & 0xC0) == 0x80)
                start++;
            if (end < start)
                end = start;
            while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
                end++;
            if (start == end && n && s[n - 1].end == start)
                break;
            s[n++] = (spec){start, end, repl[RND() % 6]};
            pos = end + 1;
        }
        diff_round_trip(text, s, n);
    }
#undef RND
}
