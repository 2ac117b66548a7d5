/* compound_tail.c — repairs of a compound one part of which lost its æ/ø/å or
 * was garbled by OCR (tekstomrade for tekstområde, gennemskezer for
 * gennemskær, oplosningsevne for opløsningsevne), shared by the rules
 * missing-diacritics and ocr-confusion (compound_tail.h).
 *
 * The repair engine (server/confusion.c) judges whole words. A compound with a
 * damaged tail slips past it: the lexicon's compound splitting accepts the
 * damaged form (lager + omrade) or the repaired compound is not in the
 * dictionary at all (tekst + område), so no candidate exists. The engine does
 * judge the tail as a word of its own, though: when a known word is followed by
 * a tail the engine confidently repairs, the compound is damaged the same way. */
#include "compound_tail.h"

#include <string.h>

enum {
    HEAD_MIN = 3, /* letters of the known first part (without a linking s/e) */
    TAIL_MIN = 4, /* letters of the damaged last part: shorter tails (set, mal)
                     are real words too often to be evidence */
    TAIL_MAX_COST = 45,
};

static bool utf8_start(const char *s, size_t i)
{
    return ((unsigned char)s[i] & 0xC0) != 0x80;
}

static size_t chars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += utf8_start(s, i);
    return c;
}

/* A dictionary word, not one known only by compound splitting (farvemod is
 * farve + mod: a split there would cut modellen in two). */
