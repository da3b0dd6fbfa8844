/*
 * bench/lang_detect.c - the indexer's language detector (analysis/
 * language.h) on each line of stdin (a text, its newlines written "\n"):
 * one code per line ("-" when it says nothing). With --prefer CODE, as the
 * indexer calls it with the run's language.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/language.h"

int main(int argc, char **argv)
{
	const char *prefer = argc == 3 && strcmp(argv[1], "--prefer") == 0 ? argv[2] : NULL;
	lang_detector_t *d = lang_detector_new();
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	if (!d) {
		fprintf(stderr, "lang-detect: cannot load libexttextcat's models\n");
		return 1;
	}
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		size_t k = 0;
		for (ssize_t i = 0; i < n; i++) {
			if (line[i] == '\n')
				continue;
			if (line[i] == '\\' && i + 1 < n && line[i + 1] == 'n') {
				line[k++] = '\n';
				i++;
			} else {
				line[k++] = line[i];
			}
		}
		const char *c = lang_detect(d, line, k, prefer);
		printf("%s\n", c ? c : "-");
	}
	free(line);
	lang_detector_destroy(d);
	return 0;
}
