/*
 * read_pdf.c - an article from a PDF document, with poppler-glib.
 *
 * Title, author and date come from the document's metadata (its Info
 * dictionary or XMP, as poppler reads them); a document without a title
 * gets the first page's largest text (the line or lines set in the
 * largest font). The body is each page's text in reading order as poppler
 * lays it out, pages apart by an empty line; a word hyphenated at a line's
 * end is joined ("negoti-\nations" gives "negotiations"), lines of a
 * paragraph become one line, and a line that ends a sentence short of the
 * page's width ends its paragraph.
 *
 * Poppler is not known to be safe with documents read at once in several
 * threads (its global state), so documents are read one at a time.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <poppler.h>

#include "../analysis/schema.h"
#include "../util/buf.h"
#include "article.h"

/* Pages read for the body: a longer document is a book, not an article;
 * its first pages are what a search shows of it. */
#define MAX_PAGES 2000
/* A title longer than this (bytes) is a paragraph set large, not a
 * title. */
#define MAX_TITLE_BYTES 300

static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

int pdf_detect(const char *buf, size_t len)
{
	/* The header may follow some bytes of junk (up to 1024, as readers
	 * allow). */
	size_t n = len < 1024 ? len : 1024;
	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(buf + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}


static int starts_lower(const char *s)
{
	unsigned char c = (unsigned char)*s;
	/* ASCII lower case, or a non-ASCII letter (most are lower case in
	 * the middle of a word). */
	return islower(c) || c >= 0xc3;
}

/* Append a page's text (lines separated by \n) to out as paragraphs. */
static void page_text(const char *text, dl_buf_t *out)
{
	/* The longest line is the page's width in characters: a line much
	 * shorter ending with a sentence mark ends a paragraph. */
	size_t width = 0;
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		if (n > width)
			width = n;
		l = nl ? nl + 1 : l + n;
	}
	int para_open = 0;
	for (const char *l = text; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		const char *next = nl ? nl + 1 : l + n;
		while (n && isspace((unsigned char)l[n - 1]))
			n--;
		while (n && isspace((unsigned char)*l))
			l++, n--;
		if (n == 0) {
			if (para_open)
				dl_buf_put(out, "\n\n", 2);
			para_open = 0;
			l = next;
			continue;
		}
		if (para_open) {
			/* The line before ended with a hyphen after a letter and
			 * this one goes on in lower case: one word. */
			if (out->len >= 2 && out->s[out->len - 1] == '-' &&
			    isalpha((unsigned char)out->s[out->len - 2])) {
				/* "Franco-" "German" keeps its hyphen. */
				if (starts_lower(l))
					out->len--, out->s[out->len] = '\0';
			} else
				dl_buf_put(out, " ", 1);
		}
		dl_buf_put(out, l, n);
		para_open = 1;
		char last = l[n - 1];
		if ((last == '.' || last == '?' || last == '!' || last == ':' || last == '"') &&
		    n * 10 < width * 8) {
			dl_buf_put(out, "\n\n", 2);
			para_open = 0;
		}
		l = next;
	}
	if (para_open)
		dl_buf_put(out, "\n\n", 2);
}

/* The first page's text set in its largest font: the title of a document
 * whose metadata has none. Returns a g_malloc'ed string or NULL. */
static char *largest_text(PopplerPage *page)
{
	char *text = poppler_page_get_text(page);
	GList *attrs = poppler_page_get_text_attributes(page);
	char *title = NULL;
	if (!text || !attrs)
		goto out;
	double big = 0;
	for (GList *l = attrs; l; l = l->next) {
		PopplerTextAttributes *a = l->data;
		/* A run of a character or two (a drop capital) is not text. */
		if (a->end_index - a->start_index >= 3 && a->font_size > big)
			big = a->font_size;
	}
	/* The characters of the first runs in that size, up to a run of
	 * another size after some of them. */
	glong nchars = g_utf8_strlen(text, -1);
	GString *t = g_string_new(NULL);
	int started = 0;
	for (GList *l = attrs; l; l = l->next) {
		PopplerTextAttributes *a = l->data;
		int is_big = a->font_size >= big - 0.01 && a->end_index - a->start_index >= 1;
		if (!is_big) {
			if (started && t->len > 0) {
				/* white space between two big runs does not end it */
				int blank = 1;
				for (int i = a->start_index; i <= a->end_index && i < nchars; i++) {
					gunichar c = g_utf8_get_char(g_utf8_offset_to_pointer(text, i));
					if (!g_unichar_isspace(c))
						blank = 0;
				}
				if (!blank)
					break;
			}
			continue;
		}
		started = 1;
		if (a->start_index >= nchars)
			break;
		glong end = a->end_index < nchars ? a->end_index : nchars - 1;
		const char *s = g_utf8_offset_to_pointer(text, a->start_index);
		const char *e = g_utf8_offset_to_pointer(text, end + 1);
		g_string_append_len(t, s, e - s);
		if (t->len > MAX_TITLE_BYTES)
			break;
	}
	/* One line. */
	for (gsize i = 0; i < t->len; i++)
		if (t->str[i] == '\n' || t->str[i] == '\r')
			t->str[i] = ' ';
	title = g_string_free(t, FALSE);
	if (strlen(title) > MAX_TITLE_BYTES || !*g_strstrip(title)) {
		g_free(title);
		title = NULL;
	}
out:
	if (attrs)
		poppler_page_free_text_attributes(attrs);
	g_free(text);
	return title;
}

