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
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/date.h"
#include "../analysis/ner_lists.h"
#include "../analysis/schema.h"
#include "../util/utf8.h"
#include "article.h"
#include "byline.h"

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

/* --- pages saved as text ------------------------------------------------ */

/*
 * A whole web page saved as text (a browser's "save as text", lynx -dump,
 * w3m -dump, html2text) holds the article among the site's menus, share
 * buttons, captions and link lists. Each non-blank line gets the chance
 * that it is article text from a logistic model over what the line looks
 * like and what is around it (PAGE_FEATURES below); the article is the run
 * of lines where that chance is highest (the stretch with the largest sum
 * of chance - PAGE_SPAN_CUT), less its lines below PAGE_KEEP. The weights
 * were learnt by bench/text_lines.py on the design split of the article
 * extraction benchmark's pages as saved by the three programs (the
 * held-out split was not used); no phrase list is involved.
 */
#define PAGE_FEATURES 18
/* A text is read as a saved page when it has this many non-blank lines
 * and the model takes this share of them for furniture. */
#define PAGE_MIN_LINES 40
#define PAGE_MIN_FURNITURE 0.3
#define PAGE_SPAN_CUT 0.35
/* Non-blank lines a saved page has above its article's first prose. */
#define PAGE_MIN_LEAD 5
#define PAGE_KEEP 0.25

static const double page_weights[PAGE_FEATURES] = {
	-0.568, -4.328, 4.932, -0.152, 0.591, -0.231,
	0.186, -0.651, -1.991, -1.303, -1.022, 0.805,
	1.413, -0.744, 7.237, -0.467, 0.140, -1.586
};

/* Bytes of the line that are letters (any non-ASCII byte counts as one). */
static int letter_byte(unsigned char c)
{
	return isalpha(c) || c >= 0x80;
}

static int bullet_line(line_t l)
{
	static const char *const marks[] = { "*", "+", "#", "-", "o", "\xe2\x80\xa2", "\xc2\xb7",
					     "\xe2\x97\xa6", "\xe2\x96\xaa", "\xe2\x80\xa3" };
	line_t t = l;
	while (t.len && isspace((unsigned char)t.s[0]))
		t.s++, t.len--;
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		size_t m = strlen(marks[i]);
		if (t.len > m && memcmp(t.s, marks[i], m) == 0 && (t.s[m] == ' ' || t.s[m] == '\t'))
			return 1;
	}
	size_t d = 0;
	while (d < t.len && isdigit((unsigned char)t.s[d]))
		d++;
	return d > 0 && d + 1 < t.len && t.s[d] == '.' && (t.s[d + 1] == ' ' || t.s[d + 1] == '\t');
}

static int sentence_end(line_t t)
{
	char c = t.s[t.len - 1];
	if (strchr(".!?\":;)", c))
		return 1;
	return t.len >= 3 && (memcmp(t.s + t.len - 3, "\xe2\x80\x9d", 3) == 0 ||
			      memcmp(t.s + t.len - 3, "\xe2\x80\x99", 3) == 0);
}

static size_t indent_of(line_t l)
{
	size_t i = 0;
	while (i < l.len && isspace((unsigned char)l.s[i]))
		i++;
	return i;
}

static uint64_t line_hash(line_t t)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < t.len; i++)
		h = (h ^ (unsigned char)t.s[i]) * 1099511628211ULL;
	return h;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static double sigmoid(double z)
{
	if (z < -30)
		z = -30;
	if (z > 30)
		z = 30;
	return 1 / (1 + exp(-z));
}

/*
 * The chance that each line of lines[0, n) is article text, into p (-1 for
 * blank lines). The features, in page_weights' order: 1, log(1 + bytes)/5,
 * words (at most 30)/30, share of letter bytes, ends a sentence, is a list
 * item, commas per word, share of capitalised words, share of digits, share
 * of markup-like characters (x5, at most 1), log(1 + lines of its block)/3,
 * log(1 + bytes of its block)/8, sentences in its block (at most 20)/20,
 * indented unlike most lines, mean bytes (at most 100 each)/100 of the nine
 * non-blank lines around it, the same line appears elsewhere in the text,
 * 60 bytes or more, its place among the non-blank lines (0 to 1).
 * Returns the number of non-blank lines, or -1 when out of memory.
 */
