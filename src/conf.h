/* conf.h - the site's settings: content/site.conf */
#ifndef CONF_H
#define CONF_H

#include <stdint.h>

/* The other lists a page puts beside the registry ([sources] keys). */
enum conf_source { CONF_NMAP, CONF_WIRESHARK, CONF_SYSTEM, CONF_NSOURCES };

struct conf_path {
	char	*path;		/* "" when turned off */
	int	 given;		/* set in site.conf: a missing file is an error */
};

/* The [site] and [sources] sections; every string is non-NULL once loaded. */
struct conf {
	char	*title;
	char	*description;
	char	*base_url;	/* "" or an http(s) URL ending in '/' */
	char	*language;
	const char *thousands;	/* between groups of three digits in counts: "," */
	char	*feedback_url;	/* "" or an http(s) URL */
	char	*footer;
	int	 api;		/* api/port/N.json as well */
	struct conf_path source[CONF_NSOURCES];
};

/* The [sources] key of s: "nmap", "wireshark", "system". */
const char *conf_source_key(enum conf_source s);

/*
 * Reads dir/site.conf into c (defaults apply to what it does not set, and
 * to everything when there is no such file), hashing its bytes into
 * *hash. Returns 0 (error reported as FILE:LINE) on a bad setting; free
 * the strings with conf_free in either case.
 */
int conf_load(struct conf *c, const char *dir, uint64_t *hash);

/* Frees the strings of c (not c itself); NULL is fine. */
void conf_free(struct conf *c);

#endif
