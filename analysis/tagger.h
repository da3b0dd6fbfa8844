/*
 * tagger.h - the named-entity tagger: people, organisations, places and
 * other names (PER, ORG, LOC, MISC) in the tokens of an article.
 *
 * A first-order linear-chain model over BIO labels, trained as an averaged
 * structured perceptron (analysis/tagger_train.c, `make model`) on CoNLL-2003
 * English, decoded with Viterbi. Features are hashed into 2^bits rows of
 * one weight per label: the word and its neighbours (+-2, folded), its
 * shape and affixes, its place in the sentence and whether its line is a
 * headline in capitals, gazetteer membership (iso-codes places, Debian's
 * geonames cities, the project's first names and organisation words),
 * how an English word list writes the word (Debian's wamerican: in lower
 * case, capitalised) at a sentence's start or inside one,
 * what the article says of the word elsewhere (written in lower case,
 * capitalised inside a sentence) and the class of the word and of its
 * neighbours among word classes learnt from unlabelled news (the model
 * file carries them: ner/clusters.c).
 *
 * Only tokens that can be part of a name are labelled by the model: a word
 * with a capital, a number or one of the small words inside names (of, de,
 * van, ...) next to such a word, the rest of a hyphenated word after one
 * ("Co-operation"), and every word of a headline in capitals;
 * the others are O. Training labels the same tokens (an_ner_candidates()),
 * so the model sees at index time what it saw when it learnt.
 *
 * The tokens are the project's (analysis/tokenize.h): the training reads
 * the CoNLL text through an_tokenize() too.
 */
#ifndef DATELINE_TAGGER_H
#define DATELINE_TAGGER_H

#include <stddef.h>
#include <stdint.h>

/* Labels: O, then B- and I- for each type. */
enum an_ner_label {
	AN_NER_O = 0,
	AN_NER_B_PER, AN_NER_I_PER,
	AN_NER_B_ORG, AN_NER_I_ORG,
	AN_NER_B_LOC, AN_NER_I_LOC,
	AN_NER_B_MISC, AN_NER_I_MISC,
	AN_NER_NLABELS
};

/* Entity types (label = 2 * type - 1 for B-, 2 * type for I-). */
enum an_ner_type { AN_NER_NONE = 0, AN_NER_PER, AN_NER_ORG, AN_NER_LOC, AN_NER_MISC };

#define AN_NER_TYPE(label) (((label) + 1) / 2)
#define AN_NER_IS_B(label) ((label) != AN_NER_O && ((label) & 1))

/* "PER", "ORG", "LOC", "MISC" ("O" for none). */
const char *an_ner_type_name(int type);

/* One token of an article as the tagger reads it: where it is in its text
 * (the bytes between two tokens of one text are read for punctuation and
 * line ends; tokens of two texts, title and body, are a line apart) and
 * its folded form (an_tokenize()'s term). */
typedef struct {
	const char *text;
	size_t start, end;
	const char *term;
} an_ner_token_t;

/* Version of the features (a model of another feature version is refused:
 * its weights mean other things). */
#define AN_NER_FEATURES_VERSION 6

/* The model file's format version. */
#define AN_NER_FORMAT_VERSION 2

/* Default file name of the model (next to the programs, see
 * an_tagger_default_path()). */
#define AN_NER_MODEL_FILE "ner.model"

typedef struct an_tagger an_tagger_t;

/*
 * Load the model at path. Returns 0 and *out (free with an_tagger_free),
 * or -1 with *out NULL and a message naming the file and what is wrong
 * with it (missing, truncated, corrupt, another version) in err (errsz
 * bytes).
 */
int an_tagger_load(const char *path, an_tagger_t **out, char *err, size_t errsz);
void an_tagger_free(an_tagger_t *m);

/* The model's version as the index records it ("1.1-89abcdef": format,
 * features, the checksum of its weights). Owned by m. */
const char *an_tagger_version(const an_tagger_t *m);

/*
 * Where the model is looked for: $DATELINE_NER_MODEL when set; else
 * <dir of the program>/../share/dateline/ner.model (an installed tree);
 * else the model of the source tree the program was built from. Writes
 * the first that exists (or the last tried) into out; returns out.
 */
const char *an_tagger_default_path(char *out, size_t outsz);

/*
 * The model of this process, loaded once from an_tagger_default_path()
 * (thread-safe). NULL when it cannot be loaded: an_tagger_shared_error()
 * says why.
 */
const an_tagger_t *an_tagger_shared(void);
const char *an_tagger_shared_error(void);

/*
 * Label the n tokens of one article: labels[i] is an an_ner_label, the
 * sequence is valid BIO (an I- follows a B- or I- of its type). Returns 0,
 * or -1 when out of memory.
 */
int an_tagger_tag(const an_tagger_t *m, const an_ner_token_t *toks, size_t n,
		  unsigned char *labels);

/* --- shared with the training (tagger_train.c) ------------------------ */

/* A word's class (ner/clusters.c): a code of the class (the low 8 bits:
 * at most 256 classes) and its groups in the tree over the classes (their
 * merges bottom-up), when AN_NER_GROUPS_FINE groups remain (bits 8-12)
 * and when AN_NER_GROUPS_COARSE remain (bits 13-15). */
#define AN_NER_MAX_CLASSES 256
#define AN_NER_GROUPS_FINE 32
#define AN_NER_GROUPS_COARSE 8
#define AN_NER_SHIFT_FINE 8
#define AN_NER_SHIFT_COARSE 13
typedef struct {
	char *word;
	unsigned cls;
} an_ner_cluster_t;

/* Word classes to look words up in: a table made of n clusters (copied).
 * Returns NULL when out of memory. */
typedef struct an_ner_classes an_ner_classes_t;
an_ner_classes_t *an_ner_classes_new(const an_ner_cluster_t *c, size_t n);
void an_ner_classes_free(an_ner_classes_t *k);

/* The feature rows of each token (hashed into 2^bits rows), for the
 * candidates among the n tokens (cand[i] set by an_ner_candidates).
 * feats[off[i] .. off[i+1]) are token i's rows. Returns 0, or -1 when out of
 * memory; *feats and *off are malloc'ed (the caller frees them). */
int an_ner_features(const an_ner_token_t *toks, size_t n, const unsigned char *cand,
		    unsigned bits, const an_ner_classes_t *classes, uint32_t **feats,
		    size_t **off);

/* Which tokens the model labels (see above): cand[i] = 1 or 0. */
void an_ner_candidates(const an_ner_token_t *toks, size_t n, unsigned char *cand);

/* Viterbi over n tokens: the best valid BIO labels for scores
 * emit[i * AN_NER_NLABELS + label] and transitions
 * trans[(prev + 1) * AN_NER_NLABELS + label] (prev = -1 at the start),
 * tokens that are not candidates held to O. */
int an_ner_viterbi(const float *emit, const float *trans, const unsigned char *cand,
		   size_t n, unsigned char *labels);

#endif /* DATELINE_TAGGER_H */
