/* fuzz_reuters.c - the Reuters-21578 SGML reader, on UTF-8 text as
 * ingest.c gives it (Windows-1252 when the bytes are not UTF-8). */
#include "../../indexer/encoding.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	size_t len = size;
	char *conv = NULL;
	if (!enc_valid_utf8(text, len, NULL)) {
		conv = enc_cp1252_to_utf8(text, len, &len);
		if (!conv)
			return 0;
		text = conv;
	}
	reuters_read(text, len, fuzz_check_item, NULL);
	free(conv);
	return 0;
}
