/*
 * read_text.c - plain-text articles in their three shapes.
 *
 *  1. A header block: "Key: value" lines (e-mail and Usenet posts have the
 *     same shape) up to the first blank line, then the body.
 *  2. Text scraped from a news page: navigation and share-button lines, a
 *     byline ("Posted March 30, 2014 by" with the author on the same or the
 *     next line), perhaps a place line ("Paris, France"), the title, the
 *     body. Boilerplate lines are dropped wherever they are.
 *  3. Bare text: the first non-empty line is the title, the rest the body.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "../util/utf8.h"
#include "article.h"

/* A title longer than this is a paragraph, not a title: bare text whose
 * first line is longer gets a title cut from it and keeps it in the body. */
#define MAX_TITLE_BYTES 200
/* Lines scanned for a byline or boilerplate before deciding that a text is
 * not a scraped page. */
#define SCRAPED_LOOKAHEAD 30
/* Boilerplate is short: a longer line is text. */
#define MAX_BOILERPLATE_BYTES 80

typedef struct {
	const char *s;
	size_t len;
} line_t;

void article_clear(article_t *a)
{
	free(a->title);
	free(a->author);
	free(a->date);
	free(a->place);
	free(a->source);
	free(a->url);
	free(a->language);
	free(a->body);
	memset(a, 0, sizeof(*a));
}

int article_set(char **field, const char *s, size_t len)
{
	char *out = malloc(len + 1);
	size_t n = 0;
	int space = 0;
	if (!out)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			space = n > 0;
			continue;
		}
		if (space)
			out[n++] = ' ';
		space = 0;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	free(*field);
	*field = NULL;
	if (n == 0)
		free(out);
	else
		*field = out;
	return 0;
}

/* Split buf into lines (without their "\n" or "\r\n"). *out is malloc'ed. */
static size_t split_lines(const char *buf, size_t len, line_t **out)
{
	size_t cap = 64, n = 0, start = 0;
	line_t *v = malloc(cap * sizeof(*v));
	if (!v)
		return (size_t)-1;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && buf[i] != '\n')
			continue;
		size_t end = i;
		if (end > start && buf[end - 1] == '\r')
			end--;
		if (n == cap) {
			line_t *nv = realloc(v, 2 * cap * sizeof(*v));
			if (!nv) {
				free(v);
				return (size_t)-1;
			}
			v = nv;
			cap *= 2;
		}
		v[n].s = buf + start;
		v[n].len = end - start;
		n++;
		start = i + 1;
	}
	*out = v;
	return n;
}

static line_t trim(line_t l)
{
	while (l.len && isspace((unsigned char)l.s[0])) {
		l.s++;
		l.len--;
	}
	while (l.len && isspace((unsigned char)l.s[l.len - 1]))
		l.len--;
	return l;
}

static int blank(line_t l)
{
	return trim(l).len == 0;
}

/* Does the line start with word (ASCII, any case) followed by a non-letter
 * or the end? */
static int starts_with_word(line_t l, const char *word)
{
	size_t n = strlen(word);
	if (l.len < n || strncasecmp(l.s, word, n) != 0)
		return 0;
	return l.len == n || !isalpha((unsigned char)l.s[n]);
}

/* --- header blocks ---------------------------------------------------- */

enum hdr_field { H_NONE, H_TITLE, H_AUTHOR, H_DATE, H_PLACE, H_SOURCE, H_URL, H_LANG };

static const struct {
	const char *key;
	enum hdr_field field;
} header_keys[] = {
	{ "title", H_TITLE }, { "subject", H_TITLE }, { "headline", H_TITLE },
	{ "author", H_AUTHOR }, { "authors", H_AUTHOR }, { "by", H_AUTHOR },
	{ "byline", H_AUTHOR }, { "from", H_AUTHOR },
	{ "date", H_DATE }, { "published", H_DATE },
	{ "place", H_PLACE }, { "location", H_PLACE }, { "dateline", H_PLACE },
	{ "source", H_SOURCE }, { "newsgroups", H_SOURCE }, { "publication", H_SOURCE },
	{ "url", H_URL }, { "link", H_URL },
	{ "language", H_LANG }, { "lang", H_LANG },
};

/* If l is "Key: value", set *key and *val and return 1. */
static int header_line(line_t l, line_t *key, line_t *val)
{
	size_t i = 0;
	if (!l.len || !isalpha((unsigned char)l.s[0]))
		return 0;
	while (i < l.len && i <= 40 && (isalnum((unsigned char)l.s[i]) || l.s[i] == '-' || l.s[i] == '_'))
		i++;
	if (i >= l.len || l.s[i] != ':' || i > 40)
		return 0;
	/* "Note: ..." inside prose would need a space after the colon too,
	 * but so do headers; a URL-like "http://" is not a header. */
	if (i + 1 < l.len && l.s[i + 1] == '/')
		return 0;
	key->s = l.s;
	key->len = i;
	val->s = l.s + i + 1;
	val->len = l.len - i - 1;
	*val = trim(*val);
	return 1;
}

