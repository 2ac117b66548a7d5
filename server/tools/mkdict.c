/* mkdict.c — build-time compiler of korrektur's word set (server/data.mk).
 *
 *   mkdict da_DK.aff da_DK.dic common.txt out.kdict     write the data file
 *   mkdict --list da_DK.aff da_DK.dic common.txt        print "form<TAB>flags"
 *
 * Expands every stem of a hunspell dictionary (FLAG num) with its PFX/SFX rules,
 * cross products and one level of continuation suffixes (hunspell's twofold
 * suffixes), and records per form whether it may stand alone or begin, continue
 * or end a compound (the compound flags as hunspell applies them, see
 * form_caps). The tesseract common-word list is merged in. The forms are stored
 * as a minimal acyclic automaton (format in server/lexicon_internal.h) that the
 * engine mmaps: a few MB, no start-up work, and walking a word once yields every
 * prefix that is a form — what the compound splitter needs. */
#include "lexicon_internal.h"

#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#define MAXW 256

static void die(const char *what, const char *arg)
{
    fprintf(stderr, "mkdict: %s%s%s\n", what, arg ? " " : "", arg ? arg : "");
    exit(1);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("out of memory", NULL);
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

/* ---- flags ---------------------------------------------------------------------- */
typedef struct {
    uint16_t *v;
    int n;
} flagset;

static bool has(const flagset *f, int flag)
{
    for (int i = 0; i < f->n; i++)
        if (f->v[i] == flag)
            return true;
    return false;
}

/* "10,11,2" -> flagset (FLAG num). */
static flagset parse_flags(const char *s)
{
    flagset f = {0};
    while (*s) {
        char *end;
        long v = strtol(s, &end, 10);
        if (end == s)
            break;
        f.v = xrealloc(f.v, (f.n + 1) * sizeof *f.v);
        f.v[f.n++] = (uint16_t)v;
        s = *end == ',' ? end + 1 : end;
    }
    return f;
}

/* ---- affixes ---------------------------------------------------------------------- */
/* A condition is a sequence of code-point classes. */
typedef struct {
    uint32_t *chars;
    int nchars;
    bool negate, any;
} cclass;

typedef struct {
    int flag;
    bool prefix, cross;
    char *strip, *append;
    flagset cont;
    cclass *cond;
    int ncond;
} affix;

static affix *affixes;
static int naffixes;
/* The affixes of a flag: index range per flag value (flags are < 65536). */
static int *flag_first, *flag_count;
static bool flag_is_prefix[65536], flag_cross[65536];

static struct {
    int needaffix, forbidden, onlyincompound, begin, middle, end, permit, cpdmin, cpdmax;
} aff = {-1, -1, -1, -1, -1, -1, -1, 3, 0};

typedef struct {
    char *from, *to;
} rep;
static rep *reps;
static int nreps;

static uint32_t utf8_next(const char **p)
{
    const unsigned char *s = (const unsigned char *)*p;
    uint32_t c = *s;
    int n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    if (n)
        c &= 0x3F >> n;
    s++;
    for (int i = 0; i < n && (*s & 0xC0) == 0x80; i++)
        c = (c << 6) | (*s++ & 0x3F);
    *p = (const char *)s;
    return c;
}

static int utf8_decode(const char *s, uint32_t *out, int max)
{
    int n = 0;
    while (*s && n < max)
        out[n++] = utf8_next(&s);
    return n;
}

static cclass *parse_condition(const char *s, int *ncond)
{
    cclass *c = NULL;
    int n = 0;
    if (strcmp(s, ".") == 0) {
        *ncond = 0;
        return NULL;
    }
    while (*s) {
        c = xrealloc(c, (n + 1) * sizeof *c);
        cclass *k = &c[n++];
        *k = (cclass){0};
        if (*s == '.') {
            k->any = true;
            s++;
        } else if (*s == '[') {
            s++;
            if (*s == '^')
                k->negate = true, s++;
            while (*s && *s != ']') {
                k->chars = xrealloc(k->chars, (k->nchars + 1) * sizeof *k->chars);
                k->chars[k->nchars++] = utf8_next(&s);
            }
            if (*s == ']')
                s++;
        } else {
            k->chars = xrealloc(NULL, sizeof *k->chars);
            k->chars[0] = utf8_next(&s);
            k->nchars = 1;
        }
    }
    *ncond = n;
    return c;
}

static bool class_match(const cclass *k, uint32_t c)
{
    if (k->any)
        return true;
    bool in = false;
    for (int i = 0; i < k->nchars && !in; i++)
        in = k->chars[i] == c;
    return in != k->negate;
}

/* Does the condition hold at the start (prefix) or end (suffix) of w? */
static bool condition_holds(const affix *a, const char *w)
{
    if (!a->ncond)
        return true;
    uint32_t cp[MAXW];
    int n = utf8_decode(w, cp, MAXW);
    if (n < a->ncond)
        return false;
    int base = a->prefix ? 0 : n - a->ncond;
    for (int i = 0; i < a->ncond; i++)
        if (!class_match(&a->cond[i], cp[base + i]))
            return false;
    return true;
}

static int split_fields(char *line, char **f, int max)
{
    int n = 0;
    for (char *t = strtok(line, " \t\r\n"); t && n < max; t = strtok(NULL, " \t\r\n"))
        f[n++] = t;
    return n;
}

static void set_flag_option(const char *key, const char *val)
{
    static const struct {
        const char *key;
        int *slot;
    } opts[] = {
        {"NEEDAFFIX", &aff.needaffix},           {"FORBIDDENWORD", &aff.forbidden},
        {"ONLYINCOMPOUND", &aff.onlyincompound}, {"COMPOUNDBEGIN", &aff.begin},
        {"COMPOUNDMIDDLE", &aff.middle},         {"COMPOUNDEND", &aff.end},
        {"COMPOUNDPERMITFLAG", &aff.permit},     {"COMPOUNDMIN", &aff.cpdmin},
        {"COMPOUNDWORDMAX", &aff.cpdmax},
    };
    for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
        if (strcmp(key, opts[i].key) == 0)
            *opts[i].slot = atoi(val);
}

static void add_affix_line(char **f, int n)
{
    /* Header "SFX flag Y count" vs entry "SFX flag strip append cond ...". */
    int flag = atoi(f[1]);
    bool prefix = f[0][0] == 'P';
    if (n == 4 && (strcmp(f[2], "Y") == 0 || strcmp(f[2], "N") == 0)) {
        flag_cross[flag] = f[2][0] == 'Y';
        flag_is_prefix[flag] = prefix;
        return;
    }
    if (n < 4)
        return;
    affixes = xrealloc(affixes, (naffixes + 1) * sizeof *affixes);
    affix *a = &affixes[naffixes++];
    *a = (affix){.flag = flag, .prefix = prefix, .cross = flag_cross[flag]};
    a->strip = xstrdup(strcmp(f[2], "0") == 0 ? "" : f[2]);
    char *slash = strchr(f[3], '/');
    if (slash) {
        *slash = '\0';
        a->cont = parse_flags(slash + 1);
    }
    a->append = xstrdup(strcmp(f[3], "0") == 0 ? "" : f[3]);
    a->cond = parse_condition(n >= 5 ? f[4] : ".", &a->ncond);
}

static int by_flag(const void *a, const void *b)
{
    const affix *x = a, *y = b;
    return x->flag != y->flag ? x->flag - y->flag : (x < y ? -1 : 1);
}

static void read_aff(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        die("cannot read", path);
    char line[4096];
    char *f[16];
    while (fgets(line, sizeof line, fp)) {
        if (line[0] == '#')
            continue;
        int n = split_fields(line, f, 16);
        if (n < 2)
            continue;
        if ((strcmp(f[0], "SFX") == 0 || strcmp(f[0], "PFX") == 0) && n >= 4)
            add_affix_line(f, n);
        else if (strcmp(f[0], "FLAG") == 0 && strcmp(f[1], "num") != 0)
            die("only FLAG num dictionaries are supported:", path);
        else if (strcmp(f[0], "REP") == 0 && n >= 3) {
            reps = xrealloc(reps, (nreps + 1) * sizeof *reps);
            reps[nreps++] = (rep){xstrdup(f[1]), xstrdup(f[2])};
        } else
            set_flag_option(f[0], f[1]);
    }
    fclose(fp);
    /* Keep each flag's entries together, in file order (qsort is not stable). */
    qsort(affixes, naffixes, sizeof *affixes, by_flag);
    flag_first = xrealloc(NULL, 65536 * sizeof *flag_first);
    flag_count = calloc(65536, sizeof *flag_count);
    for (int i = naffixes - 1; i >= 0; i--) {
        flag_first[affixes[i].flag] = i;
        flag_count[affixes[i].flag]++;
    }
}

/* ---- forms ---------------------------------------------------------------------------- */
typedef struct {
    char *s;
    unsigned flags;
} form;

static form *forms;
static size_t nforms, capforms;

static void emit_allcaps(const char *w);

static void emit(const char *s, unsigned flags)
{
    if (!flags || strlen(s) >= KR_DICT_MAXWORD)
        return;
    if (nforms == capforms) {
        capforms = capforms ? capforms * 2 : 1 << 20;
        forms = xrealloc(forms, capforms * sizeof *forms);
    }
    forms[nforms++] = (form){xstrdup(s), flags};
    if (flags & KR_DICT_WORD)
        emit_allcaps(s);
}

/* What a form may do, from the stem's flags, the affixes applied (NULL when
 * absent; sfx is the outer suffix, sfx1 the inner one of a twofold suffix) and
 * hunspell's rules: a compound flag counts on the stem or on any applied affix's
 * continuation class; a suffix inside the first/middle part of a compound needs
 * COMPOUNDPERMITFLAG on the suffix, a prefix inside the last part needs it on
 * the prefix; ONLYINCOMPOUND (stem or affix) keeps a form from standing alone,
 * NEEDAFFIX (on the outermost piece) from being used at all. */
static unsigned form_caps(const flagset *stem, const affix *pfx, const affix *sfx1,
                          const affix *sfx)
{
    const affix *parts[3] = {pfx, sfx1, sfx};
    bool only = has(stem, aff.onlyincompound);
    bool cap[3] = {has(stem, aff.begin), has(stem, aff.middle), has(stem, aff.end)};
    int ids[3] = {aff.begin, aff.middle, aff.end};
    for (int i = 0; i < 3; i++) {
        if (!parts[i])
            continue;
        for (int k = 0; k < 3; k++)
            cap[k] = cap[k] || has(&parts[i]->cont, ids[k]);
    }
    const affix *outer = sfx ? sfx : pfx;
    bool needaffix = outer ? has(&outer->cont, aff.needaffix) : has(stem, aff.needaffix);
    bool outer_only = outer && has(&outer->cont, aff.onlyincompound);
    if (sfx && !has(&sfx->cont, aff.permit))
        cap[0] = cap[1] = false;
    if (pfx && !has(&pfx->cont, aff.permit))
        cap[2] = false;
    /* A joining suffix (ONLYINCOMPOUND, e.g. vivarium -> vivarie-) never ends one. */
    if (sfx && !pfx && outer_only)
        cap[2] = false;
    /* A form still needing an affix is no word, nor a compound part. */
    if (needaffix)
        cap[0] = cap[1] = cap[2] = false;
    unsigned f = 0;
    if (!only && !outer_only && !needaffix)
        f |= KR_DICT_WORD;
    f |= cap[0] ? KR_DICT_BEGIN : 0;
    f |= cap[1] ? KR_DICT_MIDDLE : 0;
    f |= cap[2] ? KR_DICT_END : 0;
    return f;
}

/* hunspell accepts a mixed-case entry ("McEnroe", "Delaunay-Terk") in capitals
 * too ("MCENROE", "DELAUNAY-TERKS"): add that spelling of every such form.
 * Lowercase and Capitalised forms need nothing: the engine maps the case of
 * what it looks up. */
static void emit_allcaps(const char *w)
{
    wchar_t wide[MAXW];
    size_t n = mbstowcs(wide, w, MAXW - 1);
    if (n == (size_t)-1 || n < 2)
        return;
    bool later_upper = false;
    for (size_t i = 1; i < n; i++)
        later_upper = later_upper || iswupper((wint_t)wide[i]);
    if (!later_upper)
        return;
    for (size_t i = 0; i < n; i++)
        wide[i] = (wchar_t)towupper((wint_t)wide[i]);
    wide[n] = 0;
    char out[MAXW * 4];
    if (wcstombs(out, wide, sizeof out) != (size_t)-1 && strcmp(out, w) != 0)
        emit(out, KR_DICT_WORD);
}

static bool apply(const affix *a, const char *w, char *out)
{
    size_t wl = strlen(w), sl = strlen(a->strip), al = strlen(a->append);
    if (sl >= wl + (sl == 0) || wl - sl + al >= MAXW)
        return false;
    if (a->prefix) {
        if (strncmp(w, a->strip, sl) != 0 || !condition_holds(a, w))
            return false;
        memcpy(out, a->append, al);
        strcpy(out + al, w + sl);
    } else {
        if (strcmp(w + wl - sl, a->strip) != 0 || !condition_holds(a, w))
            return false;
        memcpy(out, w, wl - sl);
        strcpy(out + wl - sl, a->append);
    }
    return true;
}

/* Suffixes (and one continuation suffix) on w, which carries prefix pfx or none.
 * sflags: the suffix flags allowed (the stem's, plus the prefix's continuation). */
static void expand_suffixes(const char *w, const flagset *stem, const flagset *sflags,
                            const affix *pfx)
{
    char s1[MAXW], s2[MAXW];
    for (int i = 0; i < sflags->n; i++) {
        int fl = sflags->v[i];
        for (int j = flag_first[fl]; j < flag_first[fl] + flag_count[fl]; j++) {
            const affix *a = &affixes[j];
            if (a->prefix || (pfx && !(a->cross && pfx->cross)) || !apply(a, w, s1))
                continue;
            emit(s1, form_caps(stem, pfx, NULL, a));
            for (int k = 0; k < a->cont.n; k++) {
                int f2 = a->cont.v[k];
                for (int m = flag_first[f2]; m < flag_first[f2] + flag_count[f2]; m++) {
                    const affix *b = &affixes[m];
                    if (b->prefix || (pfx && !b->cross) || !apply(b, s1, s2))
                        continue;
                    emit(s2, form_caps(stem, pfx, a, b));
                }
            }
        }
    }
}

static void expand_stem(const char *w, const flagset *stem)
{
    if (has(stem, aff.forbidden)) {
        emit(w, KR_DICT_FORBIDDEN);
        return;
    }
    emit(w, form_caps(stem, NULL, NULL, NULL) | KR_DICT_ENTRY);
    expand_suffixes(w, stem, stem, NULL);
    char p[MAXW];
    for (int i = 0; i < stem->n; i++) {
        int fl = stem->v[i];
        for (int j = flag_first[fl]; j < flag_first[fl] + flag_count[fl]; j++) {
            const affix *a = &affixes[j];
            if (!a->prefix || !apply(a, w, p))
                continue;
            emit(p, form_caps(stem, a, NULL, NULL));
            if (!a->cross)
                continue;
            flagset both = {xrealloc(NULL, (stem->n + a->cont.n) * sizeof *both.v), 0};
            for (int k = 0; k < stem->n; k++)
                both.v[both.n++] = stem->v[k];
            for (int k = 0; k < a->cont.n; k++)
                both.v[both.n++] = a->cont.v[k];
            expand_suffixes(p, stem, &both, a);
            free(both.v);
        }
    }
}

/* A .dic line: "word[/flags][ morph fields]". Entries with a space ("a la")
 * are kept: they never match a token, but refuse the compound "ala" as hunspell
 * does. */
static void read_dic(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        die("cannot read", path);
    char line[4096];
    if (!fgets(line, sizeof line, fp))
        die("empty", path);
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n\t")] = '\0';
        char *slash = strchr(line, '/');
        flagset fl = {0};
        if (slash && slash != line) {
            *slash = '\0';
            char *flags = slash + 1;
            flags[strcspn(flags, " ")] = '\0';
            fl = parse_flags(flags);
        } else {
            /* No flags: morphology starts at " xx:". */
            for (char *sp = strchr(line, ' '); sp; sp = strchr(sp + 1, ' '))
                if (sp[1] && sp[2] && sp[3] == ':') {
                    *sp = '\0';
                    break;
                }
        }
        if (line[0])
            expand_stem(line, &fl);
        free(fl.v);
    }
    fclose(fp);
}

