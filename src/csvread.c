/* csvread.c - reading a CSV file record by record, each knowing its line (libcsv) */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "buf.h"
#include "csvread.h"
#include "util.h"

struct reader {
	struct csvread_rec rec;
	buf		 text;		/* the record's kept fields, each NUL-ended */
	size_t		 off[CSVREAD_MAX_FIELDS];	/* where each starts in text */
	size_t		 max, line;
	csvread_fn	 fn;
	void		*arg;
	int		 stop;
};

static void
reader_field(void *s, size_t n, void *data)
{
	struct reader *r = data;
	struct csvread_rec *rec = &r->rec;

	if (n > r->max)
		rec->toobig = 1;
	/*
	 * libcsv reuses its buffer: keep a copy until the record ends, all
	 * of a record's fields in one buffer rather than one allocation each
	 * (the registry has some 180,000 fields).
	 */
	if (rec->n < CSVREAD_MAX_FIELDS) {
		r->off[rec->n] = r->text.len;
		if (s != NULL)
			buf_put(&r->text, s, n);
		buf_putc(&r->text, '\0');
		rec->len[rec->n] = s ? n : 0;
	}
	rec->n++;
}

static void
reader_clear(struct reader *r)
{
	buf_reset(&r->text);
	r->rec.n = 0;
	r->rec.toobig = 0;
	r->rec.line = r->line + 1;
}

static void
reader_record(int term, void *data)
{
	struct reader *r = data;
	size_t i;

	(void)term;
	for (i = 0; i < r->rec.n && i < CSVREAD_MAX_FIELDS; i++)
		r->rec.field[i] = r->text.data + r->off[i];
	if (!r->stop && !r->fn(r->arg, &r->rec))
		r->stop = 1;
	reader_clear(r);
}

int
csvread_file(const char *path, FILE *f, size_t max_field, csvread_fn fn,
    void *arg)
{
	struct csv_parser p;
	struct reader r;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.max = max_field;
	r.fn = fn;
	r.arg = arg;
	r.rec.line = 1;
	if (csv_init(&p, CSV_APPEND_NULL) != 0) {
		util_err(path, 0, "cannot initialise the CSV parser");
		return 0;
	}
	/* Line by line, so that every record knows the line it starts on. */
	while ((n = getline(&line, &cap, f)) > 0) {
		r.line++;
		if (csv_parse(&p, line, (size_t)n, reader_field, reader_record,
		    &r) != (size_t)n) {
			util_err(path, r.line, "CSV: %s",
			    csv_strerror(csv_error(&p)));
			goto out;
		}
		if (r.stop)
			goto out;
	}
	csv_fini(&p, reader_field, reader_record, &r);
	rc = !r.stop;
out:
	buf_free(&r.text);
	csv_free(&p);
	free(line);
	return rc;
}
