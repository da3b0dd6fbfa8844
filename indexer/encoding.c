/* encoding.c - making the bytes of a file into UTF-8 text (see encoding.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "../util/utf8.h"
#include "encoding.h"

int enc_is_binary(const char *buf, size_t len)
{
	return memchr(buf, '\0', len < ENC_SNIFF_BYTES ? len : ENC_SNIFF_BYTES) != NULL;
}

int enc_valid_utf8(const char *buf, size_t len, size_t *bad)
{
	return utf8_valid(buf, len, bad);
}

/* Windows-1252's 0x80-0x9F; 0 where the code page leaves a hole (those
 * bytes are read as their Latin-1 C1 control, which the tokenizer skips). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

char *enc_cp1252_to_utf8(const char *buf, size_t len, size_t *out_len)
{
	/* Every byte becomes at most 3 bytes of UTF-8. */
	char *out = malloc(3 * len + 1), *p = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		utf8proc_int32_t cp = c;
		if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80])
			cp = cp1252_high[c - 0x80];
		p += utf8proc_encode_char(cp, (utf8proc_uint8_t *)p);
	}
	*p = '\0';
	*out_len = (size_t)(p - out);
	return out;
}

/* The Windows-1252 character of byte c, as UTF-8 at p; returns its length. */
static size_t put_cp1252(unsigned char c, char *p)
{
	utf8proc_int32_t cp = c;
	if (c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80])
		cp = cp1252_high[c - 0x80];
	return (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)p);
}

char *enc_repair_utf8(const char *buf, size_t len, size_t *out_len)
{
	char *out = malloc(3 * len + 1), *p = out;
	size_t i = 0;
	if (!out)
		return NULL;
	while (i < len) {
		size_t bad = len - i;
		if (utf8_valid(buf + i, len - i, &bad))
			bad = len - i;
		/* buf[i, i + bad) is valid: kept; the byte at bad is not. */
		memcpy(p, buf + i, bad);
		p += bad;
		i += bad;
		if (i < len)
			p += put_cp1252((unsigned char)buf[i++], p);
	}
	*p = '\0';
	*out_len = (size_t)(p - out);
	return out;
}

size_t enc_bom_len(const char *buf, size_t len)
{
	return len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

size_t enc_content_start(const char *buf, size_t len)
{
	size_t i = enc_bom_len(buf, len);
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
			   buf[i] == '\r' || buf[i] == '\f' || buf[i] == '\v'))
		i++;
	return i;
}

/* The value after "name=" at p (quotes and spaces skipped): is it a name
 * of UTF-8? */
static int names_utf8(const char *p, const char *end)
{
	while (p < end && (*p == '"' || *p == '\'' || *p == ' '))
		p++;
	return (end - p >= 5 && strncasecmp(p, "utf-8", 5) == 0) ||
	       (end - p >= 4 && strncasecmp(p, "utf8", 4) == 0);
}

int enc_declares_other_charset(const char *buf, size_t len)
{
	size_t n = len < ENC_DECLARATION_BYTES ? len : ENC_DECLARATION_BYTES;
	const char *end = buf + n;
	static const char *const keys[] = { "charset=", "encoding=" };
	for (const char *p = buf; p < end; p++) {
		for (size_t k = 0; k < 2; k++) {
			size_t kl = strlen(keys[k]);
			if ((size_t)(end - p) > kl && strncasecmp(p, keys[k], kl) == 0)
				return !names_utf8(p + kl, end);
		}
	}
	return 0;
}
