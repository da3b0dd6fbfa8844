/* ingest.c - one file read into documents (see ingest.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../analysis/language.h"
#include "../analysis/schema.h"
#include "../util/safeprint.h"
#include "../util/utf8.h"
#include "article.h"
#include "dateline.h"
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

/* Stemmers kept per thread: more languages than this in one run get
 * their stemmer made for each article. */
#define MAX_STEMMERS 16

struct ingest_langs {
	lang_detector_t *det;
	struct {
		char code[LANG_CODE_BYTES];
		an_stemmer_t *st;
	} v[MAX_STEMMERS];
	size_t n;
};

ingest_langs_t *ingest_langs_new(void)
{
	ingest_langs_t *l = calloc(1, sizeof(*l));
	if (!l)
		return NULL;
	l->det = lang_detector_new();
	if (!l->det) {
		free(l);
		return NULL;
	}
	return l;
}

void ingest_langs_destroy(ingest_langs_t *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		an_stemmer_destroy(l->v[i].st);
	lang_detector_destroy(l->det);
	free(l);
}

/* What the article callback needs. */
typedef struct {
	ingest_job_t *job;
	const ingest_opts_t *opts;
	an_stemmer_t *st;
	ingest_langs_t *langs;
} build_ctx_t;

/*
 * Give the article its language and pick its stemmer: the language it
 * declares (a Language: header, an HTML lang attribute, a feed's language,
 * Content-Language) when it is one Snowball stems, else the one its text
 * is detected in, else the run's (st's). A declared language Snowball does
 * not stem is kept, stemmed in the run's. Sets a->language to the code.
 * Returns the stemmer (owned by langs or the caller: *made is set when it
 * was made for this article alone and is the caller's to destroy), or
 * NULL when out of memory.
 */
const char *ingest_language(article_t *a, lang_detector_t *det, const char *fallback, int *oom)
{
	char buf[LANG_CODE_BYTES];
	const char *code = NULL;
	*oom = 0;
	if (a->language) {
		code = lang_normalise(a->language, strlen(a->language), buf);
		if (!code) {
			/* Not a language of ours: its first tag, lower case. */
			size_t n = strcspn(a->language, "-_,; ");
			for (size_t i = 0; i < n; i++)
				a->language[i] = (char)((a->language[i] >= 'A' && a->language[i] <= 'Z')
							? a->language[i] + 32 : a->language[i]);
			a->language[n] = '\0';
			if (n == 0) {
				free(a->language);
				a->language = NULL;
			}
			return NULL;
		}
	}
	if (!code && det) {
		const char *text = a->body ? a->body : a->title;
		code = text ? lang_detect(det, text, strlen(text), fallback) : NULL;
	}
	if (!code)
		code = fallback;
	if (!code)
		return NULL;
	char *c = strdup(code);
	if (!c) {
		*oom = 1;
		return NULL;
	}
	free(a->language);
	a->language = c;
	return c;
}

static an_stemmer_t *article_stemmer(article_t *a, an_stemmer_t *st, ingest_langs_t *langs,
				     int *made)
{
	int oom;
	*made = 0;
	const char *own = lang_code_of_stemmer(an_stemmer_language(st));
	const char *code = ingest_language(a, langs ? langs->det : NULL, own, &oom);
	if (oom)
		return NULL;
	if (!code)
		return st;
	if (own && strcmp(code, own) == 0)
		return st;
	for (size_t i = 0; langs && i < langs->n; i++)
		if (strcmp(langs->v[i].code, code) == 0)
			return langs->v[i].st;
	an_stemmer_t *s = an_stemmer_new(lang_stemmer_name(code));
	if (!s)
		return NULL;
	if (langs && langs->n < MAX_STEMMERS) {
		snprintf(langs->v[langs->n].code, LANG_CODE_BYTES, "%s", code);
		langs->v[langs->n++].st = s;
	} else {
		*made = 1;
	}
	return s;
}

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
	/* The place of a story the reader gave none: its dateline. */
	if (article_dateline(a) < 0)
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
	int made;
	an_stemmer_t *ast = article_stemmer(a, bc->st, bc->langs, &made);
	if (!ast) {
		free(art->id);
		return -1;
	}
	dx_status_t rc = document_build(a, art->id, job->rel, &job->facts,
					&bc->opts->weights, ast, &art->doc);
	if (made)
		an_stemmer_destroy(ast);
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

