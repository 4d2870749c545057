/* tmpl.c - templates: loading and checking, dictionaries, rendering */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmark.h>

#include "ctpl.h"
#include "tmpl.h"
#include "util.h"

#define MAX_TEMPLATE (1024 * 1024)
#define MAX_DEPTH 8		/* nested includes */
#define MAX_NEST 64		/* nested sections */
#define MAX_TOKENS 10000	/* placeholders are four digits */
#define NONE ((size_t)-1)
#define END_TOKEN 0xffffffffu

struct tmpl {
	char		*path;	/* as reported in messages: DIR/sections/x.md */
	enum tmpl_kind	 kind;
	ctpl		*ct;
	unsigned char	*used;	/* one flag per name: does the template use it? */
};

struct tsection {
	char		*name;
	int		 first;	/* template id of variant 0 */
	unsigned	 n;
};

struct tlayout {
	char		*name;
	int		 id;
};

struct tmpl_set {
	const struct tmpl_name *names;
	size_t		 nnames;
	char		*dir;
	struct tmpl	*t;
	size_t		 nt;
	struct tsection	*sec;
	size_t		 nsec;
	struct tlayout	*lay;
	size_t		 nlay;
	uint64_t	 hash;
};

struct dnode {
	int		 name;
	int		 section;
	int		 raw;
	size_t		 first, last, next;	/* children, siblings */
	size_t		 voff, vlen;		/* value in tmpl_dict.v */
};

struct tmpl_dict {
	struct dnode	*n;
	size_t		 nn, cap;
	buf		 v;
};

struct tval {
	const char	*p;
	size_t		 n;
	int		 raw;
};

struct centry {
	uint64_t	 h;
	size_t		 koff, klen;	/* key in tmpl_cache.keys */
	char		*skel;		/* NULL: empty slot */
	size_t		 slen;
};

struct tmpl_cache {
	struct centry	*tab;
	size_t		 cap, n, bytes, max;
	buf		 keys;
	buf		 key, tmp, skel;
	struct tval	*vals;
	size_t		 nvals, valcap;
	size_t		 hits, misses;
};

enum fillmode { FILL_TOKENS, FILL_MD, FILL_HTML };

/* Loading and checking. */

static int
lookup_name(const tmpl_set *ts, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < ts->nnames; i++)
		if (strlen(ts->names[i].name) == n &&
		    memcmp(ts->names[i].name, s, n) == 0)
			return (int)i;
	return -1;
}

static int
is_ident(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return 0;
	return 1;
}

static size_t
count_lines(const char *s, size_t n)
{
	size_t i, l = 0;

	for (i = 0; i < n; i++)
		if (s[i] == '\n')
			l++;
	return l;
}

static int check_text(tmpl_set *, const char *, const char *, size_t,
    enum tmpl_kind, unsigned char *, buf *, int);

/* Expands {{>NAME}} from partials/NAME with the including file's extension. */
static int
include(tmpl_set *ts, const char *path, size_t line, const char *name,
    size_t n, enum tmpl_kind kind, unsigned char *used, buf *out, int depth)
{
	char *rel = NULL, *full = NULL, *text = NULL;
	size_t len;
	int rc = 0;

	if (depth >= MAX_DEPTH) {
		util_err(path, line, "includes nested more than %d deep",
		    MAX_DEPTH);
		return 0;
	}
	rel = xmalloc(n + 32);
	snprintf(rel, n + 32, "partials/%.*s.%s", (int)n, name,
	    kind == TMPL_MD ? "md" : "html");
	full = util_path_join(ts->dir, rel);
	if (access(full, F_OK) != 0) {
		util_err(path, line, "missing include {{>%.*s}}: no %s",
		    (int)n, name, full);
		goto out;
	}
	if ((text = util_file_read(full, MAX_TEMPLATE, &len)) == NULL)
		goto out;
	ts->hash = util_hash(ts->hash, rel, strlen(rel));
	ts->hash = util_hash(ts->hash, text, len);
	rc = check_text(ts, full, text, len, kind, used, out, depth + 1);
out:
	free(rel);
	free(full);
	free(text);
	return rc;
}

