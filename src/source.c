/* source.c - the lists a page puts side by side: IANA's, nmap's, Wireshark's, the system's, uses.csv */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "source.h"
#include "util.h"

static const enum conf_source conf_of[SOURCE_N] = {
	CONF_NSOURCES, CONF_NMAP, CONF_WIRESHARK, CONF_SYSTEM, CONF_NSOURCES
};

/* 1 if path is the file a describes (the same device and inode). */
static int
same_file(const struct stat *a, const char *path)
{
	struct stat b;

	return stat(path, &b) == 0 && a->st_dev == b.st_dev &&
	    a->st_ino == b.st_ino;
}

/*
 * The day a file was last modified, UTC, into date and *hash: a services(5)
 * file carries no date, and the one its package gave it is the best there
 * is; hashed, as pages show it.
 */
static void
file_date(const struct stat *st, char date[11], uint64_t *hash)
{
	struct tm tm;

	if (gmtime_r(&st->st_mtime, &tm) == NULL ||
	    strftime(date, 11, "%Y-%m-%d", &tm) != 10)
		date[0] = '\0';
	*hash = util_hash(*hash, date, strlen(date) + 1);
}

int
sources_find(struct sources *s, const struct conf *c, const char *registry,
    uint64_t *hash)
{
	const struct conf_path *cp;
	struct stat reg, st;
	int id, have_reg;

	memset(s, 0, sizeof(*s));
	have_reg = registry != NULL && stat(registry, &reg) == 0;
	if (have_reg)
		file_date(&reg, s->mdate[SOURCE_IANA], hash);
	for (id = 0; id < SOURCE_N; id++) {
		if (conf_of[id] == CONF_NSOURCES)
			continue;
		cp = &c->source[conf_of[id]];
		if (cp->path[0] == '\0')
			continue;
		if (stat(cp->path, &st) != 0) {
			if (!cp->given)
				continue;
			util_err(cp->path, 0, "cannot open the %s source named in "
			    "site.conf: %s", conf_source_key(conf_of[id]),
			    strerror(errno));
			return 0;
		}
		/* The registry is shown as the registry, not twice. */
		if (have_reg && same_file(&reg, cp->path)) {
			s->registry_is = id;
			*hash = util_hash(*hash, &s->registry_is,
			    sizeof(s->registry_is));
			continue;
		}
		snprintf(s->path[id], sizeof(s->path[id]), "%s", cp->path);
		file_date(&st, s->mdate[id], hash);
		/* Its name, which pages show, and bytes: never its directory. */
		*hash = util_hash(*hash, sources_file(s, id),
		    strlen(sources_file(s, id)) + 1);
		if (!util_file_hash(cp->path, hash)) {
			util_err(cp->path, 0, "cannot read: %s", strerror(errno));
			return 0;
		}
	}
	return 1;
}

int
sources_read(struct sources *s)
{
	int i;

	if (s->path[SOURCE_NMAP][0] != '\0' &&
	    (s->nmap = nmap_load(s->path[SOURCE_NMAP])) == NULL)
		return 0;
	for (i = 0; i < 2; i++)
		if (s->path[SOURCE_WIRESHARK + i][0] != '\0' && (s->list[i] =
		    registry_load(s->path[SOURCE_WIRESHARK + i])) == NULL)
			return 0;
	return 1;
}

void
sources_attach(struct sources *s, const struct registry *iana,
    const struct uses *uses)
{
	s->iana = iana;
	s->uses = uses;
	snprintf(s->path[SOURCE_IANA], sizeof(s->path[0]), "%s", iana->path);
	if (uses->n > 0)
		snprintf(s->path[SOURCE_USES], sizeof(s->path[0]), "%s",
		    uses->path);
}

void
sources_free(struct sources *s)
{
	if (s == NULL)
		return;
	nmap_free(s->nmap);
	registry_free(s->list[0]);
	registry_free(s->list[1]);
	s->nmap = NULL;
	s->list[0] = s->list[1] = NULL;
}

/* What a source is called: as a title, inside a sentence, and as a registry. */
struct source_words {
	const char	*title, *inside, *name;
};

static const struct source_words list_words[SOURCE_N] = {
	[SOURCE_IANA] = { "IANA's registry", "IANA's registry",
	    "IANA's registry" },
	[SOURCE_NMAP] = { "nmap's service list", "nmap's service list", NULL },
	[SOURCE_WIRESHARK] = { "Wireshark's service list",
	    "Wireshark's service list", NULL },
	[SOURCE_SYSTEM] = { "This system's services file",
	    "this system's services file", NULL },
	[SOURCE_USES] = { "Known uses", "known uses", NULL },
};

/* A services file as the registry, by the list it is (SOURCE_IANA: another). */
static const struct source_words registry_words[SOURCE_N] = {
	[SOURCE_IANA] = { "The registry, a services file",
	    "the registry, a services file", "the services file" },
	[SOURCE_WIRESHARK] = { "The registry, Wireshark's service list",
	    "the registry, Wireshark's service list",
	    "Wireshark's service list" },
	[SOURCE_SYSTEM] = { "The registry, this system's services file",
	    "the registry, this system's services file",
	    "this system's services file" },
};

/* The words for source id; the registry's depend on what file it is. */
static const struct source_words *
source_words(const struct sources *s, enum source_id id)
{
	if (id != SOURCE_IANA || s->iana->format == REGISTRY_CSV)
		return &list_words[id];
	if (registry_words[s->registry_is].name != NULL)
		return &registry_words[s->registry_is];
	return &registry_words[SOURCE_IANA];
}

const char *
sources_title(const struct sources *s, enum source_id id)
{
	return source_words(s, id)->title;
}

const char *
sources_inside(const struct sources *s, enum source_id id)
{
	return source_words(s, id)->inside;
}

const char *
sources_file(const struct sources *s, enum source_id id)
{
	const char *slash = strrchr(s->path[id], '/');

	return slash != NULL ? slash + 1 : s->path[id];
}

/* The date the source's own lines carry, or "". */
static const char *
date_inside(const struct sources *s, enum source_id id)
{
	if (id == SOURCE_IANA)
		return s->iana->newest;
	if (id == SOURCE_NMAP && s->nmap != NULL)
		return s->nmap->date;
	if (id == SOURCE_WIRESHARK || id == SOURCE_SYSTEM) {
		const struct registry *r = s->list[id - SOURCE_WIRESHARK];

		return r != NULL ? r->newest : "";
	}
	return "";
}

const char *
sources_date(const struct sources *s, enum source_id id)
{
	const char *d = date_inside(s, id);

	return d[0] != '\0' ? d : s->mdate[id];
}

const char *
sources_date_what(const struct sources *s, enum source_id id)
{
	if (date_inside(s, id)[0] == '\0')
		return "file date";
	/* nmap's list dates the file, not its entries. */
	return id == SOURCE_NMAP ? "file revision" : "newest entry";
}

const char *
sources_registry_name(const struct sources *s)
{
	return source_words(s, SOURCE_IANA)->name;
}
