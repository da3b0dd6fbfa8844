/* search.c - answering a search over a Dateline index (see search.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/index.h"
#include "../analysis/schema.h"
#include "../shim/dx.h"
#include "../util/safeprint.h"
#include "search.h"
#include "suggest.h"

struct searcher {
	char *path;
	dx_db_t *db;
	an_stemmer_t *st;
	/* The index's other languages' stemmers (query.h), made at the first
	 * query and again after the index moved; NULL before. Making them
	 * per query (a walk of the XLANG terms, a stemmer per language) was
	 * 2% of a query's instructions. */
	query_langs_t *langs;
	/* The fields some article has: a field no article has (no authors,
	 * no datelines) is not boosted, as its term for each word would
	 * only cost a lookup. */
	int has_title, has_author, has_place;
	/* searcher_keep_values(): every article's facets, read once per
	 * revision (NULL until a search with facets asks, or when the
	 * index's cannot be kept). */
	int keep_facets;
	struct facet_table *facets;
};

static void facet_table_free(struct facet_table *t);

const char *const search_facet_names[SEARCH_NFACETS] = {
	"persons", "organisations", "places", "authors", "sources", "months", "langs"
};
const char *const search_facet_words[SEARCH_NFACETS] = {
	"persons", "orgs", "places", "authors", "sources", "months", "langs"
};

void search_request_init(search_request_t *r)
{
	memset(r, 0, sizeof(*r));
	r->n = 10;
	r->boosts.title = QUERY_DEFAULT_TITLE_BOOST;
	r->boosts.author = QUERY_DEFAULT_AUTHOR_BOOST;
	r->boosts.place = QUERY_DEFAULT_PLACE_BOOST;
	r->boosts.proximity = SEARCH_DEFAULT_PROXIMITY;
	r->boosts.proximity_gap = SEARCH_DEFAULT_PROXIMITY_GAP;
	r->k1 = SEARCH_DEFAULT_K1;
	r->b = SEARCH_DEFAULT_B;
	r->weighting = SEARCH_DEFAULT_WEIGHTING;
	r->c = SEARCH_DEFAULT_C;
	r->expand_docs = SEARCH_DEFAULT_EXPAND_DOCS;
	r->expand_terms = SEARCH_DEFAULT_EXPAND_TERMS;
	r->expand_weight = SEARCH_DEFAULT_EXPAND_WEIGHT;
	r->suggest = 1;
	r->facet_docs = SEARCH_FACET_DOCS;
	r->facet_top = SEARCH_FACET_TOP;
	r->exact_upto = 100;
	r->read = SEARCH_READ_FULL;
}

/* --- opening ------------------------------------------------------------ */

/* The fields the index has words of (DL_HAS_ bits) into *mask: from
 * each shard's DL_META_FIELDS, one message a remote shard; when a shard
 * has none (indexed before it was written), from the index's terms, as
 * before (a remote shard then sends its whole list of each field's
 * stems). Returns 0, or -1 when the index cannot be read. */
static int index_fields(searcher_t *s, unsigned *mask)
{
	size_t n = dx_db_shard_count(s->db);
	*mask = 0;
	for (size_t i = 0; i < n; i++) {
		char *v = NULL;
		unsigned m;
		if (dx_db_shard_get_metadata(s->db, i, DL_META_FIELDS, &v) != DX_OK)
			return -1;
		int known = dl_fields_parse(v, &m) == 0;
		free(v);
		if (!known)
			return dl_fields_scan(s->db, mask);
		*mask |= m;
	}
	return 0;
}

/* The shards of a stub are of one index: the same schema, language and
 * tagger's model as the first (a shard indexed by another version, or
 * another language, would rank on other terms); and remote shards need the
 * vocabulary beside the stub, as Xapian's remote backend does not carry
 * the spelling tables that did-you-mean and prefix* read. Returns 0, or
 * -1 with a message naming the shard. */
static int check_shards(searcher_t *s, char *err, size_t errsz)
{
	static const char *const keys[] = { DL_META_SCHEMA, DL_META_LANGUAGE, DL_META_TAGGER };
	static const char *const what[] = { "index schema", "language", "tagger's model" };
	size_t n = dx_db_shard_count(s->db);
	int rc = 0;
	if (n > 1 || dx_db_has_remote(s->db)) {
		if (dx_db_has_remote(s->db) && !dx_db_has_vocabulary(s->db)) {
			snprintf(err, errsz, "%s: no vocabulary index beside the stub (its folder's "
				 "'vocabulary'): did-you-mean and prefix* read it, as remote shards "
				 "do not carry their spelling tables; write it with dateline-index "
				 "--vocabulary -d FOLDER/vocabulary SHARD...", s->path);
			return -1;
		}
	}
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]) && n > 1 && rc == 0; k++) {
		char *first = NULL;
		if (dx_db_shard_get_metadata(s->db, 0, keys[k], &first) != DX_OK) {
			snprintf(err, errsz, "%s: %s", s->path, dx_last_error());
			return -1;
		}
		for (size_t i = 1; i < n && rc == 0; i++) {
			char *v = NULL;
			if (dx_db_shard_get_metadata(s->db, i, keys[k], &v) != DX_OK) {
				snprintf(err, errsz, "%s: %s", s->path, dx_last_error());
				rc = -1;
			} else if (strcmp(v, first) != 0) {
				snprintf(err, errsz, "%s: %s has another %s ('%s') than %s ('%s'): "
					 "its shards must be indexed by one version of Dateline, "
					 "with the same options", s->path, dx_db_shard_name(s->db, i),
					 what[k], v, dx_db_shard_name(s->db, 0), first);
				rc = -1;
			}
			free(v);
		}
		free(first);
	}
	return rc;
}

/* The fields the index has, for the query's default fields. Returns 0 or
 * -1 with a message. */
static int searcher_check(searcher_t *s, char *err, size_t errsz)
{
	if (check_shards(s, err, errsz) < 0)
		return -1;
	unsigned has;
	if (index_fields(s, &has) < 0) {
		snprintf(err, errsz, "%s: %s", s->path, dx_last_error());
		return -1;
	}
	s->has_title = (has & DL_HAS_TITLE) != 0;
	s->has_author = (has & DL_HAS_AUTHOR) != 0;
	s->has_place = (has & DL_HAS_PLACE) != 0;
	return 0;
}

int searcher_open(const char *path, searcher_t **out, char *err, size_t errsz)
{
	searcher_t *s = calloc(1, sizeof(*s));
	dl_index_t *ix = NULL;
	*out = NULL;
	if (!s || !(s->path = strdup(path))) {
		snprintf(err, errsz, "%s: out of memory", path);
		free(s);
		return SEARCH_EFAIL;
	}
	int rc = dl_index_open(path, DL_INDEX_READ, NULL, &ix, err, errsz);
	if (rc != DL_INDEX_OK) {
		searcher_close(s);
		return rc == DL_INDEX_ENOTFOUND ? SEARCH_ENOTFOUND : SEARCH_EFAIL;
	}
	s->db = ix->db;
	ix->db = NULL;
	s->st = an_stemmer_new(ix->language);
	dl_index_close(ix);
	if (!s->st) {
		snprintf(err, errsz, "%s: out of memory", path);
		searcher_close(s);
		return SEARCH_EFAIL;
	}
	if (searcher_check(s, err, errsz) < 0) {
		searcher_close(s);
		return SEARCH_EFAIL;
	}
	*out = s;
	return SEARCH_OK;
}

void searcher_close(searcher_t *s)
{
	if (!s)
		return;
	query_langs_free(s->langs);
	facet_table_free(s->facets);
	an_stemmer_destroy(s->st);
	dx_db_close(s->db);
	free(s->path);
	free(s);
}

void searcher_keep_values(searcher_t *s)
{
	dx_db_keep_values(s->db, DL_VALUE_DIGEST_ID);
	/* Over remote shards a walk of every document's facets is a message
	 * a document: their hits' values are read as before. */
	s->keep_facets = !dx_db_has_remote(s->db);
}

const char *searcher_path(const searcher_t *s)
{
	return s->path;
}

/* --- stored records ------------------------------------------------------ */

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The record of the article whose id term is idterm. */
static int record_by_idterm(searcher_t *s, const char *idterm, dl_record_t **r, char *err,
			    size_t errsz)
{
	char *data = NULL, why[160];
	size_t len;
	*r = NULL;
	dx_status_t rc = dx_db_get_data(s->db, idterm, &data, &len);
	if (rc == DX_ERR_NOT_FOUND)
		return SEARCH_ENOTFOUND;
	if (rc != DX_OK) {
		snprintf(err, errsz, "%s", dx_last_error());
		return SEARCH_EFAIL;
	}
	int bad = dl_record_decode(data, len, r, why, sizeof(why));
	free(data);
	if (bad) {
		snprintf(err, errsz, "stored data is not valid: %s", why);
		return SEARCH_EFAIL;
	}
	return SEARCH_OK;
}

