/* fuzz_date.c - the date reader (analysis/date.c): a date it reads is a
 * real one in its range (no February 30), and what an_date_format() writes
 * reads back as the same date. */
#include "../../analysis/date.h"
#include "fuzz.h"

static int days_in(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	an_date_t d;
	if (an_date_parse((const char *)data, size, &d) != 0)
		return 0;
	if (d.year < 1000 || d.year > 2999)
		FUZZ_FAIL("year %d out of range", d.year);
	if (d.month < 0 || d.month > 12)
		FUZZ_FAIL("month %d out of range", d.month);
	if (d.day < 0 || (d.day > 0 && (d.month == 0 || d.day > days_in(d.year, d.month))))
		FUZZ_FAIL("day %d of %d-%d is not a day", d.day, d.year, d.month);
	char buf[11];
	an_date_format(&d, buf);
	an_date_t back;
	if (an_date_parse(buf, strlen(buf), &back) != 0 || back.year != d.year ||
	    back.month != d.month || back.day != d.day)
		FUZZ_FAIL("\"%s\" does not read back as the date it was written from", buf);
	return 0;
}
