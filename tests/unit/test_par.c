/* test_par.c - par_for: every index once, on several threads, and a failure anywhere is the loop's */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "par.h"

#define N 1000

struct seen {
	int		 count[N];
	size_t		 fail_at;	/* N: never fail */
	pthread_t	 tid[N];
};

static int
visit(void *arg, size_t lo, size_t hi)
{
	struct seen *s = arg;
	int ok = 1;

	for (; lo < hi; lo++) {
		s->count[lo]++;
		s->tid[lo] = pthread_self();
		if (lo == s->fail_at)
			ok = 0;
	}
	return ok;
}

static size_t
threads_used(const struct seen *s, size_t n)
{
	size_t i, k = n > 0 ? 1 : 0;

	for (i = 1; i < n; i++)
		if (!pthread_equal(s->tid[i], s->tid[i - 1]))
			k++;
	return k;
}

static void
test_each_once(void **state)
{
	static struct seen s;
	const size_t sizes[] = { 0, 1, 2, 3, 7, 64, N };
	const int jobs[] = { -1, 0, 1, 2, 3, 16, 64 };
	size_t a, b, i, n;

	(void)state;
	for (a = 0; a < sizeof(sizes) / sizeof(sizes[0]); a++)
		for (b = 0; b < sizeof(jobs) / sizeof(jobs[0]); b++) {
			memset(&s, 0, sizeof(s));
			s.fail_at = N;
			n = sizes[a];
			assert_int_equal(par_for(n, jobs[b], visit, &s), 1);
			for (i = 0; i < N; i++)
				assert_int_equal(s.count[i], i < n);
			assert_true(threads_used(&s, n) <= (size_t)(jobs[b] < 1 ?
			    1 : jobs[b] > 16 ? 16 : jobs[b]));
			if (n >= 2 && jobs[b] >= 2)
				assert_true(threads_used(&s, n) >= 2);
		}
}

static void
test_failure(void **state)
{
	static struct seen s;
	const size_t at[] = { 0, 499, 500, N - 1 };
	size_t i;

	(void)state;
	for (i = 0; i < 4; i++) {
		memset(&s, 0, sizeof(s));
		s.fail_at = at[i];
		assert_int_equal(par_for(N, 2, visit, &s), 0);
		assert_int_equal(par_for(N, 1, visit, &s), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_once),
		cmocka_unit_test(test_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
