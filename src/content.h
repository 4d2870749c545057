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
	char	*markdown;	/* the body, controls replaced by U+FFFD; NULL once rendered */
	char	*html;		/* the body in cmark's safe mode, headings one level down (content_render) */
};

/* A note's file as content_read read it, until content_parse parses it. */
struct content_text {
	long	 port;
	char	*path;
	char	*text;
	size_t	 len;
};

struct content {
	char			*dir;
	struct conf		 conf;
	struct content_note	*notes[65536];	/* NULL: no note */
	size_t			 nnotes;
	struct uses		*uses;		/* uses.csv: never NULL once parsed */
	uint64_t		 hash;		/* of every file read */
	struct content_text	*texts;		/* read, not parsed yet */
	size_t			 ntexts;
	char			*uses_path, *uses_text;
	size_t			 uses_len;
};

/* Allowed tags and risk levels, NULL-terminated. */
extern const char *const content_tags[];
extern const char *const content_risks[];

/*
 * Reads dir/site.conf (optional: defaults apply without it) and the bytes
 * of every dir/ports/N.md and of dir/uses.csv (optional), and hashes them:
 * what the up-to-date check needs. Returns NULL (error reported as
 * FILE:LINE) on a bad setting or a file it cannot read; free with
 * content_free (NULL is fine).
 */
struct content *content_read(const char *dir);
/*
 * Parses and checks what content_read read: the notes and uses.csv, under
 * one policy. Returns 0 (error reported as FILE:LINE) on a bad note or row.
 */
int content_parse(struct content *c);
/* content_read, then content_parse: NULL (reported) if either fails. */
struct content *content_load(const char *dir);
/*
 * Renders the Markdown of the notes of ports lo..hi into their html, once:
 * after the up-to-date check, which needs only the notes' bytes, and only
 * for the ports a build writes pages for (every note is still parsed and
 * checked). A rendered note's markdown is freed (NULL): a --markdown build,
 * which writes the Markdown, does not call this. Returns 0 (error reported)
 * on failure.
 */
int content_render(struct content *c, unsigned lo, unsigned hi);
void content_free(struct content *c);

#endif
