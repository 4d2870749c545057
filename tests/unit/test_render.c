/* test_render.c - a value is literal text wherever a template puts it, on both render paths */
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
#include "subst.h"
#include "tmpl.h"
#include "util.h"

enum { N_A, N_B, N_C, N_SEC, N_S, N_RAW, N_COUNT };

static const struct tmpl_name names[] = {
	{ "A", 0, 0, "page", "" }, { "B", 0, 0, "page", "" }, { "C", 0, 0, "page", "" },
	{ "SEC", 1, 0, "page", "" }, { "S", 0, 0, "page", "" }, { "RAW", 0, 1, "page", "" },
};

/* Every place a Markdown template may put a value; %s is the marker. */
static const char *const md_contexts[] = {
	"%s\n", "Text %s, more.\n", "# %s\n", "### Title %s\n", "- %s\n",
	"1. item %s\n", "> %s\n", "*%s*\n", "**%s** and _%s_\n",
	"[%s](https://example.org/)\n", "![%s](https://example.org/i.png)\n",
	"`%s`\n", "``x %s y``\n", "```\n%s\n```\n", "    %s\n",
	"[link](%s)\n", "[link](https://example.org/?q=%s&r=1)\n",
	"![img](%s)\n", "[link](https://example.org/ \"%s\")\n",
	"<span title=\"%s\">%s</span>\n", "<div class='%s'>\n\n%s\n\n</div>\n",
	"<a href=\"%s\">x</a>\n", "| %s | cell |\n", "Line %s  \nnext\n",
};

/* Every place an HTML layout may put a value. */
static const char *const html_contexts[] = {
	"<p>%s</p>", "<title>%s</title>", "<a title=\"%s\">x</a>",
	"<a title='%s'>x</a>", "<a href=\"%s\">x</a>",
	"<a href=\"https://example.org/%s\">x</a>", "<img alt=\"%s\" src=\"%s\">",
	"<textarea>%s</textarea>", "%s",
};

/* Hostile values: every CommonMark special, HTML, quotes, long, empty. */
static const char *const hostile[] = {
	"", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", "<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>", "\"'><svg onload=alert(1)>",
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
	"[x](javascript:alert(1))", "**bold** _em_ `code` ~~s~~",
	"# heading", "- item", "1. list", "> quote", "    indented", "---",
	"&amp; &copy; &#65; &#x41;", "\\`\\*", "a  b\n\nc\td", "PPvAAA0001",
	"{{A}} {{#SEC}}", "\xef\xbf\xbd \xe2\x80\x8e", "http://e.org/a b?c=d&e='f'",
	"|x|y|", "<!-- c -->", "]]>", "\xc3\xa9t\xc3\xa9",
};

static char dir[64];

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

static int
setup(void **state)
{
	char path[128];
	const char *sub[] = { "sections", "layouts", "partials" };
	int i;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/pp-render-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, sub[i]);
		mkdir(path, 0777);
	}
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

/* Fills fmt's %s with markers of A, B, C in turn (at most 2 per context). */
static void
add_context(buf *t, const char *fmt, unsigned *k)
{
	static const char *const m[] = { "{{A}}", "{{B}}", "{{C}}" };
	const char *p;

	for (p = fmt; *p != '\0'; p++)
		if (p[0] == '%' && p[1] == 's') {
			buf_puts(t, m[(*k)++ % 3]);
			p++;
		} else
			buf_putc(t, *p);
}

static unsigned long rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static size_t
count_char(const char *s, char c)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += *s == c;
	return n;
}

/* Renders template id both ways into slow and fast; they must agree. */
static void
both(tmpl_set *ts, int id, dict *d, cache *c, buf *slow, buf *fast)
{
	buf_reset(slow);
	buf_reset(fast);
	assert_true(render_page(ts, id, d, NULL, slow));
	assert_true(render_page(ts, id, d, c, fast));
	assert_string_equal(slow->data ? slow->data : "", fast->data ?
	    fast->data : "");
}

