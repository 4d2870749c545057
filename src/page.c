/* page.c - the table of page kinds, and the values every page shares */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "facts.h"
#include "names.h"
#include "page.h"
#include "render.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

/* In sitemap order: the sitemaps list the kinds marked so, in this order. */
const struct page_kind *const page_kinds[] = {
	/* First: their long files are made while the port pages are. */
	&page_api,
	&page_search_data,
	&page_home,
	&page_range,
	&page_block,
	&page_services,
	&page_free,
	&page_common,
	&page_port,
	&page_search,
	&page_404,
	&page_assets,
	&page_robots,
	&page_sitemap,
	&page_api_port,
};

const size_t page_nkinds = sizeof(page_kinds) / sizeof(page_kinds[0]);

const char page_letter_names[] = "abcdefghijklmnopqrstuvwxyz";

size_t
page_count(const struct site *s, const struct page_kind *k)
{
	return k->file != NULL ? 1 : k->count(s);
}

void
page_path(const struct site *s, const struct page_kind *k, size_t i,
    char *rel, size_t n)
{
	if (k->file != NULL)
		snprintf(rel, n, "%s", k->file);
	else
		k->path(s, i, rel, n);
}

int
page_kind_enabled(const struct site *s, const struct page_kind *k)
{
	return k->ports || (!s->o->partial && !s->o->markdown);
}

int
page_render(struct worker *w)
{
	const struct page_kind *k = page_kinds[w->kind];

	buf_reset(&w->page);
	return render_page(w->s->ts, w->s->layout[w->kind], w->d,
	    k->cached ? w->cache : NULL, &w->page);
}

const char *
page_source_kind(const struct site *s)
{
	return s->reg->format == REGISTRY_CSV ? "IANA's Service Name and "
	    "Transport Protocol Port Number Registry (CSV)" :
	    "a services(5) file";
}

/* The source line at the foot of every page. */
static void
page_source(const struct site *s, dict *d)
{
	const char *newest = s->reg->newest;

	/* The file's name, never the builder's path to it. */
	dict_set_stable(d, DICT_ROOT, N_SOURCE_FILE,
	    sources_file(&s->src, SOURCE_IANA));
	dict_set_stable(d, DICT_ROOT, N_SOURCE_KIND, page_source_kind(s));
	/* Pages say which registry, so a services file is never called IANA's. */
	dict_set_stable(d, DICT_ROOT, N_REGISTRY_NAME,
	    sources_registry_name(&s->src));
	if (newest[0] != '\0')
		dict_sets(d, dict_add(d, DICT_ROOT, N_HAS_SOURCE_DATE),
		    N_SOURCE_DATE, newest);
}

void
page_start(struct worker *w, const char *rel)
{
	const struct conf *c = &w->s->con->conf;
	const char *root = strchr(rel, '/') != NULL ? "../" : "";
	dict *d = w->d;
	size_t k;

	dict_reset(d);
	/* Servers send 404.html for any missing path: relative links would break. */
	if (strcmp(rel, "404.html") == 0 && c->base_url[0] != '\0')
		root = c->base_url;
	dict_set_stable(d, DICT_ROOT, N_SITE_TITLE, c->title);
	dict_set_stable(d, DICT_ROOT, N_SITE_DESCRIPTION, c->description);
	dict_set_stable(d, DICT_ROOT, N_LANG, c->language);
	dict_set_stable(d, DICT_ROOT, N_ROOT, root);
	dict_set_stable(d, DICT_ROOT, N_VERSION, VERSION);
	dict_set_stable(d, DICT_ROOT, N_FEEDBACK_URL, c->feedback_url);
	if (c->base_url[0] != '\0') {
		k = dict_add(d, DICT_ROOT, N_HAS_CANONICAL);
		buf_reset(&w->tmp);
		buf_puts(&w->tmp, c->base_url);
		/* The home page's canonical URL is the site's own. */
		if (strcmp(rel, "index.html") != 0)
			buf_puts(&w->tmp, rel);
		dict_set(d, k, N_CANONICAL_URL, w->tmp.data, w->tmp.len);
	}
	if (c->feedback_url[0] != '\0')
		dict_add(d, DICT_ROOT, N_HAS_FEEDBACK);
	dict_set_opt(d, DICT_ROOT, N_HAS_FOOTER, N_FOOTER, c->footer);
	dict_set_opt(d, DICT_ROOT, N_HAS_BUILD_DATE, N_BUILD_DATE,
	    w->s->build_date);
	page_source(w->s, d);
	facts_data_sources(w->s, d);
}

