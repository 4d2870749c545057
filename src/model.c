/* model.c - what the site says about every port, worked out once per build */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "util.h"

const char *
model_status_text(enum registry_status s)
{
	return s == REGISTRY_ASSIGNED ? "assigned" : s == REGISTRY_RESERVED ?
	    "reserved" : "unassigned";
}

int
model_tcp_udp_assigned(const struct model_port *mp)
{
	return mp->status[0] == REGISTRY_ASSIGNED ||
	    mp->status[1] == REGISTRY_ASSIGNED;
}

/* Appends name at e to the port's list unless it is there already. */
static void
name_add(struct model_name *list, uint16_t *n, const char *name,
    const struct registry_entry *e)
{
	uint16_t i;

	if (*n == MODEL_MAX_NAMES || name[0] == '\0')
		return;
	for (i = 0; i < *n; i++)
		if (strcmp(list[i].name, name) == 0)
			return;
	list[*n].name = name;
	list[(*n)++].e = e;
}

/* The port's names, statuses and description; names go to store. */
static void
port_facts(struct model *m, unsigned port, struct model_name *store)
{
	struct model_port *mp = &m->port[port];
	const struct registry_entry *const *at;
	size_t i, j, n;
	unsigned b;

	at = registry_at(m->reg, port, &n);
	mp->names = store;
	for (i = 0; i < n; i++) {
		name_add(store, &mp->nnames, at[i]->service, at[i]);
		for (j = 0; j < at[i]->nalias; j++)
			name_add(store, &mp->nnames, at[i]->alias[j], at[i]);
		if (mp->desc == NULL && at[i]->status == REGISTRY_ASSIGNED &&
		    at[i]->desc[0] != '\0')
			mp->desc = at[i]->desc;
	}
	for (b = 0; b < REGISTRY_NPROTO; b++) {
		mp->status[b] = (unsigned char)registry_port_status(m->reg,
		    port, 1u << b);
		if (mp->status[b] > mp->best)
			mp->best = mp->status[b];
	}
	mp->note = m->con->notes[port];
	if (model_tcp_udp_assigned(mp)) {
		m->assigned[port / MODEL_BLOCK]++;
		m->range_assigned[port_range_of(port)]++;
	}
}

/* The reasons port is not a good choice for a new service (issue 14's rules). */
static unsigned
port_why(const struct model *m, const struct model_port *mp, unsigned port)
{
	unsigned why = 0, os;
	size_t n;

	if (port == 0)
		why |= MODEL_WHY_ZERO;
	if (port_range_of(port) == PORT_SYSTEM)
		why |= MODEL_WHY_SYSTEM;
	if (mp->best == REGISTRY_ASSIGNED)
		why |= MODEL_WHY_ASSIGNED;
	else if (mp->best == REGISTRY_RESERVED)
		why |= MODEL_WHY_RESERVED;
	/* A platform range (ephemeral, NodePort) is a caution, not a use. */
	uses_names_at(m->con->uses, port, &n);
	if (n > 0)
		why |= MODEL_WHY_KNOWN_USE;
	if (m->nmap != NULL && nmap_often_open(m->nmap, port))
		why |= MODEL_WHY_NMAP;
	for (os = 0; os < PORT_OS_N; os++)
		if (port_os_info(os)->current && port_os_ephemeral(os, port))
			why |= MODEL_WHY_EPHEMERAL;
	if (port >= PORT_NODEPORT_LO && port <= PORT_NODEPORT_HI)
		why |= MODEL_WHY_NODEPORT;
	return why;
}

#define MODEL_AVOID_WHY (MODEL_WHY_ZERO | MODEL_WHY_SYSTEM | \
	MODEL_WHY_ASSIGNED | MODEL_WHY_RESERVED | MODEL_WHY_KNOWN_USE | \
	MODEL_WHY_NMAP)

/* Verdicts, and the nearest good port on each side of every port. */
static void
verdicts(struct model *m)
{
	int32_t last = -1;
	unsigned p;

	for (p = 0; p < PORT_COUNT; p++) {
		struct model_port *mp = &m->port[p];

		mp->why = (uint16_t)port_why(m, mp, p);
		mp->verdict = mp->why & MODEL_AVOID_WHY ? MODEL_AVOID :
		    mp->why ? MODEL_CAUTION : MODEL_GOOD;
		m->prev_good[p] = last;
		if (mp->verdict == MODEL_GOOD) {
			last = (int32_t)p;
			m->ngood++;
		}
	}
	for (p = PORT_COUNT, last = -1; p-- > 0;) {
		m->next_good[p] = last;
		if (m->port[p].verdict == MODEL_GOOD)
			last = (int32_t)p;
	}
}

