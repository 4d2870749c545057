/* scope.h - where a template may use a name: the pages and sections the generator sets it in */
#ifndef SCOPE_H
#define SCOPE_H

#include <stddef.h>

#include "tmpl.h"

/* 1 if the space-separated words of where (a name's) hold word. */
int scope_lists(const char *where, const char *word);

/*
 * 1 if names[id] may stand in a template of layout (the layout whose
 * pages the template is part of) inside the open sections stack[0..nest)
 * (name indexes; -1-NAME for NAME_separator): its "where" lists "page",
 * layout, or one of those sections. Anywhere else ctemplate finds no
 * value on any page.
 */
int scope_allows(const struct tmpl_name *names, int id, const char *layout,
    const int *stack, size_t nest);

/*
 * Reports "PATH:LINE: {{in}} is set only in ... pages, or inside
 * {{#...}}, so here it would always be empty" for name.
 */
void scope_report(const char *path, size_t line, const struct tmpl_name *name,
    const char *in, size_t n);

/*
 * The layout whose pages the template rel (sections/X.md or
 * layouts/X.html) is part of, into s (n bytes): X for a layout,
 * TMPL_SECTIONS_LAYOUT for a section (markdown).
 */
void scope_layout(const char *rel, int markdown, char *s, size_t n);

#endif
