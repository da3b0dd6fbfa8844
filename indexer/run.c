/*
 * run.c - one run of dateline-index (see run.h).
 *
 * The walk runs in the main thread: it stats each file and asks the
 * catalog whether the file changed since the last run. Changed and new
 * files go to a pool of worker threads (ingest.c: read, recognise, parse,
 * analyse, build documents). An existing index is updated by the main
 * thread alone, in walk order; a new index from a single FOLDER with
 * several jobs is written by the workers into shards of their own, merged
 * by Xapian's compaction at the end (shards.c).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "../analysis/index.h"
#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../analysis/tagger.h"
#include "../shim/dx.h"
#include "../util/room.h"
#include "../util/safeprint.h"
#include "catalog.h"
#include "document.h"
#include "ingest.h"
#include "pool.h"
#include "progress.h"
#include "run.h"
#include "shards.h"
#include "shardset.h"
#include "walk.h"

#define progname INDEX_PROGNAME

/* Documents between two commits (see commit_some()): Xapian's default
 * flush (10,000) made Reuters 27% slower and 5 times larger in memory. A
 * user's XAPIAN_FLUSH_THRESHOLD sets it instead. */
#define COMMIT_EVERY 1000
/* Files read ahead of the writer, per worker: enough to keep the workers
 * busy while the writer flushes, few enough to bound memory (a Reuters
 * file holds 1,000 stories: a window of 64 files took 460 MB). */
#define POOL_WINDOW_PER_JOB 2
/* The same when the workers write shards of a new index: a worker's
 * documents are stored and freed as it goes, so a file in flight costs
 * little; a wide window lets one worker go on while the other's writer
 * flushes (a window of 2 per worker left the CPUs a third idle on a
 * million articles). */
#define POOL_WINDOW_PER_JOB_SHARDS 64

/* A web archive is streamed by the walk's thread and handed to the
 * workers in parts of at most this many pages or payload bytes, so that
 * one large archive keeps every worker busy; the parts in flight are
 * bounded by the pool's window. */
#define PART_PAGES 16
#define PART_BYTES (1u << 20)

/* Set by SIGINT / SIGTERM: stop after the current file and commit. */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	stop_requested = sig;
}

typedef struct {
	const index_options_t *o;
	dx_db_t *db;
	dl_index_t *index;   /* what the index records of itself */
	const char *language;   /* the index's, in index */
	catalog_t *catalog;  /* what the index held when the run began */
	const char *root;    /* the folder being walked, resolved */
	pool_t *pool;
	/* A new index with several jobs: each worker writes its own shard. */
	int shard_mode;
	shards_t shards;
	int one_root;        /* a single FOLDER: its relative paths are unique */
	index_counts_t n;
	progress_t progress;
	int failed;          /* a write to the index failed: stop */
	/* Changes since the last commit, counted in documents, and how many
	 * make a commit: always between two files' groups (dx_db_begin()),
	 * so that a kill leaves every file whole or as it was. */
	unsigned long pending, commit_every;
	/* The web archive whose parts are being stored (apply_part()): one
	 * group from its first stored part to its last part. In shard mode
	 * the workers write the parts into their own shards, as they do a
	 * folder's files; an archive dropped after some of its parts were
	 * written is deleted from the merged index (dropped_terms). */
	struct {
		int open;            /* the group is begun */
		int written;         /* shard mode: workers wrote some of its parts */
		int dropped;         /* the file's articles are not stored */
		enum skip_reason skip;  /* why, when a part said so */
		unsigned long n, added, updated, dups;
		size_t invalid;      /* bytes article_clean() replaced */
		dx_db_t *shard;      /* shard mode: the parts' shard */
		unsigned long shard_pending;
	} part;
	/* Shard mode: the file terms of the web archives dropped after the
	 * workers wrote parts of them, deleted once the shards are merged. */
	char **dropped_terms;
	size_t ndropped;
} indexer_t;

static void on_problem(const char *path, const char *reason, void *ctx)
{
	indexer_t *ix = ctx;
	char msg[256];
	ix->n.skipped[SKIP_NOT_REGULAR]++;
	if (ix->o->quiet)
		return;
	snprintf(msg, sizeof(msg), "%s, skipped", reason);
	progress_say(&ix->progress, path, strstr(reason, "skipped") ? reason : msg);
}

/* What a worker owns: its stemmer, and in shard mode its shard. */
typedef struct {
	an_stemmer_t *st;
	ingest_langs_t *langs;  /* the articles' languages (NULL: all in st's) */
	dx_db_t *shard;
	char shard_error[4600];  /* why the shard could not be created */
	unsigned long pending;   /* documents since the shard's last commit */
	indexer_t *ix;
} worker_t;

static void *worker_new(void *arg)
{
	indexer_t *ix = arg;
	worker_t *w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	w->ix = ix;
	w->st = an_stemmer_new(ix->language);
	/* NULL (no models, no memory): every article in the run's language. */
	w->langs = ingest_langs_new();
	if (ix->shard_mode)
		shards_open(&ix->shards, ix->language,
			    ix->o->ingest.weights.no_entities ? NULL
				: an_tagger_version(an_tagger_shared()),
			    &w->shard, w->shard_error, sizeof(w->shard_error));
	if (w->shard && shardset_stamp(&ix->o->shards, w->shard) != 0) {
		snprintf(w->shard_error, sizeof(w->shard_error), "cannot stamp a shard: %s",
			 dx_last_error());
		dx_db_close(w->shard);
		w->shard = NULL;
	}
	return w;
}

