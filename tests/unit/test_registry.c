/* test_registry.c - loading IANA's CSV and services(5) files from small fixtures */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "registry.h"
#include "util.h"

static const char header[] = "Service Name,Port Number,Transport Protocol,"
    "Description,Assignee,Contact,Registration Date,Modification Date,"
    "Reference,Service Code,Unauthorized Use Reported,Assignment Notes\n";

static char path[64];

static struct registry *
load(const char *text)
{
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/pp-reg-XXXXXX");
	close(mkstemp(path));
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	util_quiet = 1;
	return registry_load(path);
}

static void
done(struct registry *r)
{
	registry_free(r);
	unlink(path);
}

/* The entries at port, in file order. */
static const struct registry_entry *
at(const struct registry *r, unsigned port, unsigned i)
{
	size_t n;
	const struct registry_entry *const *e = registry_at(r, port, &n);

	assert_true(i < n);
	return e[i];
}

static size_t
count(const struct registry *r, unsigned port)
{
	size_t n;

	registry_at(r, port, &n);
	return n;
}

static void
test_csv_quoting(void **state)
{
	char text[2048];
	struct registry *r;

	(void)state;
	snprintf(text, sizeof(text), "%s"
	    "sql*net,66,tcp,\"Oracle SQL*NET, \"\"quoted\"\"\",[Jack],[Jack],,,,,,\n"
	    "www-http,80,tcp,World Wide Web HTTP,[Tim],[Tim],,,,,,\"This is a "
	    "duplicate\nthat spans\n\nlines.\"\n"
	    "www-http,80,udp,World Wide Web HTTP,[Tim],[Tim],,,,,,\"This is a "
	    "duplicate\nthat spans\n\nlines.\"\n"
	    "finger,79,tcp,Finger,,,2001-01-01,2020-02-02,[RFC1288],,"
	    "Unauthorized use by some mail users,\n", header);
	assert_non_null(r = load(text));
	assert_int_equal(r->format, REGISTRY_CSV);
	assert_string_equal(at(r, 66, 0)->desc, "Oracle SQL*NET, \"quoted\"");
	assert_string_equal(at(r, 66, 0)->service, "sql*net");
	/* The two protocols merge; the note's lines fold into one. */
	assert_int_equal(count(r, 80), 1);
	assert_int_equal(at(r, 80, 0)->protos, REGISTRY_TCP | REGISTRY_UDP);
	assert_string_equal(at(r, 80, 0)->notes,
	    "This is a duplicate that spans lines.");
	assert_int_equal(at(r, 80, 0)->line, 3);
	assert_int_equal(at(r, 79, 0)->line, 11);
	assert_string_equal(at(r, 79, 0)->unauthorized,
	    "Unauthorized use by some mail users");
	assert_string_equal(r->newest, "2020-02-02");
	done(r);
}

static void
test_csv_ranges_and_odd_rows(void **state)
{
	char text[2048];
	struct registry *r;

	(void)state;
	snprintf(text, sizeof(text), "%s"
	    "x11,6000-6063,tcp,X Window System,,,,,,,Known Unauthorized Use on "
	    "port 6003,\n"
	    ",51,,Reserved,,,,2013-05-24,,,,removed\n"
	    "zigbee-bridge,,udp,ZigBee Bridge,,,,,,,,\n"
	    "whosockami,2019,tcp,,,,,,,,,\n"
	    "about,2019,udp,,,,,,,,,\n"
	    "big,70000,tcp,Too big,,,,,,,,\n"
	    "bad,12ab,tcp,Bad,,,,,,,,\n"
	    "odd,12,xtp,Odd protocol,,,,,,,,\n"
	    ",4,tcp,Unassigned,,,,,,,,\n", header);
	assert_non_null(r = load(text));
	assert_int_equal(count(r, 6000), 1);
	assert_int_equal(count(r, 6001), 1);
	assert_int_equal(count(r, 6063), 1);
	assert_int_equal(count(r, 6064), 0);
	assert_int_equal(at(r, 6001, 0)->lo, 6000);
	assert_int_equal(at(r, 6001, 0)->hi, 6063);
	assert_int_equal(at(r, 51, 0)->protos, 0);
	assert_int_equal(at(r, 51, 0)->status, REGISTRY_RESERVED);
	assert_int_equal(registry_port_status(r, 51, REGISTRY_TCP),
	    REGISTRY_RESERVED);
	assert_int_equal(r->nnoport, 1);
	assert_int_equal(registry_port_status(r, 2019, REGISTRY_TCP),
	    REGISTRY_ASSIGNED);
	assert_string_equal(at(r, 2019, 0)->service, "whosockami");
	assert_string_equal(at(r, 2019, 1)->service, "about");
	assert_int_equal(at(r, 2019, 1)->protos, REGISTRY_UDP);
	assert_int_equal(registry_port_status(r, 4, REGISTRY_TCP),
	    REGISTRY_UNASSIGNED);
	/* Malformed rows are skipped with warnings, not fatal. */
	assert_int_equal(r->nwarn, 3);
	assert_int_equal(count(r, 12), 0);
	done(r);
}

