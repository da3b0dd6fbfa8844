/*
 * article.h - one article as the readers hand it to the indexer.
 */
#ifndef DATELINE_ARTICLE_H
#define DATELINE_ARTICLE_H

#include <stddef.h>

/* Every string is UTF-8, malloc'ed and owned by the article (NULL when
 * unknown), freed by article_clear(). */
typedef struct {
	char *title;
	char *author;    /* several authors joined with ", " */
	char *date;      /* ISO 8601: YYYY-MM-DD, YYYY-MM or YYYY */
	char *place;     /* the dateline or location */
	char *source;
	char *url;
	char *language;
	char *body;
	const char *format;  /* a DL_FORMAT_ name from schema.h (static) */
} article_t;

void article_clear(article_t *a);

struct utf8_fixes;

/*
 * The boundary between the readers and the index: every article passes
 * through it (indexer/ingest.c) before its document is built. Each field
 * becomes valid UTF-8 with no control character (the body keeps its
 * newlines and tabs): a byte a reader let through that is not valid UTF-8
 * becomes U+FFFD, a control character a space, counted in *fixes. The
 * readers are expected to hand on valid text (converted by the file's
 * encoding, cut at character boundaries); this makes sure of it. Returns
 * 0, or -1 when out of memory.
 */
int article_clean(article_t *a, struct utf8_fixes *fixes);

/* Set *field to a trimmed copy of len bytes of s (whitespace runs become
 * one space); an empty result leaves NULL. Returns 0, or -1 when out of
 * memory. An existing value is replaced. */
int article_set(char **field, const char *s, size_t len);

/*
 * Read a plain-text article (valid UTF-8, len bytes) in one of the three
 * shapes: a Key: value header block, text scraped from a news page, or bare
 * text whose first line is the title. Fills *a (which must be zeroed).
 * Returns 0, or -1 when out of memory.
 */
int text_read(const char *buf, size_t len, article_t *a);

/*
 * Readers of files that hold several articles call this once per article,
 * with the suffix that makes its id ("#" + the item's own id or position
 * is appended to the file's id). The callee may keep nothing of a: the
 * reader clears it afterwards. Return 0 to go on, nonzero to stop.
 */
typedef int (*article_fn)(article_t *a, const char *suffix, void *ctx);

/* Room for a suffix: a longer item id (a guid) falls back to the item's
 * position. */
#define ARTICLE_SUFFIX_BYTES 160

/* Does the file look like Reuters-21578 SGML (<!DOCTYPE lewis> or
 * <REUTERS> blocks)? */
int reuters_detect(const char *buf, size_t len);

/*
 * Read every <REUTERS> story of a Reuters-21578 SGML file (valid UTF-8),
 * calling fn with suffix "#NEWID". The files are not XML (no single root,
 * character references to control characters): they are split on their
 * tags and the references decoded by hand. Returns 0, -1 when out of
 * memory, or the nonzero value fn returned.
 */
int reuters_read(const char *buf, size_t len, article_fn fn, void *ctx);

/* Does the file look like an HTML page (a doctype, <html>, <head> or
 * <body> near its start)? */
int html_detect(const char *buf, size_t len);

/*
 * Read an HTML page of len bytes into *a (zeroed): metadata and the
 * article's text without the page around it. encoding is "UTF-8" when the
 * bytes are known to be UTF-8, or NULL to let the page's own declaration
 * decide. Returns 0 (a page with no text leaves a empty), or -1 when out of
 * memory.
 */
int html_read(const char *buf, size_t len, const char *encoding, article_t *a);

/* Does the file look like an RSS or Atom feed (its first element is
 * <rss>, <feed> or <rdf:RDF>)? */
int feed_detect(const char *buf, size_t len);

/*
 * Read every item of an RSS 2.0 / 1.0 or Atom feed, calling fn with suffix
 * "#" + the item's guid or id (its position when it has none). Never loads
 * a DTD, an external entity or anything from the network, and does not
 * expand entities. Returns 0, -1 when out of memory, or fn's nonzero value.
 */
int feed_read(const char *buf, size_t len, article_fn fn, void *ctx);

/*
 * Readers that stream a file report a problem with one of its items
 * (suffix as given to article_fn) or with the file (suffix NULL) through
 * this: msg is a sentence such as "skipped: cut off by the end of the
 * file", valid during the call only.
 */