static void worker_free(void *ctx)
{
	worker_t *w = ctx;
	if (!w)
		return;
	if (w->shard && dx_db_commit(w->shard) != DX_OK) {
		fprintf(stderr, "%s: cannot commit a shard: %s\n", progname, dx_last_error());
		w->ix->failed = 1;
	}
	dx_db_close(w->shard);
	an_stemmer_destroy(w->st);
	ingest_langs_destroy(w->langs);
	free(w);
}

/* "dateline-index: DB: the disk is full: ..." (see room.h). */
static void say_full(FILE *f, const char *dbpath, long long avail)
{
	fprintf(f, "%s: ", progname);
	safe_puts(f, dbpath);
	fprintf(f, ": the disk is full: %lld MiB free, less than the %lld MiB an "
		"indexer keeps free; stopping: the index keeps its last commit, and the "
		"next run goes on from there\n", avail >> 20, ROOM_RESERVE >> 20);
}

/* job's messages: "dateline-index: PATH: cannot store in the index: why". */
static void store_failed(ingest_job_t *job, const char *why)
{
	char *m = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&m, &len);
	if (f) {
		fprintf(f, "%s: ", progname);
		safe_puts(f, job->path);
		fprintf(f, ": cannot store in the index: %s\n", why);
		fclose(f);
		free(job->messages);
		job->messages = m;
	}
	job->failed = 1;
}

/* A worker's part of a file (the pool's work callback). */
static void work(void *item, void *ctx)
{
	ingest_job_t *job = item;
	worker_t *w = ctx;
	if (!w) {
		/* No memory for the worker: the file is not read. */
		job->skip = SKIP_UNREADABLE;
		return;
	}
	if (stop_requested) {
		job->interrupted = 1;
		return;
	}
	ingest_run(job, &w->ix->o->ingest, w->st, w->langs);
	/* An existing index is written by the walk's thread, in order (a web
	 * archive's parts as one group, apply_part()). */
	if (!w->ix->shard_mode || job->failed || job->skip != SKIP_NONE || job->interrupted)
		return;
	/* A new index: the worker stores the documents in its own shard,
	 * while there is room for them (see room.h). */
	long long avail = room_free(w->ix->o->dbpath);
	if (avail >= 0 && avail < ROOM_RESERVE) {
		char *m = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&m, &len);
		if (f) {
			say_full(f, w->ix->o->dbpath, avail);
			fclose(f);
			free(job->messages);
			job->messages = m;
		}
		job->failed = 1;
		return;
	}
	/* A file's documents are one group in the shard too: a failure drops
	 * them whole (with the shard's changes since its last commit, made
	 * between files), so that the merged shards hold whole files. */
	dx_status_t rc = w->shard ? dx_db_begin(w->shard) : DX_ERR_INVALID;
	for (size_t i = 0; i < job->n && rc == DX_OK; i++) {
		rc = dx_db_add(w->shard, job->arts[i].doc);
		/* Stored: free it now, not when the job is applied in walk
		 * order, so that a wide window costs no memory. */
		dx_doc_destroy(job->arts[i].doc);
		job->arts[i].doc = NULL;
	}
	if (rc == DX_OK)
		rc = dx_db_end(w->shard);
	w->pending += job->n;
	if (rc == DX_OK && w->pending >= w->ix->commit_every) {
		w->pending = 0;
		rc = dx_db_commit(w->shard);
	}
	if (rc != DX_OK) {
		store_failed(job, w->shard ? dx_last_error() : w->shard_error);
		dx_db_discard(w->shard);
		return;
	}
	job->written = 1;
}

/* State of forget_words()'s callback. */
typedef struct {
	dx_db_t *db;
	dx_status_t rc;
} forget_t;

static int forget_one(const char *data, size_t len, void *ctx)
{
	forget_t *f = ctx;
	f->rc = document_unspell(f->db, data, len);
	return f->rc != DX_OK;
}

/* The articles indexed by term are about to be replaced or deleted: their
 * words leave the spelling table, so that its counts stay those of the
 * articles the index holds. */
static dx_status_t forget_words(dx_db_t *db, const char *term)
{
	forget_t f = { db, DX_OK };
	dx_status_t rc = dx_db_each_data(db, term, forget_one, &f);
	return rc != DX_OK ? rc : f.rc;
}

/* Store a job's articles in the index, replacing those of its file.
 * Returns DX_OK or the shim's status. */
