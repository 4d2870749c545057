/* source.h - the lists a page puts side by side: IANA's, nmap's, Wireshark's, the system's, uses.csv */
#ifndef SOURCE_H
#define SOURCE_H

#include <stdint.h>

#include "conf.h"
#include "nmap.h"
#include "registry.h"
#include "uses.h"

enum source_id {
	SOURCE_IANA,		/* the registry (-r): IANA's CSV or a services file */
	SOURCE_NMAP,		/* nmap-services */
	SOURCE_WIRESHARK,	/* Wireshark's services */
	SOURCE_SYSTEM,		/* /etc/services */
	SOURCE_USES,		/* content/uses.csv */
	SOURCE_N
};

/* Every source this build uses; a NULL member is one it does not have. */
struct sources {
	const struct registry	*iana;		/* not owned */
	struct nmap		*nmap;
	struct registry		*list[2];	/* Wireshark's, the system's */
	const struct uses	*uses;		/* not owned */
	char			 path[SOURCE_N][4096];	/* "" when not used */
	char			 mdate[SOURCE_N][11];	/* the file's mtime, UTC */
	enum source_id		 registry_is;	/* the list the registry file is, or SOURCE_IANA */
};

/*
 * Finds the sources c names ([sources] in site.conf) that exist, leaving
 * out any that is the registry file itself, and hashes their names, bytes
 * and modification dates into *hash (the registry's date too: a file
 * without dates of its own is dated by it). Returns 0 (error reported) if
 * a source site.conf names explicitly is missing or unreadable.
 */
int sources_find(struct sources *s, const struct conf *c,
    const char *registry, uint64_t *hash);

/*
 * Loads the lists sources_find found (nmap's, Wireshark's, the system's),
 * which need nothing else: a build reads them while it reads the
 * registry. Returns 0 (error reported) on a bad file.
 */
int sources_read(struct sources *s);

/* Adds the build's registry (iana) and known uses (uses) to s. */
void sources_attach(struct sources *s, const struct registry *iana,
    const struct uses *uses);

/* Frees what sources_read loaded (s itself is the caller's); NULL is fine. */
void sources_free(struct sources *s);

/* What a source is, for people: "IANA's registry", "nmap's service list", ... */
const char *sources_title(const struct sources *s, enum source_id id);

/* The same inside a sentence: "this system's services file", "known uses". */
const char *sources_inside(const struct sources *s, enum source_id id);

/* The file's name without its directory ("" when not used). */
const char *sources_file(const struct sources *s, enum source_id id);

/*
 * The newest date in the source; for a file that carries none (a
 * services(5) file), the date it was last modified; "" for uses.csv,
 * which is the site's own.
 */
const char *sources_date(const struct sources *s, enum source_id id);

/*
 * What sources_date dates: "newest entry", nmap's "file revision", or
 * "file date" when it is the file's modification date.
 */
const char *sources_date_what(const struct sources *s, enum source_id id);

/*
 * The registry in a sentence: "IANA's registry", "Wireshark's service
 * list" or "this system's services file" when it is one of those, else
 * "the services file".
 */
const char *sources_registry_name(const struct sources *s);

#endif
