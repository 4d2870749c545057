/* registry.c - the port registry: IANA's CSV or a services(5) file */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"
#include "csvread.h"
#include "port.h"
#include "registry.h"
#include "util.h"

#define MAX_REGISTRY (64u * 1024 * 1024)
#define MAX_FIELD (64u * 1024)
#define MAX_WARN 20
/*
 * Bounds on what a hostile registry can cost (IANA's CSV has about 14,000
 * entries, port ranges covering about 56,000 ports in all, and at most 7
 * entries at one port): every entry is listed on the services index
 * pages, every port of a range on that port's page.
 */
#define MAX_ENTRIES (128u * 1024)
#define MAX_PORT_ENTRIES (1024u * 1024)
#define MAX_PER_PORT 64
#define STR(x) #x
#define XSTR(x) STR(x)

/* The entries of port p are at[off[p]..off[p+1]). */
struct registry_index {
	uint32_t	 off[PORT_COUNT + 1];
	const struct registry_entry **at;
};

enum col {
	C_SERVICE, C_PORT, C_PROTO, C_DESC, C_ASSIGNEE, C_CONTACT, C_REG,
	C_MOD, C_REF, C_CODE, C_UNAUTH, C_NOTES, C_N
};

static const char *const colnames[C_N] = {
	"Service Name", "Port Number", "Transport Protocol", "Description",
	"Assignee", "Contact", "Registration Date", "Modification Date",
	"Reference", "Service Code", "Unauthorized Use Reported",
	"Assignment Notes"
};

static const char *const protonames[REGISTRY_NPROTO] = {
	"tcp", "udp", "sctp", "dccp"
};

struct csvctx {
	struct registry	*r;
	int		 col[C_N];	/* field index of each column, or -1 */
	int		 header;	/* 1 once the header row is read */
	const struct csvread_rec *rec;	/* the record being read */
};

static void
warn(struct registry *r, size_t line, const char *what)
{
	if (r->nwarn++ < MAX_WARN)
		util_warn(r->path, line, "%s", what);
}

/*
 * A copy of s in the arena with bad bytes replaced and white space folded:
 * notes that span lines read the same on one, and compare equal.
 */
static const char *
clean(struct registry *r, size_t line, const char *s, size_t n)
{
	size_t bad, i, k = 0;
	char *c;
	const char *p;
	int gap = 0;

	/* Most fields are printable ASCII words with single spaces between. */
	for (i = 0; i < n && ((s[i] > ' ' && s[i] < 0x7f) || (s[i] == ' ' &&
	    i > 0 && i + 1 < n && s[i + 1] > ' ' && s[i + 1] < 0x7f)); i++)
		;
	if (i == n)
		return n > 0 ? arena_dup(&r->arena, s, n) : "";
	c = util_utf8_clean(s, n, &bad);
	if (bad > 0)
		warn(r, line, "invalid UTF-8 or control characters replaced");
	for (i = 0; c[i] != '\0'; i++) {
		if (isspace((unsigned char)c[i])) {
			gap = 1;
			continue;
		}
		if (gap && k > 0)
			c[k++] = ' ';
		gap = 0;
		c[k++] = c[i];
	}
	p = k ? arena_dup(&r->arena, c, k) : "";
	free(c);
	return p;
}

