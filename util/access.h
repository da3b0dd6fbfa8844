/*
 * access.h - telling "permission denied" apart when an index cannot be
 * opened (Xapian reports an index folder this user may not read as not
 * found, and one it may not write as locked).
 */
#ifndef DATELINE_ACCESS_H
#define DATELINE_ACCESS_H

/* Does path exist but may this process not read it (or, with write,
 * not write it)? Its folder and its files are tried. */
int access_denied(const char *path, int write);

#endif /* DATELINE_ACCESS_H */