static void read_common(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        die("cannot read", path);
    char line[1024];
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] && !strchr(line, ' '))
            emit(line, KR_DICT_COMMON);
    }
    fclose(fp);
}

static int by_form(const void *a, const void *b)
{
    return strcmp(((const form *)a)->s, ((const form *)b)->s);
}

/* Sorts and merges duplicates. A dictionary entry flagged forbidden wins over
 * every other derivation of the same spelling as a word of its own, as in
 * hunspell; but the compound roles another derivation gives it still count
 * (hunspell's compound check looks for the homonym with the role: `billed` is
 * forbidden, `billed-` begins billedformat). The forbidden entry has no roles
 * of its own. */
static void merge_forms(void)
{
    qsort(forms, nforms, sizeof *forms, by_form);
    size_t out = 0;
    for (size_t i = 0; i < nforms; i++) {
        if (out && strcmp(forms[out - 1].s, forms[i].s) == 0) {
            forms[out - 1].flags |= forms[i].flags;
            free(forms[i].s);
            continue;
        }
        forms[out++] = forms[i];
    }
    nforms = out;
    for (size_t i = 0; i < nforms; i++)
        if (forms[i].flags & KR_DICT_FORBIDDEN)
            forms[i].flags &=
                KR_DICT_FORBIDDEN | KR_DICT_COMMON | KR_DICT_BEGIN | KR_DICT_MIDDLE | KR_DICT_END;
}

