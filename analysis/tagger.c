/* tagger.c - the named-entity tagger: features, Viterbi, the model file
 * (see tagger.h). */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <utf8proc.h>

#include "gazetteer.h"
#include "hash.h"
#include "ner_lists.h"
#include "tagger.h"
#include "tokenize.h"

#define NL AN_NER_NLABELS

/* The model file: MAGIC, then little-endian u32 format version, features
 * version, bits, labels; f32 scale; f32 transitions[(NL + 1) * NL]; u32
 * rows; rows of (u32 index, i16 weights[NL]) in increasing index order;
 * u32 words; words of (u8 length, its bytes, u16 class): the word
 * classes; then the u64 FNV-1a of every byte before it. */
#define MAGIC "DLNERMDL"
#define MAGIC_LEN 8
#define HEADER_BYTES (MAGIC_LEN + 4 * 4 + 4 + 4 * (NL + 1) * NL + 4)
#define ROW_BYTES (4 + 2 * NL)

/* Hash rows at most (2^24 rows of NL int16 would be 300 MB). */
#define MAX_BITS 24

/* Word classes: open addressing over the words' 64-bit hashes, kept
 * apart from the classes so that a probe reads one small array (the
 * table is read for most tokens of every article: 40,000 words take
 * 640 KB instead of the 4 MB that pointers, lengths and copies of the
 * words took). Two words of one hash would share a class: with 64 bits
 * and 40,000 words, a chance of about 1 in 10^10 over every word of the
 * language. Hash 0 marks an empty slot (a word of that hash is left
 * out). */
struct an_ner_classes {
	uint64_t *hash;
	uint16_t *cls;
	size_t nslots;
};

an_ner_classes_t *an_ner_classes_new(const an_ner_cluster_t *c, size_t n)
{
	an_ner_classes_t *k = calloc(1, sizeof(*k));
	if (!k)
		return NULL;
	/* At most 3/4 full. */
	k->nslots = 16;
	while (k->nslots * 3 < 4 * n)
		k->nslots *= 2;
	k->hash = calloc(k->nslots, sizeof(*k->hash));
	k->cls = calloc(k->nslots, sizeof(*k->cls));
	if (!k->hash || !k->cls) {
		an_ner_classes_free(k);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t h = an_hash(AN_HASH_START, c[i].word, strlen(c[i].word));
		size_t s = h & (k->nslots - 1);
		if (h == 0)
			continue;
		while (k->hash[s] && k->hash[s] != h)
			s = (s + 1) & (k->nslots - 1);
		if (k->hash[s])
			continue;   /* the first class of a word counts */
		k->hash[s] = h;
		k->cls[s] = (uint16_t)c[i].cls;
	}
	return k;
}

void an_ner_classes_free(an_ner_classes_t *k)
{
	if (!k)
		return;
	free(k->hash);
	free(k->cls);
	free(k);
}

/* The class of a word of hash h, or -1. */
static int class_of(const an_ner_classes_t *k, uint64_t h)
{
	if (!k || h == 0)
		return -1;
	size_t s = h & (k->nslots - 1);
	while (k->hash[s]) {
		if (k->hash[s] == h)
			return (int)k->cls[s];
		s = (s + 1) & (k->nslots - 1);
	}
	return -1;
}

/* The weights: of the 2^bits rows only those the training gave weights
 * (60,000 of 262,144) are kept, in index order; a bit per row says
 * whether it is kept, and the kept rows before each 64-row block give a
 * kept row's place (1.1 MB instead of 4.7 MB, read at random for every
 * feature of every candidate token: what fits the caches costs less). */
struct an_tagger {
	an_ner_classes_t *classes;
	unsigned bits;
	uint64_t *kept;          /* 2^bits bits: row r has weights */
	uint32_t *before;        /* kept rows in the blocks before block r / 64 */
	int16_t *w;              /* the kept rows, NL weights each */
	float inv_scale;         /* weight = w * inv_scale */
	float trans[(NL + 1) * NL];
	char version[32];
	uint64_t serial;         /* this load's, for the word cache */
};

const char *an_ner_type_name(int type)
{
	static const char *const names[] = { "O", "PER", "ORG", "LOC", "MISC" };
	return type >= 0 && type <= AN_NER_MISC ? names[type] : "O";
}

/* --- what the features read of a token ------------------------------- */

/* Small words inside names ("Bank of England", "Jose de la Cruz"). */
static int connector(const char *w)
{
	if (strlen(w) > 5)
		return 0;
	static const char *const words[] = {
		"of", "de", "del", "della", "da", "do", "dos", "das", "der", "den", "van",
		"von", "la", "le", "les", "du", "des", "di", "y", "and", "the", "for",
		"al", "el", "bin", "ibn", "on", "upon", "am", "zu", "ter", "te", "op", NULL
	};
	for (const char *const *p = words; *p; p++)
		if (strcmp(w, *p) == 0)
			return 1;
	return 0;
}

typedef struct {
	char word[AN_MAX_TOKEN_BYTES + 1];   /* folded, without a final 's */
	size_t len;                          /* bytes in word */
	uint64_t hash;                       /* an_hash of word */
	unsigned kinds;                      /* an_word_kinds() */
	unsigned char dict;                  /* an_dict_word() */
	int cls;                             /* its word class, -1: none */
	char shape[12];
	unsigned char cap, lower, numeric, poss;
	unsigned char sent_start, headline;
	unsigned char gaz_loc, gaz_city;     /* 0, 1 = first word, 2 = inside */
	unsigned char doc_lower, doc_cap;    /* elsewhere in the article */
	unsigned char ctx;                   /* CTX_ flags of this use */
	unsigned char doc_ctx;               /* CTX_ flags of its other uses */
	char gap_before[3];
} tokinfo_t;

/* What the words around a capitalised word say of what it names (the
 * document-level features gather them over the word's other uses in the
 * article: "Brush Wellman Inc" there makes "Brush Wellman" here an
 * organisation, "Mr Kerry" there makes "Kerry" a person, "in Dalian" a
 * place). A flag for "after the" did no better on the held-out fifth of
 * eng.train (all-types F1 0.880 over seeds 1-6 without it, 0.880 with). */
