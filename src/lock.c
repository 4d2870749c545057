/* lock.c - one build at a time in an output directory */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
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

/* Waits for the holder, or with nowait refuses. Returns 0 (reported) on failure. */
static int
wait_holder(int fd, const char *dir, int nowait)
{
	long pid = holder(fd);

	if (nowait) {
		util_err(dir, 0, "another build (process %ld) is writing here; "
		    "try again when it has finished", pid);
		return 0;
	}
	util_warn(dir, 0, "waiting for the build of process %ld to finish",
	    pid);
	while (flock(fd, LOCK_EX) != 0)
		if (errno != EINTR || site_interrupted) {
			util_err(dir, 0, "cannot lock %s: %s", LOCK_FILE,
			    strerror(errno));
			return 0;
		}
	return 1;
}

int
lock_take(struct lock *l, int dirfd, const char *dir, int nowait)
{
	struct stat st;
	char text[32];
	int n;

	l->fd = openat(dirfd, LOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC |
	    O_NOFOLLOW, 0666);
	if (l->fd < 0) {
		util_err(dir, 0, "cannot open %s: %s", LOCK_FILE, strerror(errno));
		return 0;
	}
	if (flock(l->fd, LOCK_EX | LOCK_NB) != 0 &&
	    !wait_holder(l->fd, dir, nowait)) {
		close(l->fd);
		l->fd = -1;
		return 0;
	}
	fstat(l->fd, &st);
	l->times[0] = st.st_atim;
	l->times[1] = st.st_mtim;
	n = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	if (ftruncate(l->fd, 0) != 0 || pwrite(l->fd, text, (size_t)n, 0) != n)
		util_warn(dir, 0, "cannot write %s: %s", LOCK_FILE,
		    strerror(errno));
	return 1;
}

void
lock_release(struct lock *l)
{
	if (l->fd < 0)
		return;
	if (ftruncate(l->fd, 0) == 0)
		futimens(l->fd, l->times);
	close(l->fd);
	l->fd = -1;
}
