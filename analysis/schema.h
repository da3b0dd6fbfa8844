/*
 * schema.h - the Dateline index schema, in one place.
 *
 * Indexer and searcher both include this file; a term or slot that is not
 * named here does not exist in the index.
 *
 * Terms (Xapian and Omega conventions: single capitals are the reserved
 * prefixes, our own start with X):
 *
 *   Zstem       the Snowball stem of every word of title, author and body,
 *               with positions (phrases and NEAR match on stems, as BM25
 *               ranks on them; "talks" in a phrase matches "talked"). Title,
 *               author and body lie DL_FIELD_GAP positions apart so no
 *               phrase spans two. A number is not stemmed: its term is the
 *               number as written, unprefixed ("3.3"). A title or author
 *               word counts twice (indexer/document.h; --field-weight).
 *   ZSstem      title stems (positional): title:, and --boost title=W.
 *   ZAstem      author stems (positional).
 *   ZXPstem     place (dateline) stems (positional).
 *               The words as written are not terms: they are in the
 *               spelling table (one count per occurrence, taken back when
 *               the article is replaced or deleted), for "did you mean"
 *               and prefix*.
 *   XPERname    a person mentioned, normalised ("XPERjohn kerry"), wdf =
 *               mentions.
 *   XSURname    the surname (last word) of a person mentioned, wdf =
 *               mentions: person:Kerry finds John Kerry.
 *   XLOCname    a place mentioned, its canonical name normalised (Kiev and
 *               Kyiv are "kyiv"), wdf = mentions.
 *   Qid         the unique id: the path relative to the indexed folder (plus
 *               "#n" for the n-th item of a feed); ids too long for a term
 *               are hashed (see indexer).
 *   XFILEpath   the file the article was read from, relative to the indexed
 *               folder (boolean; every article of a feed or container file
 *               has it, so a file's articles go away together).
 *   XDIGESThex  a 64-bit FNV-1a digest of the article's title and body as
 *               16 hex digits (boolean): byte-identical articles share it.
 *   DYYYYMMDD MYYYYMM YYYYY    the article's date (boolean).
 *   XSRCsource  the source (boolean, folded).
 *   XFMTformat  the format the article was read as (boolean): see
 *               the DL_FORMAT_ names.
 *
 * Values: see enum dl_value_slot.
 *
 * Document data: a JSON object with the stored fields, keys as in
 * DL_KEY_* below; "body" holds the text that snippets are cut from.
 */
#ifndef DATELINE_SCHEMA_H
#define DATELINE_SCHEMA_H

#define DL_PREFIX_STEM "Z"
#define DL_PREFIX_TITLE "S"
#define DL_PREFIX_AUTHOR "A"
#define DL_PREFIX_PLACE "XP"
#define DL_PREFIX_PERSON "XPER"
#define DL_PREFIX_LOCATION "XLOC"
#define DL_PREFIX_SURNAME "XSUR"
#define DL_PREFIX_ID "Q"
#define DL_PREFIX_FILE "XFILE"
#define DL_PREFIX_DIGEST "XDIGEST"
#define DL_PREFIX_DAY "D"
#define DL_PREFIX_MONTH "M"
#define DL_PREFIX_YEAR "Y"
#define DL_PREFIX_SOURCE "XSRC"
#define DL_PREFIX_FORMAT "XFMT"

/* Positions left empty between two fields, so that a phrase or NEAR query
 * cannot match across the end of the title and the start of the body. */
#define DL_FIELD_GAP 100

enum dl_value_slot {
	/* The article's date as 8 ASCII digits YYYYMMDD: byte order is date
	 * order, so value ranges and sorting work on it directly. */
	DL_VALUE_DATE = 0,
	/* The file's size in bytes, Xapian sortable_serialise()d. */
	DL_VALUE_SIZE = 1,
	/* The file's modification time in seconds since the epoch,
	 * sortable_serialise()d. */
	DL_VALUE_MTIME = 2,
	/* The absolute path of the folder the article was indexed from (as
	 * given on the command line, resolved): a re-run over that folder
	 * removes the articles whose files are gone. */
	DL_VALUE_ROOT = 3,
	/* The article's digest, as in the XDIGEST term (DL_DIGEST_HEX hex
	 * digits), then its id, as in the document data: the searcher
	 * collapses hits on the digest (a duplicated report is shown once)
	 * and prints TREC ids without unpacking the data, one read for both. */
	DL_VALUE_DIGEST_ID = 4
};

