/* Unit tests for searcher/query.c: the query language. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../searcher/query.h"

static const query_boosts_t boosts = { .title = 2.0, .author = 2.0, .place = 1.0 };

static int setup(void **state)
{
	*state = an_stemmer_new("english");
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	an_stemmer_destroy(*state);
	return 0;
}

/* The Xapian description of a query, or "ERR: message". */
static const char *parse_with(an_stemmer_t *st, const char *text, const query_boosts_t *b)
{
	static char out[4096];
	char err[256];
	query_t q;
	int rc = query_parse(text, st, NULL, b, &q, err, sizeof(err));
	if (rc != 0) {
		snprintf(out, sizeof(out), "ERR: %s", err);
		return out;
	}
	char *d = dx_query_describe(q.query);
	snprintf(out, sizeof(out), "%s", d);
	free(d);
	query_free(&q);
	return out;
}

static const char *parse(an_stemmer_t *st, const char *text)
{
	return parse_with(st, text, &boosts);
}

/* Without field boosts: the descriptions show the operators alone. */
static const char *parse0(an_stemmer_t *st, const char *text)
{
	static const query_boosts_t none = { 0 };
	return parse_with(st, text, &none);
}

static void test_query_parse_words_use_stems_and_boosts(void **state)
{
	const char *d = parse(*state, "talks");
	assert_non_null(strstr(d, "Ztalk"));
	assert_non_null(strstr(d, "ZStalk"));
	assert_non_null(strstr(d, "ZAtalk"));
	assert_non_null(strstr(d, "2 * ZStalk"));
	d = parse(*state, "Kerry Lavrov");
	assert_non_null(strstr(d, "Zkerri"));
	assert_non_null(strstr(d, "Zlavrov"));
	assert_non_null(strstr(d, " OR "));
}

static const char *tree(const char *text);

/* lang: filters and stems the words in the languages it names; two
 * languages' stems are synonyms. */
static void test_query_parse_lang(void **state)
{
	const char *d = parse0(*state, "lang:fr chevaux");
	assert_non_null(strstr(d, "XLANGfr"));
	assert_non_null(strstr(d, "Zcheval"));
	assert_null(strstr(d, "Zchevaux"));
	d = parse0(*state, "lang:French lang:en chevaux");
	assert_non_null(strstr(d, "Zchevaux SYNONYM Zcheval"));
	d = parse0(*state, "chevaux");
	assert_string_equal(d, "Query(Zchevaux)");
	assert_string_equal(parse0(*state, "lang:xx Geneva"),
			    "ERR: unknown language 'xx' (a code or name Snowball stems: en, fr, de, "
			    "es, ru, ...) at column 1");
	assert_string_equal(tree("lang:fr-FR Kerry"), "lang:fr-FR Kerry");
}

static void test_query_parse_phrase_and_fields(void **state)
{
	const char *d = parse(*state, "\"foreign minister\"");
	assert_non_null(strstr(d, "Zforeign PHRASE 2 Zminist"));
	d = parse(*state, "author:Hollis");
	assert_non_null(strstr(d, "ZAholli"));
	assert_null(strstr(d, "Zholli@")); /* only the field */
	d = parse(*state, "title:\"Crimea votes\"");
	assert_non_null(strstr(d, "ZScrimea PHRASE 2 ZSvote"));
	/* A word the tokenizer splits is its words, unless it is quoted,
	 * required or excluded, or all stop words. */
	d = parse0(*state, "Mergers/Acquisitions");
	assert_non_null(strstr(d, "Zmerger OR Zacquisit"));
	assert_null(strstr(d, "PHRASE"));
	d = parse0(*state, "state-of-the-art");
	assert_non_null(strstr(d, "Zstate OR Zart"));
	assert_null(strstr(d, "Zthe"));
	d = parse0(*state, "\"pro-Russian\"");
	assert_non_null(strstr(d, "Zpro PHRASE 2 Zrussian"));
	d = parse0(*state, "+pro-Russian talks");
	assert_non_null(strstr(d, "Zpro PHRASE 2 Zrussian"));
	d = parse0(*state, "talks -pro-Russian");
	assert_non_null(strstr(d, "AND_NOT (Zpro PHRASE 2 Zrussian)"));
	d = parse0(*state, "and/or");
	assert_non_null(strstr(d, "Zand PHRASE 2 Zor"));
	/* Names, models and codes: a letter or a number alone, or another
	 * mark between the parts. */
	assert_non_null(strstr(parse0(*state, "e-mail"), "Ze PHRASE 2 Zmail"));
	assert_non_null(strstr(parse0(*state, "F-16"), "PHRASE 2"));
	assert_non_null(strstr(parse0(*state, "AT&T"), "PHRASE 2"));
	assert_non_null(strstr(parse0(*state, "U.S.-led"), "Zus OR Zled"));
}

