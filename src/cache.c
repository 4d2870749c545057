/* cache.c - rendered templates kept per shape of their values: one cache a thread, one they share */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "piece.h"
#include "render.h"
#include "route.h"
#include "subst.h"
#include "util.h"

/* A skeleton is as piece.h describes, ending with PIECE_END. */

struct centry {
	uint64_t	 h;
	size_t		 koff, klen;	/* key in cache.keys */
	char		*skel;		/* NULL: empty slot */
	int		 owned;		/* skel is ours to free (not the shared's) */
};

struct cache {
	struct centry	*tab;
	size_t		 cap, n, bytes, max;
	buf		 keys;
	buf		 key, tmp, skel;
	struct subst_value *vals;
	uint32_t	*vnode;		/* the node of each of vals */
	size_t		 nvals, valcap;
	route		*route;		/* made on first use (not in the shared cache) */
	size_t		 hits, misses, renders;
	cache_shared	*shared;	/* cache_share's, or NULL */
	struct piece_page pg;		/* a missed layout's pieces */
	const char	**pskel;	/* their skeletons */
	size_t		 npskel;
	unsigned char	*whole;		/* per template: its marks failed once */
	size_t		 nwhole;
};

/*
 * What the threads of a build share: a cache of the same form whose
 * skeletons stay put until it is freed, under a lock taken on misses only.
 */
struct cache_shared {
	pthread_mutex_t	 lock;
	cache		*c;
};

cache *
cache_new(size_t max_bytes)
{
	cache *c = xcalloc(1, sizeof(*c));

	c->cap = 256;
	c->tab = xcalloc(c->cap, sizeof(*c->tab));
	c->max = max_bytes;
	return c;
}

void
cache_free(cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		if (c->tab[i].owned)
			free(c->tab[i].skel);
	free(c->tab);
	free(c->vals);
	free(c->vnode);
	route_free(c->route);
	buf_free(&c->keys);
	buf_free(&c->key);
	buf_free(&c->tmp);
	buf_free(&c->skel);
	piece_page_free(&c->pg);
	free(c->pskel);
	free(c->whole);
	free(c);
}

cache_shared *
cache_shared_new(size_t max_bytes)
{
	cache_shared *sh = xcalloc(1, sizeof(*sh));

	pthread_mutex_init(&sh->lock, NULL);
	sh->c = cache_new(max_bytes);
	return sh;
}

void
cache_shared_free(cache_shared *sh)
{
	if (sh == NULL)
		return;
	cache_free(sh->c);
	pthread_mutex_destroy(&sh->lock);
	free(sh);
}

void
cache_share(cache *c, cache_shared *sh)
{
	c->shared = sh;
}

void
cache_stats(const cache *c, size_t *hits, size_t *misses, size_t *renders)
{
	*hits = c->hits;
	*misses = c->misses;
	*renders = c->renders;
}

/*
 * Writes the shape of d's used part (nodes, from node down) to c->key and
 * its values to c->vals, which have room for every node. The shape is the
 * names, sections and repetitions, and in Markdown (md) which values are
 * empty (an empty value can drop its paragraph), never the values.
 */
static void
key_shape(const dict *d, const struct dict_node *nodes, size_t node,
    const unsigned char *used, int md, cache *c)
{
	const struct dict_node *e;
	unsigned char *k;
	size_t i;

	for (i = nodes[node].first; i != DICT_NONE; i = e->next) {
		e = &nodes[i];
		if (!used[e->name])
			continue;
		if (c->key.cap - c->key.len <= 4)
			buf_grow(&c->key, 4);
		k = (unsigned char *)c->key.data + c->key.len;
		k[0] = (unsigned char)(e->name >> 8);
		k[1] = (unsigned char)e->name;
		k[2] = e->section ? '(' : e->raw ? 'r' : md && e->vlen == 0 ?
		    '0' : '=';
		k[3] = '\0';
		c->key.len += 3;
		if (e->section) {
			key_shape(d, nodes, i, used, md, c);
			buf_putc(&c->key, ')');
			continue;
		}
		c->vnode[c->nvals] = (uint32_t)i;
		c->vals[c->nvals++] = (struct subst_value){ dict_value(d, e),
		    e->vlen, e->raw, e->esc };
	}
}

