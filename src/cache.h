/* cache.h - rendered templates kept per shape of their values: one cache a thread, one they share */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>

#include "buf.h"
#include "dict.h"
#include "tmpl.h"

typedef struct cache cache;
typedef struct cache_shared cache_shared;

/*
 * A cache of rendered templates with the dictionary's values left as
 * placeholders, keyed by the dictionary's shape; max_bytes bounds its
 * memory. Free with cache_free (NULL is fine).
 */
cache *cache_new(size_t max_bytes);
void cache_free(cache *c);

/*
 * A cache the threads of one build share (max_bytes bounds its memory):
 * each thread's cache asks it for a shape before rendering one, and puts
 * there what it renders. Free with cache_shared_free (NULL is fine) once
 * no cache uses it.
 */
cache_shared *cache_shared_new(size_t max_bytes);
void cache_shared_free(cache_shared *sh);

/* Makes c use sh from now on; sh outlives c. */
void cache_share(cache *c, cache_shared *sh);

/*
 * Hits, misses (shapes not seen before) and renders (templates expanded
 * by ctemplate: a miss whose layout could not be assembled from pieces
 * costs one, a miss assembled from pieces seen before none) so far.
 */
void cache_stats(const cache *c, size_t *hits, size_t *misses,
    size_t *renders);

/*
 * Appends template id filled with d and rendered to out, from the cache
 * when a page of the same shape was rendered before. Returns 0 on
 * failure (reported).
 */
int cache_render(cache *c, const tmpl_set *ts, int id, const dict *d,
    buf *out);

#endif
