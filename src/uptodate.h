/* uptodate.h - the no-op check: each listed file as the last build left it */
#ifndef UPTODATE_H
#define UPTODATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * 1 if every file that the manifest's lines (text, len bytes, each ending
 * in a NUL, read in place) list below the output directory dirfd stands
 * as the build that wrote the manifest at built (its mtime, ns) left it;
 * *files gets how many are listed. A file is taken as it was when no
 * directory between it and dirfd has a ctime after built (nothing in them
 * was added, removed, renamed or replaced, nor were they moved in: a file
 * edited in place is not seen), else when it is a regular file of the
 * listed size not modified after built. 0 if any is not, or none listed.
 * Runs on two threads.
 */
int uptodate_check(int dirfd, int64_t built, char *text, size_t len,
    size_t *files);

struct stat;
/*
 * 1 if st is a regular file of size bytes not modified after built (the
 * manifest's mtime, ns; 0: unknown): what "as the last build left it"
 * means for one file, in a no-op and in a writing build alike.
 */
int uptodate_stat(const struct stat *st, size_t size, int64_t built);

#endif
