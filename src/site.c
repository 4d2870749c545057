/* site.c - a build from start to end: inputs, the up-to-date check, the pages, the summary */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "names.h"
#include "page.h"
#include "pool.h"
#include "precompress.h"
#include "site.h"
#include "util.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif

volatile sig_atomic_t site_interrupted;

const char *
site_default_registry(const char *content)
{
	static _Thread_local char path[4096];

	snprintf(path, sizeof(path), "%s/registry.csv", content);
	if (access(path, R_OK) == 0)
		return path;
	if (access("/usr/share/wireshark/services", R_OK) == 0)
		return "/usr/share/wireshark/services";
	if (access("/etc/services", R_OK) == 0)
		return "/etc/services";
	return NULL;
}

static const char *
registry_file(const struct site_opts *o)
{
	return o->registry != NULL ? o->registry :
	    site_default_registry(o->content);
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
site_free(struct site *s)
{
	model_free(s->model);
	sources_free(&s->src);
	registry_free(s->reg);
	content_free(s->con);
	tmpl_set_free(s->ts);
	util_list_free(s->assets);
	free(s->layout);
}

/*
 * Templates (with every kind's layout), content, assets and the other
 * sources; hashes them into *inputs.
 */
static int
site_load(struct site *s, const struct site_opts *o, const char *registry,
    uint64_t *inputs)
{
	const struct tmpl_name *names;
	size_t k, nnames;

	memset(s, 0, sizeof(*s));
	s->o = o;
	if (!build_date(s->build_date, sizeof(s->build_date)))
		return 0;
	names = names_all(&nnames);
	if ((s->ts = tmpl_set_load(o->templates, names, nnames)) == NULL)
		return 0;
	s->layout = xmalloc(page_nkinds * sizeof(*s->layout));
	for (k = 0; k < page_nkinds; k++)
		if ((s->layout[k] = page_kinds[k]->layout == NULL ? -1 :
		    tmpl_set_layout(s->ts, page_kinds[k]->layout)) < 0 &&
		    page_kinds[k]->layout != NULL)
			return 0;
	if ((s->con = content_read(o->content, o->jobs)) == NULL)
		return 0;
	*inputs ^= tmpl_set_hash(s->ts) * 3 + s->con->hash * 5;
	return page_assets_load(s, inputs) &&
	    sources_find(&s->src, &s->con->conf, registry, inputs);
}

/* What a build reads beside the registry, on threads of their own. */
struct beside {
	struct site	*s;
	int		 ok;
};

/* The notes and uses.csv, parsed and checked. */
static void *
read_content(void *arg)
{
	struct beside *b = arg;

	b->ok = content_parse(b->s->con);
	return NULL;
}

/* nmap's, Wireshark's and the system's lists. */
static void *
read_lists(void *arg)
{
	struct beside *b = arg;

	b->ok = sources_read(&b->s->src);
	return NULL;
}

/*
 * The notes, the registry, the other lists and the per-port model:
 * after the up-to-date check, which needs only hashes. The three are read
 * at once, each on its thread: this part of a build runs before there are
 * pages to share out.
 */
static int
site_load_registry(struct site *s, const char *registry)
{
	void *(*const read[2])(void *) = { read_content, read_lists };
	struct beside b[2] = { { s, 0 }, { s, 0 } };
	pthread_t t[2];
	int started[2], i;

	if (registry == NULL) {
		util_err(NULL, 0, "no registry: give one with -r FILE, or put "
		    "IANA's CSV at %s/registry.csv", s->o->content);
		return 0;
	}
	for (i = 0; i < 2; i++)
		if (!(started[i] = pthread_create(&t[i], NULL, read[i], &b[i]) ==
		    0))
			read[i](&b[i]);
	s->reg = registry_load(registry);
	for (i = 0; i < 2; i++)
		if (started[i])
			pthread_join(t[i], NULL);
	if (!b[0].ok || !b[1].ok || s->reg == NULL)
		return 0;
	sources_attach(&s->src, s->reg, s->con->uses);
	s->model = model_new(s->reg, s->con, s->src.nmap);
	return 1;
}

/*
 * Everything that can change a byte of output, but the files already
 * hashed. The registry counts by its file name, which pages show, not by
 * its directory: the same inputs anywhere make the same stamp.
 */
static uint64_t
site_inputs(const struct site_opts *o, const struct site *s,
    const char *registry, uint64_t h)
{
	const char *name = strrchr(registry, '/');
	char opts[128];

	name = name != NULL ? name + 1 : registry;
	/*
	 * The program is an input too: a new portpages re-renders what an old
	 * one wrote, whatever its version says.
	 */
	h = util_hash(h, VERSION, sizeof(VERSION));
	if (!util_file_hash("/proc/self/exe", &h))
		util_warn(NULL, 0, "cannot read /proc/self/exe: a new build of "
		    "portpages may leave pages of the old one until an input "
		    "changes");
	snprintf(opts, sizeof(opts), "%u-%u %d %d%d %s", o->lo, o->hi,
	    o->markdown, o->precompress, precompress_brotli, s->build_date);
	h = util_hash(h, opts, strlen(opts) + 1);
	return util_hash(h, name, strlen(name) + 1);
}

/* 1 if kind k writes files in this build: enabled, and some to write. */
static int
site_writes(const struct site *s, const struct page_kind *k)
{
	return page_kind_enabled(s, k) && page_count(s, k) > 0;
}

/*
 * Creates the directories of the kinds that write files, parents before
 * children (table order); sweeps what a killed build left.
 */
static int
site_dirs(const struct site *s)
{
	size_t k, j;

	for (k = 0; k < page_nkinds; k++) {
		const struct page_kind *pk = page_kinds[k];

		if (pk->dir == NULL || !site_writes(s, pk))
			continue;
		for (j = 0; j < k && (page_kinds[j]->dir == NULL ||
		    strcmp(page_kinds[j]->dir, pk->dir) != 0 ||
		    !site_writes(s, page_kinds[j])); j++)
			;
		if (j == k && !out_mkdir(s->out, pk->dir))
			return 0;
	}
	return 1;
}

int
site_build(const struct site_opts *o)
{
	const char *registry = registry_file(o);
	struct out_stats st = { 0 };
	struct site s;
	uint64_t inputs = UTIL_HASH_INIT;
	double t0 = util_now();
	int ok = 0;

	memset(&s, 0, sizeof(s));
	/*
	 * The registry is hashed before it is read: if it changes in between,
	 * the stamp is the older one and the next build starts afresh.
	 */
	if (registry != NULL && !util_file_hash(registry, &inputs)) {
		util_err(registry, 0, "cannot open registry: %s", strerror(errno));
		goto out;
	}
	if (!site_load(&s, o, registry, &inputs))
		goto out;
	if (registry == NULL) {
		site_load_registry(&s, registry);
		goto out;
	}
	inputs = site_inputs(o, &s, registry, inputs);
	if ((s.out = out_open(o->output, o->nowait)) == NULL)
		goto out;
	if (out_uptodate(s.out, inputs)) {
		ok = 1;
		goto out;
	}
	if (!site_load_registry(&s, registry) || !site_dirs(&s) ||
	    !pool_run(&s))
		goto out;
	ok = !site_interrupted;
out:
	if (site_interrupted)
		util_err(NULL, 0, "interrupted: the site was left as it was, "
		    "page by page old or new");
	if (s.out != NULL && !out_close(s.out, ok, o->partial, inputs, &st))
		ok = 0;
	if (ok && !o->quiet)
		printf("portpages: %zu written, %zu unchanged, %zu removed "
		    "(%u port pages) in %.3f s\n", st.written, st.unchanged,
		    st.removed, o->hi - o->lo + 1, util_now() - t0);
	site_free(&s);
	return ok;
}

struct site *
site_open(const struct site_opts *o)
{
	struct site *s = xcalloc(1, sizeof(*s));
	uint64_t inputs = UTIL_HASH_INIT;

	if (!site_load(s, o, registry_file(o), &inputs) ||
	    !site_load_registry(s, registry_file(o))) {
		site_close(s);
		return NULL;
	}
	return s;
}

void
site_close(struct site *s)
{
	if (s == NULL)
		return;
	site_free(s);
	free(s);
}

int
site_preview(const struct site_opts *o, unsigned port, FILE *f)
{
	struct site_opts one = *o;
	struct worker w;
	struct site *s;
	size_t k;
	int ok = 0;

	memset(&w, 0, sizeof(w));
	one.lo = one.hi = port;
	if ((s = site_open(&one)) == NULL)
		goto out;
	for (k = 0; page_kinds[k] != &page_port; k++)
		;
	pool_worker_init(&w, s);
	if (!pool_make(&w, k, 0, 0))
		goto out;
	ok = fwrite(w.page.data, 1, w.page.len, f) == w.page.len &&
	    fflush(f) == 0;
	if (!ok)
		util_err(NULL, 0, "cannot write to standard output");
out:
	if (w.s != NULL)
		pool_worker_free(&w);
	site_close(s);
	return ok;
}
