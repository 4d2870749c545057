/* content.c - the site owner's content: site.conf and per-port notes */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>
#include <ini.h>

#include "content.h"
#include "port.h"
#include "util.h"

#define MAX_NOTE (1024 * 1024)
#define MAX_FIELD 512
#define MAX_WARN 20

const char *const content_tags[] = {
	"web", "mail", "database", "cache", "search", "messaging",
	"remote-access", "file-transfer", "file-sharing", "name-resolution",
	"directory", "authentication", "time", "monitoring",
	"network-management", "vpn", "voip", "real-time", "media", "gaming",
	"container", "orchestration", "windows", "development", "printing",
	"iot", "industrial", "malware", "legacy", "chat", "encryption",
	"infrastructure", "discovery", "proxy", "backup", NULL
};

const char *const content_risks[] = {
	"low", "medium", "high", "critical", NULL
};

struct confctx {
	struct content_conf *conf;
	char		 msg[256];
};

static int
in_set(const char *const *set, const char *s, size_t n)
{
	for (; *set != NULL; set++)
		if (strlen(*set) == n && memcmp(*set, s, n) == 0)
			return 1;
	return 0;
}

/* A URL the pages may link to: http(s), and nothing that needs quoting. */
static int
good_url(const char *s)
{
	size_t i;

	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr("-._~:/?#@!$+,;=%&", s[i]) == NULL)
			return 0;
	return 1;
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

