/* access.c - is an index there but not ours to open (see access.h)? */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "access.h"

int access_denied(const char *path, int write)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == EACCES;
	int mode = R_OK | (write ? W_OK : 0) | (S_ISDIR(st.st_mode) ? X_OK : 0);
	if (access(path, mode) != 0)
		return errno == EACCES;
	if (!S_ISDIR(st.st_mode))
		return 0;
	/* The folder is open to us: are its files? */
	DIR *d = opendir(path);
	struct dirent *e;
	int denied = 0;
	if (!d)
		return errno == EACCES;
	while (!denied && (e = readdir(d)) != NULL) {
		char p[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		denied = access(p, R_OK | (write ? W_OK : 0)) != 0 && errno == EACCES;
	}
	closedir(d);
	return denied;
}
