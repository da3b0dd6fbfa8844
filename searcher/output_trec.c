/* output_trec.c - results as TREC run lines (see output.h). */
#include <ctype.h>

#include "output.h"

/* qid Q0 id rank score tag. Whitespace in an id (a path with spaces)
 * would split the line: it becomes '_'. */
void output_trec_result(FILE *f, const char *qid, const search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		const search_hit_t *h = &res->hits[i];
		fprintf(f, "%s Q0 ", qid);
		for (const char *p = h->id ? h->id : "?"; *p; p++)
			fputc(isspace((unsigned char)*p) ? '_' : *p, f);
		fprintf(f, " %u %.6f dateline\n", h->rank, h->score);
	}
}
