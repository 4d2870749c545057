/* test_port.c - classification of every port number, and variant choice */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "port.h"

/* The rules, restated independently of port.c's tables. */
static void
test_ranges_all_ports(void **state)
{
	unsigned p;

	(void)state;
	for (p = 0; p <= 65535; p++) {
		enum port_range want = p < 1024 ? PORT_SYSTEM :
		    p < 49152 ? PORT_USER : PORT_DYNAMIC;
		const struct port_range_info *r = port_range_info(want);

		assert_int_equal(port_range_of(p), want);
		assert_true(p >= r->lo && p <= r->hi);
		assert_int_equal(port_is_range_edge(p), p == 0 || p == 1023 ||
		    p == 1024 || p == 49151 || p == 49152 || p == 65535);
	}
}

static void
test_range_bounds(void **state)
{
	(void)state;
	assert_int_equal(port_range_info(PORT_SYSTEM)->lo, 0);
	assert_int_equal(port_range_info(PORT_SYSTEM)->hi, 1023);
	assert_int_equal(port_range_info(PORT_USER)->lo, 1024);
	assert_int_equal(port_range_info(PORT_USER)->hi, 49151);
	assert_int_equal(port_range_info(PORT_DYNAMIC)->lo, 49152);
	assert_int_equal(port_range_info(PORT_DYNAMIC)->hi, 65535);
	assert_string_equal(port_range_info(PORT_SYSTEM)->name, "well-known");
	assert_string_equal(port_range_info(PORT_USER)->name, "registered");
	assert_string_equal(port_range_info(PORT_DYNAMIC)->name, "dynamic");
}

static void
test_os_ephemeral_all_ports(void **state)
{
	unsigned p;

	(void)state;
	for (p = 0; p <= 65535; p++) {
		assert_int_equal(port_os_ephemeral(PORT_OS_LINUX, p),
		    p >= 32768 && p <= 60999);
		assert_int_equal(port_os_ephemeral(PORT_OS_WINDOWS, p),
		    p >= 49152);
		assert_int_equal(port_os_ephemeral(PORT_OS_WINDOWS_OLD, p),
		    p >= 1025 && p <= 5000);
		assert_int_equal(port_os_ephemeral(PORT_OS_MACOS, p), p >= 49152);
		assert_int_equal(port_os_ephemeral(PORT_OS_FREEBSD, p),
		    p >= 10000);
	}
}

static void
test_os_examples(void **state)
{
	(void)state;
	/* The examples: 40000 is a Linux source port, 61000 is not. */
	assert_true(port_os_ephemeral(PORT_OS_LINUX, 40000));
	assert_int_equal(port_range_of(40000), PORT_USER);
	assert_false(port_os_ephemeral(PORT_OS_LINUX, 61000));
	assert_true(port_os_ephemeral(PORT_OS_LINUX, 60999));
	assert_false(port_os_ephemeral(PORT_OS_LINUX, 32767));
	assert_false(port_os_ephemeral(PORT_OS_LINUX, 0));
}

static void
test_ephemeral_floor(void **state)
{
	enum port_os os = PORT_OS_N;

	(void)state;
	/* FreeBSD's 10000-65535 reaches lowest; Windows XP's is not current. */
	assert_int_equal(port_ephemeral_floor(&os), 10000);
	assert_int_equal(os, PORT_OS_FREEBSD);
}

static void
test_variants(void **state)
{
	const char *names[] = { "range", "why", "what" };
	unsigned n, p, v, used[5], i;

	(void)state;
	for (i = 0; i < 3; i++)
		for (n = 1; n <= 5; n++) {
			for (v = 0; v < n; v++)
				used[v] = 0;
			for (p = 0; p <= 65535; p++) {
				v = port_variant(p, names[i], n);
				assert_true(v < n);
				/* The same answer every time. */
				assert_int_equal(v, port_variant(p, names[i], n));
				if (n > 1 && p > 0)
					assert_int_not_equal(v,
					    port_variant(p - 1, names[i], n));
				used[v]++;
			}
			for (v = 0; v < n; v++)
				assert_true(used[v] > 0);
		}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranges_all_ports),
		cmocka_unit_test(test_range_bounds),
		cmocka_unit_test(test_os_ephemeral_all_ports),
		cmocka_unit_test(test_os_examples),
		cmocka_unit_test(test_ephemeral_floor),
		cmocka_unit_test(test_variants),
	};

	return cmocka_run_group_tests_name("port", tests, NULL, NULL);
}
