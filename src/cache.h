/* cache.h - rendered templates kept per shape of their values, one cache per thread */
#ifndef CACHE_H
#define CACHE_H

#include <stddef.h>

#include "buf.h"
#include "dict.h"
#include "tmpl.h"

typedef struct cache cache;

/*
 * A cache of rendered templates with the dictionary's values left as
 * placeholders, keyed by the dictionary's shape; max_bytes bounds its
 * memory. Free with cache_free (NULL is fine).
 */
cache *cache_new(size_t max_bytes);
void cache_free(cache *c);

/* Hits and misses so far, for the benchmark. */
void cache_stats(const cache *c, size_t *hits, size_t *misses);

/*
 * Appends template id filled with d and rendered to out, from the cache
 * when a page of the same shape was rendered before. Returns 0 on
 * failure (reported).
 */
int cache_render(cache *c, const tmpl_set *ts, int id, const dict *d,
    buf *out);

#endif
