/* route.c - where a dictionary's exact trail leads, per template: a skeleton and the nodes its slots take */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "route.h"
#include "util.h"

#define NO_TRAIL UINT32_MAX

/* A trail seen before, its bytes in route.trails. */
struct trail {
	uint64_t	 h;
	size_t		 off, len;
	uint32_t	 id;		/* NO_TRAIL: an empty slot */
};

/* A trail met once: its hash (0: an empty slot) and the state it was met in. */
struct sighting {
	uint64_t	 h;
	unsigned long	 did, dgen;
};

/* Where trail id leads in template tid. */
struct way {
	uint64_t	 key;		/* id << 32 | tid + 1; 0: an empty slot */
	struct route_hit hit;
};

struct route {
	struct trail	*trail;		/* open addressing by hash */
	size_t		 tcap, ntrail;
	buf		 trails;
	struct way	*way;
	size_t		 wcap, nway;
	struct sighting	*seen;		/* open addressing by hash */
	size_t		 scap, nseen;
	size_t		 bytes, max;
	/* The trail dict_trail last showed: its (id, gen) and where it is. */
	unsigned long	 did, dgen;
	int		 known;		/* did and dgen are set */
	uint64_t	 h;
	struct trail	*at;		/* its slot in trail[] */
};

route *
route_new(size_t max_bytes)
{
	route *r = xcalloc(1, sizeof(*r));
	size_t i;

	r->tcap = r->wcap = 256;
	r->trail = xmalloc(r->tcap * sizeof(*r->trail));
	for (i = 0; i < r->tcap; i++)
		r->trail[i].id = NO_TRAIL;
	r->way = xcalloc(r->wcap, sizeof(*r->way));
	r->scap = 256;
	r->seen = xcalloc(r->scap, sizeof(*r->seen));
	r->max = max_bytes;
	return r;
}

void
route_free(route *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->wcap; i++)
		free(r->way[i].hit.node);
	free(r->trail);
	free(r->way);
	free(r->seen);
	buf_free(&r->trails);
	free(r);
}

/* The slot of trail t (hash h) in r: its own, or the empty one it would take. */
static struct trail *
trail_slot(route *r, uint64_t h, const struct dict_trail *t)
{
	size_t i = (size_t)h & (r->tcap - 1);
	struct trail *e;

	for (;; i = (i + 1) & (r->tcap - 1)) {
		e = &r->trail[i];
		if (e->id == NO_TRAIL || (e->h == h && e->len == t->len &&
		    memcmp(r->trails.data + e->off, t->bytes, t->len) == 0))
			return e;
	}
}

static void
trail_grow(route *r)
{
	struct trail *old = r->trail;
	size_t oldcap = r->tcap, i, j;

	r->tcap *= 2;
	r->trail = xmalloc(r->tcap * sizeof(*r->trail));
	for (i = 0; i < r->tcap; i++)
		r->trail[i].id = NO_TRAIL;
	for (i = 0; i < oldcap; i++) {
		if (old[i].id == NO_TRAIL)
			continue;
		for (j = (size_t)old[i].h & (r->tcap - 1); r->trail[j].id !=
		    NO_TRAIL; j = (j + 1) & (r->tcap - 1))
			;
		r->trail[j] = old[i];
	}
	free(old);
}

/* Looks d's trail up, once for each state of d. */
static struct trail *
trail_find(route *r, const dict *d)
{
	struct dict_trail t;

	dict_trail(d, &t);
	if (!r->known || r->did != t.id || r->dgen != t.gen) {
		r->known = 1;
		r->did = t.id;
		r->dgen = t.gen;
		r->h = util_hash(UTIL_HASH_INIT, t.bytes, t.len);
		r->at = trail_slot(r, r->h, &t);
	}
	return r->at;
}

static struct way *
way_slot(const route *r, uint64_t key)
{
	uint64_t x = key;
	size_t i;

	/* splitmix64's finalizer: the trail's id is in the key's high half. */
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	i = (size_t)(x ^ (x >> 31)) & (r->wcap - 1);

	while (r->way[i].key != 0 && r->way[i].key != key)
		i = (i + 1) & (r->wcap - 1);
	return &r->way[i];
}

