/* ner_lists.c - first names, organisation words, titles, cities (see
 * ner_lists.h). The lists are the project's own. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <geonames/geonames.h>

#include "hash.h"
#include "ner_lists.h"
#include "tokenize.h"

/* Common first names of people in the news, folded. */
static const char *first_name_words[] = {
	"aaron", "abdul", "abdullah", "abu", "adam", "adrian", "ahmad", "ahmed", "akira",
	"alain", "alan", "albert", "alberto", "alejandro", "aleksandr", "alessandro",
	"alex", "alexander", "alexandre", "alexei", "alexey", "alfred", "alfredo", "ali",
	"alice", "alicia", "alison", "amanda", "amir", "amy", "ana", "anatoly", "anders",
	"andre", "andrea", "andreas", "andrei", "andres", "andrew", "andrey", "andrzej",
	"angela", "angelo", "ann", "anna", "anne", "anthony", "antoine", "anton",
	"antonio", "arnold", "arthur", "ashley", "austin", "ayman", "barack", "barbara",
	"barry", "bashar", "ben", "benjamin", "benoit", "bernard", "bernd", "bill",
	"billy", "bob", "bobby", "boris", "brad", "brian", "bruce", "bruno", "bryan",
	"carl", "carlo", "carlos", "carol", "caroline", "catherine", "cesar", "charles",
	"charlie", "charlotte", "chris", "christian", "christine", "christopher",
	"claire", "claude", "claudia", "colin", "craig", "cristiano", "cynthia",
	"dan", "daniel", "daniela", "danny", "dario", "dave", "david", "dean",
	"deborah", "denis", "dennis", "derek", "diana", "diane", "diego", "dieter",
	"dilma", "dmitri", "dmitry", "dominic", "dominique", "don", "donald", "doris",
	"doug", "douglas", "duncan", "ed", "eddie", "edgar", "eduardo", "edward",
	"elena", "elizabeth", "ellen", "emily", "emma", "emmanuel", "enrique", "eric",
	"erik", "ernesto", "ernst", "eugene", "evgeny", "fabio", "faisal", "fernando",
	"fidel", "filip", "francesco", "francis", "francisco", "francois", "frank",
	"franz", "fred", "frederic", "frederick", "gary", "gennady", "geoff",
	"geoffrey", "george", "georges", "gerald", "gerard", "gerhard", "gianni",
	"giorgio", "giovanni", "giuseppe", "glenn", "gordon", "graham", "grant", "greg",
	"gregory", "guenter", "guido", "guillermo", "gustavo", "hamid", "hans",
	"harold", "harry", "hassan", "heinz", "helen", "helmut", "henri", "henrik",
	"henry", "herbert", "hideo", "hillary", "hiroshi", "hugh", "hugo", "hussein",
	"ian", "ibrahim", "igor", "ilya", "irina", "isaac", "ivan", "jack", "jacob",
	"jacques", "jaime", "jake", "james", "jan", "jane", "janet", "jason", "javier",
	"jean", "jeff", "jeffrey", "jennifer", "jens", "jeremy", "jerry", "jessica",
	"jim", "jimmy", "joachim", "joan", "joao", "joe", "joel", "johan", "johann",
	"johannes", "john", "johnny", "jon", "jonathan", "jorge", "jose", "josef",
	"joseph", "joshua", "juan", "judith", "julia", "julian", "julie", "julio",
	"jurgen", "justin", "karen", "karim", "karl", "kate", "katherine", "keith",
	"ken", "kenji", "kenneth", "kevin", "khalid", "kim", "klaus", "kofi", "kurt",
	"larry", "lars", "laura", "laurent", "lee", "leon", "leonid", "linda", "lisa",
	"louis", "luc", "luca", "lucas", "lucia", "luis", "luiz", "lynn", "manfred",
	"manuel", "marc", "marcel", "marco", "marcos", "margaret", "maria", "mario",
	"mark", "martin", "mary", "masahiro", "massimo", "mathieu", "matt", "matthew",
	"maurice", "max", "maxim", "mehmet", "michael", "michel", "michele", "miguel",
	"mikhail", "mike", "mohamed", "mohammad", "mohammed", "muhammad", "mustafa",
	"nancy", "naoto", "narendra", "nathan", "neil", "nelson", "nick", "nicolas",
	"nikolai", "nikolay", "noah", "norman", "oleg", "oliver", "olivier", "omar",
	"oscar", "osama", "otto", "pablo", "patricia", "patrick", "paul", "paulo",
	"pedro", "peter", "petr", "petro", "philip", "philippe", "pierre", "pieter",
	"rachel", "rafael", "rainer", "ralph", "ramon", "raul", "ray", "raymond",
	"recep", "reza", "ricardo", "richard", "rick", "rob", "robert", "roberto",
	"robin", "roger", "roland", "rolf", "roman", "ron", "ronald", "rosa", "ruth",
	"ryan", "saddam", "said", "salman", "sam", "samir", "samuel", "sandra", "sara",
	"sarah", "scott", "sean", "sebastian", "serge", "sergei", "sergey", "sergio",
	"shane", "sharon", "shimon", "shinzo", "simon", "sophie", "stanley", "stefan",
	"stefano", "stephane", "stephen", "steve", "steven", "susan", "sven", "takashi",
	"tariq", "ted", "terry", "thabo", "theo", "thomas", "tim", "timothy", "tom",
	"tomas", "tommy", "tony", "tyler", "ulrich", "valentin", "valery", "victor",
	"viktor", "vincent", "vitaly", "vladimir", "volker", "volodymyr", "walter",
	"warren", "wayne", "werner", "willem", "william", "willie", "wolfgang",
	"xavier", "yasser", "yevgeny", "yitzhak", "yoshihiko", "yuri", "yury",
	"yusuf", "zoran",
};

