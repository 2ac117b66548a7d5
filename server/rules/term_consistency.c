/* term_consistency.c — rule `term-consistency`: a key term spelled more than one
 * way in a document.
 *
 * 1. Declared terms (config: "Småbørnsløftet" by default, `.korrektur.json`
 *    {"terms": [...]}). A variant is any spelling within a small OCR/æøå
 *    confusion distance of the term (server/confusion.h): other case, lost æøå
 *    (`Smabornsloftet`), glyph confusions (`Smabgrnslgftet`), a line-end hyphen
 *    inside it (`Små-⏎børnsløftet`), an inflection (`Småbørnsløftets`), inside a
 *    URL (`smabegrnsigftet.dk`), and multi-word terms word by word. The fix is the
 *    canonical spelling with the variant's inflection and case pattern (ALL CAPS
 *    stays all caps, a capital first letter stays); a hyphen break inside the term
 *    is joined like broken-hyphenation does, a line break between the words of a
 *    multi-word term stays.
 * 2. Undeclared: within one document, spellings of the same capitalised word or
 *    long compound that differ only by such confusions, where one spelling is a
 *    dictionary word or clearly dominant, while the other is not a word: the
 *    others are flagged with a fix to it.
 *
 * Everything is per lint and linear in the tokens (plus a small quadratic step
 * over distinct capitalised spellings), so the LSP can re-run it on every
 * keystroke. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "confusion.h"
#include "engine.h"
#include "korrektur/config.h"
#include "korrektur/lexicon.h"

/* ---- characters ----------------------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
    const unsigned char *u = (const unsigned char *)s + i;
    if (u[0] >= 0xC0 && u[0] < 0xE0 && i + 1 < n) {
        *len = 2;
        return ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu);
    }
    if (u[0] >= 0xE0 && u[0] < 0xF0 && i + 2 < n) {
        *len = 3;
        return ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
    }
    /* an emoji is one character, not a Latin-1 'ð' (0xF0) and three more bytes:
     * the edit fuzzer found a term's range ending inside one */
    if (u[0] >= 0xF0 && u[0] < 0xF5 && i + 3 < n) {
        *len = 4;
        return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) | ((u[2] & 0x3Fu) << 6) |
               (u[3] & 0x3Fu);
    }
    *len = 1;
    return u[0] < 0x80 ? u[0] : 0xFFFD; /* a stray byte is no letter */
}

static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
static bool is_lower(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}
static bool is_letter(uint32_t c)
{
    return is_upper(c) || is_lower(c);
}
static bool is_alnum(uint32_t c)
{
    return is_letter(c) || (c >= '0' && c <= '9');
}

static size_t put_cp(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    out[0] = (char)(0xC0 | (c >> 6));
    out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
}

static size_t nchars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

typedef enum { CASE_AS_IS, CASE_UPPER, CASE_LOWER, CASE_CAPITAL } case_pattern;

/* The case pattern a variant shows: all capitals (at least two letters), or a
 * capital first letter. */
static case_pattern case_of(const char *s, size_t n)
{
    size_t letters = 0, upper = 0, len;
    bool first_upper = false, first = true;
    for (size_t i = 0; i < n; i += len) {
        uint32_t c = cp_at(s, n, i, &len);
        if (!is_letter(c))
            continue;
        letters++;
        upper += is_upper(c);
        if (first)
            first_upper = is_upper(c);
        first = false;
    }
    if (letters >= 2 && upper == letters)
        return CASE_UPPER;
    return first_upper ? CASE_CAPITAL : CASE_AS_IS;
}

/* s[0..n) with a case pattern applied, into out (at least n + 1 bytes). */
static size_t apply_case(const char *s, size_t n, case_pattern p, char *out)
{
    size_t o = 0, len;
    bool first = true;
    for (size_t i = 0; i < n; i += len) {
        uint32_t c = cp_at(s, n, i, &len);
        bool letter = is_letter(c);
        if (letter && (p == CASE_UPPER || (p == CASE_CAPITAL && first)) && is_lower(c) &&
            c != 0xDF && c != 0xFF)
            c -= 32;
        if (letter)
            first = false;
        if (c < 0x800 && (c < 0x80 || len == 2))
            o += put_cp(out + o, c);
        else {
            memcpy(out + o, s + i, len);
            o += len;
        }
    }
    out[o] = 0;
    return o;
}

/* ---- word units: one token, or the two halves of a hyphen break ----------------- */

typedef struct {
    size_t first, last; /* tokens */
    size_t start, end;  /* bytes in the text */
    char text[256];     /* the word as read, a hyphen break joined */
    size_t len;
    bool broken; /* a line-end hyphen inside */
} unit;

