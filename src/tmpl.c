/* tmpl.c - templates: loading and checking every file once */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctpl.h"
#include "htmlctx.h"
#include "piece.h"
#include "scope.h"
#include "token.h"
#include "tmpl.h"
#include "util.h"

#define MAX_TEMPLATE (1024 * 1024)
#define MAX_DEPTH 8		/* nested includes */
#define MAX_NEST 64		/* nested sections */

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
	char		 token[16];	/* placeholder prefix: in no template */
	char		**texts;	/* expanded texts, while loading */
	size_t		 ntexts;
	unsigned char	*used;		/* one flag per name: does any template use it? */
};

/* Loading and checking. */

int
tmpl_name_find(const struct tmpl_name *names, size_t nnames, const char *s,
    size_t n)
{
	size_t i;

	for (i = 0; i < nnames; i++)
		if (strlen(names[i].name) == n && memcmp(names[i].name, s, n) == 0)
			return (int)i;
	return -1;
}

static int
lookup_name(const tmpl_set *ts, const char *s, size_t n)
{
	return tmpl_name_find(ts->names, ts->nnames, s, n);
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

/* What check_text needs as it walks one template and its includes. */
struct checker {
	tmpl_set	*ts;
	const char	*path;
	enum tmpl_kind	 kind;
	unsigned char	*used;
	buf		*out;
	int		 depth;
	size_t		 line;
	int		 stack[MAX_NEST];	/* open sections; -1-NAME: NAME_separator */
	size_t		 stackline[MAX_NEST];
	size_t		 nest;
	size_t		 base;		/* sections the including file left open */
	char		 layout[64];	/* the layout whose pages it is part of */
};

static int check_text(struct checker *, const char *, size_t);

/* Expands {{>NAME}} from partials/NAME with the including file's extension. */
static int
check_include(struct checker *k, const char *name, size_t n)
{
	struct checker sub;
	char *rel = NULL, *full = NULL, *text = NULL;
	size_t len;
	int rc = 0;

	if (k->depth >= MAX_DEPTH) {
		util_err(k->path, k->line, "includes nested more than %d deep",
		    MAX_DEPTH);
		return 0;
	}
	rel = xmalloc(n + 32);
	snprintf(rel, n + 32, "partials/%.*s.%s", (int)n, name,
	    k->kind == TMPL_MD ? "md" : "html");
	full = util_path_join(k->ts->dir, rel);
	if (access(full, F_OK) != 0) {
		util_err(k->path, k->line, "missing include {{>%.*s}}: no %s",
		    (int)n, name, full);
		goto out;
	}
	if ((text = util_file_read(full, MAX_TEMPLATE, &len)) == NULL)
		goto out;
	k->ts->hash = util_hash(k->ts->hash, rel, strlen(rel));
	k->ts->hash = util_hash(k->ts->hash, text, len);
	memset(&sub, 0, sizeof(sub));
	sub.ts = k->ts;
	sub.path = full;
	sub.kind = k->kind;
	sub.used = k->used;
	sub.out = k->out;
	sub.depth = k->depth + 1;
	/* Includes are expanded where they stand, inside the open sections. */
	memcpy(sub.stack, k->stack, k->nest * sizeof(*k->stack));
	sub.nest = sub.base = k->nest;
	memcpy(sub.layout, k->layout, sizeof(sub.layout));
	rc = check_text(&sub, text, len);
out:
	free(rel);
	free(full);
	free(text);
	return rc;
}

/* 1 if name id may stand here (scope.h). */
static int
in_scope(const struct checker *k, int id)
{
	return scope_allows(k->ts->names, id, k->layout, k->stack, k->nest);
}

/* {{#NAME}} or {{/NAME}} (also NAME_separator): in is the marker's inside. */
static int
check_section(struct checker *k, const char *in, size_t n)
{
	const char *nm = in + 1;
	size_t nl = n - 1;
	int id, base, want;

	if (!is_ident(nm, nl)) {
		util_err(k->path, k->line, "malformed marker {{%.*s}}", (int)n, in);
		return 0;
	}
	id = base = lookup_name(k->ts, nm, nl);
	/* ctemplate shows NAME_separator between repetitions of NAME. */
	if (id < 0 && nl > 10 && memcmp(nm + nl - 10, "_separator", 10) == 0)
		base = lookup_name(k->ts, nm, nl - 10);
	if (base < 0 || !k->ts->names[base].section) {
		util_err(k->path, k->line, "unknown section {{%.*s}}", (int)n, in);
		return 0;
	}
	want = id < 0 ? -1 - base : id;
	if (id < 0 && in[0] == '#' && (k->nest == 0 ||
	    k->stack[k->nest - 1] != base)) {
		util_err(k->path, k->line, "{{%.*s}} outside {{#%s}}", (int)n,
		    in, k->ts->names[base].name);
		return 0;
	}
	if (in[0] == '#' && id >= 0 && !in_scope(k, id)) {
		scope_report(k->path, k->line, &k->ts->names[id], in, n);
		return 0;
	}
	if (in[0] == '#') {
		if (k->nest == MAX_NEST) {
			util_err(k->path, k->line, "sections nested too deeply");
			return 0;
		}
		k->stackline[k->nest] = k->line;
		k->stack[k->nest++] = want;
	} else if (k->nest == k->base || k->stack[k->nest - 1] != want) {
		util_err(k->path, k->line, "{{%.*s}} does not close an open "
		    "section", (int)n, in);
		return 0;
	} else
		k->nest--;
	k->used[base] = 1;
	return 1;
}

/* {{NAME}}, or a marker portpages does not support. */
static int
check_value(struct checker *k, const char *in, size_t n)
{
	const char *what = NULL;
	int id = -1;

	if (n > 0 && (in[0] == '%' || in[0] == '='))
		what = "unsupported marker {{%.*s}}";
	else if (memchr(in, ':', n) != NULL)
		what = "modifiers are not supported: {{%.*s}} (values are "
		    "escaped already)";
	else if (!is_ident(in, n)) {
		util_err(k->path, k->line, "malformed marker {{%.*s}}",
		    (int)(n > 40 ? 40 : n), in);
		return 0;
	} else if ((n == 10 && memcmp(in, "BI_NEWLINE", 10) == 0) ||
	    (n == 8 && memcmp(in, "BI_SPACE", 8) == 0))
		return 1;	/* ctemplate's built-ins */
	else if ((id = lookup_name(k->ts, in, n)) < 0)
		what = "unknown marker {{%.*s}}";
	else if (k->ts->names[id].section) {
		util_err(k->path, k->line, "{{%.*s}} is a section: use "
		    "{{#%.*s}}...{{/%.*s}}", (int)n, in, (int)n, in, (int)n, in);
		return 0;
	} else if (k->ts->names[id].raw && k->kind == TMPL_MD)
		what = "{{%.*s}} is HTML, for layouts only";
	else if (!in_scope(k, id)) {
		scope_report(k->path, k->line, &k->ts->names[id], in, n);
		return 0;
	}
	if (what != NULL) {
		util_err(k->path, k->line, what, (int)n, in);
		return 0;
	}
	k->used[id] = 1;
	return 1;
}

/* One marker: in is what stands between "{{" and "}}". */
static int
check_marker(struct checker *k, const char *in, size_t n)
{
	if (memchr(in, '\n', n) != NULL) {
		util_err(k->path, k->line, "marker spans lines: {{%.*s",
		    (int)(n > 40 ? 40 : n), in);
		return 0;
	}
	if (n > 0 && in[0] == '>') {
		if (!is_ident(in + 1, n - 1)) {
			util_err(k->path, k->line, "malformed include {{%.*s}}",
			    (int)n, in);
			return 0;
		}
		return check_include(k, in + 1, n - 1);
	}
	if (!(n > 0 && (in[0] == '#' || in[0] == '/') ? check_section(k, in,
	    n) : check_value(k, in, n)))
		return 0;
	buf_put(k->out, in - 2, n + 4);
	return 1;
}

/*
 * Checks every marker of text (read from k->path), marks the names it
 * uses, and appends the text with includes expanded to k->out.
 */
static int
check_text(struct checker *k, const char *text, size_t len)
{
	size_t i = 0, j, valid;
	const char *end;
	int top;

	k->line = 1;
	if ((valid = util_utf8_valid(text, len)) < len) {
		util_err(k->path, 1 + count_lines(text, valid),
		    "invalid UTF-8 or NUL byte");
		return 0;
	}
	while (i < len) {
		if (text[i] != '{' || i + 1 >= len || text[i + 1] != '{') {
			if (text[i] == '\n')
				k->line++;
			buf_putc(k->out, text[i++]);
			continue;
		}
		if ((end = strstr(text + i + 2, "}}")) == NULL) {
			util_err(k->path, k->line, "unclosed marker: '{{' "
			    "without '}}'");
			return 0;
		}
		j = (size_t)(end - text);
		if (j > i + 2 && text[i + 2] == '!')
			k->line += count_lines(text + i + 2, j - i - 2);
		else if (!check_marker(k, text + i + 2, j - i - 2))
			return 0;
		i = j + 2;
	}
	if (k->nest > k->base) {
		top = k->stack[k->nest - 1];
		util_err(k->path, k->stackline[k->nest - 1], "{{#%s%s}} is never "
		    "closed", k->ts->names[top < 0 ? -1 - top : top].name,
		    top < 0 ? "_separator" : "");
		return 0;
	}
	return 1;
}

/* A value marker {{NAME}} at s (n bytes left): its length, or 0. */
static size_t
value_marker(const char *s, size_t n, void *arg)
{
	size_t i;

	(void)arg;
	if (n < 5 || s[0] != '{' || s[1] != '{' || strchr("#/>!", s[2]) != NULL)
		return 0;
	for (i = 2; i + 1 < n && s[i] != '}' && s[i] != '\n'; i++)
		;
	return i + 1 < n && s[i] == '}' && s[i + 1] == '}' ? i + 2 : 0;
}

struct ctxcheck {
	struct checker	*k;
	const char	*text;
};

/* A value must stand where escaping keeps it text; trusted HTML in content. */
static int
marker_context(void *arg, size_t pos, size_t len, enum htmlctx ctx,
    const char *why)
{
	struct ctxcheck *c = arg;
	const char *name = c->text + pos + 2;
	int id = lookup_name(c->k->ts, name, len - 4);

	if (ctx != HTMLCTX_BAD && (id < 0 || !c->k->ts->names[id].raw ||
	    ctx == HTMLCTX_TEXT || ctx == HTMLCTX_RCDATA))
		return 1;
	util_err(c->k->path, 1 + count_lines(c->text, pos), "{{%.*s}} stands "
	    "%s: %s", (int)len - 4, name, why != NULL ? why :
	    "in an attribute", why != NULL ? "no escaping keeps a value safe "
	    "there" : "it is HTML, for element content only");
	return 0;
}

/* Loads DIR/rel as template kind; returns its id or -1. */
static int
tmpl_load(tmpl_set *ts, const char *rel, enum tmpl_kind kind)
{
	char *path = util_path_join(ts->dir, rel), *text;
	struct checker k;
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
	t->marked = NULL;
	t->occ = NULL;
	t->nocc = 0;
	t->used = xcalloc(ts->nnames + 1, 1);
	ts->nt++;
	path = NULL;
	memset(&k, 0, sizeof(k));
	k.ts = ts;
	k.path = t->path;
	k.kind = kind;
	scope_layout(rel, kind == TMPL_MD, k.layout, sizeof(k.layout));
	k.used = t->used;
	k.out = &out;
	if (!check_text(&k, text, len) || !htmlctx_scan(text, len, '{',
	    value_marker, marker_context, &(struct ctxcheck){ &k, text }))
		goto out;
	if ((t->ct = ctpl_compile(out.data ? out.data : "", out.len)) == NULL) {
		util_err(t->path, 0, "ctemplate could not parse the template");
		goto out;
	}
	id = (int)(ts->nt - 1);
	ts->texts = xrealloc(ts->texts, (ts->ntexts + 1) * sizeof(*ts->texts));
	ts->texts[ts->ntexts++] = xstrdup(out.data ? out.data : "");
out:
	free(path);
	free(text);
	buf_free(&out);
	return id;
}

/* DIR/sub's files ending in suf (not hidden), sorted; NULL (reported) on error. */
static char **
list_dir(const char *dir, const char *sub, const char *suf, size_t *n)
{
	char *path = util_path_join(dir, sub), **v;

	if ((v = util_dir_list(path, suf, n)) == NULL)
		util_err(path, 0, "cannot read templates: %s", strerror(errno));
	free(path);
	return v;
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

/*
 * Compiles each layout again with its top-level sections' repetitions
 * marked (piece.h), for the cache; a layout that cannot be marked is
 * rendered whole.
 */
static void
mark_layouts(tmpl_set *ts)
{
	struct tmpl *t;
	buf out = { 0 };
	size_t i;

	for (i = 0; i < ts->nt && i < ts->ntexts; i++) {
		t = &ts->t[i];
		if (t->kind != TMPL_HTML)
			continue;
		buf_reset(&out);
		if (!piece_mark(ts->texts[i], strlen(ts->texts[i]), ts->token,
		    ts->names, ts->nnames, &out, &t->occ, &t->nocc) ||
		    t->nocc == 0 || (t->marked = ctpl_compile(out.data ?
		    out.data : "", out.len)) == NULL) {
			piece_occ_free(t->occ, t->nocc);
			t->occ = NULL;
			t->nocc = 0;
		}
	}
	buf_free(&out);
}

static void
texts_free(tmpl_set *ts)
{
	size_t i;

	for (i = 0; i < ts->ntexts; i++)
		free(ts->texts[i]);
	free(ts->texts);
	ts->texts = NULL;
	ts->ntexts = 0;
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
		id = tmpl_load(ts, rel, TMPL_MD);
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
	util_list_free(files);
	if ((files = list_dir(dir, "layouts", ".html", &nf)) == NULL)
		goto out;
	ts->lay = xcalloc(nf + 1, sizeof(*ts->lay));
	for (i = 0; i < nf; i++) {
		rel = util_path_join("layouts", files[i]);
		id = tmpl_load(ts, rel, TMPL_HTML);
		free(rel);
		if (id < 0)
			goto out;
		ts->lay[ts->nlay].name = xstrndup(files[i], strlen(files[i]) - 5);
		ts->lay[ts->nlay++].id = id;
	}
	if (!token_choose(ts->token, sizeof(ts->token),
	    (const char *const *)ts->texts, ts->ntexts, ts->dir))
		goto out;
	mark_layouts(ts);
	ts->used = xcalloc(ts->nnames + 1, 1);
	for (id = 0; (size_t)id < ts->nt; id++)
		for (i = 0; i < ts->nnames; i++)
			ts->used[i] |= ts->t[id].used[i];
	ok = 1;
out:
	util_list_free(files);
	texts_free(ts);
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
		ctpl_free(ts->t[i].marked);
		piece_occ_free(ts->t[i].occ, ts->t[i].nocc);
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
	free(ts->used);
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


const struct tmpl *
tmpl_get(const tmpl_set *ts, int id)
{
	return &ts->t[id];
}

const struct tmpl_name *
tmpl_set_names(const tmpl_set *ts)
{
	return ts->names;
}

size_t
tmpl_set_nnames(const tmpl_set *ts)
{
	return ts->nnames;
}

const unsigned char *
tmpl_set_used(const tmpl_set *ts)
{
	return ts->used;
}

const char *
tmpl_set_token(const tmpl_set *ts)
{
	return ts->token;
}
