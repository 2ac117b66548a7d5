/* test_properties.c — invariants of lint and fix, checked on hundreds of
 * generated documents: question-and-answer documents built from a small Danish
 * vocabulary, damaged the way OCR and PDF extraction damage them (æøå read as
 * other letters or dropped, words split by line-end hyphens, stray digits, lost
 * spaces, bullet glyphs read as letters), with LF or CRLF line ends, with or
 * without a BOM and a final newline, sometimes with emoji or stray bytes.
 *
 * For every document: diagnostics lie inside the text on character boundaries,
 * fixes are well formed and the preferred ones never overlap, `fix` changes no
 * byte outside its edits, keeps the BOM, the line ends and the (missing) final
 * newline, and is idempotent; CRLF and a BOM change nothing about what is fixed;
 * clean documents are left alone. The checks themselves are tests/fuzz/invariants.h,
 * shared with the fuzz harnesses. A failure names the seed that reproduces it. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../fuzz/invariants.h"
#include "korrektur/korrektur.h"
#include "rule_support.h"

#define N_DOCS 150

/* ---- a growable byte buffer ------------------------------------------------------ */
typedef struct {
    char *t;
    size_t len, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->t = realloc(b->t, b->cap);
    }
    memcpy(b->t + b->len, s, n);
    b->len += n;
    b->t[b->len] = '\0';
}

static void puts_(buf *b, const char *s)
{
    put(b, s, strlen(s));
}

/* ---- deterministic randomness ------------------------------------------------------ */
static uint64_t rng;

static unsigned rnd(unsigned n)
{
    return (unsigned)rule_rnd(&rng, n);
}

static void seed(unsigned s)
{
    rng = 0x9E3779B97F4A7C15ull * (s + 1);
    rnd(2);
}

#define PICK(arr) (arr)[rnd(sizeof(arr) / sizeof *(arr))]

/* ---- the vocabulary: common Danish words, many with æøå ----------------------------- */
static const char *const words[] = {
    "kommunen",    "skolerne",    "børnene",      "forældrene",  "området",
    "være",        "få",          "små",          "større",      "ændret",
    "udvikling",   "legepladser", "cykelstier",   "budgettet",   "forvaltningen",
    "vurdering",   "sundhed",     "trivsel",      "dialog",      "samarbejde",
    "inden",       "for",         "med",          "og",          "i",
    "på",          "til",         "at",           "det",         "er",
    "vil",         "kan",         "skal",         "de",          "en",
    "et",          "som",         "har",          "år",          "måneder",
    "følger",      "op",          "hvordan",      "gerne",       "høre",
    "sikker",      "skolevej",    "undervisning", "pædagogerne", "økonomi",
    "næste",       "gå",          "også",         "både",        "mål",
    "tilbud",      "familier",    "byrådet",      "besluttet",   "løsning",
    "spørgsmålet", "borgerne",    "sagen",        "først",       "efter",
    "længe",       "vi",          "nu",           "dem",         "alle",
    "mange",       "flere",
};
static const char *const long_words[] = {
    "igangværende",      "undervisningen",         "sundhedsplejen",   "forældresamarbejdet",
    "trafiksikkerheden", "udviklingsmulighederne", "skolebestyrelsen", "legepladserne",
};
static const char *const titles[] = {
    "Cykelstier ved skolerne", "Legepladser i bydelen", "Økonomi for dagtilbud",
    "Trivsel på skolerne",     "Ændret åbningstid",     "Sundhedsplejen i området",
};

/* OCR damage of one word: æøå read as other glyphs or dropped, a stray digit. */
static void damage(buf *b, const char *w)
{
    unsigned kind = rnd(5);
    if (kind == 3 && !strcmp(w, "og")) {
        puts_(b, "0og");
        return;
    }
    for (const char *p = w; *p;) {
        if (!strncmp(p, "ø", 2) && kind < 3) {
            puts_(b, kind == 0 ? "g" : kind == 1 ? "o" : "e");
            p += 2;
        } else if (!strncmp(p, "æ", 2) && kind < 3) {
            puts_(b, kind == 0 ? "ee" : kind == 1 ? "ae" : "e");
            p += 2;
        } else if (!strncmp(p, "å", 2) && kind < 3) {
            puts_(b, "a");
            p += 2;
        } else {
            put(b, p, 1);
            p++;
        }
    }
}