/* The slot marker (prefix, kind, four digits) at s, n bytes left: its length or 0. */
static size_t
slot_at(const cache *c, const char *prefix, size_t plen, const char *s,
    size_t n, uint32_t *slot)
{
	size_t tok = 0, i;

	if (n < plen + 5 || memcmp(s, prefix, plen) != 0 || s[plen] == '\0' ||
	    strchr("TAUSRC", s[plen]) == NULL)
		return 0;
	for (i = plen + 1; i < plen + 5; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		tok = tok * 10 + (size_t)(s[i] - '0');
	}
	if (tok >= c->nvals)
		return 0;
	*slot = (uint32_t)(unsigned char)s[plen] << 16 | (uint32_t)tok;
	return plen + 5;
}

/* Splits rendered HTML at its slot markers into c->skel. */
static void
skel_split(cache *c, const char *prefix, const char *s, size_t n)
{
	size_t plen = strlen(prefix), i = 0, lit = 0, len;
	struct piece_writer w;
	const char *p;
	uint32_t slot;

	buf_reset(&c->skel);
	piece_writer_start(&w, &c->skel);
	/* A marker starts with the prefix's first letter: jump between those. */
	while (i < n && (p = memchr(s + i, prefix[0], n - i)) != NULL) {
		i = (size_t)(p - s);
		if ((len = slot_at(c, prefix, plen, s + i, n - i, &slot)) == 0) {
			i++;
			continue;
		}
		buf_put(&c->skel, s + lit, i - lit);
		piece_writer_slot(&w, slot);
		i += len;
		lit = i;
	}
	buf_put(&c->skel, s + lit, n - lit);
	piece_writer_slot(&w, PIECE_END);
}

static void
skel_emit(const cache *c, const char *skel, buf *out)
{
	uint32_t len, slot;

	for (;;) {
		memcpy(&len, skel, sizeof(len));
		skel += sizeof(len);
		buf_put(out, skel, len);
		skel += len;
		memcpy(&slot, skel, sizeof(slot));
		skel += sizeof(slot);
		if (slot == PIECE_END)
			return;
		subst_put(out, (char)(slot >> 16), &c->vals[slot & 0xffff]);
	}
}

/* The length of a skeleton, its end marker included. */
static size_t
skel_len(const char *skel)
{
	const char *p = skel;
	uint32_t len, slot;

	do {
		memcpy(&len, p, sizeof(len));
		p += sizeof(len) + len;
		memcpy(&slot, p, sizeof(slot));
		p += sizeof(slot);
	} while (slot != PIECE_END);
	return (size_t)(p - skel);
}

static struct centry *
table_find(cache *c, uint64_t h, const char *key, size_t klen)
{
	size_t i = (size_t)h & (c->cap - 1);
	struct centry *e;

	for (;; i = (i + 1) & (c->cap - 1)) {
		e = &c->tab[i];
		if (e->skel == NULL || (e->h == h && e->klen == klen &&
		    memcmp(c->keys.data + e->koff, key, klen) == 0))
			return e;
	}
}

static void
table_grow(cache *c)
{
	struct centry *old = c->tab, *e;
	size_t oldcap = c->cap, i;

	c->cap *= 2;
	c->tab = xcalloc(c->cap, sizeof(*c->tab));
	for (i = 0; i < oldcap; i++) {
		if (old[i].skel == NULL)
			continue;
		e = table_find(c, old[i].h, c->keys.data + old[i].koff, old[i].klen);
		*e = old[i];
	}
	free(old);
}

/*
 * Puts skel (slen bytes) under key at e, the empty slot table_find gave
 * for it, as a copy (copy) or as it is; returns the skeleton kept, or NULL
 * when c is full.
 */
static const char *
table_add(cache *c, struct centry *e, uint64_t h, const char *key,
    size_t klen, const char *skel, size_t slen, int copy)
{
	size_t need = klen + (copy ? slen : 0) + sizeof(*e);

	if (c->bytes + need > c->max)
		return NULL;
	e->h = h;
	e->koff = c->keys.len;
	e->klen = klen;
	buf_put(&c->keys, key, klen);
	e->owned = copy;
	e->skel = copy ? xmalloc(slen) : (char *)skel;
	if (copy)
		memcpy(e->skel, skel, slen);
	c->bytes += need;
	skel = e->skel;
	if (++c->n * 2 >= c->cap)
		table_grow(c);
	return skel;
}