/* ---- the automaton ------------------------------------------------------------------- */
/* Daciuk et al.'s incremental construction of a minimal acyclic automaton from
 * sorted input. Every word is stored as its bytes, a 0 byte, and its flags byte,
 * so all words end in one final state (id 0) with no edges. */
typedef struct {
    uint8_t label;
    uint32_t to;
} edge;

typedef struct {
    edge *e;
    int n;
    uint32_t offset; /* in the file, once laid out */
} state;

static state *states;
static uint32_t nstates, capstates;
static uint32_t *reg; /* open-addressing register of minimised states */
static size_t regcap, regcount;

static uint32_t new_state(void)
{
    if (nstates == capstates) {
        capstates = capstates ? capstates * 2 : 1 << 16;
        states = xrealloc(states, capstates * sizeof *states);
    }
    states[nstates] = (state){0};
    return nstates++;
}

static uint64_t state_hash(const state *s)
{
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < s->n; i++)
        h = (h ^ s->e[i].label) * 1099511628211ull, h = (h ^ s->e[i].to) * 1099511628211ull;
    return h ^ (h >> 29);
}

static bool state_equal(const state *a, const state *b)
{
    if (a->n != b->n)
        return false;
    for (int i = 0; i < a->n; i++)
        if (a->e[i].label != b->e[i].label || a->e[i].to != b->e[i].to)
            return false;
    return true;
}

