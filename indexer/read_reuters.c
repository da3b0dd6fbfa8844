/*
 * read_reuters.c - the stories of a Reuters-21578 SGML file.
 *
 * Each story is a <REUTERS ... NEWID="n"> block with <DATE>, and inside
 * <TEXT> an optional <AUTHOR>, <DATELINE>, <TITLE> and <BODY>; brief and
 * unprocessed stories have their text straight inside <TEXT>. The files
 * are not XML, so they are split on these tags; &lt; &gt; &amp; and
 * numeric references are decoded, and control characters become spaces.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "article.h"
#include "encoding.h"

/* Bytes looked at for the signs of an SGML file. */
#define DETECT_BYTES 4096

static const char *find(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	while (s + n <= end) {
		const char *p = memchr(s, needle[0], (size_t)(end - s));
		if (!p || p + n > end)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		s = p + 1;
	}
	return NULL;
}

int reuters_detect(const char *buf, size_t len)
{
	const char *end = buf + (len < DETECT_BYTES ? len : DETECT_BYTES);
	buf += enc_content_start(buf, (size_t)(end - buf));
	return (end - buf >= 15 && strncasecmp(buf, "<!DOCTYPE lewis", 15) == 0) ||
	       (end - buf >= 9 && strncmp(buf, "<REUTERS ", 9) == 0);
}

/* Decode the text between s and end into a new string: entities, and
 * control characters as spaces. */
static char *decode(const char *s, const char *end)
{
	char *out = malloc((size_t)(end - s) + 1), *p = out;
	if (!out)
		return NULL;
	while (s < end) {
		if (*s == '&') {
			const char *semi = memchr(s, ';', (size_t)(end - s) < 10 ? (size_t)(end - s) : 10);
			if (semi) {
				long v = -1;
				if (s[1] == '#')
					v = strtol(s + 2, NULL, 10);
				else if (semi - s == 3 && strncmp(s, "&lt", 3) == 0)
					v = '<';
				else if (semi - s == 3 && strncmp(s, "&gt", 3) == 0)
					v = '>';
				else if (semi - s == 4 && strncmp(s, "&amp", 4) == 0)
					v = '&';
				if (v >= 0 && v < 128) {
					*p++ = (v < 32 && v != '\n') || v == 127 ? ' ' : (char)v;
					s = semi + 1;
					continue;
				}
			}
		}
		unsigned char c = (unsigned char)*s++;
		*p++ = (c < 32 && c != '\n') || c == 127 ? ' ' : (char)c;
	}
	*p = '\0';
	return out;
}

/* The text of the first <tag>...</tag> within [s, end), decoded; NULL when
 * absent (or out of memory: *oom is set). */
static char *element(const char *s, const char *end, const char *tag, int *oom)
{
	char open[32], close[32];
	snprintf(open, sizeof(open), "<%s", tag);
	snprintf(close, sizeof(close), "</%s>", tag);
	const char *a = find(s, end, open);
	if (!a)
		return NULL;
	a = memchr(a, '>', (size_t)(end - a));
	if (!a)
		return NULL;
	a++;
	const char *b = find(a, end, close);
	if (!b)
		b = end; /* truncated: take what is there */
	char *t = decode(a, b);
	if (!t)
		*oom = 1;
	return t;
}

static int set(char **field, const char *s, int *oom)
{
	if (s && article_set(field, s, strlen(s)) < 0)
		*oom = 1;
	return *oom;
}

/* "    SALVADOR, Feb 26 - " -> "Salvador"; "NEW YORK, March 2 -" -> "New York". */
static void set_place(article_t *a, const char *dateline, int *oom)
{
	const char *comma = strrchr(dateline, ',');
	size_t n = comma ? (size_t)(comma - dateline) : strlen(dateline);
	char *p = malloc(n + 1);
	if (!p) {
		*oom = 1;
		return;
	}
	int start = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)dateline[i];
		p[i] = (char)(start ? c : tolower(c));
		start = !isalpha(c);
	}
	p[n] = '\0';
	if (article_set(&a->place, p, n) < 0)
		*oom = 1;
	free(p);
}

