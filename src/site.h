/* site.h - building the site: every port page, the indexes, search data, assets */
#ifndef SITE_H
#define SITE_H

#include <signal.h>
#include <stdio.h>

struct site_opts {
	const char	*templates;	/* directory */
	const char	*content;	/* directory */
	const char	*output;	/* directory */
	const char	*registry;	/* file, or NULL for the default search */
	unsigned	 lo, hi;	/* ports to render */
	int		 partial;	/* lo..hi is not the whole range */
	int		 jobs;		/* threads */
	int		 markdown;	/* write filled Markdown, not HTML */
	int		 nocache;	/* the straightforward render path */
	int		 precompress;	/* FILE.gz (and .br) beside text files */
	int		 quiet;
	int		 nowait;	/* refuse, not wait, when another build holds the output */
};

/* Set from a signal handler: builds stop between pages and fail. */
extern volatile sig_atomic_t site_interrupted;

/*
 * Builds the site into o->output, writing only what changed, and prints
 * the summary line unless quiet. Returns 0 on failure (reported), else 1.
 */
int site_build(const struct site_opts *o);

struct site;

/*
 * Loads everything pages are made from (templates, content, registry and
 * the per-port model), for making pages one by one with a worker
 * (pool.h) without an output directory. Returns NULL on failure
 * (reported); free with site_close (NULL is fine).
 */
struct site *site_open(const struct site_opts *o);
void site_close(struct site *s);

/* Writes one port's page (or, with o->markdown, its filled Markdown) to f. */
int site_preview(const struct site_opts *o, unsigned port, FILE *f);

/* The registry file used when none is given: NULL if none exists. */
const char *site_default_registry(const char *content);

#endif
