/* tmpl.h - templates: loading and checking, dictionaries, rendering */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* What a template is written in: Markdown is rendered by cmark after filling. */
enum tmpl_kind { TMPL_MD, TMPL_HTML };

/* One name the generator provides to templates. */
struct tmpl_name {
	const char	*name;
	int		 section;	/* 1: {{#NAME}}...{{/NAME}}; 0: {{NAME}} */
	int		 raw;		/* trusted HTML, inserted unescaped; HTML templates only */
	const char	*doc;		/* one line for the template guide */
};

typedef struct tmpl_set tmpl_set;
typedef struct tmpl_dict tmpl_dict;
typedef struct tmpl_cache tmpl_cache;

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

/* A dictionary of values for one page; reset and reuse it per page. */
tmpl_dict *tmpl_dict_new(void);
void tmpl_dict_free(tmpl_dict *d);
void tmpl_dict_reset(tmpl_dict *d);
/* Node 0 is the top level; sections return the node of their repetition. */
#define TMPL_ROOT 0
/*
 * Sets name (an index into the set's names) at node to a copy of value
 * with runs of white space folded to one space and the ends trimmed.
 */
void tmpl_dict_set(tmpl_dict *d, size_t node, int name, const char *value,
    size_t len);
void tmpl_dict_sets(tmpl_dict *d, size_t node, int name, const char *value);
void tmpl_dict_setu(tmpl_dict *d, size_t node, int name, unsigned long v);
/* Sets a raw (trusted HTML) value verbatim. */
void tmpl_dict_set_raw(tmpl_dict *d, size_t node, int name, const char *v,
    size_t len);
/* Adds one repetition of section name; returns its node. */
size_t tmpl_dict_add(tmpl_dict *d, size_t node, int name);

/*
 * Per-thread cache of rendered templates with the dictionary's values
 * left as placeholders, keyed by the dictionary's shape; max_bytes bounds
 * its memory. Free with tmpl_cache_free.
 */
tmpl_cache *tmpl_cache_new(size_t max_bytes);
void tmpl_cache_free(tmpl_cache *c);
/* Hits and misses so far, for the benchmark. */
void tmpl_cache_stats(const tmpl_cache *c, size_t *hits, size_t *misses);

/*
 * Appends template id filled with d (and, for Markdown, rendered to HTML
 * by cmark) to out. With c == NULL it takes the straightforward path:
 * values escaped for Markdown or HTML, expanded by ctemplate, rendered
 * by cmark. With a cache it renders each shape once and fills the values
 * into the HTML; the bytes are the same. Returns 0 on failure (reported).
 */
int tmpl_render(const tmpl_set *ts, int id, const tmpl_dict *d,
    tmpl_cache *c, buf *out);

/* Appends template id filled with d, before any Markdown rendering. */
int tmpl_fill(const tmpl_set *ts, int id, const tmpl_dict *d, buf *out);

/* Appends s with every ASCII punctuation character backslash-escaped. */
void tmpl_md_escape(buf *out, const char *s, size_t n);

#endif