/*
 * Checks every marker of text (read from path), marks the names it uses,
 * and appends the text with includes expanded to out.
 */
static int
check_text(tmpl_set *ts, const char *path, const char *text, size_t len,
    enum tmpl_kind kind, unsigned char *used, buf *out, int depth)
{
	int stack[MAX_NEST];
	size_t stackline[MAX_NEST], nest = 0, line = 1, i = 0, j, valid;
	const char *in, *end;
	size_t n;
	int id;

	if ((valid = util_utf8_valid(text, len)) < len) {
		util_err(path, 1 + count_lines(text, valid),
		    "invalid UTF-8 or NUL byte");
		return 0;
	}
	while (i < len) {
		if (text[i] != '{' || i + 1 >= len || text[i + 1] != '{') {
			if (text[i] == '\n')
				line++;
			buf_putc(out, text[i++]);
			continue;
		}
		end = strstr(text + i + 2, "}}");
		if (end == NULL) {
			util_err(path, line, "unclosed marker: '{{' without '}}'");
			return 0;
		}
		j = (size_t)(end - text);
		in = text + i + 2;
		n = j - i - 2;
		if (n > 0 && in[0] == '!') {
			line += count_lines(in, n);
			i = j + 2;
			continue;
		}
		if (memchr(in, '\n', n) != NULL) {
			util_err(path, line, "marker spans lines: {{%.*s",
			    (int)(n > 40 ? 40 : n), in);
			return 0;
		}
		if (n > 0 && in[0] == '>') {
			if (!is_ident(in + 1, n - 1)) {
				util_err(path, line, "malformed include {{%.*s}}",
				    (int)n, in);
				return 0;
			}
			if (!include(ts, path, line, in + 1, n - 1, kind, used,
			    out, depth))
				return 0;
			i = j + 2;
			continue;
		}
		if (n > 0 && (in[0] == '#' || in[0] == '/')) {
			const char *nm = in + 1;
			size_t nl = n - 1;
			int base;

			if (!is_ident(nm, nl)) {
				util_err(path, line, "malformed marker {{%.*s}}",
				    (int)n, in);
				return 0;
			}
			id = lookup_name(ts, nm, nl);
			/* ctemplate shows NAME_separator between repetitions of NAME. */
			base = id;
			if (id < 0 && nl > 10 &&
			    memcmp(nm + nl - 10, "_separator", 10) == 0)
				base = lookup_name(ts, nm, nl - 10);
			if (base < 0 || !ts->names[base].section) {
				util_err(path, line, "unknown section {{%.*s}}",
				    (int)n, in);
				return 0;
			}
			if (id < 0 && in[0] == '#' && (nest == 0 ||
			    stack[nest - 1] != base)) {
				util_err(path, line, "{{%.*s}} outside {{#%s}}",
				    (int)n, in, ts->names[base].name);
				return 0;
			}
			if (in[0] == '#') {
				if (nest == MAX_NEST) {
					util_err(path, line,
					    "sections nested too deeply");
					return 0;
				}
				stackline[nest] = line;
				stack[nest++] = id < 0 ? -1 - base : id;
			} else {
				int want = id < 0 ? -1 - base : id;

				if (nest == 0 || stack[nest - 1] != want) {
					util_err(path, line,
					    "{{%.*s}} does not close an open "
					    "section", (int)n, in);
					return 0;
				}
				nest--;
			}
			used[base] = 1;
		} else if (n > 0 && (in[0] == '%' || in[0] == '=')) {
			util_err(path, line, "unsupported marker {{%.*s}}",
			    (int)n, in);
			return 0;
		} else if (memchr(in, ':', n) != NULL) {
			util_err(path, line, "modifiers are not supported: "
			    "{{%.*s}} (values are escaped already)", (int)n, in);
			return 0;
		} else if (!is_ident(in, n)) {
			util_err(path, line, "malformed marker {{%.*s}}",
			    (int)(n > 40 ? 40 : n), in);
			return 0;
		} else if ((n == 10 && memcmp(in, "BI_NEWLINE", 10) == 0) ||
		    (n == 8 && memcmp(in, "BI_SPACE", 8) == 0)) {
			/* ctemplate's built-ins. */
		} else if ((id = lookup_name(ts, in, n)) < 0) {
			util_err(path, line, "unknown marker {{%.*s}}", (int)n,
			    in);
			return 0;
		} else if (ts->names[id].section) {
			util_err(path, line, "{{%.*s}} is a section: use "
			    "{{#%.*s}}...{{/%.*s}}", (int)n, in, (int)n, in,
			    (int)n, in);
			return 0;
		} else if (ts->names[id].raw && kind == TMPL_MD) {
			util_err(path, line, "{{%.*s}} is HTML, for layouts only",
			    (int)n, in);
			return 0;
		} else
			used[id] = 1;
		buf_put(out, text + i, j + 2 - i);
		i = j + 2;
	}
	if (nest > 0) {
		int top = stack[nest - 1];

		util_err(path, stackline[nest - 1], "{{#%s%s}} is never closed",
		    ts->names[top < 0 ? -1 - top : top].name,
		    top < 0 ? "_separator" : "");
		return 0;
	}
	return 1;
}

