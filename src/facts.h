/* facts.h - on a port page: every source side by side, where they differ, and the verdict */
#ifndef FACTS_H
#define FACTS_H

#include "page.h"

/*
 * Fills w->d with what each source says about port (SOURCE), where the
 * sources disagree (HAS_DIFFER), the port's known uses (HAS_USES), and
 * whether to use it for a new service (VERDICT_ID and the V_ reasons,
 * SUGGEST). Never fails.
 */
void facts_port(struct worker *w, unsigned port);

/* A known use's name, and where the port's note first names it. */
struct facts_use {
	const char	*name;
	size_t		 at;		/* SIZE_MAX: the note does not */
};

/*
 * Sets w->uses to port's known-use names (uses_names_at), those its note
 * names first, in the order it names them (title, then body, then its
 * search names), the rest in uses.csv's order: a page's lists lead with
 * what the note is about.
 * Sets w->rows to the port's uses.csv rows in that order, a product's
 * rows together, then the platform ranges. Call it before the other
 * facts_ functions for a port.
 */
void facts_uses_order(struct worker *w, unsigned port);

/*
 * Appends to b w->uses' names, at most max of them, then " and N more".
 * Returns how many names there are in all.
 */
size_t facts_use_names(const struct worker *w, buf *b, size_t max);

/* The DATA_SOURCE list every page's footer names. */
void facts_data_sources(const struct site *s, dict *d);

/* "48.4%": nmap's open frequency as a share of hosts, into s (n bytes). */
void facts_freq(double freq, char *s, size_t n);

#endif
