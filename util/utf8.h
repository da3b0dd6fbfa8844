/*
 * utf8.h - text that is valid UTF-8 and free of control characters.
 *
 * Every string an article hands to the index passes through utf8_clean()
 * (indexer/clean.c): what is stored, searched and printed is then valid
 * UTF-8 by construction, and no stored field holds a control character
 * (ESC, BEL, ...) that could reach a terminal or a JSON consumer.
 * "Valid" is what utf8proc and jansson accept: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#ifndef DATELINE_UTF8_H
#define DATELINE_UTF8_H

#include <stddef.h>

/* utf8_clean() flags. */
enum {
	/* Keep newlines and tabs (a body's line structure); without it,
	 * they become spaces like every other control character. */
	UTF8_KEEP_LINES = 1
};

/* What utf8_clean() replaced. */
typedef struct utf8_fixes {
	size_t invalid;   /* bytes that were not valid UTF-8: U+FFFD each */
	size_t controls;  /* control characters (C0, DEL, C1) made spaces */
} utf8_fixes_t;

/* Is s valid UTF-8? When not, *bad (if not NULL) is the offset of the
 * first bad byte. */
int utf8_valid(const char *s, size_t len, size_t *bad);

/* Is s valid UTF-8 with no control character (but newlines and tabs
 * with UTF8_KEEP_LINES)? */
int utf8_is_clean(const char *s, size_t len, unsigned flags);

/* The largest offset <= cut (and <= len) that starts a character: cutting
 * s there never splits a UTF-8 sequence. */
size_t utf8_boundary(const char *s, size_t len, size_t cut);

/*
 * A clean copy of s: every byte that is not part of a valid UTF-8
 * sequence becomes U+FFFD, every control character (see flags) a space
 * per byte, so that a byte offset into valid text (a highlight) is the
 * same in the copy.
 * *out is malloc'ed and NUL-terminated, owned by the caller, its length in
 * *out_len (may be NULL); fixes (may be NULL) is added to. Returns 0, or
 * -1 when out of memory (*out is then NULL).
 */
int utf8_clean(const char *s, size_t len, unsigned flags, char **out,
	       size_t *out_len, utf8_fixes_t *fixes);

#endif /* DATELINE_UTF8_H */
