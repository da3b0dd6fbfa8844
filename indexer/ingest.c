/* ingest.c - one file read into documents (see ingest.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analysis/schema.h"
#include "../util/safeprint.h"
#include "../util/utf8.h"
#include "article.h"
#include "encoding.h"
#include "ingest.h"

/* Read the whole file: *out is malloc'ed (owned by the caller) with a NUL
 * after its *len bytes. Returns 0 or an errno. */
static int read_file(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t cap, n = 0;
	int err = 0;

	*out = NULL;
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto out_close;
	}
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		err = ENOMEM;
		goto out_close;
	}
	for (;;) {
		if (n + 1 == cap) {
			/* The file grew while being read. */
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				err = ENOMEM;
				goto out_free;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out_free;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	goto out_close;
out_free:
	free(buf);
out_close:
	close(fd);
	return err;
}

/* Add a line "progname: path[suffix]: msg" to the job's messages. */
static void message(ingest_job_t *job, const ingest_opts_t *o, const char *suffix,
		    const char *msg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return;
	/* Named as the searcher shows ids (safe_name()). */
	char *shown = safe_name(job->path, strlen(job->path));
	fprintf(f, "%s: %s", o->progname, shown ? shown : "?");
	free(shown);
	if (suffix) {
		shown = safe_name(suffix, strlen(suffix));
		fputs(shown ? shown : "?", f);
		free(shown);
	}
	fprintf(f, ": %s\n", msg);
	fclose(f);
	char *m = realloc(job->messages, job->messages_len + len + 1);
	if (m) {
		memcpy(m + job->messages_len, buf, len + 1);
		job->messages = m;
		job->messages_len += len;
	}
	free(buf);
}

static void skip(ingest_job_t *job, const ingest_opts_t *o, enum skip_reason r,
		 const char *why)
{
	job->skip = r;
	if (!o->quiet)
		message(job, o, NULL, why);
}

/* What the article callback needs. */
typedef struct {
	ingest_job_t *job;
	const ingest_opts_t *opts;
	an_stemmer_t *st;
} build_ctx_t;

/* Build one article's document and keep it in the job. */
static int build_article(article_t *a, const char *suffix, void *ctx)
{
	build_ctx_t *bc = ctx;
	ingest_job_t *job = bc->job;
	if (job->n == job->cap) {
		size_t cap = job->cap ? 2 * job->cap : 4;
		ingest_article_t *v = realloc(job->arts, cap * sizeof(*v));
		if (!v)
			return -1;
		job->arts = v;
		job->cap = cap;
	}
	/* The boundary: what is built and stored is clean UTF-8. */
	if (article_clean(a, &job->fixes) < 0)
		return -1;
	/* A huge article is cut (at a character, and a space when there is
	 * one near), so that memory stays bounded by the limit. */
	size_t blen = a->body ? strlen(a->body) : 0;
	if (blen > INGEST_MAX_ARTICLE_BYTES) {
		size_t cut = utf8_boundary(a->body, blen, INGEST_MAX_ARTICLE_BYTES);
		size_t space = cut;
		while (space > cut - 4096 && space > 0 && a->body[space - 1] != ' ' &&
		       a->body[space - 1] != '\n')
			space--;
		if (space > cut - 4096 && space > 0)
			cut = space;
		a->body[cut] = '\0';
		if (!bc->opts->quiet) {
			char msg[160];
			snprintf(msg, sizeof(msg), "the article's text is %zu bytes: only its "
				 "first %u MiB are indexed", blen, INGEST_MAX_ARTICLE_BYTES >> 20);
			message(job, bc->opts, *suffix ? suffix : NULL, msg);
		}
		job->cut++;
	}
	ingest_article_t *art = &job->arts[job->n];
	memset(art, 0, sizeof(*art));
	size_t rl = strlen(job->rel), sl = strlen(suffix);
	art->id = malloc(rl + sl + 1);
	if (!art->id)
		return -1;
	memcpy(art->id, job->rel, rl);
	memcpy(art->id + rl, suffix, sl + 1);
	char hex[17];
	document_digest(a, hex);
	snprintf(art->digest_term, sizeof(art->digest_term), "%s%s", DL_PREFIX_DIGEST, hex);
	dx_status_t rc = document_build(a, art->id, job->rel, &job->facts,
					&bc->opts->weights, bc->st, &art->doc);
	if (rc != DX_OK) {
		/* This file's error: none of its articles is stored (the
		 * index keeps what it held of the file), the run goes on. */
		char msg[512];
		snprintf(msg, sizeof(msg), "skipped: cannot index it: %s%s%s",
			 dx_status_to_string(rc), *dx_last_error() ? ": " : "",
			 dx_last_error());
		message(job, bc->opts, suffix, msg);
		free(art->id);
		job->unindexable = 1;
		return 1;
	}
	job->n++;
	return 0;
}

void ingest_run(ingest_job_t *job, const ingest_opts_t *o, an_stemmer_t *st)
{
	char *buf = NULL, *conv = NULL, msg[128];
	const char *text;
	size_t len, bad;
	article_t a = { 0 };
	build_ctx_t bc = { job, o, st };

	job->skip = SKIP_NONE;
	if (!st) {
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
		return;
	}
	if (job->facts.size > o->max_size) {
		snprintf(msg, sizeof(msg), "skipped: larger than %llu bytes (--max-size)",
			 o->max_size);
		skip(job, o, SKIP_TOO_LARGE, msg);
		return;
	}
	int err = read_file(job->path, &buf, &len);
	if (err) {
		snprintf(msg, sizeof(msg), "skipped: %s", strerror(err));
		skip(job, o, SKIP_UNREADABLE, msg);
		return;
	}
	if (len == 0) {
		skip(job, o, SKIP_EMPTY, "skipped: empty file");
		goto out;
	}
	if (enc_is_binary(buf, len)) {
		skip(job, o, SKIP_BINARY, "skipped: binary file (NUL bytes)");
		goto out;
	}
	text = buf;
	if (enc_bom_len(buf, len)) {
		text += 3;
		len -= 3;
	}
	/* Formats libxml2 decodes itself (UTF-8 when the bytes are UTF-8
	 * whatever the file declares, else its declared charset); the others
	 * are made UTF-8 first. */
	int is_reuters = reuters_detect(text, len);
	int is_feed = !is_reuters && feed_detect(text, len);
	int is_html = !is_reuters && !is_feed && html_detect(text, len);
	int utf8 = enc_valid_utf8(text, len, &bad);
	if (is_html && (utf8 || enc_declares_other_charset(text, len))) {
		if (html_read(text, len, utf8 ? "UTF-8" : NULL, &a) < 0) {
			skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
			goto out;
		}
		goto single;
	}
	/* Not UTF-8, and no other charset declared (a page or feed that says
	 * UTF-8 and is not): Windows-1252, as the bytes of a text file. */
	if (!utf8 && !(is_feed && enc_declares_other_charset(text, len))) {
		conv = enc_cp1252_to_utf8(text, len, &len);
		if (!conv) {
			skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
			goto out;
		}
		text = conv;
		job->converted = 1;
		if (!o->quiet) {
			snprintf(msg, sizeof(msg),
				 "not valid UTF-8 (byte %zu), read as Windows-1252", bad);
			message(job, o, NULL, msg);
		}
	}
	if (is_html) {
		if (html_read(text, len, "UTF-8", &a) < 0) {
			skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
			goto out;
		}
		goto single;
	}
	if (is_reuters || is_feed) {
		job->container = 1;
		int r = is_feed ? feed_read(text, len, build_article, &bc)
				: reuters_read(text, len, build_article, &bc);
		if (r < 0 && !job->unindexable)
			skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
		else if (job->n == 0 && !job->unindexable)
			skip(job, o, SKIP_NO_TEXT, is_feed ? "skipped: no items"
							   : "skipped: no stories");
		goto out;
	}
	if (text_read(text, len, &a) < 0) {
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
		goto out;
	}
single:
	if (!a.title && !a.body) {
		skip(job, o, SKIP_NO_TEXT, "skipped: no text");
		goto out;
	}
	if (build_article(&a, "", &bc) < 0 && !job->unindexable)
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
out:
	if (job->unindexable) {
		for (size_t i = 0; i < job->n; i++) {
			free(job->arts[i].id);
			dx_doc_destroy(job->arts[i].doc);
		}
		job->n = 0;
		job->skip = SKIP_UNINDEXABLE;
	} else if (job->fixes.invalid && !o->quiet) {
		snprintf(msg, sizeof(msg), "%zu byte%s not valid UTF-8 after decoding, "
			 "replaced by U+FFFD", job->fixes.invalid,
			 job->fixes.invalid == 1 ? "" : "s");
		message(job, o, NULL, msg);
	}
	article_clear(&a);
	free(conv);
	free(buf);
}

void ingest_job_clear(ingest_job_t *job)
{
	for (size_t i = 0; i < job->n; i++) {
		free(job->arts[i].id);
		dx_doc_destroy(job->arts[i].doc);
	}
	free(job->arts);
	free(job->path);
	free(job->rel);
	free(job->messages);
	memset(job, 0, sizeof(*job));
}
