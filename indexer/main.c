/*
 * dateline-index - read folders of articles into a Dateline index.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../analysis/schema.h"
#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "../util/safeprint.h"
#include "article.h"
#include "catalog.h"
#include "document.h"
#include "encoding.h"
#include "walk.h"

#ifndef DATELINE_VERSION
#define DATELINE_VERSION "0.1.0"
#endif

/* Files larger than this are not articles (--max-size changes it). */
#define DEFAULT_MAX_SIZE (50ull * 1024 * 1024)

/* Documents between two flushes of Xapian's writer (see main()). */
#define FLUSH_THRESHOLD "1000"

static const char *progname = "dateline-index";

/* Whether a progress line is on the terminal (for say()). */
static int progress_shown;

static void clear_progress_line(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
}

/* Set by SIGINT / SIGTERM: stop after the current file and commit. */
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	stop_requested = sig;
}

/* Why files were skipped, counted for the summary. */
enum skip_reason {
	SKIP_UNREADABLE, SKIP_EMPTY, SKIP_BINARY, SKIP_TOO_LARGE, SKIP_NO_TEXT,
	SKIP_NOT_REGULAR, SKIP_COUNT
};

static const char *const skip_names[SKIP_COUNT] = {
	"unreadable", "empty", "binary", "too large", "no text", "not walkable"
};

typedef struct {
	dx_db_t *db;
	an_stemmer_t *stemmer;
	catalog_t *catalog;  /* what the index held when the run began */
	const char *root;    /* the folder being walked, resolved */
	unsigned long long max_size;
	int quiet;
	int full;            /* --full: read every file again */
	int one_root;        /* a single FOLDER: its relative paths are unique */
	unsigned long indexed, added, updated, unchanged, removed;
	unsigned long duplicates;  /* articles whose text the index already held */
	int verbose;         /* --verbose: a line per file */
	int progress;        /* a progress line on stderr (a terminal) */
	unsigned long files_total, files_seen;
	struct timespec started, last_progress;
	unsigned long converted;
	unsigned long skipped[SKIP_COUNT];
	int failed;  /* a write to the index failed: stop */
} indexer_t;

static void clear_progress_line(void);

