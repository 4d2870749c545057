/* uptodate.c - the no-op check: each listed file as the last build left it */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "manifest.h"
#include "uptodate.h"
#include "util.h"

int
uptodate_stat(const struct stat *st, size_t size, int64_t built)
{
	return S_ISREG(st->st_mode) && (size_t)st->st_size == size &&
	    built != 0 && util_mtime_ns(st) <= built;
}

/* 1 if name at fd is as the last build left it (uptodate_stat). */
static int
untouched(int fd, int64_t built, const char *name, size_t size)
{
	struct stat st;

	return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    uptodate_stat(&st, size, built);
}

struct check {
	int		 dirfd;		/* the output directory */
	int64_t		 built;		/* the manifest's mtime (ns) */
	char		*lo, *hi;	/* a slice of the manifest's lines */
	size_t		 files;
	int		 ok;
};

/*
 * 1 if the directory dir (below the output directory) and every one
 * between it and the output directory is a directory whose ctime is not
 * after the manifest's: no file in it was added, removed, renamed or
 * replaced since the last build, nor the directory itself moved in.
 * ctime, unlike mtime, cannot be set back. A file edited in place leaves
 * its directory as it was: that is the one change a no-op does not see.
 */
static int
dir_settled(const struct check *c, const char *dir)
{
	struct stat st;
	char path[PATH_MAX];
	size_t i, n = strlen(dir);

	if (n >= sizeof(path) || c->built == 0)
		return 0;
	for (i = 1; i <= n; i++) {
		if (i < n && dir[i] != '/')
			continue;
		memcpy(path, dir, i);
		path[i] = '\0';
		if (fstatat(c->dirfd, path, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(st.st_mode) || util_ctime_ns(&st) > c->built)
			return 0;
	}
	return 1;
}

/* The directory a check is in: its name, descriptor, whether it is settled. */
struct check_dir {
	char	 name[PATH_MAX];
	size_t	 len;
	int	 fd;		/* open for lookups, or -1 until one is needed */
	int	 settled;	/* dir_settled: its files need no stat */
};

/*
 * Moves cd to the directory of path (the part before slash), unless it is
 * there already (the manifest is sorted, so a directory's files come
 * together). 0 if the name is too long.
 */
static int
check_enter(const struct check *c, struct check_dir *cd, const char *path,
    const char *slash)
{
	size_t n = (size_t)(slash - path);

	if (n == cd->len && memcmp(cd->name, path, n) == 0)
		return 1;
	if (cd->fd >= 0)
		close(cd->fd);
	cd->fd = -1;
	if (n >= sizeof(cd->name))
		return 0;
	memcpy(cd->name, path, n);
	cd->name[n] = '\0';
	cd->len = n;
	cd->settled = dir_settled(c, cd->name);
	return 1;
}

/*
 * 1 if the file at path stands as the manifest says: in a settled
 * directory without a look, else by a stat that looks up one name in its
 * directory (kept open in cd), not the whole path.
 */
static int
check_file(const struct check *c, struct check_dir *cd, const char *path,
    size_t size)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return untouched(c->dirfd, c->built, path, size);
	if (!check_enter(c, cd, path, slash))
		return 0;
	if (cd->settled)
		return 1;
	if (cd->fd < 0 && (cd->fd = openat(c->dirfd, cd->name,
	    O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		return 0;
	return untouched(cd->fd, c->built, slash + 1, size);
}

static void *
check_slice(void *arg)
{
	struct check *c = arg;
	struct check_dir cd = { .len = (size_t)-1, .fd = -1 };
	char *p, *path;
	uint64_t h;
	size_t size;

	for (p = c->lo; p < c->hi && c->ok; p += strlen(p) + 1) {
		if ((path = manifest_line(p, &h, &size)) == NULL)
			continue;
		c->files++;
		if (!check_file(c, &cd, path, size))
			c->ok = 0;
	}
	if (cd.fd >= 0)
		close(cd.fd);
	return NULL;
}

int
uptodate_check(int dirfd, int64_t built, char *text, size_t len,
    size_t *files)
{
	struct check c[2];
	char *mid;
	pthread_t t;
	size_t i;
	int two;

	/* Half the lines on another thread: a changed directory costs a stat each. */
	mid = text + len / 2;
	mid += strlen(mid) + 1;
	for (i = 0; i < 2; i++) {
		c[i].dirfd = dirfd;
		c[i].built = built;
		c[i].lo = i == 0 ? text : mid;
		c[i].hi = i == 0 ? mid : text + len;
		c[i].files = 0;
		c[i].ok = 1;
	}
	two = pthread_create(&t, NULL, check_slice, &c[1]) == 0;
	check_slice(&c[0]);
	if (two)
		pthread_join(t, NULL);
	else
		check_slice(&c[1]);
	*files = c[0].files + c[1].files;
	return c[0].ok && c[1].ok && *files > 0;
}
