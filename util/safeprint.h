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

#endif /* DATELINE_SAFEPRINT_H */
