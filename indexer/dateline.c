/* dateline.c - the place a story was filed from, at the head of its text (see dateline.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "../util/buf.h"
#include "dateline.h"

/* Words in capitals before a dash that label a story, not its place. */
static const char *const labels[] = {
	"advertisement", "advisory", "analysis", "breaking", "bulletin", "comment",
	"correction", "corrected", "editorial", "editors", "exclusive", "explainer",
	"factbox", "flash", "interview", "live", "news", "note", "opinion", "photo",
	"photos", "podcast", "review", "sponsored", "sport", "sports", "update",
	"updated", "urgent", "video", "watch", "warning",
};

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
	"oct", "nov", "dec", "january", "february", "march", "april", "june",
	"july", "august", "september", "october", "november", "december",
};

/* The code point at s[i] (n bytes in all), its length in *len; -1 at the end. */
static utf8proc_int32_t at(const char *s, size_t n, size_t i, size_t *len)
{
	utf8proc_int32_t cp = -1;
	*len = 0;
	if (i >= n)
		return -1;
	utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(n - i), &cp);
	if (l <= 0)
		return -1;
	*len = (size_t)l;
	return cp;
}

static int is_letter(utf8proc_int32_t cp)
{
	if (cp < 0)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int one_of(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t k = 0; k < n; k++)
		if (strlen(list[k]) == len && strncasecmp(list[k], s, len) == 0)
			return 1;
	return 0;
}

/* Words starting with a capital from s[*i]: letters, with '.', '-' and
 * apostrophes inside or a '.' after ("N.Y.", "Winston-Salem", "St."),
 * one space between them, at most maxw. Sets *lower when a letter is in
 * small letters, *first to the end of the first word. Returns the
 * number of words (0: none; *i unchanged). */
static size_t words(const char *s, size_t n, size_t *i, size_t maxw, int *lower, size_t *first)
{
	size_t p = *i, nw = 0, end = *i;
	for (;;) {
		size_t l;
		utf8proc_int32_t cp = at(s, n, p, &l);
		if (!is_letter(cp) || !utf8proc_isupper(cp))
			break;
		size_t q = p;
		while (q < n) {
			cp = at(s, n, q, &l);
			if (is_letter(cp)) {
				*lower |= utf8proc_islower(cp);
				q += l;
				continue;
			}
			size_t l2;
			int inside = cp == '.' || cp == '-' || cp == '\'' || cp == 0x2019;
			if (inside && is_letter(at(s, n, q + l, &l2))) {
				q += l;
				continue;
			}
			if (cp == '.')
				q += l;
			break;
		}
		nw++;
		end = q;
		if (nw == 1)
			*first = q;
		if (nw == maxw || q + 1 >= n || s[q] != ' ')
			break;
		p = q + 1;
	}
	if (nw)
		*i = end;
	return nw;
}

/* A date after a comma: "Nov 19", "Nov. 19", "19 November". */
static int date_part(const char *s, size_t n, size_t *i)
{
	size_t p = *i, w = p;
	while (w < n && ((s[w] | 0x20) >= 'a' && (s[w] | 0x20) <= 'z'))
		w++;
	if (w > p && one_of(months, sizeof(months) / sizeof(months[0]), s + p, w - p)) {
		if (w < n && s[w] == '.')
			w++;
		if (w + 1 < n && s[w] == ' ' && s[w + 1] >= '0' && s[w + 1] <= '9') {
			w += 2;
			if (w < n && s[w] >= '0' && s[w] <= '9')
				w++;
			*i = w;
			return 1;
		}
		return 0;
	}
	if (p < n && s[p] >= '0' && s[p] <= '9') {
		w = p + 1;
		if (w < n && s[w] >= '0' && s[w] <= '9')
			w++;
		if (w < n && s[w] == ' ') {
			size_t m = w + 1, e = m;
			while (e < n && ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <= 'z'))
				e++;
			if (e > m && one_of(months, sizeof(months) / sizeof(months[0]), s + m, e - m)) {
				*i = e;
				return 1;
			}
		}
	}
	return 0;
}

/* The dash after a dateline at s[*i] ("-", "--", an en, em or horizontal
 * bar dash), and the text after it. */
static int dash(const char *s, size_t n, size_t *i)
{
	size_t p = *i;
	while (p < n && s[p] == ' ' && p - *i < 2)
		p++;
	if (p < n && s[p] == '-') {
		p++;
		if (p < n && s[p] == '-')
			p++;
		if (p >= n || s[p] != ' ')
			return 0;
	} else if (p + 2 < n && (unsigned char)s[p] == 0xE2 && (unsigned char)s[p + 1] == 0x80 &&
		   ((unsigned char)s[p + 2] == 0x93 || (unsigned char)s[p + 2] == 0x94 ||
		    (unsigned char)s[p + 2] == 0x95)) {
		p += 3;
	} else
		return 0;
	*i = p;
	return 1;
}

