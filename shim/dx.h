/*
 * dx.h - Dateline's C API over xapian-core.
 *
 * This header is the only way C code reaches Xapian. It is plain C: no C++
 * type leaks through it, every object is an opaque handle, and no exception
 * ever crosses it (shim/dx.cc catches Xapian errors, std::bad_alloc and
 * anything else at every entry point and turns them into a dx_status_t).
 *
 * Conventions
 *  - Functions are named dx_<object>_<verb>.
 *  - A constructor returns a status and hands the object out through its
 *    last argument, which is set to NULL on failure.
 *  - An action returns DX_OK (0) or a negative dx_status_t, which the
 *    caller must look at (DX_MUST_CHECK: the compiler says when one is
 *    dropped); a predicate returns a bool.
 *  - Every call that can fail clears the calling thread's message first;
 *    one that fails leaves a message, readable with dx_last_error() until
 *    the next such call on that thread (a _close or _destroy keeps it).
 *  - Every _destroy / _close accepts NULL.
 *  - Strings are UTF-8 and, unless a length is given, NUL-terminated.
 */
#ifndef DATELINE_DX_H
#define DATELINE_DX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DX_API __attribute__((visibility("default")))
/* A status that must be looked at ((void) does not silence it: a status
 * dropped on purpose says so with dx_ignore()). */
#define DX_MUST_CHECK __attribute__((warn_unused_result))
#else
#define DX_API
#define DX_MUST_CHECK
#endif

#ifndef __cplusplus
#include <stdbool.h>
#endif

/* Outcome of every dx_ call that can fail. */
typedef enum {
	DX_OK = 0,
	/* Out of memory (std::bad_alloc inside Xapian or the shim). */
	DX_ERR_NOMEM = -1,
	/* An argument was invalid (NULL, empty term, term over the limit...). */
	DX_ERR_INVALID = -2,
	/* The index does not exist at the given path. */
	DX_ERR_DB_NOT_FOUND = -3,
	/* The index is locked by another writer. */
	DX_ERR_DB_LOCKED = -4,
	/* The index exists but could not be opened (version, permissions...). */
	DX_ERR_DB_OPENING = -5,
	/* The index is corrupt. */
	DX_ERR_DB_CORRUPT = -6,
	/* The index changed under a reader too often; reopen and retry. */
	DX_ERR_DB_MODIFIED = -7,
	/* No document has the unique term / id asked for. */
	DX_ERR_NOT_FOUND = -8,
	/* Any other Xapian error; the message says which. */
	DX_ERR_XAPIAN = -9,
	/* Something that is not a Xapian error was thrown. */
	DX_ERR_UNKNOWN = -10,
	/* A remote shard of a stub could not be reached, or did not answer
	 * within the timeout (DX_SHARD_TIMEOUT_MS); the message names it. */
	DX_ERR_NETWORK = -11
} dx_status_t;

/* Drop a status on purpose (a best effort whose failure changes nothing). */
static inline void dx_ignore(dx_status_t status)
{
	(void)status;
}

/* A fixed English description of a status. Static storage, never NULL. */
DX_API const char *dx_status_to_string(dx_status_t status);

/*
 * The message of the last failing dx_ call on this thread (Xapian's own
 * message, e.g. the path and the reason). Owned by the shim; valid until the
 * next dx_ call on this thread. Empty string when there is none.
 */
DX_API const char *dx_last_error(void);

/* The most bytes Xapian accepts in one term. */
#define DX_MAX_TERM_BYTES 245

/* Xapian's sortable encoding of a number (a string whose byte order is the
 * numeric order). Writes at most 18 bytes into buf and returns the length. */
DX_API size_t dx_sortable_serialise(double value, char buf[18]);
DX_API double dx_sortable_unserialise(const char *buf, size_t len);

/* ------------------------------------------------------------------ */
/* Databases                                                            */
/* ------------------------------------------------------------------ */

