/* endpoint.c - POST /feedback: answers taken over HTTP, checked, stored, then acknowledged */
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "answer.h"
#include "endpoint.h"
#include "limit.h"
#include "store.h"
#include "util.h"

#define DISCARD_MAX (64u << 10)

struct endpoint {
	struct endpoint_opts eo;
	struct store	*store;
	struct limit	*limit;
};

/* One request's body as it arrives. */
struct body {
	char	 data[ANSWER_BODY_MAX + 1];
	size_t	 len;
	size_t	 dropped;	/* bytes read past the limit */
	int	 too_big;
};

struct endpoint *
endpoint_new(const struct endpoint_opts *eo)
{
	struct endpoint *e = xcalloc(1, sizeof(*e));

	e->eo = *eo;
	if ((e->store = store_open(eo->db)) == NULL) {
		free(e);
		return NULL;
	}
	e->limit = limit_new(eo->rate);
	return e;
}

void
endpoint_free(struct endpoint *e)
{
	if (e == NULL)
		return;
	store_close(e->store);
	limit_free(e->limit);
	free(e);
}

void
endpoint_done(void **state)
{
	free(*state);
	*state = NULL;
}

enum MHD_Result
endpoint_text(struct MHD_Connection *c, unsigned status, const char *text)
{
	struct MHD_Response *r;
	enum MHD_Result rc;

	r = MHD_create_response_from_buffer(strlen(text), (void *)text,
	    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
		MHD_add_response_header(r, "Allow", "POST");
	if (status == MHD_HTTP_TOO_MANY_REQUESTS)
		MHD_add_response_header(r, "Retry-After", "60");
	rc = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return rc;
}

/*
 * The client the limit counts: the peer's address, or, when the peer is
 * the trusted proxy, the last address in X-Forwarded-For (the one that
 * proxy added; the ones before it are the client's say-so).
 */
static void
client_of(struct endpoint *e, struct MHD_Connection *c, char *host, size_t n)
{
	const union MHD_ConnectionInfo *ci;
	const char *xff, *last;
	socklen_t len;

	host[0] = '\0';
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || ci->client_addr == NULL)
		return;
	len = ci->client_addr->sa_family == AF_INET6 ?
	    sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	if (getnameinfo(ci->client_addr, len, host, (socklen_t)n, NULL, 0,
	    NI_NUMERICHOST) != 0)
		host[0] = '\0';
	if (e->eo.trust_proxy == NULL || strcmp(host, e->eo.trust_proxy) != 0 ||
	    (xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-For")) == NULL)
		return;
	last = strrchr(xff, ',');
	last = last ? last + 1 : xff;
	while (*last == ' ' || *last == '\t')
		last++;
	snprintf(host, n, "%.*s", (int)strcspn(last, " \t"), last);
}

/* The checks made on the headers alone; 0 if the request may go on. */
static unsigned
check_headers(struct endpoint *e, struct MHD_Connection *c, const char *method)
{
	const char *origin, *len, *hosthdr;
	char self[300], client[NI_MAXHOST];

	if (strcmp(method, MHD_HTTP_METHOD_POST) != 0)
		return MHD_HTTP_METHOD_NOT_ALLOWED;
	origin = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	hosthdr = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
	snprintf(self, sizeof(self), "http://%s", hosthdr ? hosthdr : "");
	if (!answer_origin_ok(origin, e->eo.base_url,
	    e->eo.self_ok && hosthdr ? self : NULL))
		return MHD_HTTP_FORBIDDEN;
	if (!answer_type_ok(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type")))
		return MHD_HTTP_UNSUPPORTED_MEDIA_TYPE;
	len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
	if (len != NULL && (strlen(len) > 9 || atol(len) > ANSWER_BODY_MAX))
		return MHD_HTTP_CONTENT_TOO_LARGE;
	client_of(e, c, client, sizeof(client));
	if (!limit_take(e->limit, client))
		return MHD_HTTP_TOO_MANY_REQUESTS;
	return 0;
}

static const char *
status_text(unsigned status)
{
	switch (status) {
	case MHD_HTTP_METHOD_NOT_ALLOWED: return "method not allowed: POST only\n";
	case MHD_HTTP_FORBIDDEN: return "forbidden: answers come from the site's own pages\n";
	case MHD_HTTP_UNSUPPORTED_MEDIA_TYPE: return "unsupported media type: send application/json\n";
	case MHD_HTTP_CONTENT_TOO_LARGE: return "content too large: at most 2048 bytes\n";
	case MHD_HTTP_TOO_MANY_REQUESTS: return "too many answers: try again in a minute\n";
	default: return "cannot store the answer now\n";
	}
}

/* The whole body is in: parse, store, acknowledge. */
static enum MHD_Result
finish(struct endpoint *e, struct MHD_Connection *c, struct body *b)
{
	static const char prefix[] = "bad request: ";
	char msg[160];
	struct answer a;
	const char *why;
	int ok;

	if (b->too_big)
		return endpoint_text(c, MHD_HTTP_CONTENT_TOO_LARGE,
		    status_text(MHD_HTTP_CONTENT_TOO_LARGE));
	if ((why = answer_parse(b->data, b->len, &a)) != NULL) {
		snprintf(msg, sizeof(msg), "%s%s\n", prefix, why);
		return endpoint_text(c, MHD_HTTP_BAD_REQUEST, msg);
	}
	ok = store_add(e->store, a.port, a.yes, a.comment);
	free(a.comment);
	return ok ? endpoint_text(c, MHD_HTTP_NO_CONTENT, "") :
	    endpoint_text(c, MHD_HTTP_SERVICE_UNAVAILABLE,
	    status_text(MHD_HTTP_SERVICE_UNAVAILABLE));
}

enum MHD_Result
endpoint_handle(struct endpoint *e, struct MHD_Connection *c,
    const char *method, const char *upload, size_t *upload_size,
    void **state)
{
	struct body *b = *state;
	unsigned status;

	if (b == NULL) {
		if ((status = check_headers(e, c, method)) != 0)
			return endpoint_text(c, status, status_text(status));
		*state = b = xcalloc(1, sizeof(*b));
		return MHD_YES;
	}
	if (*upload_size == 0)
		return finish(e, c, b);
	/*
	 * MHD answers only once the body is in: a body without a length is
	 * read and dropped up to DISCARD_MAX for its 413, then cut off.
	 */
	if (b->too_big || b->len + *upload_size > ANSWER_BODY_MAX) {
		b->too_big = 1;
		if ((b->dropped += *upload_size) > DISCARD_MAX)
			return MHD_NO;
	} else {
		memcpy(b->data + b->len, upload, *upload_size);
		b->len += *upload_size;
	}
	*upload_size = 0;
	return MHD_YES;
}
