/* tree.c — prints a document's syntax tree for `korrektur parse FILE`: one named
 * node per line, indented by depth, with its field name, its range as
 * line:column-line:column (1-based; columns count bytes) and, for a leaf, its text.
 * Meant for people reading the structure korrektur sees (labels, page headers,
 * hyphen breaks), so ERROR and MISSING nodes are printed as such. */
#include <tree_sitter/api.h>

#include "engine.h"
#include "tree.h"

/* The text of [start, end), quoted, with line breaks and control bytes escaped
 * and long text shortened. */
static void print_text(FILE *out, const char *text, size_t start, size_t end)
{
    enum { MAX = 60 };
    fputs(" \"", out);
    size_t n = 0;
    for (size_t i = start; i < end; i++, n++) {
        unsigned char c = (unsigned char)text[i];
        /* stop shortening only between UTF-8 characters */
        if (n >= MAX && (c & 0xC0) != 0x80) {
            fputs("...", out);
            break;
        }
        if (c == '\n')
            fputs("\\n", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c < 0x20 || c == 0x7F)
            fprintf(out, "\\x%02x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void print_node(FILE *out, TSTreeCursor *c, const char *text, size_t len, int depth)
{
    TSNode n = ts_tree_cursor_current_node(c);
    const char *field = ts_tree_cursor_current_field_name(c);
    TSPoint a = ts_node_start_point(n), b = ts_node_end_point(n);
    fprintf(out, "%*s", depth * 2, "");
    if (field)
        fprintf(out, "%s: ", field);
    fprintf(out, "%s%s [%u:%u-%u:%u]", ts_node_is_missing(n) ? "MISSING " : "", ts_node_type(n),
            a.row + 1, a.column + 1, b.row + 1, b.column + 1);
    size_t s = ts_node_start_byte(n), e = ts_node_end_byte(n);
    if (ts_node_named_child_count(n) == 0 && e <= len && s < e)
        print_text(out, text, s, e);
    fputc('\n', out);
}

int kr_tree_print(kr_document *doc, FILE *out)
{
    const TSTree *tree = kr_document_tree(doc);
    if (!tree)
        return -1;
    size_t len;
    const char *text = kr_document_text(doc, &len);
    TSTreeCursor c = ts_tree_cursor_new(ts_tree_root_node(tree));
    int depth = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&c);
        if (ts_node_is_named(n) || ts_node_is_missing(n))
            print_node(out, &c, text, len, depth);
        if (ts_tree_cursor_goto_first_child(&c)) {
            depth++;
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&c)) {
            if (!ts_tree_cursor_goto_parent(&c)) {
                ts_tree_cursor_delete(&c);
                return ferror(out) ? -1 : 0;
            }
            depth--;
        }
    }
}