typedef struct dx_db dx_db_t;

/* Open the index at path for writing, creating it when absent. Only one
 * writer may hold an index at a time: DX_ERR_DB_LOCKED otherwise.
 * The caller owns *out and frees it with dx_db_close(). */
DX_API DX_MUST_CHECK dx_status_t dx_db_open_write(const char *path, dx_db_t **out);

/* Open or create a scratch index for writing: as dx_db_open_write(), but
 * Xapian does not fsync it at commits (DB_NO_SYNC). For indexes that are
 * thrown away if the machine stops: the shards of a new index, which are
 * merged into the real one at the end. */
DX_API DX_MUST_CHECK dx_status_t dx_db_open_scratch(const char *path, dx_db_t **out);

/* Open the index at path for reading. DX_ERR_DB_NOT_FOUND when absent.
 * A reader may be opened while a writer works; it sees the last commit.
 * The caller owns *out and frees it with dx_db_close().
 *
 * path may be a stub: a text file listing shards, one a line, in Xapian's
 * own stub syntax ("auto PATH", PATH relative to the stub's folder, or
 * "remote HOST:PORT" for a shard served by xapian-tcpsrv; blank lines
 * and lines starting with '#' are skipped). The shards are searched as
 * one index with collection-wide statistics. Unlike Xapian's own stub
 * reader, every shard is named in errors ("shard 2 of 3 (remote
 * 10.0.0.2:7002)") and a remote one answers within DX_SHARD_TIMEOUT_MS.
 * The spelling functions of a stub read the vocabulary index beside it
 * (the folder's DX_VOCABULARY_NAME, see dx_vocabulary_merge()), when
 * there is one, else the shards' own tables (a remote shard has none). */
DX_API DX_MUST_CHECK dx_status_t dx_db_open_read(const char *path, dx_db_t **out);

/* How long a remote shard may take to connect and to answer each
 * message, in milliseconds; $DATELINE_SHARD_TIMEOUT (milliseconds, from
 * 1 to 600000) replaces it. */
#define DX_SHARD_TIMEOUT_MS 5000
/* The vocabulary index of a stub: this name, in the stub's folder. */
#define DX_VOCABULARY_NAME "vocabulary"

/*
 * Keep the values of slot (below 32) in memory for the hits of db's
 * searches: the first search of each revision that reads them (the
 * collapse, dx_hits_each_value()) reads the slot of
 * every document in one pass, and later ones read none from the index.
 * For a process answering many searches (a server, a batch): one
 * search's hits read from the value stream cost more than a pass when
 * they are hundreds. Not for a writer, remote shards, nor a slot larger
 * than 64 MiB (those are read as before). Nothing changes in what is
 * read: a reader that moves to a newer commit (dx_db_refresh(),
 * dx_db_reopen()) reads the slot again.
 */
DX_API void dx_db_keep_values(dx_db_t *db, unsigned slot);

/* A number that changes whenever db may have moved to another revision
 * (a reopen or refresh that saw a newer commit, a stub read again): what
 * a caller keeping something of one revision compares. */
DX_API uint64_t dx_db_generation(const dx_db_t *db);

/* Reopen a reader at the latest commit (after DX_ERR_DB_MODIFIED); a stub
 * is read again and its shards opened again (a remote shard that was
 * down is used again). A stub whose shard failed (DX_ERR_NETWORK) is
 * reopened by the next dx_db_search(), dx_db_get_data(), dx_db_each_data()
 * or dx_db_expand() by itself. */
DX_API DX_MUST_CHECK dx_status_t dx_db_reopen(dx_db_t *db);

/* The shards of a reader: 1 for an index that is not a stub (the index
 * itself), else as many as the stub lists. */
DX_API size_t dx_db_shard_count(const dx_db_t *db);

/* A description of shard i (0-based) for messages: "shard 2 of 3 (auto
 * shard-2)", or the index's path when it is not a stub. Owned by db,
 * valid until it is closed or reopened; "" when i is out of range. */
