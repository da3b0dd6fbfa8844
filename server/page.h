/*
 * page.h - the web page, rendered on the server: the search with its
 * results, facets and date histogram, and the article view. It works
 * with JavaScript off (forms and links); static/app.js makes it quicker.
 */
#ifndef DATELINE_PAGE_H
#define DATELINE_PAGE_H

#include "backend.h"
#include "serve.h"

/* GET /: the search box, and the results when the URL asks for some. */
void page_search(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r);
/* GET /article?id=ID&q=...: one article with the query's matches. */
void page_article(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r);
/* A page saying what went wrong, with that status. */
void page_error(sv_reply_t *r, unsigned status, const sv_error_t *err);

/*
 * Write text (len bytes) as HTML with the [start, end) byte ranges of
 * ranges (a JSON array of pairs, in order) inside <mark>; with ids, each
 * mark gets id="mN" (N from *next, counted up). Ranges that overlap,
 * go backwards or fall outside the text are skipped.
 */
void page_marked(esc_buf_t *b, const char *text, size_t len, const json_t *ranges,
		 unsigned *next);

#endif /* DATELINE_PAGE_H */