static void reg_insert_raw(uint32_t id)
{
    size_t i = state_hash(&states[id]) & (regcap - 1);
    while (reg[i] != UINT32_MAX)
        i = (i + 1) & (regcap - 1);
    reg[i] = id;
}

/* Returns the registered equivalent of state id, registering it if new. */
static uint32_t reg_lookup_or_add(uint32_t id)
{
    if ((regcount + 1) * 2 > regcap) {
        uint32_t *old = reg;
        size_t oldcap = regcap;
        regcap = regcap ? regcap * 2 : 1 << 16;
        reg = xrealloc(NULL, regcap * sizeof *reg);
        memset(reg, 0xff, regcap * sizeof *reg);
        for (size_t i = 0; i < oldcap; i++)
            if (old[i] != UINT32_MAX)
                reg_insert_raw(old[i]);
        free(old);
    }
    size_t i = state_hash(&states[id]) & (regcap - 1);
    for (; reg[i] != UINT32_MAX; i = (i + 1) & (regcap - 1))
        if (state_equal(&states[reg[i]], &states[id]))
            return reg[i];
    reg[i] = id;
    regcount++;
    return id;
}

static void add_edge(uint32_t from, uint8_t label, uint32_t to)
{
    state *s = &states[from];
    s->e = xrealloc(s->e, (s->n + 1) * sizeof *s->e);
    s->e[s->n++] = (edge){label, to};
}