static void
fill(dict *d, const char *a, const char *b, const char *c, unsigned reps)
{
	unsigned i;

	dict_reset(d);
	dict_sets(d, DICT_ROOT, N_A, a);
	dict_sets(d, DICT_ROOT, N_B, b);
	dict_sets(d, DICT_ROOT, N_C, c);
	for (i = 0; i < reps; i++)
		dict_sets(d, dict_add(d, DICT_ROOT, N_SEC), N_S, i % 2 ? a : c);
}

/* 1 if html holds a block that only an empty value could have left empty. */
static int
has_empty(const char *html)
{
	static const char *const empty[] = {
		"<p></p>", "<li></li>", "<h1></h1>", "<h3></h3>",
		"<blockquote>\n</blockquote>", "<pre><code>\n</code></pre>",
		"<pre><code></code></pre>", "<em></em>", "<strong></strong>",
		"<code></code>", "\"></a>", "<p>\n", "\n</p>", "\n</h1>",
		"\n</h3>",
	};
	size_t i;

	for (i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		if (strstr(html, empty[i]) != NULL)
			return 1;
	return 0;
}

/*
 * For one template: both paths agree; hostile values change no markup
 * (as many '<' as with plain words); each value is in the output,
 * escaped as text (folded as the dictionary folds it); an empty value
 * leaves no empty element.
 */
static void
check_template(tmpl_set *ts, int id, int text_values, int md)
{
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 }, want = { 0 };
	const char *v[3];
	size_t tags, n = sizeof(hostile) / sizeof(hostile[0]), i, k;
	unsigned reps = rnd(4);

	fill(d, "alpha", "beta", "gamma", reps);
	both(ts, id, d, c, &slow, &fast);
	tags = count_char(slow.data, '<');
	for (i = 0; i < 12; i++) {
		for (k = 0; k < 3; k++)
			v[k] = hostile[1 + rnd((unsigned)n - 1)];
		fill(d, v[0], v[1], v[2], reps);
		both(ts, id, d, c, &slow, &fast);
		assert_int_equal(count_char(slow.data, '<'), tags);
		for (k = 0; k < 3 && text_values; k++) {
			buf_reset(&want);
			buf_put_html(&want, dict_value(d, dict_node(d, k + 1)),
			    dict_node(d, k + 1)->vlen);
			assert_non_null(strstr(slow.data, want.data));
		}
	}
	/* In Markdown, a line that held only an empty value leaves nothing. */
	fill(d, "", "", "", reps);
	both(ts, id, d, c, &slow, &fast);
	if (md && has_empty(slow.data ? slow.data : ""))
		fail_msg("an empty element in:\n%s", slow.data);
	buf_free(&slow);
	buf_free(&fast);
	buf_free(&want);
	cache_free(c);
	dict_free(d);
}

/* 300 random Markdown templates and 300 random layouts, every context. */
static void
test_generated(void **state)
{
	size_t nmd = sizeof(md_contexts) / sizeof(md_contexts[0]);
	size_t nhtml = sizeof(html_contexts) / sizeof(html_contexts[0]);
	buf t = { 0 }, h = { 0 };
	tmpl_set *ts;
	unsigned round, i, k, n;
	int text;

	(void)state;
	for (round = 0; round < 300; round++) {
		buf_reset(&t);
		buf_reset(&h);
		/* The first context gives A, B and C text to stand in. */
		text = rnd(2);
		if (text)
			buf_puts(&t, "Values: {{A}} {{B}} {{C}}.\n\n");
		for (i = 0, k = 0, n = 1 + rnd(5); i < n; i++) {
			add_context(&t, md_contexts[rnd((unsigned)nmd)], &k);
			buf_puts(&t, "\n");
			add_context(&h, html_contexts[rnd((unsigned)nhtml)], &k);
		}
		buf_puts(&t, "{{#SEC}}- {{S}}\n{{/SEC}}\n");
		put("sections/10-t.md", t.data);
		put("layouts/page.html", h.data);
		ts = tmpl_set_load(dir, names, N_COUNT);
		if (ts == NULL)
			fail_msg("template did not load:\n%s\n%s", t.data, h.data);
		check_template(ts, tmpl_section_template(ts, 0, 0), text, 1);
		check_template(ts, tmpl_set_layout(ts, "page"), 0, 0);
		tmpl_set_free(ts);
	}
	buf_free(&t);
	buf_free(&h);
}

