/* serve.c - portpages serve: the site over HTTP, reloaded as it changes, and its answers */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conf.h"
#include "endpoint.h"
#include "live.h"
#include "serve.h"
#include "util.h"
#include "watch.h"

#define FEEDBACK_PATH "/feedback"
#define EVENTS_PATH "/.portpages/events"
#define MAX_FILE (64u << 20)
#define KEEPALIVE_MS 15000

struct server {
	const struct site_opts	*o;
	const struct serve_opts	*so;
	struct endpoint		*ep;
	struct live		*live;		/* NULL with --feedback-only */
	struct watch		*watch;
	pthread_t		 watcher, builder;
	pthread_mutex_t		 lock;
	pthread_cond_t		 wake;		/* the builder: rebuild, or stop */
	int			 dirty, stopping, threads;
};

/* One open page's event stream: it is told to reload when its bytes change. */
struct events {
	struct server	*sv;
	long		 id;		/* live page id, or -1: any change counts */
	uint64_t	 hash;		/* of the bytes the page was served with */
	unsigned long	 gen;
	int		 done;
};

static const char *
content_type(const char *rel)
{
	static const char *const types[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".xml", "application/xml; charset=utf-8" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".md", "text/markdown; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
	};
	const char *dot = strrchr(rel, '.');
	size_t i;

	for (i = 0; dot != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return "application/octet-stream";
}

/* 1 if rel names a file below the site: no empty, dot or hidden component. */
static int
rel_ok(const char *rel)
{
	const char *p = rel;

	if (strlen(rel) >= 400)
		return 0;
	for (;;) {
		if (*p == '\0' || *p == '/' || *p == '.')
			return 0;
		if ((p = strchr(p, '/')) == NULL)
			return 1;
		p++;
	}
}

/*
 * The script every served HTML page gets: answers go to this server, and
 * the page reloads when the server says it changed. It carries only
 * numbers this server made, nothing of the request.
 */
static void
inject(buf *b, long id, uint64_t hash)
{
	char script[512];
	const char *end = b->len >= 7 ? strstr(b->data, "</body>") : NULL;
	size_t at = end ? (size_t)(end - b->data) : b->len, n;

	n = (size_t)snprintf(script, sizeof(script), "<script>/* portpages "
	    "serve */document.body.setAttribute('data-feedback-url','"
	    FEEDBACK_PATH "');new EventSource('" EVENTS_PATH "?id=%ld&h=%016"
	    PRIx64 "').addEventListener('reload',function(){location.reload()"
	    "});</script>\n", id, hash);
	buf_grow(b, n);
	memmove(b->data + at + n, b->data + at, b->len - at + 1);
	memcpy(b->data + at, script, n);
	b->len += n;
}

/* Queues b (taken over) as the response, with the script when it is HTML. */
static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned status, const char *rel, buf *b,
    long id)
{
	const char *type = content_type(rel);
	struct MHD_Response *r;
	enum MHD_Result rc;

	if (strncmp(type, "text/html", 9) == 0)
		inject(b, id, util_hash(UTIL_HASH_INIT, b->data ? b->data : "",
		    b->len));
	r = MHD_create_response_from_buffer(b->len, b->data,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		buf_free(b);
		return MHD_NO;
	}
	b->data = NULL;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/* Reads rel from the output directory into b: 1, or 0 if it is not a readable file there. */
static int
read_output(const struct server *sv, const char *rel, buf *b)
{
	char *path = util_path_join(sv->o->output, rel), chunk[65536];
	struct stat st;
	ssize_t got;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	free(path);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > MAX_FILE) {
		close(fd);
		return 0;
	}
	buf_reset(b);
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		buf_put(b, chunk, (size_t)got);
	close(fd);
	return got == 0;
}

/* GET or HEAD of a page: made now if the site makes it, else from the output directory. */
static enum MHD_Result
serve_page(struct server *sv, struct MHD_Connection *c, const char *url)
{
	char rel[512];
	buf b = { 0 };
	long id;

	snprintf(rel, sizeof(rel), "%s%s", url + 1,
	    url[strlen(url) - 1] == '/' ? "index.html" : "");
	if (rel_ok(rel)) {
		if (live_find(sv->live, rel, &id) && live_make(sv->live, id, &b))
			return send_page(c, MHD_HTTP_OK, rel, &b, id);
		if (read_output(sv, rel, &b))
			return send_page(c, MHD_HTTP_OK, rel, &b, -1);
	}
	if ((id = live_notfound(sv->live)) >= 0 && live_make(sv->live, id, &b))
		return send_page(c, MHD_HTTP_NOT_FOUND, "404.html", &b, id);
	if (read_output(sv, "404.html", &b))
		return send_page(c, MHD_HTTP_NOT_FOUND, "404.html", &b, -1);
	buf_free(&b);
	return endpoint_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
}

