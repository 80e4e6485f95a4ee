# Berth's terminal helper. Runs inside a sandbox as the `docker exec` (no TTY) of one terminal
# tab, started by the workbench (src/main/services/terminals/shell.ts). It owns the pseudo-
# terminal itself, so that flow control happens here, at the terminal, and not behind the
# engine's own buffers: Docker keeps up to about a megabyte of a TTY exec's output in its pipes,
# which a flooding program fills, and which Ctrl-C cannot take back.
#
# stdout: a 4-byte hello (BRT1 for a new shell, BRTR for one taken over), then the terminal's
#         output bytes as they are, never more than the credit the workbench has granted.
# stdin:  frames of type (u8), length (u32 BE), payload:
#         1 input bytes for the terminal, 2 size (cols u16, rows u16), 3 credit (u32 bytes).
# It exits with the shell's exit code once the shell has ended and its output is out.
#
# When its stdin ends (the workbench is gone, or its link to the engine dropped) it keeps the
# shell and waits, detached, on a socket named after the terminal (BERTH_TERMINAL), keeping the
# newest output. The next helper started for that terminal takes the shell over through it (and
# first tells a helper whose workbench went silent, without ending its stdin, to let go: SIGUSR1):
# the jobs in the shell live on across a network drop. Unclaimed for an hour, it hangs up.
#
# Arguments: cols rows initial-credit program [args...]
import errno
import fcntl
import os
import pty
import re
import selectors
import signal
import socket
import struct
import sys
import termios
import threading
import time

INPUT, SIZE, CREDIT = 1, 2, 3
HEADER = struct.Struct(">BI")
READ_BYTES = 64 * 1024
# Output kept while detached: the newest, for the helper that takes over.
DETACHED_KEEP = 256 * 1024
DETACHED_SECONDS = 3600


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def frame(kind, payload):
    return HEADER.pack(kind, len(payload)) + payload


def meeting_place():
    """The socket, exit-status and pid paths of this terminal, or None when it cannot detach."""
    terminal = os.environ.get("BERTH_TERMINAL", "")
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", terminal):
        return None
    folder = "/tmp/berth-terminals-%d" % os.getuid()
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    info = os.lstat(folder)
    if info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # not ours: never meet anyone there
    base = os.path.join(folder, terminal)
    return base + ".sock", base + ".status", base + ".pid"


def owner_of(place):
    """The pid of the live helper that owns this terminal's shell, if any."""
    try:
        with open(place[2]) as f:
            pid = int(f.read().strip())
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            if b"berth-pty" not in f.read():
                return None
    except (OSError, ValueError):
        return None
    return pid if pid != os.getpid() else None


def connect(place):
    """A connection to the detached helper of this terminal, asking a silent one to let go."""
    owner = owner_of(place)
    if owner is None:
        return None
    try:
        os.kill(owner, signal.SIGUSR1)
    except OSError:
        return None
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            conn.connect(place[0])
            return conn
        except OSError:
            conn.close()
            time.sleep(0.05)
    return None


def take_over(place, cols, rows, credit):
    """Relays this exec to the detached helper of the same terminal; False when there is none."""
    conn = connect(place)
    if conn is None:
        return False
    conn.sendall(frame(SIZE, struct.pack(">HH", cols, rows)) + frame(CREDIT, struct.pack(">I", credit)))

    def upstream():
        while True:
            try:
                data = os.read(0, 1 << 16)
            except OSError:
                data = b""
            if not data:
                try:
                    conn.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                return
            try:
                conn.sendall(data)
            except OSError:
                return

    threading.Thread(target=upstream, daemon=True).start()
    while True:
        try:
            data = conn.recv(1 << 16)
        except OSError:
            data = b""
        if not data:
            break
        try:
            while data:
                data = data[os.write(1, data) :]
        except OSError:
            break
    try:
        with open(place[1]) as f:
            status = int(f.read().strip())
        os.unlink(place[1])
    except (OSError, ValueError):
        status = 129  # the shell's fate is unknown: as if hung up
    os._exit(status if status >= 0 else 128 - status)


