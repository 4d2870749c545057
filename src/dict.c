/* dict.c - a page's values for templates: a tree of named values and sections */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "util.h"

/*
 * Slots of the memo of stable strings, by address: a port page sets some
 * hundred, and with 256 slots enough of them collided to cost 1,000
 * instructions a page.
 */
#define MEMO_SLOTS 1024

/* One node's line of the trail (dict_trail): 8 bytes, no padding. */
struct step {
	uint32_t	 parent;
	uint16_t	 name;
	unsigned char	 kind;		/* '(' section, 'r' raw, '0' empty, '=' */
	unsigned char	 zero;
};

/* Numbers each dictionary, so that a trail's (id, gen) is never reused. */
static atomic_ulong dict_count;

/* What dict_set_stable learned about one string. */
struct memo {
	const char	*s;		/* NULL: an empty slot */
	size_t		 len;
	unsigned	 esc;
};

struct dict {
	struct dict_node *n;
	size_t		 nn, cap;
	buf		 v;
	struct step	*steps;		/* the trail: node k's is steps[k - 1] */
	unsigned long	 id, gen;
	const unsigned char *esc;	/* buf_escapes() */
	const unsigned char *used;	/* dict_filter's, or NULL */
	unsigned	 digits;	/* the buf_escapes bits of 0-9, ORed */
	const char	*thousands;	/* dict_set_count's separator */
	struct memo	 memo[MEMO_SLOTS];
};

dict *
dict_new(void)
{
	dict *d = xcalloc(1, sizeof(*d));
	char c;

	d->esc = buf_escapes();
	d->thousands = ",";
	d->id = atomic_fetch_add(&dict_count, 1);
	for (c = '0'; c <= '9'; c++)
		d->digits |= d->esc[(unsigned char)c];
	dict_reset(d);
	return d;
}

void
dict_free(dict *d)
{
	if (d == NULL)
		return;
	free(d->n);
	free(d->steps);
	buf_free(&d->v);
	free(d);
}

void
dict_reset(dict *d)
{
	if (d->cap == 0) {
		d->cap = 64;
		d->n = xmalloc(d->cap * sizeof(*d->n));
		d->steps = xmalloc(d->cap * sizeof(*d->steps));
	}
	memset(&d->n[0], 0, sizeof(d->n[0]));
	d->n[0].name = -1;
	d->n[0].section = 1;
	d->n[0].first = d->n[0].last = d->n[0].next = DICT_NONE;
	d->nn = 1;
	d->gen++;
	buf_reset(&d->v);
}

void
dict_filter(dict *d, const unsigned char *used)
{
	d->used = used;
}

/* 1 if name at parent is left out (dict_filter). */
static int
left_out(const dict *d, size_t parent, int name)
{
	return d->used != NULL && (parent == DICT_SINK || !d->used[name]);
}

/* Inline: a page adds some 240 nodes, and the call cost a third of each. */
static inline size_t
node_add(dict *d, size_t parent, int name, int section)
{
	struct dict_node *e;
	size_t k;

	if (d->nn == d->cap) {
		d->cap *= 2;
		d->n = xrealloc(d->n, d->cap * sizeof(*d->n));
		d->steps = xrealloc(d->steps, d->cap * sizeof(*d->steps));
	}
	k = d->nn++;
	d->gen++;
	d->steps[k - 1] = (struct step){ (uint32_t)parent, (uint16_t)name,
	    section ? '(' : '=', 0 };
	e = &d->n[k];
	e->name = name;
	e->section = section;
	e->raw = 0;
	e->ref = NULL;
	e->esc = 0;
	e->first = e->last = e->next = DICT_NONE;
	e->voff = d->v.len;
	e->vlen = 0;
	if (d->n[parent].last == DICT_NONE)
		d->n[parent].first = k;
	else
		d->n[d->n[parent].last].next = k;
	d->n[parent].last = k;
	return k;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/*
 * The length of value's first part that folding leaves as it is (words
 * and single inner spaces: most values entirely), ORing the buf_escapes
 * bits of its bytes into *bits.
 */
static size_t
unfolded(const unsigned char *esc, const char *value, size_t len,
    unsigned *bits)
{
	const unsigned char *v = (const unsigned char *)value;
	unsigned b = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		if (v[i] <= ' ' && (v[i] != ' ' || i == 0 || i + 1 == len ||
		    v[i + 1] <= ' '))
			break;
		b |= esc[v[i]];
	}
	*bits |= b;
	return i;
}

/* Records in the trail what kind of value node k, just set, holds. */
static void
step_kind(dict *d, size_t k)
{
	d->steps[k - 1].kind = d->n[k].raw ? 'r' : d->n[k].vlen == 0 ? '0' : '=';
}

