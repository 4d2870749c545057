/* test_out.c - files written piece by piece: whole or not at all, and left alone when unchanged */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "out.h"
#include "util.h"

#define N 700000	/* bytes of the test file: several pieces of every size */

static char dir[64];
static char *data;

static int
setup(void **state)
{
	size_t i;

	(void)state;
	util_quiet = 1;
	snprintf(dir, sizeof(dir), "/tmp/pp-out-XXXXXX");
	data = xmalloc(N);
	for (i = 0; i < N; i++)
		data[i] = (char)('a' + (i * 7 + i / 1000) % 26);
	return mkdtemp(dir) == NULL;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	free(data);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

/* dir/rel, in a buffer the next call reuses. */
static const char *
at(const char *rel)
{
	static char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return path;
}

/* The number of names in dir/rel starting with ".portpages-tmp". */
static int
temporaries(const char *rel)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	assert_non_null(d = opendir(at(rel)));
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, ".portpages-tmp", 14) == 0;
	closedir(d);
	return n;
}

/* A build that streams n bytes to rel, step at a time; returns its counts. */
static struct out_stats
stream_build(const char *rel, const char *bytes, size_t n, size_t step,
    int ok)
{
	static uint64_t inputs;
	struct out_stats st;
	struct out_stream *s;
	struct out *o;
	size_t off, k;

	/* Other inputs every time: no build is a no-op. */
	inputs++;
	assert_non_null(o = out_open(dir, 0));
	assert_false(out_uptodate(o, inputs));
	assert_true(out_mkdir(o, "api"));
	assert_non_null(s = out_stream_open(o, rel));
	for (off = 0; off < n; off += k) {
		k = n - off < step ? n - off : step;
		assert_true(out_stream_write(s, bytes + off, k));
	}
	assert_int_equal(out_stream_close(s, ok), ok);
	assert_true(out_close(o, 1, 1, inputs, &st));
	return st;
}

static void
test_hasher(void **state)
{
	struct manifest_hasher *h;
	size_t cut[] = { 0, 1, 63, 64, 240, 4096, 65537, N };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		h = manifest_hasher_new();
		manifest_hasher_add(h, data, cut[i]);
		manifest_hasher_add(h, data + cut[i], N - cut[i]);
		assert_true(manifest_hasher_value(h) == manifest_hash(data, N));
		manifest_hasher_free(h);
	}
	manifest_hasher_free(NULL);
}

static void
test_stream(void **state)
{
	struct out_stats st;
	struct stat a, b;
	char line[128], *got, *man;
	size_t n;

	(void)state;
	/* A new directory: the file is staged, and whole when it appears. */
	st = stream_build("api/ports.json", data, N, 65536 + 3, 1);
	assert_int_equal(st.written, 1);
	assert_non_null(got = util_file_read(at("api/ports.json"), N + 1, &n));
	assert_int_equal(n, N);
	assert_memory_equal(got, data, N);
	free(got);
	/* The manifest holds the hash of the whole. */
	assert_non_null(man = util_file_read(at(".portpages-manifest"), N,
	    &n));
	snprintf(line, sizeof(line), "%016llx %d api/ports.json\n",
	    (unsigned long long)manifest_hash(data, N), N);
	assert_non_null(strstr(man, line));
	free(man);
	assert_int_equal(stat(at("api/ports.json"), &a), 0);
	/* The same bytes again, in other pieces: not written, mtime kept. */
	st = stream_build("api/ports.json", data, N, 1000, 1);
	assert_int_equal(st.written, 0);
	assert_int_equal(st.unchanged, 1);
	/* Without the manifest the bytes are compared, with the same result. */
	assert_int_equal(unlink(at(".portpages-manifest")), 0);
	st = stream_build("api/ports.json", data, N, 300000, 1);
	assert_int_equal(st.written, 0);
	assert_int_equal(stat(at("api/ports.json"), &b), 0);
	assert_true(a.st_mtim.tv_sec == b.st_mtim.tv_sec &&
	    a.st_mtim.tv_nsec == b.st_mtim.tv_nsec);
	assert_int_equal(temporaries("api"), 0);
}

static void
test_change(void **state)
{
	struct out_stats st;
	char *changed = xmalloc(N), *got;
	size_t n;

	(void)state;
	memcpy(changed, data, N);
	changed[N - 1] ^= 1;
	stream_build("api/ports.csv", data, N, 4096, 1);
	/* One byte differs at the end, the size is the same: written. */
	st = stream_build("api/ports.csv", changed, N, 4096, 1);
	assert_int_equal(st.written, 1);
	assert_non_null(got = util_file_read(at("api/ports.csv"), N + 1, &n));
	assert_int_equal(n, N);
	assert_memory_equal(got, changed, N);
	free(got);
	/* A stream that fails leaves the old file whole and nothing else. */
	st = stream_build("api/ports.csv", data, N / 2, 4096, 0);
	assert_int_equal(st.written, 0);
	assert_non_null(got = util_file_read(at("api/ports.csv"), N + 1, &n));
	assert_int_equal(n, N);
	assert_memory_equal(got, changed, N);
	free(got);
	assert_int_equal(temporaries("api"), 0);
	assert_int_equal(out_stream_close(NULL, 1), 0);
	free(changed);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hasher),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_change),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
