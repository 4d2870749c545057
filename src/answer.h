/* answer.h - one "Was this page helpful?" answer as a reader sends it, checked strictly */
#ifndef ANSWER_H
#define ANSWER_H

#include <stddef.h>

#define ANSWER_BODY_MAX 2048	/* bytes of a request body */
#define ANSWER_COMMENT_MAX 500	/* characters of a comment */

struct answer {
	unsigned port;		/* 0-65535 */
	int	 yes;		/* 1 yes, 0 no */
	char	*comment;	/* "" when none; the caller frees it */
};

/*
 * Parses body (len bytes) as the JSON object {"port": N, "answer": "yes"
 * or "no", "comment": "..."} (comment optional; no other key; N an
 * integer from 0 to 65535; no duplicate key; valid UTF-8 without NUL).
 * Returns NULL and fills *a (free a->comment), or a fixed message saying
 * what is wrong, which never quotes the body.
 */
const char *answer_parse(const char *body, size_t len, struct answer *a);

/* 1 if a Content-Type header says application/json (any charset parameter UTF-8), else 0. */
int answer_type_ok(const char *type);

/*
 * 1 if a request with this Origin header (NULL when absent) may answer
 * for a site published at base_url ("" when unset: any origin), or for
 * self ("http://HOST" of the server itself, or NULL), else 0.
 */
int answer_origin_ok(const char *origin, const char *base_url,
    const char *self);

#endif
