/*
 * read_warc.c - the pages of a web archive (WARC 1.0 and 1.1), with zlib.
 *
 * A WARC file is a sequence of records, each a version line ("WARC/1.1"),
 * header fields, an empty line, Content-Length bytes of block and two CRLF.
 * A .warc.gz holds each record in a gzip member of its own; zlib's gzread()
 * reads the members one after the other (and a plain file as it is), so
 * one loop reads both. The file is streamed: what is in memory is one
 * record's block (at most max_record bytes, else the record is skipped
 * without being kept) and an input buffer.
 *
 * A response record holds an HTTP response: its status line and headers
 * are cut off, a chunked transfer coding and a gzip or deflate content
 * coding undone, and a 2xx HTML page read by the HTML reader (the charset
 * of the HTTP Content-Type considered), a text/plain one by the text
 * reader. A resource record's block is the page itself. A revisit record
 * says a page was seen again unchanged: it points to the original record,
 * which is the article (nothing is indexed twice). Request, metadata,
 * warcinfo and conversion records are not articles.
 *
 * A record whose Content-Length does not end where the next record
 * starts, or whose header cannot be read, is reported and skipped; the
 * reader looks for the next "WARC/1." line and goes on. A record cut off
 * by the end of the file (or of its compressed data) is reported and the
 * reading stops there, with the records before it kept.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/encoding.h>
#include <zlib.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "article.h"
#include "encoding.h"
#include "../util/utf8.h"

/* Bytes asked of zlib at a time. */
#define IO_CHUNK 65536
/* A record's header is a few hundred bytes; more than this is not a WARC
 * header (a binary file, or lost synchronisation). */
#define MAX_HEADER_BYTES 65536
/* Record ids of the file remembered for its revisit records: enough for a
 * large crawl's file, bounded so memory stays bounded too. */
#define MAX_REMEMBERED 100000

/* The input: zlib's stream and a buffer of what was read and not used. */
typedef struct {
	gzFile gz;
	char *buf;
	size_t pos, len, cap;
	int eof;                 /* nothing more to read */
	int damaged;             /* zlib said the compressed data is damaged */
	unsigned long long base; /* offset (uncompressed) of buf[0] */
} in_t;

/* One record's header fields (malloc'ed, NULL when absent). */
typedef struct {
	char *type, *id, *uri, *date, *refers_to, *content_type;
	unsigned long long length;
	int has_length;
} rec_t;

typedef struct {
	warc_page_fn page;
	void *page_ctx;
	reader_note_fn note;
	void *ctx;               /* note's */
	unsigned long long max_record;
	char **seen;             /* record ids read (for revisits), malloc'ed */
	size_t nseen, capseen;
	size_t nrec;             /* records read so far */
	int oom;
} warc_t;

int warc_detect(const char *buf, size_t len)
{
	return len >= 7 && memcmp(buf, "WARC/1.", 7) == 0;
}

int warc_detect_file(const char *path, const char *head, size_t len)
{
	size_t n = strlen(path);
	if ((n > 5 && strcasecmp(path + n - 5, ".warc") == 0) ||
	    (n > 8 && strcasecmp(path + n - 8, ".warc.gz") == 0))
		return 1;
	if (warc_detect(head, len))
		return 1;
	/* A gzip member: look at what it holds. */
	if (len >= 2 && (unsigned char)head[0] == 0x1f && (unsigned char)head[1] == 0x8b) {
		gzFile gz = gzopen(path, "rb");
		char b[8];
		int k = gz ? gzread(gz, b, sizeof(b)) : 0;
		if (gz)
			gzclose(gz);
		return k >= 7 && warc_detect(b, (size_t)k);
	}
	return 0;
}

/* Have at least need bytes after pos in the buffer, or all that is left.
 * Returns the bytes there; -1 when out of memory. */
