/* stopwords.c - English function words (see stopwords.h). The list is the
 * project's own: articles, pronouns, auxiliaries, prepositions,
 * conjunctions and the like, in their folded forms. */
#include <stdlib.h>
#include <string.h>

#include "stopwords.h"

/* Sorted (strcmp order) for bsearch. Not "us": the tokenizer reads
 * "U.S." as "us", and in the news that is the country far more often than
 * the pronoun. */
static const char *const english[] = {
	"a", "about", "above", "after", "again", "against", "all", "also", "am",
	"an", "and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "below", "between", "both", "but", "by", "can", "could", "did",
	"do", "does", "doing", "down", "during", "each", "either", "etc", "few",
	"for", "from", "further", "had", "has", "have", "having", "he", "her",
	"here", "hers", "herself", "him", "himself", "his", "how", "however", "i",
	"if", "in", "into", "is", "it", "it's", "its", "itself", "just", "may",
	"me", "might", "more", "most", "must", "my", "myself", "neither", "no",
	"nor", "not", "of", "off", "on", "once", "only", "or", "other", "ought",
	"our", "ours", "ourselves", "out", "over", "own", "same", "shall", "she",
	"should", "so", "some", "such", "than", "that", "the", "their", "theirs",
	"them", "themselves", "then", "there", "these", "they", "this", "those",
	"through", "to", "too", "under", "until", "up", "upon", "very",
	"was", "we", "were", "what", "when", "where", "whether", "which", "while",
	"who", "whom", "whose", "why", "will", "with", "within", "without",
	"would", "you", "your", "yours", "yourself", "yourselves",
};

static int cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

int an_is_stopword(const char *language, const char *word, size_t len)
{
	char buf[32];
	if (strcmp(language, "english") != 0 && strcmp(language, "en") != 0)
		return 0;
	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, word, len);
	buf[len] = '\0';
	return bsearch(buf, english, sizeof(english) / sizeof(english[0]),
		       sizeof(english[0]), cmp) != NULL;
}
