/* entities.c - the people and places an article mentions (see entities.h). */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <utf8proc.h>

#include "../analysis/gazetteer.h"
#include "../analysis/ner_lists.h"
#include "../analysis/stopwords.h"
#include "../analysis/tagger.h"
#include "../analysis/tokenize.h"
#include "entities.h"

/* Words of a person's name at most (after titles are taken off). */
#define MAX_NAME_WORDS 4

/* A token of the text, with what the extraction needs to know of it. */
typedef struct ent_tok {
	size_t start, end;        /* bytes of the text */
	char term[AN_MAX_TOKEN_BYTES + 1];
	int capitalised;
	int all_caps;             /* a word in capitals: a headline, an acronym */
	int sentence_start;
	int joined;               /* only spaces since the previous token */
	int used;                 /* part of a place already */
	int poss;                 /* a possessive 's taken off term */
} tok_t;

typedef entity_text_t toks_t;

static int is_sentence_start(const char *text, size_t start)
{
	size_t p = start;
	while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == '\t' || text[p - 1] == '"' ||
			 text[p - 1] == '\'' || text[p - 1] == '(' ||
			 (unsigned char)text[p - 1] >= 0x80))
		p--;
	if (p == 0)
		return 1;
	char c = text[p - 1];
	return c == '.' || c == '!' || c == '?' || c == '\n' || c == ':';
}

int entity_text_add(const an_token_t *tok, void *ctx)
{
	toks_t *ts = ctx;
	if (ts->n == ts->cap) {
		size_t cap = ts->cap ? 2 * ts->cap : 256;
		tok_t *t = realloc(ts->t, cap * sizeof(*t));
		if (!t) {
			ts->oom = 1;
			return 1;
		}
		ts->t = t;
		ts->cap = cap;
	}
	tok_t *t = &ts->t[ts->n++];
	t->start = tok->start;
	t->end = tok->end;
	memcpy(t->term, tok->term, tok->len + 1);
	/* "Ukraine's", "Kerry's": the word itself. */
	t->poss = tok->len > 2 && t->term[tok->len - 2] == '\'' && t->term[tok->len - 1] == 's';
	if (t->poss)
		t->term[tok->len - 2] = '\0';
	t->capitalised = tok->capitalised;
	t->used = 0;
	return 0;
}

/* What the rules read of each token besides its word (the tagger reads
 * the text itself). */
static void rules_prepare(toks_t *ts)
{
	for (size_t k = 0; k < ts->n; k++) {
		tok_t *t = &ts->t[k];
		t->all_caps = 1;
		int letters = 0;
		for (size_t i = t->start; i < t->end; i++) {
			unsigned char c = (unsigned char)ts->text[i];
			if (islower(c))
				t->all_caps = 0;
			letters += isalpha(c) != 0;
		}
		if (letters < 2)
			t->all_caps = 0;
		t->sentence_start = is_sentence_start(ts->text, t->start);
		t->joined = 0;
		if (k > 0) {
			const tok_t *prev = &ts->t[k - 1];
			size_t p = prev->end;
			/* An initial's full stop joins too: "James A. Baker". */
			int initial = prev->end - prev->start == 1;
			t->joined = 1;
			for (; p < t->start; p++)
				if (ts->text[p] != ' ' &&
				    !(initial && p == prev->end && ts->text[p] == '.'))
					t->joined = 0;
		}
	}
}

/* A list of words, sorted once for binary search. */
typedef struct {
	const char *const *words;   /* NULL-terminated, as written */
	const char **sorted;
	size_t n;
} wordlist_t;

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void sort_list(wordlist_t *l)
{
	size_t n = 0;
	while (l->words[n])
		n++;
	l->sorted = malloc(n * sizeof(*l->sorted));
	if (!l->sorted)
		return;
	memcpy(l->sorted, l->words, n * sizeof(*l->sorted));
	qsort(l->sorted, n, sizeof(*l->sorted), cmp_str);
	l->n = n;
}

static int in_list(const char *w, const wordlist_t *l)
{
	return l->sorted && bsearch(&w, l->sorted, l->n, sizeof(*l->sorted), cmp_str) != NULL;
}

/* Words that introduce a person and are not part of the name. */
static const char *const title_words[] = {
	"president", "secretary", "minister", "foreign", "prime", "mr", "mrs", "ms",
	"dr", "chancellor", "senator", "sen", "rep", "representative", "general",
	"gen", "governor", "gov", "ambassador", "state", "vice", "deputy", "chief",
	"executive", "king", "queen", "prince", "princess", "pope", "judge",
	"justice", "lord", "lady", "sir", "mayor", "colonel", "col", "captain",
	"admiral", "commissioner", "chairman", "chairwoman", "director",
	"spokesman", "spokeswoman", "defence", "defense", "interior", "finance",
	"economy", "trade", "first", "leader", "premier", "envoy", "special",
	"former", "new", "acting", "opposition", "presidential", "candidate",
	"coach", "manager", "striker", "player", "first minister", "sheikh",
	"ayatollah", "cardinal", "bishop", "archbishop", "rev", "father", NULL
};

