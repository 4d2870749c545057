/* page_api.c - api/: every port as open data (ports.json, ports.csv, api/port/N.json) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "page.h"
#include "pool.h"
#include "util.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

/* The form of the files, docs/ports.schema.json; a change that breaks readers bumps it. */
#define API_FORMAT "portpages-ports/1"

/* The reasons for a verdict, one per MODEL_WHY_* bit, in bit order. */
static const char *const why_ids[] = {
	"port-zero", "system-port", "assigned", "reserved", "known-use",
	"nmap-top-1000", "ephemeral", "nodeport"
};

#define NWHY (sizeof(why_ids) / sizeof(why_ids[0]))

/* What api/ takes from nmap's list: one fact, never its names or figures. */
static const char nmap_included[] = "only whether the port is among the "
    "1,000 TCP or UDP ports nmap's list finds open most often (the reason "
    "nmap-top-1000); none of its names, frequencies or ranks";

/*
 * JSON is written with jsonw rather than jansson's dumper, which took a
 * fifth of a build's time for these 13 MB: the same bytes, keys in the
 * order given (tests/unit/test_jsonw.c holds jsonw to jansson's output).
 */

/* ,"key":"s". */
static void
put_member(buf *b, const char *key, const char *s)
{
	jsonw_key(b, key, 0);
	jsonw_str(b, s);
}

/* ,"key":"s" unless s is empty. */
static void
put_opt(buf *b, const char *key, const char *s)
{
	if (s[0] != '\0')
		put_member(b, key, s);
}

/* The array of the n strings v. */
static void
put_strs(buf *b, const char *const *v, size_t n)
{
	size_t i;

	buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		jsonw_str(b, v[i]);
	}
	buf_putc(b, ']');
}

/* The array of name(bit) for each of the nbits low bits set in bits. */
static void
put_bits(buf *b, unsigned bits, unsigned nbits, const char *(*name)(unsigned))
{
	unsigned bit;
	int first = 1;

	buf_putc(b, '[');
	for (bit = 0; bit < nbits; bit++)
		if (bits & (1u << bit)) {
			if (!first)
				buf_putc(b, ',');
			jsonw_str(b, name(bit));
			first = 0;
		}
	buf_putc(b, ']');
}

/* ["tcp","udp",...] for a set of REGISTRY_* bits. */
static void
put_protocols(buf *b, unsigned protos)
{
	put_bits(b, protos, REGISTRY_NPROTO, registry_proto_name);
}

/* ,"protocols":[...],"ports":[lo,hi]: what an entry or a use covers. */
static void
put_span(buf *b, unsigned protos, unsigned lo, unsigned hi)
{
	jsonw_key(b, "protocols", 0);
	put_protocols(b, protos);
	buf_puts(b, ",\"ports\":[");
	buf_putu(b, lo);
	buf_putc(b, ',');
	buf_putu(b, hi);
	buf_putc(b, ']');
}

/* One registry entry that assigns or reserves the port. */
static void
put_assignment(buf *b, const struct registry_entry *e)
{
	jsonw_key(b, "service", 1);
	jsonw_str(b, e->service);
	if (e->nalias > 0) {
		jsonw_key(b, "aliases", 0);
		put_strs(b, e->alias, e->nalias);
	}
	put_member(b, "status", model_status_text(e->status));
	put_span(b, e->protos, e->lo, e->hi);
	put_opt(b, "description", e->desc);
	put_opt(b, "assignee", e->assignee);
	put_opt(b, "contact", e->contact);
	put_opt(b, "registered", e->registered);
	put_opt(b, "modified", e->modified);
	put_opt(b, "reference", e->reference);
	put_opt(b, "service_code", e->code);
	put_opt(b, "unauthorized_use", e->unauthorized);
	put_opt(b, "notes", e->notes);
}

/* tcp and udp always; sctp and dccp where the registry lists them, as the page does. */
static void
put_statuses(buf *b, const struct model_port *mp)
{
	unsigned bit;

	for (bit = 0; bit < REGISTRY_NPROTO; bit++)
		if (bit < 2 || mp->status[bit] != REGISTRY_UNASSIGNED) {
			jsonw_key(b, registry_proto_name(bit), bit == 0);
			jsonw_str(b, model_status_text(mp->status[bit]));
		}
}

static void
put_curated(buf *b, const struct content_note *n)
{
	/* Every member may be absent but tags: it leads when the title is. */
	if (n->title[0] != '\0') {
		jsonw_key(b, "title", 1);
		jsonw_str(b, n->title);
	}
	jsonw_key(b, "tags", n->title[0] == '\0');
	put_strs(b, (const char *const *)n->tag, n->ntag);
	put_opt(b, "risk", n->risk);
}

static const char *
why_id(unsigned bit)
{
	return why_ids[bit];
}

