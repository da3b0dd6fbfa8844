/* document.c - an article made into a Xapian document: the terms, values
 * and stored record the schema table (analysis/schema.h) describes, and
 * the spelling take-back of a stored article (see document.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analysis/hash.h"
#include "../analysis/record.h"
#include "../analysis/schema.h"
#include "../analysis/terms.h"
#include "../analysis/tokenize.h"
#include "../util/safeprint.h"
#include "document.h"
#include "entities.h"

/* State threaded through the tokenizer callback while indexing one field. */
typedef struct {
	dx_doc_t *doc;
	an_stemmer_t *st;
	const char *prefix;  /* the field's prefix, or NULL: body only */
	int free_text;       /* add the unprefixed terms and spellings too */
	uint32_t free_wdf;   /* their wdf per occurrence */
	uint32_t pos;        /* last position used */
	dx_status_t rc;
	entity_text_t *ent;  /* also gather the tokens for the entity pass */
} termgen_t;

/* A token's terms (schema.h): its stem, positional, unprefixed if the
 * field is also free text and under the field's prefix if it has one; and
 * the word as written for the spelling table. */
static int index_token(const an_token_t *tok, void *ctx)
{
	termgen_t *tg = ctx;
	char term[AN_TERM_BUF];
	size_t n;

	tg->pos++;
	if (tg->free_text) {
		n = an_rank_term(tg->st, "", tok, term);
		tg->rc = dx_doc_add_posting(tg->doc, term, n, tg->pos, tg->free_wdf);
		if (tg->rc == DX_OK && an_token_stems(tok))
			tg->rc = dx_doc_add_spelling(tg->doc, tok->term, tok->len);
	}
	if (tg->rc == DX_OK && tg->prefix) {
		n = an_rank_term(tg->st, tg->prefix, tok, term);
		tg->rc = dx_doc_add_posting(tg->doc, term, n, tg->pos, 1);
	}
	if (tg->rc == DX_OK && tg->ent && entity_text_add(tok, tg->ent) != 0)
		tg->rc = DX_ERR_NOMEM;
	return tg->rc != DX_OK;
}

/* The article's text of a field of the schema table (NULL: none). */
static const char *article_text(const article_t *a, enum dl_field_id id)
{
	switch (id) {
	case DL_F_TITLE: return a->title;
	case DL_F_AUTHOR: return a->author;
	case DL_F_DATE: return a->date;
	case DL_F_PLACE: return a->place;
	case DL_F_SOURCE: return a->source;
	case DL_F_URL: return a->url;
	case DL_F_FORMAT: return a->format;
	case DL_F_LANGUAGE: return a->language;
	case DL_F_BODY: return a->body;
	default: return NULL;
	}
}

/* A word's wdf in the free text for field id: the run's weight, else the
 * table's. */
static unsigned free_wdf(const field_weights_t *w, enum dl_field_id id)
{
	unsigned n = w && w->free_wdf[id] ? w->free_wdf[id] : dl_fields[id].weight;
	return n ? n : 1;
}

/* Index the article's text of field id as the table says (DL_FIELD_TEXT:
 * stems under its prefix; DL_FIELD_FREE_TEXT: in the free text and the
 * spelling table), then leave a gap before the next. Fields of neither
 * kind, and fields the article lacks, are left alone. */
static dx_status_t index_text_field(termgen_t *tg, const article_t *a,
				    enum dl_field_id id, const field_weights_t *w,
				    entity_text_t *ent)
{
	const dl_field_t *f = &dl_fields[id];
	const char *text = article_text(a, id);
	if (!(f->flags & (DL_FIELD_TEXT | DL_FIELD_FREE_TEXT)) || !text || tg->rc != DX_OK)
		return tg->rc;
	tg->ent = ent;
	tg->prefix = f->flags & DL_FIELD_TEXT ? f->prefix : NULL;
	tg->free_text = (f->flags & DL_FIELD_FREE_TEXT) != 0;
	tg->free_wdf = free_wdf(w, id);
	if (an_tokenize(text, strlen(text), index_token, tg) < 0)
		tg->rc = DX_ERR_NOMEM;
	tg->pos += DL_FIELD_GAP;
	return tg->rc;
}