static long page_chances(const line_t *lines, size_t n, double *p)
{
	size_t *nb = malloc((n + 1) * sizeof(*nb));
	uint64_t *hs = malloc((n + 1) * sizeof(*hs)), *sorted = malloc((n + 1) * sizeof(*sorted));
	long rc = -1;
	if (!nb || !hs || !sorted)
		goto out;
	size_t m = 0, indents[65] = { 0 };
	for (size_t i = 0; i < n; i++) {
		line_t t = trim(lines[i]);
		if (!t.len)
			continue;
		nb[m] = i;
		hs[i] = line_hash(t);
		sorted[m++] = hs[i];
		size_t ind = indent_of(lines[i]);
		indents[ind < 64 ? ind : 64]++;
	}
	qsort(sorted, m, sizeof(*sorted), cmp_u64);
	size_t common = 0;
	for (size_t i = 1; i < 65; i++)
		if (indents[i] > indents[common])
			common = i;
	size_t block_start = 0, r = 0;
	for (size_t i = 0; i < n; i++) {
		line_t t = trim(lines[i]);
		if (!t.len) {
			p[i] = -1;
			continue;
		}
		if (i == 0 || blank(lines[i - 1]))
			block_start = i;
		size_t block_end = i, block_bytes = 0, sentences = 0;
		while (block_end < n && !blank(lines[block_end]))
			block_end++;
		for (size_t k = block_start; k < block_end; k++) {
			line_t b = trim(lines[k]);
			block_bytes += b.len;
			for (size_t j = 0; j + 1 < b.len; j++)
				sentences += b.s[j] == '.' && b.s[j + 1] == ' ';
			sentences += b.s[b.len - 1] == '.';
		}
		size_t words = 0, caps = 0, letters = 0, digits = 0, marks = 0, commas = 0;
		for (size_t j = 0; j < t.len; j++) {
			unsigned char c = (unsigned char)t.s[j];
			if (!isspace(c) && (j == 0 || isspace((unsigned char)t.s[j - 1]))) {
				words++;
				caps += isupper(c) != 0;
			}
			letters += letter_byte(c);
			digits += isdigit(c) != 0;
			marks += c && strchr("|[]()<>{}/\\_=*#@", c) != NULL;
			commas += c == ',';
		}
		size_t lo = r >= 4 ? r - 4 : 0, hi = r + 5 < m ? r + 5 : m, around = 0;
		for (size_t k = lo; k < hi; k++) {
			size_t b = trim(lines[nb[k]]).len;
			around += b < 100 ? b : 100;
		}
		uint64_t *hit = bsearch(&hs[i], sorted, m, sizeof(*sorted), cmp_u64);
		int repeated = hit && ((hit > sorted && hit[-1] == hs[i]) ||
				       (hit + 1 < sorted + m && hit[1] == hs[i]));
		double len = (double)t.len, nw = (double)words;
		double f[PAGE_FEATURES] = {
			1, log1p(len) / 5, (words < 30 ? nw : 30) / 30, (double)letters / len,
			sentence_end(t), bullet_line(lines[i]), commas / nw < 1 ? commas / nw : 1,
			caps / nw, (double)digits / len, marks * 5 / len < 1 ? marks * 5 / len : 1,
			log1p((double)(block_end - block_start)) / 3, log1p((double)block_bytes) / 8,
			(sentences < 20 ? (double)sentences : 20) / 20,
			indent_of(lines[i]) != common, (double)around / (double)(hi - lo) / 100,
			repeated, t.len >= 60, (double)r / (double)m
		};
		double z = 0;
		for (int k = 0; k < PAGE_FEATURES; k++)
			z += page_weights[k] * f[k];
		p[i] = sigmoid(z);
		r++;
	}
	rc = (long)m;
out:
	free(nb);
	free(hs);
	free(sorted);
	return rc;
}

/*
 * The headline: among the lines from PAGE_TITLE_BEFORE non-blank lines
 * above the article's first line of prose to PAGE_TITLE_AFTER below it,
 * and their runs of two to four lines (a headline wrapped by the program
 * that saved the page), the one a second logistic model scores highest.
 * Its features, in title_weights' order: 1, starts with a heading's
 * decoration (** or ==), first line indented unlike most, words (at most
 * 30)/30, ends with a full stop, share of capitalised words, share of
 * digits, share of markup-like characters (x5, at most 1), its first line
 * appears elsewhere in the text, non-blank lines above the prose /30,
 * lines below it /4, the first line's chance of being text, the next
 * line's, a list item, share of letter bytes, log(1 + bytes)/5, a blank
 * line before it, a blank line after it, holds a comma, (lines - 1)/3,
 * ends with a heading's decoration, starts a run of lines (blank or
 * another indent before), ends one, the share of its words of four bytes
 * or more that the article's first 60 lines use, indented less than most
 * lines (lynx puts headings at the margin), a "By " line among the three
 * after it, a short line with a year among them, the share of its long
 * words that the article's first 12 lines use, 3 to 25 words. The weights
 * rank the candidates of a page (a softmax over them), learnt with the
 * line model (bench/text_lines.py) on the design split.
 */
#define TITLE_FEATURES 29
#define PAGE_TITLE_BEFORE 40
#define PAGE_TITLE_AFTER 4
#define PAGE_TITLE_RUN 4
/* Lines of the article whose words the headline's are compared with. */
#define PAGE_TITLE_BODY_LINES 60
/* Lines of the article's opening (the words nearest the headline). */
#define PAGE_TITLE_NEAR_LINES 12

static const double title_weights[TITLE_FEATURES] = {
	0.000, 2.356, -0.931, 2.758, -2.273, 0.570,
	-0.757, -3.319, 0.250, 1.290, -3.384, -1.960,
	-1.257, -1.442, 0.483, 3.483, 0.895, 3.021,
	-0.623, -5.207, 2.904, 0.632, 0.414, 1.922,
	2.886, 1.328, 1.011, 1.477, 2.960
};

/* Holds a year 1900-2099 as a word of its own (ASCII letters, digits and
 * '_' around it are not word boundaries). */
static int has_year(line_t l)
{
	for (size_t j = 0; j + 4 <= l.len; j++) {
		const char *c = l.s + j;
		if (!((c[0] == '1' && c[1] == '9') || (c[0] == '2' && c[1] == '0')) ||
		    !isdigit((unsigned char)c[2]) || !isdigit((unsigned char)c[3]))
			continue;
		if (j > 0 && (isalnum((unsigned char)c[-1]) || c[-1] == '_'))
			continue;
		if (j + 4 < l.len && (isalnum((unsigned char)c[4]) || c[4] == '_'))
			continue;
		return 1;
	}
	return 0;
}

