/* Unit tests for indexer/read_html.c. */
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
#include "../util/utf8.h"

static article_t a;

static int reset(void **state)
{
	(void)state;
	article_clear(&a);
	return 0;
}

static void read_page(const char *html, const char *enc)
{
	article_clear(&a);
	assert_int_equal(html_read(html, strlen(html), enc, &a), 0);
}

static const char page[] =
	"<!DOCTYPE html><html><head><title>Fallback title | Site</title>"
	"<meta property=\"og:title\" content=\"Talks end in Paris\">"
	"<meta property=\"article:published_time\" content=\"2014-03-30T21:00:00Z\">"
	"<meta name=\"author\" content=\"Jane Roe\">"
	"<meta property=\"og:site_name\" content=\"Ledger\"></head><body>"
	"<nav><a href=\"/\">Home</a> <a href=\"/w\">World news today</a></nav>"
	"<div class=\"social-share\"><p>Share this story with your friends on every network</p></div>"
	"<div id=\"story\"><p>The foreign ministers met for four hours at the residence.</p>"
	"<p>They agreed to keep talking, but no date was set for another meeting.</p>"
	"<p><a href=\"/1\">Read more about the talks</a> <a href=\"/2\">and the annexation</a></p>"
	"<script>var secret = 'scriptcontent';</script><style>.x{}</style>"
	"<!-- a comment that is not text --></div>"
	"<footer><p>All rights reserved by the publisher of this page</p></footer></body></html>";

/* Found by fuzz_html (seeds/html/crash-amp-latin1-before-charset): a
 * page declaring ISO-8859-1 after a title with '&' and a Latin-1 byte
 * gave a title that was not UTF-8; a stray byte is read as Windows-1252. */
static void test_html_read_raw_byte_before_charset(void **state)
{
	(void)state;
	read_page("<html><head><title>A &\xe9 B</title></head><body><p>caf\xe9 &amp;\xe9</p>"
		  "<html><head><meta http-equiv=\"Content-Type\" "
		  "content=\"text/html; charset=iso-8859-1\"></head></html>", NULL);
	assert_non_null(a.title);
	assert_true(utf8_valid(a.title, strlen(a.title), NULL));
	/* (libxml2 has lost the byte's first half by then: the character
	 * is not always the é written, but the title is text.) */
	assert_non_null(strstr(a.title, "A &"));
	assert_non_null(strstr(a.title, " B"));
	if (a.body)
		assert_true(utf8_valid(a.body, strlen(a.body), NULL));
}

static void test_html_read_metadata(void **state)
{
	(void)state;
	read_page(page, "UTF-8");
	assert_string_equal(a.format, DL_FORMAT_HTML);
	assert_string_equal(a.title, "Talks end in Paris");
	assert_string_equal(a.date, "2014-03-30");
	assert_string_equal(a.author, "Jane Roe");
	assert_string_equal(a.source, "Ledger");
}

static void test_html_read_body_without_furniture(void **state)
{
	(void)state;
	read_page(page, "UTF-8");
	assert_string_equal(a.body, "The foreign ministers met for four hours at the residence.\n\n"
				    "They agreed to keep talking, but no date was set for another meeting.");
}

static void test_html_read_json_ld(void **state)
{
	(void)state;
	read_page("<html><head><script type=\"application/ld+json\">"
		  "{\"@type\":\"NewsArticle\",\"headline\":\"From JSON-LD\","
		  "\"datePublished\":\"2015-07-14\",\"author\":[{\"name\":\"Sam Hill\"}],"
		  "\"publisher\":{\"name\":\"Wire\"}}</script></head>"
		  "<body><article><p>Body text of the article itself, long enough.</p></article></body></html>",
		  "UTF-8");
	assert_string_equal(a.title, "From JSON-LD");
	assert_string_equal(a.date, "2015-07-14");
	assert_string_equal(a.author, "Sam Hill");
	assert_string_equal(a.source, "Wire");
}