static bool plain_gap(const char *t, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++)
        if (t[i] != ' ' && t[i] != '\t' && t[i] != '\r' && t[i] != '\n')
            return false;
    return true;
}

/* The unit starting at token i; with `join`, a hyphen-ended token takes the next
 * token (on the next line) along. */
static bool unit_at(const kr_lint_ctx *ctx, size_t i, bool join, unit *u)
{
    const kr_analysis *an = ctx->an;
    const kr_token *tk = &an->tokens[i];
    if (tk->kind != KR_TOK_WORD || tk->end - tk->start >= sizeof u->text)
        return false;
    u->first = u->last = i;
    u->start = tk->start;
    u->end = tk->end;
    u->broken = false;
    memcpy(u->text, ctx->text + tk->start, tk->end - tk->start);
    u->len = tk->end - tk->start;
    if (!join || !(tk->flags & KR_TOKF_HYPHEN_END) || i + 1 >= an->n_tokens)
        return true;
    const kr_token *nx = &an->tokens[i + 1];
    size_t xn = u->len - 1; /* without the hyphen */
    if (ctx->text[tk->end - 1] != '-' || nx->kind != KR_TOK_WORD ||
        !plain_gap(ctx->text, tk->end, nx->start) || xn + nx->end - nx->start >= sizeof u->text)
        return false;
    memcpy(u->text + xn, ctx->text + nx->start, nx->end - nx->start);
    u->len = xn + nx->end - nx->start;
    u->last = i + 1;
    u->end = nx->end;
    u->broken = true;
    return true;
}

/* ---- declared terms ---------------------------------------------------------------- */

/* Inflections a variant may carry after the term. */
static const char *const suffixes[] = {"", "s", "'s", "’s"};
#define N_SUFFIXES (sizeof suffixes / sizeof suffixes[0])

/* What a term costs at most: OCR and æøå confusions only (a few per word), never
 * a different word. */
static int budget(size_t chars)
{
    int b = (int)(16 * chars);
    return b < 30 ? 30 : b > 240 ? 240 : b;
}

/* Does w end with the suffix (ASCII letters case-blind)? */
static bool ends_with(const char *w, size_t wn, const char *sfx, size_t sn)
{
    if (sn > wn)
        return false;
    for (size_t i = 0; i < sn; i++) {
        char a = w[wn - sn + i], b = sfx[i];
        if (a != b && !((a | 32) == b && b >= 'a' && b <= 'z'))
            return false;
    }
    return true;
}

/* Best suffix and its cost for reading word w as term word `tw` (the last word of
 * a term may be inflected). Returns the case-blind cost, or > limit. Only the
 * suffixes w ends with are tried: a distance is the expensive step here. */
static int word_cost(const char *tw, size_t tn, const char *w, size_t wn, bool inflect, int limit,
                     size_t *suffix)
{
    char buf[300];
    int best = limit + 1;
    *suffix = 0;
    size_t tc = nchars(tw, tn), wc = nchars(w, wn);
    if (wc + 4 < tc || wc > tc + 6 || tn + 4 > sizeof buf)
        return best;
    for (size_t s = 0; s < (inflect ? N_SUFFIXES : 1); s++) {
        size_t sn = strlen(suffixes[s]);
        if (sn > 0 && !ends_with(w, wn, suffixes[s], sn))
            continue;
        memcpy(buf, tw, tn);
        memcpy(buf + tn, suffixes[s], sn);
        int c = kr_confusion_distance_within(buf, tn + sn, w, wn, limit);
        if (c < best) {
            best = c;
            *suffix = s;
        }
    }
    return best;
}

/* Per-lint memo of word_cost by (term word, spelling): a document repeats its
 * words, and the LSP re-lints on every keystroke. */
typedef struct {
    uint64_t *keys;
    int32_t *vals; /* cost << 4 | suffix */
    size_t cap, n;
} cost_memo;

static int memo_cost(kr_lint_ctx *ctx, cost_memo *m, const char *tw, size_t tn, const char *w,
                     size_t wn, bool inflect, int limit, size_t *suffix)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(uintptr_t)tw ^ (inflect ? 0x9e37u : 0);
    for (size_t i = 0; i < wn; i++)
        h = (h ^ (unsigned char)w[i]) * 1099511628211ull;
    h |= 1;
    if (m->n * 2 >= m->cap) { /* grow (rehash into a fresh table) */
        cost_memo g = {0};
        g.cap = m->cap ? m->cap * 2 : 1024;
        g.keys = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.keys);
        g.vals = kr_arena_alloc(ctx->scratch, g.cap * sizeof *g.vals);
        for (size_t i = 0; i < m->cap; i++)
            if (m->keys[i]) {
                size_t j = m->keys[i] & (g.cap - 1);
                while (g.keys[j])
                    j = (j + 1) & (g.cap - 1);
                g.keys[j] = m->keys[i];
                g.vals[j] = m->vals[i];
            }
        g.n = m->n;
        *m = g;
    }
    size_t j = h & (m->cap - 1);
    while (m->keys[j] && m->keys[j] != h)
        j = (j + 1) & (m->cap - 1);
    if (m->keys[j]) {
        *suffix = (size_t)(m->vals[j] & 15);
        return m->vals[j] >> 4;
    }
    int c = word_cost(tw, tn, w, wn, inflect, limit, suffix);
    m->keys[j] = h;
    m->vals[j] = (int32_t)((c < (1 << 20) ? c : (1 << 20)) << 4 | (int)*suffix);
    m->n++;
    return c;
}

