/* fuzz_registry.h - the part of the registry harnesses they share */
#ifndef FUZZ_REGISTRY_H
#define FUZZ_REGISTRY_H

#include "registry.h"

/*
 * Checks that the index lists, for every port, only entries that cover it.
 * Not instrumented for coverage: its 65,536 rounds would slow the fuzzer
 * down and tell it nothing.
 */
__attribute__((no_sanitize("coverage"), noinline)) static void
fuzz_check_index(const struct registry *r)
{
	const struct registry_entry *const *at;
	size_t j, n, total = 0;
	unsigned port;

	/* The bounds registry.c sets: 64 entries at a port, 2^20 in all. */
	if (r->n > (128u << 10))
		abort();
	for (port = 0; port <= 65535; port++) {
		at = registry_at(r, port, &n);
		total += n;
		if (n > 64 || total > (1u << 20))
			abort();
		for (j = 0; j < n; j++)
			if (at[j] < r->e || at[j] >= r->e + r->n ||
			    !at[j]->has_port || at[j]->lo > port || at[j]->hi < port)
				abort();
	}
}

/*
 * Loads the registry at path and uses it the way the pages do: the status
 * of every port, protocol names, and the links of bracketed references.
 */
static void
fuzz_registry(const char *path)
{
	struct registry *r;
	const struct registry_entry *e;
	const char *p, *open, *close;
	char url[4200], protos[24];
	unsigned port, b;
	size_t i, j;
	volatile unsigned sink = 0;

	if ((r = registry_load(path)) == NULL)
		return;
	for (port = 0; port <= 65535; port += 257)
		for (b = 0; b < REGISTRY_NPROTO; b++)
			sink += registry_port_status(r, port, 1u << b);
	for (i = 0; i < r->n; i++) {
		e = &r->e[i];
		registry_protos_str(e->protos, protos);
		/* Every string is clean: no NUL, bad UTF-8, control or bidi. */
		fuzz_clean(e->service);
		for (j = 0; j < e->nalias; j++) {
			fuzz_clean(e->alias[j]);
			sink += (unsigned)strlen(e->alias[j]);
		}
		fuzz_clean(e->desc);
		fuzz_clean(e->reference);
		fuzz_clean(e->notes);
		sink += (unsigned)strlen(protos) + (unsigned)strlen(e->service) +
		    (unsigned)strlen(e->desc) +
		    (unsigned)strlen(e->notes);
		/* "[RFC959][http://...]": as port_refs() in page_port.c splits them. */
		for (p = e->reference; (open = strchr(p, '[')) != NULL &&
		    (close = strchr(open, ']')) != NULL; p = close + 1)
			if ((size_t)(close - open - 1) < 4096)
				sink += (unsigned)registry_ref_url(open + 1,
				    (size_t)(close - open - 1), url, sizeof(url));
	}
	fuzz_check_index(r);
	(void)sink;
	registry_free(r);
}

#endif