/* Words that make a capitalised run an organisation, a thing or a time,
 * not a person. */
static const char *const not_name_words[] = {
	"council", "party", "bank", "exchange", "market", "markets", "corp",
	"corporation", "inc", "ltd", "plc", "co", "company", "group", "agency",
	"ministry", "department", "union", "association", "commission", "committee",
	"organisation", "organization", "fund", "court", "parliament", "assembly",
	"congress", "senate", "house", "university", "institute", "airlines",
	"airways", "news", "times", "post", "journal", "reuters", "bros", "motors",
	"holdings", "board", "office", "service", "forces", "army", "navy", "fleet",
	"club", "league", "cup", "games", "olympics", "museum", "hall", "street",
	"square", "road", "avenue", "bridge", "airport", "station", "harbour", "port",
	"palace", "church", "cathedral", "treaty", "accord", "agreement", "act",
	"plan", "day", "week", "review", "statement", "summit", "conference",
	"talks", "foundation", "trust", "society", "federation", "republic",
	"kingdom", "states", "nations", "authority", "centre", "center", "tower",
	"ledger", "wire", "evening", "daily", "sunday", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "january", "february",
	"march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "god", "allah", "christmas", "easter",
	"internet", "web", "online", "tv", "radio", "bbc", "cnn", "nato", "un",
	"eu", "osce", "opec", "imf", "fbi", "cia", "kgb", "sec", "nasa", "aol",
	"google", "microsoft", "apple", "yahoo", "ebay", "amazon", "sony", "nokia",
	"boeing", "airbus", "warner", "bros", "film", "films", "music", "records",
	"tv", "prize", "award", "awards", "oscar", "oscars", "grand", "open",
	"championship", "championships", "stadium", "arena", "sea", "ocean",
	"river", "lake", "mountains", "island", "islands", "gulf", "strait", "bay",
	"north", "south", "east", "west", "northern", "southern", "eastern",
	"western", "central", "national", "international", "global", "world",
	"european", "african", "asian", "latin", "arab", "islamic", "muslim",
	"christian", "jewish", "catholic", "orthodox", "communist", "democrat",
	"democrats", "democratic", "republican", "republicans", "labour", "tory",
	"tories", "conservative", "conservatives", "liberal", "green", "greens",
	"socialist", "socialists", "electric", "securities", "savings", "capital",
	"services", "brothers", "bancorp", "bancshares", "financial", "industries",
	"systems", "technologies", "technology", "communications", "energy",
	"petroleum", "resources", "partners", "investments", "investment", "trading",
	"chemical", "chemicals", "steel", "foods", "stores", "insurance", "mutual",
	"realty", "properties", "telephone", "telegraph", "manufacturing",
	"products", "enterprises", "associates", "stanley", "lynch", "sachs",
	"hutton", "shearson", "lehman", "brokers", "lines", "railroad", "railway",
	"oil", "gas", "mining", "mines", "gold", "power", "utilities", "pharmaceuticals",
	"laboratories", "labs", "software", "computer", "computers", "electronics",
	"instruments", "aerospace", "aircraft", "shipping", "textile", "textiles",
	"paper", "cement", "sugar", "coffee", "cocoa", "grain", "wheat", "corn",
	"soybean", "soybeans", "comissaria", "bureau", "administration", "budget",
	"treasury", "reserve", "federal", "general", "american", "british",
	"canadian", "japanese", "french", "german", NULL
};