enum {
	CTX_TITLE = 1,    /* after a title (Mr, President) */
	CTX_FIRST = 2,    /* after a first name */
	CTX_ORGW = 4,     /* an organisation word (Inc, Bank) follows within 2 */
	CTX_PREP = 8,     /* after in, at, from, near */
	CTX_NBITS = 4
};

static int first_upper(const char *s, size_t len)
{
	utf8proc_int32_t cp;
	if (len == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80)
		return s[0] >= 'A' && s[0] <= 'Z';
	if (utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp) < 1)
		return 0;
	return utf8proc_isupper(cp) || utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

/* Does the token have a lower-case letter? */
static int has_lower(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c >= 'a' && c <= 'z')
				return 1;
			i++;
			continue;
		}
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
						      (utf8proc_ssize_t)(len - i), &cp);
		if (k < 1)
			return 0;
		if (utf8proc_islower(cp))
			return 1;
		i += (size_t)k;
	}
	return 0;
}

/* The shape: X x d for upper, lower, digit, other characters as they are,
 * runs of one kind written once ("Xx", "X.X.", "d,d"). */
static void shape_of(const char *s, size_t len, char *out, size_t outsz)
{
	size_t k = 0;
	char last = 0;
	for (size_t i = 0; i < len && k + 1 < outsz;) {
		unsigned char c = (unsigned char)s[i];
		char kind;
		size_t step = 1;
		if (c >= 'A' && c <= 'Z')
			kind = 'X';
		else if (c >= 'a' && c <= 'z')
			kind = 'x';
		else if (c >= '0' && c <= '9')
			kind = 'd';
		else if (c < 0x80)
			kind = (char)c;
		else {
			utf8proc_int32_t cp;
			utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							      (utf8proc_ssize_t)(len - i), &cp);
			step = n > 0 ? (size_t)n : 1;
			kind = n > 0 && utf8proc_isupper(cp) ? 'X' : 'x';
		}
		i += step;
		if (kind == last && (kind == 'X' || kind == 'x' || kind == 'd'))
			continue;
		out[k++] = kind;
		last = kind;
	}
	out[k] = '\0';
}

/* The punctuation between two tokens (spaces left out), two bytes at
 * most; "\n" for a paragraph break or another text. */
static void gap_of(const an_ner_token_t *a, const an_ner_token_t *b, char *out)
{
	size_t k = 0;
	if (!a || !b || a->text != b->text) {
		strcpy(out, "\n");
		return;
	}
	int newlines = 0;
	for (size_t p = a->end; p < b->start; p++) {
		char c = a->text[p];
		if (c == '\n')
			newlines++;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (k < 2)
			out[k++] = c;
	}
	if (newlines >= 2 && k == 0)
		out[k++] = '\n';
	out[k] = '\0';
}

static int ends_sentence(const char *gap)
{
	return strpbrk(gap, ".!?\n") != NULL;
}

/* --- the article's own words ------------------------------------------- */

typedef struct {
	const char *word;
	uint64_t hash;
	unsigned char lower, cap;
	unsigned char ctx[CTX_NBITS];   /* uses with each CTX_ flag (at most 2) */
} docword_t;

static docword_t *doc_slot(docword_t *t, size_t mask, const tokinfo_t *x)
{
	size_t s = x->hash & mask;
	while (t[s].word && (t[s].hash != x->hash || strcmp(t[s].word, x->word) != 0))
		s = (s + 1) & mask;
	return &t[s];
}

/* The CTX_ flags of the capitalised word i (kinds are known around the
 * candidates: detail_of()). */
static unsigned char context_of(const tokinfo_t *ti, size_t n, size_t i)
{
	unsigned f = 0;
	if (i > 0 && !ti[i].sent_start) {
		const tokinfo_t *p = &ti[i - 1];
		if (p->cap && (p->kinds & AN_WORD_TITLE))
			f |= CTX_TITLE;
		else if (p->cap && (p->kinds & AN_WORD_FIRST_NAME) && !p->gap_before[0])
			f |= CTX_FIRST;
		else if (!p->cap && (strcmp(p->word, "in") == 0 || strcmp(p->word, "at") == 0 ||
				     strcmp(p->word, "from") == 0 || strcmp(p->word, "near") == 0))
			f |= CTX_PREP;
	}
	for (size_t k = 1; k <= 2 && i + k < n; k++) {
		if (!ti[i + k].cap || ti[i + k].gap_before[0])
			break;
		if (ti[i + k].kinds & AN_WORD_ORG) {
			f |= CTX_ORGW;
			break;
		}
	}
	return (unsigned char)f;
}

/* What the article says of each word elsewhere: written in lower case
 * (outside a headline), capitalised inside a sentence. */
static int doc_words(tokinfo_t *ti, size_t n)
{
	size_t slots = 16;
	while (slots < 2 * n)
		slots *= 2;
	docword_t *t = calloc(slots, sizeof(*t));
	if (!t)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (ti[i].headline || ti[i].numeric)
			continue;
		docword_t *d = doc_slot(t, slots - 1, &ti[i]);
		d->word = ti[i].word;
		d->hash = ti[i].hash;
		if (!ti[i].cap) {
			d->lower = 1;
			continue;
		}
		if (!ti[i].sent_start)
			d->cap++;
		ti[i].ctx = context_of(ti, n, i);
		for (int b = 0; b < CTX_NBITS; b++)
			if ((ti[i].ctx >> b & 1) && d->ctx[b] < 2)
				d->ctx[b]++;
	}
	for (size_t i = 0; i < n; i++) {
		docword_t *d = doc_slot(t, slots - 1, &ti[i]);
		if (!d->word)
			continue;
		ti[i].doc_lower = d->lower;
		/* Capitalised inside a sentence, at another place than here. */
		unsigned here = ti[i].cap && !ti[i].sent_start && !ti[i].headline;
		ti[i].doc_cap = d->cap > here;
		/* The flags of its other uses. */
		for (int b = 0; b < CTX_NBITS; b++)
			if (d->ctx[b] > (ti[i].ctx >> b & 1))
				ti[i].doc_ctx |= (unsigned char)(1u << b);
	}
	free(t);
	return 0;
}

