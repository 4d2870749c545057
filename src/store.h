/* store.h - the answers to "Was this page helpful?", kept in SQLite */
#ifndef STORE_H
#define STORE_H

struct store;

/*
 * Opens (creating it if needed) the answer database at path, in WAL mode
 * with synchronous=FULL, and starts the thread that commits answers.
 * Returns NULL on failure (reported); free with store_close.
 */
struct store *store_open(const char *path);

/*
 * Adds one answer (port 0-65535, yes or not, comment "" or at most 500
 * characters of UTF-8) and returns only once the transaction holding it
 * is committed: 1, or 0 if it could not be (reported). Answers arriving
 * together from several threads share one transaction and one fsync.
 * Safe to call from any number of threads.
 */
int store_add(struct store *st, unsigned port, int yes, const char *comment);

/* Commits what is queued, stops the thread and closes the database; NULL is fine. */
void store_close(struct store *st);

/* The schema, for the report: one row per answer, no address, no cookie. */
#define STORE_SCHEMA \
	"CREATE TABLE IF NOT EXISTS answers (" \
	" id INTEGER PRIMARY KEY," \
	" port INTEGER NOT NULL CHECK (port BETWEEN 0 AND 65535)," \
	" answer TEXT NOT NULL CHECK (answer IN ('yes', 'no'))," \
	" comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 500)," \
	" at INTEGER NOT NULL);" \
	"CREATE INDEX IF NOT EXISTS answers_port ON answers (port, id);"

#endif
