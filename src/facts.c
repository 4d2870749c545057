/* facts.c - on a port page: every source side by side, where they differ, and the verdict */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "facts.h"
#include "names.h"
#include "util.h"

#define MAX_SHOWN 8		/* names a reason lists before "and N more" */

void
facts_freq(double freq, char *s, size_t n)
{
	snprintf(s, n, "%.3g%%", freq * 100);
}

void
facts_data_sources(const struct site *s, dict *d)
{
	const char *date;
	size_t k;
	int id;

	for (id = 0; id < SOURCE_N; id++) {
		if (s->src.path[id][0] == '\0')
			continue;
		k = dict_add(d, DICT_ROOT, N_DATA_SOURCE);
		dict_set_stable(d, k, N_DS_TITLE, sources_title(&s->src, id));
		dict_set_stable(d, k, N_DS_NAME, sources_inside(&s->src, id));
		dict_set_stable(d, k, N_DS_FILE, sources_file(&s->src, id));
		if ((date = sources_date(&s->src, id))[0] == '\0')
			continue;
		k = dict_add(d, k, N_DS_HAS_DATE);
		dict_set_stable(d, k, N_DS_DATE, date);
		dict_set_stable(d, k, N_DS_DATE_WHAT, sources_date_what(&s->src, id));
	}
}

/* One SOURCE with its title, file and date; returns its node. */
static size_t
src_begin(struct worker *w, enum source_id id)
{
	static const char *const ids[SOURCE_N] = {
		"iana", "nmap", "wireshark", "system", "uses"
	};
	const struct sources *src = &w->s->src;
	size_t k = dict_add(w->d, DICT_ROOT, N_SOURCE);

	dict_set_stable(w->d, k, N_SRC_ID, ids[id]);
	dict_set_stable(w->d, k, N_SRC_TITLE, sources_title(src, id));
	dict_set_stable(w->d, k, N_SRC_FILE, sources_file(src, id));
	dict_set_opt(w->d, k, N_SRC_HAS_DATE, N_SRC_DATE, sources_date(src, id));
	return k;
}

/*
 * One SRC_ITEM; returns its node. name and detail (NULL: none yet) are
 * the inputs' own strings, stable (dict_set_stable).
 */
static size_t
src_item(dict *d, size_t src, const char *name, const char *protos,
    const char *detail)
{
	size_t k = dict_add(d, src, N_SRC_ITEM);

	dict_set_stable(d, k, N_SI_NAME, name);
	dict_sets(d, k, N_SI_PROTOCOLS, protos);
	if (protos[0] != '\0')
		dict_add(d, k, N_SI_HAS_PROTOCOLS);
	if (detail != NULL && detail[0] != '\0')
		dict_set_stable(d, dict_add(d, k, N_SI_HAS_DETAIL), N_SI_DETAIL,
		    detail);
	return k;
}

/* What an unassigned entry says beyond "Unassigned" (reported use first), or NULL. */
static const char *
unassigned_text(const struct registry_entry *e)
{
	if (e->unauthorized != NULL && e->unauthorized[0] != '\0')
		return e->unauthorized;
	return e->notes != NULL && e->notes[0] != '\0' ? e->notes : NULL;
}

/*
 * A registry-like list at port: one item per entry it assigns or reserves,
 * and per unassigned entry that reports a use or carries a note.
 */
static size_t
src_list(struct worker *w, size_t src, const struct registry *r,
    unsigned port)
{
	const struct registry_entry *const *at;
	const char *detail;
	char protos[24];
	size_t i, n, shown = 0;

	at = registry_at(r, port, &n);
	for (i = 0; i < n; i++) {
		detail = at[i]->desc;
		if (at[i]->status == REGISTRY_UNASSIGNED &&
		    (detail = unassigned_text(at[i])) == NULL)
			continue;
		registry_protos_str(at[i]->protos, protos);
		src_item(w->d, src, at[i]->service[0] != '\0' ? at[i]->service :
		    model_status_text(at[i]->status), protos, detail);
		shown++;
	}
	return shown;
}

