/* test_jsonw.c - jsonw writes the bytes jansson's compact dump writes, for any string */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "jsonw.h"
#include "util.h"

/*
 * What api/ wrote before jsonw: jansson's dump of the string, and of the
 * util_utf8_clean copy when jansson refuses the bytes as not UTF-8.
 */
static char *
jansson_str(const char *s)
{
	json_t *j = json_string(s);
	char *clean = NULL, *out;

	if (j == NULL) {
		clean = util_utf8_clean(s, strlen(s), NULL);
		j = json_string(clean);
	}
	assert_non_null(j);
	out = json_dumps(j, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(j);
	free(clean);
	return out;
}

static void
same_as_jansson(const char *s)
{
	char *want = jansson_str(s);
	buf got = { 0 };

	jsonw_str(&got, s);
	assert_string_equal(got.data, want);
	free(want);
	buf_free(&got);
}

static void
test_chosen(void **state)
{
	static const char *const cases[] = {
		"", "ssh", "a\"b", "back\\slash", "tab\there", "new\nline",
		"\r\f\b\x01\x1f\x7f", "</script><!--", "a/b", "caf\xc3\xa9",
		"\xe2\x80\xae" "bidi\xe2\x81\xa6", "\xe2\x80\xa8 \xe2\x80\xa9",
		"\xf0\x9f\x94\x8c", "\xff\xfe", "bad \xc3 end", "\xed\xa0\x80",
		"\xc0\xaf", "\xf4\x90\x80\x80", "trunc \xe2\x82", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; cases[i] != NULL; i++)
		same_as_jansson(cases[i]);
}

/* Every byte value alone and in company, valid UTF-8 or not. */
static void
test_every_byte(void **state)
{
	char s[8];
	int c;

	(void)state;
	for (c = 1; c < 256; c++) {
		s[0] = (char)c;
		s[1] = '\0';
		same_as_jansson(s);
		memcpy(s, "x", 1);
		s[1] = (char)c;
		s[2] = 'y';
		s[3] = '\0';
		same_as_jansson(s);
	}
}

/* Random strings from a hostile alphabet (fixed seed: a failure repeats). */
static void
test_random(void **state)
{
	static const char alphabet[] = "a \"\\/\n\t\x01\x7f\xc3\xa9\xe2\x80\xae"
	    "\xf0\x9f\x94\x8c\xff\x80<&'";
	char s[64];
	size_t i, k, n;

	(void)state;
	srand(6335);
	for (i = 0; i < 20000; i++) {
		n = (size_t)rand() % (sizeof(s) - 1);
		for (k = 0; k < n; k++)
			s[k] = alphabet[(size_t)rand() % (sizeof(alphabet) - 1)];
		s[n] = '\0';
		same_as_jansson(s);
	}
}

static void
test_key(void **state)
{
	buf b = { 0 };

	(void)state;
	jsonw_key(&b, "port", 1);
	jsonw_key(&b, "range", 0);
	assert_string_equal(b.data, "\"port\":,\"range\":");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chosen),
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
