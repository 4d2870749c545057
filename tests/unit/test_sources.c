/* test_sources.c - nmap's list, uses.csv and the verdict rules, on small fixtures */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "content.h"
#include "model.h"
#include "nmap.h"
#include "registry.h"
#include "util.h"
#include "uses.h"

static char dir[64];

/* Writes text to dir/name; returns the path (static). */
static const char *
put(const char *name, const char *text)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	return path;
}

static int
setup(void **state)
{
	(void)state;
	util_quiet = 1;
	snprintf(dir, sizeof(dir), "/tmp/pp-src-XXXXXX");
	return mkdtemp(dir) == NULL;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd);
}

static void
test_nmap(void **state)
{
	struct nmap *m;

	(void)state;
	m = nmap_load(put("nmap", "# $Id: nmap-services 1 2022-08-31 x $\n"
	    "http\t80/tcp\t0.484143\t# World Wide Web HTTP\n"
	    "ssh\t22/tcp\t0.182286\n"
	    "domain\t53/udp\t0.213496\n"
	    "zero\t9/tcp\t0.000000\n"
	    "bad\t70000/tcp\t0.1\n"
	    "bad\t81/icmp\t0.1\n"
	    "bad\t82/tcp\t2.5\n"
	    "http\t80/tcp\t0.5\n"));
	assert_non_null(m);
	assert_string_equal(m->date, "2022-08-31");
	assert_int_equal(m->n, 4);
	assert_string_equal(nmap_at(m, 80, NMAP_TCP)->name, "http");
	assert_null(nmap_at(m, 80, NMAP_UDP));
	/* Ranked by frequency, TCP and UDP apart; never-open ports unranked. */
	assert_int_equal(m->rank[80][NMAP_TCP], 1);
	assert_int_equal(m->rank[22][NMAP_TCP], 2);
	assert_int_equal(m->rank[53][NMAP_UDP], 1);
	assert_int_equal(m->rank[9][NMAP_TCP], 0);
	assert_int_equal(m->norder[NMAP_TCP], 2);
	assert_int_equal(m->order[NMAP_TCP][0], 80);
	assert_true(nmap_often_open(m, 22));
	assert_false(nmap_often_open(m, 9));
	nmap_free(m);
	assert_null(nmap_load(put("empty", "# nothing\n")));
	assert_null(nmap_load("/no/such/file"));
}

/* Fields split on any blanks; a port is digits alone, up to 65535; the rest is skipped. */
static void
test_nmap_fields(void **state)
{
	struct nmap *m;

	(void)state;
	m = nmap_load(put("fields", "  \t \r\n"
	    " \t lead\t 0023/udp \t0.25  \t# leading blanks, zeros\n"
	    "extra 65535/sctp 0.1 more fields here\n"
	    "crlf 24/tcp 0.5\r\n"
	    "empty /tcp 0.1\n"
	    "letters 2a/tcp 0.1\n"
	    "sign +25/tcp 0.1\n"
	    "big 65536/tcp 0.1\n"
	    "huge 99999999999999999999/tcp 0.1\n"
	    "twoslash 26/tcp/x 0.1\n"
	    "noslash 27 0.1\n"
	    "short 28/tcp\n"
	    "hash 29/tcp#0.1 0.2\n"));
	assert_non_null(m);
	assert_int_equal(m->n, 3);
	assert_string_equal(nmap_at(m, 23, NMAP_UDP)->name, "lead");
	assert_true(nmap_at(m, 23, NMAP_UDP)->freq == 0.25);
	assert_string_equal(nmap_at(m, 65535, NMAP_SCTP)->name, "extra");
	assert_string_equal(nmap_at(m, 24, NMAP_TCP)->name, "crlf");
	assert_null(nmap_at(m, 25, NMAP_TCP));
	assert_null(nmap_at(m, 29, NMAP_TCP));
	nmap_free(m);
}

/* Frequencies read by hand are the doubles strtod gives, and odd forms still parse. */
static void
test_nmap_freq(void **state)
{
	static const char *const odd[] = { "0.484143", "0.000001", "0.999999",
	    "0.1", "0.3", "0.123456789012345", "0.1234567890123456", "1",
	    "1.0", "1e-3", "0.5e0", "0.", ".25", "0.0000000000000001" };
	static char value[2000][32];
	char line[96];
	buf text = { 0 };
	struct nmap *m;
	unsigned i, n = sizeof(odd) / sizeof(odd[0]);

	(void)state;
	srand(6335);
	for (i = 0; i < 2000; i++) {
		if (i < n)
			snprintf(value[i], sizeof(value[i]), "%s", odd[i]);
		else
			snprintf(value[i], sizeof(value[i]), "0.%0*d",
			    1 + rand() % 9, rand() % 1000000000);
		snprintf(line, sizeof(line), "p%u\t%u/tcp\t%s\n", i, 1000 + i,
		    value[i]);
		buf_puts(&text, line);
	}
	buf_puts(&text, "bad\t999/tcp\t0.1x\n");
	assert_non_null(m = nmap_load(put("freq", text.data)));
	assert_null(nmap_at(m, 999, NMAP_TCP));
	for (i = 0; i < 2000; i++) {
		assert_non_null(nmap_at(m, 1000 + i, NMAP_TCP));
		assert_true(nmap_at(m, 1000 + i, NMAP_TCP)->freq ==
		    strtod(value[i], NULL));
	}
	nmap_free(m);
	buf_free(&text);
}