void document_digest(const article_t *a, char hex[17])
{
	uint64_t h = AN_HASH_START;
	if (a->title)
		h = an_hash(h, a->title, strlen(a->title));
	h = an_hash(h, "\n", 1);
	if (a->body)
		h = an_hash(h, a->body, strlen(a->body));
	snprintf(hex, 17, "%016llx", (unsigned long long)h);
}


/* The record (analysis/record.h) of the article with its people and
 * places, as the document's data, and what its facets count
 * (DL_VALUE_FACETS). */
static dx_status_t set_data(dx_doc_t *doc, const article_t *a, const char *id,
			    const entities_t *ents)
{
	dl_record_t *r = dl_record_new();
	dx_status_t rc = DX_ERR_NOMEM;
	char *s = NULL;
	size_t len;
	/* The id is kept byte for byte in the terms and values; the record
	 * holds its printable form (a file name need not be UTF-8). */
	char *shown = safe_name(id, strlen(id));
	if (!r || !shown)
		goto out;
	if (dl_record_set(r, DL_F_ID, shown) < 0)
		goto out;
	for (size_t i = 0; i < DL_NFIELDS; i++)
		if (i != DL_F_ID && dl_record_set(r, (enum dl_field_id)i,
						  article_text(a, (enum dl_field_id)i)) < 0)
			goto out;
	for (size_t i = 0; i < ents->npersons; i++)
		if (dl_record_add(r, DL_F_PERSONS, ents->persons[i].name) < 0)
			goto out;
	for (size_t i = 0; i < ents->norgs; i++)
		if (dl_record_add(r, DL_F_ORGS, ents->orgs[i].name) < 0)
			goto out;
	for (size_t i = 0; i < ents->nplaces; i++)
		if (dl_record_add(r, DL_F_PLACES, ents->places[i].name) < 0)
			goto out;
	s = dl_record_encode(r, &len);
	if (s)
		rc = dx_doc_set_data(doc, s, len);
	free(s);
	s = NULL;
	if (rc == DX_OK && !(s = dl_record_facets_value(r, &len)))
		rc = DX_ERR_NOMEM;
	else if (rc == DX_OK)
		rc = dx_doc_set_value(doc, DL_VALUE_FACETS, s, len);
out:
	free(shown);
	free(s);
	dl_record_free(r);
	return rc;
}

/* DL_VALUE_DIGEST_ID: the digest's hex digits, then the id. */
static dx_status_t set_digest_id(dx_doc_t *doc, const char hex[DL_DIGEST_HEX],
				 const char *id)
{
	size_t n = strlen(id);
	char *v = malloc(DL_DIGEST_HEX + n);
	if (!v)
		return DX_ERR_NOMEM;
	memcpy(v, hex, DL_DIGEST_HEX);
	memcpy(v + DL_DIGEST_HEX, id, n);
	dx_status_t rc = dx_doc_set_value(doc, DL_VALUE_DIGEST_ID, v, DL_DIGEST_HEX + n);
	free(v);
	return rc;
}

