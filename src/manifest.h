/* manifest.h - what a build wrote: each file's path, hash and size, and the table of them */
#ifndef MANIFEST_H
#define MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct arena;

struct manifest_entry {
	char		*path;		/* NULL: an empty slot */
	uint64_t	 key;		/* manifest_key(path) */
	uint64_t	 hash;		/* of the file's bytes */
	size_t		 size;
	int		 seen;		/* written or confirmed by this build */
};

/*
 * The previous build's manifest as text, one string per line, and a table
 * of files by path (open addressing) that the lines go into only when a
 * build needs it: a no-op build reads the lines as they are.
 */
struct manifest {
	struct manifest_entry *e;
	size_t		 cap, n;
	struct arena	*paths;		/* the entries' paths */
	char		*text;		/* the lines, NUL-separated */
	size_t		 len, lines;
	int		 loaded;	/* the lines are in the table */
};

/* An empty manifest with a small table. Release with manifest_release. */
void manifest_init(struct manifest *m);

/* Frees what m holds; m is then empty and must be initialised again. */
void manifest_release(struct manifest *m);

/*
 * Takes text (len bytes, a malloc'd string, freed by manifest_release) as
 * the previous build's manifest and makes each line a string; a last line
 * without its newline is left out.
 */
void manifest_set_text(struct manifest *m, char *text, size_t len);

/*
 * The path of line s ("HASH SIZE PATH"), with its hash and size; NULL if it
 * is not such a line or its path is absolute or has "..": the manifest is
 * not trusted.
 */
char *manifest_line(char *s, uint64_t *hash, size_t *size);

/* Puts the lines in the table, once. */
void manifest_load(struct manifest *m);

/*
 * Makes room for n entries in all (at most three quarters of the table),
 * so that adding them does not grow it.
 */
void manifest_reserve(struct manifest *m, size_t n);

/* The key the table files path under. */
uint64_t manifest_key(const char *path);

/* The hash a manifest line holds for a file's n bytes of data. */
uint64_t manifest_hash(const void *data, size_t n);

/*
 * The same hash, made piece by piece: manifest_hasher_value gives what
 * manifest_hash gives for the pieces added so far, joined. _new exits on
 * out of memory, like xmalloc; free with manifest_hasher_free (NULL is
 * fine).
 */
struct manifest_hasher *manifest_hasher_new(void);
void manifest_hasher_add(struct manifest_hasher *h, const void *data,
    size_t n);
uint64_t manifest_hasher_value(const struct manifest_hasher *h);
void manifest_hasher_free(struct manifest_hasher *h);

/* The entry of path (key: its manifest_key), or the empty slot where it would go. */
struct manifest_entry *manifest_find(struct manifest *m, const char *path,
    uint64_t key);

/* The entry of path, added (zeroed, path copied) if it is not in the table. */
struct manifest_entry *manifest_add(struct manifest *m, const char *path,
    uint64_t key);

/* Appends the manifest of every entry in the table to b, sorted by path. */
void manifest_print(const struct manifest *m, buf *b);

#endif
