/*
 * serve.c - the HTTP server (serve.h) on libmicrohttpd: a pool of threads
 * polling the connections, one backend per thread, bounded requests.
 */
#define _POSIX_C_SOURCE 200809L
#include "serve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <time.h>

#include <microhttpd.h>

#include "../util/safeprint.h"
#include "api.h"
#include "assets.h"
#include "backend.h"
#include "cache.h"
#include "page.h"

/* What the page may load: its own script, style and icon, and nothing
 * else (no inline script, no other origin, no frames, no plugins). */
#define SV_CSP "default-src 'none'; script-src 'self'; style-src 'self'; " \
	"img-src 'self'; connect-src 'self'; form-action 'self'; " \
	"base-uri 'none'; frame-ancestors 'none'"

typedef struct {
	const sv_config_t *cfg;
	pthread_key_t backend_key;
	atomic_uint open;       /* connections open now */
} server_t;

static void close_backend(void *b)
{
	sv_backend_close(b);
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
			  enum MHD_ConnectionNotificationCode code)
{
	server_t *s = cls;
	(void)c;
	(void)socket_ctx;
	if (code == MHD_CONNECTION_NOTIFY_STARTED)
		atomic_fetch_add(&s->open, 1);
	else
		atomic_fetch_sub(&s->open, 1);
}

