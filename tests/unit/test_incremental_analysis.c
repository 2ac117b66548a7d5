/* test_incremental_analysis.c — the analysis kept between lints
 * (kr_analysis_update) equals a fresh kr_analysis_build of the same text after
 * random edits: every token's offsets, kind, flags and block. The edits aim at
 * what a window of re-tokenised lines could get wrong: quotes carried across a
 * hyphen break, line-end hyphens whose next line starts or stops with text, line
 * breaks inserted and removed, a byte order mark, CRLF, emoji and cut UTF-8. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "korrektur/korrektur.h"
#include "rule_support.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static size_t rnd(size_t n)
{
    return rule_rnd(&rng, n);
}

static const char START[] = "\xEF\xBB\xBF"
                            "Bedre cykelstier i byen\n"
                            "\n"
                            "Spørgsmål:\n"
                            "\n"
                            "Hvad betyder »Cykelløftet« for de mindste bgrns skolevej, og hvornår\n"
                            "bliver \"den nye plan for igangvæ-\n"
                            "rende projekter\" færdig? Se https://cykel.dk/plan.\r\n"
                            "\n"
                            "Svar:\n"
                            "\n"
                            "• Vi har afsat 1.000 kr. til sma cykelsti😀 og ”stier–”\n"
                            "  - ikke til veje.\n"
                            "\n"
                            "Bedre cykelstier i byen Side 2\n"
                            "\n"
                            "Det sidste afsnit slutter her uden linjeskift";

static void random_edit(kr_document *doc)
{
    static const char *const ins[] = {
        "a",           "ø", " ", "\n",   "\n\n",     "-",  "-\n", "\"",   "»",
        "«",           "”", "😀", "\r\n", "Side 3\n", "x-", "\t",  "\xC3", "ord-\nord \"citat",
        "\xEF\xBB\xBF"};
    size_t len;
    kr_document_text(doc, &len);
    size_t at = rnd(len + 1);
    if (rnd(3) == 0 && len > 4) {
        size_t k = 1 + rnd(4);
        kr_document_edit(doc, at, at + k, "", 0);
    } else {
        const char *s = ins[rnd(sizeof ins / sizeof ins[0])];
        kr_document_edit(doc, at, at, s, strlen(s));
    }
}

static void assert_same(const kr_analysis *inc, const kr_analysis *full, int step)
{
    cr_assert_eq(inc->n_blocks, full->n_blocks, "edit %d: %zu blocks, fresh %zu", step,
                 inc->n_blocks, full->n_blocks);
    cr_assert_eq(inc->title_block, full->title_block, "edit %d: title block", step);
    for (size_t i = 0; i < full->n_blocks; i++) {
        const kr_block *a = &inc->blocks[i], *b = &full->blocks[i];
        cr_assert(a->kind == b->kind && a->label == b->label && a->start == b->start &&
                      a->end == b->end,
                  "edit %d, block %zu: %d/%d %zu-%zu, fresh %d/%d %zu-%zu", step, i, a->kind,
                  a->label, a->start, a->end, b->kind, b->label, b->start, b->end);
    }
    cr_assert_eq(inc->n_tokens, full->n_tokens, "edit %d: %zu tokens, fresh %zu", step,
                 inc->n_tokens, full->n_tokens);
    for (size_t i = 0; i < full->n_tokens; i++) {
        const kr_token *a = &inc->tokens[i], *b = &full->tokens[i];
        cr_assert(a->start == b->start && a->end == b->end && a->ws_start == b->ws_start &&
                      a->ws_end == b->ws_end && a->kind == b->kind && a->flags == b->flags &&
                      a->block == b->block,
                  "edit %d, token %zu: %u-%u k%d f%d b%u, fresh %u-%u k%d f%d b%u", step, i,
                  a->start, a->end, a->kind, a->flags, a->block, b->start, b->end, b->kind,
                  b->flags, b->block);
    }
}

Test(incremental_analysis, random_edits_give_the_fresh_tokens)
{
    kr_document *doc = kr_document_new(START, strlen(START));
    kr_analysis_memo *memo = NULL;
    kr_arena arena;
    kr_arena_init(&arena, 64 * 1024);
    for (int step = 0; step < 60000; step++) {
        if (step)
            random_edit(doc);
        if (step % 4 && step < 59990)
            continue; /* several edits between updates, too */
        size_t len;
        const char *text = kr_document_text(doc, &len);
        const TSTree *tree = kr_document_tree(doc);
        kr_analysis inc, full;
        kr_analysis_update(&inc, &memo, &arena, text, len, tree, kr_document_take_changes(doc));
        kr_analysis_build(&full, &arena, text, len, tree);
        assert_same(&inc, &full, step);
        kr_arena_reset(&arena);
    }
    kr_analysis_memo_free(memo);
    kr_arena_release(&arena);
    kr_document_free(doc);
}

/* A first lint may be given the whole text's tokens, made by the prefetch
 * thread while the text was parsed (kr_analysis_tokenize): the memo that adopts
 * them equals a fresh build, on text after text of edits, and so do the
 * updates that follow from it. Tokens given to a memo that is not new are
 * freed and ignored. */
