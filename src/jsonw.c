/* jsonw.c - writing JSON into a buf, the bytes jansson's compact dump writes */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "util.h"

/* What each byte becomes inside a JSON string; NULL: itself. */
static const char *const json_escapes[256] = {
	"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005",
	"\\u0006", "\\u0007", "\\b", "\\t", "\\n", "\\u000B", "\\f", "\\r",
	"\\u000E", "\\u000F", "\\u0010", "\\u0011", "\\u0012", "\\u0013",
	"\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
	"\\u001A", "\\u001B", "\\u001C", "\\u001D", "\\u001E", "\\u001F",
	['"'] = "\\\"", ['\\'] = "\\\\"
};

void
jsonw_str(buf *b, const char *s)
{
	size_t n = strlen(s), i, start = 0;
	char *clean = NULL;

	if (util_utf8_valid(s, n) != n) {
		s = clean = util_utf8_clean(s, n, NULL);
		n = strlen(s);
	}
	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (json_escapes[(unsigned char)s[i]] == NULL)
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, json_escapes[(unsigned char)s[i]]);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
	buf_putc(b, '"');
	free(clean);
}

void
jsonw_key(buf *b, const char *key, int first)
{
	buf_puts(b, first ? "\"" : ",\"");
	buf_puts(b, key);
	buf_puts(b, "\":");
}
