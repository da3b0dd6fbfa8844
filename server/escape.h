/*
 * escape.h - writing strings from documents and queries into HTML, URLs
 * and JSON, each escaped for the context it lands in.
 *
 * Every byte the server sends that came from an article or a request goes
 * through one of these functions: the page renderer never concatenates raw
 * text. Text that is not valid UTF-8, and control characters other than
 * tab and newline, become U+FFFD in HTML and JSON, so a document cannot
 * smuggle a byte the browser would read differently from us.
 */
#ifndef DATELINE_ESCAPE_H
#define DATELINE_ESCAPE_H

#include <stdarg.h>
#include <stddef.h>

/* A growing output buffer. Starts zeroed ({0}); data is NUL-terminated
 * once anything was written. After an allocation failure, failed is set
 * and further writes do nothing: check it once at the end. */
typedef struct {
	char *data;   /* malloc'ed, owned by the buffer; NULL while empty */
	size_t len;
	size_t cap;
	int failed;
} esc_buf_t;

/* Free the buffer's memory and zero it. */
void esc_buf_free(esc_buf_t *b);
/* Hand the data out (malloc'ed, owned by the caller, "" when empty, NULL
 * when an allocation failed) and zero the buffer. */
char *esc_buf_take(esc_buf_t *b, size_t *len);

/* Is s (len bytes) valid UTF-8 with no NUL byte? */
int esc_utf8_valid(const char *s, size_t len);

/* ... and with no control character but tab, newline and carriage return
 * (no DEL, no C1 control either)? */
int esc_text_clean(const char *s, size_t len);

/* Raw text the program wrote itself (markup, literal strings): never
 * text from a document or a request. */
void esc_raw(esc_buf_t *b, const char *s);
void esc_rawn(esc_buf_t *b, const char *s, size_t len);
/* printf into the buffer: for numbers and the program's own strings only. */
void esc_printf(esc_buf_t *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* An integer as printf's %lld writes it, without printf (a search's
 * answer has hundreds). */
void esc_integer(esc_buf_t *b, long long v);

/* Text between HTML tags: & < > " ' become entities. */
void esc_html(esc_buf_t *b, const char *s, size_t len);
/* The same, for a NUL-terminated string (NULL writes nothing). */
void esc_html_str(esc_buf_t *b, const char *s);
/* A double-quoted HTML attribute value: the same set as esc_html (quotes
 * included), so the value can never close its attribute or tag. */
void esc_attr(esc_buf_t *b, const char *s, size_t len);
void esc_attr_str(esc_buf_t *b, const char *s);
/* One component of a URL's query string (a name or a value): every byte
 * but A-Z a-z 0-9 - _ . ~ percent-encoded (space as %20). */
void esc_url(esc_buf_t *b, const char *s, size_t len);
void esc_url_str(esc_buf_t *b, const char *s);
/* A JSON string with its quotes: " \ and controls escaped, and < > &
 * as \u003c \u003e \u0026 so that the JSON cannot end a script or a
 * comment if it is ever embedded in a page. */
void esc_json(esc_buf_t *b, const char *s, size_t len);
void esc_json_str(esc_buf_t *b, const char *s);

/* A JSON value (jansson's) written with esc_json() for every string,
 * objects' keys in their order; NULL writes null. */
struct json_t;
void esc_json_value(esc_buf_t *b, const struct json_t *v);

#endif /* DATELINE_ESCAPE_H */
