/*
 * fuzz_layout.c - libFuzzer harness for templates: the cache (pieces too) against the straightforward path
 *
 * The input is layouts/page.html in a private template directory (or,
 * after a leading 'M', sections/10-a.md) and, after a NUL byte, bytes that
 * choose eight pages' values and sections. A template that loads is
 * rendered for each page both ways, the cached way through one cache, so
 * that later pages are filled from skeletons or assembled from pieces of
 * earlier ones: the bytes must be the same, and a page one path refuses
 * the other must refuse too.
 */
#include "buf.h"
#include "cache.h"
#include "dict.h"
#include "fuzz.h"
#include "render.h"
#include "tmpl.h"

enum { N_X, N_Y, N_SEC, N_ITEM, N_HTML, N_COUNT };

static const struct tmpl_name names[] = {
	{ "X", 0, 0, "page", "" }, { "Y", 0, 0, "page", "" }, { "SEC", 1, 0, "page", "" },
	{ "ITEM", 1, 0, "page", "" }, { "HTML", 0, 1, "page", "" },
};

/* Values that look like markup, marks or tokens, and plain ones. */
static const char *const values[] = {
	"", "ssh", "a <b> & \"c\" 'd'", "</p><script>x</script>",
	"javascript:alert(1)", "PPvAAAB0000", "PPvAAAE0000 PPvAAAT0001",
	"{{#SEC}}", "\xc3\xa9 \xe2\x80\x8e",
};

static const char *dir;
static char *layout, *section;

/* The next choice below n: from the input while it lasts, then a sequence. */
static unsigned
pick(const uint8_t **p, const uint8_t *end, unsigned *seq, unsigned n)
{
	if (*p < end)
		return *(*p)++ % n;
	*seq = *seq * 1103515245u + 12345u;
	return (*seq >> 16) % n;
}

static void
maybe_set(dict *d, size_t node, int name, const uint8_t **p,
    const uint8_t *end, unsigned *seq)
{
	unsigned v = pick(p, end, seq, sizeof(values) / sizeof(values[0]) + 1);

	if (v > 0)
		dict_sets(d, node, name, values[v - 1]);
}

/* One page: X, Y, 0-3 SEC with Y and 0-2 ITEM each, 0-2 ITEM, HTML. */
static void
page(dict *d, const uint8_t **p, const uint8_t *end, unsigned *seq)
{
	unsigned i, j, n, m;
	size_t s, k;

	dict_reset(d);
	maybe_set(d, DICT_ROOT, N_X, p, end, seq);
	maybe_set(d, DICT_ROOT, N_Y, p, end, seq);
	for (i = 0, n = pick(p, end, seq, 4); i < n; i++) {
		s = dict_add(d, DICT_ROOT, N_SEC);
		maybe_set(d, s, N_Y, p, end, seq);
		for (j = 0, m = pick(p, end, seq, 3); j < m; j++) {
			k = dict_add(d, s, N_ITEM);
			maybe_set(d, k, N_X, p, end, seq);
			maybe_set(d, k, N_Y, p, end, seq);
		}
	}
	for (i = 0, n = pick(p, end, seq, 3); i < n; i++)
		maybe_set(d, dict_add(d, DICT_ROOT, N_ITEM), N_X, p, end, seq);
	if (pick(p, end, seq, 2))
		dict_set_raw(d, DICT_ROOT, N_HTML, "<i>raw</i>", 10);
}

/* Makes the template directory: a section, no partials, the layout's path. */
static void
setup(void)
{
	static const char *const sub[] = { "sections", "layouts", "partials" };
	char *path;
	size_t i;

	util_quiet = 1;
	dir = fuzz_tmpdir("layout");
	for (i = 0; i < 3; i++) {
		path = util_path_join(dir, sub[i]);
		if (mkdir(path, 0700) != 0)
			fuzz_die(path);
		free(path);
	}
	section = util_path_join(dir, "sections/10-a.md");
	layout = util_path_join(dir, "layouts/page.html");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size), *p, *end = data + size;
	buf slow = { 0 }, fast = { 0 };
	unsigned seq = 1, i;
	tmpl_set *ts;
	cache *c;
	dict *d;
	size_t n;
	int id, rs, rf, md;

	if (dir == NULL)
		setup();
	md = size > 0 && data[0] == 'M';
	n = (nul != NULL ? (size_t)(nul - data) : size) - (size_t)md;
	fuzz_write(md ? section : layout, data + md, n);
	fuzz_write(md ? layout : section, (const uint8_t *)(md ?
	    "<p>{{X}}</p>\n" : "{{X}}\n"), md ? 13 : 6);
	if ((ts = tmpl_set_load(dir, names, N_COUNT)) == NULL)
		return 0;
	id = md ? tmpl_section_template(ts, 0, 0) : tmpl_set_layout(ts, "page");
	d = dict_new();
	c = cache_new(1 << 22);
	p = nul != NULL ? nul + 1 : end;
	for (i = 0; i < 8; i++) {
		page(d, &p, end, &seq);
		buf_reset(&slow);
		buf_reset(&fast);
		rs = render_page(ts, id, d, NULL, &slow);
		rf = render_page(ts, id, d, c, &fast);
		if (rs != rf || (rs && (slow.len != fast.len || (slow.len > 0 &&
		    memcmp(slow.data, fast.data, slow.len) != 0))))
			abort();
	}
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	dict_free(d);
	tmpl_set_free(ts);
	return 0;
}
