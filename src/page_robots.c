/* page_robots.c - robots.txt, naming the sitemap when the site has a base_url */
#include <stdio.h>

#include "page.h"

static int
robots_make(struct worker *w, size_t i)
{
	const char *base = w->s->con->conf.base_url;

	(void)i;
	buf_reset(&w->page);
	buf_puts(&w->page, "User-agent: *\nAllow: /\n");
	if (base[0] != '\0')
		buf_printf(&w->page, "Sitemap: %ssitemap.xml\n", base);
	return 1;
}

const struct page_kind page_robots = {
	"robots", NULL, NULL, 0, 0, 0, NULL, NULL, robots_make, "robots.txt"
};
