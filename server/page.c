/*
 * page.c - the server-rendered page (page.h). Every string from a
 * document or the request is written with escape.h for its context; the
 * markup around them is the program's own.
 */
#include "page.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/schema.h"
#include "api.h"
#include "assets.h"

/* More months than this in the histogram and it counts years. */
#define HIST_MAX_MONTHS 36
/* Related reports shown beside an article. */
#define RELATED_SHOWN 5

/* The state a URL carries, as the page reads it. */
typedef struct {
	const char *q, *sort, *since, *until, *author, *source;
	sv_names_t person, place, org; /* each narrows the search */
	unsigned offset, n;
} state_t;

/* How a link changes a field. */
enum {
	CH_SET,   /* value replaces the field (all its values); NULL removes it */
	CH_ADD,   /* value is one more of a list field's (person, place, org) */
	CH_DROP   /* value is no longer one of the list field's */
};

/* Which fields a link changes, and how. */
typedef struct {
	const char *name;
	const char *value;
	int op;
} change_t;

/* The fields of a URL, in order; the list ones are given once per value. */
static const char *const url_fields[] = { "q", "person", "place", "org", "author", "source",
					  "since", "until", "sort", "n", "offset" };

/* The list field called name in s, or NULL if it is not one. */
static const sv_names_t *state_list(const state_t *s, const char *name)
{
	return !strcmp(name, "person") ? &s->person : !strcmp(name, "place") ? &s->place :
	       !strcmp(name, "org") ? &s->org : NULL;
}

static int names_have(const sv_names_t *l, const char *v)
{
	for (unsigned i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], v))
			return 1;
	return 0;
}

/* The field called name in s (a single one), or NULL. */
static const char *state_value(const state_t *s, const char *name, const char *n,
			       const char *offset)
{
	const char *names[] = { "q", "author", "source", "since", "until", "sort", "n",
				"offset" };
	const char *values[] = { s->q, s->author, s->source, s->since, s->until, s->sort, n,
				 offset };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i], name))
			return values[i];
	return NULL;
}

/* Write "?name=value" or "&name=value" (value URL-escaped) to u. */
static void url_param(esc_buf_t *u, int *first, const char *name, const char *value,
		      const char *sep)
{
	esc_raw(u, *first ? sep : "&");
	*first = 0;
	esc_raw(u, name);
	esc_raw(u, "=");
	esc_url_str(u, value);
}

/* Write the fields of s, changed by ch (n of them), from url_fields[from]
 * to url_fields[to - 1], to u. */
static void state_params(esc_buf_t *u, int *first, const char *sep, const state_t *s,
			 const change_t *ch, size_t nch, size_t from, size_t to, const char *n,
			 const char *offset)
{
	for (size_t i = from; i < to; i++) {
		const char *name = url_fields[i];
		const change_t *c = NULL;
		for (size_t k = 0; k < nch; k++)
			if (strcmp(ch[k].name, name) == 0)
				c = &ch[k];
		const sv_names_t *l = state_list(s, name);
		if (l && !(c && c->op == CH_SET)) {
			for (unsigned k = 0; k < l->n; k++)
				if (*l->v[k] && !(c && c->op == CH_DROP && !strcmp(c->value, l->v[k])))
					url_param(u, first, name, l->v[k], sep);
			if (c && c->op == CH_ADD && c->value && *c->value && !names_have(l, c->value))
				url_param(u, first, name, c->value, sep);
			continue;
		}
		const char *v = c ? c->value : state_value(s, name, n, offset);
		if (!v || !*v || (!strcmp(name, "sort") && !strcmp(v, "relevance")))
			continue;
		url_param(u, first, name, v, sep);
	}
}

static void read_state(const sv_params_t *p, state_t *s)
{
	memset(s, 0, sizeof(*s));
	s->q = p->q;
	s->sort = p->sort;
	s->since = p->since;
	s->until = p->until;
	s->person = p->person;
	s->place = p->place;
	s->org = p->org;
	s->author = p->author;
	s->source = p->source;
	s->n = SV_DEFAULT_HITS;
	if (p->offset)
		s->offset = (unsigned)strtoul(p->offset, NULL, 10);
	if (p->n)
		s->n = (unsigned)strtoul(p->n, NULL, 10);
	if (s->offset > SV_MAX_OFFSET)
		s->offset = SV_MAX_OFFSET;
	if (s->n == 0 || s->n > SV_MAX_HITS)
		s->n = SV_DEFAULT_HITS;
}

/* Write a URL of path with the state's fields, changed by ch (n of
 * them), as an attribute value (escaped). The offset is dropped unless a
 * change sets it: a new filter starts at the first page. */
