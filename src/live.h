/* live.h - pages made on request from the current templates, for portpages serve */
#ifndef LIVE_H
#define LIVE_H

#include "buf.h"
#include "site.h"

struct live;

/*
 * Loads templates, content and registry as o says (all 65,536 ports
 * whatever o's range, HTML not Markdown). If they are broken the error is
 * reported and nothing is made until a reload succeeds. Free with
 * live_free (NULL is fine), after live_stop and once no thread uses it.
 */
struct live *live_new(const struct site_opts *o);
void live_free(struct live *l);

/*
 * Loads the inputs again. On success the new ones replace the old (pages
 * being made go on with the old) and the generation goes up: returns 1.
 * On failure (reported) the old ones stay: returns 0.
 */
int live_reload(struct live *l);

/* Sets *id to the file at rel ("port/22.html") if the site makes it: 1, else 0. */
int live_find(struct live *l, const char *rel, long *id);

/* Makes file id into b (reset first). Returns 0 if it cannot (reported) or is unknown. */
int live_make(struct live *l, long id, buf *b);

/* The id of 404.html, or -1. */
long live_notfound(struct live *l);

/*
 * Waits at most ms milliseconds for the generation to differ from seen
 * (or for live_stop); returns the generation, or 0 once stopped.
 */
unsigned long live_wait(struct live *l, unsigned long seen, int ms);

/* Wakes every live_wait for good. */
void live_stop(struct live *l);

#endif