/* Boolean terms and the value for the date: D, M, Y and DL_VALUE_DATE. */
static dx_status_t add_date(dx_doc_t *doc, const char *iso)
{
	char term[32], ymd[9] = "";
	dx_status_t rc = DX_OK;
	int y = 0, m = 0, d = 0;
	int k = sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
	if (k >= 1) {
		snprintf(term, sizeof(term), "%s%04d", DL_PREFIX_YEAR, y);
		rc = dx_doc_add_boolean_term(doc, term);
		snprintf(ymd, sizeof(ymd), "%04d0000", y);
	}
	if (rc == DX_OK && k >= 2) {
		snprintf(term, sizeof(term), "%s%04d%02d", DL_PREFIX_MONTH, y, m);
		rc = dx_doc_add_boolean_term(doc, term);
		snprintf(ymd, sizeof(ymd), "%04d%02d00", y, m);
	}
	if (rc == DX_OK && k == 3) {
		snprintf(term, sizeof(term), "%s%04d%02d%02d", DL_PREFIX_DAY, y, m, d);
		rc = dx_doc_add_boolean_term(doc, term);
		snprintf(ymd, sizeof(ymd), "%04d%02d%02d", y, m, d);
	}
	if (rc == DX_OK && ymd[0])
		rc = dx_doc_set_value(doc, DL_VALUE_DATE, ymd, 8);
	return rc;
}

/* A boolean term of prefix and the folded words of text ("XSRCreuters"). */
static dx_status_t add_folded_boolean(dx_doc_t *doc, const char *prefix,
				      const char *text)
{
	char term[DX_MAX_TERM_BYTES + 1];
	size_t n = strlen(prefix);
	memcpy(term, prefix, n);
	size_t k = an_normalise(text, strlen(text), term + n, sizeof(term) - n);
	if (k == 0)
		return DX_OK;
	return dx_doc_add_boolean_term(doc, term);
}

void document_facts_values(const file_facts_t *facts, char size[18],
			   size_t *size_len, char mtime[18], size_t *mtime_len)
{
	*size_len = dx_sortable_serialise((double)facts->size, size);
	*mtime_len = dx_sortable_serialise(facts->mtime, mtime);
}

