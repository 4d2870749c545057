/* floor: write a file tree of given names and sizes on N threads, the I/O cost any generator must pay. */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* Large enough that almost every file is a single write(2) call, like a
 * generator that renders a page into memory and writes it out at once. */
#define CHUNK (256 * 1024)
/* Files a thread takes from the list at a time, as portpages' pool does. */
#define BATCH 64
/* The most threads portpages runs (-j 1 to 64). */
#define MAX_JOBS 64

struct entry {
	char *path;		/* OUTDIR/relative/path */
	long long size;
};

static char pattern[CHUNK];
static struct entry *files;
static size_t nfiles;
static atomic_size_t next_file;	/* the first file not yet handed out */

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: floor [-j N] LIST OUTDIR   (LIST '-' reads stdin; lines are "
		"'relative/path size'; N threads, default the online CPUs)\n");
	exit(2);
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

/* Splits "relative/path size" (the size last, so that names with spaces
 * survive) into line and *size; returns 0, or -1 for a malformed line. */
static int parse_line(char *line, long long *size)
{
	char *sp = strrchr(line, ' '), *end;

	if (!sp || sp == line)
		return -1;
	errno = 0;
	*size = strtoll(sp + 1, &end, 10);
	if (errno || end == sp + 1 || *end || *size < 0)
		return -1;
	*sp = '\0';
	return 0;
}

/* Appends OUTDIR/REL of SIZE bytes to the list, creating its parent
 * directories when they differ from the previous entry's. */
static void add_file(const char *outdir, const char *rel, long long size)
{
	static size_t cap;
	static char *lastdir;
	size_t need = strlen(outdir) + 1 + strlen(rel) + 1;
	char *path = malloc(need), *slash;

	if (nfiles == cap) {
		cap = cap ? cap * 2 : 4096;
		files = realloc(files, cap * sizeof(*files));
	}
	if (!path || !files)
		die("out of memory at", rel);
	snprintf(path, need, "%s/%s", outdir, rel);
	slash = strrchr(path, '/');
	*slash = '\0';
	if (!lastdir || strcmp(lastdir, path) != 0) {
		free(lastdir);
		if (!(lastdir = strdup(path)))
			die("out of memory at", rel);
		*slash = '/';
		make_parents(path, strlen(outdir));
	}
	*slash = '/';
	files[nfiles].path = path;
	files[nfiles].size = size;
	nfiles++;
}

/* Reads the whole list (the directories are made as it goes); returns the bytes. */
static long long read_list(const char *list, const char *outdir)
{
	FILE *in = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long long size, bytes = 0;

	if (!in)
		die("cannot open", list);
	while ((len = getline(&line, &cap, in)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		if (parse_line(line, &size) != 0) {
			fprintf(stderr, "floor: bad line: %s\n", line);
			exit(1);
		}
		add_file(outdir, line, size);
		bytes += size;
	}
	if (ferror(in))
		die("cannot read", list);
	if (in != stdin)
		fclose(in);
	free(line);
	return bytes;
}

/* Each thread takes the next BATCH files until none are left. */
static void *worker(void *unused)
{
	size_t i, end;

	(void)unused;
	while ((i = atomic_fetch_add(&next_file, BATCH)) < nfiles) {
		end = i + BATCH < nfiles ? i + BATCH : nfiles;
		for (; i < end; i++)
			write_file(files[i].path, files[i].size);
	}
	return NULL;
}

/* -j N as portpages takes it; the default is its default, the online CPUs. */
static int parse_jobs(int argc, char **argv)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN), jobs;
	char *end;
	int opt;

	jobs = ncpu > 0 ? (ncpu > MAX_JOBS ? MAX_JOBS : ncpu) : 1;
	while ((opt = getopt(argc, argv, "j:")) != -1) {
		if (opt != 'j')
			usage();
		errno = 0;
		jobs = strtol(optarg, &end, 10);
		if (errno || end == optarg || *end || jobs < 1 || jobs > MAX_JOBS) {
			fprintf(stderr, "floor: -j takes a number from 1 to %d\n", MAX_JOBS);
			exit(2);
		}
	}
	if (argc - optind != 2)
		usage();
	return (int)jobs;
}

int main(int argc, char **argv)
{
	pthread_t tid[MAX_JOBS];
	int jobs = parse_jobs(argc, argv), i, err;
	const char *list = argv[optind], *outdir = argv[optind + 1];
	long long bytes;
	size_t k;

	for (k = 0; k < CHUNK; k++)
		pattern[k] = (k % 64 == 63) ? '\n' : (char)('a' + k % 26);
	require_empty(outdir);
	bytes = read_list(list, outdir);

	/* The main thread is one of the N, as in portpages. */
	for (i = 1; i < jobs; i++) {
		err = pthread_create(&tid[i], NULL, worker, NULL);
		if (err != 0) {
			fprintf(stderr, "floor: cannot start thread %d: %s\n", i + 1, strerror(err));
			exit(1);
		}
	}
	worker(NULL);
	for (i = 1; i < jobs; i++)
		pthread_join(tid[i], NULL);
	printf("floor: %zu files, %lld bytes, %d threads\n", nfiles, bytes, jobs);
	return 0;
}
