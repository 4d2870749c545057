/* buf.h - growable byte buffers */
#ifndef BUF_H
#define BUF_H

#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A buffer is valid zero-initialised; data is always NUL-terminated once used. */
typedef struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
} buf;

/* Makes room for extra more bytes and a NUL. */
void buf_grow(buf *b, size_t extra);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, int c);
/* Appends v in decimal. */
void buf_putu(buf *b, unsigned long v);
void buf_printf(buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s with & < > " as entities, the way cmark escapes text. */
void buf_put_html(buf *b, const char *s, size_t n);
/* As buf_put_html, and ' too: safe in any quoted attribute value. */
void buf_put_attr(buf *b, const char *s, size_t n);
/* Appends s as cmark writes a link destination: %XX, then &amp; and &#x27;. */
void buf_put_href(buf *b, const char *s, size_t n);
/*
 * Which escapers change each byte: BUF_ESC_MARKUP (buf_put_html or
 * buf_put_attr) and BUF_ESC_URL (buf_put_href). A string whose bytes'
 * bits, ORed, lack one of them comes out of that escaper as it went in.
 */
#define BUF_ESC_MARKUP 1u
#define BUF_ESC_URL 2u
const unsigned char *buf_escapes(void);
/* Empties the buffer and keeps its memory. */
void buf_reset(buf *b);
/* Frees the memory; the buffer is empty and reusable afterwards. */
void buf_free(buf *b);

/*
 * Appends n bytes of p; inline, since pages are made of many short
 * pieces. Up to 16 bytes are copied as two fixed-size moves that may
 * overlap, which compilers make plain loads and stores: a call to memcpy
 * cost more than most values it copied.
 */
static inline void
buf_put(buf *b, const void *p, size_t n)
{
	const char *s = (const char *)p;
	char *d;

	if (b->cap - b->len <= n)
		buf_grow(b, n);
	d = b->data + b->len;
	if (n >= 8 && n <= 16) {
		memcpy(d, s, 8);
		memcpy(d + n - 8, s + n - 8, 8);
	} else if (n >= 4 && n < 8) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n < 4) {
		if (n > 0) {
			d[0] = s[0];
			d[n / 2] = s[n / 2];
			d[n - 1] = s[n - 1];
		}
	} else
		memcpy(d, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

#ifdef __cplusplus
}
#endif

#endif
