/*
 * fuzz.h - what the fuzz harnesses (tests/fuzz/fuzz_*.c) share.
 *
 * Each harness is one libFuzzer entry point, LLVMFuzzerTestOneInput(),
 * that feeds its input to one part of Dateline and checks what that part
 * promises (every field valid UTF-8, a tree that prints and parses back
 * the same...). A broken promise is reported on stderr and abort()s, which
 * libFuzzer and the seed runner (run_seeds.c) both count as a failure.
 * `make fuzz` links them with libFuzzer (clang); `make check` runs them
 * over their seeds (tests/fuzz/seeds/NAME/) with run_seeds.c.
 */
#ifndef DATELINE_FUZZ_H
#define DATELINE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../indexer/article.h"
#include "../../indexer/dateline.h"
#include "../../util/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with a message: a property does not hold. */
#define FUZZ_FAIL(...) \
	do { \
		fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		abort(); \
	} while (0)

/* A NUL-terminated copy of the input (malloc'ed; NULL when out of
 * memory, which the harness then skips). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

/* The promise of the readers (article.h): every field valid UTF-8; of
 * article_clean(): then no control character either (the body keeps
 * its newlines and tabs); of article_dateline(): a place of one line. */
static inline void fuzz_check_article(article_t *a)
{
	char *const fields[] = { a->title, a->author, a->date, a->place, a->source,
				 a->url, a->language, a->body };
	size_t bad = 0;
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i] && !utf8_valid(fields[i], strlen(fields[i]), &bad))
			FUZZ_FAIL("field %zu of a read article is not UTF-8 at byte %zu", i, bad);
	utf8_fixes_t fixes = { 0, 0 };
	if (article_clean(a, &fixes) < 0)
		return;  /* out of memory */
	char *const clean[] = { a->title, a->author, a->date, a->place, a->source,
				a->url, a->language };
	for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++)
		if (clean[i] && !utf8_is_clean(clean[i], strlen(clean[i]), 0))
			FUZZ_FAIL("field %zu is not clean after article_clean()", i);
	if (a->body && !utf8_is_clean(a->body, strlen(a->body), UTF8_KEEP_LINES))
		FUZZ_FAIL("the body is not clean after article_clean()");
	if (fixes.invalid)
		FUZZ_FAIL("a reader handed on %zu bytes that are not UTF-8", fixes.invalid);
	/* And of the dateline's place the indexer takes next: one clean line. */
	if (article_dateline(a) < 0)
		return;
	if (a->place && !utf8_is_clean(a->place, strlen(a->place), 0))
		FUZZ_FAIL("the dateline's place is not one clean line");
}

/* Container readers' callback: each item as a single article. */
static inline int fuzz_check_item(article_t *a, const char *suffix, void *ctx)
{
	(void)ctx;
	if (!suffix || suffix[0] != '#' || strlen(suffix) >= ARTICLE_SUFFIX_BYTES)
		FUZZ_FAIL("an item's id suffix is not '#...' of at most %d bytes",
			  ARTICLE_SUFFIX_BYTES - 1);
	if (!utf8_valid(suffix, strlen(suffix), NULL))
		FUZZ_FAIL("an item's id suffix is not UTF-8");
	fuzz_check_article(a);
	return 0;
}

#endif /* DATELINE_FUZZ_H */
