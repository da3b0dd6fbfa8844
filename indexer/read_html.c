/*
 * read_html.c - an article from an HTML page, with libxml2's HTML parser.
 *
 * Metadata comes from the page's head (og:title, article:author,
 * meta name=author, article:published_time, og:site_name, og:url), from a
 * schema.org NewsArticle JSON-LD block (parsed with jansson), and from
 * <title>, <h1> and <time datetime>; the site's name is cut from the title.
 * The body is the article's text without the page around it, found the way
 * readability-style extractors do (see content_text): paragraphs score
 * their ancestors by length and commas, blocks are scaled by the share of
 * their text that is not links and by what their class says, and the best
 * block takes its sibling paragraphs along. Navigation, headers, footers,
 * asides, scripts, styles, form controls, comments and blocks whose class
 * or id says share, related, comments, promo... are left out, and so is a
 * paragraph that is mostly links. A page with next to no text of its own
 * (built by scripts) gets its og:description / meta description.
 * bench/html_extract.py measures it on real news pages.
 *
 * The parser runs in recover mode (truncated and misnested pages still give
 * their text) and never touches the network (HTML_PARSE_NONET).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "../analysis/date.h"
#include "../analysis/schema.h"
#include "../util/buf.h"
#include "../util/utf8.h"
#include "article.h"
#include "byline.h"
#include "encoding.h"

/* Bytes looked at to recognise an HTML page. */
#define DETECT_BYTES 1024
/* A paragraph whose link text is more than this share of its text is a
 * list of links (related stories, tags), not article text. */
#define MAX_LINK_DENSITY 0.5
/* A text block shorter than this (bytes) does not count for choosing the
 * content block (captions, bylines, buttons). */
#define MIN_BLOCK_TEXT 25
/* A paragraph this long (bytes: a sentence) already in the body is a
 * caption or a teaser printed twice, and is not repeated; shorter ones
 * (a table's cells, the labels of a recipe's steps) are the article's
 * own repeats, and are kept. */
#define MIN_REPEAT 80
/* A body shorter than this (bytes) gets the page's summary in front, and
 * is looked for again without what classes say. */
#define SHORT_BODY 500
/* The second look replaces the first when it finds this many times more
 * text (a comment block beside a short article is not the article). */
#define RETRY_GAIN 3

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

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Whether n is an element with one of the names. */
static int named(const xmlNode *n, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (is(n, names[i]))
			return 1;
	return 0;
}

/* Elements that are never article text. */
static int skipped_element(const xmlNode *n)
{
	static const char *const names[] = {
		"script", "style", "noscript", "nav", "header", "footer", "aside",
		"input", "button", "select", "textarea", "iframe", "svg", "template",
		"figure", "menu", "head"
	};
	return named(n, names, COUNT(names));
}

/* Whether the declarations of a style attribute hold want (lower case, no
 * spaces), read without case and spaces. */
static int style_holds(const char *style, const char *want)
{
	for (const char *s = style; *s; s++) {
		const char *p = s, *w = want;
		while (*p && *w) {
			if (isspace((unsigned char)*p)) {
				p++;
				continue;
			}
			if (tolower((unsigned char)*p) != *w)
				break;
			p++, w++;
		}
		if (!*w)
			return 1;
	}
	return 0;
}

/* Whether n is hidden from the reader: the hidden attribute, or a style
 * of display: none or visibility: hidden (a copy of the article's
 * metadata kept for machines, a menu opened by a script). */
static int hidden(const xmlNode *n)
{
	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return 1;
	char *st = attr(n, "style");
	int h = st && (style_holds(st, "display:none") || style_holds(st, "visibility:hidden"));
	xmlFree(st);
	return h;
}

/* n's class and id, lower-cased and joined by a space, into buf (cut at
 * cap - 1 bytes): read once for all the word lists asked about it. */
static const char *class_and_id(const xmlNode *n, char *buf, size_t cap)
{
	const char *keys[2] = { "class", "id" };
	size_t len = 0;
	for (int k = 0; k < 2; k++) {
		char *v = attr(n, keys[k]);
		for (const char *p = v; p && *p && len + 2 < cap; p++)
			buf[len++] = (char)tolower((unsigned char)*p);
		if (len + 1 < cap)
			buf[len++] = ' ';
		xmlFree(v);
	}
	buf[len] = '\0';
	return buf;
}

/* Whether the lower-cased class and id hold one of the words. */
static int says(const char *ci, const char *const *words, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (strstr(ci, words[i]))
			return 1;
	return 0;
}

/* Blocks whose class or id says they are page furniture, unless it also
 * says article, content, main or story (an <article class="commented">,
 * a "main-content share-bar" holds the article). */
