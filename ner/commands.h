/*
 * commands.h - dateline-ner's commands (see main.c for their usage):
 * make.c makes the model (clusters, train), measure.c measures the tagger
 * (tag, old, new).
 */
#ifndef DATELINE_NER_COMMANDS_H
#define DATELINE_NER_COMMANDS_H

#include <stddef.h>

/* Each takes the command's arguments (after its name); returns the exit
 * status. */
int ner_cmd_clusters(int argc, char **argv);
int ner_cmd_train(int argc, char **argv);
int ner_cmd_tag(int argc, char **argv);
int ner_cmd_old(int argc, char **argv);
int ner_cmd_new(int argc, char **argv);

/* Print the usage on stderr; returns 2. */
int ner_usage(void);

/* Is article d in the held-out part (every n-th from the 5th)? */
static inline int ner_held(size_t d, unsigned n)
{
	return n && d % n == n - 1;
}

#endif /* DATELINE_NER_COMMANDS_H */