/* Common first names (a name that starts with one needs no other cue). */
static const char *const first_name_words[] = {
	"john", "james", "robert", "michael", "william", "david", "richard",
	"joseph", "thomas", "charles", "christopher", "daniel", "matthew",
	"anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
	"kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward",
	"jason", "jeffrey", "ryan", "jacob", "gary", "nicholas", "eric", "jonathan",
	"stephen", "larry", "justin", "scott", "brandon", "benjamin", "samuel",
	"gregory", "frank", "alexander", "raymond", "patrick", "jack", "dennis",
	"jerry", "tyler", "aaron", "jose", "adam", "henry", "nathan", "douglas",
	"zachary", "peter", "kyle", "walter", "ethan", "jeremy", "harold", "keith",
	"christian", "roger", "noah", "gerald", "carl", "terry", "sean", "austin",
	"arthur", "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy",
	"bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne",
	"roy", "ralph", "randy", "eugene", "vincent", "russell", "elijah", "louis",
	"bobby", "philip", "johnny", "mary", "patricia", "jennifer", "linda",
	"elizabeth", "barbara", "susan", "jessica", "sarah", "karen", "nancy",
	"lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily",
	"donna", "michelle", "dorothy", "carol", "amanda", "melissa", "deborah",
	"stephanie", "rebecca", "sharon", "laura", "cynthia", "kathleen", "amy",
	"shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole", "emma",
	"samantha", "katherine", "christine", "debra", "rachel", "catherine",
	"carolyn", "janet", "ruth", "maria", "heather", "diane", "virginia",
	"julie", "joyce", "victoria", "olivia", "kelly", "christina", "lauren",
	"joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha",
	"jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara",
	"janice", "jean", "alice", "madison", "doris", "abigail", "julia", "judy",
	"grace", "denise", "amber", "marilyn", "beverly", "danielle", "theresa",
	"sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte",
	"rose", "alexis", "kayla", "hillary", "barack", "vladimir", "sergei",
	"sergey", "dmitry", "dmitri", "viktor", "victor", "yulia", "petro",
	"volodymyr", "francois", "emmanuel", "nicolas", "jacques", "tony", "gordon",
	"boris", "alex", "neil", "buzz", "mikhail", "alexei", "alexey", "yuri",
	"yury", "igor", "oleg", "andrei", "andrey", "ivan", "nikolai", "mykola",
	"oleh", "arseniy", "vitali", "mohammad", "mohammed", "muhammad", "ahmed",
	"ali", "hassan", "hussein", "abdullah", "omar", "bashar", "recep", "shimon",
	"ariel", "yasser", "mahmoud", "xi", "hu", "li", "kim", "shinzo",
	"junichiro", "narendra", "manmohan", "nelson", "thabo", "kofi", "ban",
	"laurent", "stephane", "guenter", "helmut", "gerhard", "silvio", "romano",
	"luiz", "dilma", "hugo", "fidel", "raul", "ana", "anton", "tomasz", "elena",
	"petra", "samir", "lucia", "claire", "kenji", "jorge", "cristiano",
	"adrian", "eder", "ashton", "jane", NULL
};

/* Words after a name that say a person spoke. */
static const char *const speech_words[] = {
	"said", "says", "told", "added", "asked", "replied", "warned", "wrote", NULL
};

static wordlist_t titles = { title_words, NULL, 0 };
static wordlist_t not_names = { not_name_words, NULL, 0 };
static wordlist_t first_names = { first_name_words, NULL, 0 };
static wordlist_t speech = { speech_words, NULL, 0 };
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void sort_lists(void)
{
	sort_list(&titles);
	sort_list(&not_names);
	sort_list(&first_names);
	sort_list(&speech);
}

/* --- collecting ---------------------------------------------------------- */

static entity_t *note(entity_t **list, size_t *n, const char *key, const char *name,
		      size_t name_len, int *oom)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i].key, key) == 0) {
			(*list)[i].count++;
			return &(*list)[i];
		}
	entity_t *v = realloc(*list, (*n + 1) * sizeof(*v));
	if (!v) {
		*oom = 1;
		return NULL;
	}
	*list = v;
	entity_t *e = &v[*n];
	e->key = strdup(key);
	e->name = strndup(name, name_len);
	e->count = 1;
	if (!e->key || !e->name) {
		free(e->key);
		free(e->name);
		*oom = 1;
		return NULL;
	}
	(*n)++;
	return e;
}

/* Mark the places among the tokens, longest names first. */
static void find_places(toks_t *ts, entities_t *out, int *oom)
{
	size_t maxw = an_place_max_words();
	char key[512];
	for (size_t i = 0; i < ts->n && !*oom; i++) {
		tok_t *t = &ts->t[i];
		int the = strcmp(t->term, "the") == 0 && i + 1 < ts->n && ts->t[i + 1].capitalised;
		if (!t->capitalised && !the)
			continue;
		/* Names of places are runs of capitalised words (with "of",
		 * "de", "and" inside): no longer window can match. */
		size_t run = 1;
		while (i + run < ts->n && run < maxw) {
			const tok_t *u = &ts->t[i + run];
			if (!u->capitalised && strcmp(u->term, "of") && strcmp(u->term, "de") &&
			    strcmp(u->term, "and"))
				break;
			run++;
		}
		for (size_t w = run; w >= 1; w--) {
			if (i + w > ts->n)
				continue;
			size_t k = 0;
			int ok = 1;
			for (size_t j = i; j < i + w && ok; j++) {
				const tok_t *u = &ts->t[j];
				/* Words of a name are capitalised (or "the", "of", "de"). */
				if (j > i && !u->capitalised && strcmp(u->term, "of") &&
				    strcmp(u->term, "de") && strcmp(u->term, "and"))
					ok = 0;
				size_t l = strlen(u->term);
				if (k + l + 2 >= sizeof(key))
					ok = 0;
				if (!ok)
					break;
				if (k)
					key[k++] = ' ';
				memcpy(key + k, u->term, l);
				k += l;
			}
			if (!ok)
				continue;
			key[k] = '\0';
			if (k >= 2 && key[k - 2] == '\'' && key[k - 1] == 's')
				key[k - 2] = '\0';
			const an_place_t *pl = an_place_lookup(key);
			if (!pl)
				continue;
			note(&out->places, &out->nplaces, pl->key, pl->name, strlen(pl->name), oom);
			for (size_t j = i; j < i + w; j++)
				ts->t[j].used = 1;
			i += w - 1;
			break;
		}
	}
}