DX_API const char *dx_db_shard_name(const dx_db_t *db, size_t i);

/* The metadata entry key of shard i alone, as dx_db_get_metadata() (a
 * stub's combined index answers with its first shard's entries). */
DX_API DX_MUST_CHECK dx_status_t dx_db_shard_get_metadata(dx_db_t *db, size_t i,
					    const char *key, char **out);

/* The vocabulary index behind a stub's spelling table: 1 when there is
 * one, 0 when not (or db is not a stub). */
DX_API bool dx_db_has_vocabulary(const dx_db_t *db);

/* Whether db is a stub with at least one remote shard. */
DX_API bool dx_db_has_remote(const dx_db_t *db);

/*
 * Write at output (created, or overwritten) a vocabulary index: a Xapian
 * index holding no document, only the spelling table that is the sum of
 * the tables of the n indexes at inputs (shards, or vocabularies made by
 * this function), and the metadata of inputs[0]. Xapian's remote backend
 * does not carry spelling tables: the vocabulary beside a stub of remote
 * shards is what its did-you-mean and prefix* read.
 */
DX_API DX_MUST_CHECK dx_status_t dx_vocabulary_merge(const char *const *inputs, size_t n,
				       const char *output);

/* Merge the n indexes at inputs into a new, compacted index at output
 * (Xapian's compaction; documents renumbered one index after another). */
DX_API DX_MUST_CHECK dx_status_t dx_compact(const char *const *inputs, size_t n,
			      const char *output);

/* Make the changes of a writer durable. */
DX_API DX_MUST_CHECK dx_status_t dx_db_commit(dx_db_t *db);

/* A group of changes that reaches the index whole or not at all (the
 * articles of one file): begin, write, end. Xapian's unflushed transaction:
 * no commit at begin or end, and no automatic flush commits while one is
 * open, so that a commit (dx_db_commit(), or a kill, a full disk...) never
 * splits a group. Groups do not nest. */
DX_API DX_MUST_CHECK dx_status_t dx_db_begin(dx_db_t *db);

/* End the group begun by dx_db_begin(): its changes join the pending ones,
 * made durable by the next dx_db_commit(). On an error the group is
 * discarded, with every change since the last commit. */
DX_API DX_MUST_CHECK dx_status_t dx_db_end(dx_db_t *db);

/* Discard every change since the last commit, an open group's and the ones
 * before it (Xapian cannot discard less), spelling counts included. After
 * a failed write or commit: what the index holds stays its last commit. */
DX_API void dx_db_discard(dx_db_t *db);

/* Close the database and free the handle. Xapian commits a writer's pending
 * changes on close but cannot report an error then: call dx_db_commit()
 * first to see it. Accepts NULL. */
DX_API void dx_db_close(dx_db_t *db);

/* Number of documents, and the average document length in terms. */
DX_API DX_MUST_CHECK dx_status_t dx_db_doc_count(dx_db_t *db, uint32_t *out);
DX_API DX_MUST_CHECK dx_status_t dx_db_avg_length(dx_db_t *db, double *out);

/* How many documents index term, and how often it occurs in all of them. */
DX_API DX_MUST_CHECK dx_status_t dx_db_term_freq(dx_db_t *db, const char *term, uint32_t *out);
/* dx_db_term_freq() of each of the n terms into out[i], in one exchange
 * with the shards of a stub with remote ones (where one term's frequency
 * is a message to each shard and a wait; a remote stub keeps the
 * frequencies it was told until a reopening sees a new revision). */
DX_API DX_MUST_CHECK dx_status_t dx_db_term_freqs(dx_db_t *db, const char *const *terms,
						  size_t n, uint32_t *out);
/* dx_db_term_freqs() when it sends no message: true, out[i] filled, for
 * an index without remote shards, or when a remote stub keeps every one
 * of the n frequencies; false (out[] undefined) when it would ask the
 * shards, or on an error. */
