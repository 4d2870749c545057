/* precompress.c - --precompress: FILE.gz (and FILE.br) beside each text file, for servers that send them as they are */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#ifdef HAVE_BROTLI
#include <brotli/encode.h>
#endif

#include "buf.h"
#include "precompress.h"
#include "util.h"

/*
 * gzip's level 9; Brotli's quality 5, whose files are within 0.2% of
 * quality 9's for pages of this size, at less cost (10 and 11 take minutes).
 */
#define BROTLI_QUALITY 5

#ifdef HAVE_BROTLI
const int precompress_brotli = 1;
#else
const int precompress_brotli = 0;
#endif

static const char *const wanted[] = {
	".html", ".css", ".js", ".json", ".csv", ".xml", ".svg", NULL
};

int
precompress_wanted(const char *rel)
{
	const char *dot = strrchr(rel, '.');
	size_t i;

	for (i = 0; dot != NULL && wanted[i] != NULL; i++)
		if (strcmp(dot, wanted[i]) == 0)
			return 1;
	return 0;
}

/* One worker's compressor: zlib's state is set up once and reset per file. */
struct precompress {
	z_stream	 z;
	buf		 out;
};

struct precompress *
precompress_new(void)
{
	struct precompress *p = xcalloc(1, sizeof(*p));

	/* 15 + 16: a gzip wrapper, whose header zlib writes without name or time. */
	if (deflateInit2(&p->z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9,
	    Z_DEFAULT_STRATEGY) != Z_OK) {
		util_err(NULL, 0, "cannot start zlib: out of memory");
		exit(1);
	}
	return p;
}

void
precompress_free(struct precompress *p)
{
	if (p == NULL)
		return;
	deflateEnd(&p->z);
	buf_free(&p->out);
	free(p);
}

/* data as gzip into p->out. */
static int
gzip_into(struct precompress *p, const char *data, size_t n)
{
	buf *b = &p->out;
	int rc;

	if (deflateReset(&p->z) != Z_OK)
		return 0;
	buf_reset(b);
	buf_grow(b, deflateBound(&p->z, n));
	p->z.next_in = (Bytef *)(uintptr_t)data;
	p->z.avail_in = (uInt)n;
	p->z.next_out = (Bytef *)b->data;
	p->z.avail_out = (uInt)(b->cap - 1);
	rc = deflate(&p->z, Z_FINISH);
	b->len = p->z.total_out;
	return rc == Z_STREAM_END;
}

#ifdef HAVE_BROTLI
static int
brotli_into(buf *b, const char *data, size_t n)
{
	size_t len = BrotliEncoderMaxCompressedSize(n);
	int lgwin = BROTLI_MIN_WINDOW_BITS;

	/* A window no larger than the file: the encoder's memory follows it. */
	while (lgwin < BROTLI_MAX_WINDOW_BITS && ((size_t)1 << lgwin) - 16 < n)
		lgwin++;
	buf_reset(b);
	buf_grow(b, len);
	if (!BrotliEncoderCompress(BROTLI_QUALITY, lgwin,
	    BROTLI_MODE_TEXT, n, (const uint8_t *)data, &len,
	    (uint8_t *)b->data))
		return 0;
	b->len = len;
	return 1;
}
#endif

int
precompress_write(struct precompress *p, struct out *o, const char *rel,
    const char *data, size_t n)
{
	char name[600];

	/* zlib counts in uInt: a page is never near 4 GiB, but say so if one is. */
	if (n > 0xffffffffu || !gzip_into(p, data, n)) {
		util_err(rel, 0, "cannot compress");
		return 0;
	}
	snprintf(name, sizeof(name), "%s.gz", rel);
	if (!out_write(o, name, p->out.data, p->out.len))
		return 0;
#ifdef HAVE_BROTLI
	if (!brotli_into(&p->out, data, n)) {
		util_err(rel, 0, "cannot compress");
		return 0;
	}
	snprintf(name, sizeof(name), "%s.br", rel);
	if (!out_write(o, name, p->out.data, p->out.len))
		return 0;
#endif
	return 1;
}
