/* corpus.c — runs the grammar's corpus tests (grammar/test/corpus) through the
 * compiled parser.
 *
 *   corpus [--update] FILE...
 *
 * The files use tree-sitter's corpus-test format: a header line of '=' characters,
 * the case name, another '=' line, the input, a line of '-' characters, and the
 * expected tree as an S-expression. As with `tree-sitter test`, the input runs from
 * the line after the header to the divider, minus its final line break, and the
 * S-expressions are compared with white space normalised. --update rewrites the
 * expected trees with the actual ones (then review the diff). Ends with
 * "N passed, N failed" and exits non-zero when a case fails. No tree-sitter CLI
 * is needed. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_korrektur(void);

typedef struct {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        put(&b, tmp, k);
    fclose(f);
    put(&b, "", 0);
    *n = b.n;
    return b.p;
}

/* A line made of at least three copies of c (and nothing else but "\r"). */
static int rule_line(const char *s, size_t n, char c)
{
    size_t k = 0;
    while (k < n && s[k] == c)
        k++;
    if (k < n && s[k] == '\r')
        k++;
    return k == n && n >= 3 && s[0] == c;
}

/* White space collapsed, none after '(' or before ')'. */
static char *normalise(const char *s, size_t n)
{
    buf b = {0};
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (isspace((unsigned char)c)) {
            space = 1;
            continue;
        }
        if (space && b.n > 0 && b.p[b.n - 1] != '(' && c != ')')
            put(&b, " ", 1);
        space = 0;
        put(&b, &c, 1);
    }
    put(&b, "", 0);
    return b.p;
}

/* One S-expression per line per node, indented by depth (as `tree-sitter test -u`
 * writes them). */
static void pretty(buf *out, const char *s)
{
    int depth = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(' && p != s) {
            /* a field name ("label: (") stays on the line it opens */
            int field = out->n >= 2 && out->p[out->n - 1] == ' ' && out->p[out->n - 2] == ':';
            if (!field) {
                while (out->n > 0 && out->p[out->n - 1] == ' ')
                    out->n--;
                put(out, "\n", 1);
                for (int i = 0; i < depth; i++)
                    put(out, "  ", 2);
            }
        }
        if (*p == '(')
            depth++;
        if (*p == ')')
            depth--;
        put(out, p, 1);
    }
}

typedef struct {
    size_t name_start, name_end;   /* the case name */
    size_t input_start, input_end; /* the input, without its final line break */
    size_t expect_start, expect_end;
} test_case;

/* Splits the file into cases. Returns the count. */
static size_t split(const char *s, size_t n, test_case *cases, size_t max)
{
    size_t count = 0, i = 0;
    enum { SEEK_HEADER, NAME, INPUT, EXPECT } st = SEEK_HEADER;
    test_case cur = {0};
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t next = e < n ? e + 1 : e;
        int eq = rule_line(s + i, e - i, '=');
        if (eq && (st == SEEK_HEADER || st == EXPECT)) {
            if (st == EXPECT && count < max) {
                cur.expect_end = i;
                cases[count++] = cur;
            }
            st = NAME;
            cur.name_start = next;
        } else if (st == NAME && eq) {
            st = INPUT;
            cur.input_start = next;
        } else if (st == NAME) {
            cur.name_end = e;
        } else if (st == INPUT && rule_line(s + i, e - i, '-')) {
            cur.input_end = i > cur.input_start ? i - 1 : i; /* drop the final "\n" */
            if (cur.input_end > cur.input_start && s[cur.input_end - 1] == '\r')
                cur.input_end--;
            cur.expect_start = next;
            st = EXPECT;
        }
        i = next;
    }
    if (st == EXPECT && count < max) {
        cur.expect_end = n;
        cases[count++] = cur;
    }
    return count;
}

static char *tree_string(TSParser *p, const char *s, size_t n)
{
    TSTree *t = ts_parser_parse_string(p, NULL, s, (uint32_t)n);
    char *str = ts_node_string(ts_tree_root_node(t));
    ts_tree_delete(t);
    return str;
}

static int run_file(TSParser *p, const char *path, int update, int *passed, int *failed)
{
    size_t n;
    char *s = slurp(path, &n);
    if (!s) {
        printf("FAIL: cannot read %s\n", path);
        (*failed)++;
        return -1;
    }
    enum { MAX = 512 };
    static test_case cases[MAX];
    size_t count = split(s, n, cases, MAX);
    buf out = {0};
    size_t copied = 0;
    for (size_t k = 0; k < count; k++) {
        test_case *c = &cases[k];
        char *actual = tree_string(p, s + c->input_start, c->input_end - c->input_start);
        char *want = normalise(s + c->expect_start, c->expect_end - c->expect_start);
        char *got = normalise(actual, strlen(actual));
        if (strcmp(want, got) == 0) {
            (*passed)++;
        } else {
            (*failed)++;
            printf("FAIL: %s: %.*s\n  expected: %s\n  actual:   %s\n", path,
                   (int)(c->name_end - c->name_start), s + c->name_start, want, got);
        }
        if (update) {
            put(&out, s + copied, c->expect_start - copied);
            put(&out, "\n", 1);
            pretty(&out, got);
            put(&out, "\n\n", 2);
            copied = c->expect_end;
        }
        free(actual);
        free(want);
        free(got);
    }
    if (update) {
        put(&out, s + copied, n - copied);
        FILE *f = fopen(path, "wb");
        if (f) {
            fwrite(out.p, 1, out.n, f);
            fclose(f);
        }
        free(out.p);
    }
    if (count == 0) {
        printf("FAIL: %s has no test cases\n", path);
        (*failed)++;
    }
    free(s);
    return 0;
}

int main(int argc, char **argv)
{
    int update = 0, passed = 0, failed = 0;
    TSParser *p = ts_parser_new();
    ts_parser_set_language(p, tree_sitter_korrektur());
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--update") == 0) {
            update = 1;
            continue;
        }
        run_file(p, argv[i], update, &passed, &failed);
    }
    ts_parser_delete(p);
    printf("grammar corpus: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
