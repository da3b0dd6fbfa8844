/* fuzz_text.c - the plain-text reader, as ingest.c calls it: the bytes
 * made UTF-8 (Windows-1252 when they are not), then text_read(). */
#include "../../indexer/encoding.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t len = size;
	char *conv = NULL;
	article_t a = { 0 };
	if (!enc_valid_utf8(text, len, NULL)) {
		conv = enc_cp1252_to_utf8(text, len, &len);
		if (!conv)
			return 0;
		if (!enc_valid_utf8(conv, len, NULL))
			FUZZ_FAIL("Windows-1252 converted to something not UTF-8");
		text = conv;
	}
	if (text_read(text, len, &a) == 0)
		fuzz_check_article(&a);
	article_clear(&a);
	free(conv);
	return 0;
}
