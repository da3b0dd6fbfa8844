/* pool.c - ordered parallel work (see pool.h). */
#include <pthread.h>
#include <stdlib.h>

#include "pool.h"

enum { SLOT_QUEUED, SLOT_CLAIMED, SLOT_DONE };

typedef struct {
	void *item;
	int state;
} slot_t;

struct pool {
	pool_work_fn work;
	pool_done_fn done;
	void *done_ctx;
	void *(*ctx_new)(void *);
	void (*ctx_free)(void *);
	void *arg;
	void *inline_ctx;       /* nthreads == 0: the one context */

	slot_t *slots;
	size_t window;
	/* Sequence numbers: head is the next to hand to done(), claim the
	 * next for a worker to take, tail the next to submit. */
	size_t head, claim, tail;
	int stopping;

	pthread_mutex_t m;
	pthread_cond_t work_ready;  /* a slot was queued, or stopping */
	pthread_cond_t work_done;   /* a slot is done */
	pthread_t *threads;
	unsigned nthreads;
};

static void *worker(void *arg)
{
	pool_t *p = arg;
	void *ctx = p->ctx_new(p->arg);
	pthread_mutex_lock(&p->m);
	for (;;) {
		while (p->claim == p->tail && !p->stopping)
			pthread_cond_wait(&p->work_ready, &p->m);
		if (p->claim == p->tail)
			break;
		slot_t *s = &p->slots[p->claim % p->window];
		p->claim++;
		s->state = SLOT_CLAIMED;
		pthread_mutex_unlock(&p->m);
		p->work(s->item, ctx);
		pthread_mutex_lock(&p->m);
		s->state = SLOT_DONE;
		pthread_cond_broadcast(&p->work_done);
	}
	pthread_mutex_unlock(&p->m);
	p->ctx_free(ctx);
	return NULL;
}

pool_t *pool_new(unsigned nthreads, size_t window, pool_work_fn work,
		 pool_done_fn done, void *done_ctx,
		 void *(*ctx_new)(void *arg), void (*ctx_free)(void *ctx),
		 void *arg)
{
	pool_t *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->work = work;
	p->done = done;
	p->done_ctx = done_ctx;
	p->ctx_new = ctx_new;
	p->ctx_free = ctx_free;
	p->arg = arg;
	p->window = window ? window : 1;
	if (nthreads == 0) {
		p->inline_ctx = ctx_new(arg);
		if (!p->inline_ctx) {
			free(p);
			return NULL;
		}
		return p;
	}
	p->slots = calloc(p->window, sizeof(*p->slots));
	p->threads = calloc(nthreads, sizeof(*p->threads));
	if (!p->slots || !p->threads)
		goto fail;
	pthread_mutex_init(&p->m, NULL);
	pthread_cond_init(&p->work_ready, NULL);
	pthread_cond_init(&p->work_done, NULL);
	for (unsigned i = 0; i < nthreads; i++) {
		if (pthread_create(&p->threads[i], NULL, worker, p) != 0)
			break;
		p->nthreads++;
	}
	if (p->nthreads == 0) {
		pthread_cond_destroy(&p->work_ready);
		pthread_cond_destroy(&p->work_done);
		pthread_mutex_destroy(&p->m);
		goto fail;
	}
	return p;
fail:
	free(p->slots);
	free(p->threads);
	free(p);
	return NULL;
}

/* Hand finished items at the head to done(); called with the lock held,
 * drops it around done(). With wait, blocks until the head is done. */
static void collect(pool_t *p, int wait)
{
	while (p->head < p->tail) {
		slot_t *s = &p->slots[p->head % p->window];
		if (s->state != SLOT_DONE) {
			if (!wait)
				return;
			pthread_cond_wait(&p->work_done, &p->m);
			continue;
		}
		void *item = s->item;
		p->head++;
		pthread_mutex_unlock(&p->m);
		p->done(item, p->done_ctx);
		pthread_mutex_lock(&p->m);
		wait = 0; /* one freed slot is enough to go on */
	}
}

int pool_submit(pool_t *p, void *item)
{
	if (p->nthreads == 0) {
		p->work(item, p->inline_ctx);
		p->done(item, p->done_ctx);
		return 0;
	}
	pthread_mutex_lock(&p->m);
	collect(p, 0);
	while (p->tail - p->head >= p->window)
		collect(p, 1);
	slot_t *s = &p->slots[p->tail % p->window];
	s->item = item;
	s->state = SLOT_QUEUED;
	p->tail++;
	pthread_cond_signal(&p->work_ready);
	pthread_mutex_unlock(&p->m);
	return 0;
}

void pool_drain(pool_t *p)
{
	if (!p || p->nthreads == 0)
		return;
	pthread_mutex_lock(&p->m);
	while (p->head < p->tail)
		collect(p, 1);
	pthread_mutex_unlock(&p->m);
}

void pool_free(pool_t *p)
{
	if (!p)
		return;
	if (p->nthreads == 0) {
		p->ctx_free(p->inline_ctx);
		free(p);
		return;
	}
	pool_drain(p);
	pthread_mutex_lock(&p->m);
	p->stopping = 1;
	pthread_cond_broadcast(&p->work_ready);
	pthread_mutex_unlock(&p->m);
	for (unsigned i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	pthread_cond_destroy(&p->work_ready);
	pthread_cond_destroy(&p->work_done);
	pthread_mutex_destroy(&p->m);
	free(p->slots);
	free(p->threads);
	free(p);
}
