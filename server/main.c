/*
 * dateline-serve - the archive on a web page, and as JSON over HTTP.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../util/config.h"
#include "cache.h"
#include "serve.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

static const char *progname = "dateline-serve";

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [-d DB] [--listen ADDR:PORT]\n"
		"Serve a Dateline index as a web page and a JSON API until Ctrl-C.\n"
		"\n"
		"  -d, --db PATH          the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"      --listen ADDR:PORT the address to listen on (default 127.0.0.1:8080;\n"
		"                         another address makes the archive reachable from\n"
		"                         other machines; port 0 takes any free port)\n"
		"      --threads N        threads answering requests (default: the CPUs, at\n"
		"                         least 2)\n"
		"      --max-clients N    connections served at once; more are answered 503\n"
		"                         (default %u)\n"
		"      --cache-mb N       keep the answers of recent searches in N MiB of\n"
		"                         memory until the index changes (default %u; 0: none)\n"
		"  -v, --verbose          a line per request on stderr\n"
		"  -h, --help             print this help\n"
		"  -V, --version          print the version\n"
		"\n"
		"The page: / (the search), /article?id=ID. The API answers JSON:\n"
		"  GET /api/search?q=&offset=&n=&sort=&since=&until=&person=&place=\n"
		"  GET /api/article?id=ID[&q=QUERY]   GET /api/related?id=ID[&n=N]\n",
		progname, SV_DEFAULT_MAX_CLIENTS, SV_CACHE_DEFAULT_MB);
}

static int parse_uint(const char *opt, const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) {
		fprintf(stderr, "%s: %s: expected a number from %u to %u, got '%s'\n", progname,
			opt, lo, hi, s);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* ADDR:PORT, [IPV6]:PORT or :PORT into cfg (addr points into buf). */
static int parse_listen(const char *s, sv_config_t *cfg, char *buf, size_t size)
{
	const char *colon = strrchr(s, ':');
	if (!colon || strlen(s) >= size) {
		fprintf(stderr, "%s: --listen: expected ADDR:PORT (such as 127.0.0.1:8080), "
			"got '%s'\n", progname, s);
		return -1;
	}
	size_t alen = (size_t)(colon - s);
	if (alen >= 2 && s[0] == '[' && s[alen - 1] == ']') {
		memcpy(buf, s + 1, alen - 2);
		buf[alen - 2] = '\0';
	} else {
		memcpy(buf, s, alen);
		buf[alen] = '\0';
	}
	if (!*buf)
		strcpy(buf, "127.0.0.1");
	cfg->addr = buf;
	return parse_uint("--listen", colon + 1, 0, 65535, &cfg->port);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "threads", required_argument, NULL, 't' },
		{ "max-clients", required_argument, NULL, 'm' },
		{ "cache-mb", required_argument, NULL, 'c' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char addr[256], cerr[1024];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	/* The configuration file's db is the default index (util/config.h;
	 * setenv copies it). */
	dl_config_t conf;
	int crc = dl_config_load(NULL, &conf, cerr, sizeof(cerr));
	if (crc == 0)
		dl_config_set_db_default(&conf);
	dl_config_free(&conf);
	if (crc < 0) {
		fprintf(stderr, "%s: %s\n", progname, cerr);
		return 1;
	}
	sv_config_t cfg = { getenv("DATELINE_DB"), "127.0.0.1", 8080,
			    cpus > 2 ? (unsigned)cpus : 2, SV_DEFAULT_MAX_CLIENTS,
			    SV_CACHE_DEFAULT_MB, 0 };
	int c;

	if (!cfg.dbpath || !*cfg.dbpath)
		cfg.dbpath = "dateline.db";
	while ((c = getopt_long(argc, argv, "d:vhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.dbpath = optarg; break;
		case 'l':
			if (parse_listen(optarg, &cfg, addr, sizeof(addr)) < 0)
				return 2;
			break;
		case 't':
			if (parse_uint("--threads", optarg, 1, 256, &cfg.threads) < 0)
				return 2;
			break;
		case 'm':
			if (parse_uint("--max-clients", optarg, 1, 10000, &cfg.max_clients) < 0)
				return 2;
			break;
		case 'c':
			if (parse_uint("--cache-mb", optarg, 0, 65536, &cfg.cache_mb) < 0)
				return 2;
			break;
		case 'v': cfg.verbose = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s %s\n", progname, DATELINE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", progname, argv[optind]);
		usage(stderr);
		return 2;
	}
	return serve_run(&cfg);
}
