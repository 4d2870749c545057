/* watch.c - noticing when templates, content or the registry change */
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
#define TICK_MS 500	/* how often a wait looks at site_interrupted */
#define EVENTS (IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | \
    IN_MOVED_TO | IN_DELETE_SELF | IN_ATTRIB)

struct watch {
	const struct site_opts *o;
	const char	*reg;		/* the registry file, or NULL */
	int		 fd;
};

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

/* The registry is watched through its directory: editors replace files. */
static int
add_registry(int fd, const char *reg)
{
	char *dir = xstrdup(reg), *slash;
	int ok = 1;

	if ((slash = strrchr(dir, '/')) != NULL)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		strcpy(dir, ".");
	if (inotify_add_watch(fd, dir, EVENTS) < 0) {
		util_err(dir, 0, "cannot watch: %s", strerror(errno));
		ok = 0;
	}
	free(dir);
	return ok;
}

struct watch *
watch_new(const struct site_opts *o)
{
	struct watch *w = xcalloc(1, sizeof(*w));

	w->o = o;
	w->reg = o->registry ? o->registry : site_default_registry(o->content);
	if ((w->fd = inotify_init1(IN_CLOEXEC)) < 0) {
		util_err(NULL, 0, "inotify: %s", strerror(errno));
		free(w);
		return NULL;
	}
	if (!add_tree(w->fd, o->templates) || !add_tree(w->fd, o->content) ||
	    (w->reg != NULL && !add_registry(w->fd, w->reg))) {
		watch_free(w);
		return NULL;
	}
	return w;
}

void
watch_free(struct watch *w)
{
	if (w == NULL)
		return;
	close(w->fd);
	free(w);
}

int
watch_wait(struct watch *w, int ms)
{
	char ev[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	struct pollfd p = { w->fd, POLLIN, 0 };
	double end = util_now() + ms / 1000.0;
	int seen = 0, n, tick;

	for (;;) {
		if (site_interrupted)
			return 0;
		tick = seen ? QUIET_MS : TICK_MS;
		if (!seen && ms >= 0) {
			if (util_now() >= end)
				return 0;
			if ((end - util_now()) * 1000 < tick)
				tick = (int)((end - util_now()) * 1000) + 1;
		}
		n = poll(&p, 1, tick);
		if (n < 0 && errno != EINTR)
			return 0;
		if (n == 0 && seen)
			break;
		if (n > 0 && read(w->fd, ev, sizeof(ev)) > 0)
			seen = 1;
	}
	/* New directories (a new partials/, say) are watched too. */
	add_tree(w->fd, w->o->templates);
	add_tree(w->fd, w->o->content);
	return 1;
}

int
watch_run(const struct site_opts *o)
{
	struct watch *w;

	if ((w = watch_new(o)) == NULL)
		return 0;
	if (!o->quiet)
		printf("portpages: watching %s, %s%s%s; Ctrl-C stops\n",
		    o->templates, o->content, w->reg ? " and " : "",
		    w->reg ? w->reg : "");
	site_build(o);
	fflush(stdout);
	while (watch_wait(w, -1)) {
		site_build(o);
		fflush(stdout);
	}
	if (!o->quiet)
		printf("portpages: stopped watching\n");
	watch_free(w);
	return 1;
}