Test(incremental_analysis, a_first_update_given_the_tokens_equals_a_fresh_build)
{
    kr_document *doc = kr_document_new(START, strlen(START));
    kr_arena arena;
    kr_arena_init(&arena, 64 * 1024);
    for (int round = 0; round < 300; round++) {
        for (int k = 0; k < 10; k++)
            random_edit(doc);
        kr_document_take_changes(doc);
        size_t len, n, cap;
        const char *text = kr_document_text(doc, &len);
        const TSTree *tree = kr_document_tree(doc);
        kr_analysis_memo *memo = NULL;
        kr_analysis given, full;
        kr_token *made = kr_analysis_tokenize(text, len, &n, &cap);
        cr_assert(n < cap, "round %d: %zu tokens in room for %zu", round, n, cap);
        kr_analysis_update_given(&given, &memo, &arena, text, len, tree, (kr_changes){0}, made, n,
                                 cap);
        kr_analysis_build(&full, &arena, text, len, tree);
        assert_same(&given, &full, round);
        for (int k = 0; k < 3; k++)
            random_edit(doc);
        text = kr_document_text(doc, &len);
        tree = kr_document_tree(doc);
        kr_changes ch = kr_document_take_changes(doc);
        made = kr_analysis_tokenize(text, len, &n, &cap); /* not a first update: ignored */
        kr_analysis_update_given(&given, &memo, &arena, text, len, tree, ch, made, n, cap);
        kr_analysis_build(&full, &arena, text, len, tree);
        assert_same(&given, &full, round);
        kr_analysis_memo_free(memo);
        kr_arena_reset(&arena);
    }
    kr_arena_release(&arena);
    kr_document_free(doc);
}

/* A long document (its sections grouped in the tree, grammar.js): the blocks
 * kept between lints (only those around the edit and the tree's changed ranges
 * are read again) and the tokens equal a fresh build's, after edits that make
 * and break labels and paragraphs, one or several between updates. The fresh
 * build reads a fresh parse, so the incremental tree is held to it as well. */
Test(incremental_analysis, random_edits_in_a_long_document_give_the_fresh_blocks)
{
    static const char *const ins[] = {
        "a", "\n",  "\n\n", "Svar:\n",  "\nSvar:", "Spørgsmål:\n", ":",
        " ", "-\n", "• ",   "Side 3\n", "\"",      "\nTitel\n\n"};
    char *start = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&start, &len);
    cr_assert_not_null(f);
    fputs("Nye legepladser\n\n", f);
    for (int i = 0; i < 200; i++)
        fprintf(f,
                "Spørgsmål:\n\nHvor mange legepladser nr. %d (%c%c) er der?\n\nSvar:\n\n"
                "Der er %d, se www.kommune.dk.\n%s\n",
                i, 'a' + i % 26, 'a' + i / 26, i * 7, i % 3 ? "" : "\n• Et punkt mere her.\n");
    fclose(f);
    kr_document *doc = kr_document_new(start, len);
    free(start);
    kr_analysis_memo *memo = NULL;
    kr_arena arena;
    kr_arena_init(&arena, 64 * 1024);
    for (int step = 0; step < 1500; step++) {
        if (step) {
            const char *t = kr_document_text(doc, &len);
            size_t at = rnd(len + 1);
            while (at < len && ((unsigned char)t[at] & 0xC0) == 0x80)
                at++;
            if (rnd(4) == 0 && at + 3 < len)
                kr_document_edit(doc, at, at + 1 + rnd(3), "", 0);
            else {
                const char *s = ins[rnd(sizeof ins / sizeof ins[0])];
                kr_document_edit(doc, at, at, s, strlen(s));
            }
        }
        if (step % 3 == 1)
            continue; /* several edits between updates, too */
        if (step % 5 == 2)
            kr_document_tree(doc); /* a re-parse before the lint's (an outline request) */
        if (step % 3 == 2)
            continue;
        const char *text = kr_document_text(doc, &len);
        const TSTree *tree = kr_document_tree(doc);
        kr_analysis inc, full;
        kr_analysis_update(&inc, &memo, &arena, text, len, tree, kr_document_take_changes(doc));
        kr_document *fresh_doc = kr_document_new(text, len);
        kr_analysis_build(&full, &arena, text, len, kr_document_tree(fresh_doc));
        assert_same(&inc, &full, step);
        kr_document_free(fresh_doc);
        kr_arena_reset(&arena);
    }
    kr_analysis_memo_free(memo);
    kr_arena_release(&arena);
    kr_document_free(doc);
}

/* The line index kept up to date by kr_document_edit equals a fresh document's:
 * every line's start and end, and the line and position of every offset. */
Test(incremental_analysis, random_edits_give_the_fresh_line_index)
{
    kr_document *doc = kr_document_new(START, strlen(START));
    for (int step = 0; step < 3000; step++) {
        random_edit(doc);
        size_t len;
        const char *text = kr_document_text(doc, &len);
        kr_document *fresh = kr_document_new(text, len);
        size_t n = kr_document_line_count(fresh);
        cr_assert_eq(kr_document_line_count(doc), n, "edit %d: line count", step);
        for (size_t i = 0; i < n; i++) {
            cr_assert_eq(kr_document_line_start(doc, i), kr_document_line_start(fresh, i),
                         "edit %d: line %zu start", step, i);
            cr_assert_eq(kr_document_line_end(doc, i), kr_document_line_end(fresh, i),
                         "edit %d: line %zu end", step, i);
        }
        size_t at = rnd(len + 1);
        kr_position a = kr_document_position(doc, at, KR_ENC_UTF16);
        kr_position b = kr_document_position(fresh, at, KR_ENC_UTF16);
        cr_assert(a.line == b.line && a.character == b.character, "edit %d: position of %zu", step,
                  at);
        kr_document_free(fresh);
    }
    kr_document_free(doc);
}