static void
way_grow(route *r)
{
	struct way *old = r->way;
	size_t oldcap = r->wcap, i;

	r->wcap *= 2;
	r->way = xcalloc(r->wcap, sizeof(*r->way));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != 0)
			*way_slot(r, old[i].key) = old[i];
	free(old);
}

static uint64_t
way_key(uint32_t id, int tid)
{
	return (uint64_t)id << 32 | ((uint32_t)tid + 1);
}

const struct route_hit *
route_find(route *r, const dict *d, int tid)
{
	const struct trail *t = trail_find(r, d);
	const struct way *w;

	if (t->id == NO_TRAIL)
		return NULL;
	w = way_slot(r, way_key(t->id, tid));
	return w->key != 0 ? &w->hit : NULL;
}

static struct sighting *
seen_slot(const route *r, uint64_t h)
{
	size_t i = (size_t)h & (r->scap - 1);

	while (r->seen[i].h != 0 && r->seen[i].h != h)
		i = (i + 1) & (r->scap - 1);
	return &r->seen[i];
}

static void
seen_grow(route *r)
{
	struct sighting *old = r->seen;
	size_t oldcap = r->scap, i;

	r->scap *= 2;
	r->seen = xcalloc(r->scap, sizeof(*r->seen));
	for (i = 0; i < oldcap; i++)
		if (old[i].h != 0)
			*seen_slot(r, old[i].h) = old[i];
	free(old);
}

/*
 * 1 when the trail r looked up last (hash h) was met in an earlier state
 * of a dictionary: most trails belong to one page alone, and keeping them
 * would only cost memory. Two trails with one hash merely count as one.
 */
static int
seen_before(route *r)
{
	uint64_t h = r->h != 0 ? r->h : 1;
	struct sighting *s = seen_slot(r, h);

	if (s->h != 0)
		return s->did != r->did || s->dgen != r->dgen;
	if (r->bytes + 2 * sizeof(*s) > r->max)
		return 0;
	r->bytes += 2 * sizeof(*s);
	*s = (struct sighting){ h, r->did, r->dgen };
	if (++r->nseen * 2 >= r->scap)
		seen_grow(r);
	return 0;
}

/*
 * The id of d's trail, kept now if it was new and met before; NO_TRAIL
 * when it was not, or r is full.
 */
static uint32_t
trail_keep(route *r, const dict *d)
{
	struct trail *e = trail_find(r, d);
	struct dict_trail t;

	if (e->id != NO_TRAIL)
		return e->id;
	if (!seen_before(r))
		return NO_TRAIL;
	dict_trail(d, &t);
	if (r->bytes + t.len + sizeof(*e) > r->max || r->ntrail >= NO_TRAIL)
		return NO_TRAIL;
	e->h = r->h;
	e->off = r->trails.len;
	e->len = t.len;
	e->id = (uint32_t)r->ntrail++;
	buf_put(&r->trails, t.bytes, t.len);
	r->bytes += t.len + sizeof(*e);
	if (r->ntrail * 2 >= r->tcap) {
		trail_grow(r);
		r->known = 0;
	}
	return (uint32_t)r->ntrail - 1;
}

void
route_add(route *r, const dict *d, int tid, const char *skel,
    const uint32_t *node, size_t n)
{
	uint32_t id = trail_keep(r, d);
	size_t need = n * sizeof(*node) + sizeof(struct way);
	struct way *w;

	if (id == NO_TRAIL || r->bytes + need > r->max)
		return;
	w = way_slot(r, way_key(id, tid));
	if (w->key != 0)
		return;
	w->key = way_key(id, tid);
	w->hit.skel = skel;
	w->hit.n = n;
	w->hit.node = xmalloc(n ? n * sizeof(*node) : 1);
	memcpy(w->hit.node, node, n * sizeof(*node));
	r->bytes += need;
	if (++r->nway * 2 >= r->wcap)
		way_grow(r);
}