/* --proximity: each two plain words side by side, within the gap. */
static void test_query_parse_proximity(void **state)
{
	const query_boosts_t near = { .proximity = 0.5, .proximity_gap = 8 };
	assert_string_equal(parse_with(*state, "Kerry Lavrov talks", &near),
			    "Query(((Zkerri OR Zlavrov OR Ztalk) AND_MAYBE 0.5 * ((Zkerri NEAR 10 "
			    "Zlavrov) OR (Zlavrov NEAR 10 Ztalk))))");
	/* A phrase, a field or a +word breaks the run of plain words. */
	assert_string_equal(parse_with(*state, "Kerry \"in Paris\" Lavrov +talks", &near),
			    "Query((Ztalk AND_MAYBE (Zkerri OR (Zin PHRASE 2 Zpari) OR Zlavrov)))");
	/* Off: no pairs. */
	assert_null(strstr(parse0(*state, "Kerry Lavrov"), "NEAR"));
}

static void test_query_parse_modifiers(void **state)
{
	const char *d = parse(*state, "Crimea -referendum");
	assert_non_null(strstr(d, "AND_NOT"));
	d = parse(*state, "+Kerry Paris");
	assert_non_null(strstr(d, "AND_MAYBE"));
}

static void test_query_parse_errors(void **state)
{
	assert_string_equal(parse(*state, "Kerry \"Paris talks"),
			    "ERR: unbalanced quote at column 7");
	assert_string_equal(parse(*state, "colour:red"),
			    "ERR: unknown field 'colour:' (fields: id, title, author, date, place, "
			    "source, lang, person, org) at column 1");
	assert_string_equal(parse(*state, "Kerry date:2014-13"),
			    "ERR: bad date '2014-13' (use YYYY, YYYY-MM or YYYY-MM-DD, and A..B for "
			    "a range) at column 7");
	assert_string_equal(parse(*state, "Kerry NEAR/0 Lavrov"),
			    "ERR: NEAR/N at column 7: N must be a number of words from 1 to 1000");
	assert_string_equal(parse(*state, "()"), "ERR: the query has no words to search for");
	assert_string_equal(parse(*state, "!!! ..."),
			    "ERR: the query has no words to search for");
	/* Only excluded words: every article without them. */
	assert_string_equal(parse0(*state, "-Crimea"), "Query((<alldocuments> AND_NOT Zcrimea))");
}

/* A query of 10,000 words is read up to its 1024th clause, not refused. */
static void test_query_parse_too_long(void **state)
{
	char *big = malloc(10000 * 5 + 1);
	for (int i = 0; i < 10000; i++)
		memcpy(big + 5 * i, i < 2000 ? "vote " : "talk ", 5);
	big[10000 * 5] = '\0';
	const char *d = parse0(*state, big);
	assert_null(strstr(d, "ERR"));
	/* the first 1024 words are read, those after them left out */
	assert_non_null(strstr(d, "Zvote"));
	assert_null(strstr(d, "Ztalk"));
	free(big);
}

static void test_query_parse_operators(void **state)
{
	assert_string_equal(parse0(*state, "Kerry AND Lavrov"), "Query((Zkerri AND Zlavrov))");
	/* NOT binds tighter than OR; parentheses group. */
	assert_string_equal(parse0(*state, "Kerry OR Lavrov NOT Crimea"),
			    "Query((Zkerri OR (Zlavrov AND_NOT Zcrimea)))");
	assert_string_equal(parse0(*state, "(Kerry OR Lavrov) AND Paris"),
			    "Query(((Zkerri OR Zlavrov) AND Zpari))");
	assert_string_equal(parse0(*state, "Kerry -(Paris OR London)"),
			    "Query((Zkerri AND_NOT (Zpari OR Zlondon)))");
	/* Lower-case words are words. */
	assert_non_null(strstr(parse0(*state, "rock and roll"), "Zroll"));
}

