/*
 * progress.c - dateline-index's messages while and after it runs (see
 * progress.h).
 */
#include <stdio.h>

#include "../util/safeprint.h"
#include "options.h"
#include "progress.h"

static const char *const skip_names[SKIP_COUNT] = {
	"unreadable", "empty", "binary", "too large", "no text", "not walkable",
	"not indexable"
};

static double seconds_since(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

void progress_start(progress_t *p, int enabled)
{
	clock_gettime(CLOCK_MONOTONIC, &p->started);
	p->enabled = p->shown = enabled;
	/* The first file draws the line at once. */
	p->last.tv_sec = 0;
	p->last.tv_nsec = 0;
}

double progress_seconds(const progress_t *p)
{
	return seconds_since(&p->started);
}

void progress_show(progress_t *p, const index_counts_t *c)
{
	if (!p->enabled || seconds_since(&p->last) < 0.25)
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last);
	double secs = seconds_since(&p->started);
	double rate = secs > 0 ? (double)p->files_seen / secs : 0;
	fprintf(stderr, "\r\033[K%lu/%lu files, %lu articles indexed, %.0f files/s",
		p->files_seen, p->files_total, c->indexed, rate);
	if (rate > 0 && p->files_total > p->files_seen)
		fprintf(stderr, ", %.0f s left", (double)(p->files_total - p->files_seen) / rate);
	fflush(stderr);
}

void progress_clear(const progress_t *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
}

void progress_end(progress_t *p)
{
	progress_clear(p);
	p->shown = 0;
}

void progress_say(const progress_t *p, const char *path, const char *msg)
{
	progress_clear(p);
	fprintf(stderr, "%s: ", INDEX_PROGNAME);
	safe_puts(stderr, path);
	fprintf(stderr, ": %s\n", msg);
}

void progress_summary(FILE *out, const index_counts_t *c, double secs, uint32_t total,
		      int interrupted)
{
	unsigned long nskipped = 0;
	for (int r = 0; r < SKIP_COUNT; r++)
		nskipped += c->skipped[r];
	if (interrupted)
		fprintf(out, "%s: interrupted: ", INDEX_PROGNAME);
	fprintf(out, "indexed %lu article%s (%lu new, %lu updated), %lu unchanged, "
		"%lu removed in %.2f s; skipped %lu file%s", c->indexed, c->indexed == 1 ? "" : "s",
		c->added, c->updated, c->unchanged, c->removed, secs, nskipped,
		nskipped == 1 ? "" : "s");
	const char *sep = " (";
	for (int r = 0; r < SKIP_COUNT; r++)
		if (c->skipped[r]) {
			fprintf(out, "%s%lu %s", sep, c->skipped[r], skip_names[r]);
			sep = ", ";
		}
	fputs(nskipped ? ")" : "", out);
	if (c->excluded || c->excluded_dirs) {
		fprintf(out, "; left out %lu file%s", c->excluded, c->excluded == 1 ? "" : "s");
		if (c->excluded_dirs)
			fprintf(out, " and %lu folder%s", c->excluded_dirs,
				c->excluded_dirs == 1 ? "" : "s");
		fputs(" (README, LICENSE and the like, .datelineignore, --exclude)", out);
	}
	if (c->converted)
		fprintf(out, "; %lu read as Windows-1252", c->converted);
	if (c->duplicates)
		fprintf(out, "; %lu duplicate%s of articles already indexed", c->duplicates,
			c->duplicates == 1 ? "" : "s");
	fprintf(out, "; the index holds %u article%s%s\n", total, total == 1 ? "" : "s",
		interrupted ? " (what was indexed is committed)" : "");
}