/* Is token i's word the surname of a person found already? */
static entity_t *known_surname(entities_t *out, const tok_t *t)
{
	for (size_t p = 0; p < out->npersons; p++) {
		const char *sp = strrchr(out->persons[p].key, ' ');
		if (sp && strcmp(sp + 1, t->term) == 0)
			return &out->persons[p];
	}
	return NULL;
}

static int name_word(const tok_t *t)
{
	return t->capitalised && !t->all_caps && !t->used && !in_list(t->term, &not_names);
}

/* The people: runs of capitalised words, with a cue. */
static void find_persons(toks_t *ts, entities_t *out, int *oom)
{
	for (size_t i = 0; i < ts->n && !*oom; i++) {
		tok_t *t = &ts->t[i];
		if (!t->capitalised || t->used || t->all_caps)
			continue;
		/* A capital that only starts a sentence ("Later John Kerry") is
		 * not part of a name. */
		if (t->sentence_start && !in_list(t->term, &first_names) &&
		    !in_list(t->term, &titles) && !known_surname(out, t) && i + 1 < ts->n &&
		    ts->t[i + 1].capitalised && ts->t[i + 1].joined)
			continue;
		/* A run of capitalised words from i: titles, then the name. */
		size_t j = i, name_start;
		int titled = 0;
		while (j < ts->n && ts->t[j].capitalised && !ts->t[j].used &&
		       in_list(ts->t[j].term, &titles)) {
			titled = 1;
			j++;
			/* "Secretary of State John Kerry" */
			if (j + 1 < ts->n && strcmp(ts->t[j].term, "of") == 0 &&
			    ts->t[j + 1].capitalised)
				j++;
		}
		/* A title right before, lower-case: "foreign minister Sergei Lavrov" */
		if (!titled && i > 0 && in_list(ts->t[i - 1].term, &titles))
			titled = 1;
		name_start = j;
		while (j < ts->n && j - name_start < MAX_NAME_WORDS && name_word(&ts->t[j]) &&
		       !in_list(ts->t[j].term, &titles) && (j == name_start || ts->t[j].joined))
			j++;
		size_t nw = j - name_start;
		if (nw == 0) {
			i = j > i ? j - 1 : i;
			continue;
		}
		/* A longer run of capitals is a headline or a name of a thing. */
		if (j < ts->n && ts->t[j].capitalised && ts->t[j].joined && !ts->t[j].used &&
		    !in_list(ts->t[j].term, &titles) && nw == MAX_NAME_WORDS) {
			i = j;
			continue;
		}
		/* A name does not end with an initial or "Jr". */
		while (j - name_start > 1 && (ts->t[j - 1].end - ts->t[j - 1].start == 1 ||
					      strcmp(ts->t[j - 1].term, "jr") == 0))
			j--;
		nw = j - name_start;
		const tok_t *first = &ts->t[name_start], *last = &ts->t[j - 1];
		/* "Kerry's": the name without the possessive. */
		size_t last_end = last->end;
		if (last_end - first->start > 2 && ts->text[last_end - 1] == 's' &&
		    (ts->text[last_end - 2] == '\'' ||
		     (last_end >= 4 && (unsigned char)ts->text[last_end - 4] == 0xE2 &&
		      (unsigned char)ts->text[last_end - 3] == 0x80 &&
		      (unsigned char)ts->text[last_end - 2] == 0x99)))
			last_end -= ts->text[last_end - 2] == '\'' ? 2 : 4;
		int said = j < ts->n && in_list(ts->t[j].term, &speech);
		int known_first = in_list(first->term, &first_names);
		entity_t *e = NULL;
		if (nw == 1) {
			/* A surname alone: the person named earlier, or a titled one. */
			e = known_surname(out, first);
			if (e) {
				e->count++;
			} else if (titled && !first->sentence_start) {
				char key[256];
				if (an_person_key(ts->text + first->start, last_end - first->start,
						  key, sizeof(key)))
					note(&out->persons, &out->npersons, key, ts->text + first->start,
					     last_end - first->start, oom);
			}
		} else if (titled || known_first || said ||
			   (known_surname(out, last) && !first->sentence_start)) {
			char key[256];
			size_t len = last_end - first->start;
			if (an_person_key(ts->text + first->start, len, key, sizeof(key))) {
				/* A full name that only adds a first name to a surname
				 * found alone before takes its place. */
				note(&out->persons, &out->npersons, key, ts->text + first->start,
				     len, oom);
			}
		}
		i = j - 1;
	}
}

