/* store.c - the answers to "Was this page helpful?", kept in SQLite */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"
#include "util.h"

#define BATCH 512	/* answers per transaction at most */

/* One answer waiting in a request's thread (on its stack) for its commit. */
struct pending {
	unsigned	 port;
	int		 yes;
	const char	*comment;
	int		 state;		/* 0 waiting, 1 committed, -1 failed */
	struct pending	*next;
};

struct store {
	char		*path;
	sqlite3		*db;
	sqlite3_stmt	*insert, *begin, *commit, *rollback;
	pthread_t	 writer;
	pthread_mutex_t	 lock;
	pthread_cond_t	 work;		/* the writer: something is queued */
	pthread_cond_t	 done;		/* the requests: a batch has ended */
	struct pending	*head, **tail;
	int		 stopping;
};

static int
exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 1;
	util_err(st->path, 0, "%s", msg ? msg : sqlite3_errmsg(st->db));
	sqlite3_free(msg);
	return 0;
}

static int
step(struct store *st, sqlite3_stmt *q)
{
	int rc = sqlite3_step(q);

	sqlite3_reset(q);
	if (rc == SQLITE_DONE)
		return 1;
	util_err(st->path, 0, "cannot store an answer: %s",
	    sqlite3_errmsg(st->db));
	return 0;
}

/* One transaction for the whole batch: one fsync of the WAL for all of them. */
static int
commit_batch(struct store *st, struct pending *p, size_t n)
{
	sqlite3_int64 now = (sqlite3_int64)time(NULL);
	int ok = step(st, st->begin);

	for (; ok && n > 0; p = p->next, n--) {
		sqlite3_bind_int(st->insert, 1, (int)p->port);
		sqlite3_bind_text(st->insert, 2, p->yes ? "yes" : "no", -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(st->insert, 3, p->comment, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st->insert, 4, now);
		ok = step(st, st->insert);
		sqlite3_clear_bindings(st->insert);
	}
	if (ok)
		ok = step(st, st->commit);
	if (!ok && !sqlite3_get_autocommit(st->db))
		step(st, st->rollback);
	return ok;
}

static void *
write_loop(void *arg)
{
	struct store *st = arg;
	struct pending *batch, *p;
	size_t n;
	int ok;

	pthread_mutex_lock(&st->lock);
	for (;;) {
		while (st->head == NULL && !st->stopping)
			pthread_cond_wait(&st->work, &st->lock);
		if (st->head == NULL)
			break;
		batch = st->head;
		for (n = 1, p = batch; n < BATCH && p->next != NULL; n++)
			p = p->next;
		st->head = p->next;
		if (st->head == NULL)
			st->tail = &st->head;
		pthread_mutex_unlock(&st->lock);
		ok = commit_batch(st, batch, n);
		pthread_mutex_lock(&st->lock);
		for (p = batch; n > 0; n--, p = p->next)
			p->state = ok ? 1 : -1;
		pthread_cond_broadcast(&st->done);
	}
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

static int
prepare(struct store *st, const char *sql, sqlite3_stmt **q)
{
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, q,
	    NULL) == SQLITE_OK)
		return 1;
	util_err(st->path, 0, "%s", sqlite3_errmsg(st->db));
	return 0;
}

/*
 * WAL with synchronous=FULL: a commit returns once the WAL is on disk,
 * so an acknowledged answer survives kill -9 and a power cut alike.
 */
static int
store_setup(struct store *st)
{
	if (sqlite3_open_v2(st->path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		util_err(st->path, 0, "cannot open the answer database: %s",
		    st->db ? sqlite3_errmsg(st->db) : "out of memory");
		return 0;
	}
	sqlite3_busy_timeout(st->db, 10000);
	return exec(st, "PRAGMA journal_mode = WAL") &&
	    exec(st, "PRAGMA synchronous = FULL") && exec(st, STORE_SCHEMA) &&
	    prepare(st, "INSERT INTO answers (port, answer, comment, at) "
	    "VALUES (?1, ?2, ?3, ?4)", &st->insert) &&
	    prepare(st, "BEGIN IMMEDIATE", &st->begin) &&
	    prepare(st, "COMMIT", &st->commit) &&
	    prepare(st, "ROLLBACK", &st->rollback);
}

struct store *
store_open(const char *path)
{
	struct store *st = xcalloc(1, sizeof(*st));

	st->path = xstrdup(path);
	st->tail = &st->head;
	pthread_mutex_init(&st->lock, NULL);
	pthread_cond_init(&st->work, NULL);
	pthread_cond_init(&st->done, NULL);
	if (!store_setup(st))
		goto fail;
	if (pthread_create(&st->writer, NULL, write_loop, st) != 0) {
		util_err(st->path, 0, "cannot start the writer thread");
		goto fail;
	}
	return st;
fail:
	st->stopping = -1;	/* no writer to stop */
	store_close(st);
	return NULL;
}

int
store_add(struct store *st, unsigned port, int yes, const char *comment)
{
	struct pending p = { port, yes, comment, 0, NULL };

	pthread_mutex_lock(&st->lock);
	*st->tail = &p;
	st->tail = &p.next;
	pthread_cond_signal(&st->work);
	while (p.state == 0)
		pthread_cond_wait(&st->done, &st->lock);
	pthread_mutex_unlock(&st->lock);
	return p.state == 1;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->stopping == 0) {
		pthread_mutex_lock(&st->lock);
		st->stopping = 1;
		pthread_cond_signal(&st->work);
		pthread_mutex_unlock(&st->lock);
		pthread_join(st->writer, NULL);
	}
	sqlite3_finalize(st->insert);
	sqlite3_finalize(st->begin);
	sqlite3_finalize(st->commit);
	sqlite3_finalize(st->rollback);
	sqlite3_close(st->db);
	pthread_cond_destroy(&st->work);
	pthread_cond_destroy(&st->done);
	pthread_mutex_destroy(&st->lock);
	free(st->path);
	free(st);
}