static int furniture(const xmlNode *n)
{
	static const char *const words[] = {
		"share", "social", "related", "comment", "promo", "newsletter",
		"advert", "subscribe", "sidebar", "breadcrumb", "cookie", "footer",
		"masthead", "navigation", "menu", "outbrain", "taboola", "recommend",
		"more-stories", "read-more", "signup", "byline", "caption", "gallery"
	};
	static const char *const keep[] = { "article", "content", "main", "story" };
	static const char *const always[] = { "article", "main", "body" };
	if (named(n, always, COUNT(always)))
		return 0;
	char ci[512];
	class_and_id(n, ci, sizeof(ci));
	return says(ci, words, COUNT(words)) && !says(ci, keep, COUNT(keep));
}

/* Whether n is left out of the article. The elements' verdicts are set
 * once per page by mark_excluded (in the node's extra field, which only
 * XPath uses). */
#define EXCLUDED_MARK 1

static int excluded(const xmlNode *n)
{
	return n->type == XML_COMMENT_NODE ||
	       (n->type == XML_ELEMENT_NODE && (n->extra & EXCLUDED_MARK));
}

/* Mark the elements under n that are never article text, and with
 * by_class those whose class or id says furniture. */
static void mark_excluded(xmlNode *n, int by_class)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		int out = skipped_element(c) || hidden(c) || (by_class && furniture(c));
		c->extra = out ? EXCLUDED_MARK : 0;
		if (!out)
			mark_excluded(c, by_class);
	}
}

static void text_of(const xmlNode *n, dl_buf_t *b, size_t *link, int in_link);

/* The text of node c itself (a text node, or an element and what is under
 * it), unless excluded, whitespace collapsed; *link gets the bytes inside
 * <a>. */
static void text_node(const xmlNode *c, dl_buf_t *b, size_t *link, int in_link)
{
	if (excluded(c))
		return;
	if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
		const char *t = (const char *)c->content;
		for (; t && *t; t++) {
			int sp = isspace((unsigned char)*t);
			if (sp && (b->len == 0 || b->s[b->len - 1] == ' '))
				continue;
			dl_buf_put(b, sp ? " " : t, 1);
			if (in_link && !sp && link)
				(*link)++;
		}
	} else if (c->type == XML_ELEMENT_NODE) {
		if (is(c, "br") && b->len && b->s[b->len - 1] != ' ')
			dl_buf_put(b, " ", 1);
		text_of(c, b, link, in_link || is(c, "a"));
	}
}

/* The text under n (without excluded elements), as text_node. */
static void text_of(const xmlNode *n, dl_buf_t *b, size_t *link, int in_link)
{
	for (const xmlNode *c = n->children; c; c = c->next)
		text_node(c, b, link, in_link);
}

/* Elements that start a new block of text (a paragraph boundary). */
static int block_element(const xmlNode *n)
{
	static const char *const names[] = {
		"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5",
		"h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "table",
		"tbody", "thead", "tr", "td", "th", "center", "address", "hr", "body"
	};
	return named(n, names, COUNT(names));
}

/* The text of n's inline content only (text nodes and inline elements,
 * not the blocks inside it), whitespace collapsed; *link as in text_of. */
static void inline_text(const xmlNode *n, dl_buf_t *b, size_t *link)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (!(c->type == XML_ELEMENT_NODE && block_element(c)))
			text_node(c, b, link, 0);
	}
}

/* Whether out holds the paragraph s[0..len) already (a caption or a
 * teaser printed twice). */
static int repeated(const dl_buf_t *out, const char *s, size_t len)
{
	if (!out->len)
		return 0;
	for (const char *p = out->s; (p = strstr(p, s)) != NULL; p++) {
		size_t at = (size_t)(p - out->s);
		if ((at == 0 || (at >= 2 && p[-1] == '\n' && p[-2] == '\n')) &&
		    (at + len == out->len || (p[len] == '\n' && p[len + 1] == '\n')))
			return 1;
	}
	return 0;
}

/* One text block into out (blank line before it) unless it is empty,
 * mostly links or there already; resets the block. */
static void flush(dl_buf_t *para, size_t *link, dl_buf_t *out)
{
	size_t from = para->len && para->s[0] == ' ';
	while (para->len > from && para->s[para->len - 1] == ' ')
		para->s[--para->len] = '\0';
	if (para->oom)
		out->oom = 1;
	if (para->len > from && (double)*link <= MAX_LINK_DENSITY * (double)(para->len - from) &&
	    (para->len - from < MIN_REPEAT || !repeated(out, para->s + from, para->len - from))) {
		if (out->len)
			dl_buf_put(out, "\n\n", 2);
		dl_buf_put(out, para->s + from, para->len - from);
	}
	para->len = 0;
	if (para->s)
		para->s[0] = '\0';
	*link = 0;
}

/* The text under n as paragraphs: a block element ends the paragraph
 * before it and starts its own; headings of level 1 (the title) are left
 * out. */
