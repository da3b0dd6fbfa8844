#!/usr/bin/env python3
"""Messages a search sends to remote shards (issue 17), counted on the wire.

  bench/remote_messages.py [--shards N] [--queries TSV] [--max-per-query M]
                           [--modes LIST] FOLDER

indexes FOLDER into N shards (default 4) in a temporary folder, serves each
with xapian-tcpsrv on a free port of 127.0.0.1, and puts a counting relay
(this script, on another free port of 127.0.0.1) between dateline-search
and each server. The relay reads the client's side of Xapian's remote
protocol (a message is a type byte, its length, its body) and counts the
messages by type. With --stub DIR it relays the remote shards of the stub
DIR instead (servers running already; FOLDER is not given).

For each mode it runs dateline-search --batch over the queries (TSV:
qid<TAB>query; by default the fourteen of tests/e2e/85-shards.sh, one of
each kind of the query language), and once over no query: the messages of
the opening (reading the stub, checking the shards) are those of the
empty batch, and a query's are (batch - opening) / queries. Modes:
  ranking   --trec -n 10 (ids and scores, as make bench's ranking)
  page      the terminal answer (ten hits with snippets, copies, did-you-mean)
  facets    --json --facets
  one       each query alone (its own dateline-search run, opening included)
Every message of a query is a wait for an answer from a shard's server
unless Xapian sends it without waiting (the match's messages to all shards
go out together, and so do the documents of an MSet fetched at once).

--max-per-query M: exit status 1 when a mode's messages per query (the
opening left out) exceed M (make check's bound, tests/e2e/85-shards.sh).
--delay-ms D: also how many times a query waits for the shards, one
answer after another (what a network's round trip multiplies): each query
is timed with every answer of a server held D ms by the relay and
without, and the difference is divided by D (the median over the
queries; answers awaited side by side are one wait).
Only 127.0.0.1 is contacted.
"""
import argparse
import collections
import os
import shutil
import socket
import subprocess
import sys
import queue
import statistics
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DATELINE_BIN", os.path.join(ROOT, "bin"))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import tcpsrv  # noqa: E402

# Xapian 1.4's remote protocol (39.x), client to server, in order.
NAMES = ("ALLTERMS COLLFREQ DOCUMENT TERMEXISTS TERMFREQ VALUESTATS KEEPALIVE DOCLENGTH "
         "QUERY TERMLIST POSITIONLIST POSTLIST REOPEN UPDATE ADDDOCUMENT CANCEL "
         "DELETEDOCUMENTTERM COMMIT REPLACEDOCUMENT REPLACEDOCUMENTTERM DELETEDOCUMENT "
         "WRITEACCESS GETMETADATA SETMETADATA ADDSPELLING REMOVESPELLING GETMSET SHUTDOWN "
         "METADATAKEYLIST FREQS UNIQUETERMS POSITIONLISTCOUNT READACCESS").split()

QUERIES = ["Kerry Lavrov", "Crimea referendum", "nuclear", '"chemical weapons"', "sanction*",
           "person:Kerry", "place:Kyiv OR Paris", "crimea -russia", "+Syria weapons",
           "title:Kerry", "Kerry NEAR/5 Lavrov", "date:2014", "berlin wall", "minister"]

MODES = {
    "ranking": ["--trec", "-n", "10"],
    "page": ["--color", "never"],
    "facets": ["--json", "--facets"],
}