/* Is a letter of the UTF-8 name in small letters? */
static int has_small_letter(const char *name)
{
	utf8proc_int32_t cp;
	for (const char *p = name; *p;) {
		utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
		if (l <= 0)
			return 0;
		if (utf8proc_islower(cp))
			return 1;
		p += l;
	}
	return 0;
}

/* Is the normalised name a the name b after one word or more ("joel
 * eriksson ek" and "eriksson ek", "john kerry" and "kerry")? */
static int ends_with_words(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return lb && la > lb + 1 && a[la - lb - 1] == ' ' && strcmp(a + la - lb, b) == 0;
}

/* Fold a surname found alone, of one word or more ("Kerry", "Eriksson
 * Ek"), into the full name that ends with it ("John Kerry", "Joel Eriksson
 * Ek"), whichever came first. */
static void merge_surnames(entities_t *out)
{
	for (size_t s = 0; s < out->npersons; s++) {
		for (size_t f = 0; f < out->npersons; f++) {
			if (f == s || !ends_with_words(out->persons[f].key, out->persons[s].key))
				continue;
			out->persons[f].count += out->persons[s].count;
			free(out->persons[s].key);
			free(out->persons[s].name);
			memmove(&out->persons[s], &out->persons[s + 1],
				(out->npersons - s - 1) * sizeof(*out->persons));
			out->npersons--;
			s--;
			break;
		}
	}
}

void entity_text_init(entity_text_t *et, const char *text)
{
	memset(et, 0, sizeof(*et));
	et->text = text;
}

void entity_text_clear(entity_text_t *et)
{
	free(et->t);
	memset(et, 0, sizeof(*et));
}

int entities_from_rules(entity_text_t *title, entity_text_t *body, const char *place,
			entities_t *out)
{
	int oom = 0;
	memset(out, 0, sizeof(*out));
	an_gazetteer_load();
	pthread_once(&lists_once, sort_lists);
	entity_text_t *texts[2] = { title, body };
	for (int k = 0; k < 2 && !oom; k++) {
		if (!texts[k] || !texts[k]->text)
			continue;
		if (texts[k]->oom) {
			oom = 1;
			break;
		}
		rules_prepare(texts[k]);
		find_places(texts[k], out, &oom);
		find_persons(texts[k], out, &oom);
	}
	/* The dateline's place is a place of the article too ("Paris,
	 * France": Paris, or France when Paris is unknown). */
	for (const char *part = place; part && *part && !oom;) {
		const char *comma = strchr(part, ',');
		size_t n = comma ? (size_t)(comma - part) : strlen(part);
		const an_place_t *pl = an_place_find(part, n);
		if (pl) {
			note(&out->places, &out->nplaces, pl->key, pl->name, strlen(pl->name), &oom);
			break;
		}
		part += n + (comma != NULL);
	}
	if (oom) {
		entities_free(out);
		return -1;
	}
	merge_surnames(out);
	return 0;
}

/* --- the tagger's names ------------------------------------------------- */

/* One name the tagger found. */
typedef struct {
	int type;                       /* enum an_ner_type */
	char wkey[256];                 /* its written form normalised */
	char name[256];                 /* as written, spaces made single */
} mention_t;

/* The written form of bytes [start, end): whitespace runs as one space. */
static void written(const char *text, size_t start, size_t end, char *out, size_t outsz)
{
	size_t k = 0;
	int space = 0;
	for (size_t p = start; p < end;) {
		unsigned char c = (unsigned char)text[p];
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = 1;
			p++;
			continue;
		}
		/* Whole characters only: a name that does not fit is cut
		 * before the character that would not (the text is UTF-8). */
		size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		if (n > end - p)
			n = end - p;
		if (k + (space && k) + n + 1 > outsz)
			break;
		if (space && k)
			out[k++] = ' ';
		space = 0;
		memcpy(out + k, text + p, n);
		k += n;
		p += n;
	}
	out[k] = '\0';
}

/* The dateline's place: its first part ("Le Bourget, France": Le
 * Bourget), a place even when no gazetteer knows it, under its written
 * form ("ROTTERDAM": rotterdam). */
static void note_dateline_place(const char *place, entities_t *out, int *oom)
{
	if (!place || !*place)
		return;
	size_t n = strcspn(place, ",");
	const an_place_t *pl = an_place_find(place, n);
	char name[256], key[256];
	written(place, 0, n, name, sizeof(name));
	if (pl)
		note(&out->places, &out->nplaces, pl->key, pl->name, strlen(pl->name), oom);
	else if (name[strcspn(name, "0123456789")] == '\0' &&
		 an_normalise(name, strlen(name), key, sizeof(key)) > 0)
		note(&out->places, &out->nplaces, key, name, strlen(name), oom);
}