static void blocks_of(const xmlNode *n, dl_buf_t *para, size_t *link, int in_link, dl_buf_t *out)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (excluded(c))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			text_node(c, para, link, in_link);
		} else if (c->type == XML_ELEMENT_NODE) {
			if (is(c, "br")) {
				dl_buf_put(para, " ", 1);
			} else if (block_element(c)) {
				flush(para, link, out);
				/* A heading or a block inside a link (a teaser's
				 * <a><h4>headline</h4></a>) is link text too. */
				if (!is(c, "h1"))
					blocks_of(c, para, link, in_link, out);
				flush(para, link, out);
			} else {
				blocks_of(c, para, link, in_link || is(c, "a"), out);
			}
		}
	}
}

/*
 * Choosing the content block: every paragraph (a <p>, <pre> or <td>, or the
 * text a <div> holds outside its inner blocks) of at least MIN_BLOCK_TEXT
 * bytes scores 1, plus one per comma, plus one per 100 bytes up to 3; the
 * score goes to the paragraph's parent in full, to its grandparent by half
 * and to three more ancestors by a third of their level. Each ancestor
 * starts from what its element and its class or id say (an "article-body"
 * scores up, a "comments" block down) and is scaled by the share of its text
 * that is not links. The best ancestor is the article; its siblings that
 * score at least a fifth as well, or are paragraphs of plain prose, join it
 * (the parts of an article split into several blocks), and so do the
 * elements elsewhere on the page of its own name and class that score as
 * well (an article printed in chunks, each in a row of its own beside an
 * advert).
 */
typedef struct {
	const xmlNode *node;
	double score;
	size_t text, link; /* non-space bytes under node, and in links */
} cand_t;

typedef struct {
	cand_t *v;
	size_t n, cap;
	int oom;
} cands_t;

#define CAND_LEVELS 5

/* What an element's name, class and id say before its paragraphs count. */
static double prior(const xmlNode *n)
{
	static const char *const good[] = {
		"article", "body", "content", "entry", "main", "page", "post", "story",
		"text", "blog"
	};
	static const char *const bad[] = {
		"comment", "foot", "masthead", "meta", "sidebar", "sponsor", "widget",
		"related", "share", "social", "promo", "nav", "menu", "banner", "ad-",
		"combx", "contact", "shoutbox", "tags", "popup", "hidden", "form"
	};
	static const char *const blocks[] = { "div", "article", "main" };
	static const char *const quotes[] = { "pre", "td", "blockquote" };
	static const char *const lists[] = { "ol", "ul", "dl", "dd", "dt", "li", "address" };
	static const char *const heads[] = { "th", "h1", "h2", "h3", "h4" };
	static const char *const sections[] = { "article", "main" };
	double s = 0;
	if (named(n, blocks, COUNT(blocks)))
		s += 5;
	else if (named(n, quotes, COUNT(quotes)))
		s += 3;
	else if (named(n, lists, COUNT(lists)))
		s -= 3;
	else if (named(n, heads, COUNT(heads)))
		s -= 5;
	if (named(n, sections, COUNT(sections)))
		s += 25;
	char ci[512];
	class_and_id(n, ci, sizeof(ci));
	if (says(ci, good, COUNT(good)))
		s += 25;
	if (says(ci, bad, COUNT(bad)))
		s -= 25;
	return s;
}

/* The candidate entry of n (created with its prior), or NULL when out of
 * memory. The index is kept in the node's application pointer. */
static cand_t *cand_of(cands_t *cs, const xmlNode *n)
{
	if (n->_private)
		return &cs->v[(size_t)(uintptr_t)n->_private - 1];
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? 2 * cs->cap : 64;
		cand_t *v = realloc(cs->v, cap * sizeof(*v));
		if (!v) {
			cs->oom = 1;
			return NULL;
		}
		cs->v = v;
		cs->cap = cap;
	}
	cs->v[cs->n] = (cand_t){ n, prior(n), 0, 0 };
	((xmlNode *)n)->_private = (void *)(uintptr_t)(cs->n + 1);
	return &cs->v[cs->n++];
}

static int top_element(const xmlNode *n)
{
	return !n || n->type != XML_ELEMENT_NODE || is(n, "body") || is(n, "html");
}

/* Score the paragraphs under n into their ancestors. */
static void score_paragraphs(const xmlNode *n, cands_t *cs)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || excluded(c))
			continue;
		int whole = is(c, "p") || is(c, "pre") || is(c, "td");
		int divish = is(c, "div") || is(c, "section") || is(c, "article");
		if (whole || divish) {
			dl_buf_t t = { 0 };
			if (whole)
				text_of(c, &t, NULL, 0);
			else
				inline_text(c, &t, NULL);
			if (t.oom)
				cs->oom = 1;
			if (t.len >= MIN_BLOCK_TEXT) {
				double s = 1;
				for (size_t i = 0; i < t.len; i++)
					s += t.s[i] == ',';
				s += t.len / 100 < 3 ? (double)(t.len / 100) : 3;
				/* A div's own text is a paragraph whose parent is the div. */
				const xmlNode *up = whole ? c->parent : c;
				for (int level = 0; level < CAND_LEVELS && !top_element(up);
				     level++, up = up->parent) {
					cand_t *cd = cand_of(cs, up);
					if (!cd)
						break;
					cd->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
				}
			}
			free(t.s);
		}
		if (!is(c, "p"))
			score_paragraphs(c, cs);
	}
}

