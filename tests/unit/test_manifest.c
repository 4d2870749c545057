/* test_manifest.c - the manifest's lines, in strcmp's order of their paths */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "manifest.h"

static int
by_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths of b's lines, in order, joined by newlines. */
static void
paths_of(const char *text, buf *out)
{
	const char *p, *end, *path;

	for (p = text; *p != '\0'; p = end + 1) {
		end = strchr(p, '\n');
		assert_non_null(end);
		/* "HASH SIZE PATH": the path is after the second space. */
		path = strchr(strchr(p, ' ') + 1, ' ') + 1;
		buf_put(out, path, (size_t)(end - path));
		buf_putc(out, '\n');
	}
}

/*
 * Paths that share 8-byte prefixes, end inside one, hold bytes above
 * 127 and count past the prefix (port/9.html after port/10000.html):
 * printed in strcmp's order, each once.
 */
static void
test_order(void **state)
{
	static const char *const fixed[] = {
		"port/123", "port/1234", "port/123.html", "port/12", "port/",
		"a", "b/c", "\xc3\xa9t\xc3\xa9.html", "port/9.html",
		"port/10000.html", "portx", "port/123\xff", "index.html", "a\xc3\xa9",
		"ab", "port/1\xc3\xa9",
	};
	size_t nfixed = sizeof(fixed) / sizeof(fixed[0]), n = 0, i;
	char **paths = malloc(3000 * sizeof(*paths)), name[64];
	struct manifest m;
	buf got = { 0 }, want = { 0 }, text = { 0 };

	(void)state;
	assert_non_null(paths);
	manifest_init(&m);
	for (i = 0; i < nfixed + 2900; i++) {
		if (i < nfixed)
			snprintf(name, sizeof(name), "%s", fixed[i]);
		else
			snprintf(name, sizeof(name), i % 3 ? "port/%zu.html" :
			    "block/%zu.html", (i * 7919) % 65536);
		if (manifest_find(&m, name, manifest_key(name))->path != NULL)
			continue;
		manifest_add(&m, name, manifest_key(name))->hash = i;
		paths[n++] = strdup(name);
	}
	qsort(paths, n, sizeof(*paths), by_strcmp);
	for (i = 0; i < n; i++) {
		buf_puts(&want, paths[i]);
		buf_putc(&want, '\n');
		free(paths[i]);
	}
	manifest_print(&m, &text);
	paths_of(text.data, &got);
	assert_string_equal(got.data, want.data);
	free(paths);
	buf_free(&got);
	buf_free(&want);
	buf_free(&text);
	manifest_release(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests_name("manifest", tests, NULL, NULL);
}
