/* hunspell_adapter.c — the one place that talks to libhunspell: the lexicon's
 * slow but definitive fallback for words its own pre-expanded word set cannot
 * decide. Keeping hunspell.h here keeps its C++-flavoured API out of the engine. */
#include "lexicon_internal.h"

#include <hunspell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kr_hunspell {
    Hunhandle *h;
};

static bool readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    fclose(f);
    return true;
}

kr_hunspell *kr_hunspell_open(const char *aff, const char *dic)
{
    /* Hunspell_create "succeeds" on missing files and then rejects every word:
     * check first so the caller can say what is missing. */
    if (!readable(aff) || !readable(dic))
        return NULL;
    kr_hunspell *self = calloc(1, sizeof *self);
    if (!self)
        return NULL;
    self->h = Hunspell_create(aff, dic);
    if (!self->h) {
        free(self);
        return NULL;
    }
    return self;
}

void kr_hunspell_close(kr_hunspell *self)
{
    if (!self)
        return;
    Hunspell_destroy(self->h);
    free(self);
}

bool kr_hunspell_spell(kr_hunspell *self, const char *word, size_t len)
{
    char buf[256];
    if (!self || len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, word, len);
    buf[len] = '\0';
    return Hunspell_spell(self->h, buf) != 0;
}
