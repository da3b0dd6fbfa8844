/*
 * gazetteer_gen.c - make the gazetteers' tables at build time
 * (gazetteer_table.h): the project's list of places, Debian's iso-codes
 * (the folder given, else AN_ISO_CODES_DIR), libgeonames' cities and the
 * English word list of Debian's wamerican (AN_WORD_LIST), written as C
 * source to standard output.
 *
 *   gazetteer_gen [ISO_CODES_DIR] > gazetteer_table.c
 *
 * Exit status 1, with the reason on stderr, when iso-codes cannot be read,
 * libgeonames has no cities or the word list is missing: a build without
 * them would tag otherwise than the model was trained to.
 */
#include <stdio.h>

#include "../analysis/gazetteer.h"
#include "../analysis/gazetteer_table.h"

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : AN_ISO_CODES_DIR;
	an_gz_table_t t;
	if (argc > 2) {
		fprintf(stderr, "usage: gazetteer_gen [ISO_CODES_DIR] > gazetteer_table.c\n");
		return 2;
	}
	if (an_gz_build(dir, AN_GZ_PLACES | AN_GZ_CITIES | AN_GZ_WORDS, &t) < 0) {
		fprintf(stderr, "gazetteer_gen: out of memory\n");
		return 1;
	}
	int rc = 0;
	if (!t.iso_ok) {
		fprintf(stderr, "gazetteer_gen: %s/iso_3166-1.json: cannot be read "
			"(install Debian's iso-codes)\n", dir);
		rc = 1;
	} else if (t.city_max_words == 0) {
		fprintf(stderr, "gazetteer_gen: libgeonames has no cities "
			"(install Debian's libgeonames-dev)\n");
		rc = 1;
	} else if (!t.words_ok) {
		fprintf(stderr, "gazetteer_gen: %s: cannot be read (install Debian's wamerican)\n",
			AN_WORD_LIST);
		rc = 1;
	} else if (an_gz_write_c(&t, stdout) < 0 || fflush(stdout) != 0) {
		perror("gazetteer_gen: standard output");
		rc = 1;
	}
	an_gz_free(&t);
	return rc;
}