/* The record of the article with id: as given, or, when that finds none,
 * as the printable form of an id the index keeps byte for byte
 * (safe_name(): a file name that is not UTF-8). term is set to its Q term. */
static int record_by_id(searcher_t *s, const char *id, char term[DL_MAX_TERM_BYTES + 1],
			dl_record_t **r, char *err, size_t errsz)
{
	size_t n;
	dl_id_term(DL_PREFIX_ID, id, term);
	int rc = record_by_idterm(s, term, r, err, errsz);
	char *raw = rc == SEARCH_ENOTFOUND ? safe_name_decode(id, &n) : NULL;
	if (raw) {
		dl_id_term(DL_PREFIX_ID, raw, term);
		rc = record_by_idterm(s, term, r, err, errsz);
		free(raw);
	}
	return rc;
}

/* The folders articles were indexed from (DL_VALUE_ROOT), each once. */
typedef struct {
	char *roots[SEARCH_MAX_ROOTS];
	size_t n;
	int oom;
} roots_t;

static int add_root(uint32_t docid, const char *value, size_t len, void *ctx)
{
	roots_t *r = ctx;
	(void)docid;
	for (size_t i = 0; i < r->n; i++)
		if (strlen(r->roots[i]) == len && memcmp(r->roots[i], value, len) == 0)
			return 0;
	if (r->n == SEARCH_MAX_ROOTS)
		return 1;
	if (!(r->roots[r->n] = strndup(value, len))) {
		r->oom = 1;
		return 1;
	}
	r->n++;
	return 0;
}

/* An id given as the path of a file (absolute, or relative to the current
 * folder) inside a folder that was indexed: its id under that folder.
 * Returns the record as record_by_id() does; *roots gets the folders. */
static int record_by_path(searcher_t *s, const char *path, roots_t *roots,
			  char term[DL_MAX_TERM_BYTES + 1], dl_record_t **r, char *err,
			  size_t errsz)
{
	/* An item of a container file: FILE#ITEM. */
	const char *hash = strrchr(path, '#');
	char *file = strdup(path), *real = NULL;
	int rc = SEARCH_ENOTFOUND;
	if (!file)
		return SEARCH_EFAIL;
	if (!(real = realpath(file, NULL)) && hash) {
		file[hash - path] = '\0';
		real = realpath(file, NULL);
	} else {
		hash = NULL;
	}
	if (dx_db_each_value(s->db, DL_VALUE_ROOT, add_root, roots) != DX_OK || roots->oom)
		goto out;
	for (size_t i = 0; real && i < roots->n && rc == SEARCH_ENOTFOUND; i++) {
		size_t rl = strlen(roots->roots[i]);
		if (strncmp(real, roots->roots[i], rl) != 0 || real[rl] != '/')
			continue;
		char *id = malloc(strlen(real) + (hash ? strlen(hash) : 0) + 1);
		if (!id)
			break;
		strcpy(id, real + rl + 1);
		if (hash)
			strcat(id, hash);
		rc = record_by_id(s, id, term, r, err, errsz);
		free(id);
	}
out:
	free(real);
	free(file);
	return rc;
}

/* No article has id: say so, and, when id is not an article's id but
 * looks like a path, that ids are relative to the folder indexed. */
static void not_found(const roots_t *roots, const char *id, char *err, size_t errsz)
{
	int pathlike = id[0] == '/' || strncmp(id, "./", 2) == 0 || strncmp(id, "../", 3) == 0;
	/* The id as the output shows names (\xHH for a control character or
	 * a byte that is not UTF-8): the message goes to a terminal or JSON. */
	char *shown = safe_name(id, strlen(id));
	char *root = pathlike && roots->n ? safe_name(roots->roots[0], strlen(roots->roots[0])) : NULL;
	if (pathlike && roots->n)
		snprintf(err, errsz,
			 "no article with id '%s' (an id is a path relative to the folder indexed, "
			 "%s%s; a path to a file inside it is accepted too)",
			 shown ? shown : "?", root ? root : "?", roots->n > 1 ? " or another" : "");
	else
		snprintf(err, errsz, "no article with id '%s'", shown ? shown : "?");
	free(root);
	free(shown);
}

int search_article(searcher_t *s, const char *id, dl_record_t **out, char *err,
		   size_t errsz)
{
	char term[DL_MAX_TERM_BYTES + 1];
	roots_t roots = { .n = 0 };
	int rc = record_by_id(s, id, term, out, err, errsz);
	if (rc == SEARCH_ENOTFOUND)
		rc = record_by_path(s, id, &roots, term, out, err, errsz);
	if (rc == SEARCH_ENOTFOUND)
		not_found(&roots, id, err, errsz);
	for (size_t i = 0; i < roots.n; i++)
		free(roots.roots[i]);
	return rc;
}

/* The index's other languages for query_build_in(): NULL (each query
 * reads them) when out of memory. */
static query_langs_t *langs(searcher_t *s)
{
	if (!s->langs)
		s->langs = query_langs_new(s->db, s->st);
	return s->langs;
}

int searcher_refresh(searcher_t *s, int *changed, char *err, size_t errsz)
{
	int moved = 0;
	if (dx_db_refresh(s->db, &moved) != DX_OK) {
		snprintf(err, errsz, "%s: cannot read the latest commit: %s", s->path,
			 dx_last_error());
		return SEARCH_EFAIL;
	}
	if (changed)
		*changed = moved;
	/* A new commit may have another language. */
	if (moved) {
		query_langs_free(s->langs);
		s->langs = NULL;
	}
	/* A new commit may have the first titled, signed or datelined
	 * article. */
	unsigned has;
	if (moved && (!s->has_title || !s->has_author || !s->has_place) &&
	    index_fields(s, &has) == 0) {
		s->has_title = s->has_title || (has & DL_HAS_TITLE);
		s->has_author = s->has_author || (has & DL_HAS_AUTHOR);
		s->has_place = s->has_place || (has & DL_HAS_PLACE);
	}
	return SEARCH_OK;
}

/* --- hits ---------------------------------------------------------------- */

static int push_string(char ***v, size_t *n, const char *s)
{
	char **nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (!nv)
		return -1;
	*v = nv;
	if (!(nv[*n] = strdup(s)))
		return -1;
	(*n)++;
	return 0;
}

/* A hit's digest term (DL_PREFIX_DIGEST and the hex digits), "" for none. */
typedef char digest_term_t[DL_MAX_TERM_BYTES + 1];

static void hit_digest(dx_hits_t *hits, char *term)
{
	char *value = NULL;
	size_t len;
	if (dx_hits_value(hits, DL_VALUE_DIGEST_ID, &value, &len) != DX_OK ||
	    dl_value_digest_term(value, len, term) < 0)
		term[0] = '\0';
	free(value);
}

/* A hit wanting its copies: its digest term and its place in the hits. */
typedef struct {
	const char *term;
	search_hit_t *hit;
} want_t;

static int want_cmp(const void *a, const void *b)
{
	const want_t *x = a, *y = b;
	int c = strcmp(x->term, y->term);
	return c ? c : (x->hit > y->hit) - (x->hit < y->hit);
}

/* One search for the articles of the n digest terms (in order), count
 * of them at most, by digest-id value: each result's id goes to the wants
 * (sorted) of its digest but the article itself. counts (NULL: not
 * wanted) gets the results of each term. Returns the number of results,
 * or -1 when the search failed or a result could not be read. */
static long copies_search(searcher_t *s, const char *const *terms, size_t n, uint32_t count,
			  want_t *wants, size_t nwants, uint32_t *counts)
{
	dx_query_t **subs = calloc(n, sizeof(*subs)), *or = NULL, *q = NULL;
	dx_hits_t *c = NULL;
	dx_search_opts_t so;
	size_t made = 0, j = 0, t = 0;
	long found = -1;
	int unread = 0;
	if (counts)
		memset(counts, 0, n * sizeof(*counts));
	if (!subs)
		return -1;
	for (; made < n; made++)
		if (dx_query_term(terms[made], 1, &subs[made]) != DX_OK)
			goto out;
	/* Unweighted: the order is the value's. */
	if (dx_query_combine(DX_OP_OR, subs, n, 0, &or) != DX_OK ||
	    dx_query_scale(or, 0, &q) != DX_OK)
		goto out;
	dx_search_opts_init(&so);
	so.count = count;
	so.sort_by_value = 1;
	so.sort_slot = DL_VALUE_DIGEST_ID;
	so.sort_ascending = 1;
	if (dx_db_search(s->db, q, &so, &c) != DX_OK)
		goto out;
	found = dx_hits_size(c);
	for (; dx_hits_valid(c); dx_hits_move_to_next(c)) {
		char *value;
		size_t len;
		digest_term_t term;
		if (dx_hits_value(c, DL_VALUE_DIGEST_ID, &value, &len) != DX_OK) {
			unread = 1;
			continue;
		}
		const char *id = dl_value_id(value, len);
		if (id && dl_value_digest_term(value, len, term) == 0) {
			while (t < n && strcmp(terms[t], term) < 0)
				t++;
			if (counts && t < n && !strcmp(terms[t], term))
				counts[t]++;
			while (j < nwants && strcmp(wants[j].term, term) < 0)
				j++;
			for (size_t k = j; k < nwants && !strcmp(wants[k].term, term); k++) {
				search_hit_t *h = wants[k].hit;
				if ((!h->id || strcmp(id, h->id) != 0) &&
				    h->ncopies < SEARCH_MAX_COPIES)
					push_string(&h->copies, &h->ncopies, id);
			}
		}
		else
			unread = 1;
		free(value);
	}
	if (unread)
		found = -1;
out:
	dx_hits_destroy(c);
	dx_query_destroy(q);
	dx_query_destroy(or);
	for (size_t i = 0; i < made; i++)
		dx_query_destroy(subs[i]);
	free(subs);
	return found;
}

