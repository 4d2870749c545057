/* page_404.c - 404.html: what a server sends for a path the site does not have */
#include <stdio.h>

#include "page.h"

static int
notfound_make(struct worker *w, size_t i)
{
	(void)i;
	page_start(w, "404.html");
	page_meta(w, "Page not found", "This page does not exist.");
	return page_render(w);
}

const struct page_kind page_404 = {
	"404", "404", NULL, 0, 0, 0, NULL, NULL, notfound_make, "404.html"
};