typedef struct {
    const char *words[8];
    size_t lens[8];
    size_t n;
    size_t chars0; /* characters of the first word */
} term_words;

static void split_term(const char *term, term_words *tw)
{
    tw->n = 0;
    for (const char *p = term; *p && tw->n < 8;) {
        while (*p == ' ')
            p++;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        if (p > s) {
            tw->words[tw->n] = s;
            tw->lens[tw->n++] = (size_t)(p - s);
        }
    }
    tw->chars0 = tw->n ? nchars(tw->words[0], tw->lens[0]) : 0;
}

/* One matched word of a term occurrence: where it is and what it should read. */
typedef struct {
    unit u;
    char want[300];
    size_t want_len;
} matched;

/* Matches term word k against the unit; fills m->want with the canonical
 * spelling in the unit's case pattern and inflection. */
static bool match_word(kr_lint_ctx *ctx, cost_memo *memo, const term_words *tw, size_t k,
                       const unit *u, matched *m)
{
    size_t tn = tw->lens[k];
    int limit = budget(nchars(tw->words[k], tn));
    size_t sfx;
    int cost = memo_cost(ctx, memo, tw->words[k], tn, u->text, u->len, k + 1 == tw->n, limit, &sfx);
    if (cost > limit)
        return false;
    /* a different real word that merely resembles the term is not a variant */
    if (cost > 0 && !u->broken && ctx->lex && kr_lexicon_known(ctx->lex, u->text, u->len))
        return false;
    /* a one-word term that is also an ordinary word (the authority "Skat", the noun
     * "skat"): in lower case it is the ordinary word */
    if (cost == 0 && tw->n == 1 && !u->broken && case_of(u->text, u->len) == CASE_AS_IS &&
        ctx->lex) {
        unsigned fl = kr_lexicon_lookup(ctx->lex, u->text, u->len);
        if ((fl & KR_LEX_KNOWN) && !(fl & KR_LEX_COMPOUND))
            return false;
    }
    char canon[300];
    size_t sn = strlen(suffixes[sfx]);
    memcpy(canon, tw->words[k], tn);
    memcpy(canon + tn, suffixes[sfx], sn);
    case_pattern p = case_of(u->text, u->len);
    if (p == CASE_CAPITAL && case_of(tw->words[k], tn) == CASE_UPPER)
        p = CASE_AS_IS; /* "EU" written "Eu": the declared capitals win */
    m->u = *u;
    m->want_len = apply_case(canon, tn + sn, p, m->want);
    return true;
}

static bool differs(const matched *m)
{
    return m->u.broken || m->want_len != m->u.len || memcmp(m->want, m->u.text, m->u.len) != 0;
}

static void report_term(kr_lint_ctx *ctx, const char *term, const matched *ms, size_t n)
{
    if (!kr_claim(ctx, ms[0].u.first, ms[n - 1].u.last))
        return;
    const char *t = ctx->text;
    size_t start = ms[0].u.start, end = ms[n - 1].u.end;
    kr_diagnostic *d = kr_emit(ctx, start, end, "Stavemåden afviger fra termen »%s«: »%.*s«", term,
                               (int)(end - start), t + start);
    if (!d)
        return;
    kr_diagnostic_set_subject(ctx->out, d, t + start, end - start);
    char *title = kr_arena_printf(ctx->scratch, "Skriv »%s«", term);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, true);
    for (size_t k = 0; k < n; k++)
        if (differs(&ms[k]))
            kr_fix_add_edit(ctx->out, f, ms[k].u.start, ms[k].u.end, ms[k].want, ms[k].want_len);
}

