/* Unit tests for indexer/read_mail.c: messages and mboxes made by hand. */
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
#include "reader_sink.h"
#include "../indexer/encoding.h"

static int read_mail(const char *path, const char *s, sink_t *g)
{
	int kind = mail_detect(path, s, strlen(s));
	if (kind == MAIL_NONE)
		return -100;
	return mail_read(s, strlen(s), kind, sink_keep, sink_noted, g);
}

static const char *const EML =
	"Return-Path: <ann@ledger.example>\r\n"
	"From: =?UTF-8?Q?Ren=C3=A9e_Dubois?= <renee@ledger.example>\r\n"
	"To: desk@ledger.example\r\n"
	"Subject: =?ISO-8859-1?Q?Caf=E9_talks?= in Geneva\r\n"
	"Date: Thu, 17 Apr 2014 22:30:00 +0200\r\n"
	"Message-ID: <tip-1@ledger.example>\r\n"
	"MIME-Version: 1.0\r\n"
	"Content-Type: multipart/alternative; boundary=\"b1\"\r\n"
	"\r\n"
	"--b1\r\n"
	"Content-Type: text/plain; charset=iso-8859-1\r\n"
	"Content-Transfer-Encoding: quoted-printable\r\n"
	"\r\n"
	"The diplomats met in a caf=E9 near the lake before the talks.\r\n"
	"--b1\r\n"
	"Content-Type: text/html; charset=utf-8\r\n"
	"\r\n"
	"<html><body><p>HTML version.</p></body></html>\r\n"
	"--b1--\r\n";

static void test_mail_read_eml(void **state)
{
	(void)state;
	sink_t g = { 0 };
	assert_int_equal(mail_detect("tip.eml", EML, strlen(EML)), MAIL_MESSAGE);
	/* Detected by its fields without the name too. */
	assert_int_equal(mail_detect("tip", EML, strlen(EML)), MAIL_MESSAGE);
	assert_int_equal(read_mail("tip.eml", EML, &g), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#tip-1@ledger.example");
	assert_string_equal(g.a[0].title, "Caf\xc3\xa9 talks in Geneva");
	assert_string_equal(g.a[0].author, "Ren\xc3\xa9" "e Dubois");
	/* The day as the sender wrote it. */
	assert_string_equal(g.a[0].date, "2014-04-17");
	assert_string_equal(g.a[0].format, DL_FORMAT_EMAIL);
	assert_non_null(strstr(g.a[0].body, "met in a caf\xc3\xa9 near the lake"));
	assert_null(strstr(g.a[0].body, "HTML version"));
	sink_clear(&g);
}

static void test_mail_read_html_only_and_attachment(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *m =
		"From: desk@wire.example\r\n"
		"Subject: Fleet leaves port\r\n"
		"Content-Language: fr\r\n"
		"MIME-Version: 1.0\r\n"
		"Content-Type: multipart/mixed; boundary=x\r\n"
		"\r\n"
		"--x\r\n"
		"Content-Type: text/plain\r\n"
		"Content-Disposition: attachment; filename=notes.txt\r\n"
		"\r\n"
		"Attached notes, not the message.\r\n"
		"--x\r\n"
		"Content-Type: text/html\r\n"
		"Content-Transfer-Encoding: base64\r\n"
		"\r\n"
		/* <html><body><p>La flotte quitte le port.</p></body></html> */
		"PGh0bWw+PGJvZHk+PHA+TGEgZmxvdHRlIHF1aXR0ZSBsZSBwb3J0LjwvcD48L2JvZHk+PC9odG1sPg==\r\n"
		"--x--\r\n";
	assert_int_equal(read_mail("a.eml", m, &g), 0);
	assert_int_equal(g.n, 1);
	/* No Message-ID: its position. */
	assert_string_equal(g.suffix[0], "#1");
	assert_string_equal(g.a[0].author, "desk@wire.example");
	assert_string_equal(g.a[0].language, "fr");
	assert_string_equal(g.a[0].body, "La flotte quitte le port.");
	sink_clear(&g);
}

static void test_mail_read_mbox(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *mbox =
		"From ann@ledger.example Thu Apr 17 22:30:00 2014\n"
		"From: Ann Lee <ann@ledger.example>\n"
		"Subject: First\n"
		"Message-ID: <m1@x>\n"
		"\n"
		"The first message's text.\n"
		">From the archive, a quoted line.\n"
		"\n"
		"From bob@wire.example Fri Apr 18 08:00:00 2014\n"
		"From: Bob <bob@wire.example>\n"
		"Subject: Second\n"
		"Date: Fri, 18 Apr 2014 08:00:00 +0000\n"
		"Message-ID: <m2@x>\n"
		"\n"
		"The second message's text.\n";
	assert_int_equal(mail_detect("box", mbox, strlen(mbox)), MAIL_MBOX);
	assert_int_equal(read_mail("box", mbox, &g), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.suffix[0], "#m1@x");
	assert_string_equal(g.suffix[1], "#m2@x");
	assert_string_equal(g.a[0].title, "First");
	assert_null(g.a[0].date);
	assert_string_equal(g.a[1].date, "2014-04-18");
	assert_non_null(strstr(g.a[1].body, "second message"));
	assert_null(strstr(g.a[0].body, "second message"));
	sink_clear(&g);
}

/* A part or a header with Latin-1 bytes and no charset (GMime hands them
 * on as they are): read as Windows-1252, as a file would be. */
static void test_mail_read_wrong_charset(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *m = "From: Desk <desk@ledger.example>\n"
			"Subject: Caf\xe9 talks\n"
			"Message-ID: <caf\xe9@x>\n"
			"Date: Thu, 17 Apr 2014 22:30:00 +0200\n"
			"MIME-Version: 1.0\n"
			"Content-Type: text/plain\n"
			"Content-Transfer-Encoding: 8bit\n"
			"\n"
			"They met in a caf\xe9 by the lake.\n";
	assert_int_equal(read_mail("tip.eml", m, &g), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.a[0].title, "Caf\xc3\xa9 talks");
	assert_non_null(strstr(g.a[0].body, "in a caf\xc3\xa9 by"));
	/* The id is UTF-8 too (GMime decodes the field; one it leaves
	 * undecoded gives the message's position instead). */
	assert_true(enc_valid_utf8(g.suffix[0], strlen(g.suffix[0]), NULL));
	sink_clear(&g);
	const char *h = "From: Desk <desk@ledger.example>\n"
			"Subject: Page\n"
			"MIME-Version: 1.0\n"
			"Content-Type: text/html\n"
			"\n"
			"<html><body><p>Le caf\xe9 du lac.</p></body></html>\n";
	assert_int_equal(read_mail("tip.eml", h, &g), 0);
	assert_int_equal(g.n, 1);
	assert_non_null(strstr(g.a[0].body, "Le caf\xc3\xa9 du lac"));
	sink_clear(&g);
}

static void test_mail_detect_not_mail(void **state)
{
	(void)state;
	const char *text = "Title: From Moscow\nAuthor: Ann\nFrom: the desk\n\nBody.\n";
	assert_int_equal(mail_detect("a.txt", text, strlen(text)), MAIL_NONE);
	const char *prose = "From here the road goes north to Kharkiv.\nIt is long.\n";
	assert_int_equal(mail_detect("a.txt", prose, strlen(prose)), MAIL_NONE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mail_read_eml),
		cmocka_unit_test(test_mail_read_html_only_and_attachment),
		cmocka_unit_test(test_mail_read_mbox),
		cmocka_unit_test(test_mail_read_wrong_charset),
		cmocka_unit_test(test_mail_detect_not_mail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
