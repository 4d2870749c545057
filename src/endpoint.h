/* endpoint.h - POST /feedback: answers taken over HTTP, checked, stored, then acknowledged */
#ifndef ENDPOINT_H
#define ENDPOINT_H

#include <microhttpd.h>

struct endpoint_opts {
	const char	*db;		/* the SQLite file */
	const char	*base_url;	/* "" or the site's; other origins get 403 */
	const char	*trust_proxy;	/* NULL, or the proxy whose X-Forwarded-For counts */
	unsigned	 rate;		/* answers a minute per client; 0: no limit */
	int		 self_ok;	/* pages served by this server may answer */
};

struct endpoint;

/* Opens the store. Returns NULL on failure (reported); free with endpoint_free. */
struct endpoint *endpoint_new(const struct endpoint_opts *eo);

/* Commits what is queued and closes the store; NULL is fine. */
void endpoint_free(struct endpoint *e);

/*
 * Handles one call of the MHD access handler for the feedback path:
 * 405 for a method but POST, 403 for a foreign Origin, 415 for a body
 * that is not application/json, 413 for one over 2048 bytes, 429 over the
 * client's limit, 400 for an answer that is not exactly right, 503 if it
 * cannot be stored, and 204 only once it is committed. *state is the
 * request's, freed by endpoint_done.
 */
enum MHD_Result endpoint_handle(struct endpoint *e, struct MHD_Connection *c,
    const char *method, const char *upload, size_t *upload_size,
    void **state);
void endpoint_done(void **state);

/* Queues a response of status with a fixed text (never what the client sent). */
enum MHD_Result endpoint_text(struct MHD_Connection *c, unsigned status,
    const char *text);

#endif