/* "    By Greg McCune, Reuters" -> "Greg McCune". */
static void set_author(article_t *a, const char *s, int *oom)
{
	while (isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "by ", 3) == 0)
		s += 3;
	size_t n = strlen(s);
	const char *comma = strchr(s, ',');
	if (comma)
		n = (size_t)(comma - s);
	if (article_set(&a->author, s, n) < 0)
		*oom = 1;
}

/* Drop the " Reuter" sign-off at the end of a body. */
static void trim_signoff(char *body)
{
	size_t n = strlen(body);
	while (n && isspace((unsigned char)body[n - 1]))
		n--;
	if (n >= 6 && strncmp(body + n - 6, "Reuter", 6) == 0 &&
	    (n == 6 || isspace((unsigned char)body[n - 7])))
		n -= 6;
	while (n && isspace((unsigned char)body[n - 1]))
		n--;
	body[n] = '\0';
}

static int read_story(const char *s, const char *end, article_fn fn, void *ctx)
{
	article_t a = { 0 };
	int oom = 0, rc = 0;
	char suffix[32] = "";
	char *date = NULL, *text = NULL, *title = NULL, *body = NULL;
	char *author = NULL, *dateline = NULL;

	/* NEWID="n" in the opening tag. */
	const char *tag_end = memchr(s, '>', (size_t)(end - s));
	const char *id = tag_end ? find(s, tag_end, "NEWID=\"") : NULL;
	if (id)
		snprintf(suffix, sizeof(suffix), "#%ld", strtol(id + 7, NULL, 10));
	else
		return 0; /* not a story */

	a.format = DL_FORMAT_REUTERS;
	date = element(s, end, "DATE", &oom);
	text = element(s, end, "TEXT", &oom);
	if (text) {
		const char *te = text + strlen(text);
		title = element(text, te, "TITLE", &oom);
		body = element(text, te, "BODY", &oom);
		author = element(text, te, "AUTHOR", &oom);
		dateline = element(text, te, "DATELINE", &oom);
		if (!body && !oom) {
			/* BRIEF and UNPROC stories: the text itself, without
			 * its title. */
			const char *t = strstr(text, "</TITLE>");
			body = strdup(t ? t + 8 : text);
			oom = !body;
		}
	}
	if (date && !oom) {
		an_date_t d;
		char iso[11];
		if (an_date_parse(date, strlen(date), &d) == 0)
			set(&a.date, an_date_format(&d, iso), &oom);
	}
	if (body)
		trim_signoff(body);
	set(&a.title, title, &oom);
	/* The body keeps its lines and paragraphs. */
	if (body && !oom && !(a.body = strdup(body)))
		oom = 1;
	if (author && !oom)
		set_author(&a, author, &oom);
	if (dateline && !oom)
		set_place(&a, dateline, &oom);
	set(&a.source, "Reuters", &oom);
	if (!oom && (a.title || a.body))
		rc = fn(&a, suffix, ctx);
	article_clear(&a);
	free(date);
	free(text);
	free(title);
	free(body);
	free(author);
	free(dateline);
	return oom ? -1 : rc;
}

int reuters_read(const char *buf, size_t len, article_fn fn, void *ctx)
{
	const char *s = buf, *end = buf + len;
	int rc = 0;
	while (rc == 0 && (s = find(s, end, "<REUTERS")) != NULL) {
		const char *close = find(s, end, "</REUTERS>");
		const char *stop = close ? close : end;
		/* A story cut short by the next one (a missing close tag). */
		const char *next = find(s + 8, stop, "<REUTERS");
		if (next)
			stop = next;
		rc = read_story(s, stop, fn, ctx);
		s = stop == close ? close + 10 : stop;
	}
	return rc;
}