/* The share of n's text that is inside links, and its length. */
static double link_density(const xmlNode *n, size_t *len)
{
	dl_buf_t t = { 0 };
	size_t link = 0;
	text_of(n, &t, &link, 0);
	*len = t.len;
	free(t.s);
	return t.len ? (double)link / (double)t.len : 0;
}

/* Count the non-space text bytes under n, and those inside links, into
 * every candidate on the way: one pass over the page. */
static void measure(const xmlNode *n, int in_link, size_t *text, size_t *link, cands_t *cs)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (excluded(c))
			continue;
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			size_t k = 0;
			for (const char *t = (const char *)c->content; t && *t; t++)
				k += !isspace((unsigned char)*t);
			*text += k;
			if (in_link)
				*link += k;
		} else if (c->type == XML_ELEMENT_NODE) {
			size_t ct = 0, cl = 0;
			measure(c, in_link || is(c, "a"), &ct, &cl, cs);
			if (c->_private) {
				cand_t *cd = &cs->v[(size_t)(uintptr_t)c->_private - 1];
				cd->text = ct;
				cd->link = cl;
			}
			*text += ct;
			*link += cl;
		}
	}
}

static double final_score(const xmlNode *n, const cands_t *cs)
{
	if (!n->_private)
		return 0;
	const cand_t *cd = &cs->v[(size_t)(uintptr_t)n->_private - 1];
	return cd->text ? cd->score * (1 - (double)cd->link / (double)cd->text) : cd->score;
}

/* A sibling paragraph of plain prose joins the article (also when it
 * comes wrapped in a block of its own). */
static int prose(const xmlNode *n)
{
	const xmlNode *only = NULL;
	int elements = 0;
	for (const xmlNode *c = n->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE && !excluded(c))
			only = c, elements++;
	if ((is(n, "div") || is(n, "section")) && elements == 1 && is(only, "p"))
		n = only;
	if (!is(n, "p"))
		return 0;
	size_t len;
	double d = link_density(n, &len);
	if (len > 80)
		return d < 0.25;
	if (d > 0 || len == 0)
		return 0;
	dl_buf_t t = { 0 };
	text_of(n, &t, NULL, 0);
	int sentence = t.s && (strstr(t.s, ". ") || t.s[t.len - 1] == '.');
	free(t.s);
	return sentence;
}

static void clear_private(xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE) {
			c->_private = NULL;
			clear_private(c);
		}
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


/* The article block's siblings that score well or are prose (the parts
 * of an article split into several blocks). */
static void with_siblings(const xmlNode *top, const cands_t *cs, double threshold,
			  dl_buf_t *para, size_t *link, dl_buf_t *out)
{
	for (const xmlNode *s = top->parent->children; s; s = s->next) {
		if (s->type != XML_ELEMENT_NODE || excluded(s))
			continue;
		if (s != top && final_score(s, cs) < threshold && !prose(s))
			continue;
		flush(para, link, out);
		blocks_of(s, para, link, is(s, "a"), out);
		flush(para, link, out);
	}
}

typedef struct {
	const xmlNode *top;
	const char *cls; /* top's class attribute, or NULL */
	const cands_t *cs;
	double threshold;
	dl_buf_t *para;
	size_t *link;
	dl_buf_t *out;
} chunk_ctx_t;

/* Whether n is one more chunk of the article: an element of the article
 * block's own name and class elsewhere on the page (a CMS that prints the
 * body as several "article-body" blocks between its ads) that scores as
 * well as a joining sibling. */
static int chunk(const xmlNode *n, const chunk_ctx_t *cx)
{
	if (!cx->cls || !*cx->cls || !xmlStrEqual(n->name, cx->top->name) ||
	    final_score(n, cx->cs) < cx->threshold)
		return 0;
	char *c = attr(n, "class");
	int same = c && strcmp(c, cx->cls) == 0;
	xmlFree(c);
	return same;
}

/* In page order: the article block with its siblings, and its chunks. */
static void chunks_of(const xmlNode *n, const chunk_ctx_t *cx)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || excluded(c))
			continue;
		if (c == cx->top->parent) {
			with_siblings(cx->top, cx->cs, cx->threshold, cx->para, cx->link, cx->out);
		} else if (c != cx->top && chunk(c, cx)) {
			flush(cx->para, cx->link, cx->out);
			blocks_of(c, cx->para, cx->link, 0, cx->out);
			flush(cx->para, cx->link, cx->out);
		} else {
			chunks_of(c, cx);
		}
	}
}

