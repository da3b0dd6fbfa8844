// xapian-ref - the reference Xapian pipeline the evaluation and the
// benchmark compare Dateline with: what a straightforward program gets from
// Xapian's own TermGenerator and QueryParser with an English stemmer and
// BM25's defaults.
//
//   xapian-ref index DB DOCS.tsv      (id<TAB>title<TAB>text per line)
//   xapian-ref search DB QUERIES.tsv N [TIMINGS]
//                                     (qid<TAB>query) -> TREC run on stdout,
//                                     qid<TAB>milliseconds per query to TIMINGS
//   xapian-ref terms DB N             the N most frequent stems (by the number
//                                     of documents), each as word<TAB>stem<TAB>
//                                     docs: word the commonest unstemmed term
//                                     of that stem (the frequent-word queries)
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <map>
#include <string>
#include <vector>

static std::vector<std::string> split_tabs(const std::string &line)
{
	std::vector<std::string> v;
	std::string cur;
	std::istringstream in(line);
	while (std::getline(in, cur, '\t'))
		v.push_back(cur);
	return v;
}

static int index(const char *db_path, const char *docs)
{
	Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
	Xapian::TermGenerator tg;
	tg.set_stemmer(Xapian::Stem("english"));
	std::ifstream in(docs);
	std::string line;
	while (std::getline(in, line)) {
		std::vector<std::string> f = split_tabs(line);
		if (f.size() < 3)
			continue;
		Xapian::Document doc;
		tg.set_document(doc);
		tg.index_text(f[1]);
		tg.increase_termpos();
		tg.index_text(f[2]);
		doc.set_data(f[0]);
		doc.add_boolean_term("Q" + f[0]);
		db.replace_document("Q" + f[0], doc);
	}
	db.commit();
	return 0;
}

static int search(const char *db_path, const char *queries, unsigned n,
		  const char *timings)
{
	std::ofstream tout;
	if (timings)
		tout.open(timings);
	Xapian::Database db(db_path);
	Xapian::QueryParser qp;
	qp.set_stemmer(Xapian::Stem("english"));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	qp.set_database(db);
	Xapian::Enquire enquire(db);
	std::ifstream in(queries);
	std::string line;
	while (std::getline(in, line)) {
		std::vector<std::string> f = split_tabs(line);
		if (f.size() < 2)
			continue;
		auto t0 = std::chrono::steady_clock::now();
		Xapian::Query q;
		try {
			q = qp.parse_query(f[1], Xapian::QueryParser::FLAG_DEFAULT);
		} catch (const Xapian::QueryParserError &) {
			q = qp.parse_query(f[1], 0);
		}
		enquire.set_query(q);
		Xapian::MSet m = enquire.get_mset(0, n);
		for (Xapian::MSetIterator i = m.begin(); i != m.end(); ++i)
			std::cout << f[0] << " Q0 " << i.get_document().get_data() << ' '
				  << i.get_rank() + 1 << ' ' << i.get_weight() << " xapian-ref\n";
		if (timings)
			tout << f[0] << '\t'
			     << std::chrono::duration<double, std::milli>(
					std::chrono::steady_clock::now() - t0).count() << '\n';
	}
	return 0;
}

static int terms(const char *db_path, unsigned n)
{
	Xapian::Database db(db_path);
	Xapian::Stem stem("english");
	// stem -> (its commonest word, that word's document count)
	std::map<std::string, std::pair<std::string, Xapian::doccount>> word;
	for (Xapian::TermIterator t = db.allterms_begin(); t != db.allterms_end(); ++t) {
		const std::string w = *t;
		// Unprefixed terms begin with a lower-case letter or a digit.
		if (w.empty() || !((w[0] >= 'a' && w[0] <= 'z')))
			continue;
		auto &best = word[stem(w)];
		if (t.get_termfreq() > best.second)
			best = { w, t.get_termfreq() };
	}
	std::vector<std::pair<Xapian::doccount, std::string>> stems;
	for (Xapian::TermIterator t = db.allterms_begin("Z"); t != db.allterms_end("Z"); ++t)
		stems.emplace_back(t.get_termfreq(), (*t).substr(1));
	std::sort(stems.begin(), stems.end(), [](const auto &a, const auto &b) {
		return a.first != b.first ? a.first > b.first : a.second < b.second;
	});
	for (size_t i = 0, k = 0; i < stems.size() && k < n; i++) {
		auto w = word.find(stems[i].second);
		if (w == word.end())
			continue;
		std::cout << w->second.first << '\t' << stems[i].second << '\t'
			  << stems[i].first << '\n';
		k++;
	}
	return 0;
}

int main(int argc, char **argv)
{
	try {
		if (argc == 4 && std::string(argv[1]) == "index")
			return index(argv[2], argv[3]);
		if (argc == 4 && std::string(argv[1]) == "terms")
			return terms(argv[2], (unsigned)std::stoul(argv[3]));
		if ((argc == 5 || argc == 6) && std::string(argv[1]) == "search")
			return search(argv[2], argv[3], (unsigned)std::stoul(argv[4]),
				      argc == 6 ? argv[5] : NULL);
	} catch (const Xapian::Error &e) {
		std::cerr << "xapian-ref: " << e.get_description() << '\n';
		return 1;
	} catch (const std::exception &e) {
		std::cerr << "xapian-ref: " << e.what() << '\n';
		return 1;
	}
	std::cerr << "usage: xapian-ref index DB DOCS.tsv | search DB QUERIES.tsv N [TIMINGS] | terms DB N\n";
	return 2;
}
