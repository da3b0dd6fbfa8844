/*
 * cache.h - the answers of recent searches, shared by the server's
 * threads: a search asked again (the same query, filters, page and sort)
 * is answered from memory until the index moves on.
 *
 * Entries are tagged with the index's generation, a number the backends
 * raise when one of them sees a newer commit (backend_search.c): an entry
 * of another generation is never returned. Bounded in bytes; the least
 * recently used entries go first.
 */
#ifndef DATELINE_CACHE_H
#define DATELINE_CACHE_H

#include <stddef.h>

/* Default bound of the cache, MiB (--cache-mb). A search's answer is
 * 5-20 KB: 32 MiB hold a few thousand. */
#define SV_CACHE_DEFAULT_MB 32

/* Set the bound (0: no cache). Call before serving; not thread-safe. */
void sv_cache_init(size_t max_bytes);
/* Whether answers are kept at all (a bound above 0): without, a caller
 * need not write out what it would store. */
int sv_cache_enabled(void);
/* Drop every entry (at exit). */
void sv_cache_clear(void);

/* The generation of the index now, and the next one (a newer commit was
 * seen: every entry is dropped). Thread-safe. */
unsigned long sv_cache_generation(void);
unsigned long sv_cache_next_generation(unsigned long seen);

/* The value stored for key (klen bytes) in generation gen: a malloc'ed
 * copy (*len bytes, NUL-terminated) the caller frees, or NULL. */
char *sv_cache_get(const char *key, size_t klen, unsigned long gen, size_t *len);

/* Store a copy of value under key for generation gen (nothing when gen
 * is not the current one, or the value is larger than an eighth of the
 * bound). */
void sv_cache_put(const char *key, size_t klen, unsigned long gen, const char *value,
		  size_t vlen);

/* Hits and misses so far (for --verbose and tests). */
void sv_cache_stats(unsigned long *hits, unsigned long *misses);

#endif /* DATELINE_CACHE_H */
