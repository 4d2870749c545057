/* site.c - building the site: every port page, the indexes, search data, assets */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "out.h"
#include "port.h"
#include "registry.h"
#include "site.h"
#include "tmpl.h"
#include "util.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

#define BLOCK 256		/* ports on a block index page */
#define MAX_OTHER 16		/* links to the same service on other ports */
#define MAX_NAMES 64		/* service names listed for one port */
#define CHUNK 64		/* ports a worker takes at a time */
#define CACHE_BYTES (8u << 20)	/* per worker */
#define SITEMAP_MAX 50000	/* URLs per sitemap file (the protocol's limit) */
#define MAX_ASSET (4u << 20)

/* name, is a section, is raw HTML, what it holds */
#define NAMES \
	X(SITE_TITLE, 0, 0, "site title (site.conf)") \
	X(SITE_DESCRIPTION, 0, 0, "site description (site.conf)") \
	X(LANG, 0, 0, "page language (site.conf)") \
	X(ROOT, 0, 0, "relative path to the site root: empty or ../") \
	X(PAGE_TITLE, 0, 0, "the page's title") \
	X(PAGE_DESCRIPTION, 0, 0, "the page's meta description") \
	X(HAS_CANONICAL, 1, 0, "shown when base_url is set") \
	X(CANONICAL_URL, 0, 0, "absolute URL of the page") \
	X(HAS_FEEDBACK, 1, 0, "shown when feedback_url is set") \
	X(FEEDBACK_URL, 0, 0, "feedback_url (site.conf), may be empty") \
	X(HAS_FOOTER, 1, 0, "shown when footer is set") \
	X(FOOTER, 0, 0, "footer text (site.conf)") \
	X(HAS_BUILD_DATE, 1, 0, "shown when SOURCE_DATE_EPOCH is set") \
	X(BUILD_DATE, 0, 0, "YYYY-MM-DD from SOURCE_DATE_EPOCH") \
	X(VERSION, 0, 0, "portpages version") \
	X(SOURCE_FILE, 0, 0, "the registry file the data came from") \
	X(SOURCE_KIND, 0, 0, "what kind of file that is") \
	X(HAS_SOURCE_DATE, 1, 0, "shown when the registry carries dates") \
	X(SOURCE_DATE, 0, 0, "newest date in the registry") \
	X(CRUMB, 1, 0, "breadcrumb links above the current page") \
	X(CRUMB_URL, 0, 0, "CRUMB: link, relative") \
	X(CRUMB_TEXT, 0, 0, "CRUMB: text") \
	X(BODY, 0, 1, "layouts: the page's rendered sections (HTML)") \
	X(PORT, 0, 0, "the port number") \
	X(IS_ZERO, 1, 0, "port 0") \
	X(IS_SYSTEM, 1, 0, "port in 0-1023") \
	X(IS_USER, 1, 0, "port in 1024-49151") \
	X(IS_DYNAMIC, 1, 0, "port in 49152-65535") \
	X(IS_RANGE_FIRST, 1, 0, "first port of its range") \
	X(IS_RANGE_LAST, 1, 0, "last port of its range") \
	X(RANGE, 1, 0, "index pages: one per IANA range") \
	X(RANGE_ID, 0, 0, "system, user or dynamic") \
	X(RANGE_NAME, 0, 0, "well-known, registered or dynamic") \
	X(RANGE_TITLE, 0, 0, "Well-known ports, Registered ports, ...") \
	X(RANGE_RFC_NAME, 0, 0, "RFC 6335's name: System Ports, ...") \
	X(RANGE_LO, 0, 0, "first port of the range") \
	X(RANGE_HI, 0, 0, "last port of the range") \
	X(RANGE_SIZE, 0, 0, "ports in the range") \
	X(OS, 1, 0, "one per operating system") \
	X(OS_NAME, 0, 0, "OS: its name") \
	X(OS_LO, 0, 0, "OS: first default ephemeral port") \
	X(OS_HI, 0, 0, "OS: last default ephemeral port") \
	X(OS_SETTING, 0, 0, "OS: where the range is set") \
	X(OS_IN, 1, 0, "OS: the port is in its default ephemeral range") \
	X(OS_OUT, 1, 0, "OS: the port is not") \
	X(EPHEMERAL_LINUX, 1, 0, "in Linux's default ephemeral range") \
	X(NOT_EPHEMERAL_LINUX, 1, 0, "not in Linux's default ephemeral range") \
	X(EPHEMERAL_ANY, 1, 0, "in some OS's default ephemeral range") \
	X(EPHEMERAL_NONE, 1, 0, "in no OS's default ephemeral range") \
	X(EPHEMERAL_OSES, 0, 0, "the OSes whose default range holds it") \
	X(STATUS, 1, 0, "one per protocol: TCP, UDP, and SCTP, DCCP if listed") \
	X(STATUS_PROTO, 0, 0, "STATUS: TCP, UDP, SCTP or DCCP") \
	X(STATUS_TEXT, 0, 0, "STATUS: assigned, reserved or unassigned") \
	X(ASSIGNED, 1, 0, "some protocol is assigned") \
	X(NOT_ASSIGNED, 1, 0, "no protocol is assigned") \
	X(RESERVED, 1, 0, "reserved and not assigned") \
	X(HAS_SERVICE, 1, 0, "the port has a service name") \
	X(PRIMARY_SERVICE, 0, 0, "the first service name") \
	X(SERVICE_NAMES, 0, 0, "every service name at the port, comma-separated") \
	X(ASSIGNMENT, 1, 0, "one per registry entry at the port") \
	X(A_HAS_SERVICE, 1, 0, "ASSIGNMENT: has a service name") \
	X(A_SERVICE, 0, 0, "ASSIGNMENT: service name") \
	X(A_NO_SERVICE, 1, 0, "ASSIGNMENT: has no service name") \
	X(A_STATUS, 0, 0, "ASSIGNMENT: assigned, reserved or unassigned") \
	X(A_PROTOCOLS, 0, 0, "ASSIGNMENT: tcp/udp/...") \
	X(A_HAS_PROTOCOLS, 1, 0, "ASSIGNMENT: protocols given") \
	X(A_NO_PROTOCOLS, 1, 0, "ASSIGNMENT: no protocol given") \
	X(A_HAS_DESCRIPTION, 1, 0, "ASSIGNMENT: has a description") \
	X(A_DESCRIPTION, 0, 0, "ASSIGNMENT: description") \
	X(A_IS_RANGE, 1, 0, "ASSIGNMENT: covers a range of ports") \
	X(A_RANGE_LO, 0, 0, "ASSIGNMENT: first port") \
	X(A_RANGE_HI, 0, 0, "ASSIGNMENT: last port") \
	X(A_HAS_ALIASES, 1, 0, "ASSIGNMENT: has aliases") \
	X(A_ALIASES, 0, 0, "ASSIGNMENT: aliases") \
	X(A_HAS_ASSIGNEE, 1, 0, "ASSIGNMENT: has an assignee") \
	X(A_ASSIGNEE, 0, 0, "ASSIGNMENT: assignee") \
	X(A_HAS_CONTACT, 1, 0, "ASSIGNMENT: has a contact") \
	X(A_CONTACT, 0, 0, "ASSIGNMENT: contact") \
	X(A_HAS_REFS, 1, 0, "ASSIGNMENT: has references") \
	X(A_REF, 1, 0, "A_HAS_REFS: one per reference") \
	X(REF_TEXT, 0, 0, "A_REF: the reference as written") \
	X(REF_LINK, 1, 0, "A_REF: has a link") \
	X(REF_URL, 0, 0, "A_REF: the link") \
	X(REF_PLAIN, 1, 0, "A_REF: has no link") \
	X(A_HAS_NOTES, 1, 0, "ASSIGNMENT: has assignment notes") \
	X(A_NOTES, 0, 0, "ASSIGNMENT: assignment notes") \
	X(A_HAS_UNAUTHORIZED, 1, 0, "ASSIGNMENT: unauthorized use reported") \
	X(A_UNAUTHORIZED, 0, 0, "ASSIGNMENT: what was reported") \
	X(A_HAS_REGISTERED, 1, 0, "ASSIGNMENT: has a registration date") \
	X(A_REGISTERED, 0, 0, "ASSIGNMENT: registration date") \
	X(A_HAS_MODIFIED, 1, 0, "ASSIGNMENT: has a modification date") \
	X(A_MODIFIED, 0, 0, "ASSIGNMENT: modification date") \
	X(A_HAS_CODE, 1, 0, "ASSIGNMENT: has a service code") \
	X(A_CODE, 0, 0, "ASSIGNMENT: service code") \
	X(HAS_NOTE, 1, 0, "the port has a curated note") \
	X(NOTE, 0, 1, "layouts: the curated note (HTML)") \
	X(HAS_NOTE_TITLE, 1, 0, "the note has a title") \
	X(NOTE_TITLE, 0, 0, "the note's title") \
	X(HAS_RISK, 1, 0, "the note gives a risk level") \
	X(NOTE_RISK, 0, 0, "low, medium, high or critical") \
	X(TAG, 1, 0, "one per tag of the note") \
	X(TAG_NAME, 0, 0, "TAG: the tag") \
	X(HAS_PREV, 1, 0, "there is a previous port") \
	X(PREV_PORT, 0, 0, "the previous port") \
	X(HAS_NEXT, 1, 0, "there is a next port") \
	X(NEXT_PORT, 0, 0, "the next port") \
	X(BLOCK, 1, 0, "index pages: one per block of 256 ports") \
	X(BLOCK_LO, 0, 0, "first port of the block") \
	X(BLOCK_HI, 0, 0, "last port of the block") \
	X(BLOCK_ASSIGNED, 0, 0, "BLOCK: ports with an assignment") \
	X(HAS_OTHER, 1, 0, "the same services are on other ports") \
	X(OTHER, 1, 0, "one per other port of the same service") \
	X(OTHER_PORT, 0, 0, "OTHER: the port") \
	X(OTHER_SERVICE, 0, 0, "OTHER: the service name") \
	X(COMMON, 1, 0, "home page: one per port with a curated note") \
	X(C_PORT, 0, 0, "COMMON: the port") \
	X(C_TITLE, 0, 0, "COMMON: the note's title") \
	X(ROW, 1, 0, "block page: one per port") \
	X(R_PORT, 0, 0, "ROW: the port") \
	X(R_NAMES, 0, 0, "ROW: service names") \
	X(R_DESC, 0, 0, "ROW: description or status") \
	X(R_HAS_NOTE, 1, 0, "ROW: the port has a note") \
	X(R_NOTE_TITLE, 0, 0, "ROW: the note's title") \
	X(HAS_PREV_BLOCK, 1, 0, "block page: there is a previous block") \
	X(PREV_BLOCK_LO, 0, 0, "first port of the previous block") \
	X(HAS_NEXT_BLOCK, 1, 0, "block page: there is a next block") \
	X(NEXT_BLOCK_LO, 0, 0, "first port of the next block") \
	X(LETTER, 1, 0, "service index: one per letter page") \
	X(LETTER_NAME, 0, 0, "LETTER: A ... Z or 0-9") \
	X(LETTER_FILE, 0, 0, "LETTER: a ... z or 0-9") \
	X(LETTER_CURRENT, 1, 0, "LETTER: the page being shown") \
	X(CURRENT_LETTER, 0, 0, "service index: this page's letter") \
	X(SERVICE, 1, 0, "service index: one per service name") \
	X(S_NAME, 0, 0, "SERVICE: the name") \
	X(S_DESC, 0, 0, "SERVICE: description") \
	X(S_PORT, 1, 0, "SERVICE: one per port or range") \
	X(SP_PORT, 0, 0, "S_PORT: first port") \
	X(SP_LABEL, 0, 0, "S_PORT: port or range, e.g. 6000-6063") \
	X(SP_PROTOCOLS, 0, 0, "S_PORT: protocols") \
	X(S_NOPORT, 1, 0, "SERVICE: a service name without a port") \
	X(NOPORT_COUNT, 0, 0, "service names without a port")