/* Minimises the path below path[depth] back up to path[keep]. */
static void minimise_path(uint32_t *path, int depth, int keep)
{
    for (int k = depth; k > keep; k--) {
        uint32_t child = path[k];
        uint32_t same = reg_lookup_or_add(child);
        if (same != child) {
            state *parent = &states[path[k - 1]];
            parent->e[parent->n - 1].to = same;
            free(states[child].e);
            states[child] = (state){0}; /* unreachable now */
        }
    }
}

static uint32_t build_automaton(void)
{
    uint32_t final = new_state(); /* id 0 */
    reg_lookup_or_add(final);
    uint32_t root = new_state();
    uint32_t path[KR_DICT_MAXWORD + 3];
    uint8_t prev[KR_DICT_MAXWORD + 3];
    int prevlen = 0;
    path[0] = root;
    for (size_t i = 0; i < nforms; i++) {
        uint8_t cur[KR_DICT_MAXWORD + 3];
        int len = (int)strlen(forms[i].s);
        memcpy(cur, forms[i].s, len);
        cur[len] = 0;
        cur[len + 1] = (uint8_t)forms[i].flags;
        len += 2;
        int common = 0;
        while (common < len && common < prevlen && cur[common] == prev[common])
            common++;
        minimise_path(path, prevlen - 1, common);
        for (int k = common; k < len; k++) {
            uint32_t to = k == len - 1 ? final : new_state();
            add_edge(path[k], cur[k], to);
            path[k + 1] = to;
        }
        memcpy(prev, cur, len);
        prevlen = len;
    }
    /* The last byte's target is the shared final state: minimise from below it. */
    minimise_path(path, prevlen - 1, 0);
    return root;
}

