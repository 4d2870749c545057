/* test_tmpl.c - template checking, escaping, the two render paths, and layouts assembled from pieces */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "dict.h"
#include "render.h"
#include "tmpl.h"
#include "util.h"

enum { N_X, N_Y, N_SEC, N_ITEM, N_HTML, N_IN, N_SUB, N_PV, N_COUNT };

static const struct tmpl_name names[] = {
	{ "X", 0, 0, "page", "" }, { "Y", 0, 0, "page", "" }, { "SEC", 1, 0, "page", "" },
	{ "ITEM", 1, 0, "page", "" }, { "HTML", 0, 1, "page", "" },
	{ "IN", 0, 0, "SEC", "" }, { "SUB", 1, 0, "SEC ITEM", "" },
	{ "PV", 0, 0, TMPL_SECTIONS_LAYOUT " SEC", "" },
};

static char dir[64];

/* The layout most tests use; the piece tests put their own, then this back. */
static const char page_layout[] = "<title>{{X}}</title>{{HTML}}";

static void
put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

/* A fresh template directory with one section and one layout. */
static int
setup(void **state)
{
	char path[128];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pp-tmpl-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/sections", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/layouts", dir);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/partials", dir);
	mkdir(path, 0777);
	put("layouts/page.html", page_layout);
	util_quiet = 1;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static tmpl_set *
load_with(const char *section)
{
	put("sections/10-a.md", section);
	return tmpl_set_load(dir, names, N_COUNT);
}

static void
test_bad_markers(void **state)
{
	const char *bad[] = {
		"{{NOPE}}\n",			/* unknown marker */
		"{{#SEC}}open\n",		/* never closed */
		"{{/SEC}}\n",			/* closes nothing */
		"{{#SEC}}{{/ITEM}}\n",		/* closes the wrong one */
		"{{X:h}}\n",			/* modifiers */
		"{{>missing}}\n",		/* missing include */
		"text {{X\n",			/* unclosed */
		"{{HTML}}\n",			/* HTML in Markdown */
		"{{SEC}}\n",			/* a section used as a value */
		"bad \xff byte\n",		/* invalid UTF-8 */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tmpl_set *ts = load_with(bad[i]);

		if (ts != NULL)
			fail_msg("accepted: %s", bad[i]);
	}
	tmpl_set_free(load_with("{{! a comment }}{{X}} {{#SEC}}{{Y}}"
	    "{{#SEC_separator}}, {{/SEC_separator}}{{/SEC}}\n"));
}

/* The error loading section gives, or "" if it loads. */
static const char *
load_err(const char *section)
{
	static char msg[512];
	tmpl_set *ts;
	FILE *f;
	size_t n;
	int saved;

	assert_non_null(f = tmpfile());
	fflush(stderr);
	saved = dup(2);
	dup2(fileno(f), 2);
	ts = load_with(section);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	n = fread(msg, 1, sizeof(msg) - 1, f);
	msg[ts == NULL ? n : 0] = '\0';
	fclose(f);
	tmpl_set_free(ts);
	return msg;
}

/*
 * A name set only inside a section (names[]'s "where") may stand only
 * there: elsewhere it would print nothing on every page.
 */
