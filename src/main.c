/* main.c - portpages: command line */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"
#include "names.h"
#include "port.h"
#include "report.h"
#include "serve.h"
#include "site.h"
#include "util.h"
#include "watch.h"

#ifndef VERSION
#define VERSION "0.0.0"
#endif
#ifndef DATADIR
#define DATADIR "/usr/local/share/portpages"
#endif

/* Build options first: from OPT_LISTEN on they belong to serve and feedback. */
enum {
	OPT_RANGE = 256, OPT_NO_CACHE, OPT_NO_WAIT, OPT_PRECOMPRESS, OPT_LISTEN,
	OPT_DB, OPT_FEEDBACK_ONLY, OPT_TRUST_PROXY, OPT_RATE_LIMIT, OPT_JSON,
	OPT_CSV
};

#ifdef HAVE_BROTLI
#define BROTLI_NOTE "and FILE.br "
#else
#define BROTLI_NOTE "(this build has no brotli: no .br) "
#endif

/* The one table of options: --help and the man page are checked against it. */
static const struct option longopts[] = {
	{ "templates", required_argument, NULL, 't' },
	{ "content", required_argument, NULL, 'c' },
	{ "output", required_argument, NULL, 'o' },
	{ "registry", required_argument, NULL, 'r' },
	{ "port", required_argument, NULL, 'p' },
	{ "markdown", no_argument, NULL, 'm' },
	{ "range", required_argument, NULL, OPT_RANGE },
	{ "jobs", required_argument, NULL, 'j' },
	{ "watch", no_argument, NULL, 'w' },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	{ "no-wait", no_argument, NULL, OPT_NO_WAIT },
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "db", required_argument, NULL, OPT_DB },
	{ "feedback-only", no_argument, NULL, OPT_FEEDBACK_ONLY },
	{ "trust-proxy", required_argument, NULL, OPT_TRUST_PROXY },
	{ "rate-limit", required_argument, NULL, OPT_RATE_LIMIT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "csv", no_argument, NULL, OPT_CSV },
	{ "precompress", no_argument, NULL, OPT_PRECOMPRESS },
	{ "init", required_argument, NULL, 'i' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fputs(
"usage: portpages [options]\n"
"       portpages serve [options]\n"
"       portpages feedback [--db FILE] [--json | --csv]\n"
"       portpages init DIR\n"
"       portpages values\n"
"Writes a reference website with a page for every TCP/UDP port, 0-65535.\n"
"\n"
"  -t, --templates DIR  templates (default: ./templates, else the installed ones)\n"
"  -c, --content DIR    site.conf and per-port notes (default: ./content)\n"
"  -o, --output DIR     where the site goes (default: ./site)\n"
"  -r, --registry FILE  IANA's CSV or a services(5) file (default:\n"
"                       CONTENT/registry.csv, /usr/share/wireshark/services,\n"
"                       /etc/services, the first that exists)\n"
"  -p, --port N         print port N's page to standard output, write nothing\n"
"  -m, --markdown       with --port: print the filled Markdown before rendering;\n"
"                       without: write every page's Markdown as port/N.md\n"
"      --range A-B      render only the port pages A to B, nothing else\n"
"  -j, --jobs N         threads (default: the number of online CPUs)\n"
"  -w, --watch          rebuild whenever templates, content or the registry change\n"
"      --no-cache       render every page the straightforward way (slower,\n"
"                       the same bytes; for checking the fast path)\n"
"      --no-wait        fail at once if another build is writing the output\n"
"                       directory (default: wait for it)\n"
"      --precompress    also write FILE.gz " BROTLI_NOTE "beside every .html,\n"
"                       .css, .js, .json, .csv, .xml and .svg file, for servers\n"
"                       that send them as they are (nginx gzip_static)\n"
"  -i, --init DIR       create a new site directory with editable templates\n"
"  -q, --quiet          print errors only\n"
"  -V, --version        print the version\n"
"  -h, --help           print this help\n"
"\n"
"portpages serve: build, serve and rebuild the site; pages reload as they change;\n"
"\"Was this page helpful?\" answers are taken at POST /feedback into SQLite.\n"
"      --listen ADDR:PORT  where to listen (default 127.0.0.1:8000; port 0: any)\n"
"      --db FILE        the answer database (default ./feedback.sqlite)\n"
"      --feedback-only  serve POST /feedback and nothing else (behind a proxy)\n"
"      --trust-proxy ADDR  take the client from X-Forwarded-For when the\n"
"                       request comes from ADDR\n"
"      --rate-limit N   answers a minute from one client (default 30; 0: no limit)\n"
"portpages feedback: per port yes, no and the latest comments, least helpful first.\n"
"      --db FILE        the answer database (default ./feedback.sqlite)\n"
"      --json, --csv    JSON or CSV (RFC 4180) instead of text\n"
"\n"
"Exit status: 0 success, 1 bad input or failed build, 2 usage error.\n",
	    f);
}

