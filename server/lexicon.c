/* lexicon.c — what korrektur knows of Danish words (include/korrektur/lexicon.h).
 *
 * Verdicts come from hunspell da_DK (server/hunspell_adapter.c) and are memoised
 * per word, the common-word prior from the tesseract word list built into the
 * data folder (server/data.mk), and the user's words from a small set. One
 * kr_lexicon is shared by every linter thread: the memo is split into shards,
 * each behind its own mutex, hunspell (not thread-safe) behind one more, and the
 * user words behind a read-write lock. */
#include "korrektur/lexicon.h"
#include "lexicon_internal.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KR_DATADIR
#define KR_DATADIR "/usr/local/share/korrektur"
#endif

/* Longer "words" are never Danish: refusing them bounds every buffer below. */
#define MAX_WORD 128
#define MEMO_SHARDS 16
/* A shard forgets everything past this many words: a long LSP session checking
 * candidates for many unknown words must not grow without bound. */
#define MEMO_SHARD_MAX 65536

/* ---- a string set / map --------------------------------------------------------- */
typedef struct {
    uint64_t hash;
    char *key; /* NULL: empty slot */
    uint32_t len;
    unsigned value;
} slot;

typedef struct {
    slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} strmap;

static void strmap_clear(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slots[i].key);
    free(m->slots);
    *m = (strmap){0};
}

static slot *strmap_find(const strmap *m, const char *s, size_t len, uint64_t h)
{
    if (!m->cap)
        return NULL;
    for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        slot *e = &m->slots[i];
        if (!e->key)
            return NULL;
        if (e->hash == h && e->len == len && memcmp(e->key, s, len) == 0)
            return e;
    }
}

static bool strmap_grow(strmap *m)
{
    size_t cap = m->cap ? m->cap * 2 : 64;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        slot *e = &m->slots[i];
        if (!e->key)
            continue;
        size_t j = e->hash & (cap - 1);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = *e;
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return true;
}

/* Sets key -> value (the key is copied). Out of memory only loses the entry. */
static void strmap_put(strmap *m, const char *s, size_t len, uint64_t h, unsigned value)
{
    slot *e = strmap_find(m, s, len, h);
    if (e) {
        e->value = value;
        return;
    }
    if ((m->count + 1) * 4 > m->cap * 3 && !strmap_grow(m))
        return;
    char *key = malloc(len + 1);
    if (!key)
        return;
    memcpy(key, s, len);
    key[len] = '\0';
    size_t i = h & (m->cap - 1);
    while (m->slots[i].key)
        i = (i + 1) & (m->cap - 1);
    m->slots[i] = (slot){h, key, (uint32_t)len, value};
    m->count++;
}

/* ---- case ------------------------------------------------------------------------ */
/* Danish needs ASCII and Latin-1 (æøå, é, ü …): U+00C0..U+00DE map to
 * U+00E0..U+00FE, both written C3 xx, except × and ÷. Other letters keep their
 * case, which only makes such words look "mixed case" (checked as written). */
static bool is_upper_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 'A' && c <= 'Z')
        return true;
    if (c == 0xC3 && i + 1 < len) {
        unsigned char d = (unsigned char)s[i + 1];
        return d >= 0x80 && d <= 0x9E && d != 0x97;
    }
    return false;
}

static bool is_lower_at(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c >= 'a' && c <= 'z')
        return true;
    if (c == 0xC3 && i + 1 < len) {
        unsigned char d = (unsigned char)s[i + 1];
        return d >= 0xA0 && d <= 0xBE && d != 0xB7;
    }
    return false;
}

static size_t char_len(const char *s, size_t len, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + n <= len ? n : len - i;
}

/* Lowers (to_upper false) or raises every letter of s[from..to) in place (case
 * mapping keeps byte lengths for the letters handled here). */
static void map_case(char *s, size_t len, size_t from, size_t to, bool to_upper)
{
    for (size_t i = from; i < to && i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (to_upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z')) {
            s[i] = (char)(c ^ 0x20);
        } else if (c == 0xC3 && (to_upper ? is_lower_at(s, len, i) : is_upper_at(s, len, i))) {
            s[i + 1] = (char)((unsigned char)s[i + 1] ^ 0x20);
            i++;
        }
    }
}

typedef enum { CASE_LOWER, CASE_INIT, CASE_ALL, CASE_MIXED } case_kind;

/* LOWER: no capitals; INIT: only the first letter; ALL: no small letters and
 * at least two capitals; MIXED: anything else (checked exactly as written). */