/* Mark runs of tokens that name a place of the gazetteer (kind 0) or a
 * city of geonames (kind 1), longest first. */
static void mark_gazetteer(tokinfo_t *ti, size_t n, const unsigned char *cand, int kind)
{
	char key[256];
	for (size_t i = 0; i < n; i++) {
		if (!cand[i] || !(ti[i].cap || ti[i].headline))
			continue;
		/* No name of more words than the longest that starts so. */
		size_t maxw = kind == 0 ? an_place_words_from(ti[i].word, ti[i].len)
					: an_city_words_from(ti[i].word, ti[i].len);
		if (maxw > 4)
			maxw = 4;
		size_t run = 0;
		while (run < maxw && i + run < n && cand[i + run])
			run++;
		for (size_t w = run; w >= 1; w--) {
			size_t k = 0;
			int ok = 1;
			for (size_t j = i; j < i + w; j++) {
				size_t l = ti[j].len;
				if (k + l + 2 > sizeof(key)) {
					ok = 0;
					break;
				}
				if (k)
					key[k++] = ' ';
				memcpy(key + k, ti[j].word, l);
				k += l;
			}
			key[k] = '\0';
			if (!ok || !(ti[i + w - 1].cap || ti[i + w - 1].headline))
				continue;
			int hit = kind == 0 ? an_place_lookup(key) != NULL : an_is_city(key);
			if (!hit)
				continue;
			for (size_t j = i; j < i + w; j++) {
				if (kind == 0)
					ti[j].gaz_loc = j == i ? 1 : 2;
				else
					ti[j].gaz_city = j == i ? 1 : 2;
			}
			i += w - 1;
			break;
		}
	}
}

/* What every token needs: its word, case, the gap before it, sentence
 * starts and headlines. */
static void info_of(const an_ner_token_t *toks, size_t n, tokinfo_t *ti)
{
	for (size_t i = 0; i < n; i++) {
		const an_ner_token_t *t = &toks[i];
		tokinfo_t *x = &ti[i];
		size_t l = strlen(t->term);
		if (l > AN_MAX_TOKEN_BYTES)
			l = AN_MAX_TOKEN_BYTES;
		memcpy(x->word, t->term, l);
		x->word[l] = '\0';
		x->poss = 0;
		if (l > 2 && x->word[l - 2] == '\'' && x->word[l - 1] == 's') {
			l -= 2;
			x->word[l] = '\0';
			x->poss = 1;
		}
		x->len = l;
		x->hash = an_hash(AN_HASH_START, x->word, l);
		x->kinds = 0;
		x->dict = 0;
		x->shape[0] = '\0';
		x->gaz_loc = x->gaz_city = 0;
		x->doc_lower = x->doc_cap = 0;
		x->ctx = x->doc_ctx = 0;
		x->headline = 0;
		const char *s = t->text + t->start;
		size_t len = t->end - t->start;
		x->cap = (unsigned char)first_upper(s, len);
		x->lower = (unsigned char)has_lower(s, len);
		x->numeric = s[0] >= '0' && s[0] <= '9';
		gap_of(i ? &toks[i - 1] : NULL, t, x->gap_before);
		x->sent_start = i == 0 || ends_sentence(x->gap_before);
	}
	/* Headlines: a paragraph (or text) with letters and no lower case. */
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && strchr(ti[j].gap_before, '\n') == NULL)
			j++;
		int letters = 0, lower = 0;
		for (size_t k = i; k < j; k++) {
			lower |= ti[k].lower;
			letters += ti[k].cap;
		}
		if (letters && !lower)
			for (size_t k = i; k < j; k++)
				ti[k].headline = 1;
		i = j;
	}
}

/* Which tokens the model labels, from their info (see tagger.h). */
static void candidates_of(const an_ner_token_t *toks, const tokinfo_t *ti, size_t n,
			  unsigned char *cand)
{
	/* A capital; every word of a headline in capitals. */
	for (size_t i = 0; i < n; i++)
		cand[i] = ti[i].headline ? 2 : ti[i].cap;
	/* Numbers and small words next to a capitalised word. */
	for (size_t k = 0; k < n; k++) {
		if (cand[k])
			continue;
		int prev = k > 0 && cand[k - 1] == 1;
		int next = k + 1 < n && ti[k + 1].cap;
		int next2 = k + 2 < n && ti[k + 2].cap;
		if (ti[k].numeric && (prev || next))
			cand[k] = 3;
		else if ((prev || (k > 0 && cand[k - 1] == 3)) && (next || next2) &&
			 connector(toks[k].term))
			cand[k] = 3;
	}
	/* The lower-case part of a hyphenated word after a candidate
	 * ("Co-operation", "Hewlett-packard"). */
	for (size_t k = 1; k < n; k++) {
		if (cand[k] || !cand[k - 1])
			continue;
		if (strcmp(ti[k].gap_before, "-") == 0 && toks[k].start == toks[k - 1].end + 1 &&
		    toks[k].text == toks[k - 1].text)
			cand[k] = 3;
	}
	for (size_t k = 0; k < n; k++)
		cand[k] = cand[k] != 0;
}

/* What the features of the candidates read of them and their neighbours:
 * shapes, word kinds. */
static void detail_of(const an_ner_token_t *toks, tokinfo_t *ti, size_t n,
		      const unsigned char *cand)
{
	for (size_t i = 0; i < n; i++) {
		int near = cand[i] || (i > 0 && cand[i - 1]) || (i + 1 < n && cand[i + 1]);
		if (near)
			shape_of(toks[i].text + toks[i].start, toks[i].end - toks[i].start,
				 ti[i].shape, sizeof(ti[i].shape));
		/* Kinds: of a candidate, the word before one, the words after. */
		for (size_t k = 0; !near && k <= 3 && k <= i; k++)
			near = cand[i - k];
		if (near)
			ti[i].kinds = an_word_kinds(ti[i].word, ti[i].len);
		/* The word list: of the candidates alone. */
		if (cand[i])
			ti[i].dict = (unsigned char)an_dict_word(ti[i].word, ti[i].len);
	}
}