/* One port: the model's facts, the registry's entries, the uses.csv lines of its known uses. */
static void
put_port(buf *b, const struct site *s, unsigned p)
{
	const struct model_port *mp = &s->model->port[p];
	const struct registry_entry *const *at;
	const struct uses_row *const *use;
	size_t i, n;
	int first = 1;

	buf_puts(b, "{\"port\":");
	buf_putu(b, p);
	put_member(b, "range", port_range_info(port_range_of(p))->id);
	jsonw_key(b, "status", 0);
	buf_putc(b, '{');
	put_statuses(b, mp);
	buf_puts(b, "},\"names\":[");
	for (i = 0; i < mp->nnames; i++) {
		if (i > 0)
			buf_putc(b, ',');
		jsonw_str(b, mp->names[i].name);
	}
	buf_puts(b, "],\"assignments\":[");
	at = registry_at(s->reg, p, &n);
	for (i = 0; i < n; i++)
		if (at[i]->status != REGISTRY_UNASSIGNED) {
			buf_puts(b, first ? "{" : ",{");
			put_assignment(b, at[i]);
			buf_putc(b, '}');
			first = 0;
		}
	buf_putc(b, ']');
	if (mp->note != NULL) {
		jsonw_key(b, "curated", 0);
		buf_putc(b, '{');
		put_curated(b, mp->note);
		buf_putc(b, '}');
	}
	buf_puts(b, ",\"uses\":[");
	use = uses_at(s->con->uses, p, &n);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(b, ',');
		buf_putu(b, use[i]->line);
	}
	buf_puts(b, "],\"verdict\":");
	jsonw_str(b, model_verdict_id(mp->verdict));
	jsonw_key(b, "reasons", 0);
	put_bits(b, mp->why, NWHY, why_id);
	buf_putc(b, '}');
}

/* One row of uses.csv, named by its line. */
static void
put_use(buf *b, const struct uses_row *r)
{
	buf_puts(b, "{\"line\":");
	buf_putu(b, r->line);
	put_member(b, "name", r->name);
	put_member(b, "kind", uses_kind_name(r->kind));
	put_span(b, r->protos, r->lo, r->hi);
	put_member(b, "note", r->note);
	put_member(b, "source", r->source);
	buf_putc(b, '}');
}

static void
put_source(buf *b, const struct site *s, enum source_id id, const char *kind)
{
	static const char *const ids[SOURCE_N] = {
		"registry", "nmap", "wireshark", "system", "uses"
	};

	buf_puts(b, "{\"id\":");
	jsonw_str(b, ids[id]);
	put_member(b, "title", sources_title(&s->src, id));
	put_member(b, "file", sources_file(&s->src, id));
	put_opt(b, "kind", kind);
	put_opt(b, "date", sources_date(&s->src, id));
}

/*
 * The sources api/ draws on: the registry, uses.csv and nmap's one fact.
 * Wireshark's and the system's lists, when they are not the registry,
 * are on the pages only.
 */
static void
put_sources(buf *b, const struct site *s)
{
	buf_putc(b, '[');
	put_source(b, s, SOURCE_IANA, page_source_kind(s));
	buf_putc(b, '}');
	if (s->src.path[SOURCE_USES][0] != '\0') {
		buf_putc(b, ',');
		put_source(b, s, SOURCE_USES, "");
		buf_putc(b, '}');
	}
	if (s->src.nmap != NULL) {
		buf_putc(b, ',');
		put_source(b, s, SOURCE_NMAP, "");
		put_member(b, "included", nmap_included);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/*
 * Ports lo..hi as one document into w->page, written out as it grows: its
 * form and sources, the uses.csv rows they refer to (all of them, or one
 * port's), then one port a line. Returns 0 on failure (reported).
 */
static int
api_document(struct worker *w, unsigned lo, unsigned hi)
{
	const struct site *s = w->s;
	buf *b = &w->page;
	const struct uses *u = s->con->uses;
	const struct uses_row *const *at;
	size_t i, n;
	unsigned p;

	buf_reset(b);
	buf_puts(b, "{\"format\":\"" API_FORMAT "\",\"generator\":\"portpages "
	    VERSION "\",");
	if (s->build_date[0] != '\0') {
		jsonw_key(b, "built", 1);
		jsonw_str(b, s->build_date);
		buf_putc(b, ',');
	}
	buf_puts(b, "\n\"sources\":");
	put_sources(b, s);
	buf_puts(b, ",\n\"uses\":[\n");
	if (lo == hi) {
		at = uses_at(u, lo, &n);
		for (i = 0; i < n; i++) {
			put_use(b, at[i]);
			buf_puts(b, i + 1 == n ? "\n" : ",\n");
		}
	} else
		for (i = 0; i < u->n; i++) {
			put_use(b, &u->r[i]);
			buf_puts(b, i + 1 == u->n ? "\n" : ",\n");
		}
	buf_puts(b, "],\n\"ports\":[\n");
	for (p = lo; p <= hi; p++) {
		put_port(b, s, p);
		buf_puts(b, p == hi ? "\n" : ",\n");
		if (!pool_flush(w))
			return 0;
	}
	buf_puts(b, "]}\n");
	return 1;
}

static int
json_make(struct worker *w, size_t i)
{
	(void)i;
	return api_document(w, 0, PORT_MAX);
}

/* api = true in site.conf: one file per port as well. */
static size_t
port_count(const struct site *s)
{
	return s->con->conf.api ? PORT_COUNT : 0;
}

static void
port_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	snprintf(rel, n, "api/port/%zu.json", i);
}

static int
port_make(struct worker *w, size_t i)
{
	return api_document(w, (unsigned)i, (unsigned)i);
}

/*
 * One CSV cell, RFC 4180: quoted when it holds a comma, a quote or a line
 * break, quotes doubled. A cell a spreadsheet would run as a formula
 * (= + - @ tab CR first) starts with an apostrophe: registry text is not
 * trusted. ports.json has every value exactly.
 */
static void
csv_cell(buf *b, const char *s)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	const char *q;

	if (quote)
		buf_putc(b, '"');
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		buf_putc(b, '\'');
	while (quote && (q = strchr(s, '"')) != NULL) {
		buf_put(b, s, (size_t)(q - s) + 1);
		buf_putc(b, '"');
		s = q + 1;
	}
	buf_puts(b, s);
	if (quote)
		buf_putc(b, '"');
}

