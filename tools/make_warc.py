#!/usr/bin/env python3
"""Write a WARC 1.1 file (.warc, or .warc.gz with a gzip member per record)
of pages as a crawler saves them: a warcinfo record, then per page a
request and a response record, for the corpus and the tests.

   make_warc.py OUT.warc[.gz] URL=FILE[,chunked-gzip][,revisit] ...

FILE is the page's HTML (UTF-8); ",chunked-gzip" serves it gzip-encoded in
chunks; ",revisit" adds a revisit record of it after its response. The
records' ids and dates derive from the arguments, so the same arguments
write the same file.
"""
import gzip
import hashlib
import sys
import uuid


def record(kind, fields, block):
    head = ["WARC/1.1", "WARC-Type: " + kind]
    head += ["%s: %s" % kv for kv in fields]
    head.append("Content-Length: %d" % len(block))
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def rid(*parts):
    return "<urn:uuid:%s>" % uuid.UUID(hashlib.sha1("|".join(parts).encode()).hexdigest()[:32])


def main():
    out = sys.argv[1]
    date = "2014-04-18T09:00:00Z"
    recs = [record("warcinfo", [("WARC-Date", date), ("WARC-Record-ID", rid(out, "info")),
                                ("Content-Type", "application/warc-fields")],
                   b"software: dateline tools/make_warc.py\r\nformat: WARC File Format 1.1\r\n")]
    for arg in sys.argv[2:]:
        url, spec = arg.split("=", 1)
        opts = spec.split(",")
        with open(opts[0], "rb") as f:
            page = f.read()
        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        req = ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: dateline-tools\r\n\r\n" % (path, host)).encode()
        req_id = rid(url, "request")
        recs.append(record("request", [("WARC-Target-URI", url), ("WARC-Date", date),
                                       ("WARC-Record-ID", req_id),
                                       ("Content-Type", "application/http;msgtype=request")], req))
        if "chunked-gzip" in opts:
            z = gzip.compress(page, mtime=0)
            body = b""
            step = max(1, len(z) // 2)
            for i in range(0, len(z), step):
                body += b"%x\r\n" % len(z[i:i + step]) + z[i:i + step] + b"\r\n"
            body += b"0\r\n\r\n"
            headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" \
                      b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
        else:
            body = page
            headers = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" \
                      b"Content-Length: %d\r\n\r\n" % len(page)
        resp_id = rid(url, "response")
        digest = "sha1:" + hashlib.sha1(page).hexdigest()
        recs.append(record("response", [("WARC-Target-URI", url), ("WARC-Date", date),
                                        ("WARC-Record-ID", resp_id), ("WARC-Concurrent-To", req_id),
                                        ("WARC-Payload-Digest", digest),
                                        ("Content-Type", "application/http;msgtype=response")],
                           headers + body))
        if "revisit" in opts:
            recs.append(record("revisit", [
                ("WARC-Target-URI", url), ("WARC-Date", "2014-04-19T09:00:00Z"),
                ("WARC-Record-ID", rid(url, "revisit")), ("WARC-Refers-To", resp_id),
                ("WARC-Refers-To-Target-URI", url), ("WARC-Payload-Digest", digest),
                ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                ("Content-Type", "application/http;msgtype=response")],
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"))
    with open(out, "wb") as f:
        for r in recs:
            f.write(gzip.compress(r, mtime=0) if out.endswith(".gz") else r)


if __name__ == "__main__":
    main()