/* Loads DIR/rel as template kind; returns its id or -1. */
static int
load(tmpl_set *ts, const char *rel, enum tmpl_kind kind)
{
	char *path = util_path_join(ts->dir, rel), *text;
	struct tmpl *t;
	buf out = { 0 };
	size_t len;
	int id = -1;

	if ((text = util_file_read(path, MAX_TEMPLATE, &len)) == NULL)
		goto out;
	ts->hash = util_hash(ts->hash, rel, strlen(rel) + 1);
	ts->hash = util_hash(ts->hash, text, len);
	ts->t = xrealloc(ts->t, (ts->nt + 1) * sizeof(*ts->t));
	t = &ts->t[ts->nt];
	t->path = path;
	t->kind = kind;
	t->ct = NULL;
	t->used = xcalloc(ts->nnames + 1, 1);
	ts->nt++;
	path = NULL;
	if (!check_text(ts, t->path, text, len, kind, t->used, &out, 0))
		goto out;
	if ((t->ct = ctpl_compile(out.data ? out.data : "", out.len)) == NULL) {
		util_err(t->path, 0, "ctemplate could not parse the template");
		goto out;
	}
	id = (int)(ts->nt - 1);
out:
	free(path);
	free(text);
	buf_free(&out);
	return id;
}

static int
has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);

	return ls > lf && strcmp(s + ls - lf, suf) == 0;
}