static dx_status_t store_job(indexer_t *ix, ingest_job_t *job)
{
	char fileterm[DX_MAX_TERM_BYTES + 1], idterm[DX_MAX_TERM_BYTES + 1];
	unsigned long added = 0, updated = 0, dups = 0;
	int replace_all = job->container && job->known && job->skip == SKIP_NONE;
	if (job->n == 0 && !replace_all)
		return DX_OK;
	/* The file's changes are one group: they reach the index together at
	 * a commit, or not at all (killed, disk full), and the next run sees
	 * the file as it was before this one. */
	dx_status_t rc = dx_db_begin(ix->db);
	/* A container's articles are replaced as a whole, so that items it no
	 * longer holds go too; a file that could not be read keeps its old
	 * articles. */
	if (rc == DX_OK && replace_all) {
		dl_id_term(DL_PREFIX_FILE, job->rel, fileterm);
		rc = forget_words(ix->db, fileterm);
		if (rc == DX_OK)
			rc = dx_db_delete(ix->db, fileterm);
	}
	for (size_t i = 0; i < job->n && rc == DX_OK; i++) {
		ingest_article_t *art = &job->arts[i];
		uint32_t same = 0;
		if (!job->known && dx_db_term_freq(ix->db, art->digest_term, &same) == DX_OK &&
		    same > 0)
			dups++;
		if (job->known || !ix->one_root) {
			dl_id_term(DL_PREFIX_ID, art->id, idterm);
			rc = forget_words(ix->db, idterm);
			if (rc == DX_OK)
				rc = dx_db_replace(ix->db, idterm, art->doc);
		} else {
			/* A file the index has never seen, and no other folder
			 * of this run can have the same id: nothing to replace. */
			rc = dx_db_add(ix->db, art->doc);
		}
		if (rc == DX_OK && job->known)
			updated++;
		else if (rc == DX_OK)
			added++;
	}
	if (rc == DX_OK)
		rc = dx_db_end(ix->db);
	if (rc != DX_OK) {
		dx_db_discard(ix->db);
		return rc;
	}
	ix->n.indexed += added + updated;
	ix->n.added += added;
	ix->n.updated += updated;
	ix->n.duplicates += dups;
	ix->pending += job->n ? job->n : 1;
	return DX_OK;
}

/* Is there room on the index's disk for one more file? Says why not,
 * once, and stops the run (see room.h). */
static int room_left(indexer_t *ix)
{
	long long avail = room_free(ix->o->dbpath);
	if (avail < 0 || avail >= ROOM_RESERVE)
		return 1;
	progress_clear(&ix->progress);
	say_full(stderr, ix->o->dbpath, avail);
	ix->failed = 1;
	return 0;
}

/* Commit when enough changes wait (between two files' groups only). On a
 * failure (a full disk...) the pending changes are dropped, the index
 * stays at its last commit and the run stops. Returns 0 or -1. */
static int commit_some(indexer_t *ix)
{
	if (ix->pending < ix->commit_every)
		return 0;
	ix->pending = 0;
	if (dl_fields_stamp(ix->db) == 0 && dx_db_commit(ix->db) == DX_OK)
		return 0;
	progress_clear(&ix->progress);
	fprintf(stderr, "%s: ", progname);
	safe_puts(stderr, ix->o->dbpath);
	fprintf(stderr, ": cannot commit: %s; the index keeps its last commit, and the "
		"next run goes on from there\n", dx_last_error());
	dx_db_discard(ix->db);
	ix->failed = 1;
	return -1;
}

/* Where a web archive's parts are stored: the index, or in shard mode a
 * shard of their own, made when the first part comes. NULL after a
 * message (the run fails). */
static dx_db_t *part_db(indexer_t *ix)
{
	if (!ix->shard_mode)
		return ix->db;
	if (ix->part.shard)
		return ix->part.shard;
	char err[4600];
	if (shards_open(&ix->shards, ix->language,
			ix->o->ingest.weights.no_entities ? NULL
			: an_tagger_version(an_tagger_shared()),
			&ix->part.shard, err, sizeof(err)) == 0 &&
	    shardset_stamp(&ix->o->shards, ix->part.shard) != 0) {
		snprintf(err, sizeof(err), "cannot stamp a shard: %s", dx_last_error());
		dx_db_close(ix->part.shard);
		ix->part.shard = NULL;
	}
	if (!ix->part.shard) {
		progress_clear(&ix->progress);
		fprintf(stderr, "%s: %s\n", progname, err);
		ix->failed = 1;
	}
	return ix->part.shard;
}

/* Drop what the parts of the current archive stored (the group: changes
 * were committed before it began, so nothing else goes with it). */
static void part_drop(indexer_t *ix, ingest_job_t *job, enum skip_reason why)
{
	if (ix->part.open)
		dx_db_discard(part_db(ix));
	ix->part.open = 0;
	if (ix->part.written && !ix->part.dropped) {
		char term[DX_MAX_TERM_BYTES + 1];
		char **v = realloc(ix->dropped_terms, (ix->ndropped + 1) * sizeof(*v));
		dl_id_term(DL_PREFIX_FILE, job->rel, term);
		if (v)
			ix->dropped_terms = v;
		if (!v || !(v[ix->ndropped] = strdup(term))) {
			progress_say(&ix->progress, job->path, "out of memory");
			ix->failed = 1;
		} else {
			ix->ndropped++;
		}
	}
	if (!ix->part.dropped)
		ix->part.skip = why;
	ix->part.dropped = 1;
}

/* Store a part's documents in the archive's group, begun at its first
 * part with articles (replacing the file's old ones). Returns DX_OK or
 * the shim's status (the group is then discarded). */