/* Over remote shards, the copies of all the hits in one search without
 * asking the digests' frequencies first (two waits less when a hit has
 * copies, as many when none has): room for SEARCH_MAX_COPIES + 1
 * articles a digest. Returns 0, or -1 when that room was filled (a
 * digest of more articles took some of the others' room) or the search
 * failed: the hits' copies are then cleared for the search by
 * frequencies. */
static int copies_at_once(searcher_t *s, const char **distinct, size_t nd, want_t *wants,
			  size_t nw)
{
	uint64_t room = (uint64_t)nd * (SEARCH_MAX_COPIES + 1);
	if (room > UINT32_MAX)
		return -1;
	uint32_t *counts = malloc(nd * sizeof(*counts));
	long found = counts ? copies_search(s, distinct, nd, (uint32_t)room, wants, nw, counts)
			    : -1;
	if (found >= 0 && (uint64_t)found < room) {
		/* Every article of each digest came: its frequency, kept for
		 * the next page with these hits. */
		dx_db_keep_term_freqs(s->db, distinct, nd, counts);
		free(counts);
		return 0;
	}
	free(counts);
	for (size_t i = 0; i < nw; i++) {
		search_hit_t *h = wants[i].hit;
		free_strings(h->copies, h->ncopies);
		h->copies = NULL;
		h->ncopies = 0;
	}
	return -1;
}

/* The ids of the other articles with each hit's digest (byte-identical
 * copies), at most SEARCH_MAX_COPIES a hit, in id order, into the n
 * hits' copies (terms[i]: hit i's digest term, "" for none). The copies
 * may rank anywhere, or not match the query at all. The digest terms'
 * frequencies say which hits have copies (over remote shards, asked for
 * all at once and kept). One search then finds the copies of all those
 * hits: the OR of their digest terms, sorted by the digest-id value (the
 * digest, then the id). That value comes back as each result's sort key,
 * so no document is read, and over remote shards a page's copies are one
 * match (two messages a shard) however many of its hits have some;
 * before, each such hit was a match, and a document a copy. Over remote
 * shards, when the stub does not keep the frequencies yet (which cost a
 * match of their own there), that match is made without them
 * (copies_at_once()). A digest
 * with more than SEARCH_MAX_COPIES + 1 articles has a search of its own
 * (its first ones by id). Copies are a decoration: a failure leaves a
 * hit without them. */
static void find_copies(searcher_t *s, search_hit_t *hits, digest_term_t *terms, size_t n)
{
	want_t *wants = calloc(n ? n : 1, sizeof(*wants));
	const char **distinct = calloc(n ? n : 1, sizeof(*distinct));
	const char **small = calloc(n ? n : 1, sizeof(*small));
	uint32_t *freqs = calloc(n ? n : 1, sizeof(*freqs));
	size_t nw = 0, nd = 0, nsmall = 0;
	uint64_t room = 0;
	if (!wants || !distinct || !small || !freqs)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (terms[i][0])
			wants[nw++] = (want_t){ terms[i], &hits[i] };
	if (!nw)
		goto out;
	qsort(wants, nw, sizeof(*wants), want_cmp);
	for (size_t i = 0; i < nw; i++)
		if (!nd || strcmp(distinct[nd - 1], wants[i].term) != 0)
			distinct[nd++] = wants[i].term;
	/* Frequencies a remote stub does not keep yet cost a match. */
	int kept = dx_db_term_freqs_kept(s->db, distinct, nd, freqs);
	if (!kept && copies_at_once(s, distinct, nd, wants, nw) == 0)
		goto out;
	if (!kept && dx_db_term_freqs(s->db, distinct, nd, freqs) != DX_OK)
		goto out;
	/* The digests of a few articles together (still in order), then
	 * each of the others alone. */
	for (size_t d = 0; d < nd; d++) {
		if (freqs[d] < 2 || freqs[d] > SEARCH_MAX_COPIES + 1)
			continue;
		room += freqs[d];
		small[nsmall++] = distinct[d];
	}
	if (nsmall)
		copies_search(s, small, nsmall, room > UINT32_MAX ? UINT32_MAX : (uint32_t)room,
			      wants, nw, NULL);
	for (size_t d = 0; d < nd; d++)
		if (freqs[d] > SEARCH_MAX_COPIES + 1)
			copies_search(s, &distinct[d], 1, SEARCH_MAX_COPIES + 1, wants, nw, NULL);
out:
	free(freqs);
	free(small);
	free(distinct);
	free(wants);
}

/* The names of the related article's people and places (names) that the
 * hit's article has among its people, organisations and places. */
static void hit_shares(const dl_record_t *names, search_hit_t *h)
{
	static const enum dl_field_id from[] = { DL_F_PERSONS, DL_F_PLACES };
	static const enum dl_field_id lists[] = { DL_F_PERSONS, DL_F_ORGS, DL_F_PLACES };
	for (size_t f = 0; f < 2; f++)
		for (size_t i = 0; i < dl_record_count(names, from[f]); i++) {
			const char *name = dl_record_item(names, from[f], i);
			for (size_t k = 0; name && k < 3; k++)
				for (size_t j = 0; j < dl_record_count(h->rec, lists[k]); j++) {
					const char *w = dl_record_item(h->rec, lists[k], j);
					if (w && !strcmp(name, w))
						push_string(&h->shares, &h->nshares, name);
				}
		}
}

/* Read the current hit into h: its fields, copies and snippets for q.
 * Returns 0, or -1 (with err) when the index cannot be read or out of
 * memory; a hit whose stored data is not valid gets a problem. */
