/* page_block.c - block/N.html: 256 ports a page, with their service names */
#include <stdio.h>

#include "names.h"
#include "page.h"

static size_t
block_count(const struct site *s)
{
	(void)s;
	return PORT_COUNT / MODEL_BLOCK;
}

static void
block_path(const struct site *s, size_t i, char *rel, size_t n)
{
	(void)s;
	snprintf(rel, n, "block/%zu.html", i * MODEL_BLOCK);
}

/* One ROW: the port, its names, its description (or its status). */
static void
block_row(struct worker *w, unsigned p)
{
	const struct model_port *mp = &w->s->model->port[p];
	size_t k = dict_add(w->d, DICT_ROOT, N_ROW);
	enum registry_status st;

	dict_setu(w->d, k, N_R_PORT, p);
	page_names(w, k, N_R_NAMES, mp);
	st = mp->status[0] > mp->status[1] ? mp->status[0] : mp->status[1];
	dict_set_stable(w->d, k, N_R_DESC, mp->desc != NULL ? mp->desc :
	    model_status_text(st));
	if (mp->note != NULL)
		dict_set_stable(w->d, dict_add(w->d, k, N_R_HAS_NOTE),
		    N_R_NOTE_TITLE, mp->note->title);
}

static int
block_make(struct worker *w, size_t i)
{
	unsigned b = (unsigned)(i * MODEL_BLOCK), p;
	const struct port_range_info *ri = port_range_info(port_range_of(b));
	dict *d = w->d;
	char rel[64], title[64];

	block_path(w->s, i, rel, sizeof(rel));
	page_start(w, rel);
	snprintf(title, sizeof(title), "Ports %u\xe2\x80\x93%u", b,
	    b + MODEL_BLOCK - 1);
	page_meta(w, title, "Every port in one block of 256, with its service "
	    "names.");
	page_crumb(w, "index.html", "Home");
	snprintf(rel, sizeof(rel), "range/%s.html", ri->id);
	page_crumb(w, rel, ri->title);
	page_range_values(w->s, d, DICT_ROOT, ri);
	dict_setu(d, DICT_ROOT, N_BLOCK_LO, b);
	dict_setu(d, DICT_ROOT, N_BLOCK_HI, b + MODEL_BLOCK - 1);
	if (b > 0)
		dict_setu(d, dict_add(d, DICT_ROOT, N_HAS_PREV_BLOCK),
		    N_PREV_BLOCK_LO, b - MODEL_BLOCK);
	if (b + MODEL_BLOCK < PORT_COUNT)
		dict_setu(d, dict_add(d, DICT_ROOT, N_HAS_NEXT_BLOCK),
		    N_NEXT_BLOCK_LO, b + MODEL_BLOCK);
	for (p = b; p < b + MODEL_BLOCK; p++)
		block_row(w, p);
	return page_render(w);
}

const struct page_kind page_block = {
	"block", "block", "block", 1, 0, 1, block_count, block_path, block_make,
	NULL
};