/* Lists DIR/sub's files ending in suf (not hidden), sorted; NULL on error. */
static char **
list_dir(const char *dir, const char *sub, const char *suf, size_t *n)
{
	char *path = util_path_join(dir, sub), **v = NULL;
	struct dirent **ents = NULL;
	int i, m;

	*n = 0;
	if ((m = scandir(path, &ents, NULL, alphasort)) < 0) {
		util_err(path, 0, "cannot read templates: %s", strerror(errno));
		free(path);
		return NULL;
	}
	v = xcalloc((size_t)m + 1, sizeof(*v));
	for (i = 0; i < m; i++) {
		if (ents[i]->d_name[0] != '.' && has_suffix(ents[i]->d_name, suf))
			v[(*n)++] = xstrdup(ents[i]->d_name);
		free(ents[i]);
	}
	free(ents);
	free(path);
	return v;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* "20-range.2.md" -> "20-range": the part that groups variants. */
static char *
section_base(const char *file)
{
	size_t n = strlen(file) - 3, d = n;

	while (d > 0 && file[d - 1] >= '0' && file[d - 1] <= '9')
		d--;
	if (d < n && d > 1 && file[d - 1] == '.')
		n = d - 1;
	return xstrndup(file, n);
}

tmpl_set *
tmpl_set_load(const char *dir, const struct tmpl_name *names, size_t nnames)
{
	tmpl_set *ts = xcalloc(1, sizeof(*ts));
	char **files = NULL, *rel, *base, *shown;
	size_t nf = 0, i;
	int id, ok = 0;

	ts->names = names;
	ts->nnames = nnames;
	ts->dir = xstrdup(dir);
	ts->hash = UTIL_HASH_INIT;
	if ((files = list_dir(dir, "sections", ".md", &nf)) == NULL)
		goto out;
	if (nf == 0) {
		util_err(dir, 0, "no section templates in sections/");
		goto out;
	}
	for (i = 0; i < nf; i++) {
		rel = util_path_join("sections", files[i]);
		id = load(ts, rel, TMPL_MD);
		free(rel);
		if (id < 0)
			goto out;
		base = section_base(files[i]);
		if (ts->nsec > 0 && strcmp(ts->sec[ts->nsec - 1].name, base) == 0) {
			ts->sec[ts->nsec - 1].n++;
			free(base);
			continue;
		}
		ts->sec = xrealloc(ts->sec, (ts->nsec + 1) * sizeof(*ts->sec));
		ts->sec[ts->nsec].name = base;
		ts->sec[ts->nsec].first = id;
		ts->sec[ts->nsec].n = 1;
		ts->nsec++;
	}
	/* Sections are named without their "NN-" order prefix. */
	for (i = 0; i < ts->nsec; i++) {
		shown = ts->sec[i].name;
		while (*shown >= '0' && *shown <= '9')
			shown++;
		if (*shown == '-' && shown != ts->sec[i].name)
			memmove(ts->sec[i].name, shown + 1, strlen(shown));
	}
	free_list(files, nf);
	if ((files = list_dir(dir, "layouts", ".html", &nf)) == NULL)
		goto out;
	ts->lay = xcalloc(nf + 1, sizeof(*ts->lay));
	for (i = 0; i < nf; i++) {
		rel = util_path_join("layouts", files[i]);
		id = load(ts, rel, TMPL_HTML);
		free(rel);
		if (id < 0)
			goto out;
		ts->lay[ts->nlay].name = xstrndup(files[i], strlen(files[i]) - 5);
		ts->lay[ts->nlay++].id = id;
	}
	ok = 1;
out:
	free_list(files, nf);
	if (!ok) {
		tmpl_set_free(ts);
		return NULL;
	}
	return ts;
}

void
tmpl_set_free(tmpl_set *ts)
{
	size_t i;

	if (ts == NULL)
		return;
	for (i = 0; i < ts->nt; i++) {
		free(ts->t[i].path);
		ctpl_free(ts->t[i].ct);
		free(ts->t[i].used);
	}
	for (i = 0; i < ts->nsec; i++)
		free(ts->sec[i].name);
	for (i = 0; i < ts->nlay; i++)
		free(ts->lay[i].name);
	free(ts->t);
	free(ts->sec);
	free(ts->lay);
	free(ts->dir);
	free(ts);
}

uint64_t
tmpl_set_hash(const tmpl_set *ts)
{
	return ts->hash;
}

size_t
tmpl_set_nsections(const tmpl_set *ts)
{
	return ts->nsec;
}

const char *
tmpl_section_name(const tmpl_set *ts, size_t i)
{
	return ts->sec[i].name;
}

unsigned
tmpl_section_nvariants(const tmpl_set *ts, size_t i)
{
	return ts->sec[i].n;
}

int
tmpl_section_template(const tmpl_set *ts, size_t i, unsigned v)
{
	return ts->sec[i].first + (int)v;
}

int
tmpl_set_layout(const tmpl_set *ts, const char *name)
{
	size_t i;

	for (i = 0; i < ts->nlay; i++)
		if (strcmp(ts->lay[i].name, name) == 0)
			return ts->lay[i].id;
	util_err(ts->dir, 0, "missing layout layouts/%s.html", name);
	return -1;
}

/* Dictionaries. */

tmpl_dict *
tmpl_dict_new(void)
{
	tmpl_dict *d = xcalloc(1, sizeof(*d));

	tmpl_dict_reset(d);
	return d;
}

void
tmpl_dict_free(tmpl_dict *d)
{
	if (d == NULL)
		return;
	free(d->n);
	buf_free(&d->v);
	free(d);
}

void
tmpl_dict_reset(tmpl_dict *d)
{
	if (d->cap == 0) {
		d->cap = 64;
		d->n = xmalloc(d->cap * sizeof(*d->n));
	}
	memset(&d->n[0], 0, sizeof(d->n[0]));
	d->n[0].name = -1;
	d->n[0].section = 1;
	d->n[0].first = d->n[0].last = d->n[0].next = NONE;
	d->nn = 1;
	buf_reset(&d->v);
}

static size_t
add_node(tmpl_dict *d, size_t parent, int name, int section)
{
	struct dnode *e;
	size_t k;

	if (d->nn == d->cap) {
		d->cap *= 2;
		d->n = xrealloc(d->n, d->cap * sizeof(*d->n));
	}
	k = d->nn++;
	e = &d->n[k];
	e->name = name;
	e->section = section;
	e->raw = 0;
	e->first = e->last = e->next = NONE;
	e->voff = d->v.len;
	e->vlen = 0;
	if (d->n[parent].last == NONE)
		d->n[parent].first = k;
	else
		d->n[d->n[parent].last].next = k;
	d->n[parent].last = k;
	return k;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

void
tmpl_dict_set(tmpl_dict *d, size_t node, int name, const char *value,
    size_t len)
{
	size_t k = add_node(d, node, name, 0), i, start;
	char *o;
	int gap = 0;

	/* Folded white space reads the same in HTML and keeps Markdown inert. */
	buf_grow(&d->v, len);
	start = d->v.len;
	o = d->v.data + start;
	for (i = 0; i < len; i++) {
		if (is_space(value[i])) {
			gap = 1;
			continue;
		}
		if (gap && o > d->v.data + start)
			*o++ = ' ';
		gap = 0;
		*o++ = value[i];
	}
	*o = '\0';
	d->v.len = (size_t)(o - d->v.data);
	d->n[k].voff = start;
	d->n[k].vlen = d->v.len - start;
}

void
tmpl_dict_sets(tmpl_dict *d, size_t node, int name, const char *value)
{
	tmpl_dict_set(d, node, name, value, strlen(value));
}

void
tmpl_dict_setu(tmpl_dict *d, size_t node, int name, unsigned long v)
{
	char s[24];

	tmpl_dict_set(d, node, name, s, (size_t)snprintf(s, sizeof(s), "%lu",
	    v));
}

void
tmpl_dict_set_raw(tmpl_dict *d, size_t node, int name, const char *v,
    size_t len)
{
	size_t k = add_node(d, node, name, 0);

	d->n[k].raw = 1;
	d->n[k].voff = d->v.len;
	buf_put(&d->v, v, len);
	d->n[k].vlen = len;
}

size_t
tmpl_dict_add(tmpl_dict *d, size_t node, int name)
{
	return add_node(d, node, name, 1);
}

/* Rendering. */

void
tmpl_md_escape(buf *out, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x80 && ((c >= '!' && c <= '/') || (c >= ':' &&
		    c <= '@') || (c >= '[' && c <= '`') || (c >= '{' &&
		    c <= '~'))) {
			buf_put(out, s + start, i - start);
			buf_putc(out, '\\');
			start = i;
		}
	}
	buf_put(out, s + start, n - start);
}

