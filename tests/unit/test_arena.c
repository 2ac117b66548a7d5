/* test_arena.c — the scratch arena keeps its promise to every rule: memory it
 * hands out reads as zero, also after a reset reuses a chunk that earlier
 * allocations wrote over, and large blocks come aligned. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "engine.h"

static bool all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

Test(arena, memory_reads_as_zero_after_a_reset_reuses_it)
{
    kr_arena a;
    kr_arena_init(&a, 4096);
    for (int round = 0; round < 4; round++) {
        /* fill the kept chunk with garbage, partly past what the last round used */
        size_t sizes[] = {100, 1000, 17, 2000, 500};
        for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
            unsigned char *p = kr_arena_alloc(&a, sizes[i] + (size_t)round * 64);
            cr_assert(all_zero(p, sizes[i] + (size_t)round * 64), "round %d, block %zu", round, i);
            cr_assert_eq((uintptr_t)p % 16, 0);
            memset(p, 0xA5, sizes[i] + (size_t)round * 64);
        }
        kr_arena_reset(&a);
    }
    kr_arena_release(&a);
}

Test(arena, large_blocks_are_zero_and_separate)
{
    kr_arena a;
    kr_arena_init(&a, 4096);
    unsigned char *big = kr_arena_alloc(&a, 1 << 20); /* its own chunk */
    cr_assert(all_zero(big, 1 << 20));
    memset(big, 0xFF, 1 << 20);
    unsigned char *small = kr_arena_alloc(&a, 64);
    cr_assert(all_zero(small, 64));
    kr_arena_reset(&a);
    unsigned char *again = kr_arena_alloc(&a, 4000);
    cr_assert(all_zero(again, 4000));
    kr_arena_release(&a);
}
