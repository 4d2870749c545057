/* watch.h - noticing when templates, content or the registry change */
#ifndef WATCH_H
#define WATCH_H

#include "site.h"

struct watch;

/*
 * Starts watching every directory under o->templates and o->content, and
 * the registry's directory (editors replace files rather than write
 * them). Returns NULL if watching cannot start (reported); free with
 * watch_free.
 */
struct watch *watch_new(const struct site_opts *o);
void watch_free(struct watch *w);

/*
 * Waits at most ms milliseconds (-1: without end) for a change, then for
 * 150 ms of quiet, and watches the directories created since. Returns 1
 * after a change, 0 on timeout, on failure or once site_interrupted is set.
 */
int watch_wait(struct watch *w, int ms);

/*
 * Builds the site, then rebuilds it after each change until SIGINT or
 * SIGTERM. A failed rebuild is reported and waited out. Returns 0 if
 * watching could not start (reported), else 1.
 */
int watch_run(const struct site_opts *o);

#endif