/* Where no escaping keeps a value text, loading fails at FILE:LINE. */
static void
test_rejected(void **state)
{
	static const char *const bad_md[] = {
		"![pic <b title=\"{{A}}\">](i.png)\n",
		"<div title='\n\n{{A}}\n\n'>x</div>\n",
		"<div><script>\n\nvar a = 1;\n\n{{A}}\n\n</script></div>\n",
	};
	cache *c;
	static const char *const bad[] = {
		"<a href={{A}}>x</a>", "<a onclick=\"f('{{A}}')\">x</a>",
		"<p style=\"color: {{A}}\">x</p>", "<script>var a = '{{A}}';</script>",
		"<style>p { content: '{{A}}'; }</style>", "<!-- {{A}} -->",
		"<{{A}}>x</{{A}}>", "<p {{A}}>x</p>", "<p title=\"{{RAW}}\">x</p>",
		"<iframe srcdoc=\"{{A}}\"></iframe>", "<iframe>{{A}}</iframe>",
		"<xmp>{{A}}</xmp>", "<noembed>{{A}}</noembed>",
		"<noframes>{{A}}</noframes>", "<plaintext>{{A}}",
		"<plaintext>x</plaintext><p>{{A}}</p>",
	};
	tmpl_set *ts;
	dict *d = dict_new();
	buf out = { 0 };
	size_t i;

	(void)state;
	put("sections/10-t.md", "{{A}}\n");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put("layouts/page.html", bad[i]);
		assert_null(tmpl_set_load(dir, names, N_COUNT));
	}
	put("layouts/page.html", "<p>ok</p>");
	put("sections/10-t.md", "Text.\n\n<https://example.org/{{A}}>\n");
	assert_null(tmpl_set_load(dir, names, N_COUNT));
	/*
	 * A code fence's info string, HTML inside an image's description
	 * (which cmark flattens to alt text, escaping it again), an HTML
	 * block that ends inside an attribute or a script (the Markdown after
	 * it would be read as part of that): found when the page is
	 * rendered, on both paths.
	 */
	put("sections/10-t.md", "```{{A}}\ncode\n```\n");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	dict_sets(d, DICT_ROOT, N_A, "sh");
	assert_false(render_page(ts, tmpl_section_template(ts, 0, 0), d, NULL,
	    &out));
	tmpl_set_free(ts);
	for (i = 0; i < sizeof(bad_md) / sizeof(bad_md[0]); i++) {
		put("sections/10-t.md", bad_md[i]);
		/* The last is refused at load too: the whole file puts it in a script. */
		ts = tmpl_set_load(dir, names, N_COUNT);
		if (i == 2) {
			assert_null(ts);
			continue;
		}
		assert_non_null(ts);
		c = cache_new(1 << 20);
		assert_false(render_page(ts, tmpl_section_template(ts, 0, 0), d,
		    NULL, &out));
		assert_false(render_page(ts, tmpl_section_template(ts, 0, 0), d,
		    c, &out));
		cache_free(c);
		tmpl_set_free(ts);
	}
	buf_free(&out);
	dict_free(d);
}

/* Text in a template that looks like a placeholder stays text. */
static void
test_no_collision(void **state)
{
	tmpl_set *ts;
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };

	(void)state;
	put("sections/10-t.md", "PPvAAA0000 and PPvBAA0000 {{A}} PPvAAAT0000\n");
	put("layouts/page.html", "<p>PPvAAA0000 {{A}}</p>");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	assert_null(strstr("PPvAAA0000 PPvBAA0000", tmpl_set_token(ts)));
	fill(d, "PPvAAA0000", "x", "y", 0);
	both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>PPvAAA0000 and PPvBAA0000 "
	    "PPvAAA0000 PPvAAAT0000</p>\n");
	both(ts, tmpl_set_layout(ts, "page"), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>PPvAAA0000 PPvAAA0000</p>");
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	dict_free(d);
	tmpl_set_free(ts);
}

