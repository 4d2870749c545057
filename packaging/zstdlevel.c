/* zstdlevel.c - LD_PRELOAD for zimwriterfs: libzim's zstd level, from ZIM_ZSTD_LEVEL */
/*
 * libzim 8 (Debian 12) starts every cluster's stream at zstd level 19 and
 * offers no setting. On 65,536 pages made from one set of templates that
 * runs at about 0.25 MB/s: an hour of CPU for the site. Level 9 takes two
 * minutes and makes a ZIM 1.5% larger. packaging/mkzim.sh builds this and
 * preloads it; a libzim that does not call ZSTD_initCStream is unaffected.
 * Build: cc -shared -fPIC -o zstdlevel.so zstdlevel.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>

typedef struct ZSTD_CCtx_s ZSTD_CStream;
typedef size_t (*init_fn)(ZSTD_CStream *, int);

/* zstd's own function with the level from ZIM_ZSTD_LEVEL (1 to 19), if set. */
size_t
ZSTD_initCStream(ZSTD_CStream *zcs, int level)
{
	static init_fn real;
	const char *e = getenv("ZIM_ZSTD_LEVEL");
	int want = e != NULL ? atoi(e) : 0;

	if (real == NULL)
		real = (init_fn)dlsym(RTLD_NEXT, "ZSTD_initCStream");
	if (real == NULL)
		abort();
	return real(zcs, want >= 1 && want <= 19 ? want : level);
}