static void say(const char *path, const char *msg)
{
	clear_progress_line();
	fprintf(stderr, "%s: ", progname);
	safe_puts(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

static void skip(indexer_t *ix, const char *path, enum skip_reason r,
		 const char *why)
{
	ix->skipped[r]++;
	if (!ix->quiet)
		say(path, why);
}

static void on_problem(const char *path, const char *reason, void *ctx)
{
	indexer_t *ix = ctx;
	char msg[256];
	snprintf(msg, sizeof(msg), "%s, skipped", reason);
	skip(ix, path, SKIP_NOT_REGULAR, strstr(reason, "skipped") ? reason : msg);
}

/* Read the whole file: *out is malloc'ed (owned by the caller) with a NUL
 * after its *len bytes. Returns 0 or an errno. */
static int read_file(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf = NULL;
	size_t cap, n = 0;
	int err = 0;

	*out = NULL;
	if (fd < 0)
		return errno;
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto out_close;
	}
	cap = (size_t)st.st_size + 1;
	buf = malloc(cap);
	if (!buf) {
		err = ENOMEM;
		goto out_close;
	}
	for (;;) {
		if (n + 1 == cap) {
			/* The file grew while being read. */
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				err = ENOMEM;
				goto out_free;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t k = read(fd, buf + n, cap - 1 - n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto out_free;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	goto out_close;
out_free:
	free(buf);
out_close:
	close(fd);
	return err;
}

/* The file being read, for the article callback. */
typedef struct {
	indexer_t *ix;
	const char *path;
	const char *rel;
	const file_facts_t *facts;
	int known;          /* the index had articles of this file */
	unsigned long n;    /* articles stored from it */
} file_ctx_t;

/* Store one article of the file; suffix is "" or "#n". Returns 0, or 1
 * when the index cannot be written (the run stops). */
static int store_article(article_t *a, const char *suffix, void *ctx)
{
	file_ctx_t *fc = ctx;
	indexer_t *ix = fc->ix;
	dx_doc_t *doc = NULL;
	char idterm[DX_MAX_TERM_BYTES + 1];
	size_t rl = strlen(fc->rel), sl = strlen(suffix);
	char *id = malloc(rl + sl + 1);
	dx_status_t rc = DX_ERR_NOMEM;

	/* A byte-identical article already indexed (under another id)? */
	char hex[17], dterm[32];
	uint32_t same = 0;
	document_digest(a, hex);
	snprintf(dterm, sizeof(dterm), "%s%s", DL_PREFIX_DIGEST, hex);
	if (dx_db_term_freq(ix->db, dterm, &same) == DX_OK && same > 0 && !fc->known)
		ix->duplicates++;
	if (id) {
		memcpy(id, fc->rel, rl);
		memcpy(id + rl, suffix, sl + 1);
		rc = document_build(a, id, fc->rel, fc->facts, ix->stemmer, &doc);
	}
	if (rc == DX_OK && (fc->known || !ix->one_root)) {
		document_term(DL_PREFIX_ID, id, idterm);
		rc = dx_db_replace(ix->db, idterm, doc);
	} else if (rc == DX_OK) {
		/* A file the index has never seen, and no other folder of this
		 * run can have the same id: nothing to replace. */
		rc = dx_db_add(ix->db, doc);
	}
	dx_doc_destroy(doc);
	free(id);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: ", progname);
		safe_puts(stderr, fc->path);
		fprintf(stderr, "%s: cannot index: %s: %s\n", suffix,
			dx_status_to_string(rc), dx_last_error());
		ix->failed = 1;
		return 1;
	}
	ix->indexed++;
	if (fc->known)
		ix->updated++;
	else
		ix->added++;
	fc->n++;
	return 0;
}

static double seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Redraw the progress line, at most four times a second. */
static void show_progress(indexer_t *ix, int force)
{
	if (!ix->progress || (!force && seconds_since(&ix->last_progress) < 0.25))
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

/* Clear the progress line before a message or the summary. */
static void clear_progress(const indexer_t *ix)
{
	if (ix->progress)
		fputs("\r\033[K", stderr);
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

static int index_file_inner(const char *path, const char *rel,
			    const struct stat *st, indexer_t *ix);

/* Index one file, keeping the progress line and --verbose up to date. */
static int index_file(const char *path, const char *rel, const struct stat *st,
		      void *ctx)
{
	indexer_t *ix = ctx;
	unsigned long before = ix->indexed, unchanged = ix->unchanged;
	int rc = index_file_inner(path, rel, st, ix);
	ix->files_seen++;
	if (ix->verbose && ix->indexed > before) {
		clear_progress(ix);
		fprintf(stderr, "%s: ", progname);
		safe_puts(stderr, path);
		fprintf(stderr, ": %lu article%s\n", ix->indexed - before,
			ix->indexed - before == 1 ? "" : "s");
	} else if (ix->verbose && ix->unchanged > unchanged) {
		clear_progress(ix);
		fprintf(stderr, "%s: ", progname);
		safe_puts(stderr, path);
		fputs(": unchanged\n", stderr);
	}
	show_progress(ix, 0);
	return rc;
}

static int index_file_inner(const char *path, const char *rel,
			    const struct stat *st, indexer_t *ix)
{
	char *buf = NULL, *conv = NULL, msg[128];
	const char *text;
	size_t len, bad;
	article_t a = { 0 };
	char fileterm[DX_MAX_TERM_BYTES + 1];

	if (stop_requested)
		return 1;
	/* A file met in the walk keeps its article, whatever comes next:
	 * a file that cannot be read now is not a file that is gone. */
	document_term(DL_PREFIX_FILE, rel, fileterm);
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
			return 0;
		}
	}
	if ((unsigned long long)st->st_size > ix->max_size) {
		snprintf(msg, sizeof(msg), "skipped: larger than %llu bytes (--max-size)",
			 ix->max_size);
		skip(ix, path, SKIP_TOO_LARGE, msg);
		return 0;
	}
	int err = read_file(path, &buf, &len);
	if (err) {
		snprintf(msg, sizeof(msg), "skipped: %s", strerror(err));
		skip(ix, path, SKIP_UNREADABLE, msg);
		return 0;
	}
	if (len == 0) {
		skip(ix, path, SKIP_EMPTY, "skipped: empty file");
		goto out;
	}
	if (enc_is_binary(buf, len)) {
		skip(ix, path, SKIP_BINARY, "skipped: binary file (NUL bytes)");
		goto out;
	}
	text = buf;
	if (enc_bom_len(buf, len)) {
		text += 3;
		len -= 3;
	}
	file_ctx_t fc = { ix, path, rel, &facts, known != NULL, 0 };
	/* Formats libxml2 decodes itself (UTF-8 when the bytes are UTF-8
	 * whatever the file declares, else its declared charset); the others
	 * are made UTF-8 first. */
	int is_reuters = reuters_detect(text, len);
	int is_feed = !is_reuters && feed_detect(text, len);
	if (!is_reuters && !is_feed && html_detect(text, len)) {
		int utf8 = enc_valid_utf8(text, len, &bad);
		if (html_read(text, len, utf8 ? "UTF-8" : NULL, &a) < 0) {
			skip(ix, path, SKIP_UNREADABLE, "skipped: out of memory");
			goto out;
		}
		goto store;
	}
	if (!is_feed && !enc_valid_utf8(text, len, &bad)) {
		conv = enc_cp1252_to_utf8(text, len, &len);
		if (!conv) {
			skip(ix, path, SKIP_UNREADABLE, "skipped: out of memory");
			goto out;
		}
		text = conv;
		ix->converted++;
		if (!ix->quiet) {
			snprintf(msg, sizeof(msg),
				 "not valid UTF-8 (byte %zu), read as Windows-1252", bad);
			say(path, msg);
		}
	}
	if (is_reuters || is_feed) {
		/* A container: its articles are replaced as a whole, so that
		 * items it no longer holds go too. */
		dx_status_t rc = known ? dx_db_delete(ix->db, fileterm) : DX_OK;
		int r = 1;
		if (rc == DX_OK)
			r = is_feed ? feed_read(text, len, store_article, &fc)
				    : reuters_read(text, len, store_article, &fc);
		if (rc != DX_OK) {
			fprintf(stderr, "%s: ", progname);
			safe_puts(stderr, path);
			fprintf(stderr, ": cannot update: %s\n", dx_last_error());
			ix->failed = 1;
		} else if (r < 0) {
			skip(ix, path, SKIP_UNREADABLE, "skipped: out of memory");
		} else if (fc.n == 0 && !ix->failed) {
			skip(ix, path, SKIP_NO_TEXT, is_feed ? "skipped: no items"
							     : "skipped: no stories");
		}
		goto out;
	}
	if (text_read(text, len, &a) < 0) {
		skip(ix, path, SKIP_UNREADABLE, "skipped: out of memory");
		goto out;
	}
store:
	if (!a.title && !a.body) {
		skip(ix, path, SKIP_NO_TEXT, "skipped: no text");
		goto out;
	}
	store_article(&a, "", &fc);
out:
	article_clear(&a);
	free(conv);
	free(buf);
	return ix->failed;
}

static int remove_gone(catalog_entry_t *e, void *ctx)
{
	indexer_t *ix = ctx;
	dx_status_t rc = dx_db_delete(ix->db, e->fileterm);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: cannot remove the articles of %s: %s\n", progname,
			e->fileterm + strlen(DL_PREFIX_FILE), dx_last_error());
		ix->failed = 1;
		return 1;
	}
	ix->removed++;
	return 0;
}

/* Index one folder, then remove the articles of files no longer in it
 * (only when the whole folder was walked). Returns 0, or -1 when the
 * folder could not be walked. */
static int index_folder(indexer_t *ix, walk_t *w, const char *folder)
{
	char *root = realpath(folder, NULL);
	ix->root = root;
	int rc = walk_folder(folder, w);
	if (rc == 0 && !w->incomplete && !ix->failed && !stop_requested && root)
		catalog_each_unseen(ix->catalog, root, remove_gone, ix);
	else if (rc == 0 && w->incomplete && !ix->quiet)
		fprintf(stderr, "%s: %s: not every folder could be read; articles of "
			"files not seen are kept\n", progname, folder);
	ix->root = NULL;
	free(root);
	return rc < 0 ? -1 : 0;
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s [OPTION]... FOLDER...\n"
		"Read the articles in FOLDER (recursively) into a Dateline index.\n"
		"\n"
		"  -d, --db PATH        the index (default: $DATELINE_DB, else ./dateline.db)\n"
		"      --full           read every file again, even those unchanged\n"
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
		progname);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "language", required_argument, NULL, 'L' },
		{ "full", no_argument, NULL, 'F' },
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
	indexer_t ix = { .max_size = DEFAULT_MAX_SIZE };
	int c, status = 0;
	char *stored_lang = NULL;

	if (!dbpath || !*dbpath)
		dbpath = "dateline.db";
	while ((c = getopt_long(argc, argv, "d:qvhV", opts, NULL)) != -1) {
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
			ix.max_size = strtoull(optarg, &end, 10);
			if (errno || end == optarg || *end || optarg[0] == '-') {
				fprintf(stderr, "%s: --max-size: not a number of bytes: '%s'\n",
					progname, optarg);
				return 2;
			}
			break;
		}
		case 'q': ix.quiet = 1; break;
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

	/* Xapian flushes its in-memory changes every this many documents;
	 * its default (10,000) made Reuters 27% slower and 5 times larger in
	 * memory. The user's XAPIAN_FLUSH_THRESHOLD wins. */
	setenv("XAPIAN_FLUSH_THRESHOLD", FLUSH_THRESHOLD, 0);
	dx_status_t rc = dx_db_open_write(dbpath, &ix.db);
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
	ix.stemmer = an_stemmer_new(language);
	if (!ix.stemmer) {
		fprintf(stderr, "%s: --language: unknown language '%s' "
			"(see --list-languages)\n", progname, language);
		status = 2;
		goto out_close;
	}
	if (!*stored_lang && dx_db_set_metadata(ix.db, DL_META_LANGUAGE, language) != DX_OK) {
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

	clear_progress(&ix);
	progress_shown = 0;
	rc = dx_db_commit(ix.db);
	if (rc != DX_OK) {
		fprintf(stderr, "%s: %s: cannot commit: %s\n", progname, dbpath,
			dx_last_error());
		status = 1;
		goto out_free;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (ix.failed)
		status = 1;

	uint32_t total = 0;
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
	catalog_free(ix.catalog);
	an_stemmer_destroy(ix.stemmer);
out_close:
	free(stored_lang);
	dx_db_close(ix.db);
	return status;
}