/* Parses "N" or "N-M"; returns 0 if it is neither or out of range. */
static int
parse_ports(const char *s, unsigned *lo, unsigned *hi)
{
	char *end;
	unsigned long a, b;

	if (!isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	a = strtoul(s, &end, 10);
	b = a;
	if (*end == '-') {
		if (!isdigit((unsigned char)end[1]))
			return 0;
		b = strtoul(end + 1, &end, 10);
	}
	if (*end != '\0' || errno != 0 || a > PORT_MAX || b > PORT_MAX || b < a)
		return 0;
	*lo = (unsigned)a;
	*hi = (unsigned)b;
	return 1;
}

static int
parse_proto(const char *s, size_t n, unsigned *bit)
{
	unsigned i;

	for (i = 0; i < REGISTRY_NPROTO; i++)
		if (strlen(protonames[i]) == n && strncasecmp(s, protonames[i],
		    n) == 0) {
			*bit = 1u << i;
			return 1;
		}
	return 0;
}

static int
same_aliases(const struct registry_entry *a, const struct registry_entry *b)
{
	size_t i;

	if (a->nalias != b->nalias)
		return 0;
	for (i = 0; i < a->nalias; i++)
		if (strcmp(a->alias[i], b->alias[i]) != 0)
			return 0;
	return 1;
}

/* 1 if a and b differ at most in their protocols. */
static int
same_but_protocol(const struct registry_entry *a,
    const struct registry_entry *b)
{
	return a->has_port == b->has_port && a->lo == b->lo && a->hi == b->hi &&
	    strcmp(a->service, b->service) == 0 && same_aliases(a, b) &&
	    strcmp(a->desc, b->desc) == 0 &&
	    strcmp(a->assignee, b->assignee) == 0 &&
	    strcmp(a->contact, b->contact) == 0 &&
	    strcmp(a->registered, b->registered) == 0 &&
	    strcmp(a->modified, b->modified) == 0 &&
	    strcmp(a->reference, b->reference) == 0 &&
	    strcmp(a->code, b->code) == 0 &&
	    strcmp(a->unauthorized, b->unauthorized) == 0 &&
	    strcmp(a->notes, b->notes) == 0;
}

static void
newest(struct registry *r, const char *d)
{
	if (strlen(d) == 10 && strcmp(d, r->newest) > 0)
		memcpy(r->newest, d, 11);
}

/*
 * Adds e, merging it into an earlier row that differs only in protocol.
 * Returns 0 (error reported) if the registry already holds MAX_ENTRIES.
 */
static int
entry_add(struct registry *r, struct registry_entry *e)
{
	size_t i, back = r->n > 8 ? r->n - 8 : 0;

	if (e->service[0] != '\0' || e->nalias > 0)
		e->status = REGISTRY_ASSIGNED;
	else if (strncasecmp(e->desc, "Unassigned", 10) == 0 ||
	    strncasecmp(e->desc, "(unassigned)", 12) == 0)
		/* "Unassigned [was netstat]" is unassigned too. */
		e->status = REGISTRY_UNASSIGNED;
	else
		e->status = REGISTRY_RESERVED;
	newest(r, e->registered);
	newest(r, e->modified);
	for (i = r->n; i > back; i--)
		if (same_but_protocol(&r->e[i - 1], e)) {
			r->e[i - 1].protos |= e->protos;
			return 1;
		}
	if (r->n == MAX_ENTRIES) {
		util_err(r->path, e->line, "more than %u entries; the registry "
		    "is too large", MAX_ENTRIES);
		return 0;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 1024;
		r->e = xrealloc(r->e, r->cap * sizeof(*r->e));
	}
	r->e[r->n++] = *e;
	return 1;
}

static int
csv_header(struct csvctx *x)
{
	const struct csvread_rec *rec = x->rec;
	size_t i;
	int c, ok = 1;

	for (c = 0; c < C_N; c++)
		x->col[c] = -1;
	for (i = 0; i < rec->n && i < CSVREAD_MAX_FIELDS; i++)
		for (c = 0; c < C_N; c++)
			if (strcmp(rec->field[i], colnames[c]) == 0 ||
			    (c == C_UNAUTH && strcmp(rec->field[i],
			    "Known Unauthorized Uses") == 0))
				x->col[c] = (int)i;
	for (c = 0; c <= C_DESC; c++)
		if (x->col[c] < 0) {
			util_err(x->r->path, rec->line, "CSV header has no "
			    "\"%s\" column", colnames[c]);
			ok = 0;
		}
	x->header = 1;
	return ok;
}

static const char *
col(struct csvctx *x, enum col c)
{
	const struct csvread_rec *rec = x->rec;
	int i = x->col[c];

	if (i < 0 || (size_t)i >= rec->n || i >= CSVREAD_MAX_FIELDS)
		return "";
	return clean(x->r, rec->line, rec->field[i], rec->len[i]);
}

/* The port and protocol of a row; 0 (warning given) if either is bad. */
static int
csv_port(struct csvctx *x, struct registry_entry *e)
{
	const char *port = col(x, C_PORT), *proto = col(x, C_PROTO);

	if (port[0] != '\0') {
		if (!parse_ports(port, &e->lo, &e->hi)) {
			warn(x->r, e->line, "bad port number; row skipped");
			return 0;
		}
		e->has_port = 1;
	}
	if (proto[0] != '\0' && !parse_proto(proto, strlen(proto), &e->protos)) {
		warn(x->r, e->line, "unknown transport protocol; row skipped");
		return 0;
	}
	return 1;
}

static int
csv_row(void *arg, const struct csvread_rec *rec)
{
	struct csvctx *x = arg;
	struct registry_entry e;

	x->rec = rec;
	if (!x->header)
		return csv_header(x);
	if (rec->toobig) {
		warn(x->r, rec->line, "field longer than 64 KiB; row skipped");
		return 1;
	}
	memset(&e, 0, sizeof(e));
	e.line = rec->line;
	if (!csv_port(x, &e))
		return 1;
	e.service = col(x, C_SERVICE);
	e.desc = col(x, C_DESC);
	e.assignee = col(x, C_ASSIGNEE);
	e.contact = col(x, C_CONTACT);
	e.registered = col(x, C_REG);
	e.modified = col(x, C_MOD);
	e.reference = col(x, C_REF);
	e.code = col(x, C_CODE);
	e.unauthorized = col(x, C_UNAUTH);
	e.notes = col(x, C_NOTES);
	if (!e.has_port && e.service[0] == '\0') {
		warn(x->r, rec->line, "row has neither port nor service name; "
		    "skipped");
		return 1;
	}
	return entry_add(x->r, &e);
}

static int
load_csv(struct registry *r, FILE *f)
{
	struct csvctx x;

	memset(&x, 0, sizeof(x));
	x.r = r;
	return csvread_file(r->path, f, MAX_FIELD, csv_row, &x);
}

/* The aliases after "name port/proto": rest is what util_field left. */
static void
services_aliases(struct registry *r, struct registry_entry *e, char *rest,
    size_t lineno)
{
	const char **v = NULL, **alias;
	char *tok;
	size_t n = 0;

	while ((tok = util_field(&rest)) != NULL) {
		v = xrealloc(v, (n + 1) * sizeof(*v));
		v[n++] = clean(r, lineno, tok, strlen(tok));
	}
	if (n > 0) {
		alias = arena_alloc(&r->arena, n * sizeof(*alias));
		memcpy(alias, v, n * sizeof(*alias));
		e->alias = alias;
		e->nalias = n;
	}
	free(v);
}

/*
 * One services(5) line: "name port/proto[/proto...] [aliases...] [# text]".
 * Returns 0 (error reported) if the registry can take no more entries.
 */
static int
services_line(struct registry *r, char *s, size_t lineno)
{
	struct registry_entry e;
	char *hash, *tok, *rest, *slash, *pp, *end;
	unsigned bit;

	memset(&e, 0, sizeof(e));
	e.line = lineno;
	e.desc = e.assignee = e.contact = e.registered = e.modified = "";
	e.reference = e.code = e.unauthorized = e.notes = "";
	if ((hash = strchr(s, '#')) != NULL) {
		*hash++ = '\0';
		e.desc = clean(r, lineno, hash, strlen(hash));
	}
	rest = s;
	if ((tok = util_field(&rest)) == NULL)
		return 1;
	e.service = clean(r, lineno, tok, strlen(tok));
	if ((tok = util_field(&rest)) == NULL ||
	    (slash = strchr(tok, '/')) == NULL) {
		warn(r, lineno, "expected \"name port/protocol\"; line skipped");
		return 1;
	}
	*slash = '\0';
	/* Wireshark's file has ranges such as "6000-6063/tcp" too. */
	if (!parse_ports(tok, &e.lo, &e.hi)) {
		warn(r, lineno, "bad port number; line skipped");
		return 1;
	}
	/* Wireshark's file merges protocols: "1/tcp/udp/sctp". */
	for (pp = slash + 1; *pp != '\0'; pp = end) {
		end = pp + strcspn(pp, "/");
		/* AppleTalk's DDP sockets (netbase lists a few) are no ports. */
		if ((size_t)(end - pp) == 3 && strncmp(pp, "ddp", 3) == 0)
			return 1;
		if (!parse_proto(pp, (size_t)(end - pp), &bit)) {
			warn(r, lineno, "unknown transport protocol; line skipped");
			return 1;
		}
		e.protos |= bit;
		if (*end == '/')
			end++;
	}
	services_aliases(r, &e, rest, lineno);
	e.has_port = 1;
	return entry_add(r, &e);
}

static int
load_services(struct registry *r, FILE *f)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, f)) > 0) {
		lineno++;
		if ((size_t)n > MAX_FIELD) {
			warn(r, lineno, "line longer than 64 KiB; skipped");
			continue;
		}
		if (memchr(line, '\0', (size_t)n) != NULL) {
			warn(r, lineno, "NUL byte; line skipped");
			continue;
		}
		line[strcspn(line, "\r\n")] = '\0';
		if (line[strspn(line, " \t")] == '\0' ||
		    line[strspn(line, " \t")] == '#')
			continue;
		if (!services_line(r, line, lineno)) {
			free(line);
			return 0;
		}
	}
	free(line);
	return 1;
}

