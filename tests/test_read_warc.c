/* Unit tests for indexer/read_warc.c: records made by hand, damaged ones
 * included. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "../analysis/schema.h"
#include "../indexer/article.h"
#include "reader_sink.h"
#include "../util/utf8.h"

/* A record: its header with the block's true length (or length, when not
 * -1), the block, and the CR LF CR LF after it. Returns a malloc'ed
 * string. */
static char *record_len(const char *type, const char *id, const char *uri, const char *ctype,
			const char *block, long long length)
{
	size_t n = strlen(block);
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	fprintf(f, "WARC/1.1\r\nWARC-Type: %s\r\n", type);
	if (id)
		fprintf(f, "WARC-Record-ID: <%s>\r\n", id);
	if (uri)
		fprintf(f, "WARC-Target-URI: %s\r\n", uri);
	fprintf(f, "WARC-Date: 2014-04-17T10:00:00Z\r\n");
	if (ctype)
		fprintf(f, "Content-Type: %s\r\n", ctype);
	fprintf(f, "Content-Length: %lld\r\n\r\n", length < 0 ? (long long)n : length);
	fwrite(block, 1, n, f);
	fputs("\r\n\r\n", f);
	fclose(f);
	return s;
}

static char *record(const char *type, const char *id, const char *uri, const char *ctype,
		    const char *block)
{
	return record_len(type, id, uri, ctype, block, -1);
}

#define PAGE "<html><head><title>Talks in Geneva</title></head><body><article><p>" \
	"Diplomats met in Geneva on Thursday and agreed on steps to calm the east of " \
	"the country, officials said.</p></article></body></html>"
#define HTTP_OK "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"

static char path[64];

static int setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/test_read_warc.XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

/* Write the strings (NULL-terminated list, each freed) to the test file;
 * gz: each in a gzip member of its own. */
static void write_file(int gz, ...)
{
	va_list ap;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fclose(f);
	va_start(ap, gz);
	for (char *s; (s = va_arg(ap, char *));) {
		if (gz) {
			gzFile z = gzopen(path, "ab");
			assert_non_null(z);
			gzwrite(z, s, (unsigned)strlen(s));
			gzclose(z);
		} else {
			f = fopen(path, "ab");
			fputs(s, f);
			fclose(f);
		}
		free(s);
	}
	va_end(ap);
}

static int read_warc(sink_t *g, unsigned long long max)
{
	return warc_read(path, max, sink_keep, sink_noted, g);
}