/* Fills cd from the part of d that template t uses. */
static int
fill(const tmpl_set *ts, const tmpl_dict *d, size_t node,
    const unsigned char *used, ctpl_dict *cd, enum fillmode mode,
    size_t *tok, buf *tmp)
{
	const struct dnode *e;
	const char *name, *p;
	ctpl_dict *child;
	char token[16];
	size_t k;

	for (k = d->n[node].first; k != NONE; k = e->next) {
		e = &d->n[k];
		if (!used[e->name])
			continue;
		name = ts->names[e->name].name;
		if (e->section) {
			if ((child = ctpl_dict_add(cd, name)) == NULL ||
			    !fill(ts, d, k, used, child, mode, tok, tmp))
				return 0;
			continue;
		}
		p = d->v.data + e->voff;
		buf_reset(tmp);
		if (mode == FILL_TOKENS)
			buf_put(tmp, token, (size_t)snprintf(token,
			    sizeof(token), "Zq%04zuqZ", (*tok)++));
		else if (e->raw)
			buf_put(tmp, p, e->vlen);
		else if (mode == FILL_MD)
			tmpl_md_escape(tmp, p, e->vlen);
		else
			buf_put_html(tmp, p, e->vlen);
		if (!ctpl_dict_set(cd, name, tmp->data ? tmp->data : "",
		    tmp->len))
			return 0;
	}
	return 1;
}

