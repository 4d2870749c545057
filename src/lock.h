/* lock.h - one build at a time in an output directory */
#ifndef LOCK_H
#define LOCK_H

#include <time.h>

struct lock {
	int		 fd;		/* -1 when not held */
	struct timespec	 times[2];	/* the file's times before it was taken */
};

/*
 * Takes the lock of the directory open at dirfd (dir is its name, for
 * messages): an flock on its file .portpages-lock, which then holds the
 * holder's process id. If another process holds it, says so and waits
 * for it, or with nowait refuses at once. Returns 0 on failure (reported),
 * else 1; let go with lock_release.
 */
int lock_take(struct lock *l, int dirfd, const char *dir, int nowait);

/*
 * Empties the lock file and gives it back its modification time, so that
 * a build that changed nothing leaves no trace, then lets go of the lock.
 * A lock not held (fd -1) is fine.
 */
void lock_release(struct lock *l);

#endif
