/* test_tokenizer_symbols.c — the word tokenizer (server/analysis.c) tells the
 * letters of non-ASCII text (æøå, accented Latin, a decomposed å) from symbols
 * (emoji, dashes, bullets, no-break spaces): a symbol glued to a word is not part
 * of the word, so a diagnostic's range and its fix leave the emoji alone
 * (issue #8). Texts are written for the test. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "korrektur/korrektur.h"

typedef struct {
    kr_arena arena;
    kr_document *doc;
    kr_analysis an;
    const char *text;
} fixture;

static void build(fixture *f, const char *text)
{
    kr_arena_init(&f->arena, 4096);
    f->doc = kr_document_new(text, strlen(text));
    size_t len;
    f->text = kr_document_text(f->doc, &len);
    kr_analysis_build(&f->an, &f->arena, f->text, len, kr_document_tree(f->doc));
}

static void done(fixture *f)
{
    kr_arena_release(&f->arena);
    kr_document_free(f->doc);
}

/* The token whose chunk starts at the first occurrence of `chunk`. */
static const kr_token *chunk_token(const fixture *f, const char *chunk)
{
    const char *at = strstr(f->text, chunk);
    cr_assert_not_null(at, "no chunk %s", chunk);
    for (size_t i = 0; i < f->an.n_tokens; i++)
        if (f->an.tokens[i].ws_start == (size_t)(at - f->text))
            return &f->an.tokens[i];
    return NULL;
}

static void assert_core(const fixture *f, const char *chunk, const char *core, kr_token_kind kind)
{
    const kr_token *t = chunk_token(f, chunk);
    cr_assert_not_null(t, "no token for chunk %s", chunk);
    size_t n = t->end - t->start;
    cr_assert(n == strlen(core) && memcmp(f->text + t->start, core, n) == 0,
              "chunk %s: token is %.*s, want %s", chunk, (int)n, f->text + t->start, core);
    cr_assert_eq(t->kind, kind, "chunk %s: kind %d", chunk, t->kind);
}

Test(tokenizer_symbols, symbols_glued_to_words_are_not_letters)
{
    fixture f;
    build(&f, "Spørgsmål:\n"
              "\n"
              "Vi elsker cykelsti😀 og ❤️børn, også på vejen–ikke i bilen–\n"
              "• punkt •ord «citat» græsplæne\xC2\xA0 10\xC2\xA0"
              "000 kr. café cafe\xCC\x81 a\xCC\x8Ale 👍🏽\n");
    assert_core(&f, "cykelsti😀", "cykelsti", KR_TOK_WORD);
    assert_core(&f, "❤️børn,", "børn", KR_TOK_WORD);
    assert_core(&f, "vejen–ikke", "vejen–ikke", KR_TOK_WORD); /* inside stays */
    assert_core(&f, "bilen–", "bilen", KR_TOK_WORD);
    assert_core(&f, "•ord", "ord", KR_TOK_WORD);
    assert_core(&f, "græsplæne\xC2\xA0", "græsplæne", KR_TOK_WORD);
    /* a no-break space inside a number is no letter: still a number */
    assert_core(&f,
                "10\xC2\xA0"
                "000",
                "10\xC2\xA0"
                "000",
                KR_TOK_NUMBER);
    assert_core(&f, "café", "café", KR_TOK_WORD);
    assert_core(&f, "cafe\xCC\x81", "cafe\xCC\x81", KR_TOK_WORD); /* combining accent */
    assert_core(&f, "a\xCC\x8Ale", "a\xCC\x8Ale", KR_TOK_WORD);   /* decomposed å */
    cr_assert_null(chunk_token(&f, "👍🏽"), "an emoji alone is no word");
    cr_assert_null(chunk_token(&f, "• punkt"), "a bullet alone is no word");
    done(&f);
}

/* What the user sees: the flagged range and the fix stop before the emoji, and
 * applying the fix keeps it. */
/* The tokenizer strips and classifies a chunk of plain ASCII by a table of byte
 * classes and one of multi-byte characters by decoding them: both give the
 * tokens the rules have always seen (punctuation and quotes stripped, URLs,
 * numbers and e-mail addresses told apart, long words read eight bytes at a
 * time, the last word of a text without a final line break). */
