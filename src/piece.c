/* piece.c - a layout's skeleton assembled from its frame and the repetitions of its sections */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "piece.h"
#include "subst.h"
#include "util.h"

#define NONE ((size_t)-1)
#define ROOT_SECTION ((size_t)-2)	/* rootval: a section, not a value */
#define BY_NAME 0x80u	/* a slot's kind bit: the root's value of that name */
#define HOLE 'H'	/* a frame's slot: where occurrence k's repetitions go */
#define MAX_OCC 9999	/* marks have four digits */

/* Adds name id to what o's body uses, once. */
static void
occ_ref(struct tmpl_occ *o, int id)
{
	size_t i;

	for (i = 0; i < o->nrefs; i++)
		if (o->refs[i] == id)
			return;
	o->refs = xrealloc(o->refs, (o->nrefs + 1) * sizeof(*o->refs));
	o->refs[o->nrefs++] = id;
}

/* A new occurrence of section name in *occ; 0 when there are too many. */
static int
occ_add(struct tmpl_occ **occ, size_t *nocc, int name)
{
	if (*nocc == MAX_OCC)
		return 0;
	*occ = xrealloc(*occ, (*nocc + 1) * sizeof(**occ));
	(*occ)[*nocc] = (struct tmpl_occ){ name, 0, NULL, 0 };
	(*nocc)++;
	return 1;
}

int
piece_mark(const char *text, size_t len, const char *prefix,
    const struct tmpl_name *names, size_t nnames, buf *out,
    struct tmpl_occ **occ, size_t *nocc)
{
	size_t i = 0, j, depth = 0, n;
	const char *in, *end;
	int id;

	*occ = NULL;
	*nocc = 0;
	while (i < len) {
		if (text[i] != '{' || text[i + 1] != '{' ||
		    (end = strstr(text + i + 2, "}}")) == NULL) {
			buf_putc(out, text[i++]);
			continue;
		}
		in = text + i + 2;
		j = (size_t)(end - text) + 2;
		n = j - i - 4;
		if (n > 0 && (in[0] == '#' || in[0] == '/')) {
			id = tmpl_name_find(names, nnames, in + 1, n - 1);
			if (in[0] == '/' && depth-- == 1)
				subst_put_token(out, prefix, 'E', *nocc - 1);
			buf_put(out, text + i, j - i);
			if (in[0] == '#' && depth++ == 0) {
				if (id < 0 || !occ_add(occ, nocc, id))
					return 0;
				subst_put_token(out, prefix, 'B', *nocc - 1);
			} else if (in[0] == '#' && id < 0)
				(*occ)[*nocc - 1].separator = 1;
		} else {
			id = tmpl_name_find(names, nnames, in, n);
			buf_put(out, text + i, j - i);
		}
		if (depth > 0 && id >= 0 && !(in[0] == '#' && depth == 1))
			occ_ref(&(*occ)[*nocc - 1], id);
		i = j;
	}
	return 1;
}

void
piece_occ_free(struct tmpl_occ *occ, size_t nocc)
{
	size_t i;

	for (i = 0; i < nocc; i++)
		free(occ[i].refs);
	free(occ);
}

void
piece_page_free(struct piece_page *pg)
{
	size_t i;

	buf_free(&pg->keys);
	free(pg->koff);
	free(pg->rep);
	free(pg->occbase);
	free(pg->vname);
	free(pg->vfirst);
	free(pg->vend);
	free(pg->rootval);
	for (i = 0; i < pg->nskel; i++)
		buf_free(&pg->skel[i]);
	free(pg->skel);
	memset(pg, 0, sizeof(*pg));
}

/* Numbers the used values under node depth first, as fill_ctpl does. */
static void
number(struct piece_page *pg, const struct dict_node *nodes, size_t node,
    const unsigned char *used)
{
	size_t k;

	pg->vfirst[node] = pg->nvals;
	for (k = nodes[node].first; k != DICT_NONE; k = nodes[k].next) {
		if (!used[nodes[k].name])
			continue;
		if (nodes[k].section) {
			number(pg, nodes, k, used);
			continue;
		}
		pg->vfirst[k] = pg->nvals;
		pg->vname[pg->nvals++] = (size_t)nodes[k].name;
		pg->vend[k] = pg->nvals;
	}
	pg->vend[node] = pg->nvals;
}

static void
key_name(buf *k, int name, char what)
{
	buf_putc(k, (unsigned char)(name >> 8));
	buf_putc(k, (unsigned char)name);
	buf_putc(k, what);
}

