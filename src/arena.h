/* arena.h - many small allocations in large blocks, freed together */
#ifndef ARENA_H
#define ARENA_H

#include <stddef.h>

struct arena;

/*
 * n bytes (aligned for pointers) from the arena *a, which starts as NULL
 * and grows in blocks of 64 KiB or more. Never fails (x-wrappers); free
 * every block with arena_free.
 */
void *arena_alloc(struct arena **a, size_t n);

/* A NUL-terminated copy of n bytes of s in the arena. */
char *arena_dup(struct arena **a, const char *s, size_t n);

/*
 * A copy of n bytes of s in the arena with invalid UTF-8, controls and
 * bidirectional overrides replaced by U+FFFD (util_utf8_clean).
 */
char *arena_clean(struct arena **a, const char *s, size_t n);

/* Frees every block; NULL is fine. */
void arena_free(struct arena *a);

#endif