/* nmap's names at port, with how often it finds the port open. */
static size_t
src_nmap(struct worker *w, size_t src, unsigned port)
{
	static const char *const protos[NMAP_NPROTO] = { "tcp", "udp", "sctp" };
	const struct nmap *m = w->s->src.nmap;
	const struct nmap_entry *e;
	char detail[128], freq[32];
	unsigned p;
	size_t shown = 0;

	for (p = 0; p < NMAP_NPROTO; p++) {
		if ((e = nmap_at(m, port, p)) == NULL)
			continue;
		facts_freq(e->freq, freq, sizeof(freq));
		if (p < 2 && m->rank[port][p] > 0)
			snprintf(detail, sizeof(detail), "found open on %s of "
			    "scanned hosts, #%u of %s ports", freq,
			    (unsigned)m->rank[port][p], p == 0 ? "TCP" : "UDP");
		else
			snprintf(detail, sizeof(detail), "not seen open");
		dict_sets(w->d, dict_add(w->d, src_item(w->d, src, e->name,
		    protos[p], NULL), N_SI_HAS_DETAIL), N_SI_DETAIL, detail);
		shown++;
	}
	return shown;
}

static const char *
protos_text(unsigned protos)
{
	return protos == REGISTRY_TCP ? "tcp" : protos == REGISTRY_UDP ? "udp" :
	    protos == REGISTRY_SCTP ? "sctp" : "tcp/udp";
}

/* The known uses, in the order of w->rows: name, kind, note and link. */
static size_t
src_uses(struct worker *w, size_t src)
{
	const struct uses_row *r;
	size_t i, k;

	for (i = 0; i < w->nrows; i++) {
		r = w->rows[i];
		k = src_item(w->d, src, r->name, protos_text(r->protos), r->note);
		dict_set_stable(w->d, dict_add(w->d, k, N_SI_HAS_KIND),
		    N_SI_KIND, uses_kind_name(r->kind));
		dict_set_stable(w->d, dict_add(w->d, k, N_SI_HAS_LINK),
		    N_SI_LINK, r->source);
	}
	return w->nrows;
}

/* One SOURCE per source the build uses, in a fixed order. */
static void
sources(struct worker *w, unsigned port)
{
	const struct sources *src = &w->s->src;
	size_t k, n;
	int id;

	for (id = 0; id < SOURCE_N; id++) {
		if (src->path[id][0] == '\0')
			continue;
		k = src_begin(w, id);
		if (id == SOURCE_IANA)
			n = src_list(w, k, src->iana, port);
		else if (id == SOURCE_NMAP)
			n = src_nmap(w, k, port);
		else if (id == SOURCE_USES)
			n = src_uses(w, k);
		else
			n = src_list(w, k, src->list[id - SOURCE_WIRESHARK], port);
		if (n == 0)
			dict_add(w->d, k, N_SRC_NONE);
	}
}

/* 1 if name is one of IANA's names at the port (case aside). */
static int
iana_has(const struct model_port *mp, const char *name)
{
	uint16_t i;

	for (i = 0; i < mp->nnames; i++)
		if (strcasecmp(mp->names[i].name, name) == 0)
			return 1;
	return 0;
}

/* 1 if a known use's name contains one of IANA's names at the port. */
static int
iana_lists(const struct model_port *mp, const char *use)
{
	uint16_t i;

	for (i = 0; i < mp->nnames; i++)
		if (strlen(mp->names[i].name) > 1 &&
		    strcasestr(use, mp->names[i].name) != NULL)
			return 1;
	return 0;
}

/* Appends name to the ", "-separated list in b, which shows at most max. */
static void
list_add(buf *b, size_t *count, size_t max, const char *name)
{
	if (*count < max) {
		if (*count > 0)
			buf_puts(b, ", ");
		buf_puts(b, name);
	}
	(*count)++;
}

