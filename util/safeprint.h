/*
 * safeprint.h - printing text that came from files (paths, titles, bodies)
 * without letting its control characters reach a terminal.
 */
#ifndef DATELINE_SAFEPRINT_H
#define DATELINE_SAFEPRINT_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write len bytes of s to f with every control character (C0, DEL, C1;
 * ESC included, so no escape sequence gets through) and every byte that is
 * not valid UTF-8 replaced: tabs, newlines and other controls by a space,
 * invalid bytes by U+FFFD. Returns 0, or EOF on a write error.
 */
int safe_write(FILE *f, const char *s, size_t len);

/* safe_write() of a NUL-terminated string. */
int safe_puts(FILE *f, const char *s);

/*
 * Copy len bytes of s into a new malloc'ed string with the same
 * replacements as safe_write() (JSON and other outputs stay clean too).
 * The caller owns the result; NULL when out of memory.
 */
char *safe_strdup(const char *s, size_t len);

/*
 * The printable form of a name (a file name, an article id), which the
 * index keeps byte for byte whatever it holds: a name that is valid UTF-8
 * without control characters is itself; in any other, each byte that is
 * not valid UTF-8 or is part of a control character is written \xHH and
 * a backslash \\, so that nothing is lost and no byte reaches a terminal
 * raw. Returns a malloc'ed string owned by the caller, NULL when out of
 * memory.
 */
char *safe_name(const char *s, size_t len);

/*
 * The name whose safe_name() is s, or NULL when s holds no \x escape
 * (then s is its own name): what a user copies from the output finds the
 * article. Malloc'ed, owned by the caller, NUL-terminated (a decoded NUL
 * byte ends it); *len its length.
 */
char *safe_name_decode(const char *s, size_t *len);

#endif /* DATELINE_SAFEPRINT_H */
