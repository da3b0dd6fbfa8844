// dx.cc - the C API of dx.h over xapian-core.
//
// Every extern "C" function runs its Xapian calls inside try, and
// map_exception() turns whatever was thrown (Xapian::Error, std::bad_alloc,
// any other exception, or something that is not an exception at all) into a
// dx_status_t and a message for dx_last_error(). Nothing crosses the C
// boundary.

#include "dx.h"

#include <xapian.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <time.h>

// The values of one slot for every document of a revision, read once
// (dx_db_keep_values()): document d's value is bytes[at[d], at[d + 1]).
struct value_column {
	std::string bytes;
	std::vector<uint32_t> at;
};

// The slots a reader keeps in memory, and those read so far (a null
// column: too large to keep, read from the value streams). Replaced as a
// whole when the reader moves to a new revision; hits hold the one they
// were searched with.
struct value_columns {
	unsigned wanted = 0;  // a bit per slot (slots below 32)
	std::map<unsigned, std::shared_ptr<const value_column>> read;
};

// The connections of a stub's remote shards besides the one the combined
// index searches with: Xapian's remote backend asks a shard for a
// document and waits for it before it asks for the next, so a page's
// documents of one shard come one after another, a wait each, unless
// they are asked for over connections of their own, side by side. They
// are opened when a fetch first needs them and kept with the stub (a new
// set when it is read again); each is reopened at its next use after the
// stub's reader moved to a new revision.
struct spare_links {
	// A prefetch is using the spare connections (dx_hits_prefetch()):
	// other fetches use the searched ones alone until it is waited for.
	bool busy = false;
	struct shard {
		bool remote = false;
		std::string host;
		unsigned port = 0;
		std::vector<Xapian::Database> links;
		std::vector<uint64_t> at;  // the db generation each was opened at
	};
	std::vector<shard> of;  // in the stub's order
};

struct dx_db {
	Xapian::Database *db;           // the reader, or the writer below
	Xapian::WritableDatabase *wdb;  // NULL for a reader
	// Spelling counts not yet given to Xapian: add_spelling() for each
	// word of every document made indexing 50% slower; summed here, they
	// go to Xapian at a commit (or when SPELLING_PENDING_MAX words wait).
	// Negative: the occurrences of replaced or deleted documents.
	std::unordered_map<std::string, long long> spell;
	// A stub (see dx_db_open_read()): its path, a description of each
	// shard it lists ("shard 2 of 3, remote 127.0.0.1:7002, line 2 of
	// PATH"), the shards themselves, the vocabulary index whose spelling
	// table stands for the shards' (NULL: none beside the stub), and
	// whether a shard failed since the last (re)opening.
	std::string stub;
	std::vector<std::string> shard_names;
	std::vector<Xapian::Database> shards;
	Xapian::Database *vocab = nullptr;
	bool stale = false;
	struct timespec stub_mtime = {0, 0};  // the stub as last read
	ino_t vocab_ino = 0;                  // the vocabulary as opened
	// A stub with a remote shard: every question Xapian cannot answer
	// from its cached statistics is a message to each remote shard and
	// a wait for its answer. What a search asks again and again (term
	// frequencies, the terms of a short prefix) is kept here until the
	// next (re)opening that sees a new revision.
	bool remote = false;
	std::unordered_map<std::string, Xapian::doccount> freqs;
	std::unordered_map<std::string,
			   std::vector<std::pair<std::string, Xapian::doccount>>> vocabs;
	// Value slots kept in memory for the hits (dx_db_keep_values()).
	std::shared_ptr<value_columns> columns = std::make_shared<value_columns>();
	// Raised whenever the reader may have moved (dx_db_generation()).
	uint64_t generation = 0;
	// A stub with a remote shard: more connections to them.
	std::shared_ptr<spare_links> spares;
};

// The most term frequencies and prefix scans a remote stub keeps (then
// it starts afresh), and the most terms a kept scan holds.
static const size_t REMOTE_FREQS_MAX = 100000;
static const size_t REMOTE_VOCABS_MAX = 64;
static const size_t REMOTE_VOCAB_TERMS_MAX = 4096;

static void forget_cached(dx_db_t *db)
{
	db->freqs.clear();
	db->vocabs.clear();
}

static const size_t SPELLING_PENDING_MAX = 500000;

static void flush_spellings(dx_db_t *db)
{
	for (const auto &w : db->spell) {
		if (w.second > 0)
			db->wdb->add_spelling(w.first, (Xapian::termcount)w.second);
		else if (w.second < 0)
			db->wdb->remove_spelling(w.first, (Xapian::termcount)-w.second);
	}
	db->spell.clear();
}

struct dx_doc {
	Xapian::Document doc;
	std::vector<std::string> spellings;  // words for the spelling table
};

struct dx_query {
	Xapian::Query q;
};

struct pending_fetch;

struct dx_hits {
	Xapian::MSet mset;
	std::vector<Xapian::doccount> keep;    // indexes into mset, in rank order
	std::vector<Xapian::doccount> copies;  // collapsed into keep[i]
	size_t pos = 0;
	Xapian::doccount offset = 0;
	Xapian::doccount dropped = 0;          // copies left out, in all
	Xapian::MSetIterator it;
	// The collapse slot's value of each kept hit, read once while
	// collapsing (empty when not collapsing).
	std::vector<std::string> values;
	unsigned value_slot = 0;
	Xapian::Database db;                   // what the hits are of
	// Of a stub with a remote shard: the documents of the mset are
	// fetched together before the first is read.
	bool remote = false;
	// The collapse slot's values came with the mset, as each hit's sort
	// key (see dx_db_search()), not from the documents; as its collapse
	// key, with ties in document order (keyed).
	bool carried = false;
	bool keyed = false;
	// Of a stub with a remote shard: its shards (when each is one index,
	// in the stub's order), and the documents fetched from them by docid.
	// A slice shares its list's documents.
	std::vector<Xapian::Database> shards;
	std::shared_ptr<std::unordered_map<Xapian::docid, Xapian::Document>> docs =
		std::make_shared<std::unordered_map<Xapian::docid, Xapian::Document>>();
	// The remote shards' other connections, and the generation of the
	// reader searched (a spare opened at another is reopened first).
	std::shared_ptr<spare_links> spares;
	uint64_t generation = 0;
	// Documents being fetched over the spare connections while the
	// caller goes on (dx_hits_prefetch()); waited for before a document
	// of the hits is read, and when the hits are destroyed.
	std::shared_ptr<pending_fetch> pending;
	// The reader's slots kept in memory, of the revision searched.
	std::shared_ptr<value_columns> columns;
};

namespace {

thread_local std::string last_error;

void set_error(const std::string &msg)
{
	try {
		last_error = msg;
	} catch (...) {
		// Out of memory while recording the message: keep the old one.
	}
}

// Call only from inside a catch block: rethrows the current exception to
// tell its kind, records its message and returns the status for it.
dx_status_t map_exception()
{
	try {
		throw;
	} catch (const Xapian::DatabaseLockError &e) {
		set_error(e.get_description());
		return DX_ERR_DB_LOCKED;
	} catch (const Xapian::DatabaseNotFoundError &e) {
		set_error(e.get_description());
		return DX_ERR_DB_NOT_FOUND;
	} catch (const Xapian::DatabaseCorruptError &e) {
		set_error(e.get_description());
		return DX_ERR_DB_CORRUPT;
	} catch (const Xapian::DatabaseModifiedError &e) {
		set_error(e.get_description());
		return DX_ERR_DB_MODIFIED;
	} catch (const Xapian::DatabaseOpeningError &e) {
		set_error(e.get_description());
		return DX_ERR_DB_OPENING;
	} catch (const Xapian::DocNotFoundError &e) {
		set_error(e.get_description());
		return DX_ERR_NOT_FOUND;
	} catch (const Xapian::InvalidArgumentError &e) {
		set_error(e.get_description());
		return DX_ERR_INVALID;
	} catch (const Xapian::NetworkError &e) {
		set_error(e.get_description());
		return DX_ERR_NETWORK;
	} catch (const Xapian::Error &e) {
		set_error(e.get_description());
		return DX_ERR_XAPIAN;
	} catch (const std::bad_alloc &) {
		set_error("out of memory");
		return DX_ERR_NOMEM;
	} catch (const std::exception &e) {
		set_error(e.what());
		return DX_ERR_UNKNOWN;
	} catch (...) {
		set_error("unknown exception");
		return DX_ERR_UNKNOWN;
	}
}

dx_status_t invalid(const char *msg)
{
	set_error(msg);
	return DX_ERR_INVALID;
}

void clear_error()
{
	last_error.clear();
}

// The one place the shim catches: clear the thread's error, run body (a
// lambda returning a dx_status_t) and turn whatever it throws into a
// status and a message. Every entry point that can fail returns through
// it, so that dx_last_error() always tells of the last call.
template <typename F> dx_status_t guard(F body) noexcept
{
	clear_error();
	try {
		return body();
	} catch (...) {
		return map_exception();
	}
}

// The same for a call whose result is a value: failed is returned when
// body throws.
template <typename T, typename F> T guard_value(T failed, F body) noexcept
{
	clear_error();
	try {
		return body();
	} catch (...) {
		(void)map_exception();
		return failed;
	}
}

} // namespace