static void test_query_parse_near_and_prefix(void **state)
{
	assert_string_equal(parse0(*state, "Kerry NEAR Lavrov"), "Query((Zkerri NEAR 12 Zlavrov))");
	assert_string_equal(parse0(*state, "Kerry NEAR/3 Lavrov"), "Query((Zkerri NEAR 5 Zlavrov))");
	/* A prefix is stemmed as a word is: Kerry* takes the stems starting
	 * with "kerri", the stem of Kerry. */
	assert_string_equal(parse0(*state, "Kerr*"), "Query(WILDCARD SYNONYM Zkerr)");
	assert_string_equal(parse0(*state, "Kerry*"), "Query(WILDCARD SYNONYM Zkerri)");
	assert_string_equal(parse0(*state, "title:Cri*"), "Query(WILDCARD SYNONYM ZScri)");
	assert_string_equal(parse0(*state, "19*"), "Query(WILDCARD SYNONYM 19)");
}

static void test_query_parse_filters(void **state)
{
	assert_string_equal(parse0(*state, "date:2014-03..2014-04 Crimea"),
			    "Query((Zcrimea FILTER VALUE_RANGE 0 20140300 20140499))");
	assert_string_equal(parse0(*state, "date:..2014-03"),
			    "Query((<alldocuments> FILTER VALUE_LE 0 20140399))");
	assert_string_equal(parse0(*state, "date:2014"),
			    "Query((<alldocuments> FILTER VALUE_RANGE 0 20140000 20149999))");
	assert_string_equal(parse0(*state, "source:Reuters cocoa"),
			    "Query((Zcocoa FILTER 0 * XSRCreuters))");
	assert_string_equal(parse0(*state, "id:ukraine/london-talks.txt"),
			    "Query((<alldocuments> FILTER 0 * Qukraine/london-talks.txt))");
}

static void test_query_parse_people_and_places(void **state)
{
	/* A surname finds every person of that name; a full name, that one. */
	assert_string_equal(parse0(*state, "person:Kerry"), "Query(XSURkerry)");
	assert_string_equal(parse0(*state, "person:\"Sergey Lavrov\""), "Query(XPERsergei lavrov)");
	/* Other names of a place lead to its canonical name; the dateline
	 * field counts too. */
	assert_string_equal(parse0(*state, "place:Kiev"), "Query((XLOCkyiv OR ZXPkiev))");
	assert_string_equal(parse0(*state, "place:\"the Crimea\""),
			    "Query((XLOCcrimea OR (ZXPthe PHRASE 2 ZXPcrimea)))");
	/* An organisation under its written form, with or without "the". */
	assert_string_equal(parse0(*state, "org:NATO"), "Query(XORGnato)");
	assert_string_equal(parse0(*state, "org:\"the European Union\""),
			    "Query((XORGthe european union OR XORGeuropean union))");
	assert_string_equal(parse(*state, "org:\"\""),
			    "ERR: an organisation needs a name at column 1");
}

static void test_query_parse_stop_words(void **state)
{
	const char *d = parse(*state, "the talks of the ministers");
	assert_null(strstr(d, "Zthe"));
	assert_null(strstr(d, "Zof"));
	assert_non_null(strstr(d, "Ztalk"));
	/* "U.S." is read as "us", which is no stop word. */
	assert_non_null(strstr(parse(*state, "U.S. sanctions"), "Zus"));
	/* Kept where the user asks for them. */
	assert_non_null(strstr(parse(*state, "+the talks"), "Zthe"));
	assert_non_null(strstr(parse(*state, "\"the talks\""), "Zthe PHRASE 2 Ztalk"));
	/* A query of stop words only is searched for them. */
	assert_string_equal(parse0(*state, "the of and"), "Query((Zthe OR Zof OR Zand))");
}

