// xapian-ref - the reference Xapian pipeline the evaluation and the
// benchmark compare Dateline with: what a straightforward program gets from
// Xapian's own TermGenerator and QueryParser with an English stemmer and
// BM25's defaults.
//
//   xapian-ref index DB DOCS.tsv      (id<TAB>title<TAB>text per line)
//   xapian-ref search DB QUERIES.tsv N [TIMINGS]
//                                     (qid<TAB>query) -> TREC run on stdout,
//                                     qid<TAB>milliseconds per query to TIMINGS
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
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

int main(int argc, char **argv)
{
	try {
		if (argc == 4 && std::string(argv[1]) == "index")
			return index(argv[2], argv[3]);
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
	std::cerr << "usage: xapian-ref index DB DOCS.tsv | search DB QUERIES.tsv N [TIMINGS]\n";
	return 2;
}
