/* content.h - the site owner's content: site.conf and per-port notes */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* content/site.conf, [site] section; every string is non-NULL. */
struct content_conf {
	char	*title;
	char	*description;
	char	*base_url;	/* "" or an http(s) URL ending in '/' */
	char	*language;
	char	*feedback_url;	/* "" or an http(s) URL */
	char	*footer;
};

/* The front matter of content/ports/N.md. */
struct content_note {
	char	*title;		/* "" if none */
	char	*tags;		/* space-separated, from content_tags */
	char	*risk;		/* "" or one of content_risks */
	char	*names;		/* comma-separated search names, or "" */
};

struct content {
	char			*dir;
	struct content_conf	 conf;
	struct content_note	*notes[65536];	/* NULL: no note */
	size_t			 nnotes;
	uint64_t		 hash;		/* of every file read */
};

/* Allowed tags and risk levels, NULL-terminated. */
extern const char *const content_tags[];
extern const char *const content_risks[];

/*
 * Loads dir/site.conf (optional: defaults apply without it) and the
 * front matter of every dir/ports/N.md. Returns NULL (error reported
 * as FILE:LINE) on a bad setting or note; free with content_free.
 */
struct content *content_load(const char *dir);
void content_free(struct content *c);

/*
 * Appends the HTML of port's note body (rendered by cmark in safe mode:
 * raw HTML and unsafe links are dropped) to out. Returns 0 on failure
 * (reported), else 1; appends nothing if the port has no note.
 */
int content_note_html(const struct content *c, unsigned port, buf *out);

/* Appends port's note body (Markdown, without front matter) to out. */
int content_note_markdown(const struct content *c, unsigned port, buf *out);

#endif