extern "C" {

const char *dx_status_to_string(dx_status_t status)
{
	switch (status) {
	case DX_OK: return "success";
	case DX_ERR_NOMEM: return "out of memory";
	case DX_ERR_INVALID: return "invalid argument";
	case DX_ERR_DB_NOT_FOUND: return "index not found";
	case DX_ERR_DB_LOCKED: return "index is locked by another writer";
	case DX_ERR_DB_OPENING: return "index cannot be opened";
	case DX_ERR_DB_CORRUPT: return "index is corrupt";
	case DX_ERR_DB_MODIFIED: return "index was modified while being read";
	case DX_ERR_NOT_FOUND: return "no such document";
	case DX_ERR_XAPIAN: return "Xapian error";
	case DX_ERR_UNKNOWN: return "unknown error";
	case DX_ERR_NETWORK: return "a shard cannot be reached";
	}
	return "unknown status";
}

const char *dx_last_error(void)
{
	return last_error.c_str();
}

size_t dx_sortable_serialise(double value, char buf[18])
{
	return Xapian::sortable_serialise_(value, buf);
}

double dx_sortable_unserialise(const char *buf, size_t len)
{
	return guard_value(0.0, [&] {
		return Xapian::sortable_unserialise(std::string(buf, len));
	});
}

/* Databases ------------------------------------------------------------ */

static dx_status_t copy_out(const std::string &s, char **out, size_t *len);

static dx_status_t open_write(const char *path, int flags, dx_db_t **out)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		if (!path || !*path)
			return invalid("empty index path");
		std::unique_ptr<dx_db> h(new dx_db());
		h->wdb = new Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | flags);
		h->db = h->wdb;
		*out = h.release();
		return DX_OK;
	});
}

dx_status_t dx_db_open_write(const char *path, dx_db_t **out)
{
	return open_write(path, 0, out);
}

dx_status_t dx_db_open_scratch(const char *path, dx_db_t **out)
{
	return open_write(path, Xapian::DB_NO_SYNC, out);
}

} // extern "C"

namespace {

// The timeout of a remote shard, in milliseconds (dx.h).
unsigned shard_timeout_ms()
{
	const char *e = getenv("DATELINE_SHARD_TIMEOUT");
	if (e && *e) {
		char *end;
		long v = strtol(e, &end, 10);
		if (!*end && v >= 1 && v <= 600000)
			return (unsigned)v;
	}
	return DX_SHARD_TIMEOUT_MS;
}

// The stub at path, or "": path is a regular file of text (a NUL in its
// first 4 KiB: a single-file index, which Xapian opens itself), or a
// folder holding one named XAPIANDB (as Xapian reads folders too).
std::string stub_of(const char *path)
{
	struct stat st;
	std::string p = path;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		p += "/XAPIANDB";
		if (stat(p.c_str(), &st) != 0)
			return "";
	}
	if (stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
		return "";
	std::ifstream in(p, std::ios::binary);
	char buf[4096];
	in.read(buf, sizeof(buf));
	return memchr(buf, '\0', (size_t)in.gcount()) == NULL ? p : "";
}

std::string folder_of(const std::string &path)
{
	std::string::size_type slash = path.rfind('/');
	if (slash == std::string::npos)
		return ".";
	return slash == 0 ? "/" : path.substr(0, slash);
}

// One line of a stub, read but not yet opened.
struct stub_line {
	unsigned lineno;
	bool remote;
	std::string where;  // the path (resolved), or the host
	unsigned port;
	std::string text;   // as written, for messages
};

std::string trim(const std::string &s)
{
	size_t a = 0, b = s.size();
	while (a < b && isspace((unsigned char)s[a]))
		a++;
	while (b > a && isspace((unsigned char)s[b - 1]))
		b--;
	return s.substr(a, b - a);
}

// Read the stub at path into its lines (throws DatabaseOpeningError
// naming the stub and the line at fault).
std::vector<stub_line> read_stub(const std::string &path)
{
	std::ifstream in(path);
	if (!in)
		throw Xapian::DatabaseOpeningError(path + ": cannot read the stub: " +
						   strerror(errno));
	std::vector<stub_line> v;
	std::string raw;
	unsigned lineno = 0;
	while (std::getline(in, raw)) {
		lineno++;
		std::string line = trim(raw);
		if (line.empty() || line[0] == '#')
			continue;
		std::string::size_type sp = line.find_first_of(" \t");
		std::string type = line.substr(0, sp);
		std::string rest = sp == std::string::npos ? "" : trim(line.substr(sp));
		stub_line l{lineno, false, "", 0, line};
		std::string at = path + ":" + std::to_string(lineno) + ": ";
		if ((type == "auto" || type == "glass" || type == "chert" || type == "honey") &&
		    !rest.empty()) {
			l.where = rest[0] == '/' ? rest : folder_of(path) + "/" + rest;
		} else if (type == "remote" && !rest.empty() && rest[0] != ':') {
			std::string::size_type colon = rest.rfind(':');
			char *end = NULL;
			long port = colon == std::string::npos ? 0 :
				strtol(rest.c_str() + colon + 1, &end, 10);
			if (colon == std::string::npos || colon == 0 || !end || *end ||
			    port < 1 || port > 65535)
				throw Xapian::DatabaseOpeningError(at + "'" + line + "': expected "
					"'remote HOST:PORT' with PORT from 1 to 65535");
			l.remote = true;
			l.where = rest.substr(0, colon);
			l.port = (unsigned)port;
		} else if (type == "remote") {
			throw Xapian::DatabaseOpeningError(at + "'" + line + "': only TCP "
				"shards are supported: 'remote HOST:PORT'");
		} else {
			throw Xapian::DatabaseOpeningError(at + "'" + line + "': expected "
				"'auto PATH' or 'remote HOST:PORT'");
		}
		v.push_back(l);
	}
	if (v.empty())
		throw Xapian::DatabaseOpeningError(path + ": the stub lists no shard");
	return v;
}

// The modification time of the stub at path (0 when it cannot be read).
struct timespec stub_time(const std::string &path)
{
	struct stat st;
	if (stat(path.c_str(), &st) != 0)
		return {0, 0};
	return st.st_mtim;
}

// The inode of the vocabulary at path (0: none): each indexing run puts
// a new one in its place.
ino_t vocab_inode(const std::string &path)
{
	struct stat st;
	return stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

// A new revision: the slots kept in memory are read again when used.
void forget_columns(dx_db_t *db)
{
	auto fresh = std::make_shared<value_columns>();
	fresh->wanted = db->columns->wanted;
	db->columns = fresh;
	db->generation++;
}

// Open the shards of the stub at path into h (replacing what it held
// only when every shard opened). Throws the shard's Xapian error, its
// message naming the shard.
void open_stub(dx_db_t *h, const std::string &path)
{
	std::vector<stub_line> lines = read_stub(path);
	std::vector<std::string> names;
	std::vector<Xapian::Database> shards;
	Xapian::Database all;
	unsigned timeout = shard_timeout_ms();
	for (size_t i = 0; i < lines.size(); i++) {
		const stub_line &l = lines[i];
		std::string name = "shard " + std::to_string(i + 1) + " of " +
			std::to_string(lines.size()) + " (" + l.text + ")";
		try {
			Xapian::Database d = l.remote ?
				Xapian::Remote::open(l.where, l.port, timeout, timeout) :
				Xapian::Database(l.where);
			all.add_database(d);
			shards.push_back(d);
			names.push_back(name);
		} catch (const Xapian::NetworkError &e) {
			throw Xapian::NetworkError(name + ": " + e.get_msg(),
						   e.get_context());
		} catch (const Xapian::DatabaseNotFoundError &e) {
			throw Xapian::DatabaseNotFoundError(name + ": " + e.get_msg());
		} catch (const Xapian::DatabaseVersionError &e) {
			throw Xapian::DatabaseVersionError(name + ": " + e.get_msg());
		} catch (const Xapian::Error &e) {
			throw Xapian::DatabaseOpeningError(name + ": " + e.get_description());
		}
	}
	Xapian::Database *vocab = NULL;
	std::string vpath = folder_of(path) + "/" DX_VOCABULARY_NAME;
	struct stat st;
	if (stat(vpath.c_str(), &st) == 0) {
		try {
			vocab = new Xapian::Database(vpath);
		} catch (const Xapian::Error &e) {
			throw Xapian::DatabaseOpeningError("the vocabulary index " + vpath + ": " +
							   e.get_description());
		}
	}
	if (h->db)
		*h->db = all;
	else
		h->db = new Xapian::Database(all);
	delete h->vocab;
	h->vocab = vocab;
	h->shards.swap(shards);
	h->shard_names.swap(names);
	h->stub = path;
	forget_columns(h);
	h->stale = false;
	h->stub_mtime = stub_time(path);
	h->vocab_ino = vocab ? vocab_inode(vpath) : 0;
	h->remote = false;
	for (const stub_line &l : lines)
		h->remote = h->remote || l.remote;
	h->spares = nullptr;
	if (h->remote) {
		h->spares = std::make_shared<spare_links>();
		h->spares->of.resize(lines.size());
		for (size_t i = 0; i < lines.size(); i++) {
			h->spares->of[i].remote = lines[i].remote;
			h->spares->of[i].host = lines[i].where;
			h->spares->of[i].port = lines[i].port;
		}
	}
	forget_cached(h);
}

// Reopen db at its latest commit; a stub is read again (its shards
// opened again) only when a shard failed or the file changed, else every
// shard reopens (a remote one in one message over its connection) and
// the vocabulary is opened again when a new one is in place. Whether
// what db reads may have changed. Throws Xapian's errors.
bool reopen_db(dx_db_t *db)
{
	if (db->stub.empty()) {
		bool moved = db->db->reopen();
		if (moved)
			forget_columns(db);
		return moved;
	}
	struct timespec t = stub_time(db->stub);
	if (db->stale || t.tv_sec != db->stub_mtime.tv_sec ||
	    t.tv_nsec != db->stub_mtime.tv_nsec) {
		open_stub(db, db->stub);
		return true;
	}
	bool moved = db->db->reopen();
	if (moved) {
		forget_cached(db);
		forget_columns(db);
	}
	std::string vpath = folder_of(db->stub) + "/" DX_VOCABULARY_NAME;
	ino_t ino = vocab_inode(vpath);
	if (ino != db->vocab_ino) {
		Xapian::Database *v = ino ? new Xapian::Database(vpath) : NULL;
		delete db->vocab;
		db->vocab = v;
		db->vocab_ino = ino;
		moved = true;
	}
	return moved;
}

// A stub whose shard failed is opened again before it is used.
void ensure_fresh(dx_db_t *db)
{
	if (db->stale && !db->stub.empty())
		open_stub(db, db->stub);
}

// The spelling table of db: its vocabulary index, else its own.
Xapian::Database &spelling_of(dx_db_t *db)
{
	return db->vocab ? *db->vocab : *db->db;
}

// map_exception() for a call on db: a failed remote shard marks a stub
// to be opened again, and the message names the shard when Xapian's
// context says which ("remote:tcp(HOST:PORT)").
dx_status_t db_fail(dx_db_t *db)
{
	dx_status_t st = map_exception();
	if (st != DX_ERR_NETWORK || db->stub.empty())
		return st;
	db->stale = true;
	std::string who = "a shard";
	for (const std::string &n : db->shard_names) {
		std::string::size_type r = n.find("(remote ");
		if (r == std::string::npos)
			continue;
		std::string hp = n.substr(r + 8, n.size() - r - 9);
		if (last_error.find(hp) != std::string::npos) {
			who = n;
			break;
		}
	}
	set_error(who + " failed (down, or slower than " +
		  std::to_string(shard_timeout_ms()) + " ms): " + last_error);
	return st;
}

// guard() for a call on db: a stub whose shard failed is opened again
// first, and a failure goes through db_fail().
template <typename F> dx_status_t guard_db(dx_db_t *db, F body) noexcept
{
	clear_error();
	try {
		ensure_fresh(db);
		return body();
	} catch (...) {
		return db_fail(db);
	}
}

} // namespace

extern "C" {

dx_status_t dx_db_open_read(const char *path, dx_db_t **out)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		if (!path || !*path)
			return invalid("empty index path");
		std::unique_ptr<dx_db> h(new dx_db());
		h->wdb = NULL;
		h->db = NULL;
		try {
			std::string stub = stub_of(path);
			if (!stub.empty())
				open_stub(h.get(), stub);
			else
				h->db = new Xapian::Database(path);
		} catch (...) {
			delete h->db;
			delete h->vocab;
			throw;
		}
		*out = h.release();
		return DX_OK;
	});
}