/* One line, as every error: "portpages: what is wrong (see --help)". */
static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "portpages: ");
	fprintf(stderr, fmt, arg);
	fputs(" (see 'portpages --help')\n", stderr);
	return 2;
}

static int
parse_uint(const char *s, unsigned long max, unsigned *v)
{
	char *end;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (*end != '\0' || errno != 0 || n > max)
		return 0;
	*v = (unsigned)n;
	return 1;
}

enum mode { MODE_BUILD, MODE_SERVE, MODE_FEEDBACK, MODE_VALUES };

/* What the command line asks for, once parsed. */
struct cmd {
	struct site_opts o;
	struct serve_opts so;
	enum mode	 mode;
	enum report_format format;
	const char	*init;		/* portpages init DIR */
	unsigned	 port;
	int		 have_port, watch, content_given;
	int		 serve_only, report_only, db_given;	/* options of serve, feedback, both */
};

/* --range A-B; returns 0 (usage error printed) if it is malformed. */
static int
parse_range(struct cmd *c, char *arg)
{
	char *dash = strchr(arg, '-');

	if (dash == NULL) {
		usage_error("--range takes A-B, not '%s'", arg);
		return 0;
	}
	*dash = '\0';
	if (!parse_uint(arg, PORT_MAX, &c->o.lo) ||
	    !parse_uint(dash + 1, PORT_MAX, &c->o.hi) || c->o.hi < c->o.lo) {
		usage_error("%s", "--range takes A-B with 0 <= A <= B <= 65535");
		return 0;
	}
	c->o.partial = c->o.lo != 0 || c->o.hi != PORT_MAX;
	return 1;
}

/* An option getopt_long refused; returns the exit status (2). */
static int
bad_option(int c, char *argv[])
{
	if (c == ':')
		return usage_error("option '%s' needs an argument",
		    argv[optind - 1]);
	if (optopt != 0 && strncmp(argv[optind - 1], "--", 2) != 0) {
		char opt[3] = { '-', (char)optopt, '\0' };

		return usage_error("unknown option '%s'", opt);
	}
	return usage_error(optopt != 0 ? "option '%s' takes no argument" :
	    "unknown option '%s'", argv[optind - 1]);
}

/* An option of serve or feedback; returns -1 to go on, else the exit status. */
static int
parse_serve_option(struct cmd *c, int opt, char *argv[])
{
	c->db_given |= opt == OPT_DB;
	c->serve_only |= opt != OPT_DB && opt != OPT_JSON && opt != OPT_CSV;
	c->report_only |= opt == OPT_JSON || opt == OPT_CSV;
	switch (opt) {
	case OPT_LISTEN: c->so.listen = optarg; break;
	case OPT_DB: c->so.db = optarg; break;
	case OPT_FEEDBACK_ONLY: c->so.feedback_only = 1; break;
	case OPT_TRUST_PROXY: c->so.trust_proxy = optarg; break;
	case OPT_JSON: case OPT_CSV:
		if (c->format != REPORT_TEXT)
			return usage_error("%s", "--json and --csv do not go "
			    "together");
		c->format = opt == OPT_JSON ? REPORT_JSON : REPORT_CSV;
		break;
	case OPT_RATE_LIMIT:
		if (!parse_uint(optarg, 1000000, &c->so.rate))
			return usage_error("--rate-limit takes a number from 0 "
			    "to 1000000, not '%s'", optarg);
		break;
	default:
		return bad_option(opt, argv);
	}
	return -1;
}