static case_kind case_of(const char *s, size_t len)
{
    size_t upper = 0, lower = 0;
    bool first_upper = false;
    bool seen_letter = false;
    for (size_t i = 0; i < len; i += char_len(s, len, i)) {
        bool up = is_upper_at(s, len, i);
        bool lo = !up && is_lower_at(s, len, i);
        if (!seen_letter && (up || lo)) {
            seen_letter = true;
            first_upper = up;
        }
        upper += up;
        lower += lo;
    }
    if (upper == 0)
        return CASE_LOWER;
    if (upper == 1 && first_upper)
        return CASE_INIT;
    if (lower == 0)
        return CASE_ALL;
    return CASE_MIXED;
}

/* The spellings a dictionary entry may have for `word` to be accepted, as
 * hunspell does: exact; lowercase for Capitalised/ALLCAPS; Capitalised for
 * ALLCAPS. Fills alts (each MAX_WORD bytes) and returns how many. */
static int case_variants(const char *word, size_t len, char alts[3][MAX_WORD])
{
    int n = 0;
    memcpy(alts[n++], word, len);
    case_kind k = case_of(word, len);
    if (k == CASE_INIT || k == CASE_ALL) {
        memcpy(alts[n], word, len);
        map_case(alts[n++], len, 0, len, false);
    }
    if (k == CASE_ALL) {
        memcpy(alts[n], word, len);
        map_case(alts[n++], len, char_len(word, len, 0), len, false);
    }
    return n;
}

/* ---- the lexicon ------------------------------------------------------------------ */
typedef struct {
    pthread_mutex_t lock;
    strmap map;
} memo_shard;

struct kr_lexicon {
    pthread_mutex_t load_lock;
    bool load_tried;
    char *error;
    char datadir[PATH_MAX];

    pthread_mutex_t hs_lock;
    kr_hunspell *hs;

    strmap common; /* read-only once loaded */

    pthread_rwlock_t user_lock;
    strmap user;
    atomic_size_t user_count; /* lets lookups skip the lock while there are none */

    memo_shard memo[MEMO_SHARDS];
};

kr_lexicon *kr_lexicon_new(void)
{
    kr_lexicon *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    const char *dir = getenv("KORREKTUR_DATADIR");
    if (!dir || !*dir)
        dir = KR_DATADIR;
    snprintf(self->datadir, sizeof self->datadir, "%s", dir);
    pthread_mutex_init(&self->load_lock, NULL);
    pthread_mutex_init(&self->hs_lock, NULL);
    pthread_rwlock_init(&self->user_lock, NULL);
    for (int i = 0; i < MEMO_SHARDS; i++)
        pthread_mutex_init(&self->memo[i].lock, NULL);
    return self;
}

void kr_lexicon_free(kr_lexicon *self)
{
    if (!self)
        return;
    kr_hunspell_close(self->hs);
    strmap_clear(&self->common);
    strmap_clear(&self->user);
    for (int i = 0; i < MEMO_SHARDS; i++) {
        strmap_clear(&self->memo[i].map);
        pthread_mutex_destroy(&self->memo[i].lock);
    }
    pthread_rwlock_destroy(&self->user_lock);
    pthread_mutex_destroy(&self->hs_lock);
    pthread_mutex_destroy(&self->load_lock);
    free(self->error);
    free(self);
}

static void set_error(kr_lexicon *self, const char *what, const char *path)
{
    if (self->error)
        return;
    size_t n = strlen(what) + strlen(path) + 64;
    self->error = malloc(n);
    if (self->error)
        snprintf(self->error, n, "%s %s is missing (set KORREKTUR_DATADIR?).", what, path);
}

/* Reads one word per line into m; '#' starts a comment. -1 when unreadable. */
static int read_word_file(strmap *m, const char *path, unsigned value)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *s = line;
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == '\n' || s[len - 1] == '\r' || s[len - 1] == ' ' ||
                       s[len - 1] == '\t'))
            len--;
        if (len && len < MAX_WORD)
            strmap_put(m, s, len, kr_lex_hash(s, len), value);
    }
    fclose(f);
    return 0;
}

static void load_data(kr_lexicon *self)
{
    char aff[PATH_MAX + 16], dic[PATH_MAX + 16], common[PATH_MAX + 16];
    snprintf(aff, sizeof aff, "%s/da_DK.aff", self->datadir);
    snprintf(dic, sizeof dic, "%s/da_DK.dic", self->datadir);
    snprintf(common, sizeof common, "%s/common.txt", self->datadir);
    self->hs = kr_hunspell_open(aff, dic);
    if (!self->hs)
        set_error(self, "The Danish dictionary", aff);
    if (read_word_file(&self->common, common, 1) != 0)
        set_error(self, "The common-word list", common);
}

