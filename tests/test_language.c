/* Unit tests for indexer/language.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "../analysis/language.h"

static void test_lang_normalise_forms(void **state)
{
	(void)state;
	char buf[LANG_CODE_BYTES];
	assert_string_equal(lang_normalise("fr-FR", 5, buf), "fr");
	assert_string_equal(lang_normalise(" French", 7, buf), "fr");
	assert_string_equal(lang_normalise("en_GB", 5, buf), "en");
	assert_string_equal(lang_normalise("deu", 3, buf), "de");
	assert_string_equal(lang_normalise("RU", 2, buf), "ru");
	assert_null(lang_normalise("klingon", 7, buf));
	assert_null(lang_normalise("", 0, buf));
	assert_string_equal(lang_stemmer_name("es"), "spanish");
	assert_string_equal(lang_code_of_stemmer("english"), "en");
	assert_null(lang_code_of_stemmer("none"));
}

static void test_lang_detect_five(void **state)
{
	(void)state;
	lang_detector_t *d = lang_detector_new();
	assert_non_null(d);
	static const struct { const char *text, *code; } t[] = {
		{ "The foreign ministers met in Geneva on Thursday and agreed on steps to calm "
		  "the crisis in eastern Ukraine.", "en" },
		{ "Les ministres des affaires \xc3\xa9trang\xc3\xa8res se sont r\xc3\xa9unis \xc3\xa0 "
		  "Gen\xc3\xa8ve jeudi et ont convenu de mesures pour apaiser la crise.", "fr" },
		{ "Die Au\xc3\x9f" "enminister trafen sich am Donnerstag in Genf und einigten sich auf "
		  "Schritte zur Beruhigung der Krise in der Ostukraine.", "de" },
		{ "Los ministros de Asuntos Exteriores se reunieron el jueves en Ginebra y "
		  "acordaron medidas para calmar la crisis en el este de Ucrania.", "es" },
		{ "\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80\xd1\x8b "
		  "\xd0\xb8\xd0\xbd\xd0\xbe\xd1\x81\xd1\x82\xd1\x80\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd1\x85 "
		  "\xd0\xb4\xd0\xb5\xd0\xbb \xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x82\xd0\xb8"
		  "\xd0\xbb\xd0\xb8\xd1\x81\xd1\x8c \xd0\xb2 \xd0\x96\xd0\xb5\xd0\xbd\xd0\xb5\xd0\xb2"
		  "\xd0\xb5 \xd0\xb2 \xd1\x87\xd0\xb5\xd1\x82\xd0\xb2\xd0\xb5\xd1\x80\xd0\xb3.", "ru" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *got = lang_detect(d, t[i].text, strlen(t[i].text), NULL);
		assert_non_null(got);
		assert_string_equal(got, t[i].code);
	}
	/* Capitals (abstracts in upper case) are English still. */
	const char *caps = "CRITICALLY EXAMINES THE INDIAN LIBRARY SCENE. THE MANAGEMENT AND "
			   "SERVICES OF MOST LIBRARIES ARE INEFFICIENT, RESULTING IN GRAVE "
			   "MISALLOCATION OF LIBRARY RESOURCES.";
	assert_string_equal(lang_detect(d, caps, strlen(caps), NULL), "en");
	/* Near-equals: the run's language is preferred. */
	const char *tech = "investigation of the electron emission from nickel experiments "
			   "show that the work function of a single crystal";
	assert_string_equal(lang_detect(d, tech, strlen(tech), "en"), "en");
	/* libexttextcat alone finds these Catalan and Spanish about as likely,
	 * Catalan first ("[ca][es]"), or more than five languages about as
	 * likely; CLD2 decides among them. */
	const char *es = "Puede ser necesario incrementar el l\xc3\xadmite. Puede ser necesario "
			 "ejecutar el proceso otra vez.";
	assert_string_equal(lang_detect(d, es, strlen(es), "en"), "es");
	const char *es2 = "Verdadero si el fichero existe. Verdadero si usted puede leer el fichero.";
	assert_string_equal(lang_detect(d, es2, strlen(es2), NULL), "es");
	/* A table of figures is in no language (textcat alone: German). */
	const char *table = "Shr 61 cts vs 48 cts\n    Net 17.2 mln vs 14.9 mln\n"
			    "    Revs 281.5 mln vs 266.0 mln\n Reuter";
	assert_null(lang_detect(d, table, strlen(table), "en"));
	/* Too short to say. */
	assert_null(lang_detect(d, "Geneva", 6, "en"));
	lang_detector_destroy(d);
	lang_detector_destroy(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang_normalise_forms),
		cmocka_unit_test(test_lang_detect_five),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