/* The word classes of the candidates and their neighbours. */
static void classes_of(tokinfo_t *ti, size_t n, const unsigned char *cand,
		       const an_ner_classes_t *k)
{
	for (size_t i = 0; i < n; i++) {
		int near = cand[i] || (i > 0 && cand[i - 1]) || (i + 1 < n && cand[i + 1]);
		ti[i].cls = near ? class_of(k, ti[i].hash) : -1;
	}
}

void an_ner_candidates(const an_ner_token_t *toks, size_t n, unsigned char *cand)
{
	tokinfo_t *ti = malloc((n ? n : 1) * sizeof(*ti));
	if (!ti) {
		/* No memory for the details: the capitals alone. */
		for (size_t i = 0; i < n; i++)
			cand[i] = (unsigned char)first_upper(toks[i].text + toks[i].start,
							    toks[i].end - toks[i].start);
		return;
	}
	info_of(toks, n, ti);
	candidates_of(toks, ti, n, cand);
	free(ti);
}

/* --- features ----------------------------------------------------------- */

typedef struct {
	uint32_t *f;
	size_t n, cap;
	uint32_t mask;
	int oom;
} fbuf_t;

/* A feature is the hash of its template's tag and its values, each value
 * after a separator byte. The helpers are inlined so that the compiler
 * hashes the tags (string constants) at build time. */
#define INLINE static inline __attribute__((always_inline))

INLINE uint64_t h_tag(const char *tag)
{
	return an_hash(AN_HASH_START, tag, strlen(tag));
}

INLINE uint64_t h_val(uint64_t h, const char *v, size_t n)
{
	h = an_hash(h, "\x1f", 1);
	return an_hash(h, v, n);
}

static void push(fbuf_t *fb, uint64_t h)
{
	h ^= h >> 32;
	if (fb->n == fb->cap) {
		size_t cap = fb->cap ? 2 * fb->cap : 1024;
		uint32_t *f = realloc(fb->f, cap * sizeof(*f));
		if (!f) {
			fb->oom = 1;
			return;
		}
		fb->f = f;
		fb->cap = cap;
	}
	fb->f[fb->n++] = (uint32_t)h & fb->mask;
}

/* tag, and tag with one value. */
INLINE void emit0(fbuf_t *fb, const char *tag)
{
	push(fb, h_tag(tag));
}

INLINE void emit1(fbuf_t *fb, const char *tag, const char *v, size_t n)
{
	push(fb, h_val(h_tag(tag), v, n));
}

INLINE void emit_s(fbuf_t *fb, const char *tag, const char *v)
{
	emit1(fb, tag, v, strlen(v));
}

static const char *word_at(const tokinfo_t *ti, size_t n, long i, size_t *len)
{
	if (i < 0) {
		*len = 3;
		return "<s>";
	}
	if ((size_t)i >= n) {
		*len = 4;
		return "</s>";
	}
	*len = ti[i].len;
	return ti[i].word;
}

static const char *shape_at(const tokinfo_t *ti, size_t n, long i)
{
	if (i < 0 || (size_t)i >= n)
		return "|";
	return ti[i].shape;
}

