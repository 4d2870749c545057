/*
 * fuzz_conf.c - libFuzzer harness for content/site.conf (content.c, inih)
 *
 * The input is site.conf in a private content directory without notes.
 */
#include "content.h"
#include "fuzz.h"

static const char *dir;
static char *conf;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content *c;

	if (dir == NULL) {
		util_quiet = 1;
		dir = fuzz_tmpdir("conf");
		conf = util_path_join(dir, "site.conf");
	}
	fuzz_write(conf, data, size);
	if ((c = content_load(dir)) == NULL)
		return 0;
	/* What the loader promises: every string set, URLs of one shape. */
	if (c->conf.title == NULL || c->conf.description == NULL ||
	    c->conf.language == NULL || c->conf.footer == NULL ||
	    c->conf.base_url == NULL || c->conf.feedback_url == NULL)
		abort();
	if (c->conf.base_url[0] != '\0' &&
	    c->conf.base_url[strlen(c->conf.base_url) - 1] != '/')
		abort();
	if (util_utf8_valid(c->conf.title, strlen(c->conf.title)) !=
	    strlen(c->conf.title) || util_utf8_valid(c->conf.footer,
	    strlen(c->conf.footer)) != strlen(c->conf.footer))
		abort();
	content_free(c);
	return 0;
}
