/* nmap.h - nmap's service list: names and how often nmap finds each port open */
#ifndef NMAP_H
#define NMAP_H

#include <stddef.h>
#include <stdint.h>

#include "port.h"

#define NMAP_TOP 1000		/* nmap's default scan: its 1,000 most open ports */

enum { NMAP_TCP, NMAP_UDP, NMAP_SCTP, NMAP_NPROTO };

/* One line of nmap-services: "name port/proto frequency [# comment]". */
struct nmap_entry {
	const char	*name;
	unsigned	 port;
	unsigned	 proto;		/* NMAP_TCP ... */
	double		 freq;		/* share of scanned hosts it was open on */
};

struct nmap {
	char		*path;
	char		 date[11];	/* from its $Id line, or "" */
	struct nmap_entry *e;
	size_t		 n, cap;
	int32_t		 at[PORT_COUNT][NMAP_NPROTO];	/* index into e, or -1 */
	uint32_t	 rank[PORT_COUNT][2];	/* TCP, UDP: 1 = most open; 0 = none */
	uint32_t	*order[2];	/* ports by rank (TCP, UDP), norder[] of them */
	size_t		 norder[2];
	struct arena	*arena;
};

/*
 * Loads an nmap-services file. Malformed lines are warnings with
 * FILE:LINE and skipped. Returns NULL (error reported) if it cannot be
 * read or holds no entry; free with nmap_free (NULL is fine).
 */
struct nmap *nmap_load(const char *path);
void nmap_free(struct nmap *m);

/* The entry for port and proto, or NULL. */
const struct nmap_entry *nmap_at(const struct nmap *m, unsigned port,
    unsigned proto);

/* 1 if port is among the NMAP_TOP most open TCP or UDP ports, else 0. */
int nmap_often_open(const struct nmap *m, unsigned port);

#endif