void
dict_set(dict *d, size_t node, int name, const char *value,
    size_t len)
{
	size_t k, i, start;
	const unsigned char *esc = d->esc;
	unsigned bits = 0;
	char *o;
	int gap = 0;

	if (left_out(d, node, name))
		return;
	k = node_add(d, node, name, 0);
	/*
	 * Folded white space reads the same in HTML and keeps Markdown inert.
	 * The escapers a value needs are noted on the way: most need none,
	 * and are then copied as they are wherever they land.
	 */
	buf_grow(&d->v, len);
	start = d->v.len;
	o = d->v.data + start;
	i = unfolded(esc, value, len, &bits);
	memcpy(o, value, i);
	o += i;
	for (; i < len; i++) {
		if (is_space(value[i])) {
			gap = 1;
			continue;
		}
		if (gap && o > d->v.data + start) {
			*o++ = ' ';
			bits |= esc[' '];
		}
		gap = 0;
		bits |= esc[(unsigned char)value[i]];
		*o++ = value[i];
	}
	*o = '\0';
	d->v.len = (size_t)(o - d->v.data);
	d->n[k].voff = start;
	d->n[k].vlen = d->v.len - start;
	d->n[k].esc = bits;
	step_kind(d, k);
}

void
dict_sets(dict *d, size_t node, int name, const char *value)
{
	if (!left_out(d, node, name))
		dict_set(d, node, name, value, strlen(value));
}

void
dict_set_stable(dict *d, size_t node, int name, const char *s)
{
	struct memo *m = &d->memo[((uintptr_t)s >> 3) % MEMO_SLOTS];
	unsigned bits = 0;
	size_t k, len;

	if (left_out(d, node, name))
		return;
	if (m->s != s) {
		len = strlen(s);
		if (unfolded(d->esc, s, len, &bits) < len) {
			dict_set(d, node, name, s, len);
			return;
		}
		*m = (struct memo){ s, len, bits };
	}
	k = node_add(d, node, name, 0);
	d->n[k].ref = s;
	d->n[k].vlen = m->len;
	d->n[k].esc = m->esc;
	step_kind(d, k);
}

void
dict_setu(dict *d, size_t node, int name, unsigned long v)
{
	size_t k;

	if (left_out(d, node, name))
		return;
	/*
	 * A page sets a hundred numbers: digits need no folding and no scan.
	 * Never empty, so the kind node_add gave the trail ('=') stands.
	 */
	k = node_add(d, node, name, 0);
	buf_grow(&d->v, 24);
	d->n[k].voff = d->v.len;
	d->n[k].vlen = util_utoa(v, d->v.data + d->v.len);
	d->n[k].esc = d->digits;
	d->v.len += d->n[k].vlen;
}

void
dict_set_thousands(dict *d, const char *sep)
{
	d->thousands = sep;
}

void
dict_set_count(dict *d, size_t node, int name, unsigned long v)
{
	char digits[24], out[24 * 8];	/* 20 digits, 6 separators of 7 bytes */
	size_t n = util_utoa(v, digits), i, o = 0, seplen = strlen(d->thousands);

	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0) {
			memcpy(out + o, d->thousands, seplen);
			o += seplen;
		}
		out[o++] = digits[i];
	}
	dict_set(d, node, name, out, o);
}

void
dict_set_raw(dict *d, size_t node, int name, const char *v,
    size_t len)
{
	size_t k;

	if (left_out(d, node, name))
		return;
	k = node_add(d, node, name, 0);
	d->n[k].raw = 1;
	d->n[k].esc = BUF_ESC_MARKUP | BUF_ESC_URL;
	d->n[k].ref = v;
	d->n[k].vlen = len;
	step_kind(d, k);
}

size_t
dict_add(dict *d, size_t node, int name)
{
	return left_out(d, node, name) ? DICT_SINK : node_add(d, node, name, 1);
}


void
dict_set_opt(dict *d, size_t node, int has, int name, const char *v)
{
	if (v[0] != '\0')
		dict_sets(d, dict_add(d, node, has), name, v);
}

const struct dict_node *
dict_node(const dict *d, size_t k)
{
	return &d->n[k];
}

const struct dict_node *
dict_nodes(const dict *d, size_t *n)
{
	*n = d->nn;
	return d->n;
}

void
dict_trail(const dict *d, struct dict_trail *t)
{
	t->bytes = d->steps;
	t->len = (d->nn - 1) * sizeof(*d->steps);
	t->id = d->id;
	t->gen = d->gen;
}

const char *
dict_value(const dict *d, const struct dict_node *e)
{
	return e->ref != NULL ? e->ref : d->v.data + e->voff;
}
