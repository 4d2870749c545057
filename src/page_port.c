/* page_port.c - port/N.html: one page per port, its sections in its layout */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "names.h"
#include "page.h"
#include "render.h"
#include "util.h"

static size_t
port_count(const struct site *s)
{
	return s->o->hi - s->o->lo + 1;
}

/* "port/N.ext" into rel (room for 32 bytes). */
static void
port_rel(unsigned long port, const char *ext, char *rel)
{
	size_t n = 5;

	memcpy(rel, "port/", n);
	n += util_utoa(port, rel + n);
	rel[n++] = '.';
	strcpy(rel + n, ext);
}

static void
port_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)n;
	port_rel(s->o->lo + i, s->o->markdown ? "md" : "html", rel);
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

/* Range, edges and the operating systems' ephemeral ranges. */
static void
port_ranges(struct worker *w, unsigned port)
{
	const struct port_range_info *ri = port_range_info(port_range_of(port));
	dict *d = w->d;
	buf *oses = &w->tmp;
	unsigned os, nos = 0, i;
	size_t k;

	dict_setu(d, DICT_ROOT, N_PORT, port);
	dict_add(d, DICT_ROOT, port == 0 ? N_IS_ZERO : N_NOT_ZERO);
	dict_add(d, DICT_ROOT, ri->lo == 0 ? N_IS_SYSTEM : ri->lo == 1024 ?
	    N_IS_USER : N_IS_DYNAMIC);
	if (port == ri->lo)
		dict_add(d, DICT_ROOT, N_IS_RANGE_FIRST);
	if (port == ri->hi)
		dict_add(d, DICT_ROOT, N_IS_RANGE_LAST);
	page_range_values(w->s, d, DICT_ROOT, ri);
	for (os = 0; os < PORT_OS_N; os++) {
		const struct port_os_info *oi = port_os_info(os);
		int in = port_os_ephemeral(os, port);

		k = dict_add(d, DICT_ROOT, N_OS);
		dict_set_stable(d, k, N_OS_NAME, oi->name);
		dict_setu(d, k, N_OS_LO, oi->lo);
		dict_setu(d, k, N_OS_HI, oi->hi);
		dict_set_stable(d, k, N_OS_SETTING, oi->setting);
		dict_set_stable(d, k, N_OS_SHOW, oi->show);
		dict_add(d, k, in ? N_OS_IN : N_OS_OUT);
		nos += (unsigned)in;
	}
	buf_reset(oses);
	for (os = 0, i = 0; os < PORT_OS_N; os++)
		if (port_os_ephemeral(os, port)) {
			if (i++ > 0)
				buf_puts(oses, i == nos ? " and " : ", ");
			buf_puts(oses, port_os_info(os)->name);
		}
	dict_add(d, DICT_ROOT, port_os_ephemeral(PORT_OS_LINUX, port) ?
	    N_EPHEMERAL_LINUX : N_NOT_EPHEMERAL_LINUX);
	if (port >= PORT_RPC_RESV_LO && port <= PORT_RPC_RESV_HI)
		dict_add(d, DICT_ROOT, N_RPC_RESVPORT);
	if (nos > 0)
		dict_set(d, dict_add(d, DICT_ROOT, N_EPHEMERAL_ANY),
		    N_EPHEMERAL_OSES, oses->data, oses->len);
	else
		dict_add(d, DICT_ROOT, N_EPHEMERAL_NONE);
}

