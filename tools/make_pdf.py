#!/usr/bin/env python3
"""Write a simple PDF document (Helvetica, WinAnsi text), for the corpus and
the tests: pages of lines, each line set in its font size.

   make_pdf.py OUT.pdf SPEC.txt [--info "Title=...;Author=...;CreationDate=D:2014..."]
                                [--encrypt]

SPEC.txt: one line of the page per line, "SIZE<TAB>TEXT"; a line "---" starts
a new page. --encrypt adds a standard security handler whose password is
not empty (no reader opens it without one).
"""
import sys


def pdf_string(s):
    b = s.encode("cp1252")
    return b"(" + b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def main():
    args = sys.argv[1:]
    out, spec = args[0], args[1]
    info = {}
    encrypt = "--encrypt" in args
    if "--info" in args:
        for kv in args[args.index("--info") + 1].split(";"):
            if "=" in kv:
                k, v = kv.split("=", 1)
                info[k] = v
    pages = [[]]
    with open(spec, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line == "---":
                pages.append([])
            elif line:
                size, text = line.split("\t", 1)
                pages[-1].append((int(size), text))
    objs = []
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join("%d 0 R" % (6 + 2 * i) for i in range(len(pages)))
    objs.append(("<< /Type /Pages /Count %d /Kids [%s] >>" % (len(pages), kids)).encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objs.append(b"<< " + b" ".join(b"/" + k.encode() + b" " + pdf_string(v) for k, v in info.items()) + b" >>")
    objs.append(b"<< /Filter /Standard /V 1 /R 2 /P -4 /O <" + b"0123456789abcdef" * 4 +
                b"> /U <" + b"fedcba9876543210" * 4 + b"> >>")
    for i, lines in enumerate(pages):
        y = 740
        content = b""
        for size, text in lines:
            content += b"BT /F1 %d Tf 72 %d Td %s Tj ET\n" % (size, y, pdf_string(text))
            y -= size + 5
        objs.append(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                     "/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (7 + 2 * i)).encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream")
    body = b"%PDF-1.4\n"
    offsets = []
    for n, o in enumerate(objs, 1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % n + o + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        body += b"%010d 00000 n \n" % off
    trailer = b"/Size %d /Root 1 0 R /Info 4 0 R" % (len(objs) + 1)
    if encrypt:
        trailer += b" /Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    body += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    with open(out, "wb") as f:
        f.write(body)


if __name__ == "__main__":
    main()