/* Loads the data once, on first need, whichever thread gets there first. */
static void ensure_loaded(kr_lexicon *self)
{
    pthread_mutex_lock(&self->load_lock);
    if (!self->load_tried) {
        load_data(self);
        self->load_tried = true;
    }
    pthread_mutex_unlock(&self->load_lock);
}

const char *kr_lexicon_error(kr_lexicon *self)
{
    if (!self)
        return "No lexicon.";
    ensure_loaded(self);
    return self->error;
}

static bool hunspell_known(kr_lexicon *self, const char *word, size_t len)
{
    pthread_mutex_lock(&self->hs_lock);
    bool ok = kr_hunspell_spell(self->hs, word, len);
    pthread_mutex_unlock(&self->hs_lock);
    return ok;
}

static bool common_word(kr_lexicon *self, const char *word, size_t len)
{
    char alts[3][MAX_WORD];
    int n = case_variants(word, len, alts);
    for (int i = 0; i < n; i++)
        if (strmap_find(&self->common, alts[i], len, kr_lex_hash(alts[i], len)))
            return true;
    return false;
}

static bool user_word(kr_lexicon *self, const char *word, size_t len)
{
    if (atomic_load(&self->user_count) == 0)
        return false;
    char alts[3][MAX_WORD];
    int n = case_variants(word, len, alts);
    bool found = false;
    pthread_rwlock_rdlock(&self->user_lock);
    for (int i = 0; i < n && !found; i++)
        found = strmap_find(&self->user, alts[i], len, kr_lex_hash(alts[i], len)) != NULL;
    pthread_rwlock_unlock(&self->user_lock);
    return found;
}

/* The dictionary part of a verdict (everything but KR_LEX_USER, which can change
 * while the memo lives). */
static unsigned dictionary_verdict(kr_lexicon *self, const char *word, size_t len)
{
    unsigned v = 0;
    if (hunspell_known(self, word, len))
        v |= KR_LEX_KNOWN;
    if (common_word(self, word, len))
        v |= KR_LEX_COMMON;
    return v;
}

static unsigned memoised_verdict(kr_lexicon *self, const char *word, size_t len)
{
    uint64_t h = kr_lex_hash(word, len);
    memo_shard *shard = &self->memo[(h >> 40) % MEMO_SHARDS];
    pthread_mutex_lock(&shard->lock);
    slot *e = strmap_find(&shard->map, word, len, h);
    unsigned v = e ? e->value : 0;
    pthread_mutex_unlock(&shard->lock);
    if (e)
        return v;
    /* Computed outside the shard lock: two threads may both compute a word,
     * which is harmless, while a slow word never blocks the others. */
    v = dictionary_verdict(self, word, len);
    pthread_mutex_lock(&shard->lock);
    if (shard->map.count >= MEMO_SHARD_MAX)
        strmap_clear(&shard->map);
    strmap_put(&shard->map, word, len, h, v);
    pthread_mutex_unlock(&shard->lock);
    return v;
}

unsigned kr_lexicon_lookup(kr_lexicon *self, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return 0;
    ensure_loaded(self);
    unsigned v = memoised_verdict(self, word, len);
    if (user_word(self, word, len))
        v |= KR_LEX_USER | KR_LEX_KNOWN;
    return v;
}

bool kr_lexicon_known(kr_lexicon *self, const char *word, size_t len)
{
    return (kr_lexicon_lookup(self, word, len) & KR_LEX_KNOWN) != 0;
}

void kr_lexicon_add_word(kr_lexicon *self, const char *word, size_t len)
{
    if (!self || !word || len == 0 || len >= MAX_WORD)
        return;
    pthread_rwlock_wrlock(&self->user_lock);
    strmap_put(&self->user, word, len, kr_lex_hash(word, len), 1);
    atomic_store(&self->user_count, self->user.count);
    pthread_rwlock_unlock(&self->user_lock);
}

int kr_lexicon_add_file(kr_lexicon *self, const char *path, char **err)
{
    if (err)
        *err = NULL;
    if (!self || !path)
        return -1;
    pthread_rwlock_wrlock(&self->user_lock);
    int rc = read_word_file(&self->user, path, 1);
    int saved = errno;
    atomic_store(&self->user_count, self->user.count);
    pthread_rwlock_unlock(&self->user_lock);
    if (rc != 0 && err) {
        const char *why = strerror(saved);
        size_t n = strlen(path) + strlen(why) + 48;
        *err = malloc(n);
        if (*err)
            snprintf(*err, n, "Cannot read the word list %s: %s.", path, why);
    }
    return rc;
}
