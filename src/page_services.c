/* page_services.c - services/L.html: the A-Z index of service names, a page per letter */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "page.h"

/* Page 0 is "0-9" (names that start with no letter); 1..26 are a..z. */
static size_t
services_count(const struct site *s)
{
	(void)s;
	return 27;
}

static void
services_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	if (i == 0)
		snprintf(rel, n, "services/0-9.html");
	else
		snprintf(rel, n, "services/%c.html", page_letter_names[i - 1]);
}

/* The letter page a service name is listed on: 'a'..'z', or 0 for "0-9". */
static int
letter_of(const char *name)
{
	int c = tolower((unsigned char)name[0]);

	return c >= 'a' && c <= 'z' ? c : 0;
}

/* One SERVICE: svc[i..j) share a name; one S_PORT per port or range. */
static void
services_entry(struct worker *w, size_t i, size_t j)
{
	const struct model_service *svc = w->s->model->svc;
	const struct registry_entry *e;
	size_t s = dict_add(w->d, DICT_ROOT, N_SERVICE), k, sp, n;
	char label[32], proto[24];
	unsigned protos;

	dict_sets(w->d, s, N_S_NAME, svc[i].name);
	dict_sets(w->d, s, N_S_DESC, svc[i].e->desc);
	for (k = i; k < j; k = sp) {
		e = svc[k].e;
		if (!e->has_port) {
			if (k == i)
				dict_add(w->d, s, N_S_NOPORT);
			sp = k + 1;
			continue;
		}
		/* Rows of one port or range merge their protocols. */
		for (protos = 0, sp = k; sp < j && svc[sp].e->lo == e->lo &&
		    svc[sp].e->hi == e->hi; sp++)
			protos |= svc[sp].e->protos;
		n = dict_add(w->d, s, N_S_PORT);
		dict_setu(w->d, n, N_SP_PORT, e->lo);
		if (e->lo == e->hi)
			snprintf(label, sizeof(label), "%u", e->lo);
		else
			snprintf(label, sizeof(label), "%u-%u", e->lo, e->hi);
		dict_sets(w->d, n, N_SP_LABEL, label);
		registry_protos_str(protos, proto);
		dict_sets(w->d, n, N_SP_PROTOCOLS, proto);
		if (proto[0] != '\0')
			dict_add(w->d, n, N_SP_HAS_PROTOCOLS);
	}
}

static int
services_make(struct worker *w, size_t l)
{
	const struct model *m = w->s->model;
	int want = l == 0 ? 0 : page_letter_names[l - 1];
	char rel[32], letter[2] = { (char)toupper(want), 0 }, title[64];
	size_t i, j;

	services_path(w->s, l, rel, sizeof(rel));
	page_start(w, rel);
	snprintf(title, sizeof(title), "Service names: %s", l == 0 ?
	    "0-9 and symbols" : letter);
	page_meta(w, title, "An A to Z index of the service names in the port "
	    "registry, with their ports.");
	dict_sets(w->d, DICT_ROOT, N_CURRENT_LETTER, l == 0 ? "0-9" : letter);
	page_crumb(w, "index.html", "Home");
	page_letters(w->d, (int)l - 1);
	for (i = 0; i < m->nsvc; i = j) {
		for (j = i; j < m->nsvc && strcmp(m->svc[j].name,
		    m->svc[i].name) == 0; j++)
			;
		if (letter_of(m->svc[i].name) == want)
			services_entry(w, i, j);
	}
	return page_render(w);
}

const struct page_kind page_services = {
	"services", "services", "services", 1, 0, 0, services_count,
	services_path, services_make, NULL
};
