# Berth's port relay. Runs inside a sandbox as one long-lived `docker exec` (no TTY), started by
# the workbench (src/main/services/ports/relay). It does two things over its stdin/stdout:
#   - reports the sandbox's listening TCP sockets (from /proc/net/tcp and tcp6) whenever they
#     change, with the process behind each socket when this user may see it;
#   - relays TCP connections the workbench opens to addresses inside the sandbox's own network
#     namespace, all multiplexed over the one pipe, each with its own flow-control window.
# It exits when its stdin ends or when nothing has arrived for IDLE_LIMIT seconds (the workbench
# pings every 5), so a lost workbench leaves no relay behind.
# Arguments: the flow-control window in bytes, the idle limit in seconds.
#
# Frame: type (u8), stream id (u32 BE), payload length (u32 BE), payload.
import collections
import errno
import itertools
import json
import os
import selectors
import socket
import struct
import sys
import time

OPEN, DATA, WINDOW, FIN, RST, PING = 1, 2, 3, 4, 5, 6
PONG, HELLO, PORTS, OPENED, REFUSED = 7, 10, 11, 12, 13
HEADER = struct.Struct(">BII")
WINDOW_BYTES = int(sys.argv[1]) if len(sys.argv) > 1 else 1 << 20
READ_BYTES = 256 * 1024
OUT_LIMIT = 4 << 20  # stop reading sockets while this much waits for stdout
SCAN_SECONDS = 0.25
IDLE_LIMIT = float(sys.argv[2]) if len(sys.argv) > 2 else 20.0
CONNECT_SECONDS = 10.0


class Stream:
    def __init__(self, sid, sock):
        self.sid = sid
        self.sock = sock
        self.connecting = True
        self.started = time.monotonic()
        self.credit = WINDOW_BYTES  # bytes we may still send to the workbench
        self.pending = bytearray()  # bytes from the workbench not yet written to the socket
        self.unacked = 0  # bytes written to the socket not yet credited back
        self.read_eof = False  # the server ended its side
        self.write_eof = False  # the workbench ended its side (FIN)
        self.fin_sent = False


