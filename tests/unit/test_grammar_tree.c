/* test_grammar_tree.c — the syntax tree a document keeps: `korrektur parse`
 * output, and incremental re-parsing after edits giving the same tree as a fresh
 * parse (the external scanner's state must survive node reuse). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

#include "engine.h"
#include "tree.h"

static char *sexp(kr_document *doc)
{
    const TSTree *t = kr_document_tree(doc);
    cr_assert_not_null(t);
    return ts_node_string(ts_tree_root_node(t));
}

static char *fresh_sexp(kr_document *doc)
{
    size_t len;
    const char *text = kr_document_text(doc, &len);
    kr_document *d2 = kr_document_new(text, len);
    char *s = sexp(d2);
    kr_document_free(d2);
    return s;
}

static const char DOC[] = "Nye legepladser\n\nSpørgsmål:\n\nHvor mange ”nye” er der?\n\n"
                          "Svar:\n\nDer er fire, se www.kommune.dk.\n\n• Et punkt\n- et andet\n\n"
                          "Nye legepladser Side 2\n\nVi bygger lege-\npladser til alle.\n";

Test(grammar_tree, parse_prints_the_structure)
{
    kr_document *doc = kr_document_new(DOC, strlen(DOC));
    char *out = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&out, &n);
    cr_assert_eq(kr_tree_print(doc, f), 0);
    fclose(f);
    const char *want[] = {"title [1:1-",
                          "question_label [3:1-3:13] \"Spørgsmål:\"",
                          "answer_label",
                          "quote",
                          "url",
                          "bullet_item",
                          "marker",
                          "page_header [14:1-",
                          "hyphen_break [16:11-17:8] \"lege-\\npladser\""};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        cr_assert(strstr(out, want[i]), "missing %s in:\n%s", want[i], out);
    free(out);
    kr_document_free(doc);
}

Test(grammar_tree, edit_turns_a_label_into_text_and_back)
{
    kr_document *doc = kr_document_new(DOC, strlen(DOC));
    char *s = sexp(doc);
    cr_assert(strstr(s, "answer_label"));
    free(s);
    const char *at = strstr(DOC, "Svar:");
    size_t pos = (size_t)(at - DOC) + 3;
    kr_document_edit(doc, pos, pos + 1, "t", 1); /* "Svat:" */
    s = sexp(doc);
    cr_assert_null(strstr(s, "answer_label"), "%s", s);
    free(s);
    kr_document_edit(doc, pos, pos + 1, "r", 1);
    s = sexp(doc);
    cr_assert(strstr(s, "answer_label"));
    free(s);
    kr_document_free(doc);
}

/* Moves pos back to the start of its UTF-8 character. */
static size_t char_start(const char *t, size_t pos)
{
    while (pos > 0 && ((unsigned char)t[pos] & 0xC0) == 0x80)
        pos--;
    return pos;
}

/* Random small edits at character boundaries, as an editor makes them (typing,
 * deleting, line breaks, quote marks, hyphens, labels): after each, the
 * incrementally updated tree equals a fresh parse. (Error recovery around split
 * UTF-8 sequences may differ between the two, as in any tree-sitter grammar.) */
Test(grammar_tree, incremental_equals_fresh)
{
    static const char *const inserts[] = {"a",       "\n", "\n\n", "-",      "-\n", "”", " ",
                                          "Svar:\n", "2",  "e ",   "Side 3", "•",   ":"};
    kr_document *doc = kr_document_new(DOC, strlen(DOC));
    free(sexp(doc));
    unsigned seed = 12345;
    for (int round = 0; round < 400; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len;
        const char *text = kr_document_text(doc, &len);
        size_t pos = char_start(text, len ? (seed >> 8) % len : 0);
        size_t end = pos;
        for (size_t k = (seed >> 4) % 3; k > 0 && end < len; k--) {
            end++; /* one whole character */
            while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)
                end++;
        }
        size_t del = end - pos;
        const char *ins = inserts[(seed >> 16) % (sizeof inserts / sizeof *inserts)];
        cr_assert_eq(kr_document_edit(doc, pos, pos + del, ins, strlen(ins)), 0);
        char *inc = sexp(doc), *fresh = fresh_sexp(doc);
        cr_assert_str_eq(inc, fresh, "round %d", round);
        free(inc);
        free(fresh);
    }
    kr_document_free(doc);
}

