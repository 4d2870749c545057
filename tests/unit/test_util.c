/* test_util.c - UTF-8 checking and cleaning: the word-at-a-time scans agree with a character-at-a-time reference */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Bytes the random strings are drawn from: every class the scans treat apart. */
static const char *const pieces[] = {
	"a", "Z", " ", "~", "\t", "\n", "\r", "\x7f", "\x01", "\x1f", "",
	"\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "\xe2\x80\xae",
	"\xe2\x81\xa6", "\xe2\x80\xa9", "\xc3", "\x80", "\xed\xa0\x80",
	"\xc0\xaf", "\xf5\x80\x80\x80", "\xff",
};
#define NPIECES (sizeof(pieces) / sizeof(pieces[0]))

/*
 * The reference: the first character that cleaning changes, found one
 * character at a time from the documented rules, and the valid prefix.
 */
static size_t
ref_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2 :
	    s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ?
	    4 : 0, i;
	unsigned long c = len == 1 ? s[0] : len == 2 ? s[0] & 0x1fu :
	    len == 3 ? s[0] & 0x0fu : s[0] & 0x07u;

	if (len == 0 || len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || (c >= 0xd800 && c <= 0xdfff) ||
	    c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

static void
reference(const char *s, size_t n, size_t *clean, size_t *valid)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, len;
	unsigned long cp;

	*clean = *valid = n;
	for (i = 0; i < n; i += len ? len : 1) {
		len = ref_seq(u + i, n - i, &cp);
		if ((len == 0 || cp == 0) && *valid == n)
			*valid = i;
		if (*clean == n && (len == 0 || (cp < 0x20 && cp != '\t' &&
		    cp != '\n' && cp != '\r') || cp == 0x7f ||
		    (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x2066 && cp <= 0x2069)))
			*clean = i;
	}
}

/* A random string of pieces, long runs of ASCII among them, at any offset. */
static size_t
random_text(char *s, size_t cap, unsigned *seed)
{
	size_t n = 0, k, len;
	const char *p;

	while (n + 40 < cap && rand_r(seed) % 30 != 0) {
		if (rand_r(seed) % 3 == 0) {
			for (k = rand_r(seed) % 37; k > 0; k--)
				s[n++] = (char)(' ' + rand_r(seed) % 95);
			continue;
		}
		p = pieces[rand_r(seed) % NPIECES];
		len = *p == '\0' ? 1 : strlen(p);	/* "" stands for NUL */
		memcpy(s + n, p, len);
		n += len;
	}
	return n;
}

static void
test_scans_agree(void **state)
{
	char s[512];
	unsigned seed = 12345;
	size_t n, clean, valid, bad, i, off;
	char *c;
	int t;

	(void)state;
	for (t = 0; t < 20000; t++) {
		off = (size_t)t % 8;
		n = random_text(s + off, sizeof(s) - off, &seed);
		reference(s + off, n, &clean, &valid);
		assert_int_equal(util_utf8_clean_len(s + off, n), clean);
		assert_int_equal(util_utf8_valid(s + off, n), valid);
		c = util_utf8_clean(s + off, n, &bad);
		assert_int_equal(bad == 0, clean == n);
		assert_memory_equal(c, s + off, clean);
		if (clean == n)
			assert_int_equal(c[n], '\0');
		for (i = 0; c[i] != '\0'; i++)
			;
		assert_int_equal(util_utf8_clean_len(c, i), i);
		free(c);
	}
}

/* A bad byte at every position of a long ASCII text, words and tails alike. */
static void
test_every_position(void **state)
{
	char s[70];
	const char *bad[] = { "\x7f", "\x01", "\x80", "\xe2\x80\xae" };
	size_t i, k, n;

	(void)state;
	for (k = 0; k < 4; k++)
		for (i = 0; i + strlen(bad[k]) <= sizeof(s); i++) {
			memset(s, 'x', sizeof(s));
			memcpy(s + i, bad[k], strlen(bad[k]));
			n = sizeof(s);
			assert_int_equal(util_utf8_clean_len(s, n), i);
			assert_int_equal(util_utf8_clean_len(s, i), i);
			assert_int_equal(util_utf8_valid(s, n), k == 2 ? i : n);
		}
	memset(s, 'x', sizeof(s));
	s[33] = '\0';
	assert_int_equal(util_utf8_valid(s, sizeof(s)), 33);
	assert_int_equal(util_utf8_clean_len(s, sizeof(s)), 33);
	assert_int_equal(util_utf8_clean_len(s, 0), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scans_agree),
		cmocka_unit_test(test_every_position),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
