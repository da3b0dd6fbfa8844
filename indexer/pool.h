/*
 * pool.h - worker threads that process items in parallel while their
 * results are used in the order the items were submitted.
 *
 * The indexer's walk submits one item per file; workers read and analyse
 * the files; the submitting thread prints messages and keeps counts in
 * walk order, as with one thread (and, updating an index, writes it).
 */
#ifndef DATELINE_POOL_H
#define DATELINE_POOL_H

#include <stddef.h>

typedef struct pool pool_t;

/* Called in a worker with the item and that worker's own context. */
typedef void (*pool_work_fn)(void *item, void *worker_ctx);
/* Called in the submitting thread, in submission order, once an item's
 * work is done. */
typedef void (*pool_done_fn)(void *item, void *ctx);

/*
 * A pool of nthreads workers, each with a context made by ctx_new(arg)
 * (freed by ctx_free) — a stemmer, for instance. At most window items are
 * in flight. With nthreads 0 the work runs in the submitting thread.
 * Returns NULL when threads or memory cannot be had.
 */
pool_t *pool_new(unsigned nthreads, size_t window, pool_work_fn work,
		 pool_done_fn done, void *done_ctx,
		 void *(*ctx_new)(void *arg), void (*ctx_free)(void *ctx),
		 void *arg);

/* Hand item over; blocks while the window is full, and meanwhile calls
 * done() for the items finished, in order. Returns 0, or -1 on error. */
int pool_submit(pool_t *p, void *item);

/* Wait for every item submitted and call done() for each, in order. */
void pool_drain(pool_t *p);

/* Drain, stop the workers and free the pool. Accepts NULL. */
void pool_free(pool_t *p);

#endif /* DATELINE_POOL_H */