enum {
#define X(n, s, r, d) N_##n,
	NAMES
#undef X
	N_COUNT
};

static const struct tmpl_name names[] = {
#define X(n, s, r, d) { #n, s, r, d },
	NAMES
#undef X
};

volatile int site_interrupted;

/* One service name at one port or range, for cross links and the A-Z index. */
struct svc {
	const char	*name;
	char		*own;		/* name, when it is an alias copied out */
	const struct registry_entry *e;
};

struct ctx {
	const struct site_opts *o;
	struct registry	*reg;
	struct content	*con;
	tmpl_set	*ts;
	struct out	*out;
	int		 lay_port, lay_index, lay_range, lay_block;
	int		 lay_services, lay_search, lay_404;
	struct svc	*svc;		/* sorted by name, then port */
	size_t		 nsvc;
	char		 build_date[16];
	int		 failed;
	unsigned	 next;		/* next port to hand out */
	pthread_mutex_t	 lock;
};

struct worker {
	struct ctx	*x;
	tmpl_dict	*d;
	tmpl_cache	*cache;
	buf		 body, page, tmp, names;
	pthread_t	 tid;
};

const struct tmpl_name *
site_names(size_t *n)
{
	*n = N_COUNT;
	return names;
}

const char *
site_default_registry(const char *content)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/registry.csv", content);
	if (access(path, R_OK) == 0)
		return path;
	if (access("/usr/share/wireshark/services", R_OK) == 0)
		return "/usr/share/wireshark/services";
	if (access("/etc/services", R_OK) == 0)
		return "/etc/services";
	return NULL;
}

/* Values every page has; rel is the page's path below the site root. */
static void
common(const struct ctx *x, tmpl_dict *d, const char *rel, buf *tmp)
{
	const struct content_conf *c = &x->con->conf;
	const char *root = strchr(rel, '/') != NULL ? "../" : "";
	size_t k;

	/* Servers send 404.html for any missing path: relative links would break. */
	if (strcmp(rel, "404.html") == 0 && c->base_url[0] != '\0')
		root = c->base_url;

	tmpl_dict_sets(d, TMPL_ROOT, N_SITE_TITLE, c->title);
	tmpl_dict_sets(d, TMPL_ROOT, N_SITE_DESCRIPTION, c->description);
	tmpl_dict_sets(d, TMPL_ROOT, N_LANG, c->language);
	tmpl_dict_sets(d, TMPL_ROOT, N_ROOT, root);
	tmpl_dict_sets(d, TMPL_ROOT, N_VERSION, VERSION);
	tmpl_dict_sets(d, TMPL_ROOT, N_FEEDBACK_URL, c->feedback_url);
	if (c->base_url[0] != '\0') {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_CANONICAL);
		buf_reset(tmp);
		buf_puts(tmp, c->base_url);
		/* The home page's canonical URL is the site's own. */
		if (strcmp(rel, "index.html") != 0)
			buf_puts(tmp, rel);
		tmpl_dict_set(d, k, N_CANONICAL_URL, tmp->data, tmp->len);
	}
	if (c->feedback_url[0] != '\0')
		tmpl_dict_add(d, TMPL_ROOT, N_HAS_FEEDBACK);
	if (c->footer[0] != '\0') {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_FOOTER);
		tmpl_dict_sets(d, k, N_FOOTER, c->footer);
	}
	if (x->build_date[0] != '\0') {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_BUILD_DATE);
		tmpl_dict_sets(d, k, N_BUILD_DATE, x->build_date);
	}
	tmpl_dict_sets(d, TMPL_ROOT, N_SOURCE_FILE, x->reg->path);
	tmpl_dict_sets(d, TMPL_ROOT, N_SOURCE_KIND,
	    x->reg->format == REGISTRY_CSV ? "IANA's Service Name and "
	    "Transport Protocol Port Number Registry (CSV)" :
	    "a services(5) file");
	if (x->reg->newest[0] != '\0') {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_SOURCE_DATE);
		tmpl_dict_sets(d, k, N_SOURCE_DATE, x->reg->newest);
	}
}