static void test_query_items_for_highlighting(void **state)
{
	char err[128];
	query_t q;
	assert_int_equal(query_parse("Talks \"foreign minister\" -Crimea", *state, NULL, &boosts,
				     &q, err, sizeof(err)), 0);
	assert_int_equal(q.nitems, 2); /* the excluded word is not highlighted */
	assert_int_equal(q.items[0].nwords, 1);
	assert_string_equal(q.items[0].words[0], "Ztalk");
	assert_int_equal(q.items[1].nwords, 2);
	assert_string_equal(q.items[1].words[1], "Zminist");
	query_free(&q);
}

static void test_query_parse_boosts(void **state)
{
	(void)state;
	query_boosts_t b = boosts;
	char err[128];
	assert_int_equal(query_parse_boosts("title=3.5,author=0", &b, err, sizeof(err)), 0);
	assert_true(b.title == 3.5 && b.author == 0);
	assert_int_equal(query_parse_boosts("body=2", &b, err, sizeof(err)), -1);
	assert_string_equal(err, "--boost: unknown field 'body' (fields: title, author, place)");
	assert_int_equal(query_parse_boosts("title=x", &b, err, sizeof(err)), -1);
}


/* The tree as read, without an index: query_tree_dump(). */
static const char *tree(const char *text)
{
	static char out[512];
	char err[256];
	query_read_opts_t ro = { "english" };
	query_node_t *root = NULL;
	if (query_tree_parse(text, &ro, &root, err, sizeof(err)) != 0) {
		snprintf(out, sizeof(out), "ERR: %s", err);
		return out;
	}
	char *d = query_tree_dump(root);
	snprintf(out, sizeof(out), "%s", d ? d : "(null)");
	free(d);
	query_tree_free(root);
	return out;
}

