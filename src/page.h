/* page.h - the kinds of page a site has, and what every page shares */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cache.h"
#include "content.h"
#include "dict.h"
#include "model.h"
#include "out.h"
#include "registry.h"
#include "site.h"
#include "source.h"
#include "tmpl.h"

struct page_kind;
struct precompress;

/* What every page of one build reads: loaded once, never changed while pages are made. */
struct site {
	const struct site_opts	*o;
	struct registry		*reg;
	struct content		*con;
	struct model		*model;
	struct sources		 src;		/* every list pages compare */
	tmpl_set		*ts;
	struct out		*out;
	char			**assets;	/* file names in templates/assets */
	size_t			 nassets;
	char			 build_date[16];	/* YYYY-MM-DD or "" */
	int			*layout;	/* per kind: template id, or -1 */
};

/* One thread's tools: reset and reused for every page it makes. */
struct worker {
	const struct site	*s;
	size_t			 kind;		/* index into page_kinds */
	dict			*d;
	cache			*cache;		/* NULL: the straightforward path */
	buf			 body, page, tmp, title;
	struct precompress	*zip;		/* --precompress, else NULL */
	const char		*rel;		/* the file pool_flush may write */
	struct out_stream	*stream;	/* ... once it has written some */
	struct facts_use	*uses;		/* the port's known uses (facts_uses_order) */
	size_t			 nuses, uses_cap;
	const struct uses_row	**rows;		/* ... and their rows, in that order */
	size_t			 nrows, rows_cap;
};

/*
 * One kind of page (or other file). A new kind is a new file defining one
 * of these and one row in page_kinds (page.c): the directories, the
 * rendering loop, --range, --port and the sitemaps all read that table.
 */
struct page_kind {
	const char	*name;		/* "port", "block", ... */
	const char	*layout;	/* layouts/NAME.html it fills, or NULL */
	const char	*dir;		/* the subdirectory its files go in, or NULL */
	int		 sitemap;	/* listed in the sitemaps */
	int		 ports;		/* one per port: what --range and --markdown make */
	/*
	 * Its pages share their shapes (templates, sections, repetitions):
	 * rendered through the worker's cache, each shape once.
	 */
	int		 cached;
	/* How many files of this kind the build writes. */
	size_t		(*count)(const struct site *s);
	/* The path of file i below the output directory (at most n bytes). */
	void		(*path)(const struct site *s, size_t i, char *rel, size_t n);
	/*
	 * Makes file i into w->page: fills w->d and renders the layout with
	 * page_render, or writes the bytes itself. Returns 0 on failure
	 * (reported).
	 */
	int		(*make)(struct worker *w, size_t i);
	/* A kind of one file: its path (count and path are then NULL). */
	const char	*file;
};

/* How many files of kind k the build writes. */
size_t page_count(const struct site *s, const struct page_kind *k);

/* The path of file i of kind k below the output directory (at most n bytes). */
void page_path(const struct site *s, const struct page_kind *k, size_t i,
    char *rel, size_t n);

extern const struct page_kind *const page_kinds[];
extern const size_t page_nkinds;

/* 1 if kind k is made by this build (--range and --markdown make port pages only). */
int page_kind_enabled(const struct site *s, const struct page_kind *k);

/* Renders the worker's layout with w->d into w->page. Returns 0 on failure (reported). */
int page_render(struct worker *w);

/* The worker's dictionary reset, with the values every page has; rel is the page's path. */
void page_start(struct worker *w, const char *rel);

/* The page's <title> ("TITLE | SITE") and meta description. */
void page_meta(struct worker *w, const char *title, const char *desc);

/* One breadcrumb link above the page. */
void page_crumb(struct worker *w, const char *url, const char *text);
/* Sets name at node to mp's service names joined by ", " (made in w->tmp). */
void page_names(struct worker *w, size_t node, int name,
    const struct model_port *mp);

/* The values of one IANA range at node. */
void page_range_values(const struct site *s, dict *d, size_t node,
    const struct port_range_info *r);

/* One BLOCK per block of 256 ports from lo's block to hi. */
void page_blocks(const struct site *s, dict *d, unsigned lo, unsigned hi);

/* Links to every letter page; current is the one shown (-1: 0-9, -2: none). */
void page_letters(dict *d, int current);

/* What the registry file is: IANA's CSV or "a services(5) file". */
const char *page_source_kind(const struct site *s);

/* The letters of the A-Z index, "abc...z". */
extern const char page_letter_names[];

/*
 * Lists and hashes templates/assets into s->assets and *hash, for
 * page_assets. Returns 0 (error reported) if they cannot be read.
 */
int page_assets_load(struct site *s, uint64_t *hash);

/* Kinds (page_kinds rows, defined in page_*.c). */
extern const struct page_kind page_home, page_range, page_block,
    page_services, page_free, page_common, page_port, page_search, page_404,
    page_search_data, page_assets, page_robots, page_sitemap, page_api,
    page_api_port;

#endif