/* Ends a list of count names that showed at most max: " and N more". */
static void
list_end(buf *b, size_t count, size_t max)
{
	if (count > max)
		buf_printf(b, " and %zu more", count - max);
}

/* 1 if names[i] is one of names[0] to names[i - 1]. */
static int
name_repeats(const char *const *names, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(names[j], names[i]) == 0)
			return 1;
	return 0;
}

/*
 * A DIFFER for source title if none of names (n of them) is IANA's; a
 * name the source gives for two protocols is said once.
 */
static void
differ(struct worker *w, const struct model_port *mp, size_t *node,
    const char *title, const char *const *names, size_t n)
{
	size_t i, k, count = 0;

	for (i = 0; i < n; i++)
		if (iana_has(mp, names[i]))
			return;
	if (n == 0)
		return;
	if (*node == DICT_NONE)
		*node = dict_add(w->d, DICT_ROOT, N_HAS_DIFFER);
	k = dict_add(w->d, *node, N_DIFFER);
	dict_set_stable(w->d, k, N_DF_SOURCE, title);
	buf_reset(&w->tmp);
	for (i = 0; i < n; i++)
		if (!name_repeats(names, i))
			list_add(&w->tmp, &count, MAX_SHOWN, names[i]);
	list_end(&w->tmp, count, MAX_SHOWN);
	dict_set(w->d, k, N_DF_NAMES, w->tmp.data, w->tmp.len);
	if (mp->nnames == 0) {
		dict_add(w->d, k, N_DF_NO_IANA);
		return;
	}
	buf_reset(&w->tmp);
	for (i = 0, count = 0; i < mp->nnames; i++)
		list_add(&w->tmp, &count, MAX_SHOWN, mp->names[i].name);
	list_end(&w->tmp, count, MAX_SHOWN);
	dict_set(w->d, dict_add(w->d, k, N_DF_HAS_IANA), N_DF_IANA, w->tmp.data,
	    w->tmp.len);
}

/* The names a list gives at port (services and aliases), at most max. */
static size_t
list_names(const struct registry *r, unsigned port, const char **v,
    size_t max)
{
	const struct registry_entry *const *at;
	size_t i, j, n, k = 0;

	at = registry_at(r, port, &n);
	for (i = 0; i < n && k < max; i++) {
		if (at[i]->service[0] != '\0')
			v[k++] = at[i]->service;
		for (j = 0; j < at[i]->nalias && k < max; j++)
			v[k++] = at[i]->alias[j];
	}
	return k;
}

/*
 * Known uses IANA does not list: the narrow ones whose names hold none of
 * IANA's, as a disagreement (UNLISTED) and, at the top level, for the
 * sections that say what may be listening (UNLISTED_USES, or
 * NO_UNLISTED_USES).
 */
static void
unlisted(struct worker *w, const struct model_port *mp, size_t *node)
{
	size_t i, count = 0;

	buf_reset(&w->tmp);
	for (i = 0; i < w->nuses; i++)
		if (!iana_lists(mp, w->uses[i].name))
			list_add(&w->tmp, &count, MAX_SHOWN, w->uses[i].name);
	if (count == 0) {
		dict_add(w->d, DICT_ROOT, N_NO_UNLISTED_USES);
		return;
	}
	list_end(&w->tmp, count, MAX_SHOWN);
	if (*node == DICT_NONE)
		*node = dict_add(w->d, DICT_ROOT, N_HAS_DIFFER);
	dict_set(w->d, dict_add(w->d, *node, N_UNLISTED), N_UNLISTED_NAMES,
	    w->tmp.data, w->tmp.len);
	dict_set(w->d, dict_add(w->d, DICT_ROOT, N_UNLISTED_USES),
	    N_UNLISTED_USE_NAMES, w->tmp.data, w->tmp.len);
}

/*
 * HAS_DIFFER: each source that names the port otherwise than IANA does.
 * nmap gives one name a protocol, each its own guess at what answers
 * there, so a name IANA lacks is a disagreement even when nmap's other
 * protocol agrees; a services list's aliases only add to its names.
 */