void dx_db_keep_values(dx_db_t *db, unsigned slot)
{
	if (slot < 32 && !db->wdb)
		db->columns->wanted |= 1u << slot;
}

uint64_t dx_db_generation(const dx_db_t *db)
{
	return db->generation;
}

dx_status_t dx_db_reopen(dx_db_t *db)
{
	clear_error();
	try {
		reopen_db(db);
		return DX_OK;
	} catch (...) {
		return db_fail(db);
	}
}

size_t dx_db_shard_count(const dx_db_t *db)
{
	return db->stub.empty() ? 1 : db->shards.size();
}

const char *dx_db_shard_name(const dx_db_t *db, size_t i)
{
	if (db->stub.empty())
		return i == 0 ? "the index" : "";
	return i < db->shard_names.size() ? db->shard_names[i].c_str() : "";
}

dx_status_t dx_db_shard_get_metadata(dx_db_t *db, size_t i, const char *key,
				     char **out)
{
	*out = NULL;
	if (db->stub.empty())
		return i == 0 ? dx_db_get_metadata(db, key, out) : invalid("no such shard");
	if (i >= db->shards.size())
		return invalid("no such shard");
	clear_error();
	try {
		return copy_out(db->shards[i].get_metadata(key), out, NULL);
	} catch (...) {
		return db_fail(db);
	}
}

bool dx_db_has_vocabulary(const dx_db_t *db)
{
	return db->vocab != NULL;
}

bool dx_db_has_remote(const dx_db_t *db)
{
	for (const std::string &n : db->shard_names)
		if (n.find("(remote ") != std::string::npos)
			return true;
	return false;
}

dx_status_t dx_compact(const char *const *inputs, size_t n, const char *output)
{
	if (!inputs || n == 0 || !output)
		return invalid("nothing to compact");
	return guard([&]() -> dx_status_t {
		Xapian::Database all;
		for (size_t i = 0; i < n; i++)
			all.add_database(Xapian::Database(inputs[i]));
		all.compact(output);
		return DX_OK;
	});
}

dx_status_t dx_vocabulary_merge(const char *const *inputs, size_t n,
				const char *output)
{
	if (!inputs || n == 0 || !output)
		return invalid("no index to take a vocabulary from");
	return guard([&]() -> dx_status_t {
		std::unordered_map<std::string, unsigned long long> sum;
		Xapian::Database first(inputs[0]);
		for (size_t i = 0; i < n; i++) {
			Xapian::Database in(inputs[i]);
			for (Xapian::TermIterator t = in.spellings_begin();
			     t != in.spellings_end(); ++t)
				sum[*t] += t.get_termfreq();
		}
		Xapian::WritableDatabase out(output, Xapian::DB_CREATE_OR_OVERWRITE);
		for (Xapian::TermIterator k = first.metadata_keys_begin();
		     k != first.metadata_keys_end(); ++k)
			out.set_metadata(*k, first.get_metadata(*k));
		for (const auto &w : sum) {
			unsigned long long f = w.second;
			// add_spelling() counts in termcount (32 bits).
			while (f > 0) {
				Xapian::termcount step = f > 0xffffffffULL ? 0xffffffffU :
					(Xapian::termcount)f;
				out.add_spelling(w.first, step);
				f -= step;
			}
		}
		out.commit();
		return DX_OK;
	});
}

dx_status_t dx_db_commit(dx_db_t *db)
{
	if (!db->wdb)
		return invalid("commit on an index opened for reading");
	return guard([&]() -> dx_status_t {
		flush_spellings(db);
		db->wdb->commit();
		return DX_OK;
	});
}

void dx_db_discard(dx_db_t *db)
{
	if (!db || !db->wdb)
		return;
	// The counts not yet given to Xapian belong to the discarded changes.
	db->spell.clear();
	// Discarding follows a failure: its message stays, unless discarding
	// fails too.
	std::string before;
	before.swap(last_error);
	if (guard([&] {
		// Cancelling an unflushed transaction drops all pending
		// changes: the only way Xapian offers to drop them.
		try {
			db->wdb->begin_transaction(false);
		} catch (const Xapian::InvalidOperationError &) {
			// A group is open already: cancel that one.
		}
		db->wdb->cancel_transaction();
		return DX_OK;
	}) == DX_OK)
		last_error.swap(before);
}

dx_status_t dx_db_begin(dx_db_t *db)
{
	if (!db->wdb)
		return invalid("a group of changes on an index opened for reading");
	return guard([&] {
		db->wdb->begin_transaction(false);
		return DX_OK;
	});
}

dx_status_t dx_db_end(dx_db_t *db)
{
	if (!db->wdb)
		return invalid("a group of changes on an index opened for reading");
	dx_status_t st = guard([&] {
		db->wdb->commit_transaction();
		return DX_OK;
	});
	if (st != DX_OK) {
		// The group's changes were not applied: drop the rest too, so
		// that what is pending stays whole groups (as promised); the
		// message stays the commit's.
		dx_db_discard(db);
	}
	return st;
}

void dx_db_close(dx_db_t *db)
{
	if (!db)
		return;
	// Closing keeps the message of an earlier failure, unless it fails
	// itself (a destructor would swallow the writer's errors).
	std::string before;
	before.swap(last_error);
	if (guard([&] {
		    if (db->wdb)
			    flush_spellings(db);
		    db->db->close();
		    return DX_OK;
	    }) == DX_OK)
		last_error.swap(before);
	delete db->db;
	delete db->vocab;
	delete db;
}

dx_status_t dx_db_doc_count(dx_db_t *db, uint32_t *out)
{
	*out = 0;
	return guard_db(db, [&]() -> dx_status_t {
		*out = db->db->get_doccount();
		return DX_OK;
	});
}

dx_status_t dx_db_avg_length(dx_db_t *db, double *out)
{
	*out = 0;
	return guard_db(db, [&]() -> dx_status_t {
		*out = db->db->get_avlength();
		return DX_OK;
	});
}

namespace {

// The frequencies of the terms ask (none known yet) into db->freqs, for
// a stub with a remote shard. get_termfreq() asks one shard after the
// other, a message and a wait each, term after term; a match for no
// document of the terms' OR brings back every term's frequency summed
// over the shards (the statistics a match gathers first), in two
// messages a shard sent to all the shards together: two waits, whatever
// the number of terms.
void remote_freqs(dx_db_t *db, const std::vector<std::string> &ask)
{
	if (db->freqs.size() + ask.size() >= REMOTE_FREQS_MAX)
		db->freqs.clear();
	if (ask.size() * db->shards.size() <= 2) {
		for (const std::string &t : ask)
			db->freqs[t] = db->db->get_termfreq(t);
		return;
	}
	std::vector<Xapian::Query> qs(ask.begin(), ask.end());
	Xapian::Enquire enquire(*db->db);
	enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end()));
	Xapian::MSet m = enquire.get_mset(0, 0);
	for (const std::string &t : ask)
		db->freqs[t] = m.get_termfreq(t);
}

} // namespace

dx_status_t dx_db_term_freq(dx_db_t *db, const char *term, uint32_t *out)
{
	return dx_db_term_freqs(db, &term, 1, out);
}

dx_status_t dx_db_term_freqs(dx_db_t *db, const char *const *terms, size_t n,
			     uint32_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = 0;
	return guard_db(db, [&]() -> dx_status_t {
		if (!db->remote) {
			for (size_t i = 0; i < n; i++)
				out[i] = db->db->get_termfreq(terms[i]);
			return DX_OK;
		}
		std::vector<std::string> ask;
		for (size_t i = 0; i < n; i++)
			if (!db->freqs.count(terms[i]) &&
			    std::find(ask.begin(), ask.end(), terms[i]) == ask.end())
				ask.emplace_back(terms[i]);
		if (!ask.empty())
			remote_freqs(db, ask);
		for (size_t i = 0; i < n; i++) {
			auto kept = db->freqs.find(terms[i]);
			out[i] = kept != db->freqs.end() ? kept->second
							 : db->db->get_termfreq(terms[i]);
		}
		return DX_OK;
	});
}

