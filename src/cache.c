/* cache.c - rendered templates kept per shape of their values, one cache per thread */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "render.h"
#include "subst.h"
#include "util.h"

#define END_TOKEN 0xffffffffu

/*
 * A skeleton is the rendered HTML cut at its slots: runs of (u32 length,
 * that many bytes, u32 slot), the slot being kind << 16 | value number,
 * ending with the slot END_TOKEN.
 */

struct centry {
	uint64_t	 h;
	size_t		 koff, klen;	/* key in cache.keys */
	char		*skel;		/* NULL: empty slot */
	size_t		 slen;
};

struct cache {
	struct centry	*tab;
	size_t		 cap, n, bytes, max;
	buf		 keys;
	buf		 key, tmp, skel;
	struct subst_value *vals;
	size_t		 nvals, valcap;
	size_t		 hits, misses;
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
		free(c->tab[i].skel);
	free(c->tab);
	free(c->vals);
	buf_free(&c->keys);
	buf_free(&c->key);
	buf_free(&c->tmp);
	buf_free(&c->skel);
	free(c);
}

void
cache_stats(const cache *c, size_t *hits, size_t *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}

/*
 * Writes the shape of d's used part to c->key and its values to c->vals.
 * The shape is the names, sections and repetitions, and which values are
 * empty (an empty value can drop its paragraph), never the values.
 */
static void
key_shape(const dict *d, size_t node, const unsigned char *used,
    cache *c)
{
	const struct dict_node *e;
	unsigned char nm[3];
	size_t k;

	for (k = dict_node(d, node)->first; k != DICT_NONE; k = e->next) {
		e = dict_node(d, k);
		if (!used[e->name])
			continue;
		nm[0] = (unsigned char)(e->name >> 8);
		nm[1] = (unsigned char)e->name;
		nm[2] = e->section ? '(' : e->vlen == 0 ? '0' : '=';
		buf_put(&c->key, nm, 3);
		if (e->section) {
			key_shape(d, k, used, c);
			buf_putc(&c->key, ')');
			continue;
		}
		if (c->nvals == c->valcap) {
			c->valcap = c->valcap ? c->valcap * 2 : 64;
			c->vals = xrealloc(c->vals, c->valcap * sizeof(*c->vals));
		}
		c->vals[c->nvals++] = (struct subst_value){ dict_value(d, e),
		    e->vlen, e->raw };
	}
}

static void
put_u32(buf *b, uint32_t v)
{
	buf_put(b, &v, sizeof(v));
}

/* The slot marker (prefix, kind, four digits) at s, n bytes left: its length or 0. */
static size_t
slot_at(const cache *c, const char *prefix, const char *s, size_t n,
    uint32_t *slot)
{
	size_t plen = strlen(prefix), tok = 0, i;

	if (n < plen + 5 || memcmp(s, prefix, plen) != 0 || s[plen] == '\0' ||
	    strchr("TAUSR", s[plen]) == NULL)
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
	size_t i, lit = 0, len;
	uint32_t slot;

	buf_reset(&c->skel);
	for (i = 0; i < n; i++) {
		if ((len = slot_at(c, prefix, s + i, n - i, &slot)) == 0)
			continue;
		put_u32(&c->skel, (uint32_t)(i - lit));
		buf_put(&c->skel, s + lit, i - lit);
		put_u32(&c->skel, slot);
		i += len - 1;
		lit = i + 1;
	}
	put_u32(&c->skel, (uint32_t)(n - lit));
	buf_put(&c->skel, s + lit, n - lit);
	put_u32(&c->skel, END_TOKEN);
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
		if (slot == END_TOKEN)
			return;
		subst_put(out, (char)(slot >> 16), &c->vals[slot & 0xffff]);
	}
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

int
cache_render(cache *c, const tmpl_set *ts, int id, const dict *d, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);
	struct centry *e;
	uint32_t tid = (uint32_t)id;
	uint64_t h;
	size_t need;

	buf_reset(&c->key);
	c->nvals = 0;
	buf_put(&c->key, &tid, sizeof(tid));
	key_shape(d, DICT_ROOT, t->used, c);
	if (c->nvals > RENDER_MAX_VALUES)
		return render_page(ts, id, d, NULL, out);
	h = util_hash(UTIL_HASH_INIT, c->key.data, c->key.len);
	e = table_find(c, h, c->key.data, c->key.len);
	if (e->skel != NULL) {
		c->hits++;
		skel_emit(c, e->skel, out);
		return 1;
	}
	c->misses++;
	buf_reset(&c->tmp);
	if (!render_slots(ts, id, d, &c->tmp))
		return 0;
	skel_split(c, tmpl_set_token(ts), c->tmp.data ? c->tmp.data : "",
	    c->tmp.len);
	skel_emit(c, c->skel.data, out);
	need = c->key.len + c->skel.len + sizeof(*e);
	if (c->bytes + need > c->max)
		return 1;
	e->h = h;
	e->koff = c->keys.len;
	e->klen = c->key.len;
	buf_put(&c->keys, c->key.data, c->key.len);
	e->skel = xmalloc(c->skel.len);
	memcpy(e->skel, c->skel.data, c->skel.len);
	e->slen = c->skel.len;
	c->bytes += need;
	if (++c->n * 2 >= c->cap)
		table_grow(c);
	return 1;
}