static int deco_byte(char c)
{
	return c == '*' || c == '=' || c == '#';
}

/* The line without the decoration html2text puts around headings. */
static line_t undecorated(line_t l)
{
	line_t t = trim(l);
	while (t.len && deco_byte(t.s[0]))
		t.s++, t.len--;
	while (t.len && deco_byte(t.s[t.len - 1]))
		t.len--;
	return trim(t);
}

static uint64_t word_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)tolower((unsigned char)s[i])) * 1099511628211ULL;
	return h;
}

/* The hashes of the words of four bytes or more of lines [from, to) whose
 * chance is at least PAGE_KEEP, sorted, into *out (malloc'ed); their
 * number, or -1 when out of memory. */
static long body_words(const line_t *lines, const double *p, size_t from, size_t to,
		       uint64_t **out)
{
	size_t cap = 0;
	for (size_t i = from; i < to; i++)
		cap += lines[i].len / 2 + 1;
	uint64_t *v = malloc((cap + 1) * sizeof(*v));
	size_t n = 0;
	if (!v)
		return -1;
	for (size_t i = from; i < to; i++) {
		if (p[i] < PAGE_KEEP)
			continue;
		line_t t = trim(lines[i]);
		for (size_t j = 0; j < t.len;) {
			while (j < t.len && isspace((unsigned char)t.s[j]))
				j++;
			size_t k = j;
			while (k < t.len && !isspace((unsigned char)t.s[k]))
				k++;
			if (k - j >= 4)
				v[n++] = word_hash(t.s + j, k - j);
			j = k;
		}
	}
	qsort(v, n, sizeof(*v), cmp_u64);
	*out = v;
	return (long)n;
}

/* The score of the candidate lines [i, i + run) (nb: the non-blank lines'
 * indexes, r its rank there, r0 the prose line's rank), its text in *text
 * (malloc'ed), or -1e300 when it cannot be a headline. */
static double title_score(const line_t *lines, const double *p, const size_t *nb, size_t m,
			  size_t r, size_t run, size_t r0, size_t common, const uint64_t *repeats,
			  size_t nrepeats, const uint64_t *words, size_t nwords, const uint64_t *near,
			  size_t nnear, char **text)
{
	size_t i = nb[r], last = i + run - 1, len = 0;
	*text = NULL;
	for (size_t q = 0; q < run; q++)
		len += undecorated(lines[i + q]).len + 1;
	char *t = malloc(len + 1);
	if (!t)
		return -1e300;
	size_t tl = 0;
	for (size_t q = 0; q < run; q++) {
		line_t u = undecorated(lines[i + q]);
		if (q && tl)
			t[tl++] = ' ';
		memcpy(t + tl, u.s, u.len);
		tl += u.len;
	}
	t[tl] = '\0';
	if (tl < 4 || tl > MAX_TITLE_BYTES) {
		free(t);
		return -1e300;
	}
	size_t nw = 0, caps = 0, digits = 0, marks = 0, letters = 0, long_words = 0, known = 0;
	size_t close = 0;
	int comma = 0;
	for (size_t j = 0; j < tl;) {
		while (j < tl && isspace((unsigned char)t[j]))
			j++;
		size_t k = j;
		while (k < tl && !isspace((unsigned char)t[k]))
			k++;
		if (k > j) {
			nw++;
			caps += isupper((unsigned char)t[j]) != 0;
			if (k - j >= 4) {
				long_words++;
				uint64_t h = word_hash(t + j, k - j);
				known += bsearch(&h, words, nwords, sizeof(h), cmp_u64) != NULL;
				close += bsearch(&h, near, nnear, sizeof(h), cmp_u64) != NULL;
			}
		}
		j = k;
	}
	for (size_t j = 0; j < tl; j++) {
		unsigned char c = (unsigned char)t[j];
		digits += isdigit(c) != 0;
		marks += strchr("|[]()<>{}/\\_=*#@", c) != NULL;
		letters += letter_byte(c);
		comma |= c == ',';
	}
	line_t first = trim(lines[i]), lastl = trim(lines[last]);
	size_t ind = indent_of(lines[i]);
	int prv = r > 0, nxt = r + run < m;
	size_t pi = prv ? nb[r - 1] : 0, ni = nxt ? nb[r + run] : 0;
	uint64_t fh = line_hash(first);
	const uint64_t *hit = bsearch(&fh, repeats, nrepeats, sizeof(fh), cmp_u64);
	int repeated = hit && ((hit > repeats && hit[-1] == fh) ||
			       (hit + 1 < repeats + nrepeats && hit[1] == fh));
	/* A byline or a line with a year among the three lines after it. */
	int by_after = 0, year_after = 0;
	for (size_t q = r + run; q < m && q < r + run + 3; q++) {
		line_t l = trim(lines[nb[q]]);
		by_after |= starts_with_word(l, "by") && l.len > 2 && l.s[2] == ' ';
		year_after |= l.len < 80 && has_year(l);
	}
	double L = (double)tl, W = (double)nw, LW = (double)(long_words ? long_words : 1);
	double f[TITLE_FEATURES] = {
		1,
		first.len >= 2 && ((first.s[0] == '*' && first.s[1] == '*') ||
				   (first.s[0] == '=' && first.s[1] == '=')),
		ind != common,
		(nw < 30 ? W : 30) / 30,
		t[tl - 1] == '.',
		(double)caps / W,
		(double)digits / L,
		marks * 5 / L < 1 ? marks * 5 / L : 1,
		repeated,
		(double)(r0 > r ? r0 - r : 0) / 30,
		(double)(r > r0 ? r - r0 : 0) / 4,
		p[i],
		nxt ? p[ni] : 0,
		bullet_line(lines[i]),
		(double)letters / L,
		log1p(L) / 5,
		!prv || pi + 1 < i,
		!nxt || ni > last + 1,
		comma,
		(double)(run - 1) / 3,
		lastl.len >= 2 && lastl.s[lastl.len - 1] == '*' && lastl.s[lastl.len - 2] == '*',
		!prv || pi + 1 < i || indent_of(lines[pi]) != ind,
		!nxt || ni > last + 1 || indent_of(lines[ni]) != ind,
		(double)known / LW,
		ind < common,
		by_after,
		year_after,
		(double)close / LW,
		nw >= 3 && nw <= 25
	};
	double z = 0;
	for (int k = 0; k < TITLE_FEATURES; k++)
		z += title_weights[k] * f[k];
	*text = t;
	return z;
}

