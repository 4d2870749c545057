/*
 * fuzz_conf.c - libFuzzer harness for content/site.conf (content.c, inih)
 *
 * The input is site.conf in a private content directory without notes.
 */
#include <ini.h>

#include "content.h"
#include "fuzz.h"

static const char *dir;
static char *conf;

/*
 * 1 if a line (without its newline, and a CR before it) is longer than
 * inih's buffer takes.
 */
static int
long_line(const uint8_t *data, size_t size)
{
	const uint8_t *p = data, *end = data + size, *eol;
	size_t n;

	for (; p < end; p = eol + 1) {
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		n = (size_t)(eol - p);
		if (n > 0 && eol[-1] == '\r')
			n--;
		if (n > INI_MAX_LINE - 1)
			return 1;
	}
	return 0;
}

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
	if ((c = content_load(dir, 1)) == NULL)
		return 0;
	/* inih would stop at a NUL or split a long line: both are refused. */
	if (memchr(data, '\0', size) != NULL || long_line(data, size))
		abort();
	/* What the loader promises: every string set, URLs of one shape. */
	if (c->conf.title == NULL || c->conf.description == NULL ||
	    c->conf.language == NULL || c->conf.footer == NULL ||
	    c->conf.base_url == NULL || c->conf.feedback_url == NULL)
		abort();
	if (c->conf.base_url[0] != '\0' &&
	    c->conf.base_url[strlen(c->conf.base_url) - 1] != '/')
		abort();
	fuzz_clean(c->conf.title);
	fuzz_clean(c->conf.description);
	fuzz_clean(c->conf.footer);
	fuzz_clean(c->conf.language);
	content_free(c);
	return 0;
}
