/*
 * schema.h - the Dateline index schema, in one place.
 *
 * Every program includes this file; a term, value or stored key that is
 * not named here does not exist in the index. The table dl_fields[] (one
 * row per field, enum dl_field_id) is what the code reads: the indexer's
 * document builder (indexer/document.c) makes a field's terms from its
 * flags, the spelling take-back reads the free-text fields back from the
 * record, --field-weight and --boost accept the fields flagged for them,
 * the query language finds its fields by name, and the stored record
 * (analysis/record.h) keeps the fields that have a key, in table order.
 *
 *   field     prefix   record key  what it does
 *   title     S        title       words: free text (counted twice, see
 *                                  weight) and ZS stems: title:, --boost
 *   author    A        author      words: free text (twice) and ZA stems
 *   date      D        date        DYYYYMMDD (boolean), DL_VALUE_DATE:
 *                                  date:A..B, --since, --until
 *   place     XP       place       the dateline: ZXP stems (not free
 *                                  text); place: also finds the places
 *                                  mentioned (places)
 *   source    XSRC     source      the source, folded (boolean): source:
 *   url       -        url         stored only
 *   format    XFMT     format      how the article was read (boolean):
 *                                  a DL_FORMAT_ name
 *   lang      XLANG    lang        the article's language, an ISO 639-1
 *                                  code ("fr"; boolean): lang:fr. Its
 *                                  words are stemmed by that language's
 *                                  Snowball stemmer (analysis/language.h)
 *   body      -        body        words: free text; snippets are cut
 *                                  from the stored body
 *   person    XPER     persons     a person mentioned, normalised
 *                                  ("XPERjohn kerry"), wdf = mentions:
 *                                  person:NAME
 *   places    XLOC     places      a place mentioned, its canonical name
 *                                  normalised (Kiev and Kyiv are
 *                                  "kyiv"), wdf = mentions
 *   org       XORG     organisations  an organisation mentioned (the
 *                                  tagger's ORG), its written form
 *                                  normalised ("XORGeuropean union"),
 *                                  wdf = mentions: org:NAME, --org
 *   id        Q        id          the unique id: the path relative to
 *                                  the indexed folder (plus "#n" for the
 *                                  n-th item of a feed); too long ids are
 *                                  hashed (dl_id_term): id:ID
 *   surname   XSUR     -           the last word of a person mentioned,
 *                                  wdf = mentions: person:Kerry finds
 *                                  John Kerry
 *   file      XFILE    -           the file the article was read from
 *                                  (boolean; a file's articles go away
 *                                  together)
 *   digest    XDIGEST  -           FNV-1a digest of title and body, 16
 *                                  hex digits (boolean), and with the id
 *                                  in DL_VALUE_DIGEST_ID: duplicates
 *   month     M        -           MYYYYMM (boolean)
 *   year      Y        -           YYYYY (boolean)
 *   size, mtime, root  -           values only: what the file system said
 *                                  of the file (incremental indexing)
 *
 * Terms follow Xapian's and Omega's conventions: single capitals are the
 * reserved prefixes, ours start with X. A word of a text field makes the
 * Snowball stem "Z" + prefix + stem, with positions (phrases and NEAR
 * match on stems, as BM25 ranks on them; "talks" in a phrase matches
 * "talked"); a free-text word makes "Z" + stem too, its wdf the field's
 * weight. A number is not stemmed: its term is the number as written
 * (prefix + "3.3"). Text fields lie DL_FIELD_GAP positions apart so no
 * phrase spans two. The words as written are not terms: the free-text
 * words are in the spelling table (one count per occurrence, taken back
 * when the article is replaced or deleted), for "did you mean" and
 * prefix*.
 *
 * Values: see enum dl_value_slot. Document data: the stored record
 * (analysis/record.h), a JSON object with the keys above; "body" holds
 * the text that snippets are cut from.
 */
#ifndef DATELINE_SCHEMA_H
#define DATELINE_SCHEMA_H

/* The prefixes of the table's fields (and Z, the stems'), for the code
 * that makes or reads one kind of term. */
#define DL_PREFIX_STEM "Z"
#define DL_PREFIX_TITLE "S"
#define DL_PREFIX_AUTHOR "A"
#define DL_PREFIX_PLACE "XP"
#define DL_PREFIX_PERSON "XPER"
#define DL_PREFIX_LOCATION "XLOC"
#define DL_PREFIX_SURNAME "XSUR"
#define DL_PREFIX_ORG "XORG"
#define DL_PREFIX_ID "Q"
#define DL_PREFIX_FILE "XFILE"
#define DL_PREFIX_DIGEST "XDIGEST"
#define DL_PREFIX_DAY "D"
#define DL_PREFIX_MONTH "M"
#define DL_PREFIX_YEAR "Y"
#define DL_PREFIX_SOURCE "XSRC"
#define DL_PREFIX_FORMAT "XFMT"
#define DL_PREFIX_LANGUAGE "XLANG"

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
	DL_VALUE_DIGEST_ID = 4,
	/* What the searcher's facets count, read without unpacking the
	 * document data (a thousand hits' data cost 20 times as much): the
	 * article's people, organisations, places, author, source and month,
	 * each a kind byte (enum dl_facet_kind) then the name, each ended by
	 * a NUL byte, after a first byte DL_FACETS_FORMAT
	 * (analysis/record.h: dl_record_facets_value()). An index written
	 * before it has no such value: the searcher reads the data then. */
	DL_VALUE_FACETS = 5
};