DX_API bool dx_db_term_freqs_kept(dx_db_t *db, const char *const *terms, size_t n,
				  uint32_t *out);
/* Give a remote stub n term frequencies to keep, as if it had asked for
 * them (the caller counted them exactly: every document of each term was
 * among the results of a search). Nothing for another index. */
DX_API void dx_db_keep_term_freqs(dx_db_t *db, const char *const *terms, size_t n,
				  const uint32_t *freqs);
/* The frequency of word in the spelling table (0: not there). */
DX_API DX_MUST_CHECK dx_status_t dx_db_spelling_freq(dx_db_t *db, const char *word,
				       uint32_t *out);

/* Xapian's spelling correction of word: the word of the spelling table
 * at most max_edits edits away, fewest edits first, then most frequent;
 * *out is malloc'ed (free()), "" when there is none. */
DX_API DX_MUST_CHECK dx_status_t dx_db_spelling_suggestion(dx_db_t *db, const char *word,
					     unsigned max_edits, char **out);

DX_API DX_MUST_CHECK dx_status_t dx_db_collection_freq(dx_db_t *db, const char *term,
					 uint64_t *out);

/* Set the index-wide metadata entry key to value (a writer only). */
DX_API DX_MUST_CHECK dx_status_t dx_db_set_metadata(dx_db_t *db, const char *key,
				      const char *value);

/* The metadata entry key: *out is malloc'ed, NUL-terminated and owned by
 * the caller (free()); an absent key gives an empty string. */
DX_API DX_MUST_CHECK dx_status_t dx_db_get_metadata(dx_db_t *db, const char *key,
				      char **out);

/* Called for every posting of every term starting with prefix: terms in
 * byte order, and for each term the documents indexing it in docid order.
 * term is valid during the call only. Return 0 to go on, nonzero to stop. */
typedef int (*dx_term_fn)(const char *term, size_t len, uint32_t docid,
			  void *ctx);
DX_API DX_MUST_CHECK dx_status_t dx_db_each_term(dx_db_t *db, const char *prefix,
				   dx_term_fn fn, void *ctx);

/* Called for every term starting with prefix, in byte order, with the
 * number of documents indexing it. term is valid during the call only.
 * Return 0 to go on, nonzero to stop. */
typedef int (*dx_vocab_fn)(const char *term, size_t len, uint32_t termfreq,
			   void *ctx);
DX_API DX_MUST_CHECK dx_status_t dx_db_each_vocab(dx_db_t *db, const char *prefix,
				    dx_vocab_fn fn, void *ctx);

/* Called for every word of the spelling table starting with prefix, in
 * byte order, with its frequency; stops when fn returns nonzero. */
DX_API DX_MUST_CHECK dx_status_t dx_db_each_spelling(dx_db_t *db, const char *prefix,
				       dx_vocab_fn fn, void *ctx);

/* Called for every document with a value in a slot, in docid order; value
 * is valid during the call only. Return 0 to go on, nonzero to stop. */
typedef int (*dx_value_fn)(uint32_t docid, const char *value, size_t len,
			   void *ctx);
DX_API DX_MUST_CHECK dx_status_t dx_db_each_value(dx_db_t *db, unsigned slot,
				    dx_value_fn fn, void *ctx);

/* ------------------------------------------------------------------ */
/* Documents                                                            */
/* ------------------------------------------------------------------ */

typedef struct dx_doc dx_doc_t;

/* A new empty document. The caller owns *out; free with dx_doc_destroy(). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_new(dx_doc_t **out);
DX_API void dx_doc_destroy(dx_doc_t *doc);

/* Called by dx_doc_each_term() for each term of a document, in byte
 * order: the term (len bytes), its wdf, and its positions (npos of them,
 * ascending; valid during the call only). Return nonzero to stop. */
