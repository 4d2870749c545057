/* floor: write a file tree with given names and sizes, the I/O cost any generator must pay. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <unistd.h>

/* Large enough that almost every file is a single write(2) call, like a
 * generator that renders a page into memory and writes it out at once. */
#define CHUNK (256 * 1024)

static char pattern[CHUNK];

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

/* A non-empty output directory would turn the measurement into an
 * overwrite benchmark, which is not what the floor stands for. */
static void require_empty(const char *dir)
{
	DIR *d;
	struct dirent *e;

	if (mkdir(dir, 0755) == 0)
		return;
	if (errno != EEXIST)
		die("cannot create", dir);
	d = opendir(dir);
	if (!d)
		die("cannot open", dir);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
			fprintf(stderr, "floor: output directory %s is not empty\n", dir);
			exit(1);
		}
	}
	closedir(d);
}

/* Every prefix below the output directory is tried, EEXIST included,
 * because the list may be in any order; the caller skips this when the
 * parent did not change, so a sorted list costs one pass per directory. */
static void make_parents(char *path, size_t skip)
{
	char *p;

	for (p = path + skip + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			die("cannot create", path);
		*p = '/';
	}
}

static void write_file(const char *path, long long size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		die("cannot open", path);
	while (size > 0) {
		size_t n = size > CHUNK ? CHUNK : (size_t)size;
		ssize_t w = write(fd, pattern, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			die("cannot write", path);
		}
		size -= w;
	}
	if (close(fd) != 0)
		die("cannot close", path);
}

int main(int argc, char **argv)
{
	FILE *in;
	char *line = NULL, *path = NULL, *lastdir = NULL;
	size_t cap = 0, pathcap = 0, outlen;
	ssize_t len;
	long long files = 0, bytes = 0;
	size_t i;

	if (argc != 3) {
		fprintf(stderr, "usage: floor LIST OUTDIR   (LIST '-' reads stdin; lines are 'relative/path size')\n");
		return 2;
	}
	in = strcmp(argv[1], "-") == 0 ? stdin : fopen(argv[1], "r");
	if (!in)
		die("cannot open", argv[1]);
	for (i = 0; i < CHUNK; i++)
		pattern[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
	require_empty(argv[2]);
	outlen = strlen(argv[2]);

	while ((len = getline(&line, &cap, in)) != -1) {
		char *sp, *end, *slash;
		long long size;
		size_t need;

		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		/* The size is the last field so that names with spaces survive. */
		sp = strrchr(line, ' ');
		if (!sp || sp == line) {
			fprintf(stderr, "floor: bad line: %s\n", line);
			return 1;
		}
		*sp = '\0';
		errno = 0;
		size = strtoll(sp + 1, &end, 10);
		if (errno || *end || size < 0) {
			fprintf(stderr, "floor: bad size in line: %s %s\n", line, sp + 1);
			return 1;
		}

		need = outlen + 1 + strlen(line) + 1;
		if (need > pathcap) {
			pathcap = need * 2;
			path = realloc(path, pathcap);
			if (!path) {
				perror("floor");
				return 1;
			}
		}
		snprintf(path, need, "%s/%s", argv[2], line);

		slash = strrchr(path, '/');
		*slash = '\0';
		if (!lastdir || strcmp(lastdir, path) != 0) {
			*slash = '/';
			make_parents(path, outlen);
			*slash = '\0';
			free(lastdir);
			lastdir = strdup(path);
			if (!lastdir) {
				perror("floor");
				return 1;
			}
		}
		*slash = '/';

		write_file(path, size);
		files++;
		bytes += size;
	}
	if (ferror(in))
		die("cannot read", argv[1]);
	if (in != stdin)
		fclose(in);
	free(line);
	free(path);
	free(lastdir);
	printf("floor: %lld files, %lld bytes\n", files, bytes);
	return 0;
}
