/*
 * hold_lock - open a Dateline index for writing and keep it open until
 * standard input closes, so the end-to-end tests can check what the
 * programs do while another writer holds the index.
 */
#include <stdio.h>

#include "../shim/dx.h"

int main(int argc, char **argv)
{
	dx_db_t *db;
	if (argc != 2) {
		fprintf(stderr, "usage: hold_lock DB\n");
		return 2;
	}
	if (dx_db_open_write(argv[1], &db) != DX_OK) {
		fprintf(stderr, "hold_lock: %s: %s\n", argv[1], dx_last_error());
		return 1;
	}
	puts("locked");
	fflush(stdout);
	while (getchar() != EOF)
		;
	dx_db_close(db);
	return 0;
}
