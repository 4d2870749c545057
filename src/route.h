/* route.h - where a dictionary's exact trail leads, per template: a skeleton and the nodes its slots take */
#ifndef ROUTE_H
#define ROUTE_H

#include <stddef.h>
#include <stdint.h>

#include "dict.h"

/*
 * A cache in front of the render cache's: the render cache finds a
 * skeleton by the shape of the part of a dictionary a template uses,
 * which takes a walk of the dictionary for each template. A dictionary's
 * trail (dict_trail) fixes that shape for every template at once, and
 * which node each slot takes its value from, so a page whose trail was
 * seen before needs no walk: one hash of the trail, then one lookup per
 * template. One route per thread; nothing is shared.
 */
typedef struct route route;

/* Where a trail leads in one template. */
struct route_hit {
	const char	*skel;		/* the skeleton (cache.c's form) */
	uint32_t	*node;		/* slot i takes the value of node[i] */
	size_t		 n;
};

/* An empty route holding at most about max_bytes (trails met once included). Free with route_free. */
route *route_new(size_t max_bytes);
void route_free(route *r);

/* Where d's trail leads in template tid, or NULL when not known; valid until the next route_add. */
const struct route_hit *route_find(route *r, const dict *d, int tid);
/*
 * Records that d's trail leads to skel in template tid, its n slots
 * taking the nodes in node (copied). skel must outlive r. Does nothing
 * when r is full.
 */
void route_add(route *r, const dict *d, int tid, const char *skel,
    const uint32_t *node, size_t n);

#endif