/* The used names and sections under node, as cache.c's shape of HTML. */
static void
key_tree(buf *k, const struct dict_node *nodes, size_t node,
    const unsigned char *used)
{
	size_t i;

	for (i = nodes[node].first; i != DICT_NONE; i = nodes[i].next) {
		if (!used[nodes[i].name])
			continue;
		key_name(k, nodes[i].name, nodes[i].section ? '(' :
		    nodes[i].raw ? 'r' : '=');
		if (nodes[i].section) {
			key_tree(k, nodes, i, used);
			buf_putc(k, ')');
		}
	}
}

/* Starts key number pg->nkeys: a tag no whole page's key starts with. */
static void
key_start(struct piece_page *pg, char what, int id)
{
	static const char tag[3] = { '\xff', '\xff', '\xff' };

	if (pg->nkeys + 2 > pg->kcap) {
		pg->kcap = pg->kcap ? pg->kcap * 2 : 64;
		pg->koff = xrealloc(pg->koff, pg->kcap * sizeof(*pg->koff));
		pg->rep = xrealloc(pg->rep, pg->kcap * sizeof(*pg->rep));
	}
	pg->koff[pg->nkeys++] = pg->keys.len;
	buf_put(&pg->keys, tag, sizeof(tag));
	buf_putc(&pg->keys, what);
	buf_put(&pg->keys, &id, sizeof(id));
}

/*
 * Which root names are set, and to which value; the frame's key. 0 if a
 * name is both a value and a section there (which one a piece's body
 * would find is ctemplate's business).
 */
static int
root_scan(struct piece_page *pg, const struct dict_node *nodes,
    const unsigned char *used, int id)
{
	size_t k, *v;
	int last = -1;

	for (k = 0; k < pg->nnames; k++)
		pg->rootval[k] = NONE;
	key_start(pg, 'F', id);
	for (k = nodes[DICT_ROOT].first; k != DICT_NONE; k = nodes[k].next) {
		if (!used[nodes[k].name])
			continue;
		v = &pg->rootval[nodes[k].name];
		if (*v != NONE && (*v == ROOT_SECTION) != nodes[k].section)
			return 0;
		if (!nodes[k].section) {
			*v = pg->vfirst[k];
			key_name(&pg->keys, nodes[k].name, nodes[k].raw ? 'r' :
			    '=');
		} else if (nodes[k].name != last) {
			*v = ROOT_SECTION;
			key_name(&pg->keys, nodes[k].name, '(');
		}
		last = nodes[k].section ? nodes[k].name : -1;
	}
	return 1;
}

/*
 * The key of repetition r of occurrence k (o): its subtree, whether it
 * is the last (when a separator follows the others), and which names its
 * body uses are the root's. 0 if a section there would be the root's.
 */
static int
piece_key(struct piece_page *pg, const struct dict_node *nodes,
    const unsigned char *used, int id, size_t k, const struct tmpl_occ *o,
    size_t r, int last)
{
	size_t i;

	key_start(pg, 'P', id);
	buf_put(&pg->keys, &k, sizeof(k));
	buf_putc(&pg->keys, o->separator && last);
	for (i = 0; i < o->nrefs; i++) {
		if (pg->rootval[o->refs[i]] == ROOT_SECTION)
			return 0;
		buf_putc(&pg->keys, pg->rootval[o->refs[i]] != NONE);
	}
	key_tree(&pg->keys, nodes, r, used);
	return 1;
}

/* 1 if no later sibling of r repeats its section. */
static int
is_last(const struct dict_node *nodes, size_t r)
{
	size_t k;

	for (k = nodes[r].next; k != DICT_NONE; k = nodes[k].next)
		if (nodes[k].section && nodes[k].name == nodes[r].name)
			return 0;
	return 1;
}

/* Makes pg's arrays fit nn nodes, nnames names, nocc occurrences. */
static void
page_fit(struct piece_page *pg, size_t nn, size_t nnames, size_t nocc)
{
	if (nn > pg->nnodes) {
		pg->nnodes = nn;
		pg->vname = xrealloc(pg->vname, nn * sizeof(*pg->vname));
		pg->vfirst = xrealloc(pg->vfirst, nn * sizeof(*pg->vfirst));
		pg->vend = xrealloc(pg->vend, nn * sizeof(*pg->vend));
	}
	if (nnames > pg->nnames) {
		pg->nnames = nnames;
		pg->rootval = xrealloc(pg->rootval, nnames * sizeof(*pg->rootval));
	}
	pg->nnames = nnames;
	pg->occbase = xrealloc(pg->occbase, (nocc + 1) * sizeof(*pg->occbase));
	pg->nocc = nocc;
}