typedef struct {
    bool crlf, bom, final_nl, damaged, exotic;
} shape;

static void newline(buf *b, const shape *s)
{
    puts_(b, s->crlf ? "\r\n" : "\n");
}

/* A paragraph wrapped at ~60 columns; damaged documents split long words at the
 * line end with a hyphen, lose spaces and gain bullet-glyph letters. */
static void paragraph(buf *b, const shape *s, bool bullet)
{
    unsigned n = 8 + rnd(30), col = 0;
    if (bullet)
        puts_(b, s->damaged && rnd(3) == 0 ? "e " : "• "), col = 2;
    for (unsigned i = 0; i < n; i++) {
        bool is_long = rnd(6) == 0;
        const char *w = is_long ? PICK(long_words) : PICK(words);
        size_t wl = strlen(w);
        if (col + wl > 60 && col > 0) {
            if (s->damaged && is_long && rnd(2) == 0) { /* split: igangvæ-⏎rende */
                size_t cut = wl / 2;
                while (cut > 1 && ((unsigned char)w[cut] & 0xC0) == 0x80)
                    cut--;
                buf part = {0};
                put(&part, w, cut);
                puts_(b, part.t);
                free(part.t);
                puts_(b, "-");
                newline(b, s);
                puts_(b, w + cut);
                col = (unsigned)(wl - cut);
                if (i + 1 < n)
                    puts_(b, " ");
                continue;
            }
            newline(b, s);
            col = 0;
        }
        if (s->damaged && rnd(4) == 0)
            damage(b, w);
        else
            puts_(b, w);
        col += (unsigned)wl + 1;
        if (s->exotic && rnd(15) == 0)
            puts_(b, PICK(((const char *const[]){" 😀", " “citat”", " café", " 1.250 kr.",
                                                 " www.kommune.dk"})));
        if (s->damaged && !strcmp(w, "vi") && rnd(2) == 0)
            puts_(b, "i"); /* vi i → vii: a lost space */
        if (i + 1 < n)
            puts_(b, rnd(10) == 0 ? ", " : " ");
    }
    puts_(b, ".");
    newline(b, s);
}

/* A whole document of the given shape. New (free the .t). */
static buf generate(unsigned seed_no, const shape *s)
{
    seed(seed_no);
    buf b = {0};
    if (s->bom)
        puts_(&b, "\xEF\xBB\xBF");
    const char *title = PICK(titles);
    puts_(&b, title);
    newline(&b, s);
    newline(&b, s);
    puts_(&b, s->damaged && rnd(2) ? "Spergsmal:" : "Spørgsmål:");
    newline(&b, s);
    newline(&b, s);
    paragraph(&b, s, false);
    newline(&b, s);
    puts_(&b, "Svar:");
    newline(&b, s);
    newline(&b, s);
    for (unsigned k = 1 + rnd(4); k > 0; k--) {
        paragraph(&b, s, rnd(3) == 0);
        newline(&b, s);
    }
    paragraph(&b, s, false);
    if (!s->final_nl) /* drop the last line end */
        b.len -= s->crlf ? 2 : 1, b.t[b.len] = '\0';
    return b;
}

static shape random_shape(unsigned seed_no)
{
    seed(seed_no * 7919u + 13);
    shape s = {rnd(3) == 0, rnd(4) == 0, rnd(4) != 0, rnd(5) != 0, rnd(3) == 0};
    return s;
}

/* ---- the engine ------------------------------------------------------------------------ */
static kr_lexicon *lex;
static kr_linter *linter;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    cr_assert_null(kr_lexicon_error(lex), "%s", kr_lexicon_error(lex));
    linter = kr_linter_new(NULL, lex);
}

