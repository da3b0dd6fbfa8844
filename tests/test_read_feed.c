/* Unit tests for indexer/read_feed.c, hostile feeds included. */
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

static int read_feed(const char *xml, sink_t *g)
{
	return feed_read(xml, strlen(xml), sink_keep, g);
}

static void test_feed_read_rss(void **state)
{
	(void)state;
	sink_t g = { 0 };
	assert_int_equal(read_feed(
		"<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		"<channel><title>Ledger</title>"
		"<item><title>First &amp; foremost</title><guid>g-1</guid>"
		"<pubDate>Sun, 30 Mar 2014 23:10:00 +0200</pubDate><dc:creator>Ann Lee</dc:creator>"
		"<link>https://x.example/1</link>"
		"<description>&lt;p&gt;Escaped &lt;b&gt;markup&lt;/b&gt; becomes text.&lt;/p&gt;</description></item>"
		"<item><title>No guid</title><description><![CDATA[<i>CDATA</i> markup too]]></description></item>"
		"</channel></rss>", &g), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.suffix[0], "#g-1");
	assert_string_equal(g.a[0].format, DL_FORMAT_RSS);
	assert_string_equal(g.a[0].title, "First & foremost");
	assert_string_equal(g.a[0].date, "2014-03-30");
	assert_string_equal(g.a[0].author, "Ann Lee");
	assert_string_equal(g.a[0].source, "Ledger");
	assert_string_equal(g.a[0].url, "https://x.example/1");
	assert_string_equal(g.a[0].body, "Escaped markup becomes text.");
	assert_string_equal(g.suffix[1], "#2"); /* its position */
	assert_string_equal(g.a[1].body, "CDATA markup too");
	sink_clear(&g);
}

/* Block elements of a description's HTML are paragraphs (issue 19: "the
 * protests in Kyiv.Georgia and Moldova"), a <br> a line; white space
 * inside them is one space. */
static void test_feed_read_paragraphs(void **state)
{
	(void)state;
	sink_t g = { 0 };
	assert_int_equal(read_feed(
		"<rss version=\"2.0\"><channel><title>L</title><item><guid>p</guid>"
		"<description>&lt;p&gt;Protests in Kyiv.&lt;/p&gt;&lt;p&gt;Georgia   and\n Moldova"
		"&lt;br&gt;signed.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;One&lt;/li&gt;&lt;li&gt;Two&lt;/li&gt;&lt;/ul&gt;"
		"Tail &lt;b&gt;bold&lt;/b&gt; end</description></item>"
		"<item><guid>q</guid><description>  Plain\n\n text  </description></item>"
		"</channel></rss>", &g), 0);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.a[0].body,
			    "Protests in Kyiv.\n\nGeorgia and Moldova\nsigned.\n\nOne\n\nTwo\n\nTail bold end");
	assert_string_equal(g.a[1].body, "Plain text");
	sink_clear(&g);
}

static void test_feed_read_atom(void **state)
{
	(void)state;
	sink_t g = { 0 };
	assert_int_equal(read_feed(
		"<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>"
		"<entry><title>An entry</title><id>urn:e:1</id>"
		"<link rel=\"self\" href=\"https://x.example/self\"/>"
		"<link rel=\"alternate\" href=\"https://x.example/e1\"/>"
		"<updated>2015-07-20T09:00:00Z</updated><author><name>Bo Ek</name></author>"
		"<summary>Short.</summary><content type=\"html\">&lt;p&gt;The longer content wins.&lt;/p&gt;</content>"
		"</entry></feed>", &g), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.suffix[0], "#urn:e:1");
	assert_string_equal(g.a[0].format, DL_FORMAT_ATOM);
	assert_string_equal(g.a[0].url, "https://x.example/e1");
	assert_string_equal(g.a[0].author, "Bo Ek");
	assert_string_equal(g.a[0].date, "2015-07-20");
	assert_string_equal(g.a[0].body, "The longer content wins.");
	sink_clear(&g);
}