/* What each context makes of one hostile value, exactly. */
static void
test_contexts(void **state)
{
	tmpl_set *ts;
	dict *d = dict_new();
	buf out = { 0 };

	(void)state;
	put("sections/10-t.md", "`{{A}}` [l]({{B}}) [m](https://e.org/?q={{A}})\n"
	    "\n{{C}}\n\n<b title=\"{{A}}\">x</b>\n");
	put("layouts/page.html", "<a href=\"{{B}}\" title='{{A}}'>{{A}}</a>");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	fill(d, "a*b\\c <d> 'e' \"f\" & g", "javascript:alert(1)", "", 0);
	assert_true(render_page(ts, tmpl_section_template(ts, 0, 0), d, NULL,
	    &out));
	assert_string_equal(out.data, "<p><code>a*b\\c &lt;d&gt; 'e' &quot;f&quot; "
	    "&amp; g</code> <a href=\"\">l</a> <a href=\"https://e.org/?q=a*b%5Cc"
	    "%20%3Cd%3E%20&#x27;e&#x27;%20%22f%22%20&amp;%20g\">m</a></p>\n"
	    "<p><b title=\"a*b\\c &lt;d&gt; &#39;e&#39; &quot;f&quot; &amp; g\">"
	    "x</b></p>\n");
	buf_reset(&out);
	assert_true(render_page(ts, tmpl_set_layout(ts, "page"), d, NULL, &out));
	assert_string_equal(out.data, "<a href=\"\" title='a*b\\c &lt;d&gt; "
	    "&#39;e&#39; &quot;f&quot; &amp; g'>a*b\\c &lt;d&gt; 'e' &quot;f&quot; "
	    "&amp; g</a>");
	buf_free(&out);
	dict_free(d);
	tmpl_set_free(ts);
}

/*
 * Emphasis, a link or a code span that only an empty value filled goes,
 * the same on both paths; what the template itself wrote stays.
 */
static void
test_empty_inline(void **state)
{
	tmpl_set *ts;
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };

	(void)state;
	put("sections/10-t.md", "See [{{A}}](https://e.org/a), *{{A}}*, "
	    "**x{{A}}**, `{{A}}`, [*{{A}}*](https://e.org/b) and "
	    "[ ](https://e.org/c).\n\n[{{A}}](https://e.org/d)\n");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	fill(d, "", "b", "c", 0);
	both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>See , , <strong>x</strong>, ,  and "
	    "<a href=\"https://e.org/c\"> </a>.</p>\n");
	fill(d, "v", "b", "c", 0);
	both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>See <a href=\"https://e.org/a\">v</a>, "
	    "<em>v</em>, <strong>xv</strong>, <code>v</code>, <a href=\"https://"
	    "e.org/b\"><em>v</em></a> and <a href=\"https://e.org/c\"> </a>.</p>\n"
	    "<p><a href=\"https://e.org/d\">v</a></p>\n");
	/* A line that held only an empty value leaves no line break either. */
	put("sections/10-t.md", "Text\n{{A}}\n\n{{A}}\nText2\n\nOne\n{{A}}\n"
	    "Two\n\nHard  \n{{A}}\n\n## Head {{B}}\n{{A}}\n\nKept  \nline "
	    "{{A}}\n");
	tmpl_set_free(ts);
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	fill(d, "", "b", "c", 0);
	both(ts, tmpl_section_template(ts, 0, 0), d, c, &slow, &fast);
	assert_string_equal(slow.data, "<p>Text</p>\n<p>Text2</p>\n<p>One\nTwo"
	    "</p>\n<p>Hard</p>\n<h2>Head b</h2>\n<p>Kept<br />\nline </p>\n");
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	dict_free(d);
	tmpl_set_free(ts);
}