static long long in_fill(in_t *in, size_t need)
{
	while (in->len - in->pos < need && !in->eof) {
		if (in->pos > 0) {
			memmove(in->buf, in->buf + in->pos, in->len - in->pos);
			in->base += in->pos;
			in->len -= in->pos;
			in->pos = 0;
		}
		size_t want = need > IO_CHUNK ? need : IO_CHUNK;
		if (in->cap - in->len < want) {
			size_t cap = in->len + want;
			char *b = realloc(in->buf, cap);
			if (!b)
				return -1;
			in->buf = b;
			in->cap = cap;
		}
		size_t room = in->cap - in->len;
		int k = gzread(in->gz, in->buf + in->len,
			       (unsigned)(room > 0x40000000 ? 0x40000000 : room));
		if (k <= 0) {
			int errnum = 0;
			gzerror(in->gz, &errnum);
			if (k < 0 || (errnum != Z_OK && errnum != Z_STREAM_END))
				in->damaged = 1;
			in->eof = 1;
		} else {
			in->len += (size_t)k;
		}
	}
	return (long long)(in->len - in->pos);
}

/* Throw away n bytes (a record too large to keep). Returns the bytes
 * thrown away (fewer at the end of the file). */
static unsigned long long in_skip(in_t *in, unsigned long long n)
{
	unsigned long long done = 0;
	while (done < n) {
		size_t have = in->len - in->pos;
		if (have == 0) {
			if (in->eof)
				break;
			if (in_fill(in, 1) <= 0)
				break;
			continue;
		}
		size_t k = n - done < have ? (size_t)(n - done) : have;
		in->pos += k;
		done += k;
	}
	return done;
}

/* Move to the start of the next line that begins "WARC/1." (at or after
 * pos). Returns 1 found, 0 end of file, -1 out of memory. */
static int in_resync(in_t *in)
{
	for (;;) {
		if (in_fill(in, 8) < 0)
			return -1;
		size_t have = in->len - in->pos;
		if (have < 7)
			return 0;
		const char *s = in->buf + in->pos;
		if (memcmp(s, "WARC/1.", 7) == 0)
			return 1;
		const char *p = s;
		for (;;) {
			p = memchr(p, '\n', have - (size_t)(p - s));
			if (!p || (size_t)(p - s) + 8 > have)
				break;
			if (memcmp(p + 1, "WARC/1.", 7) == 0) {
				in->pos += (size_t)(p + 1 - s);
				return 1;
			}
			p++;
		}
		/* Keep the last 7 bytes: a marker may straddle the refill. */
		in->pos += have - 7;
		if (in->eof)
			return 0;
		if (in_fill(in, 8 + IO_CHUNK) < 0)
			return -1;
	}
}

/* Read one line (without its CR LF) of at most MAX_HEADER_BYTES. *line
 * points into the buffer until the next in_ call. Returns 1, 0 at the end
 * of the file, -1 out of memory, -2 too long. */
static int in_line(in_t *in, const char **line, size_t *len)
{
	size_t scanned = 0;
	for (;;) {
		size_t have = in->len - in->pos;
		/* No buffer yet before the first read (an empty file). */
		const char *s = in->buf ? in->buf + in->pos : "";
		const char *nl = have > scanned ? memchr(s + scanned, '\n', have - scanned) : NULL;
		if (nl) {
			size_t n = (size_t)(nl - s);
			in->pos += n + 1;
			if (n && s[n - 1] == '\r')
				n--;
			*line = s;
			*len = n;
			return 1;
		}
		if (have > MAX_HEADER_BYTES)
			return -2;
		if (in->eof) {
			if (have == 0)
				return 0;
			in->pos = in->len;
			*line = s;
			*len = have;
			return 1;
		}
		scanned = have;
		long long k = in_fill(in, have + 1);
		if (k < 0)
			return -1;
	}
}

static void rec_clear(rec_t *r)
{
	free(r->type);
	free(r->id);
	free(r->uri);
	free(r->date);
	free(r->refers_to);
	free(r->content_type);
	memset(r, 0, sizeof(*r));
}

/* A copy of value (len bytes) trimmed, without the <> that WARC 1.0 puts
 * around ids and URIs; NULL when out of memory (sets *oom). */