bool dx_db_term_freqs_kept(dx_db_t *db, const char *const *terms, size_t n, uint32_t *out)
{
	if (!db->remote)
		return dx_db_term_freqs(db, terms, n, out) == DX_OK;
	for (size_t i = 0; i < n; i++) {
		auto kept = db->freqs.find(terms[i]);
		if (kept == db->freqs.end())
			return false;
		out[i] = kept->second;
	}
	return true;
}

void dx_db_keep_term_freqs(dx_db_t *db, const char *const *terms, size_t n,
			   const uint32_t *freqs)
{
	if (!db->remote)
		return;
	try {
		if (db->freqs.size() + n >= REMOTE_FREQS_MAX)
			db->freqs.clear();
		for (size_t i = 0; i < n; i++)
			db->freqs[terms[i]] = freqs[i];
	} catch (...) {
		// Out of memory: they will be asked for.
	}
}

static dx_status_t copy_out(const std::string &s, char **out, size_t *len);

dx_status_t dx_db_spelling_freq(dx_db_t *db, const char *word, uint32_t *out)
{
	*out = 0;
	return guard_db(db, [&]() -> dx_status_t {
		// Xapian 1.4 has no lookup by word: skip the iterator to it.
		*out = 0;
		Xapian::TermIterator t = spelling_of(db).spellings_begin();
		t.skip_to(word);
		if (t != spelling_of(db).spellings_end() && *t == word)
			*out = t.get_termfreq();
		return DX_OK;
	});
}

dx_status_t dx_db_each_spelling(dx_db_t *db, const char *prefix,
				dx_vocab_fn fn, void *ctx)
{
	return guard_db(db, [&]() -> dx_status_t {
		size_t pl = strlen(prefix);
		Xapian::TermIterator t = spelling_of(db).spellings_begin();
		t.skip_to(prefix);
		for (; t != spelling_of(db).spellings_end(); ++t) {
			const std::string word = *t;
			if (word.compare(0, pl, prefix) != 0)
				break;
			if (fn(word.data(), word.size(), t.get_termfreq(), ctx))
				break;
		}
		return DX_OK;
	});
}

dx_status_t dx_db_spelling_suggestion(dx_db_t *db, const char *word,
				      unsigned max_edits, char **out)
{
	*out = NULL;
	return guard_db(db, [&]() -> dx_status_t {
		std::string s = spelling_of(db).get_spelling_suggestion(word, max_edits);
		return copy_out(s, out, NULL);
	});
}

dx_status_t dx_db_collection_freq(dx_db_t *db, const char *term, uint64_t *out)
{
	*out = 0;
	return guard_db(db, [&]() -> dx_status_t {
		*out = db->db->get_collection_freq(term);
		return DX_OK;
	});
}

dx_status_t dx_db_set_metadata(dx_db_t *db, const char *key,
			       const char *value)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	return guard([&]() -> dx_status_t {
		db->wdb->set_metadata(key, value);
		return DX_OK;
	});
}

dx_status_t dx_db_get_metadata(dx_db_t *db, const char *key, char **out)
{
	*out = NULL;
	return guard_db(db, [&]() -> dx_status_t {
		return copy_out(db->db->get_metadata(key), out, NULL);
	});
}

dx_status_t dx_db_each_term(dx_db_t *db, const char *prefix, dx_term_fn fn,
			    void *ctx)
{
	return guard_db(db, [&]() -> dx_status_t {
		for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
		     t != db->db->allterms_end(prefix); ++t) {
			const std::string term = *t;
			for (Xapian::PostingIterator p = db->db->postlist_begin(term);
			     p != db->db->postlist_end(term); ++p)
				if (fn(term.data(), term.size(), *p, ctx))
					return DX_OK;
		}
		return DX_OK;
	});
}

dx_status_t dx_db_each_vocab(dx_db_t *db, const char *prefix, dx_vocab_fn fn,
			     void *ctx)
{
	return guard_db(db, [&]() -> dx_status_t {
		if (db->remote) {
			// A remote shard sends all the terms of the prefix in
			// one answer, however few are read: a short list is
			// kept (the languages every query looks up).
			auto kept = db->vocabs.find(prefix);
			std::vector<std::pair<std::string, Xapian::doccount>> all;
			if (kept == db->vocabs.end()) {
				for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
				     t != db->db->allterms_end(prefix); ++t)
					all.emplace_back(*t, t.get_termfreq());
				if (all.size() <= REMOTE_VOCAB_TERMS_MAX) {
					if (db->vocabs.size() >= REMOTE_VOCABS_MAX)
						db->vocabs.clear();
					kept = db->vocabs.emplace(prefix, std::move(all)).first;
				}
			}
			const auto &terms = kept != db->vocabs.end() ? kept->second : all;
			for (const auto &t : terms)
				if (fn(t.first.data(), t.first.size(), t.second, ctx))
					break;
			return DX_OK;
		}
		for (Xapian::TermIterator t = db->db->allterms_begin(prefix);
		     t != db->db->allterms_end(prefix); ++t) {
			const std::string term = *t;
			if (fn(term.data(), term.size(), t.get_termfreq(), ctx))
				break;
		}
		return DX_OK;
	});
}

dx_status_t dx_db_each_value(dx_db_t *db, unsigned slot, dx_value_fn fn,
			     void *ctx)
{
	return guard_db(db, [&]() -> dx_status_t {
		for (Xapian::ValueIterator v = db->db->valuestream_begin(slot);
		     v != db->db->valuestream_end(slot); ++v) {
			const std::string value = *v;
			if (fn(v.get_docid(), value.data(), value.size(), ctx))
				break;
		}
		return DX_OK;
	});
}

dx_status_t dx_db_delete_docid(dx_db_t *db, uint32_t docid)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	return guard([&]() -> dx_status_t {
		db->wdb->delete_document(docid);
		return DX_OK;
	});
}

/* Documents ------------------------------------------------------------ */

dx_status_t dx_doc_new(dx_doc_t **out)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		*out = new dx_doc();
		return DX_OK;
	});
}

void dx_doc_destroy(dx_doc_t *doc)
{
	delete doc;
}

static dx_status_t copy_out(const std::string &s, char **out, size_t *len);

dx_status_t dx_doc_each_term(const dx_doc_t *doc, dx_doc_term_fn fn, void *ctx)
{
	return guard([&]() -> dx_status_t {
		std::vector<uint32_t> pos;
		for (Xapian::TermIterator t = doc->doc.termlist_begin();
		     t != doc->doc.termlist_end(); ++t) {
			const std::string term = *t;
			pos.clear();
			for (Xapian::PositionIterator p = t.positionlist_begin();
			     p != t.positionlist_end(); ++p)
				pos.push_back(*p);
			if (fn(term.data(), term.size(), t.get_wdf(), pos.empty() ? NULL : pos.data(),
			       pos.size(), ctx))
				break;
		}
		return DX_OK;
	});
}

dx_status_t dx_doc_value(const dx_doc_t *doc, unsigned slot, char **out, size_t *len)
{
	*out = NULL;
	return guard([&] { return copy_out(doc->doc.get_value(slot), out, len); });
}

dx_status_t dx_doc_data(const dx_doc_t *doc, char **out, size_t *len)
{
	*out = NULL;
	return guard([&] { return copy_out(doc->doc.get_data(), out, len); });
}

static dx_status_t check_term(const char *term, size_t len)
{
	if (!term || len == 0)
		return invalid("empty term");
	if (len > DX_MAX_TERM_BYTES)
		return invalid("term longer than 245 bytes");
	return DX_OK;
}

dx_status_t dx_doc_add_posting(dx_doc_t *doc, const char *term, size_t len,
			       uint32_t pos, uint32_t wdf_inc)
{
	dx_status_t st = check_term(term, len);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		doc->doc.add_posting(std::string(term, len), pos, wdf_inc);
		return DX_OK;
	});
}

dx_status_t dx_doc_add_term(dx_doc_t *doc, const char *term, size_t len,
			    uint32_t wdf_inc)
{
	dx_status_t st = check_term(term, len);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		doc->doc.add_term(std::string(term, len), wdf_inc);
		return DX_OK;
	});
}

dx_status_t dx_doc_add_spelling(dx_doc_t *doc, const char *word, size_t len)
{
	dx_status_t st = check_term(word, len);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		doc->spellings.emplace_back(word, len);
		return DX_OK;
	});
}

/* One occurrence of word more (delta 1) or less (-1) in the spelling
 * table, at the next flush. */
static void count_spelling(dx_db_t *db, const std::string &word, int delta)
{
	db->spell[word] += delta;
	if (db->spell.size() > SPELLING_PENDING_MAX)
		flush_spellings(db);
}

/* Count the document's words (each occurrence) towards the spelling table. */
static void add_spellings(dx_db_t *db, const dx_doc_t *doc)
{
	for (const std::string &word : doc->spellings)
		count_spelling(db, word, 1);
}

dx_status_t dx_doc_add_boolean_term(dx_doc_t *doc, const char *term)
{
	dx_status_t st = check_term(term, term ? strlen(term) : 0);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		doc->doc.add_boolean_term(term);
		return DX_OK;
	});
}

dx_status_t dx_doc_set_value(dx_doc_t *doc, unsigned slot, const char *value,
			     size_t len)
{
	return guard([&]() -> dx_status_t {
		doc->doc.add_value(slot, std::string(value, len));
		return DX_OK;
	});
}

dx_status_t dx_doc_set_data(dx_doc_t *doc, const char *data, size_t len)
{
	return guard([&]() -> dx_status_t {
		doc->doc.set_data(std::string(data, len));
		return DX_OK;
	});
}