typedef int (*dx_doc_term_fn)(const char *term, size_t len, uint32_t wdf,
			      const uint32_t *pos, size_t npos, void *ctx);

/* Walk the terms of a document being built (what tests check a builder
 * against). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_each_term(const dx_doc_t *doc, dx_doc_term_fn fn,
						  void *ctx);

/* A document's value in slot and its data, as set: malloc'ed copies the
 * caller frees ("" when unset), their lengths in *len (may be NULL). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_value(const dx_doc_t *doc, unsigned slot,
					      char **out, size_t *len);
DX_API DX_MUST_CHECK dx_status_t dx_doc_data(const dx_doc_t *doc, char **out, size_t *len);

/* Add term at position pos (1-based, as in Xapian), raising its wdf by
 * wdf_inc. Terms longer than DX_MAX_TERM_BYTES give DX_ERR_INVALID. */
DX_API DX_MUST_CHECK dx_status_t dx_doc_add_posting(dx_doc_t *doc, const char *term,
				      size_t len, uint32_t pos,
				      uint32_t wdf_inc);

/* Add term without position, raising its wdf by wdf_inc. */
DX_API DX_MUST_CHECK dx_status_t dx_doc_add_term(dx_doc_t *doc, const char *term,
				   size_t len, uint32_t wdf_inc);

/* Remember word for the spelling table: when the document is added or
 * replaced, each occurrence raises that word's frequency by one (a
 * replaced document's old words are taken back with dx_db_unspell()). The
 * counts reach the index at the next dx_db_commit() or dx_db_close(). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_add_spelling(dx_doc_t *doc, const char *word,
				       size_t len);

/* Add a boolean term (wdf 0): ids, dates, filters. */
DX_API DX_MUST_CHECK dx_status_t dx_doc_add_boolean_term(dx_doc_t *doc, const char *term);

/* Set value slot to len bytes of value (copied). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_set_value(dx_doc_t *doc, unsigned slot,
				    const char *value, size_t len);

/* Set the document data to len bytes (copied). */
DX_API DX_MUST_CHECK dx_status_t dx_doc_set_data(dx_doc_t *doc, const char *data,
				   size_t len);

/* Store doc as the document whose unique term is idterm: replaces the
 * existing one, or adds it. The document is copied; the caller keeps doc. */
DX_API DX_MUST_CHECK dx_status_t dx_db_replace(dx_db_t *db, const char *idterm,
				 dx_doc_t *doc);

/* Add doc as a new document; the caller knows no document has its unique
 * term (a new file), which spares the lookup dx_db_replace() makes. */
DX_API DX_MUST_CHECK dx_status_t dx_db_add(dx_db_t *db, dx_doc_t *doc);

/* One occurrence of word less in the spelling table (the word of a
 * document being replaced or deleted); at 0 the word leaves the table.
 * Counted with the additions, it reaches the index at the next commit. */
DX_API DX_MUST_CHECK dx_status_t dx_db_unspell(dx_db_t *db, const char *word, size_t len);

/* Call fn with the data of every document that has term (stop when fn
 * returns non-zero). */
DX_API DX_MUST_CHECK dx_status_t dx_db_each_data(dx_db_t *db, const char *term,
				   int (*fn)(const char *data, size_t len, void *ctx),
				   void *ctx);

/* Delete the document(s) indexed by idterm. Deleting nothing is DX_OK. */
DX_API DX_MUST_CHECK dx_status_t dx_db_delete(dx_db_t *db, const char *idterm);

/* Delete the document with this Xapian docid. */
DX_API DX_MUST_CHECK dx_status_t dx_db_delete_docid(dx_db_t *db, uint32_t docid);

/* The data of the document whose unique term is idterm. *out is malloc'ed
 * and owned by the caller (free()); *len is its length, and a NUL follows it.
 * DX_ERR_NOT_FOUND when no document has idterm. */