static void test_html_read_truncated_and_misnested(void **state)
{
	(void)state;
	read_page("<html><body><h1>Cut short</h1><div><p>First <b>bold <i>and</b> italic</i> "
		  "paragraph of a page that ends in the middle of a tag <spa", "UTF-8");
	assert_string_equal(a.title, "Cut short");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "First bold and italic paragraph"));
}

/* A page nested deeper than libxml2 goes (256 elements) stopped there,
 * and the text inside and after the deep part was dropped without a word
 * (issue 20): it keeps its text. depth: the <div>s around the middle. */
static void read_deep_page(size_t depth)
{
	static const char head[] = "<html><head><title>Deep page</title></head><body>"
				   "<p>Opening words about Sevastopol before the deep part.</p>";
	static const char mid[] = "<p>Deep text about Balaklava, <b>inside</b> every div.</p>"
				  "<script>var hidden = 'scriptcontent';</script>";
	static const char tail[] = "<p>Closing words about Yalta after it.</p></body></html>";
	size_t cap = sizeof(head) + sizeof(mid) + sizeof(tail) + depth * 18;
	char *page = malloc(cap), *p = page;
	assert_non_null(page);
	p += sprintf(p, "%s", head);
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "%s", i % 2 ? "<div>" : "<span><br>");
	p += sprintf(p, "%s", mid);
	for (size_t i = depth; i-- > 0;)
		p += sprintf(p, "%s", i % 2 ? "</div>" : "</span>");
	p += sprintf(p, "%s", tail);
	read_page(page, "UTF-8");
	free(page);
}

static void test_html_read_deep_nesting_keeps_text(void **state)
{
	(void)state;
	static const size_t depths[] = { 100, 300, 200000 };
	for (size_t i = 0; i < sizeof(depths) / sizeof(depths[0]); i++) {
		read_deep_page(depths[i]);
		assert_string_equal(a.title, "Deep page");
		assert_non_null(a.body);
		assert_non_null(strstr(a.body, "Deep text about Balaklava, inside every div."));
		assert_null(strstr(a.body, "scriptcontent"));
	}
	/* End tags that close nothing keep no count low: the page is read
	 * as text then. */
	size_t n = 1000;
	char *page = malloc(n * 12 + 200), *p = page;
	assert_non_null(page);
	p += sprintf(p, "<html><body>");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "<div></q>");
	sprintf(p, "<p>Text about Balaklava below a thousand divs.</p>");
	read_page(page, "UTF-8");
	free(page);
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "Text about Balaklava below a thousand divs."));
}

static void test_html_read_no_external_entities(void **state)
{
	(void)state;
	read_page("<!DOCTYPE html [<!ENTITY leak SYSTEM \"file:///etc/passwd\">]>"
		  "<html><body><p>Before &leak; after, a paragraph with some text.</p></body></html>",
		  "UTF-8");
	assert_non_null(a.body);
	assert_null(strstr(a.body, "root:"));
}

static void test_html_read_declared_charset(void **state)
{
	(void)state;
	/* Not UTF-8: the page's own declaration decides. */
	read_page("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head>"
		  "<body><p>Un caf\xe9 pr\xe8s du port, with more text here.</p></body></html>", NULL);
	assert_string_equal(a.title, "Caf\xc3\xa9");
	/* UTF-8 bytes win over a wrong declaration. */
	read_page("<html><head><meta charset=\"iso-8859-1\"><title>Caf\xc3\xa9</title></head>"
		  "<body><p>text</p></body></html>", "UTF-8");
	assert_string_equal(a.title, "Caf\xc3\xa9");
}

static void test_html_detect(void **state)
{
	(void)state;
	assert_true(html_detect("\n<!DOCTYPE html><html>", 22));
	assert_true(html_detect("<html><body>x", 13));
	assert_false(html_detect("Title: <html> in a header\n", 26));
	assert_false(html_detect("<!DOCTYPE lewis SYSTEM>", 23));
}

/* An old page: the whole body inside an ASP.NET <form>, the article as
 * text and <br> in a div, a longer list of links beside it. */
