/* test_structure.c — the rule `structure` as a user sees it: OCR-damaged labels
 * are fixed to Spørgsmål:/Svar:, a question without an answer, a label twice in
 * a row and text before the title are reported, and a well-formed document gets
 * nothing. Every text here is written for the test. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "korrektur/korrektur.h"

static kr_lexicon *lex;
static kr_linter *linter;

static void setup(void)
{
    lex = kr_lexicon_new();
    cr_assert_not_null(lex);
    linter = kr_linter_new(NULL, lex);
    cr_assert_not_null(linter);
}

static void teardown(void)
{
    kr_linter_free(linter);
    kr_lexicon_free(lex);
}

TestSuite(structure, .init = setup, .fini = teardown);

typedef struct {
    size_t count;
    char messages[1024];
    char *fixed; /* the text with the rule's preferred fixes applied */
} result;

static result run(const char *text)
{
    result r = {0};
    kr_document *doc = kr_document_new(text, strlen(text));
    kr_diagnostics *ds = kr_linter_run(linter, doc);
    cr_assert_not_null(ds);
    kr_edit edits[32];
    size_t n = 0;
    for (size_t i = 0; i < kr_diagnostics_count(ds); i++) {
        const kr_diagnostic *d = kr_diagnostics_get(ds, i);
        if (strcmp(kr_diagnostic_rule(d), "structure") != 0)
            continue;
        r.count++;
        strncat(r.messages, kr_diagnostic_message(d), sizeof r.messages - strlen(r.messages) - 2);
        strcat(r.messages, "|");
        const kr_fix *f = kr_diagnostic_preferred_fix(d);
        for (size_t k = 0; f && k < kr_fix_edit_count(f) && n < 32; k++)
            edits[n++] = *kr_fix_edit(f, k);
    }
    size_t out_len;
    r.fixed = kr_edits_apply(text, strlen(text), edits, n, &out_len);
    kr_diagnostics_free(ds);
    kr_document_free(doc);
    return r;
}

#define QA(q, a)                                                                                   \
    "Nye cykelstier i kommunen\n\n" q "\n\nHvornår bliver stierne færdige?\n\n" a                  \
    "\n\nDe bliver færdige til sommer.\n"

Test(structure, damaged_question_label_is_fixed)
{
    result r = run(QA("Spergsmal:", "Svar:"));
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert(strstr(r.messages, "Spergsmal:"));
    cr_assert_str_eq(r.fixed, QA("Spørgsmål:", "Svar:"));
    free(r.fixed);
}

Test(structure, other_ocr_shapes_of_the_question_label)
{
    const char *shapes[] = {"Sporgsmal:", "Spgrgsmal:", "Spørgsmal:", "Spørgsrnål:"};
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++) {
        char in[256], want[256];
        snprintf(in, sizeof in, QA("%s", "Svar:"), shapes[i]);
        snprintf(want, sizeof want, QA("%s", "Svar:"), "Spørgsmål:");
        result r = run(in);
        cr_assert_eq(r.count, 1, "%s: %s", shapes[i], r.messages);
        cr_assert_str_eq(r.fixed, want);
        free(r.fixed);
    }
}

Test(structure, answer_label_with_space_before_colon)
{
    result r = run(QA("Spørgsmål:", "Svar :"));
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert_str_eq(r.fixed, QA("Spørgsmål:", "Svar:"));
    free(r.fixed);
}

Test(structure, numbered_label_keeps_its_number)
{
    result r = run(QA("Spergsmal 2:", "Svar:"));
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert_str_eq(r.fixed, QA("Spørgsmål 2:", "Svar:"));
    free(r.fixed);
}

Test(structure, well_formed_document_gets_nothing)
{
    result r = run(QA("Spørgsmål:", "Svar:"));
    cr_assert_eq(r.count, 0, "%s", r.messages);
    free(r.fixed);
    r = run(QA("Spørgsmål 3:", "Svar:"));
    cr_assert_eq(r.count, 0, "%s", r.messages);
    free(r.fixed);
}

Test(structure, document_without_labels_gets_nothing)
{
    result r = run("Et kort notat\n\nDer er ingen spørgsmål her,\nkun et afsnit.\n");
    cr_assert_eq(r.count, 0, "%s", r.messages);
    free(r.fixed);
}

Test(structure, question_without_answer)
{
    result r = run("Nye cykelstier\n\nSpørgsmål:\n\nHvornår bliver de færdige?\n");
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert(strstr(r.messages, "intet svar"), "%s", r.messages);
    free(r.fixed);
}

Test(structure, duplicated_label_is_removed)
{
    const char *in = "Nye cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\nSvar:\n\nTil sommer.\n";
    result r = run(in);
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert(strstr(r.messages, "to gange"), "%s", r.messages);
    cr_assert_str_eq(r.fixed, "Nye cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\nTil sommer.\n");
    free(r.fixed);
}

Test(structure, repeated_label_with_text_between_is_reported_without_fix)
{
    const char *in = "Nye cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\nTil sommer.\n\n"
                     "Svar:\n\nEller til efteråret.\n";
    result r = run(in);
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert_str_eq(r.fixed, in);
    free(r.fixed);
}

Test(structure, question_and_answer_pairs_repeat)
{
    result r = run("Cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\nSnart.\n\n"
                   "Spørgsmål:\n\nHvor?\n\nSvar:\n\nI byen.\n");
    cr_assert_eq(r.count, 0, "%s", r.messages);
    free(r.fixed);
}

Test(structure, text_before_the_title)
{
    result r = run("Region Syd\n\nNye cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\n"
                   "Til sommer.\n\nNye cykelstier Side 2\n\nMere tekst.\n");
    cr_assert_eq(r.count, 1, "%s", r.messages);
    cr_assert(strstr(r.messages, "før titlen"), "%s", r.messages);
    free(r.fixed);
}

Test(structure, running_header_matching_the_title_is_no_text_before_it)
{
    result r = run("Nye cykelstier\n\nSpørgsmål:\n\nHvornår?\n\nSvar:\n\nTil sommer.\n\n"
                   "Nye cykelstier Side 2\n\nMere tekst.\n");
    cr_assert_eq(r.count, 0, "%s", r.messages);
    free(r.fixed);
}