DX_API DX_MUST_CHECK dx_status_t dx_db_get_data(dx_db_t *db, const char *idterm,
				  char **out, size_t *len);

/* ------------------------------------------------------------------ */
/* Queries                                                              */
/* ------------------------------------------------------------------ */

/* A query is an immutable tree. Combining functions copy their operands
 * (Xapian shares the trees internally), so the caller still owns and must
 * destroy every query it passed in. */
typedef struct dx_query dx_query_t;

typedef enum {
	DX_OP_AND,      /* all subqueries match; weights add */
	DX_OP_OR,       /* any subquery matches; weights add */
	DX_OP_AND_NOT,  /* first matches, none of the others */
	DX_OP_FILTER,   /* first matches and is weighted; others must match, unweighted */
	DX_OP_AND_MAYBE,/* first matches; others add weight where they match */
	DX_OP_PHRASE,   /* terms in order within a window */
	DX_OP_NEAR,     /* terms in any order within a window */
	DX_OP_SYNONYM   /* any subquery matches; weighted as one term */
} dx_op_t;

/* A query for one term. wqf is the within-query frequency (>= 1). */
DX_API DX_MUST_CHECK dx_status_t dx_query_term(const char *term, uint32_t wqf,
				 dx_query_t **out);

/* A query matching every document. */
DX_API DX_MUST_CHECK dx_status_t dx_query_match_all(dx_query_t **out);

/* Combine n >= 1 subqueries with op. For DX_OP_PHRASE and DX_OP_NEAR,
 * window is the number of positions the match may span (0: exactly n).
 * NULL entries in subs are skipped. */
DX_API DX_MUST_CHECK dx_status_t dx_query_combine(dx_op_t op, dx_query_t *const *subs,
				    size_t n, unsigned window,
				    dx_query_t **out);

/* sub with its weight multiplied by factor (>= 0). */
DX_API DX_MUST_CHECK dx_status_t dx_query_scale(const dx_query_t *sub, double factor,
				  dx_query_t **out);

/* Documents whose value in slot lies in [lo, hi] by byte order. lo or hi
 * NULL leaves that end open. */
DX_API DX_MUST_CHECK dx_status_t dx_query_value_range(unsigned slot, const char *lo,
					const char *hi, dx_query_t **out);

/* Every term starting with prefix, OR'ed (expanded when searching; at most
 * max_terms of them, the most frequent, 0: no limit). */
DX_API DX_MUST_CHECK dx_status_t dx_query_wildcard(const char *prefix, unsigned max_terms,
				     dx_query_t **out);

/* A readable description of the query tree, for --verbose and tests.
 * malloc'ed, owned by the caller; NULL on failure. */
DX_API char *dx_query_describe(const dx_query_t *q);

DX_API void dx_query_destroy(dx_query_t *q);

/* ------------------------------------------------------------------ */
/* Searching                                                            */
/* ------------------------------------------------------------------ */

/* How documents are weighed against a query: BM25 (k1, b), BM25+ (the
 * same with a lower bound per matching term), or one of the
 * divergence-from-randomness models of Amati and van Rijsbergen as Xapian
 * implements them (DPH and DLH have no parameter; PL2, InL2 and IfB2 take
 * c, normalisation 2's length parameter). */
typedef enum {
	DX_WEIGHT_BM25 = 0,
	DX_WEIGHT_BM25PLUS,
	DX_WEIGHT_DPH,
	DX_WEIGHT_DLH,
	DX_WEIGHT_PL2,
	DX_WEIGHT_INL2,
	DX_WEIGHT_IFB2,
} dx_weighting_t;