/* Expands t with d filled in mode into out, rendering Markdown if md. */
static int
expand(const tmpl_set *ts, const struct tmpl *t, const tmpl_dict *d,
    enum fillmode mode, int md, buf *out)
{
	ctpl_dict *cd = ctpl_dict_new();
	buf text = { 0 }, tmp = { 0 };
	size_t tok = 0;
	char *html;
	int rc = 0;

	if (cd == NULL || !fill(ts, d, TMPL_ROOT, t->used, cd, mode, &tok,
	    &tmp) || !ctpl_expand(t->ct, cd, md ? &text : out)) {
		util_err(t->path, 0, "ctemplate failed to expand the template");
		goto out;
	}
	if (md) {
		html = cmark_markdown_to_html(text.data ? text.data : "",
		    text.len, CMARK_OPT_UNSAFE);
		if (html == NULL) {
			util_err(t->path, 0, "cmark failed to render");
			goto out;
		}
		buf_puts(out, html);
		free(html);
	}
	rc = 1;
out:
	ctpl_dict_free(cd);
	buf_free(&text);
	buf_free(&tmp);
	return rc;
}

tmpl_cache *
tmpl_cache_new(size_t max_bytes)
{
	tmpl_cache *c = xcalloc(1, sizeof(*c));

	c->cap = 256;
	c->tab = xcalloc(c->cap, sizeof(*c->tab));
	c->max = max_bytes;
	return c;
}

void
tmpl_cache_free(tmpl_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		free(c->tab[i].skel);
	free(c->tab);
	free(c->vals);
	buf_free(&c->keys);
	buf_free(&c->key);
	buf_free(&c->tmp);
	buf_free(&c->skel);
	free(c);
}

void
tmpl_cache_stats(const tmpl_cache *c, size_t *hits, size_t *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}

/* Writes the shape of d's used part to c->key and its values to c->vals. */
static void
shape(const tmpl_dict *d, size_t node, const unsigned char *used,
    tmpl_cache *c)
{
	const struct dnode *e;
	unsigned char nm[3];
	size_t k;

	for (k = d->n[node].first; k != NONE; k = e->next) {
		e = &d->n[k];
		if (!used[e->name])
			continue;
		nm[0] = (unsigned char)(e->name >> 8);
		nm[1] = (unsigned char)e->name;
		nm[2] = e->section ? '(' : '=';
		buf_put(&c->key, nm, 3);
		if (e->section) {
			shape(d, k, used, c);
			buf_putc(&c->key, ')');
			continue;
		}
		if (c->nvals == c->valcap) {
			c->valcap = c->valcap ? c->valcap * 2 : 64;
			c->vals = xrealloc(c->vals, c->valcap * sizeof(*c->vals));
		}
		c->vals[c->nvals].p = d->v.data + e->voff;
		c->vals[c->nvals].n = e->vlen;
		c->vals[c->nvals++].raw = e->raw;
	}
}

static void
put_u32(buf *b, uint32_t v)
{
	buf_put(b, &v, sizeof(v));
}

/* Splits rendered HTML at its placeholders into c->skel. */
static void
split(tmpl_cache *c, const char *s, size_t n)
{
	size_t i = 0, lit = 0, tok;

	buf_reset(&c->skel);
	while (i + 8 <= n) {
		if (s[i] == 'Z' && s[i + 1] == 'q' && s[i + 6] == 'q' &&
		    s[i + 7] == 'Z' && s[i + 2] >= '0' && s[i + 2] <= '9' &&
		    s[i + 3] >= '0' && s[i + 3] <= '9' && s[i + 4] >= '0' &&
		    s[i + 4] <= '9' && s[i + 5] >= '0' && s[i + 5] <= '9') {
			tok = (size_t)((s[i + 2] - '0') * 1000 + (s[i + 3] - '0') *
			    100 + (s[i + 4] - '0') * 10 + (s[i + 5] - '0'));
			if (tok < c->nvals) {
				put_u32(&c->skel, (uint32_t)(i - lit));
				buf_put(&c->skel, s + lit, i - lit);
				put_u32(&c->skel, (uint32_t)tok);
				i += 8;
				lit = i;
				continue;
			}
		}
		i++;
	}
	put_u32(&c->skel, (uint32_t)(n - lit));
	buf_put(&c->skel, s + lit, n - lit);
	put_u32(&c->skel, END_TOKEN);
}