static dx_status_t part_store(indexer_t *ix, ingest_job_t *job)
{
	char fileterm[DX_MAX_TERM_BYTES + 1], idterm[DX_MAX_TERM_BYTES + 1];
	dx_db_t *db = part_db(ix);
	if (!db)
		return DX_ERR_INVALID;
	dx_status_t rc = DX_OK;
	if (!ix->part.open) {
		/* What is pending is committed first, so that dropping this
		 * file later drops nothing else. */
		unsigned long *pending = ix->shard_mode ? &ix->part.shard_pending : &ix->pending;
		if (*pending)
			rc = !ix->shard_mode && dl_fields_stamp(db) != 0 ? DX_ERR_INVALID
			     : dx_db_commit(db);
		*pending = 0;
		if (rc == DX_OK)
			rc = dx_db_begin(db);
		if (rc == DX_OK)
			ix->part.open = 1;
		if (rc == DX_OK && job->known) {
			dl_id_term(DL_PREFIX_FILE, job->rel, fileterm);
			rc = forget_words(db, fileterm);
			if (rc == DX_OK)
				rc = dx_db_delete(db, fileterm);
		}
	}
	for (size_t i = 0; i < job->n && rc == DX_OK; i++) {
		ingest_article_t *art = &job->arts[i];
		uint32_t same = 0;
		/* (In shard mode the merged index's digests are counted.) */
		if (!ix->shard_mode && !job->known &&
		    dx_db_term_freq(db, art->digest_term, &same) == DX_OK && same > 0)
			ix->part.dups++;
		if (job->known || !ix->one_root) {
			dl_id_term(DL_PREFIX_ID, art->id, idterm);
			rc = forget_words(db, idterm);
			if (rc == DX_OK)
				rc = dx_db_replace(db, idterm, art->doc);
		} else {
			rc = dx_db_add(db, art->doc);
		}
		dx_doc_destroy(art->doc);
		art->doc = NULL;
		if (rc == DX_OK)
			*(job->known ? &ix->part.updated : &ix->part.added) += 1;
	}
	ix->part.n += job->n;
	if (rc != DX_OK) {
		dx_db_discard(db);
		ix->part.open = 0;
	}
	return rc;
}

/* The end of a web archive (its last part): the group ends, the file is
 * counted once. */
static void part_finish(indexer_t *ix, ingest_job_t *job)
{
	char msg[256];
	if (ix->part.open) {
		dx_db_t *db = part_db(ix);
		dx_status_t rc = dx_db_end(db);
		ix->part.open = 0;
		if (rc != DX_OK) {
			snprintf(msg, sizeof(msg), "cannot store in the index: %s: %s; the index "
				 "keeps its last commit, and the next run goes on from there",
				 dx_status_to_string(rc), dx_last_error());
			progress_say(&ix->progress, job->path, msg);
			ix->failed = 1;
			return;
		}
		ix->n.indexed += ix->part.added + ix->part.updated;
		ix->n.added += ix->part.added;
		ix->n.updated += ix->part.updated;
		ix->n.duplicates += ix->part.dups;
		if (ix->shard_mode) {
			ix->part.shard_pending += ix->part.n;
			if (ix->part.shard_pending >= ix->commit_every) {
				ix->part.shard_pending = 0;
				if (dx_db_commit(db) != DX_OK) {
					progress_say(&ix->progress, ix->o->dbpath, dx_last_error());
					dx_db_discard(db);
					ix->failed = 1;
				}
			}
		} else {
			ix->pending += ix->part.n;
			commit_some(ix);
		}
	} else if (ix->part.written && !ix->part.dropped) {
		ix->n.indexed += ix->part.added;
		ix->n.added += ix->part.added;
	} else if (ix->part.dropped) {
		if (ix->part.skip < SKIP_COUNT)
			ix->n.skipped[ix->part.skip]++;
	} else if (ix->part.n == 0) {
		ix->n.skipped[SKIP_NO_TEXT]++;
		if (!ix->o->quiet)
			progress_say(&ix->progress, job->path, "skipped: no pages");
	}
	if (ix->part.invalid && !ix->o->quiet && !ix->part.dropped) {
		snprintf(msg, sizeof(msg), "%zu byte%s not valid UTF-8 after decoding, "
			 "replaced by U+FFFD", ix->part.invalid, ix->part.invalid == 1 ? "" : "s");
		progress_say(&ix->progress, job->path, msg);
	}
}

/* Store a part of a web archive, in walk order (see apply()). */
static void apply_part(indexer_t *ix, ingest_job_t *job)
{
	if (job->part == 1) {
		dx_db_t *keep = ix->part.shard;
		unsigned long kept = ix->part.shard_pending;
		memset(&ix->part, 0, sizeof(ix->part));
		ix->part.shard = keep;
		ix->part.shard_pending = kept;
		ix->part.skip = SKIP_NONE;
	}
	if (job->failed) {
		/* A worker could not write it (its message is printed). */
		ix->failed = 1;
		return;
	}
	if (job->interrupted) {
		/* Not read to its end: the file stays as it was; the next
		 * run reads it again. */
		part_drop(ix, job, SKIP_COUNT);
		return;
	}
	ix->part.invalid += job->fixes.invalid;
	if (job->skip != SKIP_NONE) {
		/* A page that cannot be indexed, or no memory: none of the
		 * file's articles is stored, its old ones are kept. */
		part_drop(ix, job, job->skip);
	} else if (job->written) {
		/* Written by a worker into its shard (shard mode). */
		ix->part.written = 1;
		ix->part.added += job->n;
		ix->part.n += job->n;
	} else if (!ix->part.dropped && job->n) {
		dx_status_t rc = room_left(ix) ? part_store(ix, job) : DX_ERR_INVALID;
		if (rc != DX_OK) {
			if (!ix->failed) {
				char msg[512];
				snprintf(msg, sizeof(msg), "cannot store in the index: %s: %s; the "
					 "index keeps its last commit, and the next run goes on "
					 "from there", dx_status_to_string(rc), dx_last_error());
				progress_say(&ix->progress, job->path, msg);
			}
			ix->part.open = 0;
			ix->failed = 1;
			return;
		}
	}
	if (job->last_part)
		part_finish(ix, job);
}

