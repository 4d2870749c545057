/* dict.h - a page's values for templates: a tree of named values and sections */
#ifndef DICT_H
#define DICT_H

#include <stddef.h>

typedef struct dict dict;

/* Node 0 is the top level; sections return the node of their repetition. */
#define DICT_ROOT 0
#define DICT_NONE ((size_t)-1)
/* Names are below this: a trail (and the render cache's keys) hold 16 bits of one. */
#define DICT_MAX_NAMES 65536
/* What dict_add returns for a name the dictionary leaves out (dict_filter). */
#define DICT_SINK ((size_t)-2)

/* One node, as the renderers walk it. */
struct dict_node {
	int		 name;		/* index into the template names */
	int		 section;	/* 1: a repetition of a section */
	int		 raw;		/* trusted HTML, inserted as it is */
	size_t		 first, last, next;	/* children, siblings */
	size_t		 voff, vlen;		/* the value, in the dict's store */
	const char	*ref;		/* or, when not NULL, the caller's bytes */
	unsigned	 esc;		/* the value's buf_escapes bits, ORed */
};

/* An empty dictionary; reset and reuse it for every page. Free with dict_free. */
dict *dict_new(void);
void dict_free(dict *d);
void dict_reset(dict *d);

/*
 * Leaves out, from now on, every name whose flag in used is 0 (used
 * outlives d; NULL keeps every name): setting one does nothing, adding
 * one returns DICT_SINK, and whatever is set or added under DICT_SINK is
 * left out as well. Values no template shows are not worth making.
 */
void dict_filter(dict *d, const unsigned char *used);
/*
 * Sets name (an index into the template names) at node to a copy of
 * value with runs of white space folded to one space and the ends trimmed.
 */
void dict_set(dict *d, size_t node, int name, const char *value, size_t len);
void dict_sets(dict *d, size_t node, int name, const char *value);
/*
 * As dict_sets, for a string that stays as it is while d is in use: a
 * constant, or part of the site's inputs, which outlive every worker and
 * its dictionary (never a buffer that is reused). d refers to s instead
 * of copying it, and remembers what it learned about s (its length, the
 * escapers it needs) for the next page. A string that needs folding is
 * copied, as dict_sets does.
 */
void dict_set_stable(dict *d, size_t node, int name, const char *s);
void dict_setu(dict *d, size_t node, int name, unsigned long v);
/*
 * As dict_setu, for a count in prose: dict_set_thousands' separator
 * between groups of three digits, a comma unless set (48,128).
 */
void dict_set_count(dict *d, size_t node, int name, unsigned long v);

/* The separator dict_set_count puts between thousands: at most 7 bytes, kept by d, not copied. */
void dict_set_thousands(dict *d, const char *sep);
/*
 * Sets a raw (trusted HTML) value: v itself, not a copy (a page's body is
 * most of the page), so v, NUL-terminated at len, must stay unchanged
 * until d is next reset.
 */
void dict_set_raw(dict *d, size_t node, int name, const char *v, size_t len);
/* Adds one repetition of section name; returns its node. */
size_t dict_add(dict *d, size_t node, int name);
/* Sets name at node to v if v is not empty, inside one repetition of has. */
void dict_set_opt(dict *d, size_t node, int has, int name, const char *v);

/* Node k (k < the number of nodes); valid until the next change to d. */
const struct dict_node *dict_node(const dict *d, size_t k);
/* All the nodes, *n of them, indexed as dict_node; valid until the next change to d. */
const struct dict_node *dict_nodes(const dict *d, size_t *n);
/*
 * How d was built: for each node after the root, in order, its parent,
 * its name and its kind (a section, a raw value, an empty value, another
 * value). The trail fixes the tree, the nodes' numbers and everything
 * about their values but the bytes, so two dictionaries with the same
 * trail render the same skeleton from any template. (id, gen) names the
 * trail's state: it changes with every change to d and is never reused
 * by d nor by another dictionary. bytes is valid until the next change.
 */
struct dict_trail {
	const void	*bytes;
	size_t		 len;
	unsigned long	 id, gen;
};
void dict_trail(const dict *d, struct dict_trail *t);
/* The value of a node that is not a section: its vlen bytes, not NUL-terminated. */
const char *dict_value(const dict *d, const struct dict_node *e);

#endif
