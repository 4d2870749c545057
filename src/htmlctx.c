/* htmlctx.c - where in HTML a value stands: text, an attribute, a URL, or somewhere unsafe */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "htmlctx.h"

enum state {
	S_DATA, S_TAG_NAME, S_END_TAG, S_BEFORE_ATTR, S_ATTR_NAME,
	S_AFTER_ATTR_NAME, S_BEFORE_VALUE, S_VALUE_DQ, S_VALUE_SQ, S_VALUE_UQ,
	S_COMMENT, S_BOGUS, S_RAWTEXT, S_RCDATA
};

/* Attributes whose value is a URL: a value at their start could choose the scheme. */
static const char *const url_attrs[] = {
	"href", "src", "action", "formaction", "cite", "poster", "background",
	"longdesc", "usemap", "srcset", "data", "manifest", "ping",
	"xlink:href", NULL
};

struct scan {
	const char	*s;
	size_t		 n, i;
	enum state	 st;
	char		 tag[16];	/* lower case, cut */
	char		 attr[16];
	size_t		 tag_len, attr_len;
	size_t		 first_at;	/* the next byte first from i, or n */
	size_t		 value_at;	/* where the attribute value starts */
	int		 ended;		/* the tag being read is an end tag */
};

/* Appends c, lower-cased, to the name dst of *len bytes, if it fits in cap. */
static void
name_add(char *dst, size_t *len, size_t cap, char c)
{
	if (*len + 1 < cap) {
		dst[(*len)++] = (char)tolower((unsigned char)c);
		dst[*len] = '\0';
	}
}

