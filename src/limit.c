/* limit.c - at most so many answers a minute from one client */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "limit.h"
#include "util.h"

#define SLOTS 4096	/* clients tracked at once (a power of two) */
#define PROBES 8

struct bucket {
	uint64_t	 key;		/* 0: free */
	double		 tokens;
	double		 when;		/* of the last refill */
};

struct limit {
	double		 rate;		/* tokens per second */
	double		 burst;
	uint64_t	 secret;
	struct bucket	*b;
	pthread_mutex_t	 lock;
};

struct limit *
limit_new(unsigned per_minute)
{
	struct limit *l = xcalloc(1, sizeof(*l));

	l->burst = per_minute;
	l->rate = per_minute / 60.0;
	if (getrandom(&l->secret, sizeof(l->secret), 0) != sizeof(l->secret))
		l->secret = (uint64_t)(util_now() * 1e9);
	l->b = xcalloc(SLOTS, sizeof(*l->b));
	pthread_mutex_init(&l->lock, NULL);
	return l;
}

void
limit_free(struct limit *l)
{
	if (l == NULL)
		return;
	pthread_mutex_destroy(&l->lock);
	free(l->b);
	free(l);
}

/* The client's bucket, or the stalest of its probe sequence, taken over. */
static struct bucket *
find(struct limit *l, uint64_t key, double now)
{
	struct bucket *b, *old = NULL;
	size_t i, at = (size_t)key & (SLOTS - 1);

	for (i = 0; i < PROBES; i++) {
		b = &l->b[(at + i) & (SLOTS - 1)];
		if (b->key == key)
			return b;
		if (old == NULL || b->key == 0 || b->when < old->when)
			old = b;
		if (b->key == 0)
			break;
	}
	old->key = key;
	old->tokens = l->burst;
	old->when = now;
	return old;
}

int
limit_take(struct limit *l, const char *client)
{
	uint64_t key = util_hash(l->secret, client, strlen(client)) | 1;
	double now = util_now();
	struct bucket *b;
	int ok;

	if (l->burst == 0)
		return 1;
	pthread_mutex_lock(&l->lock);
	b = find(l, key, now);
	b->tokens += (now - b->when) * l->rate;
	if (b->tokens > l->burst)
		b->tokens = l->burst;
	b->when = now;
	if ((ok = b->tokens >= 1))
		b->tokens -= 1;
	pthread_mutex_unlock(&l->lock);
	return ok;
}
