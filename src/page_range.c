/* page_range.c - range/ID.html: one page per IANA range, listing its blocks */
#include <stdio.h>

#include "names.h"
#include "page.h"

static size_t
range_count(const struct site *s)
{
	(void)s;
	return PORT_RANGE_N;
}

static void
range_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	snprintf(rel, n, "range/%s.html", port_range_info(i)->id);
}

static int
range_make(struct worker *w, size_t i)
{
	const struct port_range_info *ri = port_range_info(i);
	char rel[64], title[128];

	range_path(w->s, i, rel, sizeof(rel));
	page_start(w, rel);
	snprintf(title, sizeof(title), "%s (%u\xe2\x80\x93%u)", ri->title,
	    ri->lo, ri->hi);
	page_meta(w, title, "The ports of one IANA range, in blocks of 256, "
	    "and what the range is for.");
	page_crumb(w, "index.html", "Home");
	page_range_values(w->s, w->d, DICT_ROOT, ri);
	dict_add(w->d, DICT_ROOT, i == PORT_SYSTEM ? N_IS_SYSTEM :
	    i == PORT_USER ? N_IS_USER : N_IS_DYNAMIC);
	page_blocks(w->s, w->d, ri->lo, ri->hi);
	return page_render(w);
}

const struct page_kind page_range = {
	"range", "range", "range", 1, 0, 0, range_count, range_path, range_make,
	NULL
};
