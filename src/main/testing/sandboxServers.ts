import { sandboxRun } from './sandboxShell';

/**
 * Small servers a test starts inside a sandbox, as a user's dev server would run there: each a
 * python3 program (the image has python3), started in the background as the sandbox user.
 */

/** Answers each connection by reading until the client's end of input, then the byte count. */
export const countUntilEofServer = `
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64)
def serve(c):
    n = 0
    while True:
        d = c.recv(65536)
        if not d: break
        n += len(d)
    c.sendall(b"got %d bytes" % n); c.close()
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
`;

/** Sends the HTTP head and 1 MiB of a promised 10 MiB body, then closes the connection. */
export const closeMidResponseServer = `
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
while True:
    c, _ = s.accept(); c.recv(65536)
    c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: 10485760\\r\\n\\r\\n" + b"x" * 1048576)
    c.close()
`;

/**
 * HTTP on the given address and port, recording every request's path and headers in
 * /tmp/headers-<port>.log: \`/headers\` answers with the request's headers as JSON; \`/stream\` sends 5 chunks 100 ms apart; a
 * WebSocket upgrade on \`/ws\` echoes text frames; anything else is a small HTML page with a
 * relative link.
 */
export const devServer = `
import base64, hashlib, json, socket, struct, sys, threading, time
host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
s = socket.socket(family); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((host, port)); s.listen(64)
def head(c):
    data = b""
    while b"\\r\\n\\r\\n" not in data:
        d = c.recv(4096)
        if not d: return None, {}
        data += d
    lines = data.split(b"\\r\\n\\r\\n")[0].decode().split("\\r\\n")
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(":"); headers[k.strip().lower()] = v.strip()
    return lines[0].split(" ")[1], headers
def send(c, body, kind="text/html"):
    c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: %s\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n" % (kind.encode(), len(body)) + body)
def echo(c, key):
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
    c.sendall(b"HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: " + accept + b"\\r\\n\\r\\n")
    while True:
        h = c.recv(2)
        if len(h) < 2: return
        op, n = h[0] & 15, h[1] & 127
        if n == 126: n = struct.unpack(">H", c.recv(2))[0]
        mask = c.recv(4); data = b""
        while len(data) < n: data += c.recv(n - len(data))
        data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        if op == 8: return
        reply = b"echo: " + data
        c.sendall(bytes([0x81, len(reply)]) + reply)
def serve(c):
    try:
        path, headers = head(c)
        if path is None: return
        with open("/tmp/headers-%d.log" % port, "a") as f: f.write(json.dumps({"path": path, "headers": headers}) + "\\n")
        if path == "/headers":
            send(c, json.dumps(headers).encode(), "application/json")
        elif path == "/ws" and headers.get("upgrade", "").lower() == "websocket":
            echo(c, headers["sec-websocket-key"])
        elif path == "/stream":
            c.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: text/plain\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n")
            for i in range(5):
                part = b"tick %d\\n" % i
                c.sendall(b"%x\\r\\n%s\\r\\n" % (len(part), part)); time.sleep(0.1)
            c.sendall(b"0\\r\\n\\r\\n")
        else:
            send(c, b"<!doctype html><title>dev server %d</title><h1>Dev server on %s</h1><a href=\\"headers\\">headers</a>" % (port, host.encode()))
    finally:
        c.close()
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
`;

/** Starts `python3 -c program args…` in the background in the sandbox; returns at once. */
export async function startSandboxServer(
  containerId: string,
  program: string,
  args: string[],
): Promise<void> {
  const quoted = [program, ...args].map((a) => `'${a.replaceAll("'", `'\\''`)}'`).join(' ');
  await sandboxRun(containerId, `setsid nohup python3 -c ${quoted} >/dev/null 2>&1 < /dev/null &`);
}