/* Whether l is a line lynx writes for one of the page's <link> elements
 * ("#alternate Site RSS", "#Site » Feed"): '#' and a letter at its start.
 * Never the headline. */
static int link_element_line(line_t l)
{
	line_t t = trim(l);
	return t.len >= 2 && t.s[0] == '#' && isalpha((unsigned char)t.s[1]);
}

/* The headline's first line into *title_first and last into *title_last
 * and its text into a->title; n when there is none. Returns 0 or -1 when
 * out of memory. */
static int find_page_title(const line_t *lines, size_t n, const double *p, size_t from,
			   size_t to, size_t prose, article_t *a, size_t *title_first,
			   size_t *title_last)
{
	size_t *nb = malloc((n + 1) * sizeof(*nb)), m = 0, indents[65] = { 0 };
	uint64_t *repeats = malloc((n + 1) * sizeof(*repeats)), *words = NULL, *near = NULL;
	int rc = -1;
	*title_first = *title_last = n;
	if (!nb || !repeats)
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0)
			continue;
		repeats[m] = line_hash(trim(lines[i]));
		nb[m++] = i;
		size_t ind = indent_of(lines[i]);
		indents[ind < 64 ? ind : 64]++;
	}
	qsort(repeats, m, sizeof(*repeats), cmp_u64);
	size_t common = 0;
	for (size_t i = 1; i < 65; i++)
		if (indents[i] > indents[common])
			common = i;
	long nwords = body_words(lines, p, prose, to < prose + PAGE_TITLE_BODY_LINES ? to
						       : prose + PAGE_TITLE_BODY_LINES, &words);
	if (nwords < 0)
		goto out;
	long nnear = body_words(lines, p, prose, to < prose + PAGE_TITLE_NEAR_LINES ? to
						     : prose + PAGE_TITLE_NEAR_LINES, &near);
	if (nnear < 0)
		goto out;
	size_t r0 = m;
	for (size_t r = 0; r < m; r++)
		if (nb[r] == prose)
			r0 = r;
	double best = -1e300;
	char *best_text = NULL;
	size_t lo = r0 > PAGE_TITLE_BEFORE ? r0 - PAGE_TITLE_BEFORE : 0;
	size_t hi = r0 + PAGE_TITLE_AFTER < m ? r0 + PAGE_TITLE_AFTER : m;
	for (size_t r = lo; r < hi; r++) {
		size_t ind = indent_of(lines[nb[r]]);
		if (link_element_line(lines[nb[r]]))
			continue;
		for (size_t run = 1; run <= PAGE_TITLE_RUN; run++) {
			if (run > 1 && (r + run - 1 >= m || nb[r + run - 1] != nb[r] + run - 1 ||
					indent_of(lines[nb[r] + run - 1]) != ind))
				break;
			char *text;
			double z = title_score(lines, p, nb, m, r, run, r0, common, repeats, m,
					       words, (size_t)nwords, near, (size_t)nnear, &text);
			if (z > best && text) {
				free(best_text);
				best_text = text;
				best = z;
				*title_first = nb[r];
				*title_last = nb[r] + run - 1;
			} else {
				free(text);
			}
		}
	}
	(void)from;
	rc = best_text ? article_set(&a->title, best_text, strlen(best_text)) : 0;
	free(best_text);
out:
	free(nb);
	free(repeats);
	free(words);
	free(near);
	return rc;
}

/* --- the byline of a saved page ------------------------------------------ */

/* Lines after the headline, and around the article's first prose, looked
 * at for the byline (it stands under the headline, or under the picture
 * and caption that open the article). */
#define PAGE_BYLINE_AFTER_TITLE 30
#define PAGE_BYLINE_BEFORE_PROSE 12
#define PAGE_BYLINE_AFTER_PROSE 15
/* Most words after a name standing alone on its line ("Ap Sports
 * Writer"): more is a sentence. */
#define PAGE_NAME_REST_WORDS 4
/* The years a saved page's date line may give (other numbers are
 * counts, prices, models). */
#define PAGE_DATE_MIN_YEAR 1990
#define PAGE_DATE_MAX_YEAR 2100
/* Lines just above the headline looked at for the byline and the date. */
#define PAGE_BYLINE_BEFORE_TITLE 6
/* Lines above the prose looked at for a "By" line alone. */
#define PAGE_BYLINE_WIDE 60
/* A byline is a short line: a longer one is a sentence that says "by". */
#define PAGE_BYLINE_MAX_BYTES 120
/* Words of a name standing alone on a line (a byline without "By"; two
 * names joined by "and" count five). */