typedef struct {
	dx_weighting_t weighting; /* the scheme (default BM25) */
	double k1;          /* BM25 term-frequency saturation */
	double b;           /* BM25 length normalisation, 0..1 */
	double c;           /* PL2, InL2, IfB2: length normalisation, > 0 */
	uint32_t offset;    /* rank of the first hit to return, 0-based */
	uint32_t count;     /* at most this many hits */
	uint32_t check_at_least; /* look at this many matches at least, so that
				    counts up to it are exact (0: Xapian's choice) */
	int sort_by_value;  /* sort on value slot sort_slot, newest (highest)
			       first, then by relevance; each hit's value
			       comes with it: dx_hits_value() of sort_slot
			       reads no document */
	unsigned sort_slot;
	int sort_ascending; /* with sort_by_value: lowest value first */
	int collapse;       /* keep only the best hit of each non-empty value in
			       collapse_slot (decided over the best hits, after
			       ranking; counts and estimates leave out the copies
			       seen, exactly when every match was looked at) */
	unsigned collapse_slot;
	unsigned collapse_key_len; /* collapse on the value's first this many
				      bytes only (0: all of it); the values
				      read are kept: dx_hits_value() of
				      collapse_slot costs no second read */
	int uncounted;      /* the caller reads no count of the hits (TREC
			       runs): over remote shards the collapse
			       slot's values then come with the hits as
			       Xapian's collapse keys, hits of equal weight in
			       document order as from one index, and Xapian's
			       counts are its collapsed ones */
} dx_search_opts_t;

/* Default options: BM25 with k1 1.2 and b 0.75 (the textbook values;
 * Xapian's own are 1 and 0.5), c 1, offset 0, 10 hits. */
DX_API void dx_search_opts_init(dx_search_opts_t *opts);

/* The hits of one search: an iterator over ranked documents. */
typedef struct dx_hits dx_hits_t;

/* Run q against db. The caller owns *out and frees it with dx_hits_destroy();
 * it stays valid while db is open. */
DX_API DX_MUST_CHECK dx_status_t dx_db_search(dx_db_t *db, const dx_query_t *q,
				const dx_search_opts_t *opts, dx_hits_t **out);

/* Called by dx_db_count_values() for each distinct value, with the number
 * of documents counted that have it; value is valid during the call only.
 * Return 0 to go on, nonzero to stop. */
typedef int (*dx_count_fn)(const char *value, size_t len, uint32_t count, void *ctx);

/* Xapian's estimate of how many documents match in all. */
DX_API uint32_t dx_hits_estimated(const dx_hits_t *hits);
/* Xapian's lower bound on that number. */
DX_API uint32_t dx_hits_lower_bound(const dx_hits_t *hits);
/* Whether that estimate is exact (Xapian's lower and upper bounds agree). */
DX_API bool dx_hits_estimate_exact(const dx_hits_t *hits);
/* Number of hits held (at most opts->count). */
DX_API uint32_t dx_hits_size(const dx_hits_t *hits);

/* Iteration: while (dx_hits_valid(h)) { ...; dx_hits_move_to_next(h); } */
DX_API bool dx_hits_valid(const dx_hits_t *hits);
DX_API void dx_hits_move_to_next(dx_hits_t *hits);

/* The current hit: 0-based rank over the whole result list, BM25 weight,
 * Xapian docid. */
DX_API uint32_t dx_hits_rank(const dx_hits_t *hits);
DX_API double dx_hits_weight(const dx_hits_t *hits);
DX_API uint32_t dx_hits_docid(const dx_hits_t *hits);

/* The Xapian docids of all the hits, in rank order, into out (room for
 * dx_hits_size() of them); the position does not move. */
DX_API void dx_hits_docids(const dx_hits_t *hits, uint32_t *out);

/* How many other hits were collapsed into the current hit (among the best
 * hits looked at: a lower bound). */
DX_API uint32_t dx_hits_collapse_count(const dx_hits_t *hits);

/* The current hit's value in slot: *out is malloc'ed, NUL-terminated and
 * owned by the caller; empty when the document has none. */
DX_API DX_MUST_CHECK dx_status_t dx_hits_value(dx_hits_t *hits, unsigned slot, char **out,
				 size_t *len);

