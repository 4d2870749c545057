/* dict.c - a page's values for templates: a tree of named values and sections */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dict.h"
#include "util.h"

struct dict {
	struct dict_node *n;
	size_t		 nn, cap;
	buf		 v;
};

dict *
dict_new(void)
{
	dict *d = xcalloc(1, sizeof(*d));

	dict_reset(d);
	return d;
}

void
dict_free(dict *d)
{
	if (d == NULL)
		return;
	free(d->n);
	buf_free(&d->v);
	free(d);
}

void
dict_reset(dict *d)
{
	if (d->cap == 0) {
		d->cap = 64;
		d->n = xmalloc(d->cap * sizeof(*d->n));
	}
	memset(&d->n[0], 0, sizeof(d->n[0]));
	d->n[0].name = -1;
	d->n[0].section = 1;
	d->n[0].first = d->n[0].last = d->n[0].next = DICT_NONE;
	d->nn = 1;
	buf_reset(&d->v);
}

static size_t
node_add(dict *d, size_t parent, int name, int section)
{
	struct dict_node *e;
	size_t k;

	if (d->nn == d->cap) {
		d->cap *= 2;
		d->n = xrealloc(d->n, d->cap * sizeof(*d->n));
	}
	k = d->nn++;
	e = &d->n[k];
	e->name = name;
	e->section = section;
	e->raw = 0;
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

void
dict_set(dict *d, size_t node, int name, const char *value,
    size_t len)
{
	size_t k = node_add(d, node, name, 0), i, start;
	char *o;
	int gap = 0;

	/* Folded white space reads the same in HTML and keeps Markdown inert. */
	buf_grow(&d->v, len);
	start = d->v.len;
	o = d->v.data + start;
	/* Most values have nothing to fold: words and single inner spaces. */
	for (i = 0; i < len && ((unsigned char)value[i] > ' ' || (value[i] ==
	    ' ' && i > 0 && i + 1 < len && (unsigned char)value[i + 1] > ' '));
	    i++)
		;
	memcpy(o, value, i);
	o += i;
	for (; i < len; i++) {
		if (is_space(value[i])) {
			gap = 1;
			continue;
		}
		if (gap && o > d->v.data + start)
			*o++ = ' ';
		gap = 0;
		*o++ = value[i];
	}
	*o = '\0';
	d->v.len = (size_t)(o - d->v.data);
	d->n[k].voff = start;
	d->n[k].vlen = d->v.len - start;
}

void
dict_sets(dict *d, size_t node, int name, const char *value)
{
	dict_set(d, node, name, value, strlen(value));
}

void
dict_setu(dict *d, size_t node, int name, unsigned long v)
{
	char s[24];

	dict_set(d, node, name, s, util_utoa(v, s));
}

void
dict_set_raw(dict *d, size_t node, int name, const char *v,
    size_t len)
{
	size_t k = node_add(d, node, name, 0);

	d->n[k].raw = 1;
	d->n[k].voff = d->v.len;
	buf_put(&d->v, v, len);
	d->n[k].vlen = len;
}

size_t
dict_add(dict *d, size_t node, int name)
{
	return node_add(d, node, name, 1);
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

const char *
dict_value(const dict *d, const struct dict_node *e)
{
	return d->v.data + e->voff;
}