/* The end of token t without its possessive ("Ukraine's", "Kerry’s"). */
static size_t end_without_poss(const char *text, const tok_t *t)
{
	size_t e = t->end;
	if (!t->poss)
		return e;
	if (e >= t->start + 4 && (unsigned char)text[e - 4] == 0xE2 &&
	    (unsigned char)text[e - 3] == 0x80 && (unsigned char)text[e - 2] == 0x99)
		return e - 4;
	return e >= t->start + 3 ? e - 2 : e;
}

/* The names of one text's tokens, labelled: appended to *ms. */
/* Does the text between two tokens end a name whatever the tagger says:
 * a line's end, a bracket, a dash between spaces, a colon, a semicolon, a
 * quotation mark, a bar ("Hayward, Calif. (AP) — Michigan" is not one
 * name)? A comma, a full stop, an ampersand or an apostrophe may be inside
 * one. */
static int breaks_name(const char *text, size_t from, size_t to)
{
	for (size_t p = from; p < to; p++) {
		unsigned char c = (unsigned char)text[p];
		if (strchr("\n()[]{}:;\"|/", c) && c)
			return 1;
		/* U+2013, U+2014 dashes; U+201C, U+201D quotation marks. */
		if (c == 0xE2 && p + 2 < to && (unsigned char)text[p + 1] == 0x80 &&
		    strchr("\x93\x94\x9c\x9d", text[p + 2]))
			return 1;
		if (c == '-' && p > from && text[p - 1] == ' ')
			return 1;
	}
	return 0;
}

static int is_title(const char *term)
{
	return an_is_title_word(term) || in_list(term, &titles);
}

static int add_mentions(const entity_text_t *et, const unsigned char *lab, mention_t **ms,
			size_t *nm, size_t *cap)
{
	for (size_t i = 0; i < et->n; i++) {
		if (lab[i] == AN_NER_O)
			continue;
		int type = AN_NER_TYPE(lab[i]);
		size_t e = i;
		while (e + 1 < et->n && lab[e + 1] != AN_NER_O && !AN_NER_IS_B(lab[e + 1]) &&
		       !breaks_name(et->text, et->t[e].end, et->t[e + 1].start))
			e++;
		size_t first = i;
		/* Nor the rest of a title joined to it by a hyphen
		 * ("President-elect Joe Biden"). */
		if (type == AN_NER_PER && first < e && first > 0 &&
		    is_title(et->t[first - 1].term) &&
		    et->t[first].start == et->t[first - 1].end + 1 &&
		    et->text[et->t[first - 1].end] == '-')
			first++;
		/* Titles are not part of a name: "Prime Minister", "Mr". */
		while (type == AN_NER_PER && first < e &&
		       (an_is_title_word(et->t[first].term) || in_list(et->t[first].term, &titles)))
			first++;
		if (type == AN_NER_PER && first == e && an_is_title_word(et->t[first].term)) {
			i = e;
			continue;
		}
		if (*nm == *cap) {
			size_t c = *cap ? 2 * *cap : 32;
			mention_t *v = realloc(*ms, c * sizeof(*v));
			if (!v)
				return -1;
			*ms = v;
			*cap = c;
		}
		mention_t *m = &(*ms)[(*nm)];
		m->type = type;
		written(et->text, et->t[first].start, end_without_poss(et->text, &et->t[e]), m->name,
			sizeof(m->name));
		if (an_normalise(m->name, strlen(m->name), m->wkey, sizeof(m->wkey)) > 0)
			(*nm)++;
		i = e;
	}
	return 0;
}

/* The tagger's labels for the tokens of title and body (title first, a
 * text apart). Returns a malloc'ed array of title->n + body->n labels, or
 * NULL. */
static unsigned char *tag_texts(const an_tagger_t *m, entity_text_t *texts[2])
{
	size_t n = 0, nposs = 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; texts[k] && i < texts[k]->n; i++) {
			n++;
			nposs += texts[k]->t[i].poss;
		}
	an_ner_token_t *toks = malloc((n ? n : 1) * sizeof(*toks));
	char *poss = malloc(nposs * (AN_MAX_TOKEN_BYTES + 3) + 1);
	unsigned char *lab = malloc(n ? n : 1);
	if (!toks || !poss || !lab)
		goto fail;
	size_t j = 0, p = 0;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; texts[k] && i < texts[k]->n; i++, j++) {
			const tok_t *t = &texts[k]->t[i];
			toks[j] = (an_ner_token_t){ texts[k]->text, t->start, t->end, t->term };
			if (t->poss) {
				/* The tagger reads the word as the tokenizer made it. */
				char *w = poss + p * (AN_MAX_TOKEN_BYTES + 3);
				snprintf(w, AN_MAX_TOKEN_BYTES + 3, "%s's", t->term);
				toks[j].term = w;
				p++;
			}
		}
	if (an_tagger_tag(m, toks, n, lab) < 0)
		goto fail;
	free(toks);
	free(poss);
	return lab;
