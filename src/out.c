/* out.c - the output directory: atomic writes, only what changed, a manifest */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "lock.h"
#include "manifest.h"
#include "out.h"
#include "uptodate.h"
#include "util.h"

/*
 * The manifest lists "HASH SIZE PATH" for every file the last build made,
 * sorted, so that it is as deterministic as the pages. A file is taken as
 * untouched since then if its size matches and it is not newer than the
 * manifest (and, for a no-op, uptodate.c's rules). The stamp holds the
 * hash of the inputs of the last build that finished; it is removed
 * before the first change to the tree.
 */
#define MANIFEST ".portpages-manifest"
#define STAMP ".portpages-stamp"
#define TMP_PREFIX ".portpages-tmp-"

struct out {
	char		*dir;
	int		 dirfd;
	struct lock	 dirlock;	/* held from out_open to out_close */
	struct manifest	 m;
	int64_t		 built;		/* manifest mtime (ns), 0 if none */
	uint64_t	 stamp;
	int		 have_stamp;
	int		 unstamped;
	int		 reported;	/* an error was reported */
	int		 fast;		/* out_uptodate found nothing to do */
	char		 fresh[8][16];	/* subdirectories this build creates */
	char		 stage[8][48];	/* ... and the names they are filled under */
	int		 nfresh;
	unsigned long	 tmpseq;
	struct out_stats st;
	pthread_mutex_t	 lock;
};

/* Reads name in the output directory; NULL if it is not there. Caller frees. */
static char *
read_meta(struct out *o, const char *name, size_t *len, int64_t *mtime)
{
	struct stat st;
	char *text;
	ssize_t got;
	int fd;

	if ((fd = openat(o->dirfd, name, O_RDONLY)) < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > (256 << 20)) {
		close(fd);
		return NULL;
	}
	text = xmalloc((size_t)st.st_size + 1);
	got = read(fd, text, (size_t)st.st_size);
	close(fd);
	if (got != st.st_size) {
		free(text);
		return NULL;
	}
	text[got] = '\0';
	*len = (size_t)got;
	*mtime = util_mtime_ns(&st);
	return text;
}

/* Reads the manifest of the previous build and its stamp. */
static void
read_manifest(struct out *o)
{
	char *text;
	size_t len;
	int64_t mt;

	if ((text = read_meta(o, MANIFEST, &len, &mt)) != NULL) {
		o->built = mt;
		manifest_set_text(&o->m, text, len);
	}
	if ((text = read_meta(o, STAMP, &len, &mt)) != NULL) {
		o->stamp = strtoull(text, NULL, 16);
		o->have_stamp = 1;
		free(text);
	}
}

/* Removes directory rel (relative to o) and everything in it. */
static void
rmtree(struct out *o, const char *rel)
{
	struct dirent *de;
	DIR *d;
	int fd = openat(o->dirfd, rel, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") !=
		    0 && unlinkat(dirfd(d), de->d_name, 0) != 0 &&
		    errno == EISDIR) {
			char *sub = util_path_join(rel, de->d_name);

			rmtree(o, sub);
			free(sub);
		}
	closedir(d);
	unlinkat(o->dirfd, rel, AT_REMOVEDIR);
}

/* Removes the temporary files (and staging directories) a killed build left in rel. */
static void
sweep(struct out *o, const char *rel)
{
	struct dirent *de;
	DIR *d;
	int fd = openat(o->dirfd, rel, O_RDONLY | O_DIRECTORY);

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) == 0 &&
		    unlinkat(dirfd(d), de->d_name, 0) != 0 && errno == EISDIR &&
		    strcmp(rel, ".") == 0)
			rmtree(o, de->d_name);
	closedir(d);
}

struct out *
out_open(const char *dir, int nowait)
{
	struct out *o = xcalloc(1, sizeof(*o));

	o->dir = xstrdup(dir);
	o->dirfd = o->dirlock.fd = -1;
	manifest_init(&o->m);
	pthread_mutex_init(&o->lock, NULL);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		util_err(dir, 0, "cannot create output directory: %s",
		    strerror(errno));
		goto fail;
	}
	if ((o->dirfd = open(dir, O_RDONLY | O_DIRECTORY)) < 0) {
		util_err(dir, 0, "cannot open output directory: %s",
		    strerror(errno == ENOTDIR ? ENOTDIR : errno));
		goto fail;
	}
	if (faccessat(o->dirfd, ".", W_OK, AT_EACCESS) != 0) {
		util_err(dir, 0, "output directory is not writable: %s",
		    strerror(errno));
		goto fail;
	}
	/* What another build is writing is read only once it has finished. */
	if (!lock_take(&o->dirlock, o->dirfd, dir, nowait))
		goto fail;
	read_manifest(o);
	sweep(o, ".");
	return o;
