/*
 * index.c - opening a Dateline index and checking what it records of
 * itself, for the indexer, the searcher and the server (see index.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/access.h"
#include "../util/safeprint.h"
#include "index.h"
#include "schema.h"
#include "stem.h"

void dl_index_close(dl_index_t *ix)
{
	if (!ix)
		return;
	dx_db_close(ix->db);
	free(ix->path);
	free(ix->language);
	free(ix->tagger);
	free(ix);
}

/* Open path's database; a message when it cannot be. */
static int open_db(dl_index_t *ix, dl_index_mode_t mode, char *err, size_t errsz)
{
	const char *path = ix->path;
	int write = mode == DL_INDEX_WRITE;
	dx_status_t rc = write ? dx_db_open_write(path, &ix->db)
			       : dx_db_open_read(path, &ix->db);
	if (rc == DX_OK)
		return DL_INDEX_OK;
	if (access_denied(path, write)) {
		snprintf(err, errsz, "%s: permission denied (this user may not read %sthe index)",
			 path, write ? "and write " : "");
		return DL_INDEX_EFAIL;
	}
	if (write && rc == DX_ERR_DB_LOCKED) {
		snprintf(err, errsz, "%s: the index is locked by another indexer "
			 "(one may write at a time; searching it works meanwhile)", path);
		return DL_INDEX_EFAIL;
	}
	if (write) {
		snprintf(err, errsz, "%s: %s%s%s", path, dx_status_to_string(rc),
			 *dx_last_error() ? ": " : "", dx_last_error());
		return DL_INDEX_EFAIL;
	}
	/* A stub's message names the shard or the line at fault. */
	int stub = rc == DX_ERR_NETWORK || strstr(dx_last_error(), "shard ") ||
		   strstr(dx_last_error(), "stub");
	snprintf(err, errsz, "%s: %s%s%s", path, dx_status_to_string(rc),
		 rc == DX_ERR_DB_NOT_FOUND ? " (run dateline-index first)" : "",
		 stub ? ": " : "");
	if (stub) {
		/* The stub is a file: its text may hold anything. */
		char *m = safe_strdup(dx_last_error(), strlen(dx_last_error()));
		size_t used = strlen(err);
		snprintf(err + used, errsz - used, "%s", m ? m : "out of memory");
		free(m);
	}
	return rc == DX_ERR_DB_NOT_FOUND ? DL_INDEX_ENOTFOUND : DL_INDEX_EFAIL;
}

/* The schema version: an index of another has other terms. */
static int check_schema(dl_index_t *ix, dl_index_mode_t mode, char *err, size_t errsz)
{
	char *schema = NULL;
	int same = dl_schema_check(ix->db, ix->stamped ? ix->language : "", &schema);
	if (same < 0)
		snprintf(err, errsz, "%s: %s", ix->path, dx_last_error());
	else if (!same && mode == DL_INDEX_WRITE)
		snprintf(err, errsz, "%s: the index was built by another version of Dateline "
			 "(index schema %s, this one writes %s); remove it and index again",
			 ix->path, schema ? schema : "?", DL_SCHEMA_VERSION);
	else if (!same)
		snprintf(err, errsz, "%s: the index was built by another version of Dateline "
			 "(index schema %s, this one reads %s); remove it and run dateline-index "
			 "again", ix->path, schema ? schema : "?", DL_SCHEMA_VERSION);
	free(schema);
	return same == 1 ? DL_INDEX_OK : DL_INDEX_EFAIL;
}

/* The language: the index keeps the one it was stemmed in. A writer's
 * --language must be that one, and known; a reader stems with it. */
static int check_language(dl_index_t *ix, const char *wanted, char *err, size_t errsz)
{
	const char *lang = ix->stamped ? ix->language : wanted ? wanted : AN_DEFAULT_LANGUAGE;
	if (ix->stamped && wanted && strcmp(ix->language, wanted) != 0) {
		snprintf(err, errsz, "%s: the index is stemmed in '%s', not '%s'; "
			 "index into a new index to change the language",
			 ix->path, ix->language, wanted);
		return DL_INDEX_EFAIL;
	}
	an_stemmer_t *probe = an_stemmer_new(lang);
	if (!probe) {
		if (ix->stamped)
			snprintf(err, errsz, "%s: the index's language '%s' cannot be stemmed",
				 ix->path, lang);
		else
			snprintf(err, errsz, "--language: unknown language '%s' "
				 "(see --list-languages)", lang);
		return ix->stamped ? DL_INDEX_EFAIL : DL_INDEX_EUSAGE;
	}
	an_stemmer_destroy(probe);
	if (!ix->stamped) {
		char *copy = strdup(lang);
		if (!copy) {
			snprintf(err, errsz, "%s: out of memory", ix->path);
			return DL_INDEX_EFAIL;
		}
		free(ix->language);
		ix->language = copy;
	}
	return DL_INDEX_OK;
}

