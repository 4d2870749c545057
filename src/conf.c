/* conf.c - the site's settings: content/site.conf, read with inih */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ini.h>

#include "conf.h"
#include "util.h"

struct confctx {
	struct conf *conf;
	const char	*dir;
	char		 msg[256];
};

/* A URL the pages may link to: http(s), and nothing that needs quoting. */
static int
good_url(const char *s)
{
	return (strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) ==
	    0) && util_url_safe(s, strlen(s));
}

static int
set_text(char **dst, const char *value, struct confctx *x)
{
	size_t bad, n = strlen(value);

	if (n > 1000) {
		snprintf(x->msg, sizeof(x->msg), "value longer than 1000 bytes");
		return 0;
	}
	free(*dst);
	*dst = util_utf8_clean(value, n, &bad);
	if (bad > 0) {
		snprintf(x->msg, sizeof(x->msg), "invalid UTF-8 or control "
		    "characters in value");
		return 0;
	}
	return 1;
}

static const char *const source_keys[CONF_NSOURCES] = {
	"nmap", "wireshark", "system"
};

/* Where Debian's packages put them: nmap-common, libwireshark-data, netbase. */
static const char *const source_defaults[CONF_NSOURCES] = {
	"/usr/share/nmap/nmap-services", "/usr/share/wireshark/services",
	"/etc/services"
};

const char *
conf_source_key(enum conf_source s)
{
	return source_keys[s];
}

/* [sources] KEY = PATH: relative paths are relative to the content directory. */
static int
conf_source(struct confctx *x, const char *name, const char *value)
{
	struct conf_path *cp;
	int i;

	for (i = 0; i < CONF_NSOURCES && strcmp(name, source_keys[i]) != 0; i++)
		;
	if (i == CONF_NSOURCES) {
		snprintf(x->msg, sizeof(x->msg), "unknown source \"%.60s\" "
		    "(nmap, wireshark or system)", name);
		return 0;
	}
	cp = &x->conf->source[i];
	if (!set_text(&cp->path, value, x))
		return 0;
	if (value[0] != '\0' && value[0] != '/') {
		free(cp->path);
		cp->path = util_path_join(x->dir, value);
	}
	cp->given = 1;
	return 1;
}

/*
 * thousands_separator = NAME: names, because inih trims the spaces a
 * value would hold. The spaces are no-break ones, so that a count never
 * breaks across lines: U+00A0 as in Swedish or Polish, U+202F as in
 * French; the apostrophe is U+2019, as in Swiss German.
 */
static const char *const thousands[][2] = {
	{ "comma", "," }, { "period", "." }, { "space", "\xc2\xa0" },
	{ "narrow-space", "\xe2\x80\xaf" }, { "apostrophe", "\xe2\x80\x99" },
	{ "none", "" },
};

static int
set_thousands(struct conf *c, const char *value, struct confctx *x)
{
	size_t i;

	for (i = 0; i < sizeof(thousands) / sizeof(thousands[0]); i++)
		if (strcmp(value, thousands[i][0]) == 0) {
			c->thousands = thousands[i][1];
			return 1;
		}
	snprintf(x->msg, sizeof(x->msg), "thousands_separator must be comma, "
	    "period, space, narrow-space, apostrophe or none");
	return 0;
}

