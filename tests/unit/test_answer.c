/* test_answer.c - what an answer may be, its content type and origin, the per-client limit, the store */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "answer.h"
#include "limit.h"
#include "store.h"

static const char *
parse(const char *body, struct answer *a)
{
	return answer_parse(body, strlen(body), a);
}

static void
test_good(void **state)
{
	struct answer a;

	(void)state;
	assert_null(parse("{\"port\": 0, \"answer\": \"yes\"}", &a));
	assert_int_equal(a.port, 0);
	assert_int_equal(a.yes, 1);
	assert_string_equal(a.comment, "");
	free(a.comment);
	assert_null(parse(" {\"answer\":\"no\",\"comment\":\"x\\\"y\",\"port\":65535} ",
	    &a));
	assert_int_equal(a.port, 65535);
	assert_int_equal(a.yes, 0);
	assert_string_equal(a.comment, "x\"y");
	free(a.comment);
}

static void
test_bad(void **state)
{
	static const char *const bad[] = {
		"", "{", "null", "[]", "\"yes\"", "{}",
		"{\"port\":65536,\"answer\":\"yes\"}",
		"{\"port\":-1,\"answer\":\"yes\"}",
		"{\"port\":22.0,\"answer\":\"yes\"}",
		"{\"port\":\"22\",\"answer\":\"yes\"}",
		"{\"port\":true,\"answer\":\"yes\"}",
		"{\"port\":22,\"answer\":\"Yes\"}",
		"{\"port\":22,\"answer\":\"yes \"}",
		"{\"port\":22,\"answer\":1}",
		"{\"port\":22,\"answer\":\"yes\",\"comment\":null}",
		"{\"port\":22,\"answer\":\"yes\",\"comment\":[\"a\"]}",
		"{\"port\":22,\"answer\":\"yes\",\"ip\":\"10.0.0.1\"}",
		"{\"port\":22,\"port\":22,\"answer\":\"yes\"}",
		"{\"port\":22,\"answer\":\"yes\"}x",
		"{\"port\":22,\"answer\":\"yes\",\"comment\":\"\\u0000\"}",
		"{\"port\":99999999999999999999,\"answer\":\"yes\"}",
	};
	struct answer a;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *why = parse(bad[i], &a);

		if (why == NULL)
			fail_msg("accepted: %s", bad[i]);
		assert_null(a.comment);
		/* A fixed message: never the body. */
		assert_null(strstr(why, "10.0.0.1"));
	}
}

static void
test_sizes(void **state)
{
	char body[3000], comment[1100];
	struct answer a;
	size_t i;

	(void)state;
	/* 500 two-byte characters are 500 characters. */
	for (i = 0; i < 500; i++)
		memcpy(comment + 2 * i, "\xc3\xa9", 2);
	comment[1000] = '\0';
	snprintf(body, sizeof(body), "{\"port\":1,\"answer\":\"no\","
	    "\"comment\":\"%s\"}", comment);
	assert_null(parse(body, &a));
	assert_int_equal(strlen(a.comment), 1000);
	free(a.comment);
	snprintf(body, sizeof(body), "{\"port\":1,\"answer\":\"no\","
	    "\"comment\":\"%sx\"}", comment);
	assert_non_null(parse(body, &a));
	memset(body, ' ', sizeof(body));
	memcpy(body, "{\"port\":1,\"answer\":\"no\"}", 24);
	assert_non_null(answer_parse(body, ANSWER_BODY_MAX + 1, &a));
	assert_null(answer_parse(body, ANSWER_BODY_MAX, &a));
	free(a.comment);
}

static void
test_type_origin(void **state)
{
	(void)state;
	assert_true(answer_type_ok("application/json"));
	assert_true(answer_type_ok("Application/JSON; charset=UTF-8"));
	assert_false(answer_type_ok(NULL));
	assert_false(answer_type_ok("text/plain"));
	assert_false(answer_type_ok("application/jsonx"));
	assert_false(answer_type_ok("application/json; charset=latin1"));
	assert_true(answer_origin_ok(NULL, "https://p.example/", NULL));
	assert_true(answer_origin_ok("https://evil.example", "", NULL));
	assert_true(answer_origin_ok("https://p.example", "https://p.example/", NULL));
	assert_true(answer_origin_ok("https://p.example:8443",
	    "https://p.example:8443/ports/", NULL));
	assert_false(answer_origin_ok("https://p.example.evil", "https://p.example/", NULL));
	assert_false(answer_origin_ok("http://p.example", "https://p.example/", NULL));
	assert_false(answer_origin_ok("null", "https://p.example/", NULL));
	assert_true(answer_origin_ok("http://127.0.0.1:8000", "https://p.example/",
	    "http://127.0.0.1:8000"));
}

static void
test_limit(void **state)
{
	struct limit *l = limit_new(3), *none = limit_new(0);
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		assert_true(limit_take(l, "192.0.2.1"));
	assert_false(limit_take(l, "192.0.2.1"));
	assert_true(limit_take(l, "192.0.2.2"));
	for (i = 0; i < 1000; i++)
		assert_true(limit_take(none, "192.0.2.1"));
	limit_free(l);
	limit_free(none);
	limit_free(NULL);
}

static void
test_store(void **state)
{
	char path[] = "/tmp/test_answer.XXXXXX", db[64], side[80];
	struct store *st;
	sqlite3 *s;
	sqlite3_stmt *q;

	(void)state;
	assert_non_null(mkdtemp(path));
	snprintf(db, sizeof(db), "%s/a.sqlite", path);
	assert_non_null(st = store_open(db));
	assert_true(store_add(st, 443, 0, "'); DROP TABLE answers; --"));
	assert_true(store_add(st, 22, 1, ""));
	store_close(st);
	store_close(NULL);
	assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(s, "SELECT port, answer, comment "
	    "FROM answers ORDER BY id", -1, &q, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(q, 0), 443);
	assert_string_equal((const char *)sqlite3_column_text(q, 1), "no");
	assert_string_equal((const char *)sqlite3_column_text(q, 2),
	    "'); DROP TABLE answers; --");
	assert_int_equal(sqlite3_step(q), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(q, 1), "yes");
	assert_int_equal(sqlite3_step(q), SQLITE_DONE);
	sqlite3_finalize(q);
	sqlite3_close(s);
	unlink(db);
	snprintf(side, sizeof(side), "%s-wal", db);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", db);
	unlink(side);
	assert_int_equal(rmdir(path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_type_origin),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_store),
	};

	return cmocka_run_group_tests_name("answer", tests, NULL, NULL);
}