static enum hdr_field header_field(line_t key)
{
	for (size_t i = 0; i < sizeof(header_keys) / sizeof(header_keys[0]); i++)
		if (strlen(header_keys[i].key) == key.len &&
		    strncasecmp(header_keys[i].key, key.s, key.len) == 0)
			return header_keys[i].field;
	return H_NONE;
}

/* An author as mail writes it: "Name <addr>" or "addr (Name)" -> Name. */
static line_t author_name(line_t v)
{
	const char *lt = memchr(v.s, '<', v.len);
	const char *lp = memchr(v.s, '(', v.len);
	if (lt && lt > v.s) {
		line_t n = { v.s, (size_t)(lt - v.s) };
		n = trim(n);
		if (n.len >= 2 && n.s[0] == '"' && n.s[n.len - 1] == '"') {
			n.s++;
			n.len -= 2;
		}
		return n;
	}
	if (lp && memchr(v.s, '@', (size_t)(lp - v.s))) {
		const char *rp = memchr(lp, ')', v.len - (size_t)(lp - v.s));
		if (rp) {
			line_t n = { lp + 1, (size_t)(rp - lp - 1) };
			return trim(n);
		}
	}
	return v;
}

static int set_date(article_t *a, line_t v)
{
	an_date_t d;
	char iso[11];
	if (an_date_parse(v.s, v.len, &d) != 0)
		return 0;
	an_date_format(&d, iso);
	return article_set(&a->date, iso, strlen(iso));
}

/* Lines [0, *end) form a header block with at least one known key? */
static int find_header_block(const line_t *lines, size_t n, size_t first,
			     size_t *end)
{
	size_t i = first;
	int known = 0;
	for (; i < n && !blank(lines[i]); i++) {
		line_t k, v;
		if (header_line(lines[i], &k, &v)) {
			if (header_field(k) != H_NONE)
				known++;
		} else if (i > first && (lines[i].s[0] == ' ' || lines[i].s[0] == '\t')) {
			continue; /* a folded header line */
		} else {
			return 0;
		}
	}
	if (!known || i >= n)
		return 0;
	*end = i;
	return 1;
}

static int read_header_block(const line_t *lines, size_t first, size_t end,
			     article_t *a)
{
	int rc = 0;
	for (size_t i = first; i < end && rc == 0; i++) {
		line_t k, v;
		if (!header_line(lines[i], &k, &v))
			continue;
		/* Join folded continuation lines. */
		size_t j = i + 1;
		while (j < end && (lines[j].s[0] == ' ' || lines[j].s[0] == '\t'))
			j++;
		if (j > i + 1)
			v.len = (size_t)(lines[j - 1].s + lines[j - 1].len - v.s);
		switch (header_field(k)) {
		case H_TITLE:
			if (!a->title || strncasecmp(k.s, "title", 5) == 0)
				rc = article_set(&a->title, v.s, v.len);
			break;
		case H_AUTHOR: {
			line_t n = author_name(v);
			if (!a->author || strncasecmp(k.s, "author", 6) == 0)
				rc = article_set(&a->author, n.s, n.len);
			break;
		}
		case H_DATE:
			if (set_date(a, v) < 0)
				rc = -1;
			break;
		case H_PLACE: rc = article_set(&a->place, v.s, v.len); break;
		case H_SOURCE:
			if (!a->source)
				rc = article_set(&a->source, v.s, v.len);
			break;
		case H_URL: rc = article_set(&a->url, v.s, v.len); break;
		case H_LANG: rc = article_set(&a->language, v.s, v.len); break;
		case H_NONE: break;
		}
	}
	return rc;
}

/* --- scraped pages ------------------------------------------------------ */

/* Words that start the lines a page puts around an article: navigation,
 * share buttons, comment counters, profile links. Only short lines that do
 * not end a sentence count ("Share prices fell." is text). */
static const char *const boilerplate_words[] = {
	"share", "tweet", "email", "e-mail", "print", "add your story",
	"click to view", "advertisement", "comments", "comment", "subscribe",
	"sign up", "sign in", "log in", "follow us", "read more", "related",
	"more from", "home", "menu", "skip to", "like", "recommend", "save",
	"copyright", "all rights reserved", "back to top", "report abuse",
	"filed under", "tags", "top stories", "most read", "you may also like",
	"facebook", "twitter", "whatsapp", "linkedin", "reddit", "pinterest",
	"reply", "view comments", "post a comment", "leave a comment",
	"previous article", "next article", "listen to this article",
};

