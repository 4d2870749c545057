/* nmap.c - nmap's service list: names and how often nmap finds each port open */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "nmap.h"
#include "util.h"

#define MAX_LINE (64u * 1024)
#define MAX_WARN 20

static const char *const protonames[NMAP_NPROTO] = { "tcp", "udp", "sctp" };

static void
nmap_warn(struct nmap *m, size_t line, const char *what, size_t *nwarn)
{
	if ((*nwarn)++ < MAX_WARN)
		util_warn(m->path, line, "%s; line skipped", what);
}

/* The date of a "# $Id: nmap-services 38442 2022-08-31 ..." line. */
static void
nmap_date(struct nmap *m, const char *line)
{
	const char *p = strstr(line, "$Id:");
	size_t i;

	for (p = p != NULL ? p + 4 : NULL; p != NULL && *p != '\0' &&
	    *p != '$'; p++) {
		if (p[0] < '0' || p[0] > '9')
			continue;
		for (i = 0; i < 10 && p[i] != '\0'; i++)
			if ((i == 4 || i == 7) ? p[i] != '-' : (p[i] < '0' ||
			    p[i] > '9'))
				break;
		if (i == 10) {
			memcpy(m->date, p, 10);
			m->date[10] = '\0';
			return;
		}
	}
}

/*
 * The frequency fq: "0." and up to 15 digits (every line of the file) by
 * hand, as the integer over a power of ten, which IEEE division rounds
 * exactly as strtod would; anything else by strtod (27,000 calls cost
 * more than the rest of the file). Returns 0 if fq is not a number.
 */
static int
freq_parse(const char *fq, double *freq)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	unsigned long long v = 0;
	size_t k;
	char *end;

	if (fq[0] == '0' && fq[1] == '.') {
		for (k = 0; k < 16 && fq[2 + k] >= '0' && fq[2 + k] <= '9'; k++)
			v = v * 10 + (unsigned long long)(fq[2 + k] - '0');
		if (k > 0 && k < 16 && fq[2 + k] == '\0') {
			*freq = (double)v / pow10[k];
			return 1;
		}
	}
	*freq = strtod(fq, &end);
	return end != fq && *end == '\0';
}

/* The port before the '/' at slash: digits only, at most PORT_MAX; -1 if not. */
static long
port_parse(const char *pp, const char *slash)
{
	long port = 0;

	if (pp == slash)
		return -1;
	for (; pp < slash; pp++) {
		if (*pp < '0' || *pp > '9')
			return -1;
		port = port * 10 + (*pp - '0');
		if (port > PORT_MAX)
			return -1;
	}
	return port;
}

/* One line; returns a message for a malformed one, else NULL. */
static const char *
nmap_line(struct nmap *m, char *s)
{
	char *name, *pp, *fq, *slash;
	long port;
	unsigned proto;
	double freq;

	if ((name = util_field(&s)) == NULL || (pp = util_field(&s)) == NULL ||
	    (fq = util_field(&s)) == NULL)
		return "expected \"name port/protocol frequency\"";
	if ((slash = strchr(pp, '/')) == NULL)
		return "expected port/protocol";
	if ((port = port_parse(pp, slash)) < 0)
		return "bad port number";
	for (proto = 0; proto < NMAP_NPROTO &&
	    strcmp(slash + 1, protonames[proto]) != 0; proto++)
		;
	if (proto == NMAP_NPROTO)
		return "unknown protocol";
	if (!freq_parse(fq, &freq) || !(freq >= 0 && freq <= 1))
		return "frequency must be a number from 0 to 1";
	if (m->at[port][proto] >= 0)
		return "port and protocol listed twice";
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 4096;
		m->e = xrealloc(m->e, m->cap * sizeof(*m->e));
	}
	m->at[port][proto] = (int32_t)m->n;
	m->e[m->n++] = (struct nmap_entry){ arena_clean(&m->arena, name,
	    strlen(name)), (unsigned)port, proto, freq };
	return NULL;
}

