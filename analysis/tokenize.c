/* tokenize.c - the UTF-8 tokenizer and case folding (see tokenize.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "tokenize.h"

/* Folded code points kept per token before the byte cut: composition can
 * shrink three code points into one three-byte character, so keep enough to
 * fill AN_MAX_TOKEN_BYTES after it. */
#define MAX_TOKEN_CPS (3 * AN_MAX_TOKEN_BYTES)

/* A token being built: its folded code points. */
typedef struct {
	utf8proc_int32_t cps[MAX_TOKEN_CPS + 1];
	size_t n;
	int nonascii;
	char out[AN_MAX_TOKEN_BYTES + 1];
} tokbuf_t;

/* Decode the code point at text[pos]; returns its byte length, or -1 for a
 * byte that does not start a valid UTF-8 sequence. */
static int decode(const char *text, size_t len, size_t pos,
		  utf8proc_int32_t *cp)
{
	unsigned char c = (unsigned char)text[pos];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)text + pos,
					      (utf8proc_ssize_t)(len - pos), cp);
	return n > 0 ? (int)n : -1;
}

static int is_cjk(utf8proc_int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	       (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
}

static int is_letter(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int is_digit(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return cp >= '0' && cp <= '9';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

/* Letters, marks and numbers make words. */
static int is_word(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		       (cp >= '0' && cp <= '9');
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* A combining mark: part of the letter before it. */
static int is_mark(utf8proc_int32_t cp)
{
	if (cp < 0x80)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

static int is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019;
}

/* Append the folded form of cp to the token. */
static void fold_append(tokbuf_t *tb, utf8proc_int32_t cp)
{
	if (cp < 0x80) {
		if (tb->n < MAX_TOKEN_CPS)
			tb->cps[tb->n++] = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
		return;
	}
	if (cp == 0x2019) {
		if (tb->n < MAX_TOKEN_CPS)
			tb->cps[tb->n++] = '\'';
		return;
	}
	utf8proc_int32_t d[32];
	int bound = 0;
	utf8proc_ssize_t k = utf8proc_decompose_char(
		cp, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD, &bound);
	if (k < 0 || k > 32) {
		d[0] = cp;
		k = 1;
	}
	for (utf8proc_ssize_t i = 0; i < k; i++) {
		/* Latin combining accents go; other marks stay. */
		if (d[i] >= 0x0300 && d[i] <= 0x036F)
			continue;
		if (tb->n < MAX_TOKEN_CPS) {
			tb->cps[tb->n++] = d[i];
			if (d[i] >= 0x80)
				tb->nonascii = 1;
		}
	}
}

/* Turn the folded code points into UTF-8 in tb->out; returns its length. */
static size_t finish(tokbuf_t *tb)
{
	size_t nbytes;
	const char *bytes;
	if (!tb->nonascii) {
		for (size_t i = 0; i < tb->n && i < AN_MAX_TOKEN_BYTES; i++)
			tb->out[i] = (char)tb->cps[i];
		nbytes = tb->n < AN_MAX_TOKEN_BYTES ? tb->n : AN_MAX_TOKEN_BYTES;
		tb->out[nbytes] = '\0';
		return nbytes;
	}
	/* Compose again (Hangul, other scripts' marks); utf8proc writes the
	 * UTF-8 over the code point array. */
	utf8proc_ssize_t r = utf8proc_reencode(tb->cps, (utf8proc_ssize_t)tb->n,
					       UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (r < 0)
		return 0;
	bytes = (const char *)tb->cps;
	nbytes = (size_t)r;
	if (nbytes > AN_MAX_TOKEN_BYTES) {
		nbytes = AN_MAX_TOKEN_BYTES;
		/* Back off to the start of a character. */
		while (nbytes > 0 && ((unsigned char)bytes[nbytes] & 0xC0) == 0x80)
			nbytes--;
	}
	memcpy(tb->out, bytes, nbytes);
	tb->out[nbytes] = '\0';
	return nbytes;
}

/* Is text at pos a single letter followed by '.', as in an acronym?
 * Sets *cp and *n to the letter and its byte length. */
static int acronym_part(const char *text, size_t len, size_t pos,
			utf8proc_int32_t *cp, int *n)
{
	if (pos >= len)
		return 0;
	*n = decode(text, len, pos, cp);
	/* A CJK character is a token of its own, even in "X.": were it joined
	 * to its neighbours here, the term would split again when read back. */
	if (*n < 0 || !is_letter(*cp) || is_cjk(*cp))
		return 0;
	size_t p = pos + (size_t)*n;
	return p < len && text[p] == '.';
}

int an_tokenize(const char *text, size_t len, an_token_fn fn, void *ctx)
{
	tokbuf_t *tb = malloc(sizeof(*tb));
	if (!tb)
		return -1;
	int rc = 0;
	size_t pos = 0;

	while (pos < len && rc == 0) {
		utf8proc_int32_t cp;
		int n = decode(text, len, pos, &cp);
		if (n < 0) {
			pos++;
			continue;
		}
		if (!is_word(cp)) {
			pos += (size_t)n;
			continue;
		}
		an_token_t tok = { 0 };
		tok.start = pos;
		tok.capitalised = utf8proc_isupper(cp) ||
				  utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
		tok.numeric = is_digit(cp);
		tb->n = 0;
		tb->nonascii = 0;

		if (is_cjk(cp)) {
			fold_append(tb, cp);
			pos += (size_t)n;
			goto emit;
		}

		/* An acronym: two or more "X." in a row. */
		{
			utf8proc_int32_t c1, c2;
			int n1, n2;
			if (acronym_part(text, len, pos, &c1, &n1) &&
			    acronym_part(text, len, pos + (size_t)n1 + 1, &c2, &n2)) {
				size_t p = pos;
				while (acronym_part(text, len, p, &c1, &n1)) {
					fold_append(tb, c1);
					p += (size_t)n1 + 1;
				}
				pos = p;
				goto emit;
			}
		}

		fold_append(tb, cp);
		utf8proc_int32_t prev = cp;
		pos += (size_t)n;
		while (pos < len) {
			utf8proc_int32_t c, next;
			int m = decode(text, len, pos, &c);
			if (m < 0)
				break;
			if (is_word(c) && !is_cjk(c)) {
				fold_append(tb, c);
				/* A letter's marks leave it the letter before an
				 * apostrophe ("e\u0301's" as "\u00e9's"; and a
				 * presentation form folds into letter and marks). */
				if (!is_mark(c))
					prev = c;
				pos += (size_t)m;
				continue;
			}
			size_t after = pos + (size_t)m;
			int k = after < len ? decode(text, len, after, &next) : -1;
			if (k < 0)
				break;
			if ((is_apostrophe(c) && is_letter(prev) && is_letter(next)) ||
			    ((c == '.' || c == ',') && is_digit(prev) && is_digit(next))) {
				fold_append(tb, c);
				fold_append(tb, next);
				prev = next;
				pos = after + (size_t)k;
				continue;
			}
			break;
		}
emit:
		tok.end = pos;
		tok.len = finish(tb);
		tok.term = tb->out;
		if (tok.len > 0)
			rc = fn(&tok, ctx);
	}
	free(tb);
	return rc;
}

/* Output of an_normalise(). */
typedef struct {
	char *out;
	size_t outsz;
	size_t len;
} norm_t;

static int append_token(const an_token_t *tok, void *ctx)
{
	norm_t *nm = ctx;
	size_t sep = nm->len > 0;
	if (nm->len + sep + tok->len + 1 > nm->outsz)
		return 1;
	if (sep)
		nm->out[nm->len++] = ' ';
	memcpy(nm->out + nm->len, tok->term, tok->len);
	nm->len += tok->len;
	nm->out[nm->len] = '\0';
	return 0;
}

size_t an_normalise(const char *text, size_t len, char *out, size_t outsz)
{
	norm_t nm = { out, outsz, 0 };
	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (an_tokenize(text, len, append_token, &nm) < 0)
		return 0;
	return nm.len;
}

size_t an_place_key(const char *text, size_t len, char *out, size_t outsz)
{
	size_t n = an_normalise(text, len, out, outsz);
	if (n >= 2 && out[n - 2] == '\'' && out[n - 1] == 's') {
		n -= 2;
		out[n] = '\0';
	}
	return n;
}
