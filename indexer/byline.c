/* byline.c - the author and date a page shows (see byline.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../analysis/date.h"
#include "byline.h"

/* The earliest and latest years a page's date line may give (a number in
 * a date-like class outside them is something else: a count, a price). */
#define BYLINE_MIN_YEAR 1990
#define BYLINE_MAX_YEAR 2100

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

/* Elements whose text is never a byline. */
static int skipped(const xmlNode *n)
{
	static const char *const names[] = {
		"script", "style", "noscript", "nav", "form", "button", "select", "textarea",
		"iframe", "svg", "template", "head", "input", "label", "option"
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

/* class, id, itemprop and rel, lower-cased, space-joined, into buf. */
static const char *hints(const xmlNode *n, char *buf, size_t cap)
{
	static const char *const keys[] = { "class", "id", "itemprop", "rel" };
	size_t len = 0;
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)keys[k]);
		for (const xmlChar *p = v; p && *p && len + 2 < cap; p++)
			buf[len++] = (char)tolower(*p);
		if (len + 1 < cap)
			buf[len++] = ' ';
		xmlFree(v);
	}
	buf[len] = '\0';
	return buf;
}

static int has(const char *h, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(h, words[i]))
			return 1;
	return 0;
}

/* What the element's hints say it is: 'A' a byline, 'D' a date line, 'C'
 * comments (not entered), 0 nothing. */
static int kind_of(const xmlNode *n)
{
	static const char *const comments[] = { "comment", "reply", "respond", "discussion" };
	static const char *const author[] = { "byline", "author", "writer", "contributor",
					      "creator" };
	static const char *const not_author[] = { "bio", "avatar", "image", "photo", "img",
						  "about", "desc", "more", "related", "social",
						  "follow", "share" };
	static const char *const date[] = { "date", "time", "published", "posted",
					    "pubdate" };
	static const char *const not_date[] = { "update", "modif", "read", "runtime",
						"timeline" };
	char buf[512];
	const char *h = hints(n, buf, sizeof(buf));
	if (has(h, comments, sizeof(comments) / sizeof(comments[0])))
		return 'C';
	if (has(h, author, sizeof(author) / sizeof(author[0])) &&
	    !has(h, not_author, sizeof(not_author) / sizeof(not_author[0])))
		return 'A';
	if (is(n, "time") || (has(h, date, sizeof(date) / sizeof(date[0])) &&
			      !has(h, not_date, sizeof(not_date) / sizeof(not_date[0]))))
		return 'D';
	return 0;
}

/* The text under n, white space collapsed, at most cap - 1 bytes (more
 * sets *long_text). */
static void text_under(const xmlNode *n, char *buf, size_t cap, size_t *len, int *long_text)
{
	for (const xmlNode *c = n->children; c && !*long_text; c = c->next) {
		if (c->type == XML_TEXT_NODE && c->content) {
			for (const xmlChar *p = c->content; *p; p++) {
				/* U+00A0, a no-break space, is a space here. */
				int nbsp = p[0] == 0xC2 && p[1] == 0xA0;
				int sp = isspace(*p) || nbsp;
				p += nbsp;
				if (sp && (!*len || buf[*len - 1] == ' '))
					continue;
				if (*len + 1 >= cap) {
					*long_text = 1;
					return;
				}
				buf[(*len)++] = sp ? ' ' : (char)*p;
			}
		} else if (c->type == XML_ELEMENT_NODE && !skipped(c)) {
			/* Inner elements are words apart ("By" <a>Name</a>). */
			if (*len && buf[*len - 1] != ' ' && *len + 1 < cap)
				buf[(*len)++] = ' ';
			text_under(c, buf, cap, len, long_text);
		}
	}
	buf[*len] = '\0';
}

/* Words that introduce a byline's name; the names around them are kept. */
static size_t lead_in(const char *s)
{
	static const char *const leads[] = { "posted by ", "written by ", "by ", "text: ",
					     "author: ", "words: ", "\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82: " };
	for (size_t i = 0; i < sizeof(leads) / sizeof(leads[0]); i++)
		if (strncasecmp(s, leads[i], strlen(leads[i])) == 0)
			return strlen(leads[i]);
	return 0;
}

/* Whether s starts with a word that begins a date or a time line rather
 * than a name: a month, a weekday (English, any case), "Published",
 * "Updated". */
static int date_word(const char *s)
{
	static const char *const words[] = {
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "jan", "feb", "mar", "apr",
		"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "published",
		"updated", "posted"
	};
	size_t n = 0;
	while (isalpha((unsigned char)s[n]))
		n++;
	if (!n || (s[n] && s[n] != ' ' && s[n] != ',' && s[n] != '.'))
		return 0;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return 1;
	return 0;
}

