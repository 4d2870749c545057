/* names.c - the template contract as a table, for the template checker and the guide */
#include <string.h>

#include "dict.h"
#include "names.h"
#include "scope.h"
#include "util.h"

_Static_assert(N_COUNT <= DICT_MAX_NAMES, "a dictionary's trail holds 16 bits of a name");

static const struct tmpl_name names[] = {
#define X(n, s, r, w, d) { #n, s, r, w, d },
	NAMES
#undef X
};

const struct tmpl_name *
names_all(size_t *n)
{
	*n = N_COUNT;
	return names;
}

int
names_print(FILE *f)
{
	size_t i;

	fprintf(f, "%-20s %-8s %-24s %s\n", "NAME", "KIND", "SET IN", "WHAT");
	for (i = 0; i < N_COUNT; i++)
		fprintf(f, "%-20s %-8s %-24s %s\n", names[i].name,
		    names[i].section ? "section" : names[i].raw ? "html" :
		    "value", names[i].where, names[i].doc);
	return fflush(f) == 0 && !ferror(f);
}

/*
 * Checks the children of node k, whose name is parent; at the top level
 * (parent "page") a name may also be set for layout's pages alone.
 */
static int
children_ok(const struct dict_node *nodes, size_t k, const char *parent,
    const char *layout, const char *page)
{
	const struct dict_node *e;
	const char *where;
	size_t c;

	for (c = nodes[k].first; c != DICT_NONE; c = e->next) {
		e = &nodes[c];
		where = names[e->name].where;
		if (!scope_lists(where, parent) && (k != DICT_ROOT ||
		    !scope_lists(where, layout))) {
			util_err(page, 0, "internal error: %s is set %s%s, "
			    "which its \"%s\" in src/names.h does not list",
			    names[e->name].name, k == DICT_ROOT ? "at the top "
			    "level of a page of " : "inside ", k == DICT_ROOT ?
			    layout : parent, where);
			return 0;
		}
		if (e->section && !children_ok(nodes, c, names[e->name].name,
		    layout, page))
			return 0;
	}
	return 1;
}

int
names_dict_ok(const struct dict *d, const char *page, const char *layout)
{
	size_t n;

	return children_ok(dict_nodes(d, &n), DICT_ROOT, "page", layout, page);
}