def main():
    cols, rows, credit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    argv = sys.argv[4:]
    place = meeting_place()
    if place and take_over(place, cols, rows, credit):
        return
    if place:
        for stale in place:
            try:
                os.unlink(stale)
            except OSError:
                pass
        with open(place[2], "w") as f:
            f.write(str(os.getpid()))
    let_go = []
    signal.signal(signal.SIGUSR1, lambda *_: let_go.append(True))
    pid, master = pty.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    set_size(master, cols, rows)
    os.set_blocking(master, False)
    os.set_blocking(0, False)
    os.set_blocking(1, False)
    sel = selectors.DefaultSelector()
    out = bytearray(b"BRT1")  # waiting for stdout
    to_pty = bytearray()  # waiting for the terminal
    inbuf = bytearray()
    pty_open = True
    stdin_open = True
    status = None
    listener = None  # while detached: where the next helper finds this one
    detached_at = None
    taken_over = False

    def interest():
        want = {}
        if stdin_open:
            want[0] = selectors.EVENT_READ
        if out and listener is None:
            want[1] = selectors.EVENT_WRITE
        if listener is not None:
            want[listener.fileno()] = selectors.EVENT_READ
        if pty_open:
            events = 0
            if listener is not None or (credit > 0 and not out):
                events |= selectors.EVENT_READ
            if to_pty:
                events |= selectors.EVENT_WRITE
            if events:
                want[master] = events
        for fd in list(sel.get_map()):
            if fd not in want:
                sel.unregister(fd)
        for fd, events in want.items():
            if fd not in sel.get_map():
                sel.register(fd, events)
            elif sel.get_key(fd).events != events:
                sel.modify(fd, events)

    def hang_up():
        try:
            os.killpg(pid, signal.SIGHUP)
        except OSError:
            pass

    def detach():
        """The workbench is gone: wait for the next one on the socket, or hang up."""
        nonlocal stdin_open, listener, detached_at, out
        stdin_open = False
        # Out of the selector first: epoll would keep watching the old pipe under fd 0.
        for fd in (0, 1):
            if fd in sel.get_map():
                sel.unregister(fd)
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.close(null)
        inbuf.clear()
        if place is None:
            hang_up()
            return
        try:
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            listener.bind(place[0])
            listener.listen(1)
            listener.setblocking(False)
        except OSError:
            listener = None
            hang_up()
            return
        detached_at = time.monotonic()
        del out[: max(0, len(out) - DETACHED_KEEP)]

    def attach():
        """The next helper came: it is stdin and stdout from now on."""
        nonlocal stdin_open, listener, detached_at, credit, out, taken_over
        try:
            conn, _ = listener.accept()
        except BlockingIOError:
            return
        sel.unregister(listener.fileno())
        listener.close()
        listener = None
        detached_at = None
        taken_over = True
        let_go.clear()  # asked by this helper, before it connected
        try:
            os.unlink(place[0])
        except OSError:
            pass
        os.dup2(conn.fileno(), 0)
        os.dup2(conn.fileno(), 1)
        conn.close()
        os.set_blocking(0, False)
        os.set_blocking(1, False)
        stdin_open = True
        credit = 0  # the new helper's first frames grant it
        out = bytearray(b"BRTR") + out

    try:
        ended_at = None
        while True:
            if status is None:
                done, code = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = os.waitstatus_to_exitcode(code)
                    ended_at = time.monotonic()
            if status is not None and (not out or listener is not None):
                # The shell has gone: its output is out once the terminal reads EIO, or, when a
                # background job still holds the terminal, after a moment (as a TTY exec ends).
                if not pty_open or time.monotonic() - ended_at > 0.2:
                    break
            if not pty_open and status is None:
                # The terminal closed under a live shell (it hung up): wait for it.
                _, code = os.waitpid(pid, 0)
                status = os.waitstatus_to_exitcode(code)
                ended_at = time.monotonic()
                continue
            if let_go:
                let_go.clear()
                if stdin_open:
                    detach()
            if detached_at is not None and time.monotonic() - detached_at > DETACHED_SECONDS:
                detached_at = None
                hang_up()
            interest()
            for key, events in sel.select(0.05 if status is not None else 0.2):
                fd = key.fd
                if listener is not None and fd == listener.fileno():
                    attach()
                elif fd == 0:
                    try:
                        data = os.read(0, 1 << 16)
                    except BlockingIOError:
                        continue
                    except OSError:
                        data = b""
                    if not data:
                        detach()
                        break
                    inbuf.extend(data)
                    offset = 0
                    while len(inbuf) - offset >= HEADER.size:
                        kind, length = HEADER.unpack_from(inbuf, offset)
                        end = offset + HEADER.size + length
                        if len(inbuf) < end:
                            break
                        payload = bytes(inbuf[offset + HEADER.size : end])
                        if kind == INPUT:
                            to_pty.extend(payload)
                        elif kind == SIZE:
                            set_size(master, *struct.unpack(">HH", payload))
                        elif kind == CREDIT:
                            credit += struct.unpack(">I", payload)[0]
                        offset = end
                    del inbuf[:offset]
                elif fd == 1:
                    try:
                        n = os.write(1, out)
                    except BlockingIOError:
                        continue
                    except OSError:  # the reader has gone
                        detach()
                        break
                    del out[:n]
                elif fd == master:
                    if events & selectors.EVENT_WRITE and to_pty:
                        try:
                            n = os.write(master, to_pty)
                            del to_pty[:n]
                        except BlockingIOError:
                            pass
                        except OSError:
                            to_pty.clear()
                    if events & selectors.EVENT_READ:
                        want = READ_BYTES if listener is not None else min(credit, READ_BYTES)
                        try:
                            data = os.read(master, want)
                        except BlockingIOError:
                            continue
                        except OSError as error:  # EIO: the last holder of the terminal is gone
                            if error.errno != errno.EIO:
                                raise
                            data = b""
                        if not data:
                            pty_open = False
                            continue
                        out.extend(data)
                        if listener is not None:
                            del out[: max(0, len(out) - DETACHED_KEEP)]
                            continue
                        credit -= len(data)
                        try:
                            n = os.write(1, out)
                            del out[:n]
                        except BlockingIOError:
                            pass
                        except OSError:
                            detach()
                            break
    finally:
        if listener is not None:
            listener.close()
        if place:
            for own in (place[0], place[2]) if listener is not None else (place[2],):
                try:
                    os.unlink(own)
                except OSError:
                    pass
    code = status if status >= 0 else 128 - status
    if taken_over and stdin_open:
        # A helper that took the shell over relays this exit code as its own.
        try:
            with open(place[1], "w") as f:
                f.write(str(status))
        except OSError:
            pass
    sys.exit(code)


if __name__ == "__main__":
    main()