/* "%d" of a word class (-2 .. 65535), into b (16 bytes); its length. */
static int class_digits(int v, char *b)
{
	char t[16];
	int n = 0, k = 0;
	unsigned u = v < 0 ? (unsigned)-v : (unsigned)v;
	do
		t[n++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		b[k++] = '-';
	while (n)
		b[k++] = t[--n];
	b[k] = '\0';
	return k;
}

/* The features of a token that depend on the token alone: its word (and
 * so its word class and kinds), its shape, whether it is in a headline in
 * capitals or ends in 's (the key of word_key()). */
static void word_features(fbuf_t *fb, const tokinfo_t *x)
{
	emit0(fb, "b");
	emit1(fb, "w", x->word, x->len);
	uint64_t hs = h_val(h_tag(x->headline ? "sH" : "s"), NULL, 0);
	push(fb, an_hash(hs, x->shape, strlen(x->shape)));
	char digit = (char)('0' + (x->len > 8 ? 8 : x->len));
	emit1(fb, "len", &digit, 1);
	for (size_t k = 1; k <= 4 && k < x->len; k++) {
		emit1(fb, "p", x->word, k);
		emit1(fb, "x", x->word + x->len - k, k);
	}
	if (x->headline)
		emit0(fb, "hl");
	if (x->poss)
		emit0(fb, "poss");
	if (x->kinds & AN_WORD_FIRST_NAME)
		emit0(fb, "fn");
	if (x->kinds & AN_WORD_TITLE)
		emit0(fb, "tt");
	if (x->kinds & AN_WORD_ORG)
		emit0(fb, "ow");
	char cb[16];
	int cn = class_digits(x->cls, cb);
	emit1(fb, "c", cb, (size_t)cn);
	push(fb, h_val(h_val(h_tag("cs"), cb, (size_t)cn), x->shape, strlen(x->shape)));
	/* Its class's groups in the tree over the classes: what a class seen
	 * too rarely in training shares with its neighbours (Ratinov and Roth's
	 * prefixes of a Brown cluster's path). Chosen on the held-out fifth of
	 * eng.train (tagger.h's note on the class code). */
	if (x->cls >= 0) {
		cn = class_digits(x->cls >> AN_NER_SHIFT_FINE, cb);
		emit1(fb, "cF", cb, (size_t)cn);
		cn = class_digits(x->cls >> AN_NER_SHIFT_COARSE, cb);
		emit1(fb, "cC", cb, (size_t)cn);
	}
}

/* What word_features() reads of a token, hashed: equal keys, equal
 * features (but for a 64-bit collision). */
static uint64_t word_key(const tokinfo_t *x)
{
	uint64_t h = an_hash(x->hash, "\x1f", 1);
	h = an_hash(h, x->shape, strlen(x->shape));
	unsigned char flags[2] = { (unsigned char)(x->headline | x->poss << 1), 0 };
	return an_hash(h, (const char *)flags, 1);
}

/* The features of a token that its neighbours, its place in the sentence
 * and the article decide. */
static void context_features(fbuf_t *fb, const tokinfo_t *ti, size_t n, size_t i)
{
	const tokinfo_t *x = &ti[i];
	long li = (long)i;
	size_t lp, ln, lp2, ln2;
	const char *wp = word_at(ti, n, li - 1, &lp), *wn = word_at(ti, n, li + 1, &ln);
	const char *wp2 = word_at(ti, n, li - 2, &lp2), *wn2 = word_at(ti, n, li + 2, &ln2);
	/* Shapes mean nothing in a headline in capitals: their own features. */
	const char *hl = x->headline ? "H" : "";
	const char *sp = shape_at(ti, n, li - 1), *sn = shape_at(ti, n, li + 1);

	emit1(fb, "w-1", wp, lp);
	emit1(fb, "w+1", wn, ln);
	emit1(fb, "w-2", wp2, lp2);
	emit1(fb, "w+2", wn2, ln2);
	push(fb, h_val(h_val(h_tag("w-1w"), wp, lp), x->word, x->len));
	push(fb, h_val(h_val(h_tag("ww+1"), x->word, x->len), wn, ln));
	push(fb, h_val(h_tag(x->headline ? "s-1H" : "s-1"), sp, strlen(sp)));
	push(fb, h_val(h_tag(x->headline ? "s+1H" : "s+1"), sn, strlen(sn)));
	uint64_t h3 = h_val(h_tag(x->headline ? "s3H" : "s3"), sp, strlen(sp));
	h3 = h_val(h3, x->shape, strlen(x->shape));
	push(fb, h_val(h3, sn, strlen(sn)));
	push(fb, h_val(h_val(h_tag("ss"), x->sent_start ? "1" : "0", 1), hl, strlen(hl)));
	if (x->sent_start)
		emit1(fb, "ssw", x->word, x->len);
	emit_s(fb, "g<", x->gap_before);
	emit_s(fb, "g>", i + 1 < n ? ti[i + 1].gap_before : "\n");
	if (x->gaz_loc)
		emit1(fb, "gzl", x->gaz_loc == 1 ? "B" : "I", 1);
	if (x->gaz_city)
		emit1(fb, "gzc", x->gaz_city == 1 ? "B" : "I", 1);
	if (i + 1 < n && ti[i + 1].gaz_loc == 2)
		emit0(fb, "gzl+1");
	if (i > 0 && (ti[i - 1].kinds & AN_WORD_FIRST_NAME))
		emit0(fb, "fn-1");
	if (i > 0 && (ti[i - 1].kinds & AN_WORD_TITLE))
		emit0(fb, "tt-1");
	for (size_t k = 1; k <= 3 && i + k < n; k++)
		if ((ti[i + k].kinds & AN_WORD_ORG) && ti[i + k].cap) {
			char d = (char)('0' + k);
			emit1(fb, "ow+", &d, 1);
			break;
		}
	char cb[16];
	int cn = class_digits(i > 0 ? ti[i - 1].cls : -2, cb);
	emit1(fb, "c-1", cb, (size_t)cn);
	cn = class_digits(i + 1 < n ? ti[i + 1].cls : -2, cb);
	emit1(fb, "c+1", cb, (size_t)cn);

	char doc[4] = { (char)('0' + x->doc_lower), (char)('0' + x->doc_cap),
			(char)('0' + x->sent_start), (char)('0' + x->headline) };
	emit1(fb, "doc", doc, 4);
	/* How the English word list writes the word (in lower case,
	 * capitalised, both, not at all), at a sentence's start or inside
	 * one: a capitalised ordinary word that starts a sentence
	 * ("Interestingly,", "Meanwhile") is rarely a name, one the list
	 * writes capitalised often is. Chosen on the held-out fifth of
	 * eng.train (dev models of seeds 1-6, all-types F1 0.8836 ->
	 * 0.8847, testa 0.8927 -> 0.8948; the list's bits as a word feature
	 * too, with the neighbours', with the article's lower-case use or
	 * the next word's capital did no better: 0.884-0.885). On 181 real
	 * pages, names that are one ordinary word ("Interestingly",
	 * "Architecture") went from 239-254 to 149-162 (models of seeds
	 * 1-3). */
	char dw[2] = { (char)('0' + x->dict), (char)('0' + x->sent_start) };
	emit1(fb, "dws", dw, 2);
	/* What the word's other uses in the article say. */
	for (int b = 0; b < CTX_NBITS; b++)
		if (x->doc_ctx >> b & 1) {
			char d = (char)('0' + b);
			emit1(fb, "dx", &d, 1);
		}
}

static void token_features(fbuf_t *fb, const tokinfo_t *ti, size_t n, size_t i)
{
	word_features(fb, &ti[i]);
	context_features(fb, ti, n, i);
}

/* The features of the candidates (cand NULL: computed here, into
 * cand_out). */
/* What the features read of every token, into a new array (the caller
 * frees it; NULL when out of memory); cand NULL: the candidates are
 * found here, into cand_out. */
static tokinfo_t *prepare(const an_ner_token_t *toks, size_t n, const unsigned char **cand,
			  unsigned char *cand_out, const an_ner_classes_t *classes)
{
	an_gazetteer_load();
	tokinfo_t *ti = malloc((n ? n : 1) * sizeof(*ti));
	if (!ti)
		return NULL;
	info_of(toks, n, ti);
	if (!*cand) {
		candidates_of(toks, ti, n, cand_out);
		*cand = cand_out;
	}
	detail_of(toks, ti, n, *cand);
	classes_of(ti, n, *cand, classes);
	if (doc_words(ti, n) < 0) {
		free(ti);
		return NULL;
	}
	mark_gazetteer(ti, n, *cand, 0);
	mark_gazetteer(ti, n, *cand, 1);
	return ti;
}

/* The features of the candidates (cand NULL: computed here, into
 * cand_out). */
static int features(const an_ner_token_t *toks, size_t n, const unsigned char *cand,
		    unsigned char *cand_out, unsigned bits, const an_ner_classes_t *classes,
		    uint32_t **feats, size_t **off)
{
	*feats = NULL;
	*off = NULL;
	tokinfo_t *ti = prepare(toks, n, &cand, cand_out, classes);
	size_t *o = malloc((n + 1) * sizeof(*o));
	fbuf_t fb = { NULL, 0, 0, (uint32_t)((1ULL << bits) - 1), 0 };
	if (!ti || !o)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		o[i] = fb.n;
		if (cand[i])
			token_features(&fb, ti, n, i);
	}
	o[n] = fb.n;
	if (fb.oom)
		goto fail;
	free(ti);
	*feats = fb.f;
	*off = o;
	return 0;
fail:
	free(ti);
	free(o);
	free(fb.f);
	return -1;
}

