/*
 * progress.h - what a run of dateline-index tells the user: lines about
 * files on stderr, the progress line on a terminal, the closing summary.
 */
#ifndef DATELINE_PROGRESS_H
#define DATELINE_PROGRESS_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ingest.h"

/* What a run did, for the progress line and the summary. */
typedef struct {
	unsigned long indexed, added, updated, unchanged, removed;
	unsigned long duplicates;  /* articles whose text the index already held */
	unsigned long converted;   /* files read as Windows-1252 */
	unsigned long skipped[SKIP_COUNT];
	unsigned long excluded;      /* files left out by name or ignore rules */
	unsigned long excluded_dirs; /* folders left out by ignore rules */
} index_counts_t;

typedef struct {
	int enabled;             /* a progress line on stderr (a terminal) */
	int shown;               /* a line may be on the terminal: clear it first */
	unsigned long files_total, files_seen;
	struct timespec started, last;
} progress_t;

/* Start counting time from now; enabled: draw the progress line. */
void progress_start(progress_t *p, int enabled);

/* Redraw the progress line (at most four times a second). */
void progress_show(progress_t *p, const index_counts_t *c);

/* Clear the progress line, if one is drawn, before other output. */
void progress_clear(const progress_t *p);

/* Clear the line for good: nothing more is drawn. */
void progress_end(progress_t *p);

/* A line about a file on stderr: "dateline-index: path: msg" (the path
 * printed safely). */
void progress_say(const progress_t *p, const char *path, const char *msg);

/* Seconds since progress_start(). */
double progress_seconds(const progress_t *p);

/* The closing line on out: what was indexed, skipped and why, and total,
 * the articles the index holds; interrupted: the run was stopped. */
void progress_summary(FILE *out, const index_counts_t *c, double secs, uint32_t total,
		      int interrupted);

#endif /* DATELINE_PROGRESS_H */
