/* fuzz.h - helpers shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c) */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* Stops with a message: the harness itself cannot work. */
static inline void
fuzz_die(const char *what)
{
	perror(what);
	abort();
}

/* Writes all of data to fd from offset 0 and cuts the file there. */
static inline void
fuzz_fill_fd(int fd, const uint8_t *data, size_t size)
{
	size_t off = 0;
	ssize_t w;

	if (ftruncate(fd, 0) != 0)
		fuzz_die("ftruncate");
	while (off < size) {
		if ((w = pwrite(fd, data + off, size - off, (off_t)off)) <= 0)
			fuzz_die("pwrite");
		off += (size_t)w;
	}
}

/*
 * An in-memory file (memfd) reachable by path as /proc/self/fd/N: the
 * loaders take paths, and nothing touches the disk.
 */
static inline int
fuzz_memfd(const char *name, char *path, size_t pathsize)
{
	int fd = memfd_create(name, MFD_CLOEXEC);

	if (fd < 0)
		fuzz_die("memfd_create");
	snprintf(path, pathsize, "/proc/self/fd/%d", fd);
	return fd;
}

static char fuzz_dir[256];

static inline void
fuzz_rmdir(void)
{
	char cmd[300];

	if (fuzz_dir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "cannot remove %s\n", fuzz_dir);
	}
}

/* A private directory in /dev/shm (tmpfs), removed when the process exits. */
static inline const char *
fuzz_tmpdir(const char *name)
{
	snprintf(fuzz_dir, sizeof(fuzz_dir), "/dev/shm/portpages-fuzz-%s-%ld",
	    name, (long)getpid());
	if (mkdir(fuzz_dir, 0700) != 0)
		fuzz_die(fuzz_dir);
	atexit(fuzz_rmdir);
	return fuzz_dir;
}

/* Replaces the file at path with data. */
static inline void
fuzz_write(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL)
		fuzz_die(path);
	if (size > 0 && fwrite(data, 1, size, f) != size)
		fuzz_die(path);
	if (fclose(f) != 0)
		fuzz_die(path);
}

/* Aborts if s holds what util_utf8_clean would replace. */
static inline void
fuzz_clean(const char *s)
{
	size_t bad;

	free(util_utf8_clean(s, strlen(s), &bad));
	if (bad > 0)
		abort();
}

#endif
