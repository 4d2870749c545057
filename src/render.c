/* render.c - filling a template with a page's values and rendering its Markdown */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctpl.h"
#include "render.h"
#include "subst.h"
#include "util.h"

/* The values of one expansion, in the order of their tokens. */
struct vals {
	struct subst_value *v;
	size_t		 n, cap;
};

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

/*
 * Fills cd from the part of d that the template uses: each value as a
 * token (prefix + its number in vals) or, without vals, Markdown-escaped
 * (the --markdown output) or as it is when raw.
 */
static int
fill_ctpl(const tmpl_set *ts, const dict *d, size_t node,
    const unsigned char *used, ctpl_dict *cd, struct vals *vals, buf *tmp)
{
	const struct dict_node *e;
	const char *name, *p;
	ctpl_dict *child;
	size_t k;

	for (k = dict_node(d, node)->first; k != DICT_NONE; k = e->next) {
		e = dict_node(d, k);
		if (!used[e->name])
			continue;
		name = tmpl_set_names(ts)[e->name].name;
		if (e->section) {
			if ((child = ctpl_dict_add(cd, name)) == NULL ||
			    !fill_ctpl(ts, d, k, used, child, vals, tmp))
				return 0;
			continue;
		}
		p = dict_value(d, e);
		buf_reset(tmp);
		if (vals != NULL) {
			if (vals->n == vals->cap) {
				vals->cap = vals->cap ? vals->cap * 2 : 64;
				vals->v = xrealloc(vals->v, vals->cap *
				    sizeof(*vals->v));
			}
			vals->v[vals->n] = (struct subst_value){ p, e->vlen, e->raw,
			    e->esc };
			subst_put_token(tmp, tmpl_set_token(ts), 0, vals->n++);
		} else if (e->raw)
			buf_put(tmp, p, e->vlen);
		else
			render_md_escape(tmp, p, e->vlen);
		if (!ctpl_dict_set(cd, name, tmp->data ? tmp->data : "",
		    tmp->len))
			return 0;
	}
	return 1;
}

/*
 * Expands t (compiled as ct: t->ct, or t->marked quietly) with d into
 * text: values as tokens listed in vals, or escaped.
 */
static int
expand(const tmpl_set *ts, const struct tmpl *t, const struct ctpl *ct,
    const dict *d, struct vals *vals, buf *text)
{
	ctpl_dict *cd = ctpl_dict_new();
	buf tmp = { 0 };
	int rc = 1;

	if (cd == NULL || !fill_ctpl(ts, d, DICT_ROOT, t->used, cd, vals, &tmp) ||
	    !ctpl_expand(ct, cd, text)) {
		if (ct == t->ct)
			util_err(t->path, 0, "ctemplate failed to expand the "
			    "template");
		rc = 0;
	}
	ctpl_dict_free(cd);
	buf_free(&tmp);
	return rc;
}

/* Renders template id with d's values (or slot markers) into out. */
static int
render_mode(const tmpl_set *ts, int id, const dict *d, enum subst_mode mode,
    buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);
	struct vals vals = { NULL, 0, 0 };
	buf text = { 0 };
	int rc = 0;

	if (!expand(ts, t, mode == SUBST_PIECES ? t->marked : t->ct, d, &vals,
	    &text))
		goto out;
	if (vals.n > RENDER_MAX_VALUES) {
		if (mode != SUBST_PIECES)
			util_err(t->path, 0, "more than %d values on one page",
			    RENDER_MAX_VALUES);
		goto out;
	}
	rc = (t->kind == TMPL_MD ? subst_markdown : subst_html)(t->path,
	    text.data ? text.data : "", text.len, tmpl_set_token(ts), vals.v,
	    vals.n, mode, out);
out:
	free(vals.v);
	buf_free(&text);
	return rc;
}

int
render_fill(const tmpl_set *ts, int id, const dict *d, buf *out)
{
	const struct tmpl *t = tmpl_get(ts, id);

	return expand(ts, t, t->ct, d, NULL, out);
}

int
render_slots(const tmpl_set *ts, int id, const dict *d, buf *out)
{
	return render_mode(ts, id, d, SUBST_SLOTS, out);
}

int
render_marked(const tmpl_set *ts, int id, const dict *d, buf *out)
{
	return tmpl_get(ts, id)->marked != NULL && render_mode(ts, id, d,
	    SUBST_PIECES, out);
}

int
render_page(const tmpl_set *ts, int id, const dict *d, cache *c, buf *out)
{
	if (c != NULL)
		return cache_render(c, ts, id, d, out);
	return render_mode(ts, id, d, SUBST_VALUES, out);
}
