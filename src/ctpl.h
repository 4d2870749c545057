/* ctpl.h - C interface to the ctemplate library (implemented in ctpl.cc) */
#ifndef CTPL_H
#define CTPL_H

#include <stddef.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ctpl ctpl;
typedef struct ctpl_dict ctpl_dict;

/*
 * Compiles template text (not stripped: Markdown needs its whitespace).
 * Returns NULL when ctemplate rejects it; the caller frees the result
 * with ctpl_free.
 */
ctpl *ctpl_compile(const char *text, size_t len);
void ctpl_free(ctpl *t);

/* A new empty dictionary, or NULL on failure; free with ctpl_dict_free. */
ctpl_dict *ctpl_dict_new(void);
void ctpl_dict_free(ctpl_dict *d);

/* Sets a variable; the value is copied. Returns 0 on failure, else 1. */
int ctpl_dict_set(ctpl_dict *d, const char *name, const char *value,
    size_t len);

/*
 * Adds one repetition of a section. Returns its dictionary, owned by d,
 * or NULL on failure.
 */
ctpl_dict *ctpl_dict_add(ctpl_dict *d, const char *section);

/* Appends the expansion of t with d to out. Returns 0 on failure, else 1. */
int ctpl_expand(const ctpl *t, const ctpl_dict *d, buf *out);

#ifdef __cplusplus
}
#endif

#endif
