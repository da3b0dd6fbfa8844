/*
 * buf.h - a growing string: bytes appended, always NUL-terminated.
 *
 * An allocation failure is remembered (oom) rather than returned at each
 * call, so a reader appends freely and checks once at the end; after it
 * nothing more is appended.
 */
#ifndef DATELINE_BUF_H
#define DATELINE_BUF_H

#include <stddef.h>

typedef struct {
	char *s;        /* NULL until something is appended */
	size_t len, cap;
	int oom;
} dl_buf_t;

/* Append s[0..n) (and keep a NUL after it). */
void dl_buf_put(dl_buf_t *b, const char *s, size_t n);

#endif /* DATELINE_BUF_H */