/* Tries the term at token i (first as a hyphen break joined, then as is). */
static bool try_term(kr_lint_ctx *ctx, cost_memo *memo, const char *term, const term_words *tw,
                     size_t i)
{
    matched ms[8];
    /* a hyphen-ended first token is tried joined with the next line, then alone */
    int first_join = (ctx->an->tokens[i].flags & KR_TOKF_HYPHEN_END) ? 1 : 0;
    /* most tokens are far shorter or longer than the term's first word: word_cost
     * would refuse them, so they are refused before being copied and hashed */
    if (!first_join) {
        const kr_token *tk = &ctx->an->tokens[i];
        size_t bytes = tk->end - tk->start;
        size_t tc = tw->chars0;
        /* no more characters than bytes: most tokens are refused by their byte
         * length before their characters are counted */
        if (bytes + 4 < tc)
            return false;
        size_t wc = nchars(ctx->text + tk->start, bytes);
        if (wc + 4 < tc || wc > tc + 6)
            return false;
    }
    for (int join = first_join; join >= 0; join--) {
        size_t tok = i, k = 0;
        bool any = false;
        for (; k < tw->n && tok < ctx->an->n_tokens; k++) {
            unit u;
            if (ctx->claimed[tok] || !unit_at(ctx, tok, join || k > 0, &u))
                break;
            if (k > 0 && !plain_gap(ctx->text, ms[k - 1].u.end, u.start))
                break;
            if (!match_word(ctx, memo, tw, k, &u, &ms[k]))
                break;
            any |= differs(&ms[k]);
            tok = u.last + 1;
        }
        if (k == tw->n) {
            if (any)
                report_term(ctx, term, ms, tw->n);
            else /* a declared term is accepted as written: later rules leave it */
                kr_claim(ctx, ms[0].u.first, ms[tw->n - 1].u.last);
            return true;
        }
    }
    return false;
}

/* Inside a URL or a domain name: each letter run is compared with a one-word
 * term in lower case ("smabegrnsigftet.dk" → "småbørnsløftet.dk"). */
static void check_url(kr_lint_ctx *ctx, size_t ti, const term_words *tws, size_t n_terms)
{
    const kr_token *tk = &ctx->an->tokens[ti];
    const char *t = ctx->text;
    for (size_t i = tk->start; i < tk->end;) {
        size_t len;
        if (!is_letter(cp_at(t, tk->end, i, &len))) {
            i += len;
            continue;
        }
        size_t s = i;
        while (i < tk->end && is_alnum(cp_at(t, tk->end, i, &len)))
            i += len;
        for (size_t k = 0; k < n_terms; k++) {
            if (tws[k].n != 1)
                continue;
            char lower[300];
            size_t tn = tws[k].lens[0];
            if (tn >= sizeof lower)
                continue;
            /* lower case: a domain is written in lower case */
            size_t ln = 0, cl;
            for (size_t j = 0; j < tn; j += cl) {
                uint32_t c = cp_at(tws[k].words[0], tn, j, &cl);
                ln += put_cp(lower + ln, is_upper(c) ? c + 32 : c);
            }
            size_t sfx;
            int limit = budget(nchars(lower, ln));
            int cost = word_cost(lower, ln, t + s, i - s, false, limit, &sfx);
            if (cost == 0 || cost > limit || !kr_claim(ctx, ti, ti))
                continue;
            kr_diagnostic *d =
                kr_emit(ctx, s, i, "Stavemåden afviger fra termen »%.*s« i adressen: »%.*s«",
                        (int)tn, tws[k].words[0], (int)(i - s), t + s);
            if (!d)
                return;
            kr_diagnostic_set_subject(ctx->out, d, t + s, i - s);
            char *title = kr_arena_printf(ctx->scratch, "Skriv »%.*s«", (int)ln, lower);
            kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, true);
            kr_fix_add_edit(ctx->out, f, s, i, lower, ln);
            return;
        }
    }
}

static void check_declared(kr_lint_ctx *ctx)
{
    size_t n_terms = ctx->cfg ? kr_config_term_count(ctx->cfg) : 0;
    if (n_terms == 0)
        return;
    term_words *tws = kr_arena_alloc(ctx->scratch, n_terms * sizeof *tws);
    for (size_t k = 0; k < n_terms; k++)
        split_term(kr_config_term(ctx->cfg, k), &tws[k]);
    const kr_analysis *an = ctx->an;
    cost_memo memo = {0};
    for (size_t i = 0; i < an->n_tokens; i++) {
        if (ctx->claimed[i])
            continue;
        if (an->tokens[i].kind == KR_TOK_URL) {
            check_url(ctx, i, tws, n_terms);
            continue;
        }
        for (size_t k = 0; k < n_terms; k++)
            if (tws[k].n > 0 && try_term(ctx, &memo, kr_config_term(ctx->cfg, k), &tws[k], i))
                break;
    }
}

/* ---- undeclared: spellings of one capitalised word or compound ------------------- */

typedef struct {
    const char *s; /* the spelling (in the text) */
    size_t n;
    uint32_t count;
    unsigned flags;    /* KR_LEX_* */
    bool may_dominate; /* unknown, but a name the repair engine leaves alone */
    int target;        /* index of the spelling it should be, or -1 */
} spelling;