/* A value that starts a link with a scheme that runs code or reads files is left out, in any case. */
static void
test_dangerous_schemes(void **state)
{
	static const char *const bad[] = {
		"javascript:x", "JAVASCRIPT:x", "vbscript:x", "VbScript:x",
		"file:///etc/passwd", "File:x", "data:text/html,x", "DATA:x"
	};
	static const char *const good[] = {
		"../port/22.html", "https://e.org/", "dat", "fil", "d", "jj:x"
	};
	tmpl_set *ts;
	dict *d = dict_new();
	buf out = { 0 }, want = { 0 };
	size_t i;

	(void)state;
	put("layouts/page.html", "<a href=\"{{B}}\">x</a>"
	    "<svg><a xlink:href=\"{{B}}\">y</a></svg>");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill(d, "a", bad[i], "", 0);
		buf_reset(&out);
		assert_true(render_page(ts, tmpl_set_layout(ts, "page"), d,
		    NULL, &out));
		assert_string_equal(out.data, "<a href=\"\">x</a>"
		    "<svg><a xlink:href=\"\">y</a></svg>");
	}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		fill(d, "a", good[i], "", 0);
		buf_reset(&out);
		buf_reset(&want);
		assert_true(render_page(ts, tmpl_set_layout(ts, "page"), d,
		    NULL, &out));
		buf_puts(&want, "<a href=\"");
		buf_puts(&want, good[i]);
		buf_puts(&want, "\">x</a><svg><a xlink:href=\"");
		buf_puts(&want, good[i]);
		buf_puts(&want, "\">y</a></svg>");
		assert_string_equal(out.data, want.data);
	}
	buf_free(&out);
	buf_free(&want);
	dict_free(d);
	tmpl_set_free(ts);
}

/* Renders B in template text (a layout, or a section: md) both ways; must give want. */
static void
url_case(const char *text, int md, const char *b, const char *want)
{
	tmpl_set *ts;
	dict *d = dict_new();
	cache *c = cache_new(1 << 20);
	buf slow = { 0 }, fast = { 0 };

	put("layouts/page.html", md ? "<p>ok</p>" : text);
	put("sections/10-t.md", md ? text : "{{A}}\n");
	assert_non_null(ts = tmpl_set_load(dir, names, N_COUNT));
	fill(d, "", b, "", 0);
	both(ts, md ? tmpl_section_template(ts, 0, 0) : tmpl_set_layout(ts,
	    "page"), d, c, &slow, &fast);
	assert_string_equal(slow.data, want);
	buf_free(&slow);
	buf_free(&fast);
	cache_free(c);
	tmpl_set_free(ts);
	dict_free(d);
}

/*
 * A value after text in a URL that settles no scheme yet (another value,
 * letters, white space, a character reference) could complete one: with
 * a ':' before any '/', '?' or '#' it is left out, on both paths.
 */
static void
test_url_completions(void **state)
{
	static const struct { const char *text; int md; const char *b, *want; }
	    cases[] = {
		{ "<a href=\"java{{B}}\">x</a>", 0, "script:alert(1)",
		    "<a href=\"java\">x</a>" },
		{ "<a href=\"java{{B}}\">x</a>", 0, "x.html",
		    "<a href=\"javax.html\">x</a>" },
		{ "<a href=\"{{A}}{{B}}\">x</a>", 0, "javascript:alert(1)",
		    "<a href=\"\">x</a>" },
		{ "<a href=\"{{A}}{{B}}\">x</a>", 0, "port/22.html",
		    "<a href=\"port/22.html\">x</a>" },
		{ "<a href=\" {{B}}\">x</a>", 0, "javascript:alert(1)",
		    "<a href=\" \">x</a>" },
		{ "<a href=\"&#32;{{B}}\">x</a>", 0, "javascript:alert(1)",
		    "<a href=\"&#32;\">x</a>" },
		{ "<a href=\"/x/{{B}}\">x</a>", 0, "a:b",
		    "<a href=\"/x/a:b\">x</a>" },
		{ "[x]({{A}}{{B}})\n", 1, "javascript:alert(1)",
		    "<p><a href=\"\">x</a></p>\n" },
		{ "[x](java{{B}})\n", 1, "script:alert(1)",
		    "<p><a href=\"java\">x</a></p>\n" },
		{ "[x](https://e.org/{{B}})\n", 1, "a:b",
		    "<p><a href=\"https://e.org/a:b\">x</a></p>\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		url_case(cases[i].text, cases[i].md, cases[i].b, cases[i].want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contexts),
		cmocka_unit_test(test_empty_inline),
		cmocka_unit_test(test_dangerous_schemes),
		cmocka_unit_test(test_url_completions),
		cmocka_unit_test(test_rejected),
		cmocka_unit_test(test_no_collision),
		cmocka_unit_test(test_generated),
	};

	return cmocka_run_group_tests_name("render", tests, setup, teardown);
}
