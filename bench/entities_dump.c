/*
 * entities-dump - the people and places Dateline extracts from files, for
 * the extraction's evaluation (bench/entities.py). For every article of
 * every FILE: id<TAB>person keys (;)<TAB>place keys (;)<TAB>their ISO
 * country codes (;)<TAB>organisation keys (;). The files are read with the indexer's own readers.
 * With --codes: the country code of each place name read on stdin.
 * With --words: how the English word list writes each folded word read on
 * stdin (word<TAB>AN_GZ_WORD_ bits: 1 lower case, 2 capitalised, 0 absent).
 * With --text: id<TAB>title<TAB>body of every article instead.
 * With --share: id<TAB>language<TAB>share of English function words<TAB>
 * 1 when the tagger reads the article, 0 when not (entities.h).
 * An article's language is the indexer's: the one it declares, else the
 * one its text is detected in, else English.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/gazetteer.h"
#include "../analysis/language.h"
#include "../indexer/ingest.h"
#include "../analysis/ner_lists.h"
#include "../analysis/tagger.h"
#include "../indexer/article.h"
#include "../indexer/dateline.h"
#include "../indexer/encoding.h"
#include "../indexer/entities.h"

/* --text: id<TAB>title<TAB>body, whitespace flattened (the peers of the
 * benchmark index the same text). */
static int text_mode, share_mode;
static lang_detector_t *detector;

/* a->language as the indexer sets it (ingest_language), English when
 * nothing else tells. */
static void set_language(article_t *a)
{
	int oom;
	ingest_language(a, detector, "en", &oom);
}

/* --share: the gate's figures of one article. */
static int share(const article_t *a, const char *id, const char *suffix)
{
	entity_text_t t, b;
	entity_text_init(&t, a->title);
	entity_text_init(&b, a->body);
	int rc = 0;
	if ((a->title && an_tokenize(a->title, strlen(a->title), entity_text_add, &t) < 0) ||
	    (a->body && an_tokenize(a->body, strlen(a->body), entity_text_add, &b) < 0))
		rc = -1;
	size_t words = 0;
	double sh = entities_english_share(&t, &b, &words);
	if (rc == 0)
		printf("%s%s\t%s\t%.4f\t%d\t%zu\n", id, suffix, a->language ? a->language : "",
		       sh, entities_tagger_reads(a->language, sh, words), words);
	entity_text_clear(&t);
	entity_text_clear(&b);
	return rc;
}

static void flat(const char *s)
{
	int space = 0;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\t' || c == '\n' || c == '\r' || c == ' ') {
			space = 1;
			continue;
		}
		if (space)
			putchar(' ');
		space = 0;
		putchar(c);
	}
}

static int dump(article_t *a, const char *suffix, void *ctx)
{
	if (text_mode) {
		printf("%s%s\t", (const char *)ctx, suffix);
		flat(a->title);
		putchar('\t');
		flat(a->body);
		putchar('\n');
		return 0;
	}
	set_language(a);
	if (share_mode)
		return share(a, ctx, suffix);
	entities_t e;
	/* As the indexer does: the place of the dateline, when the reader
	 * found none. */
	if (article_dateline(a) < 0 || entities_extract(a, &e) < 0) {
		const char *why = an_tagger_shared_error();
		fprintf(stderr, "entities-dump: %s\n", why ? why : "out of memory");
		return -1;
	}
	printf("%s%s\t", (const char *)ctx, suffix);
	for (size_t i = 0; i < e.npersons; i++)
		printf("%s%s", i ? ";" : "", e.persons[i].key);
	putchar('\t');
	for (size_t i = 0; i < e.nplaces; i++)
		printf("%s%s", i ? ";" : "", e.places[i].key);
	putchar('\t');
	for (size_t i = 0; i < e.nplaces; i++) {
		const an_place_t *p = an_place_lookup(e.places[i].key);
		printf("%s%s", i ? ";" : "", p ? p->country : "XX");
	}
	putchar('\t');
	for (size_t i = 0; i < e.norgs; i++)
		printf("%s%s", i ? ";" : "", e.orgs[i].key);
	putchar('\n');
	entities_free(&e);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--codes") == 0) {
		/* The country code of each place name read on stdin. */
		char line[512];
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			const an_place_t *p = an_place_find(line, strlen(line));
			printf("%s\n", p ? p->country : "XX");
		}
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--words") == 0) {
		char line[512];
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			printf("%s\t%u\n", line, an_dict_word(line, strlen(line)));
		}
		return 0;
	}
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "--text") == 0) {
		text_mode = 1;
		first = 2;
	} else if (argc > 1 && strcmp(argv[1], "--share") == 0) {
		share_mode = 1;
		first = 2;
	}
	if (!text_mode)
		detector = lang_detector_new();
	for (int i = first; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (!f) {
			perror(argv[i]);
			return 1;
		}
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		char *buf = malloc((size_t)n + 1);
		if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
			fclose(f);
			return 1;
		}
		fclose(f);
		buf[n] = '\0';
		size_t len = (size_t)n, bad;
		char *conv = NULL;
		const char *base = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		article_t a = { 0 };
		if (feed_detect(buf, len)) {
			feed_read(buf, len, dump, (void *)base);
		} else if (!reuters_detect(buf, len) && html_detect(buf, len)) {
			html_read(buf, len, enc_valid_utf8(buf, len, &bad) ? "UTF-8" : NULL, &a);
			dump(&a, "", (void *)argv[i]);
		} else {
			const char *text = buf;
			if (!enc_valid_utf8(buf, len, &bad))
				text = conv = enc_cp1252_to_utf8(buf, len, &len);
			if (reuters_detect(text, len)) {
				reuters_read(text, len, dump, (void *)base);
			} else {
				text_read(text, len, &a);
				dump(&a, "", (void *)argv[i]);
			}
		}
		article_clear(&a);
		free(conv);
		free(buf);
	}
	lang_detector_destroy(detector);
	return 0;
}
