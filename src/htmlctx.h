/* htmlctx.h - where in HTML a value stands: text, an attribute, a URL, or somewhere unsafe */
#ifndef HTMLCTX_H
#define HTMLCTX_H

#include <stddef.h>

enum htmlctx {
	HTMLCTX_TEXT,		/* element content */
	HTMLCTX_ATTR,		/* a quoted attribute value */
	HTMLCTX_URL,		/* a quoted URL attribute, after its start */
	HTMLCTX_URL_START,	/* a quoted URL attribute, at its start */
	HTMLCTX_RCDATA,		/* the content of <title> or <textarea>: text */
	HTMLCTX_URL_AFTER,	/* a quoted URL attribute, after text that fixes no scheme */
	HTMLCTX_BAD		/* no escaping makes a value safe here */
};

/* The length of the token at s[i] (0 if none starts there); n bytes remain. */
typedef size_t (*htmlctx_match)(const char *s, size_t n, void *arg);

/*
 * Called for each token, at offset pos, with its context; for
 * HTMLCTX_BAD, why says where it is. Returns 0 to stop.
 */
typedef int (*htmlctx_fn)(void *arg, size_t pos, size_t len,
    enum htmlctx ctx, const char *why);

/*
 * Walks s (n bytes) as an HTML tokenizer does and calls fn for each token
 * match finds; every token starts with the byte first, so match is asked
 * only where that byte is. Tokens count as ordinary characters for the
 * tokenizer. Returns 0 if fn stopped it, else 1.
 */
int htmlctx_scan(const char *s, size_t n, char first, htmlctx_match match,
    htmlctx_fn fn, void *arg);

/*
 * 1 if HTML s (n bytes) ends in element content (or inside <title> or
 * <textarea>), 0 if it ends inside a tag, an attribute, a comment or an
 * element whose text is not HTML: text after it would be read as part of
 * that.
 */
int htmlctx_ends_in_text(const char *s, size_t n);

#endif
