/* fuzz_record.c - the stored record's decoder (analysis/record.c): any
 * bytes decode into a record or fail with a reason; a decoded record's
 * fields are UTF-8, and encoding it then decoding that gives the same
 * bytes again. */
#include "../../analysis/record.h"
#include "fuzz.h"

static void check_fields(const dl_record_t *r)
{
	for (size_t f = 0; f < DL_NFIELDS; f++) {
		const char *v = dl_record_get(r, (enum dl_field_id)f);
		if (v && !utf8_valid(v, strlen(v), NULL))
			FUZZ_FAIL("decoded field %zu is not UTF-8", f);
		size_t n = dl_record_count(r, (enum dl_field_id)f);
		for (size_t i = 0; i < n; i++) {
			const char *item = dl_record_item(r, (enum dl_field_id)f, i);
			if (item && !utf8_valid(item, strlen(item), NULL))
				FUZZ_FAIL("item %zu of decoded list %zu is not UTF-8", i, f);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dl_record_t *r = NULL, *r2 = NULL;
	char why[256] = "";
	char *enc = NULL, *enc2 = NULL;
	size_t len = 0, len2 = 0;
	if (dl_record_decode((const char *)data, size, &r, why, sizeof(why)) != 0) {
		if (r || !*why)
			FUZZ_FAIL("a failed decode with a record or without a reason");
		return 0;
	}
	check_fields(r);
	enc = dl_record_encode(r, &len);
	if (!enc)
		goto out;
	if (dl_record_decode(enc, len, &r2, why, sizeof(why)) != 0)
		FUZZ_FAIL("an encoded record does not decode: %s", why);
	check_fields(r2);
	enc2 = dl_record_encode(r2, &len2);
	if (enc2 && (len != len2 || memcmp(enc, enc2, len) != 0))
		FUZZ_FAIL("encode(decode(encode(r))) differs from encode(r)");
out:
	free(enc2);
	free(enc);
	dl_record_free(r2);
	dl_record_free(r);
	return 0;
}