/* Per-protocol statuses, and the service names with links to other ports. */
static void
port_services(struct worker *w, const struct model_port *mp, unsigned port)
{
	struct model_other other[MODEL_MAX_OTHER];
	dict *d = w->d;
	size_t k, i, n;
	unsigned b;
	char s[8];

	for (b = 0; b < REGISTRY_NPROTO; b++) {
		/* SCTP and DCCP only where the registry lists them. */
		if (b >= 2 && mp->status[b] == REGISTRY_UNASSIGNED)
			continue;
		k = dict_add(d, DICT_ROOT, N_STATUS);
		for (i = 0; registry_proto_name(b)[i] != '\0'; i++)
			s[i] = (char)toupper((unsigned char)
			    registry_proto_name(b)[i]);
		s[i] = '\0';
		dict_sets(d, k, N_STATUS_PROTO, s);
		dict_set_stable(d, k, N_STATUS_TEXT,
		    model_status_text(mp->status[b]));
	}
	dict_add(d, DICT_ROOT, mp->best == REGISTRY_ASSIGNED ? N_ASSIGNED :
	    N_NOT_ASSIGNED);
	if (mp->best == REGISTRY_RESERVED)
		dict_add(d, DICT_ROOT, N_RESERVED);
	if (mp->nnames == 0)
		return;
	k = dict_add(d, DICT_ROOT, N_HAS_SERVICE);
	dict_set_stable(d, DICT_ROOT, N_PRIMARY_SERVICE, mp->names[0].name);
	/* The check commands look at TCP and UDP: say when SCTP or DCCP alone is assigned. */
	dict_add(d, k, model_tcp_udp_assigned(mp) ? N_TCP_UDP_ASSIGNED :
	    N_OTHER_PROTO_ONLY);
	page_names(w, DICT_ROOT, N_SERVICE_NAMES, mp);
	if ((n = model_others(w->s->model, port, other)) == 0)
		return;
	k = dict_add(d, DICT_ROOT, N_HAS_OTHER);
	for (i = 0; i < n; i++) {
		size_t o = dict_add(d, k, N_OTHER);

		dict_setu(d, o, N_OTHER_PORT, other[i].port);
		dict_set_stable(d, o, N_OTHER_SERVICE, other[i].name);
	}
}

/* "[RFC959][RFC1123]" or "[http://...]": one A_REF per bracketed part. */
static void
port_refs(dict *d, size_t node, const char *s)
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
				k = dict_add(d, node, N_A_REF);
				dict_sets(d, k, N_REF_TEXT, p);
				dict_add(d, k, N_REF_PLAIN);
			}
			return;
		}
		n = (size_t)(close - open - 1);
		k = dict_add(d, node, N_A_REF);
		dict_set(d, k, N_REF_TEXT, open + 1, n);
		if (n < 4096 && registry_ref_url(open + 1, n, url, sizeof(url)))
			dict_sets(d, dict_add(d, k, N_REF_LINK), N_REF_URL, url);
		else
			dict_add(d, k, N_REF_PLAIN);
		p = close + 1;
	}
}

/* One ASSIGNMENT per registry entry at the port that is not "Unassigned". */
static void
port_assignment(struct worker *w, const struct registry_entry *e)
{
	dict *d = w->d;
	size_t a = dict_add(d, DICT_ROOT, N_ASSIGNMENT), k, i;
	char proto[24];

	dict_set_opt(d, a, N_A_HAS_SERVICE, N_A_SERVICE, e->service);
	if (e->service[0] == '\0')
		dict_add(d, a, N_A_NO_SERVICE);
	dict_set_stable(d, a, N_A_STATUS, model_status_text(e->status));
	registry_protos_str(e->protos, proto);
	dict_set_opt(d, a, N_A_HAS_PROTOCOLS, N_A_PROTOCOLS, proto);
	if (proto[0] == '\0')
		dict_add(d, a, N_A_NO_PROTOCOLS);
	dict_set_opt(d, a, N_A_HAS_DESCRIPTION, N_A_DESCRIPTION, e->desc);
	if (e->lo != e->hi) {
		k = dict_add(d, a, N_A_IS_RANGE);
		dict_setu(d, k, N_A_RANGE_LO, e->lo);
		dict_setu(d, k, N_A_RANGE_HI, e->hi);
	}
	if (e->nalias > 0) {
		buf_reset(&w->tmp);
		for (i = 0; i < e->nalias; i++)
			buf_printf(&w->tmp, "%s%s", i > 0 ? " " : "", e->alias[i]);
		dict_set(d, dict_add(d, a, N_A_HAS_ALIASES), N_A_ALIASES,
		    w->tmp.data, w->tmp.len);
	}
	dict_set_opt(d, a, N_A_HAS_ASSIGNEE, N_A_ASSIGNEE, e->assignee);
	dict_set_opt(d, a, N_A_HAS_CONTACT, N_A_CONTACT, e->contact);
	if (e->reference[0] != '\0')
		port_refs(d, dict_add(d, a, N_A_HAS_REFS), e->reference);
	dict_set_opt(d, a, N_A_HAS_NOTES, N_A_NOTES, e->notes);
	dict_set_opt(d, a, N_A_HAS_UNAUTHORIZED, N_A_UNAUTHORIZED,
	    e->unauthorized);
	dict_set_opt(d, a, N_A_HAS_REGISTERED, N_A_REGISTERED, e->registered);
	dict_set_opt(d, a, N_A_HAS_MODIFIED, N_A_MODIFIED, e->modified);
	dict_set_opt(d, a, N_A_HAS_CODE, N_A_CODE, e->code);
}

