/* lock.h - one build at a time in an output directory */
#ifndef LOCK_H
#define LOCK_H

/*
 * Takes the lock of the directory open at dirfd (dir is its name, for
 * messages): an flock on its file .portpages-lock, which then holds the
 * holder's process id. If another process holds it, says so and waits
 * for it, or with nowait refuses at once. Returns the lock's descriptor
 * (close it to let go), or -1 on failure (reported).
 */
int lock_take(int dirfd, const char *dir, int nowait);

#endif