#define PAGE_NAME_MIN_WORDS 2
#define PAGE_NAME_MAX_WORDS 5

/*
 * The line as a byline reads: without list marks, the brackets of a
 * picture's name before the text, heading decoration, and with the '_'
 * html2text writes for a link's spaces read as spaces, white space
 * collapsed, into buf (cap bytes). Returns its length.
 */
static size_t byline_text(line_t l, char *buf, size_t cap)
{
	line_t t = trim(l);
	for (;;) {
		size_t k = 0;
		if (t.len && (deco_byte(t.s[0]) || t.s[0] == '+' || t.s[0] == '-' ||
			      t.s[0] == '_')) {
			k = 1;
		} else if (t.len >= 2 && t.s[0] == 'o' && t.s[1] == ' ') {
			k = 1;
		} else if (t.len >= 3 && memcmp(t.s, "\xe2\x80\xa2", 3) == 0) {
			k = 3;
		} else if (t.len && t.s[0] == '[') {
			const char *close = memchr(t.s, ']', t.len);
			if (!close)
				break;
			k = (size_t)(close - t.s) + 1;
		}
		if (!k)
			break;
		t = trim((line_t){ t.s + k, t.len - k });
	}
	while (t.len && deco_byte(t.s[t.len - 1]))
		t.len--;
	size_t n = 0;
	for (size_t i = 0; i < t.len && n + 1 < cap; i++) {
		char c = t.s[i] == '_' ? ' ' : t.s[i];
		if (isspace((unsigned char)c)) {
			if (n && buf[n - 1] != ' ')
				buf[n++] = ' ';
			continue;
		}
		buf[n++] = c;
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = '\0';
	return n;
}

/* A name glued to the words after it by the program that saved the page
 * ("Meg JamesStaff Writer", "Jonathan GarberFOXBusiness": two elements
 * without a space between them) is cut where a capital follows three
 * small letters inside a word ("LaMotte", "McDonald", "DeArdo" stay). */
static void unglue(char *name)
{
	for (size_t i = 0; name[i]; i++) {
		if (i < 4 || !isupper((unsigned char)name[i]))
			continue;
		if (!islower((unsigned char)name[i - 1]) || !islower((unsigned char)name[i - 2]) ||
		    !islower((unsigned char)name[i - 3]))
			continue;
		size_t w = i;
		while (w && name[w - 1] != ' ')
			w--;
		if (w < i - 3 && isupper((unsigned char)name[w])) {
			name[i] = '\0';
			return;
		}
	}
}

/* Whether name reads as a person's or an agency's name standing alone:
 * PAGE_NAME_MIN_WORDS to PAGE_NAME_MAX_WORDS words that start with a
 * capital (short particles such as "de" between them), no digits, no
 * sentence punctuation, no abbreviation but initials, the last word a
 * capitalised one. */
static int name_like(const char *name)
{
	size_t words = 0;
	int last_particle = 0;
	for (const char *w = name; *w;) {
		const char *e = w;
		while (*e && *e != ' ')
			e++;
		unsigned char c = (unsigned char)w[0];
		int particle = words > 0 && e - w <= 3 && islower(c);
		if (!(isupper(c) || c >= 0xC0) && !particle)
			return 0;
		for (const char *q = w; q < e; q++)
			if (isdigit((unsigned char)*q) || strchr("!?:;\"/", *q))
				return 0;
		/* An initial ("Y.") ends with a full stop, a word ("Gov.") not. */
		if (e - w > 2 && e[-1] == '.')
			return 0;
		words++;
		last_particle = particle;
		w = *e ? e + 1 : e;
	}
	return words >= PAGE_NAME_MIN_WORDS && words <= PAGE_NAME_MAX_WORDS && !last_particle;
}

/* Whether s holds word (ASCII case folded). */
static int holds_nocase(const char *s, const char *word)
{
	size_t n = strlen(word);
	for (; *s; s++)
		if (strncasecmp(s, word, n) == 0)
			return 1;
	return 0;
}

/* Whether name stands in the text outside line skip, on a line that is
 * not the same as that one (an author's box or a "Reporting by" line
 * under the article repeats the byline's name; a menu repeats its lines
 * whole), a space in name matching any run of spaces or '_' there. */
static int name_elsewhere(const line_t *lines, size_t n, const char *name, size_t skip)
{
	size_t len = strlen(name);
	char self[PAGE_BYLINE_MAX_BYTES + 1], other[PAGE_BYLINE_MAX_BYTES + 1];
	byline_text(lines[skip], self, sizeof(self));
	for (size_t i = 0; i < n; i++) {
		line_t l = lines[i];
		if (i == skip || (trim(l).len <= PAGE_BYLINE_MAX_BYTES &&
				  byline_text(l, other, sizeof(other)) && !strcmp(self, other)))
			continue;
		for (size_t j = 0; j + len <= l.len; j++) {
			if (l.s[j] != name[0] || (j && isalpha((unsigned char)l.s[j - 1])))
				continue;
			size_t a = j, b = 0;
			while (b < len && a < l.len) {
				if (name[b] == ' ') {
					if (l.s[a] != ' ' && l.s[a] != '_')
						break;
					while (a < l.len && (l.s[a] == ' ' || l.s[a] == '_'))
						a++;
					b++;
				} else if (l.s[a] == name[b]) {
					a++, b++;
				} else {
					break;
				}
			}
			if (b == len && (a == l.len || !isalpha((unsigned char)l.s[a])))
				return 1;
		}
	}
	return 0;
}

/* Whether text (the rest of a byline after its name) starts with a
 * number (a date, a time), holds a date or a handle ("@name"): what
 * follows a name in a byline. */
static int byline_rest(const char *text)
{
	an_date_t d;
	while (*text == ' ' || *text == ',' || *text == '|' || *text == '/' || *text == '-')
		text++;
	if (isdigit((unsigned char)*text))
		return 1;
	for (const char *c = text; *c; c++)
		if (*c == '@' && (c == text || c[-1] == ' ') && isalnum((unsigned char)c[1]))
			return 1;
	return *text && an_date_parse(text, strlen(text), &d) == 0;
}

/* The name a "by" word of text introduces ("By Name", "* by Name",
 * "7:45 am PST by Name": at the start, or after a date or a time), or
 * NULL (malloc'ed; *oom set when out of memory). A lone "By" takes the
 * name from next (NULL when there is no next line). */
static char *by_name(const char *text, const char *next, int *oom)
{
	size_t len = strlen(text);
	for (size_t k = 0; k + 2 <= len; k++) {
		if ((k && text[k - 1] != ' ') || strncasecmp(text + k, "by", 2) != 0 ||
		    (text[k + 2] && text[k + 2] != ' ' && text[k + 2] != ':'))
			continue;
		int digit = 0;
		for (size_t j = 0; j < k; j++)
			digit |= isdigit((unsigned char)text[j]) != 0;
		if (k && !digit)
			continue;
		const char *rest = text + k + 2;
		while (*rest == ' ' || *rest == ':')
			rest++;
		if (!*rest)
			rest = next;
		if (!rest || !*rest || !(isupper((unsigned char)*rest) || (unsigned char)*rest >= 0xC0))
			return NULL;
		char *name = byline_name(rest, oom);
		if (name)
			unglue(name);
		return name;
	}
	return NULL;
}

/* A bare name's candidate from a byline's text: byline_name()'s, cut at
 * its first comma ("Greg Beacham, Ap Sports Writer"), unglued; NULL when
 * there is none (malloc'ed; *oom set when out of memory). */
static char *bare_name(const char *text, int *oom)
{
	char *name = byline_name(text, oom);
	if (!name)
		return NULL;
	char *comma = strchr(name, ',');
	if (comma)
		*comma = '\0';
	unglue(name);
	return name;
}

/* Whether the bare name on line i (its text: text, the line after it:
 * from j) is confirmed as a byline: a date, a time or a handle after it
 * on its line or a year on the next two, or the name again elsewhere; not
 * when more than PAGE_NAME_REST_WORDS words follow it on its line. */
static int bare_confirmed(const line_t *lines, size_t n, size_t i, size_t j, const char *text,
			  const char *name)
{
	size_t nl = strlen(name);
	if (strncmp(text, name, nl) != 0)
		return 0;
	const char *rest = text + nl + (text[nl] == ',');
	if (byline_rest(rest))
		return 1;
	/* A name followed by more than a few words (an outlet, "Senior
	 * Contributor") opens a sentence, a caption's. */
	size_t words = 0;
	for (const char *c = rest; *c; c++)
		words += *c != ' ' && (c == rest || c[-1] == ' ');
	if (words > PAGE_NAME_REST_WORDS)
		return 0;
	for (size_t q = j, c = 0; q < n && c < 2; q++) {
		line_t t = trim(lines[q]);
		if (!t.len)
			continue;
		c++;
		if (t.len < MAX_BOILERPLATE_BYTES && has_year(t))
			return 1;
	}
	return name_elsewhere(lines, n, name, i);
}

/* Whether the name's first word is a common first name (ner_lists.h). */
static int first_name(const char *name)
{
	char w[32];
	size_t k = 0;
	while (name[k] && name[k] != ' ' && k + 1 < sizeof(w)) {
		w[k] = (char)tolower((unsigned char)name[k]);
		k++;
	}
	w[k] = '\0';
	return an_word_kinds(w, k) & AN_WORD_FIRST_NAME;
}

/*
 * The author of a saved page, into a->author when none is set. Looked at:
 * the short lines under the headline (title_first..title_last, n when
 * none), around the article's first prose line, then, for a byline
 * that says "by" before a name of two words or more, the wider stretch
 * above the prose (the headline chosen may be a caption's), and last the
 * few lines just above the headline (a site that prints the byline over it). The first
 * line that says "by" before a name wins; else the first line that opens
 * with a name standing alone (name_like()) whose first word is a common
 * first name, else the first with any, not the next line of a
 * paragraph (p: the lines' chances of being text), not in the headline,
 * that the page confirms (bare_confirmed()). *at is the byline's line (n
 * when none). Returns 0, or -1 when out of memory.
 */
static int page_byline(const line_t *lines, size_t n, const double *p, size_t title_first,
		       size_t title_last, size_t prose, article_t *a, size_t *at)
{
	*at = n;
	if (a->author)
		return 0;
	size_t lo[4], hi[4];
	lo[3] = title_first < n && title_first > PAGE_BYLINE_BEFORE_TITLE ?
		title_first - PAGE_BYLINE_BEFORE_TITLE : 0;
	hi[3] = title_first < n ? title_first : 0;
	lo[0] = title_first < n ? title_last + 1 : n;
	hi[0] = title_first < n ? title_last + 1 + PAGE_BYLINE_AFTER_TITLE : n;
	lo[1] = prose > PAGE_BYLINE_BEFORE_PROSE ? prose - PAGE_BYLINE_BEFORE_PROSE : 0;
	hi[1] = prose + PAGE_BYLINE_AFTER_PROSE;
	lo[2] = prose > PAGE_BYLINE_WIDE ? prose - PAGE_BYLINE_WIDE : 0;
	hi[2] = prose;
	for (int k = 0; k < 4; k++)
		if (hi[k] > n)
			hi[k] = n;
	int oom = 0;
	for (int pass = 0; pass < 3 && !oom; pass++) {
		for (int w = 0; w < 4 && !oom; w++) {
			if (pass > 0 && w == 2)
				continue;
			for (size_t i = lo[w]; i < hi[w] && !oom; i++) {
				if (title_first < n && i >= title_first && i <= title_last)
					continue;
				char text[PAGE_BYLINE_MAX_BYTES + 1], next[PAGE_BYLINE_MAX_BYTES + 1];
				line_t l = trim(lines[i]);
				if (!l.len || l.len > PAGE_BYLINE_MAX_BYTES ||
				    !byline_text(l, text, sizeof(text)))
					continue;
				size_t j = i + 1;
				while (j < n && blank(lines[j]))
					j++;
				next[0] = '\0';
				if (j < n && trim(lines[j]).len <= PAGE_BYLINE_MAX_BYTES)
					byline_text(lines[j], next, sizeof(next));
				char *name = NULL;
				int ok;
				if (pass == 0) {
					name = by_name(text, next[0] ? next : NULL, &oom);
					ok = name && (w < 2 || name_like(name));
				} else {
					name = bare_name(text, &oom);
					line_t prev = i ? trim(lines[i - 1]) : (line_t){ NULL, 0 };
					int continues = i && i - 1 != title_last && p[i - 1] >= 0.5 &&
							prev.len >= 60 && !deco_byte(prev.s[prev.len - 1]);
					ok = name && (pass == 2 || first_name(name)) &&
					     name_like(name) && !continues &&
					     !(a->title && holds_nocase(a->title, name)) &&
					     bare_confirmed(lines, n, i, j, text, name);
				}
				if (ok) {
					*at = i;
					int rc = article_set(&a->author, name, strlen(name));
					free(name);
					return rc;
				}
				free(name);
			}
		}
	}
	return oom ? -1 : 0;
}

/* A day written in figures, "27/09/2018", "11.14.2019", "11/19/2019", at
 * the start of a word of text: day and month told apart only when one of
 * them is over 12 (otherwise the order is the site's and unknown). 0 and
 * *d, or -1. */
static int numeric_date(const char *s, size_t len, an_date_t *d)
{
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]) || (i && isalnum((unsigned char)s[i - 1])))
			continue;
		int v[3] = { 0, 0, 0 }, k = 0;
		size_t j = i, digits = 0;
		char sep = 0;
		for (; j < len && k < 3; j++) {
			char c = s[j];
			if (isdigit((unsigned char)c)) {
				v[k] = v[k] * 10 + (c - '0');
				if (++digits > 4)
					break;
			} else if ((c == '/' || c == '.') && digits && k < 2 && (!sep || c == sep)) {
				sep = c;
				k++;
				digits = 0;
			} else {
				break;
			}
		}
		if (k != 2 || digits != 4 || (j < len && isalnum((unsigned char)s[j])))
			continue;
		int day, month;
		if (v[0] > 12 && v[1] >= 1 && v[1] <= 12)
			day = v[0], month = v[1];
		else if (v[1] > 12 && v[0] >= 1 && v[0] <= 12)
			day = v[1], month = v[0];
		else
			continue;
		char iso[40];
		snprintf(iso, sizeof(iso), "%04d-%02d-%02d", v[2], month, day);
		if (an_date_parse(iso, 10, d) == 0)
			return 0;
	}
	return -1;
}