static void
crumb(tmpl_dict *d, const char *url, const char *text)
{
	size_t k = tmpl_dict_add(d, TMPL_ROOT, N_CRUMB);

	tmpl_dict_sets(d, k, N_CRUMB_URL, url);
	tmpl_dict_sets(d, k, N_CRUMB_TEXT, text);
}

static void
range_values(tmpl_dict *d, size_t node, const struct port_range_info *r)
{
	tmpl_dict_sets(d, node, N_RANGE_ID, r->id);
	tmpl_dict_sets(d, node, N_RANGE_NAME, r->name);
	tmpl_dict_sets(d, node, N_RANGE_TITLE, r->title);
	tmpl_dict_sets(d, node, N_RANGE_RFC_NAME, r->rfc_name);
	tmpl_dict_setu(d, node, N_RANGE_LO, r->lo);
	tmpl_dict_setu(d, node, N_RANGE_HI, r->hi);
	tmpl_dict_setu(d, node, N_RANGE_SIZE, r->hi - r->lo + 1);
}

static const char *
status_text(enum registry_status s)
{
	return s == REGISTRY_ASSIGNED ? "assigned" : s == REGISTRY_RESERVED ?
	    "reserved" : "unassigned";
}

/*
 * Appends every distinct service name and alias at port, comma-separated,
 * at most MAX_NAMES of them: the check for repeats is quadratic.
 */
static void
port_names(const struct registry *r, unsigned port, buf *b)
{
	const struct registry_entry *e;
	const char *p;
	size_t start = b->len, n, count = 0;
	uint32_t i;
	char *dup, *name, *save;

	for (i = r->off[port]; i < r->off[port + 1]; i++) {
		e = &r->e[r->idx[i]];
		dup = xmalloc(strlen(e->service) + strlen(e->aliases) + 2);
		sprintf(dup, "%s %s", e->service, e->aliases);
		for (name = strtok_r(dup, " ", &save); name != NULL &&
		    count < MAX_NAMES; name = strtok_r(NULL, " ", &save)) {
			n = strlen(name);
			/* Skip names already listed: ", name," within the list. */
			for (p = b->data ? b->data + start : NULL; p != NULL &&
			    (p = strstr(p, name)) != NULL; p += n)
				if ((p == b->data + start || p[-1] == ' ') &&
				    (p[n] == ',' || p[n] == '\0'))
					break;
			if (p != NULL)
				continue;
			if (b->len > start)
				buf_puts(b, ", ");
			buf_puts(b, name);
			count++;
		}
		free(dup);
	}
}

/* The first description of an assigned entry at port, or NULL. */
static const char *
port_desc(const struct registry *r, unsigned port)
{
	const struct registry_entry *e;
	uint32_t i;

	for (i = r->off[port]; i < r->off[port + 1]; i++) {
		e = &r->e[r->idx[i]];
		if (e->status == REGISTRY_ASSIGNED && e->desc[0] != '\0')
			return e->desc;
	}
	return NULL;
}