/* Words that make a name the name of an organisation. */
static const char *org_words[] = {
	"ag", "agency", "airlines", "airways", "alliance", "association", "authority",
	"bancorp", "bank", "board", "bros", "bureau", "church", "club", "co",
	"college", "commission", "committee", "communications", "company", "congress",
	"corp", "corporation", "council", "court", "department", "electric",
	"energy", "exchange", "federation", "financial", "foundation", "front",
	"fund", "gmbh", "group", "holding", "holdings", "inc", "industries",
	"institute", "insurance", "international", "league", "limited", "ltd",
	"ministry", "motors", "movement", "nv", "office", "oil", "organisation",
	"organization", "parliament", "partners", "party", "petroleum", "plc",
	"police", "press", "resources", "sa", "school", "securities", "senate",
	"services", "society", "spa", "systems", "technologies", "telecom", "times",
	"trust", "union", "united", "university",
};

/* Words of titles before a person's name. */
static const char *title_words[] = {
	"adm", "admiral", "ambassador", "archbishop", "ayatollah", "bishop",
	"brig", "capt", "captain", "cardinal", "chairman", "chairwoman",
	"chancellor", "col", "colonel", "commissioner", "congressman",
	"congresswoman", "dr", "emperor", "envoy", "father", "gen", "general",
	"gov", "governor", "judge", "justice", "king", "lady", "lieutenant", "lord",
	"lt", "maj", "major", "mayor", "minister", "miss", "mr", "mrs", "ms",
	"pope", "premier", "president", "prince", "princess", "prof", "professor",
	"queen", "rabbi", "rep", "rev", "secretary", "sen", "senator", "sgt",
	"sheikh", "sir", "sister", "spokesman", "spokeswoman", "sultan",
};

#define NWORDS(l) (sizeof(l) / sizeof((l)[0]))

/* The three lists in one open-addressing table: word -> kinds. */
#define WORD_SLOTS 2048
static struct {
	const char *word;
	size_t len;
	unsigned kinds;
} words[WORD_SLOTS];

static void add_words(const char **list, size_t n, unsigned kind)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(list[i]);
		size_t s = an_hash(AN_HASH_START, list[i], len) & (WORD_SLOTS - 1);
		while (words[s].word && strcmp(words[s].word, list[i]) != 0)
			s = (s + 1) & (WORD_SLOTS - 1);
		words[s].word = list[i];
		words[s].len = len;
		words[s].kinds |= kind;
	}
}

/* --- geonames' cities ---------------------------------------------------- */

