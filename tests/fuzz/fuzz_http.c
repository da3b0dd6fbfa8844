/* fuzz_http.c - dateline-serve's request handling: the input is the raw
 * bytes a client sends (request line, headers, maybe several requests),
 * answered by libmicrohttpd and the server's handlers in this process
 * (serve.h: serve_local_request()) over a small index the harness builds
 * once, from three articles of its own, with the indexer.
 *
 * Properties: every answer is an HTTP status line with a status the server
 * gives (never 500: that is an internal error), the answer is valid UTF-8
 * with no control character other than CR, LF and tab (nothing from the
 * request reaches it unescaped), and a JSON answer to a GET parses, its
 * strings free of control characters too (no \u001b either). */
#define _GNU_SOURCE
#include <jansson.h>
#include <stdlib.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../indexer/options.h"
#include "../../indexer/run.h"
#include "../../server/serve.h"
#include "fuzz.h"

static sv_config_t cfg;
static sv_local_t *server;
static char dir[] = "/tmp/dateline-fuzz-http-XXXXXX";

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* At exit: the server stopped, the harness's folder removed. */
static void finish(void)
{
	serve_local_stop(server);
	server = NULL;
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *const articles[][2] = {
	{ "kerry.txt", "Kerry and Lavrov meet in Geneva\n\nGENEVA (Reuters) - Secretary of State "
		       "John Kerry met Russian Foreign Minister Sergei Lavrov on Sunday to talk "
		       "about Ukraine and the Crimea, officials said.\n" },
	{ "ferry.txt", "Harbour ferry returns after storm repairs\n\nThe harbour ferry carried "
		       "its first passengers in six weeks on Sunday, after repairs to the "
		       "landing stage that the winter storms had torn away.\n" },
	{ "wahl.txt", "Wahl in Berlin: die Stadt w\xC3\xA4hlt\n\nDie Berliner w\xC3\xA4hlen am "
		      "Sonntag ein neues Abgeordnetenhaus; die Umfragen sehen drei Parteien "
		      "nahe beieinander.\n" },
};

static void start(void)
{
	static char db[sizeof(dir) + 8], docs[sizeof(dir) + 8];
	if (!mkdtemp(dir))
		FUZZ_FAIL("cannot make a folder for the index");
	atexit(finish);
	snprintf(db, sizeof(db), "%s/db", dir);
	snprintf(docs, sizeof(docs), "%s/docs", dir);
	if (mkdir(docs, 0700) != 0)
		FUZZ_FAIL("cannot make %s", docs);
	for (size_t i = 0; i < sizeof(articles) / sizeof(articles[0]); i++) {
		char path[sizeof(docs) + 32];
		snprintf(path, sizeof(path), "%s/%s", docs, articles[i][0]);
		FILE *f = fopen(path, "w");
		if (!f || fputs(articles[i][1], f) < 0 || fclose(f) != 0)
			FUZZ_FAIL("cannot write %s", path);
	}
	char *argv[] = { "dateline-index", "-q", "-j1", "-d", db, docs, NULL };
	index_options_t o;
	char err[512] = "";
	if (index_options_parse(6, argv, &o, err, sizeof(err)) != 0)
		FUZZ_FAIL("indexer options: %s", err);
	if (index_run(&o) != 0)
		FUZZ_FAIL("the harness's index could not be built in %s", db);
	cfg = (sv_config_t){ db, "127.0.0.1", 0, 1, 8, 1, 0 };
	server = serve_local_start(&cfg);
	if (!server)
		FUZZ_FAIL("the server does not start");
}

/* The value of header name in the head [s, end), or NULL. */
static const char *header(const char *s, const char *end, const char *name, size_t *vlen)
{
	size_t n = strlen(name);
	for (const char *l = s; l < end;) {
		const char *e = memmem(l, (size_t)(end - l), "\r\n", 2);
		if (!e)
			e = end;
		if ((size_t)(e - l) > n && strncasecmp(l, name, n) == 0 && l[n] == ':') {
			const char *v = l + n + 1;
			while (v < e && *v == ' ')
				v++;
			*vlen = (size_t)(e - v);
			return v;
		}
		l = e + 2;
	}
	return NULL;
}

/* JSON stays clean: no string holds a control character but a newline,
 * a tab (a body's lines) or a carriage return (a query may hold one),
 * whatever the request or the articles held. */
static void check_json_clean(const json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		for (size_t k = 0; k < json_string_length(v); k++) {
			unsigned char c = (unsigned char)s[k];
			if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7f)
				FUZZ_FAIL("a JSON string holds control character 0x%02x: '%s'", c, s);
		}
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, x)
			check_json_clean(x);
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			check_json_clean(x);
	}
}

static void check_reply(const char *req, size_t reqlen, const char *r, size_t len)
{
	size_t bad = 0;
	if (!utf8_valid(r, len, &bad))
		FUZZ_FAIL("the answer is not UTF-8 at byte %zu", bad);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)r[i];
		if ((c < 0x20 && c != '\r' && c != '\n' && c != '\t') || c == 0x7f)
			FUZZ_FAIL("the answer holds control character 0x%02x at byte %zu", c, i);
	}
	if (!len)
		return;  /* an unfinished request: closed unanswered */
	unsigned status = 0;
	if (len < 12 || strncmp(r, "HTTP/1.", 7) != 0 || sscanf(r + 9, "%3u", &status) != 1)
		FUZZ_FAIL("the answer does not start with a status line: '%.40s'", r);
	if (status < 200 || status >= 600 || status == 500)
		FUZZ_FAIL("status %u", status);
	/* The first answer's body, when it is JSON to a GET. */
	const char *head_end = memmem(r, len, "\r\n\r\n", 4);
	if (!head_end || reqlen < 4 || strncmp(req, "GET ", 4) != 0)
		return;
	size_t tlen = 0, clen_len = 0;
	const char *type = header(r, head_end, "Content-Type", &tlen);
	const char *clen = header(r, head_end, "Content-Length", &clen_len);
	if (!type || tlen < 16 || strncmp(type, "application/json", 16) != 0 || !clen)
		return;
	size_t body_len = strtoul(clen, NULL, 10);
	const char *body = head_end + 4;
	if (body_len > (size_t)(r + len - body))
		FUZZ_FAIL("a JSON answer shorter (%zu bytes) than its Content-Length %zu",
			  (size_t)(r + len - body), body_len);
	json_error_t jerr;
	json_t *v = json_loadb(body, body_len, 0, &jerr);
	if (!v)
		FUZZ_FAIL("a JSON answer (status %u) does not parse: %s", status, jerr.text);
	check_json_clean(v);
	json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!server)
		start();
	esc_buf_t reply = { 0 };
	if (serve_local_request(server, (const char *)data, size, &reply) != 0)
		FUZZ_FAIL("no socket pair for a request");
	if (!reply.failed)
		check_reply((const char *)data, size, reply.data ? reply.data : "", reply.len);
	esc_buf_free(&reply);
	return 0;
}