static char *field_value(const char *v, size_t len, int *oom)
{
	while (len && (*v == ' ' || *v == '\t'))
		v++, len--;
	while (len && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (len >= 2 && v[0] == '<' && v[len - 1] == '>')
		v++, len -= 2;
	char *s = malloc(len + 1);
	if (!s) {
		*oom = 1;
		return NULL;
	}
	memcpy(s, v, len);
	s[len] = '\0';
	return s;
}

/* Does the line name the header field name ("Name:")? Sets *v to its
 * value. */
static int header_is(const char *line, size_t len, const char *name, const char **v,
		     size_t *vlen)
{
	size_t n = strlen(name);
	if (len <= n || line[n] != ':' || strncasecmp(line, name, n) != 0)
		return 0;
	*v = line + n + 1;
	*vlen = len - n - 1;
	return 1;
}

/* Read a record's header (the version line is next). Returns 1 read, 0 end
 * of file, -1 out of memory, -2 not a header (message in why). */
static int read_header(in_t *in, rec_t *r, const char **why)
{
	const char *line;
	size_t len;
	int rc, oom = 0;

	/* Blank lines between records are tolerated. */
	do {
		rc = in_line(in, &line, &len);
		if (rc <= 0)
			return rc == -2 ? (*why = "a line longer than a WARC header", -2) : rc;
	} while (len == 0);
	if (len < 8 || memcmp(line, "WARC/1.", 7) != 0) {
		*why = "not a WARC record (no WARC/1.0 or WARC/1.1 line)";
		return -2;
	}
	for (;;) {
		rc = in_line(in, &line, &len);
		if (rc < 0)
			return rc == -2 ? (*why = "a header line too long", -2) : rc;
		if (rc == 0) {
			*why = "cut off in its header";
			return -2;
		}
		if (len == 0)
			break;
		const char *v;
		size_t vl;
		char **field = NULL;
		if (header_is(line, len, "WARC-Type", &v, &vl))
			field = &r->type;
		else if (header_is(line, len, "WARC-Record-ID", &v, &vl))
			field = &r->id;
		else if (header_is(line, len, "WARC-Target-URI", &v, &vl))
			field = &r->uri;
		else if (header_is(line, len, "WARC-Date", &v, &vl))
			field = &r->date;
		else if (header_is(line, len, "WARC-Refers-To", &v, &vl))
			field = &r->refers_to;
		else if (header_is(line, len, "Content-Type", &v, &vl))
			field = &r->content_type;
		else if (header_is(line, len, "Content-Length", &v, &vl)) {
			char num[24];
			while (vl && (*v == ' ' || *v == '\t'))
				v++, vl--;
			while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
				vl--;
			if (vl == 0 || vl >= sizeof(num)) {
				*why = "its Content-Length is not a number";
				return -2;
			}
			memcpy(num, v, vl);
			num[vl] = '\0';
			char *end;
			for (size_t i = 0; i < vl; i++)
				if (!isdigit((unsigned char)num[i])) {
					*why = "its Content-Length is not a number";
					return -2;
				}
			r->length = strtoull(num, &end, 10);
			r->has_length = 1;
		}
		if (field && !*field) {
			*field = field_value(v, vl, &oom);
			if (oom)
				return -1;
		}
	}
	if (!r->has_length) {
		*why = "no Content-Length";
		return -2;
	}
	return 1;
}

/* Case-insensitive search for a token in a header value. */
static const char *find_ci(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, what, n) == 0)
			return s + i;
	return NULL;
}

/* The HTTP message of a response record, taken apart. */
typedef struct {
	int status;              /* 200, ...; 0 when there is no status line */
	char type[128];          /* the media type, lower case ("text/html") */
	char charset[48];        /* the charset parameter, or "" */
	int chunked;             /* Transfer-Encoding: chunked */
	char coding[32];         /* Content-Encoding, lower case, or "" */
	size_t body_at;          /* where the body starts in the block */
} http_t;