static void test_feed_external_entity_not_loaded(void **state)
{
	(void)state;
	sink_t g = { 0 };
	/* A local file that must not reach the index. */
	const char *path = "/tmp/dateline-test-secret.txt";
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("TOPSECRETCONTENT", f);
	fclose(f);
	char xml[1024];
	snprintf(xml, sizeof(xml),
		 "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://%s\">]>"
		 "<rss><channel><title>T</title><item><title>Leak &xxe; here</title>"
		 "<description>Body &xxe; text</description></item></channel></rss>", path);
	assert_int_equal(read_feed(xml, &g), 0);
	for (int i = 0; i < g.n; i++) {
		assert_true(!g.a[i].title || !strstr(g.a[i].title, "TOPSECRET"));
		assert_true(!g.a[i].body || !strstr(g.a[i].body, "TOPSECRET"));
	}
	sink_clear(&g);
	remove(path);
}

static void test_feed_billion_laughs_is_bounded(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *bomb =
		"<?xml version=\"1.0\"?><!DOCTYPE rss ["
		"<!ENTITY l0 \"ha\">"
		"<!ENTITY l1 \"&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;\">"
		"<!ENTITY l2 \"&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;&l1;\">"
		"<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\">"
		"<!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">"
		"<!ENTITY l5 \"&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;&l4;\">"
		"<!ENTITY l6 \"&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;&l5;\">"
		"<!ENTITY l7 \"&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;&l6;\">"
		"<!ENTITY l8 \"&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;&l7;\">"
		"<!ENTITY l9 \"&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;&l8;\">"
		"]><rss><channel><title>Bomb</title><item><title>Laughs</title>"
		"<description>&l9;</description></item></channel></rss>";
	assert_int_equal(read_feed(bomb, &g), 0);
	/* Nothing expanded: a billion "ha" would be 2 GB. */
	for (int i = 0; i < g.n; i++)
		assert_true(!g.a[i].body || strlen(g.a[i].body) < 1000);
	sink_clear(&g);
}

/* Bytes that are not UTF-8 in a feed whose only charset word comes late
 * (so it is parsed as it is): every field is UTF-8 still, the bytes read
 * as Windows-1252 (a fuzzer find). */
static void test_feed_read_bytes_not_utf8(void **state)
{
	(void)state;
	sink_t g = { 0 };
	const char *xml = "<rss version=\"2.0\"><channel><title>Le Caf\xe9</title>"
			  "<item><title>Caf\xe9 talks</title><guid>id-\xe9</guid>"
			  "<description>In the caf\xe9, encoding=\"ISO-8859-1\"</description>"
			  "</item></channel></rss>";
	assert_int_equal(read_feed(xml, &g), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.a[0].title, "Caf\xc3\xa9 talks");
	assert_string_equal(g.suffix[0], "#id-\xc3\xa9");
	assert_non_null(strstr(g.a[0].body, "In the caf\xc3\xa9,"));
	sink_clear(&g);
	/* An attribute: an Atom link's href, and xml:lang. */
	const char *atom = "<?xml version=\"1.0\" encoding=\"\xff\xffutf-8\"?>"
			   "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry xml:lang=\"f\xe9\">"
			   "<title>Talks</title><id>e1</id>"
			   "<link rel=\"alternate\" href=\"http://x.example/caf\xe9\"/>"
			   "<content>Text.</content></entry></feed>";
	assert_int_equal(read_feed(atom, &g), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.a[0].url, "http://x.example/caf\xc3\xa9");
	sink_clear(&g);
}

static void test_feed_detect(void **state)
{
	(void)state;
	assert_true(feed_detect("<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\">", 48));
	assert_true(feed_detect("<feed xmlns=\"http://www.w3.org/2005/Atom\">", 42));
	assert_false(feed_detect("<html><body>", 12));
	assert_false(feed_detect("Title: x", 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_read_rss),
		cmocka_unit_test(test_feed_read_paragraphs),
		cmocka_unit_test(test_feed_read_atom),
		cmocka_unit_test(test_feed_external_entity_not_loaded),
		cmocka_unit_test(test_feed_billion_laughs_is_bounded),
		cmocka_unit_test(test_feed_read_bytes_not_utf8),
		cmocka_unit_test(test_feed_detect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
