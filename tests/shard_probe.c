/*
 * shard_probe - one searcher kept open while its shards come and go, for
 * tests/e2e/85-shards.sh: what dateline-serve does for its life.
 *
 *   shard_probe DB
 *
 * Opens DB (an index or a stub) once, then answers each line of stdin (a
 * query) with one line on stdout, flushed: "ok TOTAL ID-OF-THE-FIRST-HIT"
 * (then the first hit's title, when it has one) or "error MESSAGE".
 * "open failed: MESSAGE" and exit 1 when DB cannot be
 * opened; exit 0 at the end of stdin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../searcher/search.h"

int main(int argc, char **argv)
{
	char err[4096], *line = NULL;
	size_t cap = 0;
	ssize_t n;
	searcher_t *s = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: shard_probe DB\n");
		return 2;
	}
	if (searcher_open(argv[1], &s, err, sizeof(err)) != SEARCH_OK) {
		printf("open failed: %s\n", err);
		return 1;
	}
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		search_request_t r;
		search_result_t res;
		search_request_init(&r);
		err[0] = '\0';
		if (search_run(s, line, &r, &res, err, sizeof(err)) == SEARCH_OK) {
			const char *title = res.nhits && res.hits[0].rec ?
				dl_record_get(res.hits[0].rec, DL_F_TITLE) : NULL;
			printf("ok %u %s%s%s\n", res.total, res.nhits ? res.hits[0].id : "-",
			       title ? " " : "", title ? title : "");
		} else
			printf("error %s\n", err);
		fflush(stdout);
		search_result_free(&res);
	}
	free(line);
	searcher_close(s);
	return 0;
}
