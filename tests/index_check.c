/*
 * index_check - print what a Dateline index holds, in a form two indexes
 * can be compared by (tests/crash.sh diffs a recovered index against a
 * clean run's):
 *
 *   docs N             the number of articles
 *   id TERM TF         every id term and the number of articles holding it
 *                      (1: an id twice is a TF of 2)
 *   file TERM TF       every file term and its number of articles
 *   spelling W TOTAL   the spelling table: words, and their counts summed
 *
 * Exit status 0, 1 when the index cannot be opened or read, 3 when an id
 * is held by more than one article.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../shim/dx.h"

typedef struct {
	const char *label;
	unsigned long repeated;
} dump_t;

static int print_term(const char *term, size_t len, uint32_t tf, void *ctx)
{
	dump_t *d = ctx;
	printf("%s %.*s %" PRIu32 "\n", d->label, (int)len, term, tf);
	if (tf > 1)
		d->repeated++;
	return 0;
}

typedef struct {
	unsigned long words;
	unsigned long long total;
} spell_t;

static int count_word(const char *term, size_t len, uint32_t freq, void *ctx)
{
	spell_t *s = ctx;
	(void)term;
	(void)len;
	s->words++;
	s->total += freq;
	return 0;
}

int main(int argc, char **argv)
{
	dx_db_t *db;
	uint32_t docs = 0;
	dump_t ids = { "id", 0 }, files = { "file", 0 };
	spell_t sp = { 0, 0 };

	if (argc != 2) {
		fprintf(stderr, "usage: index_check DB\n");
		return 2;
	}
	if (dx_db_open_read(argv[1], &db) != DX_OK) {
		fprintf(stderr, "index_check: %s: %s\n", argv[1], dx_last_error());
		return 1;
	}
	int rc = dx_db_doc_count(db, &docs) != DX_OK ||
		 (printf("docs %" PRIu32 "\n", docs), 0) ||
		 dx_db_each_vocab(db, DL_PREFIX_ID, print_term, &ids) != DX_OK ||
		 dx_db_each_vocab(db, DL_PREFIX_FILE, print_term, &files) != DX_OK ||
		 dx_db_each_spelling(db, "", count_word, &sp) != DX_OK;
	if (rc)
		fprintf(stderr, "index_check: %s: %s\n", argv[1], dx_last_error());
	else
		printf("spelling %lu %llu\n", sp.words, sp.total);
	dx_db_close(db);
	if (rc)
		return 1;
	if (ids.repeated) {
		fprintf(stderr, "index_check: %s: %lu ids held by more than one article\n",
			argv[1], ids.repeated);
		return 3;
	}
	return 0;
}
