/* test_lsp_json.c — the language server's own reading of big JSON messages
 * (lsp_rpc.c): the string unescaper against hand-picked escapes and invalid
 * input, and both it and lsp_json_load against jansson itself on random input,
 * since they must accept, decode and refuse exactly what jansson does. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp.h"

/* Decodes raw string bytes; returns the decoded length or -1. */
static long unescape(const char *raw, size_t n, char *out, bool *nul)
{
    size_t len = 0;
    bool dummy;
    if (lsp_json_unescape(raw, n, out, &len, nul ? nul : &dummy) < 0)
        return -1;
    return (long)len;
}

static void expect(const char *raw, const char *want, size_t want_len)
{
    char out[256];
    long n = unescape(raw, strlen(raw), out, NULL);
    cr_assert_eq(n, (long)want_len, "%s: length %ld, not %zu", raw, n, want_len);
    cr_assert(memcmp(out, want, want_len) == 0, "%s decoded wrongly", raw);
}

static void refuse(const char *raw, size_t n)
{
    char out[256];
    cr_assert_eq(unescape(raw, n, out, NULL), -1, "accepted %.*s", (int)n, raw);
}

#define REFUSE(s) refuse((s), sizeof(s) - 1)

Test(lsp_json, plain_text_across_word_boundaries)
{
    const char *t = "Spørgsmål: er der cykelstier? Svar: ja, mange — “gode” ones.";
    expect(t, t, strlen(t));
    expect("", "", 0);
    expect("a", "a", 1);
    expect("abcdefgh", "abcdefgh", 8);
    expect("abcdefghi", "abcdefghi", 9);
}

Test(lsp_json, simple_escapes)
{
    expect("\\\"\\\\\\/\\b\\f\\n\\r\\t", "\"\\/\b\f\n\r\t", 8);
    expect("line one\\nline two\\n", "line one\nline two\n", 18);
    expect("12345678\\\\", "12345678\\", 9);
}

Test(lsp_json, unicode_escapes_and_surrogate_pairs)
{
    expect("\\u00e6\\u00F8\\u00e5", "æøå", 6);
    expect("\\u20ac", "€", 3);
    expect("\\u0041", "A", 1);
    expect("\\ud83d\\ude00", "\xF0\x9F\x98\x80", 4); /* 😀 */
    expect("\\uD83D\\uDE00x", "\xF0\x9F\x98\x80x", 5);
    expect("\\udbff\\udfff", "\xF4\x8F\xBF\xBF", 4); /* U+10FFFF */
    bool nul = false;
    char out[16];
    cr_assert_eq(unescape("a\\u0000b", 8, out, &nul), 3);
    cr_assert(nul && memcmp(out, "a\0b", 3) == 0);
    cr_assert_eq(unescape("ab", 2, out, &nul), 2);
    cr_assert(!nul);
}

Test(lsp_json, invalid_escapes_are_refused)
{
    REFUSE("\\x");
    REFUSE("\\U0041");
    REFUSE("\\u12");
    REFUSE("\\u12g4");
    REFUSE("abc\\");
    REFUSE("\\ud83d");        /* lone high surrogate at the end */
    REFUSE("\\ud83dx");       /* ... before a plain character */
    REFUSE("\\ud83d\\n");     /* ... before another escape */
    REFUSE("\\ud83d\\u0041"); /* ... before a non-surrogate */
    REFUSE("\\ud83d\\ud83d"); /* ... before another high one */
    REFUSE("\\ude00");        /* lone low surrogate */
    REFUSE("\\ude00\\ud83d"); /* reversed pair */
    REFUSE("\\ud83d\\ude0");  /* truncated low half */
}

Test(lsp_json, control_characters_and_quotes_are_refused)
{
    REFUSE("line\nbreak");
    REFUSE("tab\there");
    REFUSE("\x01");
    REFUSE("abcdefgh\x1f");
    REFUSE("a\"b");
    refuse("nul\0byte", 8);
    refuse("12345678nul\0", 12);
}