dx_status_t document_build(const article_t *a, const char *id,
			   const char *file_id, const file_facts_t *facts,
			   const field_weights_t *weights, an_stemmer_t *st,
			   dx_doc_t **out)
{
	dx_doc_t *doc;
	char term[DX_MAX_TERM_BYTES + 1];
	dx_status_t rc = dx_doc_new(&doc);
	*out = NULL;
	if (rc != DX_OK)
		return rc;

	/* Title and body are tokenized once, for their terms and for the
	 * people and places they mention. */
	int want_entities = !(weights && weights->no_entities);
	entity_text_t et, eb;
	entity_text_init(&et, a->title);
	entity_text_init(&eb, a->body);
	termgen_t tg = { doc, st, NULL, 0, 1, 0, DX_OK, NULL };
	for (size_t i = 0; i < DL_NFIELDS; i++)
		rc = index_text_field(&tg, a, (enum dl_field_id)i, weights,
				      !want_entities ? NULL : i == DL_F_TITLE ? &et
				      : i == DL_F_BODY ? &eb : NULL);

	if (rc == DX_OK) {
		dl_id_term(DL_PREFIX_ID, id, term);
		rc = dx_doc_add_boolean_term(doc, term);
	}
	if (rc == DX_OK) {
		dl_id_term(DL_PREFIX_FILE, file_id, term);
		rc = dx_doc_add_boolean_term(doc, term);
	}
	if (rc == DX_OK) {
		char hex[17];
		document_digest(a, hex);
		snprintf(term, sizeof(term), "%s%s", DL_PREFIX_DIGEST, hex);
		rc = dx_doc_add_boolean_term(doc, term);
		if (rc == DX_OK)
			rc = set_digest_id(doc, hex, id);
	}
	if (rc == DX_OK && a->date)
		rc = add_date(doc, a->date);
	if (rc == DX_OK && a->source)
		rc = add_folded_boolean(doc, DL_PREFIX_SOURCE, a->source);
	if (rc == DX_OK && a->format) {
		snprintf(term, sizeof(term), "%s%s", DL_PREFIX_FORMAT, a->format);
		rc = dx_doc_add_boolean_term(doc, term);
	}
	if (rc == DX_OK && a->language) {
		snprintf(term, sizeof(term), "%s%s", DL_PREFIX_LANGUAGE, a->language);
		rc = dx_doc_add_boolean_term(doc, term);
	}
	if (rc == DX_OK && facts) {
		char size[18], mtime[18];
		size_t sl, ml;
		document_facts_values(facts, size, &sl, mtime, &ml);
		rc = dx_doc_set_value(doc, DL_VALUE_SIZE, size, sl);
		if (rc == DX_OK)
			rc = dx_doc_set_value(doc, DL_VALUE_MTIME, mtime, ml);
		if (rc == DX_OK && facts->root)
			rc = dx_doc_set_value(doc, DL_VALUE_ROOT, facts->root,
					      strlen(facts->root));
	}
	/* The people and places mentioned, with their mention counts. */
	entities_t ents = { 0 };
	if (rc == DX_OK && !want_entities)
		rc = set_data(doc, a, id, &ents);
	else if (rc == DX_OK && entities_from(&et, &eb, a->place, a->language, &ents) < 0)
		rc = DX_ERR_NOMEM;
	else if (rc == DX_OK) {
		entities_drop_source(&ents, a->source);
		/* XPER (and XSUR), XORG, XLOC: wdf = mentions. */
		const struct {
			const entity_t *e;
			size_t n;
			const char *prefix;
		} kinds[3] = { { ents.persons, ents.npersons, DL_PREFIX_PERSON },
			       { ents.orgs, ents.norgs, DL_PREFIX_ORG },
			       { ents.places, ents.nplaces, DL_PREFIX_LOCATION } };
		for (size_t k = 0; k < 3; k++)
			for (size_t i = 0; rc == DX_OK && i < kinds[k].n; i++) {
				const entity_t *e = &kinds[k].e[i];
				int n = snprintf(term, sizeof(term), "%s%s", kinds[k].prefix, e->key);
				if (n > 0 && (size_t)n < sizeof(term))
					rc = dx_doc_add_term(doc, term, (size_t)n, e->count);
				const char *surname = k == 0 ? strrchr(e->key, ' ') : NULL;
				if (rc == DX_OK && surname) {
					n = snprintf(term, sizeof(term), "%s%s", DL_PREFIX_SURNAME,
						     surname + 1);
					if (n > 0 && (size_t)n < sizeof(term))
						rc = dx_doc_add_term(doc, term, (size_t)n, e->count);
				}
			}
		if (rc == DX_OK)
			rc = set_data(doc, a, id, &ents);
		entities_free(&ents);
	}
	entity_text_clear(&et);
	entity_text_clear(&eb);
	if (rc != DX_OK) {
		dx_doc_destroy(doc);
		return rc;
	}
	*out = doc;
	return DX_OK;
}

/* State of document_unspell()'s tokenizer callback. */
typedef struct {
	dx_db_t *db;
	dx_status_t rc;
} unspell_t;

static int unspell_token(const an_token_t *tok, void *ctx)
{
	unspell_t *u = ctx;
	if (an_token_stems(tok))
		u->rc = dx_db_unspell(u->db, tok->term, tok->len);
	return u->rc != DX_OK;
}

dx_status_t document_unspell(dx_db_t *db, const char *data, size_t len)
{
	dl_record_t *r;
	unspell_t u = { db, DX_OK };
	if (dl_record_decode(data, len, &r, NULL, 0) < 0)
		return DX_OK;  /* not ours to read: nothing to take back */
	/* The fields index_text_field() gave the spelling table (free text). */
	for (size_t i = 0; i < DL_NFIELDS && u.rc == DX_OK; i++) {
		const char *text = dl_fields[i].flags & DL_FIELD_FREE_TEXT
				   ? dl_record_get(r, (enum dl_field_id)i) : NULL;
		if (text && an_tokenize(text, strlen(text), unspell_token, &u) < 0 &&
		    u.rc == DX_OK)
			u.rc = DX_ERR_NOMEM;
	}
	dl_record_free(r);
	return u.rc;
}
