/* content.h - the site owner's content: site.conf and per-port notes */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "uses.h"

/* content/ports/N.md, read, checked and rendered once per build. */
struct content_note {
	char	*title;		/* "" if none */
	char	**tag;		/* from content_tags, ntag of them */
	size_t	 ntag;
	char	*risk;		/* "" or one of content_risks */
	char	**name;		/* search names, nname of them */
	size_t	 nname;
	char	*markdown;	/* the body, controls replaced by U+FFFD */
	char	*html;		/* the body in cmark's safe mode, headings one level down (content_render) */
};

struct content {
	char			*dir;
	struct conf		 conf;
	struct content_note	*notes[65536];	/* NULL: no note */
	size_t			 nnotes;
	struct uses		*uses;		/* uses.csv: never NULL once loaded */
	uint64_t		 hash;		/* of every file read */
};

/* Allowed tags and risk levels, NULL-terminated. */
extern const char *const content_tags[];
extern const char *const content_risks[];

/*
 * Loads dir/site.conf (optional: defaults apply without it), every
 * dir/ports/N.md and dir/uses.csv (optional). Returns NULL (error reported as FILE:LINE) on a bad
 * setting or note; free with content_free (NULL is fine).
 */
struct content *content_load(const char *dir);
/*
 * Renders every note's Markdown into its html, once: after the up-to-date
 * check, which needs only the notes' bytes. Returns 0 (error reported) on
 * failure.
 */
int content_render(struct content *c);
void content_free(struct content *c);

#endif
