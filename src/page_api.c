/* page_api.c - api/: every port as open data (ports.json, ports.csv, api/port/N.json) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "page.h"
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

/* A JSON string of s; bytes that are not UTF-8 (a file name) become U+FFFD. */
static json_t *
str(const char *s)
{
	json_t *j = json_string(s);
	char *clean;

	if (j != NULL)
		return j;
	clean = util_utf8_clean(s, strlen(s), NULL);
	j = json_string(clean);
	free(clean);
	return j;
}

/* Sets key to s unless s is empty. */
static void
set_opt(json_t *o, const char *key, const char *s)
{
	if (s[0] != '\0')
		json_object_set_new(o, key, str(s));
}

/* ["tcp", "udp", ...] for a set of REGISTRY_* bits. */
static json_t *
protocols(unsigned protos)
{
	json_t *a = json_array();
	unsigned b;

	for (b = 0; b < REGISTRY_NPROTO; b++)
		if (protos & (1u << b))
			json_array_append_new(a, json_string(registry_proto_name(b)));
	return a;
}

static json_t *
port_pair(unsigned lo, unsigned hi)
{
	return json_pack("[II]", (json_int_t)lo, (json_int_t)hi);
}

static int
put_chunk(const char *data, size_t n, void *arg)
{
	buf_put(arg, data, n);
	return 0;
}

/* Appends v as compact JSON to b and releases it. */
static void
put_json(buf *b, json_t *v)
{
	json_dump_callback(v, put_chunk, b, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
}

/* One registry entry that assigns or reserves the port. */
static json_t *
assignment(const struct registry_entry *e)
{
	json_t *o = json_object(), *a;
	size_t i;

	json_object_set_new(o, "service", str(e->service));
	if (e->nalias > 0) {
		a = json_array();
		for (i = 0; i < e->nalias; i++)
			json_array_append_new(a, str(e->alias[i]));
		json_object_set_new(o, "aliases", a);
	}
	json_object_set_new(o, "status", json_string(model_status_text(e->status)));
	json_object_set_new(o, "protocols", protocols(e->protos));
	json_object_set_new(o, "ports", port_pair(e->lo, e->hi));
	set_opt(o, "description", e->desc);
	set_opt(o, "assignee", e->assignee);
	set_opt(o, "contact", e->contact);
	set_opt(o, "registered", e->registered);
	set_opt(o, "modified", e->modified);
	set_opt(o, "reference", e->reference);
	set_opt(o, "service_code", e->code);
	set_opt(o, "unauthorized_use", e->unauthorized);
	set_opt(o, "notes", e->notes);
	return o;
}

/* tcp and udp always; sctp and dccp where the registry lists them, as the page does. */
static json_t *
statuses(const struct model_port *mp)
{
	json_t *o = json_object();
	unsigned b;

	for (b = 0; b < REGISTRY_NPROTO; b++)
		if (b < 2 || mp->status[b] != REGISTRY_UNASSIGNED)
			json_object_set_new(o, registry_proto_name(b),
			    json_string(model_status_text(mp->status[b])));
	return o;
}

static json_t *
curated(const struct content_note *n)
{
	json_t *o = json_object(), *tags = json_array();
	size_t i;

	set_opt(o, "title", n->title);
	for (i = 0; i < n->ntag; i++)
		json_array_append_new(tags, str(n->tag[i]));
	json_object_set_new(o, "tags", tags);
	set_opt(o, "risk", n->risk);
	return o;
}

static json_t *
reasons(unsigned why)
{
	json_t *a = json_array();
	size_t b;

	for (b = 0; b < NWHY; b++)
		if (why & (1u << b))
			json_array_append_new(a, json_string(why_ids[b]));
	return a;
}

/* One port: the model's facts, the registry's entries, the uses.csv lines of its known uses. */
static json_t *
port_json(const struct site *s, unsigned p)
{
	const struct model_port *mp = &s->model->port[p];
	const struct registry_entry *const *at;
	const struct uses_row *const *use;
	json_t *o = json_object(), *a;
	size_t i, n;

	json_object_set_new(o, "port", json_integer(p));
	json_object_set_new(o, "range", json_string(port_range_info(
	    port_range_of(p))->id));
	json_object_set_new(o, "status", statuses(mp));
	a = json_array();
	for (i = 0; i < mp->nnames; i++)
		json_array_append_new(a, str(mp->names[i].name));
	json_object_set_new(o, "names", a);
	a = json_array();
	at = registry_at(s->reg, p, &n);
	for (i = 0; i < n; i++)
		if (at[i]->status != REGISTRY_UNASSIGNED)
			json_array_append_new(a, assignment(at[i]));
	json_object_set_new(o, "assignments", a);
	if (mp->note != NULL)
		json_object_set_new(o, "curated", curated(mp->note));
	a = json_array();
	use = uses_at(s->con->uses, p, &n);
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_integer((json_int_t)use[i]->line));
	json_object_set_new(o, "uses", a);
	json_object_set_new(o, "verdict", json_string(model_verdict_id(
	    mp->verdict)));
	json_object_set_new(o, "reasons", reasons(mp->why));
	return o;
}