/* Set the media type and charset from a Content-Type value. */
static void content_type(const char *v, size_t len, char *type, size_t tcap, char *cs,
			 size_t ccap)
{
	size_t i = 0, n = 0;
	while (i < len && (v[i] == ' ' || v[i] == '\t'))
		i++;
	while (i < len && v[i] != ';' && v[i] != ' ' && n + 1 < tcap)
		type[n++] = (char)tolower((unsigned char)v[i++]);
	type[n] = '\0';
	const char *c = find_ci(v, len, "charset=");
	n = 0;
	if (c) {
		c += 8;
		const char *end = v + len;
		if (c < end && (*c == '"' || *c == '\''))
			c++;
		while (c < end && n + 1 < ccap && (isalnum((unsigned char)*c) || *c == '-' ||
						   *c == '_' || *c == '.' || *c == ':'))
			cs[n++] = *c++;
	}
	cs[n] = '\0';
}

/* Read the status line and headers of the HTTP response in block. Returns
 * 0, or -1 when it is not an HTTP response. */
static int http_parse(const char *b, size_t len, http_t *h)
{
	memset(h, 0, sizeof(*h));
	if (len < 12 || memcmp(b, "HTTP/", 5) != 0)
		return -1;
	const char *sp = memchr(b, ' ', len < 16 ? len : 16);
	if (!sp || (size_t)(sp - b) + 4 > len || !isdigit((unsigned char)sp[1]) ||
	    !isdigit((unsigned char)sp[2]) || !isdigit((unsigned char)sp[3]))
		return -1;
	h->status = (sp[1] - '0') * 100 + (sp[2] - '0') * 10 + (sp[3] - '0');
	size_t i = (size_t)(sp - b);
	for (;;) {
		const char *nl = memchr(b + i, '\n', len - i);
		if (!nl) {
			h->body_at = len; /* headers only */
			return 0;
		}
		i = (size_t)(nl - b) + 1;
		const char *line = b + i;
		const char *end = memchr(line, '\n', len - i);
		size_t ll = end ? (size_t)(end - line) : len - i;
		size_t full = ll;
		if (ll && line[ll - 1] == '\r')
			ll--;
		if (ll == 0) {
			h->body_at = i + full + (end ? 1 : 0);
			return 0;
		}
		const char *v;
		size_t vl;
		if (header_is(line, ll, "Content-Type", &v, &vl))
			content_type(v, vl, h->type, sizeof(h->type), h->charset, sizeof(h->charset));
		else if (header_is(line, ll, "Transfer-Encoding", &v, &vl))
			h->chunked = find_ci(v, vl, "chunked") != NULL;
		else if (header_is(line, ll, "Content-Encoding", &v, &vl)) {
			size_t n = 0;
			while (vl && (*v == ' ' || *v == '\t'))
				v++, vl--;
			while (n < vl && n + 1 < sizeof(h->coding) && v[n] != ' ' && v[n] != '\r')
				h->coding[n] = (char)tolower((unsigned char)v[n]), n++;
			h->coding[n] = '\0';
		}
	}
}

/* Undo a chunked transfer coding in place. Returns the body's length;
 * malformed or cut-off chunks set *why, and what was decoded before them
 * is kept. */
static size_t dechunk(char *b, size_t len, const char **why)
{
	size_t in = 0, out = 0;
	for (;;) {
		size_t n = 0;
		int digits = 0;
		while (in < len && isxdigit((unsigned char)b[in])) {
			int d = isdigit((unsigned char)b[in]) ? b[in] - '0'
							      : tolower((unsigned char)b[in]) - 'a' + 10;
			if (n > (SIZE_MAX >> 4)) {
				*why = "a chunk size too large";
				return out;
			}
			n = n * 16 + (size_t)d;
			in++;
			digits++;
		}
		if (!digits) {
			*why = "a malformed chunk";
			return out;
		}
		const char *nl = memchr(b + in, '\n', len - in);
		if (!nl) {
			*why = "a chunk cut off";
			return out;
		}
		in = (size_t)(nl - b) + 1;
		if (n == 0)
			return out;
		if (n > len - in) {
			*why = "a chunk cut off";
			n = len - in;
			memmove(b + out, b + in, n);
			return out + n;
		}
		memmove(b + out, b + in, n);
		out += n;
		in += n;
		if (in < len && b[in] == '\r')
			in++;
		if (in < len && b[in] == '\n')
			in++;
	}
}

