/* answer.c - answering dateline-search's command line (see answer.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util/safeprint.h"
#include "answer.h"
#include "output.h"

static const char *progname = "dateline-search";

typedef struct {
	searcher_t *s;
	const options_t *o;
	search_request_t req;    /* o's, fitted to the output mode */
	output_style_t style;
	FILE *timings;           /* --timings: qid<TAB>milliseconds */
} ctx_t;

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* The exit status of a search status. */
static int exit_status(int rc)
{
	return rc == SEARCH_OK ? 0 : rc == SEARCH_EQUERY || rc == SEARCH_EREQUEST ? 2 : 1;
}

static void report_problems(const search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++)
		if (res->hits[i].problem)
			fprintf(stderr, "%s: %s\n", progname, res->hits[i].problem);
}

/* Answer one query (qid NULL: from the command line). */
static int answer_query(ctx_t *c, const char *qid, const char *text)
{
	char err[512];
	search_result_t res;
	double t0 = now_ms();
	int rc = search_run(c->s, text, &c->req, &res, err, sizeof(err));
	if (rc == SEARCH_EQUERY)
		fprintf(stderr, "%s: query%s%s: %s\n", progname, qid ? " " : "", qid ? qid : "",
			err);
	else if (rc != SEARCH_OK)
		fprintf(stderr, "%s: %s\n", progname, err);
	if (rc != SEARCH_OK)
		goto out;
	report_problems(&res);
	if (c->o->count_only) {
		output_text_count(stdout, qid, &res);
		output_text_count_suggestion(stderr, progname, qid, &res);
	}
	else if (c->o->mode == OUT_TREC)
		output_trec_result(stdout, qid, &res);
	else if (c->o->mode == OUT_JSON)
		output_json_result(stdout, qid, &res);
	else
		output_text_result(stdout, &c->style, qid, &res);
	if (c->timings)
		fprintf(c->timings, "%s\t%.3f\n", qid ? qid : "-", now_ms() - t0);
out:
	search_result_free(&res);
	return exit_status(rc);
}

/* --batch FILE: one "qid<TAB>query" per line. A bad query is reported and
 * the others answered. Returns the worst status. */
static int answer_batch(ctx_t *c, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long lineno = 0;
	int status = 0;

	if (!f) {
		fprintf(stderr, "%s: --batch: %s: %s\n", progname, path, strerror(errno));
		return 1;
	}
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n == 0)
			continue;
		char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s: --batch: %s:%lu: expected qid<TAB>query\n",
				progname, path, lineno);
			status = status ? status : 2;
			continue;
		}
		*tab = '\0';
		/* The qid is printed back (TREC, JSON, --count): no control
		 * character or invalid byte of the file reaches the output. */
		char *qid = safe_strdup(line, strlen(line));
		if (!qid) {
			fprintf(stderr, "%s: out of memory\n", progname);
			status = 1;
			break;
		}
		int rc = answer_query(c, qid, tab + 1);
		free(qid);
		if (rc == 1)
			status = 1;
		else if (rc == 2 && status == 0)
			status = 2;
		if (rc == 1)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: --batch: %s: %s\n", progname, path, strerror(errno));
		status = 1;
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return status;
}

static int answer_related(ctx_t *c, const char *id)
{
	char err[512];
	search_result_t res;
	int rc = search_related(c->s, id, &c->req, &res, err, sizeof(err));
	if (rc != SEARCH_OK) {
		fprintf(stderr, "%s: --related: %s\n", progname, err);
	} else {
		report_problems(&res);
		if (c->o->mode == OUT_JSON)
			output_json_result(stdout, NULL, &res);
		else
			output_text_related(stdout, &c->style, &res);
	}
	search_result_free(&res);
	return rc == SEARCH_OK ? 0 : 1;
}

static int answer_show(ctx_t *c, const char *id)
{
	char err[512];
	dl_record_t *rec = NULL;
	int rc = search_article(c->s, id, &rec, err, sizeof(err));
	if (rc != SEARCH_OK) {
		fprintf(stderr, "%s: --show: ", progname);
		safe_puts(stderr, err);
		fputc('\n', stderr);
	} else if (c->o->mode == OUT_JSON)
		output_json_article(stdout, rec);
	else
		output_text_article(stdout, rec);
	dl_record_free(rec);
	return rc == SEARCH_OK ? 0 : 1;
}

int answer(searcher_t *s, const options_t *o)
{
	ctx_t c = { s, o, o->req, { o->color, o->marks, o->close_mark }, NULL };
	int status;
	if (o->color < 0) {
		const char *nc = getenv("NO_COLOR");
		c.style.color = isatty(STDOUT_FILENO) && !(nc && *nc);
	}
	/* Did you mean: on the terminal, in JSON (a last line) and beside
	 * --count (on stderr); not in TREC runs. The count a person reads is
	 * exact up to 100; above, Xapian estimates. Tools get none, and the
	 * search stops earlier. */
	c.req.suggest = o->mode != OUT_TREC;
	c.req.exact_upto = o->mode == OUT_TEXT ? 100 : 0;
	c.req.read = o->count_only ? SEARCH_READ_COUNT
		     : o->mode == OUT_TREC ? SEARCH_READ_IDS : SEARCH_READ_FULL;
	if (o->mode == OUT_TREC)
		c.req.facets = 0;
	if (o->timings && !(c.timings = fopen(o->timings, "w"))) {
		fprintf(stderr, "%s: --timings: %s: %s\n", progname, o->timings, strerror(errno));
		return 1;
	}
	if (o->show)
		status = answer_show(&c, o->show);
	else if (o->related)
		status = answer_related(&c, o->related);
	else if (o->batch)
		status = answer_batch(&c, o->batch);
	else
		status = answer_query(&c, NULL, o->query);
	if (c.timings && fclose(c.timings) != 0) {
		fprintf(stderr, "%s: --timings: %s: %s\n", progname, o->timings, strerror(errno));
		status = 1;
	}
	return status;
}