/* The article's text under root into out; by_class as mark_excluded.
 * Returns the article block chosen (a node of root's tree), or NULL. */
static const xmlNode *content_text(const xmlNode *root, dl_buf_t *out, int by_class)
{
	mark_excluded((xmlNode *)root, by_class);
	cands_t cs = { 0 };
	score_paragraphs(root, &cs);
	size_t text = 0, link_text = 0;
	measure(root, 0, &text, &link_text, &cs);
	const xmlNode *top = NULL;
	double best = 0;
	for (size_t i = 0; i < cs.n; i++) {
		double s = final_score(cs.v[i].node, &cs);
		if (s > best) {
			best = s;
			top = cs.v[i].node;
		}
	}
	dl_buf_t para = { 0 };
	size_t link = 0;
	if (cs.oom) {
		out->oom = 1;
	} else if (!top) {
		/* No paragraph anywhere: the page's body text. */
		const xmlNode *body = find_element(root, "body");
		if (body)
			blocks_of(body, &para, &link, 0, out);
		flush(&para, &link, out);
	} else {
		double threshold = best * 0.2 > 10 ? best * 0.2 : 10;
		char *cls = attr(top, "class");
		chunk_ctx_t cx = { top, cls, &cs, threshold, &para, &link, out };
		chunks_of(root, &cx);
		xmlFree(cls);
	}
	if (para.oom)
		out->oom = 1;
	free(para.s);
	free(cs.v);
	clear_private((xmlNode *)root);
	return top;
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

/* What the page says of itself beyond the article's fields. */
typedef struct {
	char *og_description; /* og:description (xmlFree) */
	char *description;    /* meta name=description (xmlFree) */
} page_meta_t;

/* Walk the whole page for metadata: meta tags, JSON-LD, <time>. */
static void metadata(article_t *a, page_meta_t *pm, const xmlNode *n, int *oom)
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
				else if (!strcasecmp(key, "og:description") && *v &&
					 !pm->og_description)
					pm->og_description = v, v = NULL;
				else if (!strcasecmp(key, "description") && *v && !pm->description)
					pm->description = v, v = NULL;
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
			metadata(a, pm, c, oom);
		}
	}
}

static void element_text(char **field, const xmlNode *n, int *oom)
{
	if (!n || *field)
		return;
	dl_buf_t t = { 0 };
	text_of(n, &t, NULL, 0);
	if (t.oom)
		*oom = 1;
	else if (t.s)
		set_text(field, t.s, oom);
	free(t.s);
}

static size_t count_words(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += !isspace((unsigned char)s[i]) && (i == 0 || isspace((unsigned char)s[i - 1]));
	return n;
}

/* Whether s[0..len) is the site's name (letters compared without case,
 * ignoring spaces and dots: "CNN.com" is "cnn"). */
static int names_site(const char *s, size_t len, const char *site)
{
	if (!site)
		return 0;
	char a[128], b[128];
	size_t na = 0, nb = 0;
	for (size_t i = 0; i < len && na < sizeof(a) - 1; i++)
		if (isalnum((unsigned char)s[i]))
			a[na++] = (char)tolower((unsigned char)s[i]);
	for (const char *p = site; *p && nb < sizeof(b) - 1; p++)
		if (isalnum((unsigned char)*p))
			b[nb++] = (char)tolower((unsigned char)*p);
	a[na] = b[nb] = '\0';
	return na && nb && (strstr(a, b) || strstr(b, a));
}

/*
 * A <title> usually carries the site's name: "Headline - CNN.com",
 * "TechCrunch | Headline". Cut at the first or last separator when the
 * part cut off is the site's name, or is the page's <h1>'s complement, or
 * is at most three words against a headline of four or more.
 */
static void tidy_title(char *title, const char *h1, const char *site)
{
	static const char *const seps[] = { " | ", " - ", " \xe2\x80\x94 ", " \xe2\x80\x93 ",
					     " :: ", " \xc2\xbb " };
	size_t len = strlen(title);
	const char *first = NULL, *last = NULL;
	size_t first_len = 0, last_len = 0;
	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		size_t sl = strlen(seps[i]);
		for (const char *p = strstr(title, seps[i]); p; p = strstr(p + 1, seps[i])) {
			if (!first || p < first)
				first = p, first_len = sl;
			if (!last || p > last)
				last = p, last_len = sl;
		}
	}
	if (!first)
		return;
	/* The page's own headline, when it is one side of a separator. */
	if (h1) {
		size_t hl = strlen(h1);
		if ((size_t)(last - title) == hl && strncmp(title, h1, hl) == 0) {
			title[hl] = '\0';
			return;
		}
		const char *after = first + first_len;
		if (strcmp(after, h1) == 0) {
			memmove(title, after, strlen(after) + 1);
			return;
		}
	}
	const char *tail = last + last_len;
	size_t tail_len = len - (size_t)(tail - title), head_len = (size_t)(last - title);
	if (names_site(tail, tail_len, site) ||
	    (count_words(tail, tail_len) <= 3 && count_words(title, head_len) >= 4)) {
		title[head_len] = '\0';
		return;
	}
	const char *rest = first + first_len;
	size_t lead_len = (size_t)(first - title);
	if (names_site(title, lead_len, site) ||
	    (count_words(title, lead_len) <= 3 && count_words(rest, strlen(rest)) >= 4))
		memmove(title, rest, strlen(rest) + 1);
}