/* Inflate a gzip, zlib or raw deflate body into a malloc'ed buffer of at
 * most max bytes (*out, *out_len; the caller frees it). Returns 0, -1
 * out of memory, -2 damaged or too large (why says which). */
static int inflate_body(const char *b, size_t len, unsigned long long max, char **out,
			size_t *out_len, const char **why)
{
	for (int attempt = 0; attempt < 2; attempt++) {
		z_stream zs = { 0 };
		/* 15 + 32: a gzip or zlib header, recognised; -15: raw deflate,
		 * which some servers send as "deflate". */
		if (inflateInit2(&zs, attempt == 0 ? 15 + 32 : -15) != Z_OK)
			return -1;
		size_t cap = len * 4 + 1024, n = 0;
		char *o = malloc(cap);
		if (!o) {
			inflateEnd(&zs);
			return -1;
		}
		zs.next_in = (unsigned char *)b;
		zs.avail_in = (uInt)(len > 0x7fffffff ? 0x7fffffff : len);
		int zr;
		do {
			if (n == cap) {
				if (cap >= max) {
					free(o);
					inflateEnd(&zs);
					*why = "larger than the record limit when decompressed";
					return -2;
				}
				size_t nc = cap * 2 > max ? (size_t)max : cap * 2;
				char *no = realloc(o, nc);
				if (!no) {
					free(o);
					inflateEnd(&zs);
					return -1;
				}
				o = no;
				cap = nc;
			}
			zs.next_out = (unsigned char *)o + n;
			zs.avail_out = (uInt)(cap - n > 0x7fffffff ? 0x7fffffff : cap - n);
			zr = inflate(&zs, Z_NO_FLUSH);
			n = (size_t)((char *)zs.next_out - o);
		} while (zr == Z_OK);
		inflateEnd(&zs);
		if (zr == Z_STREAM_END || (zr == Z_BUF_ERROR && n > 0)) {
			/* A stream cut short still gives what it holds. */
			*out = o;
			*out_len = n;
			return 0;
		}
		free(o);
		if (zr == Z_MEM_ERROR)
			return -1;
	}
	*why = "its compressed content is damaged";
	return -2;
}

/* Remember a record id for the file's revisits. Returns 0 or -1. */
static int remember(warc_t *w, const char *id)
{
	if (!id || w->nseen == MAX_REMEMBERED)
		return 0;
	if (w->nseen == w->capseen) {
		size_t cap = w->capseen ? 2 * w->capseen : 64;
		char **v = realloc(w->seen, cap * sizeof(*v));
		if (!v)
			return -1;
		w->seen = v;
		w->capseen = cap;
	}
	w->seen[w->nseen] = strdup(id);
	if (!w->seen[w->nseen])
		return -1;
	w->nseen++;
	return 0;
}

static int seen(const warc_t *w, const char *id)
{
	for (size_t i = w->nseen; i-- > 0;)
		if (strcmp(w->seen[i], id) == 0)
			return 1;
	return 0;
}

/* The suffix of a record's article: "#" + its record id, or "#" + its
 * position when it has none (or too long a one, or one that is not clean
 * UTF-8: the id is shown and stored). */
static void record_suffix(const warc_t *w, const rec_t *r, char *buf)
{
	if (r->id && strlen(r->id) + 2 <= ARTICLE_SUFFIX_BYTES &&
	    utf8_is_clean(r->id, strlen(r->id), 0))
		snprintf(buf, ARTICLE_SUFFIX_BYTES, "#%s", r->id);
	else
		snprintf(buf, ARTICLE_SUFFIX_BYTES, "#%zu", w->nrec);
}

/* Tell the caller a problem; arg (a value from the file, such as a
 * content encoding) is made clean first: the message reaches a terminal. */