/*
 * Builds the port index. Returns 0 (error reported) if the ranges cover
 * more than MAX_PORT_ENTRIES ports in all; a port keeps its first
 * MAX_PER_PORT entries (warning for each entry left out).
 */
static int
index_ports(struct registry *r)
{
	struct registry_index *ix;
	size_t i, p, total = 0;
	uint32_t *fill;
	int over;

	/* Checked before the index is built: a range costs a slot per port. */
	for (i = 0; i < r->n; i++)
		if (r->e[i].has_port)
			total += r->e[i].hi - r->e[i].lo + 1;
	if (total > MAX_PORT_ENTRIES) {
		util_err(r->path, 0, "port ranges cover %zu ports in all (limit "
		    "%u)", total, MAX_PORT_ENTRIES);
		return 0;
	}
	ix = r->index = xcalloc(1, sizeof(*ix));
	for (i = 0; i < r->n; i++) {
		if (!r->e[i].has_port) {
			r->nnoport++;
			continue;
		}
		for (p = r->e[i].lo, over = 0; p <= r->e[i].hi; p++)
			if (ix->off[p + 1] < MAX_PER_PORT)
				ix->off[p + 1]++;
			else
				over = 1;
		if (over)
			warn(r, r->e[i].line, "more than " XSTR(MAX_PER_PORT)
			    " entries at a port; left off its page");
	}
	for (p = 0; p < PORT_COUNT; p++)
		ix->off[p + 1] += ix->off[p];
	ix->at = xmalloc((ix->off[PORT_COUNT] + 1) * sizeof(*ix->at));
	fill = xmalloc(PORT_COUNT * sizeof(*fill));
	memcpy(fill, ix->off, PORT_COUNT * sizeof(*fill));
	/* The same entries, in the same order, as counted above. */
	for (i = 0; i < r->n; i++)
		if (r->e[i].has_port)
			for (p = r->e[i].lo; p <= r->e[i].hi; p++)
				if (fill[p] < ix->off[p + 1])
					ix->at[fill[p]++] = &r->e[i];
	free(fill);
	return 1;
}