static int
conf_key(void *user, const char *section, const char *name, const char *value)
{
	struct confctx *x = user;
	struct conf *c = x->conf;
	size_t n;

	if (strcmp(section, "sources") == 0)
		return conf_source(x, name, value);
	if (strcmp(section, "site") != 0) {
		snprintf(x->msg, sizeof(x->msg), "unknown section [%.60s]",
		    section);
		return 0;
	}
	if (strcmp(name, "title") == 0)
		return set_text(&c->title, value, x);
	if (strcmp(name, "description") == 0)
		return set_text(&c->description, value, x);
	if (strcmp(name, "footer") == 0)
		return set_text(&c->footer, value, x);
	if (strcmp(name, "api") == 0) {
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
			snprintf(x->msg, sizeof(x->msg), "api must be true or "
			    "false");
			return 0;
		}
		c->api = value[0] == 't';
		return 1;
	}
	if (strcmp(name, "thousands_separator") == 0)
		return set_thousands(c, value, x);
	if (strcmp(name, "language") == 0) {
		n = strlen(value);
		if (n == 0 || n > 35 || strspn(value, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != n) {
			snprintf(x->msg, sizeof(x->msg), "language must be a "
			    "language tag such as en or pt-BR");
			return 0;
		}
		return set_text(&c->language, value, x);
	}
	if (strcmp(name, "base_url") == 0 || strcmp(name, "feedback_url") == 0) {
		char **dst = name[0] == 'b' ? &c->base_url : &c->feedback_url;

		if (value[0] != '\0' && !good_url(value)) {
			snprintf(x->msg, sizeof(x->msg), "%s must be an http:// "
			    "or https:// URL without spaces or quotes", name);
			return 0;
		}
		free(*dst);
		n = strlen(value);
		/* Page paths are appended to base_url. */
		if (name[0] == 'b' && n > 0 && value[n - 1] != '/') {
			*dst = xmalloc(n + 2);
			memcpy(*dst, value, n);
			memcpy(*dst + n, "/", 2);
		} else
			*dst = xstrdup(value);
		return 1;
	}
	snprintf(x->msg, sizeof(x->msg), "unknown setting \"%.60s\"", name);
	return 0;
}

static void
conf_defaults(struct conf *c)
{
	int i;

	c->title = xstrdup("PortPages");
	c->description = xstrdup("What runs on every TCP and UDP port, "
	    "from 0 to 65535.");
	c->base_url = xstrdup("");
	c->language = xstrdup("en");
	c->thousands = ",";
	c->feedback_url = xstrdup("");
	c->footer = xstrdup("");
	for (i = 0; i < CONF_NSOURCES; i++)
		c->source[i].path = xstrdup(source_defaults[i]);
}

/*
 * inih stops at a NUL, and reads a line longer than its buffer as two
 * lines (the tail could even set another key): refuse both.
 */
static int
conf_lines_check(const char *path, const char *text, size_t len)
{
	const char *p, *eol;
	size_t nl;

	for (p = text, nl = 1; p < text + len; p = eol + 1, nl++) {
		if ((eol = memchr(p, '\n', (size_t)(text + len - p))) == NULL)
			eol = text + len;
		if (memchr(p, '\0', (size_t)(eol - p)) != NULL)
			util_err(path, nl, "NUL byte");
		else if (eol - p - (eol > p && eol[-1] == '\r') > INI_MAX_LINE - 1)
			util_err(path, nl, "line longer than %d bytes",
			    INI_MAX_LINE - 1);
		else
			continue;
		return 0;
	}
	return 1;
}

int
conf_load(struct conf *c, const char *dir, uint64_t *hash)
{
	struct confctx x;
	char *path = util_path_join(dir, "site.conf"), *text;
	size_t len;
	int line, rc = 0;

	memset(c, 0, sizeof(*c));
	conf_defaults(c);
	if (access(path, F_OK) != 0) {
		rc = 1;
		goto out;
	}
	if ((text = util_file_read(path, 64 * 1024, &len)) == NULL)
		goto out;
	if (!conf_lines_check(path, text, len)) {
		free(text);
		goto out;
	}
	*hash = util_hash(*hash, text, len);
	memset(&x, 0, sizeof(x));
	x.conf = c;
	x.dir = dir;
	line = ini_parse_string(text, conf_key, &x);
	free(text);
	if (line != 0) {
		util_err(path, line > 0 ? (size_t)line : 0, "%s",
		    x.msg[0] ? x.msg : "malformed line");
		goto out;
	}
	rc = 1;
out:
	free(path);
	return rc;
}

void
conf_free(struct conf *c)
{
	int i;

	if (c == NULL)
		return;
	free(c->title);
	free(c->description);
	free(c->base_url);
	free(c->language);
	free(c->feedback_url);
	free(c->footer);
	for (i = 0; i < CONF_NSOURCES; i++)
		free(c->source[i].path);
}