static void test_warc_read_response(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(0,
		   record("warcinfo", "urn:uuid:info", NULL, "application/warc-fields",
			  "software: hand\r\n"),
		   record("request", "urn:uuid:req", "http://x.example/a",
			  "application/http; msgtype=request", "GET /a HTTP/1.1\r\n\r\n"),
		   record("response", "urn:uuid:1", "http://x.example/a",
			  "application/http; msgtype=response", HTTP_OK PAGE),
		   NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#urn:uuid:1");
	assert_string_equal(g.a[0].title, "Talks in Geneva");
	assert_string_equal(g.a[0].url, "http://x.example/a");
	assert_string_equal(g.a[0].format, DL_FORMAT_WARC);
	/* The page has no date: the capture's. */
	assert_string_equal(g.a[0].date, "2014-04-17");
	assert_non_null(strstr(g.a[0].body, "Diplomats met in Geneva"));
	assert_null(strstr(g.a[0].body, "HTTP/1.1"));
	assert_int_equal(g.nnotes, 0);
	sink_clear(&g);
}

/* Header values that are not UTF-8 (fuzzer finds): the URL keeps its
 * bytes percent-encoded, an id that is not clean gives the position, and
 * a note quoting a value from the file is clean. */
static void test_warc_read_bad_bytes(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(0,
		   record("response", "urn:\x1b[31m\xff", "http://x.example/caf\xe9?q=\xc3\xa9",
			  "application/http", HTTP_OK PAGE),
		   record("response", "urn:uuid:2", "http://x.example/b", "application/http",
			  "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
			  "Content-Encoding: br\x1b]0;x\x07\xff\r\n\r\n" PAGE),
		   NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#1");
	assert_string_equal(g.a[0].url, "http://x.example/caf%E9?q=\xc3\xa9");
	assert_non_null(strstr(g.notes, "content encoding"));
	assert_true(utf8_is_clean(g.notes, strlen(g.notes), UTF8_KEEP_LINES));
	sink_clear(&g);
}

/* Chunked transfer coding around a gzip content coding, and a charset
 * that only the HTTP header names. */
static void test_warc_read_codings(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *latin = "<html><body><p>Caf\xe9 owners in S\xe8te said the "
			    "harbour was quiet, and the fishermen agreed.</p></body></html>";
	unsigned char z[512];
	z_stream zs = { 0 };
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	zs.next_in = (unsigned char *)PAGE;
	zs.avail_in = sizeof(PAGE) - 1;
	zs.next_out = z;
	zs.avail_out = sizeof(z);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	size_t zn = sizeof(z) - zs.avail_out;
	deflateEnd(&zs);
	/* The gzip bytes in two chunks; a NUL among them is fine for the
	 * reader but not for the strings here, so the block is built by
	 * length. */
	char block[1024];
	int k = snprintf(block, sizeof(block), "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
			 "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n%zx;ext=1\r\n",
			 zn / 2);
	memcpy(block + k, z, zn / 2);
	k += (int)(zn / 2);
	k += snprintf(block + k, sizeof(block) - (size_t)k, "\r\n%zx\r\n", zn - zn / 2);
	memcpy(block + k, z + zn / 2, zn - zn / 2);
	k += (int)(zn - zn / 2);
	k += snprintf(block + k, sizeof(block) - (size_t)k, "\r\n0\r\n\r\n");
	FILE *f = fopen(path, "wb");
	fprintf(f, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:2>\r\n"
		"WARC-Target-URI: <http://x.example/b>\r\nContent-Type: application/http\r\n"
		"Content-Length: %d\r\n\r\n", k);
	fwrite(block, 1, (size_t)k, f);
	fputs("\r\n\r\n", f);
	fclose(f);
	char lat[512];
	snprintf(lat, sizeof(lat), "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
		 "charset=ISO-8859-1\r\n\r\n%s", latin);
	char *r = record("response", "urn:uuid:3", "http://x.example/c", "application/http", lat);
	f = fopen(path, "ab");
	fputs(r, f);
	fclose(f);
	free(r);

	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 2);
	/* WARC 1.0's <> around the URI are not part of it. */
	assert_string_equal(g.a[0].url, "http://x.example/b");
	assert_string_equal(g.a[0].title, "Talks in Geneva");
	assert_non_null(strstr(g.a[0].body, "Diplomats met in Geneva"));
	assert_non_null(strstr(g.a[1].body, "Caf\xc3\xa9 owners in S\xc3\xa8te"));
	assert_int_equal(g.nnotes, 0);
	sink_clear(&g);
}

/* Per-record gzip members, as .warc.gz files are written. */
static void test_warc_read_gzip_members(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(1,
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   record("resource", "urn:uuid:2", "file:///notes.txt", "text/plain",
			  "Harbour notes\n\nThe fishermen of the port said the catch was "
			  "good this spring.\n"),
		   record("resource", "urn:uuid:3", "metadata://gnu.org/software/wget/warc/wget.log",
			  "text/plain", "Saving to: a.html\n"),
		   NULL);
	char head[4];
	FILE *f = fopen(path, "rb");
	assert_int_equal(fread(head, 1, 4, f), 4);
	fclose(f);
	assert_true(warc_detect_file(path, head, 4));
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.suffix[1], "#urn:uuid:2");
	assert_string_equal(g.a[1].title, "Harbour notes");
	sink_clear(&g);
}

/* Redirects and errors are not articles; revisits point to the original. */
static void test_warc_read_status_and_revisit(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(0,
		   record("response", "urn:uuid:301", "http://x.example/old", "application/http",
			  "HTTP/1.1 301 Moved\r\nLocation: /a\r\nContent-Type: text/html\r\n\r\n"
			  "<html><body><p>Moved to a new address for good.</p></body></html>"),
		   record("response", "urn:uuid:404", "http://x.example/gone", "application/http",
			  "HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n\r\n"
			  "<html><body><p>This page could not be found here.</p></body></html>"),
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   record("revisit", "urn:uuid:r1", "http://x.example/a", "application/http",
			  "HTTP/1.1 200 OK\r\n\r\n"),
		   NULL);
	/* The revisit's original is in the file: said nothing, indexed once. */
	FILE *f = fopen(path, "ab");
	fputs("WARC/1.1\r\nWARC-Type: revisit\r\nWARC-Record-ID: <urn:uuid:r2>\r\n"
	      "WARC-Refers-To: <urn:uuid:1>\r\nWARC-Target-URI: http://x.example/a\r\n"
	      "Content-Length: 0\r\n\r\n\r\n\r\n", f);
	fclose(f);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#urn:uuid:1");
	/* urn:uuid:r1 refers to nothing in the file. */
	assert_int_equal(g.nnotes, 1);
	assert_non_null(strstr(g.notes, "#urn:uuid:r1: revisit of http://x.example/a"));
	sink_clear(&g);
}

/* A Content-Length too short, then one too long: those records are
 * skipped and the ones after them read. */