static int hit_read(searcher_t *s, dx_hits_t *hits, const query_t *q, search_read_t how,
		    const dl_record_t *related, search_hit_t *h, char *err, size_t errsz)
{
	char *data, why[160];
	size_t len;
	h->rank = dx_hits_rank(hits) + 1;
	h->score = dx_hits_weight(hits);
	if (how == SEARCH_READ_IDS) {
		/* The id alone: from the value the collapse read, not the
		 * stored data. */
		if (dx_hits_value(hits, DL_VALUE_DIGEST_ID, &data, &len) != DX_OK)
			goto unreadable;
		const char *id = dl_value_id(data, len);
		h->id = strdup(id ? id : "?");
		free(data);
		return h->id ? 0 : -1;
	}
	if (dx_hits_data(hits, &data, &len) != DX_OK)
		goto unreadable;
	int bad = dl_record_decode(data, len, &h->rec, why, sizeof(why));
	free(data);
	if (bad) {
		char msg[224];
		snprintf(msg, sizeof(msg), "document %u: stored data is not valid: %s",
			 dx_hits_docid(hits), why);
		h->problem = strdup(msg);
		return 0;
	}
	const char *id = dl_record_get(h->rec, DL_F_ID);
	if (h->id && id && strcmp(h->id, id) != 0) {
		free(h->id);  /* read_hits() took it from the value */
		h->id = NULL;
	}
	if (id && !h->id && !(h->id = strdup(id))) {
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	if (related)
		hit_shares(related, h);
	int rc = 0;
	const char *title = dl_record_get(h->rec, DL_F_TITLE);
	const char *body = dl_record_get(h->rec, DL_F_BODY);
	if (title)
		rc = snippet_highlight_all(title, strlen(title), q, s->st, &h->title);
	if (rc == 0 && body)
		rc = snippet_make(body, strlen(body), q, s->st, SNIPPET_DEFAULT_FRAGMENTS,
				  SNIPPET_FRAGMENT_BYTES, &h->snippet);
	if (rc != 0)
		snprintf(err, errsz, "out of memory");
	return rc;
unreadable:
	snprintf(err, errsz, "cannot read a hit: %s", dx_last_error());
	return -1;
}

/* Each hit's digest term and id from its digest-id value, in rank order
 * (read_hits()'s copies before the records). */
typedef struct {
	search_hit_t *hits;
	digest_term_t *terms;
	size_t i, n;
} early_copies_t;

static void early_digest(const char *value, size_t len, void *ctx)
{
	early_copies_t *e = ctx;
	if (e->i >= e->n)
		return;
	const char *id = dl_value_id(value, len);
	if (dl_value_digest_term(value, len, e->terms[e->i]) < 0)
		e->terms[e->i][0] = '\0';
	if (id && !e->hits[e->i].id)
		e->hits[e->i].id = strdup(id);
	e->i++;
}

static int read_hits(searcher_t *s, dx_hits_t *hits, const query_t *q, search_read_t how,
		     const dl_record_t *related, search_result_t *out, char *err,
		     size_t errsz)
{
	size_t n = dx_hits_size(hits);
	if (how == SEARCH_READ_COUNT || n == 0)
		return 0;
	out->hits = calloc(n, sizeof(*out->hits));
	digest_term_t *terms = how == SEARCH_READ_FULL ? calloc(n, sizeof(*terms)) : NULL;
	if (!out->hits || (how == SEARCH_READ_FULL && !terms)) {
		free(terms);
		snprintf(err, errsz, "out of memory");
		return -1;
	}
	/* Over remote shards the documents come over connections of their
	 * own (dx_hits_prefetch()) while the copies are looked for over the
	 * others: from the digest-id values the match carried, each hit's
	 * digest and id, before the records. */
	int early = terms && dx_db_has_remote(s->db);
	if (early) {
		early_copies_t e = { out->hits, terms, 0, n };
		dx_hits_prefetch(hits);
		if (dx_hits_each_value(hits, DL_VALUE_DIGEST_ID, early_digest, &e) == DX_OK &&
		    e.i == n)
			find_copies(s, out->hits, terms, n);
		else
			early = 0;  /* the copies after the records, as elsewhere */
	}
	for (; dx_hits_valid(hits) && out->nhits < n; dx_hits_move_to_next(hits)) {
		search_hit_t *h = &out->hits[out->nhits++];
		if (hit_read(s, hits, q, how, related, h, err, errsz) < 0) {
			free(terms);
			return -1;
		}
		if (early && (!h->rec || h->problem)) {
			/* As a hit read first: no id, no copies. */
			free_strings(h->copies, h->ncopies);
			h->copies = NULL;
			h->ncopies = 0;
			free(h->id);
			h->id = NULL;
		}
		if (terms && !early && h->rec && !h->problem)
			hit_digest(hits, terms[out->nhits - 1]);
	}
	if (terms && !early)
		find_copies(s, out->hits, terms, out->nhits);
	free(terms);
	return 0;
}

/* The number of matching articles and whether it is exact: Xapian's
 * bounds agree, or every document was examined (the index holds no more
 * than the search looked at), and then its lower bound is the count
 * (collapsing duplicates leaves the estimate and upper bound loose). */
static void match_count(searcher_t *s, dx_hits_t *hits, const dx_search_opts_t *so,
			search_result_t *out)
{
	uint32_t ndocs = 0;
	out->exact = dx_hits_estimate_exact(hits);
	out->total = dx_hits_estimated(hits);
	if (out->exact)
		return;
	/* Every document looked at: the count is exact (an index whose size
	 * cannot be read keeps the estimate). */
	if (dx_db_doc_count(s->db, &ndocs) == DX_OK && ndocs <= so->check_at_least) {
		out->exact = 1;
		out->total = dx_hits_lower_bound(hits);
	}
}

/* --- facets -------------------------------------------------------------- */

/* The values of one facet as they are counted: res->facets[k] grows, and
 * an open-addressing table of indexes into it finds a name in one probe
 * or two (a search's facets see thousands of names). */
typedef struct {
	size_t *slot;           /* index + 1 into the facet's array; 0: empty */
	size_t size;            /* a power of two */
	size_t cap;             /* the facet's array's room, grown by doubling */
} facet_index_t;

static uint64_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;  /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static int facet_index_grow(facet_index_t *ix, const search_facet_t *v, size_t n)
{
	size_t size = ix->size ? ix->size * 2 : 64;
	size_t *slot = calloc(size, sizeof(*slot));
	if (!slot)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t j = name_hash(v[i].name) & (size - 1);
		while (slot[j])
			j = (j + 1) & (size - 1);
		slot[j] = i + 1;
	}
	free(ix->slot);
	ix->slot = slot;
	ix->size = size;
	return 0;
}

static void facet_add_n(search_result_t *res, facet_index_t *ix, int k, const char *name,
			unsigned count)
{
	search_facet_t **v = &res->facets[k];
	size_t *n = &res->nfacets[k];
	if ((*n + 1) * 2 > ix->size && facet_index_grow(ix, *v, *n) < 0)
		return;
	size_t j = name_hash(name) & (ix->size - 1);
	for (; ix->slot[j]; j = (j + 1) & (ix->size - 1))
		if (strcmp((*v)[ix->slot[j] - 1].name, name) == 0) {
			(*v)[ix->slot[j] - 1].count += count;
			return;
		}
	if (*n == ix->cap) {
		/* Doubling: growing by one value was a realloc per new name
		 * (118,000 in 50 searches, 9% of their instructions). */
		size_t cap = ix->cap ? ix->cap * 2 : 16;
		search_facet_t *grown = realloc(*v, cap * sizeof(*grown));
		if (!grown)
			return;
		*v = grown;
		ix->cap = cap;
	}
	search_facet_t *nv = *v;
	nv[*n].name = strdup(name);
	nv[*n].count = count;
	if (nv[*n].name) {
		(*n)++;
		ix->slot[j] = *n;
	}
}

static void facet_add(search_result_t *res, facet_index_t *ix, int k, const char *name)
{
	facet_add_n(res, ix, k, name, 1);
}

static int facet_cmp(const void *a, const void *b)
{
	const search_facet_t *x = a, *y = b;
	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->name, y->name);
}

static int facet_name_cmp(const void *a, const void *b)
{
	return strcmp(((const search_facet_t *)a)->name, ((const search_facet_t *)b)->name);
}

/* What one hit's facet values are added to. */
typedef struct {
	search_result_t *res;
	facet_index_t *ix;
	size_t missing;         /* hits without a facets value */
} facet_ctx_t;

/* The facet (SEARCH_FACET_*) of a kind of item (DL_FACET_*), or -1 for
 * a kind of a later version. */
static int facet_of_kind(int kind)
{
	switch (kind) {
	case DL_FACET_PERSON: return SEARCH_FACET_PERSONS;
	case DL_FACET_ORG: return SEARCH_FACET_ORGS;
	case DL_FACET_PLACE: return SEARCH_FACET_PLACES;
	case DL_FACET_AUTHOR: return SEARCH_FACET_AUTHORS;
	case DL_FACET_SOURCE: return SEARCH_FACET_SOURCES;
	case DL_FACET_MONTH: return SEARCH_FACET_MONTHS;
	case DL_FACET_LANG: return SEARCH_FACET_LANGS;
	default: return -1;
	}
}

static void facet_item(int kind, const char *name, void *ctx)
{
	facet_ctx_t *c = ctx;
	int k = facet_of_kind(kind);
	if (k >= 0)
		facet_add(c->res, &c->ix[k], k, name);
}

/* A hit's DL_VALUE_FACETS value, counted; one that has none (an index
 * written before there was such a value) is counted from its record
 * later. */
static void facet_value(const char *v, size_t len, void *ctx)
{
	facet_ctx_t *c = ctx;
	if (len && dl_facets_value_each(v, len, facet_item, c) == 0)
		c->res->facet_docs++;
	else
		c->missing++;
}

/* The facets of the current hit from its stored record, if it has no
 * DL_VALUE_FACETS value. */
static void hit_facets(dx_hits_t *hits, facet_ctx_t *c)
{
	char *v = NULL, *data = NULL;
	size_t len = 0;
	int has = dx_hits_value(hits, DL_VALUE_FACETS, &v, &len) == DX_OK && len &&
		  dl_facets_value_each(v, len, NULL, NULL) == 0;
	free(v);
	if (has)
		return;
	c->res->facet_docs++;
	dl_record_t *rec = NULL;
	if (dx_hits_data(hits, &data, &len) != DX_OK)
		return;
	int bad = dl_record_decode(data, len, &rec, NULL, 0);
	free(data);
	v = bad ? NULL : dl_record_facets_value(rec, &len);
	if (v)
		dl_facets_value_each(v, len, facet_item, c);
	free(v);
	dl_record_free(rec);
}

