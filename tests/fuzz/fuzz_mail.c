/* fuzz_mail.c - the e-mail reader (indexer/read_mail.c, GMime): the input
 * read as what mail_detect() takes it for (one message when it is neither),
 * and also as an mbox; every message handed on keeps the readers' promise
 * and every note is clean UTF-8. */
#include <libxml/parser.h>

#include "fuzz.h"

static void check_note(const char *suffix, const char *msg, void *ctx)
{
	(void)ctx;
	if (!msg || !utf8_is_clean(msg, strlen(msg), 0))
		FUZZ_FAIL("a note is not clean UTF-8");
	if (suffix && (suffix[0] != '#' || !utf8_valid(suffix, strlen(suffix), NULL)))
		FUZZ_FAIL("a note's suffix is not '#' and UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		xmlInitParser();
		ready = 1;
	}
	const char *buf = (const char *)data;
	int kind = mail_detect("fuzz-input", buf, size);
	mail_read(buf, size, kind == MAIL_NONE ? MAIL_MESSAGE : kind, fuzz_check_item,
		  check_note, NULL);
	if (kind != MAIL_MBOX)
		mail_read(buf, size, MAIL_MBOX, fuzz_check_item, check_note, NULL);
	return 0;
}
