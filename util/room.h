/*
 * room.h - the free space of the disk that holds the index.
 *
 * Xapian does not always fail cleanly when a write finds the disk full
 * (an exception thrown while one unwinds ends the process), so the indexer
 * stops before: when less than ROOM_RESERVE bytes are free it commits
 * nothing more and says so, and the index keeps its last commit.
 */
#ifndef DATELINE_ROOM_H
#define DATELINE_ROOM_H

/* What a run keeps free on the index's disk: more than Xapian writes
 * between two commits (1,000 Reuters stories changed 20 MB of blocks). */
#define ROOM_RESERVE (64ll * 1024 * 1024)

/* Bytes free for this user on the file system holding path, or -1 when
 * that cannot be told (statvfs failed). */
long long room_free(const char *path);

#endif /* DATELINE_ROOM_H */