/* The top (0: all) values of v (n of them) by facet_cmp, in order; the
 * others freed. A selection, not a sort of them all: the best 1,000
 * matches of a frequent word name thousands of values, and sorting them
 * was 7% of a search with facets. */
static void keep_top(search_facet_t *v, size_t *n, size_t top, int owned)
{
	if (!top || *n <= top) {
		qsort(v, *n, sizeof(*v), facet_cmp);
		return;
	}
	qsort(v, top, sizeof(*v), facet_cmp);
	for (size_t i = top; i < *n; i++) {
		if (facet_cmp(&v[i], &v[top - 1]) >= 0) {
			if (owned)
				free(v[i].name);
			continue;
		}
		search_facet_t x = v[i];
		size_t j = top - 1;
		if (owned)
			free(v[j].name);
		for (; j > 0 && facet_cmp(&x, &v[j - 1]) < 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
	*n = top;
}

/* --- the facets of every article, kept (searcher_keep_values) ------------ */

/*
 * Counting a search's facets from the hits' values parses a thousand
 * lists of names and looks each name up by its bytes (on Reuters 2.1 M
 * instructions a search, a fifth of it). A process answering many
 * searches parses them once per revision instead: each article's facets
 * become the numbers of their names, and a search adds up numbers.
 */

/* Facet k's names: names[i] is number i; a table of their hashes finds a
 * name's number while the table is made. */
typedef struct {
	char **names;
	size_t n, cap;
	uint32_t *slot;          /* number + 1; 0 empty; size a power of two */
	size_t size;
	unsigned *count;         /* a search's counts, by number (0 between) */
} facet_names_t;

struct facet_table {
	uint64_t generation;     /* dx_db_generation() of what it was read from */
	uint32_t ndocs;          /* docids below this have an entry */
	uint32_t done;           /* at[0..done] are set */
	uint32_t *at;            /* doc d's items: items[at[d]..at[d + 1]) */
	uint8_t *has;            /* doc d has a facets value (else: its record) */
	uint32_t *items;         /* facet << 24 | the name's number */
	size_t nitems, capitems;
	facet_names_t k[SEARCH_NFACETS];
	int failed;              /* out of memory, or a name too many */
};

/* A facet's names are numbered in 24 bits. */
#define FACET_NAMES_MAX (1u << 24)
/* At most this many items in all (64 MiB; Reuters has 0.3 million, a
 * million news articles about 15): an index with more counts each
 * search's hits from their values. */
#define FACET_ITEMS_MAX (1u << 24)

static void facet_table_free(struct facet_table *t)
{
	if (!t)
		return;
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		for (size_t i = 0; i < t->k[k].n; i++)
			free(t->k[k].names[i]);
		free(t->k[k].names);
		free(t->k[k].slot);
		free(t->k[k].count);
	}
	free(t->at);
	free(t->has);
	free(t->items);
	free(t);
}

/* The number of name in f, given one if it is new; -1 out of memory. */
static long facet_number(facet_names_t *f, const char *name)
{
	if ((f->n + 1) * 2 > f->size) {
		size_t size = f->size ? f->size * 2 : 256;
		uint32_t *slot = calloc(size, sizeof(*slot));
		if (!slot)
			return -1;
		for (size_t i = 0; i < f->n; i++) {
			size_t j = name_hash(f->names[i]) & (size - 1);
			while (slot[j])
				j = (j + 1) & (size - 1);
			slot[j] = (uint32_t)i + 1;
		}
		free(f->slot);
		f->slot = slot;
		f->size = size;
	}
	size_t j = name_hash(name) & (f->size - 1);
	for (; f->slot[j]; j = (j + 1) & (f->size - 1))
		if (strcmp(f->names[f->slot[j] - 1], name) == 0)
			return f->slot[j] - 1;
	if (f->n + 1 >= FACET_NAMES_MAX)
		return -1;
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;
		char **grown = realloc(f->names, cap * sizeof(*grown));
		if (!grown)
			return -1;
		f->names = grown;
		f->cap = cap;
	}
	if (!(f->names[f->n] = strdup(name)))
		return -1;
	f->slot[j] = (uint32_t)++f->n;
	return (long)f->n - 1;
}

/* Room for doc d's entry (at[] up to d + 1, has[] up to d). */
static int facet_table_reach(struct facet_table *t, uint32_t d)
{
	if (d < t->ndocs)
		return 0;
	if (d >= UINT32_MAX / 4)
		return -1;
	size_t n = t->ndocs ? t->ndocs : 1024;
	while (n <= d)
		n *= 2;
	uint32_t *at = realloc(t->at, (n + 1) * sizeof(*at));
	if (!at)
		return -1;
	t->at = at;
	uint8_t *has = realloc(t->has, n);
	if (!has)
		return -1;
	t->has = has;
	memset(t->has + t->ndocs, 0, n - t->ndocs);
	t->ndocs = (uint32_t)n;
	return 0;
}

static void facet_table_item(int kind, const char *name, void *ctx)
{
	struct facet_table *t = ctx;
	int k = facet_of_kind(kind);
	if (k < 0 || t->failed)
		return;
	long i = facet_number(&t->k[k], name);
	if (i < 0 || t->nitems >= FACET_ITEMS_MAX) {
		t->failed = 1;
		return;
	}
	if (t->nitems == t->capitems) {
		size_t cap = t->capitems ? t->capitems * 2 : 4096;
		uint32_t *grown = realloc(t->items, cap * sizeof(*grown));
		if (!grown) {
			t->failed = 1;
			return;
		}
		t->items = grown;
		t->capitems = cap;
	}
	t->items[t->nitems++] = (uint32_t)k << 24 | (uint32_t)i;
}

static int facet_table_doc(uint32_t docid, const char *value, size_t len, void *ctx)
{
	struct facet_table *t = ctx;
	if (facet_table_reach(t, docid) < 0) {
		t->failed = 1;
		return 1;
	}
	/* The documents since the last with a value have no items. */
	while (t->done < docid)
		t->at[++t->done] = (uint32_t)t->nitems;
	if (len && dl_facets_value_each(value, len, facet_table_item, t) == 0)
		t->has[docid] = 1;
	t->at[++t->done] = (uint32_t)t->nitems;
	return t->failed;
}

/* The facet table of s's revision: the kept one, or a new one read now;
 * NULL when facets are not kept or it cannot be made (the hits' values
 * are read instead). */
static struct facet_table *facet_table(searcher_t *s)
{
	uint64_t gen = dx_db_generation(s->db);
	if (!s->keep_facets)
		return NULL;
	if (s->facets && s->facets->generation == gen)
		return s->facets;
	facet_table_free(s->facets);
	s->facets = NULL;
	struct facet_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->generation = gen;
	if (facet_table_reach(t, 0) < 0 ||
	    dx_db_each_value(s->db, DL_VALUE_FACETS, facet_table_doc, t) != DX_OK ||
	    t->failed) {
		facet_table_free(t);
		return NULL;
	}
	t->at[0] = 0;
	while (t->done < t->ndocs)
		t->at[++t->done] = (uint32_t)t->nitems;
	for (int k = 0; k < SEARCH_NFACETS && t; k++)
		if (t->k[k].n && !(t->k[k].count = calloc(t->k[k].n, sizeof(unsigned)))) {
			facet_table_free(t);
			t = NULL;
		}
	s->facets = t;
	return t;
}

/* The facets of the hits counted from table t: 0, or -1 when a hit has
 * no entry with a value (the caller counts the values instead). */
static int count_from_table(struct facet_table *t, dx_hits_t *hits,
			    const search_request_t *r, search_result_t *res)
{
	uint32_t n = dx_hits_size(hits);
	uint32_t *docs = malloc((n ? n : 1) * sizeof(*docs));
	int rc = -1;
	if (!docs)
		return -1;
	dx_hits_docids(hits, docs);
	for (uint32_t i = 0; i < n; i++)
		if (docs[i] >= t->ndocs || !t->has[docs[i]])
			goto out;
	/* Each name once in a list of the search's names (the first time its
	 * count leaves 0), counted, then every count back to 0. */
	size_t nseen[SEARCH_NFACETS] = { 0 }, capseen[SEARCH_NFACETS] = { 0 };
	uint32_t *seen[SEARCH_NFACETS] = { NULL };
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = t->at[docs[i]]; j < t->at[docs[i] + 1]; j++) {
			uint32_t k = t->items[j] >> 24, num = t->items[j] & 0xFFFFFF;
			if (t->k[k].count[num]++)
				continue;
			if (nseen[k] == capseen[k]) {
				size_t cap = capseen[k] ? capseen[k] * 2 : 256;
				uint32_t *grown = realloc(seen[k], cap * sizeof(*grown));
				if (!grown) {
					t->k[k].count[num] = 0;
					continue;
				}
				seen[k] = grown;
				capseen[k] = cap;
			}
			seen[k][nseen[k]++] = num;
		}
		res->facet_docs++;
	}
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		search_facet_t *v = nseen[k] ? malloc(nseen[k] * sizeof(*v)) : NULL;
		size_t m = 0;
		for (size_t i = 0; i < nseen[k]; i++) {
			uint32_t num = seen[k][i];
			if (v) {
				v[m].name = t->k[k].names[num];  /* borrowed until kept */
				v[m++].count = t->k[k].count[num];
			}
			t->k[k].count[num] = 0;
		}
		free(seen[k]);
		if (!m) {
			free(v);
			continue;
		}
		if (k == SEARCH_FACET_MONTHS && r->all_months)
			qsort(v, m, sizeof(*v), facet_name_cmp);
		else
			keep_top(v, &m, r->facet_top, 0);
		size_t kept = 0;
		for (size_t i = 0; i < m; i++)
			if ((v[kept].name = strdup(v[i].name)))
				v[kept++].count = v[i].count;
		res->facets[k] = v;
		res->nfacets[k] = kept;
	}
	rc = 0;
