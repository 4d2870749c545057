/* lock.c - one build at a time in an output directory */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "lock.h"
#include "site.h"
#include "util.h"

/* Never removed: unlinking a lock file lets two processes lock two files. */
#define LOCK_FILE ".portpages-lock"

/* The process id the holder wrote, or 0 if it has not written it yet. */
static long
holder(int fd)
{
	char text[32];
	ssize_t n = pread(fd, text, sizeof(text) - 1, 0);

	if (n <= 0)
		return 0;
	text[n] = '\0';
	return strtol(text, NULL, 10);
}

int
lock_take(int dirfd, const char *dir, int nowait)
{
	char text[32];
	long pid;
	int fd, n;

	if ((fd = openat(dirfd, LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0666)) < 0) {
		util_err(dir, 0, "cannot open %s: %s", LOCK_FILE,
		    strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		pid = holder(fd);
		if (nowait) {
			util_err(dir, 0, "another build (process %ld) is writing "
			    "here; try again when it has finished", pid);
			close(fd);
			return -1;
		}
		util_warn(dir, 0, "waiting for the build of process %ld to "
		    "finish", pid);
		while (flock(fd, LOCK_EX) != 0)
			if (errno != EINTR || site_interrupted) {
				util_err(dir, 0, "cannot lock %s: %s", LOCK_FILE,
				    strerror(errno));
				close(fd);
				return -1;
			}
	}
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)n, 0) != n)
		util_warn(dir, 0, "cannot write %s: %s", LOCK_FILE,
		    strerror(errno));
	return fd;
}