/* The length of s cut to at most max bytes without splitting a character. */
static size_t
utf8_prefix(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

static void
set_opt(tmpl_dict *d, size_t node, int has, int name, const char *v)
{
	if (v[0] != '\0')
		tmpl_dict_sets(d, tmpl_dict_add(d, node, has), name, v);
}

/* "[RFC959][RFC1123]" or "[http://...]": one A_REF per bracketed part. */
static void
refs(tmpl_dict *d, size_t node, const char *s)
{
	const char *p = s, *open, *close;
	char url[4200];
	size_t k, n;

	while (*p != '\0') {
		open = strchr(p, '[');
		close = open ? strchr(open, ']') : NULL;
		if (open == NULL || close == NULL) {
			while (*p == ' ')
				p++;
			if (*p != '\0') {
				k = tmpl_dict_add(d, node, N_A_REF);
				tmpl_dict_sets(d, k, N_REF_TEXT, p);
				tmpl_dict_add(d, k, N_REF_PLAIN);
			}
			return;
		}
		n = (size_t)(close - open - 1);
		k = tmpl_dict_add(d, node, N_A_REF);
		tmpl_dict_set(d, k, N_REF_TEXT, open + 1, n);
		if (n < 4096 && registry_ref_url(open + 1, n, url, sizeof(url)))
			tmpl_dict_sets(d, tmpl_dict_add(d, k, N_REF_LINK),
			    N_REF_URL, url);
		else
			tmpl_dict_add(d, k, N_REF_PLAIN);
		p = close + 1;
	}
}

static int
svc_cmp(const void *a, const void *b)
{
	const struct svc *x = a, *y = b;
	int c = strcasecmp(x->name, y->name);

	if (c == 0)
		c = strcmp(x->name, y->name);
	if (c == 0)
		c = (x->e->lo > y->e->lo) - (x->e->lo < y->e->lo);
	if (c == 0)
		c = (x->e->hi > y->e->hi) - (x->e->hi < y->e->hi);
	if (c == 0)
		c = (x->e > y->e) - (x->e < y->e);
	return c;
}

/* Index of the first svc named name, or x->nsvc. */
static size_t
svc_find(const struct ctx *x, const char *name)
{
	size_t lo = 0, hi = x->nsvc, mid;
	int c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		c = strcasecmp(x->svc[mid].name, name);
		if (c == 0)
			c = strcmp(x->svc[mid].name, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Links to the same service names on other ports, at most MAX_OTHER. */
static void
others(const struct ctx *x, tmpl_dict *d, unsigned port, const char *list)
{
	char *dup = xstrdup(list), *name, *save;
	unsigned seen[MAX_OTHER], nseen = 0, i, p;
	size_t j, k, node = 0;

	for (name = strtok_r(dup, ", ", &save); name != NULL && nseen <
	    MAX_OTHER; name = strtok_r(NULL, ", ", &save)) {
		for (j = svc_find(x, name); j < x->nsvc && nseen < MAX_OTHER &&
		    strcmp(x->svc[j].name, name) == 0; j++) {
			p = x->svc[j].e->lo;
			if (!x->svc[j].e->has_port || (port >= x->svc[j].e->lo &&
			    port <= x->svc[j].e->hi))
				continue;
			for (i = 0; i < nseen && seen[i] != p; i++)
				;
			if (i < nseen)
				continue;
			seen[nseen++] = p;
			if (node == 0)
				node = tmpl_dict_add(d, TMPL_ROOT, N_HAS_OTHER);
			k = tmpl_dict_add(d, node, N_OTHER);
			tmpl_dict_setu(d, k, N_OTHER_PORT, p);
			tmpl_dict_sets(d, k, N_OTHER_SERVICE, name);
		}
	}
	free(dup);
}

/* Fills d with everything the templates may say about port. */
static void
port_dict(const struct ctx *x, unsigned port, tmpl_dict *d, buf *tmp,
    buf *names)
{
	const struct registry *r = x->reg;
	const struct registry_entry *e;
	const struct port_range_info *ri = port_range_info(port_range_of(port));
	const struct content_note *note = x->con->notes[port];
	enum registry_status st, best = REGISTRY_UNASSIGNED;
	char rel[32], s[64], proto[24];
	const char *desc;
	size_t k, a, nos = 0;
	unsigned os, b, i;
	uint32_t j;
	int in_any = 0;

	snprintf(rel, sizeof(rel), "port/%u.html", port);
	common(x, d, rel, tmp);
	tmpl_dict_setu(d, TMPL_ROOT, N_PORT, port);
	if (port == 0)
		tmpl_dict_add(d, TMPL_ROOT, N_IS_ZERO);
	tmpl_dict_add(d, TMPL_ROOT, ri->lo == 0 ? N_IS_SYSTEM :
	    ri->lo == 1024 ? N_IS_USER : N_IS_DYNAMIC);
	if (port == ri->lo)
		tmpl_dict_add(d, TMPL_ROOT, N_IS_RANGE_FIRST);
	if (port == ri->hi)
		tmpl_dict_add(d, TMPL_ROOT, N_IS_RANGE_LAST);
	range_values(d, TMPL_ROOT, ri);

	buf_reset(tmp);
	for (os = 0; os < PORT_OS_N; os++) {
		const struct port_os_info *oi = port_os_info(os);
		int in = port_os_ephemeral(os, port);

		k = tmpl_dict_add(d, TMPL_ROOT, N_OS);
		tmpl_dict_sets(d, k, N_OS_NAME, oi->name);
		tmpl_dict_setu(d, k, N_OS_LO, oi->lo);
		tmpl_dict_setu(d, k, N_OS_HI, oi->hi);
		tmpl_dict_sets(d, k, N_OS_SETTING, oi->setting);
		tmpl_dict_add(d, k, in ? N_OS_IN : N_OS_OUT);
		if (in) {
			in_any = 1;
			nos++;
		}
	}
	for (os = 0, i = 0; os < PORT_OS_N; os++) {
		if (!port_os_ephemeral(os, port))
			continue;
		if (i > 0)
			buf_puts(tmp, ++i == nos ? " and " : ", ");
		else
			i = 1;
		buf_puts(tmp, port_os_info(os)->name);
	}
	tmpl_dict_add(d, TMPL_ROOT, port_os_ephemeral(PORT_OS_LINUX, port) ?
	    N_EPHEMERAL_LINUX : N_NOT_EPHEMERAL_LINUX);
	if (in_any) {
		k = tmpl_dict_add(d, TMPL_ROOT, N_EPHEMERAL_ANY);
		tmpl_dict_set(d, k, N_EPHEMERAL_OSES, tmp->data, tmp->len);
	} else
		tmpl_dict_add(d, TMPL_ROOT, N_EPHEMERAL_NONE);

	for (b = 0; b < REGISTRY_NPROTO; b++) {
		st = registry_port_status(r, port, 1u << b);
		/* SCTP and DCCP only where the registry lists them. */
		if (b >= 2 && st == REGISTRY_UNASSIGNED)
			continue;
		k = tmpl_dict_add(d, TMPL_ROOT, N_STATUS);
		for (i = 0; registry_proto_name(b)[i] != '\0'; i++)
			s[i] = (char)toupper((unsigned char)
			    registry_proto_name(b)[i]);
		s[i] = '\0';
		tmpl_dict_sets(d, k, N_STATUS_PROTO, s);
		tmpl_dict_sets(d, k, N_STATUS_TEXT, status_text(st));
		if (st > best)
			best = st;
	}
	tmpl_dict_add(d, TMPL_ROOT, best == REGISTRY_ASSIGNED ? N_ASSIGNED :
	    N_NOT_ASSIGNED);
	if (best == REGISTRY_RESERVED)
		tmpl_dict_add(d, TMPL_ROOT, N_RESERVED);

	buf_reset(names);
	port_names(r, port, names);
	if (names->len > 0) {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_SERVICE);
		tmpl_dict_set(d, k, N_PRIMARY_SERVICE, names->data,
		    strcspn(names->data, ","));
		tmpl_dict_set(d, TMPL_ROOT, N_SERVICE_NAMES, names->data,
		    names->len);
		others(x, d, port, names->data);
	}

	for (j = r->off[port]; j < r->off[port + 1]; j++) {
		e = &r->e[r->idx[j]];
		if (e->status == REGISTRY_UNASSIGNED)
			continue;
		a = tmpl_dict_add(d, TMPL_ROOT, N_ASSIGNMENT);
		set_opt(d, a, N_A_HAS_SERVICE, N_A_SERVICE, e->service);
		if (e->service[0] == '\0')
			tmpl_dict_add(d, a, N_A_NO_SERVICE);
		tmpl_dict_sets(d, a, N_A_STATUS, status_text(e->status));
		registry_protos_str(e->protos, proto);
		set_opt(d, a, N_A_HAS_PROTOCOLS, N_A_PROTOCOLS, proto);
		if (proto[0] == '\0')
			tmpl_dict_add(d, a, N_A_NO_PROTOCOLS);
		set_opt(d, a, N_A_HAS_DESCRIPTION, N_A_DESCRIPTION, e->desc);
		if (e->lo != e->hi) {
			k = tmpl_dict_add(d, a, N_A_IS_RANGE);
			tmpl_dict_setu(d, k, N_A_RANGE_LO, e->lo);
			tmpl_dict_setu(d, k, N_A_RANGE_HI, e->hi);
		}
		set_opt(d, a, N_A_HAS_ALIASES, N_A_ALIASES, e->aliases);
		set_opt(d, a, N_A_HAS_ASSIGNEE, N_A_ASSIGNEE, e->assignee);
		set_opt(d, a, N_A_HAS_CONTACT, N_A_CONTACT, e->contact);
		if (e->reference[0] != '\0')
			refs(d, tmpl_dict_add(d, a, N_A_HAS_REFS), e->reference);
		set_opt(d, a, N_A_HAS_NOTES, N_A_NOTES, e->notes);
		set_opt(d, a, N_A_HAS_UNAUTHORIZED, N_A_UNAUTHORIZED,
		    e->unauthorized);
		set_opt(d, a, N_A_HAS_REGISTERED, N_A_REGISTERED, e->registered);
		set_opt(d, a, N_A_HAS_MODIFIED, N_A_MODIFIED, e->modified);
		set_opt(d, a, N_A_HAS_CODE, N_A_CODE, e->code);
	}

	if (note != NULL) {
		k = tmpl_dict_add(d, TMPL_ROOT, N_HAS_NOTE);
		set_opt(d, k, N_HAS_NOTE_TITLE, N_NOTE_TITLE, note->title);
		set_opt(d, k, N_HAS_RISK, N_NOTE_RISK, note->risk);
		if (note->tags[0] != '\0') {
			char *tags = xstrdup(note->tags), *t, *save;

			for (t = strtok_r(tags, " ", &save); t != NULL;
			    t = strtok_r(NULL, " ", &save))
				tmpl_dict_sets(d, tmpl_dict_add(d, k, N_TAG),
				    N_TAG_NAME, t);
			free(tags);
		}
	}
	if (port > 0)
		tmpl_dict_setu(d, tmpl_dict_add(d, TMPL_ROOT, N_HAS_PREV),
		    N_PREV_PORT, port - 1);
	if (port < PORT_MAX)
		tmpl_dict_setu(d, tmpl_dict_add(d, TMPL_ROOT, N_HAS_NEXT),
		    N_NEXT_PORT, port + 1);
	tmpl_dict_setu(d, TMPL_ROOT, N_BLOCK_LO, port / BLOCK * BLOCK);
	tmpl_dict_setu(d, TMPL_ROOT, N_BLOCK_HI, port / BLOCK * BLOCK + BLOCK - 1);

	crumb(d, "index.html", "Home");
	snprintf(s, sizeof(s), "range/%s.html", ri->id);
	crumb(d, s, ri->title);
	snprintf(s, sizeof(s), "block/%u.html", port / BLOCK * BLOCK);
	snprintf(rel, sizeof(rel), "Ports %u\xe2\x80\x93%u", port / BLOCK * BLOCK,
	    port / BLOCK * BLOCK + BLOCK - 1);
	crumb(d, s, rel);

	buf_reset(tmp);
	buf_printf(tmp, "Port %u", port);
	if (note != NULL && note->title[0] != '\0')
		buf_printf(tmp, ": %s", note->title);
	else if (names->len > 0)
		buf_printf(tmp, ": %.*s", (int)strcspn(names->data, ","),
		    names->data);
	buf_printf(tmp, " | %s", x->con->conf.title);
	tmpl_dict_set(d, TMPL_ROOT, N_PAGE_TITLE, tmp->data, tmp->len);
	buf_reset(tmp);
	buf_printf(tmp, "Port %u is a %s port", port, ri->name);
	if (best == REGISTRY_ASSIGNED && (desc = port_desc(r, port)) != NULL)
		buf_printf(tmp, " assigned to %.*s (%.*s)",
		    (int)strcspn(names->data ? names->data : "", ","),
		    names->data ? names->data : "", (int)utf8_prefix(desc, 120),
		    desc);
	else
		buf_printf(tmp, " with no IANA assignment");
	buf_puts(tmp, ". What uses it, how to see what is listening on it on "
	    "Linux, macOS and Windows, and what to watch for.");
	tmpl_dict_set(d, TMPL_ROOT, N_PAGE_DESCRIPTION, tmp->data, tmp->len);
}

/* Renders port's page (HTML, or filled Markdown with o->markdown) into w->page. */
static int
port_page(struct worker *w, unsigned port)
{
	const struct ctx *x = w->x;
	size_t i, n = tmpl_set_nsections(x->ts);
	const char *name;
	int id;

	tmpl_dict_reset(w->d);
	port_dict(x, port, w->d, &w->tmp, &w->names);
	buf_reset(&w->body);
	buf_reset(&w->page);
	if (x->o->markdown) {
		buf_printf(&w->page, "---\ntitle: \"Port %u\"\n---\n", port);
		if (!content_note_markdown(x->con, port, &w->page))
			return 0;
		for (i = 0; i < n; i++) {
			name = tmpl_section_name(x->ts, i);
			id = tmpl_section_template(x->ts, i, port_variant(port,
			    name, tmpl_section_nvariants(x->ts, i)));
			buf_putc(&w->page, '\n');
			if (!tmpl_fill(x->ts, id, w->d, &w->page))
				return 0;
		}
		return 1;
	}
	for (i = 0; i < n; i++) {
		name = tmpl_section_name(x->ts, i);
		id = tmpl_section_template(x->ts, i, port_variant(port, name,
		    tmpl_section_nvariants(x->ts, i)));
		buf_printf(&w->body, "<section class=\"section section-%s\">\n",
		    name);
		if (!tmpl_render(x->ts, id, w->d, w->cache, &w->body))
			return 0;
		buf_puts(&w->body, "</section>\n");
	}
	tmpl_dict_set_raw(w->d, TMPL_ROOT, N_BODY, w->body.data, w->body.len);
	if (x->con->notes[port] != NULL) {
		buf_reset(&w->tmp);
		if (!content_note_html(x->con, port, &w->tmp))
			return 0;
		tmpl_dict_set_raw(w->d, TMPL_ROOT, N_NOTE, w->tmp.data,
		    w->tmp.len);
	}
	return tmpl_render(x->ts, x->lay_port, w->d, w->cache, &w->page);
}

static void
worker_init(struct worker *w, struct ctx *x)
{
	memset(w, 0, sizeof(*w));
	w->x = x;
	w->d = tmpl_dict_new();
	w->cache = x->o->nocache ? NULL : tmpl_cache_new(CACHE_BYTES);
}

static void
worker_free(struct worker *w)
{
	tmpl_dict_free(w->d);
	tmpl_cache_free(w->cache);
	buf_free(&w->body);
	buf_free(&w->page);
	buf_free(&w->tmp);
	buf_free(&w->names);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct ctx *x = w->x;
	unsigned lo, hi, p;
	char rel[32];

	for (;;) {
		pthread_mutex_lock(&x->lock);
		lo = x->next;
		x->next = lo + CHUNK;
		if (x->failed || site_interrupted)
			lo = x->o->hi + 1;
		pthread_mutex_unlock(&x->lock);
		if (lo > x->o->hi)
			return NULL;
		hi = lo + CHUNK - 1 > x->o->hi ? x->o->hi : lo + CHUNK - 1;
		for (p = lo; p <= hi && !site_interrupted; p++) {
			snprintf(rel, sizeof(rel), "port/%u.%s", p,
			    x->o->markdown ? "md" : "html");
			if (!port_page(w, p) || !out_write(x->out, rel,
			    w->page.data, w->page.len)) {
				pthread_mutex_lock(&x->lock);
				x->failed = 1;
				pthread_mutex_unlock(&x->lock);
				return NULL;
			}
		}
	}
}

/* Renders every port page on o->jobs threads. */
static int
port_pages(struct ctx *x)
{
	int i, n = x->o->jobs > 0 ? x->o->jobs : 1, started = 0;
	struct worker *w = xcalloc((size_t)n, sizeof(*w));

	x->next = x->o->lo;
	for (i = 0; i < n; i++)
		worker_init(&w[i], x);
	for (i = 1; i < n; i++)
		if (pthread_create(&w[i].tid, NULL, work, &w[i]) == 0)
			started = i;
		else
			break;
	work(&w[0]);
	for (i = 1; i <= started; i++)
		pthread_join(w[i].tid, NULL);
	for (i = 0; i < n; i++)
		worker_free(&w[i]);
	free(w);
	return !x->failed && !site_interrupted;
}

/* Renders body template id into layout lay and writes rel. */
static int
page(struct ctx *x, struct worker *w, int lay, const char *rel)
{
	buf_reset(&w->page);
	return tmpl_render(x->ts, lay, w->d, NULL, &w->page) &&
	    out_write(x->out, rel, w->page.data, w->page.len);
}

static void
page_meta(tmpl_dict *d, const char *title, const char *site, const char *desc)
{
	char s[512];

	snprintf(s, sizeof(s), "%s | %s", title, site);
	tmpl_dict_sets(d, TMPL_ROOT, N_PAGE_TITLE, s);
	tmpl_dict_sets(d, TMPL_ROOT, N_PAGE_DESCRIPTION, desc);
}

static size_t
block_assigned(const struct registry *r, unsigned lo)
{
	size_t n = 0;
	unsigned p;

	for (p = lo; p < lo + BLOCK; p++)
		if (registry_port_status(r, p, REGISTRY_TCP) ==
		    REGISTRY_ASSIGNED || registry_port_status(r, p,
		    REGISTRY_UDP) == REGISTRY_ASSIGNED)
			n++;
	return n;
}

static void
blocks(tmpl_dict *d, unsigned lo, unsigned hi, const size_t *assigned)
{
	unsigned b;
	size_t k;

	for (b = lo / BLOCK * BLOCK; b <= hi; b += BLOCK) {
		k = tmpl_dict_add(d, TMPL_ROOT, N_BLOCK);
		tmpl_dict_setu(d, k, N_BLOCK_LO, b);
		tmpl_dict_setu(d, k, N_BLOCK_HI, b + BLOCK - 1);
		tmpl_dict_setu(d, k, N_BLOCK_ASSIGNED, assigned[b / BLOCK]);
	}
}

static const char letters[] = "abcdefghijklmnopqrstuvwxyz";

/* The letter page a service name is listed on: 'a'..'z', or 0 for "0-9". */
static int
letter_of(const char *name)
{
	int c = tolower((unsigned char)name[0]);

	return c >= 'a' && c <= 'z' ? c : 0;
}

/* Links to every letter page; current is the one shown (-1: 0-9, -2: none). */
static void
letter_nav(tmpl_dict *d, int current)
{
	char up[2] = { 0 }, low[2] = { 0 };
	size_t k;
	int i;

	k = tmpl_dict_add(d, TMPL_ROOT, N_LETTER);
	tmpl_dict_sets(d, k, N_LETTER_NAME, "0-9");
	tmpl_dict_sets(d, k, N_LETTER_FILE, "0-9");
	if (current == -1)
		tmpl_dict_add(d, k, N_LETTER_CURRENT);
	for (i = 0; i < 26; i++) {
		k = tmpl_dict_add(d, TMPL_ROOT, N_LETTER);
		up[0] = (char)toupper((unsigned char)letters[i]);
		low[0] = letters[i];
		tmpl_dict_sets(d, k, N_LETTER_NAME, up);
		tmpl_dict_sets(d, k, N_LETTER_FILE, low);
		if (current == i)
			tmpl_dict_add(d, k, N_LETTER_CURRENT);
	}
}

/* services/L.html for every letter: each name with its ports. */
static int
service_pages(struct ctx *x, struct worker *w)
{
	size_t i, j, s, k, sp;
	char rel[32], label[32], proto[24], title[64];
	int l;
	unsigned protos;

	for (l = -1; l < 26 && !site_interrupted; l++) {
		int want = l < 0 ? 0 : letters[l];

		tmpl_dict_reset(w->d);
		snprintf(rel, sizeof(rel), "services/%s.html", l < 0 ? "0-9" :
		    (char[]){ letters[l], 0 });
		common(x, w->d, rel, &w->tmp);
		snprintf(title, sizeof(title), "Service names: %s", l < 0 ?
		    "0-9 and symbols" : (char[]){ (char)toupper(want), 0 });
		page_meta(w->d, title, x->con->conf.title, "An A to Z index of "
		    "the service names in the port registry, with their ports.");
		tmpl_dict_sets(w->d, TMPL_ROOT, N_CURRENT_LETTER, l < 0 ? "0-9" :
		    (char[]){ (char)toupper(want), 0 });
		crumb(w->d, "index.html", "Home");
		letter_nav(w->d, l);
		for (i = 0; i < x->nsvc; i = j) {
			for (j = i; j < x->nsvc && strcmp(x->svc[j].name,
			    x->svc[i].name) == 0; j++)
				;
			if (letter_of(x->svc[i].name) != want)
				continue;
			s = tmpl_dict_add(w->d, TMPL_ROOT, N_SERVICE);
			tmpl_dict_sets(w->d, s, N_S_NAME, x->svc[i].name);
			tmpl_dict_sets(w->d, s, N_S_DESC, x->svc[i].e->desc);
			for (k = i; k < j; k = sp) {
				const struct registry_entry *e = x->svc[k].e;

				protos = 0;
				for (sp = k; sp < j && x->svc[sp].e->lo == e->lo &&
				    x->svc[sp].e->hi == e->hi && e->has_port; sp++)
					protos |= x->svc[sp].e->protos;
				if (!e->has_port) {
					if (k == i)
						tmpl_dict_add(w->d, s, N_S_NOPORT);
					sp = k + 1;
					continue;
				}
				size_t n = tmpl_dict_add(w->d, s, N_S_PORT);
				tmpl_dict_setu(w->d, n, N_SP_PORT, e->lo);
				if (e->lo == e->hi)
					snprintf(label, sizeof(label), "%u", e->lo);
				else
					snprintf(label, sizeof(label), "%u-%u",
					    e->lo, e->hi);
				tmpl_dict_sets(w->d, n, N_SP_LABEL, label);
				registry_protos_str(protos, proto);
				tmpl_dict_sets(w->d, n, N_SP_PROTOCOLS, proto);
			}
		}
		if (!page(x, w, x->lay_services, rel))
			return 0;
	}
	return !site_interrupted;
}

static int
index_pages(struct ctx *x, struct worker *w)
{
	const struct registry *r = x->reg;
	size_t assigned[PORT_COUNT / BLOCK], k;
	const struct port_range_info *ri;
	unsigned b, p;
	char rel[64], title[128];
	buf *names = &w->body;
	int i;

	for (b = 0; b < PORT_COUNT / BLOCK; b++)
		assigned[b] = block_assigned(r, b * BLOCK);

	tmpl_dict_reset(w->d);
	common(x, w->d, "index.html", &w->tmp);
	tmpl_dict_sets(w->d, TMPL_ROOT, N_PAGE_TITLE, x->con->conf.title);
	tmpl_dict_sets(w->d, TMPL_ROOT, N_PAGE_DESCRIPTION,
	    x->con->conf.description);
	for (i = 0; i < PORT_RANGE_N; i++)
		range_values(w->d, tmpl_dict_add(w->d, TMPL_ROOT, N_RANGE),
		    port_range_info(i));
	for (p = 0; p < PORT_COUNT; p++)
		if (x->con->notes[p] != NULL) {
			k = tmpl_dict_add(w->d, TMPL_ROOT, N_COMMON);
			tmpl_dict_setu(w->d, k, N_C_PORT, p);
			tmpl_dict_sets(w->d, k, N_C_TITLE,
			    x->con->notes[p]->title);
		}
	blocks(w->d, 0, PORT_MAX, assigned);
	letter_nav(w->d, -2);
	if (!page(x, w, x->lay_index, "index.html"))
		return 0;

	for (i = 0; i < PORT_RANGE_N; i++) {
		ri = port_range_info(i);
		tmpl_dict_reset(w->d);
		snprintf(rel, sizeof(rel), "range/%s.html", ri->id);
		common(x, w->d, rel, &w->tmp);
		snprintf(title, sizeof(title), "%s (%u\xe2\x80\x93%u)", ri->title,
		    ri->lo, ri->hi);
		page_meta(w->d, title, x->con->conf.title, "The ports of one "
		    "IANA range, in blocks of 256, and what the range is for.");
		crumb(w->d, "index.html", "Home");
		range_values(w->d, TMPL_ROOT, ri);
		tmpl_dict_add(w->d, TMPL_ROOT, i == 0 ? N_IS_SYSTEM : i == 1 ?
		    N_IS_USER : N_IS_DYNAMIC);
		blocks(w->d, ri->lo, ri->hi, assigned);
		if (!page(x, w, x->lay_range, rel))
			return 0;
	}

	for (b = 0; b < PORT_COUNT; b += BLOCK) {
		if (site_interrupted)
			return 0;
		ri = port_range_info(port_range_of(b));
		tmpl_dict_reset(w->d);
		snprintf(rel, sizeof(rel), "block/%u.html", b);
		common(x, w->d, rel, &w->tmp);
		snprintf(title, sizeof(title), "Ports %u\xe2\x80\x93%u", b,
		    b + BLOCK - 1);
		page_meta(w->d, title, x->con->conf.title, "Every port in one "
		    "block of 256, with its service names.");
		crumb(w->d, "index.html", "Home");
		snprintf(rel, sizeof(rel), "range/%s.html", ri->id);
		crumb(w->d, rel, ri->title);
		snprintf(rel, sizeof(rel), "block/%u.html", b);
		range_values(w->d, TMPL_ROOT, ri);
		tmpl_dict_setu(w->d, TMPL_ROOT, N_BLOCK_LO, b);
		tmpl_dict_setu(w->d, TMPL_ROOT, N_BLOCK_HI, b + BLOCK - 1);
		if (b > 0)
			tmpl_dict_setu(w->d, tmpl_dict_add(w->d, TMPL_ROOT,
			    N_HAS_PREV_BLOCK), N_PREV_BLOCK_LO, b - BLOCK);
		if (b + BLOCK < PORT_COUNT)
			tmpl_dict_setu(w->d, tmpl_dict_add(w->d, TMPL_ROOT,
			    N_HAS_NEXT_BLOCK), N_NEXT_BLOCK_LO, b + BLOCK);
		for (p = b; p < b + BLOCK; p++) {
			const char *desc = port_desc(r, p);

			k = tmpl_dict_add(w->d, TMPL_ROOT, N_ROW);
			tmpl_dict_setu(w->d, k, N_R_PORT, p);
			buf_reset(names);
			port_names(r, p, names);
			tmpl_dict_set(w->d, k, N_R_NAMES, names->data ?
			    names->data : "", names->len);
			if (desc == NULL)
				desc = status_text(registry_port_status(r, p,
				    REGISTRY_TCP) > registry_port_status(r, p,
				    REGISTRY_UDP) ? registry_port_status(r, p,
				    REGISTRY_TCP) : registry_port_status(r, p,
				    REGISTRY_UDP));
			tmpl_dict_sets(w->d, k, N_R_DESC, desc);
			if (x->con->notes[p] != NULL)
				tmpl_dict_sets(w->d, tmpl_dict_add(w->d, k,
				    N_R_HAS_NOTE), N_R_NOTE_TITLE,
				    x->con->notes[p]->title);
		}
		if (!page(x, w, x->lay_block, rel))
			return 0;
	}

	tmpl_dict_reset(w->d);
	common(x, w->d, "search.html", &w->tmp);
	page_meta(w->d, "Search", x->con->conf.title, "Search the ports by "
	    "number, service name or description.");
	crumb(w->d, "index.html", "Home");
	letter_nav(w->d, -2);
	if (!page(x, w, x->lay_search, "search.html"))
		return 0;
	tmpl_dict_reset(w->d);
	common(x, w->d, "404.html", &w->tmp);
	page_meta(w->d, "Page not found", x->con->conf.title, "This page does "
	    "not exist.");
	if (!page(x, w, x->lay_404, "404.html"))
		return 0;
	return service_pages(x, w);
}

/* Appends s as the inside of a JavaScript string literal. */
static void
js_string(buf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		/* Escaping < keeps "</script>" from ever closing a tag. */
		if (c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>' ||
		    c == '&' || c == '\'')
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
}

static int
search_index(struct ctx *x, struct worker *w)
{
	const struct registry *r = x->reg;
	const struct content_note *n;
	buf *b = &w->page, *names = &w->body;
	const char *desc;
	unsigned p;

	buf_reset(b);
	buf_puts(b, "window.PORTPAGES_SEARCH=[\n");
	for (p = 0; p < PORT_COUNT; p++) {
		n = x->con->notes[p];
		buf_reset(names);
		port_names(r, p, names);
		if (names->len == 0 && n == NULL)
			continue;
		desc = port_desc(r, p);
		buf_printf(b, "[%u,\"", p);
		js_string(b, names->data ? names->data : "", names->len);
		buf_puts(b, "\",\"");
		if (desc != NULL)
			js_string(b, desc, strlen(desc));
		buf_puts(b, "\",\"");
		if (n != NULL)
			js_string(b, n->title, strlen(n->title));
		buf_puts(b, "\",\"");
		if (n != NULL) {
			buf_reset(&w->tmp);
			buf_printf(&w->tmp, "%s %s", n->tags, n->names);
			js_string(b, w->tmp.data, w->tmp.len);
		}
		buf_puts(b, "\"],\n");
	}
	buf_puts(b, "];\n");
	return out_write(x->out, "assets/search-index.js", b->data, b->len);
}

/* Hashes templates/assets/ into *hash (if not NULL), or copies it to assets/. */
static int
assets(struct ctx *x, uint64_t *hash, int write)
{
	char *dir = util_path_join(x->o->templates, "assets"), *path, *data;
	struct dirent **ents = NULL;
	char rel[512];
	size_t len;
	int i, m, rc = 0;

	if ((m = scandir(dir, &ents, NULL, alphasort)) < 0) {
		util_err(dir, 0, "cannot read assets: %s", strerror(errno));
		free(dir);
		return 0;
	}
	for (i = 0; i < m; i++) {
		if (ents[i]->d_name[0] == '.' || strcmp(ents[i]->d_name,
		    "search-index.js") == 0 || strlen(ents[i]->d_name) > 400)
			continue;
		path = util_path_join(dir, ents[i]->d_name);
		data = util_file_read(path, MAX_ASSET, &len);
		free(path);
		if (data == NULL)
			goto out;
		if (hash != NULL) {
			*hash = util_hash(*hash, ents[i]->d_name,
			    strlen(ents[i]->d_name) + 1);
			*hash = util_hash(*hash, data, len);
		}
		snprintf(rel, sizeof(rel), "assets/%s", ents[i]->d_name);
		if (write && !out_write(x->out, rel, data, len)) {
			free(data);
			goto out;
		}
		free(data);
	}
	rc = 1;
out:
	for (i = 0; i < m; i++)
		free(ents[i]);
	free(ents);
	free(dir);
	return rc;
}

static void
sitemap_url(buf *b, const struct ctx *x, const char *rel)
{
	buf_puts(b, "<url><loc>");
	buf_put_html(b, x->con->conf.base_url, strlen(x->con->conf.base_url));
	if (strcmp(rel, "index.html") != 0)
		buf_puts(b, rel);
	buf_puts(b, "</loc>");
	if (x->build_date[0] != '\0')
		buf_printf(b, "<lastmod>%s</lastmod>", x->build_date);
	buf_puts(b, "</url>\n");
}

/* The pages a sitemap lists, in order: calls f for each. */
static void
each_page(const struct ctx *x, void (*f)(void *, const char *), void *arg)
{
	char rel[64];
	unsigned p;
	int i;

	f(arg, "index.html");
	for (i = 0; i < PORT_RANGE_N; i++) {
		snprintf(rel, sizeof(rel), "range/%s.html", port_range_info(i)->id);
		f(arg, rel);
	}
	for (p = 0; p < PORT_COUNT; p += BLOCK) {
		snprintf(rel, sizeof(rel), "block/%u.html", p);
		f(arg, rel);
	}
	f(arg, "services/0-9.html");
	for (i = 0; i < 26; i++) {
		snprintf(rel, sizeof(rel), "services/%c.html", letters[i]);
		f(arg, rel);
	}
	for (p = x->o->lo; p <= x->o->hi; p++) {
		snprintf(rel, sizeof(rel), "port/%u.html", p);
		f(arg, rel);
	}
}

struct smap {
	struct ctx	*x;
	buf		*b;
	size_t		 n, files;
	int		 ok;
};

static void
smap_flush(struct smap *s)
{
	char rel[32];

	if (s->n == 0)
		return;
	buf_puts(s->b, "</urlset>\n");
	snprintf(rel, sizeof(rel), "sitemap-%zu.xml", ++s->files);
	s->ok = s->ok && out_write(s->x->out, rel, s->b->data, s->b->len);
	buf_reset(s->b);
	s->n = 0;
}

static void
smap_add(void *arg, const char *rel)
{
	struct smap *s = arg;

	if (s->n == SITEMAP_MAX)
		smap_flush(s);
	if (s->n == 0)
		buf_puts(s->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		    "<urlset xmlns=\"http://www.sitemaps.org/schemas/"
		    "sitemap/0.9\">\n");
	sitemap_url(s->b, s->x, rel);
	s->n++;
}

/* robots.txt always; with base_url a sitemap index and its sitemaps. */
static int
sitemaps(struct ctx *x, struct worker *w)
{
	const char *base = x->con->conf.base_url;
	struct smap s = { x, &w->page, 0, 0, 1 };
	buf *b = &w->tmp;
	size_t i;

	buf_reset(b);
	buf_puts(b, "User-agent: *\nAllow: /\n");
	if (base[0] != '\0')
		buf_printf(b, "Sitemap: %ssitemap.xml\n", base);
	if (!out_write(x->out, "robots.txt", b->data, b->len))
		return 0;
	if (base[0] == '\0')
		return 1;
	buf_reset(&w->page);
	each_page(x, smap_add, &s);
	smap_flush(&s);
	if (!s.ok)
		return 0;
	buf_reset(b);
	buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 1; i <= s.files; i++) {
		buf_puts(b, "<sitemap><loc>");
		buf_put_html(b, base, strlen(base));
		buf_printf(b, "sitemap-%zu.xml</loc></sitemap>\n", i);
	}
	buf_puts(b, "</sitemapindex>\n");
	return out_write(x->out, "sitemap.xml", b->data, b->len);
}

/* Every service name (and alias) with a port or without, sorted. */
static void
index_services(struct ctx *x)
{
	const struct registry *r = x->reg;
	size_t i, cap = 0;
	char *names, *t, *save;

	for (i = 0; i < r->n; i++) {
		if (r->e[i].status != REGISTRY_ASSIGNED)
			continue;
		names = xmalloc(strlen(r->e[i].service) +
		    strlen(r->e[i].aliases) + 2);
		sprintf(names, "%s %s", r->e[i].service, r->e[i].aliases);
		for (t = strtok_r(names, " ", &save); t != NULL;
		    t = strtok_r(NULL, " ", &save)) {
			if (x->nsvc == cap) {
				cap = cap ? cap * 2 : 4096;
				x->svc = xrealloc(x->svc, cap * sizeof(*x->svc));
			}
			x->svc[x->nsvc].own = t == names && r->e[i].service[0] ?
			    NULL : xstrdup(t);
			x->svc[x->nsvc].name = x->svc[x->nsvc].own ?
			    x->svc[x->nsvc].own : r->e[i].service;
			x->svc[x->nsvc++].e = &r->e[i];
		}
		free(names);
	}
	qsort(x->svc, x->nsvc, sizeof(*x->svc), svc_cmp);
}

static int
hash_file(const char *path, uint64_t *h)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		util_err(path, 0, "cannot open registry: %s", strerror(errno));
		return 0;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		*h = util_hash(*h, chunk, n);
	fclose(f);
	return 1;
}

