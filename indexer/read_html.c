/*
 * read_html.c - an article from an HTML page, with libxml2's HTML parser.
 *
 * Metadata comes from the page's head (og:title, article:author,
 * meta name=author, article:published_time, og:site_name, og:url), from a
 * schema.org NewsArticle JSON-LD block (parsed with jansson), and from
 * <title>, <h1> and <time datetime>. The body is the article's text without
 * the page around it: the content block is the element whose paragraphs
 * hold the most text that is not links, inside <article> or <main> when the
 * page has them; navigation, headers, footers, asides, forms, scripts,
 * styles, comments and blocks whose class or id says share, related,
 * comments, promo... are left out, and so is a paragraph that is mostly
 * links.
 *
 * The parser runs in recover mode (truncated and misnested pages still give
 * their text) and never touches the network (HTML_PARSE_NONET).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "article.h"
#include "encoding.h"

/* Bytes looked at to recognise an HTML page. */
#define DETECT_BYTES 1024
/* A paragraph whose link text is more than this share of its text is a
 * list of links (related stories, tags), not article text. */
#define MAX_LINK_DENSITY 0.5
/* A text block shorter than this (bytes) does not count for choosing the
 * content block (captions, bylines, buttons). */
#define MIN_BLOCK_TEXT 25

int html_detect(const char *buf, size_t len)
{
	size_t n = len < DETECT_BYTES ? len : DETECT_BYTES;
	size_t i = enc_content_start(buf, n);
	if (i < n && buf[i] != '<')
		return 0;
	/* Another doctype (Reuters' "lewis", XHTML's is "html" too). */
	if (n - i >= 10 && strncasecmp(buf + i, "<!doctype ", 10) == 0 &&
	    (n - i < 14 || strncasecmp(buf + i + 10, "html", 4) != 0))
		return 0;
	static const char *const marks[] = { "<!doctype html", "<html", "<head", "<body" };
	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		size_t m = strlen(marks[k]);
		for (size_t j = i; j + m <= n; j++)
			if (strncasecmp(buf + j, marks[k], m) == 0)
				return 1;
	}
	return 0;
}

static int is(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       strcasecmp((const char *)n->name, name) == 0;
}

static char *attr(const xmlNode *n, const char *name)
{
	return (char *)xmlGetProp((xmlNode *)n, (const xmlChar *)name);
}

/* Elements that are never article text. */
static int skipped_element(const xmlNode *n)
{
	static const char *const names[] = {
		"script", "style", "noscript", "nav", "header", "footer", "aside",
		"form", "button", "select", "textarea", "iframe", "svg", "template",
		"figure", "menu", "head"
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

/* Blocks whose class or id says they are page furniture. */
static int furniture(const xmlNode *n)
{
	static const char *const words[] = {
		"share", "social", "related", "comment", "promo", "newsletter",
		"advert", "subscribe", "sidebar", "breadcrumb", "cookie", "footer",
		"masthead", "navigation", "menu", "outbrain", "taboola", "recommend",
		"more-stories", "read-more", "signup", "paywall", "byline"
	};
	int hit = 0;
	const char *keys[2] = { "class", "id" };
	for (int k = 0; k < 2 && !hit; k++) {
		char *v = attr(n, keys[k]);
		if (!v)
			continue;
		for (char *p = v; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]) && !hit; i++)
			if (strstr(v, words[i]))
				hit = 1;
		xmlFree(v);
	}
	return hit;
}

static int excluded(const xmlNode *n)
{
	return n->type == XML_COMMENT_NODE ||
	       (n->type == XML_ELEMENT_NODE && (skipped_element(n) || furniture(n)));
}

/* A growing string. */
typedef struct {
	char *s;
	size_t len, cap;
	int oom;
} buf_t;

static void put(buf_t *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = realloc(b->s, cap);
		if (!p) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* The text under n (without excluded elements), whitespace collapsed;
 * *link gets the bytes that are inside <a>. */
static void text_of(const xmlNode *n, buf_t *b, size_t *link, int in_link)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (excluded(c))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = (const char *)c->content;
			for (; t && *t; t++) {
				int sp = isspace((unsigned char)*t);
				if (sp && (b->len == 0 || b->s[b->len - 1] == ' '))
					continue;
				put(b, sp ? " " : t, 1);
				if (in_link && !sp && link)
					(*link)++;
			}
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is(c, "br") && b->len && b->s[b->len - 1] != ' ')
				put(b, " ", 1);
			text_of(c, b, link, in_link || is(c, "a"));
		}
	}
}