static void note(warc_t *w, const char *suffix, const char *fmt, const char *arg)
{
	char msg[512];
	char *clean = NULL;
	if (arg && utf8_clean(arg, strlen(arg), 0, &clean, NULL, NULL) == 0)
		arg = clean;
	snprintf(msg, sizeof(msg), fmt, arg ? arg : "?");
	free(clean);
	/* snprintf's cut may split a character: end before it. */
	size_t n = strlen(msg);
	while (n > 0 && !utf8_valid(msg, n, NULL))
		n--;
	msg[n] = '\0';
	if (w->note)
		w->note(suffix, msg, w->ctx);
}

/* A copy of a URL as UTF-8: each byte that is not part of a valid UTF-8
 * sequence percent-encoded, as a browser sends it. Returns 0, -1 when out
 * of memory. */
static int set_url(char **field, const char *uri)
{
	size_t n = strlen(uri);
	if (utf8_valid(uri, n, NULL))
		return article_set(field, uri, n);
	char *out = malloc(3 * n + 1);
	if (!out)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t bad = 0;
		if (utf8_valid(uri + i, n - i, &bad)) {
			memcpy(out + k, uri + i, n - i);
			k += n - i;
			break;
		}
		memcpy(out + k, uri + i, bad);
		k += bad;
		i += bad;
		k += (size_t)sprintf(out + k, "%%%02X", (unsigned char)uri[i]);
		i++;
	}
	out[k] = '\0';
	int rc = article_set(field, out, k);
	free(out);
	return rc;
}

/* Is this media type a page the HTML reader reads? */
static int html_type(const char *t)
{
	return strcmp(t, "text/html") == 0 || strcmp(t, "application/xhtml+xml") == 0;
}

/* Read the payload (a page, len bytes) into *a as the file reader would:
 * HTML by its charset (the HTTP header's, else the page's declaration,
 * else Windows-1252 when not UTF-8), plain text as UTF-8 or Windows-1252.
 * Returns 0, -1 out of memory, 1 not an article (another media type). */
static int read_payload(const char *p, size_t len, const char *type, const char *charset,
			article_t *a)
{
	size_t bad;
	char *conv = NULL;
	int rc = 0;
	size_t start = enc_bom_len(p, len);
	p += start;
	len -= start;
	int is_html = type[0] ? html_type(type) : html_detect(p, len);
	int is_text = !is_html && (strcmp(type, "text/plain") == 0);
	if (!is_html && !is_text)
		return 1;
	int utf8 = enc_valid_utf8(p, len, &bad);
	if (is_html) {
		const char *enc = NULL;
		xmlCharEncodingHandlerPtr h = NULL;
		if (utf8)
			enc = "UTF-8";
		else if (charset[0] && (h = xmlFindCharEncodingHandler(charset)) != NULL) {
			/* Only asked whether libxml2 knows it: a handler made for
			 * iconv (UTF-7, ...) is the caller's to close (a fuzzer
			 * find: it leaked). */
			xmlCharEncCloseFunc(h);
			enc = charset;
		} else if (!enc_declares_other_charset(p, len)) {
			conv = enc_cp1252_to_utf8(p, len, &len);
			if (!conv)
				return -1;
			p = conv;
			enc = "UTF-8";
		}
		rc = html_read(p, len, enc, a);
	} else {
		if (!utf8) {
			conv = enc_cp1252_to_utf8(p, len, &len);
			if (!conv)
				return -1;
			p = conv;
		}
		rc = text_read(p, len, a);
	}
	free(conv);
	return rc;
}

/* Hand on the page of a response or resource record's block (len bytes,
 * changed in place by the decoding). Returns 0, -1 out of memory, or the
 * page callback's nonzero value. */
