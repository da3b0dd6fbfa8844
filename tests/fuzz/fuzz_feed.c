/* fuzz_feed.c - the RSS/Atom reader, as ingest.c calls it: bytes that are
 * not UTF-8 and declare no other charset are read as Windows-1252 first. */
#include <libxml/parser.h>

#include "../../indexer/encoding.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	const char *text = (const char *)data;
	size_t len = size;
	char *conv = NULL;
	if (!ready) {
		xmlInitParser();
		ready = 1;
	}
	if (!enc_valid_utf8(text, len, NULL) && !enc_declares_other_charset(text, len)) {
		conv = enc_cp1252_to_utf8(text, len, &len);
		if (!conv)
			return 0;
		text = conv;
	}
	feed_read(text, len, fuzz_check_item, NULL);
	free(conv);
	return 0;
}
