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
#include "../util/buf.h"
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
static void collect(const xmlNode *n, dl_buf_t *b)
{
	for (const xmlNode *c = n->children; c && !b->oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			const char *t = c->content ? (const char *)c->content : "";
			dl_buf_put(b, t, strlen(t));
		} else if (c->type == XML_ELEMENT_NODE) {
			collect(c, b);
		}
	}
}

/* The text of n, UTF-8: libxml2 hands on the bytes of a feed that is
 * not UTF-8 and declares its charset other than at its start as they are
 * (a fuzzer find); those are read as Windows-1252, as a file is. */
static char *text(const xmlNode *n, int *oom)
{
	dl_buf_t b = { 0 };
	if (n)
		collect(n, &b);
	if (b.oom)
		*oom = 1;
	char *s = b.s;
	if (s && !enc_valid_utf8(s, b.len, NULL)) {
		size_t n8;
		char *u = enc_cp1252_to_utf8(s, b.len, &n8);
		free(s);
		if (!u)
			*oom = 1;
		s = u;
	}
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

/* The text of markup being collected: paragraphs end with a blank line,
 * a <br> with a newline; runs of white space are one space. */
typedef struct {
	dl_buf_t b;
	int space;      /* a space is due before the next word */
} para_t;

/* End the line (br: one newline) or the paragraph (two), once. */
static void para_break(para_t *p, size_t newlines)
{
	size_t have = 0;
	while (have < p->b.len && p->b.s[p->b.len - 1 - have] == '\n')
		have++;
	p->space = 0;
	if (p->b.len && have < newlines)
		dl_buf_put(&p->b, "\n\n", newlines - have);
}

static void para_text(para_t *p, const char *t)
{
	for (; *t; t++) {
		if (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r' || *t == '\f') {
			p->space = 1;
			continue;
		}
		if (p->space && p->b.len && p->b.s[p->b.len - 1] != '\n')
			dl_buf_put(&p->b, " ", 1);
		p->space = 0;
		dl_buf_put(&p->b, t, 1);
	}
}

/* Elements that end the paragraph before them and their own. */
static int block_element(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "div", "section", "article", "main", "header", "footer", "aside",
		"h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt",
		"blockquote", "pre", "table", "tr", "figure", "figcaption", "hr", "center",
		"address"
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

static void markup_collect(const xmlNode *n, para_t *p)
{
	for (const xmlNode *c = n->children; c && !p->b.oom; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			if (c->content)
				para_text(p, (const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is(c, "script") || is(c, "style"))
				continue;
			if (is(c, "br")) {
				para_break(p, 1);
				continue;
			}
			int block = block_element(c);
			if (block)
				para_break(p, 2);
			markup_collect(c, p);
			if (block)
				para_break(p, 2);
		}
	}
}

/* Text that may hold HTML markup, reduced to its text: block elements
 * (<p>, <div>, <li>...) are paragraphs, apart by a blank line. */
static char *markup_text(const char *s, int *oom)
{
	para_t p = { 0 };
	if (!s)
		return NULL;
	if (!strchr(s, '<')) {
		para_text(&p, s);
		if (p.b.oom) {
			*oom = 1;
			free(p.b.s);
			return NULL;
		}
		return p.b.s ? p.b.s : strdup("");
	}
	htmlDocPtr doc = htmlReadMemory(s, (int)strlen(s), NULL, "UTF-8",
					HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (!doc)
		return strdup("");
	if (xmlDocGetRootElement(doc))
		markup_collect((const xmlNode *)doc, &p);
	xmlFreeDoc(doc);
	while (p.b.len && p.b.s[p.b.len - 1] == '\n')
		p.b.s[--p.b.len] = '\0';
	if (p.b.oom) {
		*oom = 1;
		free(p.b.s);
		return NULL;
	}
	return p.b.s ? p.b.s : strdup("");
}

/* Set *field (when unset) to s, UTF-8: an attribute (a link's href)
 * comes from libxml2 as the bytes were, like text(). */
static void set(char **field, const char *s, int *oom)
{
	if (!s || *field)
		return;
	size_t len = strlen(s);
	char *u = NULL;
	if (!enc_valid_utf8(s, len, NULL) && !(s = u = enc_cp1252_to_utf8(s, len, &len))) {
		*oom = 1;
		return;
	}
	if (article_set(field, s, len) < 0)
		*oom = 1;
	free(u);
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
static int read_item(const xmlNode *it, int atom, const char *source, const char *language,
		     size_t pos,
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
	/* Its paragraphs stay apart (markup_text's blank lines). */
	if (best && *best && !a.body)
		a.body = best;
	else
		free(best);

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
	/* The entry's xml:lang (an Atom feed's, inherited), else the
	 * channel's <language>: the readers' language wins over detection. */
	xmlChar *lang = xmlNodeGetLang(it);
	set(&a.language, lang ? (const char *)lang : language, oom);
	xmlFree(lang);

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
	char *language = atom ? NULL : text(child(channel, "language"), &oom);
	size_t pos = 0;
	/* RSS items are in the channel (RSS 2.0) or beside it (RSS 1.0). */
	const xmlNode *parents[2] = { channel, atom ? NULL : root };
	for (int p = 0; p < 2 && rc == 0 && !oom; p++) {
		for (const xmlNode *c = parents[p] ? parents[p]->children : NULL;
		     c && rc == 0 && !oom; c = c->next)
			if (is(c, atom ? "entry" : "item"))
				rc = read_item(c, atom, source, language, ++pos, fn, ctx, &oom);
	}
	free(source);
	free(language);
	xmlFreeDoc(doc);
	return oom ? -1 : rc;
}
