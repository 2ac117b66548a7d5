/* tree.h — printing a document's syntax tree (`korrektur parse FILE`). */
#ifndef KR_TREE_H
#define KR_TREE_H

#include <stdio.h>

#include "korrektur/document.h"

/* Prints the tree of `doc` to `out`, one node per line, indented by depth, with
 * its kind, its line:column range (1-based, bytes) and, for leaves, the text.
 * Returns 0, or -1 when the document has no tree (no grammar, no parser). */
int kr_tree_print(kr_document *doc, FILE *out);

#endif
