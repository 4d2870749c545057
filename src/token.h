/* token.h - the placeholders' prefix: letters no template text can spell */
#ifndef TOKEN_H
#define TOKEN_H

#include <stddef.h>

/*
 * Writes to token (size bytes, at least 7) a placeholder prefix (a
 * letter, "Pv", three letters) that none of the ntexts expanded templates
 * contains, nor could spell where ctemplate joins the text on either side
 * of a marker (a hidden section, a missing value), nor through a
 * character reference cmark decodes. Returns 0, reporting it against dir,
 * when every prefix is taken.
 */
int token_choose(char *token, size_t size, const char *const *texts,
    size_t ntexts, const char *dir);

#endif
