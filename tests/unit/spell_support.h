/* spell_support.h — helpers shared by the tests of the spelling rules
 * (ocr-confusion, missing-diacritics, unknown-word): lint a text with the real
 * lexicon and look at one rule's diagnostics and preferred fixes. */
#ifndef SPELL_SUPPORT_H
#define SPELL_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "korrektur/korrektur.h"

typedef struct {
    size_t count;       /* diagnostics of the rule */
    size_t preferred;   /* of which with a preferred fix */
    size_t hints;       /* of which with severity hint */
    size_t fixes;       /* fixes offered in all */
    char *fixed;        /* the text with the rule's preferred fixes applied (free()) */
    char subjects[512]; /* the flagged words, space-separated */
    char offers[1024];  /* every fix's replacement text, '|'-separated */
} spell_result;

/* Lints text with a fresh linter over the shared lexicon (see spell_setup). */
spell_result spell_run(const char *text, const char *rule);
void spell_result_free(spell_result *r);

/* The lexicon the helpers use: spell_setup() opens it (and adds `user_word`
 * to the user's dictionary when not NULL), spell_teardown() frees it. */
void spell_setup(const char *user_word);
void spell_teardown(void);

/* A paragraph of plain Danish without æ, ø or å (so a document that contains it
 * shows the lost-æøå signature) and one with them, to embed test words in. */
#define SPELL_NO_AE                                                                                \
    "Det er en tekst som vi har skrevet til dig, og den skal vise hvad der sker med "              \
    "de ord som ikke kan findes i en ordbog, hvis de er skrevet uden de danske bogstaver.\n"
#define SPELL_WITH_AE                                                                              \
    "Det er en tekst som vi har skrevet til dig, og den skal vise hvad der sker med "              \
    "de ord som står i ordbogen, når de er skrevet med æ, ø og å som på dansk.\n"

#endif
