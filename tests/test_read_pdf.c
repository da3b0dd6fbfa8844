/* Unit tests for indexer/read_pdf.c: PDF documents written here, object by
 * object (Helvetica, one of the fonts every reader has, WinAnsi text). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/schema.h"
#include "../indexer/article.h"

/* A line of a page: its font size and its text (WinAnsi bytes); size 0
 * starts a new page. */
typedef struct {
	int size;
	const char *text;
} line_t;

/* A PDF of the lines, with an Info dictionary when info is not NULL (its
 * entries as written, "/Title (x) /Author (y)") and an /Encrypt entry when
 * encrypt is set. Returns a malloc'ed buffer, its length in *len. */
static char *make_pdf(const line_t *lines, size_t nlines, const char *info, int encrypt,
		      size_t *len)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);
	long off[64];
	int obj = 0;
	int pages[16], npages = 0;
	char *content[16] = { 0 };
	size_t clen[16] = { 0 };
	FILE *c = NULL;
	int y = 720;

	for (size_t i = 0; i <= nlines; i++) {
		if (i == nlines || lines[i].size == 0 || !c) {
			if (c) {
				fclose(c);
				npages++;
			}
			if (i == nlines)
				break;
			c = open_memstream(&content[npages], &clen[npages]);
			y = 720;
			if (lines[i].size == 0)
				continue;
		}
		fprintf(c, "BT /F1 %d Tf 72 %d Td (%s) Tj ET\n", lines[i].size, y, lines[i].text);
		y -= lines[i].size + 4;
	}
	fputs("%PDF-1.4\n", f);
	/* 1 catalog, 2 pages, 3 font, 4 info, 5 encrypt, then page, content. */
	fflush(f);
	off[++obj] = (long)n;
	fprintf(f, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
	fflush(f);
	off[++obj] = (long)n;
	fprintf(f, "2 0 obj << /Type /Pages /Count %d /Kids [", npages);
	for (int p = 0; p < npages; p++) {
		pages[p] = 6 + 2 * p;
		fprintf(f, " %d 0 R", pages[p]);
	}
	fprintf(f, " ] >> endobj\n");
	fflush(f);
	off[++obj] = (long)n;
	fprintf(f, "3 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
		"/Encoding /WinAnsiEncoding >> endobj\n");
	fflush(f);
	off[++obj] = (long)n;
	fprintf(f, "4 0 obj << %s >> endobj\n", info ? info : "");
	fflush(f);
	off[++obj] = (long)n;
	/* A standard security handler whose user password is not empty:
	 * these O and U values match no password a reader tries. */
	fprintf(f, "5 0 obj << /Filter /Standard /V 1 /R 2 /P -4 "
		"/O <0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef> "
		"/U <fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210> >> endobj\n");
	for (int p = 0; p < npages; p++) {
		fflush(f);
		off[++obj] = (long)n;
		fprintf(f, "%d 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
			"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >> endobj\n",
			obj, obj + 1);
		fflush(f);
		off[++obj] = (long)n;
		fprintf(f, "%d 0 obj << /Length %zu >> stream\n", obj, clen[p]);
		fwrite(content[p], 1, clen[p], f);
		fprintf(f, "endstream endobj\n");
		free(content[p]);
	}
	fflush(f);
	long xref = (long)n;
	fprintf(f, "xref\n0 %d\n0000000000 65535 f \n", obj + 1);
	for (int i = 1; i <= obj; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer << /Size %d /Root 1 0 R /Info 4 0 R %s>>\nstartxref\n%ld\n%%%%EOF\n",
		obj + 1, encrypt ? "/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> "
				   "<00112233445566778899aabbccddeeff>] " : "", xref);
	fclose(f);
	*len = n;
	return s;
}

static const line_t REPORT[] = {
	{ 24, "Monitors report on the" },
	{ 24, "Donetsk ceasefire" },
	{ 11, "The mission's observers said the ceasefire held for most of the week, and" },
	{ 11, "the heavy weapons were moved back from the line of contact after long negoti-" },
	{ 11, "ations between the two sides. Caf\351 owners reopened." },
	{ 0, NULL },
	{ 11, "On the second page the report lists the villages visited by the teams." },
};

static void test_pdf_read_largest_text_title(void **state)
{
	(void)state;
	size_t len;
	char *pdf = make_pdf(REPORT, sizeof(REPORT) / sizeof(REPORT[0]), NULL, 0, &len);
	article_t a = { 0 };
	char err[256];
	assert_true(pdf_detect(pdf, len));
	assert_int_equal(pdf_read(pdf, len, &a, err, sizeof(err)), 0);
	assert_string_equal(a.format, DL_FORMAT_PDF);
	assert_string_equal(a.title, "Monitors report on the Donetsk ceasefire");
	assert_null(a.author);
	/* Hyphenation at a line's end joined, lines of a paragraph one line. */
	assert_non_null(strstr(a.body, "after long negotiations between"));
	assert_non_null(strstr(a.body, "held for most of the week, and the heavy"));
	assert_non_null(strstr(a.body, "Caf\xc3\xa9 owners"));
	assert_non_null(strstr(a.body, "villages visited"));
	article_clear(&a);
	free(pdf);
}

static void test_pdf_read_metadata(void **state)
{
	(void)state;
	size_t len;
	char *pdf = make_pdf(REPORT, 3, "/Title (Weekly report 17) /Author (Field Office) "
			     "/CreationDate (D:20140417103000+02'00')", 0, &len);
	article_t a = { 0 };
	char err[256];
	assert_int_equal(pdf_read(pdf, len, &a, err, sizeof(err)), 0);
	assert_string_equal(a.title, "Weekly report 17");
	assert_string_equal(a.author, "Field Office");
	assert_string_equal(a.date, "2014-04-17");
	article_clear(&a);
	free(pdf);
}

static void test_pdf_read_encrypted_and_broken(void **state)
{
	(void)state;
	size_t len;
	char *pdf = make_pdf(REPORT, 3, NULL, 1, &len);
	article_t a = { 0 };
	char err[256];
	assert_int_equal(pdf_read(pdf, len, &a, err, sizeof(err)), 1);
	assert_non_null(strstr(err, "encrypted"));
	assert_null(a.body);
	article_clear(&a);
	/* Cut to its first 60 bytes: no page, no xref. */
	assert_int_equal(pdf_read(pdf, 60, &a, err, sizeof(err)), 1);
	assert_non_null(strstr(err, "not a PDF poppler can read"));
	article_clear(&a);
	free(pdf);
	assert_false(pdf_detect("<html>", 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf_read_largest_text_title),
		cmocka_unit_test(test_pdf_read_metadata),
		cmocka_unit_test(test_pdf_read_encrypted_and_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
