/*
 * escape.c - context escaping for the server's output (escape.h).
 */
#include "escape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define REPLACEMENT "\xEF\xBF\xBD"  /* U+FFFD */

static int grow(esc_buf_t *b, size_t more)
{
	if (b->failed)
		return -1;
	if (b->len + more + 1 <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->failed = 1;
		return -1;
	}
	b->data = d;
	b->cap = cap;
	return 0;
}

void esc_rawn(esc_buf_t *b, const char *s, size_t len)
{
	if (grow(b, len) < 0)
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void esc_raw(esc_buf_t *b, const char *s)
{
	esc_rawn(b, s, strlen(s));
}

void esc_printf(esc_buf_t *b, const char *fmt, ...)
{
	va_list ap;
	char small[128];
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		esc_rawn(b, small, (size_t)n);
		return;
	}
	if (grow(b, (size_t)n) < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void esc_buf_free(esc_buf_t *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

char *esc_buf_take(esc_buf_t *b, size_t *len)
{
	char *d = b->failed ? NULL : b->data ? b->data : strdup("");
	if (b->failed)
		free(b->data);
	if (len)
		*len = d ? b->len : 0;
	memset(b, 0, sizeof(*b));
	return d;
}

/* The length of the valid UTF-8 sequence at s (at most len bytes), with
 * its code point in *cp; 0 when the bytes there are not valid UTF-8
 * (overlong forms and surrogates included). */
static size_t utf8_seq(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned c = s[0], n, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		min = 0x80;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		min = 0x800;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int esc_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0, n; i < len; i += n) {
		unsigned cp;
		if (!(n = utf8_seq(p + i, len - i, &cp)) || cp == 0)
			return 0;
	}
	return 1;
}

/* A character that no page or JSON string should carry: controls other
 * than tab, newline and carriage return, DEL and the C1 controls. */
static int unwanted(unsigned cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	       (cp >= 0x7F && cp < 0xA0);
}

int esc_text_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0, n; i < len; i += n) {
		unsigned cp;
		if (!(n = utf8_seq(p + i, len - i, &cp)) || cp == 0 || unwanted(cp))
			return 0;
	}
	return 1;
}

void esc_html(esc_buf_t *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned cp;
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (n == 0 || unwanted(cp)) {
			esc_raw(b, REPLACEMENT);
			i += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '&': esc_raw(b, "&amp;"); break;
		case '<': esc_raw(b, "&lt;"); break;
		case '>': esc_raw(b, "&gt;"); break;
		case '"': esc_raw(b, "&quot;"); break;
		case '\'': esc_raw(b, "&#39;"); break;
		default: esc_rawn(b, s + i, n); break;
		}
		i += n;
	}
}

void esc_html_str(esc_buf_t *b, const char *s)
{
	if (s)
		esc_html(b, s, strlen(s));
}

void esc_attr(esc_buf_t *b, const char *s, size_t len)
{
	esc_html(b, s, len);
}

void esc_attr_str(esc_buf_t *b, const char *s)
{
	if (s)
		esc_html(b, s, strlen(s));
}

void esc_url(esc_buf_t *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			esc_rawn(b, (const char *)&c, 1);
		} else {
			char e[3] = { '%', hex[c >> 4], hex[c & 15] };
			esc_rawn(b, e, 3);
		}
	}
}

void esc_url_str(esc_buf_t *b, const char *s)
{
	if (s)
		esc_url(b, s, strlen(s));
}

/* An ASCII byte that esc_json() writes as it is. */
static int json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '<' && c != '>' &&
	       c != '&';
}

void esc_json(esc_buf_t *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	esc_raw(b, "\"");
	while (i < len) {
		/* A run of printable ASCII that needs no escape goes out as
		 * it is, in one copy (most of an article's text). */
		size_t run = i;
		while (run < len && json_plain(p[run]))
			run++;
		if (run > i) {
			esc_rawn(b, s + i, run - i);
			i = run;
			continue;
		}
		unsigned cp;
		size_t n = utf8_seq(p + i, len - i, &cp);
		if (n == 0 || (unwanted(cp) && cp >= 0x7F)) {
			esc_raw(b, "\\ufffd");
			i += n ? n : 1;
			continue;
		}
		switch (cp) {
		case '"': esc_raw(b, "\\\""); break;
		case '\\': esc_raw(b, "\\\\"); break;
		case '\n': esc_raw(b, "\\n"); break;
		case '\r': esc_raw(b, "\\r"); break;
		case '\t': esc_raw(b, "\\t"); break;
		case '<': esc_raw(b, "\\u003c"); break;
		case '>': esc_raw(b, "\\u003e"); break;
		case '&': esc_raw(b, "\\u0026"); break;
		default:
			if (cp < 0x20)
				esc_printf(b, "\\u%04x", cp);
			else if (cp == 0x2028 || cp == 0x2029)
				esc_printf(b, "\\u%04x", cp);  /* line ends to JavaScript */
			else
				esc_rawn(b, s + i, n);
			break;
		}
		i += n;
	}
	esc_raw(b, "\"");
}

void esc_json_str(esc_buf_t *b, const char *s)
{
	if (s)
		esc_json(b, s, strlen(s));
	else
		esc_raw(b, "null");
}

void esc_integer(esc_buf_t *b, long long v)
{
	char d[24];
	size_t at = sizeof(d);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		d[--at] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		d[--at] = '-';
	esc_rawn(b, d + at, sizeof(d) - at);
}

void esc_json_value(esc_buf_t *b, const json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;
	int first = 1;

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_OBJECT:
		esc_rawn(b, "{", 1);
		json_object_foreach((json_t *)v, key, item) {
			if (!first)
				esc_rawn(b, ",", 1);
			first = 0;
			esc_json_str(b, key);
			esc_rawn(b, ":", 1);
			esc_json_value(b, item);
		}
		esc_rawn(b, "}", 1);
		break;
	case JSON_ARRAY:
		esc_rawn(b, "[", 1);
		json_array_foreach((json_t *)v, i, item) {
			if (i)
				esc_rawn(b, ",", 1);
			esc_json_value(b, item);
		}
		esc_rawn(b, "]", 1);
		break;
	case JSON_STRING:
		esc_json(b, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		esc_integer(b, json_integer_value(v));
		break;
	case JSON_REAL: {
		/* As jansson writes it (what dateline-search --json prints). */
		char *num = json_dumps(v, JSON_ENCODE_ANY);
		if (num)
			esc_raw(b, num);
		else
			b->failed = 1;
		free(num);
		break;
	}
	case JSON_TRUE: esc_raw(b, "true"); break;
	case JSON_FALSE: esc_raw(b, "false"); break;
	default: esc_raw(b, "null"); break;
	}
}