Test(lsp_json, invalid_utf8_is_refused)
{
    REFUSE("\x80");
    REFUSE("abc\xbf");
    REFUSE("\xc0\x80");         /* overlong NUL */
    REFUSE("\xc1\xbf");         /* overlong */
    REFUSE("\xe0\x80\x80");     /* overlong */
    REFUSE("\xe0\x9f\xbf");     /* overlong */
    REFUSE("\xed\xa0\x80");     /* a surrogate in UTF-8 */
    REFUSE("\xf0\x80\x80\x80"); /* overlong */
    REFUSE("\xf4\x90\x80\x80"); /* above U+10FFFF */
    REFUSE("\xf5\x80\x80\x80");
    REFUSE("\xff");
    REFUSE("\xe2\x82"); /* truncated */
    REFUSE("\xe2\x82x");
    REFUSE("\xc3");
    REFUSE("12345678\xc3");
    expect("\xed\x9f\xbf", "\xed\x9f\xbf", 3);         /* U+D7FF */
    expect("\xf0\x90\x80\x80", "\xf0\x90\x80\x80", 4); /* U+10000 */
}

/* ---- against jansson --------------------------------------------------------------- */

static const char *const pieces[] = {
    "a",
    "Z",
    " ",
    "0",
    "~",
    "æ",
    "€",
    "\xf0\x9f\x98\x80",
    "\\n",
    "\\t",
    "\\\"",
    "\\\\",
    "\\/",
    "\\u00e6",
    "\\u0000",
    "\\ud83d\\ude00",
    "\\uD800",
    "\\udc00",
    "\\u12",
    "\\x",
    "\\",
    "\"",
    "\n",
    "\x01",
    "\x7f",
    "\x80",
    "\xc3",
    "\xe2\x82",
    "\xed\xa0\x80",
    "\xf4\x90\x80\x80",
    "q",
};

/* A random raw string, mostly valid (invalid pieces are rare). */
static size_t random_raw(unsigned *seed, char *buf, size_t cap, bool valid_only)
{
    size_t n = 0, count = (size_t)(rand_r(seed) % 40);
    size_t n_pieces = sizeof pieces / sizeof pieces[0];
    for (size_t i = 0; i < count; i++) {
        size_t k = (size_t)rand_r(seed) % n_pieces;
        if ((valid_only || rand_r(seed) % 8) && k >= 16 && k != n_pieces - 1)
            k = (size_t)rand_r(seed) % 16; /* mostly valid pieces */
        size_t len = strlen(pieces[k]);
        if (n + len >= cap)
            break;
        memcpy(buf + n, pieces[k], len);
        n += len;
    }
    return n;
}

Test(lsp_json, unescaper_agrees_with_jansson)
{
    unsigned seed = 7;
    for (int round = 0; round < 20000; round++) {
        char raw[512], doc[600], out[512];
        size_t n = random_raw(&seed, raw, sizeof raw, false);
        size_t dn = (size_t)snprintf(doc, sizeof doc, "[\"%.*s\"]", (int)n, raw);
        json_t *j = json_loadb(doc, dn, JSON_ALLOW_NUL, NULL);
        bool nul;
        long len = unescape(raw, n, out, &nul);
        if (!j) {
            cr_assert_eq(len, -1, "accepted what jansson refuses: %s", doc);
            continue;
        }
        json_t *s = json_array_get(j, 0);
        cr_assert_eq(len, (long)json_string_length(s), "decoded length differs: %s", doc);
        cr_assert(memcmp(out, json_string_value(s), (size_t)len) == 0, "decoded differs: %s", doc);
        cr_assert_eq(nul, memchr(out, 0, (size_t)len) != NULL);
        json_decref(j);
    }
}

/* A big message: a JSON object with a long string among short ones; with
 * `one_bad`, one random piece (most often an invalid one) somewhere in it. */
static char *big_message(unsigned *seed, bool one_bad, size_t *len)
{
    size_t cap = 1 << 16, n = 0, n_pieces = sizeof pieces / sizeof pieces[0];
    char *m = malloc(cap);
    n += (size_t)sprintf(m + n, "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\","
                                "\"params\":{\"textDocument\":{\"uri\":\"file:///a.txt\",");
    n += (size_t)sprintf(m + n, "\"version\":1, \"text\" : \"");
    size_t bad_at = one_bad ? 100 + (size_t)rand_r(seed) % 19800 : SIZE_MAX;
    while (n < 20000) {
        if (n >= bad_at) {
            const char *p = pieces[(size_t)rand_r(seed) % n_pieces];
            n += (size_t)sprintf(m + n, "%s", p);
            bad_at = SIZE_MAX;
        }
        char piece[512];
        size_t k = random_raw(seed, piece, sizeof piece, true);
        memcpy(m + n, piece, k);
        n += k;
    }
    n += (size_t)sprintf(m + n, "\", \"short\": [\"");
    n += random_raw(seed, m + n, 200, true);
    n += (size_t)sprintf(m + n, "\"]}}}");
    *len = n;
    return m;
}