static int
is_url_attr(const char *name)
{
	const char *const *p;

	for (p = url_attrs; *p != NULL; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

/*
 * Where in a URL attribute a token at sc->i stands: at its start (after
 * white space at most, which browsers strip), after a ':', '/', '?' or
 * '#' (the scheme is settled), or after text that settles nothing yet. A
 * character reference settles nothing: the browser decodes it first, so
 * "&#32;" is a space and "&#58;" no colon the template wrote.
 */
static enum htmlctx
url_context(const struct scan *sc)
{
	const char *semi;
	size_t i;
	int blank = 1;

	for (i = sc->value_at; i < sc->i; i++) {
		if (sc->s[i] == '&' && (semi = memchr(sc->s + i, ';',
		    sc->i - i)) != NULL) {
			i = (size_t)(semi - sc->s);
			blank = 0;
			continue;
		}
		if (strchr(":/?#", sc->s[i]) != NULL)
			return HTMLCTX_URL;
		if (!isspace((unsigned char)sc->s[i]))
			blank = 0;
	}
	return blank ? HTMLCTX_URL_START : HTMLCTX_URL_AFTER;
}

/* The context of a token at sc->i, or HTMLCTX_BAD with *why. */
static enum htmlctx
context(const struct scan *sc, const char **why)
{
	switch (sc->st) {
	case S_DATA:
		/* "<" and a value would make a tag of the value. */
		if (sc->i > 0 && sc->s[sc->i - 1] == '<') {
			*why = "right after '<'";
			return HTMLCTX_BAD;
		}
		return HTMLCTX_TEXT;
	case S_RCDATA:
		return HTMLCTX_RCDATA;
	case S_VALUE_DQ:
	case S_VALUE_SQ:
		if (strncmp(sc->attr, "on", 2) == 0 || strcmp(sc->attr,
		    "style") == 0 || strcmp(sc->attr, "srcdoc") == 0) {
			*why = "in an event handler, style or srcdoc attribute";
			return HTMLCTX_BAD;
		}
		if (!is_url_attr(sc->attr))
			return HTMLCTX_ATTR;
		return url_context(sc);
	case S_VALUE_UQ:
	case S_BEFORE_VALUE:
		*why = "in an unquoted attribute value";
		return HTMLCTX_BAD;
	case S_COMMENT:
	case S_BOGUS:
		*why = "in an HTML comment";
		return HTMLCTX_BAD;
	case S_RAWTEXT:
		*why = "in an element whose text is not HTML (script, style, "
		    "iframe, xmp, noembed, noframes, plaintext)";
		return HTMLCTX_BAD;
	default:
		*why = "in a tag or attribute name";
		return HTMLCTX_BAD;
	}
}

/* 1 if the element's content is raw text: no escaping keeps a value text there. */
static int
is_rawtext(const char *tag)
{
	static const char *const raw[] = { "script", "style", "iframe", "xmp",
	    "noembed", "noframes", "plaintext", NULL };
	const char *const *p;

	for (p = raw; *p != NULL; p++)
		if (strcmp(*p, tag) == 0)
			return 1;
	return 0;
}

/* The state after the '>' that closes a tag. */
static enum state
tag_end(struct scan *sc)
{
	if (sc->ended)
		return S_DATA;
	if (is_rawtext(sc->tag))
		return S_RAWTEXT;
	if (strcmp(sc->tag, "title") == 0 || strcmp(sc->tag, "textarea") == 0)
		return S_RCDATA;
	return S_DATA;
}

/*
 * In raw text or RCDATA: 1 if s[i] starts the end tag of the open element
 * (<plaintext> has none: everything after it is its text).
 */
static int
closes(const struct scan *sc)
{
	size_t n = sc->tag_len;

	return strcmp(sc->tag, "plaintext") != 0 && sc->i + 2 + n <= sc->n &&
	    sc->s[sc->i] == '<' &&
	    sc->s[sc->i + 1] == '/' && strncasecmp(sc->s + sc->i + 2, sc->tag,
	    n) == 0;
}

/* '<' in data: a start tag, an end tag, a comment, or just a character. */
static enum state
tag_open(struct scan *sc)
{
	const char *p = sc->s + sc->i + 1;
	size_t left = sc->n - sc->i - 1;

	sc->tag[0] = '\0';
	sc->tag_len = 0;
	sc->ended = 0;
	if (left >= 3 && memcmp(p, "!--", 3) == 0) {
		sc->i += 3;
		return S_COMMENT;
	}
	if (left >= 1 && (*p == '!' || *p == '?'))
		return S_BOGUS;
	if (left >= 2 && *p == '/' && isalpha((unsigned char)p[1])) {
		sc->ended = 1;
		sc->i++;
		return S_TAG_NAME;
	}
	return left >= 1 && isalpha((unsigned char)*p) ? S_TAG_NAME : S_DATA;
}

/* In a tag, between attributes: whitespace, '/', '>' or a new name. */
static enum state
before_attr(struct scan *sc, char c)
{
	if (isspace((unsigned char)c) || c == '/')
		return S_BEFORE_ATTR;
	if (c == '>')
		return tag_end(sc);
	sc->attr[0] = '\0';
	sc->attr_len = 0;
	name_add(sc->attr, &sc->attr_len, sizeof(sc->attr), c);
	return S_ATTR_NAME;
}

/* One character of a tag: name, attributes, values. */
static enum state
in_tag(struct scan *sc, char c)
{
	switch (sc->st) {
	case S_TAG_NAME:
		if (isspace((unsigned char)c) || c == '/')
			return S_BEFORE_ATTR;
		if (c == '>')
			return tag_end(sc);
		name_add(sc->tag, &sc->tag_len, sizeof(sc->tag), c);
		return S_TAG_NAME;
	case S_BEFORE_ATTR:
		return before_attr(sc, c);
	case S_ATTR_NAME:
		if (c == '=')
			return S_BEFORE_VALUE;
		if (isspace((unsigned char)c))
			return S_AFTER_ATTR_NAME;
		if (c == '>' || c == '/')
			return before_attr(sc, c);
		name_add(sc->attr, &sc->attr_len, sizeof(sc->attr), c);
		return S_ATTR_NAME;
	case S_AFTER_ATTR_NAME:
		if (c == '=')
			return S_BEFORE_VALUE;
		return before_attr(sc, c);
	case S_BEFORE_VALUE:
		sc->value_at = sc->i + 1;
		if (isspace((unsigned char)c))
			return S_BEFORE_VALUE;
		if (c == '"' || c == '\'')
			return c == '"' ? S_VALUE_DQ : S_VALUE_SQ;
		if (c == '>')
			return tag_end(sc);
		return S_VALUE_UQ;
	case S_VALUE_DQ:
	case S_VALUE_SQ:
		return c == (sc->st == S_VALUE_DQ ? '"' : '\'') ? S_BEFORE_ATTR :
		    sc->st;
	default:
		if (isspace((unsigned char)c))
			return S_BEFORE_ATTR;
		return c == '>' ? tag_end(sc) : S_VALUE_UQ;
	}
}

/* Consumes s[i] (and sometimes more) and moves to the next state. */
static void
step(struct scan *sc)
{
	char c = sc->s[sc->i];

	switch (sc->st) {
	case S_DATA:
		sc->st = c == '<' ? tag_open(sc) : S_DATA;
		break;
	case S_COMMENT:
		if (sc->i + 3 <= sc->n && memcmp(sc->s + sc->i, "-->", 3) == 0) {
			sc->i += 2;
			sc->st = S_DATA;
		}
		break;
	case S_BOGUS:
	case S_END_TAG:
		if (c == '>')
			sc->st = S_DATA;
		break;
	case S_RAWTEXT:
	case S_RCDATA:
		if (closes(sc)) {
			sc->ended = 1;
			sc->i += 1 + sc->tag_len;
			sc->st = S_END_TAG;
		}
		break;
	default:
		sc->st = in_tag(sc, c);
	}
	sc->i++;
}

/*
 * Where the next byte that matters is, from sc->i: in text and in quoted
 * values only '<' or the closing quote changes the state, so the bytes
 * before it or before a token's first byte can be passed over whole
 * (by memchr: most of a page is text, and a template is scanned whole
 * for every shape of its values the cache meets).
 */
static size_t
next_byte(struct scan *sc, char first)
{
	const char *p;
	size_t i = sc->i;
	char stop;

	if (sc->st == S_DATA)
		stop = '<';
	else if (sc->st == S_VALUE_DQ || sc->st == S_VALUE_SQ)
		stop = sc->st == S_VALUE_DQ ? '"' : '\'';
	else
		return i;
	if (sc->first_at < i) {
		p = memchr(sc->s + i, first, sc->n - i);
		sc->first_at = p ? (size_t)(p - sc->s) : sc->n;
	}
	p = memchr(sc->s + i, stop, sc->first_at - i);
	return p ? (size_t)(p - sc->s) : sc->first_at;
}

int
htmlctx_scan(const char *s, size_t n, char first, htmlctx_match match,
    htmlctx_fn fn, void *arg)
{
	struct scan sc;
	enum htmlctx ctx;
	const char *why;
	size_t len;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.n = n;
	while ((sc.i = next_byte(&sc, first)) < n) {
		if (s[sc.i] == first && (len = match(s + sc.i, n - sc.i,
		    arg)) > 0) {
			why = NULL;
			ctx = context(&sc, &why);
			if (!fn(arg, sc.i, len, ctx, why))
				return 0;
		}
		step(&sc);
	}
	return 1;
}

int
htmlctx_ends_in_text(const char *s, size_t n)
{
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.s = s;
	sc.n = n;
	while ((sc.i = next_byte(&sc, '\0')) < n)
		step(&sc);
	return sc.st == S_DATA || sc.st == S_RCDATA;
}
