/*
 * cache.c - recent searches' answers (cache.h): a hash table of entries
 * on a least-recently-used list, under one mutex (a lookup holds it for a
 * hash, a compare and a copy: microseconds).
 */
#include "cache.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry entry_t;
struct entry {
	entry_t *next_in_bucket;
	entry_t *newer, *older;   /* the LRU list */
	uint64_t hash;
	unsigned long gen;
	size_t klen, vlen;
	char *key, *value;
};

/* Buckets: a power of two, enough for the entries a bound of 32 MiB
 * holds at ~5 KB each. */
#define NBUCKETS 8192

static struct {
	pthread_mutex_t lock;
	entry_t *buckets[NBUCKETS];
	entry_t *newest, *oldest;
	size_t bytes, max_bytes;
	unsigned long gen;
	unsigned long hits, misses;
} cache = { PTHREAD_MUTEX_INITIALIZER, { NULL }, NULL, NULL, 0, 0, 0, 0, 0 };

static uint64_t hash_of(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;  /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static size_t cost(const entry_t *e)
{
	return sizeof(*e) + e->klen + e->vlen;
}

static void unlink_lru(entry_t *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		cache.newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		cache.oldest = e->newer;
	e->newer = e->older = NULL;
}

static void push_newest(entry_t *e)
{
	e->older = cache.newest;
	e->newer = NULL;
	if (cache.newest)
		cache.newest->newer = e;
	cache.newest = e;
	if (!cache.oldest)
		cache.oldest = e;
}

/* Take e out of the table and the list, and free it. */
static void drop(entry_t *e)
{
	entry_t **p = &cache.buckets[e->hash & (NBUCKETS - 1)];
	while (*p && *p != e)
		p = &(*p)->next_in_bucket;
	if (*p)
		*p = e->next_in_bucket;
	unlink_lru(e);
	cache.bytes -= cost(e);
	free(e->key);
	free(e->value);
	free(e);
}

static void drop_all(void)
{
	while (cache.oldest)
		drop(cache.oldest);
}

void sv_cache_init(size_t max_bytes)
{
	cache.max_bytes = max_bytes;
}

int sv_cache_enabled(void)
{
	return cache.max_bytes > 0;
}

void sv_cache_clear(void)
{
	pthread_mutex_lock(&cache.lock);
	drop_all();
	pthread_mutex_unlock(&cache.lock);
}

unsigned long sv_cache_generation(void)
{
	pthread_mutex_lock(&cache.lock);
	unsigned long g = cache.gen;
	pthread_mutex_unlock(&cache.lock);
	return g;
}

unsigned long sv_cache_next_generation(unsigned long seen)
{
	pthread_mutex_lock(&cache.lock);
	/* Another thread may have seen the commit first: one step for it. */
	if (cache.gen == seen) {
		cache.gen++;
		drop_all();
	}
	unsigned long g = cache.gen;
	pthread_mutex_unlock(&cache.lock);
	return g;
}

static entry_t *find(uint64_t h, const char *key, size_t klen)
{
	for (entry_t *e = cache.buckets[h & (NBUCKETS - 1)]; e; e = e->next_in_bucket)
		if (e->hash == h && e->klen == klen && memcmp(e->key, key, klen) == 0)
			return e;
	return NULL;
}

char *sv_cache_get(const char *key, size_t klen, unsigned long gen, size_t *len)
{
	char *copy = NULL;
	if (!cache.max_bytes)
		return NULL;
	uint64_t h = hash_of(key, klen);
	pthread_mutex_lock(&cache.lock);
	entry_t *e = find(h, key, klen);
	if (e && e->gen == gen && gen == cache.gen && (copy = malloc(e->vlen + 1))) {
		memcpy(copy, e->value, e->vlen);
		copy[e->vlen] = '\0';
		*len = e->vlen;
		unlink_lru(e);
		push_newest(e);
		cache.hits++;
	} else {
		cache.misses++;
	}
	pthread_mutex_unlock(&cache.lock);
	return copy;
}

void sv_cache_put(const char *key, size_t klen, unsigned long gen, const char *value,
		  size_t vlen)
{
	if (!cache.max_bytes || vlen > cache.max_bytes / 8)
		return;
	entry_t *e = calloc(1, sizeof(*e));
	if (!e || !(e->key = malloc(klen)) || !(e->value = malloc(vlen))) {
		if (e)
			free(e->key);
		free(e);
		return;
	}
	memcpy(e->key, key, klen);
	memcpy(e->value, value, vlen);
	e->klen = klen;
	e->vlen = vlen;
	e->gen = gen;
	e->hash = hash_of(key, klen);
	pthread_mutex_lock(&cache.lock);
	entry_t *old = gen == cache.gen ? find(e->hash, key, klen) : NULL;
	if (gen != cache.gen) {
		pthread_mutex_unlock(&cache.lock);
		free(e->key);
		free(e->value);
		free(e);
		return;
	}
	if (old)
		drop(old);
	while (cache.oldest && cache.bytes + cost(e) > cache.max_bytes)
		drop(cache.oldest);
	e->next_in_bucket = cache.buckets[e->hash & (NBUCKETS - 1)];
	cache.buckets[e->hash & (NBUCKETS - 1)] = e;
	push_newest(e);
	cache.bytes += cost(e);
	pthread_mutex_unlock(&cache.lock);
}

void sv_cache_stats(unsigned long *hits, unsigned long *misses)
{
	pthread_mutex_lock(&cache.lock);
	*hits = cache.hits;
	*misses = cache.misses;
	pthread_mutex_unlock(&cache.lock);
}
