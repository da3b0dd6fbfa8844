/* fuzz_pdf.c - the PDF reader (indexer/read_pdf.c, poppler-glib): any
 * bytes give an article that keeps the readers' promise, or a reason that
 * is a clean sentence. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	article_t a = { 0 };
	char err[256] = "";
	int rc = pdf_read((const char *)data, size, &a, err, sizeof(err));
	if (rc == 0)
		fuzz_check_article(&a);
	else if (rc == 1 && (!err[0] || !utf8_is_clean(err, strlen(err), 0)))
		FUZZ_FAIL("a PDF refused without a clean reason");
	article_clear(&a);
	return 0;
}
