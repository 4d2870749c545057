/* page_sitemap.c - sitemap.xml and sitemap-N.xml: every page of the kinds marked for it */
#include <stdio.h>
#include <string.h>

#include "page.h"

#define SITEMAP_MAX 50000	/* URLs per sitemap file (the protocol's limit) */

/* The pages the sitemaps list: the enabled kinds marked for them. */
static size_t
sitemap_urls(const struct site *s)
{
	size_t k, n = 0;

	for (k = 0; k < page_nkinds; k++)
		if (page_kinds[k]->sitemap && page_kind_enabled(s, page_kinds[k]))
			n += page_count(s, page_kinds[k]);
	return n;
}

/* The index (file 0) and one file per SITEMAP_MAX URLs; none without base_url. */
static size_t
sitemap_count(const struct site *s)
{
	if (s->con->conf.base_url[0] == '\0')
		return 0;
	return 1 + (sitemap_urls(s) + SITEMAP_MAX - 1) / SITEMAP_MAX;
}

static void
sitemap_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	if (i == 0)
		snprintf(rel, n, "sitemap.xml");
	else
		snprintf(rel, n, "sitemap-%zu.xml", i);
}

static void
sitemap_url(const struct site *s, buf *b, const char *rel)
{
	const char *base = s->con->conf.base_url;

	buf_puts(b, "<url><loc>");
	buf_put_html(b, base, strlen(base));
	if (strcmp(rel, "index.html") != 0)
		buf_puts(b, rel);
	buf_puts(b, "</loc>");
	if (s->build_date[0] != '\0')
		buf_printf(b, "<lastmod>%s</lastmod>", s->build_date);
	buf_puts(b, "</url>\n");
}

/* Sitemap file f (1...): URLs (f-1)*SITEMAP_MAX on, in table order. */
static void
sitemap_file(const struct site *s, size_t f, buf *b)
{
	size_t first = (f - 1) * SITEMAP_MAX, at = 0, k, i, n, lo;
	char rel[512];

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (k = 0; k < page_nkinds && at < first + SITEMAP_MAX; k++) {
		const struct page_kind *pk = page_kinds[k];

		if (!pk->sitemap || !page_kind_enabled(s, pk))
			continue;
		n = page_count(s, pk);
		lo = first > at ? first - at : 0;
		for (i = lo; i < n && at + i < first + SITEMAP_MAX; i++) {
			page_path(s, pk, i, rel, sizeof(rel));
			sitemap_url(s, b, rel);
		}
		at += n;
	}
	buf_puts(b, "</urlset>\n");
}

static int
sitemap_make(struct worker *w, size_t i)
{
	const char *base = w->s->con->conf.base_url;
	size_t f, n = sitemap_count(w->s);
	buf *b = &w->page;

	buf_reset(b);
	if (i > 0) {
		sitemap_file(w->s, i, b);
		return 1;
	}
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (f = 1; f < n; f++) {
		buf_puts(b, "<sitemap><loc>");
		buf_put_html(b, base, strlen(base));
		buf_printf(b, "sitemap-%zu.xml</loc></sitemap>\n", f);
	}
	buf_puts(b, "</sitemapindex>\n");
	return 1;
}

const struct page_kind page_sitemap = {
	"sitemap", NULL, NULL, 0, 0, 0, sitemap_count, sitemap_path,
	sitemap_make, NULL
};