/* A word worth comparing: capitalised (not all capitals) with at least six
 * letters, or a long lower-case compound. */
static bool cluster_candidate(const char *s, size_t n)
{
    /* most words are refused by their bytes alone: fewer than six characters,
     * or a lower-case ASCII start (never capitalised) under twelve */
    if (n < 6 || (n < 12 && s[0] >= 'a' && s[0] <= 'z'))
        return false;
    size_t c = nchars(s, n), len;
    if (c < 6 || c > KR_CONF_MAX_CHARS)
        return false;
    case_pattern p = case_of(s, n);
    if (p == CASE_UPPER)
        return false;
    for (size_t i = 0; i < n; i += len)
        if (!is_letter(cp_at(s, n, i, &len)))
            return false;
    return p == CASE_CAPITAL || c >= 12;
}

/* The distinct spellings and an open-addressing index over them (slots hold
 * indices, -1 = empty), so each token finds its spelling in constant time. */
typedef struct {
    spelling *sp;
    size_t n;
    int32_t *slot;
    size_t hcap;
    uint32_t *tok, *tok_sp; /* the candidate tokens in order, and their spellings */
    size_t n_tok;
} spellings;

static uint64_t hash_word(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
    return h;
}

/* The slot of s[0..len): its spelling's, or the empty one where it would go. */
static size_t slot_of(const spellings *ss, const char *s, size_t len)
{
    size_t j = (size_t)hash_word(s, len) & (ss->hcap - 1);
    while (ss->slot[j] >= 0 &&
           !(ss->sp[ss->slot[j]].n == len && memcmp(ss->sp[ss->slot[j]].s, s, len) == 0))
        j = (j + 1) & (ss->hcap - 1);
    return j;
}

/* Collects the distinct candidate spellings with their counts. Hashing keeps it
 * linear; the index lives in the lint's scratch arena. */
static void collect(kr_lint_ctx *ctx, spellings *ss)
{
    const kr_analysis *an = ctx->an;
    size_t cap = 64;
    ss->n = 0;
    ss->n_tok = 0;
    /* the candidates first: the index is sized by them, not by every token */
    ss->tok = kr_arena_alloc(ctx->scratch, (an->n_tokens + 1) * sizeof *ss->tok);
    for (size_t i = 0; i < an->n_tokens; i++) {
        const kr_token *tk = &an->tokens[i];
        if (tk->kind == KR_TOK_WORD &&
            cluster_candidate(ctx->text + tk->start, tk->end - tk->start))
            ss->tok[ss->n_tok++] = (uint32_t)i;
    }
    ss->tok_sp = kr_arena_alloc(ctx->scratch, (ss->n_tok + 1) * sizeof *ss->tok_sp);
    ss->hcap = 256;
    while (ss->hcap < ss->n_tok * 2)
        ss->hcap *= 2;
    ss->slot = kr_arena_alloc(ctx->scratch, ss->hcap * sizeof *ss->slot);
    memset(ss->slot, 0xFF, ss->hcap * sizeof *ss->slot);
    ss->sp = kr_xmalloc(cap * sizeof *ss->sp);
    for (size_t k = 0; k < ss->n_tok; k++) {
        const kr_token *tk = &an->tokens[ss->tok[k]];
        const char *s = ctx->text + tk->start;
        size_t len = tk->end - tk->start;
        size_t j = slot_of(ss, s, len);
        if (ss->slot[j] >= 0) {
            ss->sp[ss->slot[j]].count++;
            ss->tok_sp[k] = (uint32_t)ss->slot[j];
            continue;
        }
        if (ss->n == cap)
            ss->sp = kr_xrealloc(ss->sp, (cap *= 2) * sizeof *ss->sp);
        ss->sp[ss->n] = (spelling){s, len, 1, 0, false, -1};
        ss->tok_sp[k] = (uint32_t)ss->n;
        ss->slot[j] = (int32_t)ss->n++;
    }
}

/* Is a a word in its own right? A dictionary word (a compound the splitter
 * merely accepts is no evidence: OCR garbles split into compounds too). */
static bool is_word(const spelling *a)
{
    return (a->flags & (KR_LEX_KNOWN | KR_LEX_USER)) &&
           (!(a->flags & KR_LEX_COMPOUND) || (a->flags & KR_LEX_COMMON));
}

/* May a explain other spellings at all (before looking at any b)? A word, or the
 * usual spelling of a name. The spellings that may not are most of them. */
static bool may_explain(const spelling *a)
{
    return is_word(a) || (a->may_dominate && a->count >= 3);
}