/* The shared skeleton of c->key (hash h), or NULL. */
static const char *
shared_find(cache *c, uint64_t h)
{
	cache_shared *sh = c->shared;
	const char *skel;

	pthread_mutex_lock(&sh->lock);
	skel = table_find(sh->c, h, c->key.data, c->key.len)->skel;
	pthread_mutex_unlock(&sh->lock);
	return skel;
}

/* Publishes c->skel as the skeleton of c->key; returns the shared copy, or NULL. */
static const char *
shared_add(cache *c, uint64_t h)
{
	cache_shared *sh = c->shared;
	struct centry *e;
	const char *skel;

	pthread_mutex_lock(&sh->lock);
	e = table_find(sh->c, h, c->key.data, c->key.len);
	skel = e->skel != NULL ? e->skel : table_add(sh->c, e, h, c->key.data,
	    c->key.len, c->skel.data, c->skel.len, 1);
	pthread_mutex_unlock(&sh->lock);
	return skel;
}

/* The table pieces are kept in: the shared one (locked until pieces_done), or c's. */
static cache *
pieces_table(cache *c)
{
	if (c->shared == NULL)
		return c;
	pthread_mutex_lock(&c->shared->lock);
	return c->shared->c;
}

static void
pieces_done(cache *c)
{
	if (c->shared != NULL)
		pthread_mutex_unlock(&c->shared->lock);
}

/* The entry for key i of c->pg in table t, and its hash in *h. */
static struct centry *
pieces_entry(cache *t, const struct piece_page *pg, size_t i, uint64_t *h)
{
	const char *k = pg->keys.data + pg->koff[i];
	size_t n = pg->koff[i + 1] - pg->koff[i];

	*h = util_hash(UTIL_HASH_INIT, k, n);
	return table_find(t, *h, k, n);
}

/* Sets c->pskel[i] to the kept skeleton of each key of c->pg; returns how many are missing. */
static size_t
pieces_find(cache *c)
{
	cache *t = pieces_table(c);
	size_t i, missing = 0;
	uint64_t h;

	for (i = 0; i < c->pg.nkeys; i++)
		if ((c->pskel[i] = pieces_entry(t, &c->pg, i, &h)->skel) == NULL)
			missing++;
	pieces_done(c);
	return missing;
}

/* Keeps each missing piece piece_split cut (or uses it from c->pg when the cache is full). */
static void
pieces_keep(cache *c)
{
	const struct piece_page *pg = &c->pg;
	cache *t = pieces_table(c);
	struct centry *e;
	uint64_t h;
	size_t i;

	for (i = 0; i < pg->nkeys; i++) {
		if (c->pskel[i] != NULL)
			continue;
		e = pieces_entry(t, pg, i, &h);
		if ((c->pskel[i] = e->skel) == NULL && (c->pskel[i] = table_add(t,
		    e, h, pg->keys.data + pg->koff[i], pg->koff[i + 1] -
		    pg->koff[i], pg->skel[i].data, pg->skel[i].len, 1)) == NULL)
			c->pskel[i] = pg->skel[i].data;
	}
	pieces_done(c);
}

/*
 * Puts in c->skel the skeleton of a layout's page whose shape c has not
 * seen, assembled from the pieces of pages seen before (piece.h); renders
 * the page once with its pieces marked when one is missing. Returns 0 when
 * the page must be rendered whole.
 */
static int
assemble(cache *c, const tmpl_set *ts, int id, const dict *d)
{
	struct piece_page *pg = &c->pg;
	size_t n = (size_t)id + 1;

	if ((size_t)id < c->nwhole && c->whole[id])
		return 0;
	if (!piece_page_load(pg, ts, id, d))
		return 0;
	if (c->npskel < pg->nkeys) {
		c->npskel = pg->nkeys;
		c->pskel = xrealloc(c->pskel, c->npskel * sizeof(*c->pskel));
	}
	if (pieces_find(c) > 0) {
		c->renders++;
		buf_reset(&c->tmp);
		if (!render_marked(ts, id, d, &c->tmp) || !piece_split(pg,
		    tmpl_set_token(ts), c->tmp.data ? c->tmp.data : "",
		    c->tmp.len)) {
			/*
			 * Marks out of text come from the layout (values are
			 * tokens), so most of its pages would fail the same way:
			 * stop trying for this layout in this build.
			 */
			if (c->nwhole < n) {
				c->whole = xrealloc(c->whole, n);
				memset(c->whole + c->nwhole, 0, n - c->nwhole);
				c->nwhole = n;
			}
			c->whole[id] = 1;
			return 0;
		}
		pieces_keep(c);
	}
	buf_reset(&c->skel);
	return piece_compose(pg, c->pskel, &c->skel);
}