static enum MHD_Result send_reply(struct MHD_Connection *c, sv_reply_t *r, int close,
				  const char *cache)
{
	size_t len;
	char *body = esc_buf_take(&r->body, &len);
	if (!body) {
		static const char oom[] = "out of memory\n";
		body = NULL;
		r->status = 500;
		r->type = "text/plain; charset=utf-8";
		struct MHD_Response *resp = MHD_create_response_from_buffer(
			sizeof(oom) - 1, (void *)oom, MHD_RESPMEM_PERSISTENT);
		enum MHD_Result ret = resp ? MHD_queue_response(c, 500, resp) : MHD_NO;
		MHD_destroy_response(resp);
		return ret;
	}
	struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(
		len, body, free);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	MHD_add_response_header(resp, "Content-Type", r->type);
	MHD_add_response_header(resp, "Content-Security-Policy", SV_CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Cache-Control", cache ? cache : "no-cache");
	if (r->status == 503)
		MHD_add_response_header(resp, "Retry-After", "1");
	if (close)
		MHD_add_response_header(resp, "Connection", "close");
	enum MHD_Result ret = MHD_queue_response(c, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result send_asset(struct MHD_Connection *c, const sv_asset_t *a)
{
	struct MHD_Response *resp = MHD_create_response_from_buffer(
		a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", a->type);
	MHD_add_response_header(resp, "Content-Security-Policy", SV_CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Cache-Control", "public, max-age=300");
	enum MHD_Result ret = MHD_queue_response(c, 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* An error for a path: JSON under /api/, a page elsewhere. */
static void error_reply(const char *url, sv_reply_t *r, unsigned status, const char *msg)
{
	sv_error_t err = { "", 0 };
	snprintf(err.message, sizeof(err.message), "%s", msg);
	if (strncmp(url, "/api/", 5) == 0)
		api_error(r, status, &err);
	else
		page_error(r, status, &err);
}

/* Read one parameter: absent is NULL; too long, holding a NUL byte, not
 * UTF-8 or holding a control character (but tab, newline, carriage return:
 * nothing an answer would echo unclean) fails with the reason in msg. */
static int get_param(struct MHD_Connection *c, const char *name, const char **out,
		     char *msg, size_t msgsz)
{
	const char *v = NULL;
	size_t len = 0;
	*out = NULL;
	if (MHD_lookup_connection_value_n(c, MHD_GET_ARGUMENT_KIND, name, strlen(name), &v,
					  &len) != MHD_YES || !v)
		return 0;
	if (len > SV_MAX_PARAM) {
		snprintf(msg, msgsz, "%s: longer than %u bytes", name, SV_MAX_PARAM);
		return -1;
	}
	if (!esc_utf8_valid(v, len)) {
		snprintf(msg, msgsz, "%s: not valid UTF-8 text", name);
		return -1;
	}
	if (!esc_text_clean(v, len)) {
		snprintf(msg, msgsz, "%s: holds a control character", name);
		return -1;
	}
	*out = v;
	return 0;
}

/* What get_names() collects: the values of one parameter. */
typedef struct {
	const char *name;
	sv_names_t *names;
	char *msg;
	size_t msgsz;
	int bad;
} names_walk_t;

static enum MHD_Result names_one(void *cls, enum MHD_ValueKind kind, const char *key,
				 size_t key_size, const char *value, size_t value_size)
{
	names_walk_t *w = cls;
	(void)kind;
	if (!key || strlen(w->name) != key_size || memcmp(key, w->name, key_size) != 0 ||
	    !value || !value_size)
		return MHD_YES;
	if (value_size > SV_MAX_PARAM)
		snprintf(w->msg, w->msgsz, "%s: longer than %u bytes", w->name, SV_MAX_PARAM);
	else if (!esc_utf8_valid(value, value_size))
		snprintf(w->msg, w->msgsz, "%s: not valid UTF-8 text", w->name);
	else if (!esc_text_clean(value, value_size))
		snprintf(w->msg, w->msgsz, "%s: holds a control character", w->name);
	else if (w->names->n >= SV_MAX_NAMES)
		snprintf(w->msg, w->msgsz, "%s: at most %d values", w->name, SV_MAX_NAMES);
	else {
		w->names->v[w->names->n++] = value;
		return MHD_YES;
	}
	w->bad = 1;
	return MHD_NO;
}

/* Read every value of a parameter given again and again (person=A&
 * person=B); a bad one fails with the reason in msg. */
static int get_names(struct MHD_Connection *c, const char *name, sv_names_t *out, char *msg,
		     size_t msgsz)
{
	names_walk_t w = { name, out, msg, msgsz, 0 };
	out->n = 0;
	MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, names_one, &w);
	return w.bad ? -1 : 0;
}

static int get_params(struct MHD_Connection *c, sv_params_t *p, char *msg, size_t msgsz)
{
	struct { const char *name; const char **slot; } table[] = {
		{ "q", &p->q }, { "id", &p->id }, { "offset", &p->offset }, { "n", &p->n },
		{ "sort", &p->sort }, { "since", &p->since }, { "until", &p->until },
		{ "author", &p->author }, { "source", &p->source },
	};
	struct { const char *name; sv_names_t *names; } lists[] = {
		{ "person", &p->person }, { "place", &p->place }, { "org", &p->org },
	};
	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (get_param(c, table[i].name, table[i].slot, msg, msgsz) < 0)
			return -1;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (get_names(c, lists[i].name, lists[i].names, msg, msgsz) < 0)
			return -1;
	return 0;
}

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
			      const char *method, const char *version,
			      const char *upload, size_t *upload_size, void **con_cls)
{
	server_t *s = cls;
	sv_reply_t r = { 200, "text/html; charset=utf-8", { 0 } };
	sv_params_t p;
	char msg[160];
	int close = 0;
	double t0 = now_ms();
	(void)version;
	(void)upload;

	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		/* Answered at once, on the headers: the body is never read and
		 * the connection closes. */
		(void)upload_size;
		error_reply(url, &r, 405, "only GET and HEAD are answered");
		close = 1;
		goto send;
	}
	/* The first call has the headers: answering on the second keeps the
	 * connection open for the client's next request. */
	if (!*con_cls) {
		*con_cls = s;
		return MHD_YES;
	}
	if (atomic_load(&s->open) > s->cfg->max_clients) {
		error_reply(url, &r, 503, "too many clients at once; try again");
		close = 1;
		goto send;
	}
	const sv_asset_t *a = sv_asset_find(url);
	if (a)
		return send_asset(c, a);
	if (get_params(c, &p, msg, sizeof(msg)) < 0) {
		error_reply(url, &r, 400, msg);
		goto send;
	}
	int known = !strcmp(url, "/") || !strcmp(url, "/article") ||
		    !strcmp(url, "/api/search") || !strcmp(url, "/api/article") ||
		    !strcmp(url, "/api/related");
	if (!known) {
		error_reply(url, &r, 404, "no such page");
		goto send;
	}
	sv_backend_t *b = pthread_getspecific(s->backend_key);
	if (!b) {
		sv_error_t err = { "", 0 };
		if (sv_backend_open(s->cfg->dbpath, &b, &err) != SV_OK) {
			char m[600];
			snprintf(m, sizeof(m), "the index is unavailable: %s", err.message);
			error_reply(url, &r, 503, m);
			goto send;
		}
		pthread_setspecific(s->backend_key, b);
	}
	if (!strcmp(url, "/"))
		page_search(b, &p, &r);
	else if (!strcmp(url, "/article"))
		page_article(b, &p, &r);
	else if (!strcmp(url, "/api/search"))
		api_search(b, &p, &r);
	else if (!strcmp(url, "/api/article"))
		api_article(b, &p, &r);
	else
		api_related(b, &p, &r);
send:
	if (s->cfg->verbose) {
		flockfile(stderr);
		fprintf(stderr, "%s ", method);
		safe_puts(stderr, url);
		fprintf(stderr, " %u %.1f ms\n", r.status, now_ms() - t0);
		funlockfile(stderr);
	}
	return send_reply(c, &r, close, NULL);
}

/* MHD's own messages (a client that sent too long a request...). */
static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	const server_t *s = cls;
	if (s->cfg->verbose)
		vfprintf(stderr, fmt, ap);
}

int serve_run(const sv_config_t *cfg)
{
	server_t s = { cfg, 0, 0 };
	struct sockaddr_storage ss;
	socklen_t sslen;
	int status = 1;
	sigset_t stop;

	memset(&ss, 0, sizeof(ss));
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	int ipv6 = 0;
	if (inet_pton(AF_INET, cfg->addr, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*v4);
	} else if (inet_pton(AF_INET6, cfg->addr, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)cfg->port);
		sslen = sizeof(*v6);
		ipv6 = 1;
	} else {
		fprintf(stderr, "dateline-serve: --listen: '%s' is not an IPv4 or IPv6 address\n",
			cfg->addr);
		return 1;
	}
	(void)sslen;

	/* The index is opened once here so that a wrong -d fails at start. */
	sv_backend_t *probe = NULL;
	sv_error_t err = { "", 0 };
	if (sv_backend_open(cfg->dbpath, &probe, &err) != SV_OK) {
		fprintf(stderr, "dateline-serve: %s\n", err.message);
		return 1;
	}
	sv_backend_close(probe);

	sv_cache_init((size_t)cfg->cache_mb << 20);
	if (pthread_key_create(&s.backend_key, close_backend) != 0) {
		fprintf(stderr, "dateline-serve: cannot create a thread key\n");
		return 1;
	}
	/* Ctrl-C and SIGTERM are taken by sigwait() below: blocked in every
	 * thread, the server's included (they inherit the mask). */
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
	if (ipv6)
		flags |= MHD_USE_IPv6;
	/* Connections beyond max_clients still get their 503, up to a
	 * bound on file descriptors. */
	unsigned limit = cfg->max_clients * 2 + 256;
	struct MHD_Daemon *d = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, handle, &s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, limit,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SV_IDLE_SECONDS,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SV_CONNECTION_MEMORY,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s,
		MHD_OPTION_EXTERNAL_LOGGER, log_mhd, &s,
		MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "dateline-serve: cannot listen on %s:%u: %s\n", cfg->addr,
			cfg->port, errno ? strerror(errno) : "libmicrohttpd refused");
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	unsigned port = info ? info->port : cfg->port;
	int loopback = strncmp(cfg->addr, "127.", 4) == 0 || strcmp(cfg->addr, "::1") == 0;
	if (!loopback)
		printf("dateline-serve: listening on %s port %u: reachable from other machines\n",
		       cfg->addr, port);
	printf("dateline-serve: serving %s at http://%s%s%s:%u/ (Ctrl-C stops)\n",
	       cfg->dbpath, ipv6 ? "[" : "", cfg->addr, ipv6 ? "]" : "", port);
	fflush(stdout);
	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	fprintf(stderr, "dateline-serve: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
	MHD_stop_daemon(d);
	if (cfg->verbose) {
		unsigned long hits, misses;
		sv_cache_stats(&hits, &misses);
		fprintf(stderr, "dateline-serve: cache: %lu hits, %lu misses\n", hits, misses);
	}
	status = 0;
out:
	sv_cache_clear();
	pthread_key_delete(s.backend_key);
	return status;
}

/* --- in-process requests (serve.h: serve_local_*) ------------------------ */

struct sv_local {
	server_t s;
	struct MHD_Daemon *d;
};

sv_local_t *serve_local_start(const sv_config_t *cfg)
{
	sv_local_t *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->s.cfg = cfg;
	if (pthread_key_create(&l->s.backend_key, close_backend) != 0) {
		free(l);
		return NULL;
	}
	signal(SIGPIPE, SIG_IGN);
	sv_cache_init((size_t)cfg->cache_mb << 20);
	l->d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_NO_LISTEN_SOCKET | MHD_USE_ITC |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, handle, &l->s,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SV_IDLE_SECONDS,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SV_CONNECTION_MEMORY,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, &l->s,
		MHD_OPTION_EXTERNAL_LOGGER, log_mhd, &l->s,
		MHD_OPTION_END);
	if (!l->d) {
		pthread_key_delete(l->s.backend_key);
		free(l);
		return NULL;
	}
	return l;
}

int serve_local_request(sv_local_t *l, const char *req, size_t len, esc_buf_t *reply)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return -1;
	struct sockaddr_in peer;
	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (MHD_add_connection(l->d, sv[1], (struct sockaddr *)&peer, sizeof(peer)) != MHD_YES) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	/* The whole request, then the end of it: the server answers what
	 * it read and closes. */
	size_t off = 0;
	while (off < len) {
		ssize_t w = send(sv[0], req + off, len - off, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;  /* the server closed first (a request too long) */
		off += (size_t)w;
	}
	shutdown(sv[0], SHUT_WR);
	char buf[16384];
	for (;;) {
		ssize_t r = recv(sv[0], buf, sizeof(buf), 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		esc_rawn(reply, buf, (size_t)r);
	}
	close(sv[0]);
	return 0;
}

void serve_local_stop(sv_local_t *l)
{
	if (!l)
		return;
	MHD_stop_daemon(l->d);
	sv_cache_clear();
	pthread_key_delete(l->s.backend_key);
	free(l);
}