/*
 * The page's title and description. Without a note's title or a
 * registered name, the title names the known uses, which is what a
 * reader looking the port up wants to see first.
 */
static void
port_meta(struct worker *w, const struct model_port *mp, unsigned port,
    const struct port_range_info *ri)
{
	const struct content_note *note = mp->note;
	size_t mark;

	buf_reset(&w->title);
	buf_puts(&w->title, "Port ");
	buf_putu(&w->title, port);
	mark = w->title.len;
	buf_puts(&w->title, ": ");
	if (note != NULL && note->title[0] != '\0')
		buf_puts(&w->title, note->title);
	else if (mp->nnames > 0)
		buf_puts(&w->title, mp->names[0].name);
	else if (facts_use_names(w, &w->title, 2) == 0)
		w->title.data[w->title.len = mark] = '\0';
	buf_reset(&w->body);
	buf_puts(&w->body, "Port ");
	buf_putu(&w->body, port);
	buf_puts(&w->body, " is a ");
	buf_puts(&w->body, ri->name);
	buf_puts(&w->body, " port");
	if (mp->best == REGISTRY_ASSIGNED && mp->nnames > 0) {
		buf_puts(&w->body, " assigned to ");
		buf_puts(&w->body, mp->names[0].name);
		/* Some entries have a name and no description. */
		if (mp->desc != NULL) {
			buf_puts(&w->body, " (");
			buf_put(&w->body, mp->desc, utf8_prefix(mp->desc, 120));
			buf_putc(&w->body, ')');
		}
	} else
		buf_puts(&w->body, " with no assigned service");
	mark = w->body.len;
	buf_puts(&w->body, ". Known uses: ");
	if (facts_use_names(w, &w->body, 3) == 0)
		w->body.data[w->body.len = mark] = '\0';
	buf_puts(&w->body, ". What uses it, how to see what is listening on it "
	    "on Linux, macOS and Windows, and what to watch for.");
	page_meta(w, w->title.data, w->body.data);
}

/* The note's front matter, neighbours, breadcrumbs, title and description. */
static void
port_context(struct worker *w, const struct model_port *mp, unsigned port)
{
	const struct port_range_info *ri = port_range_info(port_range_of(port));
	const struct content_note *note = mp->note;
	unsigned block = port / MODEL_BLOCK * MODEL_BLOCK;
	dict *d = w->d;
	char url[32], text[64];
	size_t k, i, n;

	if (note != NULL) {
		k = dict_add(d, DICT_ROOT, N_HAS_NOTE);
		dict_set_opt(d, k, N_HAS_NOTE_TITLE, N_NOTE_TITLE, note->title);
		dict_set_opt(d, k, N_HAS_RISK, N_NOTE_RISK, note->risk);
		for (i = 0; i < note->ntag; i++)
			dict_sets(d, dict_add(d, k, N_TAG), N_TAG_NAME,
			    note->tag[i]);
	}
	if (port > 0)
		dict_setu(d, dict_add(d, DICT_ROOT, N_HAS_PREV), N_PREV_PORT,
		    port - 1);
	if (port < PORT_MAX)
		dict_setu(d, dict_add(d, DICT_ROOT, N_HAS_NEXT), N_NEXT_PORT,
		    port + 1);
	dict_setu(d, DICT_ROOT, N_BLOCK_LO, block);
	dict_setu(d, DICT_ROOT, N_BLOCK_HI, block + MODEL_BLOCK - 1);
	page_crumb(w, "index.html", "Home");
	snprintf(url, sizeof(url), "range/%s.html", ri->id);
	page_crumb(w, url, ri->title);
	n = 6;
	memcpy(url, "block/", n);
	n += util_utoa(block, url + n);
	strcpy(url + n, ".html");
	n = 6;
	memcpy(text, "Ports ", n);
	n += util_utoa(block, text + n);
	memcpy(text + n, "\xe2\x80\x93", 3);
	util_utoa(block + MODEL_BLOCK - 1, text + n + 3);
	page_crumb(w, url, text);
	port_meta(w, mp, port, ri);
}