static int page_record(warc_t *w, const rec_t *r, char *block, size_t len, const char *suffix)
{
	char type[128] = "", charset[48] = "";
	const char *body = block, *why = NULL;
	size_t blen = len;
	char *inflated = NULL;
	int rc = 0;

	if (strcmp(r->type, "response") == 0) {
		http_t h;
		/* A response record of another protocol (dns:, ftp:) is not
		 * a page. */
		if (r->content_type && !find_ci(r->content_type, strlen(r->content_type),
						"application/http"))
			return 0;
		if (http_parse(block, len, &h) < 0) {
			note(w, suffix, "skipped: %s", "its block is not an HTTP response");
			return 0;
		}
		/* Redirects, errors and "not modified" are not articles. */
		if (h.status < 200 || h.status > 299)
			return 0;
		memcpy(type, h.type, sizeof(type));
		memcpy(charset, h.charset, sizeof(charset));
		body = block + h.body_at;
		blen = len - h.body_at;
		if (h.chunked) {
			blen = dechunk(block + h.body_at, blen, &why);
			if (why)
				note(w, suffix, "%s: read as far as it goes", why);
			why = NULL;
		}
		if (h.coding[0] && strcmp(h.coding, "identity") != 0) {
			if (strcmp(h.coding, "gzip") != 0 && strcmp(h.coding, "x-gzip") != 0 &&
			    strcmp(h.coding, "deflate") != 0) {
				note(w, suffix, "skipped: content encoding '%s' not supported",
				     h.coding);
				return 0;
			}
			int ir = inflate_body(body, blen, w->max_record, &inflated, &blen, &why);
			if (ir == -1)
				return -1;
			if (ir == -2) {
				note(w, suffix, "skipped: %s", why);
				return 0;
			}
			body = inflated;
		}
	} else {
		/* What the crawler says of itself (wget's log and arguments
		 * are metadata: resources) is not a page. */
		if (r->uri && (strncasecmp(r->uri, "metadata:", 9) == 0 ||
			       strncasecmp(r->uri, "dns:", 4) == 0))
			return 0;
		if (r->content_type)
			content_type(r->content_type, strlen(r->content_type), type, sizeof(type),
			     charset, sizeof(charset));
	}
	warc_page_t pg = { suffix, body, blen, type, charset, r->uri, r->date };
	rc = w->page(&pg, w->page_ctx);
	free(inflated);
	return rc;
}

int warc_page_read(const warc_page_t *pg, article_t *a)
{
	int rc = read_payload(pg->payload, pg->len, pg->type, pg->charset, a);
	if (rc != 0)
		return rc;
	if (!a->title && !a->body)
		return 1;
	a->format = DL_FORMAT_WARC;
	/* The address the page was fetched from, and the capture's date
	 * when the page gives none. */
	if (pg->uri && set_url(&a->url, pg->uri) < 0)
		return -1;
	if (!a->date && pg->date) {
		an_date_t d;
		char iso[11];
		if (an_date_parse(pg->date, strlen(pg->date), &d) == 0) {
			an_date_format(&d, iso);
			if (article_set(&a->date, iso, strlen(iso)) < 0)
				return -1;
		}
	}
	return 0;
}

/* Handle one record whose block was read. Returns 0, -1, or fn's value. */
static int record(warc_t *w, const rec_t *r, char *block, size_t len)
{
	char suffix[ARTICLE_SUFFIX_BYTES];
	record_suffix(w, r, suffix);
	if (!r->type)
		return 0;
	if (strcmp(r->type, "response") == 0 || strcmp(r->type, "resource") == 0) {
		if (remember(w, r->id) < 0)
			return -1;
		return page_record(w, r, block, len, suffix);
	}
	if (strcmp(r->type, "revisit") == 0) {
		/* The original is the article; one that is not in this file
		 * (deduplicated against an earlier crawl) is said so. */
		if (!r->refers_to || !seen(w, r->refers_to))
			note(w, suffix, "revisit of %s: its original record is not in this "
			     "file, nothing indexed", r->uri ? r->uri : "a page");
	}
	return 0;
}

/* warc_read()'s page callback: the page's article to fn. */
typedef struct {
	article_fn fn;
	void *ctx;
} read_ctx_t;

static int read_page(const warc_page_t *pg, void *ctx)
{
	read_ctx_t *c = ctx;
	article_t a = { 0 };
	int rc = warc_page_read(pg, &a);
	if (rc == 0)
		rc = c->fn(&a, pg->suffix, c->ctx);
	else if (rc == 1)
		rc = 0;
	article_clear(&a);
	return rc;
}