static void test_query_tree_dump(void **state)
{
	(void)state;
	assert_string_equal(tree("Kerry OR Lavrov NOT Crimea"), "(Kerry OR (Lavrov NOT Crimea))");
	assert_string_equal(tree("the talks of Kerry"), "talks Kerry");
	assert_string_equal(tree("+Kerry -Paris \"foreign minister\" Kerr*"),
			    "+Kerry -Paris \"foreign minister\" Kerr*");
	assert_string_equal(tree("Kerry AND -Paris"), "(Kerry NOT Paris)");
	assert_string_equal(tree("a NEAR/3 b title:Crimea person:\"John Kerry\" date:2014..2015"),
			    "(a NEAR/3 b) title:Crimea person:\"John Kerry\" date:2014..2015");
	assert_string_equal(tree("org:\"European Union\" AND -org:NATO"),
			    "(org:\"European Union\" NOT org:NATO)");
	assert_string_equal(tree("-(Paris OR London) pro-Russian"), "-(Paris OR London) pro-Russian");
	/* Found by fuzz_query: the dump's parentheses parsed into a group
	 * around the operation, so the dump of the dump differed. A group of
	 * one is its member (tests/fuzz/seeds/query/q01.txt). */
	assert_string_equal(tree("(\"Crimea referendum\" NOT Kiev)"),
			    "(\"Crimea referendum\" NOT Kiev)");
	assert_string_equal(tree("((((Kerry))))"), "Kerry");
	assert_string_equal(tree("+(Kerry) -(Paris)"), "+Kerry -Paris");
	/* Found by fuzz_query: "NOK:" was a word at the end of a query and
	 * an unknown field before ')' (seeds/query/crash-field-colon-paren). */
	assert_string_equal(tree("KeAND OR NOK:"), "(KeAND OR NOK:)");
	assert_string_equal(tree("(KeAND OR NOK:)"), "(KeAND OR NOK:)");
	assert_string_equal(tree("Kerry \"Paris"), "ERR: unbalanced quote at column 7");
	/* Found by fuzz_query: a stop word kept by its + or - lost the mark
	 * as NOT's operand or to the group it begins, and the printed query
	 * then left it out. It prints quoted, which keeps it
	 * (tests/fuzz/seeds/query/stop-word-operand). */
	assert_string_equal(tree("Kerry NOT +the"), "(Kerry NOT \"the\")");
	assert_string_equal(tree("(Kerry NOT \"the\")"), "(Kerry NOT \"the\")");
	assert_string_equal(tree("Kerry AND NOT -a"), "(Kerry NOT \"a\")");
	assert_string_equal(tree("+a AND Kerry"), "+(\"a\" AND Kerry)");
	assert_string_equal(tree("+(\"a\" AND Kerry)"), "+(\"a\" AND Kerry)");
	assert_string_equal(tree("Kerry NOT the"), "Kerry");
	assert_string_equal(tree("+the +who"), "+the +who");
	/* Found by fuzz_query: a print ending in '?' is read as a question,
	 * which takes "(a OR b)" with no operator beside it for words; the
	 * last word's '?' (no term) is left out then
	 * (tests/fuzz/seeds/query/question-group). */
	assert_string_equal(tree("what OR(Kerry OR talks) said?"), "(Kerry OR talks) said");
	assert_string_equal(tree("(Kerry OR talks) said"), "(Kerry OR talks) said");
	assert_string_equal(tree("Kerry OR (Lavrov OR Putin) talks?"),
			    "(Kerry OR (Lavrov OR Putin)) talks?");
	/* ... and a '*' before it ("talks*?" is the word talks, not the
	 * prefix talks*), also for a word the tokenizer splits (a phrase;
	 * seed question-phrase). */
	assert_string_equal(tree("Kerry OR Lavrov talks*? OR("), "(Kerry OR Lavrov) talks");
	assert_string_equal(tree("Kerry OR Lavrov pro-Russian? OR("),
			    "(Kerry OR Lavrov) pro-Russian");
	assert_string_equal(tree("(Kerry OR Lavrov) pro-Russian"), "(Kerry OR Lavrov) pro-Russian");
	/* Found by fuzz_query: a name field's value lost a final '*' at each
	 * reading ("place:Kyiv**" printed "place:Kyiv*"); it takes no prefix,
	 * so the '*' is part of the value as written (seed field-star). */
	assert_string_equal(tree("place:Kyiv** Kerry"), "place:Kyiv** Kerry");
	assert_string_equal(tree("Kerr* place:Kyiv*"), "Kerr* place:Kyiv*");
	/* Found by fuzz_query: "--x" was the word "-x" excluded, which the
	 * print put where its '-' read as a modifier (seed sign-in-word). */
	assert_string_equal(tree("Kerry NEAR -(--Lavrov NEAR talks)"),
			    "Kerry NEAR -(-(Lavrov NEAR talks))");
	assert_string_equal(tree("Kerry NEAR -(-(Lavrov NEAR talks))"),
			    "Kerry NEAR -(-(Lavrov NEAR talks))");
	assert_string_equal(tree("Kerry --Lavrov +-Putin"), "Kerry -Lavrov +Putin");
	/* Found by fuzz_query: a name field's value is lowered too when the
	 * print must not be in capitals (names are matched folded; seed
	 * capitals-in-name). */
	assert_string_equal(tree("person:K(a( OR 4"), "(person:k OR 4)");
	assert_string_equal(tree("(person:k OR 4)"), "(person:k OR 4)");
	/* Found by fuzz_query: "+(x)" is "+x" from the start, so that a
	 * query of stop words reads as its print does (seed plus-group). */
	assert_string_equal(tree("(the) of +(OR)"), "+OR");
	assert_string_equal(tree("the of +OR"), "+OR");
	assert_string_equal(tree("+(Kerry) -(Paris)"), "+Kerry -Paris");
	/* Found by fuzz_query: the operators' capitals made a query of words
	 * without Latin letters one "in capitals" (seed operator-capitals). */
	assert_string_equal(tree("\xD0\x9A\xD1\x80\xD0\xB5\xD0\xBC\xD0\xBB\xD1\x8C OR "
				 "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD"),
			    "(\xD0\x9A\xD1\x80\xD0\xB5\xD0\xBC\xD0\xBB\xD1\x8C OR "
			    "\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD)");
	assert_string_equal(tree("KERRY OR LAVROV"), "KERRY LAVROV");
	/* Found by fuzz_query: the word OR (AND, NOT, NEAR, NEAR/3), kept by
	 * its '+', as an operator's operand printed in capitals, which reads
	 * back as the operator ("x +(OR NEAR c)" read as "x +(NEAR c)"). It
	 * prints in lower case, a word in every reading (seed
	 * operator-word-operand). */
	assert_string_equal(tree("x +OR NEAR c"), "x +(or NEAR c)");
	assert_string_equal(tree("x +(or NEAR c)"), "x +(or NEAR c)");
	assert_string_equal(tree("X +OR NEAR/3 C"), "X +(or NEAR/3 C)");
	assert_string_equal(tree("X +(or NEAR/3 C)"), "X +(or NEAR/3 C)");
	assert_string_equal(tree("X (+AND NEAR C) AND D"), "X ((+(and NEAR C)) AND D)");
	assert_string_equal(tree("X ((+(and NEAR C)) AND D)"), "X ((+(and NEAR C)) AND D)");
	assert_string_equal(tree("Kerry AND -NEAR/3"), "(Kerry NOT near/3)");
	assert_string_equal(tree("(Kerry NOT near/3)"), "(Kerry NOT near/3)");
	assert_string_equal(tree("+NOT NEAR Kerry"), "+(not NEAR Kerry)");
	/* Found by fuzz_query: a group's + on an operation's first operand,
	 * printed first, was read as the whole operation's ("+(a NEAR b)
	 * AND c" is "+((a NEAR b) AND c)"); it prints in parentheses of its
	 * own (seed first-operand-mark). */
	assert_string_equal(tree("Kerry (+Lavrov NEAR talks) AND Paris"),
			    "Kerry ((+(Lavrov NEAR talks)) AND Paris)");
	assert_string_equal(tree("Kerry ((+(Lavrov NEAR talks)) AND Paris)"),
			    "Kerry ((+(Lavrov NEAR talks)) AND Paris)");
}