/* Lays states out depth-first from the root and writes the file. */
static uint32_t layout(uint32_t root)
{
    uint32_t *stack = xrealloc(NULL, nstates * sizeof *stack);
    uint32_t off = KR_DICT_STATES_AT, sp = 0;
    for (uint32_t i = 0; i < nstates; i++)
        states[i].offset = UINT32_MAX;
    stack[sp++] = root;
    states[root].offset = 0;
    while (sp) {
        state *s = &states[stack[--sp]];
        s->offset = off;
        off += 1 + 5 * (uint32_t)s->n;
        for (int i = s->n - 1; i >= 0; i--) {
            uint32_t t = s->e[i].to;
            if (states[t].offset == UINT32_MAX) {
                states[t].offset = 0; /* queued */
                stack[sp++] = t;
            }
        }
    }
    free(stack);
    return off;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8), p[2] = (uint8_t)(v >> 16),
    p[3] = (uint8_t)(v >> 24);
}

static void write_file(const char *path, uint32_t root)
{
    uint32_t end = layout(root);
    size_t repbytes = 0;
    for (int i = 0; i < nreps; i++)
        repbytes += strlen(reps[i].from) + strlen(reps[i].to) + 2;
    size_t total = end + repbytes;
    uint8_t *buf = calloc(1, total);
    if (!buf)
        die("out of memory", NULL);
    memcpy(buf, KR_DICT_MAGIC, 8);
    put32(buf + 8, (uint32_t)total);
    put32(buf + 12, states[root].offset);
    put32(buf + 16, end);
    put32(buf + 20, (uint32_t)nreps);
    put32(buf + 24, (uint32_t)aff.cpdmin);
    put32(buf + 28, (uint32_t)aff.cpdmax);
    put32(buf + 32, (uint32_t)nforms);
    for (uint32_t i = 0; i < nstates; i++) {
        state *s = &states[i];
        if (s->offset == UINT32_MAX || (i != 0 && s->n == 0))
            continue;
        uint8_t *p = buf + s->offset;
        *p++ = (uint8_t)s->n;
        for (int k = 0; k < s->n; k++)
            *p++ = s->e[k].label;
        for (int k = 0; k < s->n; k++, p += 4)
            put32(p, states[s->e[k].to].offset);
    }
    char *r = (char *)buf + end;
    for (int i = 0; i < nreps; i++)
        r += sprintf(r, "%s", reps[i].from) + 1, r += sprintf(r, "%s", reps[i].to) + 1;
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(buf, 1, total, fp) != total || fclose(fp) != 0)
        die("cannot write", path);
    free(buf);
    fprintf(stderr, "mkdict: %zu forms, %u states, %zu bytes\n", nforms, (unsigned)regcount, total);
}

int main(int argc, char **argv)
{
    bool list = argc == 5 && strcmp(argv[1], "--list") == 0;
    if (argc != 5)
        die("usage: mkdict [--list] da_DK.aff da_DK.dic common.txt [out.kdict]", NULL);
    char **a = list ? argv + 2 : argv + 1;
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        die("the C.UTF-8 locale is needed", NULL);
    read_aff(a[0]);
    read_dic(a[1]);
    read_common(a[2]);
    merge_forms();
    if (list) {
        for (size_t i = 0; i < nforms; i++)
            printf("%s\t%u\n", forms[i].s, forms[i].flags);
        return 0;
    }
    write_file(a[3], build_automaton());
    return 0;
}