static int
by_freq(const void *a, const void *b, void *arg)
{
	const struct nmap *m = arg;
	const struct nmap_entry *x = &m->e[*(const uint32_t *)a];
	const struct nmap_entry *y = &m->e[*(const uint32_t *)b];

	if (x->freq != y->freq)
		return x->freq < y->freq ? 1 : -1;
	return (x->port > y->port) - (x->port < y->port);
}

/* Ranks the ports nmap has seen open, TCP and UDP apart. */
static void
nmap_rank(struct nmap *m)
{
	size_t i, k;
	unsigned p;

	for (p = 0; p < 2; p++) {
		m->order[p] = xmalloc((m->n + 1) * sizeof(*m->order[p]));
		for (i = 0, k = 0; i < m->n; i++)
			if (m->e[i].proto == p && m->e[i].freq > 0)
				m->order[p][k++] = (uint32_t)i;
		qsort_r(m->order[p], k, sizeof(*m->order[p]), by_freq, m);
		for (i = 0; i < k; i++) {
			m->order[p][i] = m->e[m->order[p][i]].port;
			m->rank[m->order[p][i]][p] = (uint32_t)(i + 1);
		}
		m->norder[p] = k;
	}
}

static int
nmap_read(struct nmap *m, FILE *f)
{
	char *line = NULL, *p, *hash;
	const char *bad;
	size_t cap = 0, lineno = 0, nwarn = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if ((size_t)n > MAX_LINE || memchr(line, '\0', (size_t)n)) {
			nmap_warn(m, lineno, "line too long or NUL byte", &nwarn);
			continue;
		}
		for (p = line; *p == ' ' || *p == '\t'; p++)
			;
		if (*p == '#') {
			nmap_date(m, line);
			continue;
		}
		if ((hash = memchr(p, '#', (size_t)n - (size_t)(p - line))) != NULL)
			*hash = '\0';
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0')
			continue;
		if ((bad = nmap_line(m, line)) != NULL)
			nmap_warn(m, lineno, bad, &nwarn);
	}
	free(line);
	if (nwarn > MAX_WARN)
		util_warn(m->path, 0, "%zu more warnings not shown",
		    nwarn - MAX_WARN);
	return !ferror(f);
}

struct nmap *
nmap_load(const char *path)
{
	struct nmap *m = xcalloc(1, sizeof(*m));
	FILE *f;
	int ok = 0;

	m->path = xstrdup(path);
	memset(m->at, 0xff, sizeof(m->at));
	if ((f = fopen(path, "rb")) == NULL) {
		util_err(path, 0, "cannot open nmap's service list: %s",
		    strerror(errno));
		goto out;
	}
	if (!nmap_read(m, f))
		util_err(path, 0, "read error: %s", strerror(errno));
	else if (m->n == 0)
		util_err(path, 0, "no entries (expected nmap-services lines: "
		    "name port/protocol frequency)");
	else
		ok = 1;
	fclose(f);
	if (ok)
		nmap_rank(m);
out:
	if (!ok) {
		nmap_free(m);
		return NULL;
	}
	return m;
}

void
nmap_free(struct nmap *m)
{
	if (m == NULL)
		return;
	arena_free(m->arena);
	free(m->order[0]);
	free(m->order[1]);
	free(m->e);
	free(m->path);
	free(m);
}

const struct nmap_entry *
nmap_at(const struct nmap *m, unsigned port, unsigned proto)
{
	int32_t i = m->at[port][proto];

	return i < 0 ? NULL : &m->e[i];
}

int
nmap_often_open(const struct nmap *m, unsigned port)
{
	return (m->rank[port][0] > 0 && m->rank[port][0] <= NMAP_TOP) ||
	    (m->rank[port][1] > 0 && m->rank[port][1] <= NMAP_TOP);
}
