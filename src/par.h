/* par.h - a loop shared out over threads, for the reading a build does before its pages */
#ifndef PAR_H
#define PAR_H

#include <stddef.h>

/*
 * Calls fn(arg, lo, hi) once for each of up to jobs consecutive slices
 * [lo, hi) of [0, n), each on a thread of its own, the caller's thread
 * taking the first; a slice whose thread cannot start runs on the
 * caller's. Slices never overlap, so fn may write what its indexes own
 * without a lock. Returns 1 if every call returned 1, else 0 (fn reports
 * its own errors).
 */
int par_for(size_t n, int jobs, int (*fn)(void *arg, size_t lo, size_t hi),
    void *arg);

#endif