/* 1 if the page of e now has other bytes than it was served with. */
static int
events_stale(struct events *e)
{
	buf b = { 0 };
	int stale;

	if (e->id < 0)
		return 1;
	stale = !live_make(e->sv->live, e->id, &b) ||
	    util_hash(UTIL_HASH_INIT, b.data ? b.data : "", b.len) != e->hash;
	buf_free(&b);
	return stale;
}

/* Blocks (one thread per connection) until there is something to say. */
static ssize_t
events_read(void *cls, uint64_t pos, char *out, size_t max)
{
	static const char reload[] = "event: reload\ndata: \n\n",
	    hello[] = "retry: 500\n\n", idle[] = ":\n\n";
	struct events *e = cls;
	const char *say = idle;
	unsigned long gen;

	if (e->done)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (pos == 0)
		say = hello;
	else if ((gen = live_wait(e->sv->live, e->gen, KEEPALIVE_MS)) == 0)
		return MHD_CONTENT_READER_END_OF_STREAM;
	else if (gen != e->gen) {
		e->gen = gen;
		say = events_stale(e) ? reload : idle;
	}
	/* The page may have changed between its request and this one. */
	if (pos == 0 && e->id >= 0 && events_stale(e))
		say = reload;
	e->done = say == reload;
	if (strlen(say) > max)
		return 0;
	memcpy(out, say, strlen(say));
	return (ssize_t)strlen(say);
}

static enum MHD_Result
serve_events(struct server *sv, struct MHD_Connection *c)
{
	const char *id = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND,
	    "id");
	const char *h = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "h");
	struct MHD_Response *r;
	struct events *e;
	enum MHD_Result rc;
	char *end1, *end2;

	e = xcalloc(1, sizeof(*e));
	e->sv = sv;
	e->gen = live_wait(sv->live, 0, 0);
	if (id == NULL || h == NULL || (e->id = strtol(id, &end1, 10), *end1) ||
	    (e->hash = strtoull(h, &end2, 16), *end2) || !*id || !*h) {
		free(e);
		return endpoint_text(c, MHD_HTTP_BAD_REQUEST, "bad request\n");
	}
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 1024,
	    events_read, e, free);
	if (r == NULL) {
		free(e);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	rc = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	struct server *sv = cls;
	int get = strcmp(method, MHD_HTTP_METHOD_GET) == 0 ||
	    strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;

	(void)version;
	if (strcmp(url, FEEDBACK_PATH) == 0)
		return endpoint_handle(sv->ep, c, method, upload, upload_size,
		    state);
	if (sv->live == NULL)
		return endpoint_text(c, MHD_HTTP_NOT_FOUND, "not found\n");
	if (!get) {
		/* Wait for the whole request line and headers, then refuse. */
		struct MHD_Response *r = MHD_create_response_from_buffer(
		    sizeof("method not allowed\n") - 1,
		    (void *)"method not allowed\n", MHD_RESPMEM_PERSISTENT);
		enum MHD_Result rc;

		if (r == NULL)
			return MHD_NO;
		MHD_add_response_header(r, "Allow", "GET, HEAD");
		rc = MHD_queue_response(c, MHD_HTTP_METHOD_NOT_ALLOWED, r);
		MHD_destroy_response(r);
		return rc;
	}
	if (strcmp(url, EVENTS_PATH) == 0)
		return serve_events(sv, c);
	return serve_page(sv, c, url);
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **state,
    enum MHD_RequestTerminationCode why)
{
	(void)cls;
	(void)c;
	(void)why;
	endpoint_done(state);
}

/* Templates, content or registry changed: pages are made anew at once, the output follows. */
static void *
watch_loop(void *arg)
{
	struct server *sv = arg;

	while (!site_interrupted && !sv->stopping) {
		if (!watch_wait(sv->watch, 500))
			continue;
		live_reload(sv->live);
		pthread_mutex_lock(&sv->lock);
		sv->dirty = 1;
		pthread_cond_signal(&sv->wake);
		pthread_mutex_unlock(&sv->lock);
	}
	return NULL;
}

/* Builds the output directory whenever it is behind, one build at a time. */
static void *
build_loop(void *arg)
{
	struct server *sv = arg;

	pthread_mutex_lock(&sv->lock);
	for (;;) {
		while (!sv->dirty && !sv->stopping)
			pthread_cond_wait(&sv->wake, &sv->lock);
		if (sv->stopping)
			break;
		sv->dirty = 0;
		pthread_mutex_unlock(&sv->lock);
		site_build(sv->o);
		fflush(stdout);
		pthread_mutex_lock(&sv->lock);
	}
	pthread_mutex_unlock(&sv->lock);
	return NULL;
}

