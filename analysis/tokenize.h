/*
 * tokenize.h - the one UTF-8 tokenizer of Dateline.
 *
 * Documents, queries and snippets all go through an_tokenize(), so what is
 * indexed, what is searched and what is highlighted cannot disagree.
 *
 * A token is a run of letters, marks and digits, with these inside a word:
 *   - an apostrophe (' or U+2019) between two letters: "don't", "Kerry's";
 *   - a '.' or ',' between two digits: "3.5", "1,000";
 *   - single letters each followed by '.', read as one acronym: "U.S." -> "us".
 * Hyphens, slashes and all other punctuation separate tokens. A Han, Hiragana
 * or Katakana character is a token of its own (those scripts do not separate
 * words with spaces). Bytes that are not valid UTF-8 separate tokens and are
 * otherwise ignored: the text around them is kept.
 *
 * The folded form is Unicode case-folded (utf8proc), with Latin combining
 * accents removed ("São" -> "sao", "Straße" -> "strasse") and U+2019 read as
 * an apostrophe; other scripts keep their marks. A folded form longer than
 * AN_MAX_TOKEN_BYTES is cut at a character boundary.
 */
#ifndef DATELINE_TOKENIZE_H
#define DATELINE_TOKENIZE_H

#include <stddef.h>

/* Longest folded token kept, in bytes. Xapian refuses terms over 245 bytes,
 * and the longest prefix we put before a word ("ZXP") and the stemmer's
 * changes must fit too; no real word is this long (those that are, are
 * base64, hashes or URLs, and a cut copy still finds them). */
#define AN_MAX_TOKEN_BYTES 120

typedef struct {
	const char *term;   /* folded form, NUL-terminated; valid during the callback */
	size_t len;         /* bytes in term */
	size_t start;       /* byte offset of the token in the text */
	size_t end;         /* byte offset just past it */
	int capitalised;    /* its first character is an upper-case letter */
	int numeric;        /* its first character is a digit */
} an_token_t;

/* Called once per token, in order. Return 0 to go on, nonzero to stop. */
typedef int (*an_token_fn)(const an_token_t *tok, void *ctx);

/*
 * Tokenize len bytes of text, calling fn for every token.
 * Returns 0, or the nonzero value fn returned to stop, or -1 when out of
 * memory.
 */
int an_tokenize(const char *text, size_t len, an_token_fn fn, void *ctx);

/*
 * The normalised form of a name (a person, a place, a source): its folded
 * tokens joined by single spaces ("Sergey  LAVROV" -> "sergey lavrov"),
 * written into out (size outsz, NUL-terminated, cut at a token boundary).
 * Returns its length; 0 when nothing is left or memory runs out.
 */
size_t an_normalise(const char *text, size_t len, char *out, size_t outsz);

/*
 * The key of a place name: an_normalise's form with a final possessive
 * "'s" dropped ("Ukraine's" -> "ukraine"). The gazetteer's build and its
 * look-ups both use it, so the tables and the queries agree.
 */
size_t an_place_key(const char *text, size_t len, char *out, size_t outsz);

#endif /* DATELINE_TOKENIZE_H */
