/* safeprint.c - printing untrusted text safely (see safeprint.h). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "safeprint.h"

/* Append the safe form of s to out (which has room for 3 * len bytes). */
static size_t sanitise(const char *s, size_t len, char *out)
{
	size_t i = 0, n = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F) {
			out[n++] = ' ';
			i++;
			continue;
		}
		if (c < 0x80) {
			out[n++] = (char)c;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (k <= 0) {
			memcpy(out + n, "\xEF\xBF\xBD", 3);  /* U+FFFD */
			n += 3;
			i++;
			continue;
		}
		if (cp >= 0x80 && cp < 0xA0) {  /* C1 controls (CSI among them) */
			out[n++] = ' ';
		} else {
			memcpy(out + n, s + i, (size_t)k);
			n += (size_t)k;
		}
		i += (size_t)k;
	}
	return n;
}

char *safe_strdup(const char *s, size_t len)
{
	char *out = malloc(3 * len + 1);
	if (!out)
		return NULL;
	size_t n = sanitise(s, len, out);
	out[n] = '\0';
	return out;
}

int safe_write(FILE *f, const char *s, size_t len)
{
	char buf[3 * 512];
	while (len > 0) {
		size_t chunk = len < 512 ? len : 512;
		/* Do not split a UTF-8 sequence between two chunks. */
		while (chunk < len && chunk > 0 &&
		       ((unsigned char)s[chunk] & 0xC0) == 0x80)
			chunk--;
		if (chunk == 0)
			chunk = len < 512 ? len : 512;
		size_t n = sanitise(s, chunk, buf);
		if (fwrite(buf, 1, n, f) != n)
			return EOF;
		s += chunk;
		len -= chunk;
	}
	return 0;
}

int safe_puts(FILE *f, const char *s)
{
	return safe_write(f, s, strlen(s));
}