size_t
model_suggest(const struct model *m, unsigned port,
    unsigned out[MODEL_SUGGEST])
{
	int32_t lo = m->prev_good[port], hi = m->next_good[port];
	size_t n = 0;

	while (n < MODEL_SUGGEST && (lo >= 0 || hi >= 0))
		if (hi < 0 || (lo >= 0 && port - (unsigned)lo <=
		    (unsigned)hi - port)) {
			out[n++] = (unsigned)lo;
			lo = m->prev_good[lo];
		} else {
			out[n++] = (unsigned)hi;
			hi = m->next_good[hi];
		}
	return n;
}

const char *
model_verdict_id(enum model_verdict v)
{
	return v == MODEL_GOOD ? "good" : v == MODEL_CAUTION ? "caution" :
	    "avoid";
}

static int
service_cmp(const void *a, const void *b)
{
	const struct model_service *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	if (c == 0)
		c = strcmp(x->name, y->name);
	if (c == 0)
		c = (x->e->lo > y->e->lo) - (x->e->lo < y->e->lo);
	if (c == 0)
		c = (x->e->hi > y->e->hi) - (x->e->hi < y->e->hi);
	if (c == 0)
		c = (x->e > y->e) - (x->e < y->e);
	return c;
}

/* Every name and alias of an assigned entry, with a port or without, sorted. */
static void
services_index(struct model *m)
{
	const struct registry_entry *e;
	size_t i, j, total = 0, n;

	e = m->reg->e;
	for (i = 0; i < m->reg->n; i++)
		if (e[i].status == REGISTRY_ASSIGNED)
			total += (e[i].service[0] != '\0') + e[i].nalias;
	m->svc = xmalloc((total + 1) * sizeof(*m->svc));
	for (i = 0, n = 0; i < m->reg->n; i++) {
		if (e[i].status != REGISTRY_ASSIGNED)
			continue;
		if (e[i].service[0] != '\0')
			m->svc[n++] = (struct model_service){ e[i].service, &e[i] };
		for (j = 0; j < e[i].nalias; j++)
			m->svc[n++] = (struct model_service){ e[i].alias[j], &e[i] };
	}
	m->nsvc = n;
	qsort(m->svc, n, sizeof(*m->svc), service_cmp);
}

struct model *
model_new(const struct registry *reg, const struct content *con,
    const struct nmap *nmap)
{
	struct model *m = xcalloc(1, sizeof(*m));
	struct model_name *store;
	size_t total = 0, n;
	unsigned p;

	m->reg = reg;
	m->con = con;
	m->nmap = nmap;
	/* Room for every entry's names at every port it covers, capped. */
	for (p = 0; p < PORT_COUNT; p++) {
		const struct registry_entry *const *at = registry_at(reg, p, &n);
		size_t k, names = 0;

		for (k = 0; k < n; k++)
			names += 1 + at[k]->nalias;
		total += names < MODEL_MAX_NAMES ? names : MODEL_MAX_NAMES;
	}
	store = m->name = xmalloc((total + 1) * sizeof(*m->name));
	for (p = 0; p < PORT_COUNT; p++) {
		port_facts(m, p, store);
		store += m->port[p].nnames;
	}
	services_index(m);
	verdicts(m);
	m->eph_floor = port_ephemeral_floor(&m->eph_floor_os);
	return m;
}

void
model_free(struct model *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->svc);
	free(m);
}

/* Index of the first service named name, or m->nsvc. */
static size_t
service_find(const struct model *m, const char *name)
{
	size_t lo = 0, hi = m->nsvc, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcasecmp(m->svc[mid].name, name);
		if (c == 0)
			c = strcmp(m->svc[mid].name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
model_others(const struct model *m, unsigned port,
    struct model_other out[MODEL_MAX_OTHER])
{
	const struct model_port *mp = &m->port[port];
	const struct registry_entry *e;
	size_t i, j, k, n = 0;

	for (i = 0; i < mp->nnames && n < MODEL_MAX_OTHER; i++)
		for (j = service_find(m, mp->names[i].name); j < m->nsvc &&
		    n < MODEL_MAX_OTHER && strcmp(m->svc[j].name,
		    mp->names[i].name) == 0; j++) {
			e = m->svc[j].e;
			if (!e->has_port || (port >= e->lo && port <= e->hi))
				continue;
			for (k = 0; k < n && out[k].port != e->lo; k++)
				;
			if (k == n)
				out[n++] = (struct model_other){ e->lo,
				    mp->names[i].name };
		}
	return n;
}