/* Is a metadata title the document's, not the file name a program put
 * there ("Microsoft Word - report.docx", "untitled")? */
static int useful_title(const char *t)
{
	if (!t)
		return 0;
	while (isspace((unsigned char)*t))
		t++;
	size_t n = strlen(t);
	static const char *const ends[] = { ".doc", ".docx", ".pdf", ".odt", ".rtf", ".indd", ".tex" };
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		size_t m = strlen(ends[i]);
		if (n >= m && strcasecmp(t + n - m, ends[i]) == 0)
			return 0;
	}
	return n > 0 && strcasecmp(t, "untitled") != 0 && strncmp(t, "Microsoft Word - ", 17) != 0;
}

static int set(char **field, const char *s)
{
	return s && *s ? article_set(field, s, strlen(s)) : 0;
}

int pdf_read(const char *buf, size_t len, article_t *a, char *err, size_t errlen)
{
	GError *gerr = NULL;
	int rc = 0;
	dl_buf_t body = { 0 };
	int found_title = 0;

	err[0] = '\0';
	pthread_mutex_lock(&poppler_lock);
	GBytes *bytes = g_bytes_new_static(buf, len);
	PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
	if (!doc) {
		if (gerr && g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
			snprintf(err, errlen, "encrypted PDF (it needs a password)");
		else
			snprintf(err, errlen, "not a PDF poppler can read: %s",
				 gerr ? gerr->message : "unknown error");
		rc = 1;
		goto out;
	}
	a->format = DL_FORMAT_PDF;
	char *s = poppler_document_get_title(doc);
	if (!useful_title(s)) {
		g_free(s);
		s = NULL;
	}
	rc = set(&a->title, s);
	g_free(s);
	s = poppler_document_get_author(doc);
	if (rc == 0)
		rc = set(&a->author, s);
	g_free(s);
	GDateTime *d = poppler_document_get_creation_date_time(doc);
	if (d) {
		char iso[16];
		int y = g_date_time_get_year(d);
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", y, g_date_time_get_month(d),
			 g_date_time_get_day_of_month(d));
		if (rc == 0 && y >= 1000 && y <= 2999)
			rc = set(&a->date, iso);
		g_date_time_unref(d);
	}
	int pages = poppler_document_get_n_pages(doc);
	for (int i = 0; i < pages && i < MAX_PAGES && rc == 0 && !body.oom; i++) {
		PopplerPage *page = poppler_document_get_page(doc, i);
		if (!page)
			continue;
		if (i == 0 && !a->title) {
			char *t = largest_text(page);
			rc = set(&a->title, t);
			found_title = a->title != NULL;
			g_free(t);
		}
		char *text = poppler_page_get_text(page);
		if (text)
			page_text(text, &body);
		g_free(text);
		g_object_unref(page);
	}
	if (body.oom)
		rc = -1;
	/* A title found as the first page's largest text opens the body:
	 * the body goes on after it. */
	if (rc == 0 && found_title && a->title && body.len) {
		size_t tl = strlen(a->title);
		if (body.len > tl && strncmp(body.s, a->title, tl) == 0 &&
		    (body.s[tl] == ' ' || body.s[tl] == '\n')) {
			size_t skip = tl;
			while (skip < body.len && (body.s[skip] == ' ' || body.s[skip] == '\n'))
				skip++;
			memmove(body.s, body.s + skip, body.len - skip + 1);
			body.len -= skip;
		}
	}
	if (rc == 0 && body.len) {
		while (body.len && body.s[body.len - 1] == '\n')
			body.s[--body.len] = '\0';
		a->body = body.s;
		body.s = NULL;
	}
	free(body.s);
	g_object_unref(doc);
out:
	g_bytes_unref(bytes);
	if (gerr)
		g_error_free(gerr);
	pthread_mutex_unlock(&poppler_lock);
	return rc;
}
