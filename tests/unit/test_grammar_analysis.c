/* test_grammar_analysis.c — the analysis rules read (kr_analysis_build): blocks
 * from the syntax tree (title, labels with their kind even when OCR-damaged,
 * paragraphs, bullets, page headers) and tokens with punctuation stripped,
 * classified and flagged; also without a tree. Texts are written for the test. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "engine.h"

typedef struct {
    kr_arena arena;
    kr_document *doc;
    kr_analysis an;
    const char *text;
} fixture;

static void build(fixture *f, const char *text, bool with_tree)
{
    kr_arena_init(&f->arena, 4096);
    f->doc = kr_document_new(text, strlen(text));
    size_t len;
    f->text = kr_document_text(f->doc, &len);
    kr_analysis_build(&f->an, &f->arena, f->text, len, with_tree ? kr_document_tree(f->doc) : NULL);
}

static void done(fixture *f)
{
    kr_arena_release(&f->arena);
    kr_document_free(f->doc);
}

/* The token whose core text is `s` (the first), or NULL. */
static const kr_token *token(const fixture *f, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < f->an.n_tokens; i++) {
        const kr_token *t = &f->an.tokens[i];
        if (t->end - t->start == n && memcmp(f->text + t->start, s, n) == 0)
            return t;
    }
    return NULL;
}

static const kr_token *must(const fixture *f, const char *s)
{
    const kr_token *t = token(f, s);
    cr_assert_not_null(t, "no token %s", s);
    return t;
}

static const char DOC[] = "Bedre skoleveje\n"
                          "\n"
                          "Spergsmal:\n"
                          "\n"
                          "Hvad gør initiativet ”Skolevejsløftet” (https://skoleveje.dk/) for\n"
                          "de 1.000 børn, og er der 0og s@g i teksten?\n"
                          "\n"
                          "Svar :\n"
                          "\n"
                          "Vi formidler igangvæ-\n"
                          "rende arbejde, skriv til info@kommune.dk eller ret /etc/hosts.\n"
                          "\n"
                          "• Første punkt\n"
                          "\n"
                          "Bedre skoleveje Side 2\n"
                          "\n"
                          "Sidste afsnit.\n";

Test(grammar_analysis, blocks_from_the_tree)
{
    fixture f;
    build(&f, DOC, true);
    const kr_block *b = f.an.blocks;
    kr_block_kind want[] = {KR_BLOCK_TITLE,       KR_BLOCK_LABEL,     KR_BLOCK_PARAGRAPH,
                            KR_BLOCK_LABEL,       KR_BLOCK_PARAGRAPH, KR_BLOCK_BULLET,
                            KR_BLOCK_PAGE_HEADER, KR_BLOCK_PARAGRAPH};
    cr_assert_eq(f.an.n_blocks, sizeof want / sizeof *want);
    for (size_t i = 0; i < f.an.n_blocks; i++)
        cr_assert_eq(b[i].kind, want[i], "block %zu", i);
    cr_assert_eq(f.an.title_block, 0);
    cr_assert_eq(b[1].label, KR_LABEL_QUESTION);
    cr_assert_eq(b[3].label, KR_LABEL_ANSWER);
    /* ranges: the title line without its line break; a paragraph up to its last
     * character, without the blank line after it */
    cr_assert_eq(b[0].start, 0);
    cr_assert_eq(b[0].end, strlen("Bedre skoleveje"));
    cr_assert_eq(f.text[b[2].end - 1], '?');
    cr_assert_eq(memcmp(f.text + b[6].start, "Bedre skoleveje Side 2", 22), 0);
    cr_assert_eq(b[6].end - b[6].start, 22);
    done(&f);
}

Test(grammar_analysis, tokens_strip_punctuation_and_classify)
{
    fixture f;
    build(&f, DOC, true);
    const kr_token *t = must(&f, "Skolevejsløftet");
    cr_assert_eq(t->kind, KR_TOK_WORD);
    cr_assert(t->flags & KR_TOKF_QUOTED);
    cr_assert_eq(f.text[t->ws_start], (char)0xE2); /* the chunk keeps the quote marks */
    t = must(&f, "https://skoleveje.dk/");
    cr_assert_eq(t->kind, KR_TOK_URL);
    cr_assert_eq(f.text[t->ws_start], '(');
    cr_assert_eq(must(&f, "1.000")->kind, KR_TOK_NUMBER);
    cr_assert_eq(must(&f, "0og")->kind, KR_TOK_WORD);
    cr_assert_eq(must(&f, "s@g")->kind, KR_TOK_WORD);
    cr_assert_eq(must(&f, "info@kommune.dk")->kind, KR_TOK_OTHER);
    cr_assert_eq(must(&f, "/etc/hosts")->kind, KR_TOK_OTHER);
    cr_assert_eq(must(&f, "børn")->kind, KR_TOK_WORD); /* "børn," without the comma */
    cr_assert_not(must(&f, "initiativet")->flags & KR_TOKF_QUOTED);
    cr_assert_null(token(&f, "•"), "punctuation-only chunks are dropped");
    done(&f);
}

