/* scope.c - where a template may use a name: the pages and sections the generator sets it in */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "scope.h"
#include "util.h"

/* 1 if a word of a name's "where" is a section's name, not a layout's. */
static int
is_section_word(const char *w)
{
	return *w >= 'A' && *w <= 'Z';
}

/* The end of the word at w (a space or the NUL). */
static const char *
word_end(const char *w)
{
	const char *e = strchr(w, ' ');

	return e != NULL ? e : w + strlen(w);
}

int
scope_lists(const char *where, const char *word)
{
	size_t n = strlen(word);
	const char *w;

	for (w = where; n > 0 && (w = strstr(w, word)) != NULL; w += n)
		if ((w == where || w[-1] == ' ') && (w[n] == ' ' ||
		    w[n] == '\0'))
			return 1;
	return 0;
}

int
scope_allows(const struct tmpl_name *names, int id, const char *layout,
    const int *stack, size_t nest)
{
	const char *where = names[id].where;
	size_t i;

	if (scope_lists(where, "page") || scope_lists(where, layout))
		return 1;
	for (i = 0; i < nest; i++)
		if (scope_lists(where, names[stack[i] < 0 ? -1 - stack[i] :
		    stack[i]].name))
			return 1;
	return 0;
}

/* Appends to b the words of where that are (sections) or are not (layouts) sections. */
static void
where_words(buf *b, const char *where, int sections)
{
	const char *w, *e;
	size_t n = 0;

	for (w = where; *w != '\0'; w = *e == ' ' ? e + 1 : e) {
		e = word_end(w);
		if (is_section_word(w) != sections)
			continue;
		buf_printf(b, sections ? "%s{{#%.*s}}" : "%s%.*s", n++ > 0 ?
		    " or " : "", (int)(e - w), w);
	}
}

void
scope_report(const char *path, size_t line, const struct tmpl_name *name,
    const char *in, size_t n)
{
	buf pages = { 0 }, secs = { 0 };

	where_words(&pages, name->where, 0);
	where_words(&secs, name->where, 1);
	util_err(path, line, "{{%.*s}} is set only %s%s%s%s%s, so here it "
	    "would %s", (int)n, in, pages.len > 0 ? "in " : "",
	    pages.len > 0 ? pages.data : "", pages.len > 0 ? " pages" : "",
	    secs.len > 0 ? (pages.len > 0 ? ", or inside " : "inside ") : "",
	    secs.len > 0 ? secs.data : "", name->section ? "never show" :
	    "always be empty");
	buf_free(&pages);
	buf_free(&secs);
}

void
scope_layout(const char *rel, int markdown, char *s, size_t n)
{
	const char *base = strrchr(rel, '/');

	base = base != NULL ? base + 1 : rel;
	if (markdown)
		snprintf(s, n, "%s", TMPL_SECTIONS_LAYOUT);
	else
		snprintf(s, n, "%.*s", (int)strcspn(base, "."), base);
}
