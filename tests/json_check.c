/*
 * json_check - read dateline-search --json output on stdin, check every
 * line (a JSON object with id, rank counting up from 1, score, and
 * highlights that are ordered byte ranges inside the snippet), and print
 * the highlighted text of each range, one per line. Exit 1 on the first
 * line that fails, saying why.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

int main(void)
{
	char line[1 << 16];
	long expect_rank = 1;
	unsigned long n = 0;
	while (fgets(line, sizeof(line), stdin)) {
		json_error_t err;
		json_t *o = json_loads(line, 0, &err);
		n++;
		if (!json_is_object(o)) {
			fprintf(stderr, "line %lu: not a JSON object: %s\n", n, err.text);
			return 1;
		}
		json_t *qid = json_object_get(o, "qid");
		if (qid && json_integer_value(json_object_get(o, "rank")) == 1)
			expect_rank = 1;
		if (!json_is_string(json_object_get(o, "id")) ||
		    json_integer_value(json_object_get(o, "rank")) != expect_rank ||
		    !json_is_number(json_object_get(o, "score"))) {
			fprintf(stderr, "line %lu: id, rank %ld or score wrong\n", n, expect_rank);
			return 1;
		}
		expect_rank++;
		const char *snip = json_string_value(json_object_get(o, "snippet"));
		json_t *hl = json_object_get(o, "highlights");
		size_t i, prev_end = 0;
		json_t *r;
		json_array_foreach(hl, i, r) {
			json_int_t s = json_integer_value(json_array_get(r, 0));
			json_int_t e = json_integer_value(json_array_get(r, 1));
			if (!snip || s < (json_int_t)prev_end || e <= s || (size_t)e > strlen(snip)) {
				fprintf(stderr, "line %lu: highlight [%lld, %lld) outside the snippet\n",
					n, (long long)s, (long long)e);
				return 1;
			}
			printf("%.*s\n", (int)(e - s), snip + s);
			prev_end = (size_t)e;
		}
		json_decref(o);
	}
	return 0;
}
