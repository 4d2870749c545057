/* report.h - portpages feedback: what readers answered, least helpful pages first */
#ifndef REPORT_H
#define REPORT_H

#include <stdio.h>

enum report_format { REPORT_TEXT, REPORT_JSON, REPORT_CSV };

/*
 * Writes to f, per port that has answers, the yes and no counts, the share
 * of yes and the latest comments (least helpful first), then the totals,
 * as text, JSON or CSV. Comments are escaped for the format. Returns 0 on
 * failure (reported), else 1.
 */
int report_run(const char *db, enum report_format format, FILE *f);

#endif