/* Count a job and store its documents, in walk order (the pool's done
 * callback). */
static void apply(void *item, void *ctx)
{
	indexer_t *ix = ctx;
	ingest_job_t *job = item;
	unsigned long before = ix->n.indexed;

	/* After a failure, the files in flight say nothing more. */
	if (job->messages && !ix->failed) {
		progress_clear(&ix->progress);
		fputs(job->messages, stderr);
	}
	/* A web archive's parts: one file, counted at its last part. */
	if (!job->part || job->last_part)
		ix->progress.files_seen++;
	if (job->part && !ix->failed) {
		unsigned long before_parts = ix->n.indexed;
		apply_part(ix, job);
		if (ix->o->verbose && job->last_part && ix->part.open == 0 &&
		    ix->n.indexed > before_parts) {
			char msg[64];
			snprintf(msg, sizeof(msg), "%lu article%s", ix->n.indexed - before_parts,
				 ix->n.indexed - before_parts == 1 ? "" : "s");
			progress_say(&ix->progress, job->path, msg);
		}
		goto out;
	}
	if (job->interrupted || ix->failed)
		goto out;
	if (job->skip < SKIP_COUNT)
		ix->n.skipped[job->skip]++;
	ix->n.converted += (unsigned long)job->converted;
	if (job->failed) {
		ix->failed = 1;
		goto out;
	}
	if (job->written) {
		ix->n.indexed += job->n;
		ix->n.added += job->n;
	} else {
		dx_status_t rc = store_job(ix, job);
		if (rc != DX_OK) {
			char msg[512];
			snprintf(msg, sizeof(msg), "cannot store in the index: %s: %s; the "
				 "index keeps its last commit, and the next run goes on from "
				 "there", dx_status_to_string(rc), dx_last_error());
			progress_say(&ix->progress, job->path, msg);
			ix->failed = 1;
		} else {
			commit_some(ix);
		}
	}
	if (ix->o->verbose && ix->n.indexed > before) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%lu article%s", ix->n.indexed - before,
			 ix->n.indexed - before == 1 ? "" : "s");
		progress_say(&ix->progress, job->path, msg);
	}
out:
	progress_show(&ix->progress, &ix->n);
	ingest_job_clear(job);
	free(job);
}

/* Whether the catalog's entry says the file is as it was last indexed. */
static int unchanged(const indexer_t *ix, const catalog_entry_t *known,
		     const file_facts_t *facts)
{
	char size[18], mtime[18];
	size_t sl, ml;
	document_facts_values(facts, size, &sl, mtime, &ml);
	return !ix->o->full && known->root && ix->root && strcmp(known->root, ix->root) == 0 &&
	       known->size_len == sl && memcmp(known->size, size, sl) == 0 &&
	       known->mtime_len == ml && memcmp(known->mtime, mtime, ml) == 0;
}

/* The walk's thread streams a web archive (see PART_PAGES). */
typedef struct {
	indexer_t *ix;
	const ingest_job_t *file;  /* the file's job: path, rel, facts, known */
	ingest_job_t *cur;         /* the part being filled */
	unsigned nparts;
	int oom;
} splitter_t;

static ingest_job_t *part_new(splitter_t *sp)
{
	ingest_job_t *job = calloc(1, sizeof(*job));
	if (!job || !(job->path = strdup(sp->file->path)) || !(job->rel = strdup(sp->file->rel))) {
		if (job)
			ingest_job_clear(job);
		free(job);
		return NULL;
	}
	job->facts = sp->file->facts;
	job->known = sp->file->known;
	job->part = ++sp->nparts;
	return job;
}

static int split_page(const warc_page_t *pg, void *ctx)
{
	splitter_t *sp = ctx;
	if (stop_requested || sp->ix->failed)
		return 1;
	if (ingest_page_add(sp->cur, pg) < 0) {
		sp->oom = 1;
		return -1;
	}
	if (sp->cur->npages < PART_PAGES && sp->cur->pages_bytes < PART_BYTES)
		return 0;
	ingest_job_t *next = part_new(sp);
	if (!next) {
		sp->oom = 1;
		return -1;
	}
	pool_submit(sp->ix->pool, sp->cur);
	sp->cur = next;
	return 0;
}

static void split_note(const char *suffix, const char *msg, void *ctx)
{
	splitter_t *sp = ctx;
	ingest_note(sp->cur, &sp->ix->o->ingest, suffix, msg);
}