/* The tree and the reading's notes: "tree [flags]". */
static const char *reading(const char *text)
{
	static char out[512];
	char err[256];
	query_read_opts_t ro = { "english" };
	query_node_t *root = NULL;
	if (query_tree_parse(text, &ro, &root, err, sizeof(err)) != 0) {
		snprintf(out, sizeof(out), "ERR: %s", err);
		return out;
	}
	char *d = query_tree_dump(root);
	static const char *const names[] = { "capitals", "question", "lone", "paren", "empty",
					     "stop", "excluded", "long", "field" };
	size_t len = (size_t)snprintf(out, sizeof(out), "%s [", d ? d : "(null)");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (root->reading & (1u << i))
			len += (size_t)snprintf(out + len, sizeof(out) - len, "%s%s",
						out[len - 1] == '[' ? "" : " ", names[i]);
	snprintf(out + len, sizeof(out) - len, "]");
	free(d);
	query_tree_free(root);
	return out;
}

/* AND, OR, NOT and NEAR are operators where that reading makes sense:
 * a word to search for on both sides, and in a query in capitals or a
 * question only with a parenthesis beside them. */
static void test_query_tree_operators_as_people_type(void **state)
{
	(void)state;
	/* Mixed case: operators between words. */
	assert_string_equal(reading("Kerry AND Lavrov"), "(Kerry AND Lavrov) []");
	assert_string_equal(reading("Kerry AND NOT Lavrov"), "(Kerry NOT Lavrov) []");
	/* A stop word beside an operator is no word to search for: it is
	 * left out, and the operator joins the words around it. */
	assert_string_equal(reading("Kerry AND the Crimea"), "(Kerry AND Crimea) []");
	/* At the start or the end, or beside another operator: a word (a
	 * stop word, left out). */
	assert_string_equal(reading("AND Kerry"), "Kerry [lone]");
	assert_string_equal(reading("Kerry AND"), "Kerry [lone]");
	assert_string_equal(reading("Kerry AND NOT"), "Kerry [lone]");
	assert_string_equal(reading("Kerry OR OR Lavrov"), "(Kerry OR Lavrov) [lone]");
	assert_string_equal(reading("NOT Kerry"), "Kerry [lone]");
	assert_string_equal(reading("Kerry NEAR"), "Kerry NEAR [lone]");
	assert_string_equal(reading("Kerry NEAR/3"), "Kerry [lone]");
	assert_string_equal(reading("\"foreign minister\" NEAR Lavrov"),
			    "\"foreign minister\" NEAR Lavrov [lone]");
	/* In capitals (a shouted question, a pasted headline): words. */
	assert_string_equal(reading("SOUTH VIET NAM AND WHAT THEY ARE SEEKING"),
			    "SOUTH VIET NAM SEEKING [capitals]");
	assert_string_equal(reading("KERRY AND LAVROV"), "KERRY LAVROV [capitals]");
	assert_string_equal(reading("THE NEAR EAST"), "NEAR EAST [capitals]");
	assert_string_equal(reading("JOBS NEAR LONDON"), "JOBS near LONDON [capitals]"); /* printed as the word it is */
	/* ... unless parentheses are plainly syntax: a group with an operator
	 * inside and one beside it; NEAR/n is always an operator. */
	assert_string_equal(reading("(KERRY OR LAVROV) AND CRIMEA"),
			    "((KERRY OR LAVROV) AND CRIMEA) []");
	assert_string_equal(reading("CRIMEA NOT (RUSSIA OR UKRAINE) OR KIEV"),
			    "((CRIMEA NOT (RUSSIA OR UKRAINE)) OR KIEV) []");
	assert_string_equal(reading("WIDE AREA NETWORKS (MESH) AND LOCAL NETWORKS"),
			    "WIDE AREA NETWORKS MESH LOCAL NETWORKS [capitals]"); /* a group of one is its member */
	assert_string_equal(reading("NATIONAL (CENTRES AND FOCI), SCIENTIFIC AND MEDICAL"),
			    "NATIONAL (CENTRES FOCI) SCIENTIFIC MEDICAL [capitals]");
	assert_string_equal(reading("KERRY NEAR/3 LAVROV"), "(KERRY NEAR/3 LAVROV) []");
	/* A question likewise. */
	assert_string_equal(reading("Did Kerry AND Lavrov meet?"),
			    "Kerry Lavrov meet? [question]");
	assert_string_equal(reading("Kerry AND (Lavrov OR Putin)?"),
			    "(Kerry AND (Lavrov OR Putin)) []");
	/* Lower case is never an operator. */
	assert_string_equal(reading("rock and roll"), "rock roll []");
	/* The reading is printed so that parsing it again reads the same. */
	assert_string_equal(reading("NEAR EAST"), "NEAR EAST [lone]");
	/* ... also when what is printed is all in capitals, which would be read
	 * in capitals (the lower-case word was a stop word): the words are
	 * printed in lower case then, as they are searched for (a fuzzer
	 * find, tests/fuzz/seeds/query/query-capitals-round-trip). */
	assert_string_equal(reading("K(a(D OR N4"), "k (d OR n4) [paren]");
	assert_string_equal(reading("k (d OR n4)"), "k (d OR n4) []");
	assert_string_equal(reading("the (KERRY OR LAVROV)"), "(kerry OR lavrov) []");
	assert_string_equal(reading("the KERRY NEAR/3 LAVROV"), "(KERRY NEAR/3 LAVROV) []");
	assert_string_equal(reading("the (KERRY OR LAVROV) AND CRIMEA"),
			    "((KERRY OR LAVROV) AND CRIMEA) []");
	/* The word NEAR that a left-out token kept from being an operator
	 * (a fuzzer find, tests/fuzz/seeds/query/near-beside-no-word). */
	assert_string_equal(reading("b NEAR }}}} c"), "b near c [lone]");
	assert_string_equal(reading("b near c"), "b near c []");
}

