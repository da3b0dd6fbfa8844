/* room.c - the free space of the index's disk (see room.h). */
#include <sys/statvfs.h>

#include "room.h"

long long room_free(const char *path)
{
	struct statvfs sv;
	if (statvfs(path, &sv) != 0)
		return -1;
	return (long long)sv.f_bavail * (long long)sv.f_frsize;
}