/* Stream the web archive of job (which it takes) in parts to the workers;
 * its last part says how the reading ended. Returns 0 or -1 (out of
 * memory: the run stops). */
static int split_archive(indexer_t *ix, ingest_job_t *job)
{
	splitter_t sp = { ix, job, NULL, 0, 0 };
	sp.cur = part_new(&sp);
	int rc = sp.cur ? warc_each_page(job->path, ix->o->ingest.max_size, split_page, &sp,
					 split_note, &sp)
			: -1;
	if (!sp.cur)
		progress_say(&ix->progress, job->path, "out of memory");
	ingest_job_clear(job);
	free(job);
	if (!sp.cur) {
		ix->failed = 1;
		return -1;
	}
	sp.cur->last_part = 1;
	sp.cur->read_rc = rc;
	/* Stopped by a signal (or a failure) before its end: the file is not
	 * complete, so none of it is stored. */
	if (rc == 1)
		sp.cur->interrupted = 1;
	pool_submit(ix->pool, sp.cur);
	return 0;
}

/* The walk's callback: a file unchanged since the last run is only
 * counted; the others go to the workers. */
static int index_file(const char *path, const char *rel, const struct stat *st,
		      void *ctx)
{
	indexer_t *ix = ctx;
	char fileterm[DX_MAX_TERM_BYTES + 1];

	if (stop_requested || ix->failed)
		return 1;
	/* Another shard's file (--shard K/N). */
	if (!shardset_owns(&ix->o->shards, rel))
		return 0;
	/* A file met in the walk keeps its articles, whatever comes next:
	 * a file that cannot be read now is not a file that is gone. */
	dl_id_term(DL_PREFIX_FILE, rel, fileterm);
	catalog_entry_t *known = catalog_find(ix->catalog, fileterm);
	file_facts_t facts = { (uint64_t)st->st_size,
			       (double)st->st_mtim.tv_sec + st->st_mtim.tv_nsec / 1e9,
			       ix->root };
	if (known) {
		known->seen = 1;
		if (unchanged(ix, known, &facts)) {
			ix->n.unchanged++;
			ix->progress.files_seen++;
			if (ix->o->verbose)
				progress_say(&ix->progress, path, "unchanged");
			progress_show(&ix->progress, &ix->n);
			return 0;
		}
	}
	/* A file to read: room to write its articles? */
	if (!room_left(ix))
		return 1;
	ingest_job_t *job = calloc(1, sizeof(*job));
	if (!job || !(job->path = strdup(path)) || !(job->rel = strdup(rel))) {
		if (job)
			ingest_job_clear(job);
		free(job);
		progress_say(&ix->progress, path, "out of memory");
		ix->failed = 1;
		return 1;
	}
	job->facts = facts;
	job->known = known != NULL;
	/* A web archive by its name (one recognised by its content only is
	 * read whole by one worker): streamed here, analysed in parts. */
	if (warc_detect_file(path, "", 0))
		return split_archive(ix, job) < 0;
	return pool_submit(ix->pool, job) < 0;
}

static int remove_gone(catalog_entry_t *e, void *ctx)
{
	indexer_t *ix = ctx;
	/* A file's articles leave together, as they came. */
	dx_status_t rc = dx_db_begin(ix->db);
	if (rc == DX_OK)
		rc = forget_words(ix->db, e->fileterm);
	if (rc == DX_OK)
		rc = dx_db_delete(ix->db, e->fileterm);
	if (rc == DX_OK)
		rc = dx_db_end(ix->db);
	if (rc != DX_OK) {
		dx_db_discard(ix->db);
		progress_clear(&ix->progress);
		fprintf(stderr, "%s: cannot remove the articles of ", progname);
		safe_puts(stderr, e->fileterm + strlen(DL_PREFIX_FILE));
		fprintf(stderr, ": %s\n", dx_last_error());
		ix->failed = 1;
		return 1;
	}
	ix->n.removed++;
	ix->pending++;
	return commit_some(ix) ? 1 : 0;
}

/* Index one folder, then remove the articles of files no longer in it
 * (only when the whole folder was walked). Returns 0, or -1 when the
 * folder could not be walked. */
static int index_folder(indexer_t *ix, walk_t *w, const char *folder)
{
	/* A file given alone: its id is relative to the folder holding it,
	 * and the other files of that folder are not looked at (nor
	 * removed). */
	struct stat st;
	int one_file = stat(folder, &st) == 0 && S_ISREG(st.st_mode);
	char *root = NULL;
	if (one_file) {
		char *dir = strdup(folder), *slash = dir ? strrchr(dir, '/') : NULL;
		if (slash)
			*(slash == dir ? slash + 1 : slash) = '\0';
		root = dir ? realpath(slash ? dir : ".", NULL) : NULL;
		free(dir);
	} else {
		root = realpath(folder, NULL);
	}
	ix->root = root;
	int rc = walk_folder(folder, w);
	/* The jobs of this folder point at root: finish them first. */
	pool_drain(ix->pool);
	if (one_file)
		;
	else if (rc == 0 && !w->incomplete && !ix->failed && !stop_requested && root)
		catalog_each_unseen(ix->catalog, root, remove_gone, ix);
	else if (rc == 0 && w->incomplete && !ix->o->quiet)
		fprintf(stderr, "%s: %s: not every folder could be read; articles of "
			"files not seen are kept\n", progname, folder);
	ix->root = NULL;
	free(root);
	return rc < 0 ? -1 : 0;
}