static bool dictionary_word(kr_lint_ctx *ctx, const char *s, size_t n)
{
    return (kr_lexicon_lookup(ctx->lex, s, n) & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN;
}

/* The first part is a word of its own, possibly with a linking s or e
 * (redigerings-, arbejds-, hunde-). */
static bool known_head(kr_lint_ctx *ctx, const char *s, size_t n)
{
    if (chars(s, n) < HEAD_MIN)
        return false;
    if (dictionary_word(ctx, s, n))
        return true;
    return n > HEAD_MIN && (s[n - 1] == 's' || s[n - 1] == 'e') && dictionary_word(ctx, s, n - 1);
}

/* The part's verdict when it is a confident, cheap repair of `kind` into a
 * common dictionary word; NULL otherwise. A repair into a compound is no
 * evidence: any stretch of letters inside a word (the selformer of
 * penselformer) becomes some ad-hoc compound after one confusion. A tail
 * begins with a small letter; a head may be capitalised. */
static const kr_verdict *part_repair(kr_lint_ctx *ctx, const char *s, size_t n,
                                     kr_verdict_kind kind, bool head)
{
    unsigned char c = (unsigned char)s[0];
    if (chars(s, n) < TAIL_MIN || (!head && !(c >= 'a' && c <= 'z')))
        return NULL;
    const kr_verdict *v = kr_word_verdict(ctx, s, n);
    /* a part that is a word as written (maske, valg) makes a good compound
     * (lagmaske, opstartsvalg): a real-word guess is not made inside one */
    if (v->real_word || (v->lex & (KR_LEX_KNOWN | KR_LEX_COMPOUND)) == KR_LEX_KNOWN)
        return NULL;
    if (v->kind != kind || !v->preferred || v->n == 0 || v->cand[0].cost > TAIL_MAX_COST ||
        memchr(v->cand[0].text, ' ', v->cand[0].len))
        return NULL;
    unsigned lex = v->cand[0].lex;
    if (!(lex & KR_LEX_COMMON) || (lex & KR_LEX_COMPOUND))
        return NULL;
    return v;
}

/* Whether the whole word may be judged by its parts: the engine left it alone
 * as known only through compound splitting, or found no repair for it. */
static bool judged_by_parts(const kr_verdict *v)
{
    if (v->kind == KR_VERDICT_UNKNOWN)
        return v->n == 0;
    return v->kind == KR_VERDICT_OK && (v->lex & KR_LEX_COMPOUND) && !(v->lex & KR_LEX_COMMON);
}

/* Reports the part p with [from, to) of it replaced by the repair c. */
static void emit(kr_lint_ctx *ctx, const kr_span *p, size_t from, size_t to, const kr_candidate *c,
                 const char *what)
{
    size_t head = from - p->start, tail = p->end - to, n = head + c->len + tail;
    char *fixed = kr_arena_alloc(ctx->scratch, n + 1);
    memcpy(fixed, ctx->text + p->start, head);
    memcpy(fixed + head, c->text, c->len);
    memcpy(fixed + head + c->len, ctx->text + to, tail);
    kr_diagnostic *d = kr_emit(ctx, p->start, p->end, "%s: «%.*s» skal sandsynligvis være «%s»",
                               what, (int)(p->end - p->start), ctx->text + p->start, fixed);
    char *title = kr_arena_printf(ctx->scratch, "Ret til «%s»", fixed);
    kr_fix *f = kr_diagnostic_add_fix(ctx->out, d, title, true);
    kr_fix_add_edit(ctx->out, f, p->start, p->end, fixed, n);
}

/* Whether the word splits into a known head and a tail that is a dictionary
 * word as written (opstarts + valg): then it is a sound compound, whatever
 * another split (opstart + svalg) would make of it. */
static bool sound_split(kr_lint_ctx *ctx, const char *s, size_t n)
{
    for (size_t i = 1; i + 1 < n; i++)
        if (utf8_start(s, i) && chars(s + i, n - i) >= HEAD_MIN && known_head(ctx, s, i) &&
            dictionary_word(ctx, s + i, n - i))
            return true;
    return false;
}

/* Where a damaged part of a compound lies and what repairs it: bytes [from, to)
 * of the word are replaced by cand. */
typedef struct {
    uint32_t from, to;
    const kr_candidate *cand; /* NULL: no damaged part */
} damage;

/* Which split points of a word have a known head before them (bit i: s[0..i))
 * and which a dictionary word of TAIL_MIN letters after them (s[i..n)): what
 * damaged_tail and damaged_head look up, found once for both kinds. */
typedef struct {
    uint64_t heads, tails;
} splits;

enum { SPLITS_MAX = 64 }; /* bytes of a word whose split points are kept */

static void split_points(kr_lint_ctx *ctx, const char *s, size_t n, splits *sp)
{
    sp->heads = sp->tails = 0;
    for (size_t i = 1; i + 1 < n && i < SPLITS_MAX; i++) {
        if (!utf8_start(s, i))
            continue;
        if (known_head(ctx, s, i))
            sp->heads |= 1ull << i;
        if (chars(s + i, n - i) >= TAIL_MIN && dictionary_word(ctx, s + i, n - i))
            sp->tails |= 1ull << i;
    }
}

/* A damaged tail after a known head (tekst + omrade), the longest first (sp:
 * the word's split points when known, else looked up here). */
static bool damaged_tail(kr_lint_ctx *ctx, const char *s, size_t n, kr_verdict_kind kind,
                         const splits *sp, damage *out)
{
    for (size_t i = 1; i + 1 < n; i++) {
        /* the head first: a lookup is cheaper than the tail's repair search */
        if (sp ? !((sp->heads >> i) & 1) : !utf8_start(s, i) || !known_head(ctx, s, i))
            continue;
        const kr_verdict *t = part_repair(ctx, s + i, n - i, kind, false);
        if (t) {
            *out = (damage){(uint32_t)i, (uint32_t)n, &t->cand[0]};
            return true;
        }
    }
    return false;
}

/* A damaged head, possibly with its linking s, before a dictionary word
 * (oplosnings + evne), the longest tail first (sp: as for damaged_tail). */
static bool damaged_head(kr_lint_ctx *ctx, const char *s, size_t n, kr_verdict_kind kind,
                         const splits *sp, damage *out)
{
    for (size_t i = 1; i + 1 < n; i++) {
        if (sp ? !((sp->tails >> i) & 1)
               : !utf8_start(s, i) || chars(s + i, n - i) < TAIL_MIN ||
                     !dictionary_word(ctx, s + i, n - i))
            continue;
        const kr_verdict *h = part_repair(ctx, s, i, kind, true);
        size_t link = 0;
        if (!h && i > 1 && s[i - 1] == 's')
            h = part_repair(ctx, s, i - 1, kind, true), link = 1;
        if (h) {
            *out = (damage){0, (uint32_t)(i - link), &h->cand[0]};
            return true;
        }
    }
    return false;
}

/* The damage of either kind, if any. */
static damage find_damage(kr_lint_ctx *ctx, const char *s, size_t n, kr_verdict_kind kind,
                          const splits *sp)
{
    damage d = {0, 0, NULL};
    (void)(damaged_tail(ctx, s, n, kind, sp, &d) || damaged_head(ctx, s, n, kind, sp, &d));
    return d;
}

/* ---- what each distinct word came to, for the lint ------------------------------
 * A 1 MB document has some 90 000 word parts long enough to be compounds, most
 * of them repeats, and both spelling rules ask about each: the judgement of a
 * word (its verdict, the lookups of its splits, the repair of a part) is kept
 * per distinct word in the lint's scratch (ctx->shared[KR_SHARED_COMPOUND_TAIL])
 * and read back by a hash of its bytes. Everything it is made of is fixed for
 * the lint (the verdicts are memoised by the engine for the lint too, which has
 * noted the document-wide answers they depend on when it first judged them). */
enum { KIND_SLOTS = 2 }; /* the verdict kinds asked for: DIA and OCR */

typedef struct {
    const char *word; /* the first occurrence's bytes, in ctx->text (NULL: free) */
    uint32_t len, hash;
    bool by_parts;    /* judged by its parts, and no sound split */
    bool have_splits; /* sp holds the word's split points */
    splits sp;
    bool searched[KIND_SLOTS]; /* the damage for that kind was looked for */
    damage found[KIND_SLOTS];
} word_memo;

typedef struct {
    word_memo *slots;
    size_t cap, count;
    /* a bit per byte of the text: set at the start of a token none of whose
     * parts is judged by its parts (a token starting there is the same one
     * for the whole lint), so the second rule to ask passes it by unhashed */
    uint8_t *sound;
} memo_map;

/* The bytes s[i..n) (fewer than 8) as one zero-padded word. The caller's words
 * are long (a compound's HEAD_MIN + TAIL_MIN bytes at least), so the 8 bytes
 * ending at s[n] are read and shifted when there are 8; no call to memcpy for a
 * short, variable length. */
static uint64_t tail_bytes(const char *s, size_t i, size_t n)
{
    uint64_t x = 0;
    if (n >= 8) {
        memcpy(&x, s + n - 8, 8);
        return x >> (8 * (8 - (n - i)));
    }
    for (size_t j = n; j > i; j--)
        x = (x << 8) | (unsigned char)s[j - 1];
    return x;
}

/* Whether a word of 8 bytes (zero-padded) holds a '-' or a '\'' (exactly: a
 * byte is zero after XOR with the sign when its low seven bits add up to no
 * carry and its high bit is clear). */
static bool has_dash_or_quote8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t a = x ^ ('-' * ones), b = x ^ ('\'' * ones);
    uint64_t za = ~(((a & low7) + low7) | a), zb = ~(((b & low7) + low7) | b);
    return ((za | zb) & ~low7) != 0;
}

