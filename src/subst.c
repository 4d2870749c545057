/* subst.c - putting values into templates: into cmark's tree or HTML, escaped for where they stand */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark.h>

#include "htmlctx.h"
#include "subst.h"
#include "util.h"

/* What a substitution needs: the values, the mode, where errors are reported. */
struct subst {
	const char	*path;
	const char	*prefix;
	size_t		 plen;
	const struct subst_value *vals;
	size_t		 nvals;
	enum subst_mode	 mode;
	buf		*out;		/* the text being built */
	const char	*src;		/* the text being scanned */
	size_t		 done;		/* src copied up to here */
	int		 fail;
};

size_t
subst_token(const char *s, size_t n, const char *prefix, size_t *index)
{
	size_t p = strlen(prefix), i;

	if (n < p + 4 || memcmp(s, prefix, p) != 0)
		return 0;
	for (i = p; i < p + 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	*index = (size_t)(s[p] - '0') * 1000 + (size_t)(s[p + 1] - '0') * 100 +
	    (size_t)(s[p + 2] - '0') * 10 + (size_t)(s[p + 3] - '0');
	return p + 4;
}

void
subst_put_token(buf *out, const char *prefix, char k, size_t i)
{
	char d[5];

	buf_puts(out, prefix);
	d[0] = k;
	d[1] = (char)('0' + i / 1000 % 10);
	d[2] = (char)('0' + i / 100 % 10);
	d[3] = (char)('0' + i / 10 % 10);
	d[4] = (char)('0' + i % 10);
	buf_put(out, k ? d : d + 1, k ? 5 : 4);
}

/*
 * 1 if a URL that starts with v would run code or reach local files:
 * the schemes cmark's safe mode drops. Such a value is left out.
 */
static int
dangerous_url(const struct subst_value *v)
{
	static const struct { const char *s; size_t n; } schemes[] = {
		{ "javascript:", 11 }, { "vbscript:", 9 }, { "file:", 5 },
		{ "data:", 5 }, { NULL, 0 }
	};
	size_t i;

	/* Most values here are "../" or a path: the first letter settles them. */
	if (v->n < 5 || strchr("jJvVfFdD", v->p[0]) == NULL)
		return 0;
	for (i = 0; schemes[i].s != NULL; i++)
		if (v->n >= schemes[i].n &&
		    strncasecmp(v->p, schemes[i].s, schemes[i].n) == 0)
			return 1;
	return 0;
}

/*
 * 1 if v has a ':' before any '/', '?' or '#': after text that fixes no
 * scheme yet (as "java" or another value would), it could complete one,
 * so such a value is left out.
 */
static int
scheme_like(const struct subst_value *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		if (v->p[i] == ':')
			return 1;
		if (v->p[i] == '/' || v->p[i] == '?' || v->p[i] == '#')
			return 0;
	}
	return 0;
}

void
subst_put(buf *out, char k, const struct subst_value *v)
{
	switch (k) {
	case SUBST_SLOT_RAW:
		buf_put(out, v->p, v->n);
		break;
	case SUBST_SLOT_ATTR:
		if (v->esc & BUF_ESC_MARKUP)
			buf_put_attr(out, v->p, v->n);
		else
			buf_put(out, v->p, v->n);
		break;
	case SUBST_SLOT_URL_START:
		if (dangerous_url(v))
			break;
		/* FALLTHROUGH */
	case SUBST_SLOT_URL_AFTER:
		if (k == SUBST_SLOT_URL_AFTER && scheme_like(v))
			break;
		/* FALLTHROUGH */
	case SUBST_SLOT_URL:
		if (v->esc & BUF_ESC_URL)
			buf_put_href(out, v->p, v->n);
		else
			buf_put(out, v->p, v->n);
		break;
	default:
		if (v->esc & BUF_ESC_MARKUP)
			buf_put_html(out, v->p, v->n);
		else
			buf_put(out, v->p, v->n);
	}
}

/*
 * Puts value i for slot kind k into x->out: in SUBST_SLOTS mode a marker
 * (none for an empty value), else the value, escaped unless escape is 0
 * (cmark escapes what it renders itself).
 */