static struct {
	char **keys;        /* open addressing */
	size_t nslots;
	size_t max_words;
	struct {
		char *word;     /* a first word of city names */
		size_t words;   /* the longest such name */
	} *firsts;
	size_t nfslots;
} cities;

static size_t city_first_slot(const char *w, size_t len)
{
	size_t s = an_hash(AN_HASH_START, w, len) & (cities.nfslots - 1);
	while (cities.firsts[s].word &&
	       (strncmp(cities.firsts[s].word, w, len) != 0 || cities.firsts[s].word[len] != '\0'))
		s = (s + 1) & (cities.nfslots - 1);
	return s;
}

static void add_city(const char *name)
{
	char key[128];
	size_t n = an_normalise(name, strlen(name), key, sizeof(key));
	if (n == 0)
		return;
	size_t s = an_hash(AN_HASH_START, key, n) & (cities.nslots - 1);
	while (cities.keys[s]) {
		if (strcmp(cities.keys[s], key) == 0)
			return;
		s = (s + 1) & (cities.nslots - 1);
	}
	cities.keys[s] = strdup(key);
	size_t words = 1;
	for (const char *p = key; *p; p++)
		words += *p == ' ';
	if (words > cities.max_words)
		cities.max_words = words;
	size_t len = strcspn(key, " ");
	size_t f = city_first_slot(key, len);
	if (!cities.firsts[f].word)
		cities.firsts[f].word = strndup(key, len);
	if (words > cities.firsts[f].words)
		cities.firsts[f].words = words;
}

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	add_words(first_name_words, NWORDS(first_name_words), AN_WORD_FIRST_NAME);
	add_words(org_words, NWORDS(org_words), AN_WORD_ORG);
	add_words(title_words, NWORDS(title_words), AN_WORD_TITLE);
	int n = geonames_get_n_cities();
	if (n <= 0)
		return;
	size_t slots = 1;
	while (slots < 4 * (size_t)n)
		slots *= 2;
	cities.keys = calloc(slots, sizeof(*cities.keys));
	cities.firsts = calloc(slots, sizeof(*cities.firsts));
	if (!cities.keys || !cities.firsts) {
		free(cities.keys);
		free(cities.firsts);
		cities.keys = NULL;
		cities.firsts = NULL;
		return;
	}
	cities.nslots = cities.nfslots = slots;
	for (int i = 0; i < n; i++) {
		GeonamesCity *c = geonames_get_city(i);
		if (!c)
			continue;
		const char *name = geonames_city_get_name(c);
		if (name)
			add_city(name);
		geonames_city_free(c);
	}
}

unsigned an_word_kinds(const char *w, size_t len)
{
	pthread_once(&once, load);
	size_t s = an_hash(AN_HASH_START, w, len) & (WORD_SLOTS - 1);
	while (words[s].word) {
		if (words[s].len == len && memcmp(words[s].word, w, len) == 0)
			return words[s].kinds;
		s = (s + 1) & (WORD_SLOTS - 1);
	}
	return 0;
}

int an_is_first_name(const char *w)
{
	return (an_word_kinds(w, strlen(w)) & AN_WORD_FIRST_NAME) != 0;
}

int an_is_org_word(const char *w)
{
	return (an_word_kinds(w, strlen(w)) & AN_WORD_ORG) != 0;
}

int an_is_title_word(const char *w)
{
	return (an_word_kinds(w, strlen(w)) & AN_WORD_TITLE) != 0;
}

int an_is_city(const char *key)
{
	pthread_once(&once, load);
	if (!cities.nslots)
		return 0;
	size_t s = an_hash(AN_HASH_START, key, strlen(key)) & (cities.nslots - 1);
	while (cities.keys[s]) {
		if (strcmp(cities.keys[s], key) == 0)
			return 1;
		s = (s + 1) & (cities.nslots - 1);
	}
	return 0;
}

size_t an_city_words_from(const char *word, size_t len)
{
	pthread_once(&once, load);
	if (!cities.nfslots)
		return 0;
	return cities.firsts[city_first_slot(word, len)].words;
}

size_t an_city_max_words(void)
{
	pthread_once(&once, load);
	return cities.max_words;
}