static void
differences(struct worker *w, const struct model_port *mp, unsigned port)
{
	const struct sources *src = &w->s->src;
	const struct nmap_entry *e;
	const char *v[MODEL_MAX_NAMES];
	size_t node = DICT_NONE, n;
	unsigned p;
	int i;

	if (src->nmap != NULL) {
		for (p = 0, n = 0; p < NMAP_NPROTO; p++)
			if ((e = nmap_at(src->nmap, port, p)) != NULL &&
			    strcmp(e->name, "unknown") != 0 &&
			    !iana_has(mp, e->name))
				v[n++] = e->name;
		differ(w, mp, &node, sources_title(src, SOURCE_NMAP), v, n);
	}
	for (i = 0; i < 2; i++)
		if (src->list[i] != NULL) {
			n = list_names(src->list[i], port, v, MODEL_MAX_NAMES);
			differ(w, mp, &node, sources_title(src, SOURCE_WIRESHARK +
			    i), v, n);
		}
	unlisted(w, mp, &node);
}

/* One USE of HAS_USES (node): row r. */
static void
use_row(struct worker *w, size_t node, const struct uses_row *r)
{
	size_t k = dict_add(w->d, node, N_USE);

	dict_sets(w->d, k, N_U_NAME, r->name);
	dict_sets(w->d, k, N_U_KIND, uses_kind_name(r->kind));
	dict_sets(w->d, k, N_U_PROTOCOLS, protos_text(r->protos));
	dict_sets(w->d, k, N_U_NOTE, r->note);
	dict_sets(w->d, k, N_U_SOURCE, r->source);
	if (r->lo != r->hi) {
		size_t g = dict_add(w->d, k, N_U_IS_RANGE);

		dict_setu(w->d, g, N_U_LO, r->lo);
		dict_setu(w->d, g, N_U_HI, r->hi);
	}
}

/* HAS_USES: every known use of the port, in the order of w->rows. */
static void
uses(struct worker *w)
{
	size_t i, node;

	if (w->nrows == 0)
		return;
	node = dict_add(w->d, DICT_ROOT, N_HAS_USES);
	for (i = 0; i < w->nrows; i++)
		use_row(w, node, w->rows[i]);
}

size_t
facts_use_names(const struct worker *w, buf *b, size_t max)
{
	size_t i, count = 0;

	for (i = 0; i < w->nuses; i++)
		list_add(b, &count, max, w->uses[i].name);
	list_end(b, count, max);
	return count;
}

static int
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* Where text (len bytes) first has name's first n bytes as a whole word, or SIZE_MAX. */
static size_t
mention_at(const char *text, size_t len, const char *name, size_t n)
{
	const char *p = text, *end = text + len;

	while (n > 0 && (p = memmem(p, (size_t)(end - p), name, n)) != NULL) {
		if ((p == text || !is_word_char(p[-1])) && (p + n == end ||
		    !is_word_char(p[n])))
			return (size_t)(p - text);
		p++;
	}
	return SIZE_MAX;
}

/*
 * Where note mentions name, as a rank: its place in the title, then in
 * the body (name's words before " (", as a whole word), then among the
 * note's search names (name is one of them, then name begins with one
 * and a space); SIZE_MAX if nowhere.
 */
static size_t
note_rank(const struct content_note *note, size_t tlen, size_t blen,
    const char *name)
{
	const char *cut = strstr(name, " (");
	size_t at, j, n = cut != NULL ? (size_t)(cut - name) : strlen(name),
	    len, past = tlen + blen + 2;

	/* A row's name counts up to " (": "Redis" for "Redis (Sentinel)". */
	if ((at = mention_at(note->title, tlen, name, n)) != SIZE_MAX)
		return at;
	if ((at = mention_at(note->markdown, blen, name, n)) != SIZE_MAX)
		return tlen + 1 + at;
	for (j = 0; j < note->nname; j++)
		if (strlen(note->name[j]) == n &&
		    strncasecmp(name, note->name[j], n) == 0)
			return past + j;
	for (j = 0; j < note->nname; j++)
		if ((len = strlen(note->name[j])) < n && name[len] == ' ' &&
		    strncasecmp(name, note->name[j], len) == 0)
			return past + note->nname + j;
	return SIZE_MAX;
}

