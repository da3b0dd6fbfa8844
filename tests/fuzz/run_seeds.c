/*
 * run_seeds.c - run a fuzz harness over files, without libFuzzer: make
 * check's regression run of every harness over its seeds (and of every
 * input that ever failed, kept among them). Each argument is a file or a
 * folder of files. A failed property abort()s, naming itself; a memory
 * error is the sanitizers' (the check's second pass).
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feed one file to the harness. Returns 0, or -1 when it cannot be read. */
static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = -1;
	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (len == cap) {
			size_t ncap = cap ? 2 * cap : 65536;
			uint8_t *nb = realloc(buf, ncap);
			if (!nb)
				goto out;
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		goto out;
	}
	/* Exactly len bytes, as libFuzzer gives them: a copy of that size
	 * lets AddressSanitizer see a read past the end. */
	uint8_t *exact = malloc(len ? len : 1);
	if (!exact)
		goto out;
	memcpy(exact, buf, len);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	rc = 0;
out:
	free(buf);
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	unsigned long files = 0;
	int status = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			status |= run_file(argv[i]) != 0;
			files++;
			continue;
		}
		DIR *d = opendir(argv[i]);
		if (!d) {
			perror(argv[i]);
			return 1;
		}
		char **names = NULL;
		size_t n = 0;
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			char **nn = realloc(names, (n + 1) * sizeof(*nn));
			if (!nn)
				return 1;
			names = nn;
			size_t l = strlen(argv[i]) + strlen(e->d_name) + 2;
			if (!(names[n] = malloc(l)))
				return 1;
			snprintf(names[n++], l, "%s/%s", argv[i], e->d_name);
		}
		closedir(d);
		qsort(names, n, sizeof(*names), cmp_names);
		for (size_t k = 0; k < n; k++) {
			status |= run_file(names[k]) != 0;
			files++;
			free(names[k]);
		}
		free(names);
	}
	printf("%s: %lu inputs, %s\n", argv[0], files, status ? "some unreadable" : "no failure");
	return status;
}