/* The words of s (runs of ASCII letters and digits, lower-cased, and of
 * other UTF-8 bytes) as offsets into s: up to cap of them. */
static size_t title_words(const char *s, const char **w, size_t *wl, size_t cap)
{
	size_t n = 0;
	for (const char *p = s; *p && n < cap;) {
		while (*p && !(isalnum((unsigned char)*p) || (*p & 0x80)))
			p++;
		const char *q = p;
		while (*q && (isalnum((unsigned char)*q) || (*q & 0x80)))
			q++;
		if (q > p)
			w[n] = p, wl[n++] = (size_t)(q - p);
		p = q;
	}
	return n;
}

/* How far two titles agree: the words they share over their mean number
 * of words (0 to 1; case folded). */
static double agreement(const char *a, const char *b)
{
	const char *wa[64], *wb[64];
	size_t la[64], lb[64];
	size_t na = title_words(a, wa, la, 64), nb = title_words(b, wb, lb, 64);
	if (!na || !nb)
		return 0;
	int used[64] = { 0 };
	size_t shared = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (!used[j] && la[i] == lb[j] && strncasecmp(wa[i], wb[j], la[i]) == 0) {
				used[j] = 1;
				shared++;
				break;
			}
	return 2.0 * (double)shared / (double)(na + nb);
}

/* The <h1> elements under n, in page order, into v (up to cap). */
static size_t headings(const xmlNode *n, const xmlNode **v, size_t count, size_t cap)
{
	for (const xmlNode *c = n->children; c && count < cap; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is(c, "head") || is(c, "script") ||
		    is(c, "style") || is(c, "noscript") || is(c, "template"))
			continue;
		if (is(c, "h1"))
			v[count++] = c;
		else
			count = headings(c, v, count, cap);
	}
	return count;
}

/*
 * The headline the page shows, when it is the title its metadata gives in
 * other words: a page's og:title or <title> is often written for search
 * engines and sharing ("Sweden drops Assange rape investigation" above
 * "Julian Assange: Sweden drops rape investigation"), or mangled (escaped
 * twice, cut at the wrong separator). The <h1> that agrees best with the
 * metadata's title (or the <title>'s), at least TITLE_AGREEMENT, replaces
 * it; an <h1> that agrees with neither (the site's logo) is not a headline.
 */
#define TITLE_AGREEMENT 0.6
#define MAX_HEADINGS 8

static void shown_headline(char **title, const char *page_title, const xmlNode *root, int *oom)
{
	const xmlNode *h[MAX_HEADINGS];
	size_t n = headings(root, h, 0, MAX_HEADINGS);
	char *best = NULL;
	double best_score = TITLE_AGREEMENT;
	for (size_t i = 0; i < n; i++) {
		char *t = NULL;
		element_text(&t, h[i], oom);
		if (!t)
			continue;
		size_t len = strlen(t);
		while (len && t[len - 1] == ' ')
			t[--len] = '\0';
		const char *w[2];
		size_t wl[2];
		double s = agreement(t, *title);
		if (page_title && agreement(t, page_title) > s)
			s = agreement(t, page_title);
		if (title_words(t, w, wl, 2) >= 2 && s >= best_score && strcmp(t, *title) != 0) {
			free(best);
			best = t;
			best_score = s;
		} else {
			free(t);
		}
		if (s >= 0.999 && best == NULL)
			break; /* the metadata's title is the headline shown */
	}
	if (best) {
		const char *b = best + (*best == ' ');
		char *copy = NULL;
		if (article_set(&copy, b, strlen(b)) < 0) {
			*oom = 1;
		} else {
			free(*title);
			*title = copy;
		}
		free(best);
	}
}

/* Whether an author from the metadata is the site's name instead
 * ("AppleInsider", "Sky" on "Sky News"): each of its words is a word of
 * the site's name. */
static int site_name(const char *author, const char *site)
{
	if (!site || !*site)
		return 0;
	for (const char *w = author; *w;) {
		while (*w == ' ')
			w++;
		size_t n = strcspn(w, " ");
		if (!n)
			break;
		int found = 0;
		for (const char *s = site; *s && !found;) {
			while (*s == ' ')
				s++;
			size_t m = strcspn(s, " ");
			found = m == n && strncasecmp(s, w, n) == 0;
			s += m;
		}
		if (!found)
			return 0;
		w += n;
	}
	return 1;
}

