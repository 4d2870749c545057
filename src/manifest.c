/* manifest.c - what a build wrote: each file's path, hash and size, and the table of them */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "arena.h"
#include "manifest.h"
#include "util.h"

void
manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof(*m));
	m->cap = 1024;
	m->e = xcalloc(m->cap, sizeof(*m->e));
}

void
manifest_release(struct manifest *m)
{
	arena_free(m->paths);
	free(m->text);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

void
manifest_set_text(struct manifest *m, char *text, size_t len)
{
	char *p;

	m->text = text;
	for (p = text; (p = memchr(p, '\n', len - (size_t)(p - text))) != NULL;
	    p++) {
		*p = '\0';
		m->len = (size_t)(p - text) + 1;
		m->lines++;
	}
}

/* The value of hex digit c (as manifest_print writes them), or -1. */
static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *
manifest_line(char *s, uint64_t *hash, size_t *size)
{
	uint64_t h = 0;
	size_t n = 0;
	int d, i;

	/* 65,000 lines for a no-op build to read: digits by hand, not strtoull. */
	for (i = 0; i < 16; i++, s++) {
		if ((d = hex_digit(*s)) < 0)
			return NULL;
		h = h << 4 | (uint64_t)d;
	}
	if (*s++ != ' ' || *s < '0' || *s > '9')
		return NULL;
	for (; *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (size_t)(*s - '0');
	if (*s != ' ' || s[1] == '\0' || s[1] == '/' ||
	    strstr(s + 1, "..") != NULL)
		return NULL;
	*hash = h;
	*size = n;
	return s + 1;
}

uint64_t
manifest_key(const char *path)
{
	return util_hash(UTIL_HASH_INIT, path, strlen(path));
}

uint64_t
manifest_hash(const void *data, size_t n)
{
	/*
	 * A gigabyte a build: xxHash's XXH3 in its plain build (SSE2 on
	 * x86-64, 0.86 us a page here). Not the x86 dispatcher's AVX-512 one
	 * (0.30 us): with it a whole build took 12-18% longer on the
	 * project's machine, its system time too, as a core runs at a lower
	 * clock for a while after heavy AVX-512 work and the kernel copies
	 * the pages on the same core.
	 */
	return XXH3_64bits(data, n);
}

struct manifest_hasher {
	XXH3_state_t	*st;
};

struct manifest_hasher *
manifest_hasher_new(void)
{
	struct manifest_hasher *h = xmalloc(sizeof(*h));

	/* The state is aligned for SIMD loads: xxHash allocates it. */
	if ((h->st = XXH3_createState()) == NULL)
		util_oom();
	XXH3_64bits_reset(h->st);
	return h;
}

void
manifest_hasher_add(struct manifest_hasher *h, const void *data, size_t n)
{
	XXH3_64bits_update(h->st, data, n);
}

uint64_t
manifest_hasher_value(const struct manifest_hasher *h)
{
	return XXH3_64bits_digest(h->st);
}

void
manifest_hasher_free(struct manifest_hasher *h)
{
	if (h == NULL)
		return;
	XXH3_freeState(h->st);
	free(h);
}

struct manifest_entry *
manifest_find(struct manifest *m, const char *path, uint64_t key)
{
	size_t i = (size_t)key & (m->cap - 1);

	/* Keys first: a probe then rarely reads a path it does not want. */
	while (m->e[i].path != NULL && (m->e[i].key != key ||
	    strcmp(m->e[i].path, path) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

void
manifest_reserve(struct manifest *m, size_t n)
{
	struct manifest_entry *old = m->e;
	size_t oldcap = m->cap, i;

	if (n * 4 <= m->cap * 3)
		return;
	while (n * 4 > m->cap * 3)
		m->cap *= 2;
	/*
	 * Written now, by the one thread that holds the table: the build's
	 * threads would otherwise read its untouched pages first (mapping the
	 * kernel's zero page) and write them next, which costs every CPU a TLB
	 * flush, 1,280 times a build.
	 */
	m->e = xmalloc(m->cap * sizeof(*m->e));
	memset(m->e, 0, m->cap * sizeof(*m->e));
	for (i = 0; i < oldcap; i++)
		if (old[i].path != NULL)
			*manifest_find(m, old[i].path, old[i].key) = old[i];
	free(old);
}

struct manifest_entry *
manifest_add(struct manifest *m, const char *path, uint64_t key)
{
	struct manifest_entry *e;

	manifest_reserve(m, m->n + 1);
	e = manifest_find(m, path, key);
	if (e->path == NULL) {
		memset(e, 0, sizeof(*e));
		e->path = arena_dup(&m->paths, path, strlen(path));
		e->key = key;
		m->n++;
	}
	return e;
}

void
manifest_load(struct manifest *m)
{
	struct manifest_entry *e;
	char *p, *path;
	uint64_t h;
	size_t size;

	if (m->loaded)
		return;
	m->loaded = 1;
	if (m->text == NULL)
		return;
	manifest_reserve(m, m->lines);
	for (p = m->text; p < m->text + m->len; p += strlen(p) + 1) {
		if ((path = manifest_line(p, &h, &size)) == NULL)
			continue;
		e = manifest_add(m, path, manifest_key(path));
		e->hash = h;
		e->size = size;
	}
}

/* "%016llx %zu %s\n" of the hash, size and path, without printf (65,000 lines). */
static void
put_line(buf *b, const struct manifest_entry *e)
{
	static const char hex[] = "0123456789abcdef";
	char h[17];
	int i;

	for (i = 0; i < 16; i++)
		h[i] = hex[(e->hash >> (60 - 4 * i)) & 15];
	h[16] = ' ';
	buf_put(b, h, 17);
	buf_putu(b, e->size);
	buf_putc(b, ' ');
	buf_puts(b, e->path);
	buf_putc(b, '\n');
}

/* A path's first 8 bytes as a number that orders as strcmp orders them. */
static uint64_t
path_prefix(const char *path)
{
	uint64_t k = 0;
	int i;

	for (i = 0; i < 8; i++) {
		k = k << 8 | (unsigned char)*path;
		if (*path != '\0')
			path++;
	}
	return k;
}

/* One entry to sort: its path's prefix, and the entry. */
struct sortable {
	uint64_t	 key;
	const struct manifest_entry *e;
};

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct sortable *)a)->e->path,
	    ((const struct sortable *)b)->e->path);
}

/*
 * Sorts v (n of them, tmp as many) by path: by the prefixes first, a byte
 * a pass from the last, then each run of equal prefixes by strcmp. This
 * runs on one thread at the end of every build, and qsort with strcmp
 * over 65,000 paths cost more than the rest of the build's end together.
 */
static void
sort_by_path(struct sortable *v, struct sortable *tmp, size_t n)
{
	size_t count[257], i, j, start;
	struct sortable *from = v, *to = tmp, *swap;
	int pass, shift;

	for (pass = 0; pass < 8; pass++) {
		shift = 8 * pass;
		memset(count, 0, sizeof(count));
		for (i = 0; i < n; i++)
			count[((from[i].key >> shift) & 255) + 1]++;
		for (i = 1; i < 257; i++)
			count[i] += count[i - 1];
		for (i = 0; i < n; i++)
			to[count[(from[i].key >> shift) & 255]++] = from[i];
		swap = from;
		from = to;
		to = swap;
	}
	for (start = 0; start < n; start = j) {
		for (j = start + 1; j < n && v[j].key == v[start].key; j++)
			;
		if (j - start > 1)
			qsort(v + start, j - start, sizeof(*v), by_path);
	}
}

void
manifest_print(const struct manifest *m, buf *b)
{
	struct sortable *v = xmalloc((2 * m->n + 1) * sizeof(*v));
	size_t i, k = 0;

	for (i = 0; i < m->cap; i++)
		if (m->e[i].path != NULL)
			v[k++] = (struct sortable){ path_prefix(m->e[i].path),
			    &m->e[i] };
	sort_by_path(v, v + k, k);
	for (i = 0; i < k; i++)
		put_line(b, v[i].e);
	free(v);
}