static void
test_scope(void **state)
{
	const char *good[] = {
		"{{#SEC}}{{IN}}{{/SEC}}\n",
		"{{#SEC}}{{#ITEM}}{{IN}}{{/ITEM}}{{/SEC}}\n",
		"{{#SEC}}{{#SEC_separator}}{{IN}}{{/SEC_separator}}{{/SEC}}\n",
		"{{#ITEM}}{{#SUB}}x{{/SUB}}{{/ITEM}}\n",
		"{{#SEC}}{{>in}}{{/SEC}}\n",
	};
	const char *bad[] = {
		"{{IN}}\n",
		"{{#ITEM}}{{IN}}{{/ITEM}}\n",
		"{{#SEC}}{{/SEC}} {{IN}}\n",
		"{{>in}}\n",
		"{{#SEC}}{{>close}}{{/SEC}}\n",
	};
	const char *e;
	size_t i;

	(void)state;
	put("partials/in.md", "{{IN}}\n");
	put("partials/close.md", "{{/SEC}}\n");
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (*(e = load_err(good[i])) != '\0')
			fail_msg("refused: %s: %s", good[i], e);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (*load_err(bad[i]) == '\0')
			fail_msg("accepted: %s", bad[i]);
	assert_non_null(strstr(load_err("line\n{{IN}}\n"), "sections/10-a.md:2: "
	    "{{IN}} is set only inside {{#SEC}}, so here it would always be "
	    "empty"));
	assert_non_null(strstr(load_err("{{#SUB}}x{{/SUB}}\n"), "{{#SUB}} is set "
	    "only inside {{#SEC}} or {{#ITEM}}, so here it would never show"));
	assert_non_null(strstr(load_err("{{>in}}\n"), "partials/in.md:1: {{IN}}"));
	/* PV is set for the pages the sections fill, not for layouts/page.html's. */
	assert_string_equal(load_err("{{PV}}\n"), "");
	put("layouts/page.html", "<title>{{X}}</title>{{HTML}}<p>{{PV}}</p>");
	assert_non_null(strstr(load_err("{{X}}\n"), "layouts/page.html:1: {{PV}} "
	    "is set only in " TMPL_SECTIONS_LAYOUT " pages, or inside {{#SEC}}, "
	    "so here it would always be empty"));
	put("layouts/page.html", "<title>{{X}}</title>{{HTML}}{{#SEC}}{{PV}}{{/SEC}}");
	assert_string_equal(load_err("{{X}}\n"), "");
	put("layouts/page.html", page_layout);
}

