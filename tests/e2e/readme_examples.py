#!/usr/bin/python3
"""Run every example of README.md as printed (issue 19), for 95-readme.sh.

A fenced block's line "$ COMMAND" is run, and what it prints (stdout and
stderr) must be the lines under it up to the next "$ " or the block's end;
a line "..." there ends the comparison (the rest is left out of the
README). A line of a ```sh block that starts with bin/dateline- is run and
must exit 0 and print something. Commands run in README order, with
bin/ read as DATELINE_BIN and build/demo.db as a fresh index in TMP; a
dateline-serve example is started on a free port that the curl examples
after it use. Before comparing, times ("in 0.07 s") and the digits of
long decimals beyond the sixth are left out on both sides.

Prints "ok NAME", "FAIL NAME<TAB>DETAIL" lines for lib.sh's counts.
With --update, writes what the commands printed into README instead (as
many lines as the README showed before its "...", all otherwise): run it
after a change of output, and read the diff before committing it.
Usage: readme_examples.py [--update] README BIN TMP
"""
import os
import re
import select
import shlex
import subprocess
import sys
import time

UPDATE = len(sys.argv) > 1 and sys.argv[1] == "--update"
readme, BIN, TMP = sys.argv[1 + UPDATE:4 + UPDATE]
DB = os.path.join(TMP, "demo.db")


def examples(text):
    """(command, expected lines or None, line number) in README order."""
    out, block, lang, start = [], None, "", 0
    for n, line in enumerate(text.split("\n"), 1):
        if line.startswith("```"):
            if block is None:
                block, lang, start = [], line[3:].strip(), n
            else:
                out.extend(parse_block(block, lang, start))
                block = None
            continue
        if block is not None:
            block.append(line)
    return out


def parse_block(lines, lang, start):
    res, cur = [], None
    for i, line in enumerate(lines):
        n = start + 1 + i
        if line.startswith("$ "):
            cur = [line[2:], [], n]
            res.append(cur)
        elif cur is not None:
            cur[1].append(line)
        elif lang == "sh" and line.startswith("bin/dateline-"):
            res.append([line, None, n])
    return [(c, e, n) for c, e, n in res
            if c.startswith("bin/dateline-") or c.startswith("curl ")]


def normalise(s):
    s = re.sub(r"\bin [0-9]+\.[0-9]+ s\b", "in N s", s)
    s = re.sub(r"([0-9]+\.[0-9]{6})[0-9]+", r"\1", s)
    return s.rstrip("\n")


def main():
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    exs = examples(text)
    updates = {}  # command's line number: (lines replaced, new lines)
    if not exs:
        print("FAIL README.md has examples\tnone found")
        return
    server, port = None, None
    env = dict(os.environ, COLUMNS="80")
    env.pop("DATELINE_DB", None)
    env.pop("NO_COLOR", None)
    for cmd, expected, n in exs:
        name = f"README.md:{n}: {cmd}"
        run = cmd.replace("build/demo.db", shlex.quote(DB))
        if run.startswith("bin/"):
            run = shlex.quote(os.path.join(BIN, "")) + run[4:]
        if cmd.startswith("bin/dateline-serve"):
            if server:
                print(f"FAIL {name}\ta second server")
                continue
            server = subprocess.Popen(run + " --listen 127.0.0.1:0", shell=True, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True, start_new_session=True)
            line = ""
            if select.select([server.stdout], [], [], 20)[0]:
                line = server.stdout.readline()
            m = re.search(r"127\.0\.0\.1:([0-9]+)/", line)
            if not m:
                print(f"FAIL {name}\tno URL in {line!r}")
                continue
            port = m.group(1)
            got = line.replace(f":{port}/", ":8080/").replace(DB, "build/demo.db")
        else:
            if cmd.startswith("curl "):
                if not port:
                    print(f"FAIL {name}\tno server started before it")
                    continue
                run = run.replace("127.0.0.1:8080", f"127.0.0.1:{port}")
            p = subprocess.run(run, shell=True, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, timeout=120)
            got = p.stdout.replace(DB, "build/demo.db")
            if expected is None:
                if p.returncode != 0 or not got.strip():
                    print(f"FAIL {name}\tstatus {p.returncode}, printed {got[:200]!r}")
                else:
                    print(f"ok   {name}")
                continue
        want = expected
        for i, l in enumerate(want):
            if l.strip() == "...":
                want = want[:i]
                break
        else:
            while want and not want[-1].strip():
                want = want[:-1]
        w = normalise("\n".join(want))
        g = normalise(got)
        if len(want) < len(expected):
            g = "\n".join(g.split("\n")[:len(want)])
        if UPDATE:
            new = got.rstrip("\n").split("\n")
            if len(want) < len(expected):
                new = new[:len(want)]
            updates[n] = (len(want), new)
        if g == w:
            print(f"ok   {name}")
        else:
            wl, gl = w.split("\n"), g.split("\n")
            k = next((i for i in range(max(len(wl), len(gl)))
                      if i >= len(wl) or i >= len(gl) or wl[i] != gl[i]), 0)
            print(f"FAIL {name}\tline {k + 1}: README {wl[k] if k < len(wl) else '(end)'!r}, "
                  f"printed {gl[k] if k < len(gl) else '(end)'!r}")
    if server:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
    if UPDATE:
        lines = text.split("\n")
        for n in sorted(updates, reverse=True):
            k, new = updates[n]
            lines[n:n + k] = new
        with open(readme, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))


main()
