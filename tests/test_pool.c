/* Unit tests for indexer/pool.c: items worked on by N threads are done,
 * each once, in the order they were submitted. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "../indexer/pool.h"

#define NITEMS 500

typedef struct {
	int seq;          /* submission order */
	int worked;       /* times work() ran on it */
	void *worker;     /* the context it was worked with */
} item_t;

typedef struct {
	int next;         /* the seq done() expects */
	int out_of_order;
	int done;
} order_t;

typedef struct {
	pthread_mutex_t lock;
	int made, freed;
} ctxs_t;

static void *ctx_new(void *arg)
{
	ctxs_t *c = arg;
	pthread_mutex_lock(&c->lock);
	c->made++;
	pthread_mutex_unlock(&c->lock);
	return malloc(1);
}

static void ctx_free(void *ctx)
{
	free(ctx);
}

static ctxs_t *counting;

static void ctx_free_counted(void *ctx)
{
	pthread_mutex_lock(&counting->lock);
	counting->freed++;
	pthread_mutex_unlock(&counting->lock);
	free(ctx);
}

/* Work that takes longer for the early items, so that with threads the
 * later ones finish first. */
static void work(void *item, void *worker)
{
	item_t *it = item;
	struct timespec t = { 0, (it->seq % 7 == 0) ? 200000 : 0 };
	nanosleep(&t, NULL);
	it->worked++;
	it->worker = worker;
}

static void done(void *item, void *ctx)
{
	order_t *o = ctx;
	item_t *it = item;
	if (it->seq != o->next)
		o->out_of_order++;
	assert_int_equal(it->worked, 1);
	assert_non_null(it->worker);
	o->next++;
	o->done++;
}

static void run(unsigned nthreads, size_t window)
{
	item_t *items = calloc(NITEMS, sizeof(*items));
	order_t o = { 0, 0, 0 };
	ctxs_t c = { PTHREAD_MUTEX_INITIALIZER, 0, 0 };
	assert_non_null(items);
	counting = &c;
	pool_t *p = pool_new(nthreads, window, work, done, &o, ctx_new, ctx_free_counted, &c);
	assert_non_null(p);
	for (int i = 0; i < NITEMS; i++) {
		items[i].seq = i;
		assert_int_equal(pool_submit(p, &items[i]), 0);
		/* At most window items in flight: the rest are done. */
		assert_true((size_t)(i + 1 - o.done) <= window);
	}
	pool_drain(p);
	assert_int_equal(o.done, NITEMS);
	pool_free(p);
	assert_int_equal(o.done, NITEMS);
	assert_int_equal(o.out_of_order, 0);
	/* A context per thread (one when the work runs inline), all freed. */
	assert_int_equal(c.made, nthreads ? (int)nthreads : 1);
	assert_int_equal(c.freed, c.made);
	free(items);
}

static void test_pool_inline(void **state)
{
	(void)state;
	run(0, 4);
}

static void test_pool_done_order_2_threads(void **state)
{
	(void)state;
	run(2, 4);
}

static void test_pool_done_order_8_threads(void **state)
{
	(void)state;
	run(8, 64);
}

/* A window of one: each item is done before the next is worked on. */
static void test_pool_window_of_one(void **state)
{
	(void)state;
	run(4, 1);
}

static void test_pool_free_null(void **state)
{
	(void)state;
	pool_free(NULL);
	(void)ctx_new;
	(void)ctx_free;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_inline),
		cmocka_unit_test(test_pool_done_order_2_threads),
		cmocka_unit_test(test_pool_done_order_8_threads),
		cmocka_unit_test(test_pool_window_of_one),
		cmocka_unit_test(test_pool_free_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
