/* render.c - filling a template with a page's values and rendering its Markdown */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "ctpl.h"
#include "render.h"
#include "util.h"

enum fillmode { FILL_TOKENS, FILL_MD, FILL_HTML };

void
render_md_escape(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80 && ((c >= '!' && c <= '/') || (c >= ':' &&
		    c <= '@') || (c >= '[' && c <= '`') || (c >= '{' &&
		    c <= '~'))) {
			buf_put(out, s + start, i - start);
			buf_putc(out, '\\');
			start = i;
		}
	}
	buf_put(out, s + start, n - start);
}

/* Fills cd from the part of d that template t uses. */
static int
fill_ctpl(const tmpl_set *ts, const dict *d, size_t node,
    const unsigned char *used, ctpl_dict *cd, enum fillmode mode,
    size_t *tok, buf *tmp)
{
	const struct dict_node *e;
	const char *name, *p;
	ctpl_dict *child;
	char token[16];
	size_t k;

	for (k = dict_node(d, node)->first; k != DICT_NONE; k = e->next) {
		e = dict_node(d, k);
		if (!used[e->name])
			continue;
		name = tmpl_set_names(ts)[e->name].name;
		if (e->section) {
			if ((child = ctpl_dict_add(cd, name)) == NULL ||
			    !fill_ctpl(ts, d, k, used, child, mode, tok, tmp))
				return 0;
			continue;
		}
		p = dict_value(d, e);
		buf_reset(tmp);
		if (mode == FILL_TOKENS)
			buf_put(tmp, token, (size_t)snprintf(token,
			    sizeof(token), RENDER_TOKEN_FMT, (*tok)++));
		else if (e->raw)
			buf_put(tmp, p, e->vlen);
		else if (mode == FILL_MD)
			render_md_escape(tmp, p, e->vlen);
		else
			buf_put_html(tmp, p, e->vlen);
		if (!ctpl_dict_set(cd, name, tmp->data ? tmp->data : "",
		    tmp->len))
			return 0;
	}
	return 1;
}

/* Expands t with d filled in mode into out, rendering Markdown if md. */
static int
expand(const tmpl_set *ts, const struct tmpl *t, const dict *d,
    enum fillmode mode, int md, buf *out)
{
	ctpl_dict *cd = ctpl_dict_new();
	buf text = { 0 }, tmp = { 0 };
	size_t tok = 0;
	char *html;
	int rc = 0;

	if (cd == NULL || !fill_ctpl(ts, d, DICT_ROOT, t->used, cd, mode, &tok,
	    &tmp) || !ctpl_expand(t->ct, cd, md ? &text : out)) {
		util_err(t->path, 0, "ctemplate failed to expand the template");
		goto out;
	}
	if (md) {
		html = cmark_markdown_to_html(text.data ? text.data : "",
		    text.len, CMARK_OPT_UNSAFE);
		if (html == NULL) {
			util_err(t->path, 0, "cmark failed to render");
			goto out;
		}
		buf_puts(out, html);
		free(html);
	}
	rc = 1;
out:
	ctpl_dict_free(cd);
	buf_free(&text);
	buf_free(&tmp);
	return rc;
}

int
render_fill(const tmpl_set *ts, int id, const dict *d, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);

	return expand(ts, t, d, t->kind == TMPL_MD ? FILL_MD : FILL_HTML, 0,
	    out);
}

int
render_tokens(const tmpl_set *ts, int id, const dict *d, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);

	return expand(ts, t, d, FILL_TOKENS, t->kind == TMPL_MD, out);
}

int
render_page(const tmpl_set *ts, int id, const dict *d, cache *c, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);

	if (c != NULL)
		return cache_render(c, ts, id, d, out);
	return expand(ts, t, d, t->kind == TMPL_MD ? FILL_MD : FILL_HTML,
	    t->kind == TMPL_MD, out);
}