/* ---- the clusters' memory ---------------------------------------------------------
 * Which explaining spelling a could explain which spelling b, and at what cost,
 * depends only on the two strings (a confusion distance), while what the counts
 * make of it changes with every edit. So the pairs are kept between the lints of
 * a document (kr_lint_keep): each spelling keeps its hits — the explainers
 * within reach, with their cost — and after an edit only a spelling that
 * appeared is compared with the explainers (its column), and only an explainer
 * that appeared is compared with the spellings (its row). A hit whose explainer
 * is gone stays and is skipped; it is right again if the explainer returns.
 * Invariant: for every present b and present explainer a within three
 * characters, the pair was compared while both were present. A fresh lint
 * starts from an empty memory, so both lints walk the same code. */
typedef struct {
    uint32_t a; /* the explainer (memory index) */
    int32_t cost;
} hit;

typedef struct {
    char *s; /* owned; its code points follow it in the same allocation */
    uint32_t n;
    uint8_t chars;
    unsigned flags;
    uint32_t *cp;
    int ncp;
    uint64_t sig;
    hit *hits;
    uint32_t n_hits, cap_hits;
    uint64_t seen;   /* the lint it was last present in */
    int32_t cur;     /* its index in that lint's spellings */
    bool col_done;   /* compared with the explainers while present */
    bool row_done;   /* compared with the spellings while present and explaining */
    bool explaining; /* may_explain in the lint it was last present in */
} known_sp;

typedef struct {
    known_sp *sp;
    size_t n, cap;
    int32_t *slot; /* open addressing over sp, -1 empty */
    size_t hcap;
    uint64_t lint;
} memory;

static void memory_free(void *p)
{
    memory *m = p;
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->sp[i].s);
        free(m->sp[i].hits);
    }
    free(m->sp);
    free(m->slot);
    free(m);
}

static void memory_index(memory *m)
{
    free(m->slot);
    m->hcap = 1024;
    while (m->hcap < m->cap * 2)
        m->hcap *= 2;
    m->slot = kr_xmalloc(m->hcap * sizeof *m->slot);
    memset(m->slot, 0xFF, m->hcap * sizeof *m->slot);
    for (size_t i = 0; i < m->n; i++) {
        size_t j = (size_t)hash_word(m->sp[i].s, m->sp[i].n) & (m->hcap - 1);
        while (m->slot[j] >= 0)
            j = (j + 1) & (m->hcap - 1);
        m->slot[j] = (int32_t)i;
    }
}

/* The memory's entry for a spelling, made (flags, code points) when new. */
static uint32_t memory_find(kr_lint_ctx *ctx, memory *m, const char *s, size_t n)
{
    if ((m->n + 1) * 2 > m->hcap || m->n == m->cap) {
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 256;
            m->sp = kr_xrealloc(m->sp, m->cap * sizeof *m->sp);
        }
        memory_index(m);
    }
    size_t j = (size_t)hash_word(s, n) & (m->hcap - 1);
    for (; m->slot[j] >= 0; j = (j + 1) & (m->hcap - 1)) {
        const known_sp *k = &m->sp[m->slot[j]];
        if (k->n == n && memcmp(k->s, s, n) == 0)
            return (uint32_t)m->slot[j];
    }
    size_t chars = nchars(s, n); /* <= KR_CONF_MAX_CHARS (cluster_candidate) */
    size_t cp_at_off = (n + 1 + 3) & ~(size_t)3;
    char *mem = kr_xmalloc(cp_at_off + chars * sizeof(uint32_t) + 4);
    memcpy(mem, s, n);
    mem[n] = 0;
    known_sp *k = &m->sp[m->n];
    *k = (known_sp){.s = mem, .n = (uint32_t)n, .chars = (uint8_t)chars, .cur = -1};
    k->flags = ctx->lex ? kr_lexicon_lookup(ctx->lex, s, n) : 0;
    k->cp = (uint32_t *)(void *)(mem + cp_at_off);
    k->ncp = kr_confusion_decode(s, n, k->cp);
    k->sig = kr_confusion_signature(k->cp, k->ncp);
    m->slot[j] = (int32_t)m->n;
    return (uint32_t)m->n++;
}

/* The cost of reading b as a garbling of explainer a, when within a's reach
 * (0 < cost <= limit), else -1. Depends on the strings only. */
static int pair_cost(const known_sp *a, const known_sp *b)
{
    int l = 12 * a->ncp, limit = l > 150 ? 150 : l;
    if (kr_confusion_signature_bound(a->sig, b->sig, limit) > limit)
        return -1;
    int c = kr_confusion_distance_cp_within(a->cp, a->ncp, b->cp, b->ncp, limit);
    return c > 0 && c <= limit ? c : -1;
}