/* Several values in one cell, separated by "; ". */
static void
csv_list(buf *b, buf *tmp, const char *const *v, size_t n)
{
	size_t i;

	buf_reset(tmp);
	buf_puts(tmp, "");	/* data is set even when there is no value */
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(tmp, "; ");
		buf_puts(tmp, v[i]);
	}
	csv_cell(b, tmp->data);
}

#define CSV_HEADER "port,range,tcp,udp,sctp,dccp,names,description,title," \
	"tags,risk,verdict,reasons,uses\r\n"

/* One port's row: the same facts as its ports.json line, flattened. */
static void
csv_port(const struct site *s, buf *b, buf *tmp, unsigned p)
{
	const struct model_port *mp = &s->model->port[p];
	const struct content_note *note = mp->note;
	const struct uses_row *const *use;
	const char *v[MODEL_MAX_NAMES > NWHY ? MODEL_MAX_NAMES : NWHY];
	size_t i, n, k;

	buf_putu(b, p);
	buf_putc(b, ',');
	buf_puts(b, port_range_info(port_range_of(p))->id);
	for (i = 0; i < REGISTRY_NPROTO; i++) {
		buf_putc(b, ',');
		buf_puts(b, model_status_text(mp->status[i]));
	}
	for (i = 0; i < mp->nnames; i++)
		v[i] = mp->names[i].name;
	buf_putc(b, ',');
	csv_list(b, tmp, v, mp->nnames);
	buf_putc(b, ',');
	csv_cell(b, mp->desc != NULL ? mp->desc : "");
	buf_putc(b, ',');
	csv_cell(b, note != NULL ? note->title : "");
	buf_putc(b, ',');
	csv_list(b, tmp, (const char *const *)(note != NULL ? note->tag : NULL),
	    note != NULL ? note->ntag : 0);
	buf_putc(b, ',');
	csv_cell(b, note != NULL ? note->risk : "");
	buf_putc(b, ',');
	buf_puts(b, model_verdict_id(mp->verdict));
	buf_putc(b, ',');
	for (i = k = 0; i < NWHY; i++)
		if (mp->why & (1u << i))
			v[k++] = why_ids[i];
	csv_list(b, tmp, v, k);
	buf_putc(b, ',');
	buf_reset(tmp);
	buf_puts(tmp, "");
	use = uses_at(s->con->uses, p, &n);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_puts(tmp, "; ");
		buf_puts(tmp, use[i]->name);
	}
	csv_cell(b, tmp->data);
	buf_puts(b, "\r\n");
}

static int
csv_make(struct worker *w, size_t i)
{
	unsigned p;

	(void)i;
	buf_reset(&w->page);
	buf_puts(&w->page, CSV_HEADER);
	for (p = 0; p < PORT_COUNT; p++) {
		csv_port(w->s, &w->page, &w->tmp, p);
		if (!pool_flush(w))
			return 0;
	}
	return 1;
}

/*
 * ports.json and ports.csv are one kind of two files: one worker makes
 * both, one after the other in one buffer, so that the build never holds
 * two documents of the whole registry at once.
 */
static size_t
data_count(const struct site *s)
{
	(void)s;
	return 2;
}

static void
data_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	snprintf(rel, n, "%s", i == 0 ? "api/ports.json" : "api/ports.csv");
}

static int
data_make(struct worker *w, size_t i)
{
	return i == 0 ? json_make(w, i) : csv_make(w, i);
}

const struct page_kind page_api = {
	"api", NULL, "api", 0, 0, 0, data_count, data_path, data_make, NULL
};

const struct page_kind page_api_port = {
	"api-port", NULL, "api/port", 0, 0, 0, port_count, port_path, port_make,
	NULL
};
