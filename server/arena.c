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
                     zeroed from calloc (fresh pages, no memset), so only
                     memory handed out before a reset needs zeroing again */
    _Alignas(16) unsigned char data[];
};

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
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
}

void kr_arena_release(kr_arena *a)
{
    kr_arena_chunk *c = a->head;
    while (c) {
        kr_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
}

void kr_arena_reset(kr_arena *a)
{
    if (!a->head)
        return;
    /* keep the oldest chunk (the last in the list): it is the usual size */
    kr_arena_chunk *c = a->head, *keep = NULL;
    while (c) {
        kr_arena_chunk *next = c->next;
        if (!next)
            keep = c;
        else
            free(c);
        c = next;
    }
    if (keep->used > keep->dirty)
        keep->dirty = keep->used;
    keep->used = 0;
    keep->next = NULL;
    a->head = keep;
}

void *kr_arena_alloc(kr_arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    kr_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t cap = size > a->chunk_size ? size : a->chunk_size;
        c = calloc(1, sizeof *c + cap);
        if (!c) {
            fputs("korrektur: out of memory\n", stderr);
            abort();
        }
        c->size = cap;
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