static void test_html_read_form_wrapper_and_div_text(void **state)
{
	(void)state;
	read_page("<html><head><title>Old page</title></head><body><form id=\"aspnetForm\">"
		  "<div class=\"links\"><a href=\"/1\">First of many headlines elsewhere on the site</a><br>"
		  "<a href=\"/2\">Second of many headlines elsewhere on the site</a><br>"
		  "<a href=\"/3\">Third of many headlines elsewhere on the site</a></div>"
		  "<div class=\"articleText\">The council met on Monday, and the vote was close.<br>"
		  "Members argued for hours, then agreed to meet again in the spring.</div>"
		  "</form></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_string_equal(a.body, "The council met on Monday, and the vote was close. "
				    "Members argued for hours, then agreed to meet again in the spring.");
}

/* A class that says "comment" does not hide the article that has
 * comments; the comments block itself stays out. */
static void test_html_read_article_with_comments(void **state)
{
	(void)state;
	read_page("<html><body><article class=\"post commented\">"
		  "<div class=\"post-content\"><p>The river rose two metres overnight, the highest since 1998.</p>"
		  "<p>Villages downstream were told to leave before dawn, and most did.</p></div>"
		  "<div class=\"comments\"><p>What a shame, I grew up there, near the old bridge.</p></div>"
		  "</article></body></html>", "UTF-8");
	assert_string_equal(a.body, "The river rose two metres overnight, the highest since 1998.\n\n"
				    "Villages downstream were told to leave before dawn, and most did.");
}

/* The best block's sibling paragraphs join it, also one wrapped in a div
 * of its own (a first paragraph styled apart). */
