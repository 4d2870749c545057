/* watch.h - rebuilding when templates, content or the registry change */
#ifndef WATCH_H
#define WATCH_H

#include "site.h"

/*
 * Builds the site, then rebuilds it each time a file under the templates
 * or content directory, or the registry file, changes (after 150 ms of
 * quiet), until SIGINT or SIGTERM. A failed rebuild is reported and
 * waited out. Returns 0 if watching could not start (reported), else 1.
 */
int watch_run(const struct site_opts *o);

#endif
