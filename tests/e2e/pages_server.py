#!/usr/bin/env python3
"""Serve a folder's pages on 127.0.0.1 for the e2e tests that save them with
wget --warc-file: a free port picked by the system is written to PORTFILE.

   pages_server.py FOLDER PORTFILE

Paths ending in .chunked-gz are served as the page without that suffix,
gzip-compressed and in chunks (Transfer-Encoding: chunked, Content-Encoding:
gzip); /moved answers 301 to the first page; a .latin1 page is served as
text/html; charset=ISO-8859-1. The server stops after 120 s at most.
"""
import gzip
import http.server
import os
import sys
import threading


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        folder = self.server.folder
        name = self.path.lstrip("/")
        if name == "moved":
            self.send_response(301)
            self.send_header("Location", "/" + sorted(os.listdir(folder))[0])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        chunked = name.endswith(".chunked-gz")
        if chunked:
            name = name[: -len(".chunked-gz")]
        path = os.path.join(folder, os.path.basename(name))
        if not name or not os.path.isfile(path):
            body = b"<html><body><p>Not here.</p></body></html>"
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        with open(path, "rb") as f:
            body = f.read()
        self.send_response(200)
        if name.endswith(".latin1.html"):
            self.send_header("Content-Type", "text/html; charset=ISO-8859-1")
        elif name.endswith(".txt"):
            self.send_header("Content-Type", "text/plain; charset=utf-8")
        else:
            self.send_header("Content-Type", "text/html")
        if chunked:
            z = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            step = max(1, len(z) // 3)
            for i in range(0, len(z), step):
                part = z[i : i + step]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


def main():
    folder, portfile = sys.argv[1], sys.argv[2]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.folder = folder
    with open(portfile + ".new", "w") as f:
        f.write("%d\n" % server.server_address[1])
    os.rename(portfile + ".new", portfile)
    threading.Timer(120, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
