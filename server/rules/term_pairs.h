/* term_pairs.h — lower bounds on the OCR confusion distance between two words,
 * which refuse most pairs before the distance is asked: the pair bounds of
 * term-consistency (term_pairs.c). Thread-safe. */
#ifndef KR_TERM_PAIRS_H
#define KR_TERM_PAIRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A word as the bounds read it: its code points, their classes (a bit of the
 * confusion signature each), and the classes' unit costs summed. cp and cls
 * are the caller's storage, ncp entries each. */
typedef struct {
    uint32_t *cp;
    uint8_t *cls;
    int ncp;
    uint64_t sig;          /* the signature (kr_confusion_signature) */
    uint16_t ua, ub;       /* its characters' units summed, as explainer / as garbling */
    uint32_t layer[3];     /* the letters it has at least once, twice, three times */
    uint16_t la[3], lb[3]; /* their units summed, per layer */
} kr_pair_shape;

/* Fills cls and the sums of k from k->cp[0..k->ncp) (the rest zero). */
void kr_pair_shape_fill(kr_pair_shape *k);

/* The shape of the word s[0..n), its code points into cp and its classes into
 * cls (KR_CONF_MAX_CHARS each), sig its classes' bits; false when it is too long
 * for the engine. */
bool kr_pair_shape_word(kr_pair_shape *k, uint32_t *cp, uint8_t *cls, const char *s, size_t n);

/* The cost of reading b as a garbling of explainer a
 * (kr_confusion_distance_cp_within) when 0 < cost <= limit, else -1: the
 * distance is asked only when every bound (and the signature bound) lets the
 * pair by. */
int kr_pair_cost(const kr_pair_shape *a, const kr_pair_shape *b, int limit);

/* One garbling b against many explainers: each explainer shapes[q] has its
 * first bound packed in a word, keys[q] (kr_pair_key, with its limit), and
 * kr_pair_column calls fn(arg, q) for each q, q0 <= q < q1, that the multiset
 * bound lets by against b; kr_pair_cost_near(shapes[q], b, limit) finishes it,
 * the same answer as kr_pair_cost. */
typedef void kr_pair_fn(void *arg, size_t q);
uint64_t kr_pair_key(const kr_pair_shape *a, int limit);
void kr_pair_column(const kr_pair_shape *b, const uint64_t *keys,
                    const kr_pair_shape *const *shapes, size_t q0, size_t q1, kr_pair_fn *fn,
                    void *arg);
int kr_pair_cost_near(const kr_pair_shape *a, const kr_pair_shape *b, int limit);

/* Do the bounds prove that reading word b as a garbling of word a costs more
 * than limit (case-blind, as kr_confusion_distance_within)? a is a declared
 * term's word, compared with thousands of words: the last few are kept
 * classified per thread. */
bool kr_pair_words_beyond(const char *a, size_t an, const char *b, size_t bn, int limit);

#endif
