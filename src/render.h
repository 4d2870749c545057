/* render.h - filling a template with a page's values and rendering its Markdown */
#ifndef RENDER_H
#define RENDER_H

#include <stddef.h>

#include "buf.h"
#include "cache.h"
#include "dict.h"
#include "tmpl.h"

/*
 * Appends template id filled with d (and, for Markdown, rendered to HTML
 * by cmark) to out. With c == NULL it takes the straightforward path:
 * values escaped for Markdown or HTML, expanded by ctemplate, rendered
 * by cmark. With a cache it renders each shape once and fills the values
 * into the HTML; the bytes are the same. Returns 0 on failure (reported).
 */
int render_page(const tmpl_set *ts, int id, const dict *d, cache *c,
    buf *out);

/* Appends template id filled with d, before any Markdown rendering. */
int render_fill(const tmpl_set *ts, int id, const dict *d, buf *out);

/*
 * For the cache: appends template id filled with numbered placeholders
 * (RENDER_TOKEN_FMT, counted in the order render_walk visits values) in
 * place of d's values, rendered like render_page. Returns 0 on failure
 * (reported).
 */
#define RENDER_TOKEN_FMT "Zq%04zuqZ"
int render_tokens(const tmpl_set *ts, int id, const dict *d, buf *out);

/* Appends s with every ASCII punctuation character backslash-escaped. */
void render_md_escape(buf *out, const char *s, size_t n);

#endif
