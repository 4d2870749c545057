/* content.c - the site owner's content: site.conf and per-port notes */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "content.h"
#include "par.h"
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

static int
in_set(const char *const *set, const char *s, size_t n)
{
	for (; *set != NULL; set++)
		if (strlen(*set) == n && memcmp(*set, s, n) == 0)
			return 1;
	return 0;
}

/* Splits s at commas (or, with space, at spaces too) into trimmed words. */
static char **
words(const char *s, int space, size_t *n)
{
	const char *p = s, *end;
	char **v = NULL;
	size_t len;

	*n = 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		end = p + strcspn(p, space ? ", \t" : ",");
		len = (size_t)(end - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len > 0) {
			v = xrealloc(v, (*n + 2) * sizeof(*v));
			v[(*n)++] = xstrndup(p, len);
			v[*n] = NULL;
		}
		p = end;
	}
	return v;
}

static void
words_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
note_free(struct content_note *n)
{
	if (n == NULL)
		return;
	free(n->title);
	words_free(n->tag, n->ntag);
	free(n->risk);
	words_free(n->name, n->nname);
	free(n->markdown);
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

/* Sets one front matter key; returns 0 (error reported) if it is wrong. */
static int
note_key(struct content_note *note, const char *path, size_t line,
    const char *key, size_t klen, const char *v)
{
	size_t i;

	if (klen == 5 && memcmp(key, "title", 5) == 0) {
		free(note->title);
		note->title = xstrdup(v);
	} else if (klen == 5 && memcmp(key, "names", 5) == 0) {
		words_free(note->name, note->nname);
		note->name = words(v, 0, &note->nname);
	} else if (klen == 4 && memcmp(key, "risk", 4) == 0) {
		if (!in_set(content_risks, v, strlen(v))) {
			util_err(path, line, "risk must be low, medium, high or "
			    "critical");
			return 0;
		}
		free(note->risk);
		note->risk = xstrdup(v);
	} else if (klen == 4 && memcmp(key, "tags", 4) == 0) {
		words_free(note->tag, note->ntag);
		note->tag = words(v, 1, &note->ntag);
		for (i = 0; i < note->ntag; i++)
			if (!in_set(content_tags, note->tag[i],
			    strlen(note->tag[i]))) {
				util_err(path, line, "unknown tag \"%s\" (see the "
				    "README for the list)", note->tag[i]);
				return 0;
			}
	} else {
		util_err(path, line, "unknown front matter key \"%.*s\"",
		    (int)(klen > 40 ? 40 : klen), key);
		return 0;
	}
	return 1;
}

/* One "key: value" line of front matter (NUL-terminated, changed in place). */
static int
note_line(struct content_note *note, const char *path, size_t line, char *p)
{
	char *colon, *v;
	size_t vlen;

	if ((colon = strchr(p, ':')) == NULL) {
		util_err(path, line, "expected \"key: value\" in front matter");
		return 0;
	}
	for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
		;
	vlen = strlen(v);
	while (vlen > 0 && isspace((unsigned char)v[vlen - 1]))
		v[--vlen] = '\0';
	if (vlen > MAX_FIELD) {
		util_err(path, line, "value longer than %d bytes", MAX_FIELD);
		return 0;
	}
	/* Values are shown on pages: no controls or bidi overrides. */
	if (util_utf8_clean_len(v, vlen) < vlen) {
		util_err(path, line, "control or bidirectional formatting "
		    "character in value");
		return 0;
	}
	return note_key(note, path, line, p, (size_t)(colon - p), v);
}

/* Parses the front matter of a note read from path; *end gets where the body starts. */
static struct content_note *
parse_note(const char *path, char *s, size_t n, size_t *end)
{
	struct content_note *note = xcalloc(1, sizeof(*note));
	size_t line = 1;
	char *p, *eol;

	note->title = xstrdup("");
	note->risk = xstrdup("");
	if ((*end = body_start(s, n)) == 0) {
		if (n >= 3 && memcmp(s, "---", 3) == 0) {
			util_err(path, 1, "front matter is never closed by ---");
			goto fail;
		}
		return note;
	}
	/* Ends at the closing "---", which may be the file's last line. */
	s[s[*end - 1] == '\n' ? *end - 1 : *end] = '\0';
	for (p = s + 4; (line++, *p != '\0'); p = eol + 1) {
		eol = p + strcspn(p, "\n");
		if (strncmp(p, "---", 3) == 0)
			break;
		*eol = '\0';
		if (!note_line(note, path, line, p))
			goto fail;
	}
	return note;
fail:
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

char *
content_note_html(const struct content_note *n)
{
	const char *md = n->markdown;
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

/*
 * Checks and parses a note as it was read: the one place a note is
 * checked. Returns NULL (error reported) if it is not acceptable.
 */
static struct content_note *
note_parse(struct content_text *t)
{
	struct content_note *note;
	size_t body, n;
	char *md;

	if (util_utf8_valid(t->text, t->len) < t->len) {
		util_err(t->path, 0, "invalid UTF-8 or NUL byte");
		return NULL;
	}
	if ((note = parse_note(t->path, t->text, t->len, &body)) == NULL)
		return NULL;
	/*
	 * The body keeps no controls or bidirectional overrides. Nearly every
	 * body has none, and keeps the bytes it was read into. A cleaned copy
	 * is sized for the worst case, three bytes a byte, and every note's
	 * body is held for the whole build: cut to its length, a thousand
	 * notes cost 8 MB less of the build's peak memory.
	 */
	n = t->len - body;
	if (util_utf8_clean_len(t->text + body, n) == n) {
		md = memmove(t->text, t->text + body, n);
		md[n] = '\0';
		t->text = NULL;
	} else
		md = util_utf8_clean(t->text + body, n, NULL);
	note->markdown = xrealloc(md, strlen(md) + 1);
	return note;
}

/*
 * Reads the notes texts[lo..hi) name, and hashes each with its file name:
 * 0 (reported) if one cannot be read. A par_for slice.
 */
static int
notes_read_slice(void *arg, size_t lo, size_t hi)
{
	struct content_text *t = (struct content_text *)arg + lo;
	const char *name;
	uint64_t h;

	for (; lo < hi; lo++, t++) {
		if ((t->text = util_file_read(t->path, MAX_NOTE, &t->len)) ==
		    NULL)
			return 0;
		name = strrchr(t->path, '/') + 1;
		h = util_hash(UTIL_HASH_INIT, name, strlen(name) + 1);
		t->hash = util_hash(h, t->text, t->len);
	}
	return 1;
}

/*
 * Lists dir/ports, then reads its notes on c->jobs threads: a thousand
 * small files are mostly system calls, which run side by side. The
 * notes' hashes are folded in name order, whatever thread read them.
 */
static int
read_notes(struct content *c)
{
	char *dir = util_path_join(c->dir, "ports"), **names;
	size_t i, n, nwarn = 0;
	int rc = 0;
	long port;

	if ((names = util_dir_list(dir, NULL, &n)) == NULL) {
		rc = errno == ENOENT;
		if (!rc)
			util_err(dir, 0, "%s", strerror(errno));
		free(dir);
		return rc;
	}
	c->texts = xcalloc(n, sizeof(*c->texts));
	for (i = 0; i < n; i++) {
		if ((port = note_port(names[i])) >= 0) {
			c->texts[c->ntexts].port = port;
			c->texts[c->ntexts++].path = util_path_join(dir, names[i]);
		} else if (nwarn++ < MAX_WARN)
			util_warn(dir, 0, "ignoring %s: notes are named N.md for "
			    "a port N from 0 to 65535", names[i]);
	}
	if (nwarn > MAX_WARN)
		util_warn(dir, 0, "%zu more files ignored", nwarn - MAX_WARN);
	if ((rc = par_for(c->ntexts, c->jobs, notes_read_slice, c->texts)))
		for (i = 0; i < c->ntexts; i++)
			c->hash = util_hash(c->hash, &c->texts[i].hash,
			    sizeof(c->texts[i].hash));
	util_list_free(names);
	free(dir);
	return rc;
}

/* Frees what content_read read and content_parse has not taken. */
static void
texts_free(struct content *c)
{
	size_t i;

	for (i = 0; i < c->ntexts; i++) {
		free(c->texts[i].path);
		free(c->texts[i].text);
	}
	free(c->texts);
	c->texts = NULL;
	c->ntexts = 0;
	free(c->uses_text);
	c->uses_text = NULL;
}

struct content *
content_read(const char *dir, int jobs)
{
	struct content *c = xcalloc(1, sizeof(*c));

	c->jobs = jobs;
	c->dir = xstrdup(dir);
	c->uses_path = util_path_join(dir, "uses.csv");
	c->hash = UTIL_HASH_INIT;
	if (!conf_load(&c->conf, dir, &c->hash) || !read_notes(c) ||
	    !uses_read(c->uses_path, &c->hash, &c->uses_text, &c->uses_len)) {
		content_free(c);
		return NULL;
	}
	return c;
}

/* Parses the notes texts[lo..hi) into c->notes: 0 (reported) on a bad one. A par_for slice. */
static int
notes_parse_slice(void *arg, size_t lo, size_t hi)
{
	struct content *c = arg;

	for (; lo < hi; lo++)
		if ((c->notes[c->texts[lo].port] = note_parse(&c->texts[lo])) ==
		    NULL)
			return 0;
	return 1;
}

int
content_parse(struct content *c)
{
	int ok = 0;

	if (c->uses != NULL)
		return 1;
	if (!par_for(c->ntexts, c->jobs, notes_parse_slice, c))
		goto out;
	c->nnotes = c->ntexts;
	ok = (c->uses = uses_parse(c->uses_path, c->uses_text,
	    c->uses_len)) != NULL;
out:
	texts_free(c);
	return ok;
}

struct content *
content_load(const char *dir, int jobs)
{
	struct content *c = content_read(dir, jobs);

	if (c != NULL && !content_parse(c)) {
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
	for (i = 0; i < PORT_COUNT; i++)
		note_free(c->notes[i]);
	texts_free(c);
	conf_free(&c->conf);
	uses_free(c->uses);
	free(c->uses_path);
	free(c->dir);
	free(c);
}
