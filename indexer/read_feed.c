/*
 * read_feed.c - the items of an RSS 2.0 or Atom feed, with libxml2.
 *
 * Safety: the parser never touches the network (XML_PARSE_NONET), never
 * loads a DTD or external entity (no XML_PARSE_DTDLOAD, no XML_PARSE_NOENT),
 * and the text is collected without following entity references, so a
 * "billion laughs" feed expands nothing and an entity pointing at a local
 * file puts nothing of it in the index. libxml2's own limits (no
 * XML_PARSE_HUGE) bound nesting depth and text sizes.
 *
 * Markup inside descriptions and content (escaped HTML) is reduced to text
 * with the HTML reader's parser.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "article.h"
#include "encoding.h"

/* Bytes looked at to recognise a feed. */
#define DETECT_BYTES 2048

int feed_detect(const char *buf, size_t len)
{
	size_t n = len < DETECT_BYTES ? len : DETECT_BYTES;
	size_t i = enc_content_start(buf, n);
	if (i + 5 > n || buf[i] != '<')
		return 0;
	/* The first element after the prolog, comments and doctype. */
	while (i < n) {
		const char *lt = memchr(buf + i, '<', n - i);
		if (!lt)
			return 0;
		i = (size_t)(lt - buf);
		if (i + 1 < n && (buf[i + 1] == '?' || buf[i + 1] == '!')) {
			i++;
			continue;
		}
		return (n - i >= 4 && strncmp(buf + i, "<rss", 4) == 0) ||
		       (n - i >= 5 && strncmp(buf + i, "<feed", 5) == 0) ||
		       (n - i >= 8 && strncmp(buf + i, "<rdf:RDF", 8) == 0);
	}
	return 0;
}

static int is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The text under n: text and CDATA nodes only. Entity references are not
 * followed (see the head of this file). The caller frees the result. */
static void collect(const xmlNode *n, char **s, size_t *len, size_t *cap, int *oom)
{
	for (const xmlNode *c = n->children; c && !*oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t k = c->content ? strlen((const char *)c->content) : 0;
			if (*len + k + 1 > *cap) {
				size_t nc = *cap ? *cap : 128;
				while (nc < *len + k + 1)
					nc *= 2;
				char *p = realloc(*s, nc);
				if (!p) {
					*oom = 1;
					return;
				}
				*s = p;
				*cap = nc;
			}
			memcpy(*s + *len, c->content, k);
			*len += k;
			(*s)[*len] = '\0';
		} else if (c->type == XML_ELEMENT_NODE) {
			collect(c, s, len, cap, oom);
		}
	}
}

static char *text(const xmlNode *n, int *oom)
{
	char *s = NULL;
	size_t len = 0, cap = 0;
	if (n)
		collect(n, &s, &len, &cap, oom);
	return s;
}

/* The first child element of n called name (local name), or NULL. */
static const xmlNode *child(const xmlNode *n, const char *name)
{
	for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Text that may hold HTML markup, reduced to its text. */
static char *markup_text(const char *s, int *oom)
{
	if (!s || !strchr(s, '<'))
		return s ? strdup(s) : NULL;
	htmlDocPtr doc = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc)
		return strdup("");
	char *t = text(xmlDocGetRootElement(doc) ? (const xmlNode *)doc : NULL, oom);
	xmlFreeDoc(doc);
	return t;
}

static void set(char **field, const char *s, int *oom)
{
	if (s && !*field && article_set(field, s, strlen(s)) < 0)
		*oom = 1;
}

static void set_date(article_t *a, const char *s)
{
	an_date_t d;
	char iso[11];
	if (!s || a->date || an_date_parse(s, strlen(s), &d) != 0)
		return;
	an_date_format(&d, iso);
	a->date = strdup(iso);
}

