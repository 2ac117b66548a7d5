/* arena.c — bump allocation for scratch memory whose lifetime is one lint, one LSP
 * message or one diagnostics list: many small objects freed together, no per-object
 * free and no leaks to chase. Also the aborting malloc wrappers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"

struct kr_arena_chunk {
    kr_arena_chunk *next;
    size_t size, used;
    size_t dirty; /* bytes from the start that may be non-zero: chunks come
                     zeroed from calloc, so only memory handed out before a
                     reset needs zeroing again */
    _Alignas(16) unsigned char data[];
};

/* Once an arena holds GROW_FROM bytes (a first lint's scratch, a long list of
 * diagnostics), its new chunks double in size up to GROWN_MAX: tens of
 * megabytes take a few dozen chunks, not thousands of the first size. Large
 * chunks are also where calloc costs nothing: glibc maps them, and the kernel's
 * fresh pages are zero, where it clears with memset every chunk its heap
 * serves (a 10 MB check made 3 700 chunks of 16 and 64 KB, 240 MB cleared by
 * the kernel and then again by memset). Below that (an editor's lint) chunks
 * keep their size: glibc serves large ones from its heap too once it has
 * unmapped one, and calloc would clear them whole, used or not. */
enum { GROW_FROM = 4 * 1024 * 1024, GROWN_MAX = 8 * 1024 * 1024 };

void *kr_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("korrektur: out of memory\n", stderr);
        abort();
    }
    return p;
}

void *kr_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("korrektur: out of memory\n", stderr);
        abort();
    }
    return q;
}

char *kr_xstrndup(const char *s, size_t n)
{
    char *p = kr_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

void kr_arena_init(kr_arena *a, size_t chunk_size)
{
    a->head = NULL;
    a->spare = NULL;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->grown = a->chunk_size;
    a->held = 0;
}

static void free_chunks(kr_arena_chunk *c)
{
    while (c) {
        kr_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
}

void kr_arena_release(kr_arena *a)
{
    free_chunks(a->head);
    free_chunks(a->spare);
    a->head = NULL;
    a->spare = NULL;
    a->held = 0;
}

/* How much a reset keeps beyond the first chunk: what a lint's scratch takes
 * on an edit, not the tens of megabytes a document's first lint may. */
enum { SPARE_CHUNKS = 16 };

void kr_arena_reset(kr_arena *a)
{
    if (!a->head)
        return;
    /* keep the oldest chunk (the last in the list): it is the usual size; and
     * the others as spares while they fit in the spare room (new_chunk takes
     * the first spare that is large enough) */
    size_t room = SPARE_CHUNKS * a->chunk_size;
    for (kr_arena_chunk *s = a->spare; s; s = s->next)
        room = room > s->size ? room - s->size : 0;
    kr_arena_chunk *c = a->head, *keep = NULL;
    while (c) {
        kr_arena_chunk *next = c->next;
        if (c->used > c->dirty)
            c->dirty = c->used;
        c->used = 0;
        if (!next) {
            keep = c;
        } else if (c->size <= room) {
            room -= c->size;
            c->next = a->spare;
            a->spare = c;
        } else {
            free(c);
        }
        c = next;
    }
    keep->next = NULL;
    a->head = keep;
    a->grown = a->chunk_size;
    a->held = keep->size;
}

/* A chunk with room for size bytes: a spare one, else a new one. */
static kr_arena_chunk *new_chunk(kr_arena *a, size_t size)
{
    for (kr_arena_chunk **p = &a->spare; *p; p = &(*p)->next)
        if ((*p)->size >= size) {
            kr_arena_chunk *c = *p;
            *p = c->next;
            return c;
        }
    size_t cap = size > a->grown ? size : a->grown;
    if (a->held >= GROW_FROM && a->grown < GROWN_MAX)
        a->grown *= 2;
    kr_arena_chunk *c = calloc(1, sizeof *c + cap);
    if (!c) {
        fputs("korrektur: out of memory\n", stderr);
        abort();
    }
    c->size = cap;
    return c;
}

void *kr_arena_alloc(kr_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    kr_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        c = new_chunk(a, size);
        a->held += c->size;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    if (c->used < c->dirty)
        memset(p, 0, c->dirty - c->used < size ? c->dirty - c->used : size);
    c->used += size;
    return p;
}

char *kr_arena_strndup(kr_arena *a, const char *s, size_t n)
{
    char *p = kr_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *kr_arena_vprintf(kr_arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        n = 0;
    char *p = kr_arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *kr_arena_printf(kr_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = kr_arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}