static int boilerplate(line_t l)
{
	l = trim(l);
	if (l.len == 0 || l.len > MAX_BOILERPLATE_BYTES)
		return 0;
	char last = l.s[l.len - 1];
	if (last == '.' || last == '?' || last == '!' || last == '"' || last == ':')
		return 0;
	if (l.s[0] == '\xc2' && l.len > 1 && l.s[1] == '\xa9') /* © */
		return 1;
	/* A navigation bar: "Home | World | Politics". */
	size_t bars = 0;
	for (size_t i = 0; i < l.len; i++)
		bars += l.s[i] == '|';
	if (bars >= 2)
		return 1;
	for (size_t i = 0; i < sizeof(boilerplate_words) / sizeof(boilerplate_words[0]); i++)
		if (starts_with_word(l, boilerplate_words[i]))
			return 1;
	/* A bare counter ("12", "(3)"). */
	size_t digits = 0;
	for (size_t i = 0; i < l.len; i++)
		digits += isdigit((unsigned char)l.s[i]) || l.s[i] == '(' || l.s[i] == ')';
	return digits == l.len;
}

/* A byline: "Posted March 30, 2014 by [Name]", "Published ...", "By Name". */
static int byline(line_t l)
{
	l = trim(l);
	if (l.len > MAX_BOILERPLATE_BYTES + 40)
		return 0;
	an_date_t d;
	if (starts_with_word(l, "posted") || starts_with_word(l, "published") ||
	    starts_with_word(l, "updated") || starts_with_word(l, "filed"))
		return an_date_parse(l.s, l.len, &d) == 0;
	return starts_with_word(l, "by") && l.len > 3 && isupper((unsigned char)l.s[3]) &&
	       l.s[l.len - 1] != '.';
}

/* Looks like a name: 1 to 5 words, each starting with a capital letter
 * (or a non-ASCII letter), no sentence punctuation. */
static int looks_like_name(line_t l)
{
	l = trim(l);
	if (l.len == 0 || l.len > 60)
		return 0;
	int words = 0, at_start = 1;
	for (size_t i = 0; i < l.len; i++) {
		unsigned char c = (unsigned char)l.s[i];
		if (c == ' ') {
			at_start = 1;
			continue;
		}
		if (at_start) {
			words++;
			if (!(isupper(c) || c >= 0x80))
				return 0;
			at_start = 0;
		}
		if (c == '.' && i == l.len - 1)
			return 0;
		if (c == ',' || c == ':' || c == '!' || c == '?' || c == '|')
			return 0;
	}
	return words >= 1 && words <= 5;
}

/* Looks like a place line: "Paris, France", "Kyiv", "Simferopol, Crimea". */
static int looks_like_place(line_t l)
{
	l = trim(l);
	if (l.len == 0 || l.len > 60)
		return 0;
	/* Each comma-separated part must look like a name. */
	size_t start = 0;
	int parts = 0;
	for (size_t i = 0; i <= l.len; i++) {
		if (i < l.len && l.s[i] != ',')
			continue;
		line_t p = { l.s + start, i - start };
		if (!looks_like_name(p))
			return 0;
		parts++;
		start = i + 1;
	}
	return parts >= 1 && parts <= 3;
}

static size_t next_content(const line_t *lines, size_t n, size_t i)
{
	while (i < n && (blank(lines[i]) || boilerplate(lines[i])))
		i++;
	return i;
}

/* Where the byline is among the first lines, or n. */
static size_t find_byline(const line_t *lines, size_t n)
{
	size_t seen = 0;
	for (size_t i = 0; i < n && seen < SCRAPED_LOOKAHEAD; i++) {
		if (blank(lines[i]))
			continue;
		seen++;
		if (byline(lines[i]))
			return i;
	}
	return n;
}

/* Append the lines [from, n) that are not boilerplate to the body. */
static int set_body(const line_t *lines, size_t n, size_t from, article_t *a,
		    int drop_boilerplate)
{
	size_t total = 0;
	for (size_t i = from; i < n; i++)
		total += lines[i].len + 1;
	char *b = malloc(total + 1), *p = b;
	if (!b)
		return -1;
	int pending_blank = 0;
	for (size_t i = from; i < n; i++) {
		line_t l = lines[i];
		if (drop_boilerplate && boilerplate(l))
			continue;
		if (blank(l)) {
			pending_blank = p > b;
			continue;
		}
		if (pending_blank)
			*p++ = '\n';
		pending_blank = 0;
		memcpy(p, l.s, l.len);
		p += l.len;
		*p++ = '\n';
	}
	*p = '\0';
	free(a->body);
	a->body = NULL;
	if (p == b)
		free(b);
	else
		a->body = b;
	return 0;
}

