/* pool.h - making every file of a build on several threads */
#ifndef POOL_H
#define POOL_H

#include <stddef.h>

#include "page.h"

/* A worker with its own dictionary, buffers and (unless --no-cache) cache. */
void pool_worker_init(struct worker *w, const struct site *s);
void pool_worker_free(struct worker *w);

/*
 * Makes file i of kind page_kinds[k] into w->page and, with write, writes
 * it to the output directory. Returns 0 on failure (reported).
 */
int pool_make(struct worker *w, size_t k, size_t i, int write);

/*
 * Lets a kind that makes a long file write what w->page holds so far and
 * empty it, once that is 256 KB or more: the build never holds the whole
 * file. Does nothing when the file is not being written (the live
 * server, --port) or is precompressed, which needs it whole.
 * Returns 0 on failure (reported), else 1.
 */
int pool_flush(struct worker *w);

/*
 * Makes and writes every file of every enabled kind on s->o->jobs
 * threads. Returns 0 on failure (reported) or when interrupted.
 */
int pool_run(const struct site *s);

#endif