fail:
	free(toks);
	free(poss);
	free(lab);
	return NULL;
}

static int tagger_entities(entity_text_t *title, entity_text_t *body, const char *place,
			   entities_t *out)
{
	int oom = 0;
	memset(out, 0, sizeof(*out));
	const an_tagger_t *m = an_tagger_shared();
	if (!m)
		return -1;
	an_gazetteer_load();
	pthread_once(&lists_once, sort_lists);
	entity_text_t *texts[2] = { title && title->text ? title : NULL,
				    body && body->text ? body : NULL };
	for (int k = 0; k < 2; k++)
		if (texts[k] && texts[k]->oom)
			return -1;
	unsigned char *lab = tag_texts(m, texts);
	if (!lab)
		return -1;
	mention_t *ms = NULL;
	size_t nm = 0, cap = 0, off = 0;
	for (int k = 0; k < 2 && !oom; k++) {
		if (!texts[k])
			continue;
		if (add_mentions(texts[k], lab + off, &ms, &nm, &cap) < 0)
			oom = 1;
		off += texts[k]->n;
	}
	free(lab);
	/* One name, one kind in an article: the kind of most of its
	 * mentions (the first mention's on a tie). */
	for (size_t i = 0; i < nm && !oom; i++) {
		int votes[AN_NER_MISC + 1] = { 0 };
		size_t firsts[AN_NER_MISC + 1] = { 0 };
		for (size_t j = 0; j < nm; j++)
			if (strcmp(ms[j].wkey, ms[i].wkey) == 0) {
				if (!votes[ms[j].type])
					firsts[ms[j].type] = j;
				votes[ms[j].type]++;
			}
		int best = ms[i].type;
		for (int t = AN_NER_PER; t <= AN_NER_MISC; t++)
			if (votes[t] > votes[best] ||
			    (votes[t] == votes[best] && votes[t] && firsts[t] < firsts[best]))
				best = t;
		/* Between a person and another kind; a city is also its team
		 * (ORG) in the same article, and news says both. */
		if (best == AN_NER_PER || ms[i].type == AN_NER_PER)
			ms[i].type = best;
	}
	/* A surname alone that the tagger took for another kind is the person
	 * of that surname: "Simmons" after "Phil Simmons", and a surname of
	 * two words or more, "Eriksson Ek" after "Joel Eriksson Ek". */
	for (size_t i = 0; i < nm; i++) {
		if (ms[i].type == AN_NER_PER || an_place_lookup(ms[i].wkey))
			continue;
		for (size_t j = 0; j < nm; j++)
			if (ms[j].type == AN_NER_PER && ends_with_words(ms[j].wkey, ms[i].wkey)) {
				ms[i].type = AN_NER_PER;
				break;
			}
	}
	/* The dateline's place in capitals ("ROTTERDAM (Reuters) -"), which
	 * the tagger may take for an organisation, is the place the dateline
	 * notes below. */
	char dkey[256] = "";
	if (place && *place)
		an_normalise(place, strcspn(place, ","), dkey, sizeof(dkey));
	for (size_t i = 0; i < nm && !oom; i++) {
		mention_t *x = &ms[i];
		const an_place_t *pl = NULL;
		char key[256];
		if (dkey[0] && strcmp(x->wkey, dkey) == 0 && !has_small_letter(x->name))
			continue;
		switch (x->type) {
		case AN_NER_PER:
			if (an_person_key(x->name, strlen(x->name), key, sizeof(key)))
				note(&out->persons, &out->npersons, key, x->name, strlen(x->name),
				     &oom);
			break;
		case AN_NER_ORG:
			note(&out->orgs, &out->norgs, x->wkey, x->name, strlen(x->name), &oom);
			break;
		case AN_NER_LOC:
			pl = an_place_lookup(x->wkey);
			if (pl)
				note(&out->places, &out->nplaces, pl->key, pl->name, strlen(pl->name),
				     &oom);
			else
				note(&out->places, &out->nplaces, x->wkey, x->name, strlen(x->name),
				     &oom);
			break;
		}
	}
	free(ms);
	if (!oom)
		note_dateline_place(place, out, &oom);
	if (oom) {
		entities_free(out);
		return -1;
	}
	merge_surnames(out);
	return 0;
}

/* The dateline's place (its first part, or the first part a gazetteer
 * knows) and the places of title and body that the gazetteer knows, for an
 * article the tagger does not read. */