static int read_scraped(const line_t *lines, size_t n, size_t by, article_t *a)
{
	line_t l = trim(lines[by]);
	size_t i = by + 1;
	int rc = 0;

	a->format = DL_FORMAT_SCRAPED;
	if (set_date(a, l) < 0)
		return -1;
	/* The author follows " by " on the byline, or stands on the next line. */
	const char *by_word = NULL;
	for (size_t k = 0; k + 2 <= l.len; k++)
		if (strncasecmp(l.s + k, "by", 2) == 0 && (k == 0 || l.s[k - 1] == ' ') &&
		    (k + 2 == l.len || l.s[k + 2] == ' '))
			by_word = l.s + k;
	if (by_word && (size_t)(by_word - l.s) + 2 < l.len) {
		line_t name = { by_word + 3, l.len - (size_t)(by_word - l.s) - 3 };
		name = trim(name);
		if (looks_like_name(name))
			rc = article_set(&a->author, name.s, name.len);
	} else if (by_word) {
		size_t j = next_content(lines, n, i);
		if (j < n && looks_like_name(lines[j])) {
			line_t name = trim(lines[j]);
			rc = article_set(&a->author, name.s, name.len);
			i = j + 1;
		}
	}
	/* A place line, then the title. A one-part place must be followed by
	 * a title line and then text, not by the body itself. */
	size_t j = next_content(lines, n, i);
	if (rc == 0 && j < n && looks_like_place(lines[j])) {
		size_t t = next_content(lines, n, j + 1);
		if (t < n && trim(lines[t]).len <= MAX_TITLE_BYTES &&
		    (memchr(lines[j].s, ',', lines[j].len) ||
		     next_content(lines, n, t + 1) < n)) {
			line_t p = trim(lines[j]);
			rc = article_set(&a->place, p.s, p.len);
			j = t;
		}
	}
	if (rc == 0 && j < n) {
		line_t t = trim(lines[j]);
		rc = article_set(&a->title, t.s, t.len);
		j++;
	}
	if (rc == 0)
		rc = set_body(lines, n, j, a, 1);
	return rc;
}

/* Is this a scraped page without a byline: boilerplate before the text? */
static int boilerplate_first(const line_t *lines, size_t n)
{
	size_t seen = 0, bp = 0;
	for (size_t i = 0; i < n && seen < 10; i++) {
		if (blank(lines[i]))
			continue;
		seen++;
		if (boilerplate(lines[i]))
			bp++;
		else
			break;
	}
	return bp >= 2;
}

/* --- bare text ------------------------------------------------------------ */

static int read_plain(const line_t *lines, size_t n, size_t first, article_t *a,
		      int drop_boilerplate)
{
	size_t i = first;
	while (i < n && (blank(lines[i]) || (drop_boilerplate && boilerplate(lines[i]))))
		i++;
	if (i >= n)
		return 0;
	line_t t = trim(lines[i]);
	if (t.len <= MAX_TITLE_BYTES) {
		if (article_set(&a->title, t.s, t.len) < 0)
			return -1;
		return set_body(lines, n, i + 1, a, drop_boilerplate);
	}
	/* A paragraph: title from its first words, cut at a space. */
	size_t cut = MAX_TITLE_BYTES;
	while (cut > 0 && t.s[cut] != ' ')
		cut--;
	if (cut == 0)  /* no space (Chinese, Japanese): at a character */
		cut = utf8_boundary(t.s, t.len, MAX_TITLE_BYTES);
	if (article_set(&a->title, t.s, cut) < 0)
		return -1;
	return set_body(lines, n, i, a, drop_boilerplate);
}

int text_read(const char *buf, size_t len, article_t *a)
{
	line_t *lines = NULL;
	size_t n = split_lines(buf, len, &lines);
	size_t first = 0, end, by;
	int rc;

	if (n == (size_t)-1)
		return -1;
	while (first < n && blank(lines[first]))
		first++;

	if (find_header_block(lines, n, first, &end)) {
		a->format = DL_FORMAT_HEADER;
		rc = read_header_block(lines, first, end, a);
		if (rc == 0)
			rc = set_body(lines, n, end + 1, a, 0);
		/* No title header: the body's first line is the title. */
		if (rc == 0 && !a->title) {
			free(a->body);
			a->body = NULL;
			rc = read_plain(lines, n, end + 1, a, 0);
		}
	} else if ((by = find_byline(lines, n)) < n) {
		rc = read_scraped(lines, n, by, a);
	} else if (boilerplate_first(lines, n)) {
		a->format = DL_FORMAT_SCRAPED;
		rc = read_plain(lines, n, first, a, 1);
	} else {
		a->format = DL_FORMAT_PLAIN;
		rc = read_plain(lines, n, first, a, 0);
	}
	free(lines);
	return rc;
}
