/* page_common.c - common-ports.html: the ports nmap finds open most often, TCP and UDP */
#include <stdio.h>

#include "facts.h"
#include "names.h"
#include "page.h"

#define TOP 200			/* ports listed per protocol */

/* One TOP_TCP or TOP_UDP per port, most often open first. */
static void
common_list(struct worker *w, size_t node, unsigned proto, int name)
{
	const struct nmap *m = w->s->src.nmap;
	const struct nmap_entry *e;
	const struct content_note *note;
	size_t i, k;
	char freq[32];

	for (i = 0; i < m->norder[proto] && i < TOP; i++) {
		e = nmap_at(m, m->order[proto][i], proto);
		k = dict_add(w->d, node, name);
		dict_setu(w->d, k, N_T_RANK, i + 1);
		dict_setu(w->d, k, N_T_PORT, e->port);
		dict_sets(w->d, k, N_T_NAME, e->name);
		facts_freq(e->freq, freq, sizeof(freq));
		dict_sets(w->d, k, N_T_FREQ, freq);
		if ((note = w->s->model->port[e->port].note) != NULL)
			dict_sets(w->d, dict_add(w->d, k, N_T_HAS_NOTE),
			    N_T_NOTE_TITLE, note->title);
	}
}

static int
common_make(struct worker *w, size_t i)
{
	const struct model *m = w->s->model;
	size_t k;
	unsigned p;

	(void)i;
	page_start(w, "common-ports.html");
	page_meta(w, "The most common ports", w->s->src.nmap != NULL ?
	    "The TCP and UDP ports found open most often, in the order nmap's "
	    "service list ranks them." : "The ports this site has a curated note "
	    "for, in port order (this build had no nmap service list).");
	page_crumb(w, "index.html", "Home");
	dict_set_count(w->d, DICT_ROOT, N_TOP_COUNT, TOP);
	if (w->s->src.nmap != NULL) {
		k = dict_add(w->d, DICT_ROOT, N_HAS_NMAP);
		common_list(w, k, NMAP_TCP, N_TOP_TCP);
		common_list(w, k, NMAP_UDP, N_TOP_UDP);
		return page_render(w);
	}
	k = dict_add(w->d, DICT_ROOT, N_NO_NMAP);
	for (p = 0; p < PORT_COUNT; p++)
		if (m->port[p].note != NULL) {
			size_t c = dict_add(w->d, k, N_COMMON);

			dict_setu(w->d, c, N_C_PORT, p);
			dict_sets(w->d, c, N_C_TITLE, m->port[p].note->title);
		}
	return page_render(w);
}

const struct page_kind page_common = {
	"common", "common", NULL, 1, 0, 0, NULL, NULL, common_make,
	"common-ports.html"
};