static const char uses_head[] = "port,protocol,name,kind,note,source\n";

/* uses.csv at path, read and parsed as a build does; NULL on error. */
static struct uses *
uses_file(const char *path)
{
	uint64_t h = UTIL_HASH_INIT;
	struct uses *u = NULL;
	char *text;
	size_t len;

	if (uses_read(path, &h, &text, &len))
		u = uses_parse(path, text, len);
	free(text);
	return u;
}

static struct uses *
uses(const char *rows)
{
	char text[2048];

	snprintf(text, sizeof(text), "%s%s", uses_head, rows);
	return uses_file(put("uses.csv", text));
}

static void
test_uses(void **state)
{
	const struct uses_row *const *at;
	struct uses *u;
	size_t n;

	(void)state;
	u = uses("5555,tcp,adb,common,\"adbd, over TCP.\",https://d.example/adb\n"
	    "30000-32767,tcp/udp,NodePort,default,A range.,https://k.example/(a)\n"
	    "5555,tcp,Flower,default,Flower's UI.,https://f.example/\n");
	assert_non_null(u);
	assert_int_equal(u->n, 3);
	at = uses_at(u, 5555, &n);
	assert_int_equal(n, 2);
	assert_string_equal(at[0]->note, "adbd, over TCP.");
	assert_int_equal(at[1]->kind, USES_DEFAULT);
	at = uses_at(u, 31000, &n);
	assert_int_equal(n, 1);
	assert_int_equal(at[0]->protos, REGISTRY_TCP | REGISTRY_UDP);
	uses_at(u, 29999, &n);
	assert_int_equal(n, 0);
	uses_free(u);
	/* A missing file is an empty list. */
	assert_non_null(u = uses_file("/no/such/uses.csv"));
	assert_int_equal(u->n, 0);
	uses_free(u);
	/* Each rule is an error. */
	assert_null(uses("80,tcp,x,default,A.,https://e.example/\n"
	    "80,tcp,x,common,B.,https://e.example/\n"));
	assert_null(uses("80,tcp,x,default,A.,https://e.example/\n"
	    "81,tcp/udp,x,default,B.,https://e.example/\n"));
	assert_non_null(u = uses("80,tcp,x,default,A.,https://e.example/\n"
	    "81,udp,x,default,B.,https://e.example/\n"));
	uses_free(u);
	assert_null(uses("65536,tcp,x,default,A.,https://e.example/\n"));
	assert_null(uses("8-8,tcp,x,default,A.,https://e.example/\n"));
	assert_null(uses("8,TCP,x,default,A.,https://e.example/\n"));
	assert_null(uses("8,tcp,,default,A.,https://e.example/\n"));
	assert_null(uses("8,tcp,x,guess,A.,https://e.example/\n"));
	assert_null(uses("8,tcp,x,default,A.,http://e.example/\n"));
	assert_null(uses("8,tcp,x,default,A.,https://e.example/?gclid=1\n"));
	assert_null(uses("8,tcp,x,default,A.,https://e.example/a b\n"));
	assert_null(uses("8,tcp,x,default,A.\n"));
}

/* Each port's names: each once, in file order, wide ranges aside. */
static void
test_uses_names(void **state)
{
	const char *const *name;
	struct uses *u;
	size_t n;

	(void)state;
	u = uses("1801,tcp,MSMQ,default,A.,https://e.example/\n"
	    "1700-1899,tcp,Narrow,common,A range.,https://e.example/\n"
	    "1801,udp,MSMQ,default,B.,https://e.example/\n"
	    "1000-1800,udp,Wide,os,A range.,https://e.example/\n"
	    "1800-1801,tcp,Other,common,C.,https://e.example/\n");
	assert_non_null(u);
	name = uses_names_at(u, 1801, &n);
	assert_int_equal(n, 3);
	assert_string_equal(name[0], "MSMQ");
	assert_string_equal(name[1], "Narrow");
	assert_string_equal(name[2], "Other");
	name = uses_names_at(u, 1800, &n);
	assert_int_equal(n, 2);
	assert_string_equal(name[0], "Narrow");
	assert_string_equal(name[1], "Other");
	uses_names_at(u, 1500, &n);
	assert_int_equal(n, 0);
	uses_names_at(u, 65535, &n);
	assert_int_equal(n, 0);
	uses_free(u);
}

