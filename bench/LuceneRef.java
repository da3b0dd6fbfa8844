// LuceneRef - the Lucene peer of make eval: what a straightforward Lucene
// 4.10 application gets with EnglishAnalyzer (standard tokenizer, English
// stop words, possessives, Porter stemmer) and BM25Similarity's defaults
// (k1 1.2, b 0.75).
//
//   LuceneRef index DIR DOCS.tsv       (id<TAB>title<TAB>text per line)
//   LuceneRef search DIR QUERIES.tsv N (qid<TAB>query) -> TREC run on stdout
//
// The title and the text are indexed together in one field, as the
// reference Xapian program does. A query is searched the way a search box
// over Lucene would take what a person typed: its syntax characters escaped
// (QueryParser.escape), the words AND, OR and NOT in lower case (escape()
// leaves them as operators), the words joined with OR; no query is refused.
import java.io.BufferedReader;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneRef {
	private static final Version V = Version.LUCENE_4_10_4;

	private static void index(String dir, String docs) throws Exception {
		Analyzer an = new EnglishAnalyzer();
		IndexWriterConfig cfg = new IndexWriterConfig(V, an);
		cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
		cfg.setSimilarity(new BM25Similarity());
		try (Directory d = FSDirectory.open(new File(dir));
		     IndexWriter w = new IndexWriter(d, cfg);
		     BufferedReader in = Files.newBufferedReader(Paths.get(docs),
								 StandardCharsets.UTF_8)) {
			String line;
			while ((line = in.readLine()) != null) {
				String[] f = line.split("\t", -1);
				if (f.length < 3)
					continue;
				Document doc = new Document();
				doc.add(new StringField("id", f[0], Field.Store.YES));
				doc.add(new TextField("text", f[1] + "\n" + f[2], Field.Store.NO));
				w.addDocument(doc);
			}
		}
	}

	// What a person typed, as its words: syntax characters escaped, and
	// AND, OR and NOT in lower case, as the classic parser would read them
	// as operators even in a sentence ("SOUTH VIET NAM AND WHAT THEY ARE
	// SEEKING" would require both sides, and most of LISA's queries would
	// find nothing). EnglishAnalyzer leaves them out as stop words.
	private static Query parse(QueryParser qp, String text) throws ParseException {
		return qp.parse(QueryParser.escape(text).replaceAll("\\bAND\\b", "and")
				.replaceAll("\\bOR\\b", "or").replaceAll("\\bNOT\\b", "not"));
	}

	private static void search(String dir, String queries, int n) throws Exception {
		PrintStream out = new PrintStream(System.out, false, "UTF-8");
		BooleanQuery.setMaxClauseCount(65536);
		try (Directory d = FSDirectory.open(new File(dir));
		     DirectoryReader r = DirectoryReader.open(d);
		     BufferedReader in = Files.newBufferedReader(Paths.get(queries),
								 StandardCharsets.UTF_8)) {
			IndexSearcher s = new IndexSearcher(r);
			s.setSimilarity(new BM25Similarity());
			QueryParser qp = new QueryParser("text", new EnglishAnalyzer());
			qp.setDefaultOperator(QueryParser.Operator.OR);
			String line;
			while ((line = in.readLine()) != null) {
				String[] f = line.split("\t", 2);
				if (f.length < 2)
					continue;
				Query q;
				try {
					q = parse(qp, f[1]);
				} catch (ParseException e) {
					System.err.println("LuceneRef: query " + f[0] + ": " + e.getMessage());
					continue;
				}
				ScoreDoc[] hits = s.search(q, n).scoreDocs;
				for (int i = 0; i < hits.length; i++)
					out.println(f[0] + " Q0 " + s.doc(hits[i].doc).get("id") + " " + (i + 1)
						    + " " + hits[i].score + " lucene");
			}
		}
		out.flush();
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 3 && args[0].equals("index")) {
			index(args[1], args[2]);
			return;
		}
		if (args.length == 4 && args[0].equals("search")) {
			search(args[1], args[2], Integer.parseInt(args[3]));
			return;
		}
		System.err.println("usage: LuceneRef index DIR DOCS.tsv | search DIR QUERIES.tsv N");
		System.exit(2);
	}
}
