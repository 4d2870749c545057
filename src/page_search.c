/* page_search.c - search.html: offline search over assets/search-index.js */
#include <stdio.h>

#include "names.h"
#include "page.h"

static int
search_make(struct worker *w, size_t i)
{
	(void)i;
	page_start(w, "search.html");
	page_meta(w, "Search", "Search the ports by number, service name or "
	    "description.");
	page_crumb(w, "index.html", "Home");
	page_letters(w->d, -2);
	return page_render(w);
}

const struct page_kind page_search = {
	"search", "search", NULL, 0, 0, 0, NULL, NULL, search_make,
	"search.html"
};