/* Hex digits of a digest (DL_VALUE_DIGEST_ID, XDIGEST terms). */
#define DL_DIGEST_HEX 16

/* Index metadata: the Snowball language the index was stemmed with; the
 * searcher stems queries with the same. */
#define DL_META_LANGUAGE "dateline.language"

/* Index metadata: the version of the tagger's model (an_tagger_version())
 * the articles' people, organisations and places were found with, as the
 * last run that indexed with it wrote it. */
#define DL_META_TAGGER "dateline.tagger"

/* Index metadata: the version of this schema the index was built with.
 * Both programs refuse an index of another version and say to remove it
 * and index again (its terms are not those this version reads or writes). Version 2: positions on stems, no
 * unstemmed word terms, the words in the spelling table. Version 3: title
 * and author words count twice in the free text (Z terms; the searcher
 * adds no title or author boost terms by default). */
#define DL_META_SCHEMA "dateline.schema"
#define DL_SCHEMA_VERSION "3"

/* Index metadata: "K/N" when the index is shard K (1-based) of an index
 * in N shards (dateline-index --shards N or --shard K/N; a file's
 * articles are in the shard its relative path hashes to, see
 * indexer/shardset.h); absent in an index that is not a shard. */
#define DL_META_SHARD "dateline.shard"

/* Index metadata: which of the fields a query searches by default (the
 * title, author and place) have any words in the index, as the indexer
 * found them at its last commit: "title=1 author=0 place=1". The searcher
 * reads this instead of looking for a stem of each field among the terms,
 * which a remote shard answers with its whole list of the field's stems.
 * Absent in an index written before (the searcher then looks). */
#define DL_META_FIELDS "dateline.fields"

/* The fields of DL_META_FIELDS, as bits. */
enum { DL_HAS_TITLE = 1, DL_HAS_AUTHOR = 2, DL_HAS_PLACE = 4 };
#define DL_FIELDS_BYTES 32

/* Keys of the JSON object stored as document data. */
#define DL_KEY_ID "id"
#define DL_KEY_TITLE "title"
#define DL_KEY_AUTHOR "author"
#define DL_KEY_DATE "date"
#define DL_KEY_PLACE "place"
#define DL_KEY_SOURCE "source"
#define DL_KEY_URL "url"
#define DL_KEY_FORMAT "format"
#define DL_KEY_LANGUAGE "lang"
#define DL_KEY_BODY "body"
#define DL_KEY_PERSONS "persons"     /* names of the people mentioned */
#define DL_KEY_PLACES "places"       /* canonical names of the places mentioned */
#define DL_KEY_ORGS "organisations" /* names of the organisations mentioned */

/* Formats an article can be read as (the XFMT term and "format" key). */
#define DL_FORMAT_HEADER "header"     /* text with a Key: value header block */
#define DL_FORMAT_SCRAPED "scraped"   /* text scraped from a news page */
#define DL_FORMAT_PLAIN "plain"       /* bare text, first line is the title */
#define DL_FORMAT_REUTERS "reuters"   /* a story of a Reuters-21578 SGML file */
#define DL_FORMAT_HTML "html"         /* an HTML page */
#define DL_FORMAT_RSS "rss"           /* an item of an RSS feed */
#define DL_FORMAT_ATOM "atom"         /* an entry of an Atom feed */
#define DL_FORMAT_WARC "warc"         /* a page of a web archive (WARC) */
#define DL_FORMAT_EMAIL "email"       /* a message of an .eml or mbox file */
#define DL_FORMAT_PDF "pdf"           /* a PDF document */

/* What a field does: its row's flags in dl_fields[]. */
enum dl_field_flag {
	/* Its words are terms under its prefix, positional stems (Z +
	 * prefix + stem): NAME:word, NAME:"a phrase", NAME:prefix*. */
	DL_FIELD_TEXT = 1u << 0,
	/* Its words are also in the free text (unprefixed Z terms, wdf =
	 * the field's weight) and in the spelling table. */
	DL_FIELD_FREE_TEXT = 1u << 1,
	/* --field-weight NAME=N: how many times its words count in the free
	 * text (index time). */
	DL_FIELD_WEIGHTED = 1u << 2,
	/* --boost NAME=W: a query word also matches it, at W of its weight
	 * (query time). */
	DL_FIELD_BOOSTABLE = 1u << 3,
	/* Boolean terms (prefix + value, wdf 0): a filter that weighs
	 * nothing. */
	DL_FIELD_BOOLEAN = 1u << 4,
	/* Normalised names of the people, places (organisations) mentioned,
	 * wdf = mentions; the record keeps the names as a list. */
	DL_FIELD_ENTITY = 1u << 5,
	/* A range over its value slot (date:A..B, --since, --until). */
	DL_FIELD_RANGE = 1u << 6,
	/* The query language names it: NAME:... */
	DL_FIELD_QUERY = 1u << 7,
	/* NAME: also finds the articles that mention it: the entity field
	 * named in the row's mentions (place: and places). */
	DL_FIELD_MENTIONS = 1u << 8,
	/* The record holds a list of strings under its key (not a string). */
	DL_FIELD_LIST = 1u << 9,
	/* Its boolean term is the value folded (an_normalise): source:. */
	DL_FIELD_FOLDED = 1u << 10
};

