/* shardset.c - an index in N shards (see shardset.h). */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../analysis/hash.h"
#include "../analysis/schema.h"
#include "../analysis/tagger.h"
#include "../shim/dx.h"
#include "../util/safeprint.h"
#include "options.h"
#include "run.h"
#include "shardset.h"

static const char *const progname = "dateline-index";

int shardset_parse(const char *option, const char *arg, int with_k, shardset_t *out,
		   char *err, size_t errsz)
{
	const char *given = arg;
	char *end;
	long k = 0, n;
	memset(out, 0, sizeof(*out));
	errno = 0;
	if (with_k) {
		k = strtol(arg, &end, 10);
		if (end == arg || *end != '/' || arg[0] == '-')
			goto bad;
		arg = end + 1;
	}
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || arg[0] == '-' || n < 1 || n > SHARDSET_MAX ||
	    (with_k && (k < 1 || k > n)))
		goto bad;
	out->k = (unsigned)k;
	out->n = (unsigned)n;
	return 0;
bad:
	snprintf(err, errsz, "%s: expected %s with N from 1 to %d, got '%s'", option,
		 with_k ? "K/N, K from 1 to N," : "a number of shards N", SHARDSET_MAX, given);
	return -1;
}

unsigned shardset_of(const char *rel, unsigned n)
{
	return (unsigned)(an_hash(AN_HASH_START, rel, strlen(rel)) % n) + 1;
}

int shardset_owns(const shardset_t *set, const char *rel)
{
	return set->n == 0 || set->k == 0 || shardset_of(rel, set->n) == set->k;
}

/* The shards the stub at path lists (its lines that are not blank nor
 * comments), or -1 when it cannot be read. */
static long stub_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[4200];
	long n = 0;
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " \t");
		if (*p && *p != '#' && *p != '\n' && *p != '\r')
			n++;
	}
	fclose(f);
	return n;
}

int shardset_prepare(const shardset_t *set, const char *dbpath)
{
	char stub[4200];
	struct stat st;
	snprintf(stub, sizeof(stub), "%s/%s", dbpath, SHARDSET_STUB);
	long held = stat(stub, &st) == 0 ? stub_lines(stub) : -1;
	if (set->n && set->k == 0) {
		if (held >= 0 && held != (long)set->n) {
			fprintf(stderr, "%s: %s: a sharded index of %ld shards, not %u: its "
				"articles are where %ld shards put them; index into a new folder "
				"to change the number of shards\n", progname, dbpath, held,
				set->n, held);
			return -1;
		}
		if (held < 0 && stat(dbpath, &st) == 0) {
			char iam[4200];
			snprintf(iam, sizeof(iam), "%s/iamglass", dbpath);
			if (!S_ISDIR(st.st_mode) || stat(iam, &st) == 0) {
				fprintf(stderr, "%s: %s: not a sharded index (%s); --shards N "
					"-d DIR makes DIR, or uses one it made\n", progname,
					dbpath, S_ISDIR(st.st_mode) ? "an index of one shard" :
					"not a folder");
				return -1;
			}
		}
		if (mkdir(dbpath, 0777) != 0 && errno != EEXIST) {
			fprintf(stderr, "%s: %s: cannot make the folder: %s\n", progname, dbpath,
				strerror(errno));
			return -1;
		}
		return 0;
	}
	if (held >= 0 && (set->n == 0 || set->k == 0)) {
		fprintf(stderr, "%s: %s: a sharded index of %ld shards: index it with "
			"--shards %ld (or each shard with --shard K/%ld -d %s/shard-K)\n",
			progname, dbpath, held, held, held, dbpath);
		return -1;
	}
	return 0;
}

