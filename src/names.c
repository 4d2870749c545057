/* names.c - the template contract as a table, for the template checker and the guide */
#include "names.h"

static const struct tmpl_name names[] = {
#define X(n, s, r, d) { #n, s, r, d },
	NAMES
#undef X
};

const struct tmpl_name *
names_all(size_t *n)
{
	*n = N_COUNT;
	return names;
}
