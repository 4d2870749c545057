/* uses.c - content/uses.csv: what really runs on ports, each fact with its source */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "csvread.h"
#include "registry.h"
#include "util.h"
#include "uses.h"

#define MAX_FILE (16u * 1024 * 1024)
#define MAX_NAME 60
#define MAX_NOTE 200
#define MAX_ROWS 100000

static const char *const header[] = {
	"port", "protocol", "name", "kind", "note", "source"
};

static const char *const kinds[USES_NKINDS] = {
	"default", "os", "common", "malware"
};

/* Query parameters that track people, never in a source link. */
static const char *const tracking[] = {
	"utm_", "fbclid", "gclid", "ref=", "mc_cid", "mc_eid", "_hsenc", NULL
};

struct loader {
	struct uses	*u;
	int		 header;
};

const char *
uses_kind_name(enum uses_kind k)
{
	return kinds[k];
}

/* "N" or "A-B" with A < B; 0 if it is neither. */
static int
parse_range(const char *s, unsigned *lo, unsigned *hi)
{
	char *end;
	unsigned long a, b;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	a = b = strtoul(s, &end, 10);
	if (*end == '-') {
		if (end[1] < '0' || end[1] > '9')
			return 0;
		b = strtoul(end + 1, &end, 10);
		if (b <= a)
			return 0;
	}
	if (*end != '\0' || errno != 0 || b > PORT_MAX)
		return 0;
	*lo = (unsigned)a;
	*hi = (unsigned)b;
	return 1;
}

static int
parse_protos(const char *s, unsigned *protos)
{
	if (strcmp(s, "tcp") == 0)
		*protos = REGISTRY_TCP;
	else if (strcmp(s, "udp") == 0)
		*protos = REGISTRY_UDP;
	else if (strcmp(s, "tcp/udp") == 0)
		*protos = REGISTRY_TCP | REGISTRY_UDP;
	else if (strcmp(s, "sctp") == 0)
		*protos = REGISTRY_SCTP;
	else
		return 0;
	return 1;
}

/* NULL if url is an acceptable source, else what is wrong with it. */
static const char *
bad_source(const char *url)
{
	const char *q = strchr(url, '?');
	size_t i;

	if (strncmp(url, "https://", 8) != 0 || url[8] == '\0')
		return "source must be an https:// URL";
	for (i = 8; url[i] != '\0'; i++)
		if (!util_url_safe(url + i, 1) && url[i] != '(' && url[i] != ')')
			return "source has a character a URL cannot carry "
			    "unescaped";
	for (i = 0; q != NULL && tracking[i] != NULL; i++)
		if (strstr(q, tracking[i]) != NULL)
			return "source carries a tracking parameter";
	return NULL;
}

/* NULL if text (a name or note) may be shown, else what is wrong with it. */
static const char *
bad_text(const char *s, size_t n, size_t max)
{
	if (n == 0)
		return "empty";
	if (n > max)
		return "too long";
	return util_utf8_clean_len(s, n) < n ? "invalid UTF-8, control or "
	    "bidirectional formatting character" : NULL;
}

/* The header must be exactly the documented one. */
static int
check_header(struct loader *l, const struct csvread_rec *rec)
{
	size_t i, n = sizeof(header) / sizeof(header[0]);

	for (i = 0; i < n && rec->n == n; i++)
		if (strcmp(rec->field[i], header[i]) != 0)
			break;
	if (rec->n != n || i < n) {
		util_err(l->u->path, rec->line, "the header must be "
		    "port,protocol,name,kind,note,source");
		return 0;
	}
	l->header = 1;
	return 1;
}

/* Fills row from the record; returns what is wrong with it, or NULL. */
static const char *
parse_row(struct loader *l, const struct csvread_rec *rec,
    struct uses_row *row)
{
	char *const *f = rec->field;
	const char *why;
	int k;

	if (rec->n != 6)
		return "expected 6 fields: port,protocol,name,kind,note,source";
	if (rec->toobig)
		return "field too long";
	if (!parse_range(f[0], &row->lo, &row->hi))
		return "port must be N or A-B with A < B, from 0 to 65535";
	if (!parse_protos(f[1], &row->protos))
		return "protocol must be tcp, udp, tcp/udp or sctp";
	if ((why = bad_text(f[2], rec->len[2], MAX_NAME)) != NULL)
		return why[0] == 'e' ? "name is empty" : why[0] == 't' ?
		    "name is longer than 60 bytes" : why;
	for (k = 0; k < USES_NKINDS && strcmp(f[3], kinds[k]) != 0; k++)
		;
	if (k == USES_NKINDS)
		return "kind must be default, os, common or malware";
	if ((why = bad_text(f[4], rec->len[4], MAX_NOTE)) != NULL)
		return why[0] == 'e' ? "note is empty" : why[0] == 't' ?
		    "note is longer than 200 bytes" : why;
	if ((why = bad_source(f[5])) != NULL)
		return why;
	row->kind = (enum uses_kind)k;
	row->name = arena_dup(&l->u->arena, f[2], rec->len[2]);
	row->note = arena_dup(&l->u->arena, f[4], rec->len[4]);
	row->source = arena_dup(&l->u->arena, f[5], rec->len[5]);
	row->line = rec->line;
	return NULL;
}

static int
load_row(void *arg, const struct csvread_rec *rec)
{
	struct loader *l = arg;
	struct uses *u = l->u;
	struct uses_row row;
	const char *why;

	if (!l->header)
		return check_header(l, rec);
	memset(&row, 0, sizeof(row));
	if ((why = parse_row(l, rec, &row)) != NULL) {
		util_err(u->path, rec->line, "%s", why);
		return 0;
	}
	if (u->n == MAX_ROWS) {
		util_err(u->path, rec->line, "more than %u rows", MAX_ROWS);
		return 0;
	}
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 1024;
		u->r = xrealloc(u->r, u->cap * sizeof(*u->r));
	}
	u->r[u->n++] = row;
	return 1;
}

