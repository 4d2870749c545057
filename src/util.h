/* util.h - allocation wrappers, error reporting, files, hashing, UTF-8 */
#ifndef UTIL_H
#define UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Says "portpages: out of memory" and exits 1: what the x-wrappers do on failure. */
void util_oom(void);
/* Allocation wrappers: on failure they print one line and exit(1). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/*
 * Prints "portpages: FILE:LINE: message" to stderr; without a line
 * (line == 0) "portpages: FILE: message"; without a file "portpages: message".
 */
void util_err(const char *file, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* As util_err, with "warning: " before the message; silenced by util_quiet. */
void util_warn(const char *file, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

extern int util_quiet;

/*
 * The next field of *s, fields being separated by blanks (space, tab, CR,
 * LF): NUL-terminated in place, *s moved past it; NULL when none is left.
 * What strtok_r(" \t\r\n") does, without setting up its set of
 * separators on every call (the lists have tens of thousands of lines).
 */
char *util_field(char **s);

/*
 * Reads a whole file into a NUL-terminated buffer of at most max bytes.
 * Returns NULL (error reported) on failure or when the file is larger;
 * the caller frees the result.
 */
char *util_file_read(const char *path, size_t max, size_t *len);

/* Writes all n bytes of data to fd, through short writes and EINTR: 0 (errno set) on failure, else 1. */
int util_fd_write(int fd, const void *data, size_t n);

/*
 * Hashes the bytes of the file at path into *h. Returns 0 with errno set
 * (nothing reported: callers say what the file was) if it cannot be read.
 */
int util_file_hash(const char *path, uint64_t *h);

/* A 64-bit hash of n bytes, continuing from h (start with UTIL_HASH_INIT). */
#define UTIL_HASH_INIT 0xcbf29ce484222325ULL
uint64_t util_hash(uint64_t h, const void *p, size_t n);

/* Writes v in decimal and a NUL to s (room for 21 bytes); returns the digits. */
size_t util_utoa(unsigned long v, char *s);

/*
 * Copies n bytes of s to a new NUL-terminated string in which invalid
 * UTF-8, NUL and C0 controls other than tab and newline, and the Unicode
 * bidirectional override and isolate controls are each replaced by U+FFFD.
 * *bad (may be NULL) receives the count of replacements. Caller frees;
 * the allocation is sized for the worst case, 3n + 1 bytes, so a caller
 * that keeps the string long may cut it to its length.
 */
char *util_utf8_clean(const char *s, size_t n, size_t *bad);

/*
 * Length of the longest prefix of s that util_utf8_clean copies as it is
 * (n if it would change nothing): lets a caller skip the copy.
 */
size_t util_utf8_clean_len(const char *s, size_t n);

/* Length of the longest valid UTF-8 prefix of s (n if all of it is valid). */
size_t util_utf8_valid(const char *s, size_t n);

/*
 * 1 if s (n > 0 bytes) holds only characters a URL may carry unescaped in
 * an HTML attribute (letters, digits, -._~:/?#@!$+,;=%&), else 0.
 */
int util_url_safe(const char *s, size_t n);

/* Monotonic clock in seconds. */
double util_now(void);

struct stat;

/* A file's modification and status-change times, in nanoseconds. */
int64_t util_mtime_ns(const struct stat *st);
int64_t util_ctime_ns(const struct stat *st);

/* Joins a and b with one '/'. Caller frees. */
char *util_path_join(const char *a, const char *b);

/*
 * The names in directory path that do not start with '.' and end in
 * suffix (NULL: any), sorted bytewise, NULL-terminated, *n of them.
 * Returns NULL with errno set if the directory cannot be read (nothing
 * reported: callers word the error); free with util_list_free.
 */
char **util_dir_list(const char *path, const char *suffix, size_t *n);
void util_list_free(char **list);

#endif