/*
 * Renders a shape c has not seen: from the shared cache when another
 * thread rendered it, else assembled from pieces or from scratch; returns
 * its skeleton (in c->skel or the shared cache's), or NULL on failure
 * (reported).
 */
static const char *
shape_render(cache *c, const tmpl_set *ts, int id, const dict *d,
    uint64_t h, int *copy)
{
	const char *skel;

	*copy = c->shared == NULL;
	if (c->shared != NULL && (skel = shared_find(c, h)) != NULL) {
		c->hits++;
		return skel;
	}
	c->misses++;
	if (!assemble(c, ts, id, d)) {
		c->renders++;
		buf_reset(&c->tmp);
		if (!render_slots(ts, id, d, &c->tmp))
			return NULL;
		skel_split(c, tmpl_set_token(ts), c->tmp.data ? c->tmp.data :
		    "", c->tmp.len);
	}
	if (c->shared != NULL && (skel = shared_add(c, h)) != NULL)
		return skel;
	*copy = 1;
	return c->skel.data;
}

/* Emits the skeleton a route found, its slots filled from the nodes it names. */
static void
route_emit(cache *c, const struct route_hit *r, const dict *d, buf *out)
{
	const struct dict_node *nodes, *e;
	size_t i, nn;

	nodes = dict_nodes(d, &nn);
	for (i = 0; i < r->n; i++) {
		e = &nodes[r->node[i]];
		c->vals[i] = (struct subst_value){ dict_value(d, e), e->vlen,
		    e->raw, e->esc };
	}
	skel_emit(c, r->skel, out);
}

int
cache_render(cache *c, const tmpl_set *ts, int id, const dict *d, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);
	const struct route_hit *r;
	struct centry *e;
	uint32_t tid = (uint32_t)id;
	const char *skel, *kept;
	uint64_t h;
	size_t nn;
	const struct dict_node *nodes = dict_nodes(d, &nn);
	int copy;

	if (c->valcap < nn) {
		c->valcap = nn;
		c->vals = xrealloc(c->vals, c->valcap * sizeof(*c->vals));
		c->vnode = xrealloc(c->vnode, c->valcap * sizeof(*c->vnode));
	}
	if (c->route == NULL)
		c->route = route_new(c->max);
	if ((r = route_find(c->route, d, id)) != NULL) {
		c->hits++;
		route_emit(c, r, d, out);
		return 1;
	}
	buf_reset(&c->key);
	c->nvals = 0;
	buf_put(&c->key, &tid, sizeof(tid));
	key_shape(d, nodes, DICT_ROOT, t->used, t->kind == TMPL_MD, c);
	if (c->nvals > RENDER_MAX_VALUES)
		return render_page(ts, id, d, NULL, out);
	h = util_hash(UTIL_HASH_INIT, c->key.data, c->key.len);
	e = table_find(c, h, c->key.data, c->key.len);
	if (e->skel != NULL) {
		c->hits++;
		skel = e->skel;
	} else {
		if ((skel = shape_render(c, ts, id, d, h, &copy)) == NULL)
			return 0;
		/* Pieces kept on the way may have moved the table. */
		e = table_find(c, h, c->key.data, c->key.len);
		kept = table_add(c, e, h, c->key.data, c->key.len, skel,
		    skel_len(skel), copy);
		/* c is full: a skeleton in c->skel lasts until the next miss. */
		if (kept == NULL && copy) {
			skel_emit(c, skel, out);
			return 1;
		}
		if (kept != NULL)
			skel = kept;
	}
	route_add(c->route, d, id, skel, c->vnode, c->nvals);
	skel_emit(c, skel, out);
	return 1;
}
