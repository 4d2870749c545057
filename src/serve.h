/* serve.h - portpages serve: the site over HTTP, reloaded as it changes, and its answers */
#ifndef SERVE_H
#define SERVE_H

#include "site.h"

struct serve_opts {
	const char	*listen;	/* ADDR:PORT or [ADDR]:PORT; port 0: any free one */
	const char	*db;		/* the answers' SQLite file */
	const char	*trust_proxy;	/* NULL, or the proxy's address */
	unsigned	 rate;		/* answers a minute per client; 0: no limit */
	int		 feedback_only;	/* POST /feedback and nothing else */
};

/* 1 if listen is a numeric ADDR:PORT serve_run can use, else 0 (reported). */
int serve_listen_ok(const char *listen);

/*
 * Serves until SIGINT or SIGTERM: builds the site into o->output, and
 * rebuilds it when its inputs change; answers each page request with the
 * page made from the current inputs (the output directory for anything
 * else), with a script added that reloads it when it changes and sends
 * answers to POST /feedback, which stores them in so->db. With
 * so->feedback_only, only POST /feedback. Returns 0 if it could not start
 * (reported), else 1.
 */
int serve_run(const struct site_opts *o, const struct serve_opts *so);

#endif
