/*
 * dateline-index - read folders of articles into a Dateline index.
 *
 * The walk runs in the main thread: it stats each file and asks the
 * catalog whether the file changed since the last run. Changed and new
 * files go to a pool of worker threads (ingest.c: read, recognise, parse,
 * analyse, build documents). An existing index is updated by the main
 * thread alone, in walk order; a new index from a single FOLDER with
 * several jobs is written by the workers into shards of their own, merged
 * by Xapian's compaction at the end (merge_shards()).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../analysis/tagger.h"
#include "../shim/dx.h"
#include "../util/access.h"
#include "../util/room.h"
#include "../util/safeprint.h"
#include "catalog.h"
#include "document.h"
#include "ingest.h"
#include "pool.h"
#include "walk.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

/* Files larger than this are not articles (--max-size changes it). */
#define DEFAULT_MAX_SIZE (50ull * 1024 * 1024)
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
/* Most worker threads (-j). */
#define MAX_JOBS 256

static const char *progname = "dateline-index";

/* Whether a progress line is on the terminal (for say()). */
static int progress_shown;

/* Set by SIGINT / SIGTERM: stop after the current file and commit. */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	stop_requested = sig;
}

static const char *const skip_names[SKIP_COUNT] = {
	"unreadable", "empty", "binary", "too large", "no text", "not walkable",
	"not indexable"
};

typedef struct {
	dx_db_t *db;
	const char *language;
	catalog_t *catalog;  /* what the index held when the run began */
	const char *root;    /* the folder being walked, resolved */
	ingest_opts_t opts;
	pool_t *pool;
	int quiet;
	int full;            /* --full: read every file again */
	/* A new index with several jobs: each worker writes its own shard,
	 * merged by compaction at the end (Xapian's writer is the bottleneck
	 * of one-writer indexing). */
	int shard_mode;
	char shard_base[4096];   /* "<dir>/.<name>": shards are base.shard-N */
	pthread_mutex_t shard_lock;
	char **shards;
	size_t nshards;
	int one_root;        /* a single FOLDER: its relative paths are unique */
	unsigned long indexed, added, updated, unchanged, removed;
	unsigned long duplicates;  /* articles whose text the index already held */
	unsigned long converted;
	unsigned long skipped[SKIP_COUNT];
	int failed;          /* a write to the index failed: stop */
	const char *dbpath;  /* the index, for messages */
	/* Changes since the last commit, counted in documents, and how many
	 * make a commit: always between two files' groups (dx_db_begin()),
	 * so that a kill leaves every file whole or as it was. */
	unsigned long pending, commit_every;
	int verbose;         /* --verbose: a line per file */
	int progress;        /* a progress line on stderr (a terminal) */
	unsigned long files_total, files_seen;
	struct timespec started, last_progress;
} indexer_t;

static void clear_progress_line(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
}

static double seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Redraw the progress line, at most four times a second. */
static void show_progress(indexer_t *ix)
{
	if (!ix->progress || seconds_since(&ix->last_progress) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &ix->last_progress);
	double secs = seconds_since(&ix->started);
	double rate = secs > 0 ? (double)ix->files_seen / secs : 0;
	fprintf(stderr, "\r\033[K%lu/%lu files, %lu articles indexed, %.0f files/s",
		ix->files_seen, ix->files_total, ix->indexed, rate);
	if (rate > 0 && ix->files_total > ix->files_seen)
		fprintf(stderr, ", %.0f s left", (double)(ix->files_total - ix->files_seen) / rate);
	fflush(stderr);
}