fail:
	out_close(o, 0, 1, 0, NULL);
	return NULL;
}

/*
 * Reports "DIR/rel: what" once per build: when the disk fills, every
 * thread fails at once, and one line says it.
 */
static void
report_once(struct out *o, const char *rel, const char *what)
{
	int first;

	pthread_mutex_lock(&o->lock);
	first = !o->reported;
	o->reported = 1;
	pthread_mutex_unlock(&o->lock);
	if (first)
		util_err(NULL, 0, "%s/%s: %s", o->dir, rel, what);
}

int
out_uptodate(struct out *o, uint64_t inputs)
{
	size_t files;

	if (!o->have_stamp || o->stamp != inputs || o->m.lines == 0 ||
	    !uptodate_check(o->dirfd, o->built, o->m.text, o->m.len, &files)) {
		manifest_load(&o->m);
		return 0;
	}
	/* Every file stands as the last build left it: all are this build's too. */
	o->st.unchanged = files;
	o->fast = 1;
	return 1;
}

void
out_reserve(struct out *o, size_t n)
{
	/*
	 * Room for n in all, not n more: a rebuild mostly writes what the last
	 * build wrote, whose entries the table already has room for.
	 */
	manifest_reserve(&o->m, n);
}

/* The index of the new directory rel is in (at any depth), or -1. */
static int
in_fresh(const struct out *o, const char *rel)
{
	size_t n;
	int i;

	for (i = 0; i < o->nfresh; i++) {
		n = strlen(o->fresh[i]);
		if (strncmp(o->fresh[i], rel, n) == 0 && rel[n] == '/')
			return i;
	}
	return -1;
}

int
out_mkdir(struct out *o, const char *rel)
{
	struct stat st;
	char *stage, *p, path[4200];
	int i;

	if (fstatat(o->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISDIR(st.st_mode)) {
			sweep(o, rel);
			return 1;
		}
		util_err(o->dir, 0, "cannot create directory %s: a file is in "
		    "the way", rel);
		return 0;
	}
	/*
	 * A new directory is filled under a temporary name with plain writes
	 * and renamed into place whole by out_close: no reader ever sees it
	 * half full, and its files cost no more than writing them.
	 */
	/* Inside a directory this build creates, it is made in its stage. */
	if ((i = in_fresh(o, rel)) >= 0) {
		snprintf(path, sizeof(path), "%s%s", o->stage[i],
		    rel + strlen(o->fresh[i]));
		if (mkdirat(o->dirfd, path, 0777) == 0)
			return 1;
	} else if (errno == ENOENT && o->nfresh < 8 && strlen(rel) <
	    sizeof(o->fresh[0])) {
		stage = o->stage[o->nfresh];
		snprintf(stage, sizeof(o->stage[0]), TMP_PREFIX "dir-%s", rel);
		/* Stages sit at the top, where the sweep finds them. */
		for (p = stage; (p = strchr(p, '/')) != NULL; p++)
			*p = '-';
		if (mkdirat(o->dirfd, stage, 0777) == 0) {
			strcpy(o->fresh[o->nfresh++], rel);
			return 1;
		}
	} else if (mkdirat(o->dirfd, rel, 0777) == 0)
		return 1;
	util_err(o->dir, 0, "cannot create directory %s: %s", rel,
	    strerror(errno));
	return 0;
}

/*
 * 1 if file rel holds exactly the n bytes of data or, when data is NULL,
 * the first n bytes of the file open at fd.
 */
static int
same_bytes(int dirfd, const char *rel, const char *data, int fd, size_t n)
{
	char chunk[65536], other[65536];
	size_t off = 0;
	ssize_t got;
	int rfd, same = 1;

	if ((rfd = openat(dirfd, rel, O_RDONLY)) < 0)
		return 0;
	while (same && off < n) {
		got = read(rfd, chunk, n - off < sizeof(chunk) ? n - off :
		    sizeof(chunk));
		if (got <= 0)
			same = 0;
		else if (data != NULL)
			same = memcmp(chunk, data + off, (size_t)got) == 0;
		else
			same = pread(fd, other, (size_t)got, (off_t)off) == got &&
			    memcmp(chunk, other, (size_t)got) == 0;
		off += got > 0 ? (size_t)got : 0;
	}
	if (same && read(rfd, chunk, 1) != 0)
		same = 0;
	close(rfd);
	return same;
}