static void add_hit(known_sp *b, uint32_t a, int cost)
{
    for (uint32_t i = 0; i < b->n_hits; i++)
        if (b->hits[i].a == a)
            return; /* compared before, while both were present */
    if (b->n_hits == b->cap_hits) {
        b->cap_hits = b->cap_hits ? b->cap_hits * 2 : 2;
        b->hits = kr_xrealloc(b->hits, b->cap_hits * sizeof *b->hits);
    }
    b->hits[b->n_hits++] = (hit){a, cost};
}

static bool near(const known_sp *a, const known_sp *b)
{
    return a->chars + 3 >= b->chars && b->chars + 3 >= a->chars;
}

/* Does b need a target at all? Dictionary words are never flagged. */
static bool wants_target(const known_sp *b)
{
    return !(b->flags & (KR_LEX_KNOWN | KR_LEX_USER));
}

/* Brings the pairs up to date for this lint's spellings (see memory). `mi`
 * maps each spelling to its memory entry, already marked present. */
static void update_pairs(kr_lint_ctx *ctx, memory *m, const spellings *ss, const uint32_t *mi)
{
    /* the explainers by length, so a column meets only those of about its length */
    size_t count[KR_CONF_MAX_CHARS + 2] = {0}, start[KR_CONF_MAX_CHARS + 3];
    size_t total = 0;
    for (size_t i = 0; i < ss->n; i++)
        if (m->sp[mi[i]].explaining)
            count[m->sp[mi[i]].chars]++, total++;
    start[0] = 0;
    for (size_t c = 0; c <= KR_CONF_MAX_CHARS + 1; c++)
        start[c + 1] = start[c] + count[c];
    uint32_t *by_len = kr_arena_alloc(ctx->scratch, (total + 1) * sizeof *by_len);
    size_t fill[KR_CONF_MAX_CHARS + 2];
    memcpy(fill, start, sizeof fill);
    for (size_t i = 0; i < ss->n; i++)
        if (m->sp[mi[i]].explaining)
            by_len[fill[m->sp[mi[i]].chars]++] = mi[i];
    /* columns of the spellings new to the memory's present set */
    bool *fresh_col = kr_arena_alloc(ctx->scratch, ss->n + 1);
    for (size_t i = 0; i < ss->n; i++) {
        known_sp *b = &m->sp[mi[i]];
        if (b->col_done)
            continue;
        b->col_done = true;
        fresh_col[i] = true;
        if (!wants_target(b))
            continue;
        size_t lo = b->chars > 3 ? b->chars - 3 : 0;
        size_t hi = b->chars + 3 <= KR_CONF_MAX_CHARS ? b->chars + 3 : KR_CONF_MAX_CHARS;
        for (size_t q = start[lo]; q < start[hi + 1]; q++) {
            if (by_len[q] == mi[i])
                continue;
            int c = pair_cost(&m->sp[by_len[q]], b);
            if (c > 0)
                add_hit(b, by_len[q], c);
        }
    }
    /* rows of the explainers new to the explaining set, against the others */
    for (size_t i = 0; i < ss->n; i++) {
        known_sp *a = &m->sp[mi[i]];
        if (!a->explaining || a->row_done)
            continue;
        a->row_done = true;
        for (size_t j = 0; j < ss->n; j++) {
            known_sp *b = &m->sp[mi[j]];
            if (fresh_col[j] || j == i || !wants_target(b) || !near(a, b))
                continue;
            int c = pair_cost(a, b);
            if (c > 0)
                add_hit(b, mi[i], c);
        }
    }
}

/* The one spelling b should read as, or -1 (none, or two rivals too close). The
 * outcome does not depend on the order the rivals are met in. */
static int target_of(const memory *m, const spellings *ss, const known_sp *kb, size_t b)
{
    const spelling *sp = ss->sp;
    int best = -1, best_cost = 0;
    bool ambiguous = false;
    for (uint32_t h = 0; h < kb->n_hits; h++) {
        const known_sp *ka = &m->sp[kb->hits[h].a];
        if (ka->seen != m->lint || !ka->explaining)
            continue; /* not in this document now, or explains nothing now */
        size_t a = (size_t)ka->cur;
        /* the usual spelling of a name explains only what is much rarer */
        if (!is_word(&sp[a]) && sp[a].count < 3 * sp[b].count)
            continue;
        int c = kb->hits[h].cost;
        if (best < 0 || c < best_cost) {
            ambiguous = best >= 0 && c + 20 > best_cost;
            best = (int)a;
            best_cost = c;
        } else if (c < best_cost + 20) {
            ambiguous = true;
        }
    }
    return best >= 0 && !ambiguous ? best : -1;
}

/* The memory for this lint: the document's (kr_lint_keep), or a fresh one. A
 * memory that holds far more than the document has is started again. */
