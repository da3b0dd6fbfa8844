/*
 * encoding.h - making the bytes of a file into UTF-8 text.
 */
#ifndef DATELINE_ENCODING_H
#define DATELINE_ENCODING_H

#include <stddef.h>

/* Bytes looked at to decide that a file is binary. */
#define ENC_SNIFF_BYTES 8192

/* Does buf look binary (a NUL byte among its first ENC_SNIFF_BYTES)? */
int enc_is_binary(const char *buf, size_t len);

/* Is buf valid UTF-8? When not, *bad is the offset of the first bad byte. */
int enc_valid_utf8(const char *buf, size_t len, size_t *bad);

/*
 * buf read as Windows-1252 (Latin-1 with the printable 0x80-0x9F range),
 * converted to UTF-8. Returns a malloc'ed, NUL-terminated string owned by
 * the caller, its length in *out_len; NULL when out of memory.
 */
char *enc_cp1252_to_utf8(const char *buf, size_t len, size_t *out_len);

/*
 * Text that is UTF-8 but in places (a parser that let a raw byte through):
 * its valid sequences kept, every other byte read as Windows-1252. A
 * malloc'ed, NUL-terminated string owned by the caller, its length in
 * *out_len; NULL when out of memory.
 */
char *enc_repair_utf8(const char *buf, size_t len, size_t *out_len);

/* Length of a UTF-8 byte order mark at the start of buf (3 or 0). */
size_t enc_bom_len(const char *buf, size_t len);

/* Where the content of buf starts: after a byte order mark and white
 * space (the readers' format detection looks there). */
size_t enc_content_start(const char *buf, size_t len);

/* Bytes looked at for a charset declaration. */
#define ENC_DECLARATION_BYTES 4096

/*
 * Does the start of an HTML page or XML file declare a charset other than
 * UTF-8 (<meta charset=...>, content="...; charset=...", or the encoding of
 * the <?xml ...?> declaration)? Then its parser decodes it by that; a file
 * that is not valid UTF-8 and declares nothing else is read as
 * Windows-1252 like a text file.
 */
int enc_declares_other_charset(const char *buf, size_t len);

#endif /* DATELINE_ENCODING_H */
