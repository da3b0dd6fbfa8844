/*
 * serve.h - dateline-serve's HTTP server: routes, limits, threads.
 */
#ifndef DATELINE_SERVE_H
#define DATELINE_SERVE_H

#include <stddef.h>

#include "backend.h"
#include "escape.h"

/* Longest value of one request parameter (a query, an id, a name): longer
 * is answered 400. A query of 2,000 bytes is about 300 words. */
#define SV_MAX_PARAM 2048
/* Bytes MHD may keep per connection for the request line and headers;
 * more is answered 414 or 431 by MHD itself. */
#define SV_CONNECTION_MEMORY (64u * 1024)
/* Seconds a connection may stay idle (or send its request slowly). */
#define SV_IDLE_SECONDS 10
/* Default most clients at once; more are answered 503. */
#define SV_DEFAULT_MAX_CLIENTS 128
/* Hits per page by default, and most per request. */
#define SV_DEFAULT_HITS 10
#define SV_MAX_HITS 100
/* Deepest result a request may ask for (offset + n). */
#define SV_MAX_OFFSET 10000

typedef struct {
	const char *dbpath;
	const char *addr;       /* listen address (IPv4 or IPv6 literal) */
	unsigned port;          /* 0: any free port (printed) */
	unsigned threads;       /* threads answering requests */
	unsigned max_clients;   /* connections served at once; the rest 503 */
	unsigned cache_mb;      /* recent answers kept, MiB (0: none; cache.h) */
	int verbose;            /* a line per request on stderr */
} sv_config_t;

/*
 * Serve until SIGINT or SIGTERM. Prints the URL on stdout when ready.
 * Returns 0 after a clean stop, 1 when it could not start (message on
 * stderr).
 */
int serve_run(const sv_config_t *cfg);

/*
 * The same handling in this process, without a listening socket, for the
 * fuzz harness (tests/fuzz/fuzz_http.c): serve_local_request() hands the
 * raw bytes of a client's request to libmicrohttpd and the handlers over
 * a socket pair, ends the request and appends everything answered (status
 * lines, headers, bodies) to reply. Returns 0, or -1 when no socket could
 * be made. serve_local_start() returns NULL when the server cannot start.
 */
typedef struct sv_local sv_local_t;
sv_local_t *serve_local_start(const sv_config_t *cfg);
int serve_local_request(sv_local_t *l, const char *req, size_t len, esc_buf_t *reply);
void serve_local_stop(sv_local_t *l);

/* The parameters of a request, decoded; NULL when absent. */
typedef struct {
	const char *q;
	const char *id;
	const char *offset;
	const char *n;
	const char *sort;
	const char *since;
	const char *until;
	sv_names_t person;      /* each person=, place=, org= given */
	sv_names_t place;
	sv_names_t org;
	const char *author;
	const char *source;
} sv_params_t;

/* What a handler answers: a status, a content type and a body. */
typedef struct {
	unsigned status;
	const char *type;       /* static string */
	esc_buf_t body;
} sv_reply_t;

#endif /* DATELINE_SERVE_H */