static void test_warc_read_wrong_length(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(0,
		   record_len("response", "urn:uuid:short", "http://x.example/s",
			      "application/http", HTTP_OK PAGE, 40),
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   record_len("response", "urn:uuid:long", "http://x.example/l",
			      "application/http", HTTP_OK PAGE, sizeof(HTTP_OK PAGE) + 100),
		   record("response", "urn:uuid:2", "http://x.example/b", "application/http",
			  HTTP_OK PAGE),
		   NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.suffix[0], "#urn:uuid:1");
	assert_string_equal(g.suffix[1], "#urn:uuid:2");
	assert_non_null(strstr(g.notes, "#urn:uuid:short: skipped: its Content-Length"));
	assert_non_null(strstr(g.notes, "#urn:uuid:long: skipped: its Content-Length"));
	sink_clear(&g);
}

/* A record cut off by the end of the file: the records before it kept. */
static void test_warc_read_truncated(void **state)
{
	(void)state;
	sink_t g = { 0 };
	char *last = record("response", "urn:uuid:cut", "http://x.example/c", "application/http",
			    HTTP_OK PAGE);
	last[strlen(last) - 60] = '\0';
	write_file(0,
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   last, NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.notes, "#urn:uuid:cut: skipped: cut off by the end of the file"));
	sink_clear(&g);

	/* The same in a gzip member cut short. */
	write_file(1,
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   record("response", "urn:uuid:cut", "http://x.example/c", "application/http",
			  HTTP_OK PAGE),
		   NULL);
	FILE *f = fopen(path, "rb+");
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fclose(f);
	assert_int_equal(truncate(path, size - 30), 0);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#urn:uuid:1");
	assert_true(g.nnotes >= 1);
	sink_clear(&g);
}

/* A record larger than the limit is skipped, not kept in memory; one
 * whose Content-Length says gigabytes the file does not hold ends it. */
static void test_warc_read_oversized(void **state)
{
	(void)state;
	sink_t g = { 0 };
	char big[6000];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	write_file(0,
		   record("response", "urn:uuid:big", "http://x.example/big", "application/http",
			  big),
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   record_len("response", "urn:uuid:huge", "http://x.example/h",
			      "application/http", HTTP_OK PAGE, 5000000000LL),
		   NULL);
	assert_int_equal(read_warc(&g, 4096), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#urn:uuid:1");
	assert_non_null(strstr(g.notes, "#urn:uuid:big: skipped: larger than 4096 bytes"));
	assert_non_null(strstr(g.notes, "#urn:uuid:huge: skipped: larger than 4096 bytes"));
	assert_non_null(strstr(g.notes, "#urn:uuid:huge: cut off by the end of the file"));
	sink_clear(&g);
}

/* Bytes that are not a record (garbage, a broken header) are reported,
 * and the reader finds the next record. */
static void test_warc_read_resync(void **state)
{
	(void)state;
	sink_t g = { 0 };
	write_file(0, strdup("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\n"
			     "junk junk\r\n"),
		   record("response", "urn:uuid:1", "http://x.example/a", "application/http",
			  HTTP_OK PAGE),
		   strdup("not a record at all\n"),
		   record("response", "urn:uuid:2", "http://x.example/b", "application/http",
			  HTTP_OK PAGE),
		   NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 2);
	assert_non_null(strstr(g.notes, "its Content-Length is not a number"));
	assert_non_null(strstr(g.notes, "not a WARC record"));
	sink_clear(&g);

	/* An empty file: no record and nothing to say (the fuzzer's first find:
	 * the line reader's pointer arithmetic on no buffer). */
	write_file(0, NULL);
	assert_int_equal(read_warc(&g, 1 << 20), 0);
	assert_int_equal(g.n, 0);
	sink_clear(&g);

	assert_int_equal(warc_read("/nonexistent/x.warc", 1 << 20, sink_keep, sink_noted, &g), -2);
	assert_non_null(strstr(g.notes, "cannot open"));
	sink_clear(&g);
}

static void test_warc_detect_file_names(void **state)
{
	(void)state;
	assert_true(warc_detect_file("a/crawl.warc.gz", "", 0));
	assert_true(warc_detect_file("a/crawl.WARC", "", 0));
	assert_true(warc_detect_file("a/noext", "WARC/1.0\r\n", 10));
	assert_false(warc_detect_file("a/page.html", "<html>", 6));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_warc_read_response, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_bad_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_codings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_gzip_members, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_status_and_revisit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_wrong_length, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_truncated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_oversized, setup, teardown),
		cmocka_unit_test_setup_teardown(test_warc_read_resync, setup, teardown),
		cmocka_unit_test(test_warc_detect_file_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
