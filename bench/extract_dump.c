/*
 * extract-dump - the title, author, date, place and body Dateline reads
 * from files, for the extraction's evaluation (bench/article_extract.py,
 * bench/html_extract.py). One JSON object a line per article:
 * {"file": FILE, "id": suffix, "format", "title", "author", "date",
 * "place", "body"} (absent fields are null). The files are read the way
 * the indexer reads them (indexer/ingest.c: a BOM skipped, HTML parsed
 * from its bytes, other text made UTF-8, then the format's own reader).
 * With no FILE arguments, the file names are read from stdin, one a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../indexer/article.h"
#include "../indexer/encoding.h"

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int dump(article_t *a, const char *suffix, void *ctx)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string((const char *)ctx));
	json_object_set_new(o, "id", json_string(suffix));
	json_object_set_new(o, "format", str_or_null(a->format));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "author", str_or_null(a->author));
	json_object_set_new(o, "date", str_or_null(a->date));
	json_object_set_new(o, "place", str_or_null(a->place));
	json_object_set_new(o, "body", str_or_null(a->body));
	char *s = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(o);
	if (!s)
		return -1;
	puts(s);
	free(s);
	return 0;
}

/* Read one file and dump its articles; 0, or 1 when it cannot be read. */
static int dump_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	do {
		if (len + 65536 > cap) {
			cap = cap ? 2 * cap : 131072;
			char *p = realloc(buf, cap + 1);
			if (!p) {
				free(buf);
				fclose(f);
				return 1;
			}
			buf = p;
		}
		got = fread(buf + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	if (!buf)
		return 0;
	buf[len] = '\0';
	const char *text = buf;
	size_t bad, bom = enc_bom_len(buf, len);
	text += bom;
	len -= bom;
	char *conv = NULL;
	article_t a = { 0 };
	int is_reuters = reuters_detect(text, len);
	int is_feed = !is_reuters && feed_detect(text, len);
	if (!is_reuters && !is_feed && html_detect(text, len)) {
		html_read(text, len, enc_valid_utf8(text, len, &bad) ? "UTF-8" : NULL, &a);
		dump(&a, "", (void *)path);
	} else {
		if (!is_feed && !enc_valid_utf8(text, len, &bad)) {
			text = conv = enc_cp1252_to_utf8(text, len, &len);
			if (!conv) {
				free(buf);
				return 1;
			}
		}
		if (is_feed)
			feed_read(text, len, dump, (void *)path);
		else if (is_reuters)
			reuters_read(text, len, dump, (void *)path);
		else if (text_read(text, len, &a) == 0)
			dump(&a, "", (void *)path);
	}
	article_clear(&a);
	free(conv);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			rc |= dump_file(argv[i]);
		return rc;
	}
	char line[4096];
	while (fgets(line, sizeof(line), stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (*line)
			rc |= dump_file(line);
	}
	return rc;
}
