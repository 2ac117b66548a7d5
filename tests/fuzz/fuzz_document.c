/* fuzz_document.c — harness (b): any bytes as a document through the whole
 * engine and the CLI's back end: parse, lint, check every diagnostic and fix (see
 * invariants.h), apply the preferred fixes, lint the result again (fix must be
 * idempotent), convert every range to editor positions and back, print the
 * results in every output format (the JSON ones must parse) and as a diff.
 * A broken invariant aborts with a message, which is what libFuzzer reports. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "invariants.h"
#include "korrektur/korrektur.h"

int kr_cli_fix_emit(const kr_cli_opts *opts, kr_cli_result *r, void *ud);
int kr_tree_print(kr_document *doc, FILE *out) __attribute__((weak));

static kr_lexicon *lex;
static kr_linter *linter;

#define CHECK(why)                                                                                 \
    do {                                                                                           \
        const char *why_ = (why);                                                                  \
        if (why_) {                                                                                \
            fprintf(stderr, "fuzz_document: %s\n", why_);                                          \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

static void release(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    lex = kr_lexicon_new();
    if (!lex || kr_lexicon_error(lex)) {
        fprintf(stderr, "fuzz_document: %s\n", lex ? kr_lexicon_error(lex) : "no lexicon");
        abort();
    }
    kr_lexicon_known(lex, "og", 2); /* load the data now, not inside the first input */
    linter = kr_linter_new(NULL, lex);
    atexit(release);
    return 0;
}

/* Positions round-trip: an offset on a character boundary comes back from its
 * editor position in every encoding (except inside a BOM or between \r and \n,
 * which no position can name). */
static void check_positions(kr_document *doc, const char *t, size_t len, size_t off)
{
    if (!kr_inv_boundary(t, len, off))
        return;
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0 && off < 3)
        return;
    if (off > 0 && off < len && t[off - 1] == '\r' && t[off] == '\n')
        return;
    for (int enc = KR_ENC_UTF8; enc <= KR_ENC_UTF32; enc++) {
        kr_position p = kr_document_position(doc, off, (kr_encoding)enc);
        size_t back = kr_document_offset(doc, p, (kr_encoding)enc);
        if (back != off) {
            fprintf(stderr, "fuzz_document: offset %zu -> %u:%u (enc %d) -> %zu\n", off, p.line,
                    p.character, enc, back);
            abort();
        }
    }
}

/* Every output format on one result; the JSON ones must be valid JSON. */
static void check_formats(kr_cli_result *r)
{
    for (int f = KR_FMT_TEXT; f <= KR_FMT_GITHUB; f++) {
        kr_cli_opts o = {.format = (kr_format)f};
        char *buf = NULL;
        size_t n = 0;
        FILE *out = open_memstream(&buf, &n);
        kr_cli_format_begin(&o, out);
        kr_cli_format_file(&o, r, out);
        kr_cli_format_end(&o, out);
        fclose(out);
        if (f == KR_FMT_JSON || f == KR_FMT_SARIF || (f == KR_FMT_JSONL && n > 0)) {
            json_error_t err;
            size_t flags = f == KR_FMT_JSONL ? JSON_DISABLE_EOF_CHECK : 0;
            json_t *j = json_loadb(buf, n, flags, &err);
            if (!j) {
                fprintf(stderr, "fuzz_document: format %d printed invalid JSON: %s\n%.*s\n", f,
                        err.text, (int)(n < 2000 ? n : 2000), buf);
                abort();
            }
            json_decref(j);
        }
        free(buf);
    }
}

/* `fix` to stdout and `fix --diff`, into memory. */
static void check_fix_output(kr_cli_result *r, const char *fixed, size_t flen)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *out = open_memstream(&buf, &n);
    kr_cli_opts o = {0};
    kr_cli_fix_emit(&o, r, out);
    fclose(out);
    if (n != flen || memcmp(buf, fixed, n) != 0) {
        fprintf(stderr, "fuzz_document: `fix` printed something else than the fixed text\n");
        abort();
    }
    free(buf);
    buf = NULL;
    out = open_memstream(&buf, &n);
    o.diff = true;
    kr_cli_fix_emit(&o, r, out);
    fclose(out);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    kr_document *doc = kr_document_new(text, size);
    size_t len;
    const char *t = kr_document_text(doc, &len);
    if (len != size || memcmp(t, text, size) != 0)
        CHECK("the document does not hold the bytes it was given");
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    CHECK(kr_inv_diagnostics(ds, t, len));
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        check_positions(doc, t, len, kr_diagnostic_start(kr_diagnostics_get(ds, i)));
        check_positions(doc, t, len, kr_diagnostic_end(kr_diagnostics_get(ds, i)));
    }
    for (size_t off = 0; off <= len && off < 4096; off += 1 + off / 64)
        check_positions(doc, t, len, off);

    kr_edit *ed;
    size_t n = kr_diagnostics_preferred_edits(ds, &ed);
    CHECK(kr_inv_preferred(ed, n, t, len));
    free(ed);
    /* the fix itself: preferred fixes applied until nothing changes */
    ed = kr_linter_fix(linter, doc, NULL, NULL, &n);
    CHECK(kr_inv_preferred(ed, n, t, len));
    size_t flen;
    char *fixed = kr_edits_apply(t, len, ed, n, &flen);
    CHECK(kr_inv_applied(t, len, ed, n, fixed, flen));
    CHECK(kr_inv_survival(t, len, fixed, flen));

    kr_cli_result r = {.path = "fuzz.txt",
                       .text = (char *)t,
                       .len = len,
                       .doc = doc,
                       .diags = ds,
                       .min_severity = KR_SEV_HINT,
                       .fix_edits = ed,
                       .n_fix_edits = n,
                       .status = 1};
    check_formats(&r);
    r.fix_edits = ed; /* what the CLI computes with the lint */
    r.n_fix_edits = n;
    check_fix_output(&r, fixed, flen);
    if (kr_tree_print) {
        FILE *devnull = fopen("/dev/null", "w");
        kr_tree_print(doc, devnull);
        fclose(devnull);
    }

    /* idempotence: linting the fixed text finds nothing more to fix
     * (KR_FUZZ_IDEMPOTENT=0 skips it, to fuzz on past a known finding) */
    const char *idem = getenv("KR_FUZZ_IDEMPOTENT");
    if (n > 0 && !(idem && *idem == '0')) {
        kr_document *doc2 = kr_document_new(fixed, flen);
        kr_diagnostics *ds2 = kr_linter_run(linter, doc2);
        CHECK(kr_inv_diagnostics(ds2, fixed, flen));
        size_t n2;
        kr_edit *ed2 = kr_linter_fix(linter, doc2, NULL, NULL, &n2);
        if (n2 > 0) {
            fprintf(stderr,
                    "fuzz_document: fix is not idempotent: %zu more edits, first "
                    "[%zu, %zu) -> \"%.*s\"\n",
                    n2, ed2[0].start, ed2[0].end, (int)ed2[0].len, ed2[0].text);
            abort();
        }
        kr_edits_free(ed2, n2);
        kr_diagnostics_free(ds2);
        kr_document_free(doc2);
    }
    free(fixed);
    kr_edits_free(ed, n);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    return 0;
}