class Counter:
    """Messages by type, over every relayed connection."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_type = collections.Counter()

    def add(self, kind):
        with self.lock:
            self.by_type[kind] += 1

    def take(self):
        with self.lock:
            out, self.by_type = self.by_type, collections.Counter()
        return out


class Parser:
    """Xapian's message framing: type byte; length (one byte under 255,
    else 255 then the length less 255 in 7-bit groups, the last with its
    top bit set); the body."""

    def __init__(self, counter):
        self.counter = counter
        self.buf = bytearray()

    def feed(self, data):
        self.buf += data
        while True:
            b = self.buf
            if len(b) < 2:
                return
            i, n = 2, b[1]
            if n == 255:
                n, shift = 0, 0
                while True:
                    if i >= len(b):
                        return
                    c = b[i]
                    i += 1
                    n |= (c & 0x7f) << shift
                    shift += 7
                    if c & 0x80:
                        break
                n += 255
            if len(b) < i + n:
                return
            t = b[0]
            self.counter.add(NAMES[t] if t < len(NAMES) else f"type {t}")
            del self.buf[:i + n]


def pipe(src, dst, parser, relay=None):
    """src to dst; with relay (the server's side), each chunk sent on
    relay.delay seconds after it came, as a network's latency would: what
    is sent together waits once."""
    q = queue.Queue() if relay else None

    def later():
        while True:
            item = q.get()
            if item is None:
                break
            due, data = item
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                dst.sendall(data)
            except OSError:
                break
    sender = threading.Thread(target=later, daemon=True) if relay else None
    if sender:
        sender.start()
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            if parser:
                parser.feed(data)
            if q is not None and relay.delay > 0:
                q.put((time.monotonic() + relay.delay, data))
            elif q is not None:
                q.put((0, data))
            else:
                dst.sendall(data)
    except OSError:
        pass
    if sender:
        q.put(None)
        sender.join()
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Relay:
    """A listening socket on 127.0.0.1 (a port the system picks) relaying
    each connection to 127.0.0.1:upstream, counting the client's messages."""

    def __init__(self, upstream, counter):
        self.upstream, self.counter = upstream, counter
        # Seconds each answer of the server is held (a network's round
        # trip, for --delay-ms).
        self.delay = 0.0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            u = socket.create_connection(("127.0.0.1", self.upstream))
            for s in (c, u):
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            threading.Thread(target=pipe, args=(c, u, Parser(self.counter)),
                             daemon=True).start()
            threading.Thread(target=pipe, args=(u, c, None, self), daemon=True).start()


def stub_ports(stub):
    """The ports of the remote 127.0.0.1 shards of the stub folder."""
    ports = []
    with open(os.path.join(stub, "XAPIANDB")) as f:
        for line in f:
            w = line.split("#")[0].split()
            if len(w) == 2 and w[0] == "remote" and w[1].startswith("127.0.0.1:"):
                ports.append(int(w[1].split(":")[1]))
            elif w:
                raise SystemExit(f"remote_messages: {stub}: only remote 127.0.0.1 shards "
                                 f"are relayed, not '{line.strip()}'")
    return ports


def search(db, args, qfile, counter):
    """Messages of one dateline-search --batch run (by type)."""
    counter.take()
    r = subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", qfile] + args,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode not in (0, 1):
        raise SystemExit(f"remote_messages: dateline-search failed: {r.stderr.strip()}")
    # The relay threads may still be reading the last bytes.
    time.sleep(0.05)
    return counter.take()


def measure(db, queries, modes, tmp, counter):
    """{mode: (opening Counter, per-query {type: messages})}."""
    qfile = os.path.join(tmp, "queries.tsv")
    empty = os.path.join(tmp, "none.tsv")
    with open(qfile, "w") as f:
        for i, q in enumerate(queries, 1):
            f.write(f"q{i}\t{q}\n")
    open(empty, "w").close()
    out = {}
    for mode in modes:
        if mode == "one":
            opening = search(db, MODES["ranking"], empty, counter)
            total = collections.Counter()
            one = os.path.join(tmp, "one.tsv")
            for i, q in enumerate(queries, 1):
                with open(one, "w") as f:
                    f.write(f"q{i}\t{q}\n")
                total += search(db, MODES["ranking"], one, counter)
            per = {k: v / len(queries) for k, v in total.items()}
            out[mode] = (opening, per)
            continue
        opening = search(db, MODES[mode], empty, counter)
        total = search(db, MODES[mode], qfile, counter)
        per = {k: (total[k] - opening[k]) / len(queries) for k in total}
        out[mode] = (opening, {k: v for k, v in per.items() if v})
    return out


def timed(db, args, qfile):
    """{qid: ms} of one dateline-search --batch run (--timings)."""
    with tempfile.NamedTemporaryFile(mode="r") as t:
        subprocess.run([os.path.join(BIN, "dateline-search"), "-d", db, "--batch", qfile,
                        "--timings", t.name] + args,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = {}
        for line in t:
            w = line.split("\t")
            if len(w) >= 2:
                out[w[0]] = float(w[1])
        return out


def waits(db, queries, modes, tmp, relays, delay_ms):
    """{mode: waits a query}: how many times a query waits for the shards'
    answers, one after another (answers awaited side by side count once):
    each query timed with every answer held delay_ms and without, the
    difference over delay_ms; the median over the queries."""
    qfile = os.path.join(tmp, "queries.tsv")
    with open(qfile, "w") as f:
        for i, q in enumerate(queries, 1):
            f.write(f"q{i}\t{q}\n")
    out = {}
    for mode in modes:
        if mode == "one":
            continue
        runs = []
        for d in (0.0, delay_ms / 1000.0, 0.0):
            for r in relays:
                r.delay = d
            runs.append(timed(db, MODES[mode], qfile))
        for r in relays:
            r.delay = 0.0
        base = {q: min(runs[0][q], runs[2][q]) for q in runs[0] if q in runs[2]}
        w = [(runs[1][q] - base[q]) / delay_ms for q in base if q in runs[1]]
        out[mode] = statistics.median(w) if w else float("nan")
    return out


def report(results, nshards):
    worst = 0.0
    print(f"messages to {nshards} remote shards (client to server, counted by a relay)")
    for mode, (opening, per) in results.items():
        n = sum(per.values())
        worst = max(worst, n if mode != "one" else 0)
        kinds = ", ".join(f"{k} {v:.1f}" for k, v in sorted(per.items(), key=lambda x: -x[1]))
        what = "a run of one query (opening included)" if mode == "one" else "a query"
        print(f"  {mode:<8} {n:7.1f} for {what} ({n / nshards:.1f} a shard): {kinds}")
        if mode != "one":
            print(f"  {'':<8} opening {sum(opening.values())}: " + ", ".join(
                f"{k} {v}" for k, v in opening.most_common()))
    return worst


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--shards", type=int, default=4)
    ap.add_argument("--stub")
    ap.add_argument("--queries")
    ap.add_argument("--modes", default="ranking,page,facets,one")
    ap.add_argument("--max-per-query", type=float)
    ap.add_argument("--delay-ms", type=float)
    a = ap.parse_args()
    if not a.stub and not a.folder:
        ap.error("give FOLDER or --stub DIR")
    if not shutil.which("xapian-tcpsrv") and not a.stub:
        print("remote_messages: skipped, xapian-tcpsrv is missing (Debian's xapian-tools)")
        return 0
    modes = a.modes.split(",")
    for m in modes:
        if m not in MODES and m != "one":
            ap.error(f"--modes: no mode '{m}' (ranking, page, facets, one)")
    queries = QUERIES
    if a.queries:
        with open(a.queries) as f:
            queries = [line.rstrip("\n").split("\t", 1)[1] for line in f if "\t" in line]
    counter = Counter()
    servers = []
    with tempfile.TemporaryDirectory(prefix="dateline-remote-messages-") as tmp:
        try:
            if a.stub:
                ports = stub_ports(a.stub)
                vocab = os.path.join(os.path.abspath(a.stub), "vocabulary")
                nshards = len(ports)
            else:
                idx = os.path.join(tmp, "idx")
                subprocess.run([os.path.join(BIN, "dateline-index"), "-q", "--shards",
                                str(a.shards), "-d", idx, a.folder], check=True)
                ports = tcpsrv.serve_shards(idx, a.shards, os.path.join(tmp, "served"),
                                            servers)
                vocab = os.path.join(idx, "vocabulary")
                nshards = a.shards
            relayed = os.path.join(tmp, "relayed")
            relays = [Relay(port, counter) for port in ports]
            tcpsrv.write_stub(relayed, [r.port for r in relays], vocab)
            results = measure(relayed, queries, modes, tmp, counter)
            held = waits(relayed, queries, modes, tmp, relays, a.delay_ms) \
                if a.delay_ms else {}
        finally:
            for p in servers:
                tcpsrv.stop(p)
    worst = report(results, nshards)
    for mode, w in held.items():
        print(f"  {mode:<8} waits for the shards {w:.1f} times a query (median; each "
              f"answer held {a.delay_ms:g} ms by the relay)")
    if a.max_per_query is not None and worst > a.max_per_query:
        print(f"remote_messages: {worst:.1f} messages a query, more than "
              f"--max-per-query {a.max_per_query:g}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