dx_status_t dx_db_replace(dx_db_t *db, const char *idterm, dx_doc_t *doc)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	dx_status_t st = check_term(idterm, idterm ? strlen(idterm) : 0);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		db->wdb->replace_document(idterm, doc->doc);
		add_spellings(db, doc);
		return DX_OK;
	});
}

dx_status_t dx_db_add(dx_db_t *db, dx_doc_t *doc)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	return guard([&]() -> dx_status_t {
		db->wdb->add_document(doc->doc);
		add_spellings(db, doc);
		return DX_OK;
	});
}

dx_status_t dx_db_unspell(dx_db_t *db, const char *word, size_t len)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	return guard([&]() -> dx_status_t {
		count_spelling(db, std::string(word, len), -1);
		return DX_OK;
	});
}

dx_status_t dx_db_each_data(dx_db_t *db, const char *term,
			    int (*fn)(const char *data, size_t len, void *ctx),
			    void *ctx)
{
	dx_status_t st = check_term(term, term ? strlen(term) : 0);
	if (st != DX_OK)
		return st;
	return guard_db(db, [&]() -> dx_status_t {
		for (Xapian::PostingIterator p = db->db->postlist_begin(term);
		     p != db->db->postlist_end(term); ++p) {
			std::string data = db->db->get_document(*p).get_data();
			if (fn(data.data(), data.size(), ctx))
				break;
		}
		return DX_OK;
	});
}

dx_status_t dx_db_delete(dx_db_t *db, const char *idterm)
{
	if (!db->wdb)
		return invalid("write to an index opened for reading");
	dx_status_t st = check_term(idterm, idterm ? strlen(idterm) : 0);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		db->wdb->delete_document(idterm);
		return DX_OK;
	});
}

static dx_status_t copy_out(const std::string &s, char **out, size_t *len)
{
	char *p = static_cast<char *>(malloc(s.size() + 1));
	if (!p) {
		set_error("out of memory");
		return DX_ERR_NOMEM;
	}
	memcpy(p, s.data(), s.size());
	p[s.size()] = '\0';
	*out = p;
	if (len)
		*len = s.size();
	return DX_OK;
}

dx_status_t dx_db_get_data(dx_db_t *db, const char *idterm, char **out,
			   size_t *len)
{
	*out = NULL;
	return guard_db(db, [&]() -> dx_status_t {
		Xapian::PostingIterator p = db->db->postlist_begin(idterm);
		if (p == db->db->postlist_end(idterm)) {
			set_error(std::string("no document with term ") + idterm);
			return DX_ERR_NOT_FOUND;
		}
		return copy_out(db->db->get_document(*p).get_data(), out, len);
	});
}

/* Queries -------------------------------------------------------------- */

static dx_status_t wrap_query(const Xapian::Query &q, dx_query_t **out)
{
	*out = new dx_query{q};
	return DX_OK;
}

dx_status_t dx_query_term(const char *term, uint32_t wqf, dx_query_t **out)
{
	*out = NULL;
	dx_status_t st = check_term(term, term ? strlen(term) : 0);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		return wrap_query(Xapian::Query(term, wqf ? wqf : 1), out);
	});
}

dx_status_t dx_query_match_all(dx_query_t **out)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		return wrap_query(Xapian::Query::MatchAll, out);
	});
}

dx_status_t dx_query_combine(dx_op_t op, dx_query_t *const *subs, size_t n,
			     unsigned window, dx_query_t **out)
{
	*out = NULL;
	Xapian::Query::op xop;
	switch (op) {
	case DX_OP_AND: xop = Xapian::Query::OP_AND; break;
	case DX_OP_OR: xop = Xapian::Query::OP_OR; break;
	case DX_OP_AND_NOT: xop = Xapian::Query::OP_AND_NOT; break;
	case DX_OP_FILTER: xop = Xapian::Query::OP_FILTER; break;
	case DX_OP_AND_MAYBE: xop = Xapian::Query::OP_AND_MAYBE; break;
	case DX_OP_PHRASE: xop = Xapian::Query::OP_PHRASE; break;
	case DX_OP_NEAR: xop = Xapian::Query::OP_NEAR; break;
	case DX_OP_SYNONYM: xop = Xapian::Query::OP_SYNONYM; break;
	default: return invalid("unknown query operator");
	}
	return guard([&]() -> dx_status_t {
		std::vector<Xapian::Query> v;
		v.reserve(n);
		for (size_t i = 0; i < n; i++)
			if (subs[i])
				v.push_back(subs[i]->q);
		if (v.empty())
			return invalid("no subqueries to combine");
		return wrap_query(Xapian::Query(xop, v.begin(), v.end(), window), out);
	});
}

dx_status_t dx_query_scale(const dx_query_t *sub, double factor,
			   dx_query_t **out)
{
	*out = NULL;
	if (!(factor >= 0))
		return invalid("negative or NaN weight factor");
	return guard([&]() -> dx_status_t {
		return wrap_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
						sub->q, factor), out);
	});
}

dx_status_t dx_query_value_range(unsigned slot, const char *lo, const char *hi,
				 dx_query_t **out)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		if (lo && hi)
			return wrap_query(Xapian::Query(Xapian::Query::OP_VALUE_RANGE,
							slot, lo, hi), out);
		if (lo)
			return wrap_query(Xapian::Query(Xapian::Query::OP_VALUE_GE,
							slot, lo), out);
		if (hi)
			return wrap_query(Xapian::Query(Xapian::Query::OP_VALUE_LE,
							slot, hi), out);
		return wrap_query(Xapian::Query::MatchAll, out);
	});
}