static int
by_name(const void *a, const void *b)
{
	const struct uses_row *x = *(const struct uses_row *const *)a;
	const struct uses_row *y = *(const struct uses_row *const *)b;
	int c = strcmp(x->name, y->name);

	if (c == 0)
		c = (x->lo > y->lo) - (x->lo < y->lo);
	if (c == 0)
		c = (x->line > y->line) - (x->line < y->line);
	return c;
}

/*
 * No row twice, and no two rows that disagree on where one product's
 * official default is (two "default" rows for one name and protocol).
 */
static int
check_rows(struct uses *u)
{
	const struct uses_row **v = xmalloc((u->n + 1) * sizeof(*v)), *a, *b;
	size_t i, j;
	int ok = 1;

	for (i = 0; i < u->n; i++)
		v[i] = &u->r[i];
	qsort(v, u->n, sizeof(*v), by_name);
	for (i = 0; i + 1 < u->n && ok; i++)
		for (j = i + 1; j < u->n && strcmp(v[i]->name, v[j]->name) ==
		    0 && ok; j++) {
			a = v[i];
			b = v[j];
			if (!(a->protos & b->protos))
				continue;
			if (a->lo == b->lo && a->hi == b->hi) {
				util_err(u->path, b->line, "the same port, protocol "
				    "and name as line %zu", a->line);
				ok = 0;
			} else if (a->kind == USES_DEFAULT &&
			    b->kind == USES_DEFAULT) {
				util_err(u->path, b->line, "a second default port "
				    "for %s (line %zu gives another)", b->name,
				    a->line);
				ok = 0;
			}
		}
	free(v);
	return ok;
}

int
uses_row_wide(const struct uses_row *r)
{
	return r->hi - r->lo + 1 > USES_WIDE;
}

/* 1 if at[i] is narrow and no narrow row before it has its name. */
static int
name_is_new(const struct uses_row *const *at, size_t i)
{
	size_t j;

	if (uses_row_wide(at[i]))
		return 0;
	for (j = 0; j < i; j++)
		if (!uses_row_wide(at[j]) &&
		    strcmp(at[j]->name, at[i]->name) == 0)
			return 0;
	return 1;
}

/*
 * The per-port list of names, made once here so that a page's title,
 * description, verdict and search entry all read the same list.
 */
static void
index_names(struct uses *u)
{
	const struct uses_row *const *at;
	size_t i, n, p, k = 0;

	u->names = xmalloc((u->off[PORT_COUNT] + 1) * sizeof(*u->names));
	for (p = 0; p < PORT_COUNT; p++) {
		u->noff[p] = k;
		at = uses_at(u, p, &n);
		for (i = 0; i < n; i++)
			if (name_is_new(at, i))
				u->names[k++] = at[i]->name;
	}
	u->noff[PORT_COUNT] = k;
}

/* The per-port index; ranges count once per port they cover. */
static void
index_rows(struct uses *u)
{
	uint32_t *fill;
	size_t i, p;

	for (i = 0; i < u->n; i++)
		for (p = u->r[i].lo; p <= u->r[i].hi; p++)
			u->off[p + 1]++;
	for (p = 0; p < PORT_COUNT; p++)
		u->off[p + 1] += u->off[p];
	u->at = xmalloc((u->off[PORT_COUNT] + 1) * sizeof(*u->at));
	fill = xmalloc(PORT_COUNT * sizeof(*fill));
	memcpy(fill, u->off, PORT_COUNT * sizeof(*fill));
	for (i = 0; i < u->n; i++)
		for (p = u->r[i].lo; p <= u->r[i].hi; p++)
			u->at[fill[p]++] = &u->r[i];
	free(fill);
	index_names(u);
}

int
uses_read(const char *path, uint64_t *hash, char **text, size_t *len)
{
	struct stat st;

	*text = NULL;
	*len = 0;
	if (stat(path, &st) != 0 && errno == ENOENT)
		return 1;
	/* Read whole: the hash covers exactly the bytes parsed. */
	if ((*text = util_file_read(path, MAX_FILE, len)) == NULL)
		return 0;
	*hash = util_hash(*hash, *text, *len);
	return 1;
}

struct uses *
uses_parse(const char *path, char *text, size_t len)
{
	struct uses *u = xcalloc(1, sizeof(*u));
	struct loader l = { u, 0 };
	FILE *f = NULL;
	int ok = 0;

	u->path = xstrdup(path);
	if (text == NULL || len == 0) {
		ok = 1;
		goto out;
	}
	if ((f = fmemopen(text, len, "rb")) == NULL) {
		util_err(path, 0, "%s", strerror(errno));
		goto out;
	}
	ok = csvread_file(path, f, 4096, load_row, &l) && check_rows(u);
out:
	if (f != NULL)
		fclose(f);
	if (!ok) {
		uses_free(u);
		return NULL;
	}
	index_rows(u);
	return u;
}

void
uses_free(struct uses *u)
{
	if (u == NULL)
		return;
	arena_free(u->arena);
	free(u->r);
	free(u->at);
	free(u->names);
	free(u->path);
	free(u);
}

const struct uses_row *const *
uses_at(const struct uses *u, unsigned port, size_t *n)
{
	*n = u->off[port + 1] - u->off[port];
	return u->at + u->off[port];
}

const char *const *
uses_names_at(const struct uses *u, unsigned port, size_t *n)
{
	*n = u->noff[port + 1] - u->noff[port];
	return u->names + u->noff[port];
}
