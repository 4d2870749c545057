/* page_free.c - free-ports.html: the ports a new service can take, as runs */
#include <stdio.h>

#include "names.h"
#include "page.h"

static int
free_make(struct worker *w, size_t i)
{
	const struct model *m = w->s->model;
	size_t k, runs = 0;
	unsigned p, lo;

	(void)i;
	page_start(w, "free-ports.html");
	page_meta(w, "Free ports: good choices for your own service", "Port "
	    "numbers the registry neither assigns nor reserves, with no known "
	    "use on this site's list, not among the ports nmap finds open most "
	    "often, outside current systems' ephemeral ranges and Kubernetes' "
	    "NodePorts; and the rules.");
	page_crumb(w, "index.html", "Home");
	for (p = 0; p < PORT_COUNT; p = lo + 1) {
		for (lo = p; lo < PORT_COUNT && m->port[lo].verdict != MODEL_GOOD;
		    lo++)
			;
		if (lo == PORT_COUNT)
			break;
		k = dict_add(w->d, DICT_ROOT, N_FREE);
		dict_setu(w->d, k, N_F_LO, lo);
		for (p = lo; p + 1 < PORT_COUNT &&
		    m->port[p + 1].verdict == MODEL_GOOD; p++)
			;
		dict_setu(w->d, k, N_F_HI, p);
		if (p > lo)
			dict_add(w->d, k, N_F_IS_RANGE);
		runs++;
		lo = p;
	}
	dict_set_count(w->d, DICT_ROOT, N_FREE_COUNT, m->ngood);
	dict_set_count(w->d, DICT_ROOT, N_FREE_RANGES, runs);
	dict_setu(w->d, DICT_ROOT, N_V_NODEPORT_LO, PORT_NODEPORT_LO);
	dict_setu(w->d, DICT_ROOT, N_V_NODEPORT_HI, PORT_NODEPORT_HI);
	dict_setu(w->d, DICT_ROOT, N_EPHEMERAL_FLOOR, m->eph_floor);
	dict_set_stable(w->d, DICT_ROOT, N_EPHEMERAL_FLOOR_OS,
	    port_os_info(m->eph_floor_os)->name);
	return page_render(w);
}

const struct page_kind page_free = {
	"free", "free", NULL, 1, 0, 0, NULL, NULL, free_make, "free-ports.html"
};
