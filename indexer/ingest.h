/*
 * ingest.h - one file read into documents, ready for the index.
 *
 * ingest_run() does everything that needs no index: read the file, make
 * its bytes UTF-8 text, recognise its format, read its articles and build
 * their Xapian documents. It is safe to run in several threads at once
 * (one stemmer per thread); the indexer then stores the results (see
 * indexer/main.c: one writer, or one shard per worker for a new index).
 */
#ifndef DATELINE_INGEST_H
#define DATELINE_INGEST_H

#include <stddef.h>
#include <sys/stat.h>

#include "../analysis/language.h"
#include "../analysis/stem.h"
#include "../shim/dx.h"
#include "../util/utf8.h"
#include "article.h"
#include "document.h"

/* Most bytes of an article's body that are indexed: the rest is cut, with
 * a warning naming the file. Memory grows with the article (its terms,
 * positions and spelling words): a 49 MB article took more than 2.3 GB
 * and 14 minutes before it was stopped; the longest news story of
 * Reuters and BBC is 25 KB, a whole novel 1 to 3 MB. */
#define INGEST_MAX_ARTICLE_BYTES (1u * 1024 * 1024)

/* Most bytes of an HTML page that are parsed: the rest is left out, with a
 * warning naming the file. libxml2's tree of a page takes several times
 * its size (a 200 MB page took 1,036 MB peak RSS), and only the first
 * INGEST_MAX_ARTICLE_BYTES of its text are indexed. */
#define INGEST_MAX_PAGE_BYTES (16u * 1024 * 1024)

/* Why a file was skipped. */
enum skip_reason {
	SKIP_UNREADABLE, SKIP_EMPTY, SKIP_BINARY, SKIP_TOO_LARGE, SKIP_NO_TEXT,
	SKIP_NOT_REGULAR, SKIP_UNINDEXABLE, SKIP_COUNT, SKIP_NONE = SKIP_COUNT
};

/* A page of a web archive kept for a worker: a copy of a warc_page_t
 * (article.h), every string malloc'ed (NULL when absent). */
typedef struct {
	char *suffix, *payload, *type, *charset, *uri, *date;
	size_t len;
} ingest_page_t;

/* One article of the file, built. */
typedef struct {
	char *id;               /* the article's id (malloc'ed) */
	dx_doc_t *doc;          /* its document (owned) */
	char digest_term[32];   /* its XDIGEST term */
} ingest_article_t;

typedef struct {
	/* In: set by the walk. */
	char *path;             /* as walked (malloc'ed) */
	char *rel;              /* relative to the folder: the file's id (malloc'ed) */
	file_facts_t facts;
	int known;              /* the index holds articles of this file */

	/* Out: set by ingest_run(). */
	ingest_article_t *arts;
	size_t n, cap;
	int container;          /* a feed or SGML file: replace its articles as a whole */
	enum skip_reason skip;  /* SKIP_NONE, or why nothing was read */
	int converted;          /* read as Windows-1252 */
	int cut;                /* articles cut at INGEST_MAX_ARTICLE_BYTES */
	int unindexable;        /* a document could not be built: the file is
				 * skipped (SKIP_UNINDEXABLE), the run goes on */
	utf8_fixes_t fixes;     /* what article_clean() replaced */
	int failed;             /* the index could not store it: stop the run */
	int interrupted;        /* not read: the run was interrupted first */
	int written;            /* its documents are in a worker's shard already */
	char *messages;         /* lines for stderr, formatted (malloc'ed) */
	size_t messages_len;

	/* A part of a web archive that the walk's thread streams (run.c):
	 * its pages, read into articles by ingest_run() (not the file). The
	 * parts of a file are stored in walk order as one group. */
	ingest_page_t *pages;
	size_t npages, pages_cap, pages_bytes;
	unsigned part;          /* 0: a whole file; else the part's number, from 1 */
	int last_part;          /* the file's last part (it may hold no page) */
	int read_rc;            /* the last part: warc_each_page()'s result */
} ingest_job_t;

typedef struct {
	const char *progname;
	unsigned long long max_size;
	int quiet;              /* no messages for skipped files */
	field_weights_t weights;
} ingest_opts_t;

/*
 * What a thread needs to give each article its language: a detector and
 * the stemmers of the languages met so far. One per thread (neither may
 * be shared). ingest_langs_new() returns NULL when out of memory or when
 * the detector's models cannot be loaded (then every article is stemmed
 * in the run's language); the caller frees it with ingest_langs_destroy().
 */
/* a->language as every article gets it: the language it declares,
 * normalised, when Snowball stems it (one it does not is kept as its first
 * tag, lower case, and NULL is returned); else the one det (may be NULL)
 * detects in its text; else fallback. Returns a->language, the code to stem
 * in, or NULL (no code, or *oom set when out of memory). */
const char *ingest_language(article_t *a, lang_detector_t *det, const char *fallback, int *oom);

typedef struct ingest_langs ingest_langs_t;
ingest_langs_t *ingest_langs_new(void);
void ingest_langs_destroy(ingest_langs_t *l);

/* Read job->path into documents (see above). st (the run's language: the
 * stemmer of an article whose language is neither declared nor detected)
 * may be NULL (no stemmer: out of memory), which fails the job. langs may
 * be NULL: every article in st's language. */
void ingest_run(ingest_job_t *job, const ingest_opts_t *opts, an_stemmer_t *st,
		ingest_langs_t *langs);

/* Keep a copy of the page in a part job. Returns 0, or -1 out of memory. */
int ingest_page_add(ingest_job_t *job, const warc_page_t *page);

/* Add "progname: path[suffix]: msg" to the job's messages (none when
 * opts->quiet). */
void ingest_note(ingest_job_t *job, const ingest_opts_t *opts, const char *suffix,
		 const char *msg);

/* Free what the job holds (documents, strings) and zero it. */
void ingest_job_clear(ingest_job_t *job);

#endif /* DATELINE_INGEST_H */