static int
conf_key(void *user, const char *section, const char *name, const char *value)
{
	struct confctx *x = user;
	struct content_conf *c = x->conf;
	size_t n;

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

static int
load_conf(struct content *c)
{
	struct confctx x;
	char *path = util_path_join(c->dir, "site.conf"), *text;
	size_t len, nl;
	const char *p, *eol;
	int line, rc = 0;

	c->conf.title = xstrdup("PortPages");
	c->conf.description = xstrdup("What runs on every TCP and UDP port, "
	    "from 0 to 65535.");
	c->conf.base_url = xstrdup("");
	c->conf.language = xstrdup("en");
	c->conf.feedback_url = xstrdup("");
	c->conf.footer = xstrdup("");
	if (access(path, F_OK) != 0) {
		rc = 1;
		goto out;
	}
	if ((text = util_file_read(path, 64 * 1024, &len)) == NULL)
		goto out;
	/*
	 * inih stops at a NUL, and reads a line longer than its buffer as
	 * two lines (the tail could even set another key): refuse both.
	 */
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
		free(text);
		goto out;
	}
	c->hash = util_hash(c->hash, text, len);
	memset(&x, 0, sizeof(x));
	x.conf = &c->conf;
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

static void
note_free(struct content_note *n)
{
	if (n == NULL)
		return;
	free(n->title);
	free(n->tags);
	free(n->risk);
	free(n->names);
	free(n);
}

/* Where the body starts: after the front matter's closing "---" line. */
static size_t
body_start(const char *s, size_t n)
{
	const char *p;

	if (n < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	for (p = s + 4; (p = strstr(p, "\n---")) != NULL; p++)
		if (p[4] == '\n' || p[4] == '\0')
			return (size_t)(p + (p[4] ? 5 : 4) - s);
	return 0;
}

/* Parses the front matter of a note read from path. */
static struct content_note *
parse_note(const char *path, char *s, size_t n)
{
	struct content_note *note = xcalloc(1, sizeof(*note));
	size_t end = body_start(s, n), line = 1, klen, vlen, bad;
	char *p, *eol, *colon, *v, *tok, *save, *tags;
	buf b = { 0 };

	note->title = xstrdup("");
	note->tags = xstrdup("");
	note->risk = xstrdup("");
	note->names = xstrdup("");
	if (end == 0) {
		if (n >= 3 && memcmp(s, "---", 3) == 0) {
			util_err(path, 1, "front matter is never closed by ---");
			goto fail;
		}
		return note;
	}
	/* Ends at the closing "---", which may be the file's last line. */
	s[s[end - 1] == '\n' ? end - 1 : end] = '\0';
	for (p = s + 4; (line++, *p != '\0'); p = eol + 1) {
		eol = p + strcspn(p, "\n");
		if (strncmp(p, "---", 3) == 0)
			break;
		*eol = '\0';
		if ((colon = strchr(p, ':')) == NULL) {
			util_err(path, line, "expected \"key: value\" in front "
			    "matter");
			goto fail;
		}
		klen = (size_t)(colon - p);
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		vlen = strlen(v);
		while (vlen > 0 && isspace((unsigned char)v[vlen - 1]))
			v[--vlen] = '\0';
		if (vlen > MAX_FIELD) {
			util_err(path, line, "value longer than %d bytes",
			    MAX_FIELD);
			goto fail;
		}
		/* Values are shown on pages: no controls or bidi overrides. */
		free(util_utf8_clean(v, vlen, &bad));
		if (bad > 0) {
			util_err(path, line, "control or bidirectional formatting "
			    "character in value");
			goto fail;
		}
		if (klen == 5 && memcmp(p, "title", 5) == 0) {
			free(note->title);
			note->title = xstrdup(v);
		} else if (klen == 5 && memcmp(p, "names", 5) == 0) {
			free(note->names);
			note->names = xstrdup(v);
		} else if (klen == 4 && memcmp(p, "risk", 4) == 0) {
			if (!in_set(content_risks, v, vlen)) {
				util_err(path, line, "risk must be low, medium, "
				    "high or critical");
				goto fail;
			}
			free(note->risk);
			note->risk = xstrdup(v);
		} else if (klen == 4 && memcmp(p, "tags", 4) == 0) {
			tags = xstrdup(v);
			buf_reset(&b);
			for (tok = strtok_r(tags, ", ", &save); tok != NULL;
			    tok = strtok_r(NULL, ", ", &save)) {
				if (!in_set(content_tags, tok, strlen(tok))) {
					util_err(path, line, "unknown tag \"%s\" "
					    "(see the README for the list)", tok);
					free(tags);
					goto fail;
				}
				if (b.len > 0)
					buf_putc(&b, ' ');
				buf_puts(&b, tok);
			}
			free(tags);
			free(note->tags);
			note->tags = xstrdup(b.data ? b.data : "");
		} else {
			util_err(path, line, "unknown front matter key \"%.*s\"",
			    (int)(klen > 40 ? 40 : klen), p);
			goto fail;
		}
	}
	buf_free(&b);
	return note;
fail:
	buf_free(&b);
	note_free(note);
	return NULL;
}

/* The port a note file name stands for, or -1: "0.md" .. "65535.md". */
static long
note_port(const char *name)
{
	size_t n = strspn(name, "0123456789");
	long p;

	if (n == 0 || n > 5 || strcmp(name + n, ".md") != 0 ||
	    (name[0] == '0' && n > 1))
		return -1;
	p = strtol(name, NULL, 10);
	return p <= (long)PORT_MAX ? p : -1;
}

static int
load_notes(struct content *c)
{
	char *dir = util_path_join(c->dir, "ports"), *path, *text;
	struct dirent **ents = NULL;
	size_t len, nwarn = 0;
	int i, m, rc = 0;
	long port;

	if ((m = scandir(dir, &ents, NULL, alphasort)) < 0) {
		rc = errno == ENOENT;
		if (!rc)
			util_err(dir, 0, "%s", strerror(errno));
		free(dir);
		return rc;
	}
	for (i = 0; i < m; i++) {
		if (ents[i]->d_name[0] == '.')
			continue;
		if ((port = note_port(ents[i]->d_name)) < 0) {
			if (nwarn++ < MAX_WARN)
				util_warn(dir, 0, "ignoring %s: notes are named "
				    "N.md for a port N from 0 to 65535",
				    ents[i]->d_name);
			continue;
		}
		path = util_path_join(dir, ents[i]->d_name);
		text = util_file_read(path, MAX_NOTE, &len);
		if (text == NULL) {
			free(path);
			goto out;
		}
		if (util_utf8_valid(text, len) < len) {
			util_err(path, 0, "invalid UTF-8 or NUL byte");
			free(text);
			free(path);
			goto out;
		}
		c->hash = util_hash(c->hash, ents[i]->d_name,
		    strlen(ents[i]->d_name) + 1);
		c->hash = util_hash(c->hash, text, len);
		c->notes[port] = parse_note(path, text, len);
		free(text);
		free(path);
		if (c->notes[port] == NULL)
			goto out;
		c->nnotes++;
	}
	if (nwarn > MAX_WARN)
		util_warn(dir, 0, "%zu more files ignored", nwarn - MAX_WARN);
	rc = 1;
out:
	for (i = 0; i < m; i++)
		free(ents[i]);
	free(ents);
	free(dir);
	return rc;
}

struct content *
content_load(const char *dir)
{
	struct content *c = xcalloc(1, sizeof(*c));

	c->dir = xstrdup(dir);
	c->hash = UTIL_HASH_INIT;
	if (!load_conf(c) || !load_notes(c)) {
		content_free(c);
		return NULL;
	}
	return c;
}

void
content_free(struct content *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < 65536; i++)
		note_free(c->notes[i]);
	free(c->conf.title);
	free(c->conf.description);
	free(c->conf.base_url);
	free(c->conf.language);
	free(c->conf.feedback_url);
	free(c->conf.footer);
	free(c->dir);
	free(c);
}

/* Reads port's note; *body is where its Markdown starts. Caller frees. */
static char *
read_note(const struct content *c, unsigned port, size_t *len, size_t *body)
{
	char name[32], *path, *text;

	snprintf(name, sizeof(name), "ports/%u.md", port);
	path = util_path_join(c->dir, name);
	text = util_file_read(path, MAX_NOTE, len);
	free(path);
	if (text != NULL)
		*body = body_start(text, *len);
	return text;
}

int
content_note_markdown(const struct content *c, unsigned port, buf *out)
{
	size_t len, body;
	char *text, *clean;

	if (c->notes[port] == NULL)
		return 1;
	if ((text = read_note(c, port, &len, &body)) == NULL)
		return 0;
	/* As for HTML: no controls or bidirectional overrides pass. */
	clean = util_utf8_clean(text + body, len - body, NULL);
	buf_puts(out, clean);
	free(clean);
	free(text);
	return 1;
}

/*
 * Renders a note in cmark's safe mode, one heading level down: the note
 * sits under its own heading on the page. Caller frees; NULL on failure.
 */
static char *
render_note(const char *md)
{
	cmark_node *doc, *node;
	cmark_event_type ev;
	cmark_iter *it;
	char *html;
	int level;

	if ((doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT)) ==
	    NULL)
		return NULL;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(node) == CMARK_NODE_HEADING &&
		    (level = cmark_node_get_heading_level(node)) < 6)
			cmark_node_set_heading_level(node, level + 1);
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	return html;
}

int
content_note_html(const struct content *c, unsigned port, buf *out)
{
	size_t len, body, bad;
	char *text, *clean, *html;

	if (c->notes[port] == NULL)
		return 1;
	if ((text = read_note(c, port, &len, &body)) == NULL)
		return 0;
	/* The file may have changed since it was checked. */
	clean = util_utf8_clean(text + body, len - body, &bad);
	html = render_note(clean);
	free(clean);
	free(text);
	if (html == NULL) {
		util_err(c->dir, 0, "cmark failed on the note for port %u", port);
		return 0;
	}
	buf_puts(out, html);
	free(html);
	return 1;
}