/* A reader's problem with an item of the file, or the file. */
static void note_problem(const char *suffix, const char *msg, void *ctx)
{
	build_ctx_t *bc = ctx;
	if (!bc->opts->quiet)
		message(bc->job, bc->opts, suffix, msg);
}

/* The first bytes of the file (for the formats recognised before it is
 * read whole). Returns how many were read, 0 on any error. */
static size_t read_head(const char *path, char *head, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t k;
	do
		k = read(fd, head, cap);
	while (k < 0 && errno == EINTR);
	close(fd);
	return k > 0 ? (size_t)k : 0;
}

/* A web archive: streamed, record by record, --max-size applying to each
 * record rather than to the file. */
static void ingest_warc(ingest_job_t *job, const ingest_opts_t *o, build_ctx_t *bc)
{
	job->container = 1;
	int r = warc_read(job->path, o->max_size, build_article, note_problem, bc);
	if (r == -2)
		job->skip = SKIP_UNREADABLE;
	else if (r < 0 && !job->unindexable)
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
	else if (job->n == 0 && !job->unindexable)
		skip(job, o, SKIP_NO_TEXT, "skipped: no pages");
}

static char *dup_or_null(const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *c = strdup(s);
	*oom |= c == NULL;
	return c;
}

int ingest_page_add(ingest_job_t *job, const warc_page_t *pg)
{
	if (job->npages == job->pages_cap) {
		size_t cap = job->pages_cap ? 2 * job->pages_cap : 16;
		ingest_page_t *v = realloc(job->pages, cap * sizeof(*v));
		if (!v)
			return -1;
		job->pages = v;
		job->pages_cap = cap;
	}
	ingest_page_t *ip = &job->pages[job->npages];
	int oom = 0;
	memset(ip, 0, sizeof(*ip));
	ip->suffix = dup_or_null(pg->suffix, &oom);
	ip->type = dup_or_null(pg->type, &oom);
	ip->charset = dup_or_null(pg->charset, &oom);
	ip->uri = dup_or_null(pg->uri, &oom);
	ip->date = dup_or_null(pg->date, &oom);
	ip->payload = malloc(pg->len + 1);
	if (ip->payload) {
		memcpy(ip->payload, pg->payload, pg->len);
		ip->payload[pg->len] = '\0';
		ip->len = pg->len;
	}
	job->npages++;
	job->pages_bytes += pg->len;
	return oom || !ip->payload ? -1 : 0;
}

void ingest_note(ingest_job_t *job, const ingest_opts_t *o, const char *suffix,
		 const char *msg)
{
	if (!o->quiet)
		message(job, o, suffix, msg);
}

/* A part of a web archive: its pages into articles, freed as they go. */
static void ingest_part(ingest_job_t *job, const ingest_opts_t *o, build_ctx_t *bc)
{
	job->container = 1;
	for (size_t i = 0; i < job->npages && !job->unindexable; i++) {
		ingest_page_t *ip = &job->pages[i];
		warc_page_t pg = { ip->suffix ? ip->suffix : "", ip->payload, ip->len,
				   ip->type ? ip->type : "", ip->charset ? ip->charset : "",
				   ip->uri, ip->date };
		article_t a = { 0 };
		int r = ip->payload && ip->suffix && ip->type && ip->charset
			? warc_page_read(&pg, &a) : -1;
		if (r == 0)
			r = build_article(&a, pg.suffix, bc);
		article_clear(&a);
		free(ip->payload);
		ip->payload = NULL;
		if (r < 0) {
			skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
			return;
		}
	}
	/* How the streaming of the file ended (its notes are said already). */
	if (job->last_part && job->read_rc == -2)
		job->skip = SKIP_UNREADABLE;
	else if (job->last_part && job->read_rc == -1 && !job->unindexable)
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
}

/* A PDF into a (text by poppler). Returns 1 when a holds the article, 0
 * when the file was skipped. */
static int ingest_pdf(ingest_job_t *job, const ingest_opts_t *o, const char *buf,
		      size_t len, article_t *a)
{
	char why[300], msg[256];
	int r = pdf_read(buf, len, a, why, sizeof(why));
	if (r < 0) {
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
		return 0;
	}
	if (r > 0) {
		snprintf(msg, sizeof(msg), "skipped: %.200s", why);
		skip(job, o, SKIP_UNREADABLE, msg);
		return 0;
	}
	return 1;
}

