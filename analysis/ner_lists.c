/* ner_lists.c - first names, organisation words, titles, cities (see
 * ner_lists.h). The lists are the project's own. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer_table.h"
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

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
	add_words(first_name_words, NWORDS(first_name_words), AN_WORD_FIRST_NAME);
	add_words(org_words, NWORDS(org_words), AN_WORD_ORG);
	add_words(title_words, NWORDS(title_words), AN_WORD_TITLE);
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

/* The cities are libgeonames', made into a table by the build
 * (gazetteer_table.h). */
int an_is_city(const char *key)
{
	const an_gz_table_t *t = &an_gz_builtin;
	return t->cities[an_gz_slot(t, t->cities, t->ncities, 1, key, strlen(key))] != 0;
}

size_t an_city_words_from(const char *word, size_t len)
{
	const an_gz_table_t *t = &an_gz_builtin;
	size_t s = an_gz_slot(t, t->city_firsts, t->ncity_firsts, 2, word, len);
	return t->city_firsts[2 * s] ? t->city_firsts[2 * s + 1] : 0;
}

size_t an_city_max_words(void)
{
	return an_gz_builtin.city_max_words;
}

unsigned an_dict_word(const char *word, size_t len)
{
	const an_gz_table_t *t = &an_gz_builtin;
	size_t s = an_gz_slot(t, t->words, t->nwords, 2, word, len);
	return t->words[2 * s] ? t->words[2 * s + 1] : 0;
}
