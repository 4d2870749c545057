/* limit.h - at most so many answers a minute from one client */
#ifndef LIMIT_H
#define LIMIT_H

struct limit;

/*
 * A limit of per_minute requests a minute from each client (a burst of
 * per_minute, refilled evenly); 0 for no limit. Clients are kept by a
 * keyed hash of their address in a table of fixed size: no address is
 * kept, and memory does not grow with the number of clients. Free with
 * limit_free (NULL is fine).
 */
struct limit *limit_new(unsigned per_minute);
void limit_free(struct limit *l);

/* Takes one request of client's allowance: 1 if it may go on, 0 if it is over. Thread-safe. */
int limit_take(struct limit *l, const char *client);

#endif