/* A file of several articles: messages of an mbox or e-mail (mail is its
 * MAIL_ kind), items of a feed, stories of a Reuters file. */
static void ingest_container(ingest_job_t *job, const ingest_opts_t *o, build_ctx_t *bc,
			     const char *text, size_t len, int mail, int is_feed)
{
	job->container = 1;
	int r = mail != MAIL_NONE ? mail_read(text, len, mail, build_article, note_problem, bc)
		: is_feed ? feed_read(text, len, build_article, bc)
		: reuters_read(text, len, build_article, bc);
	if (r < 0 && !job->unindexable)
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
	else if (job->n == 0 && !job->unindexable)
		skip(job, o, SKIP_NO_TEXT, mail != MAIL_NONE ? "skipped: no e-mail message GMime can read"
			  : is_feed ? "skipped: no items" : "skipped: no stories");
}

/* The end of a file's run: a file with an article that cannot be indexed
 * gives none; the count of bytes replaced is said once. */
static void ingest_done(ingest_job_t *job, const ingest_opts_t *o)
{
	char msg[256];
	if (job->unindexable) {
		for (size_t i = 0; i < job->n; i++) {
			free(job->arts[i].id);
			dx_doc_destroy(job->arts[i].doc);
		}
		job->n = 0;
		job->skip = SKIP_UNINDEXABLE;
	} else if (job->fixes.invalid && !o->quiet && !job->part) {
		snprintf(msg, sizeof(msg), "%zu byte%s not valid UTF-8 after decoding, "
			 "replaced by U+FFFD", job->fixes.invalid,
			 job->fixes.invalid == 1 ? "" : "s");
		message(job, o, NULL, msg);
	}
}

void ingest_run(ingest_job_t *job, const ingest_opts_t *o, an_stemmer_t *st,
		ingest_langs_t *langs)
{
	char *buf = NULL, *conv = NULL, msg[256];
	const char *text;
	size_t len, bad;
	article_t a = { 0 };
	build_ctx_t bc = { job, o, st, langs };

	job->skip = SKIP_NONE;
	if (!st) {
		skip(job, o, SKIP_UNREADABLE, "skipped: out of memory");
		return;
	}
	if (job->part) {
		ingest_part(job, o, &bc);
		goto out;
	}
	char head[16];
	size_t hn = read_head(job->path, head, sizeof(head));
	if (warc_detect_file(job->path, head, hn)) {
		ingest_warc(job, o, &bc);
		goto out;
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
	/* A PDF is binary: recognised before the test for binary files. */
	if (pdf_detect(buf, len)) {
		if (ingest_pdf(job, o, buf, len, &a))
			goto single;
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
	/* E-mail: GMime decodes each part by its own charset. */
	int mail = mail_detect(job->path, text, len);
	if (mail != MAIL_NONE) {
		ingest_container(job, o, &bc, text, len, mail, 0);
		goto out;
	}
	/* Formats libxml2 decodes itself (UTF-8 when the bytes are UTF-8
	 * whatever the file declares, else its declared charset); the others
	 * are made UTF-8 first. */
	int is_reuters = reuters_detect(text, len);
	int is_feed = !is_reuters && feed_detect(text, len);
	int is_html = !is_reuters && !is_feed && html_detect(text, len);
	if (is_html && len > INGEST_MAX_PAGE_BYTES) {
		size_t whole = len;
		len = utf8_boundary(text, len, INGEST_MAX_PAGE_BYTES);
		if (!o->quiet) {
			snprintf(msg, sizeof(msg), "the page is %zu bytes: only its first %u MiB "
				 "are read", whole, INGEST_MAX_PAGE_BYTES >> 20);
			message(job, o, NULL, msg);
		}
	}
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
		ingest_container(job, o, &bc, text, len, MAIL_NONE, is_feed);
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
	ingest_done(job, o);
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
	for (size_t i = 0; i < job->npages; i++) {
		ingest_page_t *ip = &job->pages[i];
		free(ip->suffix);
		free(ip->payload);
		free(ip->type);
		free(ip->charset);
		free(ip->uri);
		free(ip->date);
	}
	free(job->pages);
	free(job->path);
	free(job->rel);
	free(job->messages);
	memset(job, 0, sizeof(*job));
}
