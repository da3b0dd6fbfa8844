/*
 * shardset.h - an index in N shards: dateline-index --shards N -d DIR,
 * --shard K/N and --vocabulary.
 *
 * A sharded index is a folder DIR holding shard-1 ... shard-N (each an
 * ordinary Dateline index, its DL_META_SHARD "K/N"), the stub DIR/XAPIANDB
 * listing them ("auto shard-K" lines: Xapian, and every -d of Dateline,
 * open DIR as the N shards searched as one) and DIR/vocabulary, the sum of
 * the shards' spelling tables (dx_vocabulary_merge()), which the searcher
 * reads for did-you-mean and prefix* when the shards are remote.
 *
 * A file belongs to the shard its path relative to the indexed FOLDER
 * hashes to (FNV-1a, analysis/hash.h, modulo N): every article of a file
 * (an article's id is that path, plus #n or #GUID for an item of a feed
 * or a Reuters file) is in one shard, the same at every run, so that
 * updates and deletions reach it and no article is in two shards.
 */
#ifndef DATELINE_SHARDSET_H
#define DATELINE_SHARDSET_H

#include <stddef.h>

struct dx_db;

/* Most shards of one index. */
#define SHARDSET_MAX 1024

/* The stub's name inside DIR: Xapian opens a folder holding it as a stub. */
#define SHARDSET_STUB "XAPIANDB"

/* What a run indexes: every file (n 0), shard k of n (--shard K/N, or
 * one child of --shards N), or all n shards of DIR (--shards N, k 0). */
typedef struct {
	unsigned k;          /* 1-based; 0: all of them */
	unsigned n;          /* 0: not sharded */
	char label[32];      /* "shard 2/4: " in a child of --shards, else "" */
	int status;          /* --shards N: the worst exit status of the shards */
} shardset_t;

/* Parse "K/N" (--shard) or "N" (--shards, k 0). Returns 0, or -1 with a
 * message naming the option in err (errsz bytes). */
int shardset_parse(const char *option, const char *arg, int with_k, shardset_t *out,
		   char *err, size_t errsz);

/* The shard (1-based) of n that the file at rel (its path relative to
 * the folder indexed) belongs to. */
unsigned shardset_of(const char *rel, unsigned n);

/* Does the file at rel belong to this run? (Always, when not sharded.) */
int shardset_owns(const shardset_t *set, const char *rel);

/* Before anything is written: does dbpath suit the run? A folder holding
 * a stub is indexed with --shards (as many as it lists); a new DIR of
 * --shards is made. Returns 0, or -1 after a message on stderr. */
int shardset_prepare(const shardset_t *set, const char *dbpath);

/* The index just opened for writing at dbpath is shard set->k of set->n,
 * or not a shard when the run is not sharded: checked against its
 * DL_META_SHARD, recorded in a new index. Returns 0, or -1 after a
 * message on stderr naming dbpath. */
int shardset_check_index(const shardset_t *set, struct dx_db *db, const char *dbpath);

/* Stamp a new index (a worker's scratch shard of a -j run too) as shard
 * set->k of set->n; nothing when the run is not sharded. Returns 0, or -1
 * with the shim's message. */
int shardset_stamp(const shardset_t *set, struct dx_db *db);

/*
 * The run of dateline-index with its shards: --shards N indexes each
 * shard in turn (shardset_fork(), index_run() in the child, then
 * shardset_finish()); --shard K/N or no shard option is index_run() alone,
 * after shardset_prepare(). Returns the exit status.
 */
struct index_options;
int shardset_index(struct index_options *o);

/*
 * --shards N: each shard is indexed by a child process in turn, into
 * DIR/shard-K. Returns 0 in the child, with set->k and set->label set
 * and the shard's path in path (pathsz bytes): the child goes on as a
 * run of --shard K/N. Returns 1 in the parent once every child is done
 * (set->status: the worst exit status), -1 when a child cannot start.
 */
int shardset_fork(shardset_t *set, const char *dir, char *path, size_t pathsz);

/* The parent's end of --shards N: write DIR/XAPIANDB and DIR/vocabulary
 * (each in place of the old only once complete) and print the summary
 * unless quiet. Returns the exit status. */
int shardset_finish(const shardset_t *set, const char *dir, int quiet);

/* --vocabulary: write at out the vocabulary of the indexes at inputs (n
 * of them: shards, or vocabularies). Returns the exit status, after a
 * message on stderr on failure. */
int shardset_vocabulary(const char *out, const char *const *inputs, size_t n, int quiet);

#endif /* DATELINE_SHARDSET_H */
