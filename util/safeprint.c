/* safeprint.c - printing untrusted text safely (see safeprint.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "safeprint.h"
#include "utf8.h"

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

char *safe_name(const char *s, size_t len)
{
	if (utf8_is_clean(s, len, 0)) {
		char *out = malloc(len + 1);
		if (out) {
			memcpy(out, s, len);
			out[len] = '\0';
		}
		return out;
	}
	/* At most four bytes (\xHH) for each. */
	char *out = malloc(4 * len + 1), *o = out;
	if (!out)
		return NULL;
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = 1;
		int plain = 0;
		if (c >= 0x20 && c < 0x7F) {
			plain = c != '\\';
		} else if (c >= 0x80) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							      (utf8proc_ssize_t)(len - i), &cp);
			if (k > 0) {
				n = (size_t)k;
				plain = cp >= 0xA0;
			}
		}
		if (plain) {
			memcpy(o, s + i, n);
			o += n;
		} else if (c == '\\') {
			*o++ = '\\';
			*o++ = '\\';
		} else {
			for (size_t j = 0; j < n; j++)
				o += sprintf(o, "\\x%02X", (unsigned char)s[i + j]);
		}
		i += n;
	}
	*o = '\0';
	return out;
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *safe_name_decode(const char *s, size_t *len)
{
	if (!strstr(s, "\\x"))
		return NULL;
	size_t n = strlen(s);
	char *out = malloc(n + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int h, l;
		if (s[i] == '\\' && s[i + 1] == '\\') {
			*o++ = '\\';
			i++;
		} else if (s[i] == '\\' && s[i + 1] == 'x' && (h = hex_digit(s[i + 2])) >= 0 &&
			   (l = hex_digit(s[i + 3])) >= 0) {
			*o++ = (char)(h * 16 + l);
			i += 3;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}
