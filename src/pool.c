/* pool.c - making every file of a build on several threads */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "pool.h"
#include "precompress.h"
#include "util.h"

#define CHUNK 64		/* files a worker takes at a time */
#define CACHE_BYTES (8u << 20)	/* per worker, and for the one they share */
#define BIG_FILE (1u << 20)	/* a buffer this large is freed after its chunk */
#define FLUSH_AT (256u << 10)	/* pool_flush writes a long file in pieces this large */

/* The queue: every (kind, index) of the build, handed out in chunks. */
struct queue {
	const struct site *s;
	size_t		*count;		/* per kind; 0 when the kind is off */
	size_t		 kind, next;	/* the next file to hand out */
	int		 failed;
	pthread_mutex_t	 lock;
};

struct thread {
	struct worker	 w;
	struct queue	*q;
	pthread_t	 tid;
};

void
pool_worker_init(struct worker *w, const struct site *s)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->d = dict_new();
	dict_set_thousands(w->d, s->con->conf.thousands);
	dict_filter(w->d, tmpl_set_used(s->ts));
	w->cache = s->o->nocache ? NULL : cache_new(CACHE_BYTES);
	w->zip = s->o->precompress ? precompress_new() : NULL;
}

void
pool_worker_free(struct worker *w)
{
	dict_free(w->d);
	cache_free(w->cache);
	buf_free(&w->body);
	buf_free(&w->page);
	buf_free(&w->tmp);
	buf_free(&w->title);
	free(w->uses);
	free(w->rows);
	precompress_free(w->zip);
}

int
pool_flush(struct worker *w)
{
	if (w->rel == NULL || w->page.len < FLUSH_AT)
		return 1;
	if (w->stream == NULL &&
	    (w->stream = out_stream_open(w->s->out, w->rel)) == NULL)
		return 0;
	if (!out_stream_write(w->stream, w->page.data, w->page.len))
		return 0;
	buf_reset(&w->page);
	return 1;
}

/* Writes what w->page holds as the file rel, or its last piece. */
static int
publish_page(struct worker *w, const char *rel, int ok)
{
	const char *data = w->page.data ? w->page.data : "";
	struct out_stream *st = w->stream;

	if (st != NULL) {
		w->stream = NULL;
		return out_stream_close(st, ok &&
		    out_stream_write(st, data, w->page.len));
	}
	if (!ok || !out_write(w->s->out, rel, data, w->page.len))
		return 0;
	return w->zip == NULL || !precompress_wanted(rel) ||
	    precompress_write(w->zip, w->s->out, rel, data, w->page.len);
}

int
pool_make(struct worker *w, size_t k, size_t i, int write)
{
	const struct page_kind *pk = page_kinds[k];
	char rel[512];
	int ok;

	w->kind = k;
	if (!write)
		return pk->make(w, i);
	page_path(w->s, pk, i, rel, sizeof(rel));
	w->rel = w->zip == NULL || !precompress_wanted(rel) ? rel : NULL;
	ok = pk->make(w, i);
	w->rel = NULL;
	/* The straightforward path, --no-cache's oracle, checks the contract too. */
	if (ok && w->cache == NULL && pk->layout != NULL)
		ok = names_dict_ok(w->d, rel, pk->layout);
	return publish_page(w, rel, ok);
}

/* Takes the next chunk: kind *k, files [*lo, *hi). 0 when none is left. */
static int
queue_take(struct queue *q, size_t *k, size_t *lo, size_t *hi)
{
	int more;

	pthread_mutex_lock(&q->lock);
	while (q->kind < page_nkinds && q->next >= q->count[q->kind]) {
		q->kind++;
		q->next = 0;
	}
	more = q->kind < page_nkinds && !q->failed && !site_interrupted;
	if (more) {
		*k = q->kind;
		*lo = q->next;
		*hi = q->next + CHUNK < q->count[q->kind] ? q->next + CHUNK :
		    q->count[q->kind];
		q->next = *hi;
	}
	pthread_mutex_unlock(&q->lock);
	return more;
}

static void *
thread_work(void *arg)
{
	struct thread *t = arg;
	size_t k, lo, hi, i;

	while (queue_take(t->q, &k, &lo, &hi)) {
		for (i = lo; i < hi && !site_interrupted; i++)
			if (!pool_make(&t->w, k, i, 1)) {
				pthread_mutex_lock(&t->q->lock);
				t->q->failed = 1;
				pthread_mutex_unlock(&t->q->lock);
				return NULL;
			}
		/*
		 * A page is tens of kilobytes; a whole-registry document,
		 * made whole when it is precompressed, is kept for the next
		 * one of its chunk (api/ports.csv after ports.json), not
		 * beyond it.
		 */
		if (t->w.page.cap > BIG_FILE)
			buf_free(&t->w.page);
	}
	return NULL;
}

int
pool_run(const struct site *s)
{
	int i, n = s->o->jobs > 0 ? s->o->jobs : 1, started = 0;
	struct thread *t = xcalloc((size_t)n, sizeof(*t));
	cache_shared *shared = s->o->nocache ? NULL :
	    cache_shared_new(CACHE_BYTES);
	struct queue q;
	size_t k, files;

	memset(&q, 0, sizeof(q));
	q.s = s;
	pthread_mutex_init(&q.lock, NULL);
	q.count = xcalloc(page_nkinds, sizeof(*q.count));
	for (k = 0, files = 0; k < page_nkinds; k++)
		if (page_kind_enabled(s, page_kinds[k]))
			files += q.count[k] = page_count(s, page_kinds[k]);
	out_reserve(s->out, files);
	for (i = 0; i < n; i++) {
		pool_worker_init(&t[i].w, s);
		if (shared != NULL)
			cache_share(t[i].w.cache, shared);
		t[i].q = &q;
	}
	for (i = 1; i < n; i++)
		if (pthread_create(&t[i].tid, NULL, thread_work, &t[i]) == 0)
			started = i;
		else
			break;
	thread_work(&t[0]);
	for (i = 1; i <= started; i++)
		pthread_join(t[i].tid, NULL);
	for (i = 0; i < n; i++)
		pool_worker_free(&t[i].w);
	cache_shared_free(shared);
	free(t);
	free(q.count);
	pthread_mutex_destroy(&q.lock);
	return !q.failed && !site_interrupted;
}