const struct registry_entry *const *
registry_at(const struct registry *r, unsigned port, size_t *n)
{
	const struct registry_index *ix = r->index;

	*n = ix->off[port + 1] - ix->off[port];
	return ix->at + ix->off[port];
}

struct registry *
registry_load(const char *path)
{
	struct registry *r = xcalloc(1, sizeof(*r));
	struct stat st;
	FILE *f = NULL;
	char head[256];
	size_t hn;
	int ok = 0;

	r->path = xstrdup(path);
	if ((f = fopen(path, "rb")) == NULL) {
		util_err(path, 0, "cannot open registry: %s", strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		util_err(path, 0, "registry is not a regular file");
		goto out;
	}
	if ((size_t)st.st_size > MAX_REGISTRY) {
		util_err(path, 0, "registry too large (limit %u MiB)",
		    MAX_REGISTRY >> 20);
		goto out;
	}
	hn = fread(head, 1, sizeof(head) - 1, f);
	head[hn] = '\0';
	if (hn == 0) {
		util_err(path, 0, "registry is empty");
		goto out;
	}
	rewind(f);
	if (strstr(head, "Service Name") != NULL &&
	    strstr(head, "Port Number") != NULL) {
		r->format = REGISTRY_CSV;
		if (!load_csv(r, f))
			goto out;
	} else {
		r->format = REGISTRY_SERVICES;
		if (!load_services(r, f))
			goto out;
	}
	if (ferror(f)) {
		util_err(path, 0, "read error: %s", strerror(errno));
		goto out;
	}
	if (r->n == 0) {
		util_err(path, 0, "no port entries found (expected IANA's CSV "
		    "or a services(5) file)");
		goto out;
	}
	if (!index_ports(r))
		goto out;
	if (r->nwarn > MAX_WARN)
		util_warn(path, 0, "%zu more warnings not shown",
		    r->nwarn - MAX_WARN);
	ok = 1;
out:
	if (f != NULL)
		fclose(f);
	if (!ok) {
		registry_free(r);
		return NULL;
	}
	return r;
}

void
registry_free(struct registry *r)
{
	if (r == NULL)
		return;
	arena_free(r->arena);
	free(r->e);
	if (r->index != NULL)
		free(r->index->at);
	free(r->index);
	free(r->path);
	free(r);
}

const char *
registry_proto_name(unsigned i)
{
	return protonames[i];
}

void
registry_protos_str(unsigned protos, char *s)
{
	unsigned i;

	*s = '\0';
	for (i = 0; i < REGISTRY_NPROTO; i++)
		if (protos & (1u << i)) {
			if (*s != '\0')
				strcat(s, "/");
			strcat(s, protonames[i]);
		}
}

enum registry_status
registry_port_status(const struct registry *r, unsigned port, unsigned proto)
{
	enum registry_status st = REGISTRY_UNASSIGNED;
	const struct registry_entry *const *at, *e;
	size_t i, n;

	at = registry_at(r, port, &n);
	for (i = 0; i < n; i++) {
		e = at[i];
		/* A row without a protocol speaks for TCP and UDP alike. */
		if (!(e->protos & proto) && !(e->protos == 0 &&
		    (proto & (REGISTRY_TCP | REGISTRY_UDP))))
			continue;
		if (e->status > st)
			st = e->status;
	}
	return st;
}

int
registry_ref_url(const char *ref, size_t n, char *url, size_t urlsize)
{
	size_t i;

	if (n > 3 && strncasecmp(ref, "RFC", 3) == 0) {
		for (i = 3; i < n && isdigit((unsigned char)ref[i]); i++)
			;
		if (i == n && n - 3 <= 5) {
			snprintf(url, urlsize, "https://www.rfc-editor.org/rfc/"
			    "rfc%.*s", (int)(n - 3), ref + 3);
			return 1;
		}
		return 0;
	}
	if (n > 6 && strncmp(ref, "draft-", 6) == 0 && util_url_safe(ref, n) &&
	    n + 40 < urlsize) {
		snprintf(url, urlsize, "https://datatracker.ietf.org/doc/%.*s/",
		    (int)n, ref);
		return 1;
	}
	if (((n > 7 && strncmp(ref, "http://", 7) == 0) || (n > 8 &&
	    strncmp(ref, "https://", 8) == 0)) && util_url_safe(ref, n) &&
	    n < urlsize) {
		snprintf(url, urlsize, "%.*s", (int)n, ref);
		return 1;
	}
	return 0;
}