static void same_as_jansson(const char *m, size_t n, size_t flags)
{
    json_error_t e1, e2;
    json_t *a = json_loadb(m, n, flags, &e1);
    json_t *b = lsp_json_load(m, n, flags, &e2);
    cr_assert_eq(!a, !b, "one accepted, the other refused: %.*s", (int)(n < 300 ? n : 300), m);
    if (a) {
        cr_assert(json_equal(a, b), "different values");
    } else {
        cr_assert_str_eq(e1.text, e2.text);
        cr_assert_eq(e1.line, e2.line);
        cr_assert_eq(e1.column, e2.column);
        cr_assert_eq(e1.position, e2.position);
    }
    json_decref(a);
    json_decref(b);
}

Test(lsp_json, big_messages_load_as_jansson_loads_them)
{
    unsigned seed = 11;
    for (int round = 0; round < 300; round++) {
        size_t n;
        char *m = big_message(&seed, round % 2 == 1, &n);
        same_as_jansson(m, n, JSON_ALLOW_NUL);
        same_as_jansson(m, n, 0);
        free(m);
    }
}

/* Builds `pre` + a long string value + `post` and compares with jansson. */
static void check_around(const char *pre, const char *post, size_t flags)
{
    size_t n = 0;
    char *m = malloc(40000);
    n += (size_t)sprintf(m, "%s\"", pre);
    for (int i = 0; i < 2000; i++)
        n += (size_t)sprintf(m + n, "Tekst %d\\n", i % 10);
    n += (size_t)sprintf(m + n, "\"%s", post);
    same_as_jansson(m, n, flags);
    free(m);
}

Test(lsp_json, big_message_edge_cases)
{
    check_around("{\"a\":", "}", JSON_ALLOW_NUL);
    check_around("[1, 2, ", ", {\"b\": [\"x\"]}]", JSON_ALLOW_NUL);
    check_around("{\"a\": ", ", \"b\": \"\\u00000\"}", JSON_ALLOW_NUL); /* looks like a stand-in */
    check_around("{\"a\": ", ", \"a\": \"\\u00000\"}", JSON_ALLOW_NUL); /* and replaces it */
    check_around("{\"a\": \"\\u00000\", \"a\": ", "}", JSON_ALLOW_NUL);
    check_around("{", ": 1}", JSON_ALLOW_NUL);           /* a long key */
    check_around("{\"a\": [", ", ", JSON_ALLOW_NUL);     /* truncated */
    check_around("{\"a\" ", "}", JSON_ALLOW_NUL);        /* no colon */
    check_around("{\"a\": ", " \"b\"}", JSON_ALLOW_NUL); /* no comma */
    check_around("{\"a\": ", "} trailing", JSON_ALLOW_NUL);
    check_around("", "", JSON_ALLOW_NUL | JSON_DECODE_ANY); /* just a string */
    check_around("", "", JSON_ALLOW_NUL);
    check_around("{\"a\": \"", "\"}", JSON_ALLOW_NUL); /* quotes misplaced */
    check_around("{\"a\": tru", "}", JSON_ALLOW_NUL);
}

Test(lsp_json, big_message_errors_are_jansson_errors)
{
    /* a control character deep in the text, an invalid escape, invalid UTF-8 */
    const char *bad[] = {"\x01", "\\q", "\xc3(", "\\ud800", "\n"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        size_t n = 0;
        char *m = malloc(40000);
        n += (size_t)sprintf(m, "{\"jsonrpc\":\"2.0\",\"params\":{\"text\":\"");
        for (int i = 0; i < 2000; i++)
            n += (size_t)sprintf(m + n, i == 1500 ? "%s" : "Tekst \\n", bad[k]);
        n += (size_t)sprintf(m + n, "\"}}");
        json_error_t e;
        cr_assert_null(lsp_json_load(m, n, JSON_ALLOW_NUL, &e));
        same_as_jansson(m, n, JSON_ALLOW_NUL);
        free(m);
    }
}