static void
test_include_and_variants(void **state)
{
	char path[256];
	tmpl_set *ts;

	(void)state;
	put("partials/p.md", "included {{Y}}\n");
	put("sections/20-b.1.md", "one {{>p}}\n");
	put("sections/20-b.2.md", "two\n");
	assert_non_null(ts = load_with("{{X}}\n"));
	assert_int_equal(tmpl_set_nsections(ts), 2);
	assert_string_equal(tmpl_section_name(ts, 0), "a");
	assert_string_equal(tmpl_section_name(ts, 1), "b");
	assert_int_equal(tmpl_section_nvariants(ts, 1), 2);
	assert_int_equal(tmpl_set_layout(ts, "page"),
	    tmpl_section_template(ts, 1, 1) + 1);
	tmpl_set_free(ts);
	snprintf(path, sizeof(path), "%s/sections/20-b.1.md", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sections/20-b.2.md", dir);
	unlink(path);
}

static void
test_md_escape(void **state)
{
	const char *s = "SQL*NET <u> [a](b) x_y #1 é";
	buf b = { 0 };

	(void)state;
	render_md_escape(&b, s, strlen(s));
	assert_string_equal(b.data, "SQL\\*NET \\<u\\> \\[a\\]\\(b\\) x\\_y "
	    "\\#1 é");
	buf_free(&b);
}

/* Renders the same dictionary both ways; they must agree byte for byte. */
static void
both(tmpl_set *ts, int id, dict *d, cache *c, buf *slow,
    buf *fast)
{
	buf_reset(slow);
	buf_reset(fast);
	assert_true(render_page(ts, id, d, NULL, slow));
	assert_true(render_page(ts, id, d, c, fast));
	assert_string_equal(slow->data, fast->data);
}

static void
test_paths_agree(void **state)
{
	const char *values[] = {
		"Oracle SQL*NET", "u=<username> p=<password>", "whois++",
		"[x](javascript:alert(1))", "<script>alert(1)</script>",
		"&amp; &copy; &#65;", "**bold** _em_ `code`", "{{X}} {{#SEC}}",
		"# heading", "1. list", "- item", "a\n\nb   c\td", "  ",
		"Zq0000qZ", "back\\slash", "\"quoted\" 'single'",
	};
	tmpl_set *ts;
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };
	size_t i, j, k, hits, misses, renders;

	(void)state;
	assert_non_null(ts = load_with("## Port {{Y}}\n\nIt is {{X}}, "
	    "really *{{Y}}*.\n\n{{#SEC}}- item {{X}} [link](https://e.org/"
	    "{{Y}})\n{{/SEC}}\n```\ncode {{Y}}\n```\n"));
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		dict_reset(d);
		dict_sets(d, DICT_ROOT, N_X, values[i]);
		dict_setu(d, DICT_ROOT, N_Y, 1000 + i);
		for (j = 0; j < 3; j++) {
			k = dict_add(d, DICT_ROOT, N_SEC);
			dict_sets(d, k, N_X, values[(i + j) %
			    (sizeof(values) / sizeof(values[0]))]);
		}
		both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
		assert_null(strstr(slow.data, "<script>"));
		assert_null(strstr(slow.data, "href=\"javascript"));
		dict_set_raw(d, DICT_ROOT, N_HTML, "<b>ok</b>", 9);
		both(ts, tmpl_set_layout(ts, "page"), d, c, &slow, &fast);
		assert_non_null(strstr(slow.data, "<b>ok</b>"));
	}
	cache_stats(c, &hits, &misses, &renders);
	/*
	 * A shape is rendered once, then filled. Which values are empty is
	 * part of a Markdown template's shape ("  " folds to empty at i =
	 * 10, 11 and 12 in the sections, at 12 at the top): 4 shapes of the
	 * section. In HTML an empty value changes nothing around it: 1
	 * shape of the layout, which an empty X fills as well (i = 12).
	 */
	assert_int_equal(misses, 5);
	assert_int_equal(hits, 2 * i - 5);
	assert_int_equal(renders, 5);	/* the layout has no sections to piece */
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	dict_free(d);
	tmpl_set_free(ts);
}

/*
 * Caches that share one render each shape once between them; what the
 * second fills from the first's skeleton is what it would have rendered.
 */
static void
test_shared_cache(void **state)
{
	tmpl_set *ts;
	dict *d = dict_new();
	cache_shared *sh = cache_shared_new(1 << 20);
	cache *a = cache_new(1 << 20), *b = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };
	size_t hits, misses, renders, i;
	int id;

	(void)state;
	assert_non_null(ts = load_with("Port {{Y}} is {{X}}.\n"));
	id = tmpl_section_template(ts, 0, 0);
	cache_share(a, sh);
	cache_share(b, sh);
	for (i = 0; i < 4; i++) {
		dict_reset(d);
		dict_sets(d, DICT_ROOT, N_X, i % 2 ? "a <b> & c" : "ssh");
		dict_setu(d, DICT_ROOT, N_Y, 22 + i);
		both(ts, id, d, i < 2 ? a : b, &slow, &fast);
		both(ts, tmpl_set_layout(ts, "page"), d, i < 2 ? a : b, &slow,
		    &fast);
	}
	cache_stats(a, &hits, &misses, &renders);
	assert_int_equal(misses, 2);	/* the section's shape, the layout's */
	assert_int_equal(hits, 2);
	assert_int_equal(renders, 2);
	cache_stats(b, &hits, &misses, &renders);
	assert_int_equal(misses, 0);	/* both from a's, through sh */
	assert_int_equal(hits, 4);
	assert_int_equal(renders, 0);
	buf_free(&slow);
	buf_free(&fast);
	cache_free(a);
	cache_free(b);
	cache_shared_free(sh);
	dict_free(d);
	tmpl_set_free(ts);
}

