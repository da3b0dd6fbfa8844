"""Send a request line of 1 MB to the server at URL (argv[1]) and print
the status it answers with ('none' when it closes without one)."""
import socket
import sys
import urllib.parse

u = urllib.parse.urlparse(sys.argv[1])
s = socket.create_connection((u.hostname, u.port), timeout=20)
try:
    s.sendall(b"GET /api/search?q=" + b"a" * (1 << 20) + b" HTTP/1.1\r\nHost: x\r\n\r\n")
except OSError:
    pass  # the server may close before reading it all
data = b""
try:
    while b"\r\n" not in data and len(data) < 65536:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
except OSError:
    pass
print(data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else "none")