/* Fills w->d with everything the templates may say about port. */
static void
port_values(struct worker *w, unsigned port)
{
	const struct model_port *mp = &w->s->model->port[port];
	const struct registry_entry *const *at;
	size_t i, n;
	char rel[32];

	port_rel(port, "html", rel);
	page_start(w, rel);
	facts_uses_order(w, port);
	port_ranges(w, port);
	port_services(w, mp, port);
	at = registry_at(w->s->reg, port, &n);
	for (i = 0; i < n; i++)
		if (at[i]->status != REGISTRY_UNASSIGNED)
			port_assignment(w, at[i]);
	port_context(w, mp, port);
	facts_port(w, port);
}

/* The section template port uses for section i. */
static int
port_section(const struct site *s, unsigned port, size_t i)
{
	return tmpl_section_template(s->ts, i, port_variant(port,
	    tmpl_section_name(s->ts, i), tmpl_section_nvariants(s->ts, i)));
}

/* The filled Markdown of every section, with the note first (--markdown). */
static int
port_markdown(struct worker *w, unsigned port)
{
	const struct site *s = w->s;
	const struct content_note *note = s->model->port[port].note;
	size_t i, n = tmpl_set_nsections(s->ts);

	buf_reset(&w->page);
	buf_printf(&w->page, "---\ntitle: \"Port %u\"\n---\n", port);
	if (note != NULL)
		buf_puts(&w->page, note->markdown);
	for (i = 0; i < n; i++) {
		buf_putc(&w->page, '\n');
		if (!render_fill(s->ts, port_section(s, port, i), w->d, &w->page))
			return 0;
	}
	return 1;
}

/*
 * The page of one port. Its note, if it has one, is rendered here, on the
 * worker's thread, and dropped once the page is made: the notes cost each
 * build's workers their share of cmark's time and no memory beyond a page.
 */
static int
port_make(struct worker *w, size_t i)
{
	const struct site *s = w->s;
	unsigned port = (unsigned)(s->o->lo + i);
	const struct content_note *note = s->model->port[port].note;
	size_t k, n = tmpl_set_nsections(s->ts);
	char *html = NULL;
	int ok = 0;

	port_values(w, port);
	if (s->o->markdown)
		return port_markdown(w, port);
	buf_reset(&w->body);
	for (k = 0; k < n; k++) {
		buf_puts(&w->body, "<section class=\"section section-");
		buf_puts(&w->body, tmpl_section_name(s->ts, k));
		buf_puts(&w->body, "\">\n");
		if (!render_page(s->ts, port_section(s, port, k), w->d, w->cache,
		    &w->body))
			goto out;
		buf_puts(&w->body, "</section>\n");
	}
	dict_set_raw(w->d, DICT_ROOT, N_BODY, w->body.data, w->body.len);
	if (note != NULL) {
		if ((html = content_note_html(note)) == NULL) {
			util_err(s->con->dir, 0, "ports/%u.md: cmark failed to "
			    "render the note", port);
			goto out;
		}
		dict_set_raw(w->d, DICT_ROOT, N_NOTE, html, strlen(html));
	}
	ok = page_render(w);
out:
	free(html);
	return ok;
}

/* Its layout is the one the sections fill, whose names they may use (scope.c). */
const struct page_kind page_port = {
	"port", TMPL_SECTIONS_LAYOUT, "port", 1, 1, 1, port_count, port_path,
	port_make, NULL
};
