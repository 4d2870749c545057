/* test_names.c - the template contract: where each name is set, and the check that holds the generator to it */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "dict.h"
#include "names.h"
#include "page.h"
#include "util.h"

/* 1 if some page kind fills layouts/NAME.html. */
static int
is_layout(const char *name)
{
	size_t k;

	for (k = 0; k < page_nkinds; k++)
		if (page_kinds[k]->layout != NULL &&
		    strcmp(page_kinds[k]->layout, name) == 0)
			return 1;
	return 0;
}

/* Every "where" lists "page", layouts of page kinds or sections of the table, each once. */
static void
test_where_names_sections(void **state)
{
	const struct tmpl_name *nm;
	char word[64][64];
	size_t n, i, j, k, nw;
	const char *w, *e;
	int id;

	(void)state;
	nm = names_all(&n);
	for (i = 0; i < n; i++) {
		assert_true(nm[i].where[0] != '\0');
		for (w = nm[i].where, nw = 0; *w != '\0'; w = *e ? e + 1 : e) {
			if ((e = strchr(w, ' ')) == NULL)
				e = w + strlen(w);
			assert_true(e - w > 0 && e - w < 64 && nw < 64);
			memcpy(word[nw], w, (size_t)(e - w));
			word[nw][e - w] = '\0';
			for (k = 0; k < nw; k++)
				assert_string_not_equal(word[k], word[nw]);
			if (word[nw][0] >= 'A' && word[nw][0] <= 'Z') {
				id = tmpl_name_find(nm, n, word[nw], strlen(word[nw]));
				if (id < 0 || !nm[id].section)
					fail_msg("%s: %s is not a section", nm[i].name,
					    word[nw]);
			} else if (strcmp(word[nw], "page") != 0 &&
			    !is_layout(word[nw]))
				fail_msg("%s: %s is no page kind's layout", nm[i].name,
				    word[nw]);
			nw++;
		}
		for (j = 0; j < i; j++)
			assert_string_not_equal(nm[j].name, nm[i].name);
	}
}

/* A value set where the table says passes; one set elsewhere is reported. */
static void
test_dict_ok(void **state)
{
	dict *d = dict_new();
	size_t k, o;

	(void)state;
	util_quiet = 1;
	k = dict_add(d, DICT_ROOT, N_HAS_SERVICE);
	dict_sets(d, DICT_ROOT, N_PRIMARY_SERVICE, "ssh");
	dict_add(d, k, N_TCP_UDP_ASSIGNED);
	o = dict_add(d, dict_add(d, DICT_ROOT, N_HAS_OTHER), N_OTHER);
	dict_setu(d, o, N_OTHER_PORT, 22);
	assert_int_equal(names_dict_ok(d, "port/22.html", "port"), 1);
	/* PRIMARY_SERVICE inside HAS_SERVICE printed nothing on 2,140 pages. */
	dict_sets(d, k, N_PRIMARY_SERVICE, "ssh");
	assert_int_equal(names_dict_ok(d, "port/22.html", "port"), 0);
	dict_reset(d);
	dict_setu(d, DICT_ROOT, N_OTHER_PORT, 22);
	assert_int_equal(names_dict_ok(d, "port/22.html", "port"), 0);
	dict_reset(d);
	dict_add(d, dict_add(d, DICT_ROOT, N_HAS_SERVICE), N_HAS_SERVICE);
	assert_int_equal(names_dict_ok(d, "port/22.html", "port"), 0);
	/* PORT is set for port pages only: on the home page it is a fault. */
	dict_reset(d);
	dict_setu(d, DICT_ROOT, N_PORT, 22);
	assert_int_equal(names_dict_ok(d, "port/22.html", "port"), 1);
	assert_int_equal(names_dict_ok(d, "index.html", "index"), 0);
	dict_free(d);
}

struct count_case {
	const char	*sep;	/* NULL: the default */
	unsigned long	 v;
	const char	*s;
};

/* Each count of c[0..n), set with its separator, reads as its s. */
static void
counts_read(const struct count_case *c, size_t n)
{
	const struct dict_node *e;
	dict *d = dict_new();
	size_t i;

	for (i = 0; i < n; i++) {
		dict_reset(d);
		if (c[i].sep != NULL)
			dict_set_thousands(d, c[i].sep);
		dict_set_count(d, DICT_ROOT, N_RANGE_SIZE, c[i].v);
		e = dict_node(d, dict_node(d, DICT_ROOT)->first);
		assert_int_equal(e->vlen, strlen(c[i].s));
		assert_memory_equal(dict_value(d, e), c[i].s, e->vlen);
	}
	dict_free(d);
}

/* Counts in prose carry a comma between thousands; port numbers none. */
static void
test_count(void **state)
{
	static const struct count_case c[] = {
		{ NULL, 0, "0" }, { NULL, 999, "999" }, { NULL, 1000, "1,000" },
		{ NULL, 48128, "48,128" }, { NULL, 100000, "100,000" },
		{ NULL, 1234567, "1,234,567" },
	};

	(void)state;
	counts_read(c, sizeof(c) / sizeof(c[0]));
}

/* site.conf's thousands_separator: any separator, or none, between groups of three. */
static void
test_count_separator(void **state)
{
	static const struct count_case c[] = {
		{ ".", 48128, "48.128" }, { "", 48128, "48128" },
		{ "\xc2\xa0", 1234567, "1\xc2\xa0" "234\xc2\xa0" "567" },
		{ "\xe2\x80\xaf", 999, "999" },
		{ "\xe2\x80\x99", 65536, "65\xe2\x80\x99" "536" },
	};

	(void)state;
	counts_read(c, sizeof(c) / sizeof(c[0]));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_where_names_sections),
		cmocka_unit_test(test_dict_ok),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_separator),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