/* ADDR:PORT or [ADDR]:PORT, numeric, into *ai (freeaddrinfo it). */
static int
parse_listen(const char *listen, struct addrinfo **ai)
{
	struct addrinfo hints;
	char host[256], *colon;
	int rc;

	snprintf(host, sizeof(host), "%s", listen);
	if ((colon = strrchr(host, ':')) == NULL) {
		util_err(NULL, 0, "--listen takes ADDR:PORT, not '%s'", listen);
		return 0;
	}
	*colon = '\0';
	if (colon[1] == '\0' || strspn(colon + 1, "0123456789") !=
	    strlen(colon + 1) || strlen(colon + 1) > 5 ||
	    atol(colon + 1) > 65535) {
		util_err(NULL, 0, "--listen %s: the port must be a number from "
		    "0 to 65535", listen);
		return 0;
	}
	if (host[0] == '[' && colon[-1] == ']') {
		colon[-1] = '\0';
		memmove(host, host + 1, strlen(host));
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(host, colon + 1, &hints, ai)) != 0) {
		util_err(NULL, 0, "--listen %s: %s", listen, gai_strerror(rc));
		return 0;
	}
	return 1;
}

int
serve_listen_ok(const char *listen)
{
	struct addrinfo *ai;

	if (!parse_listen(listen, &ai))
		return 0;
	freeaddrinfo(ai);
	return 1;
}

static struct MHD_Daemon *
start_daemon(struct server *sv)
{
	struct addrinfo *ai;
	struct MHD_Daemon *d;
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG;

	if (!parse_listen(sv->so->listen, &ai))
		return NULL;
	if (ai->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, 0, NULL, NULL, on_request, sv,
	    MHD_OPTION_SOCK_ADDR, ai->ai_addr,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_STRICT_FOR_CLIENT, 1,
	    MHD_OPTION_END);
	if (d == NULL)
		util_err(NULL, 0, "cannot listen on %s: %s", sv->so->listen,
		    strerror(errno ? errno : EADDRINUSE));
	freeaddrinfo(ai);
	return d;
}

/* The first line: where to point a browser (the port the system chose, for port 0). */
static void
say_listening(const struct server *sv, struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d,
	    MHD_DAEMON_INFO_BIND_PORT);
	const char *colon = strrchr(sv->so->listen, ':');

	printf("portpages: serving %s at http://%.*s:%u%s (answers to %s); "
	    "Ctrl-C stops\n", sv->so->feedback_only ? "answers only" :
	    sv->o->output, (int)(colon - sv->so->listen), sv->so->listen,
	    di ? (unsigned)di->port : 0, sv->so->feedback_only ? FEEDBACK_PATH :
	    "/", sv->so->db);
	fflush(stdout);
}

static void
stop_threads(struct server *sv)
{
	pthread_mutex_lock(&sv->lock);
	sv->stopping = 1;
	pthread_cond_signal(&sv->wake);
	pthread_mutex_unlock(&sv->lock);
	if (sv->threads > 0)
		pthread_join(sv->builder, NULL);
	if (sv->threads > 1)
		pthread_join(sv->watcher, NULL);
}

static int
start_threads(struct server *sv)
{
	sv->dirty = 1;
	if (pthread_create(&sv->builder, NULL, build_loop, sv) != 0)
		return 0;
	sv->threads = 1;
	if (pthread_create(&sv->watcher, NULL, watch_loop, sv) != 0)
		return 0;
	sv->threads = 2;
	return 1;
}

int
serve_run(const struct site_opts *o, const struct serve_opts *so)
{
	struct endpoint_opts eo = { so->db, "", so->trust_proxy, so->rate,
	    !so->feedback_only };
	struct MHD_Daemon *d = NULL;
	struct server sv;
	struct conf conf;
	uint64_t hash = 0;
	int ok = 0;

	memset(&sv, 0, sizeof(sv));
	sv.o = o;
	sv.so = so;
	pthread_mutex_init(&sv.lock, NULL);
	pthread_cond_init(&sv.wake, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* base_url is read once: a change needs a restart. */
	if (!conf_load(&conf, o->content, &hash))
		goto out;
	eo.base_url = conf.base_url;
	if ((sv.ep = endpoint_new(&eo)) == NULL)
		goto out;
	if (!so->feedback_only) {
		if ((sv.watch = watch_new(o)) == NULL)
			goto out;
		sv.live = live_new(o);
	}
	if ((d = start_daemon(&sv)) == NULL)
		goto out;
	say_listening(&sv, d);
	if (!so->feedback_only && !start_threads(&sv)) {
		util_err(NULL, 0, "cannot start a thread");
		goto out;
	}
	while (!site_interrupted)
		usleep(100000);
	ok = 1;
out:
	stop_threads(&sv);
	if (sv.live != NULL)
		live_stop(sv.live);
	if (d != NULL)
		MHD_stop_daemon(d);
	endpoint_free(sv.ep);
	live_free(sv.live);
	watch_free(sv.watch);
	conf_free(&conf);
	pthread_cond_destroy(&sv.wake);
	pthread_mutex_destroy(&sv.lock);
	if (ok && !o->quiet)
		printf("portpages: stopped serving\n");
	return ok;
}
