/* piece.h - a layout's skeleton assembled from its frame and the repetitions of its sections */
#ifndef PIECE_H
#define PIECE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "dict.h"
#include "tmpl.h"

/*
 * A skeleton (cache.c) is rendered HTML cut at its slots: runs of (u32
 * length, that many bytes, u32 slot), the slot being kind << 16 | value
 * number, ending with the slot PIECE_END.
 */
#define PIECE_END 0xffffffffu

/* Writes a skeleton into b: literal bytes go straight into b, a slot ends their run. */
struct piece_writer {
	buf		*b;
	size_t		 lenpos;	/* where the current run's length goes */
};

void piece_writer_start(struct piece_writer *w, buf *b);
/* Ends the current run with slot; PIECE_END ends the skeleton. */
void piece_writer_slot(struct piece_writer *w, uint32_t slot);

/*
 * Marks where each top-level section of an HTML template repeats:
 * appends text (an expanded, checked template, in which every "{{" opens
 * a marker) to out with prefix "B" and four digits after each top-level
 * {{#NAME}} and prefix "E" and the same digits before its {{/NAME}}, and
 * sets *occ (free with piece_occ_free) to one entry per such section.
 * Returns 0 when there are more than 9999 of them (out is then unusable).
 */
int piece_mark(const char *text, size_t len, const char *prefix,
    const struct tmpl_name *names, size_t nnames, buf *out,
    struct tmpl_occ **occ, size_t *nocc);
void piece_occ_free(struct tmpl_occ *occ, size_t nocc);

/*
 * What a page's skeleton is made of: a frame (the layout outside its
 * top-level sections, with a hole for each) and one piece for each
 * repetition of those sections, each under a key that says everything
 * its bytes depend on. Reuse one for every page; free with
 * piece_page_free.
 */
struct piece_page {
	buf		 keys;		/* key i is keys.data[koff[i] .. koff[i + 1]) */
	size_t		*koff;
	size_t		 nkeys;		/* 1 (the frame) + the repetitions */
	size_t		 kcap;		/* room in koff and rep */
	size_t		*rep;		/* node of the repetition of key i + 1 */
	size_t		*occbase;	/* per occurrence: its first repetition's key */
	size_t		*vname;		/* per value number: its name */
	size_t		*vfirst, *vend;	/* per node: its subtree's value numbers */
	size_t		*rootval;	/* per name: the root's value number, or -1 */
	size_t		 nvals, nnodes, nnames, nocc;
	buf		*skel;		/* piece_split's skeletons, one per key */
	size_t		 nskel;
};

void piece_page_free(struct piece_page *pg);

/*
 * Finds the keys of template id's pieces for d. Returns 0 when the page
 * cannot be assembled from pieces (a template without marks, a section
 * inside a piece that would be found at the root, a name that is both a
 * value and a section at the root); the caller then renders it whole.
 */
int piece_page_load(struct piece_page *pg, const tmpl_set *ts, int id,
    const dict *d);

/*
 * Cuts s (n bytes: the page rendered from the marked template with slot
 * markers, render_marked) into pg->skel, one skeleton per key. Returns 0
 * when the marks do not fall as the pieces need (the caller renders the
 * page whole).
 */
int piece_split(struct piece_page *pg, const char *prefix, const char *s,
    size_t n);

/*
 * Appends to out the page's skeleton, as cache.c keeps skeletons, made
 * from skel[i], the skeleton of key i (pg->nkeys of them). Returns 0 if
 * a slot names a value the page lacks (out is then unusable).
 */
int piece_compose(const struct piece_page *pg, const char *const *skel,
    buf *out);

#endif