/* SOURCE_DATE_EPOCH, if set, as YYYY-MM-DD; the only date pages carry. */
static int
build_date(char *s, size_t n)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;
	time_t tt;
	struct tm tm;

	s[0] = '\0';
	if (e == NULL || *e == '\0')
		return 1;
	t = strtoll(e, &end, 10);
	if (*end != '\0' || t < 0) {
		util_err(NULL, 0, "SOURCE_DATE_EPOCH must be a number of "
		    "seconds");
		return 0;
	}
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	strftime(s, n, "%Y-%m-%d", &tm);
	return 1;
}

static void
ctx_free(struct ctx *x)
{
	size_t i;

	for (i = 0; i < x->nsvc; i++)
		free(x->svc[i].own);
	free(x->svc);
	registry_free(x->reg);
	content_free(x->con);
	tmpl_set_free(x->ts);
	pthread_mutex_destroy(&x->lock);
}

/* Loads templates and content, and checks there is a registry. */
static int
ctx_load(struct ctx *x, const struct site_opts *o, const char *registry)
{
	memset(x, 0, sizeof(*x));
	x->o = o;
	pthread_mutex_init(&x->lock, NULL);
	if (!build_date(x->build_date, sizeof(x->build_date)))
		return 0;
	if ((x->ts = tmpl_set_load(o->templates, names, N_COUNT)) == NULL ||
	    (x->lay_port = tmpl_set_layout(x->ts, "port")) < 0 ||
	    (x->lay_index = tmpl_set_layout(x->ts, "index")) < 0 ||
	    (x->lay_range = tmpl_set_layout(x->ts, "range")) < 0 ||
	    (x->lay_block = tmpl_set_layout(x->ts, "block")) < 0 ||
	    (x->lay_services = tmpl_set_layout(x->ts, "services")) < 0 ||
	    (x->lay_search = tmpl_set_layout(x->ts, "search")) < 0 ||
	    (x->lay_404 = tmpl_set_layout(x->ts, "404")) < 0)
		return 0;
	if ((x->con = content_load(o->content)) == NULL)
		return 0;
	if (registry == NULL) {
		util_err(NULL, 0, "no registry: give one with -r FILE, or put "
		    "IANA's CSV at %s/registry.csv", o->content);
		return 0;
	}
	return 1;
}

