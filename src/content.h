/* content.h - the site owner's content: site.conf and per-port notes */
#ifndef CONTENT_H
#define CONTENT_H

#include <stddef.h>
#include <stdint.h>

#include "conf.h"
#include "uses.h"

/* content/ports/N.md, read and checked once per build, rendered with its page. */
struct content_note {
	char	*title;		/* "" if none */
	char	**tag;		/* from content_tags, ntag of them */
	size_t	 ntag;
	char	*risk;		/* "" or one of content_risks */
	char	**name;		/* search names, nname of them */
	size_t	 nname;
	char	*markdown;	/* the body, controls replaced by U+FFFD */
};

/* A note's file as content_read read it, until content_parse parses it. */
struct content_text {
	long	 port;
	char	*path;
	char	*text;	/* NULL once its note has taken it */
	size_t	 len;
	uint64_t hash;	/* of the file's name and bytes */
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
	int			 jobs;		/* threads that read and parse */
	char			*uses_path, *uses_text;
	size_t			 uses_len;
};

/* Allowed tags and risk levels, NULL-terminated. */
extern const char *const content_tags[];
extern const char *const content_risks[];

/*
 * Reads dir/site.conf (optional: defaults apply without it) and the bytes
 * of every dir/ports/N.md and of dir/uses.csv (optional), and hashes them:
 * what the up-to-date check needs. The notes are read on up to jobs
 * threads, and parsed on as many by content_parse. Returns NULL (error
 * reported as FILE:LINE) on a bad setting or a file it cannot read; free
 * with content_free (NULL is fine).
 */
struct content *content_read(const char *dir, int jobs);
/*
 * Parses and checks what content_read read: the notes and uses.csv, under
 * one policy. Returns 0 (error reported as FILE:LINE) on a bad note or row;
 * with more than one bad note, each thread reports the first of its share.
 */
int content_parse(struct content *c);
/* content_read, then content_parse: NULL (reported) if either fails. */
struct content *content_load(const char *dir, int jobs);
/*
 * Renders a note's Markdown in cmark's safe mode, headings one level down:
 * the note sits under its own heading on its page. Called by the worker
 * that writes the note's page, so that the notes are rendered on every
 * thread, and only for the pages a build writes, and no note's HTML is
 * kept after its page. Returns NULL on failure (cmark out of memory);
 * the caller frees the result.
 */
char *content_note_html(const struct content_note *n);
void content_free(struct content *c);

#endif
