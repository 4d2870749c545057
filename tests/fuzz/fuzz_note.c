/*
 * fuzz_note.c - libFuzzer harness for per-port notes (content.c, cmark)
 *
 * The input is content/ports/22.md in a private content directory; a note
 * that loads is rendered to HTML as its page would render it
 * (content_note_html: cmark, safe mode) and checked here.
 */
#include "content.h"
#include "fuzz.h"

static const char *dir;
static char *note;

/* Skips the attribute name="..." at *p; 0 if *p is not that. */
static int
attr(const char **p, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(*p, name, n) != 0 || (*p)[n] != '=' || (*p)[n + 1] != '"')
		return 0;
	*p = strchr(*p + n + 2, '"');
	return *p != NULL && (*p)++ != NULL;
}

/* 1 if every <img> is <img src="..." alt="..."( title="...")? />. */
static int
images_plain(const char *html)
{
	const char *p;

	for (p = html; (p = strstr(p, "<img")) != NULL;) {
		p += 4;
		if (*p++ != ' ' || !attr(&p, "src") || *p++ != ' ' ||
		    !attr(&p, "alt"))
			return 0;
		if (strncmp(p, " title=", 7) == 0 && (p++, !attr(&p, "title")))
			return 0;
		if (strncmp(p, " />", 3) != 0)
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content *c;
	const struct content_note *n;
	char *html;
	size_t i;

	if (dir == NULL) {
		char *ports;

		util_quiet = 1;
		dir = fuzz_tmpdir("note");
		ports = util_path_join(dir, "ports");
		if (mkdir(ports, 0700) != 0)
			fuzz_die(ports);
		note = util_path_join(ports, "22.md");
		free(ports);
	}
	fuzz_write(note, data, size);
	if ((c = content_load(dir, 1)) == NULL)
		return 0;
	if (c->notes[22] == NULL || c->nnotes != 1)
		abort();
	/* Front matter values are shown on pages: clean, or refused. */
	n = c->notes[22];
	fuzz_clean(n->title);
	for (i = 0; i < n->nname; i++)
		fuzz_clean(n->name[i]);
	/* The body keeps no controls or bidi overrides either. */
	fuzz_clean(n->markdown);
	if ((html = content_note_html(n)) == NULL)
		abort();
	/*
	 * cmark's safe mode: no raw HTML and no script links survive. A
	 * Markdown image stays an <img>, its unsafe URL emptied, with the
	 * attributes cmark writes and no others (raw HTML would bring some,
	 * such as onerror).
	 */
	if (strstr(html, "<script") != NULL ||
	    strstr(html, "href=\"javascript:") != NULL ||
	    strstr(html, "src=\"javascript:") != NULL || !images_plain(html))
		abort();
	free(html);
	content_free(c);
	return 0;
}