/* What is no syntax a person meant is read, not refused. */
static void test_query_tree_recovers(void **state)
{
	(void)state;
	assert_string_equal(reading("Kerry) Lavrov"), "Kerry Lavrov [paren]");
	assert_string_equal(reading("(Kerry OR Lavrov"), "(Kerry OR Lavrov) [paren]");
	assert_string_equal(reading("Kerry OR )"), "Kerry [lone paren]");
	/* MED's query 29 and Cranfield's 170 */
	assert_string_equal(reading("such: 1) bile duct and 2) giant cell"),
			    "1 bile duct 2 giant cell [paren]");
	assert_string_equal(reading("be,. - (a) significantly"), "significantly [empty]");
	assert_string_equal(reading("the of and"), "the of and [stop]");
	assert_string_equal(reading("THE AND OF"), "THE AND OF [stop]");
	assert_string_equal(reading("-Crimea"), "-Crimea [excluded]");
	assert_string_equal(reading("http://example.com/a"), "http://example.com/a []");
	assert_string_equal(reading("NOTE:SANCTIONS"), "\"NOTE:SANCTIONS\" [field]");
	/* ... printed quoted, so that it reads back as a word in a query that
	 * is not in capitals nor a question (a fuzzer find,
	 * tests/fuzz/seeds/query/field-like-word-in-question) */
	assert_string_equal(reading("espron:Putin p:xi?"), "\"espron:Putin\" \"p:xi?\" [field]");
	assert_string_equal(reading("\"espron:Putin\""), "\"espron:Putin\" []");
	assert_string_equal(reading("TITLE:CRIMEA"), "title:CRIMEA []");
	/* Still errors: syntax plainly meant and got wrong. */
	assert_string_equal(reading("Kerry \"Paris"), "ERR: unbalanced quote at column 7");
	assert_string_equal(reading("colour:red"),
			    "ERR: unknown field 'colour:' (fields: id, title, author, date, place, "
			    "source, lang, person, org) at column 1");
	char note[512];
	query_reading_describe(QR_CAPITALS | QR_PARENTHESIS, note, sizeof(note));
	assert_string_equal(note, "the query is in capitals: AND, OR, NOT and NEAR read as words, "
			    "as they are without a parenthesis beside them; an unmatched "
			    "parenthesis left out");
	/* The limit named by what it counts: 600 parentheses around one
	 * word are over it (issue 20: it said "the words after the first
	 * 1024"). */
	char deep[1300];
	memset(deep, '(', 600);
	deep[600] = 'x';
	memset(deep + 601, ')', 600);
	deep[1201] = '\0';
	assert_string_equal(reading(deep), "x [paren long]");
	query_reading_describe(QR_TOO_LONG, note, sizeof(note));
	assert_string_equal(note, "the query past its first 1024 words, operators and "
			    "parentheses left out");
	query_reading_describe(0, note, sizeof(note));
	assert_string_equal(note, "");
}