static void teardown(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

/* Lints text and applies the preferred fixes; checks every invariant on the way.
 * Returns the fixed text (new) and its length. */
static char *lint_fix(const char *text, size_t len, size_t *flen, size_t *n_edits, unsigned seed_no)
{
    kr_document *doc = kr_document_new(text, len);
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    const char *why = kr_inv_diagnostics(ds, text, len);
    cr_assert_null(why, "seed %u: %s\n--- document:\n%s", seed_no, why, text);
    kr_edit *ed;
    size_t n = kr_diagnostics_preferred_edits(ds, &ed);
    why = kr_inv_preferred(ed, n, text, len);
    cr_assert_null(why, "seed %u: %s\n--- document:\n%s", seed_no, why, text);
    free(ed);
    /* what `korrektur fix` makes of it: the rounds composed into one edit set */
    ed = kr_linter_fix(linter, doc, NULL, NULL, &n);
    why = kr_inv_preferred(ed, n, text, len);
    cr_assert_null(why, "seed %u: fix: %s\n--- document:\n%s", seed_no, why, text);
    char *fixed = kr_edits_apply(text, len, ed, n, flen);
    why = kr_inv_applied(text, len, ed, n, fixed, *flen);
    cr_assert_null(why, "seed %u: %s", seed_no, why);
    why = kr_inv_survival(text, len, fixed, *flen);
    cr_assert_null(why, "seed %u: %s\n--- document:\n%s\n--- fixed:\n%s", seed_no, why, text,
                   fixed);
    if (n_edits)
        *n_edits = n;
    kr_edits_free(ed, n);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    return fixed;
}

TestSuite(properties, .init = setup, .fini = teardown, .timeout = 300);

/* The generator itself: documents really have the shapes they claim, so the
 * survival properties are not vacuous. */
Test(properties, generated_documents_have_their_shapes)
{
    unsigned crlf = 0, bom = 0, no_nl = 0, damaged = 0;
    for (unsigned i = 0; i < N_DOCS; i++) {
        shape s = random_shape(i);
        buf b = generate(i, &s);
        size_t c, l;
        kr_inv_line_ends(b.t, b.len, &c, &l);
        cr_assert(s.crlf ? l == 0 && c > 5 : c == 0 && l > 5, "seed %u: line ends", i);
        cr_assert_eq(b.len >= 3 && !memcmp(b.t, "\xEF\xBB\xBF", 3), s.bom);
        cr_assert_eq(b.t[b.len - 1] == '\n', s.final_nl);
        cr_assert(kr_inv_valid_utf8(b.t, b.len), "seed %u: the generator wrote invalid UTF-8", i);
        crlf += s.crlf, bom += s.bom, no_nl += !s.final_nl, damaged += s.damaged;
        free(b.t);
    }
    cr_assert(crlf > 20 && bom > 20 && no_nl > 20 && damaged > 80);
}

Test(properties, ranges_inside_on_boundaries_fixes_disjoint_outside_bytes_kept)
{
    size_t total_edits = 0;
    for (unsigned i = 0; i < N_DOCS; i++) {
        shape s = random_shape(i);
        buf b = generate(i, &s);
        size_t flen, n;
        free(lint_fix(b.t, b.len, &flen, &n, i));
        total_edits += n;
        free(b.t);
    }
    /* the damaged documents must have given the fix something to do */
    cr_assert_gt(total_edits, N_DOCS / 2, "only %zu edits over %d documents", total_edits, N_DOCS);
}

Test(properties, fix_is_idempotent)
{
    for (unsigned i = 0; i < N_DOCS; i++) {
        shape s = random_shape(i);
        buf b = generate(i, &s);
        size_t l1, l2, n2;
        char *once = lint_fix(b.t, b.len, &l1, NULL, i);
        char *twice = lint_fix(once, l1, &l2, &n2, i);
        cr_assert(l1 == l2 && memcmp(once, twice, l1) == 0,
                  "seed %u: a second fix changed the text again (%zu more edits)\n--- "
                  "after one fix:\n%s\n--- after two:\n%s",
                  i, n2, once, twice);
        free(once);
        free(twice);
        free(b.t);
    }
}

/* Rewrites LF text as CRLF (new). */
static char *to_crlf(const char *t, size_t n, size_t *out)
{
    buf b = {0};
    for (size_t i = 0; i < n; i++)
        if (t[i] == '\n')
            puts_(&b, "\r\n");
        else
            put(&b, t + i, 1);
    *out = b.len;
    return b.t ? b.t : calloc(1, 1);
}

Test(properties, crlf_and_bom_change_nothing_about_the_fix)
{
    for (unsigned i = 0; i < N_DOCS; i++) {
        shape s = random_shape(i);
        s.crlf = s.bom = false;
        buf lf = generate(i, &s);
        size_t fl, expect_len;
        char *fixed_lf = lint_fix(lf.t, lf.len, &fl, NULL, i);

        s.crlf = true;
        buf crlf = generate(i, &s);
        size_t fc;
        char *fixed_crlf = lint_fix(crlf.t, crlf.len, &fc, NULL, i);
        char *expect = to_crlf(fixed_lf, fl, &expect_len);
        cr_assert(fc == expect_len && memcmp(fixed_crlf, expect, fc) == 0,
                  "seed %u: the CRLF document was fixed differently\n--- LF fix:\n%s\n--- "
                  "CRLF fix:\n%s",
                  i, fixed_lf, fixed_crlf);

        s.crlf = false;
        s.bom = true;
        buf bom = generate(i, &s);
        size_t fb;
        char *fixed_bom = lint_fix(bom.t, bom.len, &fb, NULL, i);
        cr_assert(fb == fl + 3 && memcmp(fixed_bom + 3, fixed_lf, fl) == 0,
                  "seed %u: the document with a BOM was fixed differently\n--- without:\n%s\n"
                  "--- with:\n%s",
                  i, fixed_lf, fixed_bom + 3);
        free(expect), free(fixed_lf), free(fixed_crlf), free(fixed_bom);
        free(lf.t), free(crlf.t), free(bom.t);
    }
}

/* What the repairs must never do: change a correct word. */
Test(properties, clean_documents_are_left_alone)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        cr_assert(kr_lexicon_known(lex, words[i], strlen(words[i])),
                  "the vocabulary's \"%s\" is not in the dictionary", words[i]);
    for (unsigned i = 0; i < N_DOCS; i++) {
        shape s = random_shape(i);
        s.damaged = s.exotic = false;
        buf b = generate(i, &s);
        size_t flen, n;
        char *fixed = lint_fix(b.t, b.len, &flen, &n, i);
        cr_assert(flen == b.len && memcmp(fixed, b.t, flen) == 0,
                  "seed %u: fix changed a clean document (%zu edits)\n--- document:\n%s\n--- "
                  "fixed:\n%s",
                  i, n, b.t, fixed);
        free(fixed);
        free(b.t);
    }
}

