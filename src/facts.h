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

/*
 * Appends to b the names of port's known uses that are not wide ranges,
 * at most max of them, then " and N more"; a name two rows share (one a
 * protocol) counts once. Returns how many names there are in all.
 */
size_t facts_use_names(const struct site *s, buf *b, unsigned port,
    size_t max);

/* The DATA_SOURCE list every page's footer names. */
void facts_data_sources(const struct site *s, dict *d);

/* "48.4%": nmap's open frequency as a share of hosts, into s (n bytes). */
void facts_freq(double freq, char *s, size_t n);

#endif
