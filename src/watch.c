/* watch.c - rebuilding when templates, content or the registry change */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "util.h"
#include "watch.h"

#define QUIET_MS 150
#define EVENTS (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
    IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

/* Watches dir and every directory below it (skipping hidden ones). */
static int
add_tree(int fd, const char *dir)
{
	struct dirent *de;
	DIR *d;
	char *sub;
	int ok = 1;

	if (inotify_add_watch(fd, dir, EVENTS) < 0) {
		util_err(dir, 0, "cannot watch: %s", strerror(errno));
		return 0;
	}
	if ((d = opendir(dir)) == NULL)
		return 1;
	while (ok && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || de->d_type != DT_DIR)
			continue;
		sub = util_path_join(dir, de->d_name);
		ok = add_tree(fd, sub);
		free(sub);
	}
	closedir(d);
	return ok;
}

/* Waits for a change; returns 0 when interrupted. */
static int
wait_change(int fd)
{
	char ev[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd p = { fd, POLLIN, 0 };
	int seen = 0, n;

	for (;;) {
		if (site_interrupted)
			return 0;
		n = poll(&p, 1, seen ? QUIET_MS : 500);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n == 0 && seen)
			return 1;
		if (n > 0 && read(fd, ev, sizeof(ev)) > 0)
			seen = 1;
	}
}

int
watch_run(const struct site_opts *o)
{
	const char *reg = o->registry ? o->registry :
	    site_default_registry(o->content);
	char *regdir = NULL, *slash;
	int fd, ok = 0;

	if ((fd = inotify_init1(IN_CLOEXEC)) < 0) {
		util_err(NULL, 0, "inotify: %s", strerror(errno));
		return 0;
	}
	if (!add_tree(fd, o->templates) || !add_tree(fd, o->content))
		goto out;
	/* The registry is watched through its directory: editors replace files. */
	if (reg != NULL) {
		regdir = xstrdup(reg);
		if ((slash = strrchr(regdir, '/')) != NULL)
			*(slash == regdir ? slash + 1 : slash) = '\0';
		else
			strcpy(regdir, ".");
		if (inotify_add_watch(fd, regdir, EVENTS) < 0) {
			util_err(regdir, 0, "cannot watch: %s", strerror(errno));
			goto out;
		}
	}
	if (!o->quiet)
		printf("portpages: watching %s, %s%s%s; Ctrl-C stops\n",
		    o->templates, o->content, reg ? " and " : "", reg ? reg : "");
	site_build(o);
	fflush(stdout);
	while (wait_change(fd)) {
		site_build(o);
		fflush(stdout);
		/* New directories (a new partials/, say) are watched too. */
		add_tree(fd, o->templates);
		add_tree(fd, o->content);
	}
	ok = 1;
	if (!o->quiet)
		printf("portpages: stopped watching\n");
out:
	free(regdir);
	close(fd);
	return ok;
}