/* One row of uses.csv, named by its line. */
static json_t *
use_json(const struct uses_row *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "line", json_integer((json_int_t)r->line));
	json_object_set_new(o, "name", str(r->name));
	json_object_set_new(o, "kind", json_string(uses_kind_name(r->kind)));
	json_object_set_new(o, "protocols", protocols(r->protos));
	json_object_set_new(o, "ports", port_pair(r->lo, r->hi));
	json_object_set_new(o, "note", str(r->note));
	json_object_set_new(o, "source", str(r->source));
	return o;
}

static json_t *
source_json(const struct site *s, enum source_id id, const char *kind)
{
	static const char *const ids[SOURCE_N] = {
		"registry", "nmap", "wireshark", "system", "uses"
	};
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(ids[id]));
	json_object_set_new(o, "title", str(sources_title(&s->src, id)));
	json_object_set_new(o, "file", str(sources_file(&s->src, id)));
	set_opt(o, "kind", kind);
	set_opt(o, "date", sources_date(&s->src, id));
	return o;
}

/*
 * The sources api/ draws on: the registry, uses.csv and nmap's one fact.
 * Wireshark's and the system's lists, when they are not the registry,
 * are on the pages only.
 */
static json_t *
sources_json(const struct site *s)
{
	json_t *a = json_array(), *o;

	json_array_append_new(a, source_json(s, SOURCE_IANA,
	    page_source_kind(s)));
	if (s->src.path[SOURCE_USES][0] != '\0')
		json_array_append_new(a, source_json(s, SOURCE_USES, ""));
	if (s->src.nmap != NULL) {
		o = source_json(s, SOURCE_NMAP, "");
		json_object_set_new(o, "included", json_string(nmap_included));
		json_array_append_new(a, o);
	}
	return a;
}

/* Appends v and the separator of a one-item-a-line list. */
static void
put_item(buf *b, json_t *v, int last)
{
	put_json(b, v);
	buf_puts(b, last ? "\n" : ",\n");
}

/*
 * Ports lo..hi as one document: its form and sources, the uses.csv rows
 * they refer to (all of them, or one port's), then one port a line.
 */
static void
api_document(const struct site *s, buf *b, unsigned lo, unsigned hi)
{
	const struct uses *u = s->con->uses;
	const struct uses_row *const *at;
	size_t i, n;
	unsigned p;

	buf_reset(b);
	buf_puts(b, "{\"format\":\"" API_FORMAT "\",\"generator\":\"portpages "
	    VERSION "\",");
	if (s->build_date[0] != '\0')
		buf_printf(b, "\"built\":\"%s\",", s->build_date);
	buf_puts(b, "\n\"sources\":");
	put_json(b, sources_json(s));
	buf_puts(b, ",\n\"uses\":[\n");
	if (lo == hi) {
		at = uses_at(u, lo, &n);
		for (i = 0; i < n; i++)
			put_item(b, use_json(at[i]), i + 1 == n);
	} else
		for (i = 0; i < u->n; i++)
			put_item(b, use_json(&u->r[i]), i + 1 == u->n);
	buf_puts(b, "],\n\"ports\":[\n");
	for (p = lo; p <= hi; p++)
		put_item(b, port_json(s, p), p == hi);
	buf_puts(b, "]}\n");
}

static int
json_make(struct worker *w, size_t i)
{
	(void)i;
	api_document(w->s, &w->page, 0, PORT_MAX);
	return 1;
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
	api_document(w->s, &w->page, (unsigned)i, (unsigned)i);
	return 1;
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

	if (quote)
		buf_putc(b, '"');
	if (s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL)
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
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
	for (i = 0; i < n; i++)
		buf_printf(tmp, "%s%s", i > 0 ? "; " : "", v[i]);
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

	buf_printf(b, "%u,%s", p, port_range_info(port_range_of(p))->id);
	for (i = 0; i < REGISTRY_NPROTO; i++)
		buf_printf(b, ",%s", model_status_text(mp->status[i]));
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
	buf_printf(b, ",%s,", model_verdict_id(mp->verdict));
	for (i = k = 0; i < NWHY; i++)
		if (mp->why & (1u << i))
			v[k++] = why_ids[i];
	csv_list(b, tmp, v, k);
	buf_putc(b, ',');
	buf_reset(tmp);
	buf_puts(tmp, "");
	use = uses_at(s->con->uses, p, &n);
	for (i = 0; i < n; i++)
		buf_printf(tmp, "%s%s", i > 0 ? "; " : "", use[i]->name);
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
	for (p = 0; p < PORT_COUNT; p++)
		csv_port(w->s, &w->page, &w->tmp, p);
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
	"api", NULL, "api", 0, 0, data_count, data_path, data_make, NULL
};

const struct page_kind page_api_port = {
	"api-port", NULL, "api/port", 0, 0, port_count, port_path, port_make,
	NULL
};