/* Block elements whose text forms the paragraphs of the body. */
static int paragraph_element(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

/* Collect the paragraphs under n into out (one per line, blank line
 * between), skipping link lists. Returns the text bytes collected. */
static size_t paragraphs(const xmlNode *n, buf_t *out)
{
	size_t total = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || excluded(c))
			continue;
		if (paragraph_element(c)) {
			buf_t t = { 0 };
			size_t link = 0;
			text_of(c, &t, &link, 0);
			while (t.len && t.s[t.len - 1] == ' ')
				t.s[--t.len] = '\0';
			if (t.oom && out)
				out->oom = 1;
			if (t.len && (double)link <= MAX_LINK_DENSITY * (double)t.len) {
				if (out) {
					if (out->len)
						put(out, "\n\n", 2);
					put(out, t.s + (t.s[0] == ' '), t.len - (t.s[0] == ' '));
				}
				total += t.len;
			}
			free(t.s);
		} else {
			total += paragraphs(c, out);
		}
	}
	return total;
}

/* Text directly in n's paragraph children counts for n (a block whose
 * own paragraphs hold the article). */
static size_t own_paragraph_text(const xmlNode *n)
{
	size_t total = 0;
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!paragraph_element(c) || excluded(c))
			continue;
		buf_t t = { 0 };
		size_t link = 0;
		text_of(c, &t, &link, 0);
		if (t.len >= MIN_BLOCK_TEXT && (double)link <= MAX_LINK_DENSITY * (double)t.len)
			total += t.len;
		free(t.s);
	}
	return total;
}

/* The element whose own paragraphs hold the most text, under n. */
static void best_block(const xmlNode *n, const xmlNode **best, size_t *best_score)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || excluded(c))
			continue;
		size_t s = own_paragraph_text(c);
		if (s > *best_score) {
			*best_score = s;
			*best = c;
		}
		best_block(c, best, best_score);
	}
}

/* The first element named name under n (depth first), or NULL. */
static const xmlNode *find_element(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, name))
			return c;
		const xmlNode *f = find_element(c, name);
		if (f)
			return f;
	}
	return NULL;
}

/* The <article> under n with the most paragraph text, or NULL. */
static const xmlNode *largest_article(const xmlNode *n, const xmlNode *best,
				      size_t *score)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || excluded(c))
			continue;
		if (is(c, "article")) {
			size_t s = paragraphs(c, NULL);
			if (s > *score) {
				*score = s;
				best = c;
			}
		}
		best = largest_article(c, best, score);
	}
	return best;
}

static void set_text(char **field, const char *s, int *oom)
{
	if (s && !*field && article_set(field, s, strlen(s)) < 0)
		*oom = 1;
}

static void set_date(article_t *a, const char *s, int *oom)
{
	an_date_t d;
	char iso[11];
	if (!s || a->date || an_date_parse(s, strlen(s), &d) != 0)
		return;
	an_date_format(&d, iso);
	if (article_set(&a->date, iso, strlen(iso)) < 0)
		*oom = 1;
}

/* Metadata of a JSON-LD object, when it is a news article. */
static void json_ld(article_t *a, json_t *o, int *oom)
{
	if (json_is_array(o)) {
		size_t i;
		json_t *v;
		json_array_foreach(o, i, v)
			json_ld(a, v, oom);
		return;
	}
	if (!json_is_object(o))
		return;
	json_t *graph = json_object_get(o, "@graph");
	if (graph)
		json_ld(a, graph, oom);
	const char *type = json_string_value(json_object_get(o, "@type"));
	if (!type || !(strstr(type, "Article") || strstr(type, "Posting")))
		return;
	set_text(&a->title, json_string_value(json_object_get(o, "headline")), oom);
	set_date(a, json_string_value(json_object_get(o, "datePublished")), oom);
	json_t *au = json_object_get(o, "author");
	if (json_is_array(au))
		au = json_array_get(au, 0);
	if (json_is_object(au))
		set_text(&a->author, json_string_value(json_object_get(au, "name")), oom);
	else
		set_text(&a->author, json_string_value(au), oom);
	json_t *pub = json_object_get(o, "publisher");
	if (json_is_object(pub))
		set_text(&a->source, json_string_value(json_object_get(pub, "name")), oom);
	set_text(&a->url, json_string_value(json_object_get(o, "url")), oom);
}