out:
	free(docs);
	return rc;
}

/* --- the facets of remote shards ----------------------------------------- */

/* What the shards' counts of facets values are added to. */
typedef struct {
	facet_ctx_t *c;
	unsigned count;         /* the documents of the value being added */
	uint32_t counted;       /* documents with a valid value, in all */
	int bad;                /* a value that is not a facets value */
} spy_ctx_t;

static void spy_item(int kind, const char *name, void *ctx)
{
	spy_ctx_t *c = ctx;
	int k = facet_of_kind(kind);
	if (k >= 0)
		facet_add_n(c->c->res, &c->c->ix[k], k, name, c->count);
}

static int spy_value(const char *v, size_t len, uint32_t count, void *ctx)
{
	spy_ctx_t *c = ctx;
	c->count = count;
	if (dl_facets_value_each(v, len, NULL, NULL) != 0) {
		c->bad = 1;
		return 1;
	}
	dl_facets_value_each(v, len, spy_item, c);
	c->counted += count;
	return 0;
}

/* The id terms of the hits, from their digest-id values (which the
 * collapse carried): n of them made so far. */
typedef struct {
	char (*term)[DL_MAX_TERM_BYTES + 1];
	size_t n;
	int failed;
} id_terms_t;

static void hit_id_term(const char *value, size_t len, void *ctx)
{
	id_terms_t *t = ctx;
	const char *id = dl_value_id(value, len);
	if (!id || t->failed)
		t->failed = 1;
	else
		dl_id_term(DL_PREFIX_ID, id, t->term[t->n++]);
}

/* The facets of the hits of a stub with remote shards, counted by the
 * shards: a match for each shard's hits' ids with Xapian's
 * ValueCountMatchSpy on the facets slot, which each shard runs and
 * answers with its counts of each distinct value (two messages a shard,
 * dx_hits_count_values()); each value's names are then counted that many
 * times. Reading the hits' values was a document fetched a hit (1,000 a
 * search, a message and a wait each, a shard's one after another).
 * Returns 0, or -1 when the hits' ids are not known without reading
 * them, or a hit has no facets value (an index written before the
 * value): the caller reads them then, c's result untouched. */
static int count_remote(dx_hits_t *hits, facet_ctx_t *c)
{
	uint32_t n = dx_hits_size(hits), matched = 0;
	id_terms_t t = { calloc(n ? n : 1, sizeof(*t.term)), 0, 0 };
	const char **terms = calloc(n ? n : 1, sizeof(*terms));
	/* Counted into a result of its own first: a hit without a value
	 * leaves c's as it was, for the documents to be read. */
	search_result_t own;
	facet_index_t ix[SEARCH_NFACETS] = { { NULL, 0, 0 } };
	facet_ctx_t mine = { &own, ix, 0 };
	spy_ctx_t spy = { &mine, 0, 0, 0 };
	int rc = -1;
	memset(&own, 0, sizeof(own));
	if (!t.term || !terms || !n)
		goto out;
	if (dx_hits_each_value(hits, DL_VALUE_DIGEST_ID, hit_id_term, &t) != DX_OK ||
	    t.failed || t.n != n)
		goto out;
	for (size_t i = 0; i < n; i++)
		terms[i] = t.term[i];
	if (dx_hits_count_values(hits, terms, DL_VALUE_FACETS, spy_value, &spy, &matched) != DX_OK ||
	    spy.bad || matched != n || spy.counted != n)
		goto out;
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		c->res->facets[k] = own.facets[k];
		c->res->nfacets[k] = own.nfacets[k];
		own.facets[k] = NULL;
		own.nfacets[k] = 0;
		c->ix[k] = ix[k];
		ix[k].slot = NULL;
	}
	c->res->facet_docs += n;
	rc = 0;
out:
	for (int k = 0; k < SEARCH_NFACETS; k++)
		free(ix[k].slot);
	search_result_free(&own);
	free(terms);
	free(t.term);
	return rc;
}

/* The facets of the request's best matches of q (facet_docs of them),
 * the facet_top most frequent values of each kept (every month, in date
 * order, with all_months). */
static void count_facets(searcher_t *s, const dx_query_t *q, const dx_search_opts_t *base,
			 const search_request_t *r, dx_hits_t *best, search_result_t *res)
{
	dx_search_opts_t so = *base;
	dx_hits_t *hits = best;
	facet_index_t ix[SEARCH_NFACETS] = { { NULL, 0, 0 } };
	facet_ctx_t ctx = { res, ix, 0 };
	res->has_facets = 1;
	so.offset = 0;
	so.count = r->facet_docs;
	if (!hits && (!so.count || dx_db_search(s->db, q, &so, &hits) != DX_OK))
		return;
	struct facet_table *t = facet_table(s);
	if (t && count_from_table(t, hits, r, res) == 0) {
		if (hits != best)
			dx_hits_destroy(hits);
		return;
	}
	/* Over remote shards the shards count when the hits are more than
	 * two a shard: the count's two waits (two messages a shard) cost
	 * less than the documents (a message each, a shard's one after
	 * another). */
	int counted = dx_db_has_remote(s->db) &&
		      dx_hits_size(hits) > 2 * dx_db_shard_count(s->db) &&
		      count_remote(hits, &ctx) == 0;
	if (!counted && dx_hits_each_value(hits, DL_VALUE_FACETS, facet_value, &ctx) != DX_OK)
		ctx.missing = dx_hits_size(hits);
	for (; ctx.missing && dx_hits_valid(hits); dx_hits_move_to_next(hits))
		hit_facets(hits, &ctx);
	if (hits != best)
		dx_hits_destroy(hits);
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		free(ix[k].slot);
		if (!res->nfacets[k])
			continue;
		if (k == SEARCH_FACET_MONTHS && r->all_months) {
			qsort(res->facets[k], res->nfacets[k], sizeof(*res->facets[k]),
			      facet_name_cmp);
			continue;
		}
		keep_top(res->facets[k], &res->nfacets[k], r->facet_top, 1);
	}
}

/* --- searching ------------------------------------------------------------ */

static void search_opts(const searcher_t *s, const search_request_t *r, dx_search_opts_t *so)
{
	dx_search_opts_init(so);
	so->k1 = r->k1;
	so->b = r->b;
	so->weighting = r->weighting;
	so->c = r->c;
	so->offset = r->offset;
	/* Counting walks every match, as collapsing duplicates makes
	 * Xapian's count of a short result list an estimate. */
	so->count = r->read == SEARCH_READ_COUNT ? UINT32_MAX : r->n;
	/* The match runs first without counting further than the hits
	 * (exact_upto is asked for again by search_run when the count may be
	 * under it): checking 100 matches cost a frequent word's search 5%
	 * of its instructions, for a count Xapian knows exactly anyway. */
	so->check_at_least = 0;
	/* Over remote shards a second match is two more waits for the
	 * shards' answers, which cost more than looking at exact_upto
	 * matches there (each shard looks at its own side by side): the
	 * first match counts them, as the second would have. */
	if (dx_db_has_remote(s->db) && r->read != SEARCH_READ_COUNT)
		so->check_at_least = r->exact_upto;
	/* A TREC run prints no count (over remote shards its match then
	 * brings the digests in document order: dx_search_opts_t). */
	so->uncounted = r->read == SEARCH_READ_IDS;
	/* A report filed twice (byte-identical) is shown once. */
	so->collapse = 1;
	so->collapse_slot = DL_VALUE_DIGEST_ID;
	so->collapse_key_len = DL_DIGEST_HEX;
	if (r->sort_date) {
		so->sort_by_value = 1;
		so->sort_slot = DL_VALUE_DATE;
	}
}

int search_names_add(search_names_t *names, const char *option, const char *name, char *err,
		     size_t errsz)
{
	if (names->n >= SEARCH_MAX_NAMES) {
		snprintf(err, errsz, "%s: at most %d names", option, SEARCH_MAX_NAMES);
		return -1;
	}
	names->v[names->n++] = name;
	return 0;
}

