/* fuzz_warc.c - the WARC reader (indexer/read_warc.c), which streams a
 * file by path: the input is written to an in-memory file (memfd) and read
 * through /proc/self/fd, plain or (when the input starts with gzip's
 * magic) through zlib. Every page handed on keeps the readers' promise; a
 * note is a sentence, valid UTF-8 with no control character. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <unistd.h>

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
	int fd = memfd_create("fuzz-warc", 0);
	if (fd < 0)
		return 0;
	size_t done = 0;
	while (done < size) {
		ssize_t k = write(fd, data + done, size - done);
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	if (done == size) {
		char path[64];
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		/* A small record limit, so that skipping is fuzzed too. */
		warc_read(path, 1 + (size ? data[0] : 0) * 256ULL, fuzz_check_item, check_note, NULL);
	}
	close(fd);
	return 0;
}