/* Reads the registry: after the up-to-date check, which needs only its hash. */
static int
ctx_load_registry(struct ctx *x, const char *registry)
{
	if ((x->reg = registry_load(registry)) == NULL)
		return 0;
	index_services(x);
	return 1;
}

static const char *
registry_path(const struct site_opts *o)
{
	return o->registry != NULL ? o->registry :
	    site_default_registry(o->content);
}

int
site_build(const struct site_opts *o)
{
	const char *registry = registry_path(o);
	struct out_stats st = { 0 };
	struct worker w;
	struct ctx x;
	uint64_t inputs = UTIL_HASH_INIT;
	double t0 = util_now();
	int ok = 0, loaded;
	char opts[128];

	memset(&w, 0, sizeof(w));
	/*
	 * The registry is hashed before it is read: if it changes in between,
	 * the stamp is the older one and the next build starts afresh.
	 */
	if (registry != NULL && !hash_file(registry, &inputs)) {
		memset(&x, 0, sizeof(x));
		pthread_mutex_init(&x.lock, NULL);
		goto out;
	}
	loaded = ctx_load(&x, o, registry);
	if (!loaded)
		goto out;
	/* Everything that can change a byte of output. */
	inputs = util_hash(inputs, VERSION, sizeof(VERSION));
	snprintf(opts, sizeof(opts), "%u-%u %d %s", o->lo, o->hi, o->markdown,
	    x.build_date);
	inputs = util_hash(inputs, opts, strlen(opts) + 1);
	inputs = util_hash(inputs, registry, strlen(registry) + 1);
	inputs ^= tmpl_set_hash(x.ts) * 3 + x.con->hash * 5;
	if (!assets(&x, &inputs, 0))
		goto out;
	if ((x.out = out_open(o->output)) == NULL)
		goto out;
	if (out_uptodate(x.out, inputs)) {
		ok = 1;
		goto out;
	}
	if (!ctx_load_registry(&x, registry))
		goto out;
	if (!out_mkdir(x.out, "port"))
		goto out;
	if (!o->markdown && (!out_mkdir(x.out, "block") ||
	    !out_mkdir(x.out, "range") || !out_mkdir(x.out, "services") ||
	    !out_mkdir(x.out, "assets")))
		goto out;
	if (!port_pages(&x))
		goto out;
	/* A partial build is for previews and measuring: only its port pages. */
	if (!o->markdown && !o->partial) {
		worker_init(&w, &x);
		if (!index_pages(&x, &w) || !search_index(&x, &w) ||
		    !assets(&x, NULL, 1) || !sitemaps(&x, &w))
			goto out;
	}
	ok = !site_interrupted;
out:
	if (site_interrupted)
		util_err(NULL, 0, "interrupted: the site was left as it was, "
		    "page by page old or new");
	if (w.x != NULL)
		worker_free(&w);
	if (x.out != NULL && !out_close(x.out, ok, o->partial, inputs, &st))
		ok = 0;
	if (ok && !o->quiet)
		printf("portpages: %zu written, %zu unchanged, %zu removed "
		    "(%u port pages) in %.3f s\n", st.written, st.unchanged,
		    st.removed, o->hi - o->lo + 1, util_now() - t0);
	ctx_free(&x);
	return ok;
}

int
site_preview(const struct site_opts *o, unsigned port, FILE *f)
{
	struct worker w;
	struct ctx x;
	int ok = 0;

	memset(&w, 0, sizeof(w));
	if (!ctx_load(&x, o, registry_path(o)) ||
	    !ctx_load_registry(&x, registry_path(o)))
		goto out;
	worker_init(&w, &x);
	if (!port_page(&w, port))
		goto out;
	ok = fwrite(w.page.data, 1, w.page.len, f) == w.page.len &&
	    fflush(f) == 0;
	if (!ok)
		util_err(NULL, 0, "cannot write to standard output");
out:
	if (w.x != NULL)
		worker_free(&w);
	ctx_free(&x);
	return ok;
}
