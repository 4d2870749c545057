/* subst.h - putting values into templates: into cmark's tree or HTML, escaped for where they stand */
#ifndef SUBST_H
#define SUBST_H

#include <stddef.h>

#include "buf.h"

/* One value, in token order: token i stands for vals[i]. */
struct subst_value {
	const char	*p;
	size_t		 n;
	int		 raw;		/* trusted HTML (only in layouts) */
	unsigned	 esc;		/* its bytes' buf_escapes bits, ORed */
};

/* What stands in place of a value in the HTML. */
enum subst_mode {
	SUBST_VALUES,	/* the value, escaped where it stands */
	SUBST_SLOTS,	/* a slot marker (subst_slot) for the cache to fill */
	SUBST_PIECES	/* as SUBST_SLOTS, and piece marks (piece.h) kept
			   where they stand in text; fails without a word */
};

/* A slot marker is prefix, one of these letters, and four digits. */
#define SUBST_SLOT_TEXT 'T'	/* escaped as cmark escapes text */
#define SUBST_SLOT_ATTR 'A'	/* escaped for a quoted attribute */
#define SUBST_SLOT_URL 'U'		/* a URL, after its start */
#define SUBST_SLOT_URL_START 'S'	/* a URL's start: its scheme is checked */
#define SUBST_SLOT_URL_AFTER 'C'	/* a URL after text that fixes no scheme yet */
#define SUBST_SLOT_RAW 'R'		/* trusted HTML as it is */

/* The length of the token (prefix + 4 digits) at s, n bytes left; 0 if none. */
size_t subst_token(const char *s, size_t n, const char *prefix, size_t *index);

/*
 * Appends the token of value i (i < 10000): prefix, then the slot kind
 * k unless k is 0, then i in four digits.
 */
void subst_put_token(buf *out, const char *prefix, char k, size_t i);

/*
 * Appends value v as it stands in slot kind k (an SUBST_SLOT_ letter): the
 * one definition of each context's escaping, for both paths.
 */
void subst_put(buf *out, char k, const struct subst_value *v);

/*
 * Renders Markdown text in which value i stands as the token prefix +
 * %04u: cmark parses the text with the tokens, then each token is
 * replaced in the tree, as literal text (or as a URL, a title, or
 * escaped inside raw HTML), and paragraphs, headings, list items and
 * lists left empty are dropped. Returns 0 (reported, naming path) if a
 * value stands where it cannot be kept literal.
 */
int subst_markdown(const char *path, const char *text, size_t len,
    const char *prefix, const struct subst_value *vals, size_t nvals,
    enum subst_mode mode, buf *out);

/*
 * As subst_markdown for an HTML template: each token replaced for the context
 * an HTML tokenizer finds it in (text, quoted attribute, URL attribute).
 */
int subst_html(const char *path, const char *text, size_t len,
    const char *prefix, const struct subst_value *vals, size_t nvals,
    enum subst_mode mode, buf *out);

#endif