/* w->uses: port's names, those its note names first. */
static void
order_names(struct worker *w, unsigned port)
{
	const struct content_note *note = w->s->model->port[port].note;
	const char *const *name;
	struct facts_use u;
	size_t i, j, n, tlen, blen;

	name = uses_names_at(w->s->con->uses, port, &n);
	if (n > w->uses_cap) {
		w->uses_cap = n;
		w->uses = xrealloc(w->uses, n * sizeof(*w->uses));
	}
	w->nuses = n;
	for (i = 0; i < n; i++)
		w->uses[i] = (struct facts_use){ name[i], SIZE_MAX };
	if (note == NULL || n < 2)
		return;
	tlen = strlen(note->title);
	blen = strlen(note->markdown);
	for (i = 0; i < n; i++)
		w->uses[i].at = note_rank(note, tlen, blen, name[i]);
	/* Insertion sort: stable, so the names the note leaves out keep their order. */
	for (i = 1; i < n; i++) {
		u = w->uses[i];
		for (j = i; j > 0 && w->uses[j - 1].at > u.at; j--)
			w->uses[j] = w->uses[j - 1];
		w->uses[j] = u;
	}
}

/* w->rows: port's rows, a product's together in w->uses' order, then the wide ones. */
static void
order_rows(struct worker *w, unsigned port)
{
	const struct uses_row *const *at;
	size_t i, j, n;

	at = uses_at(w->s->con->uses, port, &n);
	if (n > w->rows_cap) {
		w->rows_cap = n;
		w->rows = xrealloc(w->rows, n * sizeof(*w->rows));
	}
	w->nrows = 0;
	for (j = 0; j < w->nuses; j++)
		for (i = 0; i < n; i++)
			if (!uses_row_wide(at[i]) &&
			    strcmp(at[i]->name, w->uses[j].name) == 0)
				w->rows[w->nrows++] = at[i];
	for (i = 0; i < n; i++)
		if (uses_row_wide(at[i]))
			w->rows[w->nrows++] = at[i];
}

void
facts_uses_order(struct worker *w, unsigned port)
{
	order_names(w, port);
	order_rows(w, port);
}

/* The systems whose current default ephemeral range holds port, into w->tmp. */
static void
ephemeral_oses(struct worker *w, unsigned port)
{
	unsigned os, n = 0, total = 0;

	for (os = 0; os < PORT_OS_N; os++)
		total += port_os_info(os)->current && port_os_ephemeral(os, port);
	buf_reset(&w->tmp);
	for (os = 0; os < PORT_OS_N; os++)
		if (port_os_info(os)->current && port_os_ephemeral(os, port)) {
			if (n++ > 0)
				buf_puts(&w->tmp, n == total ? " and " : ", ");
			buf_puts(&w->tmp, port_os_info(os)->name);
		}
}

/* V_NMAP with the ranks that put the port among nmap's most open. */
static void
verdict_nmap(struct worker *w, unsigned port)
{
	const struct nmap *m = w->s->src.nmap;
	size_t k = dict_add(w->d, DICT_ROOT, N_V_NMAP);

	if (m->rank[port][NMAP_TCP] > 0 && m->rank[port][NMAP_TCP] <= NMAP_TOP)
		dict_setu(w->d, dict_add(w->d, k, N_V_NMAP_TCP), N_V_RANK,
		    m->rank[port][NMAP_TCP]);
	if (m->rank[port][NMAP_UDP] > 0 && m->rank[port][NMAP_UDP] <= NMAP_TOP)
		dict_setu(w->d, dict_add(w->d, k, N_V_NMAP_UDP), N_V_RANK,
		    m->rank[port][NMAP_UDP]);
}