/* A line about a file on stderr: "progname: path: msg". */
static void say(const char *path, const char *msg)
{
	clear_progress_line();
	fprintf(stderr, "%s: ", progname);
	safe_puts(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

static void on_problem(const char *path, const char *reason, void *ctx)
{
	indexer_t *ix = ctx;
	char msg[256];
	ix->skipped[SKIP_NOT_REGULAR]++;
	if (ix->quiet)
		return;
	snprintf(msg, sizeof(msg), "%s, skipped", reason);
	say(path, strstr(reason, "skipped") ? reason : msg);
}

/* What a worker owns: its stemmer, and in shard mode its shard. */
typedef struct {
	an_stemmer_t *st;
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
	if (ix->shard_mode) {
		char path[4200];
		pthread_mutex_lock(&ix->shard_lock);
		snprintf(path, sizeof(path), "%s.shard-%zu", ix->shard_base, ix->nshards);
		char **v = realloc(ix->shards, (ix->nshards + 1) * sizeof(*v));
		if (v) {
			ix->shards = v;
			if ((v[ix->nshards] = strdup(path)) != NULL)
				ix->nshards++;
		}
		pthread_mutex_unlock(&ix->shard_lock);
		if (dx_db_open_scratch(path, &w->shard) != DX_OK ||
		    dx_db_set_metadata(w->shard, DL_META_LANGUAGE, ix->language) != DX_OK ||
		    dx_db_set_metadata(w->shard, DL_META_SCHEMA, DL_SCHEMA_VERSION) != DX_OK ||
		    (!ix->opts.weights.no_entities &&
		     dx_db_set_metadata(w->shard, DL_META_TAGGER,
					an_tagger_version(an_tagger_shared())) != DX_OK)) {
			snprintf(w->shard_error, sizeof(w->shard_error), "cannot write a shard "
				 "beside it (%s): %s", path, dx_last_error());
			dx_db_close(w->shard);
			w->shard = NULL;
		}
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
	free(w);
}

/* The options every worker reads (set before the pool starts). */
static const ingest_opts_t *work_opts;

static void work(void *item, void *ctx)
{
	ingest_job_t *job = item;
	worker_t *w = ctx;
	if (stop_requested) {
		job->interrupted = 1;
		return;
	}
	ingest_run(job, work_opts, w ? w->st : NULL);
	if (!w || !w->ix->shard_mode || job->failed || job->skip != SKIP_NONE)
		return;
	/* A new index: the worker stores the documents in its own shard,
	 * while there is room for them (see room.h). */
	long long avail = room_free(w->ix->dbpath);
	int full = avail >= 0 && avail < ROOM_RESERVE;
	/* A file's documents are one group in the shard too: a failure
	 * drops them whole (with the shard's changes since its last commit,
	 * made between files), and the merged shards hold whole files. */
	int grouped = !full && w->shard && dx_db_begin(w->shard) == DX_OK;
	for (size_t i = 0; i <= job->n; i++) {
		int ok = grouped && (i < job->n ? dx_db_add(w->shard, job->arts[i].doc)
						: dx_db_end(w->shard)) == DX_OK;
		if (!ok) {
			if (w->shard)
				dx_db_discard(w->shard);
			char *m = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&m, &len);
			if (f && full) {
				fprintf(f, "%s: ", progname);
				safe_puts(f, w->ix->dbpath);
				fprintf(f, ": the disk is full: %lld MiB free, less than the %lld "
					"MiB an indexer keeps free; stopping: the index keeps its "
					"last commit, and the next run goes on from there\n",
					avail >> 20, ROOM_RESERVE >> 20);
				fclose(f);
				free(job->messages);
				job->messages = m;
			} else if (f) {
				fprintf(f, "%s: ", progname);
				safe_puts(f, job->path);
				fprintf(f, ": cannot store in the index: %s\n",
					w->shard ? dx_last_error() : w->shard_error);
				fclose(f);
				free(job->messages);
				job->messages = m;
			}
			job->failed = 1;
			return;
		}
		/* Stored: free it now, not when the job is applied in walk
		 * order, so that a wide window costs no memory. */
		if (i < job->n) {
			dx_doc_destroy(job->arts[i].doc);
			job->arts[i].doc = NULL;
		}
	}
	w->pending += job->n;
	if (w->pending >= w->ix->commit_every) {
		w->pending = 0;
		if (dx_db_commit(w->shard) != DX_OK) {
			char *m = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&m, &len);
			if (f) {
				fprintf(f, "%s: cannot commit a shard: %s\n", progname,
					dx_last_error());
				fclose(f);
				free(job->messages);
				job->messages = m;
			}
			dx_db_discard(w->shard);
			job->failed = 1;
			return;
		}
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

/* Is there room on the index's disk for one more file? Says why not,
 * once, and stops the run (see room.h). */
static int room_left(indexer_t *ix)
{
	long long avail = room_free(ix->dbpath);
	if (avail < 0 || avail >= ROOM_RESERVE)
		return 1;
	clear_progress_line();
	fprintf(stderr, "%s: ", progname);
	safe_puts(stderr, ix->dbpath);
	fprintf(stderr, ": the disk is full: %lld MiB free, less than the %lld MiB an "
		"indexer keeps free; stopping: the index keeps its last commit, and the next "
		"run goes on from there\n", avail >> 20, ROOM_RESERVE >> 20);
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
	if (dx_db_commit(ix->db) == DX_OK)
		return 0;
	clear_progress_line();
	fprintf(stderr, "%s: ", progname);
	safe_puts(stderr, ix->dbpath);
	fprintf(stderr, ": cannot commit: %s; the index keeps its last commit, and the "
		"next run goes on from there\n", dx_last_error());
	dx_db_discard(ix->db);
	ix->failed = 1;
	return -1;
}

/* Store a job's documents, in walk order (the pool's done callback). */
static void apply(void *item, void *ctx)
{
	indexer_t *ix = ctx;
	ingest_job_t *job = item;
	unsigned long before = ix->indexed;

	/* After a failure, the files in flight say nothing more. */
	if (job->messages && !ix->failed) {
		clear_progress_line();
		fputs(job->messages, stderr);
	}
	ix->files_seen++;
	if (job->interrupted || ix->failed)
		goto out;
	if (job->skip < SKIP_COUNT)
		ix->skipped[job->skip]++;
	ix->converted += (unsigned long)job->converted;
	if (job->failed) {
		ix->failed = 1;
		goto out;
	}
	if (job->written) {
		ix->indexed += job->n;
		ix->added += job->n;
		goto report;
	}
	char fileterm[DX_MAX_TERM_BYTES + 1], idterm[DX_MAX_TERM_BYTES + 1];
	unsigned long added = 0, updated = 0, dups = 0;
	if (job->n == 0 && !(job->container && job->known && job->skip == SKIP_NONE))
		goto report;
	/* The file's changes are one group: they reach the index together at
	 * a commit, or not at all (killed, disk full), and the next run sees
	 * the file as it was before this one. */
	dx_status_t rc = dx_db_begin(ix->db);
	/* A container's articles are replaced as a whole, so that items it no
	 * longer holds go too; a file that could not be read keeps its old
	 * articles. */
	if (rc == DX_OK && job->container && job->known && job->skip == SKIP_NONE) {
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
		char msg[512];
		dx_db_discard(ix->db);
		snprintf(msg, sizeof(msg), "cannot store in the index: %s: %s; the index "
			 "keeps its last commit, and the next run goes on from there",
			 dx_status_to_string(rc), dx_last_error());
		say(job->path, msg);
		ix->failed = 1;
		goto out;
	}
	ix->indexed += added + updated;
	ix->added += added;
	ix->updated += updated;
	ix->duplicates += dups;
	ix->pending += job->n ? job->n : 1;
	commit_some(ix);
report:
	if (ix->verbose && ix->indexed > before) {
		char msg[64];
		snprintf(msg, sizeof(msg), "%lu article%s", ix->indexed - before,
			 ix->indexed - before == 1 ? "" : "s");
		say(job->path, msg);
	}
out:
	show_progress(ix);
	ingest_job_clear(job);
	free(job);
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
	/* A file met in the walk keeps its articles, whatever comes next:
	 * a file that cannot be read now is not a file that is gone. */
	dl_id_term(DL_PREFIX_FILE, rel, fileterm);
	catalog_entry_t *known = catalog_find(ix->catalog, fileterm);
	file_facts_t facts = { (uint64_t)st->st_size,
			       (double)st->st_mtim.tv_sec + st->st_mtim.tv_nsec / 1e9,
			       ix->root };
	if (known) {
		known->seen = 1;
		char size[18], mtime[18];
		size_t sl, ml;
		document_facts_values(&facts, size, &sl, mtime, &ml);
		if (!ix->full && known->root && ix->root && strcmp(known->root, ix->root) == 0 &&
		    known->size_len == sl && memcmp(known->size, size, sl) == 0 &&
		    known->mtime_len == ml && memcmp(known->mtime, mtime, ml) == 0) {
			ix->unchanged++;
			ix->files_seen++;
			if (ix->verbose)
				say(path, "unchanged");
			show_progress(ix);
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
		say(path, "out of memory");
		ix->failed = 1;
		return 1;
	}
	job->facts = facts;
	job->known = known != NULL;
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
		clear_progress_line();
		fprintf(stderr, "%s: cannot remove the articles of ", progname);
		safe_puts(stderr, e->fileterm + strlen(DL_PREFIX_FILE));
		fprintf(stderr, ": %s\n", dx_last_error());
		ix->failed = 1;
		return 1;
	}
	ix->removed++;
	ix->pending++;
	return commit_some(ix) ? 1 : 0;
}

/* Index one folder, then remove the articles of files no longer in it
 * (only when the whole folder was walked). Returns 0, or -1 when the
 * folder could not be walked. */
static int index_folder(indexer_t *ix, walk_t *w, const char *folder)
{
	char *root = realpath(folder, NULL);
	ix->root = root;
	int rc = walk_folder(folder, w);
	/* The jobs of this folder point at root: finish them first. */
	pool_drain(ix->pool);
	if (rc == 0 && !w->incomplete && !ix->failed && !stop_requested && root)
		catalog_each_unseen(ix->catalog, root, remove_gone, ix);
	else if (rc == 0 && w->incomplete && !ix->quiet)
		fprintf(stderr, "%s: %s: not every folder could be read; articles of "
			"files not seen are kept\n", progname, folder);
	ix->root = NULL;
	free(root);
	return rc < 0 ? -1 : 0;
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

/* Remove a folder and what it holds (a shard, a merged or an old index). */
static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0)
		nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Remove what a killed shard-mode run left beside the index. */
static void remove_leftovers(const indexer_t *ix)
{
	char path[4200];
	for (int k = 0; k < MAX_JOBS; k++) {
		snprintf(path, sizeof(path), "%s.shard-%d", ix->shard_base, k);
		rm_tree(path);
	}
	snprintf(path, sizeof(path), "%s.merged", ix->shard_base);
	rm_tree(path);
	snprintf(path, sizeof(path), "%s.old", ix->shard_base);
	rm_tree(path);
}

/* Shard mode's end: compact the shards into a new index and put it in the
 * place of the (empty) index at dbpath. Closes ix->db. Returns 0 or -1. */
static int merge_shards(indexer_t *ix, const char *dbpath)
{
	char merged[4200], old[4200];
	int rc = -1;
	snprintf(merged, sizeof(merged), "%s.merged", ix->shard_base);
	snprintf(old, sizeof(old), "%s.old", ix->shard_base);
	if (dx_compact((const char *const *)ix->shards, ix->nshards, merged) != DX_OK) {
		fprintf(stderr, "%s: %s: cannot merge the shards: %s\n", progname, dbpath,
			dx_last_error());
		goto out;
	}
	/* The lock is held until the merged index is complete. */
	dx_db_close(ix->db);
	ix->db = NULL;
	if (rename(dbpath, old) != 0 || rename(merged, dbpath) != 0) {
		fprintf(stderr, "%s: %s: cannot put the merged index in place: %s\n", progname,
			dbpath, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	for (size_t i = 0; i < ix->nshards; i++)
		rm_tree(ix->shards[i]);
	rm_tree(old);
	if (rc)
		rm_tree(merged);
	return rc;
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
	(void)path; (void)rel; (void)st;
	((indexer_t *)ctx)->files_total++;
	return stop_requested != 0;
}

static void count_problem(const char *path, const char *reason, void *ctx)
{
	(void)path; (void)reason; (void)ctx;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... FOLDER...\n"
		"Read the articles in FOLDER (recursively) into a Dateline index.\n"
		"\n"
		"  -d, --db PATH        the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"      --full           read every file again, even those unchanged\n"
		"      --no-entities    do not extract the people, organisations and places\n"
		"                       mentioned (nor load the tagger's model)\n"
		"      --field-weight title=N,author=N\n"
		"                       count title and author words N times in the text\n"
		"                       (default %u,%u; see Relevance in the README)\n"
		"  -j, --jobs N         threads reading and analysing files (default:\n"
		"                       the number of cores); one thread updates an index,\n"
		"                       a new one from one FOLDER is a shard per thread\n"
		"      --language LANG  Snowball stemming language (default: english;\n"
		"                       'none' for no stemming; see --list-languages)\n"
		"      --list-languages print the languages that can be stemmed\n"
		"      --max-size BYTES skip files larger than this (default: 50 MiB)\n"
		"  -q, --quiet          print only errors (no progress line)\n"
		"  -v, --verbose        print each file read and its articles\n"
		"  -h, --help           print this help\n"
		"  -V, --version        print the version\n"
		"\n"
		"Articles are plain text: a 'Key: value' header block (Title, Author,\n"
		"Date, Place, Source, URL...) then the body; text scraped from a news\n"
		"page (byline 'Posted <date> by', place line, title, body); or bare\n"
		"text whose first line is the title. Each article's id is its path\n"
		"relative to FOLDER. Indexing FOLDER again reads only the files whose\n"
		"size or modification time changed, and removes the articles of files\n"
		"that are gone.\n"
		"\n"
		"Exit status: 0 done (skipped files are reported on stderr), 1 error,\n"
		"2 usage.\n",
		progname, dl_fields[DL_F_TITLE].weight, dl_fields[DL_F_AUTHOR].weight);
}

/* --field-weight NAME=N,...: the fields flagged DL_FIELD_WEIGHTED in the
 * schema table, N from 1 to 100. Returns 0, or -1 after a message. */
static int parse_field_weights(const char *spec, field_weights_t *w)
{
	const char *p = spec;
	while (*p) {
		const char *eq = strchr(p, '=');
		size_t len = strcspn(p, ",");
		const dl_field_t *f = eq && eq < p + len
			? dl_field_by_name(p, (size_t)(eq - p), DL_FIELD_WEIGHTED) : NULL;
		unsigned n;
		int used = 0;
		if (!f || sscanf(eq + 1, "%u%n", &n, &used) != 1 || n < 1 || n > 100 ||
		    eq + 1 + used != p + len) {
			char names[128], *c = names;
			size_t room = sizeof(names);
			for (size_t i = 0; i < DL_NFIELDS; i++) {
				if (!(dl_fields[i].flags & DL_FIELD_WEIGHTED))
					continue;
				int k = snprintf(c, room, "%s%s=N", c > names ? "," : "",
						 dl_fields[i].name);
				if (k < 0 || (size_t)k >= room)
					break;
				c += k;
				room -= (size_t)k;
			}
			fprintf(stderr, "%s: --field-weight: expected %s with N from 1 to 100, "
				"got '%s'\n", progname, names, spec);
			return -1;
		}
		w->free_wdf[dl_field_id(f)] = n;
		p += len + (p[len] == ',');
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "language", required_argument, NULL, 'L' },
		{ "full", no_argument, NULL, 'F' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "field-weight", required_argument, NULL, 'W' },
		{ "no-entities", no_argument, NULL, 'E' },
		{ "list-languages", no_argument, NULL, 'l' },
		{ "max-size", required_argument, NULL, 'm' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dbpath = getenv("DATELINE_DB");
	const char *language = NULL;
	indexer_t ix = { .opts = { "dateline-index", DEFAULT_MAX_SIZE, 0, { { 0 }, 0 } } };
	long ncores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned jobs = ncores > 0 ? (unsigned)ncores : 1;
	int c, status = 0;
	char *stored_lang = NULL;

	if (!dbpath || !*dbpath)
		dbpath = "dateline.db";
	while ((c = getopt_long(argc, argv, "d:j:qvhV", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dbpath = optarg; break;
		case 'L': language = optarg; break;
		case 'l':
			for (const char **l = an_stem_languages(); *l; l++)
				printf("%s\n", *l);
			return 0;
		case 'm': {
			char *end;
			errno = 0;
			ix.opts.max_size = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				fprintf(stderr, "%s: --max-size: not a number of bytes: '%s'\n",
					progname, optarg);
				return 2;
			}
			break;
		}
		case 'j': {
			char *end;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || v < 1 || v > MAX_JOBS) {
				fprintf(stderr, "%s: -j: expected a number of jobs from 1 to %d, "
					"got '%s'\n", progname, MAX_JOBS, optarg);
				return 2;
			}
			jobs = (unsigned)v;
			break;
		}
		case 'W':
			if (parse_field_weights(optarg, &ix.opts.weights) < 0)
				return 2;
			break;
		case 'E': ix.opts.weights.no_entities = 1; break;
		case 'q': ix.quiet = ix.opts.quiet = 1; break;
		case 'v': ix.verbose = 1; break;
		case 'F': ix.full = 1; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("%s %s\n", progname, DATELINE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "%s: no FOLDER given\n", progname);
		usage(stderr);
		return 2;
	}

	/* The tagger's model: loaded once, before anything is indexed (a
	 * missing or broken model stops the run with its name). */
	if (!ix.opts.weights.no_entities && !an_tagger_shared()) {
		fprintf(stderr, "%s: %s; --no-entities indexes without people, organisations "
			"and places\n", progname, an_tagger_shared_error());
		return 1;
	}

	/* The indexer commits every COMMIT_EVERY documents, between files;
	 * Xapian's own flush (the shards' writers) at the same rate. The
	 * user's XAPIAN_FLUSH_THRESHOLD wins. */
	{
		const char *t = getenv("XAPIAN_FLUSH_THRESHOLD");
		char *end;
		unsigned long v = t ? strtoul(t, &end, 10) : 0;
		ix.commit_every = t && *t && !*end && v > 0 ? v : COMMIT_EVERY;
		char buf[32];
		snprintf(buf, sizeof(buf), "%lu", ix.commit_every);
		setenv("XAPIAN_FLUSH_THRESHOLD", buf, 1);
	}
	ix.dbpath = dbpath;
	dx_status_t rc = dx_db_open_write(dbpath, &ix.db);
	if (rc != DX_OK && access_denied(dbpath, 1)) {
		fprintf(stderr, "%s: %s: permission denied (this user may not read and "
			"write the index)\n", progname, dbpath);
		return 1;
	}
	if (rc == DX_ERR_DB_LOCKED) {
		fprintf(stderr, "%s: %s: the index is locked by another indexer "
			"(one may write at a time; searching it works meanwhile)\n",
			progname, dbpath);
		return 1;
	}
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: %s%s%s\n", progname, dbpath,
			dx_status_to_string(rc), *dx_last_error() ? ": " : "",
			dx_last_error());
		return 1;
	}
	/* The index keeps the language it was stemmed with. */
	if (dx_db_get_metadata(ix.db, DL_META_LANGUAGE, &stored_lang) != DX_OK) {
		fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
		status = 1;
		goto out_close;
	}
	if (!language)
		language = *stored_lang ? stored_lang : AN_DEFAULT_LANGUAGE;
	else if (*stored_lang && strcmp(stored_lang, language) != 0) {
		fprintf(stderr, "%s: %s: the index is stemmed in '%s', not '%s'; "
			"index into a new index to change the language\n",
			progname, dbpath, stored_lang, language);
		status = 1;
		goto out_close;
	}
	/* An index of another schema has other terms: it is built again. */
	char *schema = NULL;
	int same = dl_schema_check(ix.db, stored_lang, &schema);
	if (same < 0)
		fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
	else if (!same)
		fprintf(stderr, "%s: %s: the index was built by another version of Dateline "
			"(index schema %s, this one writes %s); remove it and index again\n",
			progname, dbpath, schema ? schema : "?", DL_SCHEMA_VERSION);
	free(schema);
	if (same != 1) {
		status = 1;
		goto out_close;
	}
	an_stemmer_t *probe = an_stemmer_new(language);
	if (!probe) {
		fprintf(stderr, "%s: --language: unknown language '%s' "
			"(see --list-languages)\n", progname, language);
		status = 2;
		goto out_close;
	}
	an_stemmer_destroy(probe);
	ix.language = language;
	if (!*stored_lang && (dx_db_set_metadata(ix.db, DL_META_LANGUAGE, language) != DX_OK ||
			      dx_db_set_metadata(ix.db, DL_META_SCHEMA, DL_SCHEMA_VERSION) != DX_OK)) {
		fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
		status = 1;
		goto out_free;
	}

	if (!ix.opts.weights.no_entities &&
	    dx_db_set_metadata(ix.db, DL_META_TAGGER, an_tagger_version(an_tagger_shared())) != DX_OK) {
		fprintf(stderr, "%s: %s: %s\n", progname, dbpath, dx_last_error());
		status = 1;
		goto out_free;
	}

	rc = catalog_load(ix.db, &ix.catalog);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: cannot read the index: %s\n", progname, dbpath,
			dx_last_error());
		status = 1;
		goto out_free;
	}

	/* A new index and several jobs: each worker writes a shard. */
	{
		char tmp[4096];
		snprintf(tmp, sizeof(tmp), "%s", dbpath);
		size_t l = strlen(tmp);
		while (l > 1 && tmp[l - 1] == '/')
			tmp[--l] = '\0';
		char *slash = strrchr(tmp, '/');
		if (slash)
			snprintf(ix.shard_base, sizeof(ix.shard_base), "%.*s/.%s",
				 (int)(slash - tmp), tmp, slash + 1);
		else
			snprintf(ix.shard_base, sizeof(ix.shard_base), ".%s", tmp);
		remove_leftovers(&ix);
		uint32_t held = 0;
		dx_db_doc_count(ix.db, &held);
		/* Shards only add; two FOLDERs may share an id, which needs the
		 * one writer's replace. */
		ix.shard_mode = jobs > 1 && held == 0 && catalog_size(ix.catalog) == 0 &&
				argc - optind == 1;
		pthread_mutex_init(&ix.shard_lock, NULL);
	}

	/* libxml2 and jansson set up their global state before threads. */
	xmlInitParser();
	json_object_seed(0);
	work_opts = &ix.opts;
	/* -j1: everything in this thread; -jN: N workers read and analyse,
	 * this thread writes. */
	ix.pool = pool_new(jobs > 1 ? jobs : 0,
			   (ix.shard_mode ? POOL_WINDOW_PER_JOB_SHARDS : POOL_WINDOW_PER_JOB) * jobs,
			   work, apply, &ix,
			   worker_new, worker_free, &ix);
	if (!ix.pool) {
		fprintf(stderr, "%s: cannot start %u worker threads\n", progname, jobs);
		status = 1;
		goto out_free;
	}

	struct sigaction sa = { 0 };
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	ix.one_root = argc - optind == 1;
	struct stat dbst;
	walk_t w = { index_file, on_problem, &ix, 0, 0, 0 };
	if (stat(dbpath, &dbst) == 0) {
		w.skip_dev = dbst.st_dev;
		w.skip_ino = dbst.st_ino;
	}
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* On a terminal, a progress line; counting the files first (a walk
	 * with stat only) gives the time left. */
	ix.progress = !ix.quiet && isatty(STDERR_FILENO);
	progress_shown = ix.progress;
	if (ix.progress) {
		walk_t cw = { count_file, count_problem, &ix, w.skip_dev, w.skip_ino, 0 };
		for (int i = optind; i < argc && !stop_requested; i++)
			walk_folder(argv[i], &cw);
	}
	ix.started = t0;
	/* The first file draws the line at once. */
	ix.last_progress.tv_sec = 0;
	ix.last_progress.tv_nsec = 0;
	for (int i = optind; i < argc && !ix.failed && !stop_requested; i++)
		if (index_folder(&ix, &w, argv[i]) < 0)
			status = 1;

	pool_free(ix.pool);
	ix.pool = NULL;
	clear_progress_line();
	progress_shown = 0;
	rc = dx_db_commit(ix.db);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: cannot commit: %s; the index keeps its last "
			"commit, and the next run goes on from there\n", progname, dbpath,
			dx_last_error());
		dx_db_discard(ix.db);
		status = 1;
		goto out_free;
	}
	if (ix.shard_mode && ix.nshards) {
		if (merge_shards(&ix, dbpath) != 0) {
			status = 1;
			goto out_free;
		}
		/* The merged index, for the summary. */
		if (dx_db_open_read(dbpath, &ix.db) == DX_OK)
			dx_db_each_vocab(ix.db, DL_PREFIX_DIGEST, count_dup, &ix.duplicates);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ix.failed)
		status = 1;

	uint32_t total = 0;
	if (ix.db)
		dx_db_doc_count(ix.db, &total);
	unsigned long nskipped = 0;
	for (int r = 0; r < SKIP_COUNT; r++)
		nskipped += ix.skipped[r];
	if (!ix.quiet || stop_requested) {
		double secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
		FILE *out = stop_requested ? stderr : stdout;
		if (stop_requested)
			fprintf(out, "%s: interrupted: ", progname);
		fprintf(out, "indexed %lu articles (%lu new, %lu updated), %lu unchanged, "
			"%lu removed in %.2f s; skipped %lu files", ix.indexed, ix.added,
			ix.updated, ix.unchanged, ix.removed, secs, nskipped);
		const char *sep = " (";
		for (int r = 0; r < SKIP_COUNT; r++)
			if (ix.skipped[r]) {
				fprintf(out, "%s%lu %s", sep, ix.skipped[r], skip_names[r]);
				sep = ", ";
			}
		fputs(nskipped ? ")" : "", out);
		if (ix.converted)
			fprintf(out, "; %lu read as Windows-1252", ix.converted);
		if (ix.duplicates)
			fprintf(out, "; %lu duplicates of articles already indexed",
				ix.duplicates);
		fprintf(out, "; the index holds %u articles%s\n", total,
			stop_requested ? " (what was indexed is committed)" : "");
	}
	if (stop_requested)
		status = 128 + stop_requested;
out_free:
	pool_free(ix.pool);
	catalog_free(ix.catalog);
	for (size_t i = 0; i < ix.nshards; i++)
		free(ix.shards[i]);
	free(ix.shards);
out_close:
	free(stored_lang);
	dx_db_close(ix.db);
	return status;
}
