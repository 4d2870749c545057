/* buf.c - growable byte buffers */
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
buf_put(buf *b, const void *p, size_t n)
{
	buf_grow(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
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

/* Bytes escaped in text (1) and, besides, in attribute values (2). */
static const unsigned char escapes[256] = {
	['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 2
};

/* Appends s with & < > " (and ' when quote is 2) as entities. */
static void
put_escaped(buf *b, const char *s, size_t n, unsigned char quote)
{
	size_t i = 0, start = 0;
	const char *ent;

	for (;;) {
		while (i < n && (escapes[(unsigned char)s[i]] == 0 ||
		    escapes[(unsigned char)s[i]] > quote))
			i++;
		if (i == n)
			break;
		switch (s[i]) {
		case '&': ent = "&amp;"; break;
		case '<': ent = "&lt;"; break;
		case '>': ent = "&gt;"; break;
		case '"': ent = "&quot;"; break;
		default: ent = "&#39;"; break;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, ent);
		start = ++i;
	}
	buf_put(b, s + start, n - start);
}

void
buf_put_html(buf *b, const char *s, size_t n)
{
	put_escaped(b, s, n, 1);
}

void
buf_put_attr(buf *b, const char *s, size_t n)
{
	put_escaped(b, s, n, 2);
}

/*
 * The characters cmark leaves as they are in a URL: letters, digits and
 * -_.+!*(),%#@?=;:/$~ (& and ' become entities, the rest %XX).
 */
static int
href_safe(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c != 0 && strchr("-_.+!*(),%#@?=;:/$~",
	    c) != NULL);
}

void
buf_put_href(buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, start = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		if (href_safe(c = (unsigned char)s[i]))
			continue;
		buf_put(b, s + start, i - start);
		if (c == '&')
			buf_puts(b, "&amp;");
		else if (c == '\'')
			buf_puts(b, "&#x27;");
		else
			buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
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
