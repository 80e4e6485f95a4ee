# Berth's terminal helper. Runs inside a sandbox as the `docker exec` (no TTY) of one terminal
# tab, started by the workbench (src/main/services/terminals/shell.ts). It owns the pseudo-
# terminal itself, so that flow control happens here, at the terminal, and not behind the
# engine's own buffers: Docker keeps up to about a megabyte of a TTY exec's output in its pipes,
# which a flooding program fills, and which Ctrl-C cannot take back.
#
# stdout: a 4-byte hello (BRT1), then the terminal's output bytes as they are, never more than
#         the credit the workbench has granted.
# stdin:  frames of type (u8), length (u32 BE), payload:
#         1 input bytes for the terminal, 2 size (cols u16, rows u16), 3 credit (u32 bytes).
# It exits with the shell's exit code once the shell has ended and its output is out; it ends
# the shell (hang-up) when its own stdin ends.
#
# Arguments: cols rows initial-credit program [args...]
import errno
import fcntl
import os
import pty
import selectors
import signal
import struct
import sys
import termios
import time

INPUT, SIZE, CREDIT = 1, 2, 3
HEADER = struct.Struct(">BI")
READ_BYTES = 64 * 1024


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    cols, rows, credit = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    argv = sys.argv[4:]
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

    def interest():
        want = {}
        if stdin_open:
            want[0] = selectors.EVENT_READ
        if out:
            want[1] = selectors.EVENT_WRITE
        if pty_open:
            events = 0
            if credit > 0 and not out:
                events |= selectors.EVENT_READ
            if to_pty:
                events |= selectors.EVENT_WRITE
            if events:
                want[master] = events
        for fd in (0, 1, master):
            registered = fd in sel.get_map()
            if fd in want and not registered:
                sel.register(fd, want[fd])
            elif fd in want and sel.get_key(fd).events != want[fd]:
                sel.modify(fd, want[fd])
            elif fd not in want and registered:
                sel.unregister(fd)

    def frame(kind, payload):
        nonlocal credit
        if kind == INPUT:
            to_pty.extend(payload)
        elif kind == SIZE:
            c, r = struct.unpack(">HH", payload)
            set_size(master, c, r)
        elif kind == CREDIT:
            credit += struct.unpack(">I", payload)[0]

    ended_at = None
    while True:
        if status is None:
            done, code = os.waitpid(pid, os.WNOHANG)
            if done:
                status = os.waitstatus_to_exitcode(code)
                ended_at = time.monotonic()
        if status is not None and not out:
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
        interest()
        for key, events in sel.select(0.05 if status is not None else 0.2):
            fd = key.fd
            if fd == 0:
                try:
                    data = os.read(0, 1 << 16)
                except BlockingIOError:
                    continue
                if not data:
                    # The workbench is gone: hang up the terminal, as closing a window does.
                    stdin_open = False
                    try:
                        os.killpg(pid, signal.SIGHUP)
                    except OSError:
                        pass
                    continue
                inbuf.extend(data)
                offset = 0
                while len(inbuf) - offset >= HEADER.size:
                    kind, length = HEADER.unpack_from(inbuf, offset)
                    end = offset + HEADER.size + length
                    if len(inbuf) < end:
                        break
                    frame(kind, bytes(inbuf[offset + HEADER.size : end]))
                    offset = end
                del inbuf[:offset]
            elif fd == 1:
                try:
                    n = os.write(1, out)
                except BlockingIOError:
                    continue
                except BrokenPipeError:
                    os.killpg(pid, signal.SIGHUP)
                    sys.exit(1)
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
                    try:
                        data = os.read(master, min(credit, READ_BYTES))
                    except BlockingIOError:
                        continue
                    except OSError as error:  # EIO: the last holder of the terminal is gone
                        if error.errno != errno.EIO:
                            raise
                        data = b""
                    if not data:
                        pty_open = False
                        continue
                    credit -= len(data)
                    out.extend(data)
                    try:
                        n = os.write(1, out)
                        del out[:n]
                    except BlockingIOError:
                        pass
    sys.exit(status if status >= 0 else 128 - status)


if __name__ == "__main__":
    main()