static void
put_value(struct subst *x, size_t i, char k, int escape)
{
	const struct subst_value *v = &x->vals[i];

	if (v->n == 0)
		return;
	if (x->mode == SUBST_SLOTS) {
		subst_put_token(x->out, x->prefix, k, i);
		return;
	}
	if (escape)
		subst_put(x->out, k, v);
	else if (!(k == SUBST_SLOT_URL_START && dangerous_url(v)) &&
	    !(k == SUBST_SLOT_URL_AFTER && scheme_like(v)))
		buf_put(x->out, v->p, v->n);
}

/* The token at s, or 0; an index past the values is no token. */
static size_t
token_at(const struct subst *x, const char *s, size_t n, size_t *i)
{
	size_t len;

	/* Every byte of a page is looked at: the first letter decides most. */
	if (n < x->plen + 4 || s[0] != x->prefix[0])
		return 0;
	len = subst_token(s, n, x->prefix, i);
	return len > 0 && *i < x->nvals ? len : 0;
}

/* A piece mark at s (prefix, 'B' or 'E', four digits): its length, or 0. */
static size_t
mark_at(const struct subst *x, const char *s, size_t n)
{
	size_t i;

	if (x->mode != SUBST_PIECES || n < x->plen + 5 || memcmp(s, x->prefix,
	    x->plen) != 0 || (s[x->plen] != 'B' && s[x->plen] != 'E'))
		return 0;
	for (i = x->plen + 1; i < x->plen + 5; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return x->plen + 5;
}

static size_t
html_match(const char *s, size_t n, void *arg)
{
	size_t i, len;

	return (len = token_at(arg, s, n, &i)) > 0 ? len : mark_at(arg, s, n);
}

/*
 * A piece mark stays as it is, and only where nothing around it can
 * change how the text after it is read: in element content, not right
 * after '<', not in <title> or <textarea>.
 */
static int
html_mark(struct subst *x, size_t pos, size_t len, enum htmlctx ctx)
{
	if (ctx != HTMLCTX_TEXT) {
		x->fail = 1;
		return 0;
	}
	buf_put(x->out, x->src + x->done, pos + len - x->done);
	x->done = pos + len;
	return 1;
}

/* One token in HTML: the value escaped for its context, or an error. */
static int
html_token(void *arg, size_t pos, size_t len, enum htmlctx ctx,
    const char *why)
{
	static const char kinds[] = { SUBST_SLOT_TEXT, SUBST_SLOT_ATTR,
	    SUBST_SLOT_URL, SUBST_SLOT_URL_START, SUBST_SLOT_TEXT,
	    SUBST_SLOT_URL_AFTER };
	struct subst *x = arg;
	size_t i;
	char k;

	if (token_at(x, x->src + pos, len, &i) == 0)
		return html_mark(x, pos, len, ctx);
	buf_put(x->out, x->src + x->done, pos - x->done);
	x->done = pos + len;
	if (ctx == HTMLCTX_RCDATA)
		ctx = HTMLCTX_TEXT;
	if (ctx == HTMLCTX_BAD || (x->vals[i].raw && ctx != HTMLCTX_TEXT)) {
		if (x->mode != SUBST_PIECES)
			util_err(x->path, 0, "a value stands %s, where no "
			    "escaping keeps it text", why != NULL ? why :
			    "in an attribute");
		x->fail = 1;
		return 0;
	}
	k = x->vals[i].raw ? SUBST_SLOT_RAW : kinds[ctx];
	/*
	 * In HTML an empty value changes nothing around it, so a skeleton
	 * keeps its slot whatever the value, and serves pages where it is
	 * empty and where it is not (the cache leaves emptiness out of the
	 * shape of an HTML template).
	 */
	if (x->mode != SUBST_VALUES)
		subst_put_token(x->out, x->prefix, k, i);
	else
		put_value(x, i, k, 1);
	return 1;
}

/* Appends s (HTML, n bytes) to x->out with its tokens replaced. */
static int
html_text(struct subst *x, const char *s, size_t n)
{
	x->src = s;
	x->done = 0;
	if (!htmlctx_scan(s, n, x->prefix[0], html_match, html_token, x))
		return 0;
	buf_put(x->out, s + x->done, n - x->done);
	return 1;
}

int
subst_html(const char *path, const char *text, size_t len,
    const char *prefix, const struct subst_value *vals, size_t nvals,
    enum subst_mode mode, buf *out)
{
	struct subst x = { path, prefix, strlen(prefix), vals, nvals, mode, out,
	    NULL, 0, 0 };

	return html_text(&x, text, len);
}

/*
 * Appends s (NUL-terminated) to x->out with its tokens replaced as kind
 * k; in a URL (k == SUBST_SLOT_URL) a token at the start is the URL's
 * start. The values go in unescaped: cmark escapes what it renders.
 */
static void
literal_text(struct subst *x, const char *s, char k)
{
	size_t n = strlen(s), i, at = 0, len, v;

	for (i = 0; i < n; i++) {
		if ((len = token_at(x, s + i, n - i, &v)) == 0)
			continue;
		buf_put(x->out, s + at, i - at);
		put_value(x, v, k != SUBST_SLOT_URL ? k : i == 0 ?
		    SUBST_SLOT_URL_START : strcspn(s, ":/?#") < i ?
		    SUBST_SLOT_URL : SUBST_SLOT_URL_AFTER, 0);
		i += len - 1;
		at = i + 1;
	}
	buf_put(x->out, s + at, n - at);
}

/* 1 if s holds a token. */
static int
has_token(const struct subst *x, const char *s)
{
	size_t i, n = s != NULL ? strlen(s) : 0, v;

	for (i = 0; i < n; i++)
		if (token_at(x, s + i, n - i, &v) > 0)
			return 1;
	return 0;
}

/* Replaces the tokens of one node's strings in place. */
/*
 * 1 if node is inside an image's description: cmark writes that as the
 * alt attribute's text, escaping raw HTML there again, so a value escaped
 * for where it stood in the HTML would be escaped twice.
 */
static int
in_image(cmark_node *node)
{
	while ((node = cmark_node_parent(node)) != NULL)
		if (cmark_node_get_type(node) == CMARK_NODE_IMAGE)
			return 1;
	return 0;
}

/*
 * Marks node, which holds values, and the inline containers around it
 * (emphasis, a link), so that emptied() drops only what values left
 * empty, never what the template wrote empty itself.
 */
static void
mark_held(cmark_node *node)
{
	cmark_node_type type;

	do {
		cmark_node_set_user_data(node, node);
		node = cmark_node_parent(node);
		type = node != NULL ? cmark_node_get_type(node) : CMARK_NODE_NONE;
	} while (type == CMARK_NODE_EMPH || type == CMARK_NODE_STRONG ||
	    type == CMARK_NODE_LINK);
}

static int
subst_node(struct subst *x, cmark_node *node, buf *tmp)
{
	cmark_node_type type = cmark_node_get_type(node);
	const char *s;

	x->out = tmp;
	buf_reset(tmp);
	switch (type) {
	case CMARK_NODE_CODE_BLOCK:
		if (has_token(x, cmark_node_get_fence_info(node))) {
			util_err(x->path, 0, "a value stands in a code fence's "
			    "info string, where no escaping keeps it text");
			return 0;
		}
		/* FALLTHROUGH */
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if (!has_token(x, s = cmark_node_get_literal(node)))
			return 1;
		mark_held(node);
		literal_text(x, s, SUBST_SLOT_TEXT);
		return cmark_node_set_literal(node, tmp->data ? tmp->data : "");
	case CMARK_NODE_HTML_BLOCK:
		s = cmark_node_get_literal(node);
		if (!htmlctx_ends_in_text(s, strlen(s))) {
			util_err(x->path, 0, "an HTML block ends inside a tag, an "
			    "attribute, a comment or a script: the Markdown after "
			    "it, values included, would be read as part of it");
			return 0;
		}
		/* FALLTHROUGH */
	case CMARK_NODE_HTML_INLINE:
		if (!has_token(x, s = cmark_node_get_literal(node)))
			return 1;
		if (in_image(node)) {
			util_err(x->path, 0, "a value stands in HTML inside an "
			    "image's description, which cmark flattens to text");
			return 0;
		}
		return html_text(x, s, strlen(s)) &&
		    cmark_node_set_literal(node, tmp->data ? tmp->data : "");
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (has_token(x, s = cmark_node_get_url(node))) {
			literal_text(x, s, SUBST_SLOT_URL);
			if (!cmark_node_set_url(node, tmp->data ? tmp->data : ""))
				return 0;
			buf_reset(tmp);
		}
		if (!has_token(x, s = cmark_node_get_title(node)))
			return 1;
		literal_text(x, s, SUBST_SLOT_TEXT);
		return cmark_node_set_title(node, tmp->data ? tmp->data : "");
	default:
		return 1;
	}
}

/* 1 if node shows nothing: no text but white space, no image, no raw HTML. */
static int
blank(cmark_node *node)
{
	cmark_node *c;
	const char *s;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
		s = cmark_node_get_literal(node);
		return s[strspn(s, " \t\n")] == '\0';
	case CMARK_NODE_CODE:
		return cmark_node_get_literal(node)[0] == '\0';
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		return 1;
	case CMARK_NODE_HTML_INLINE:
	case CMARK_NODE_IMAGE:
		return 0;
	default:
		for (c = cmark_node_first_child(node); c != NULL;
		    c = cmark_node_next(c))
			if (!blank(c))
				return 0;
		return 1;
	}
}