/* The fields, in the order of dl_fields[] (and of the stored record). */
enum dl_field_id {
	DL_F_ID,
	DL_F_TITLE,
	DL_F_AUTHOR,
	DL_F_DATE,
	DL_F_PLACE,
	DL_F_SOURCE,
	DL_F_URL,
	DL_F_FORMAT,
	DL_F_LANGUAGE,
	DL_F_BODY,
	DL_F_PERSONS,
	DL_F_ORGS,
	DL_F_PLACES,
	DL_F_SURNAME,
	DL_F_FILE,
	DL_F_DIGEST,
	DL_F_MONTH,
	DL_F_YEAR,
	DL_F_SIZE,
	DL_F_MTIME,
	DL_F_ROOT,
	DL_NFIELDS
};

/* How many times a title or author word counts in the free text by
 * default (its wdf there, and so in the document's length: BM25F with one
 * length normalisation; --field-weight changes it). This weighs them in
 * the one posting list a word's query reads: the boost terms added at
 * query time before (a title term per word) cost 20% of the matcher's
 * work on Reuters. make eval: CISI MAP 0.2463 -> 0.2396, MED 0.5838 ->
 * 0.5870, P@10 and nDCG@10 a little higher on both; none of it
 * significant. */
#define DL_TITLE_WEIGHT 2
#define DL_AUTHOR_WEIGHT 2

/* No value slot (dl_field_t.slot). */
#define DL_NO_SLOT (-1)

/* One field of the index: one row of dl_fields[]. */
typedef struct {
	const char *name;     /* as the query language and the options name it */
	const char *prefix;   /* its terms' prefix; NULL: no terms */
	const char *key;      /* its key in the stored record; NULL: not stored */
	unsigned flags;       /* enum dl_field_flag */
	int slot;             /* its value slot, or DL_NO_SLOT */
	unsigned weight;      /* DL_FIELD_FREE_TEXT: a word's wdf there by default */
	enum dl_field_id mentions;  /* DL_FIELD_MENTIONS: the entity field */
	const char *what;     /* what it holds, in a few words (--help, errors) */
} dl_field_t;

/* The index schema: DL_NFIELDS rows, indexed by enum dl_field_id. */
extern const dl_field_t dl_fields[DL_NFIELDS];

/* The field named name (len bytes, ASCII, case-insensitive) that has all
 * of flags (0: any field), or NULL. The table is static: the pointer stays
 * valid for the process. */
const dl_field_t *dl_field_by_name(const char *name, size_t len, unsigned flags);

/* The field whose terms have exactly this prefix, or NULL. Month and year
 * are fields of their own (M, Y), as are the surnames (XSUR). */
const dl_field_t *dl_field_by_prefix(const char *prefix);

/* The row's index in dl_fields[] (its enum dl_field_id). */
enum dl_field_id dl_field_id(const dl_field_t *f);

/* The names of the fields with all of flags, joined with ", " ("title,
 * author, place"), into buf (size bytes, always NUL-terminated): for
 * --help and the "unknown field" messages. Returns buf. */
char *dl_field_names(unsigned flags, char *buf, size_t size);

/* The text fields a query can name (title:, author:, place:): as
 * dl_field_by_name(name, len, DL_FIELD_TEXT | DL_FIELD_QUERY). */
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

/* The DL_HAS_ bits of the fields that have a stem term in db, found
 * among its terms, into *mask. Returns 0, or -1 when db cannot be read
 * (dx_last_error() says why). */
int dl_fields_scan(struct dx_db *db, unsigned *mask);

/* The DL_META_FIELDS value of mask into buf. */
void dl_fields_format(unsigned mask, char buf[DL_FIELDS_BYTES]);

/* A DL_META_FIELDS value's bits into *mask: 0, or -1 when value is not
 * one (empty: the key is absent). */
int dl_fields_parse(const char *value, unsigned *mask);

/* Scan the writable db (its changes not committed yet included) and set
 * DL_META_FIELDS, for the next commit. Returns 0 or -1 (dx_last_error()). */
int dl_fields_stamp(struct dx_db *db);

#endif /* DATELINE_SCHEMA_H */
