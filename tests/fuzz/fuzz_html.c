/* fuzz_html.c - the HTML reader, the three ways ingest.c calls it: bytes
 * that are UTF-8, bytes whose declared charset libxml2 decodes, and bytes
 * read as Windows-1252 first (not UTF-8, no other charset declared). */
#include <libxml/parser.h>

#include "../../indexer/encoding.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *text = (const char *)data;
	article_t a = { 0 };
	if (!ready) {
		xmlInitParser();
		ready = 1;
	}
	size_t len = size;
	char *conv = NULL;
	const char *encoding = "UTF-8";
	if (!enc_valid_utf8(text, len, NULL)) {
		if (enc_declares_other_charset(text, len)) {
			encoding = NULL;
		} else {
			conv = enc_cp1252_to_utf8(text, len, &len);
			if (!conv)
				return 0;
			text = conv;
		}
	}
	if (html_read(text, len, encoding, &a) == 0)
		fuzz_check_article(&a);
	article_clear(&a);
	free(conv);
	return 0;
}
