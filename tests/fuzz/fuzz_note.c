/*
 * fuzz_note.c - libFuzzer harness for per-port notes (content.c, cmark)
 *
 * The input is content/ports/22.md in a private content directory; a note
 * that loads is also rendered to HTML (cmark, safe mode) and to Markdown.
 */
#include "content.h"
#include "fuzz.h"

static const char *dir;
static char *note;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct content *c;
	buf b = { 0 };

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
	if ((c = content_load(dir)) == NULL)
		return 0;
	if (c->notes[22] == NULL || c->nnotes != 1)
		abort();
	/* Front matter values are shown on pages: clean, or refused. */
	fuzz_clean(c->notes[22]->title);
	fuzz_clean(c->notes[22]->names);
	if (!content_note_html(c, 22, &b))
		abort();
	/* cmark's safe mode: no raw HTML and no script links survive. */
	if (b.data != NULL && (strstr(b.data, "<script") != NULL ||
	    strstr(b.data, "href=\"javascript:") != NULL ||
	    strstr(b.data, "<img") != NULL))
		abort();
	buf_reset(&b);
	if (!content_note_markdown(c, 22, &b))
		abort();
	buf_free(&b);
	content_free(c);
	return 0;
}