/*
 * 1 if values left node empty: a block a line of the template makes, or
 * text, emphasis, a link or a code span they alone filled.
 */
static int
emptied(cmark_node *node)
{
	const char *s;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		return blank(node);
	case CMARK_NODE_ITEM:
	case CMARK_NODE_LIST:
	case CMARK_NODE_BLOCK_QUOTE:
		return cmark_node_first_child(node) == NULL;
	case CMARK_NODE_CODE_BLOCK:
		s = cmark_node_get_literal(node);
		return cmark_node_get_user_data(node) != NULL &&
		    s[strspn(s, " \t\n")] == '\0';
	/* Text only values filled, when they were all empty. */
	case CMARK_NODE_TEXT:
		return cmark_node_get_user_data(node) != NULL &&
		    cmark_node_get_literal(node)[0] == '\0';
	/* An empty link, for one, is a link no reader can see or name. */
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
	case CMARK_NODE_LINK:
	case CMARK_NODE_CODE:
		return cmark_node_get_user_data(node) != NULL && blank(node);
	default:
		return 0;
	}
}

static int
is_break(cmark_node *node)
{
	cmark_node_type t = node != NULL ? cmark_node_get_type(node) :
	    CMARK_NODE_NONE;

	return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK;
}

/*
 * After values' text was dropped from node's lines: the line breaks left
 * at either end of it, or doubled where a line went ("Text\n{{X}}" would
 * keep its newline). A template's own text makes none of these.
 */