/* Walk the whole page for metadata: meta tags, JSON-LD, <time>. */
static void metadata(article_t *a, const xmlNode *n, int *oom)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (is(c, "meta")) {
			char *key = attr(c, "property");
			if (!key)
				key = attr(c, "name");
			char *v = attr(c, "content");
			if (key && v) {
				if (!strcasecmp(key, "og:title"))
					set_text(&a->title, v, oom);
				else if (!strcasecmp(key, "article:author") || !strcasecmp(key, "author"))
					set_text(&a->author, v, oom);
				else if (!strcasecmp(key, "article:published_time") ||
					 !strcasecmp(key, "date") || !strcasecmp(key, "pubdate"))
					set_date(a, v, oom);
				else if (!strcasecmp(key, "og:site_name"))
					set_text(&a->source, v, oom);
				else if (!strcasecmp(key, "og:url"))
					set_text(&a->url, v, oom);
			}
			xmlFree(key);
			xmlFree(v);
		} else if (is(c, "script")) {
			char *type = attr(c, "type");
			if (type && strcasecmp(type, "application/ld+json") == 0) {
				xmlChar *txt = xmlNodeGetContent(c);
				json_t *o = txt ? json_loads((const char *)txt, 0, NULL) : NULL;
				if (o)
					json_ld(a, o, oom);
				json_decref(o);
				xmlFree(txt);
			}
			xmlFree(type);
		} else if (is(c, "link")) {
			char *rel = attr(c, "rel");
			if (rel && strcasecmp(rel, "canonical") == 0) {
				char *href = attr(c, "href");
				set_text(&a->url, href, oom);
				xmlFree(href);
			}
			xmlFree(rel);
		} else {
			if (is(c, "time") && !a->date) {
				char *dt = attr(c, "datetime");
				set_date(a, dt, oom);
				xmlFree(dt);
			}
			metadata(a, c, oom);
		}
	}
}

static void element_text(char **field, const xmlNode *n, int *oom)
{
	if (!n || *field)
		return;
	buf_t t = { 0 };
	text_of(n, &t, NULL, 0);
	if (t.oom)
		*oom = 1;
	else if (t.s)
		set_text(field, t.s, oom);
	free(t.s);
}

int html_read(const char *buf, size_t len, const char *encoding, article_t *a)
{
	int oom = 0;
	htmlDocPtr doc = htmlReadMemory(buf, (int)(len > 0x7fffffff ? 0x7fffffff : len),
					NULL, encoding,
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc)
		return 0; /* nothing to read: the caller reports "no text" */
	const xmlNode *root = xmlDocGetRootElement(doc);
	a->format = DL_FORMAT_HTML;
	if (root) {
		const xmlNode wrapper = { .children = (xmlNode *)root };
		metadata(a, &wrapper, &oom);
		element_text(&a->title, find_element(&wrapper, "title"), &oom);
		element_text(&a->title, find_element(&wrapper, "h1"), &oom);

		/* The content block: the largest <article>, else <main>, else
		 * the block whose own paragraphs hold the most text. */
		size_t score = 0;
		const xmlNode *content = largest_article(&wrapper, NULL, &score);
		if (!content)
			content = find_element(&wrapper, "main");
		if (!content) {
			size_t best = 0;
			best_block(&wrapper, &content, &best);
			/* Its parent holds the sibling blocks of a long article. */
			if (content && content->parent && content->parent->type == XML_ELEMENT_NODE &&
			    !is(content->parent, "body") &&
			    paragraphs(content->parent, NULL) < 2 * best)
				content = content->parent;
		}
		if (!content)
			content = find_element(&wrapper, "body");
		if (content) {
			buf_t body = { 0 };
			paragraphs(content, &body);
			if (body.len == 0) {
				/* No paragraphs at all: the block's text. */
				text_of(content, &body, NULL, 0);
			}
			if (body.oom)
				oom = 1;
			else if (body.len)
				a->body = body.s, body.s = NULL;
			free(body.s);
		}
	}
	xmlFreeDoc(doc);
	return oom ? -1 : 0;
}