Test(properties, lint_is_deterministic)
{
    for (unsigned i = 0; i < N_DOCS; i += 5) {
        shape s = random_shape(i);
        buf b = generate(i, &s);
        kr_document *d1 = kr_document_new(b.t, b.len), *d2 = kr_document_new(b.t, b.len);
        kr_diagnostics *x = kr_linter_run(linter, d1), *y = kr_linter_run(linter, d1),
                       *z = kr_linter_run(linter, d2);
        cr_assert_eq(kr_diagnostics_count(x), kr_diagnostics_count(y), "seed %u", i);
        cr_assert_eq(kr_diagnostics_count(x), kr_diagnostics_count(z), "seed %u", i);
        for (size_t k = 0; k < kr_diagnostics_count(x); k++) {
            const kr_diagnostic *a = kr_diagnostics_get(x, k), *c = kr_diagnostics_get(z, k);
            cr_assert_eq(kr_diagnostic_start(a), kr_diagnostic_start(c), "seed %u", i);
            cr_assert_str_eq(kr_diagnostic_message(a), kr_diagnostic_message(c), "seed %u", i);
        }
        kr_diagnostics_free(x), kr_diagnostics_free(y), kr_diagnostics_free(z);
        kr_document_free(d1), kr_document_free(d2);
        free(b.t);
    }
}

/* Found by fuzz_document: removing a page header or number on the last line of a
 * text without a final newline left one behind. */
Test(properties, a_page_header_on_the_last_line_keeps_the_missing_final_newline)
{
    static const char *const docs[] = {
        "Cykelstier ved skolerne\n\nSvar:\n\nKommunen har besluttet det.\n\n"
        "Cykelstier ved skolerne Side 2",
        "Cykelstier ved skolerne\r\n\r\nSvar:\r\n\r\nKommunen har besluttet det.\r\n\r\n2",
        "Cykelstier ved skolerne\n\nSvar:\n\nKommunen har besluttet det.\n\n2\n",
    };
    for (unsigned i = 0; i < sizeof docs / sizeof *docs; i++) {
        size_t flen, n;
        char *fixed = lint_fix(docs[i], strlen(docs[i]), &flen, &n, i);
        cr_assert_gt(n, 0, "case %u: the page header was not removed", i);
        free(fixed);
    }
}