/* Each record's fields stand apart: a row wider than the kept fields, a field over the limit, and the rows after them. */
static void
test_csv_wide_and_long_rows(void **state)
{
	buf text = { 0 };
	struct registry *r;
	int i;

	(void)state;
	buf_puts(&text, header);
	buf_puts(&text, "wide,100,tcp,Forty fields,,,,,,,,");
	for (i = 12; i < 40; i++)
		buf_puts(&text, ",extra");
	buf_puts(&text, "\nnext,101,udp,After the wide row,,,,,,,,\n");
	buf_puts(&text, "long,102,tcp,\"");
	for (i = 0; i < 70000; i++)
		buf_putc(&text, 'x');
	buf_puts(&text, "\",,,,,,,,\nlast,103,tcp,After the long row,,,,,,,,\n");
	assert_non_null(r = load(text.data));
	assert_string_equal(at(r, 100, 0)->service, "wide");
	assert_string_equal(at(r, 100, 0)->desc, "Forty fields");
	assert_string_equal(at(r, 101, 0)->service, "next");
	assert_string_equal(at(r, 101, 0)->desc, "After the wide row");
	assert_int_equal(count(r, 102), 0);
	assert_int_equal(r->nwarn, 1);
	assert_string_equal(at(r, 103, 0)->desc, "After the long row");
	assert_int_equal(at(r, 103, 0)->line, 5);
	done(r);
	buf_free(&text);
}

static void
test_csv_old_header(void **state)
{
	struct registry *r;

	(void)state;
	assert_non_null(r = load("Service Name,Port Number,Transport Protocol,"
	    "Description,Known Unauthorized Uses\nfinger,79,tcp,Finger,Yes\n"));
	assert_string_equal(at(r, 79, 0)->unauthorized, "Yes");
	done(r);
	assert_null(r = load("Service Name,Port Number,Protocol\nx,1,tcp\n"));
	done(r);
}

static void
test_services(void **state)
{
	struct registry *r;

	(void)state;
	assert_non_null(r = load("# comment\n\n"
	    "tcpmux\t\t1/tcp/udp\t# TCP Port Service Multiplexer\n"
	    "discard\t\t9/tcp/udp/sctp/dccp\t# Discard\n"
	    "http\t\t80/tcp\t\twww www-http\t# WorldWideWeb HTTP\n"
	    "broken line without port\n"
	    "big\t\t99999/tcp\n"));
	assert_int_equal(r->format, REGISTRY_SERVICES);
	assert_int_equal(at(r, 1, 0)->protos, REGISTRY_TCP | REGISTRY_UDP);
	assert_int_equal(at(r, 9, 0)->protos, REGISTRY_TCP | REGISTRY_UDP |
	    REGISTRY_SCTP | REGISTRY_DCCP);
	assert_int_equal(at(r, 80, 0)->nalias, 2);
	assert_string_equal(at(r, 80, 0)->alias[0], "www");
	assert_string_equal(at(r, 80, 0)->alias[1], "www-http");
	assert_string_equal(at(r, 80, 0)->desc, "WorldWideWeb HTTP");
	assert_int_equal(r->nwarn, 2);
	done(r);
}

static void
test_bad_files(void **state)
{
	struct registry *r;

	(void)state;
	assert_null(r = load(""));
	done(r);
	assert_null(r = load("\x01\x02\xff\xfe garbage\n\x7f\x45\x4c\x46\n"));
	done(r);
	assert_null(registry_load("/nonexistent/registry.csv"));
}

static void
test_ref_urls(void **state)
{
	char url[256];

	(void)state;
	assert_true(registry_ref_url("RFC959", 6, url, sizeof(url)));
	assert_string_equal(url, "https://www.rfc-editor.org/rfc/rfc959");
	assert_true(registry_ref_url("draft-ietf-x-y", 14, url, sizeof(url)));
	assert_string_equal(url, "https://datatracker.ietf.org/doc/draft-ietf-x-y/");
	assert_true(registry_ref_url("https://a.example/x?y=1&z", 25, url,
	    sizeof(url)));
	assert_false(registry_ref_url("javascript:alert(1)", 19, url,
	    sizeof(url)));
	assert_false(registry_ref_url("http://a\"onmouseover=x", 22, url,
	    sizeof(url)));
	assert_false(registry_ref_url("Jon_Postel", 10, url, sizeof(url)));
	assert_false(registry_ref_url("RFC12ab", 7, url, sizeof(url)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_ranges_and_odd_rows),
		cmocka_unit_test(test_csv_wide_and_long_rows),
		cmocka_unit_test(test_csv_old_header),
		cmocka_unit_test(test_services),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_ref_urls),
	};

	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
