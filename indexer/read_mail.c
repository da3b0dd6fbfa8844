/*
 * read_mail.c - the messages of an e-mail file (.eml, mbox), with GMime.
 *
 * One article per message: the decoded Subject as title, the sender's
 * name (else address) as author, Date: as date, Content-Language as
 * language, and as body the first text/plain part that is not an
 * attachment, else the first text/html one read by the HTML reader. GMime
 * decodes the transfer encodings (quoted-printable, base64), the RFC 2047
 * words of the headers and the parts' charsets into UTF-8.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gmime/gmime.h>

#include "../analysis/schema.h"
#include "article.h"
#include "encoding.h"

/* Bytes looked at to recognise a message's header block. */
#define DETECT_BYTES 4096
/* Parts looked into for the body (nested multiparts): a message with
 * more is hostile, not mail. */
#define MAX_PARTS 1000

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_start(void)
{
	g_mime_init();
}

/* Does the line (len bytes) start with the header field name ("Name:")? */
static int field_is(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	return len > n && line[n] == ':' && strncasecmp(line, name, n) == 0;
}

int mail_detect(const char *path, const char *buf, size_t len)
{
	size_t pn = strlen(path);
	size_t n = len < DETECT_BYTES ? len : DETECT_BYTES;
	/* mbox: "From " then the envelope sender on the first line. */
	if (n > 5 && memcmp(buf, "From ", 5) == 0) {
		const char *nl = memchr(buf, '\n', n);
		if (nl && nl + 1 < buf + n) {
			/* and a header field on the next line */
			const char *l = nl + 1;
			const char *colon = memchr(l, ':', (size_t)(buf + n - l));
			const char *sp = memchr(l, ' ', (size_t)(buf + n - l));
			if (colon && (!sp || colon < sp))
				return MAIL_MBOX;
		}
	}
	int named = (pn > 4 && strcasecmp(path + pn - 4, ".eml") == 0);
	if (pn > 5 && strcasecmp(path + pn - 5, ".mbox") == 0)
		return n > 5 && memcmp(buf, "From ", 5) == 0 ? MAIL_MBOX : 0;
	/* A message: a header block with From: and a field only mail has
	 * (a text article's header block has Title:, Author:...). */
	int from = 0, mail = 0;
	size_t i = 0;
	while (i < n) {
		const char *l = buf + i;
		const char *nl = memchr(l, '\n', n - i);
		size_t ll = nl ? (size_t)(nl - l) : n - i;
		if (ll && l[ll - 1] == '\r')
			ll--;
		if (ll == 0)
			break;
		if (l[0] != ' ' && l[0] != '\t') {
			const char *colon = memchr(l, ':', ll);
			if (!colon)
				return 0;
			for (const char *p = l; p < colon; p++)
				if (*p == ' ' || *p == '\t')
					return 0;
			if (field_is(l, ll, "From"))
				from = 1;
			static const char *const marks[] = {
				"Message-ID", "Received", "MIME-Version", "Return-Path",
				"Delivered-To", "X-Mailer", "In-Reply-To", "To"
			};
			for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
				if (field_is(l, ll, marks[k]))
					mail = 1;
		}
		if (!nl)
			break;
		i = (size_t)(nl - buf) + 1;
	}
	return from && (mail || named) ? MAIL_MESSAGE : 0;
}

/* The body parts found: the first plain text and HTML ones (not
 * attachments). */
typedef struct {
	GMimeObject *plain, *html;
	int parts;
} found_t;

static void find_body(GMimeObject *o, found_t *f)
{
	if (++f->parts > MAX_PARTS)
		return;
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *m = GMIME_MULTIPART(o);
		int n = g_mime_multipart_get_count(m);
		for (int i = 0; i < n; i++)
			find_body(g_mime_multipart_get_part(m, i), f);
		return;
	}
	/* An attached message is not this message's text. */
	if (!GMIME_IS_TEXT_PART(o) || g_mime_part_is_attachment(GMIME_PART(o)))
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(o);
	if (!f->plain && g_mime_content_type_is_type(ct, "text", "plain"))
		f->plain = o;
	else if (!f->html && g_mime_content_type_is_type(ct, "text", "html"))
		f->html = o;
}

/* s as UTF-8: itself when it is, else read as Windows-1252 (GMime hands
 * on a part's or a header's bytes as they are when they are not in the
 * charset they declare). *conv is what to free (NULL when s is kept).
 * Returns NULL when out of memory. */
static const char *as_utf8(const char *s, size_t *len, char **conv)
{
	*conv = NULL;
	if (enc_valid_utf8(s, *len, NULL))
		return s;
	*conv = enc_cp1252_to_utf8(s, *len, len);
	return *conv;
}

