/* arena.c - many small allocations in large blocks, freed together */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "util.h"

struct arena {
	struct arena	*next;
	size_t		 len, cap;
	char		 data[];
};

void *
arena_alloc(struct arena **a, size_t n)
{
	struct arena *b = *a;
	void *p;

	n = (n + sizeof(void *) - 1) / sizeof(void *) * sizeof(void *);
	if (b == NULL || b->len + n > b->cap) {
		size_t cap = n > 65536 ? n : 65536;

		b = xmalloc(sizeof(*b) + cap);
		b->next = *a;
		b->len = 0;
		b->cap = cap;
		*a = b;
	}
	p = b->data + b->len;
	b->len += n;
	return p;
}

char *
arena_dup(struct arena **a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_clean(struct arena **a, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char *c, *p;
	size_t i;

	/* Printable ASCII, as nearly every name is, is clean as it stands. */
	for (i = 0; i < n && u[i] >= 0x20 && u[i] < 0x7f; i++)
		;
	if (i == n)
		return arena_dup(a, s, n);
	c = util_utf8_clean(s, n, NULL);
	p = arena_dup(a, c, strlen(c));
	free(c);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena *next;

	for (; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
}