int
piece_page_load(struct piece_page *pg, const tmpl_set *ts, int id,
    const dict *d)
{
	const struct tmpl *t = tmpl_get(ts, id);
	const struct dict_node *nodes;
	size_t nn, k, r;

	if (t->marked == NULL)
		return 0;
	nodes = dict_nodes(d, &nn);
	page_fit(pg, nn, tmpl_set_nnames(ts), t->nocc);
	pg->nvals = 0;
	number(pg, nodes, DICT_ROOT, t->used);
	buf_reset(&pg->keys);
	pg->nkeys = 0;
	if (!root_scan(pg, nodes, t->used, id))
		return 0;
	for (k = 0; k < t->nocc; k++) {
		pg->occbase[k] = pg->nkeys - 1;
		if (pg->rootval[t->occ[k].name] != ROOT_SECTION)
			continue;
		for (r = nodes[DICT_ROOT].first; r != DICT_NONE;
		    r = nodes[r].next) {
			if (nodes[r].name != t->occ[k].name || !nodes[r].section)
				continue;
			pg->rep[pg->nkeys - 1] = r;
			if (!piece_key(pg, nodes, t->used, id, k, &t->occ[k], r,
			    is_last(nodes, r)))
				return 0;
		}
	}
	pg->occbase[t->nocc] = pg->nkeys - 1;
	pg->koff[pg->nkeys] = pg->keys.len;
	return 1;
}

static void
put_u32(buf *b, uint32_t v)
{
	buf_put(b, &v, sizeof(v));
}

void
piece_writer_start(struct piece_writer *w, buf *b)
{
	w->b = b;
	w->lenpos = b->len;
	put_u32(b, 0);
}

void
piece_writer_slot(struct piece_writer *w, uint32_t slot)
{
	uint32_t len = (uint32_t)(w->b->len - w->lenpos - sizeof(len));

	memcpy(w->b->data + w->lenpos, &len, sizeof(len));
	put_u32(w->b, slot);
	if (slot == PIECE_END)
		return;
	w->lenpos = w->b->len;
	put_u32(w->b, 0);
}

/* Where piece_split is: the frame, or repetition rep of occurrence occ. */
struct cut {
	struct piece_page *pg;
	struct piece_writer	 frame, piece;
	size_t		 cur;		/* the key being written: 0, the frame */
	size_t		 occ;		/* the current piece's occurrence */
	size_t		 hole;		/* the frame's last slot, if a hole */
	size_t		*seen;		/* per occurrence: repetitions cut so far */
};

/* The slot of value number v as written where c is; 0 if it cannot stand there. */
static int
cut_value(const struct cut *c, char kind, size_t v, uint32_t *slot)
{
	const struct piece_page *pg = c->pg;
	size_t r, name;

	if (v >= pg->nvals)
		return 0;
	name = pg->vname[v];
	if (c->cur > 0) {
		r = pg->rep[c->cur - 1];
		if (v >= pg->vfirst[r] && v < pg->vend[r]) {
			*slot = (uint32_t)(unsigned char)kind << 16 |
			    (uint32_t)(v - pg->vfirst[r]);
			return 1;
		}
	}
	if (pg->rootval[name] != v)
		return 0;
	*slot = ((uint32_t)(unsigned char)kind | BY_NAME) << 16 | (uint32_t)name;
	return 1;
}

static void
cut_text(struct cut *c, const char *s, size_t n)
{
	if (n == 0)
		return;
	buf_put(c->cur > 0 ? c->piece.b : c->frame.b, s, n);
	if (c->cur == 0)
		c->hole = NONE;
}

static int
cut_slot(struct cut *c, char kind, size_t v)
{
	uint32_t slot;

	if (!cut_value(c, kind, v, &slot))
		return 0;
	piece_writer_slot(c->cur > 0 ? &c->piece : &c->frame, slot);
	if (c->cur == 0)
		c->hole = NONE;
	return 1;
}

/*
 * A mark: 'B' opens the next repetition of occurrence k (the frame gets
 * one hole for all of them), 'E' closes it. 0 if it falls out of turn.
 */
