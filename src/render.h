/* render.h - filling a template with a page's values and rendering its Markdown */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>

#include "buf.h"
#include "cache.h"
#include "dict.h"
#include "tmpl.h"

/* Tokens have four digits: a page of more values is an error. */
#define RENDER_MAX_VALUES 9999

/*
 * Appends template id filled with d (and, for Markdown, rendered to HTML
 * by cmark) to out. A value is literal text wherever the template puts
 * it (subst.h). With c == NULL it takes the straightforward path: the
 * template is expanded with a token for each value, parsed, and each
 * token replaced by its value in cmark's tree (Markdown) or escaped for
 * its HTML context (layouts). With a cache it renders each shape once
 * with slot markers and fills the values into the HTML; the bytes are
 * the same. Returns 0 on failure (reported).
 */
int render_page(const tmpl_set *ts, int id, const dict *d, cache *c,
    buf *out);

/*
 * Appends template id filled with d, values Markdown-escaped, before any
 * Markdown rendering (the --markdown output). Returns 0 on failure.
 */
int render_fill(const tmpl_set *ts, int id, const dict *d, buf *out);

/*
 * For the cache: appends template id rendered like render_page but with
 * a slot marker (subst.h) for each non-empty value, numbered in the
 * order d's used values are walked. Returns 0 on failure (reported).
 */
int render_slots(const tmpl_set *ts, int id, const dict *d, buf *out);

/*
 * As render_slots, from the layout with its sections' pieces marked
 * (piece.h) and the marks kept. Returns 0, reporting nothing, when the
 * layout has no marks or a mark or value stands where pieces cannot be
 * cut; the page is then rendered whole.
 */
int render_marked(const tmpl_set *ts, int id, const dict *d, buf *out);

/* Appends s with every ASCII punctuation character backslash-escaped. */
void render_md_escape(buf *out, const char *s, size_t n);

#endif