/* One option with its argument; returns -1 to go on, else the exit status. */
static int
parse_option(struct cmd *c, int opt, char *argv[])
{
	if (opt >= OPT_LISTEN)
		return parse_serve_option(c, opt, argv);
	if (c->mode == MODE_FEEDBACK && opt != 'q' && opt != 'h' && opt != 'V')
		return usage_error("%s", "portpages feedback takes --db, --json "
		    "and --csv only");
	switch (opt) {
	case 't': c->o.templates = optarg; break;
	case 'c': c->o.content = optarg; c->content_given = 1; break;
	case 'o': c->o.output = optarg; break;
	case 'r': c->o.registry = optarg; break;
	case 'm': c->o.markdown = 1; break;
	case 'w': c->watch = 1; break;
	case 'i': c->init = optarg; break;
	case 'q': c->o.quiet = 1; util_quiet = 1; break;
	case OPT_NO_CACHE: c->o.nocache = 1; break;
	case OPT_NO_WAIT: c->o.nowait = 1; break;
	case OPT_PRECOMPRESS: c->o.precompress = 1; break;
	case OPT_RANGE: return parse_range(c, optarg) ? -1 : 2;
	case 'p':
		if (!parse_uint(optarg, PORT_MAX, &c->port))
			return usage_error("--port takes a port number from 0 "
			    "to 65535, not '%s'", optarg);
		c->have_port = 1;
		break;
	case 'j':
		if (!parse_uint(optarg, 64, (unsigned *)&c->o.jobs) ||
		    c->o.jobs < 1)
			return usage_error("--jobs takes a number from 1 to 64, "
			    "not '%s'", optarg);
		break;
	case 'V':
		printf("portpages %s\n", VERSION);
		return 0;
	case 'h':
		usage(stdout);
		return 0;
	default:
		return bad_option(opt, argv);
	}
	return -1;
}

/* Options that belong to another command; returns -1 to go on, else 2. */
static int
check_mode(const struct cmd *c)
{
	if (c->serve_only && c->mode != MODE_SERVE)
		return usage_error("%s", "--listen, --feedback-only, "
		    "--trust-proxy and --rate-limit go with portpages serve");
	if (c->report_only && c->mode != MODE_FEEDBACK)
		return usage_error("%s", "--json and --csv go with portpages "
		    "feedback");
	if (c->db_given && c->mode == MODE_BUILD)
		return usage_error("%s", "--db goes with portpages serve or "
		    "portpages feedback");
	if (c->mode == MODE_SERVE && (c->have_port || c->watch ||
	    c->o.markdown || c->init != NULL))
		return usage_error("%s", "portpages serve takes no --port, "
		    "--watch, --markdown or --init");
	return -1;
}

/* Fills c from the command line; returns -1 to go on, else the exit status. */
static int
parse_args(struct cmd *c, int argc, char *argv[])
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int opt, rc;

	memset(c, 0, sizeof(*c));
	c->o.content = "content";
	c->o.output = "site";
	c->o.hi = PORT_MAX;
	c->o.jobs = ncpu > 0 ? (int)(ncpu > 64 ? 64 : ncpu) : 1;
	c->so.listen = "127.0.0.1:8000";
	c->so.db = "feedback.sqlite";
	c->so.rate = 30;
	if (argc >= 2 && strcmp(argv[1], "init") == 0) {
		if (argc != 3)
			return usage_error("%s", "usage: portpages init DIR");
		c->init = argv[2];
		argc = 1;
	} else if (argc >= 2 && strcmp(argv[1], "values") == 0) {
		if (argc != 2)
			return usage_error("%s", "usage: portpages values");
		c->mode = MODE_VALUES;
		return -1;
	} else if (argc >= 2 && (strcmp(argv[1], "serve") == 0 ||
	    strcmp(argv[1], "feedback") == 0)) {
		c->mode = argv[1][0] == 's' ? MODE_SERVE : MODE_FEEDBACK;
		argc--;
		argv++;
	}
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":t:c:o:r:p:mj:wi:qVh", longopts,
	    NULL)) != -1)
		if ((rc = parse_option(c, opt, argv)) >= 0)
			return rc;
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (c->have_port && c->watch)
		return usage_error("%s", "--port and --watch do not go together");
	return check_mode(c);
}

static void
on_signal(int sig)
{
	(void)sig;
	site_interrupted = 1;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	struct cmd c;
	int rc;

	if ((rc = parse_args(&c, argc, argv)) >= 0)
		return rc;
	if (c.o.templates == NULL)
		c.o.templates = is_dir("templates") ||
		    !is_dir(DATADIR "/templates") ? "templates" :
		    DATADIR "/templates";
	if (c.init != NULL)
		return init_site(c.init, c.o.templates, c.content_given ||
		    is_dir("content") ? c.o.content : DATADIR "/content") ? 0 : 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (c.mode == MODE_VALUES)
		return names_print(stdout) ? 0 : 1;
	if (c.mode == MODE_FEEDBACK)
		return report_run(c.so.db, c.format, stdout) ? 0 : 1;
	if (c.mode == MODE_SERVE && !serve_listen_ok(c.so.listen))
		return 2;
	if (c.mode == MODE_SERVE)
		return serve_run(&c.o, &c.so) ? 0 : 1;
	if (c.have_port)
		return site_preview(&c.o, c.port, stdout) ? 0 : 1;
	if (c.watch)
		return watch_run(&c.o) ? 0 : 1;
	return site_build(&c.o) ? 0 : 1;
}