/* Set *field to a UTF-8 copy of s (cleaned later by article_clean). */
static int set(char **field, const char *s)
{
	if (!s)
		return 0;
	size_t len = strlen(s);
	char *conv;
	const char *u = as_utf8(s, &len, &conv);
	int rc = u ? article_set(field, u, len) : -1;
	free(conv);
	return rc;
}

/* The article of one message. Returns 0, -1 out of memory. */
static int message_article(GMimeMessage *msg, article_t *a)
{
	int rc = 0;
	char *text = NULL;

	if (set(&a->title, g_mime_message_get_subject(msg)) < 0)
		return -1;
	InternetAddressList *from = g_mime_message_get_from(msg);
	if (from && internet_address_list_length(from) > 0) {
		InternetAddress *ia = internet_address_list_get_address(from, 0);
		const char *name = internet_address_get_name(ia);
		if (name && *name)
			rc = set(&a->author, name);
		else if (INTERNET_ADDRESS_IS_MAILBOX(ia))
			rc = set(&a->author, internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia)));
		if (rc < 0)
			return -1;
	}
	GDateTime *d = g_mime_message_get_date(msg);
	if (d) {
		char iso[16];
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", g_date_time_get_year(d),
			 g_date_time_get_month(d), g_date_time_get_day_of_month(d));
		if (g_date_time_get_year(d) >= 1000 && g_date_time_get_year(d) <= 2999 &&
		    set(&a->date, iso) < 0)
			return -1;
	}
	/* GMime keeps the Content-* fields with the message's top part. */
	GMimeObject *top = g_mime_message_get_mime_part(msg);
	const char *lang = g_mime_object_get_header(GMIME_OBJECT(msg), "Content-Language");
	if (!lang && top)
		lang = g_mime_object_get_header(top, "Content-Language");
	if (set(&a->language, lang) < 0)
		return -1;

	found_t f = { 0 };
	if (top)
		find_body(top, &f);
	if (f.plain) {
		text = g_mime_text_part_get_text(GMIME_TEXT_PART(f.plain));
		if (text) {
			size_t len = strlen(text);
			char *conv;
			const char *u = as_utf8(text, &len, &conv);
			if (!u || !(a->body = conv ? conv : strdup(u)))
				rc = -1;
		}
	} else if (f.html) {
		text = g_mime_text_part_get_text(GMIME_TEXT_PART(f.html));
		if (text) {
			article_t h = { 0 };
			size_t len = strlen(text);
			char *conv = NULL;
			const char *u = text, *enc = "UTF-8";
			/* Bytes GMime could not decode: the page's own charset, as
			 * for an HTML file, else Windows-1252. */
			if (!enc_valid_utf8(text, len, NULL) && enc_declares_other_charset(text, len))
				enc = NULL;
			else
				u = as_utf8(text, &len, &conv);
			rc = u ? html_read(u, len, enc, &h) : -1;
			free(conv);
			if (rc == 0) {
				a->body = h.body;
				h.body = NULL;
				if (!a->title && h.title)
					a->title = h.title, h.title = NULL;
			}
			article_clear(&h);
		}
	}
	g_free(text);
	a->format = DL_FORMAT_EMAIL;
	return rc;
}

int mail_read(const char *buf, size_t len, int kind, article_fn fn, reader_note_fn note,
	      void *ctx)
{
	int rc = 0;
	size_t n = 0;

	pthread_once(&gmime_once, gmime_start);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(buf, len);
	if (!st)
		return -1;
	GMimeParser *p = g_mime_parser_new_with_stream(st);
	g_mime_parser_set_format(p, kind == MAIL_MBOX ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	while (!g_mime_parser_eos(p)) {
		GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);
		/* None at all: the file is skipped, said once by the caller. */
		if (!msg)
			break;
		n++;
		article_t a = { 0 };
		char suffix[ARTICLE_SUFFIX_BYTES];
		const char *id = g_mime_message_get_message_id(msg);
		if (id && *id && strlen(id) + 2 <= ARTICLE_SUFFIX_BYTES &&
		    enc_valid_utf8(id, strlen(id), NULL))
			snprintf(suffix, sizeof(suffix), "#%s", id);
		else
			snprintf(suffix, sizeof(suffix), "#%zu", n);
		rc = message_article(msg, &a);
		if (rc == 0 && (a.title || a.body))
			rc = fn(&a, suffix, ctx);
		else if (rc == 0 && note)
			note(suffix, "skipped: no subject and no text", ctx);
		article_clear(&a);
		g_object_unref(msg);
		if (rc != 0 || kind != MAIL_MBOX)
			break;
	}
	g_object_unref(p);
	g_object_unref(st);
	return rc;
}