static void
test_exact_text(void **state)
{
	tmpl_set *ts;
	dict *d = dict_new();
	buf out = { 0 };

	(void)state;
	assert_non_null(ts = load_with("{{X}}\n"));
	dict_sets(d, DICT_ROOT, N_X, "Oracle SQL*NET u=<username> whois++");
	assert_true(render_page(ts, tmpl_section_template(ts, 0, 0), d, NULL,
	    &out));
	assert_string_equal(out.data, "<p>Oracle SQL*NET u=&lt;username&gt; "
	    "whois++</p>\n");
	buf_free(&out);
	dict_free(d);
	tmpl_set_free(ts);
}

/* Layouts assembled from pieces (piece.h). */

/* Values that would make markup if they were not escaped, and plain ones. */
static const char *const values[] = {
	"ssh", "", "a <b> & \"c\" 'd'", "</p><script>x</script>",
	"javascript:alert(1)", "PPvAAAB0001", "{{#SEC}}", "é ü",
};

static unsigned seed = 4242;

/* A number below n, the same sequence every run. */
static unsigned
rnd(unsigned n)
{
	return (unsigned)rand_r(&seed) % n;
}

/* Sets name at node to a random value, or leaves it out. */
static void
maybe_set(dict *d, size_t node, int name)
{
	if (rnd(4) > 0)
		dict_sets(d, node, name, values[rnd(sizeof(values) /
		    sizeof(values[0]))]);
}

/* A random page: X and Y or not, 0-3 SEC with 0-2 ITEM each, 0-3 ITEM at the top. */
static void
random_page(dict *d, int top_items)
{
	size_t s, i;
	unsigned n, m, k, j;

	dict_reset(d);
	maybe_set(d, DICT_ROOT, N_X);
	maybe_set(d, DICT_ROOT, N_Y);
	for (k = 0, n = rnd(4); k < n; k++) {
		s = dict_add(d, DICT_ROOT, N_SEC);
		maybe_set(d, s, N_Y);
		for (j = 0, m = rnd(3); j < m; j++)
			maybe_set(d, dict_add(d, s, N_ITEM), N_Y);
	}
	for (k = 0, n = top_items ? rnd(4) : 0; k < n; k++) {
		i = dict_add(d, DICT_ROOT, N_ITEM);
		maybe_set(d, i, N_X);
	}
	if (rnd(2))
		dict_set_raw(d, DICT_ROOT, N_HTML, "<b>raw</b>", 10);
}

/*
 * Renders n random pages of layout "page" both ways, through caches a
 * and b in turn (sharing one cache between them when sh is not NULL);
 * returns the renders the caches needed, and their misses in *misses.
 */
static size_t
pages_agree(const char *layout, unsigned n, int top_items, cache_shared *sh,
    size_t *misses)
{
	tmpl_set *ts;
	dict *d = dict_new();
	cache *c[2] = { cache_new(1 << 22), cache_new(1 << 22) };
	buf slow = { 0 }, fast = { 0 };
	size_t hits, miss, renders, total = 0;
	unsigned i;
	int id;

	put("layouts/page.html", layout);
	assert_non_null(ts = load_with("{{X}}\n"));
	id = tmpl_set_layout(ts, "page");
	for (i = 0; sh != NULL && i < 2; i++)
		cache_share(c[i], sh);
	for (i = 0; i < n; i++) {
		random_page(d, top_items);
		buf_reset(&slow);
		buf_reset(&fast);
		assert_true(render_page(ts, id, d, NULL, &slow));
		assert_true(render_page(ts, id, d, c[i % 2], &fast));
		if (strcmp(slow.data ? slow.data : "", fast.data ? fast.data :
		    "") != 0)
			fail_msg("page %u differs:\n%s\n---\n%s", i, slow.data,
			    fast.data);
	}
	*misses = 0;
	for (i = 0; i < 2; i++) {
		cache_stats(c[i], &hits, &miss, &renders);
		*misses += miss;
		total += renders;
		cache_free(c[i]);
	}
	buf_free(&slow);
	buf_free(&fast);
	dict_free(d);
	tmpl_set_free(ts);
	put("layouts/page.html", page_layout);
	return total;
}