static void test_html_read_sibling_paragraphs(void **state)
{
	(void)state;
	read_page("<html><body><div id=\"main\"><div class=\"byline\">By A. Writer</div>"
		  "<div class=\"firstPar\"><p>Emergency services were called to the contest.</p></div>"
		  "<div class=\"body\"><p>Two people were taken to hospital, one of them twice, "
		  "after eating the curry, which was made with the hottest chillies.</p>"
		  "<p>The owner said he would tone the challenge down, but keep it going.</p></div>"
		  "</div></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "Emergency services were called to the contest."));
	assert_ptr_equal(strstr(a.body, "Emergency"), a.body);
	assert_null(strstr(a.body, "A. Writer"));
}

/* A page that builds its article with scripts: the summary is the body. */
static void test_html_read_summary_when_no_article(void **state)
{
	(void)state;
	read_page("<html><head><meta property=\"og:description\" content=\"Back to school, again: "
		  "the tools that make the next months bearable.\"></head>"
		  "<body><div id=\"app\"></div><script>render()</script></body></html>", "UTF-8");
	assert_string_equal(a.body, "Back to school, again: the tools that make the next months bearable.");
}

/* A photo's caption and a gallery's counter set in blocks of their own
 * (not a <figure>) are left out by their class, as comments are. */
static void test_html_read_captions_and_galleries(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"story\">"
		  "<div class=\"photo-gallery\"><span>Image 1 of 5</span><span>Close</span></div>"
		  "<p>The last ferry left the quay at noon, two hours late, with every seat taken.</p>"
		  "<div class=\"image-caption\"><p>Passengers wait on the quay at Harwich before the "
		  "ferry leaves. Photo: A. Photographer</p></div>"
		  "<p>Passengers said the crossing, in high winds, took twice the usual time.</p>"
		  "</div></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "The last ferry left"));
	assert_non_null(strstr(a.body, "took twice the usual time."));
	assert_null(strstr(a.body, "Image 1 of 5"));
	assert_null(strstr(a.body, "Photo: A. Photographer"));
}

/* A short article the page shows (a paywall's opening) is the body as it
 * stands: the summary is not put in front of it. */
static void test_html_read_short_article_without_summary(void **state)
{
	(void)state;
	read_page("<html><head><meta property=\"og:description\" content=\"There are more ways "
		  "to play than ever: how to choose.\"></head><body><article>"
		  "<p>Cloud gaming arrived this week, with three services and three prices, "
		  "and no one agrees on which of them will last.</p></article></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_ptr_equal(strstr(a.body, "Cloud gaming arrived"), a.body);
	assert_null(strstr(a.body, "more ways to play"));
	/* A block shorter than the summary (a notice that scripts are
	 * needed) is not the article: the summary goes in front of it. */
	read_page("<html><head><meta property=\"og:description\" content=\"Gun control "
		  "advocates are looking for new options, including some tech strategies, "
		  "the report says.\"></head><body><div class=\"video\"><p>To view this "
		  "content, scripts must be enabled.</p></div></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_ptr_equal(strstr(a.body, "Gun control advocates"), a.body);
}

/* A paragraph printed twice (a photo's caption in the gallery and under
 * the photo) is kept once; a short line the article repeats (a table's
 * cell, a step's label) is kept every time. */
static void test_html_read_repeated_paragraph_once(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"story\">"
		  "<div class=\"photo\"><p>Crowds on the quay at Harwich, before the ferry left, "
		  "on the last day of the summer timetable.</p></div>"
		  "<p>The last ferry left the quay at noon, two hours late, with every seat taken.</p>"
		  "<p>Fare: 12 pounds</p>"
		  "<div class=\"photo\"><p>Crowds on the quay at Harwich, before the ferry left, "
		  "on the last day of the summer timetable.</p></div>"
		  "<p>Passengers said the crossing, in high winds, took twice the usual time.</p>"
		  "<p>Fare: 12 pounds</p>"
		  "</div></body></html>", "UTF-8");
	assert_non_null(a.body);
	const char *first = strstr(a.body, "Crowds on the quay");
	assert_non_null(first);
	assert_null(strstr(first + 1, "Crowds on the quay"));
	assert_non_null(strstr(a.body, "took twice the usual time."));
	const char *fare = strstr(a.body, "Fare: 12 pounds");
	assert_non_null(fare);
	assert_non_null(strstr(fare + 1, "Fare: 12 pounds"));
}

/* An article whose block's class says furniture (a post filed in a
 * category named for advertising) is still found: the page is read again
 * without what classes say when that finds several times more. */
static void test_html_read_article_in_furniture_class(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"post category-advertising-news\">"
		  "<p>The agency named a new chief executive on Monday, its third in two years, "
		  "after the board met for a day and a night.</p>"
		  "<p>She joins from a rival, where she ran the mobile business, and starts in "
		  "March, the agency said in a statement, adding that the search took months.</p>"
		  "<p>Shares rose four per cent in early trading, then fell back by the close, "
		  "as analysts asked what the change meant for the agency's plans.</p>"
		  "</div><div class=\"note\"><p>Cookies help us run this site, as you know.</p></div>"
		  "</body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "named a new chief executive"));
	assert_non_null(strstr(a.body, "Shares rose four per cent"));
}

/* What the page hides from its reader (a copy of the article's metadata
 * for machines, a hidden attribute) is not read as the article. */
static void test_html_read_hidden_elements(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"story\">"
		  "<p>The ferry left the quay at noon, two hours late, with every seat taken.</p>"
		  "<p>Passengers said the crossing, in high winds, took twice the usual time.</p>"
		  "</div><div style=\"DISPLAY : None;\"><div>2019-11-19T08:57:40+01:00</div>"
		  "<p>A copy of the whole story, printed for machines, with commas, and more commas, "
		  "and still more commas, so that it would score, if it were read, very well.</p></div>"
		  "<p hidden>Hidden paragraph of the page, long enough to count, if it were read.</p>"
		  "<p style=\"color: red\">Shown paragraph, in red, at the foot of the page.</p>"
		  "</body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "The ferry left the quay"));
	assert_null(strstr(a.body, "2019-11-19"));
	assert_null(strstr(a.body, "printed for machines"));
	assert_null(strstr(a.body, "Hidden paragraph"));
	/* The whole page hidden until a script shows it is still read. */
	read_page("<html style=\"visibility:hidden\"><body style=\"display: none\">"
		  "<div class=\"story\"><p>The ferry left the quay at noon, two hours late, "
		  "with every seat taken.</p></div></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "The ferry left the quay"));
}

/* A short post with many comments under it: the comments, which its
 * classes leave out, stay out when the page is read again for being
 * short. */
static void test_html_read_short_post_without_comments(void **state)
{
	(void)state;
	read_page("<html><body><main class=\"site-main\"><article class=\"post\">"
		  "<h1>September open thread</h1><div class=\"entry-content\">"
		  "<p>Our open threads give readers a place to ask questions, as always.</p>"
		  "</div></article><div id=\"comments\" class=\"comments-area\"><ol>"
		  "<li><p>A first reader asks, at length, about the report, its sources, "
		  "its figures, and what comes next, and thanks the team for the work.</p></li>"
		  "<li><p>A second reader answers, at length, with a link, a quotation, "
		  "and a question of her own, about the sources and the figures.</p></li>"
		  "<li><p>A third reader, at length, disagrees with both of them, on the "
		  "figures, on the sources, and on what the report should have said.</p></li>"
		  "</ol></div></main></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "Our open threads give readers"));
	assert_null(strstr(a.body, "at length"));
}

/* Teasers of other stories inside the article's block, each a link
 * around its headline (<a><h4>...</h4></a>), are link text and stay out. */
static void test_html_read_linked_headlines(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"article-body\">"
		  "<p>The council voted on Tuesday to close the old library, which opened in 1904, "
		  "and to sell the building to a developer, over the protests of readers.</p>"
		  "<div class=\"widget\"><ul><li><a href=\"/a\"><h4>Babies and mothers died in what "
		  "may be the worst maternity scandal, report finds</h4></a></li>"
		  "<li><a href=\"/b\"><div>Foreign secretary defends seeking legal costs from the "
		  "family of a teenager killed in a crash</div></a></li></ul></div>"
		  "<p>Its books will move to the new civic centre, a mile away, by the spring.</p>"
		  "</div></body></html>", "UTF-8");
	assert_non_null(a.body);
	assert_non_null(strstr(a.body, "The council voted"));
	assert_non_null(strstr(a.body, "Its books will move"));
	assert_null(strstr(a.body, "maternity scandal"));
	assert_null(strstr(a.body, "legal costs"));
}

/* The site's name is cut from the title, on either side. */
static void test_html_read_title_without_site(void **state)
{
	(void)state;
	read_page("<html><head><title>Democrats to use Social Security this fall - CNN.com</title>"
		  "</head><body><p>Text of the page, long enough to count.</p></body></html>", "UTF-8");
	assert_string_equal(a.title, "Democrats to use Social Security this fall");
	read_page("<html><head><meta property=\"og:title\" content=\"TechCrunch | 2005 Zuckerberg "
		  "Did Not Want The World\"></head><body><p>Text.</p></body></html>", "UTF-8");
	assert_string_equal(a.title, "2005 Zuckerberg Did Not Want The World");
	read_page("<html><head><meta property=\"og:site_name\" content=\"The Daily Ledger\">"
		  "<title>Kerry meets Lavrov | The Daily Ledger</title></head>"
		  "<body><p>Text.</p></body></html>", "UTF-8");
	assert_string_equal(a.title, "Kerry meets Lavrov");
	/* Two short halves: no site to cut. */
	read_page("<html><head><title>Kerry - Lavrov</title></head><body><p>Text.</p></body></html>",
		  "UTF-8");
	assert_string_equal(a.title, "Kerry - Lavrov");
}

/* The headline shown wins over a metadata title in other words; a logo's
 * <h1> that agrees with nothing does not. */
static void test_html_read_shown_headline(void **state)
{
	(void)state;
	read_page("<html><head><meta property=\"og:title\" content=\"Sweden drops Assange rape "
		  "investigation\"></head><body><h1 class=\"logo\">Ledger</h1>"
		  "<h1>Julian Assange: Sweden drops rape investigation</h1>"
		  "<p>Text of the page, long enough to count.</p></body></html>", "UTF-8");
	assert_string_equal(a.title, "Julian Assange: Sweden drops rape investigation");
	read_page("<html><head><meta property=\"og:title\" content=\"Talks end in Paris\">"
		  "</head><body><h1>The Daily Ledger</h1><p>Text of the page, long enough.</p>"
		  "</body></html>", "UTF-8");
	assert_string_equal(a.title, "Talks end in Paris");
	/* Cut at the wrong separator, the <title> still agrees with the <h1>. */
	read_page("<html><head><title>Take C.A.R.E. - comwrap at DMEXCO 2018</title></head>"
		  "<body><h1>Take C.A.R.E. - comwrap at DMEXCO 2018</h1><p>Text.</p></body></html>",
		  "UTF-8");
	assert_string_equal(a.title, "Take C.A.R.E. - comwrap at DMEXCO 2018");
}

/* An article printed as several blocks of one class in blocks of their
 * own (a CMS that sets an advert between the parts): every part is read,
 * in page order, and the advert is not. */
static void test_html_read_article_in_chunks(void **state)
{
	(void)state;
	read_page("<html><body><div class=\"chunks\">"
		  "<div class=\"row\"><div class=\"body-part\">"
		  "<p>The council voted on Tuesday to close the old library, which opened in 1904, "
		  "and to sell the building to a developer, over the protests of readers.</p>"
		  "<p>Its books will move to the new civic centre, a mile away, by the spring.</p>"
		  "</div><div class=\"rail\"><p>Advert</p></div></div>"
		  "<div class=\"row\"><div class=\"body-part\">"
		  "<p>Readers, who had gathered outside since the morning, said the vote, "
		  "taken in twenty minutes, ignored a petition with four thousand names.</p>"
		  "</div><div class=\"rail\"><p>Advert</p></div></div>"
		  "</div></body></html>", "UTF-8");
	assert_non_null(a.body);
	const char *first = strstr(a.body, "The council voted");
	const char *second = strstr(a.body, "Readers, who had gathered");
	assert_non_null(first);
	assert_non_null(second);
	assert_true(first < second);
	assert_null(strstr(a.body, "Advert"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_html_read_raw_byte_before_charset, reset),
		cmocka_unit_test_teardown(test_html_read_metadata, reset),
		cmocka_unit_test_teardown(test_html_read_body_without_furniture, reset),
		cmocka_unit_test_teardown(test_html_read_json_ld, reset),
		cmocka_unit_test_teardown(test_html_read_truncated_and_misnested, reset),
		cmocka_unit_test_teardown(test_html_read_deep_nesting_keeps_text, reset),
		cmocka_unit_test_teardown(test_html_read_no_external_entities, reset),
		cmocka_unit_test_teardown(test_html_read_declared_charset, reset),
		cmocka_unit_test_teardown(test_html_detect, reset),
		cmocka_unit_test_teardown(test_html_read_form_wrapper_and_div_text, reset),
		cmocka_unit_test_teardown(test_html_read_article_with_comments, reset),
		cmocka_unit_test_teardown(test_html_read_sibling_paragraphs, reset),
		cmocka_unit_test_teardown(test_html_read_summary_when_no_article, reset),
		cmocka_unit_test_teardown(test_html_read_title_without_site, reset),
		cmocka_unit_test_teardown(test_html_read_shown_headline, reset),
		cmocka_unit_test_teardown(test_html_read_repeated_paragraph_once, reset),
		cmocka_unit_test_teardown(test_html_read_article_in_furniture_class, reset),
		cmocka_unit_test_teardown(test_html_read_article_in_chunks, reset),
		cmocka_unit_test_teardown(test_html_read_hidden_elements, reset),
		cmocka_unit_test_teardown(test_html_read_short_post_without_comments, reset),
		cmocka_unit_test_teardown(test_html_read_linked_headlines, reset),
		cmocka_unit_test_teardown(test_html_read_short_article_without_summary, reset),
		cmocka_unit_test_teardown(test_html_read_captions_and_galleries, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