/* The current hit's document data. *out is malloc'ed, owned by the caller
 * (free()), NUL-terminated; *len is its length. */
DX_API DX_MUST_CHECK dx_status_t dx_hits_data(dx_hits_t *hits, char **out, size_t *len);

DX_API void dx_hits_destroy(dx_hits_t *hits);

/*
 * Start fetching the documents of the hits held over the spare
 * connections of a stub's remote shards, and return at once: the caller
 * may meanwhile search db again (another search uses the connections the
 * combined index searches with, a prefetch only the others). The next
 * dx_hits_data() or dx_hits_value() that needs a document waits for
 * them; dx_hits_destroy() too. Nothing happens for other hits (a local
 * index, hits that carry no values to check the documents against), and
 * a failure is only a fetch to be made later. Over a network a page's
 * copies are then looked for while its documents come.
 */
DX_API void dx_hits_prefetch(dx_hits_t *hits);

/*
 * Pseudo-relevance feedback: run q, take its best ndocs documents as
 * relevant and return in *out the OR of the nterms terms that best tell
 * them from the rest (Xapian's expand set), among the terms starting with
 * prefix and not in q. *out is NULL when there is nothing to add. The
 * caller owns *out.
 */
DX_API DX_MUST_CHECK dx_status_t dx_db_expand(dx_db_t *db, const dx_query_t *q,
				const dx_search_opts_t *opts, unsigned ndocs,
				unsigned nterms, const char *prefix,
				dx_query_t **out);

/*
 * Reopen a reader at the latest commit, as dx_db_reopen(), and say in
 * *changed (may be NULL) whether it may now read another revision (1) or
 * certainly reads the same one (0): what a long-running reader needs to
 * know to drop what it has cached. Cheap when nothing changed.
 */
DX_API DX_MUST_CHECK dx_status_t dx_db_refresh(dx_db_t *db, int *changed);

/*
 * Call fn with the value in slot of each hit held, in rank order (an
 * empty value, len 0, for a hit without one), read through one value
 * stream in docid order: for a thousand hits a tenth of the cost of
 * dx_hits_value() on each. The collapse slot's values (and a sort's) were
 * kept while searching: they read nothing, which over remote shards, where
 * a value is a document fetched, is what a caller wants to know. value is
 * valid during the call. The position of hits does not move.
 */
DX_API DX_MUST_CHECK dx_status_t dx_hits_each_value(dx_hits_t *hits, unsigned slot,
				      void (*fn)(const char *value, size_t len,
						 void *ctx),
				      void *ctx);

/*
 * Count the values in slot of the hits held: fn is called for each
 * distinct non-empty value (in byte order) with how many of the hits have
 * it, and *matched (may be NULL) is how many hits were counted, those
 * without a value too. terms[i] is a term that only the i-th hit (in rank
 * order) has: its id term. It is a boolean match for those terms with
 * Xapian's ValueCountMatchSpy, which a remote shard (xapian-tcpsrv) runs
 * itself and answers with its counts: each shard of a stub with remote
 * shards is asked for its own hits, all at once (two messages a shard, no
 * document read, where reading a value from a remote shard is a message
 * and a wait for each document). The position of hits does not move.
 */
DX_API DX_MUST_CHECK dx_status_t dx_hits_count_values(dx_hits_t *hits, const char *const *terms,
						      unsigned slot, dx_count_fn fn, void *ctx,
						      uint32_t *matched);

/*
 * The hits of all from the offset-th (counting from all's first) to
 * count of them, as their own list (its own position, the same counts and
 * match as all): one match answers a page and the longer list its facets
 * are counted over. The caller owns *out (dx_hits_destroy()).
 */
DX_API DX_MUST_CHECK dx_status_t dx_hits_slice(const dx_hits_t *all, uint32_t offset,
					       uint32_t count, dx_hits_t **out);

#ifdef __cplusplus
}
#endif

#endif /* DATELINE_DX_H */
