/* csvread.h - reading a CSV file record by record, each knowing its line (libcsv) */
#ifndef CSVREAD_H
#define CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#define CSVREAD_MAX_FIELDS 32	/* fields kept per record; more are counted */

/* One record: its fields as NUL-terminated copies, and where it starts. */
struct csvread_rec {
	char	*field[CSVREAD_MAX_FIELDS];
	size_t	 len[CSVREAD_MAX_FIELDS];
	size_t	 n;		/* fields in the record (may exceed the kept ones) */
	size_t	 line;		/* the line it starts on */
	int	 toobig;	/* a field was longer than the limit */
};

/*
 * Called for every record. Returns 0 to stop reading (having reported
 * why), else 1. The fields live only until the call returns.
 */
typedef int (*csvread_fn)(void *arg, const struct csvread_rec *rec);

/*
 * Reads f (read from path, for messages) line by line, calling fn for
 * each record; a field longer than max_field marks its record toobig.
 * Returns 0 if the CSV is malformed (reported as FILE:LINE) or fn
 * stopped, else 1.
 */
int csvread_file(const char *path, FILE *f, size_t max_field, csvread_fn fn,
    void *arg);

#endif
