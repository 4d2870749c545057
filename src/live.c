/* live.c - pages made on request from the current templates, for portpages serve */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "live.h"
#include "page.h"
#include "pool.h"
#include "port.h"
#include "util.h"

#define ID_KIND 65536L	/* an id is kind * ID_KIND + index */

struct path {
	char	*rel;
	long	 id;
};

/* One load of the inputs, with its idle workers; freed by its last user. */
struct loaded {
	struct site	*s;
	struct path	*paths;		/* every file but the port pages, by rel */
	size_t		 npaths;
	size_t		 port_kind, notfound_kind;
	struct worker	**idle;
	size_t		 nidle;
	int		 users;		/* the live struct counts as one */
};

struct live {
	struct site_opts o;
	pthread_mutex_t	 lock;
	pthread_cond_t	 changed;
	struct loaded	*cur;		/* NULL until a load succeeds */
	unsigned long	 gen;
	int		 stopped;
};

static int
by_rel(const void *a, const void *b)
{
	return strcmp(((const struct path *)a)->rel,
	    ((const struct path *)b)->rel);
}

static void
loaded_free(struct loaded *ld)
{
	size_t i;

	for (i = 0; i < ld->nidle; i++) {
		pool_worker_free(ld->idle[i]);
		free(ld->idle[i]);
	}
	for (i = 0; i < ld->npaths; i++)
		free(ld->paths[i].rel);
	free(ld->idle);
	free(ld->paths);
	site_close(ld->s);
	free(ld);
}

/* The path table: small kinds only, the port pages are found by number. */
static struct loaded *
loaded_new(const struct site_opts *o)
{
	struct loaded *ld;
	struct site *s;
	char rel[512];
	size_t k, i, n;

	if ((s = site_open(o)) == NULL)
		return NULL;
	ld = xcalloc(1, sizeof(*ld));
	ld->s = s;
	ld->users = 1;
	for (k = 0; k < page_nkinds; k++) {
		if (page_kinds[k] == &page_port) {
			ld->port_kind = k;
			continue;
		}
		if (page_kinds[k] == &page_404)
			ld->notfound_kind = k;
		n = page_count(s, page_kinds[k]);
		ld->paths = xrealloc(ld->paths, (ld->npaths + n) *
		    sizeof(*ld->paths));
		for (i = 0; i < n && i < ID_KIND; i++) {
			page_path(s, page_kinds[k], i, rel, sizeof(rel));
			ld->paths[ld->npaths].rel = xstrdup(rel);
			ld->paths[ld->npaths++].id = (long)k * ID_KIND + (long)i;
		}
	}
	qsort(ld->paths, ld->npaths, sizeof(*ld->paths), by_rel);
	return ld;
}

struct live *
live_new(const struct site_opts *o)
{
	struct live *l = xcalloc(1, sizeof(*l));

	l->o = *o;
	l->o.lo = 0;
	l->o.hi = PORT_MAX;
	l->o.partial = l->o.markdown = 0;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->changed, NULL);
	l->gen = 1;
	l->cur = loaded_new(&l->o);
	return l;
}

/* Takes a reference to the current load (NULL if none); drop it with release. */
static struct loaded *
acquire(struct live *l)
{
	struct loaded *ld;

	pthread_mutex_lock(&l->lock);
	if ((ld = l->cur) != NULL)
		ld->users++;
	pthread_mutex_unlock(&l->lock);
	return ld;
}

static void
release(struct live *l, struct loaded *ld)
{
	int last;

	pthread_mutex_lock(&l->lock);
	last = --ld->users == 0;
	pthread_mutex_unlock(&l->lock);
	if (last)
		loaded_free(ld);
}

void
live_free(struct live *l)
{
	if (l == NULL)
		return;
	if (l->cur != NULL)
		release(l, l->cur);
	pthread_cond_destroy(&l->changed);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

int
live_reload(struct live *l)
{
	struct loaded *ld = loaded_new(&l->o), *old;

	if (ld == NULL)
		return 0;
	pthread_mutex_lock(&l->lock);
	old = l->cur;
	l->cur = ld;
	l->gen++;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->lock);
	if (old != NULL)
		release(l, old);
	return 1;
}

/* "port/N.html" with N a port number written the usual way: N, else -1. */
static long
port_page(const char *rel)
{
	char *end;
	long n;

	if (strncmp(rel, "port/", 5) != 0 || rel[5] < '0' || rel[5] > '9' ||
	    (rel[5] == '0' && rel[6] != '.'))
		return -1;
	n = strtol(rel + 5, &end, 10);
	return strcmp(end, ".html") == 0 && n <= PORT_MAX ? n : -1;
}

int
live_find(struct live *l, const char *rel, long *id)
{
	struct loaded *ld = acquire(l);
	struct path key, *p = NULL;
	long port = port_page(rel);

	if (ld == NULL)
		return 0;
	key.rel = (char *)rel;
	if (port >= 0)
		*id = (long)ld->port_kind * ID_KIND + port;
	else if ((p = bsearch(&key, ld->paths, ld->npaths, sizeof(*p),
	    by_rel)) != NULL)
		*id = p->id;
	release(l, ld);
	return port >= 0 || p != NULL;
}

long
live_notfound(struct live *l)
{
	struct loaded *ld = acquire(l);
	long id = ld ? (long)ld->notfound_kind * ID_KIND : -1;

	if (ld != NULL)
		release(l, ld);
	return id;
}

/* A worker of ld's, idle or new; give it back with put_worker. */
static struct worker *
get_worker(struct live *l, struct loaded *ld)
{
	struct worker *w = NULL;

	pthread_mutex_lock(&l->lock);
	if (ld->nidle > 0)
		w = ld->idle[--ld->nidle];
	pthread_mutex_unlock(&l->lock);
	if (w == NULL) {
		w = xmalloc(sizeof(*w));
		pool_worker_init(w, ld->s);
	}
	return w;
}

static void
put_worker(struct live *l, struct loaded *ld, struct worker *w)
{
	pthread_mutex_lock(&l->lock);
	ld->idle = xrealloc(ld->idle, (ld->nidle + 1) * sizeof(*ld->idle));
	ld->idle[ld->nidle++] = w;
	pthread_mutex_unlock(&l->lock);
}

int
live_make(struct live *l, long id, buf *b)
{
	struct loaded *ld = acquire(l);
	struct worker *w;
	size_t k = (size_t)(id / ID_KIND), i = (size_t)(id % ID_KIND);
	int ok = 0;

	if (ld == NULL)
		return 0;
	if (id >= 0 && k < page_nkinds && i < page_count(ld->s, page_kinds[k])) {
		w = get_worker(l, ld);
		if ((ok = pool_make(w, k, i, 0))) {
			buf_reset(b);
			buf_put(b, w->page.data ? w->page.data : "", w->page.len);
		}
		put_worker(l, ld, w);
	}
	release(l, ld);
	return ok;
}

unsigned long
live_wait(struct live *l, unsigned long seen, int ms)
{
	struct timespec until;
	unsigned long gen;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += ms / 1000;
	until.tv_nsec += (ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&l->lock);
	while (!l->stopped && l->gen == seen &&
	    pthread_cond_timedwait(&l->changed, &l->lock, &until) == 0)
		;
	gen = l->stopped ? 0 : l->gen;
	pthread_mutex_unlock(&l->lock);
	return gen;
}

void
live_stop(struct live *l)
{
	pthread_mutex_lock(&l->lock);
	l->stopped = 1;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->lock);
}
