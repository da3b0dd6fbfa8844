/* utf8.c - valid, clean UTF-8 text (see utf8.h). */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "utf8.h"

/* Length of the valid sequence at s (1-4), or 0 when s[0] starts none;
 * its code point in *cp. */
static size_t seq_len(const char *s, size_t len, int *cp)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_int32_t u;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
					      (utf8proc_ssize_t)len, &u);
	if (n <= 0)
		return 0;
	*cp = u;
	return (size_t)n;
}

static int is_control(int cp, unsigned flags)
{
	if ((flags & UTF8_KEEP_LINES) && (cp == '\n' || cp == '\t'))
		return 0;
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

int utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0;
	int cp;
	while (i < len) {
		size_t n = seq_len(s + i, len - i, &cp);
		if (n == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

int utf8_is_clean(const char *s, size_t len, unsigned flags)
{
	size_t i = 0;
	int cp;
	while (i < len) {
		size_t n = seq_len(s + i, len - i, &cp);
		if (n == 0 || is_control(cp, flags))
			return 0;
		i += n;
	}
	return 1;
}

size_t utf8_boundary(const char *s, size_t len, size_t cut)
{
	if (cut >= len)
		return len;
	/* At most three continuation bytes precede a character's start. */
	size_t k = cut;
	while (k > 0 && cut - k < 3 && ((unsigned char)s[k] & 0xC0) == 0x80)
		k--;
	/* k starts a sequence: does it reach beyond cut? Then cut before it;
	 * a byte that starts nothing valid is a character of its own. */
	int cp;
	size_t n = seq_len(s + k, len - k, &cp);
	if (n == 0)
		return cut;
	return k + n <= cut ? cut : k;
}

/* The clean form of s into out (NULL: only count); returns its length. */
static size_t clean_into(const char *s, size_t len, unsigned flags, char *out,
			 utf8_fixes_t *fixes)
{
	size_t i = 0, o = 0;
	int cp;
	while (i < len) {
		size_t n = seq_len(s + i, len - i, &cp);
		if (n == 0) {
			if (out)
				memcpy(out + o, "\xEF\xBF\xBD", 3);
			o += 3;
			i++;
			if (fixes)
				fixes->invalid++;
		} else if (is_control(cp, flags)) {
			/* A space per byte: offsets into valid text stay. */
			if (out)
				memset(out + o, ' ', n);
			o += n;
			i += n;
			if (fixes)
				fixes->controls++;
		} else {
			if (out)
				memcpy(out + o, s + i, n);
			o += n;
			i += n;
		}
	}
	return o;
}

int utf8_clean(const char *s, size_t len, unsigned flags, char **out,
	       size_t *out_len, utf8_fixes_t *fixes)
{
	size_t n = clean_into(s, len, flags, NULL, NULL);
	*out = malloc(n + 1);
	if (!*out)
		return -1;
	clean_into(s, len, flags, *out, fixes);
	(*out)[n] = '\0';
	if (out_len)
		*out_len = n;
	return 0;
}
