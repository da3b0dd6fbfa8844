/*
 * dateline-ner - train and measure the tagger on CoNLL-2003 files (make
 * model, make eval). Not installed.
 *
 *   dateline-ner train [--bits B] [--epochs E] [--seed S] [--hold N] [--clusters TSV] OUT FILE...
 *       train on the articles of FILEs (with --hold N, leave out every
 *       N-th article: the development split) and write the model to OUT;
 *   dateline-ner clusters [--classes C] [--words N] [--conll FILE] OUT TEXT...
 *       word classes (ner/clusters.c) of the lines of TEXT files (one
 *       article a line, as entities-dump --text writes them: the text after
 *       the first tab) and of the articles of CoNLL FILEs, written to OUT as
 *       word<TAB>class lines; train --clusters OUT puts them in the model;
 *   dateline-ner tag [--held N] MODEL FILE
 *       print every CoNLL token as "word gold predicted" (BIO), articles
 *       after a -DOCSTART- line, sentences separated by blank lines (with
 *       --held N, only the articles --hold N left out);
 *   dateline-ner old [--held N] FILE
 *       the people and places the rule-based extraction (indexer/entities.c)
 *       finds in each article: "persons<TAB>places" keys joined by ';';
 *   dateline-ner new [--held N] FILE
 *       what the indexer keeps of each article (entities_extract: tagger
 *       and normal forms), and the gold names through the same normal
 *       forms: "persons<TAB>orgs<TAB>places<TAB>gold persons<TAB>gold
 *       orgs<TAB>gold places", keys joined by ';'.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

int ner_usage(void)
{
	fprintf(stderr, "usage: dateline-ner train [--bits B] [--epochs E] [--seed S] [--hold N] [--clusters TSV] OUT FILE...\n"
			"       dateline-ner clusters [--classes C] [--words N] [--conll FILE] OUT TEXT...\n"
			"       dateline-ner tag [--held N] MODEL FILE\n"
			"       dateline-ner old [--held N] FILE\n"
			"       dateline-ner new [--held N] FILE\n");
	return 2;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return ner_usage();
	if (strcmp(argv[1], "train") == 0)
		return ner_cmd_train(argc - 2, argv + 2);
	if (strcmp(argv[1], "tag") == 0)
		return ner_cmd_tag(argc - 2, argv + 2);
	if (strcmp(argv[1], "clusters") == 0)
		return ner_cmd_clusters(argc - 2, argv + 2);
	if (strcmp(argv[1], "old") == 0)
		return ner_cmd_old(argc - 2, argv + 2);
	if (strcmp(argv[1], "new") == 0)
		return ner_cmd_new(argc - 2, argv + 2);
	return ner_usage();
}