/* The V_ reasons behind the verdict. */
static void
verdict_reasons(struct worker *w, const struct model_port *mp, unsigned port)
{
	dict *d = w->d;
	size_t k;

	if (mp->why & MODEL_WHY_ZERO)
		dict_add(d, DICT_ROOT, N_V_ZERO);
	if (mp->why & MODEL_WHY_SYSTEM)
		dict_add(d, DICT_ROOT, N_V_SYSTEM);
	if (mp->why & MODEL_WHY_ASSIGNED)
		dict_add(d, DICT_ROOT, N_V_ASSIGNED);
	if (mp->why & MODEL_WHY_RESERVED)
		dict_add(d, DICT_ROOT, N_V_RESERVED);
	if (mp->why & MODEL_WHY_KNOWN_USE) {
		buf_reset(&w->tmp);
		facts_use_names(w, &w->tmp, MAX_SHOWN);
		dict_set(d, dict_add(d, DICT_ROOT, N_V_KNOWN_USE), N_V_USE_NAMES,
		    w->tmp.data, w->tmp.len);
	}
	if (mp->why & MODEL_WHY_NMAP)
		verdict_nmap(w, port);
	if (mp->why & MODEL_WHY_EPHEMERAL) {
		ephemeral_oses(w, port);
		dict_set(d, dict_add(d, DICT_ROOT, N_V_EPHEMERAL),
		    N_V_EPHEMERAL_OSES, w->tmp.data, w->tmp.len);
	}
	if (mp->why & MODEL_WHY_NODEPORT) {
		k = dict_add(d, DICT_ROOT, N_V_NODEPORT);
		dict_setu(d, k, N_V_NODEPORT_LO, PORT_NODEPORT_LO);
		dict_setu(d, k, N_V_NODEPORT_HI, PORT_NODEPORT_HI);
	}
}

/* VERDICT_ID, its section, the reasons and the nearest good ports. */
static void
verdict(struct worker *w, const struct model_port *mp, unsigned port)
{
	unsigned good[MODEL_SUGGEST];
	size_t i, n, k;

	dict_sets(w->d, DICT_ROOT, N_VERDICT_ID, model_verdict_id(mp->verdict));
	k = dict_add(w->d, DICT_ROOT, mp->verdict == MODEL_GOOD ? N_IS_GOOD :
	    mp->verdict == MODEL_CAUTION ? N_IS_CAUTION : N_IS_AVOID);
	if (mp->verdict == MODEL_AVOID)
		dict_add(w->d, k, mp->why & MODEL_WHY_ZERO ? N_AVOID_ZERO :
		    mp->why & MODEL_WHY_CLAIMED ? N_AVOID_CLAIMED :
		    N_AVOID_SYSTEM);
	verdict_reasons(w, mp, port);
	if (mp->verdict == MODEL_GOOD ||
	    (n = model_suggest(w->s->model, port, good)) == 0)
		return;
	k = dict_add(w->d, DICT_ROOT, N_HAS_SUGGEST);
	for (i = 0; i < n; i++)
		dict_setu(w->d, dict_add(w->d, k, N_SUGGEST), N_SUGGEST_PORT,
		    good[i]);
	/* Suggestions thousands of ports away need their reason said. */
	if (port >= w->s->model->eph_floor) {
		k = dict_add(w->d, k, N_SUGGEST_ALL_BELOW);
		dict_setu(w->d, k, N_EPHEMERAL_FLOOR, w->s->model->eph_floor);
		dict_set_stable(w->d, k, N_EPHEMERAL_FLOOR_OS,
		    port_os_info(w->s->model->eph_floor_os)->name);
	}
}

void
facts_port(struct worker *w, unsigned port)
{
	const struct model_port *mp = &w->s->model->port[port];

	sources(w, port);
	differences(w, mp, port);
	uses(w);
	verdict(w, mp, port);
}
