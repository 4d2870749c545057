/* init.c - creating a new site directory from the default templates and content */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"
#include "util.h"

#define MAX_COPY (64u << 20)

static int
write_file(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wx");

	if (f == NULL || fwrite(data, 1, n, f) != n || fclose(f) != 0) {
		util_err(path, 0, "%s", strerror(errno));
		return 0;
	}
	return 1;
}

/* Copies the regular files and directories under from into to (new). */
static int
copy_tree(const char *from, const char *to)
{
	struct dirent *de;
	struct stat st;
	char *src, *dst, *data;
	size_t n;
	DIR *d;
	int ok = 1;

	if ((d = opendir(from)) == NULL) {
		util_err(from, 0, "%s", strerror(errno));
		return 0;
	}
	if (mkdir(to, 0777) != 0) {
		util_err(to, 0, "%s", strerror(errno));
		closedir(d);
		return 0;
	}
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		src = util_path_join(from, de->d_name);
		dst = util_path_join(to, de->d_name);
		if (stat(src, &st) != 0)
			ok = 0, util_err(src, 0, "%s", strerror(errno));
		else if (S_ISDIR(st.st_mode))
			ok = copy_tree(src, dst);
		else if (S_ISREG(st.st_mode)) {
			ok = (data = util_file_read(src, MAX_COPY, &n)) != NULL &&
			    write_file(dst, data, n);
			free(data);
		}
		free(src);
		free(dst);
	}
	closedir(d);
	return ok;
}

int
init_site(const char *dir, const char *tdir, const char *cdir)
{
	struct dirent *de;
	char *t, *c;
	DIR *d;
	int ok;

	if (access(tdir, R_OK) != 0 || access(cdir, R_OK) != 0) {
		util_err(access(tdir, R_OK) != 0 ? tdir : cdir, 0, "no default "
		    "templates or content here to copy from: %s", strerror(errno));
		return 0;
	}
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL)
			if (strcmp(de->d_name, ".") != 0 &&
			    strcmp(de->d_name, "..") != 0) {
				closedir(d);
				util_err(dir, 0, "directory is not empty; "
				    "nothing was changed");
				return 0;
			}
		closedir(d);
	} else if (errno != ENOENT || mkdir(dir, 0777) != 0) {
		util_err(dir, 0, "%s", strerror(errno));
		return 0;
	}
	t = util_path_join(dir, "templates");
	c = util_path_join(dir, "content");
	ok = copy_tree(tdir, t) && copy_tree(cdir, c);
	free(t);
	free(c);
	if (ok)
		printf("portpages: created %s with templates/ and content/\n"
		    "Next:\n  cd %s && portpages\n  portpages --watch\n", dir,
		    dir);
	return ok;
}