/* The tree of text with the request's person, place, organisation and
 * dates: *out owned by the caller. */
static int read_query(searcher_t *s, const char *text, const search_request_t *r,
		      query_node_t **out, char *err, size_t errsz)
{
	query_read_opts_t ro = { an_stemmer_language(s->st) };
	/* A person, place or organisation alone needs no words. */
	int words = strspn(text, " \t") < strlen(text);
	*out = NULL;
	if (words || !(r->persons.n || r->places.n || r->orgs.n)) {
		int rc = query_tree_parse(text, &ro, out, err, errsz);
		if (rc != 0)
			return rc == -1 ? SEARCH_EQUERY : SEARCH_EFAIL;
	} else if (!(*out = query_tree_new())) {
		snprintf(err, errsz, "out of memory");
		return SEARCH_EFAIL;
	}
	const struct {
		const search_names_t *names;
		query_kind_t kind;
		const char *option;
	} kinds[3] = { { &r->persons, QN_PERSON, "--person" }, { &r->places, QN_PLACE, "--place" },
		       { &r->orgs, QN_ORG, "--org" } };
	int bad = 0;
	for (int k = 0; k < 3 && !bad; k++)
		for (unsigned i = 0; i < kinds[k].names->n && !bad; i++)
			bad = query_tree_add_filter(*out, kinds[k].kind, kinds[k].option,
						    kinds[k].names->v[i], NULL, err, errsz) < 0;
	if (bad || ((r->since || r->until) &&
		    query_tree_add_filter(*out, QN_DATE, "--since", r->since, r->until, err,
					  errsz) < 0)) {
		query_tree_free(*out);
		*out = NULL;
		return SEARCH_EREQUEST;
	}
	return SEARCH_OK;
}

/* The query with feedback terms when it is long enough: *out (NULL: run
 * q->query itself) owned by the caller. Words that mark the best hits are
 * added with a lower weight; they re-rank the matches and add none. */
static int expand(searcher_t *s, const query_t *q, const search_request_t *r,
		  const dx_search_opts_t *so, dx_query_t **out, char *err, size_t errsz)
{
	dx_query_t *more = NULL, *scaled = NULL;
	int rc = SEARCH_OK;
	*out = NULL;
	if (!q->query || !r->expand_docs || !r->expand_terms || !(r->expand_weight > 0) ||
	    q->nwords < SEARCH_EXPAND_MIN_WORDS)
		return SEARCH_OK;
	if (dx_db_expand(s->db, q->query, so, r->expand_docs, r->expand_terms, DL_PREFIX_STEM,
			 &more) != DX_OK)
		goto fail;
	if (!more)
		return SEARCH_OK;  /* no terms to add */
	dx_query_t *both[2] = { q->query, NULL };
	if (dx_query_scale(more, r->expand_weight, &scaled) != DX_OK)
		goto fail;
	both[1] = scaled;
	if (dx_query_combine(DX_OP_AND_MAYBE, both, 2, 0, out) != DX_OK)
		goto fail;
	goto out;
fail:
	snprintf(err, errsz, "%s: cannot add the feedback terms: %s", s->path, dx_last_error());
	rc = SEARCH_EFAIL;
out:
	dx_query_destroy(scaled);
	dx_query_destroy(more);
	return rc;
}

int search_run(searcher_t *s, const char *text, const search_request_t *r,
	       search_result_t *out, char *err, size_t errsz)
{
	search_request_t req = *r;
	query_t q = { 0 };
	query_node_t *tree = NULL;
	dx_query_t *final = NULL;
	dx_hits_t *hits = NULL, *best = NULL;
	dx_search_opts_t so;
	int status;

	memset(out, 0, sizeof(*out));
	out->offset = r->offset;
	if (!s->has_title)
		req.boosts.title = 0;
	if (!s->has_author)
		req.boosts.author = 0;
	if (!s->has_place)
		req.boosts.place = 0;
	status = read_query(s, text, r, &tree, err, errsz);
	if (status != SEARCH_OK)
		return status;
	out->reading = tree->reading;
	int qrc = query_build_in(tree, s->st, s->db, langs(s), &req.boosts, &q, err, errsz);
	out->read = query_tree_dump(tree);
	query_tree_free(tree);
	if (qrc != 0)
		return qrc == -1 ? SEARCH_EQUERY : SEARCH_EFAIL;
	search_opts(s, &req, &so);
	status = expand(s, &q, &req, &so, &final, err, errsz);
	if (status != SEARCH_OK)
		goto out;
	const dx_query_t *run = final ? final : q.query;
	/* With facets, one match for the page and the best facet_docs the
	 * facets count (the page's hits are among them): the second match
	 * was 8% of a search with facets. */
	int one = req.facets && req.read == SEARCH_READ_FULL && req.facet_docs &&
		  (uint64_t)req.offset + req.n <= req.facet_docs;
	if (one) {
		so.offset = 0;
		so.count = req.facet_docs;
	}
	dx_status_t rc = dx_db_search(s->db, run, &so, &hits);
	/* A stub whose shard failed is opened again by the next call: a shard
	 * that was restarted is used again at once. */
	if ((rc == DX_ERR_DB_MODIFIED && dx_db_reopen(s->db) == DX_OK) || rc == DX_ERR_NETWORK) {
		rc = dx_db_search(s->db, run, &so, &hits);
		query_langs_free(s->langs);  /* the next query reads them again */
		s->langs = NULL;
	}
	/* The count may be under exact_upto (its lower bound is) and is not
	 * known exactly: the match again, looking at exact_upto matches. A
	 * frequent word's lower bound is above it, and a rarer query's match
	 * is short. */
	if (rc == DX_OK && req.read != SEARCH_READ_COUNT && so.check_at_least < req.exact_upto &&
	    !dx_hits_estimate_exact(hits) && dx_hits_lower_bound(hits) <= req.exact_upto) {
		dx_hits_destroy(hits);
		hits = NULL;
		so.check_at_least = req.exact_upto;
		rc = dx_db_search(s->db, run, &so, &hits);
	}
	if (rc == DX_OK && one) {
		best = hits;
		hits = NULL;
		so.offset = req.offset;
		so.count = req.n;
		rc = dx_hits_slice(best, req.offset, req.n, &hits);
	}
	if (rc != DX_OK) {
		snprintf(err, errsz, "%s: search failed: %s", s->path, dx_last_error());
		status = SEARCH_EFAIL;
		goto out;
	}
	if (req.suggest && q.query) {
		char *better = suggest_query(s->db, s->st, text, &q);
		if (better && dx_hits_estimated(hits) == 0) {
			/* Nothing matched: the corrected query's results. */
			req.suggest = 0;
			search_result_free(out);
			status = search_run(s, better, &req, out, err, errsz);
			out->suggestion = better;
			out->corrected = 1;
			goto out;
		}
		out->suggestion = better;
	}
	if (req.read == SEARCH_READ_COUNT) {
		out->total = dx_hits_size(hits);
		out->exact = 1;
	} else {
		match_count(s, hits, &so, out);
	}
	if (read_hits(s, hits, &q, req.read, NULL, out, err, errsz) < 0) {
		status = SEARCH_EFAIL;
		goto out;
	}
	if (req.facets && req.read == SEARCH_READ_FULL)
		count_facets(s, run, &so, &req, best, out);
out:	dx_hits_destroy(best);
	dx_hits_destroy(hits);
	dx_query_destroy(final);
	query_free(&q);
	return status;
}

/* --- related reports ------------------------------------------------------ */

/* The query for what article (term idterm, record rec) is about: its
 * people and places, and its most distinctive words at a lower weight.
 * Returns DX_OK with *out NULL when the article has none of them to go
 * by, or the first status that failed (sticky: no part is dropped). */