/* Creates path (relative to o) holding data; reports failures as rel's. */
static int
write_new(struct out *o, const char *path, const char *rel, const char *data,
    size_t n)
{
	int fd, err;

	if ((fd = openat(o->dirfd, path, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0) {
		report_once(o, rel, strerror(errno));
		return 0;
	}
	if (!util_fd_write(fd, data, n)) {
		err = errno;
		close(fd);
		report_once(o, rel, strerror(err));
		return 0;
	}
	if (close(fd) != 0) {
		report_once(o, rel, strerror(errno));
		return 0;
	}
	return 1;
}

/* Names a temporary file beside rel in tmp: the sweep removes it if the build is killed. */
static void
tmp_name(struct out *o, const char *rel, char *tmp, size_t size)
{
	const char *slash = strrchr(rel, '/');
	int dlen = slash ? (int)(slash - rel + 1) : 0;
	unsigned long seq;

	pthread_mutex_lock(&o->lock);
	seq = o->tmpseq++;
	pthread_mutex_unlock(&o->lock);
	snprintf(tmp, size, "%.*s" TMP_PREFIX "%ld-%lu", dlen, rel,
	    (long)getpid(), seq);
}

/*
 * Puts the temporary file tmp in rel's place (exists: rel is there now),
 * or removes it and reports why not. Returns 0 on failure, else 1.
 */
static int
publish(struct out *o, const char *tmp, const char *rel, int exists)
{
	int err;

	/*
	 * Swapping names and then removing the old file is as atomic as a
	 * rename over it, and spares ext4 the flush it does for such renames.
	 */
	if (exists && renameat2(o->dirfd, tmp, o->dirfd, rel,
	    RENAME_EXCHANGE) == 0) {
		unlinkat(o->dirfd, tmp, 0);
		return 1;
	}
	if (renameat(o->dirfd, tmp, o->dirfd, rel) == 0)
		return 1;
	err = errno;
	unlinkat(o->dirfd, tmp, 0);
	report_once(o, rel, strerror(err));
	return 0;
}

/* Publishes data as rel (exists: whether rel is there now) without ever showing a partial file. */
static int
replace(struct out *o, const char *rel, const char *data, size_t n,
    int exists)
{
	char tmp[4200], parent[4096], procpath[64];
	const char *slash = strrchr(rel, '/');
	size_t dlen = slash ? (size_t)(slash - rel + 1) : 0;
	int fd, err;

	if (dlen >= sizeof(parent) || strlen(rel) >= sizeof(parent)) {
		report_once(o, rel, "path too long");
		return 0;
	}
	memcpy(parent, dlen ? rel : ".", dlen ? dlen : 1);
	parent[dlen ? dlen : 1] = '\0';
	/*
	 * A new file can be written unnamed and linked in whole: one
	 * directory operation, and nothing left behind by a killed build.
	 */
	if (!exists && (fd = openat(o->dirfd, parent, O_TMPFILE | O_WRONLY,
	    0666)) >= 0) {
		if (!util_fd_write(fd, data, n)) {
			err = errno;
			close(fd);
			report_once(o, rel, strerror(err));
			return 0;
		}
		/* Linking by descriptor needs privilege on older kernels: /proc then. */
		snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", fd);
		if (linkat(fd, "", o->dirfd, rel, AT_EMPTY_PATH) == 0 ||
		    linkat(AT_FDCWD, procpath, o->dirfd, rel,
		    AT_SYMLINK_FOLLOW) == 0) {
			close(fd);
			return 1;
		}
		err = errno;
		close(fd);
		if (err != EEXIST) {
			report_once(o, rel, strerror(err));
			return 0;
		}
	}
	tmp_name(o, rel, tmp, sizeof(tmp));
	if (!write_new(o, tmp, rel, data, n)) {
		unlinkat(o->dirfd, tmp, 0);
		return 0;
	}
	return publish(o, tmp, rel, exists);
}

/* Removes the stamp once, before the first change to the tree. */
static int
unstamp(struct out *o)
{
	int rc = 1;

	pthread_mutex_lock(&o->lock);
	if (!o->unstamped) {
		if (unlinkat(o->dirfd, STAMP, 0) != 0 && errno != ENOENT) {
			util_err(o->dir, 0, "cannot remove %s: %s", STAMP,
			    strerror(errno));
			rc = 0;
		}
		o->unstamped = 1;
	}
	pthread_mutex_unlock(&o->lock);
	return rc;
}

/* The name rel is written under in staging directory i: 0 (reported) if too long. */
static int
stage_path(struct out *o, int i, const char *rel, char *path, size_t size)
{
	const char *rest = rel + strlen(o->fresh[i]);
	size_t a = strlen(o->stage[i]), b = strlen(rest);

	if (a + b >= size) {
		report_once(o, rel, "path too long");
		return 0;
	}
	memcpy(path, o->stage[i], a);
	memcpy(path + a, rest, b + 1);
	return 1;
}

/* Writes a file in a staging directory: nobody sees it until out_close. */
static int
stage_write(struct out *o, int i, const char *rel, const char *data,
    size_t n)
{
	char path[4200];

	return stage_path(o, i, rel, path, sizeof(path)) &&
	    write_new(o, path, rel, data, n);
}

/* Lists rel (key: its manifest_key) as written (or confirmed) by this build. */
static void
record(struct out *o, const char *rel, uint64_t key, uint64_t h, size_t n,
    int written)
{
	struct manifest_entry *e;

	pthread_mutex_lock(&o->lock);
	e = manifest_add(&o->m, rel, key);
	e->hash = h;
	e->size = n;
	e->seen = 1;
	if (written)
		o->st.written++;
	else
		o->st.unchanged++;
	pthread_mutex_unlock(&o->lock);
}

/*
 * Whether rel (key: its manifest_key) already holds the n bytes hashed h:
 * the manifest and a stat
 * say so, or its bytes equal data (or, when data is NULL, those of the
 * file open at fd). *exists says whether rel is there. Returns -1
 * (reported) if a directory is in the way.
 */
static int
holds(struct out *o, const char *rel, uint64_t key, uint64_t h, size_t n,
    const char *data, int fd, int *exists)
{
	struct manifest_entry *e;
	struct stat st;
	int known;

	pthread_mutex_lock(&o->lock);
	e = manifest_find(&o->m, rel, key);
	known = e->path != NULL && e->hash == h && e->size == n;
	pthread_mutex_unlock(&o->lock);
	*exists = fstatat(o->dirfd, rel, &st, AT_SYMLINK_NOFOLLOW) == 0;
	/* A link is replaced, never written through; a directory is refused. */
	if (*exists && S_ISDIR(st.st_mode)) {
		report_once(o, rel, "a directory is in the way");
		return -1;
	}
	if (known && *exists && uptodate_stat(&st, n, o->built))
		return 1;
	return *exists && S_ISREG(st.st_mode) && (size_t)st.st_size == n &&
	    same_bytes(o->dirfd, rel, data, fd, n);
}

int
out_write(struct out *o, const char *rel, const char *data, size_t n)
{
	uint64_t h = manifest_hash(data, n), key = manifest_key(rel);
	int exists, unchanged, fresh = in_fresh(o, rel);

	if (fresh >= 0) {
		if (!stage_write(o, fresh, rel, data, n))
			return 0;
		record(o, rel, key, h, n, 1);
		return 1;
	}
	if ((unchanged = holds(o, rel, key, h, n, data, -1, &exists)) < 0)
		return 0;
	if (!unchanged && (!unstamp(o) || !replace(o, rel, data, n, exists)))
		return 0;
	record(o, rel, key, h, n, !unchanged);
	return 1;
}

/* A file written piece by piece: out_stream_open to out_stream_close. */
struct out_stream {
	struct out		*o;
	struct manifest_hasher	*h;
	char			*rel;
	char			 path[4200];	/* a temporary name, or in a stage */
	int			 fd;
	int			 fresh;		/* in_fresh(o, rel) */
	int			 failed;
	size_t			 n;
};

struct out_stream *
out_stream_open(struct out *o, const char *rel)
{
	struct out_stream *s = xcalloc(1, sizeof(*s));

	s->o = o;
	s->fresh = in_fresh(o, rel);
	if (s->fresh >= 0) {
		if (!stage_path(o, s->fresh, rel, s->path, sizeof(s->path)))
			goto fail;
	} else if (strlen(rel) >= 4096) {
		report_once(o, rel, "path too long");
		goto fail;
	} else
		tmp_name(o, rel, s->path, sizeof(s->path));
	/* Read back too: a rebuild compares it with the file it would replace. */
	if ((s->fd = openat(o->dirfd, s->path, O_RDWR | O_CREAT | O_EXCL,
	    0666)) < 0) {
		report_once(o, rel, strerror(errno));
		goto fail;
	}
	s->rel = xstrdup(rel);
	s->h = manifest_hasher_new();
	return s;
fail:
	free(s);
	return NULL;
}

int
out_stream_write(struct out_stream *s, const char *data, size_t n)
{
	if (!s->failed && !util_fd_write(s->fd, data, n)) {
		report_once(s->o, s->rel, strerror(errno));
		s->failed = 1;
	}
	manifest_hasher_add(s->h, data, n);
	s->n += n;
	return !s->failed;
}

int
out_stream_close(struct out_stream *s, int ok)
{
	uint64_t h = 0, key = 0;
	int rc, exists = 0, unchanged = 0;

	if (s == NULL)
		return 0;
	if ((rc = ok && !s->failed)) {
		h = manifest_hasher_value(s->h);
		key = manifest_key(s->rel);
		if (s->fresh < 0 && (unchanged = holds(s->o, s->rel, key, h,
		    s->n, NULL, s->fd, &exists)) < 0)
			rc = 0;
	}
	if (close(s->fd) != 0 && rc) {
		report_once(s->o, s->rel, strerror(errno));
		rc = 0;
	}
	if (rc && s->fresh < 0 && !unchanged)
		rc = unstamp(s->o) && publish(s->o, s->path, s->rel, exists);
	if (!rc || unchanged)
		unlinkat(s->o->dirfd, s->path, 0);
	if (rc)
		record(s->o, s->rel, key, h, s->n, !unchanged);
	manifest_hasher_free(s->h);
	free(s->rel);
	free(s);
	return rc;
}

/* Writes the manifest of every entry still listed, then the stamp. */
static int
finish(struct out *o, uint64_t inputs)
{
	buf b = { 0 };
	int rc;

	manifest_print(&o->m, &b);
	rc = unstamp(o) && replace(o, MANIFEST, b.data ? b.data : "", b.len,
	    faccessat(o->dirfd, MANIFEST, F_OK, AT_EACCESS) == 0);
	buf_reset(&b);
	buf_printf(&b, "%016llx\n", (unsigned long long)inputs);
	rc = rc && replace(o, STAMP, b.data, b.len, 0);
	buf_free(&b);
	return rc;
}

int
out_close(struct out *o, int ok, int keep_old, uint64_t inputs,
    struct out_stats *st)
{
	size_t i;
	int rc = ok;

	if (o == NULL)
		return 0;
	/* New directories appear whole, or not at all. */
	for (i = 0; i < (size_t)o->nfresh; i++)
		if (!ok || renameat(o->dirfd, o->stage[i], o->dirfd,
		    o->fresh[i]) != 0) {
			if (ok)
				util_err(o->dir, 0, "cannot rename %s to %s: %s",
				    o->stage[i], o->fresh[i], strerror(errno));
			rmtree(o, o->stage[i]);
			rc = ok = 0;
		}
	if (ok && o->dirfd >= 0 && !o->fast) {
		manifest_load(&o->m);
		for (i = 0; i < o->m.cap; i++) {
			struct manifest_entry *e = &o->m.e[i];

			if (e->path == NULL || e->seen || keep_old)
				continue;
			/* Only files this program wrote before: never anything else. */
			if (unlinkat(o->dirfd, e->path, 0) == 0 || errno == ENOENT)
				o->st.removed++;
			e->path = NULL;
		}
		/* A rewritten manifest is newer than a file touched in the meantime. */
		rc = finish(o, inputs);
	}
	if (st != NULL)
		*st = o->st;
	manifest_release(&o->m);
	if (o->dirfd >= 0)
		close(o->dirfd);
	lock_release(&o->dirlock);
	pthread_mutex_destroy(&o->lock);
	free(o->dir);
	free(o);
	return rc;
}
