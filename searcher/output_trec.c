/* output_trec.c - results as TREC run lines (see output.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../util/safeprint.h"

#include "output.h"

/* qid Q0 id rank score tag. Whitespace in a qid or an id (a path with
 * spaces) would split the line: it becomes '_'; the id is printed as
 * safe_name() shows it. */
void output_trec_result(FILE *f, const char *qid, const search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		const search_hit_t *h = &res->hits[i];
		char *shown = h->id ? safe_name(h->id, strlen(h->id)) : NULL;
		for (const char *p = qid; *p; p++)
			fputc(isspace((unsigned char)*p) ? '_' : *p, f);
		fputs(" Q0 ", f);
		for (const char *p = shown ? shown : "?"; *p; p++)
			fputc(isspace((unsigned char)*p) ? '_' : *p, f);
		free(shown);
		fprintf(f, " %u %.6f dateline\n", h->rank, h->score);
	}
}
