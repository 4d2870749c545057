/* par.c - a loop shared out over threads, for the reading a build does before its pages */
#include <pthread.h>

#include "par.h"

/* Threads beyond these are not worth starting for a loop this short. */
#define MAX_SLICES 16

struct slice {
	int		(*fn)(void *, size_t, size_t);
	void		*arg;
	size_t		 lo, hi;
	int		 ok;
	pthread_t	 tid;
	int		 started;
};

static void *
slice_run(void *p)
{
	struct slice *sl = p;

	sl->ok = sl->fn(sl->arg, sl->lo, sl->hi);
	return NULL;
}

int
par_for(size_t n, int jobs, int (*fn)(void *arg, size_t lo, size_t hi),
    void *arg)
{
	struct slice sl[MAX_SLICES];
	size_t k, m = jobs < 1 ? 1 : (size_t)jobs;
	int ok = 1;

	if (m > MAX_SLICES)
		m = MAX_SLICES;
	if (m > n)
		m = n > 0 ? n : 1;
	for (k = 0; k < m; k++) {
		sl[k].fn = fn;
		sl[k].arg = arg;
		sl[k].lo = n * k / m;
		sl[k].hi = n * (k + 1) / m;
		sl[k].started = k > 0 &&
		    pthread_create(&sl[k].tid, NULL, slice_run, &sl[k]) == 0;
	}
	for (k = 0; k < m; k++)
		if (!sl[k].started)
			slice_run(&sl[k]);
	for (k = 0; k < m; k++) {
		if (sl[k].started)
			pthread_join(sl[k].tid, NULL);
		ok &= sl[k].ok;
	}
	return ok;
}