static memory *memory_of(kr_lint_ctx *ctx, size_t present, bool *own)
{
    void **slot = kr_lint_keep(ctx, memory_free);
    memory *m = slot ? *slot : NULL;
    if (m && m->n > 2 * present + 4096) {
        memory_free(m);
        m = NULL;
    }
    if (!m)
        m = calloc(1, sizeof *m);
    if (!m)
        abort();
    if (slot)
        *slot = m;
    *own = !slot;
    return m;
}

static void check_clusters(kr_lint_ctx *ctx)
{
    spellings ss;
    collect(ctx, &ss);
    spelling *sp = ss.sp;
    size_t n = ss.n;
    bool own;
    memory *m = memory_of(ctx, n, &own);
    uint64_t prev = m->lint++;
    uint32_t *mi = kr_arena_alloc(ctx->scratch, (n + 1) * sizeof *mi);
    for (size_t i = 0; i < n; i++) {
        mi[i] = memory_find(ctx, m, sp[i].s, sp[i].n);
        known_sp *k = &m->sp[mi[i]];
        if (k->seen != prev) /* absent last time: its pairs may be missing */
            k->col_done = k->row_done = false;
        k->seen = m->lint;
        k->cur = (int32_t)i;
        sp[i].flags = k->flags;
    }
    /* An unknown spelling may set the norm only as a capitalised name that is not
     * itself a garbling: OCR repeats its garblings of ordinary words faithfully. */
    for (size_t i = 0; i < n; i++) {
        if (sp[i].count < 3 || (sp[i].flags & KR_LEX_KNOWN) ||
            case_of(sp[i].s, sp[i].n) != CASE_CAPITAL)
            continue;
        const kr_verdict *v = kr_word_verdict(ctx, sp[i].s, sp[i].n);
        sp[i].may_dominate = !v || (v->kind != KR_VERDICT_OCR && v->kind != KR_VERDICT_DIA);
    }
    for (size_t i = 0; i < n; i++) {
        known_sp *k = &m->sp[mi[i]];
        bool e = may_explain(&sp[i]);
        if (e != k->explaining || !e) /* (re)joined the explainers: a row to compare */
            k->row_done = false;
        k->explaining = e;
    }
    update_pairs(ctx, m, &ss, mi);
    for (size_t b = 0; b < n; b++)
        if (wants_target(&m->sp[mi[b]]))
            sp[b].target = target_of(m, &ss, &m->sp[mi[b]], b);
    const kr_analysis *an = ctx->an;
    /* only a candidate token has a spelling (the same text is the same
     * candidate), so only they are visited, in document order */
    for (size_t c = 0; c < ss.n_tok; c++) {
        size_t i = ss.tok[c];
        const kr_token *tk = &an->tokens[i];
        size_t k = ss.tok_sp[c];
        if (ctx->claimed[i] || sp[k].target < 0 || !kr_claim(ctx, i, i))
            continue;
        const spelling *to = &sp[sp[k].target];
        kr_diagnostic *d = kr_emit(ctx, tk->start, tk->end,
                                   "Uensartet stavemåde: »%.*s« skrives »%.*s« andre steder",
                                   (int)sp[k].n, sp[k].s, (int)to->n, to->s);
        if (!d)
            continue;
        kr_diagnostic_set_subject(ctx->out, d, sp[k].s, sp[k].n);
        char *title = kr_arena_printf(ctx->scratch, "Skriv »%.*s«", (int)to->n, to->s);
        kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, true);
        kr_fix_add_edit(ctx->out, f, tk->start, tk->end, to->s, to->n);
    }
    if (own)
        memory_free(m);
    free(sp);
}

static void check(kr_lint_ctx *ctx)
{
    check_declared(ctx);
    check_clusters(ctx);
}

const kr_rule kr_rule_term_consistency = {
    .id = "term-consistency",
    .severity = KR_SEV_WARNING,
    .summary = "a key term or name spelled differently from its declared or usual form",
    .explanation =
        "Declared terms (\"Småbørnsløftet\" by default; more in .korrektur.json as "
        "{\"terms\": [\"Småbørnsløftet\", \"Region Hovedstaden\"]}) must be spelled the "
        "same way everywhere. Variants found by OCR (»Smabgrnslgftet«), without æøå "
        "(»Smabornsloftet«), in other case, broken by a line-end hyphen (»Små-⏎børnsløftet«), "
        "inflected (»Småbørnsløftets«) or inside a web address (»smabegrnsigftet.dk«) are "
        "fixed to the declared spelling, keeping the variant's inflection and case "
        "pattern. Beyond declared terms, a capitalised word or long compound spelled "
        "several ways in one document is flagged where one spelling is a dictionary word "
        "or clearly the usual one and the other differs only by OCR confusions.",
    .check = check,
};
