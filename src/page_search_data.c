/* page_search_data.c - assets/search-index.js: what search.html searches, as a script */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "page.h"

/* 1 if c is written as \\u00XX in a string literal. */
static int
js_escaped(unsigned char c)
{
	/* Escaping < keeps "</script>" from ever closing a tag. */
	return c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>' ||
	    c == '&' || c == '\'';
}

/* Appends s as the inside of a JavaScript string literal. */
static void
js_string(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
	size_t i, start = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		if (!js_escaped(c = (unsigned char)s[i]))
			continue;
		buf_put(b, s + start, i - start);
		esc[4] = hex[c >> 4];
		esc[5] = hex[c & 15];
		buf_put(b, esc, sizeof(esc));
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

static void
js_strings(buf *b, char *const *v, size_t n, const char *sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, sep);
		js_string(b, v[i], strlen(v[i]));
	}
}

/*
 * 1 if at[i] is a range wider than USES_WIDE that starts at p and whose
 * name neither the port's own names (name[0..n)) nor an earlier such
 * range gives already.
 */
static int
wide_starts_at(const struct uses_row *const *at, size_t i, unsigned p,
    const char *const *name, size_t n)
{
	size_t j;

	if (!uses_row_wide(at[i]) || at[i]->lo != p)
		return 0;
	for (j = 0; j < n; j++)
		if (strcmp(name[j], at[i]->name) == 0)
			return 0;
	for (j = 0; j < i; j++)
		if (uses_row_wide(at[j]) && at[j]->lo == p &&
		    strcmp(at[j]->name, at[i]->name) == 0)
			return 0;
	return 1;
}

/*
 * The known uses' names, comma-separated: what search finds them by. A
 * range wider than USES_WIDE is named on its first port only (roblox:
 * 49152), where the search finds it; on every port it covers it would
 * add megabytes to the data.
 */
static void
data_uses(buf *b, const struct uses *u, unsigned p)
{
	const struct uses_row *const *at;
	const char *const *name;
	size_t i, n, k, nrow;

	name = uses_names_at(u, p, &n);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		js_string(b, name[i], strlen(name[i]));
	}
	at = uses_at(u, p, &nrow);
	for (k = 0, i = n; k < nrow; k++) {
		if (!wide_starts_at(at, k, p, name, n))
			continue;
		if (i++ > 0)
			buf_puts(b, ", ");
		js_string(b, at[k]->name, strlen(at[k]->name));
	}
}

/* The port's best rank in nmap's list, TCP or UDP (1: most often open); 0: none. */
static unsigned long
data_rank(const struct nmap *m, unsigned p)
{
	uint32_t t, u;

	if (m == NULL)
		return 0;
	t = m->rank[p][NMAP_TCP];
	u = m->rank[p][NMAP_UDP];
	return t == 0 ? u : u == 0 || t < u ? t : u;
}

/*
 * [port, "names", "description", "note title", "note tags",
 * "note search names", "known uses", nmap rank]
 */
static void
data_port(buf *b, const struct model_port *mp, const struct uses *u,
    const struct nmap *m, unsigned p)
{
	const struct content_note *n = mp->note;
	size_t i;

	buf_putc(b, '[');
	buf_putu(b, p);
	buf_puts(b, ",\"");
	for (i = 0; i < mp->nnames; i++) {
		if (i > 0)
			buf_puts(b, ", ");
		js_string(b, mp->names[i].name, strlen(mp->names[i].name));
	}
	buf_puts(b, "\",\"");
	if (mp->desc != NULL)
		js_string(b, mp->desc, strlen(mp->desc));
	buf_puts(b, "\",\"");
	if (n != NULL)
		js_string(b, n->title, strlen(n->title));
	buf_puts(b, "\",\"");
	if (n != NULL)
		js_strings(b, n->tag, n->ntag, " ");
	buf_puts(b, "\",\"");
	if (n != NULL)
		js_strings(b, n->name, n->nname, ", ");
	buf_puts(b, "\",\"");
	data_uses(b, u, p);
	buf_puts(b, "\",");
	buf_putu(b, data_rank(m, p));
	buf_puts(b, "],\n");
}

static int
data_make(struct worker *w, size_t i)
{
	const struct model *m = w->s->model;
	const struct uses *u = w->s->con->uses;
	unsigned p;

	(void)i;
	buf_reset(&w->page);
	buf_puts(&w->page, "window.PORTPAGES_SEARCH=[\n");
	for (p = 0; p < PORT_COUNT; p++)
		if (m->port[p].nnames > 0 || m->port[p].note != NULL ||
		    (m->port[p].why & MODEL_WHY_KNOWN_USE))
			data_port(&w->page, &m->port[p], u, w->s->src.nmap, p);
	buf_puts(&w->page, "];\n");
	return 1;
}

const struct page_kind page_search_data = {
	"search-data", NULL, "assets", 0, 0, 0, NULL, NULL, data_make,
	"assets/search-index.js"
};