/* The day a line shows (a year PAGE_DATE_MIN_YEAR..PAGE_DATE_MAX_YEAR,
 * month and day known) into *d: 0, or -1. */
static int day_of(line_t l, an_date_t *d)
{
	if (an_date_parse(l.s, l.len, d) != 0 || !d->month || !d->day)
		if (numeric_date(l.s, l.len, d) != 0)
			return -1;
	return d->year >= PAGE_DATE_MIN_YEAR && d->year <= PAGE_DATE_MAX_YEAR ? 0 : -1;
}

/*
 * The date of a saved page, into a->date when none is set: the first
 * full day (day_of()) on the byline's line (by, n when none) or the two
 * lines after it, else on a short line (not prose: p) between the
 * headline and the text, else under the headline, around the article's
 * first prose line or just above the headline (page_byline()'s
 * stretches). Returns 0, or -1 when out of memory.
 */
static int page_date(const line_t *lines, size_t n, const double *p, size_t title_first,
		     size_t title_last, size_t prose, size_t by, article_t *a)
{
	size_t lo[5], hi[5];
	lo[4] = title_first < n && title_first > PAGE_BYLINE_BEFORE_TITLE ?
		title_first - PAGE_BYLINE_BEFORE_TITLE : 0;
	hi[4] = title_first < n ? title_first : 0;
	lo[0] = by;
	hi[0] = by < n ? by + 3 : n;
	lo[1] = title_first < n ? title_last + 1 : n;
	hi[1] = title_first < n && title_last < prose ? prose : lo[1];
	lo[2] = lo[1];
	hi[2] = title_first < n ? title_last + 1 + PAGE_BYLINE_AFTER_TITLE : n;
	lo[3] = prose > PAGE_BYLINE_BEFORE_PROSE ? prose - PAGE_BYLINE_BEFORE_PROSE : 0;
	hi[3] = prose + PAGE_BYLINE_AFTER_PROSE;
	if (a->date)
		return 0;
	for (int w = 0; w < 5; w++) {
		for (size_t i = lo[w], c = 0; i < hi[w] && i < n; i++) {
			line_t l = trim(lines[i]);
			an_date_t d;
			if (!l.len)
				continue;
			/* The byline's stretch: its line and the two after it. */
			if (w == 0 && c++ >= 3)
				break;
			if (l.len > PAGE_BYLINE_MAX_BYTES || (w && p[i] >= 0.5 && l.len >= 60) ||
			    (title_first < n && i >= title_first && i <= title_last) ||
			    day_of(l, &d) != 0)
				continue;
			char iso[11];
			an_date_format(&d, iso);
			return article_set(&a->date, iso, strlen(iso));
		}
	}
	return 0;
}