/* Sections in text, nested, with separators, using the page's own values. */
static const char layout[] =
    "<title>{{X}}</title>\n<h1>Page {{X}}</h1>\n"
    "{{#SEC}}<p class=\"s\" title=\"{{Y}}\">{{Y}} of {{X}}:"
    "{{#ITEM}} <a href=\"{{Y}}\">{{X}}</a>{{#ITEM_separator}},"
    "{{/ITEM_separator}}{{/ITEM}}</p>\n{{/SEC}}"
    "<ul>{{#ITEM}}<li>{{X}} ({{Y}})</li>{{#ITEM_separator}}|"
    "{{/ITEM_separator}}{{/ITEM}}</ul>\n{{#SEC}}<hr>{{/SEC}}{{HTML}}\n";

/*
 * The pages agree, and most new shapes are assembled from pieces: a
 * page's shape is new far more often than its frame or any of its
 * sections' repetitions.
 */
static void
test_assembled(void **state)
{
	size_t misses, renders;

	(void)state;
	renders = pages_agree(layout, 600, 0, NULL, &misses);
	assert_true(misses > 50);
	if (renders * 2 > misses)
		fail_msg("%zu renders for %zu new shapes", renders, misses);
}

/* Caches that share pieces agree as well, and render less between them. */
static void
test_shared(void **state)
{
	cache_shared *sh = cache_shared_new(1 << 22);
	size_t misses, renders;

	(void)state;
	renders = pages_agree(layout, 600, 0, sh, &misses);
	if (renders * 3 > misses)
		fail_msg("%zu renders for %zu new shapes", renders, misses);
	cache_shared_free(sh);
}

/*
 * A top-level ITEM shadows nothing the nested ITEM needs, but a section
 * that a piece could find at the top makes the page render whole.
 */
static void
test_section_at_top(void **state)
{
	size_t misses, renders;

	(void)state;
	renders = pages_agree(layout, 400, 1, NULL, &misses);
	assert_true(renders > 0 && misses > 0);
}

/*
 * Where a mark would fall somewhere that changes how what follows it is
 * read (a tag, an attribute, <title>, after '<'), the page is rendered
 * whole: the same bytes, a render for every new shape (and one more in
 * each of the two caches, which tried the marks once). Marks in text
 * between tags that the sections open and close are fine.
 */
static void
test_marks_out_of_text(void **state)
{
	static const char *const layouts[] = {
		"<a title=\"{{#SEC}}{{Y}} {{/SEC}}\">{{X}}</a>\n",
		"<b{{#SEC}} class=\"c{{Y}}\"{{/SEC}}>{{X}}</b>\n",
		"<title>{{#SEC}}{{Y}} {{/SEC}}</title><p>{{X}}</p>\n",
		"<p>{{#SEC}}</p><p class=\"{{Y}}\">{{/SEC}}{{X}}</p>\n",
		"<p>a <{{#SEC}}i>{{Y}}</i{{/SEC}}> {{X}}</p>\n",
	};
	size_t i, misses, renders;

	(void)state;
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		renders = pages_agree(layouts[i], 80, 0, NULL, &misses);
		if (i == 3 ? renders >= misses : renders > misses + 2)
			fail_msg("layout %zu: %zu renders for %zu new shapes",
			    i, renders, misses);
	}
}

/*
 * Text on either side of a section or of a value the page lacks, joined
 * by ctemplate, never spells a placeholder: the prefix is chosen so that
 * it cannot, and the text stays as it is written on both paths.
 */
