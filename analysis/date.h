/*
 * date.h - reading the dates news text writes.
 *
 * Indexer (article dates, bylines) and searcher (--since, --until) read
 * dates with the same code.
 */
#ifndef DATELINE_DATE_H
#define DATELINE_DATE_H

#include <stddef.h>

typedef struct {
	int year;   /* 1000..2999 */
	int month;  /* 1..12, or 0 when only the year is known */
	int day;    /* 1..31, or 0 when not known */
} an_date_t;

/*
 * Read a date from len bytes of s. Understands ISO 8601 ("2014-03-30",
 * "2014-03-30T10:00:00Z", "2014-03", "2014"), month names in either order
 * ("March 30, 2014", "30 Mar 2014", "Sun, 30 Mar 2014 10:00:00 +0000"),
 * and "26-FEB-1987 15:01:01.79"; words around the date ("Posted ... by")
 * are ignored. Returns 0 and fills *out, or -1 when no valid date is there
 * (an impossible day such as February 30 included).
 */
int an_date_parse(const char *s, size_t len, an_date_t *out);

/* Write the date as ISO 8601 ("2014-03-30", "2014-03" or "2014") into buf
 * (at least 11 bytes). Returns buf. */
char *an_date_format(const an_date_t *d, char buf[11]);

#endif /* DATELINE_DATE_H */