static void
emit(const tmpl_cache *c, const char *skel, buf *out)
{
	uint32_t len, tok;
	const struct tval *v;

	for (;;) {
		memcpy(&len, skel, sizeof(len));
		skel += sizeof(len);
		buf_put(out, skel, len);
		skel += len;
		memcpy(&tok, skel, sizeof(tok));
		skel += sizeof(tok);
		if (tok == END_TOKEN)
			return;
		v = &c->vals[tok];
		if (v->raw)
			buf_put(out, v->p, v->n);
		else
			buf_put_html(out, v->p, v->n);
	}
}

static struct centry *
find(tmpl_cache *c, uint64_t h, const char *key, size_t klen)
{
	size_t i = (size_t)h & (c->cap - 1);
	struct centry *e;

	for (;; i = (i + 1) & (c->cap - 1)) {
		e = &c->tab[i];
		if (e->skel == NULL || (e->h == h && e->klen == klen &&
		    memcmp(c->keys.data + e->koff, key, klen) == 0))
			return e;
	}
}

static void
grow(tmpl_cache *c)
{
	struct centry *old = c->tab, *e;
	size_t oldcap = c->cap, i;

	c->cap *= 2;
	c->tab = xcalloc(c->cap, sizeof(*c->tab));
	for (i = 0; i < oldcap; i++) {
		if (old[i].skel == NULL)
			continue;
		e = find(c, old[i].h, c->keys.data + old[i].koff, old[i].klen);
		*e = old[i];
	}
	free(old);
}

int
tmpl_render(const tmpl_set *ts, int id, const tmpl_dict *d, tmpl_cache *c,
    buf *out)
{
	const struct tmpl *t = &ts->t[id];
	struct centry *e;
	uint32_t tid = (uint32_t)id;
	uint64_t h;
	size_t need;

	if (c == NULL)
		return expand(ts, t, d, t->kind == TMPL_MD ? FILL_MD : FILL_HTML,
		    t->kind == TMPL_MD, out);
	buf_reset(&c->key);
	c->nvals = 0;
	buf_put(&c->key, &tid, sizeof(tid));
	shape(d, TMPL_ROOT, t->used, c);
	if (c->nvals >= MAX_TOKENS)
		return tmpl_render(ts, id, d, NULL, out);
	h = util_hash(UTIL_HASH_INIT, c->key.data, c->key.len);
	e = find(c, h, c->key.data, c->key.len);
	if (e->skel != NULL) {
		c->hits++;
		emit(c, e->skel, out);
		return 1;
	}
	c->misses++;
	buf_reset(&c->tmp);
	if (!expand(ts, t, d, FILL_TOKENS, t->kind == TMPL_MD, &c->tmp))
		return 0;
	split(c, c->tmp.data ? c->tmp.data : "", c->tmp.len);
	emit(c, c->skel.data, out);
	need = c->key.len + c->skel.len + sizeof(*e);
	if (c->bytes + need > c->max)
		return 1;
	e->h = h;
	e->koff = c->keys.len;
	e->klen = c->key.len;
	buf_put(&c->keys, c->key.data, c->key.len);
	e->skel = xmalloc(c->skel.len);
	memcpy(e->skel, c->skel.data, c->skel.len);
	e->slen = c->skel.len;
	c->bytes += need;
	if (++c->n * 2 >= c->cap)
		grow(c);
	return 1;
}

int
tmpl_fill(const tmpl_set *ts, int id, const tmpl_dict *d, buf *out)
{
	const struct tmpl *t = &ts->t[id];

	return expand(ts, t, d, t->kind == TMPL_MD ? FILL_MD : FILL_HTML, 0,
	    out);
}