/* Read one item (RSS) or entry (Atom) and hand it on. */
static int read_item(const xmlNode *it, int atom, const char *source, size_t pos,
		     article_fn fn, void *ctx, int *oom)
{
	article_t a = { 0 };
	char *s, suffix[ARTICLE_SUFFIX_BYTES];
	const char *bodies[3] = { "encoded", atom ? "content" : "description",
				  atom ? "summary" : NULL };
	int rc = 0;

	a.format = atom ? DL_FORMAT_ATOM : DL_FORMAT_RSS;
	s = text(child(it, "title"), oom);
	char *t = markup_text(s, oom);
	set(&a.title, t, oom);
	free(t);
	free(s);

	/* The longest of the item's texts is its body. */
	char *best = NULL;
	for (int i = 0; i < 3 && bodies[i]; i++) {
		s = text(child(it, bodies[i]), oom);
		t = markup_text(s, oom);
		free(s);
		if (t && (!best || strlen(t) > strlen(best))) {
			free(best);
			best = t;
		} else {
			free(t);
		}
	}
	if (best) {
		set(&a.body, best, oom);
		free(best);
	}

	const char *date_names[] = { "pubDate", "published", "updated", "date" };
	for (int i = 0; i < 4 && !a.date; i++) {
		s = text(child(it, date_names[i]), oom);
		set_date(&a, s);
		free(s);
	}
	const xmlNode *au = child(it, "author");
	s = text(atom ? child(au, "name") : (au ? au : child(it, "creator")), oom);
	set(&a.author, s, oom);
	free(s);
	set(&a.source, source, oom);

	const xmlNode *link = child(it, "link");
	if (atom) {
		for (const xmlNode *l = it->children; l; l = l->next) {
			if (!is(l, "link"))
				continue;
			xmlChar *rel = xmlGetProp((xmlNode *)l, (const xmlChar *)"rel");
			if (!rel || strcmp((const char *)rel, "alternate") == 0) {
				xmlChar *href = xmlGetProp((xmlNode *)l, (const xmlChar *)"href");
				set(&a.url, (const char *)href, oom);
				xmlFree(href);
			}
			xmlFree(rel);
		}
	} else {
		s = text(link, oom);
		set(&a.url, s, oom);
		free(s);
	}

	/* The item's id: its guid or id, else its position. */
	s = text(child(it, atom ? "id" : "guid"), oom);
	char *g = NULL;
	if (s && article_set(&g, s, strlen(s)) < 0)
		*oom = 1;
	if (g && strlen(g) < sizeof(suffix) - 1)
		snprintf(suffix, sizeof(suffix), "#%s", g);
	else
		snprintf(suffix, sizeof(suffix), "#%zu", pos);
	free(g);
	free(s);

	if (!*oom && (a.title || a.body))
		rc = fn(&a, suffix, ctx);
	article_clear(&a);
	return rc;
}

int feed_read(const char *buf, size_t len, article_fn fn, void *ctx)
{
	int oom = 0, rc = 0;
	xmlDocPtr doc = xmlReadMemory(buf, (int)(len > 0x7fffffff ? 0x7fffffff : len),
				      NULL, NULL,
				      XML_PARSE_NONET | XML_PARSE_RECOVER |
				      XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return 0;
	const xmlNode *root = xmlDocGetRootElement(doc);
	int atom = is(root, "feed");
	const xmlNode *channel = atom ? root : child(root, "channel");
	char *source = text(child(channel, "title"), &oom);
	size_t pos = 0;
	/* RSS items are in the channel (RSS 2.0) or beside it (RSS 1.0). */
	const xmlNode *parents[2] = { channel, atom ? NULL : root };
	for (int p = 0; p < 2 && rc == 0 && !oom; p++) {
		for (const xmlNode *c = parents[p] ? parents[p]->children : NULL;
		     c && rc == 0 && !oom; c = c->next)
			if (is(c, atom ? "entry" : "item"))
				rc = read_item(c, atom, source, ++pos, fn, ctx, &oom);
	}
	free(source);
	xmlFreeDoc(doc);
	return oom ? -1 : rc;
}