int shardset_check_index(const shardset_t *set, struct dx_db *db, const char *dbpath)
{
	char *stored = NULL, want[32] = "";
	uint32_t docs = 0;
	int rc = -1;
	if (set->n)
		snprintf(want, sizeof(want), "%u/%u", set->k, set->n);
	if (dx_db_get_metadata(db, DL_META_SHARD, &stored) != DX_OK ||
	    dx_db_doc_count(db, &docs) != DX_OK) {
		fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
		goto out;
	}
	if (strcmp(stored, want) == 0) {
		rc = 0;
		goto out;
	}
	if (!*stored && docs == 0) {
		/* A new index: it becomes the shard. */
		if (shardset_stamp(set, db) != 0) {
			fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (!*stored)
		fprintf(stderr, "%s: %s: an index that is not a shard; --shard %s needs a "
			"new index (or one made by --shard %s)\n", progname, dbpath, want, want);
	else if (!*want)
		fprintf(stderr, "%s: %s: shard %s of a sharded index: index it with "
			"--shard %s (it holds only the files of that shard)\n", progname,
			dbpath, stored, stored);
	else
		fprintf(stderr, "%s: %s: shard %s of a sharded index, not %s: its files "
			"are those of shard %s\n", progname, dbpath, stored, want, stored);
out:
	free(stored);
	return rc;
}

int shardset_stamp(const shardset_t *set, struct dx_db *db)
{
	char meta[32];
	if (!set->n)
		return 0;
	snprintf(meta, sizeof(meta), "%u/%u", set->k, set->n);
	return dx_db_set_metadata(db, DL_META_SHARD, meta) == DX_OK ? 0 : -1;
}

int shardset_index(struct index_options *o)
{
	static char path[4000];
	if (shardset_prepare(&o->shards, o->dbpath) < 0)
		return 1;
	if (!o->shards.n || o->shards.k)
		return index_run(o);
	/* The tagger's model is loaded once, here, and shared by the
	 * children (a model that cannot be loaded is reported by each run). */
	if (!o->ingest.weights.no_entities)
		(void)an_tagger_shared();
	const char *dir = o->dbpath;
	int f = shardset_fork(&o->shards, dir, path, sizeof(path));
	if (f < 0)
		return 1;
	if (f == 0) {
		o->dbpath = path;
		return index_run(o);
	}
	return shardset_finish(&o->shards, dir, o->quiet);
}

int shardset_fork(shardset_t *set, const char *dir, char *path, size_t pathsz)
{
	fflush(stdout);
	fflush(stderr);
	for (unsigned k = 1; k <= set->n; k++) {
		pid_t pid = fork();
		if (pid < 0) {
			fprintf(stderr, "%s: %s: cannot start the run of shard %u: %s\n",
				progname, dir, k, strerror(errno));
			return -1;
		}
		if (pid == 0) {
			set->k = k;
			snprintf(set->label, sizeof(set->label), "shard %u/%u: ", k, set->n);
			snprintf(path, pathsz, "%s/shard-%u", dir, k);
			return 0;
		}
		int wst = 0;
		while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
			;
		int st = WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
		if (st > set->status)
			set->status = st;
		/* An error, or an interrupted shard: the others are not run. */
		if (st != 0)
			break;
	}
	return 1;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Put the index at tmp in the place of the one at path (removed). */
static int put_in_place(const char *tmp, const char *path)
{
	char old[4300];
	snprintf(old, sizeof(old), "%s.old", path);
	rm_tree(old);
	if (rename(path, old) != 0 && errno != ENOENT)
		return -1;
	if (rename(tmp, path) != 0)
		return -1;
	rm_tree(old);
	return 0;
}

static int count_word(const char *word, size_t len, uint32_t freq, void *ctx)
{
	(void)word;
	(void)len;
	(void)freq;
	(*(unsigned long *)ctx)++;
	return 0;
}

int shardset_vocabulary(const char *out, const char *const *inputs, size_t n, int quiet)
{
	char tmp[4300];
	snprintf(tmp, sizeof(tmp), "%s.new", out);
	rm_tree(tmp);
	if (dx_vocabulary_merge(inputs, n, tmp) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot write the vocabulary: %s\n", progname, out,
			dx_last_error());
		rm_tree(tmp);
		return 1;
	}
	if (put_in_place(tmp, out) != 0) {
		fprintf(stderr, "%s: %s: cannot put the vocabulary in place: %s\n", progname,
			out, strerror(errno));
		rm_tree(tmp);
		return 1;
	}
	if (!quiet) {
		unsigned long words = 0;
		dx_db_t *v = NULL;
		if (dx_db_open_read(out, &v) != DX_OK ||
		    dx_db_each_spelling(v, "", count_word, &words) != DX_OK)
			words = 0;  /* only the count shown below is lost */
		dx_db_close(v);
		printf("the vocabulary %s holds %lu words, from the spelling tables of "
		       "%zu ind%s\n", out, words, n, n == 1 ? "ex" : "exes");
	}
	return 0;
}

int shardset_finish(const shardset_t *set, const char *dir, int quiet)
{
	char stub[4200], tmp[4300], vocab[4200];
	char **paths = calloc(set->n, sizeof(*paths));
	int status = set->status;
	if (status != 0)
		goto out;
	if (!paths)
		goto oom;
	for (unsigned k = 1; k <= set->n; k++) {
		size_t sz = strlen(dir) + 32;
		if (!(paths[k - 1] = malloc(sz)))
			goto oom;
		snprintf(paths[k - 1], sz, "%s/shard-%u", dir, k);
	}
	/* The stub: written whole, then renamed over the old one. */
	snprintf(stub, sizeof(stub), "%s/%s", dir, SHARDSET_STUB);
	snprintf(tmp, sizeof(tmp), "%s.new", stub);
	FILE *f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "# Dateline: an index in %u shards (dateline-index --shards %u)\n",
			set->n, set->n);
		for (unsigned k = 1; k <= set->n; k++)
			fprintf(f, "auto shard-%u\n", k);
	}
	if (!f || fclose(f) != 0 || rename(tmp, stub) != 0) {
		fprintf(stderr, "%s: %s: cannot write the stub: %s\n", progname, stub,
			strerror(errno));
		remove(tmp);
		status = 1;
		goto out;
	}
	snprintf(vocab, sizeof(vocab), "%s/%s", dir, DX_VOCABULARY_NAME);
	status = shardset_vocabulary(vocab, (const char *const *)paths, set->n, 1);
	if (status != 0)
		goto out;
	if (!quiet) {
		dx_db_t *db = NULL;
		uint32_t docs = 0;
		if (dx_db_open_read(dir, &db) != DX_OK || dx_db_doc_count(db, &docs) != DX_OK) {
			fprintf(stderr, "%s: %s: cannot read the shards: %s\n", progname, dir,
				dx_last_error());
			status = 1;
		} else {
			printf("the sharded index holds %u articles in %u shards (%s, "
			       "with the vocabulary %s)\n", docs, set->n, stub, vocab);
		}
		dx_db_close(db);
	}
	goto out;
oom:
	fprintf(stderr, "%s: out of memory\n", progname);
	status = 1;
out:
	for (unsigned k = 0; paths && k < set->n; k++)
		free(paths[k]);
	free(paths);
	return status;
}