static void test_query_tree_add_filter_is_the_query_field(void **state)
{
	(void)state;
	char err[256];
	query_read_opts_t ro = { "english" };
	query_node_t *root = NULL;
	assert_int_equal(query_tree_parse("Crimea", &ro, &root, err, sizeof(err)), 0);
	assert_int_equal(query_tree_add_filter(root, QN_PLACE, "--place", "Kiev", NULL, err,
					       sizeof(err)), 0);
	assert_int_equal(query_tree_add_filter(root, QN_DATE, "--since", "2014-03", "2015", err,
					       sizeof(err)), 0);
	char *d = query_tree_dump(root);
	/* --place X reads as +place:X: one path. */
	assert_string_equal(d, "Crimea +place:Kiev date:2014-03..2015");
	free(d);
	assert_int_equal(query_tree_add_filter(root, QN_PERSON, "--person", "", NULL, err,
					       sizeof(err)), -1);
	assert_string_equal(err, "--person: a person needs a name");
	assert_int_equal(query_tree_add_filter(root, QN_ORG, "--org", "NATO", NULL, err,
					       sizeof(err)), 0);
	d = query_tree_dump(root);
	assert_string_equal(d, "Crimea +place:Kiev date:2014-03..2015 +org:NATO");
	free(d);
	assert_int_equal(query_tree_add_filter(root, QN_ORG, "--org", " ", NULL, err,
					       sizeof(err)), -1);
	assert_string_equal(err, "--org: an organisation needs a name");
	query_tree_free(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query_tree_dump),
		cmocka_unit_test(test_query_parse_lang),
		cmocka_unit_test(test_query_tree_operators_as_people_type),
		cmocka_unit_test(test_query_tree_recovers),
		cmocka_unit_test(test_query_parse_too_long),
		cmocka_unit_test(test_query_tree_add_filter_is_the_query_field),
		cmocka_unit_test(test_query_parse_words_use_stems_and_boosts),
		cmocka_unit_test(test_query_parse_phrase_and_fields),
		cmocka_unit_test(test_query_parse_modifiers),
		cmocka_unit_test(test_query_parse_proximity),
		cmocka_unit_test(test_query_parse_errors),
		cmocka_unit_test(test_query_parse_operators),
		cmocka_unit_test(test_query_parse_near_and_prefix),
		cmocka_unit_test(test_query_parse_filters),
		cmocka_unit_test(test_query_parse_people_and_places),
		cmocka_unit_test(test_query_parse_stop_words),
		cmocka_unit_test(test_query_items_for_highlighting),
		cmocka_unit_test(test_query_parse_boosts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
