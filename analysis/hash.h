/*
 * hash.h - the one string hash of the project: 64-bit FNV-1a (ids too
 * long for a term, article digests, the gazetteer's and the catalog's
 * tables).
 */
#ifndef DATELINE_HASH_H
#define DATELINE_HASH_H

#include <stddef.h>
#include <stdint.h>

#define AN_HASH_START 0xcbf29ce484222325ULL

/* Continue hash h over len bytes of s (start with AN_HASH_START). */
static inline uint64_t an_hash(uint64_t h, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

#endif /* DATELINE_HASH_H */
