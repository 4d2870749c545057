/* test_precompress.c - --precompress: which files, and gzip files that decompress to them */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "out.h"
#include "precompress.h"
#include "util.h"

static char dir[64];

static int
setup(void **state)
{
	(void)state;
	util_quiet = 1;
	snprintf(dir, sizeof(dir), "/tmp/pp-zip-XXXXXX");
	return mkdtemp(dir) == NULL;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void
test_wanted(void **state)
{
	static const char *const yes[] = {
		"index.html", "port/22.html", "assets/style.css", "assets/site.js",
		"api/ports.json", "api/port/7.json", "api/ports.csv",
		"sitemap-1.xml", "assets/favicon.svg", NULL
	};
	static const char *const no[] = {
		"assets/favicon.png", "robots.txt", "port/22.md", "x.html.gz",
		"x.json.br", "html", "assets/.css.bak", NULL
	};
	size_t i;

	(void)state;
	for (i = 0; yes[i] != NULL; i++)
		assert_true(precompress_wanted(yes[i]));
	for (i = 0; no[i] != NULL; i++)
		assert_false(precompress_wanted(no[i]));
}

/* The file rel under dir, read whole. */
static char *
slurp(const char *rel, size_t *n)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return util_file_read(path, 1 << 24, n);
}

static void
test_gzip(void **state)
{
	struct precompress *p = precompress_new();
	struct out *o;
	char *data = xmalloc(300000), *gz, *again, *back = xmalloc(300001);
	size_t i, n = 300000, len, len2;
	uLongf got = 300001;
	z_stream z;

	(void)state;
	for (i = 0; i < n; i++)
		data[i] = "<p>port 22 ssh</p>\n"[i % 19] + (char)(i % 7 == 0);
	assert_non_null(o = out_open(dir, 0));
	assert_true(out_mkdir(o, "assets"));
	assert_true(precompress_write(p, o, "assets/style.css", data, n));
	assert_true(out_close(o, 1, 0, 1, NULL));
	assert_non_null(gz = slurp("assets/style.css.gz", &len));
	/* gzip magic, deflate, no flags (no name), time 0: the same bytes every time. */
	assert_true(len > 18 && len < n / 4);
	assert_memory_equal(gz, "\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)gz;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)got;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, n);
	assert_memory_equal(back, data, n);
	inflateEnd(&z);
	/* A second compressor, the same bytes. */
	precompress_free(p);
	p = precompress_new();
	assert_non_null(o = out_open(dir, 0));
	assert_true(precompress_write(p, o, "assets/other.css", data, n));
	assert_true(out_close(o, 1, 1, 1, NULL));
	assert_non_null(again = slurp("assets/other.css.gz", &len2));
	assert_int_equal(len, len2);
	assert_memory_equal(gz, again, len);
	if (precompress_brotli) {
		free(again);
		assert_non_null(again = slurp("assets/other.css.br", &len2));
		assert_true(len2 > 0 && len2 < n / 4);
	}
	precompress_free(p);
	free(again);
	free(gz);
	free(back);
	free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wanted),
		cmocka_unit_test(test_gzip),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