dx_status_t dx_query_wildcard(const char *prefix, unsigned max_terms,
			      dx_query_t **out)
{
	*out = NULL;
	dx_status_t st = check_term(prefix, prefix ? strlen(prefix) : 0);
	if (st != DX_OK)
		return st;
	return guard([&]() -> dx_status_t {
		return wrap_query(Xapian::Query(Xapian::Query::OP_WILDCARD, prefix, max_terms,
						Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
				  out);
	});
}

char *dx_query_describe(const dx_query_t *q)
{
	return guard_value<char *>(NULL, [&]() -> char * {
		char *s = NULL;
		if (copy_out(q->q.get_description(), &s, NULL) != DX_OK)
			return NULL;
		return s;
	});
}

void dx_query_destroy(dx_query_t *q)
{
	delete q;
}

/* Searching ------------------------------------------------------------ */

void dx_search_opts_init(dx_search_opts_t *opts)
{
	opts->weighting = DX_WEIGHT_BM25;
	opts->c = 1.0;
	opts->k1 = 1.2;
	opts->b = 0.75;
	opts->offset = 0;
	opts->count = 10;
	opts->check_at_least = 0;
	opts->sort_by_value = 0;
	opts->sort_slot = 0;
	opts->sort_ascending = 0;
	opts->collapse = 0;
	opts->collapse_slot = 0;
	opts->collapse_key_len = 0;
	opts->uncounted = 0;
}

namespace {

void hits_seek(dx_hits_t *h)
{
	if (h->pos < h->keep.size())
		h->it = h->mset[h->keep[h->pos]];
}

/* Hits fetched beyond those asked for when collapsing copies. */
const uint64_t COLLAPSE_MARGIN = 3;

/* The values in slot of the mset's hits, in mset order. They are read in
 * docid order through one value stream, which keeps its B-tree cursor from
 * hit to hit: Document::get_value() opens a cursor per hit and reads its
 * blocks again (on BBC that was 12% of a ranking query's instructions). */
/* The most connections one remote shard's documents are fetched over at
 * once (the one searched with and DX_SHARD_LINKS - 1 spares): a page's
 * ten hits over four shards have at most four in one shard, mostly. */
const size_t DX_SHARD_LINKS = 4;

/* The documents of one shard fetched over one of its connections. */
struct fetch_job {
	size_t shard;
	size_t link;                          // 0: the one searched with
	std::vector<Xapian::docid> dids;      // combined docids
	std::vector<Xapian::Document> got;
	std::exception_ptr failed;
};

/* Spare connection j of shard k (opened, or reopened at the hits'
 * generation, as needed). Touches only that connection. */
Xapian::Database &spare_link(dx_hits_t *h, size_t k, size_t j)
{
	spare_links::shard &sh = h->spares->of[k];
	if (sh.at[j] == UINT64_MAX) {
		unsigned timeout = shard_timeout_ms();
		sh.links[j] = Xapian::Remote::open(sh.host, sh.port, timeout, timeout);
		sh.at[j] = h->generation;
	} else if (sh.at[j] != h->generation) {
		sh.links[j].reopen();
		sh.at[j] = h->generation;
	}
	return sh.links[j];
}

/*
 * The documents dids of remote hits into h->docs (those not there yet).
 * Each is a message to its shard and a wait for the answer, Xapian
 * sending the next only then (MSet::fetch() too): the shards are asked
 * at once, a thread for each connection with documents to fetch, and a
 * remote shard's documents are spread over up to DX_SHARD_LINKS
 * connections to it (spare_links), so that a page's documents cost about
 * one wait. A thread uses its connection alone, which no other thread
 * touches until it is joined. A spare connection may read a later commit
 * than the search did: a document it brings is checked against the value
 * the search carried for that hit (the collapse slot's: the digest and
 * the id), and one that differs, or a spare that fails, is fetched again
 * over the connection searched with. Hits that carry no values use that
 * connection alone. A combined docid d is document (d - 1) / n + 1 of
 * shard (d - 1) % n, n shards. A stub whose shards are not one index each
 * is read one document at a time.
 */
std::vector<fetch_job> plan_fetch(dx_hits_t *h, const std::vector<Xapian::docid> &want,
				  const std::unordered_map<Xapian::docid, const std::string *> &expect,
				  bool spares_only)
{
	const size_t n = h->shards.size();
	const bool spares = h->spares && h->spares->of.size() == n && !h->spares->busy &&
			    !expect.empty();
	std::vector<std::vector<Xapian::docid>> of(n);
	for (Xapian::docid d : want)
		of[(d - 1) % n].push_back(d);
	std::vector<fetch_job> jobs;
	for (size_t k = 0; k < n; k++) {
		if (of[k].empty())
			continue;
		size_t links = 1;
		bool remote = spares && h->spares->of[k].remote;
		if (remote) {
			size_t checked = 0;
			for (Xapian::docid d : of[k])
				checked += expect.count(d);
			if (checked == of[k].size())
				links = std::min(of[k].size(), DX_SHARD_LINKS - spares_only);
			else
				remote = false;
		}
		if (spares_only && !remote)
			continue;
		if (remote) {
			spare_links::shard &sh = h->spares->of[k];
			size_t need = links - !spares_only;
			if (sh.links.size() < need) {
				sh.links.resize(need);
				sh.at.resize(need, UINT64_MAX);
			}
		}
		size_t first = jobs.size();
		for (size_t j = 0; j < links; j++)
			jobs.push_back(fetch_job{k, j + spares_only, {}, {}, nullptr});
		for (size_t i = 0; i < of[k].size(); i++)
			jobs[first + i % links].dids.push_back(of[k][i]);
	}
	return jobs;
}

/* Start a thread for each job (a job whose thread cannot start fails). */
void run_fetch(dx_hits_t *h, std::vector<fetch_job> &jobs, std::vector<std::thread> &threads)
{
	const size_t n = h->shards.size();
	for (fetch_job &job : jobs) {
		try {
			threads.emplace_back([h, &job, n] {
				try {
					Xapian::Database &d = job.link ?
						spare_link(h, job.shard, job.link - 1) :
						h->shards[job.shard];
					for (Xapian::docid did : job.dids)
						job.got.push_back(d.get_document((did - 1) / n + 1));
				} catch (...) {
					job.failed = std::current_exception();
				}
			});
		} catch (...) {
			job.failed = std::current_exception();
		}
	}
}

/* The jobs' documents into h->docs, once their threads are joined: a
 * spare's that failed, or that differ from what the search carried,
 * fetched again over the searched connection. */
void finish_fetch(dx_hits_t *h, std::vector<fetch_job> &jobs,
		  const std::unordered_map<Xapian::docid, const std::string *> &expect)
{
	const size_t n = h->shards.size();
	for (fetch_job &job : jobs) {
		if (job.failed && !job.link)
			std::rethrow_exception(job.failed);
		for (size_t i = 0; i < job.dids.size(); i++) {
			Xapian::docid did = job.dids[i];
			if (h->docs->count(did))
				continue;
			Xapian::Database &main = h->shards[job.shard];
			if (job.link && (i >= job.got.size() ||
					 job.got[i].get_value(h->value_slot) != *expect.at(did)))
				h->docs->emplace(did, main.get_document((did - 1) / n + 1));
			else
				h->docs->emplace(did, job.got[i]);
		}
		// A spare that failed is opened afresh next time.
		if (job.failed)
			h->spares->of[job.shard].at[job.link - 1] = UINT64_MAX;
	}
}

// What each kept hit's document must hold in the hits' value slot (the
// value the search carried): the spares' check; empty when the hits
// carry no values.
std::unordered_map<Xapian::docid, const std::string *> carried_values(const dx_hits_t *h)
{
	std::unordered_map<Xapian::docid, const std::string *> expect;
	if (h->values.size() == h->keep.size())
		for (size_t i = 0; i < h->keep.size(); i++)
			expect.emplace(*h->mset[h->keep[i]], &h->values[i]);
	return expect;
}

} // namespace

// A prefetch of documents under way (dx_hits_prefetch()).
struct pending_fetch {
	std::vector<fetch_job> jobs;
	std::vector<std::thread> threads;
	std::unordered_map<Xapian::docid, const std::string *> expect;
};

namespace {

/* Wait for the hits' prefetch, if one is under way, and keep what it
 * brought (throws as a fetch does). */
void join_prefetch(dx_hits_t *h)
{
	if (!h->pending)
		return;
	std::shared_ptr<pending_fetch> p;
	p.swap(h->pending);
	for (std::thread &t : p->threads)
		if (t.joinable())
			t.join();
	h->spares->busy = false;
	finish_fetch(h, p->jobs, p->expect);
}

void fetch_docs(dx_hits_t *h, const std::vector<Xapian::docid> &dids)
{
	join_prefetch(h);
	std::vector<Xapian::docid> want;
	for (Xapian::docid d : dids)
		if (!h->docs->count(d))
			want.push_back(d);
	const size_t n = h->shards.size();
	if (want.size() < 2 || n < 2) {
		for (Xapian::docid d : want)
			h->docs->emplace(d, h->db.get_document(d));
		return;
	}
	std::unordered_map<Xapian::docid, const std::string *> expect;
	if (h->spares)
		expect = carried_values(h);
	std::vector<fetch_job> jobs = plan_fetch(h, want, expect, false);
	std::vector<std::thread> threads;
	run_fetch(h, jobs, threads);
	for (std::thread &t : threads)
		t.join();
	finish_fetch(h, jobs, expect);
}

/* The document of the current hit: fetched with those of the other hits
 * held, over remote shards. */
Xapian::Document hit_document(dx_hits_t *h)
{
	if (!h->remote)
		return h->it.get_document();
	join_prefetch(h);
	auto found = h->docs->find(*h->it);
	if (found != h->docs->end())
		return found->second;
	std::vector<Xapian::docid> dids;
	for (Xapian::doccount k : h->keep)
		dids.push_back(*h->mset[k]);
	fetch_docs(h, dids);
	return h->docs->at(*h->it);
}

// A slot kept in memory takes at most this many bytes (values and an
// offset a document); a larger one is read from the value stream for
// each search, as when it is not kept. 64 MiB hold the facets of about
// 300,000 news articles (Reuters': 4.4 MiB for 21,578).
#define DX_COLUMN_MAX (64u << 20)

// The values of slot of every document of db, read in one pass over its
// value stream; null when they would take more than DX_COLUMN_MAX.
std::shared_ptr<const value_column> read_column(const Xapian::Database &db, unsigned slot)
{
	Xapian::docid last = db.get_lastdocid();
	if ((uint64_t)last * 4 >= DX_COLUMN_MAX)
		return nullptr;
	auto c = std::make_shared<value_column>();
	c->at.reserve((size_t)last + 2);
	const Xapian::ValueIterator end = db.valuestream_end(slot);
	for (Xapian::ValueIterator v = db.valuestream_begin(slot); v != end; ++v) {
		Xapian::docid d = v.get_docid();
		if (d > last)
			break;
		while (c->at.size() <= d)
			c->at.push_back((uint32_t)c->bytes.size());
		const std::string value = *v;
		if (c->bytes.size() + value.size() + (uint64_t)last * 4 >= DX_COLUMN_MAX)
			return nullptr;
		c->bytes += value;
	}
	while (c->at.size() < (size_t)last + 2)
		c->at.push_back((uint32_t)c->bytes.size());
	return c;
}

// The hits' slot in memory (read now if it is the first time this
// revision is asked for it), or null when it is not kept.
const value_column *hits_column(dx_hits_t *h, unsigned slot)
{
	if (h->remote || !h->columns || slot >= 32 || !(h->columns->wanted & (1u << slot)))
		return nullptr;
	auto found = h->columns->read.find(slot);
	if (found == h->columns->read.end())
		found = h->columns->read.emplace(slot, read_column(h->db, slot)).first;
	return found->second.get();
}

// Document d's value in column c (d of the revision c was read from).
std::string column_value(const value_column *c, Xapian::docid d)
{
	if ((size_t)d + 1 >= c->at.size())
		return std::string();
	return c->bytes.substr(c->at[d], c->at[d + 1] - c->at[d]);
}

std::vector<std::string> mset_values(dx_hits_t *h, unsigned slot)
{
	const Xapian::Database &db = h->db;
	const Xapian::MSet &mset = h->mset;
	if (h->remote) {
		// Over a remote shard a value stream reads document after
		// document, a message and a wait each (more than one a hit):
		// the hits' documents come from all the shards at once
		// instead, values with them, and are kept for the records
		// read next.
		std::vector<Xapian::docid> dids;
		for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
			dids.push_back(*i);
		fetch_docs(h, dids);
		std::vector<std::string> out;
		out.reserve(mset.size());
		for (Xapian::docid d : dids)
			out.push_back(h->docs->at(d).get_value(slot));
		return out;
	}
	if (const value_column *c = hits_column(h, slot)) {
		std::vector<std::string> out;
		out.reserve(mset.size());
		for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
			out.push_back(column_value(c, *i));
		return out;
	}
	std::vector<std::pair<Xapian::docid, Xapian::doccount>> order;
	order.reserve(mset.size());
	for (Xapian::MSetIterator i = mset.begin(); i != mset.end(); ++i)
		order.emplace_back(*i, i.get_rank() - mset.get_firstitem());
	std::sort(order.begin(), order.end());
	std::vector<std::string> out(mset.size());
	if (order.empty())
		return out;
	Xapian::ValueIterator v = db.valuestream_begin(slot);
	const Xapian::ValueIterator end = db.valuestream_end(slot);
	for (const auto &o : order) {
		if (v == end)
			break;
		v.skip_to(o.first);
		if (v != end && v.get_docid() == o.first)
			out[o.second] = *v;
	}
	return out;
}

/*
 * Collapsing after ranking: Xapian's own collapse reads the key of every
 * candidate document during the match (on Reuters that made a ranking
 * 40% slower); copies are rare, so the best hits are fetched and the keys
 * of those few read here. Too few distinct hits and more available: fetch
 * twice as many and walk again.
 */
void collapse_hits(Xapian::Enquire &enquire,
		   const dx_search_opts_t *opts, dx_hits_t *h)
{
	const uint64_t want = (uint64_t)opts->offset + opts->count;
	/* A few hits more than asked for: when a copy is among them, the
	 * search need not run again for twice as many (BBC, whose 98 copies
	 * rank together: 54 of 156 word queries ran twice for ten hits, 1 with
	 * three more; 20% fewer instructions; Reuters 10 of 200 -> 3). */
	/* A longer list (the best 1,000 a search's facets are counted over)
	 * holds more copies: 3 more than 1,000 made 21 of 100 Reuters
	 * searches with facets match again for 2,006; a sixteenth more, 3. */
	const uint64_t first = want + std::max<uint64_t>(COLLAPSE_MARGIN, want / 16);
	uint64_t fetch = first;
	for (;;) {
		Xapian::doccount n = fetch > UINT32_MAX ? UINT32_MAX : (Xapian::doccount)fetch;
		h->mset = enquire.get_mset(0, n, std::max<Xapian::doccount>(
				opts->check_at_least, n));
		h->keep.clear();
		h->copies.clear();
		h->values.clear();
		h->dropped = 0;
		// The keys seen, as views of values (which outlive the map:
		// the kept values are moved out after the walk).
		std::unordered_map<std::string_view, size_t> seen;
		std::vector<std::string> values;
		// The hits in rank order: the mset's, but for values carried as
		// sort keys, hits of equal weight put back in document order,
		// the order of a search that reads the values from documents.
		std::vector<Xapian::doccount> order(h->mset.size());
		for (Xapian::doccount i = 0; i < order.size(); i++)
			order[i] = i;
		if (h->keyed) {
			for (Xapian::MSetIterator i = h->mset.begin(); i != h->mset.end(); ++i)
				values.push_back(i.get_collapse_key());
		} else if (h->carried) {
			for (Xapian::MSetIterator i = h->mset.begin(); i != h->mset.end(); ++i)
				values.push_back(i.get_sort_key());
			std::stable_sort(order.begin(), order.end(), [&](Xapian::doccount a,
									 Xapian::doccount b) {
				double wa = h->mset[a].get_weight(), wb = h->mset[b].get_weight();
				return wa != wb ? wa > wb : *h->mset[a] < *h->mset[b];
			});
		} else {
			values = mset_values(h, opts->collapse_slot);
		}
		uint64_t distinct = 0;
		Xapian::doccount used = 0;
		seen.reserve(std::min<uint64_t>(want, order.size()));
		for (; used < order.size() && distinct < want; used++) {
			Xapian::doccount i = order[used];
			std::string_view key = values[i];
			if (opts->collapse_key_len)
				key = key.substr(0, opts->collapse_key_len);
			if (!key.empty()) {
				auto found = seen.find(key);
				if (found != seen.end()) {
					if (found->second != SIZE_MAX)
						h->copies[found->second]++;
					h->dropped++;
					continue;
				}
			}
			size_t at = SIZE_MAX;
			if (distinct >= opts->offset) {
				h->keep.push_back(i);
				h->copies.push_back(0);
				at = h->keep.size() - 1;
			}
			if (!key.empty())
				seen.emplace(key, at);
			distinct++;
		}
		seen.clear();
		h->values.reserve(h->keep.size());
		for (Xapian::doccount i : h->keep)
			h->values.push_back(std::move(values[i]));
		bool more = h->mset.size() == n && n != UINT32_MAX;
		// Carried values: the hits of the last weight used must all be
		// in the mset (a hit of lower weight after them), or the shards
		// chose among them by value where document order may choose
		// others. More hits then, twice as many; past a few times what
		// was asked for, or when every hit has that weight (a search by
		// filters alone weighs them all 0), the values from the
		// documents instead.
		if (h->carried && !h->keyed && more && used > 0 &&
		    h->mset[order[used - 1]].get_weight() ==
		    h->mset[h->mset.size() - 1].get_weight()) {
			if (fetch < 4 * first &&
			    h->mset[0].get_weight() != h->mset[h->mset.size() - 1].get_weight()) {
				fetch *= 2;
			} else {
				enquire.set_sort_by_relevance();
				h->carried = false;
				fetch = first;
			}
			continue;
		}
		if (distinct >= want || !more)
			break;
		fetch *= 2;
	}
	h->offset = opts->offset;
	h->value_slot = opts->collapse_slot;
}

} // namespace

// The weighting scheme of opts; k2, k3 and min_normlen of BM25 as
// Xapian's defaults, k1 and b the caller's.
static void set_weighting(Xapian::Enquire &enquire, const dx_search_opts_t *opts)
{
	switch (opts->weighting) {
	case DX_WEIGHT_BM25PLUS:
		enquire.set_weighting_scheme(
			Xapian::BM25PlusWeight(opts->k1, 0, 1, opts->b, 0.5, 1.0));
		break;
	case DX_WEIGHT_DPH:
		enquire.set_weighting_scheme(Xapian::DPHWeight());
		break;
	case DX_WEIGHT_DLH:
		enquire.set_weighting_scheme(Xapian::DLHWeight());
		break;
	case DX_WEIGHT_PL2:
		enquire.set_weighting_scheme(Xapian::PL2Weight(opts->c));
		break;
	case DX_WEIGHT_INL2:
		enquire.set_weighting_scheme(Xapian::InL2Weight(opts->c));
		break;
	case DX_WEIGHT_IFB2:
		enquire.set_weighting_scheme(Xapian::IfB2Weight(opts->c));
		break;
	case DX_WEIGHT_BM25:
	default:
		enquire.set_weighting_scheme(
			Xapian::BM25Weight(opts->k1, 0, 1, opts->b, 0.5));
		break;
	}
}

static bool weighting_valid(const dx_search_opts_t *opts)
{
	return opts->k1 >= 0 && opts->b >= 0 && opts->b <= 1 && opts->c > 0 &&
	       opts->weighting >= DX_WEIGHT_BM25 && opts->weighting <= DX_WEIGHT_IFB2;
}

dx_status_t dx_db_search(dx_db_t *db, const dx_query_t *q,
			 const dx_search_opts_t *opts, dx_hits_t **out)
{
	*out = NULL;
	if (!weighting_valid(opts))
		return invalid("BM25 needs k1 >= 0 and 0 <= b <= 1; PL2, InL2 and IfB2 c > 0");
	return guard_db(db, [&]() -> dx_status_t {
		Xapian::Enquire enquire(*db->db);
		enquire.set_query(q->q);
		set_weighting(enquire, opts);
		if (opts->sort_by_value)
			enquire.set_sort_by_value_then_relevance(opts->sort_slot,
								 !opts->sort_ascending);
		std::unique_ptr<dx_hits_t> h(new dx_hits());
		h->db = *db->db;
		h->remote = db->remote;
		h->columns = db->columns;
		if (db->remote && db->db->size() == db->shards.size()) {
			h->shards = db->shards;
			h->spares = db->spares;
			h->generation = db->generation;
		}
		// Over remote shards a hit's value is a message and a wait
		// (its document). Hits of equal weight ordered by the collapse
		// slot's value make that value each hit's sort key, which the
		// shards send with the mset: the collapse reads no document.
		// Ties then come in the order of that value (a copy's digest),
		// not in document order (which in a stub interleaves the
		// shards anyway).
		if (db->remote && opts->collapse && !opts->sort_by_value && opts->uncounted) {
			// Uncounted: as each hit's collapse key, which the
			// shards send too, and the order stays relevance then
			// document. Every key is the digest and the id, unique:
			// Xapian collapses nothing, but its counts are those of
			// a collapsing match (other estimates than one index's).
			enquire.set_collapse_key(opts->collapse_slot,
						 std::numeric_limits<Xapian::doccount>::max());
			h->carried = true;
			h->keyed = true;
		} else if (db->remote && opts->collapse && !opts->sort_by_value) {
			enquire.set_sort_by_relevance_then_value(opts->collapse_slot, false);
			h->carried = true;
		}
		if (opts->collapse) {
			collapse_hits(enquire, opts, h.get());
		} else {
			h->mset = enquire.get_mset(opts->offset, opts->count,
						   opts->check_at_least);
			h->offset = opts->offset;
			for (Xapian::doccount i = 0; i < h->mset.size(); i++)
				h->keep.push_back(i);
			h->copies.assign(h->keep.size(), 0);
			// Sorted by a value: each hit's sort key is that value
			// (sent with the mset by remote shards).
			if (opts->sort_by_value) {
				for (Xapian::MSetIterator i = h->mset.begin(); i != h->mset.end(); ++i)
					h->values.push_back(i.get_sort_key());
				h->value_slot = opts->sort_slot;
			}
		}
		hits_seek(h.get());
		*out = h.release();
		return DX_OK;
	});
}

/* Xapian's counts less the copies the collapse left out (exact when the
 * hits looked at were all the matches). */
static uint32_t less_copies(const dx_hits_t *hits, Xapian::doccount n)
{
	return n > hits->dropped ? n - hits->dropped : 0;
}

uint32_t dx_hits_estimated(const dx_hits_t *hits)
{
	return less_copies(hits, hits->mset.get_matches_estimated());
}

uint32_t dx_hits_lower_bound(const dx_hits_t *hits)
{
	return less_copies(hits, hits->mset.get_matches_lower_bound());
}

bool dx_hits_estimate_exact(const dx_hits_t *hits)
{
	return hits->mset.get_matches_lower_bound() ==
	       hits->mset.get_matches_upper_bound() &&
	       (hits->dropped == 0 ||
		hits->mset.size() == hits->mset.get_matches_lower_bound());
}

void dx_hits_docids(const dx_hits_t *hits, uint32_t *out)
{
	for (size_t i = 0; i < hits->keep.size(); i++)
		out[i] = *hits->mset[hits->keep[i]];
}

uint32_t dx_hits_size(const dx_hits_t *hits)
{
	return (uint32_t)hits->keep.size();
}

bool dx_hits_valid(const dx_hits_t *hits)
{
	return hits->pos < hits->keep.size();
}

void dx_hits_move_to_next(dx_hits_t *hits)
{
	hits->pos++;
	hits_seek(hits);
}

uint32_t dx_hits_rank(const dx_hits_t *hits)
{
	return (uint32_t)(hits->offset + hits->pos);
}

double dx_hits_weight(const dx_hits_t *hits)
{
	return hits->it.get_weight();
}

uint32_t dx_hits_docid(const dx_hits_t *hits)
{
	return *hits->it;
}

uint32_t dx_hits_collapse_count(const dx_hits_t *hits)
{
	return hits->pos < hits->copies.size() ? hits->copies[hits->pos] : 0;
}

dx_status_t dx_hits_value(dx_hits_t *hits, unsigned slot, char **out,
			  size_t *len)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		if (slot == hits->value_slot && hits->pos < hits->values.size())
			return copy_out(hits->values[hits->pos], out, len);
		return copy_out(hit_document(hits).get_value(slot), out, len);
	});
}