/* Read the saved page whose lines have the chances p into *a: 1, 0 when
 * it is not one after all (a untouched), or -1 when out of memory. */
static int read_saved_page(const line_t *lines, size_t n, const double *p, article_t *a)
{
	/* The stretch of lines with the largest sum of p - PAGE_SPAN_CUT. */
	double best = -1e300, cur = 0;
	size_t start = 0, from = 0, to = 0;
	int open = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0)
			continue;
		double v = p[i] - PAGE_SPAN_CUT;
		if (!open || cur <= 0) {
			cur = v;
			start = i;
			open = 1;
		} else {
			cur += v;
		}
		if (cur > best) {
			best = cur;
			from = start;
			to = i + 1;
		}
	}
	/* The article's first line of prose, and the headline around it. A
	 * saved page has the site's lines above it: a text whose prose starts
	 * at once (an article with a long list, a list of words) is not one. */
	size_t prose = from, lead = 0;
	while (prose < to && !(p[prose] >= 0.5 && trim(lines[prose]).len >= 60))
		prose++;
	for (size_t i = 0; i < prose; i++)
		lead += p[i] >= 0;
	if (prose >= to || lead < PAGE_MIN_LEAD)
		return 0;
	a->format = DL_FORMAT_SCRAPED;
	size_t title, title_last;
	if (find_page_title(lines, n, p, from, to, prose, a, &title, &title_last) < 0)
		return -1;
	size_t by;
	int rc = page_byline(lines, n, p, title, title_last, prose, a, &by);
	if (rc == 0)
		rc = page_date(lines, n, p, title, title_last, prose, by, a);
	if (rc)
		return rc;
	size_t total = 0;
	for (size_t i = from; i < to; i++)
		total += lines[i].len + 2;
	char *b = malloc(total + 1), *q = b;
	if (!b)
		return -1;
	int gap = 0;
	for (size_t i = from; i < to; i++) {
		if (p[i] < 0) {
			gap = q > b;
			continue;
		}
		if (p[i] < PAGE_KEEP || (i >= title && i <= title_last))
			continue;
		line_t l = trim(lines[i]);
		if (gap)
			*q++ = '\n';
		gap = 0;
		memcpy(q, l.s, l.len);
		q += l.len;
		*q++ = '\n';
	}
	*q = '\0';
	free(a->body);
	a->body = NULL;
	if (q == b)
		free(b);
	else
		a->body = b;
	return 1;
}

