/* buf.c - growable byte buffers */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void
buf_grow(buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap * 2 > need)
		need = b->cap * 2;
	if (need < 256)
		need = 256;
	b->data = xrealloc(b->data, need);
	b->cap = need;
}

void
buf_puts(buf *b, const char *s)
{
	buf_put(b, s, strlen(s));
}

void
buf_putc(buf *b, int c)
{
	buf_grow(b, 1);
	b->data[b->len++] = (char)c;
	b->data[b->len] = '\0';
}

void
buf_putu(buf *b, unsigned long v)
{
	char s[24];

	buf_put(b, s, util_utoa(v, s));
}

void
buf_printf(buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	/* One pass when the text fits the room there is, two only when not. */
	buf_grow(b, 128);
	room = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* What a byte becomes when escaped: len bytes of s; len 0: itself. */
struct esc {
	unsigned char	 len;
	char		 s[7];
};

#define ESC_MAX 6	/* the longest of them: a value grows at most 6 times */

/* Text, as cmark escapes it; attribute values; link destinations (% aside). */
static const struct esc esc_html[256] = {
	['&'] = { 5, "&amp;" }, ['<'] = { 4, "&lt;" }, ['>'] = { 4, "&gt;" },
	['"'] = { 6, "&quot;" }
};
static const struct esc esc_attr[256] = {
	['&'] = { 5, "&amp;" }, ['<'] = { 4, "&lt;" }, ['>'] = { 4, "&gt;" },
	['"'] = { 6, "&quot;" }, ['\''] = { 5, "&#39;" }
};

/* Writes s escaped by table t at o (room for ESC_MAX * n); returns the bytes written. */
static size_t
escape_to(char *o, const char *s, size_t n, const struct esc *t)
{
	char *start = o;
	size_t i = 0, run;
	const struct esc *e;

	while (i < n) {
		for (run = i; i < n && t[(unsigned char)s[i]].len == 0; i++)
			;
		memcpy(o, s + run, i - run);
		o += i - run;
		if (i == n)
			break;
		e = &t[(unsigned char)s[i++]];
		memcpy(o, e->s, e->len);
		o += e->len;
	}
	return (size_t)(o - start);
}

static void
put_escaped(buf *b, const char *s, size_t n, const struct esc *t)
{
	buf_grow(b, ESC_MAX * n);
	b->len += escape_to(b->data + b->len, s, n, t);
	b->data[b->len] = '\0';
}

void
buf_put_html(buf *b, const char *s, size_t n)
{
	put_escaped(b, s, n, esc_html);
}

void
buf_put_attr(buf *b, const char *s, size_t n)
{
	put_escaped(b, s, n, esc_attr);
}

/*
 * The characters cmark leaves as they are in a URL: letters, digits and
 * -_.+!*(),%#@?=;:/$~ (& and ' become entities, the rest %XX).
 */
static int
href_safe(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	switch (c) {
	case '-': case '_': case '.': case '+': case '!': case '*': case '(':
	case ')': case ',': case '%': case '#': case '@': case '?': case '=':
	case ';': case ':': case '/': case '$': case '~':
		return 1;
	default:
		return 0;
	}
}

static unsigned char escapes[256];

static void
escapes_fill(void)
{
	int c;

	for (c = 0; c < 256; c++)
		escapes[c] = (esc_attr[c].len ? BUF_ESC_MARKUP : 0) |
		    (href_safe((unsigned char)c) ? 0 : BUF_ESC_URL);
}

const unsigned char *
buf_escapes(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, escapes_fill);
	return escapes;
}

void
buf_put_href(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	unsigned char c;
	char *o;

	buf_grow(b, ESC_MAX * n);
	o = b->data + b->len;
	for (i = 0; i < n; i++) {
		if (href_safe(c = (unsigned char)s[i]))
			*o++ = (char)c;
		else if (c == '&' || c == '\'') {
			memcpy(o, c == '&' ? "&amp;" : "&#x27;", c == '&' ? 5 : 6);
			o += c == '&' ? 5 : 6;
		} else {
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		}
	}
	b->len = (size_t)(o - b->data);
	*o = '\0';
}

void
buf_reset(buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