/* Byte-identical articles in an index: documents beyond the first of each
 * digest. */
static int count_dup(const char *term, size_t len, uint32_t tf, void *ctx)
{
	(void)term;
	(void)len;
	if (tf > 1)
		*(unsigned long *)ctx += tf - 1;
	return 0;
}

static int count_file(const char *path, const char *rel, const struct stat *st,
		      void *ctx)
{
	(void)path; (void)st;
	if (shardset_owns(&((indexer_t *)ctx)->o->shards, rel))
		((indexer_t *)ctx)->progress.files_total++;
	return stop_requested != 0;
}

static void count_problem(const char *path, const char *reason, void *ctx)
{
	(void)path; (void)reason; (void)ctx;
}

/* A file or folder left out by name or an ignore rule: counted, and
 * named with --verbose. */
static void on_excluded(const char *path, int is_dir, void *ctx)
{
	indexer_t *ix = ctx;
	if (is_dir)
		ix->n.excluded_dirs++;
	else
		ix->n.excluded++;
	if (ix->o->verbose)
		progress_say(&ix->progress, path, is_dir ? "folder left out" : "left out");
}

/* Open the index for writing, check it (analysis/index.c) and stamp it.
 * Returns 0 or the exit status, after a message. */
static int open_index(indexer_t *ix)
{
	const char *tagger = ix->o->ingest.weights.no_entities ? NULL
		: an_tagger_version(an_tagger_shared());
	dl_index_want_t want = { ix->o->language, tagger, ix->o->full };
	char err[4600];

	/* The indexer commits every COMMIT_EVERY documents, between files,
	 * and the shards' writers flush at the same rate. The user's
	 * XAPIAN_FLUSH_THRESHOLD wins. */
	const char *t = getenv("XAPIAN_FLUSH_THRESHOLD");
	char *end, buf[32];
	unsigned long every = t ? strtoul(t, &end, 10) : 0;
	ix->commit_every = t && *t && !*end && every > 0 ? every : COMMIT_EVERY;
	snprintf(buf, sizeof(buf), "%lu", ix->commit_every);
	setenv("XAPIAN_FLUSH_THRESHOLD", buf, 1);
	int rc = dl_index_open(ix->o->dbpath, DL_INDEX_WRITE, &want, &ix->index, err,
			       sizeof(err));
	if (rc == DL_INDEX_OK)
		rc = dl_index_stamp(ix->index, tagger, err, sizeof(err));
	if (rc != DL_INDEX_OK) {
		fprintf(stderr, "%s: %s\n", progname, err);
		return rc == DL_INDEX_EUSAGE ? 2 : 1;
	}
	ix->db = ix->index->db;
	ix->index->db = NULL;
	ix->language = ix->index->language;
	if (shardset_check_index(&ix->o->shards, ix->db, ix->o->dbpath) < 0)
		return 1;
	return 0;
}

/* Load the catalog, choose between one writer and shards, start the
 * workers and catch the signals. Returns 0 or 1, after a message. */
static int start(indexer_t *ix)
{
	const index_options_t *o = ix->o;
	if (catalog_load(ix->db, &ix->catalog) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot read the index: %s\n", progname, o->dbpath,
			dx_last_error());
		return 1;
	}
	shards_init(&ix->shards, o->dbpath);
	uint32_t held = 0;
	if (dx_db_doc_count(ix->db, &held) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot read the index: %s\n", progname, o->dbpath,
			dx_last_error());
		return 1;
	}
	/* A new index and several jobs: each worker writes a shard. Shards
	 * only add; two FOLDERs may share an id, which needs the one
	 * writer's replace. */
	ix->one_root = o->nfolders == 1;
	ix->shard_mode = o->jobs > 1 && held == 0 && catalog_size(ix->catalog) == 0 &&
			 ix->one_root;

	/* libxml2 and jansson set up their global state before threads. */
	xmlInitParser();
	json_object_seed(0);
	/* -j1: everything in this thread; -jN: N workers read and analyse,
	 * this thread writes. */
	ix->pool = pool_new(o->jobs > 1 ? o->jobs : 0,
			    (ix->shard_mode ? POOL_WINDOW_PER_JOB_SHARDS : POOL_WINDOW_PER_JOB) *
			    o->jobs, work, apply, ix, worker_new, worker_free, ix);
	if (!ix->pool) {
		fprintf(stderr, "%s: cannot start %u worker threads\n", progname, o->jobs);
		return 1;
	}
	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return 0;
}

/* Walk every FOLDER (twice on a terminal: counting the files first, a
 * walk with stat only, gives the progress line its time left). Returns 0,
 * or 1 when a folder could not be walked. */