static int
cut_mark(struct cut *c, char what, size_t k)
{
	struct piece_page *pg = c->pg;
	size_t i;

	if (k >= pg->nocc)
		return 0;
	if (what == 'E') {
		if (c->cur == 0 || c->occ != k)
			return 0;
		piece_writer_slot(&c->piece, PIECE_END);
		c->cur = 0;
		return 1;
	}
	if (c->cur != 0 || (c->hole != k && c->seen[k] > 0))
		return 0;
	if (c->hole != k)
		piece_writer_slot(&c->frame, (uint32_t)HOLE << 16 | (uint32_t)k);
	c->hole = k;
	if ((i = pg->occbase[k] + c->seen[k]++) >= pg->occbase[k + 1])
		return 0;
	c->cur = i + 1;
	c->occ = k;
	buf_reset(&pg->skel[c->cur]);
	piece_writer_start(&c->piece, &pg->skel[c->cur]);
	return 1;
}

/* The four digits at s as a number. */
static size_t
digits4(const char *s)
{
	size_t i, v = 0;

	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NONE;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	return v;
}

int
piece_split(struct piece_page *pg, const char *prefix, const char *s,
    size_t n)
{
	struct cut c = { pg, { NULL, 0 }, { NULL, 0 }, 0, 0, NONE, NULL };
	size_t plen = strlen(prefix), i = 0, lit = 0, num, k;
	const char *p;
	char kind;
	int ok = 0;

	if (pg->nskel < pg->nkeys) {
		pg->skel = xrealloc(pg->skel, pg->nkeys * sizeof(*pg->skel));
		memset(pg->skel + pg->nskel, 0, (pg->nkeys - pg->nskel) *
		    sizeof(*pg->skel));
		pg->nskel = pg->nkeys;
	}
	c.seen = xcalloc(pg->nocc + 1, sizeof(*c.seen));
	buf_reset(&pg->skel[0]);
	piece_writer_start(&c.frame, &pg->skel[0]);
	while (i < n && (p = memchr(s + i, prefix[0], n - i)) != NULL) {
		i = (size_t)(p - s);
		if (n - i < plen + 5 || memcmp(s + i, prefix, plen) != 0 ||
		    (kind = s[i + plen]) == '\0' || strchr("TAUSRCBE", kind) ==
		    NULL || (num = digits4(s + i + plen + 1)) == NONE) {
			i++;
			continue;
		}
		cut_text(&c, s + lit, i - lit);
		if (!(kind == 'B' || kind == 'E' ? cut_mark(&c, kind, num) :
		    cut_slot(&c, kind, num)))
			goto out;
		i += plen + 5;
		lit = i;
	}
	cut_text(&c, s + lit, n - lit);
	if (c.cur != 0)
		goto out;
	piece_writer_slot(&c.frame, PIECE_END);
	for (k = 0; k < pg->nocc; k++)
		if (c.seen[k] != pg->occbase[k + 1] - pg->occbase[k])
			goto out;
	ok = 1;
out:
	free(c.seen);
	return ok;
}

/* Writes skeleton key of pg, holes filled, with the page's value numbers. */
static int
compose_walk(const struct piece_page *pg, const char *const *skel,
    size_t key, struct piece_writer *w)
{
	const char *p = skel[key];
	size_t i, r = key > 0 ? pg->rep[key - 1] : NONE, v;
	uint32_t len, slot, kind, x;

	for (;;) {
		memcpy(&len, p, sizeof(len));
		buf_put(w->b, p + sizeof(len), len);
		p += sizeof(len) + len;
		memcpy(&slot, p, sizeof(slot));
		p += sizeof(slot);
		if (slot == PIECE_END)
			return 1;
		kind = slot >> 16;
		x = slot & 0xffff;
		if (kind == HOLE) {
			if (x >= pg->nocc)
				return 0;
			for (i = pg->occbase[x]; i < pg->occbase[x + 1]; i++)
				if (!compose_walk(pg, skel, i + 1, w))
					return 0;
			continue;
		}
		v = kind & BY_NAME ? (x < pg->nnames ? pg->rootval[x] : NONE) :
		    r == NONE ? NONE :
		    pg->vfirst[r] + x;
		if (v >= pg->nvals)
			return 0;
		piece_writer_slot(w, (kind & ~BY_NAME) << 16 | (uint32_t)v);
	}
}

int
piece_compose(const struct piece_page *pg, const char *const *skel, buf *out)
{
	struct piece_writer w;

	piece_writer_start(&w, out);
	if (!compose_walk(pg, skel, 0, &w))
		return 0;
	piece_writer_slot(&w, PIECE_END);
	return 1;
}
