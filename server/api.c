/*
 * api.c - the JSON API (api.h). Every string goes out through
 * esc_json_value().
 */
#include "api.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse_number(const char *name, const char *s, unsigned max, unsigned *out,
			sv_error_t *err)
{
	char *end;
	if (!s || !*s)
		return 0;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || s[0] < '0' || s[0] > '9' || v > max) {
		snprintf(err->message, sizeof(err->message),
			 "%s: expected a number from 0 to %u", name, max);
		err->column = 0;
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

int api_search_request(const sv_params_t *p, sv_search_t *s, sv_error_t *err)
{
	memset(s, 0, sizeof(*s));
	s->q = p->q;
	s->n = SV_DEFAULT_HITS;
	s->since = p->since;
	s->until = p->until;
	s->persons = p->person;
	s->places = p->place;
	s->orgs = p->org;
	s->facets = 1;
	if (parse_number("offset", p->offset, SV_MAX_OFFSET, &s->offset, err) < 0 ||
	    parse_number("n", p->n, SV_MAX_HITS, &s->n, err) < 0)
		return -1;
	if (p->sort && *p->sort && strcmp(p->sort, "relevance") != 0) {
		if (strcmp(p->sort, "date") != 0) {
			snprintf(err->message, sizeof(err->message),
				 "sort: expected relevance or date");
			err->column = 0;
			return -1;
		}
		s->sort_date = 1;
	}
	int words = s->q && s->q[strspn(s->q, " \t\r\n")];
	if (!words && !s->persons.n && !s->places.n && !s->orgs.n) {
		snprintf(err->message, sizeof(err->message), "q: no query given");
		err->column = 0;
		return -1;
	}
	return 0;
}

unsigned api_http_status(sv_status_t st)
{
	switch (st) {
	case SV_OK: return 200;
	case SV_BAD_REQUEST: return 400;
	case SV_NOT_FOUND: return 404;
	case SV_UNAVAILABLE: return 503;
	default: return 500;
	}
}

static void reply_json(sv_reply_t *r, unsigned status, const json_t *v)
{
	r->status = status;
	r->type = "application/json; charset=utf-8";
	esc_json_value(&r->body, v);
	esc_raw(&r->body, "\n");
}

void api_error(sv_reply_t *r, unsigned status, const sv_error_t *err)
{
	json_t *o = json_pack("{s:s,s:i}", "error", err->message, "status", (int)status);
	if (!o)  /* a message that is not UTF-8 */
		o = json_pack("{s:s,s:i}", "error", "bad request", "status", (int)status);
	if (o && err->column)
		json_object_set_new(o, "column", json_integer(err->column));
	reply_json(r, status, o);
	json_decref(o);
}

void api_search(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r)
{
	sv_search_t s;
	sv_error_t err = { "", 0 };
	if (api_search_request(p, &s, &err) < 0) {
		api_error(r, 400, &err);
		return;
	}
	sv_status_t st = sv_backend_search_text(b, &s, &r->body, &err);
	if (st != SV_OK) {
		api_error(r, api_http_status(st), &err);
		return;
	}
	r->status = 200;
	r->type = "application/json; charset=utf-8";
	esc_raw(&r->body, "\n");
}

static int need_id(const sv_params_t *p, sv_reply_t *r)
{
	if (p->id && *p->id)
		return 0;
	sv_error_t err = { "id: no article id given", 0 };
	api_error(r, 400, &err);
	return -1;
}

void api_article(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r)
{
	sv_error_t err = { "", 0 };
	json_t *out = NULL;
	if (need_id(p, r) < 0)
		return;
	sv_status_t st = sv_backend_article(b, p->id, p->q, &out, &err);
	if (st != SV_OK)
		api_error(r, api_http_status(st), &err);
	else
		reply_json(r, 200, out);
	json_decref(out);
}

void api_related(sv_backend_t *b, const sv_params_t *p, sv_reply_t *r)
{
	sv_error_t err = { "", 0 };
	json_t *out = NULL;
	unsigned n = SV_DEFAULT_HITS;
	if (need_id(p, r) < 0)
		return;
	if (parse_number("n", p->n, SV_MAX_HITS, &n, &err) < 0) {
		api_error(r, 400, &err);
		return;
	}
	sv_status_t st = sv_backend_related(b, p->id, n, &out, &err);
	if (st != SV_OK)
		api_error(r, api_http_status(st), &err);
	else
		reply_json(r, 200, out);
	json_decref(out);
}
