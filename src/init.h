/* init.h - creating a new site directory from the default templates and content */
#ifndef INIT_H
#define INIT_H

/*
 * Creates dir (which must not exist or be empty) holding copies of
 * templates/ from tdir and content/ from cdir, and prints the next
 * commands. Returns 0 on failure (reported), else 1.
 */
int init_site(const char *dir, const char *tdir, const char *cdir);

#endif