static void
test_prefix_across_sections(void **state)
{
	static const char *const layouts[] = {
		"<p>PPvAA{{#SEC}}A0000{{/SEC}} {{X}}</p>\n",
		"<p>{{#SEC}}A0000PPvAA{{/SEC}} {{X}}</p>\n",
		"<p>P{{#SEC}}PvAAA0000{{/SEC}}P{{#ITEM}}Pv{{/ITEM}} {{X}}</p>\n",
		"<p>{{#SEC}}A0000PPv{{Y}}AA{{/SEC}} {{X}}</p>\n",
	};
	dict *d = dict_new();
	cache *c;
	buf slow = { 0 }, fast = { 0 };
	tmpl_set *ts;
	size_t i, reps, j;

	(void)state;
	for (i = 0; i < sizeof(layouts) / sizeof(layouts[0]); i++) {
		put("layouts/page.html", layouts[i]);
		assert_non_null(ts = load_with("{{X}}\n"));
		c = cache_new(1 << 20);
		for (reps = 0; reps < 3; reps++) {
			dict_reset(d);
			dict_sets(d, DICT_ROOT, N_X, "VALUE");
			for (j = 0; j < reps; j++) {
				dict_add(d, DICT_ROOT, N_SEC);
				dict_add(d, DICT_ROOT, N_ITEM);
			}
			both(ts, tmpl_set_layout(ts, "page"), d, c, &slow, &fast);
			/* The value once, where {{X}} stands; the text as written. */
			if (strstr(slow.data, "VALUE") != strrchr(slow.data, 'V') ||
			    (reps > 0 && i < 2 && strstr(slow.data, "PPvAA") ==
			    NULL))
				fail_msg("layout %zu: %s", i, slow.data);
		}
		cache_free(c);
		tmpl_set_free(ts);
	}
	put("layouts/page.html", page_layout);
	/* cmark decodes character references: they must not spell one either. */
	assert_non_null(ts = load_with("Text &#80;PvAAAT0000 &#x50;PvAAA0000 "
	    "and {{X}}\n"));
	c = cache_new(1 << 20);
	dict_reset(d);
	dict_sets(d, DICT_ROOT, N_X, "VALUE");
	both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>Text PPvAAAT0000 PPvAAA0000 and "
	    "VALUE</p>\n");
	cache_free(c);
	tmpl_set_free(ts);
	buf_free(&slow);
	buf_free(&fast);
	dict_free(d);
}

/*
 * A name that is a section and a value at the top: a piece's body finds
 * the section there (ctemplate looks in enclosing dictionaries for
 * sections too), so such a page is rendered whole.
 */
static void
test_section_and_value_at_top(void **state)
{
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };
	tmpl_set *ts;
	int page;

	(void)state;
	put("layouts/page.html",
	    "<p>{{#ITEM}}[{{#SEC}}shown{{/SEC}}]{{/ITEM}}</p>\n");
	assert_non_null(ts = load_with("{{X}}\n"));
	for (page = 0; page < 2; page++) {
		dict_reset(d);
		dict_add(d, DICT_ROOT, N_ITEM);
		if (page == 0)
			dict_add(d, DICT_ROOT, N_SEC);
		dict_sets(d, DICT_ROOT, N_SEC, "v");
		both(ts, tmpl_set_layout(ts, "page"), d, c, &slow, &fast);
	}
	put("layouts/page.html", page_layout);
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	tmpl_set_free(ts);
	dict_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bad_markers),
		cmocka_unit_test(test_include_and_variants),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_md_escape),
		cmocka_unit_test(test_paths_agree),
		cmocka_unit_test(test_shared_cache),
		cmocka_unit_test(test_exact_text),
		cmocka_unit_test(test_assembled),
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_section_at_top),
		cmocka_unit_test(test_marks_out_of_text),
		cmocka_unit_test(test_prefix_across_sections),
		cmocka_unit_test(test_section_and_value_at_top),
	};

	return cmocka_run_group_tests_name("tmpl", tests, setup, teardown);
}