static int gazetteer_places(entity_text_t *title, entity_text_t *body, const char *place,
			    entities_t *out)
{
	int oom = 0;
	memset(out, 0, sizeof(*out));
	an_gazetteer_load();
	entity_text_t *texts[2] = { title, body };
	for (int k = 0; k < 2 && !oom; k++) {
		if (!texts[k] || !texts[k]->text)
			continue;
		if (texts[k]->oom) {
			oom = 1;
			break;
		}
		find_places(texts[k], out, &oom);
	}
	if (!oom)
		note_dateline_place(place, out, &oom);
	if (oom) {
		entities_free(out);
		return -1;
	}
	return 0;
}

double entities_english_share(const entity_text_t *title, const entity_text_t *body,
			      size_t *nwords)
{
	size_t words = 0, function = 0;
	const entity_text_t *texts[2] = { title, body };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; texts[k] && i < texts[k]->n; i++) {
			const tok_t *t = &texts[k]->t[i];
			/* Words, not numbers: "Shr 1.20 dlrs vs 1.10". */
			if (t->term[0] >= '0' && t->term[0] <= '9')
				continue;
			words++;
			function += an_is_stopword("en", t->term, strlen(t->term)) != 0;
		}
	if (nwords)
		*nwords = words;
	return words ? (double)function / (double)words : 0.0;
}

int entities_tagger_reads(const char *language, double english_share, size_t nwords)
{
	return !language || strcmp(language, "en") == 0 || nwords < ENTITIES_MIN_WORDS ||
	       english_share >= ENTITIES_MIN_ENGLISH_SHARE;
}

int entities_from(entity_text_t *title, entity_text_t *body, const char *place,
		  const char *language, entities_t *out)
{
	size_t nwords = 0;
	/* The share is counted only when the language is another. */
	int english = !language || strcmp(language, "en") == 0;
	double share = english ? 1.0 : entities_english_share(title, body, &nwords);
	if (english || entities_tagger_reads(language, share, nwords))
		return tagger_entities(title, body, place, out);
	return gazetteer_places(title, body, place, out);
}

void entities_drop_source(entities_t *e, const char *source)
{
	char src[256];
	size_t n = source ? an_normalise(source, strlen(source), src, sizeof(src)) : 0;
	if (n == 0)
		return;
	for (size_t i = 0; i < e->npersons; i++) {
		const char *k = e->persons[i].key;
		size_t kl = strlen(k);
		/* "Reuter" of "Reuters", or the name as it is. */
		int same = strcmp(k, src) == 0 ||
			   (n == kl + 1 && src[kl] == 's' && strncmp(k, src, kl) == 0) ||
			   (kl == n + 1 && k[n] == 's' && strncmp(k, src, n) == 0);
		if (!same)
			continue;
		free(e->persons[i].key);
		free(e->persons[i].name);
		memmove(&e->persons[i], &e->persons[i + 1],
			(e->npersons - i - 1) * sizeof(*e->persons));
		e->npersons--;
		i--;
	}
}

typedef int (*from_fn)(entity_text_t *, entity_text_t *, const char *, const char *,
		       entities_t *);

static int rules_from(entity_text_t *title, entity_text_t *body, const char *place,
		      const char *language, entities_t *out)
{
	(void)language;
	return entities_from_rules(title, body, place, out);
}

static int extract(const article_t *a, entities_t *out, from_fn from)
{
	entity_text_t t, b;
	int rc = 0;
	entity_text_init(&t, a->title);
	entity_text_init(&b, a->body);
	if ((a->title && an_tokenize(a->title, strlen(a->title), entity_text_add, &t) < 0) ||
	    (a->body && an_tokenize(a->body, strlen(a->body), entity_text_add, &b) < 0))
		rc = -1;
	if (rc == 0 && (rc = from(&t, &b, a->place, a->language, out)) == 0)
		entities_drop_source(out, a->source);
	else if (rc != 0)
		memset(out, 0, sizeof(*out));
	entity_text_clear(&t);
	entity_text_clear(&b);
	return rc;
}

int entities_extract(const article_t *a, entities_t *out)
{
	return extract(a, out, entities_from);
}

int entities_extract_rules(const article_t *a, entities_t *out)
{
	return extract(a, out, rules_from);
}

void entities_free(entities_t *e)
{
	for (size_t i = 0; i < e->norgs; i++) {
		free(e->orgs[i].key);
		free(e->orgs[i].name);
	}
	free(e->orgs);
	for (size_t i = 0; i < e->npersons; i++) {
		free(e->persons[i].key);
		free(e->persons[i].name);
	}
	for (size_t i = 0; i < e->nplaces; i++) {
		free(e->places[i].key);
		free(e->places[i].name);
	}
	free(e->persons);
	free(e->places);
	memset(e, 0, sizeof(*e));
}
