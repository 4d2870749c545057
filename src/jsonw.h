/* jsonw.h - writing JSON into a buf, the bytes jansson's compact dump writes */
#ifndef JSONW_H
#define JSONW_H

#include "buf.h"

/*
 * Appends s as a JSON string, escaped as jansson escapes it (" \ and C0
 * controls; \uXXXX in upper case; nothing else). Bytes that are not
 * UTF-8 become U+FFFD, as util_utf8_clean makes them.
 */
void jsonw_str(buf *b, const char *s);

/* Appends ,"key": (first: without the comma); key is plain ASCII. */
void jsonw_key(buf *b, const char *key, int first);

#endif
