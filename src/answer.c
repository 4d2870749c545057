/* answer.c - one "Was this page helpful?" answer as a reader sends it, checked strictly */
#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "answer.h"
#include "util.h"

/* Characters (not bytes) of valid UTF-8 s: every byte but continuation bytes. */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

static const char *
answer_fields(json_t *root, struct answer *a)
{
	json_t *port, *answer, *comment;
	const char *ans;
	json_int_t n;

	if (!json_is_object(root))
		return "the body must be a JSON object";
	port = json_object_get(root, "port");
	answer = json_object_get(root, "answer");
	comment = json_object_get(root, "comment");
	if (json_object_size(root) != 2u + (comment != NULL) || port == NULL ||
	    answer == NULL)
		return "the body must have port and answer, may have comment, "
		    "and nothing else";
	if (!json_is_integer(port) || (n = json_integer_value(port)) < 0 ||
	    n > 65535)
		return "port must be an integer from 0 to 65535";
	if (!json_is_string(answer) || ((ans = json_string_value(answer)),
	    strcmp(ans, "yes") != 0 && strcmp(ans, "no") != 0))
		return "answer must be \"yes\" or \"no\"";
	if (comment != NULL && (!json_is_string(comment) ||
	    utf8_chars(json_string_value(comment), json_string_length(comment)) >
	    ANSWER_COMMENT_MAX))
		return "comment must be a string of at most 500 characters";
	a->port = (unsigned)n;
	a->yes = strcmp(ans, "yes") == 0;
	a->comment = xstrdup(comment ? json_string_value(comment) : "");
	return NULL;
}

const char *
answer_parse(const char *body, size_t len, struct answer *a)
{
	json_error_t err;
	json_t *root;
	const char *why;

	memset(a, 0, sizeof(*a));
	if (len > ANSWER_BODY_MAX)
		return "the body is larger than 2048 bytes";
	/* Strict: one value, no duplicate keys, no NUL, valid UTF-8 (jansson's default). */
	if ((root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &err)) == NULL)
		return "the body is not valid JSON";
	why = answer_fields(root, a);
	json_decref(root);
	return why;
}

int
answer_type_ok(const char *type)
{
	static const char json[] = "application/json";
	size_t n = sizeof(json) - 1;

	if (type == NULL || strncasecmp(type, json, n) != 0)
		return 0;
	type += n;
	while (*type == ' ' || *type == '\t')
		type++;
	if (*type == '\0')
		return 1;
	if (*type++ != ';')
		return 0;
	while (*type == ' ' || *type == '\t')
		type++;
	return strcasecmp(type, "charset=utf-8") == 0 ||
	    strcasecmp(type, "charset=\"utf-8\"") == 0;
}

/* 1 if origin is base's scheme://host[:port] (base's path left out). */
static int
same_origin(const char *origin, const char *base)
{
	const char *host = strstr(base, "://"), *end;

	if (host == NULL)
		return 0;
	end = strchr(host + 3, '/');
	if (end == NULL)
		end = base + strlen(base);
	return strlen(origin) == (size_t)(end - base) &&
	    strncasecmp(origin, base, (size_t)(end - base)) == 0;
}

int
answer_origin_ok(const char *origin, const char *base_url, const char *self)
{
	if (origin == NULL || base_url[0] == '\0')
		return 1;
	return same_origin(origin, base_url) ||
	    (self != NULL && strcasecmp(origin, self) == 0);
}