static int walk_folders(indexer_t *ix)
{
	const index_options_t *o = ix->o;
	struct stat dbst;
	int status = 0;
	walk_t w = { .file = index_file, .problem = on_problem, .ctx = ix,
		     .excluded = on_excluded, .excludes = o->excludes,
		     .nexcludes = o->nexcludes };
	if (stat(o->dbpath, &dbst) == 0) {
		w.skip_dev = dbst.st_dev;
		w.skip_ino = dbst.st_ino;
	}
	progress_start(&ix->progress, !o->quiet && isatty(STDERR_FILENO));
	if (ix->progress.enabled) {
		walk_t cw = w;
		cw.file = count_file;
		cw.problem = count_problem;
		cw.excluded = NULL;
		for (int i = 0; i < o->nfolders && !stop_requested; i++)
			walk_folder(o->folders[i], &cw);
	}
	for (int i = 0; i < o->nfolders && !ix->failed && !stop_requested; i++)
		if (index_folder(ix, &w, o->folders[i]) < 0)
			status = 1;
	return status;
}

/* The merged index's fix (shards_merge()): the web archives dropped after
 * the workers wrote some of their parts are deleted, with their words. */
static dx_status_t drop_archives(dx_db_t *merged, void *ctx)
{
	indexer_t *ix = ctx;
	dx_status_t rc = DX_OK;
	for (size_t i = 0; i < ix->ndropped && rc == DX_OK; i++) {
		rc = forget_words(merged, ix->dropped_terms[i]);
		if (rc == DX_OK)
			rc = dx_db_delete(merged, ix->dropped_terms[i]);
	}
	return rc;
}

/* Stop the workers, commit, merge the shards, print the summary. Returns
 * 0 or the exit status. */
static int finish(indexer_t *ix)
{
	const index_options_t *o = ix->o;
	int status = 0;
	pool_free(ix->pool);
	ix->pool = NULL;
	progress_end(&ix->progress);
	/* A web archive's group still open (the run failed in it): dropped,
	 * alone (changes were committed before it began). */
	if (ix->part.open) {
		dx_db_discard(ix->shard_mode ? ix->part.shard : ix->db);
		ix->part.open = 0;
	}
	if (ix->part.shard) {
		if (dx_db_commit(ix->part.shard) != DX_OK) {
			fprintf(stderr, "%s: cannot commit a shard: %s\n", progname, dx_last_error());
			ix->failed = 1;
		}
		dx_db_close(ix->part.shard);
		ix->part.shard = NULL;
	}
	if (dl_fields_stamp(ix->db) != 0 || dx_db_commit(ix->db) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot commit: %s; the index keeps its last "
			"commit, and the next run goes on from there\n", progname, o->dbpath,
			dx_last_error());
		dx_db_discard(ix->db);
		return 1;
	}
	if (ix->shard_mode && ix->shards.n) {
		if (shards_merge(&ix->shards, o->dbpath, &ix->db, drop_archives, ix) != 0)
			return 1;
		/* The merged index, for the summary. */
		if (dx_db_open_read(o->dbpath, &ix->db) != DX_OK ||
		    dx_db_each_vocab(ix->db, DL_PREFIX_DIGEST, count_dup, &ix->n.duplicates) != DX_OK) {
			fprintf(stderr, "%s: %s: cannot read the merged index: %s\n", progname,
				o->dbpath, dx_last_error());
			return 1;
		}
	}
	double secs = progress_seconds(&ix->progress);
	if (ix->failed)
		status = 1;
	uint32_t total = 0;
	if (dx_db_doc_count(ix->db, &total) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot count the articles: %s\n", progname, o->dbpath,
			dx_last_error());
		return 1;
	}
	if (!o->quiet || stop_requested)
		fputs(o->shards.label, stop_requested ? stderr : stdout);
	if (!o->quiet || stop_requested)
		progress_summary(stop_requested ? stderr : stdout, &ix->n, secs, total,
				 stop_requested != 0);
	if (stop_requested)
		status = 128 + stop_requested;
	return status;
}

int index_run(const index_options_t *o)
{
	indexer_t ix = { .o = o };
	int status;

	/* The tagger's model: loaded once, before anything is indexed (a
	 * missing or broken model stops the run with its name). */
	if (!o->ingest.weights.no_entities && !an_tagger_shared()) {
		fprintf(stderr, "%s: %s; --no-entities indexes without people, organisations "
			"and places\n", progname, an_tagger_shared_error());
		return 1;
	}
	/* Every FOLDER is there before an index is made or changed: a typo
	 * leaves nothing behind. */
	for (int i = 0; i < o->nfolders; i++) {
		struct stat st;
		const char *why = NULL;
		if (stat(o->folders[i], &st) != 0)
			why = strerror(errno);
		else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
			why = "not a folder or a file";
		if (why) {
			fprintf(stderr, "%s: ", progname);
			safe_puts(stderr, o->folders[i]);
			fprintf(stderr, ": %s; nothing indexed\n", why);
			return 1;
		}
	}
	status = open_index(&ix);
	if (!status)
		status = start(&ix);
	if (!status) {
		int walked = walk_folders(&ix);
		status = finish(&ix);
		if (!status)
			status = walked;
	}
	pool_free(ix.pool);
	catalog_free(ix.catalog);
	shards_free(&ix.shards);
	for (size_t i = 0; i < ix.ndropped; i++)
		free(ix.dropped_terms[i]);
	free(ix.dropped_terms);
	dl_index_close(ix.index);
	dx_db_close(ix.db);
	return status;
}
