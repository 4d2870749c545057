/* page_assets.c - assets/: templates/assets copied as they are */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "util.h"

#define MAX_ASSET (4u << 20)

static size_t
assets_count(const struct site *s)
{
	return s->nassets;
}

static void
assets_path(const struct site *s, size_t i, char *rel, size_t n)
{
	snprintf(rel, n, "assets/%s", s->assets[i]);
}

/* Reads asset i into b. Returns 0 (reported) if it cannot be read. */
static int
assets_read(const struct site *s, size_t i, buf *b)
{
	char rel[512], *path, *data;
	size_t len;

	snprintf(rel, sizeof(rel), "assets/%s", s->assets[i]);
	path = util_path_join(s->o->templates, rel);
	data = util_file_read(path, MAX_ASSET, &len);
	free(path);
	if (data == NULL)
		return 0;
	buf_reset(b);
	buf_put(b, data, len);
	free(data);
	return 1;
}

static int
assets_make(struct worker *w, size_t i)
{
	return assets_read(w->s, i, &w->page);
}

int
page_assets_load(struct site *s, uint64_t *hash)
{
	char *dir = util_path_join(s->o->templates, "assets");
	buf b = { 0 };
	size_t i, k;
	int rc = 0;

	if ((s->assets = util_dir_list(dir, NULL, &s->nassets)) == NULL) {
		util_err(dir, 0, "cannot read assets: %s", strerror(errno));
		goto out;
	}
	/* The search data is the generator's; long names do not fit a path. */
	for (i = k = 0; i < s->nassets; i++)
		if (strcmp(s->assets[i], "search-index.js") == 0 ||
		    strlen(s->assets[i]) > 400)
			free(s->assets[i]);
		else
			s->assets[k++] = s->assets[i];
	s->assets[s->nassets = k] = NULL;
	for (i = 0; i < s->nassets; i++) {
		if (!assets_read(s, i, &b))
			goto out;
		*hash = util_hash(*hash, s->assets[i], strlen(s->assets[i]) + 1);
		*hash = util_hash(*hash, b.data, b.len);
	}
	rc = 1;
out:
	buf_free(&b);
	free(dir);
	return rc;
}

const struct page_kind page_assets = {
	"assets", NULL, "assets", 0, 0, 0, assets_count, assets_path,
	assets_make, NULL
};