dx_status_t dx_hits_data(dx_hits_t *hits, char **out, size_t *len)
{
	*out = NULL;
	return guard([&]() -> dx_status_t {
		return copy_out(hit_document(hits).get_data(), out, len);
	});
}

void dx_hits_destroy(dx_hits_t *hits)
{
	// The prefetch's threads end before the hits do (what they brought
	// is not wanted any more; the last error stays).
	if (hits && hits->pending) {
		for (std::thread &t : hits->pending->threads)
			if (t.joinable())
				t.join();
		hits->spares->busy = false;
	}
	delete hits;
}

void dx_hits_prefetch(dx_hits_t *hits)
{
	dx_ignore(guard([&] {
		const size_t n = hits->shards.size();
		if (!hits->remote || n < 2 || !hits->spares || hits->spares->busy ||
		    hits->pending)
			return DX_OK;
		std::vector<Xapian::docid> want;
		for (Xapian::doccount k : hits->keep)
			if (!hits->docs->count(*hits->mset[k]))
				want.push_back(*hits->mset[k]);
		auto p = std::make_shared<pending_fetch>();
		p->expect = carried_values(hits);
		if (want.empty() || p->expect.empty())
			return DX_OK;
		p->jobs = plan_fetch(hits, want, p->expect, true);
		if (p->jobs.empty())
			return DX_OK;
		p->threads.reserve(p->jobs.size());
		hits->spares->busy = true;
		hits->pending = p;
		run_fetch(hits, p->jobs, p->threads);
		return DX_OK;
	}));
}