void
page_meta(struct worker *w, const char *title, const char *desc)
{
	buf_reset(&w->tmp);
	buf_puts(&w->tmp, title);
	buf_puts(&w->tmp, " | ");
	buf_puts(&w->tmp, w->s->con->conf.title);
	dict_set(w->d, DICT_ROOT, N_PAGE_TITLE, w->tmp.data, w->tmp.len);
	dict_sets(w->d, DICT_ROOT, N_PAGE_DESCRIPTION, desc);
}

void
page_crumb(struct worker *w, const char *url, const char *text)
{
	size_t k = dict_add(w->d, DICT_ROOT, N_CRUMB);

	dict_sets(w->d, k, N_CRUMB_URL, url);
	dict_sets(w->d, k, N_CRUMB_TEXT, text);
}

void
page_names(struct worker *w, size_t node, int name,
    const struct model_port *mp)
{
	size_t i;

	buf_reset(&w->tmp);
	for (i = 0; i < mp->nnames; i++) {
		if (i > 0)
			buf_puts(&w->tmp, ", ");
		buf_puts(&w->tmp, mp->names[i].name);
	}
	dict_set(w->d, node, name, w->tmp.data ? w->tmp.data : "", w->tmp.len);
}

void
page_range_values(const struct site *s, dict *d, size_t node,
    const struct port_range_info *r)
{
	size_t n;

	dict_set_stable(d, node, N_RANGE_ID, r->id);
	dict_set_stable(d, node, N_RANGE_NAME, r->name);
	dict_set_stable(d, node, N_RANGE_TITLE, r->title);
	dict_set_stable(d, node, N_RANGE_RFC_NAME, r->rfc_name);
	dict_set_stable(d, node, N_RANGE_RFC_AKA, r->rfc_aka);
	dict_set_stable(d, node, N_RANGE_IANA_NAME, r->iana_name);
	if (s->model != NULL) {
		n = s->model->range_assigned[r - port_range_info(0)];
		dict_set_count(d, node, N_RANGE_ASSIGNED, n);
		dict_add(d, node, n > 0 ? N_RANGE_HAS_ASSIGNED
		    : N_RANGE_NONE_ASSIGNED);
	}
	dict_setu(d, node, N_RANGE_LO, r->lo);
	dict_setu(d, node, N_RANGE_HI, r->hi);
	dict_set_count(d, node, N_RANGE_SIZE, r->hi - r->lo + 1);
}

void
page_blocks(const struct site *s, dict *d, unsigned lo, unsigned hi)
{
	unsigned b;
	size_t k;

	for (b = lo / MODEL_BLOCK * MODEL_BLOCK; b <= hi; b += MODEL_BLOCK) {
		k = dict_add(d, DICT_ROOT, N_BLOCK);
		dict_setu(d, k, N_BLOCK_LO, b);
		dict_setu(d, k, N_BLOCK_HI, b + MODEL_BLOCK - 1);
		dict_setu(d, k, N_BLOCK_ASSIGNED,
		    s->model->assigned[b / MODEL_BLOCK]);
	}
}

void
page_letters(dict *d, int current)
{
	char up[2] = { 0 }, low[2] = { 0 };
	size_t k;
	int i;

	k = dict_add(d, DICT_ROOT, N_LETTER);
	dict_sets(d, k, N_LETTER_NAME, "0-9");
	dict_sets(d, k, N_LETTER_FILE, "0-9");
	if (current == -1)
		dict_add(d, k, N_LETTER_CURRENT);
	for (i = 0; i < 26; i++) {
		k = dict_add(d, DICT_ROOT, N_LETTER);
		up[0] = (char)toupper((unsigned char)page_letter_names[i]);
		low[0] = page_letter_names[i];
		dict_sets(d, k, N_LETTER_NAME, up);
		dict_sets(d, k, N_LETTER_FILE, low);
		if (current == i)
			dict_add(d, k, N_LETTER_CURRENT);
	}
}