/* Whether a is b or one of its ancestors (never when b is NULL). */
static int holds(const xmlNode *a, const xmlNode *b)
{
	for (; a && b; b = b->parent)
		if (a == b)
			return 1;
	return 0;
}

/* Elements without content: they nest nothing (flatten()). */
static int void_element(const char *name, size_t len)
{
	static const char *const names[] = { "area", "base", "basefont", "br", "col", "embed",
					     "frame", "hr", "img", "input", "isindex", "keygen",
					     "link", "meta", "param", "source", "track", "wbr" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], name, len) == 0)
			return 1;
	return 0;
}

/* Where the markup that starts at buf[i] ('<') ends: past its '>' (quoted
 * attribute values skipped), a comment's "-->", or len. */
static size_t markup_end(const char *buf, size_t len, size_t i)
{
	if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
		for (size_t j = i + 4; j + 3 <= len; j++)
			if (memcmp(buf + j, "-->", 3) == 0)
				return j + 3;
		return len;
	}
	char quote = 0;
	for (size_t j = i + 1; j < len; j++) {
		if (quote) {
			quote = buf[j] == quote ? 0 : quote;
		} else if (buf[j] == '"' || buf[j] == '\'') {
			/* An unmatched quote ends at the next '>' instead. */
			quote = memchr(buf + j + 1, buf[j], len - j - 1) ? buf[j] : 0;
		} else if (buf[j] == '>') {
			return j + 1;
		}
	}
	return len;
}

/*
 * A copy of the page (len bytes) without the markup of the elements nested
 * more than depth deep (0: without any markup): their text stays, in the
 * element at that depth. Depth is counted as start tags less end tags
 * (elements without content and "<x/>" nest nothing); a script's or
 * style's content goes with its tags. Returns a malloc'ed copy (*outlen
 * bytes), owned by the caller, or NULL when out of memory.
 */