char *byline_name(const char *text, int *oom)
{
	while (*text == ' ')
		text++;
	text += lead_in(text);
	/* The name ends where a date, a handle or a separator starts. */
	size_t end = 0, len = strlen(text);
	while (end < len) {
		unsigned char c = (unsigned char)text[end];
		if ((isdigit(c) && (end == 0 || text[end - 1] == ' ')) || c == '|' || c == '@' ||
		    c == '(' || (end + 2 < len && !strncmp(text + end, " - ", 3)) ||
		    (end && text[end - 1] == ' ' && date_word(text + end)))
			break;
		/* "•", "—", "–", "·" */
		if (c == 0xE2 && end + 2 < len && (unsigned char)text[end + 1] == 0x80 &&
		    ((unsigned char)text[end + 2] == 0xA2 || (unsigned char)text[end + 2] == 0x94 ||
		     (unsigned char)text[end + 2] == 0x93))
			break;
		if (c == 0xC2 && end + 1 < len && (unsigned char)text[end + 1] == 0xB7)
			break;
		end++;
	}
	while (end && (text[end - 1] == ' ' || text[end - 1] == ',' || text[end - 1] == ':'))
		end--;
	/* "Sandee LaMotte, CNN": one word after the last comma is the outlet. */
	const char *comma = NULL;
	for (size_t i = 0; i < end; i++)
		if (text[i] == ',')
			comma = text + i;
	if (comma && !memchr(comma + 2, ' ', end - (size_t)(comma + 2 - text)) &&
	    comma + 2 < text + end)
		end = (size_t)(comma - text);
	size_t words = end ? 1 : 0, letters = 0;
	for (size_t i = 0; i < end; i++) {
		words += text[i] == ' ';
		letters += isalpha((unsigned char)text[i]) || (unsigned char)text[i] >= 0x80;
	}
	if (words == 0 || words > BYLINE_MAX_WORDS || letters < 2 || (words > 1 && letters * 2 < end) ||
	    lead_in(text) || (end == 2 && !strncasecmp(text, "by", 2)))
		return NULL;
	char *out = strndup(text, end);
	if (!out)
		*oom = 1;
	return out;
}

/* A date in text (ISO 8601, or NULL). */
static char *date_in(const char *text, int *oom)
{
	an_date_t d;
	char iso[11];
	if (an_date_parse(text, strlen(text), &d) != 0 || !d.month || d.year < BYLINE_MIN_YEAR ||
	    d.year > BYLINE_MAX_YEAR)
		return NULL;
	an_date_format(&d, iso);
	char *out = strdup(iso);
	if (!out)
		*oom = 1;
	return out;
}

static void look(const xmlNode *n, char **author, char **date, int *oom);

/* The name of the first link under n whose text reads as one. */
static char *link_name(const xmlNode *n, int *oom)
{
	for (const xmlNode *c = n->children; c && !*oom; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		if (is(c, "a")) {
			char buf[BYLINE_MAX_TEXT + 1];
			size_t len = 0;
			int long_text = 0;
			text_under(c, buf, sizeof(buf), &len, &long_text);
			char *name = !long_text && len ? byline_name(buf, oom) : NULL;
			if (name)
				return name;
		} else {
			char *name = link_name(c, oom);
			if (name)
				return name;
		}
	}
	return NULL;
}

/* A byline block's name: a link inside it first (the author's profile),
 * then a more specific byline element inside it (<div class=byline><span
 * class=author>), then its own text. */
static char *block_name(const xmlNode *n, const char *text, char **date, int *oom)
{
	char *inner = link_name(n, oom), *ignored = (char *)"";
	if (!inner)
		look(n, &inner, *date ? &ignored : date, oom);
	return inner ? inner : byline_name(text, oom);
}

static void look(const xmlNode *n, char **author, char **date, int *oom)
{
	for (const xmlNode *c = n->children; c && !*oom && (!*author || !*date); c = c->next) {
		if (c->type != XML_ELEMENT_NODE || skipped(c))
			continue;
		int k = kind_of(c);
		if (k == 'C')
			continue;
		if ((k == 'A' && (!*author || !*date)) || (k == 'D' && !*date)) {
			char buf[BYLINE_MAX_TEXT + 1];
			size_t len = 0;
			int long_text = 0;
			text_under(c, buf, sizeof(buf), &len, &long_text);
			if (!long_text && len) {
				if (k == 'A' && !*author)
					*author = block_name(c, buf, date, oom);
				else if (k == 'D')
					*date = date_in(buf, oom);
			}
			/* A byline block may hold the date too ("by Jeff Foust
			 * — November 18, 2019"). */
			if (k == 'A' && !long_text && len && !*date)
				*date = date_in(buf, oom);
			if ((k == 'A' && *author) || (k == 'D' && *date))
				continue;
		}
		look(c, author, date, oom);
	}
}

int byline_find(const xmlNode *root, char **author, char **date)
{
	int oom = 0;
	char *a = NULL, *d = NULL;
	look(root, *author ? &(char *){ "" } : &a, *date ? &(char *){ "" } : &d, &oom);
	if (!*author)
		*author = a;
	else
		free(a);
	if (!*date)
		*date = d;
	else
		free(d);
	return oom ? -1 : 0;
}
