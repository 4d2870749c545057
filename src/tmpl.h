/* tmpl.h - templates: loading and checking every file once */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>
#include <stdint.h>


/* The layout whose {{BODY}} the sections fill: what their names must be set for. */
#define TMPL_SECTIONS_LAYOUT "port"

/* What a template is written in: Markdown is rendered by cmark after filling. */
enum tmpl_kind { TMPL_MD, TMPL_HTML };

/* One name the generator provides to templates. */
struct tmpl_name {
	const char	*name;
	int		 section;	/* 1: {{#NAME}}...{{/NAME}}; 0: {{NAME}} */
	int		 raw;		/* trusted HTML, inserted unescaped; HTML templates only */
	const char	*where;		/* "page", layouts and sections it is set in, space-separated */
	const char	*doc;		/* one line for the template guide */
};

typedef struct tmpl_set tmpl_set;

/*
 * Loads and checks every template under dir: sections/NAME.md or
 * NAME.K.md (variants), layouts/NAME.html, and partials/NAME.md|.html
 * included with {{>NAME}}. names (kept, not copied) lists the markers
 * the generator provides. Returns NULL after reporting
 * "DIR/FILE:LINE: what is wrong"; free with tmpl_set_free.
 */
tmpl_set *tmpl_set_load(const char *dir, const struct tmpl_name *names,
    size_t nnames);
void tmpl_set_free(tmpl_set *ts);

/* A hash of every template file's name and bytes. */
uint64_t tmpl_set_hash(const tmpl_set *ts);

/* Sections in file-name order; the section's name without its order prefix. */
size_t tmpl_set_nsections(const tmpl_set *ts);
const char *tmpl_section_name(const tmpl_set *ts, size_t i);
unsigned tmpl_section_nvariants(const tmpl_set *ts, size_t i);
/* Template id of variant v of section i. */
int tmpl_section_template(const tmpl_set *ts, size_t i, unsigned v);
/* Template id of layouts/NAME.html, or -1 (error reported) if missing. */
int tmpl_set_layout(const tmpl_set *ts, const char *name);

/* A section at the top level of an HTML template: the cache's pieces (piece.h). */
struct tmpl_occ {
	int		 name;		/* the section's name */
	int		 separator;	/* its body holds a {{#..._separator}} */
	int		*refs;		/* the names its body uses */
	size_t		 nrefs;
};

/* A loaded template, for the renderers. */
struct tmpl {
	char		*path;	/* as reported in messages: DIR/sections/x.md */
	enum tmpl_kind	 kind;
	struct ctpl	*ct;	/* compiled, includes expanded */
	unsigned char	*used;	/* one flag per name: does the template use it? */
	struct ctpl	*marked;	/* ct with its sections' pieces marked, or NULL */
	struct tmpl_occ	*occ;		/* the top-level sections, nocc of them */
	size_t		 nocc;
};

/* Template id (from the functions above); never NULL for a valid id. */
const struct tmpl *tmpl_get(const tmpl_set *ts, int id);

/* One flag per name (index into the names): does any template of the set use it? */
const unsigned char *tmpl_set_used(const tmpl_set *ts);

/*
 * The prefix of the placeholders that stand for values while a template
 * is rendered: letters that occur in no template of the set.
 */
const char *tmpl_set_token(const tmpl_set *ts);

/* The names the set was loaded with, and how many. */
const struct tmpl_name *tmpl_set_names(const tmpl_set *ts);
size_t tmpl_set_nnames(const tmpl_set *ts);

/* The index of the name s (n bytes) in names, or -1. */
int tmpl_name_find(const struct tmpl_name *names, size_t nnames,
    const char *s, size_t n);

#endif