int an_ner_features(const an_ner_token_t *toks, size_t n, const unsigned char *cand,
		    unsigned bits, const an_ner_classes_t *classes, uint32_t **feats,
		    size_t **off)
{
	return features(toks, n, cand, NULL, bits, classes, feats, off);
}

/* --- decoding ----------------------------------------------------------- */

/* Bits set in v (the builtin calls a library function without -mpopcnt). */
static inline unsigned popcount64(uint64_t v)
{
	v = v - ((v >> 1) & 0x5555555555555555ULL);
	v = (v & 0x3333333333333333ULL) + ((v >> 2) & 0x3333333333333333ULL);
	v = (v + (v >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned)((v * 0x0101010101010101ULL) >> 56);
}

static int allowed(int prev, int label)
{
	/* An I- follows a B- or an I- of its type. */
	if (label == AN_NER_O || AN_NER_IS_B(label))
		return 1;
	return prev != AN_NER_O && prev >= 0 && AN_NER_TYPE(prev) == AN_NER_TYPE(label);
}

int an_ner_viterbi(const float *emit_s, const float *trans, const unsigned char *cand,
		   size_t n, unsigned char *labels)
{
	if (n == 0)
		return 0;
	float *score = malloc(n * NL * sizeof(*score));
	unsigned char *back = malloc(n * NL);
	if (!score || !back) {
		free(score);
		free(back);
		return -1;
	}
	/* The transitions with the invalid ones (I- after another type)
	 * made impossible. */
	float t[(NL + 1) * NL];
	for (int p = -1; p < NL; p++)
		for (int l = 0; l < NL; l++)
			t[(p + 1) * NL + l] = allowed(p, l) ? trans[(p + 1) * NL + l] : -INFINITY;
	for (size_t i = 0; i < n; i++) {
		float *sc = score + i * NL;
		unsigned char *bk = back + i * NL;
		const float *prev = i ? score + (i - 1) * NL : NULL;
		int only_o = !cand[i];
		for (int l = 0; l < NL; l++) {
			float best = -INFINITY;
			int arg = 0;
			if (!only_o || l == AN_NER_O) {
				if (!prev) {
					best = t[l];
				} else if (i > 1 && !cand[i - 1]) {
					/* Only O before. */
					best = prev[AN_NER_O] + t[(AN_NER_O + 1) * NL + l];
				} else {
					for (int p = 0; p < NL; p++) {
						float v = prev[p] + t[(p + 1) * NL + l];
						if (v > best) {
							best = v;
							arg = p;
						}
					}
				}
				best += emit_s[i * NL + l];
			}
			sc[l] = best;
			bk[l] = (unsigned char)arg;
		}
	}
	int l = 0;
	for (int k = 1; k < NL; k++)
		if (score[(n - 1) * NL + k] > score[(n - 1) * NL + l])
			l = k;
	for (size_t i = n; i-- > 0;) {
		labels[i] = (unsigned char)l;
		l = back[i * NL + l];
	}
	free(score);
	free(back);
	return 0;
}

/* Titles that are also names or words of names: of the title words,
 * those eng.train puts inside a name, and names of people ("Major",
 * "Prince Charles" as a name, "General Motors", "Justice Ministry"). */
static int title_in_names(const char *w)
{
	static const char *const words[] = {
		"general", "justice", "king", "major", "mayor", "miss", "pope", "prince",
		"princess", "lord", "lady", "father", "sister", "queen", "judge", NULL
	};
	for (const char *const *p = words; *p; p++)
		if (strcmp(w, *p) == 0)
			return 1;
	return 0;
}

/* Add the weights of features f[0..nf) to sum. */
static void add_rows(const an_tagger_t *m, const uint32_t *f, size_t nf, int32_t *sum)
{
	for (size_t k = 0; k < nf; k++) {
		uint32_t r = f[k];
		uint64_t word = m->kept[r >> 6], bit = 1ULL << (r & 63);
		if (!(word & bit))
			continue;
		size_t at = m->before[r >> 6] + popcount64(word & (bit - 1));
		const int16_t *row = m->w + at * NL;
		for (int l = 0; l < NL; l++)
			sum[l] += row[l];
	}
}

/* The weights of the word features (word_features()) of the words seen
 * last, a table per thread: most names and capitalised words come back
 * within and across articles ("Reuters", "U.S.", "Inc"), and their
 * features need not be hashed and looked up again. A slot holds the sums
 * of one word key for one model (serial). Sums of integers: the same
 * with or without the table. */
#define WCACHE_SLOTS 4096  /* 4,096 x 56 bytes: 224 KB a thread */
typedef struct {
	uint64_t key;
	uint64_t serial;      /* the model's; 0: empty */
	int32_t sum[NL];
} wcache_slot_t;

static pthread_key_t wcache_key;
static int wcache_ok;
static pthread_once_t wcache_once = PTHREAD_ONCE_INIT;

static void wcache_init(void)
{
	wcache_ok = pthread_key_create(&wcache_key, free) == 0;
}

/* This thread's table, NULL when there is none (out of memory). */
static wcache_slot_t *wcache(void)
{
	pthread_once(&wcache_once, wcache_init);
	if (!wcache_ok)
		return NULL;
	wcache_slot_t *c = pthread_getspecific(wcache_key);
	if (!c && (c = calloc(WCACHE_SLOTS, sizeof(*c))) && pthread_setspecific(wcache_key, c)) {
		free(c);
		c = NULL;
	}
	return c;
}

static uint64_t model_serial;   /* the last given out (atomic) */

int an_tagger_tag(const an_tagger_t *m, const an_ner_token_t *toks, size_t n,
		  unsigned char *labels)
{
	if (n == 0)
		return 0;
	unsigned char *cand = malloc(n);
	const unsigned char *cp = NULL;
	float *em = calloc(n * NL, sizeof(*em));
	tokinfo_t *ti = NULL;
	fbuf_t fb = { NULL, 0, 0, (uint32_t)((1ULL << m->bits) - 1), 0 };
	wcache_slot_t *wc = wcache();
	int rc = -1;
	if (!cand || !em || !(ti = prepare(toks, n, &cp, cand, m->classes)))
		goto out;
	/* A word alone at the start of a sentence that the article writes in
	 * lower case elsewhere, and no gazetteer knows, is that word, not a
	 * name ("Floods cut off the town ... The floods followed"): the
	 * article's own evidence, which the model weighs too little against
	 * the word's class. */
	/* A title before a name is not part of it ("Mr Kerry", "Foreign
	 * Minister Sergei Lavrov"), as CoNLL annotates: the model saw too few
	 * of some (eng.train has "Mr" 7 times). Titles that are names too, or
	 * begin them ("Major", "Prince", "General Motors"), are left to it. */
	for (size_t i = 0; i < n; i++) {
		if (!cand[i] || ti[i].headline)
			continue;
		if (ti[i].sent_start && ti[i].doc_lower && !ti[i].gaz_loc && !ti[i].gaz_city &&
		    !(i + 1 < n && cand[i + 1]))
			cand[i] = 0;
		else if ((ti[i].kinds & AN_WORD_TITLE) && i + 1 < n && cand[i + 1] &&
			 ti[i + 1].cap && !title_in_names(ti[i].word))
			cand[i] = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (!cand[i])
			continue;
		int32_t sum[NL] = { 0 };
		uint64_t key = word_key(&ti[i]);
		wcache_slot_t *slot = wc ? &wc[key & (WCACHE_SLOTS - 1)] : NULL;
		if (slot && slot->serial == m->serial && slot->key == key) {
			memcpy(sum, slot->sum, sizeof(sum));
		} else {
			fb.n = 0;
			word_features(&fb, &ti[i]);
			if (fb.oom)
				goto out;
			add_rows(m, fb.f, fb.n, sum);
			if (slot) {
				slot->key = key;
				slot->serial = m->serial;
				memcpy(slot->sum, sum, sizeof(sum));
			}
		}
		fb.n = 0;
		context_features(&fb, ti, n, i);
		if (fb.oom)
			goto out;
		add_rows(m, fb.f, fb.n, sum);
		for (int l = 0; l < NL; l++)
			em[i * NL + l] = (float)sum[l] * m->inv_scale;
	}
	rc = an_ner_viterbi(em, m->trans, cand, n, labels);
out:
	free(cand);
	free(em);
	free(ti);
	free(fb.f);
	return rc;
}

/* --- the model file ----------------------------------------------------- */

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static float get_f32(const unsigned char *p)
{
	uint32_t u = get_u32(p);
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

static uint64_t get_u64(const unsigned char *p)
{
	return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

/* The model's word classes, from p to end, into m->classes. Returns 0,
 * -1 with a message (corrupt), or -2 out of memory. */
static int load_classes(an_tagger_t *m, const unsigned char *p, const unsigned char *end,
			const char *path, char *err, size_t errsz)
{
	uint32_t nwords = get_u32(p);
	p += 4;
	an_ner_cluster_t *cl = calloc(nwords ? nwords : 1, sizeof(*cl));
	char *wbuf = malloc((size_t)(end - p) + nwords + 1);
	int rc = -2;
	if (!cl || !wbuf)
		goto out;
	char *wp = wbuf;
	rc = -1;
	for (uint32_t i = 0; i < nwords; i++) {
		if (end - p < 1 || end - p < 3 + p[0]) {
			snprintf(err, errsz, "%s: corrupt tagger model (word classes)", path);
			goto out;
		}
		size_t len = p[0];
		memcpy(wp, p + 1, len);
		wp[len] = '\0';
		cl[i].word = wp;
		cl[i].cls = (unsigned)(p[1 + len] | p[2 + len] << 8);
		wp += len + 1;
		p += 3 + len;
	}
	if (p != end) {
		snprintf(err, errsz, "%s: corrupt tagger model (%ld bytes too many)", path,
			 (long)(end - p));
		goto out;
	}
	m->classes = an_ner_classes_new(cl, nwords);
	rc = m->classes ? 0 : -2;
out:
	free(cl);
	free(wbuf);
	return rc;
}

/* The whole of the open file f (path) into *buf (malloc'ed), its size in
 * *size. Returns 0, or -1 with a message. */
static int read_model_file(FILE *f, const char *path, unsigned char **buf, long *size,
			   char *err, size_t errsz)
{
	*buf = NULL;
	*size = -1;
	if (fseek(f, 0, SEEK_END) == 0)
		*size = ftell(f);
	if (*size < 0 || fseek(f, 0, SEEK_SET) != 0) {
		snprintf(err, errsz, "%s: cannot read the tagger's model", path);
		return -1;
	}
	if ((size_t)*size < HEADER_BYTES + 8) {
		snprintf(err, errsz, "%s: not a tagger model, or truncated (%ld bytes)", path,
			 *size);
		return -1;
	}
	*buf = malloc((size_t)*size);
	if (!*buf || fread(*buf, 1, (size_t)*size, f) != (size_t)*size) {
		snprintf(err, errsz, "%s: cannot read the tagger's model", path);
		return -1;
	}
	return 0;
}

int an_tagger_load(const char *path, an_tagger_t **out, char *err, size_t errsz)
{
	*out = NULL;
	unsigned char *buf = NULL;
	an_tagger_t *m = NULL;
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errsz, "%s: cannot open the tagger's model: %s", path, strerror(errno));
		return -1;
	}
	long size;
	if (read_model_file(f, path, &buf, &size, err, errsz) < 0)
		goto fail;
	if (memcmp(buf, MAGIC, MAGIC_LEN) != 0) {
		snprintf(err, errsz, "%s: not a tagger model (no %s header)", path, MAGIC);
		goto fail;
	}
	const unsigned char *p = buf + MAGIC_LEN;
	uint32_t format = get_u32(p), features = get_u32(p + 4), bits = get_u32(p + 8),
		 labels = get_u32(p + 12);
	if (format != AN_NER_FORMAT_VERSION || features != AN_NER_FEATURES_VERSION) {
		snprintf(err, errsz,
			 "%s: a tagger model of version %u.%u; this program reads %u.%u "
			 "(make model retrains it)",
			 path, format, features, AN_NER_FORMAT_VERSION, AN_NER_FEATURES_VERSION);
		goto fail;
	}
	if (bits < 8 || bits > MAX_BITS || labels != NL) {
		snprintf(err, errsz, "%s: corrupt tagger model (%u bits, %u labels)", path, bits,
			 labels);
		goto fail;
	}
	uint64_t sum = get_u64(buf + size - 8);
	if (an_hash(AN_HASH_START, (const char *)buf, (size_t)size - 8) != sum) {
		snprintf(err, errsz, "%s: corrupt or truncated tagger model (checksum)", path);
		goto fail;
	}
	p += 16;
	m = calloc(1, sizeof(*m));
	if (!m)
		goto oom;
	m->bits = bits;
	float scale = get_f32(p);
	p += 4;
	if (!(scale > 0)) {
		snprintf(err, errsz, "%s: corrupt tagger model (scale)", path);
		goto fail;
	}
	m->inv_scale = 1.0f / scale;
	for (int k = 0; k < (NL + 1) * NL; k++, p += 4)
		m->trans[k] = get_f32(p);
	uint32_t rows = get_u32(p);
	p += 4;
	const unsigned char *end = buf + size - 8;
	if ((size_t)(end - p) < (size_t)rows * ROW_BYTES + 4) {
		snprintf(err, errsz, "%s: corrupt tagger model (%u rows in %ld bytes)", path, rows,
			 size);
		goto fail;
	}
	size_t blocks = ((size_t)1 << bits) / 64;
	m->kept = calloc(blocks, sizeof(*m->kept));
	m->before = calloc(blocks, sizeof(*m->before));
	m->w = malloc((rows ? rows : 1) * NL * sizeof(*m->w));
	if (!m->kept || !m->before || !m->w)
		goto oom;
	for (uint32_t r = 0; r < rows; r++, p += ROW_BYTES) {
		uint32_t idx = get_u32(p);
		if (idx >= (1u << bits) || (r && idx <= get_u32(p - ROW_BYTES))) {
			snprintf(err, errsz, "%s: corrupt tagger model (row %u)", path, idx);
			goto fail;
		}
		m->kept[idx >> 6] |= 1ULL << (idx & 63);
		for (int l = 0; l < NL; l++)
			m->w[(size_t)r * NL + l] = (int16_t)(p[4 + 2 * l] | p[5 + 2 * l] << 8);
	}
	for (size_t b = 1; b < blocks; b++)
		m->before[b] = m->before[b - 1] + popcount64(m->kept[b - 1]);
	/* The word classes. */
	int crc = load_classes(m, p, end, path, err, errsz);
	if (crc == -2)
		goto oom;
	if (crc < 0)
		goto fail;
	m->serial = __atomic_add_fetch(&model_serial, 1, __ATOMIC_RELAXED);
	snprintf(m->version, sizeof(m->version), "%u.%u-%08x", format, features,
		 (unsigned)(sum & 0xffffffffu));
	free(buf);
	fclose(f);
	*out = m;
	return 0;
oom:
	snprintf(err, errsz, "%s: out of memory loading the tagger's model", path);
fail:
	an_tagger_free(m);
	free(buf);
	fclose(f);
	return -1;
}

void an_tagger_free(an_tagger_t *m)
{
	if (!m)
		return;
	an_ner_classes_free(m->classes);
	free(m->kept);
	free(m->before);
	free(m->w);
	free(m);
}

const char *an_tagger_version(const an_tagger_t *m)
{
	return m->version;
}

#ifndef DATELINE_DATADIR
#define DATELINE_DATADIR "/usr/local/share/dateline"
#endif
#ifndef DATELINE_SRC_MODEL
#define DATELINE_SRC_MODEL "model/" AN_NER_MODEL_FILE
#endif

const char *an_tagger_default_path(char *out, size_t outsz)
{
	const char *env = getenv("DATELINE_NER_MODEL");
	if (env && *env) {
		snprintf(out, outsz, "%s", env);
		return out;
	}
	char exe[PATH_MAX];
	ssize_t k = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (k > 0) {
		exe[k] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(out, outsz, "%s/../share/dateline/%s", exe, AN_NER_MODEL_FILE);
			if (access(out, R_OK) == 0)
				return out;
		}
	}
	snprintf(out, outsz, "%s/%s", DATELINE_DATADIR, AN_NER_MODEL_FILE);
	if (access(out, R_OK) == 0)
		return out;
	snprintf(out, outsz, "%s", DATELINE_SRC_MODEL);
	return out;
}

static struct {
	an_tagger_t *m;
	char err[512];
} shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void load_shared(void)
{
	char path[PATH_MAX + 64];
	an_tagger_default_path(path, sizeof(path));
	an_tagger_load(path, &shared.m, shared.err, sizeof(shared.err));
}

const an_tagger_t *an_tagger_shared(void)
{
	pthread_once(&shared_once, load_shared);
	return shared.m;
}

const char *an_tagger_shared_error(void)
{
	pthread_once(&shared_once, load_shared);
	return shared.m ? NULL : shared.err;
}