/* Hex digits of a digest (DL_VALUE_DIGEST_ID, XDIGEST terms). */
#define DL_DIGEST_HEX 16

/* Index metadata: the Snowball language the index was stemmed with; the
 * searcher stems queries with the same. */
#define DL_META_LANGUAGE "dateline.language"

/* Index metadata: the version of this schema the index was built with.
 * Both programs refuse an index of another version and say to remove it
 * and index again (its terms are not those this version reads or writes). Version 2: positions on stems, no
 * unstemmed word terms, the words in the spelling table. Version 3: title
 * and author words count twice in the free text (Z terms; the searcher
 * adds no title or author boost terms by default). */
#define DL_META_SCHEMA "dateline.schema"
#define DL_SCHEMA_VERSION "3"

/* Keys of the JSON object stored as document data. */
#define DL_KEY_ID "id"
#define DL_KEY_TITLE "title"
#define DL_KEY_AUTHOR "author"
#define DL_KEY_DATE "date"
#define DL_KEY_PLACE "place"
#define DL_KEY_SOURCE "source"
#define DL_KEY_URL "url"
#define DL_KEY_FORMAT "format"
#define DL_KEY_LANGUAGE "language"
#define DL_KEY_BODY "body"
#define DL_KEY_PERSONS "persons"     /* names of the people mentioned */
#define DL_KEY_PLACES "places"       /* canonical names of the places mentioned */

/* Formats an article can be read as (the XFMT term and "format" key). */
#define DL_FORMAT_HEADER "header"     /* text with a Key: value header block */
#define DL_FORMAT_SCRAPED "scraped"   /* text scraped from a news page */
#define DL_FORMAT_PLAIN "plain"       /* bare text, first line is the title */
#define DL_FORMAT_REUTERS "reuters"   /* a story of a Reuters-21578 SGML file */
#define DL_FORMAT_HTML "html"         /* an HTML page */
#define DL_FORMAT_RSS "rss"           /* an item of an RSS feed */
#define DL_FORMAT_ATOM "atom"         /* an entry of an Atom feed */

/* A field a query can name ("title:crimea"): its name and its prefix (its
 * terms are Z + prefix + stem; numbers prefix + number). */
typedef struct {
	const char *name;
	const char *prefix;
} dl_field_t;

/* The searchable text fields, NULL-terminated. */
extern const dl_field_t dl_text_fields[];

/* The field called name (ASCII, case-insensitive), or NULL. */
const dl_field_t *dl_field_find(const char *name, size_t len);

/* Longest term Xapian takes, in bytes. */
#define DL_MAX_TERM_BYTES 245

/* The term prefix + id ("Q" for an article, "XFILE" for a file): ids too
 * long for a term are cut and followed by a hash of the whole id. Writes
 * into buf (at least DL_MAX_TERM_BYTES + 1 bytes). */
void dl_id_term(const char *prefix, const char *id, char *buf);

/* Reading a DL_VALUE_DIGEST_ID value (len bytes, NUL-terminated as the
 * shim returns it): its XDIGEST term into buf (DL_MAX_TERM_BYTES + 1
 * bytes; returns -1 when the value is too short for a digest), and its id
 * (NULL when it has none). */
int dl_value_digest_term(const char *value, size_t len, char *buf);
const char *dl_value_id(const char *value, size_t len);

struct dx_db;

/* Was the index built with this schema? 1 yes (or it was never written:
 * it has no language), 0 no: *found is the version it records ("1" when
 * it records none; malloc'ed, the caller frees it), -1 when the metadata
 * cannot be read (dx_last_error() says why). */
int dl_schema_check(struct dx_db *db, const char *language, char **found);

#endif /* DATELINE_SCHEMA_H */
