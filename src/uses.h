/* uses.h - content/uses.csv: what really runs on ports, each fact with its source */
#ifndef USES_H
#define USES_H

#include <stddef.h>
#include <stdint.h>

#include "port.h"

/* A range wider than this is a platform range (ephemeral, NodePort), not one use. */
#define USES_WIDE 256

enum uses_kind { USES_DEFAULT, USES_OS, USES_COMMON, USES_MALWARE, USES_NKINDS };

/* One row: a use of a port or range by one piece of software. */
struct uses_row {
	unsigned	 lo, hi;
	unsigned	 protos;	/* REGISTRY_TCP | REGISTRY_UDP | REGISTRY_SCTP */
	const char	*name;
	enum uses_kind	 kind;
	const char	*note;
	const char	*source;	/* an https:// URL */
	size_t		 line;
};

struct uses {
	char		*path;
	struct uses_row	*r;		/* in file order */
	size_t		 n, cap;
	uint32_t	 off[PORT_COUNT + 1];	/* rows of port p: at[off[p]..off[p+1]) */
	const struct uses_row **at;
	uint32_t	 noff[PORT_COUNT + 1];	/* names of port p: names[noff[p]..noff[p+1]) */
	const char	**names;
	struct arena	*arena;
};

/* 1 if r spans more than USES_WIDE ports: a platform range, not one use. */
int uses_row_wide(const struct uses_row *r);

/* "default", "os", "common", "malware". */
const char *uses_kind_name(enum uses_kind k);

/*
 * Reads path into *text (*len bytes; NULL when the file is missing, which
 * is an empty list, not an error) and hashes its bytes into *hash.
 * Returns 0 (error reported) if it cannot be read; the caller frees *text.
 */
int uses_read(const char *path, uint64_t *hash, char **text, size_t *len);

/*
 * The list in text (len bytes, uses_read's; NULL: none) read from path.
 * Every rule of docs/USES-FORMAT.md that a loader can check is checked: a
 * row that breaks one is an error naming FILE:LINE. Returns NULL on
 * error; free with uses_free (NULL is fine).
 */
struct uses *uses_parse(const char *path, char *text, size_t len);
void uses_free(struct uses *u);

/* The rows that cover port, in file order: *n of them. */
const struct uses_row *const *uses_at(const struct uses *u, unsigned port,
    size_t *n);

/*
 * The names of the software known to use port, each once, in file order:
 * *n of them. A row wider than USES_WIDE is a platform range, not one
 * use, and names nothing here.
 */
const char *const *uses_names_at(const struct uses *u, unsigned port,
    size_t *n);

#endif