static char *flatten(const char *buf, size_t len, size_t depth, size_t *outlen)
{
	char *out = malloc(len + 1);
	size_t n = 0, level = 0;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t j = i + 1;
		int end_tag = j < len && buf[j] == '/';
		j += end_tag;
		if (buf[i] != '<' || j >= len ||
		    !(isalpha((unsigned char)buf[j]) || (!end_tag && (buf[j] == '!' || buf[j] == '?')))) {
			out[n++] = buf[i++];
			continue;
		}
		size_t name = j, name_len = 0;
		while (name + name_len < len && isalnum((unsigned char)buf[name + name_len]))
			name_len++;
		size_t end = markup_end(buf, len, i);
		int keep;
		if (end_tag) {
			keep = level <= depth;
			level -= level > 0;
		} else if (!isalpha((unsigned char)buf[j])) {
			keep = level <= depth;  /* a comment, a declaration */
		} else if (void_element(buf + name, name_len) || buf[end - 2] == '/') {
			keep = level < depth;
		} else {
			keep = ++level <= depth;
			/* A script's or style's content is no markup: up to its
			 * end tag, kept or left out with it. */
			if ((name_len == 6 && strncasecmp(buf + name, "script", 6) == 0) ||
			    (name_len == 5 && strncasecmp(buf + name, "style", 5) == 0)) {
				size_t k = end;
				while (k + 2 + name_len <= len &&
				       !(buf[k] == '<' && buf[k + 1] == '/' &&
					 strncasecmp(buf + k + 2, buf + name, name_len) == 0))
					k++;
				end = k + 2 + name_len <= len ? k : len;
			}
		}
		if (keep) {
			memcpy(out + n, buf + i, end - i);
			n += end - i;
		} else {
			out[n++] = ' ';
		}
		i = end;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

/* Parse a page; *halted: the parser stopped before its end (libxml2 stops
 * at 256 elements deep: "Excessive depth in document"). NULL when there
 * is nothing to read. */
static htmlDocPtr parse(const char *buf, size_t len, const char *encoding, int *halted)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	*halted = 0;
	if (!ctxt)
		return NULL;
	htmlDocPtr doc = htmlCtxtReadMemory(ctxt, buf, (int)(len > 0x7fffffff ? 0x7fffffff : len),
					    NULL, encoding,
					    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	*halted = ctxt->instate == XML_PARSER_EOF && ctxt->lastError.code == XML_ERR_INTERNAL_ERROR;
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/* The depth a page nested deeper than libxml2 goes is read at again: its
 * markup below FLAT_DEPTH elements is left out, its text kept. (The
 * parser's XML_PARSE_HUGE would lift the bound, and let the walks here
 * recurse as deep as the page: 200,000 elements.) */
#define FLAT_DEPTH 128

int html_read(const char *buf, size_t len, const char *encoding, article_t *a)
{
	int oom = 0, halted;
	htmlDocPtr doc = parse(buf, len, encoding, &halted);
	/* Stopped by its depth: read again flattened below FLAT_DEPTH, then
	 * (end tags that close nothing kept the count low) with no markup. */
	for (size_t pass = 0; doc && halted && pass < 2; pass++) {
		size_t flat_len;
		char *flat = flatten(buf, len, pass ? 0 : FLAT_DEPTH, &flat_len);
		if (!flat) {
			xmlFreeDoc(doc);
			return -1;
		}
		htmlDocPtr again = parse(flat, flat_len, encoding, &halted);
		free(flat);
		if (again) {
			xmlFreeDoc(doc);
			doc = again;
		}
	}
	if (!doc)
		return 0; /* nothing to read: the caller reports "no text" */
	const xmlNode *root = xmlDocGetRootElement(doc);
	a->format = DL_FORMAT_HTML;
	if (root) {
		/* <html lang="fr">: the page's language wins over detection. */
		xmlChar *lang = xmlGetProp((xmlNode *)root, (const xmlChar *)"lang");
		if (lang && *lang && article_set(&a->language, (const char *)lang,
						 strlen((const char *)lang)) < 0)
			oom = 1;
		xmlFree(lang);
		const xmlNode wrapper = { .children = (xmlNode *)root };
		page_meta_t pm = { 0 };
		metadata(a, &pm, &wrapper, &oom);
		/* What the page shows, when its metadata names no author or
		 * date, or an author that is a link rather than a name. */
		if (a->author && (strncmp(a->author, "http", 4) == 0 || strchr(a->author, '/') ||
				  site_name(a->author, a->source))) {
			free(a->author);
			a->author = NULL;
		}
		if ((!a->author || !a->date) && byline_find(root, &a->author, &a->date) < 0)
			oom = 1;
		char *title = NULL, *h1 = NULL;
		element_text(&h1, find_element(&wrapper, "h1"), &oom);
		element_text(&title, find_element(&wrapper, "title"), &oom);
		set_text(&a->title, title ? title : h1, &oom);
		if (a->title) {
			tidy_title(a->title, h1, a->source);
			shown_headline(&a->title, title, root, &oom);
		}
		free(title);
		free(h1);

		dl_buf_t body = { 0 };
		const xmlNode *top = content_text(&wrapper, &body, 1);
		/* A page whose article block's class says furniture (a
		 * "category-advertising" post) gives next to nothing: read it
		 * again trusting only the elements' names, and keep that when
		 * it holds several times more in another block. When the new
		 * block is the first one or holds it, the first look had found
		 * the article, and what the classes left out around it (the
		 * comments under a short post) stays out. */
		if (body.len < SHORT_BODY && !body.oom) {
			dl_buf_t again = { 0 };
			const xmlNode *top2 = content_text(&wrapper, &again, 0);
			if (again.len > RETRY_GAIN * body.len && !holds(top2, top)) {
				free(body.s);
				body = again;
				top = top2;
			} else {
				free(again.s);
			}
		}
		/* Pages that build the article with scripts hold no article
		 * block, or one shorter than their own summary (a notice that
		 * scripts are needed): keep the summary ahead of what was
		 * found. A short article the page does show (a post of a few
		 * lines, a paywall's opening) is the body as it stands. */
		const char *summary = pm.og_description ? pm.og_description : pm.description;
		if (summary && (!top || body.len < strlen(summary)) && body.len < SHORT_BODY &&
		    !(body.s && strstr(body.s, summary))) {
			dl_buf_t both = { .oom = body.oom };
			dl_buf_put(&both, summary, strlen(summary));
			if (body.len) {
				dl_buf_put(&both, "\n\n", 2);
				dl_buf_put(&both, body.s, body.len);
			}
			free(body.s);
			body = both;
		}
		xmlFree(pm.og_description);
		xmlFree(pm.description);
		if (body.oom)
			oom = 1;
		else if (body.len)
			a->body = body.s, body.s = NULL;
		free(body.s);
	}
	xmlFreeDoc(doc);
	/* libxml2 lets a raw byte through in places (an '&' and a Latin-1
	 * byte, before a page's charset declaration is met): such a byte is
	 * read as Windows-1252, so that every field handed on is UTF-8. */
	char **fields[] = { &a->title, &a->author, &a->date, &a->place, &a->source,
			    &a->url, &a->language, &a->body };
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]) && !oom; i++) {
		char *v = *fields[i];
		size_t fixed_len;
		if (!v || utf8_valid(v, strlen(v), NULL))
			continue;
		char *fixed = enc_repair_utf8(v, strlen(v), &fixed_len);
		if (!fixed) {
			oom = 1;
			break;
		}
		free(v);
		*fields[i] = fixed;
	}
	return oom ? -1 : 0;
}