class Relay:
    def __init__(self):
        self.sel = selectors.DefaultSelector()
        self.streams = {}
        self.out = collections.deque()  # frames waiting for stdout, as whole buffers
        self.out_bytes = 0
        self.inbuf = bytearray()
        self.last_heard = time.monotonic()
        self.ports_key = None
        os.set_blocking(0, False)
        os.set_blocking(1, False)
        self.sel.register(0, selectors.EVENT_READ, None)
        self.stdout_registered = False

    # --- output -----------------------------------------------------------------------------
    def send(self, kind, sid, payload=b""):
        self.out.append(HEADER.pack(kind, sid, len(payload)))
        if payload:
            self.out.append(payload)
        self.out_bytes += HEADER.size + len(payload)
        self.flush()

    def flush(self):
        was_full = self.out_bytes >= OUT_LIMIT
        while self.out:
            try:
                # writev: frames go out without being copied into one buffer first.
                n = os.writev(1, list(itertools.islice(self.out, 64)))
            except BlockingIOError:
                break
            except BrokenPipeError:
                sys.exit(0)
            self.out_bytes -= n
            while n:
                head = self.out[0]
                if len(head) <= n:
                    n -= len(head)
                    self.out.popleft()
                else:
                    self.out[0] = memoryview(head)[n:]
                    n = 0
        want = bool(self.out)
        if want != self.stdout_registered:
            if want:
                self.sel.register(1, selectors.EVENT_WRITE, None)
            else:
                self.sel.unregister(1)
            self.stdout_registered = want
        if was_full != (self.out_bytes >= OUT_LIMIT):
            self.update_all()

    # --- socket interest --------------------------------------------------------------------
    def interest(self, st):
        if st.connecting:
            return selectors.EVENT_WRITE
        events = 0
        if not st.read_eof and st.credit > 0 and self.out_bytes < OUT_LIMIT:
            events |= selectors.EVENT_READ
        if st.pending:
            events |= selectors.EVENT_WRITE
        return events

    def update(self, st):
        events = self.interest(st)
        try:
            key = self.sel.get_key(st.sock)
        except KeyError:
            key = None
        if key is None:
            if events:
                self.sel.register(st.sock, events, st)
        elif events == 0:
            self.sel.unregister(st.sock)
        elif key.events != events:
            self.sel.modify(st.sock, events, st)

    def update_all(self):
        for st in list(self.streams.values()):
            self.update(st)

    # --- streams ----------------------------------------------------------------------------
    def open(self, sid, payload):
        try:
            target = json.loads(payload)
            host, port = target["host"], int(target["port"])
            family = socket.AF_INET6 if ":" in host else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
        except Exception as error:  # a bad request or no IPv6: refuse this stream only
            self.refuse(sid, "EINVAL", str(error))
            return
        sock.setblocking(False)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        st = Stream(sid, sock)
        self.streams[sid] = st
        code = sock.connect_ex((host, port))
        if code not in (0, errno.EINPROGRESS):
            self.drop(st)
            self.refuse(sid, errno.errorcode.get(code, str(code)), os.strerror(code))
            return
        self.update(st)

    def refuse(self, sid, code, message):
        self.send(REFUSED, sid, json.dumps({"code": code, "message": message}).encode())

    def connected(self, st):
        code = st.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code != 0:
            self.drop(st)
            self.refuse(st.sid, errno.errorcode.get(code, str(code)), os.strerror(code))
            return
        st.connecting = False
        self.send(OPENED, st.sid)
        self.update(st)

    def drop(self, st):
        self.streams.pop(st.sid, None)
        try:
            self.sel.unregister(st.sock)
        except (KeyError, ValueError):
            pass
        st.sock.close()

    def reset(self, st):
        try:  # SO_LINGER 0: the server sees a reset, as the workbench's client did
            st.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.drop(st)

    def half_close(self, st):
        """The workbench ended its side and all it sent is out: end ours toward the server."""
        try:
            st.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        self.maybe_done(st)

    def maybe_done(self, st):
        if st.read_eof and st.fin_sent and st.write_eof and not st.pending:
            self.drop(st)

    def readable(self, st):
        try:
            data = st.sock.recv(min(st.credit, READ_BYTES))
        except BlockingIOError:
            return
        except OSError:
            self.drop(st)
            self.send(RST, st.sid)
            return
        if not data:
            st.read_eof = True
            st.fin_sent = True
            self.send(FIN, st.sid)
            self.maybe_done(st)
        else:
            st.credit -= len(data)
            self.send(DATA, st.sid, data)
        if st.sid in self.streams:
            self.update(st)

    def writable(self, st):
        try:
            n = st.sock.send(st.pending)
        except BlockingIOError:
            return
        except OSError:
            self.drop(st)
            self.send(RST, st.sid)
            return
        del st.pending[:n]
        st.unacked += n
        if st.unacked >= WINDOW_BYTES // 4 or not st.pending:
            self.send(WINDOW, st.sid, struct.pack(">I", st.unacked))
            st.unacked = 0
        if not st.pending and st.write_eof:
            self.half_close(st)
        if st.sid in self.streams:
            self.update(st)

    # --- input ------------------------------------------------------------------------------
    def read_stdin(self):
        try:
            data = os.read(0, 1 << 20)
        except BlockingIOError:
            return
        if not data:
            sys.exit(0)
        self.last_heard = time.monotonic()
        self.inbuf += data
        view = self.inbuf
        offset = 0
        while len(view) - offset >= HEADER.size:
            kind, sid, length = HEADER.unpack_from(view, offset)
            end = offset + HEADER.size + length
            if len(view) < end:
                break
            self.frame(kind, sid, bytes(view[offset + HEADER.size : end]))
            offset = end
        del self.inbuf[:offset]

    def frame(self, kind, sid, payload):
        st = self.streams.get(sid)
        if kind == PING:
            self.send(PONG, 0, payload)
        elif kind == OPEN:
            self.open(sid, payload)
        elif st is None:
            return  # a stream that has just closed on this side
        elif kind == DATA:
            st.pending += payload
            self.update(st)
        elif kind == WINDOW:
            st.credit += struct.unpack(">I", payload)[0]
            self.update(st)
        elif kind == FIN:
            st.write_eof = True
            if not st.pending:
                self.half_close(st)
        elif kind == RST:
            self.reset(st)

    # --- listening ports --------------------------------------------------------------------
    def scan(self):
        rows = {}
        key = []
        inodes = set()
        for name in ("tcp", "tcp6"):
            try:
                with open("/proc/net/" + name) as f:
                    lines = f.read().splitlines()[1:]
            except OSError:
                lines = []
            rows[name] = []
            for line in lines:
                fields = line.split()
                if len(fields) > 9 and fields[3] == "0A":
                    rows[name].append(line)
                    # The queue columns of a listening socket count waiting connections: not a change.
                    key.append((name, fields[1], fields[9]))
                    inodes.add(fields[9])
        key.sort()
        if key == self.ports_key:
            return
        self.ports_key = key
        self.send(PORTS, 0, json.dumps({**rows, "owners": owners(inodes)}).encode())

    def run(self):
        self.send(HELLO, 0, json.dumps({"version": 1, "pid": os.getpid(), "uid": os.getuid()}).encode())
        next_scan = 0.0
        while True:
            now = time.monotonic()
            if now >= next_scan:
                self.scan()
                next_scan = now + SCAN_SECONDS
            if now - self.last_heard > IDLE_LIMIT:
                sys.exit(0)
            for st in list(self.streams.values()):
                if st.connecting and now - st.started > CONNECT_SECONDS:
                    self.drop(st)
                    self.refuse(st.sid, "ETIMEDOUT", "the connection timed out")
            for key, events in self.sel.select(max(0.0, next_scan - time.monotonic())):
                st = key.data
                if key.fileobj == 0:
                    self.read_stdin()
                elif key.fileobj == 1:
                    self.flush()
                elif st.sid not in self.streams:
                    continue
                elif st.connecting:
                    self.connected(st)
                else:
                    if events & selectors.EVENT_WRITE:
                        self.writable(st)
                    if events & selectors.EVENT_READ and st.sid in self.streams:
                        self.readable(st)


def owners(inodes):
    """Maps socket inodes to [pid, name, command line] for the processes this user may see."""
    found = {}
    if not inodes:
        return found
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or pid == str(os.getpid()):
            continue
        try:
            fds = os.listdir("/proc/%s/fd" % pid)
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink("/proc/%s/fd/%s" % (pid, fd))
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                inode = target[8:-1]
                if inode in found:
                    continue
                try:
                    with open("/proc/%s/comm" % pid) as f:
                        name = f.read().strip()
                    with open("/proc/%s/cmdline" % pid, "rb") as f:
                        command = f.read().rstrip(b"\0").replace(b"\0", b" ").decode("utf-8", "replace")
                except OSError:
                    continue
                found[inode] = [int(pid), name, command]
    return found


if __name__ == "__main__":
    try:
        Relay().run()
    except KeyboardInterrupt:
        pass
