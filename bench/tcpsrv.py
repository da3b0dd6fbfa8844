"""xapian-tcpsrv servers on 127.0.0.1 for the benches of remote shards
(bench/remote_messages.py, bench/shards.py): one process a shard, each on
a free port picked at random, in its own process group so that stop()
ends it and nothing it started."""
import os
import random
import socket
import subprocess
import time


def free_port():
    """A port of 127.0.0.1 nothing listens on (picked at random)."""
    rng = random.Random()
    for _ in range(100):
        port = rng.randrange(20000, 60000)
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("tcpsrv: no free port on 127.0.0.1")


def serve(shard):
    """xapian-tcpsrv for shard on a free port of 127.0.0.1, once it
    answers: (process, port). Another port when that one was taken."""
    for _ in range(10):
        port = free_port()
        p = subprocess.Popen(["xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                              "--port", str(port), shard], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return p, port
            if p.poll() is not None:
                break
            time.sleep(0.1)
        stop(p)
    raise SystemExit(f"tcpsrv: xapian-tcpsrv did not start for {shard}")


def stop(p):
    """End server p (its process group) and wait for it."""
    try:
        os.killpg(p.pid, 15)
    except ProcessLookupError:
        pass
    p.wait()


def serve_shards(index, n, stub, servers):
    """Serve the n shards of index (--shards N: index/shard-1 ...) and
    write the stub folder stub listing them as remote shards, with the
    index's vocabulary beside it. Each server started goes into servers
    (the caller stops them, also when this fails). Returns the ports."""
    ports = []
    for k in range(1, n + 1):
        p, port = serve(os.path.join(index, f"shard-{k}"))
        servers.append(p)
        ports.append(port)
    write_stub(stub, ports, os.path.join(index, "vocabulary"))
    return ports


def write_stub(stub, ports, vocabulary):
    """A stub folder listing the remote shards on 127.0.0.1 at ports, and
    a link to vocabulary (the spelling replacement) when it exists."""
    os.makedirs(stub, exist_ok=True)
    with open(os.path.join(stub, "XAPIANDB"), "w") as f:
        for port in ports:
            f.write(f"remote 127.0.0.1:{port}\n")
    if os.path.exists(vocabulary):
        os.symlink(os.path.realpath(vocabulary), os.path.join(stub, "vocabulary"))