static void
trim_breaks(cmark_node *node)
{
	cmark_node *c, *next;

	while (is_break(cmark_node_first_child(node)))
		cmark_node_free(cmark_node_first_child(node));
	while (is_break(cmark_node_last_child(node)))
		cmark_node_free(cmark_node_last_child(node));
	for (c = cmark_node_first_child(node); c != NULL; c = next) {
		next = cmark_node_next(c);
		if (is_break(c) && is_break(next))
			cmark_node_free(c);
	}
}

/* Drops what values left empty, innermost first; 1 if it dropped any. */
static int
drop_empty(cmark_node *node)
{
	cmark_node *c, *next;
	int dropped = 0;

	for (c = cmark_node_first_child(node); c != NULL; c = next) {
		next = cmark_node_next(c);
		if (drop_empty(c) && (cmark_node_get_type(c) ==
		    CMARK_NODE_PARAGRAPH || cmark_node_get_type(c) ==
		    CMARK_NODE_HEADING))
			trim_breaks(c);
		if (emptied(c)) {
			cmark_node_free(c);
			dropped = 1;
		}
	}
	return dropped;
}

int
subst_markdown(const char *path, const char *text, size_t len,
    const char *prefix, const struct subst_value *vals, size_t nvals,
    enum subst_mode mode, buf *out)
{
	struct subst x = { path, prefix, strlen(prefix), vals, nvals, mode, out,
	    NULL, 0, 0 };
	cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	cmark_iter *it;
	buf tmp = { 0 };
	char *html = NULL;
	int ok = 1;

	if (doc == NULL) {
		util_err(path, 0, "cmark could not parse the template");
		return 0;
	}
	it = cmark_iter_new(doc);
	while (ok && cmark_iter_next(it) != CMARK_EVENT_DONE)
		if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER)
			ok = subst_node(&x, cmark_iter_get_node(it), &tmp);
	cmark_iter_free(it);
	if (ok) {
		drop_empty(doc);
		if ((html = cmark_render_html(doc, CMARK_OPT_UNSAFE)) == NULL)
			ok = 0;
		else
			buf_puts(out, html);
	}
	free(html);
	buf_free(&tmp);
	cmark_node_free(doc);
	return ok;
}
