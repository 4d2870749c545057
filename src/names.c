/* names.c - the template contract as a table, for the template checker and the guide */
#include "dict.h"
#include "names.h"

_Static_assert(N_COUNT <= DICT_MAX_NAMES, "a dictionary's trail holds 16 bits of a name");

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
