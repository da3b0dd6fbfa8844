/* date.c - reading the dates news text writes (see date.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* The month named by word (full name, or at least its first three
 * letters, "Sept" too), or 0. */
static int month_of(const char *w, size_t n)
{
	if (n < 3)
		return 0;
	for (int i = 0; i < 12; i++) {
		size_t full = strlen(months[i]);
		if (n <= full && strncasecmp(w, months[i], n) == 0)
			return i + 1;
	}
	return 0;
}

static int days_in(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

static int valid(const an_date_t *d)
{
	if (d->year < 1000 || d->year > 2999)
		return 0;
	if (d->month == 0)
		return d->day == 0;
	if (d->month < 1 || d->month > 12)
		return 0;
	return d->day == 0 || (d->day >= 1 && d->day <= days_in(d->year, d->month));
}

int an_date_parse(const char *s, size_t len, an_date_t *out)
{
	an_date_t d = { 0, 0, 0 };
	int nums[8], nnum = 0, named = 0;
	size_t i = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (isdigit(c)) {
			size_t j = i;
			long v = 0;
			while (j < len && isdigit((unsigned char)s[j]) && j - i < 9)
				v = v * 10 + (s[j++] - '0');
			int digits = (int)(j - i);
			/* A time of day (10:00, 15:01:01.79) or a zone offset. */
			int is_time = (j < len && s[j] == ':') || (i > 0 && s[i - 1] == ':') ||
				      (i > 0 && s[i - 1] == '.' && i > 1 && isdigit((unsigned char)s[i - 2])) ||
				      (i > 0 && (s[i - 1] == '+' || (s[i - 1] == '-' && digits == 4 && d.year)));
			if (!is_time) {
				/* Other numbers (long ones, a second year) are not
				 * part of the date. */
				if (digits == 4 && !d.year)
					d.year = (int)v;
				else if (digits <= 2 && nnum < 8)
					nums[nnum++] = (int)v;
			}
			/* ISO: the time part starts with T after the day. */
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			i = j;
		} else if (isalpha(c)) {
			size_t j = i;
			while (j < len && isalpha((unsigned char)s[j]))
				j++;
			int m = month_of(s + i, j - i);
			if (m && !d.month && (j - i == 3 || j - i == 4 ||
					      j - i == strlen(months[m - 1]))) {
				d.month = m;
				named = 1;
			}
			i = j;
		} else {
			i++;
		}
	}
	if (!d.year)
		return -1;
	if (named) {
		if (nnum >= 1)
			d.day = nums[0];
	} else {
		/* Numbers only: ISO year first, then month and day. */
		const char *y = NULL;
		for (size_t k = 0; k + 4 <= len; k++)
			if (isdigit((unsigned char)s[k])) {
				y = s + k;
				break;
			}
		if (!y || y + 4 > s + len || (y + 4 < s + len && isdigit((unsigned char)y[4])))
			return -1;
		if (nnum >= 1)
			d.month = nums[0];
		if (nnum >= 2)
			d.day = nums[1];
		/* "30/03/2014" and other day-first numeric forms are ambiguous. */
		for (const char *p = s; p < y; p++)
			if (isdigit((unsigned char)*p))
				return -1;
	}
	if (!valid(&d))
		return -1;
	*out = d;
	return 0;
}

char *an_date_format(const an_date_t *d, char buf[11])
{
	if (d->month == 0)
		snprintf(buf, 11, "%04d", d->year);
	else if (d->day == 0)
		snprintf(buf, 11, "%04d-%02d", d->year, d->month);
	else
		snprintf(buf, 11, "%04d-%02d-%02d", d->year, d->month, d->day);
	return buf;
}
