/* page_home.c - index.html: the ranges, the noted ports, every block */
#include <stdio.h>

#include "names.h"
#include "page.h"

static int
home_make(struct worker *w, size_t i)
{
	const struct site *s = w->s;
	const struct conf *c = &s->con->conf;
	size_t k;
	unsigned p;
	int r;

	(void)i;
	page_start(w, "index.html");
	dict_sets(w->d, DICT_ROOT, N_PAGE_TITLE, c->title);
	dict_sets(w->d, DICT_ROOT, N_PAGE_DESCRIPTION, c->description);
	for (r = 0; r < PORT_RANGE_N; r++)
		page_range_values(w->s, w->d, dict_add(w->d, DICT_ROOT, N_RANGE),
		    port_range_info(r));
	for (p = 0; p < PORT_COUNT; p++)
		if (s->model->port[p].note != NULL) {
			k = dict_add(w->d, DICT_ROOT, N_COMMON);
			dict_setu(w->d, k, N_C_PORT, p);
			dict_sets(w->d, k, N_C_TITLE, s->model->port[p].note->title);
		}
	dict_add(w->d, DICT_ROOT, s->src.nmap != NULL ? N_HAS_NMAP : N_NO_NMAP);
	page_blocks(s, w->d, 0, PORT_MAX);
	page_letters(w->d, -2);
	return page_render(w);
}

const struct page_kind page_home = {
	"home", "index", NULL, 1, 0, 0, NULL, NULL, home_make, "index.html"
};
