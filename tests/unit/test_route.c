/* test_route.c - a dictionary's trail, and the routes kept by it */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "route.h"

enum { N_A, N_B, N_SEC, N_C };

static const char skel_one[] = "one", skel_two[] = "two";

/* The dictionary and the route each test starts with. */
struct fixture {
	dict	*d;
	route	*r;
};

/*
 * A, a section of two repetitions holding C, then B: the values given;
 * how 'r' makes A raw, 't' puts the second C at the top instead.
 */
static void
build_how(dict *d, const char *a, const char *b, const char *c, int how)
{
	size_t k;
	int i;

	dict_reset(d);
	if (how == 'r')
		dict_set_raw(d, DICT_ROOT, N_A, a, strlen(a));
	else
		dict_sets(d, DICT_ROOT, N_A, a);
	for (i = 0; i < 2; i++) {
		k = dict_add(d, DICT_ROOT, N_SEC);
		dict_sets(d, how == 't' && i == 1 ? DICT_ROOT : k, N_C, c);
	}
	dict_sets(d, DICT_ROOT, N_B, b);
}

static void
build(dict *d, const char *a, const char *b, const char *c)
{
	build_how(d, a, b, c, 0);
}

/* Records the route of build(d, a, b, c) in template tid: its trail met twice. */
static void
keep(route *r, dict *d, const char *abc, int tid, const char *skel,
    const uint32_t *nodes, size_t n)
{
	int i;

	for (i = 0; i < 2; i++) {
		build(d, abc, abc, abc);
		route_add(r, d, tid, skel, nodes, n);
	}
}

/* A trail met once, on one page, is not kept; met again, it is. */
static void
test_once_not_kept(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d;
	route *r = f->r;
	uint32_t nodes[] = { 1 };

	build(d, "x", "y", "z");
	route_add(r, d, 0, skel_one, nodes, 1);
	route_add(r, d, 1, skel_one, nodes, 1);
	assert_null(route_find(r, d, 0));
	assert_null(route_find(r, d, 1));
	build(d, "x", "y", "z");
	assert_null(route_find(r, d, 0));
	route_add(r, d, 0, skel_two, nodes, 1);
	assert_ptr_equal(route_find(r, d, 0)->skel, skel_two);
}

/* Values differ, the trail does not: the route found is the one kept, for its template only. */
static void
test_same_trail(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d, *e = dict_new();
	route *r = f->r;
	const struct route_hit *h;
	uint32_t nodes[] = { 5, 1, 3 };

	build(d, "x", "y", "z");
	assert_null(route_find(r, d, 3));
	keep(r, d, "x", 3, skel_one, nodes, 3);
	build(e, "other", "values <b>", "here");
	assert_non_null(h = route_find(r, e, 3));
	assert_ptr_equal(h->skel, skel_one);
	assert_int_equal(h->n, 3);
	assert_memory_equal(h->node, nodes, sizeof(nodes));
	assert_null(route_find(r, e, 4));
	route_add(r, e, 4, skel_two, nodes, 1);
	assert_ptr_equal(route_find(r, d, 4)->skel, skel_two);
	assert_ptr_equal(route_find(r, d, 3)->skel, skel_one);
	dict_free(e);
}

/* An empty value, a raw one, another parent or order: another trail. */
static void
test_other_trails(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d;
	route *r = f->r;
	uint32_t nodes[] = { 1 };

	keep(r, d, "x", 0, skel_one, nodes, 1);
	build(d, "x", "y", "");
	assert_null(route_find(r, d, 0));
	build(d, "", "y", "z");
	assert_null(route_find(r, d, 0));
	build_how(d, "x", "y", "z", 'r');
	assert_null(route_find(r, d, 0));
	build_how(d, "x", "y", "z", 't');
	assert_null(route_find(r, d, 0));
	build(d, "x", "y", "z");
	assert_non_null(route_find(r, d, 0));
}

/* A: s set twice as a stable string, the second time from the memo. */
static void
build_stable(dict *d, const char *s)
{
	dict_reset(d);
	dict_set_stable(d, DICT_ROOT, N_A, s);
	dict_set_stable(d, DICT_ROOT, N_A, s);
}

/* A stable string's emptiness is in the trail when it comes from the memo too. */
static void
test_stable_kind(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d;
	route *r = f->r;
	static const char empty[] = "", full[] = "x";
	uint32_t nodes[] = { 1, 2 };
	int i;

	for (i = 0; i < 2; i++) {
		build_stable(d, full);
		route_add(r, d, 0, skel_one, nodes, 2);
	}
	build_stable(d, empty);
	assert_null(route_find(r, d, 0));
	for (i = 0; i < 2; i++) {
		build_stable(d, empty);
		route_add(r, d, 1, skel_two, nodes, 2);
	}
	build_stable(d, full);
	assert_null(route_find(r, d, 1));
	assert_ptr_equal(route_find(r, d, 0)->skel, skel_one);
}

/* A change to the dictionary after a lookup is seen by the next one. */
static void
test_changes_seen(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d;
	route *r = f->r;
	uint32_t nodes[] = { 1 };

	keep(r, d, "x", 0, skel_one, nodes, 1);
	assert_non_null(route_find(r, d, 0));
	dict_sets(d, DICT_ROOT, N_A, "more");
	assert_null(route_find(r, d, 0));
	build(d, "x", "y", "z");
	assert_non_null(route_find(r, d, 0));
}

/* A section of n repetitions, each holding C = v. */
static void
build_n(dict *d, size_t n, const char *v)
{
	size_t j;

	dict_reset(d);
	for (j = 0; j < n; j++)
		dict_sets(d, dict_add(d, DICT_ROOT, N_SEC), N_C, v);
}

/* Many trails: every one still found after the tables grew. */
static void
test_many(void **state)
{
	struct fixture *f = *state;
	dict *d = f->d;
	route *r = f->r;
	uint32_t nodes[] = { 1 };
	size_t i;

	for (i = 0; i < 1200; i++) {
		build_n(d, i / 2, "v");
		route_add(r, d, (int)(i / 2 % 7), i / 2 % 2 ? skel_one :
		    skel_two, nodes, 1);
	}
	for (i = 0; i < 600; i++) {
		build_n(d, i, "w");
		assert_ptr_equal(route_find(r, d, (int)(i % 7))->skel,
		    i % 2 ? skel_one : skel_two);
		assert_null(route_find(r, d, (int)(i % 7) + 1));
	}
}

/* A route with no room keeps nothing, and says so by finding nothing. */
static void
test_full(void **state)
{
	dict *d = dict_new();
	route *r = route_new(16);
	uint32_t nodes[] = { 1 };

	(void)state;
	keep(r, d, "x", 0, skel_one, nodes, 1);
	build(d, "x", "y", "z");
	assert_null(route_find(r, d, 0));
	route_free(r);
	route_free(NULL);
	dict_free(d);
}

static int
setup(void **state)
{
	struct fixture *f = malloc(sizeof(*f));

	if (f == NULL)
		return -1;
	f->d = dict_new();
	f->r = route_new(1 << 24);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	route_free(f->r);
	dict_free(f->d);
	free(f);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_once_not_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_trail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_trails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stable_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_seen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many, setup, teardown),
		cmocka_unit_test(test_full),
	};

	return cmocka_run_group_tests_name("route", tests, NULL, NULL);
}