namespace {

// Accepts the terms with a prefix that the query does not hold already.
class PrefixDecider : public Xapian::ExpandDecider {
	std::string prefix;
	std::vector<std::string> exclude;

public:
	PrefixDecider(const std::string &p, const Xapian::Query &q) : prefix(p)
	{
		for (Xapian::TermIterator t = q.get_unique_terms_begin();
		     t != q.get_unique_terms_end(); ++t)
			exclude.push_back(*t);
	}
	bool operator()(const std::string &term) const override
	{
		if (term.compare(0, prefix.size(), prefix) != 0)
			return false;
		// Only the plain prefix: "Z" + stem, not "ZS" + stem of a field.
		if (term.size() > prefix.size() && isupper((unsigned char)term[prefix.size()]))
			return false;
		for (const std::string &e : exclude)
			if (e == term)
				return false;
		return true;
	}
};

} // namespace

dx_status_t dx_db_expand(dx_db_t *db, const dx_query_t *q,
			 const dx_search_opts_t *opts, unsigned ndocs,
			 unsigned nterms, const char *prefix, dx_query_t **out)
{
	*out = NULL;
	return guard_db(db, [&]() -> dx_status_t {
		Xapian::Enquire enquire(*db->db);
		enquire.set_query(q->q);
		set_weighting(enquire, opts);
		Xapian::MSet top = enquire.get_mset(0, ndocs);
		if (top.empty())
			return DX_OK;
		Xapian::RSet rset;
		for (Xapian::MSetIterator i = top.begin(); i != top.end(); ++i)
			rset.add_document(*i);
		PrefixDecider decider(prefix ? prefix : "", q->q);
		// Over shards, the exact collection-wide term frequencies (by default
		// Xapian estimates them, and a stub chose other terms than one index).
		Xapian::ESet eset = enquire.get_eset(nterms, rset,
						     Xapian::Enquire::USE_EXACT_TERMFREQ, &decider);
		if (eset.empty())
			return DX_OK;
		std::vector<Xapian::Query> terms;
		for (Xapian::ESetIterator e = eset.begin(); e != eset.end(); ++e)
			terms.emplace_back(*e);
		return wrap_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(),
						terms.end()), out);
	});
}

dx_status_t dx_db_refresh(dx_db_t *db, int *changed)
{
	if (changed)
		*changed = 0;
	clear_error();
	try {
		bool moved = reopen_db(db);
		if (changed)
			*changed = moved;
		return DX_OK;
	} catch (...) {
		return db_fail(db);
	}
}

dx_status_t dx_hits_slice(const dx_hits_t *all, uint32_t offset, uint32_t count,
			  dx_hits_t **out)
{
	*out = NULL;
	return guard([&] {
		std::unique_ptr<dx_hits_t> h(new dx_hits());
		h->mset = all->mset;
		h->db = all->db;
		h->remote = all->remote;
		h->columns = all->columns;
		h->carried = all->carried;
		h->keyed = all->keyed;
		h->shards = all->shards;
		h->docs = all->docs;
		h->spares = all->spares;
		h->generation = all->generation;
		h->dropped = all->dropped;
		h->value_slot = all->value_slot;
		h->offset = all->offset + offset;
		for (size_t i = offset; i < all->keep.size() && i - offset < count; i++) {
			h->keep.push_back(all->keep[i]);
			h->copies.push_back(all->copies[i]);
			if (i < all->values.size())
				h->values.push_back(all->values[i]);
		}
		hits_seek(h.get());
		*out = h.release();
		return DX_OK;
	});
}

} // extern "C"

namespace {

// The values in slot of the documents of db matching the boolean OR of
// terms, counted into counts by value (a ValueCountMatchSpy, which a
// remote db runs itself: two messages); the number of documents matched.
Xapian::doccount count_values_in(const Xapian::Database &db,
				 const std::vector<std::string> &terms, unsigned slot,
				 std::map<std::string, Xapian::doccount> &counts)
{
	if (terms.empty())
		return 0;
	Xapian::Enquire enquire(db);
	enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
	enquire.set_weighting_scheme(Xapian::BoolWeight());
	Xapian::ValueCountMatchSpy spy(slot);
	enquire.add_matchspy(&spy);
	// No hit is wanted, every match looked at (the spy counts what the
	// match looks at).
	enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1));
	for (Xapian::TermIterator v = spy.values_begin(); v != spy.values_end(); ++v)
		counts[*v] += v.get_termfreq();
	return spy.get_total();
}

} // namespace

extern "C" {

dx_status_t dx_hits_count_values(dx_hits_t *hits, const char *const *terms, unsigned slot,
				 dx_count_fn fn, void *ctx, uint32_t *matched)
{
	if (matched)
		*matched = 0;
	return guard([&]() -> dx_status_t {
		std::map<std::string, Xapian::doccount> counts;
		Xapian::doccount total = 0;
		const size_t n = hits->shards.size();
		if (n < 2) {
			std::vector<std::string> all(terms, terms + hits->keep.size());
			total = count_values_in(hits->db, all, slot, counts);
		} else {
			// Each shard asked for its own hits alone, all at once.
			std::vector<std::vector<std::string>> of(n);
			for (size_t i = 0; i < hits->keep.size(); i++)
				of[(*hits->mset[hits->keep[i]] - 1) % n].emplace_back(terms[i]);
			std::vector<std::map<std::string, Xapian::doccount>> got(n);
			std::vector<Xapian::doccount> seen(n, 0);
			std::vector<std::exception_ptr> failed(n);
			std::vector<std::thread> threads;
			for (size_t k = 0; k < n; k++) {
				if (of[k].empty())
					continue;
				threads.emplace_back([&, k] {
					try {
						seen[k] = count_values_in(hits->shards[k], of[k], slot,
									  got[k]);
					} catch (...) {
						failed[k] = std::current_exception();
					}
				});
			}
			for (std::thread &t : threads)
				t.join();
			for (size_t k = 0; k < n; k++) {
				if (failed[k])
					std::rethrow_exception(failed[k]);
				total += seen[k];
				for (const auto &c : got[k])
					counts[c.first] += c.second;
			}
		}
		if (matched)
			*matched = total;
		for (const auto &c : counts)
			if (fn(c.first.data(), c.first.size(), c.second, ctx))
				break;
		return DX_OK;
	});
}

dx_status_t dx_hits_each_value(dx_hits_t *hits, unsigned slot,
			       void (*fn)(const char *value, size_t len, void *ctx),
			       void *ctx)
{
	return guard([&] {
		// The values the collapse (or the sort) kept: no read at all.
		if (slot == hits->value_slot && hits->values.size() == hits->keep.size() &&
		    !hits->keep.empty()) {
			for (const std::string &v : hits->values)
				fn(v.data(), v.size(), ctx);
			return DX_OK;
		}
		if (const value_column *c = hits_column(hits, slot)) {
			// Straight from memory, no copy.
			for (Xapian::doccount k : hits->keep) {
				Xapian::docid d = *hits->mset[k];
				if ((size_t)d + 1 < c->at.size())
					fn(c->bytes.data() + c->at[d], c->at[d + 1] - c->at[d], ctx);
				else
					fn("", 0, ctx);
			}
			return DX_OK;
		}
		std::vector<std::string> values = mset_values(hits, slot);
		for (Xapian::doccount k : hits->keep)
			fn(values[k].data(), values[k].size(), ctx);
		return DX_OK;
	});
}

} // extern "C"