/* Every visible node with its byte range, in order. */
static void dump_nodes(TSNode root, FILE *f)
{
    TSTreeCursor c = ts_tree_cursor_new(root);
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&c);
        fprintf(f, "%s %u %u\n", ts_node_type(n), ts_node_start_byte(n), ts_node_end_byte(n));
        if (ts_tree_cursor_goto_first_child(&c))
            continue;
        while (!ts_tree_cursor_goto_next_sibling(&c))
            if (!ts_tree_cursor_goto_parent(&c)) {
                ts_tree_cursor_delete(&c);
                return;
            }
    }
}

static char *nodes_of(kr_document *doc)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    cr_assert_not_null(f);
    dump_nodes(ts_tree_root_node(kr_document_tree(doc)), f);
    fclose(f);
    return buf;
}

/* Random edits of a long document, each re-parsed tree held to a fresh parse's,
 * node ranges included. Steals text. */
static void edits_equal_fresh(char *text, size_t len, unsigned seed, int rounds)
{
    static const char *const inserts[] = {"a", "\n", "\n\n", "Svar:\n", "\nSvar:", "Spørgsmål:\n",
                                          ":", " ",  "ord ", "-\n",     "•",       "Side 3\n",
                                          "”"};
    kr_document *doc = kr_document_new(text, len);
    free(text);
    free(nodes_of(doc));
    for (int round = 0; round < rounds; round++) {
        seed = seed * 1103515245u + 12345u;
        const char *t = kr_document_text(doc, &len);
        size_t pos = char_start(t, len ? (seed >> 8) % len : 0);
        size_t del = (seed >> 4) % 4 == 0 ? 1 + (seed >> 20) % 12 : 0;
        if (pos + del > len)
            del = len - pos;
        while (pos + del < len && ((unsigned char)t[pos + del] & 0xC0) == 0x80)
            del++;
        const char *ins = inserts[(seed >> 16) % (sizeof inserts / sizeof *inserts)];
        cr_assert_eq(kr_document_edit(doc, pos, pos + del, ins, strlen(ins)), 0);
        t = kr_document_text(doc, &len);
        kr_document *d2 = kr_document_new(t, len);
        char *inc = nodes_of(doc), *fresh = nodes_of(d2);
        cr_assert(strcmp(inc, fresh) == 0, "round %d: the re-parsed tree differs", round);
        free(inc);
        free(fresh);
        kr_document_free(d2);
    }
    kr_document_free(doc);
}

/* A document without labels: its blocks are grouped the same way (grammar.js,
 * _blocks), by zero-width tokens before blocks that follow a blank line. */
Test(grammar_tree, incremental_equals_fresh_without_labels)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    fputs("Nye legepladser\n\n", f);
    for (int i = 0; i < 700; i++)
        fprintf(f, "%s afsnit nr. %d (%c%c) om legepladser,\nog en linje mere.\n\n%s",
                i % 5 ? "Et" : "- et", i, 'a' + i % 26, 'a' + i / 26 % 26,
                i % 9 ? "" : "Nye legepladser Side 4\n\n");
    fclose(f);
    edits_equal_fresh(text, len, 4242, 250);
}

/* A long document's sections are grouped in hidden nodes whose ends the scanner
 * picks from a hash of the words before each label (grammar.js): edits that
 * make, break and move labels, blank lines and words must still give the tree of
 * a fresh parse. */
Test(grammar_tree, incremental_equals_fresh_in_a_long_document)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert_not_null(f);
    fputs("Nye legepladser\n\n", f);
    for (int i = 0; i < 240; i++)
        fprintf(f,
                "Spørgsmål:\n\nHvor mange legepladser nr. %d (%c%c) er der?\n\nSvar:\n\n"
                "Der er %d, se www.kommune.dk.\n%s\n",
                i, 'a' + i % 26, 'a' + i / 26, i * 7, i % 3 ? "" : "\nEt afsnit mere her.\n");
    fclose(f);
    edits_equal_fresh(text, len, 777, 300);
}
