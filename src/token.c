/* token.c - the placeholders' prefix: letters no template text can spell */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "util.h"

/*
 * 0 if cand occurs nowhere in t, and no text in t just before a marker
 * ends with the start of it: ctemplate joins the text on either side of
 * a section, shown or not, and of a value the page does not have (and the
 * cache's pieces cut at sections), so such an end and the text after the
 * marker could spell a placeholder where no value stands. Else the
 * length of the shortest start found (n + 1: cand itself).
 */
static size_t
text_taken(const char *t, const char *cand)
{
	size_t k, n = strlen(cand), taken = 0;
	const char *p;

	if (strstr(t, cand) != NULL)
		taken = n + 1;
	for (p = t; (p = strstr(p, "{{")) != NULL; p += 2)
		for (k = 1; k < n && k <= (size_t)(p - t); k++)
			if (memcmp(p - k, cand, k) == 0 && (taken == 0 ||
			    k < taken))
				taken = k;
	return taken;
}

/*
 * t with each numeric character reference (&#80; &#x50;) replaced by its
 * character when ASCII, else by a control character: cmark decodes them
 * in Markdown, so they could spell a placeholder too. NULL when t has
 * none; free the copy.
 */
static char *
refs_decoded(const char *t)
{
	char *out, *o, *end;
	const char *p;
	unsigned long c;
	int hex;

	if (strstr(t, "&#") == NULL)
		return NULL;
	o = out = xstrdup(t);
	for (p = t; *p != '\0';) {
		hex = p[0] == '&' && p[1] == '#' && (p[2] == 'x' || p[2] == 'X');
		if (p[0] != '&' || p[1] != '#' || !((p[2 + hex] >= '0' &&
		    p[2 + hex] <= '9') || (hex && strchr("abcdefABCDEF",
		    p[3]) != NULL && p[3] != '\0'))) {
			*o++ = *p++;
			continue;
		}
		c = strtoul(p + 2 + hex, &end, hex ? 16 : 10);
		if (*end != ';') {
			*o++ = *p++;
			continue;
		}
		*o++ = c > 0 && c < 128 ? (char)c : '\x01';
		p = end + 1;
	}
	*o = '\0';
	return out;
}

/* text_taken for every text, as written and as dec[i] (decoded, or NULL). */
static size_t
texts_taken(const char *const *texts, char *const *dec, size_t ntexts,
    const char *cand)
{
	size_t i, taken, t2;

	for (i = 0; i < ntexts; i++) {
		taken = text_taken(texts[i], cand);
		if (dec[i] != NULL && (t2 = text_taken(dec[i], cand)) > 0 &&
		    (taken == 0 || t2 < taken))
			taken = t2;
		if (taken > 0)
			return taken;
	}
	return 0;
}

int
token_choose(char *token, size_t size, const char *const *texts,
    size_t ntexts, const char *dir)
{
	static const char first[] =
	    "PQZXJKWVYUGFBMHDLTSRONICEAqzxjkwvyugfbmhdltsronicea";
	const unsigned per = 26 * 26 * 26;
	char **dec = xcalloc(ntexts + 1, sizeof(*dec));
	unsigned k;
	size_t taken, i;
	int rc = 0;

	for (i = 0; i < ntexts; i++)
		dec[i] = refs_decoded(texts[i]);
	for (k = 0; k < (sizeof(first) - 1) * per; k++) {
		snprintf(token, size, "%cPv%c%c%c", first[k / per], 'A' + k % 26,
		    'A' + k / 26 % 26, 'A' + k / 676 % 26);
		if ((taken = texts_taken(texts, dec, ntexts, token)) == 0) {
			rc = 1;
			goto out;
		}
		/* A text ending in the letter, or "Pv" after it, takes them all. */
		if (taken <= 3)
			k = (k / per + 1) * per - 1;
	}
	util_err(dir, 0, "no placeholder prefix is free: the templates hold "
	    "every one this program can choose, or end a text before a marker "
	    "with every letter");
out:
	for (i = 0; i < ntexts; i++)
		free(dec[i]);
	free(dec);
	return rc;
}
