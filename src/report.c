/* report.c - portpages feedback: what readers answered, least helpful pages first */
#include <jansson.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "report.h"
#include "util.h"

#define LATEST 3	/* comments shown per port */

struct tally {
	long long	 yes, no;
};

/* A reader's comment as one line of text: no control or bidirectional override characters. */
static void
put_text(buf *b, const char *s)
{
	char *clean = util_utf8_clean(s, strlen(s), NULL), *p;

	for (p = clean; *p != '\0'; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r')
			buf_putc(b, ' ');
		else if ((unsigned char)p[0] == 0xc2 &&
		    (unsigned char)p[1] >= 0x80 && (unsigned char)p[1] <= 0x9f) {
			buf_puts(b, "\xef\xbf\xbd");	/* a C1 control */
			p++;
		} else
			buf_putc(b, *p);
	}
	free(clean);
}

/*
 * One CSV field, RFC 4180 quoted; a leading = + - @ gets a ' so that a
 * spreadsheet shows a comment rather than running it as a formula.
 */
static void
put_csv(buf *b, const char *s)
{
	buf_putc(b, '"');
	if (strchr("=+-@\t\r", *s) != NULL && *s != '\0')
		buf_putc(b, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

static double
share(struct tally t)
{
	return t.yes + t.no > 0 ? (double)t.yes / (double)(t.yes + t.no) : 0;
}

/* One port's line (or the total, port < 0) in text or CSV into b. */
static void
put_line(buf *b, enum report_format fmt, long port, struct tally t,
    const char **com, int ncom)
{
	char name[16];
	int i;

	snprintf(name, sizeof(name), port < 0 ? "total" : "%ld", port);
	if (fmt == REPORT_CSV) {
		buf_printf(b, "%s,%lld,%lld,%.1f", name, t.yes, t.no,
		    share(t) * 100);
		for (i = 0; i < LATEST; i++) {
			buf_putc(b, ',');
			if (i < ncom)
				put_csv(b, com[i]);
		}
		buf_puts(b, "\r\n");
		return;
	}
	buf_printf(b, "%-7s %8lld %8lld %7.1f%%\n", name, t.yes, t.no,
	    share(t) * 100);
	for (i = 0; i < ncom; i++) {
		buf_puts(b, "        - ");
		put_text(b, com[i]);
		buf_putc(b, '\n');
	}
}

static json_t *
json_line(long port, struct tally t, const char **com, int ncom)
{
	json_t *o = json_object(), *list;
	int i;

	if (port >= 0)
		json_object_set_new(o, "port", json_integer(port));
	json_object_set_new(o, "yes", json_integer(t.yes));
	json_object_set_new(o, "no", json_integer(t.no));
	json_object_set_new(o, "helpful", t.yes + t.no > 0 ?
	    json_real(share(t)) : json_null());
	if (port < 0)
		return o;
	list = json_array();
	for (i = 0; i < ncom; i++)
		json_array_append_new(list, json_string(com[i]));
	json_object_set_new(o, "comments", list);
	return o;
}

static int
prepare(sqlite3 *db, const char *path, const char *sql, sqlite3_stmt **q)
{
	if (sqlite3_prepare_v2(db, sql, -1, q, NULL) == SQLITE_OK)
		return 1;
	util_err(path, 0, "not an answer database: %s", sqlite3_errmsg(db));
	return 0;
}

/* The latest comments of port into com (sqlite3_free each); their count. */
static int
latest(sqlite3_stmt *q, unsigned port, char **com)
{
	int n = 0;

	sqlite3_bind_int(q, 1, (int)port);
	while (n < LATEST && sqlite3_step(q) == SQLITE_ROW)
		com[n++] = sqlite3_mprintf("%s", sqlite3_column_text(q, 0));
	sqlite3_reset(q);
	return n;
}

/* Every port's line into b or arr, least helpful first; the totals into *all. */
static int
report_ports(sqlite3 *db, const char *path, enum report_format fmt, buf *b,
    json_t *arr, struct tally *all)
{
	sqlite3_stmt *ports = NULL, *com = NULL;
	char *c[LATEST];
	struct tally t;
	unsigned port;
	int n, rc = 0;

	if (!prepare(db, path, "SELECT port, SUM(answer = 'yes'), "
	    "SUM(answer = 'no') FROM answers GROUP BY port ORDER BY "
	    "1.0 * SUM(answer = 'yes') / COUNT(*), SUM(answer = 'no') DESC, "
	    "port", &ports) ||
	    !prepare(db, path, "SELECT comment FROM answers WHERE port = ?1 "
	    "AND comment <> '' ORDER BY id DESC LIMIT 3", &com))
		goto out;
	while ((rc = sqlite3_step(ports)) == SQLITE_ROW) {
		port = (unsigned)sqlite3_column_int(ports, 0);
		t.yes = sqlite3_column_int64(ports, 1);
		t.no = sqlite3_column_int64(ports, 2);
		all->yes += t.yes;
		all->no += t.no;
		n = latest(com, port, c);
		if (fmt == REPORT_JSON)
			json_array_append_new(arr, json_line(port, t,
			    (const char **)c, n));
		else
			put_line(b, fmt, port, t, (const char **)c, n);
		while (n > 0)
			sqlite3_free(c[--n]);
	}
	if (rc != SQLITE_DONE)
		util_err(path, 0, "cannot read the answers: %s",
		    sqlite3_errmsg(db));
	rc = rc == SQLITE_DONE;
out:
	sqlite3_finalize(ports);
	sqlite3_finalize(com);
	return rc;
}

int
report_run(const char *path, enum report_format fmt, FILE *f)
{
	struct tally all = { 0, 0 };
	json_t *arr = json_array(), *root = NULL;
	sqlite3 *db = NULL;
	buf b = { 0 };
	char *text = NULL;
	int ok = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		util_err(path, 0, "cannot open the answer database: %s",
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(db, 10000);
	if (fmt == REPORT_CSV)
		buf_puts(&b, "port,yes,no,helpful_percent,latest_comment_1,"
		    "latest_comment_2,latest_comment_3\r\n");
	else if (fmt == REPORT_TEXT)
		buf_puts(&b, "port         yes       no  helpful  (latest "
		    "comments below each port)\n");
	if (!report_ports(db, path, fmt, &b, arr, &all))
		goto out;
	if (fmt == REPORT_JSON) {
		root = json_pack("{s:o, s:o}", "ports", arr, "total",
		    json_line(-1, all, NULL, 0));
		arr = NULL;
		text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
		    JSON_ENSURE_ASCII);
		buf_puts(&b, text ? text : "");
		buf_putc(&b, '\n');
	} else
		put_line(&b, fmt, -1, all, NULL, 0);
	ok = fwrite(b.data, 1, b.len, f) == b.len && fflush(f) == 0;
	if (!ok)
		util_err(NULL, 0, "cannot write to standard output");
out:
	free(text);
	json_decref(root);
	json_decref(arr);
	buf_free(&b);
	sqlite3_close(db);
	return ok;
}
