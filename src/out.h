/* out.h - the output directory: atomic writes, only what changed, a manifest */
#ifndef OUT_H
#define OUT_H

#include <stddef.h>
#include <stdint.h>

struct out;

struct out_stats {
	size_t	written;
	size_t	unchanged;
	size_t	removed;
};

/*
 * Opens (creating it if needed) the output directory, takes its lock
 * (waiting for another build that holds it, or with nowait failing) and
 * reads the manifest of the previous build. Returns NULL (error reported)
 * if dir cannot be created, written or locked; free with out_close, which
 * lets go of the lock.
 */
struct out *out_open(const char *dir, int nowait);

/*
 * 1 if the previous build finished with the same inputs and every file
 * it wrote stands as it left it (uptodate_check: by its directory, else
 * by its size and mtime), else 0, and the manifest is loaded for a build
 * that writes.
 */
int out_uptodate(struct out *o, uint64_t inputs);

/*
 * Makes room to list n files (with those of the last build) before a
 * build's threads write them, so that they never wait for the table to
 * grow. A hint: more files still fit.
 */
void out_reserve(struct out *o, size_t n);

/*
 * Creates subdirectory rel, or removes the temporary files a killed build
 * left in it. Returns 0 on failure (reported), else 1.
 */
int out_mkdir(struct out *o, const char *rel);

/*
 * Makes rel hold data: if its bytes are already data it is left alone
 * (mtime kept); otherwise it is written to a temporary file and renamed
 * into place, so readers see old or new bytes, never a mix. Safe to call
 * from several threads at once for different files. Returns 0 on failure
 * (reported), else 1.
 */
int out_write(struct out *o, const char *rel, const char *data, size_t n);

/*
 * A file too large to hold in memory, written piece by piece with what
 * out_write promises: out_stream_close publishes it whole, or leaves rel
 * alone when its bytes are already those. out_stream_open returns NULL
 * (reported) if the file cannot be created; out_stream_write returns 0
 * (reported) once a write has failed. out_stream_close frees s (NULL is
 * fine) and, unless ok, drops what was written; it returns 0 if !ok or
 * on failure (reported), else 1. Threads may stream different files at
 * once.
 */
struct out_stream *out_stream_open(struct out *o, const char *rel);
int out_stream_write(struct out_stream *s, const char *data, size_t n);
int out_stream_close(struct out_stream *s, int ok);

/*
 * Finishes a build. With ok, removes the files the previous build wrote
 * and this one did not (unless keep_old, for partial builds), then writes
 * the manifest and the inputs stamp. Frees o (NULL is fine). Returns 0 on
 * failure (reported), else 1; *st (may be NULL) gets the counts.
 */
int out_close(struct out *o, int ok, int keep_old, uint64_t inputs,
    struct out_stats *st);

#endif