/* Has the text from s[i] to the line's end a small letter in its first
 * 60 bytes? (A heading in capitals is not a story's first line.) */
static int lower_after(const char *s, size_t n, size_t i)
{
	for (size_t q = i; q < n && q < i + 60 && s[q] != '\n';) {
		size_t l;
		utf8proc_int32_t cp = at(s, n, q, &l);
		if (cp < 0)
			return 0;
		if (utf8proc_islower(cp))
			return 1;
		q += l;
	}
	return 0;
}

/* Append s[0..len) to b, each word in capitals of two letters or more
 * made a capital and small letters ("SAN FRANCISCO" -> "San Francisco",
 * "WINSTON-SALEM" -> "Winston-Salem"; "N.Y." stays). */
static void put_written(dl_buf_t *b, const char *s, size_t len, int caps)
{
	int start = 1;
	for (size_t q = 0; q < len;) {
		size_t l;
		utf8proc_int32_t cp = at(s, len, q, &l);
		if (cp < 0) {
			dl_buf_put(b, s + q, len - q);
			return;
		}
		utf8proc_int32_t out = cp;
		if (is_letter(cp)) {
			size_t l2;
			int next_letter = is_letter(at(s, len, q + l, &l2));
			if (caps && !start)
				out = utf8proc_tolower(cp);
			else if (caps && start && !next_letter && q > 0 &&
				 (s[q - 1] == '\'' || (q >= 3 && (unsigned char)s[q - 1] == 0x99)))
				out = utf8proc_tolower(cp); /* "JOHN'S" -> "John's" */
			start = 0;
		} else {
			start = 1;
		}
		utf8proc_uint8_t enc[4];
		utf8proc_ssize_t el = utf8proc_encode_char(out, enc);
		dl_buf_put(b, (const char *)enc, (size_t)el);
		q += l;
	}
}

/* A dateline at s[0..n) (a paragraph's start): the end of the place
 * and region in *end, 1 for a dateline. */
static int dateline_at(const char *s, size_t n, size_t *end, int *caps)
{
	size_t i = 0, first = 0;
	int lower = 0;
	if (!words(s, n, &i, 4, &lower, &first))
		return 0;
	size_t place_end = i;
	if (one_of(labels, sizeof(labels) / sizeof(labels[0]), s, first))
		return 0;
	/* A region or a date after a comma, twice at most. */
	for (int k = 0; k < 2 && i + 2 < n && s[i] == ',' && s[i + 1] == ' '; k++) {
		size_t j = i + 2, f;
		int rl = 0;
		if (date_part(s, n, &j)) {
			i = j;
			continue;
		}
		if (!words(s, n, &j, 3, &rl, &f))
			return 0;
		i = place_end = j;
	}
	int agency = 0;
	if (i + 1 < n && s[i] == ' ' && s[i + 1] == '(') {
		size_t j = i + 2, l;
		if (!is_letter(at(s, n, j, &l)))
			return 0;
		while (j < n && j < i + 42 && s[j] != ')' && s[j] != '\n' && s[j] != '(')
			j++;
		if (j >= n || s[j] != ')')
			return 0;
		i = j + 1;
		agency = 1;
	}
	if (i > DATELINE_MAX_BYTES || !dash(s, n, &i))
		return 0;
	if (!agency && lower)
		return 0;
	if (!lower_after(s, n, i))
		return 0;
	*end = place_end;
	*caps = !lower;
	return 1;
}

int dateline_find(const char *body, char **place)
{
	*place = NULL;
	if (!body)
		return 0;
	const char *p = body;
	for (int para = 0; para < DATELINE_PARAGRAPHS && *p; para++) {
		while (*p == '\n' || *p == ' ' || *p == '\t' || *p == '\r')
			p++;
		size_t n = strcspn(p, "\n");
		size_t end;
		int caps;
		if (n >= DATELINE_TEXT_BYTES && !dateline_at(p, n, &end, &caps))
			break;
		if (dateline_at(p, n, &end, &caps)) {
			dl_buf_t b = { 0 };
			put_written(&b, p, end, caps);
			if (b.oom) {
				free(b.s);
				return -1;
			}
			*place = b.s;
			return 0;
		}
		p += n;
	}
	return 0;
}

int article_dateline(article_t *a)
{
	if ((a->place && *a->place) || !a->body)
		return 0;
	char *place;
	if (dateline_find(a->body, &place) < 0)
		return -1;
	if (place) {
		free(a->place);
		a->place = place;
	}
	return 0;
}