Test(tokenizer_symbols, ascii_and_multibyte_chunks_are_stripped_and_classified)
{
    fixture f;
    build(&f, "Titel\n\nSvar:\n(ord), \"citat\" 'x' www.kommune.dk http://a.b/c kr. 12.000 3-4 "
              "s@g navn@kommune.dk a/b ... 12 A1 -- foo_bar <tag> igangværende, "
              "«Smabørnsløftet» kommunalbestyrelsesmedlemmer. slut");
    assert_core(&f, "(ord),", "ord", KR_TOK_WORD);
    assert_core(&f, "\"citat\"", "citat", KR_TOK_WORD);
    cr_assert(chunk_token(&f, "\"citat\"")->flags & KR_TOKF_QUOTED);
    assert_core(&f, "'x'", "x", KR_TOK_WORD);
    assert_core(&f, "www.kommune.dk", "www.kommune.dk", KR_TOK_URL);
    assert_core(&f, "http://a.b/c", "http://a.b/c", KR_TOK_URL);
    assert_core(&f, "kr.", "kr", KR_TOK_WORD);
    assert_core(&f, "12.000", "12.000", KR_TOK_NUMBER);
    assert_core(&f, "3-4", "3-4", KR_TOK_NUMBER);
    assert_core(&f, "s@g", "s@g", KR_TOK_WORD);
    assert_core(&f, "navn@kommune.dk", "navn@kommune.dk", KR_TOK_OTHER);
    assert_core(&f, "a/b", "a/b", KR_TOK_OTHER);
    cr_assert_null(chunk_token(&f, "..."), "punctuation alone is no token");
    assert_core(&f, "12 ", "12", KR_TOK_NUMBER);
    assert_core(&f, "A1", "A1", KR_TOK_WORD);
    assert_core(&f, "--", "--", KR_TOK_WORD);
    assert_core(&f, "foo_bar", "foo_bar", KR_TOK_OTHER);
    assert_core(&f, "<tag>", "tag", KR_TOK_WORD);
    assert_core(&f, "igangværende,", "igangværende", KR_TOK_WORD);
    assert_core(&f, "«Smab", "Smabørnsløftet", KR_TOK_WORD);
    cr_assert(chunk_token(&f, "«Smab")->flags & KR_TOKF_QUOTED);
    assert_core(&f, "kommunalbestyrelsesmedlemmer.", "kommunalbestyrelsesmedlemmer", KR_TOK_WORD);
    assert_core(&f, "slut", "slut", KR_TOK_WORD);
    cr_assert(chunk_token(&f, "slut")->flags & KR_TOKF_LINE_END);
    done(&f);
}

Test(tokenizer_symbols, a_fix_does_not_swallow_an_emoji)
{
    kr_lexicon *lex = kr_lexicon_new();
    kr_linter *l = kr_linter_new(NULL, lex);
    const char *text = "Spørgsmål:\n\nEr der nok plads til bgrns😀 cykler i byen?\n";
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(l, doc);
    size_t at = (size_t)(strstr(text, "bgrns") - text), emoji = at + 5;
    bool found = false;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (kr_diagnostic_start(d) != at)
            continue;
        found = true;
        cr_assert_eq(kr_diagnostic_end(d), emoji, "range %zu-%zu swallows the emoji",
                     kr_diagnostic_start(d), kr_diagnostic_end(d));
        for (size_t k = 0; k < kr_diagnostic_fix_count(d); k++) {
            const kr_fix *fx = kr_diagnostic_fix(d, k);
            for (size_t j = 0; j < kr_fix_edit_count(fx); j++) {
                const kr_edit *e = kr_fix_edit(fx, j);
                cr_assert_leq(e->end, emoji, "a fix edits the emoji");
                cr_assert_null(memmem(e->text, e->len, "😀", 4));
            }
        }
    }
    cr_assert(found, "bgrns is not flagged");
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    kr_linter_free(l);
    kr_lexicon_free(lex);
}
