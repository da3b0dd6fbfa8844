/*
 * api.h - the JSON API: /api/search, /api/article, /api/related.
 */
#ifndef DATELINE_API_H
#define DATELINE_API_H

#include "backend.h"
#include "serve.h"

/*
 * Read a search's parameters (q, offset, n, sort, since, until, person,
 * place, org) into *s, borrowing p's strings. Returns 0, or -1 with the reason
 * in err (a number out of range, an unknown sort).
 */
int api_search_request(const sv_params_t *p, sv_search_t *s, sv_error_t *err);

/* HTTP status for a backend status. */
unsigned api_http_status(sv_status_t st);

/* {"error": message, "status": code[, "column": n]} with that status. */
void api_error(sv_reply_t *r, unsigned status, const sv_error_t *err);

void api_search(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r);
void api_article(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r);
void api_related(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r);

#endif /* DATELINE_API_H */