static dx_status_t related_query(searcher_t *s, const char *idterm,
				 const dl_record_t *rec, const search_request_t *r,
				 dx_query_t **out)
{
	size_t np = dl_record_count(rec, DL_F_PERSONS), n = np + dl_record_count(rec, DL_F_PLACES);
	size_t k = 0;
	dx_query_t **parts = calloc(n + 1, sizeof(*parts));
	dx_query_t *entities = NULL, *self = NULL, *words = NULL;
	dx_status_t rc = parts ? DX_OK : DX_ERR_NOMEM;
	char msg[128];
	*out = NULL;
	for (size_t i = 0; i < n && rc == DX_OK; i++) {
		const char *name = i < np ? dl_record_item(rec, DL_F_PERSONS, i)
					  : dl_record_item(rec, DL_F_PLACES, i - np);
		if (!name)
			continue;
		/* A stored name that makes no term is not a clause. */
		parts[k] = i < np ? query_person(name, strlen(name), msg, sizeof(msg))
				  : query_place(name, strlen(name), msg, sizeof(msg));
		if (parts[k])
			k++;
	}
	if (rc == DX_OK && k)
		rc = dx_query_combine(DX_OP_OR, parts, k, 0, &entities);
	dx_search_opts_t so;
	dx_search_opts_init(&so);
	so.k1 = r->k1;
	so.b = r->b;
	so.weighting = r->weighting;
	so.c = r->c;
	if (rc == DX_OK)
		rc = dx_query_term(idterm, 1, &self);
	if (rc == DX_OK)
		rc = dx_db_expand(s->db, self, &so, 1, SEARCH_RELATED_WORDS, DL_PREFIX_STEM,
				  &words);
	if (rc == DX_OK && words) {
		dx_query_t *scaled = NULL;
		rc = dx_query_scale(words, SEARCH_RELATED_WORDS_WEIGHT, &scaled);
		dx_query_destroy(words);
		words = scaled;
	}
	if (rc == DX_OK && (entities || words)) {
		dx_query_t *both[2] = { entities, words };
		rc = dx_query_combine(DX_OP_OR, both, 2, 0, out);
	}
	for (size_t i = 0; i < k; i++)
		dx_query_destroy(parts[i]);
	free(parts);
	dx_query_destroy(entities);
	dx_query_destroy(words);
	dx_query_destroy(self);
	return rc;
}

/* related AND_NOT (the article or its copies) into *out; consumes
 * related. Returns DX_OK or the first status that failed. */
static dx_status_t without_copies(searcher_t *s, const char *idterm, dx_query_t *related,
				  dx_query_t **out)
{
	char dterm[DL_MAX_TERM_BYTES + 1], *digest = NULL;
	size_t len;
	dx_query_t *not[2] = { NULL, NULL }, *excluded = NULL;
	dx_hits_t *h = NULL;
	dx_search_opts_t one;
	dx_search_opts_init(&one);
	one.count = 1;
	*out = NULL;
	dx_status_t rc = dx_query_term(idterm, 1, &not[0]);
	if (rc == DX_OK)
		rc = dx_db_search(s->db, not[0], &one, &h);
	if (rc == DX_OK && dx_hits_valid(h))
		rc = dx_hits_value(h, DL_VALUE_DIGEST_ID, &digest, &len);
	/* An article stored without a digest has no copies to leave out. */
	if (rc == DX_OK && digest && dl_value_digest_term(digest, len, dterm) == 0)
		rc = dx_query_term(dterm, 1, &not[1]);
	free(digest);
	dx_hits_destroy(h);
	if (rc == DX_OK)
		rc = dx_query_combine(DX_OP_OR, not, 2, 0, &excluded);
	if (rc == DX_OK) {
		dx_query_t *pair[2] = { related, excluded };
		rc = dx_query_combine(DX_OP_AND_NOT, pair, 2, 0, out);
	}
	dx_query_destroy(not[0]);
	dx_query_destroy(not[1]);
	dx_query_destroy(excluded);
	dx_query_destroy(related);
	return rc;
}

int search_related(searcher_t *s, const char *id, const search_request_t *r,
		   search_result_t *out, char *err, size_t errsz)
{
	char term[DL_MAX_TERM_BYTES + 1];
	dl_record_t *rec = NULL;
	query_t none = { 0 };
	dx_hits_t *hits = NULL;
	dx_query_t *q = NULL;
	dx_search_opts_t so;

	memset(out, 0, sizeof(*out));
	out->offset = r->offset;
	int status = record_by_id(s, id, term, &rec, err, errsz);
	if (status == SEARCH_ENOTFOUND)
		snprintf(err, errsz, "no article with that id");
	if (status != SEARCH_OK)
		return status;
	dx_query_t *related = NULL;
	dx_status_t rc = related_query(s, term, rec, r, &related);
	if (rc == DX_OK && !related) {
		snprintf(err, errsz, "%s has no people, places or words to go by", id);
		status = SEARCH_EFAIL;
		goto out;
	}
	if (rc == DX_OK)
		rc = without_copies(s, term, related, &q);
	if (rc != DX_OK) {
		snprintf(err, errsz, "%s: cannot make the query of related reports: %s",
			 s->path, *dx_last_error() ? dx_last_error() : dx_status_to_string(rc));
		status = SEARCH_EFAIL;
		goto out;
	}
	dx_search_opts_init(&so);
	so.k1 = r->k1;
	so.b = r->b;
	so.weighting = r->weighting;
	so.c = r->c;
	so.offset = r->offset;
	so.count = r->n;
	so.check_at_least = 100;
	so.collapse = 1;
	so.collapse_slot = DL_VALUE_DIGEST_ID;
	so.collapse_key_len = DL_DIGEST_HEX;
	if (!q || dx_db_search(s->db, q, &so, &hits) != DX_OK) {
		snprintf(err, errsz, "%s: search failed: %s", s->path, dx_last_error());
		status = SEARCH_EFAIL;
		goto out;
	}
	match_count(s, hits, &so, out);
	if (dx_hits_estimated(hits) == 0)
		out->total = 0;
	if (read_hits(s, hits, &none, SEARCH_READ_FULL, rec, out, err, errsz) < 0)
		status = SEARCH_EFAIL;
	else if (r->facets)
		count_facets(s, q, &so, r, NULL, out);
out:
	dx_hits_destroy(hits);
	dx_query_destroy(q);
	dl_record_free(rec);
	return status;
}

void search_result_free(search_result_t *res)
{
	for (size_t i = 0; i < res->nhits; i++) {
		search_hit_t *h = &res->hits[i];
		free(h->id);
		dl_record_free(h->rec);
		snippet_free(&h->title);
		snippet_free(&h->snippet);
		free_strings(h->copies, h->ncopies);
		free_strings(h->shares, h->nshares);
		free(h->problem);
	}
	free(res->hits);
	for (int k = 0; k < SEARCH_NFACETS; k++) {
		for (size_t i = 0; i < res->nfacets[k]; i++)
			free(res->facets[k][i].name);
		free(res->facets[k]);
	}
	free(res->suggestion);
	free(res->read);
	memset(res, 0, sizeof(*res));
}

int search_copies(searcher_t *s, const char *id, char ***ids, size_t *n, char *err,
		  size_t errsz)
{
	char term[DL_MAX_TERM_BYTES + 1];
	dl_record_t *rec = NULL;
	dx_query_t *q = NULL;
	dx_hits_t *hits = NULL;
	dx_search_opts_t so;
	search_hit_t h = { 0 };
	*ids = NULL;
	*n = 0;
	int rc = record_by_id(s, id, term, &rec, err, errsz);
	if (rc == SEARCH_ENOTFOUND) {
		char *shown = safe_name(id, strlen(id));
		snprintf(err, errsz, "no article with id '%s'", shown ? shown : "?");
		free(shown);
	}
	if (rc != SEARCH_OK)
		return rc;
	/* Its own id as stored (the one given may be its printable form). */
	h.id = (char *)dl_record_get(rec, DL_F_ID);
	dx_search_opts_init(&so);
	so.count = 1;
	if (dx_query_term(term, 1, &q) != DX_OK || dx_db_search(s->db, q, &so, &hits) != DX_OK) {
		snprintf(err, errsz, "%s: %s", s->path, dx_last_error());
		rc = SEARCH_EFAIL;
		goto out;
	}
	if (dx_hits_valid(hits)) {
		digest_term_t dterm;
		hit_digest(hits, dterm);
		find_copies(s, &h, &dterm, 1);
	}
	*ids = h.copies;
	*n = h.ncopies;
out:
	dx_hits_destroy(hits);
	dx_query_destroy(q);
	dl_record_free(rec);
	return rc;
}

int search_highlight(searcher_t *s, const char *q, const char *const *texts, size_t n,
		     snippet_t *out, char *err, size_t errsz)
{
	query_t parsed = { 0 };
	query_boosts_t boosts = { .title = QUERY_DEFAULT_TITLE_BOOST,
				  .author = QUERY_DEFAULT_AUTHOR_BOOST,
				  .place = QUERY_DEFAULT_PLACE_BOOST };
	for (size_t i = 0; i < n; i++)
		memset(&out[i], 0, sizeof(out[i]));
	int rc = query_parse_in(q, s->st, s->db, langs(s), &boosts, &parsed, err, errsz);
	if (rc != 0) {
		query_free(&parsed);
		return rc == -1 ? SEARCH_EQUERY : SEARCH_EFAIL;
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (texts[i])
			rc = snippet_highlight_all(texts[i], strlen(texts[i]), &parsed, s->st,
						   &out[i]);
	query_free(&parsed);
	if (rc != 0) {
		snprintf(err, errsz, "out of memory");
		return SEARCH_EFAIL;
	}
	return SEARCH_OK;
}