Test(grammar_analysis, line_flags_and_hyphen_end)
{
    fixture f;
    build(&f, DOC, true);
    const kr_token *t = must(&f, "igangvæ-");
    cr_assert(t->flags & KR_TOKF_HYPHEN_END);
    cr_assert(t->flags & KR_TOKF_LINE_END);
    cr_assert(must(&f, "rende")->flags & KR_TOKF_LINE_START);
    cr_assert_not(must(&f, "formidler")->flags & (KR_TOKF_LINE_START | KR_TOKF_LINE_END));
    cr_assert(must(&f, "Hvad")->flags & KR_TOKF_LINE_START);
    done(&f);
}

Test(grammar_analysis, tokens_know_their_block)
{
    fixture f;
    build(&f, DOC, true);
    cr_assert_eq(f.an.blocks[must(&f, "Spergsmal")->block].kind, KR_BLOCK_LABEL);
    cr_assert_eq(f.an.blocks[must(&f, "Første")->block].kind, KR_BLOCK_BULLET);
    cr_assert_eq(f.an.blocks[must(&f, "Side")->block].kind, KR_BLOCK_PAGE_HEADER);
    cr_assert_eq(f.an.blocks[must(&f, "Sidste")->block].kind, KR_BLOCK_PARAGRAPH);
    for (size_t i = 1; i < f.an.n_tokens; i++)
        cr_assert_geq(f.an.tokens[i].block, f.an.tokens[i - 1].block);
    done(&f);
}

Test(grammar_analysis, hyphen_before_a_blank_line_does_not_continue)
{
    fixture f;
    build(&f, "Titel\n\nSvar:\n\nVi ser på ele-\n\nverne senere.\n", true);
    cr_assert_not(must(&f, "ele-")->flags & KR_TOKF_HYPHEN_END);
    done(&f);
}

Test(grammar_analysis, quote_across_a_hyphen_break)
{
    fixture f;
    build(&f, "Titel\n\nSvar:\n\nAlliancen ”Skole-\nvejsløftet” er ny og vi ser frem.\n", true);
    cr_assert(must(&f, "Skole-")->flags & KR_TOKF_QUOTED);
    cr_assert(must(&f, "vejsløftet")->flags & KR_TOKF_QUOTED);
    cr_assert_not(must(&f, "ny")->flags & KR_TOKF_QUOTED);
    done(&f);
}

Test(grammar_analysis, without_a_tree_runs_of_lines_are_paragraphs)
{
    fixture f;
    build(&f, DOC, false);
    cr_assert_eq(f.an.n_blocks, 8);
    for (size_t i = 0; i < f.an.n_blocks; i++)
        cr_assert_eq(f.an.blocks[i].kind, KR_BLOCK_PARAGRAPH);
    cr_assert_eq(f.an.title_block, SIZE_MAX);
    cr_assert_eq(must(&f, "https://skoleveje.dk/")->kind, KR_TOK_URL);
    done(&f);
}

Test(grammar_analysis, empty_and_blank_documents)
{
    fixture f;
    build(&f, "", true);
    cr_assert_eq(f.an.n_blocks, 0);
    cr_assert_eq(f.an.n_tokens, 0);
    done(&f);
    build(&f, "\n \n\t\n", true);
    cr_assert_eq(f.an.n_tokens, 0);
    done(&f);
}

/* The real document the project is about parses into question and answer
 * sections, OCR-damaged label and page header included (when ../shared is there). */
static void seed(const char *path, bool header)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        cr_skip_test("%s not found", path);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, fp);
    fclose(fp);
    buf[n] = '\0';
    fixture f;
    build(&f, buf, true);
    size_t q = 0, a = 0, h = 0;
    for (size_t i = 0; i < f.an.n_blocks; i++) {
        q += f.an.blocks[i].label == KR_LABEL_QUESTION;
        a += f.an.blocks[i].label == KR_LABEL_ANSWER;
        h += f.an.blocks[i].kind == KR_BLOCK_PAGE_HEADER;
    }
    cr_assert_eq(q, 1, "%s: question labels", path);
    cr_assert_eq(a, 1, "%s: answer labels", path);
    cr_assert_eq(h, header ? 1 : 0, "%s: page headers", path);
    cr_assert_neq(f.an.title_block, SIZE_MAX);
    done(&f);
}

Test(grammar_analysis, seed_documents)
{
    seed("../../shared/corpus/seed/seed.clean.txt", true);
    seed("../../shared/corpus/seed/seed.ocr.txt", false); /* OCR lost the header line */
}