int warc_read(const char *path, unsigned long long max_record, article_fn fn,
	      reader_note_fn note_fn, void *ctx)
{
	read_ctx_t c = { fn, ctx };
	return warc_each_page(path, max_record, read_page, &c, note_fn, ctx);
}

int warc_each_page(const char *path, unsigned long long max_record, warc_page_fn page,
		   void *page_ctx, reader_note_fn note_fn, void *ctx)
{
	warc_t w = { .page = page, .page_ctx = page_ctx, .note = note_fn, .ctx = ctx,
		     .max_record = max_record };
	in_t in = { 0 };
	rec_t r = { 0 };
	int rc = 0;
	char msg[160];

	in.gz = gzopen(path, "rb");
	if (!in.gz) {
		note(&w, NULL, "skipped: %s", "cannot open it");
		return -2;
	}
	gzbuffer(in.gz, IO_CHUNK);
	for (;;) {
		const char *why = NULL;
		rec_clear(&r);
		int hr = read_header(&in, &r, &why);
		if (hr == 0)
			break;
		if (hr == -1) {
			rc = -1;
			break;
		}
		w.nrec++;
		char suffix[ARTICLE_SUFFIX_BYTES];
		record_suffix(&w, &r, suffix);
		if (hr == -2) {
			snprintf(msg, sizeof(msg), "record %zu (byte %llu) skipped: %s", w.nrec,
				 in.base + in.pos, why);
			note(&w, NULL, "%s", msg);
			int s = in_resync(&in);
			if (s < 0)
				rc = -1;
			if (s <= 0)
				break;
			continue;
		}
		if (r.length > max_record) {
			snprintf(msg, sizeof(msg), "skipped: larger than %llu bytes (--max-size)",
				 max_record);
			note(&w, suffix, "%s", msg);
			if (in_skip(&in, r.length) < r.length) {
				note(&w, suffix, "%s", "cut off by the end of the file");
				break;
			}
			continue;
		}
		size_t n = (size_t)r.length;
		long long have = in_fill(&in, n + 4);
		if (have < 0) {
			rc = -1;
			break;
		}
		char *at = in.buf + in.pos;
		/* The block must be followed by CR LF CR LF (LF LF tolerated)
		 * and the next record or the end of the file. */
		size_t end = 0;
		if ((size_t)have >= n + 4 && memcmp(at + n, "\r\n\r\n", 4) == 0)
			end = n + 4;
		else if ((size_t)have >= n + 2 && memcmp(at + n, "\n\n", 2) == 0)
			end = n + 2;
		else if ((size_t)have == n)
			end = n;
		if (!end) {
			/* Not where the next record starts: a wrong Content-Length,
			 * or a record cut off by the end of the file. */
			const char *next = NULL;
			for (const char *p = at; (p = memchr(p, '\n', (size_t)have - (size_t)(p - at)));
			     p++)
				if ((size_t)(p - at) + 8 <= (size_t)have && memcmp(p + 1, "WARC/1.", 7) == 0) {
					next = p + 1;
					break;
				}
			if ((size_t)have < n && !next) {
				note(&w, suffix, "%s", in.damaged
				     ? "skipped: the compressed data is damaged or cut off here"
				     : "skipped: cut off by the end of the file");
				break;
			}
			note(&w, suffix, "%s", "skipped: its Content-Length does not end where the "
			     "next record starts");
			if (next)
				in.pos += (size_t)(next - at);
			else if (in_resync(&in) <= 0)
				break;
			continue;
		}
		/* The block is decoded where it lies in the input buffer, which
		 * nothing reads again. */
		rc = record(&w, &r, at, n);
		in.pos += end;
		if (rc != 0)
			break;
	}
	if (rc == 0 && in.damaged)
		note(&w, NULL, "%s", "the compressed data is damaged: the records after it are lost");
	rec_clear(&r);
	for (size_t i = 0; i < w.nseen; i++)
		free(w.seen[i]);
	free(w.seen);
	free(in.buf);
	gzclose(in.gz);
	return rc;
}