static void state_url(esc_buf_t *b, const char *path, const state_t *s,
		      const change_t *ch, size_t nch)
{
	char offset[16] = "", n[16] = "";
	if (s->n != SV_DEFAULT_HITS)
		snprintf(n, sizeof(n), "%u", s->n);
	esc_buf_t u = { 0 };
	esc_raw(&u, path);
	int first = 1;
	state_params(&u, &first, "?", s, ch, nch, 0, sizeof(url_fields) / sizeof(url_fields[0]),
		     n, offset);
	/* The URL is made of escaped parts; the attribute escape keeps the
	 * '&' well-formed. */
	if (!u.failed)
		esc_attr(b, u.data, u.len);
	else
		b->failed = 1;
	esc_buf_free(&u);
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

void page_marked(esc_buf_t *b, const char *text, size_t len, const json_t *ranges,
		 unsigned *next)
{
	size_t at = 0, i;
	json_t *r;
	json_array_foreach((json_t *)ranges, i, r) {
		json_int_t start = json_integer_value(json_array_get(r, 0));
		json_int_t end = json_integer_value(json_array_get(r, 1));
		if (start < (json_int_t)at || end <= start || end > (json_int_t)len)
			continue;
		esc_html(b, text + at, (size_t)start - at);
		if (next)
			esc_printf(b, "<mark id=\"m%u\">", (*next)++);
		else
			esc_raw(b, "<mark>");
		esc_html(b, text + start, (size_t)(end - start));
		esc_raw(b, "</mark>");
		at = (size_t)end;
	}
	esc_html(b, text + at, len - at);
}

/* Fill the page shell's {{slots}}: title, q, hidden, below, body (each
 * already escaped markup). */
static void shell(sv_reply_t *r, const char *title, const char *q, const char *hidden,
		  const char *below, const char *body)
{
	const sv_asset_t *page = sv_asset_page();
	const char *p = page->data, *end = page->data + page->len;
	while (p < end) {
		const char *open = strstr(p, "{{");
		if (!open) {
			esc_rawn(&r->body, p, (size_t)(end - p));
			break;
		}
		esc_rawn(&r->body, p, (size_t)(open - p));
		const char *close = strstr(open, "}}");
		if (!close)
			break;
		size_t n = (size_t)(close - open - 2);
		const char *v = "";
		if (n == 5 && !memcmp(open + 2, "title", 5))
			v = title;
		else if (n == 1 && !memcmp(open + 2, "q", 1))
			v = q;
		else if (n == 6 && !memcmp(open + 2, "hidden", 6))
			v = hidden;
		else if (n == 5 && !memcmp(open + 2, "below", 5))
			v = below;
		else if (n == 4 && !memcmp(open + 2, "body", 4))
			v = body;
		esc_raw(&r->body, v ? v : "");
		p = close + 2;
	}
	r->type = "text/html; charset=utf-8";
}

/* The hidden fields that keep the filters when a new query is typed. */
static void hidden_fields(esc_buf_t *b, const state_t *s)
{
	const char *names[] = { "person", "place", "org", "author", "source", "since", "until",
				"sort" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const sv_names_t *l = state_list(s, names[i]);
		const char *one = l ? NULL : state_value(s, names[i], NULL, NULL);
		unsigned n = l ? l->n : 1;
		for (unsigned k = 0; k < n; k++) {
			const char *v = l ? l->v[k] : one;
			if (!v || !*v)
				continue;
			esc_printf(b, "<input type=\"hidden\" name=\"%s\" value=\"", names[i]);
			esc_attr_str(b, v);
			esc_raw(b, "\">");
		}
	}
}

/* Finish a page from its parts (freed here). */
static void finish(sv_reply_t *r, esc_buf_t *title, const state_t *s, esc_buf_t *below,
		   esc_buf_t *body)
{
	esc_buf_t q = { 0 }, hidden = { 0 };
	esc_attr_str(&q, s ? s->q : NULL);
	if (s)
		hidden_fields(&hidden, s);
	if (title->failed || q.failed || hidden.failed || below->failed || body->failed)
		r->body.failed = 1;
	else
		shell(r, title->data, q.data, hidden.data, below->data, body->data);
	esc_buf_free(title);
	esc_buf_free(&q);
	esc_buf_free(&hidden);
	esc_buf_free(below);
	esc_buf_free(body);
}

void page_error(sv_reply_t *r, unsigned status, const sv_error_t *err)
{
	esc_buf_t title = { 0 }, below = { 0 }, body = { 0 };
	r->status = status;
	esc_printf(&title, "%u", status);
	esc_raw(&body, "<main id=\"main\" class=\"message\"><h1>");
	esc_raw(&body, status == 404 ? "Not found" : status == 503 ? "Unavailable" :
		       status == 400 ? "Bad request" : "Error");
	esc_raw(&body, "</h1><p>");
	esc_html_str(&body, err->message);
	esc_raw(&body, "</p><p><a href=\"/\">Start a new search</a></p></main>");
	finish(r, &title, NULL, &below, &body);
}

/* The front page: what the box takes. */
static void front_page(esc_buf_t *b)
{
	static const char *const examples[][2] = {
		{ "Kerry Lavrov", "the words, best matches first" },
		{ "\"peace talks\"", "a phrase, in any form of its words" },
		{ "sanction*", "words starting with sanction" },
		{ "Putin NEAR/5 Crimea", "two words at most 5 apart" },
		{ "oil AND (Iran OR Iraq) NOT price", "boolean operators" },
		{ "title:ceasefire", "a word in the title (also author:, place:)" },
		{ "person:Kerry place:Kiev", "people and places the articles mention" },
		{ "date:2014-03..2014-04", "a date range (also source:, id:)" },
	};
	esc_raw(b, "<main id=\"main\" class=\"front\"><h1>Search the archive</h1>"
		   "<p>Type a query and press Enter; <kbd>/</kbd> brings you back to the box."
		   "</p><table class=\"examples\">");
	for (size_t i = 0; i < sizeof(examples) / sizeof(examples[0]); i++) {
		state_t s = { 0 };
		s.q = examples[i][0];
		s.n = SV_DEFAULT_HITS;
		esc_raw(b, "<tr><td><a href=\"");
		state_url(b, "/", &s, NULL, 0);
		esc_raw(b, "\"><code>");
		esc_html_str(b, examples[i][0]);
		esc_raw(b, "</code></a></td><td>");
		esc_html_str(b, examples[i][1]);
		esc_raw(b, "</td></tr>");
	}
	esc_raw(b, "</table></main>");
}

/* The query sent to the backend: q, with the author and source filters
 * of the sidebar as query-language filters. *shift is how many bytes were
 * put before q (for the column of an error). malloc'ed. */
static char *effective_query(const state_t *s, unsigned *shift)
{
	esc_buf_t b = { 0 };
	int words = s->q && s->q[strspn(s->q, " \t\r\n")];
	int extra = (s->author && *s->author) || (s->source && *s->source);
	*shift = 0;
	if (words && extra) {
		esc_raw(&b, "(");
		*shift = 1;
	}
	if (words)
		esc_raw(&b, s->q);
	if (words && extra)
		esc_raw(&b, ")");
	const char *fields[2] = { "author", "source" };
	const char *values[2] = { s->author, s->source };
	for (int k = 0; k < 2; k++) {
		if (!values[k] || !*values[k])
			continue;
		if (b.len)
			esc_raw(&b, " AND ");
		esc_raw(&b, fields[k]);
		esc_raw(&b, ":\"");
		/* A name's own quotes would end the phrase: left out. */
		for (const char *c = values[k]; *c; c++)
			if (*c != '"')
				esc_rawn(&b, c, 1);
		esc_raw(&b, "\"");
	}
	return esc_buf_take(&b, NULL);
}

/* The error under the box: the query with a caret under the column. */
static void query_error(esc_buf_t *b, const char *q, const sv_error_t *err, unsigned shift)
{
	esc_raw(b, "<div class=\"qerror\" role=\"alert\">");
	unsigned col = err->column > shift ? err->column - shift : 0;
	if (col && q && col <= strlen(q) + 1) {
		esc_raw(b, "<pre class=\"caret\">");
		esc_html_str(b, q);
		esc_raw(b, "\n");
		/* The caret under the column'th character (UTF-8 aware). */
		unsigned chars = 0;
		for (unsigned i = 0; i + 1 < col && q[i]; i++)
			if (((unsigned char)q[i] & 0xC0) != 0x80)
				chars++;
		for (unsigned i = 0; i < chars; i++)
			esc_raw(b, " ");
		esc_raw(b, "^</pre>");
	}
	esc_raw(b, "<p>");
	esc_html_str(b, err->message);
	esc_raw(b, "</p></div>");
}

static void chip(esc_buf_t *b, const state_t *s, const char *label, const char *field,
		 const char *value, int op)
{
	change_t ch = { field, op == CH_DROP ? value : NULL, op };
	esc_raw(b, "<a class=\"chip\" title=\"Remove this filter\" href=\"");
	state_url(b, "/", s, &ch, 1);
	esc_raw(b, "\"><span class=\"chip-label\">");
	esc_html_str(b, label);
	esc_raw(b, "</span> ");
	esc_html_str(b, value);
	esc_raw(b, " <span class=\"x\" aria-hidden=\"true\">\xC3\x97</span></a>");
}

static void chips(esc_buf_t *b, const state_t *s)
{
	int any = s->person.n || s->place.n || s->org.n || (s->author && *s->author) ||
		  (s->source && *s->source) || (s->since && *s->since) || (s->until && *s->until);
	if (!any)
		return;
	esc_raw(b, "<div class=\"chips\">");
	const char *lists[] = { "person", "place", "org" };
	for (int k = 0; k < 3; k++) {
		const sv_names_t *l = state_list(s, lists[k]);
		for (unsigned i = 0; i < l->n; i++)
			chip(b, s, lists[k], lists[k], l->v[i], CH_DROP);
	}
	const char *labels[] = { "author", "source" };
	const char *values[] = { s->author, s->source };
	for (int k = 0; k < 2; k++)
		if (values[k] && *values[k])
			chip(b, s, labels[k], labels[k], values[k], CH_SET);
	if ((s->since && *s->since) || (s->until && *s->until)) {
		change_t ch[2] = { { "since", NULL, CH_SET }, { "until", NULL, CH_SET } };
		esc_raw(b, "<a class=\"chip\" title=\"Remove this filter\" href=\"");
		state_url(b, "/", s, ch, 2);
		esc_raw(b, "\"><span class=\"chip-label\">dates</span> ");
		esc_html_str(b, s->since && *s->since ? s->since : "\xE2\x80\xA6");
		esc_raw(b, " \xE2\x80\x93 ");
		esc_html_str(b, s->until && *s->until ? s->until : "\xE2\x80\xA6");
		esc_raw(b, " <span class=\"x\" aria-hidden=\"true\">\xC3\x97</span></a>");
	}
	esc_raw(b, "</div>");
}

/* One facet's list: each name a link that narrows to it. */
static void facet_list(esc_buf_t *b, const state_t *s, const char *title, const char *field,
		       const json_t *items)
{
	const sv_names_t *list = state_list(s, field);
	const char *active = list ? NULL : state_value(s, field, NULL, NULL);
	size_t i;
	json_t *it;
	if (!json_array_size(items))
		return;
	esc_printf(b, "<section class=\"facet\" data-field=\"%s\"><h2>%s</h2><ul>", field, title);
	json_array_foreach((json_t *)items, i, it) {
		const char *name = str(it, "name");
		if (!name)
			continue;
		/* A list field gains the name, or loses it; another is set. */
		int on = list ? names_have(list, name) : active && !strcmp(active, name);
		change_t ch = { field, on && !list ? NULL : name,
				!list ? CH_SET : on ? CH_DROP : CH_ADD };
		esc_raw(b, on ? "<li class=\"on\"><a href=\"" : "<li><a href=\"");
		state_url(b, "/", s, &ch, 1);
		esc_raw(b, "\"><span class=\"name\">");
		esc_html_str(b, name);
		esc_printf(b, "</span><span class=\"count\">%lld</span></a></li>",
			   (long long)json_integer_value(json_object_get(it, "count")));
	}
	esc_raw(b, "</ul></section>");
}

/* The date histogram: one bar per month (or year over a long span), each
 * a link to that period; app.js lets a range be dragged across them. */
static void histogram(esc_buf_t *b, const state_t *s, const json_t *months, long long total)
{
	size_t n = json_array_size(months);
	if (n == 0)
		return;
	const char *first = str(json_array_get(months, 0), "name");
	const char *last = str(json_array_get(months, n - 1), "name");
	int y0, m0, y1, m1;
	if (!first || !last || sscanf(first, "%4d-%2d", &y0, &m0) != 2 ||
	    sscanf(last, "%4d-%2d", &y1, &m1) != 2)
		return;
	int span = (y1 - y0) * 12 + (m1 - m0) + 1;
	int by_year = span > HIST_MAX_MONTHS;
	int nbars = by_year ? y1 - y0 + 1 : span;
	if (nbars <= 0 || nbars > 2000)
		return;
	long long *count = calloc((size_t)nbars, sizeof(*count)), max = 0;
	if (!count)
		return;
	size_t i;
	json_t *it;
	json_array_foreach((json_t *)months, i, it) {
		int y, m;
		const char *name = str(it, "name");
		if (!name || sscanf(name, "%4d-%2d", &y, &m) != 2)
			continue;
		int k = by_year ? y - y0 : (y - y0) * 12 + (m - m0);
		if (k < 0 || k >= nbars)
			continue;
		count[k] += json_integer_value(json_object_get(it, "count"));
	}
	for (int k = 0; k < nbars; k++) {
		if (count[k] > max)
			max = count[k];
	}
	/* The bars in a 1000 x 100 box, scaled by the viewBox. */
	double w = 1000.0 / nbars;
	esc_printf(b, "<section class=\"histogram\" aria-label=\"Matches by %s\">"
		      "<div class=\"hist-head\"><span>Matches by %s</span>"
		      "<span class=\"hint\">drag across the bars to pick a range</span></div>"
		      "<svg viewBox=\"0 0 1000 100\" preserveAspectRatio=\"none\" role=\"img\">",
		   by_year ? "year" : "month", by_year ? "year" : "month");
	for (int k = 0; k < nbars; k++) {
		char period[16];
		if (by_year)
			snprintf(period, sizeof(period), "%04d", y0 + k);
		else
			snprintf(period, sizeof(period), "%04d-%02d", y0 + (m0 - 1 + k) / 12,
				 (m0 - 1 + k) % 12 + 1);
		double h = max ? 96.0 * (double)count[k] / (double)max : 0;
		if (count[k] && h < 2)
			h = 2;
		change_t ch[2] = { { "since", period, CH_SET }, { "until", period, CH_SET } };
		esc_raw(b, "<a class=\"bar\" href=\"");
		state_url(b, "/", s, ch, 2);
		esc_printf(b, "\" data-period=\"%s\"><rect class=\"hit\" x=\"%.2f\" y=\"0\" "
			      "width=\"%.2f\" height=\"100\"/><rect class=\"fill\" x=\"%.2f\" "
			      "y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"/><title>%s: %lld</title></a>",
			   period, k * w, w, k * w + w * 0.1, 100 - h, w * 0.8, h, period, count[k]);
	}
	esc_raw(b, "</svg><div class=\"hist-axis\"><span>");
	if (by_year)
		esc_printf(b, "%04d", y0);
	else
		esc_html_str(b, first);
	esc_raw(b, "</span><span>");
	if (by_year)
		esc_printf(b, "%04d", y1);
	else
		esc_html_str(b, last);
	esc_raw(b, "</span></div>");
	if (total > SV_FACET_DOCS)
		esc_printf(b, "<p class=\"hint\">dates of the best %u of %lld matches</p>",
			   SV_FACET_DOCS, total);
	esc_raw(b, "</section>");
	free(count);
}

static void byline(esc_buf_t *b, const json_t *h)
{
	const char *keys[] = { DL_KEY_AUTHOR, DL_KEY_DATE, DL_KEY_PLACE, DL_KEY_SOURCE };
	const char *cls[] = { "author", "date", "place", "source" };
	int first = 1;
	for (int k = 0; k < 4; k++) {
		const char *v = str(h, keys[k]);
		if (!v || !*v)
			continue;
		if (!first)
			esc_raw(b, "<span class=\"sep\"> \xC2\xB7 </span>");
		first = 0;
		esc_printf(b, "<span class=\"%s\">", cls[k]);
		esc_html_str(b, v);
		esc_raw(b, "</span>");
	}
}

/* The link to an article, keeping the search (to come back to). */
static void article_url(esc_buf_t *b, const state_t *s, const char *id)
{
	esc_buf_t u = { 0 };
	esc_raw(&u, "/article?id=");
	esc_url_str(&u, id);
	int first = 0;
	/* url_fields up to "sort": n and offset are not the article's. */
	state_params(&u, &first, "&", s, NULL, 0, 0, 9, NULL, NULL);
	if (s->offset)
		esc_printf(&u, "&offset=%u", s->offset);
	if (!u.failed)
		esc_attr(b, u.data, u.len);
	esc_buf_free(&u);
}

static void hit_item(esc_buf_t *b, const state_t *s, const json_t *h)
{
	const char *id = str(h, DL_KEY_ID), *title = str(h, DL_KEY_TITLE);
	const char *snip = str(h, "snippet");
	if (!id)
		return;
	esc_raw(b, "<li class=\"hit\"><h3><a class=\"title\" href=\"");
	article_url(b, s, id);
	esc_raw(b, "\">");
	if (title && *title) {
		const json_t *th = json_object_get(h, "title_highlights");
		page_marked(b, title, strlen(title), th, NULL);
	} else {
		esc_html_str(b, id);
	}
	esc_raw(b, "</a></h3><div class=\"meta\">");
	byline(b, h);
	esc_raw(b, "</div>");
	if (snip) {
		esc_raw(b, "<p class=\"snippet\">");
		page_marked(b, snip, strlen(snip), json_object_get(h, "highlights"), NULL);
		esc_raw(b, "</p>");
	}
	const json_t *dups = json_object_get(h, "duplicates");
	const json_t *shares = json_object_get(h, "shares");
	size_t i;
	json_t *v;
	if (json_array_size(shares)) {
		esc_raw(b, "<div class=\"shares\">shares: ");
		json_array_foreach((json_t *)shares, i, v) {
			if (i)
				esc_raw(b, ", ");
			esc_html_str(b, json_string_value(v));
		}
		esc_raw(b, "</div>");
	}
	if (json_array_size(dups)) {
		esc_raw(b, "<div class=\"copies\">also filed as ");
		json_array_foreach((json_t *)dups, i, v) {
			const char *d = json_string_value(v);
			if (!d)
				continue;
			if (i)
				esc_raw(b, ", ");
			esc_raw(b, "<a href=\"");
			article_url(b, s, d);
			esc_raw(b, "\">");
			esc_html_str(b, d);
			esc_raw(b, "</a>");
		}
		esc_raw(b, "</div>");
	}
	esc_raw(b, "<div class=\"id\">");
	esc_html_str(b, id);
	esc_raw(b, "</div></li>");
}

static void pager(esc_buf_t *b, const state_t *s, long long total)
{
	if (s->offset == 0 && total <= s->n)
		return;
	esc_raw(b, "<nav class=\"pager\">");
	if (s->offset > 0) {
		char off[16];
		snprintf(off, sizeof(off), "%u", s->offset > s->n ? s->offset - s->n : 0);
		change_t ch = { "offset", off, CH_SET };
		esc_raw(b, "<a rel=\"prev\" href=\"");
		state_url(b, "/", s, &ch, 1);
		esc_raw(b, "\">\xE2\x86\x90 Previous</a>");
	}
	if (s->offset + s->n < total && s->offset + s->n < SV_MAX_OFFSET) {
		char off[16];
		snprintf(off, sizeof(off), "%u", s->offset + s->n);
		change_t ch = { "offset", off, CH_SET };
		esc_raw(b, "<a rel=\"next\" href=\"");
		state_url(b, "/", s, &ch, 1);
		esc_raw(b, "\">Next \xE2\x86\x92</a>");
	}
	esc_raw(b, "</nav>");
}

void page_search(sv_backend_t *be, const sv_params_t *p, sv_reply_t *r)
{
	esc_buf_t title = { 0 }, below = { 0 }, body = { 0 };
	state_t s;
	sv_params_t eff = *p;
	sv_search_t req;
	sv_error_t err = { "", 0 };
	json_t *res = NULL;
	unsigned shift = 0;
	char *q = NULL;

	read_state(p, &s);
	int words = s.q && s.q[strspn(s.q, " \t\r\n")];
	if (!words && !s.person.n && !s.place.n && !s.org.n && !(s.author && *s.author) &&
	    !(s.source && *s.source)) {
		esc_raw(&title, "Dateline");
		front_page(&body);
		finish(r, &title, &s, &below, &body);
		return;
	}
	q = effective_query(&s, &shift);
	eff.q = q;
	if (api_search_request(&eff, &req, &err) < 0) {
		r->status = 400;
		query_error(&below, s.q, &err, 0);
		goto done;
	}
	sv_status_t st = sv_backend_search(be, &req, &res, &err);
	if (st == SV_BAD_REQUEST) {
		r->status = 400;
		query_error(&below, s.q, &err, shift);
		goto done;
	}
	if (st != SV_OK) {
		free(q);
		esc_buf_free(&title);
		page_error(r, api_http_status(st), &err);
		return;
	}
	const char *dym = str(res, "did_you_mean");
	if (dym && *dym && json_is_true(json_object_get(res, "corrected"))) {
		/* Nothing matched what was typed: these are the results of
		 * the correction, and the box keeps what was typed. */
		change_t ch = { "q", dym, CH_SET };
		esc_raw(&below, "<p class=\"dym\">No articles match <b>");
		esc_html_str(&below, s.q);
		esc_raw(&below, "</b>; showing the results for <a href=\"");
		state_url(&below, "/", &s, &ch, 1);
		esc_raw(&below, "\">");
		esc_html_str(&below, dym);
		esc_raw(&below, "</a>.</p>");
	} else if (dym && *dym) {
		change_t ch = { "q", dym, CH_SET };
		esc_raw(&below, "<p class=\"dym\">Did you mean <a href=\"");
		state_url(&below, "/", &s, &ch, 1);
		esc_raw(&below, "\">");
		esc_html_str(&below, dym);
		esc_raw(&below, "</a>?</p>");
	}
	long long total = json_integer_value(json_object_get(res, "total"));
	const json_t *hits = json_object_get(res, "hits"), *facets = json_object_get(res, "facets");

	esc_raw(&body, "<div class=\"layout\"><aside class=\"facets\" aria-label=\"Facets\">");
	facet_list(&body, &s, "People", "person", json_object_get(facets, "persons"));
	facet_list(&body, &s, "Places", "place", json_object_get(facets, "places"));
	facet_list(&body, &s, "Organisations", "org", json_object_get(facets, "organisations"));
	facet_list(&body, &s, "Authors", "author", json_object_get(facets, "authors"));
	facet_list(&body, &s, "Sources", "source", json_object_get(facets, "sources"));
	esc_raw(&body, "</aside><main id=\"main\" class=\"results\">");
	chips(&body, &s);
	histogram(&body, &s, json_object_get(res, "months"), total);
	esc_raw(&body, "<div class=\"summary\"><span class=\"count\">");
	size_t nhits = json_array_size(hits);
	if (total == 0)
		esc_raw(&body, "No articles match.");
	else
		esc_printf(&body, "%s%lld article%s match \xC2\xB7 showing %u\xE2\x80\x93%zu",
			   json_is_false(json_object_get(res, "exact")) ? "About " : "", total,
			   total == 1 ? "" : "s", nhits ? s.offset + 1 : 0, s.offset + nhits);
	esc_raw(&body, "</span><span class=\"sort\">sort: ");
	int by_date = s.sort && !strcmp(s.sort, "date");
	change_t rel = { "sort", NULL, CH_SET }, dat = { "sort", "date", CH_SET };
	esc_raw(&body, by_date ? "<a href=\"" : "<b>");
	if (by_date)
		state_url(&body, "/", &s, &rel, 1);
	esc_raw(&body, by_date ? "\">relevance</a> | <b>date</b>" : "relevance</b> | <a href=\"");
	if (!by_date) {
		state_url(&body, "/", &s, &dat, 1);
		esc_raw(&body, "\">date</a>");
	}
	esc_raw(&body, "</span></div>");
	esc_printf(&body, "<ol class=\"hits\" start=\"%u\">", s.offset + 1);
	size_t i;
	json_t *h;
	json_array_foreach((json_t *)hits, i, h)
		hit_item(&body, &s, h);
	esc_raw(&body, "</ol>");
	pager(&body, &s, total);
	esc_raw(&body, "</main></div>");
done:
	if (!body.len)
		esc_raw(&body, "<main id=\"main\" class=\"results\"></main>");
	esc_html_str(&title, s.q && *s.q ? s.q : s.person.n ? s.person.v[0] :
			     s.place.n ? s.place.v[0] : s.org.n ? s.org.v[0] : NULL);
	esc_raw(&title, " \xE2\x80\x93 Dateline");
	finish(r, &title, &s, &below, &body);
	json_decref(res);
	free(q);
}

/* A list of names, each a link to the search for it. */
static void name_links(esc_buf_t *b, const char *title, const char *field, const json_t *names)
{
	size_t i;
	json_t *v;
	if (!json_array_size(names))
		return;
	esc_printf(b, "<section><h2>%s</h2><ul class=\"names\">", title);
	json_array_foreach((json_t *)names, i, v) {
		const char *name = json_string_value(v);
		if (!name)
			continue;
		state_t s = { 0 };
		s.n = SV_DEFAULT_HITS;
		change_t ch = { field, name, CH_SET };
		esc_raw(b, "<li><a href=\"");
		state_url(b, "/", &s, &ch, 1);
		esc_raw(b, "\">");
		esc_html_str(b, name);
		esc_raw(b, "</a></li>");
	}
	esc_raw(b, "</ul></section>");
}

void page_article(sv_backend_t *be, const sv_params_t *p, sv_reply_t *r)
{
	esc_buf_t title = { 0 }, below = { 0 }, body = { 0 };
	sv_error_t err = { "", 0 };
	json_t *a = NULL, *rel = NULL;
	state_t s;

	read_state(p, &s);
	if (!p->id || !*p->id) {
		sv_error_t e = { "no article id given", 0 };
		page_error(r, 400, &e);
		return;
	}
	unsigned shift = 0;
	char *q = effective_query(&s, &shift);
	sv_status_t st = sv_backend_article(be, p->id, q, &a, &err);
	free(q);
	if (st != SV_OK) {
		page_error(r, api_http_status(st), &err);
		return;
	}
	const char *t = str(a, DL_KEY_TITLE), *text = str(a, DL_KEY_BODY), *url = str(a, DL_KEY_URL);
	const json_t *hl = json_object_get(a, "highlights");
	size_t nmarks = json_array_size(hl);
	esc_html_str(&title, t && *t ? t : p->id);
	esc_raw(&title, " \xE2\x80\x93 Dateline");

	esc_raw(&body, "<div class=\"layout article-layout\"><main id=\"main\" class=\"article\">");
	esc_raw(&body, "<nav class=\"back\"><a href=\"");
	state_url(&body, "/", &s, NULL, 0);
	esc_raw(&body, "\">\xE2\x86\x90 Results</a></nav><h1>");
	if (t && *t) {
		const json_t *th = json_object_get(a, "title_highlights");
		page_marked(&body, t, strlen(t), th, NULL);
	} else {
		esc_html_str(&body, p->id);
	}
	esc_raw(&body, "</h1><div class=\"meta\">");
	byline(&body, a);
	/* Only web links: a stored "javascript:" URL is not a link. */
	if (url && (!strncmp(url, "https://", 8) || !strncmp(url, "http://", 7))) {
		esc_raw(&body, "<span class=\"sep\"> \xC2\xB7 </span><a class=\"orig\" "
			       "rel=\"noopener noreferrer nofollow\" href=\"");
		esc_attr_str(&body, url);
		esc_raw(&body, "\">original</a>");
	}
	esc_raw(&body, "</div>");
	if (nmarks) {
		esc_printf(&body, "<div class=\"matchnav\" data-count=\"%zu\"><span class=\"pos\">"
				  "%zu match%s</span> <a class=\"prev\" href=\"#m%zu\">\xE2\x80\xB9 "
				  "previous</a> <a class=\"next\" href=\"#m1\">next \xE2\x80\xBA</a>"
				  "<span class=\"keys\"><kbd>n</kbd> <kbd>p</kbd></span></div>",
			   nmarks, nmarks, nmarks == 1 ? "" : "es", nmarks);
	}
	esc_raw(&body, "<div class=\"body\">");
	if (text) {
		unsigned next = 1;
		page_marked(&body, text, strlen(text), hl, &next);
	}
	esc_raw(&body, "</div><div class=\"id\">");
	esc_html_str(&body, p->id);
	esc_raw(&body, "</div></main><aside class=\"facets\">");
	name_links(&body, "People", "person", json_object_get(a, DL_KEY_PERSONS));
	name_links(&body, "Places", "place", json_object_get(a, DL_KEY_PLACES));
	name_links(&body, "Organisations", "org", json_object_get(a, DL_KEY_ORGS));
	const json_t *copies = json_object_get(a, "copies");
	if (json_array_size(copies)) {
		size_t i;
		json_t *v;
		esc_raw(&body, "<section><h2>Copies</h2><ul class=\"names\">");
		json_array_foreach((json_t *)copies, i, v) {
			esc_raw(&body, "<li><a href=\"");
			article_url(&body, &s, json_string_value(v));
			esc_raw(&body, "\">");
			esc_html_str(&body, json_string_value(v));
			esc_raw(&body, "</a></li>");
		}
		esc_raw(&body, "</ul></section>");
	}
	if (sv_backend_related(be, p->id, RELATED_SHOWN, &rel, &err) == SV_OK &&
	    json_array_size(json_object_get(rel, "hits"))) {
		size_t i;
		json_t *h;
		esc_raw(&body, "<section class=\"related\"><h2>Related reports</h2><ul>");
		json_array_foreach(json_object_get(rel, "hits"), i, h) {
			const char *rid = str(h, DL_KEY_ID), *rt = str(h, DL_KEY_TITLE);
			if (!rid)
				continue;
			state_t none = { 0 };
			esc_raw(&body, "<li><a href=\"");
			article_url(&body, &none, rid);
			esc_raw(&body, "\">");
			esc_html_str(&body, rt && *rt ? rt : rid);
			esc_raw(&body, "</a><div class=\"meta\">");
			byline(&body, h);
			esc_raw(&body, "</div>");
			const json_t *sh = json_object_get(h, "shares");
			if (json_array_size(sh)) {
				size_t j;
				json_t *v;
				esc_raw(&body, "<div class=\"shares\">shares ");
				json_array_foreach((json_t *)sh, j, v) {
					if (j)
						esc_raw(&body, ", ");
					esc_html_str(&body, json_string_value(v));
				}
				esc_raw(&body, "</div>");
			}
			esc_raw(&body, "</li>");
		}
		esc_raw(&body, "</ul></section>");
	}
	esc_raw(&body, "</aside></div>");
	finish(r, &title, &s, &below, &body);
	json_decref(rel);
	json_decref(a);
}