static size_t nonblank_lines(const line_t *lines, size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		m += !blank(lines[i]);
	return m;
}

/* Whether the text is a saved page (see above): p gets the lines' chances.
 * Returns 1, 0, or -1 when out of memory. */
static int saved_page(const line_t *lines, size_t n, double *p)
{
	long m = page_chances(lines, n, p);
	if (m < 0)
		return -1;
	if (m < PAGE_MIN_LINES)
		return 0;
	long furniture = 0;
	for (size_t i = 0; i < n; i++)
		furniture += p[i] >= 0 && p[i] < 0.5;
	return (double)furniture >= PAGE_MIN_FURNITURE * (double)m;
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
		/* A heading as html2text decorates it ("****** Title ******"). */
		line_t u = undecorated(t);
		if (t.len >= 2 && (!memcmp(t.s, "**", 2) || !memcmp(t.s, "==", 2)) && u.len)
			t = u;
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
	double *p = NULL;
	int rc, saved = 0;

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
	} else if ((saved = nonblank_lines(lines, n) >= PAGE_MIN_LINES) &&
		   (p = malloc(n * sizeof(*p))) != NULL &&
		   (saved = saved_page(lines, n, p)) != 0 &&
		   (saved = saved < 0 ? -1 : read_saved_page(lines, n, p, a)) != 0) {
		rc = saved < 0 ? -1 : 0;
	} else if (saved && !p) {
		rc = -1;
	} else if ((by = find_byline(lines, n)) < n) {
		rc = read_scraped(lines, n, by, a);
	} else if (boilerplate_first(lines, n)) {
		a->format = DL_FORMAT_SCRAPED;
		rc = read_plain(lines, n, first, a, 1);
	} else {
		a->format = DL_FORMAT_PLAIN;
		rc = read_plain(lines, n, first, a, 0);
	}
	free(p);
	free(lines);
	return rc;
}