/* The tagger's model: the articles of one index are tagged by one model
 * (their people, places and organisations are found the same way), so a
 * run tagging with another model reads every file again (--full). */
static int check_tagger(dl_index_t *ix, const dl_index_want_t *want, char *err,
			size_t errsz)
{
	uint32_t held = 0;
	if (!want->tagger || want->full || !*ix->tagger || strcmp(ix->tagger, want->tagger) == 0)
		return DL_INDEX_OK;
	if (dx_db_doc_count(ix->db, &held) != DX_OK) {
		snprintf(err, errsz, "%s: %s", ix->path, dx_last_error());
		return DL_INDEX_EFAIL;
	}
	if (held == 0)
		return DL_INDEX_OK;
	snprintf(err, errsz, "%s: the index's people, organisations and places were found "
		 "by the tagger's model %s, this one is %s; index with --full to find them "
		 "again with this model (or --no-entities)", ix->path, ix->tagger, want->tagger);
	return DL_INDEX_EFAIL;
}

int dl_index_open(const char *path, dl_index_mode_t mode, const dl_index_want_t *want,
		  dl_index_t **out, char *err, size_t errsz)
{
	static const dl_index_want_t none = { NULL, NULL, 0 };
	dl_index_t *ix = calloc(1, sizeof(*ix));
	int rc;

	*out = NULL;
	if (!want)
		want = &none;
	if (!ix || !(ix->path = strdup(path))) {
		snprintf(err, errsz, "%s: out of memory", path);
		free(ix);
		return DL_INDEX_EFAIL;
	}
	rc = open_db(ix, mode, err, errsz);
	if (rc)
		goto fail;
	if (dx_db_get_metadata(ix->db, DL_META_LANGUAGE, &ix->language) != DX_OK ||
	    dx_db_get_metadata(ix->db, DL_META_TAGGER, &ix->tagger) != DX_OK) {
		snprintf(err, errsz, "%s: %s", path, dx_last_error());
		rc = DL_INDEX_EFAIL;
		goto fail;
	}
	ix->stamped = *ix->language != '\0';
	/* A writer's --language that the index contradicts is the first
	 * thing to say; otherwise the schema is. */
	int lang_first = mode == DL_INDEX_WRITE && ix->stamped && want->language;
	if (lang_first && (rc = check_language(ix, want->language, err, errsz)) != 0)
		goto fail;
	if ((rc = check_schema(ix, mode, err, errsz)) != 0)
		goto fail;
	if (!lang_first &&
	    (rc = check_language(ix, mode == DL_INDEX_WRITE ? want->language : NULL, err,
				 errsz)) != 0)
		goto fail;
	if (mode == DL_INDEX_WRITE && (rc = check_tagger(ix, want, err, errsz)) != 0)
		goto fail;
	*out = ix;
	return DL_INDEX_OK;
fail:
	dl_index_close(ix);
	return rc;
}

dx_status_t dl_index_stamp_db(dx_db_t *db, const char *language, const char *tagger)
{
	dx_status_t rc = dx_db_set_metadata(db, DL_META_LANGUAGE, language);
	if (rc == DX_OK)
		rc = dx_db_set_metadata(db, DL_META_SCHEMA, DL_SCHEMA_VERSION);
	if (rc == DX_OK && tagger)
		rc = dx_db_set_metadata(db, DL_META_TAGGER, tagger);
	return rc;
}

int dl_index_stamp(dl_index_t *ix, const char *tagger, char *err, size_t errsz)
{
	dx_status_t rc = DX_OK;
	if (!ix->stamped)
		rc = dl_index_stamp_db(ix->db, ix->language, tagger);
	else if (tagger)
		rc = dx_db_set_metadata(ix->db, DL_META_TAGGER, tagger);
	if (rc != DX_OK) {
		snprintf(err, errsz, "%s: %s", ix->path, dx_last_error());
		return DL_INDEX_EFAIL;
	}
	ix->stamped = 1;
	return DL_INDEX_OK;
}