/* The hash of s[0..n), 8 bytes a step; *split (when asked) says whether a '-'
 * or '\'' is among them, when kr_word_parts would split the word. */
static uint32_t word_hash(const char *s, size_t n, bool *split)
{
    const uint64_t k = 0x9E3779B97F4A7C15ull;
    uint64_t h = n * k, x;
    bool sep = false;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&x, s + i, 8);
        sep |= has_dash_or_quote8(x);
        h = (h ^ x) * k;
        h ^= h >> 29;
    }
    x = i < n ? tail_bytes(s, i, n) : 0;
    sep |= has_dash_or_quote8(x);
    h = (h ^ x) * k;
    if (split)
        *split = sep;
    return (uint32_t)(h ^ (h >> 32));
}

static inline word_memo *memo_slot(word_memo *slots, size_t cap, const char *s, size_t n,
                                   uint32_t h)
{
    size_t i = h & (cap - 1);
    while (slots[i].word &&
           !(slots[i].hash == h && slots[i].len == n && memcmp(slots[i].word, s, n) == 0))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

/* The lint's memo (made on first use). */
static memo_map *memo_of(kr_lint_ctx *ctx)
{
    memo_map *m = ctx->shared[KR_SHARED_COMPOUND_TAIL];
    if (!m) {
        m = kr_arena_alloc(ctx->scratch, sizeof *m);
        m->cap = 1024;
        m->slots = kr_arena_alloc(ctx->scratch, m->cap * sizeof *m->slots);
        m->sound = kr_arena_alloc(ctx->scratch, ctx->len / 8 + 1);
        ctx->shared[KR_SHARED_COMPOUND_TAIL] = m;
    }
    return m;
}

/* The entry for s[0..n) (of hash h), made (zeroed but for its key) when new:
 * *fresh says so. */
static word_memo *memo_find(memo_map *m, kr_lint_ctx *ctx, const char *s, size_t n, uint32_t h,
                            bool *fresh)
{
    word_memo *e = memo_slot(m->slots, m->cap, s, n, h);
    *fresh = !e->word;
    if (e->word)
        return e;
    if ((m->count + 1) * 2 > m->cap) { /* the old table stays in the arena, unused */
        size_t cap = m->cap * 2;
        word_memo *slots = kr_arena_alloc(ctx->scratch, cap * sizeof *slots);
        for (size_t i = 0; i < m->cap; i++)
            if (m->slots[i].word)
                *memo_slot(slots, cap, m->slots[i].word, m->slots[i].len, m->slots[i].hash) =
                    m->slots[i];
        m->slots = slots;
        m->cap = cap;
        e = memo_slot(slots, cap, s, n, h);
    }
    m->count++;
    *e = (word_memo){.word = s, .len = (uint32_t)n, .hash = h};
    return e;
}

/* A compound with one damaged part, if any (the part p of hash h): reports it.
 * Returns NONE when the part is not judged by its parts, else whether it was
 * reported. */
enum { NONE, KEPT, REPORTED };
static int check_part(kr_lint_ctx *ctx, memo_map *m, const kr_span *p, uint32_t h,
                      kr_verdict_kind kind, const char *what)
{
    const char *s = ctx->text + p->start;
    size_t n = p->end - p->start;
    bool fresh;
    word_memo *e = memo_find(m, ctx, s, n, h, &fresh);
    if (fresh)
        e->by_parts = judged_by_parts(kr_word_verdict(ctx, s, n)) && !sound_split(ctx, s, n);
    if (!e->by_parts)
        return NONE;
    size_t k = kind == KR_VERDICT_DIA ? 0 : 1;
    damage d;
    if (kind != KR_VERDICT_DIA && kind != KR_VERDICT_OCR) { /* not kept: found each time */
        d = find_damage(ctx, s, n, kind, NULL);
    } else if (e->searched[k]) {
        d = e->found[k];
    } else {
        if (!e->have_splits && n < SPLITS_MAX) {
            split_points(ctx, s, n, &e->sp);
            e->have_splits = true;
        }
        d = find_damage(ctx, s, n, kind, e->have_splits ? &e->sp : NULL);
        e->searched[k] = true;
        e->found[k] = d;
    }
    if (!d.cand)
        return KEPT;
    emit(ctx, p, p->start + d.from, p->start + d.to, d.cand, what);
    return REPORTED;
}

static bool checkable(const kr_lint_ctx *ctx, size_t k)
{
    const kr_token *t = &ctx->an->tokens[k];
    if (t->kind != KR_TOK_WORD || ctx->claimed[k] || (t->flags & KR_TOKF_HYPHEN_END))
        return false;
    return k == 0 || !(ctx->an->tokens[k - 1].flags & KR_TOKF_HYPHEN_END);
}

/* The first token from k on that is long enough to be a compound (a part is
 * no longer than its token): a tight loop, as most tokens are short. */
static size_t next_long(const kr_analysis *an, size_t k)
{
    const kr_token *t = an->tokens;
    size_t n = an->n_tokens;
    while (k < n && t[k].end - t[k].start < HEAD_MIN + TAIL_MIN)
        k++;
    return k;
}

void kr_compound_tail_report(kr_lint_ctx *ctx, kr_verdict_kind kind, const char *what)
{
    memo_map *m = memo_of(ctx);
    for (size_t k = next_long(ctx->an, 0); k < ctx->an->n_tokens; k = next_long(ctx->an, k + 1)) {
        const kr_token *t = &ctx->an->tokens[k];
        if ((m->sound[t->start / 8] >> (t->start % 8)) & 1 || !checkable(ctx, k))
            continue;
        /* most tokens are one part: hashed and found so in one pass */
        bool split;
        int got = NONE;
        uint32_t h = word_hash(ctx->text + t->start, t->end - t->start, &split);
        if (!split) {
            got = check_part(ctx, m, &(kr_span){t->start, t->end}, h, kind, what);
        } else {
            kr_span parts[8];
            size_t np = kr_word_parts(ctx->text, t, parts, 8);
            for (size_t i = 0; i < np; i++) {
                size_t n = parts[i].end - parts[i].start;
                if (n < HEAD_MIN + TAIL_MIN) /* bytes: at least as many as letters */
                    continue;
                int r = check_part(ctx, m, &parts[i],
                                   word_hash(ctx->text + parts[i].start, n, NULL), kind, what);
                got = r > got ? r : got;
            }
        }
        if (got == NONE)
            m->sound[t->start / 8] |= (uint8_t)(1u << (t->start % 8));
        else if (got == REPORTED)
            kr_claim(ctx, k, k);
    }
}
