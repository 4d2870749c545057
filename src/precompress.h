/* precompress.h - --precompress: FILE.gz (and FILE.br) beside each text file, for servers that send them as they are */
#ifndef PRECOMPRESS_H
#define PRECOMPRESS_H

#include <stddef.h>

#include "out.h"

/* 1 if this build of portpages writes .br files too (built with libbrotli). */
extern const int precompress_brotli;

/* 1 if rel is a file worth compressing: .html .css .js .json .csv .xml .svg. */
int precompress_wanted(const char *rel);

/* One thread's compressor; exits on out of memory, like xmalloc. */
struct precompress *precompress_new(void);
void precompress_free(struct precompress *p);

/*
 * Writes rel.gz (and rel.br) holding data (n bytes) compressed, through
 * out_write: only what changed is written. The bytes depend on data alone
 * (no name, no time in the gzip header). Returns 0 on failure (reported),
 * else 1.
 */
int precompress_write(struct precompress *p, struct out *o, const char *rel,
    const char *data, size_t n);

#endif