/* A registry, a content directory with uses.csv, and nmap's list; then the model. */
static void
test_verdicts(void **state)
{
	struct registry *r;
	struct content *c;
	struct nmap *m;
	struct model *mo;
	unsigned s[MODEL_SUGGEST];

	(void)state;
	r = registry_load(put("services", "ssh 22/tcp\nfoo 2000/tcp\n"
	    "bar 2003/udp\n"));
	assert_non_null(r);
	put("uses.csv", "port,protocol,name,kind,note,source\n"
	    "2001,tcp,x,common,A.,https://e.example/\n"
	    "6000-9000,tcp,wide,os,A range.,https://e.example/\n");
	put("site.conf", "[site]\ntitle = T\n");
	assert_non_null(c = content_load(dir, 2));
	assert_non_null(m = nmap_load(put("nmap", "x\t2002/tcp\t0.5\n")));
	mo = model_new(r, c, m);
	assert_int_equal(mo->port[0].verdict, MODEL_AVOID);
	assert_true(mo->port[0].why & MODEL_WHY_ZERO);
	assert_true(mo->port[22].why & MODEL_WHY_SYSTEM);
	assert_true(mo->port[2000].why & MODEL_WHY_ASSIGNED);
	assert_true(mo->port[2001].why & MODEL_WHY_KNOWN_USE);
	assert_true(mo->port[2002].why & MODEL_WHY_NMAP);
	assert_int_equal(mo->port[2003].verdict, MODEL_AVOID);
	assert_int_equal(mo->port[2004].verdict, MODEL_GOOD);
	/* A range wider than USES_WIDE is a platform range, not a use. */
	assert_int_equal(mo->port[7000].verdict, MODEL_GOOD);
	assert_int_equal(mo->port[31000].verdict, MODEL_CAUTION);
	assert_true(mo->port[31000].why & MODEL_WHY_NODEPORT);
	assert_true(mo->port[40000].why & MODEL_WHY_EPHEMERAL);
	assert_int_equal(mo->port[9999].verdict, MODEL_GOOD);
	/* Windows XP's 1025-5000 is no current default: no caution there. */
	assert_int_equal(mo->port[1500].verdict, MODEL_GOOD);
	assert_int_equal(model_suggest(mo, 2001, s), MODEL_SUGGEST);
	/* Nearest first; of two as near, the lower. */
	assert_int_equal(s[0], 1999);
	assert_int_equal(s[1], 1998);
	assert_int_equal(s[2], 2004);
	model_free(mo);
	nmap_free(m);
	content_free(c);
	registry_free(r);
}

/*
 * A note renders one heading level down, in cmark's safe mode, as often as
 * asked: a page's worker renders it, and serve renders it per request.
 */
static void
test_note_html(void **state)
{
	struct content *c;
	char ports[128], *a, *b;

	(void)state;
	snprintf(ports, sizeof(ports), "%s/ports", dir);
	assert_int_equal(mkdir(ports, 0755), 0);
	put("ports/22.md", "---\ntitle: SSH\n---\n## Here\n\nsshd.\n");
	put("ports/8080.md", "## Proxies\n\nOften *HTTP*.\n\n<script>x</script>\n");
	assert_non_null(c = content_load(dir, 2));
	assert_int_equal(c->nnotes, 2);
	assert_non_null(a = content_note_html(c->notes[22]));
	assert_string_equal(a, "<h3>Here</h3>\n<p>sshd.</p>\n");
	assert_non_null(b = content_note_html(c->notes[22]));
	assert_string_equal(a, b);
	free(a);
	free(b);
	assert_non_null(a = content_note_html(c->notes[8080]));
	assert_string_equal(a, "<h3>Proxies</h3>\n<p>Often <em>HTTP</em>.</p>\n"
	    "<!-- raw HTML omitted -->\n");
	free(a);
	content_free(c);
	unlink(put("ports/22.md", ""));
	unlink(put("ports/8080.md", ""));
	assert_int_equal(rmdir(ports), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nmap),
		cmocka_unit_test(test_nmap_fields),
		cmocka_unit_test(test_nmap_freq),
		cmocka_unit_test(test_uses),
		cmocka_unit_test(test_uses_names),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_note_html),
	};

	return cmocka_run_group_tests_name("sources", tests, setup, teardown);
}