typedef void (*reader_note_fn)(const char *suffix, const char *msg, void *ctx);

/* Does buf start like a WARC record ("WARC/1.")? */
int warc_detect(const char *buf, size_t len);

/* Is the file at path a web archive: named .warc or .warc.gz, or starting
 * (head: its first len bytes, or inside its first gzip member) with a
 * WARC record? */
int warc_detect_file(const char *path, const char *head, size_t len);

/*
 * Read the pages of a WARC file (.warc, or .warc.gz with a gzip member per
 * record, or one gzip stream), streamed record by record: fn is called
 * with suffix "#" + the WARC-Record-ID (its position when it has none) for
 * each 2xx HTML or plain-text page of a response or resource record
 * (format "warc", URL the WARC-Target-URI, the WARC-Date when the page
 * gives no date). A record larger than max_record bytes is skipped
 * without being kept in memory; a damaged record is reported through note
 * and skipped, and reading goes on at the next record. Returns 0, -1 when
 * out of memory, -2 when the file cannot be opened (noted), or fn's
 * nonzero value.
 */
int warc_read(const char *path, unsigned long long max_record, article_fn fn,
	      reader_note_fn note, void *ctx);

/* A page of a web archive as warc_each_page() hands it on (valid during
 * the call only): its payload with the HTTP header, chunking and
 * compression taken off, the media type and charset of the HTTP header
 * or the record ("" when none), and the record's WARC-Target-URI and
 * WARC-Date (NULL when absent). */
typedef struct {
	const char *suffix;
	const char *payload;
	size_t len;
	const char *type, *charset;
	const char *uri, *date;
} warc_page_t;

/* Return 0 to go on, nonzero to stop. */
typedef int (*warc_page_fn)(const warc_page_t *page, void *ctx);

/*
 * warc_read() in two halves, so that the pages can be read into articles
 * elsewhere (the indexer's workers) while the file is streamed:
 * warc_each_page() streams the file as warc_read() does, calling page
 * with page_ctx for each 2xx response or resource record's page, and note
 * with ctx; warc_page_read() reads a page into *a (zeroed; cleared by the
 * caller whatever the result) as warc_read() hands it to fn. It returns
 * 0 (an article), 1 (not an article: another media type, no text) or -1
 * (out of memory).
 */
int warc_each_page(const char *path, unsigned long long max_record, warc_page_fn page,
		   void *page_ctx, reader_note_fn note, void *ctx);
int warc_page_read(const warc_page_t *page, article_t *a);

/* What mail_detect() recognised. */
enum { MAIL_NONE = 0, MAIL_MBOX = 1, MAIL_MESSAGE = 2 };

/* Is the file (path, its first len bytes) an mbox ("From " line, then a
 * header), or one message (a header block with From: and a field only
 * mail has, or named .eml)? Returns MAIL_MBOX, MAIL_MESSAGE or MAIL_NONE. */
int mail_detect(const char *path, const char *buf, size_t len);

/*
 * Read the messages of an mbox (kind MAIL_MBOX) or the one message of an
 * .eml file (MAIL_MESSAGE) with GMime: fn is called once per message with
 * suffix "#" + its Message-ID (its position when it has none), title the
 * subject, author the sender, date the Date:, body the text part (or the
 * HTML part through the HTML reader), format "email". Returns 0, -1 when
 * out of memory, or fn's nonzero value; a file GMime cannot read is noted.
 */
int mail_read(const char *buf, size_t len, int kind, article_fn fn, reader_note_fn note,
	      void *ctx);

/* Does the file look like a PDF document ("%PDF-" near its start)? */
int pdf_detect(const char *buf, size_t len);

/*
 * Read a PDF document of len bytes into *a (zeroed) with poppler-glib:
 * title, author and creation date from its metadata (the title else the
 * first page's largest text), body the pages' text in reading order with
 * hyphenation at line ends joined, format "pdf". Returns 0, -1 when out of
 * memory, or 1 when the document cannot be read (encrypted, broken): err
 * (errlen bytes) says why.
 */
int pdf_read(const char *buf, size_t len, article_t *a, char *err, size_t errlen);

#endif /* DATELINE_ARTICLE_H */
