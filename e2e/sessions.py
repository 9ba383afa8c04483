"""Sessions follow the mailbox: IMAP clients IDLEing through nginx on a real Dovecot are ended
when their account's route leaves that server, and only those.

The source "cPanel server" is the simulator, its Dovecot is real: the simulator's
terminate_cpuser_mailbox_sessions runs `doveadm -c <that Dovecot's config> kick` (user, then
*@domain, as cPanel's kick_all_sessions_for_cpuser), and the agent's own fallback runs the same
doveadm. Nothing here kicks by address: every session comes from nginx's."""
import os
import pwd
import select
import statistics
import threading
import time

import clients
import harness

HOST = "127.0.0.1"
S1, S2 = "s001.hoster.test", "s002.hoster.test"
MOVES = 5


def add_mailbox(dovecot, address, password):
    """A mailbox on a running Dovecot: passwd-file is re-read on change, the maildir owned by nobody."""
    dovecot.add_user(address, password)
    dovecot._write_passwd()
    nobody = pwd.getpwnam("nobody")
    for root, dirs, files in os.walk(os.path.join(dovecot.dir, "mail")):
        for n in dirs + files:
            os.chown(os.path.join(root, n), nobody.pw_uid, nobody.pw_gid)


class Idler:
    """An IMAP client through nginx (IMAPS) that logs in, reads its marker and IDLEs."""

    def __init__(self, s, user, password):
        self.m = clients._Imaps(HOST, s.ports["imaps"], ssl_context=clients._tls(), timeout=15)
        typ, data = clients._raw_login(self.m, user, password)
        if typ != "OK":
            raise AssertionError(f"LOGIN of {user} refused: {data}")
        self.m.state = "AUTH"
        self.m.select("INBOX", readonly=True)
        _, data = self.m.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        self.marker = data[0][1].decode().strip().removeprefix("Subject: ")
        self.m.send(b"i1 IDLE\r\n")
        line = self.m.readline()
        if not line.startswith(b"+"):
            raise AssertionError(f"IDLE not accepted: {line!r}")
        self.closed_at = None
        self.lines = []

    def wait_closed(self, timeout):
        """Reads until the server closes the connection; returns the monotonic time it did, or None."""
        sock = self.m.sock
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            r, _, _ = select.select([sock], [], [], max(0.0, deadline - time.monotonic()))
            if not r:
                continue
            try:
                line = self.m.readline()
            except OSError:
                line = b""
            if not line:
                self.closed_at = time.monotonic()
                return self.closed_at
            self.lines.append(line)
        return None

    def still_idle(self):
        """True when the connection is open and untouched: DONE ends the IDLE with OK, NOOP answers."""
        if self.lines:
            return False
        self.m.send(b"DONE\r\n")
        done = self.m.readline()
        if not done.startswith(b"i1 OK"):
            raise AssertionError(f"IDLE did not end with OK: {done!r}")
        return self.m.noop()[0] == "OK"

    def close(self):
        try:
            self.m.shutdown()
        except Exception:
            pass


def route_moved(s, login, to, stop):
    """Polls the registry every 20 ms; returns the monotonic time the route of login was first on `to`."""
    while not stop.is_set():
        try:
            if s.route_server(login) == to:
                return time.monotonic()
        except Exception:
            pass
        time.sleep(0.02)
    return None


def move_and_time(s, login, password, src, dst, move):
    """Starts an IDLE client on src, runs move(), and returns (route move -> closed, move -> closed) seconds."""
    want = f"marker {src.split('.')[0]}"
    harness.eventually(lambda: s.imap(login, password) == want, 5, f"{login} logs in on {src}")
    idler = Idler(s, login, password)
    if idler.marker != want:
        raise AssertionError(f"{login} idles on {idler.marker}, expected {src}")
    result = {}
    stop = threading.Event()
    watcher = threading.Thread(target=lambda: result.update(moved=route_moved(s, login, dst, stop)))
    watcher.start()
    started = time.monotonic()
    move()
    closed = idler.wait_closed(10)
    stop.set()
    watcher.join(5)
    idler.close()
    if closed is None:
        raise AssertionError(f"the IDLE session of {login} on {src} was still open 10 s after the move")
    moved = result.get("moved") or closed
    return closed - moved, closed - started


def follow(s):
    s1, s2 = s.dovecots[S1], s.dovecots[S2]
    for d in (s1, s2):
        add_mailbox(d, "idler@idler.example", "idler-pw")
    add_mailbox(s1, "stayer@stayer.example", "stayer-pw")
    src = s.whm[S1]
    s.http("POST", f"{src}/admin/accounts", {"user": "idler", "domain": "idler.example"})
    s.http("POST", f"{src}/admin/accounts", {"user": "stayer", "domain": "stayer.example"})
    harness.eventually(lambda: s.route_server("idler@idler.example") == S1, 10, "idler routed to s001")
    harness.eventually(lambda: s.route_server("stayer@stayer.example") == S1, 10, "stayer routed to s001")

    stayer = Idler(s, "stayer@stayer.example", "stayer-pw")
    if stayer.marker != "marker s001":
        raise AssertionError(f"stayer idles on {stayer.marker}")
    # The transfer: the whole account leaves s001; s001's agent has WHM end its sessions.
    latency, since_transfer = move_and_time(s, "idler@idler.example", "idler-pw", S1, S2, lambda: s.http(
        "POST", f"{src}/admin/transfer", {"user": "idler", "to": S2}))
    if latency > 2.0:
        raise AssertionError(f"closed {latency:.2f}s after the route moved (limit 2 s)")
    back = s.imap("idler@idler.example", "idler-pw")
    if back != "marker s002":
        raise AssertionError(f"reconnected through nginx to {back}, expected marker s002")
    stayer_open = stayer.wait_closed(0.5) is None and stayer.still_idle()
    stayer.close()
    if not stayer_open:
        raise AssertionError(f"the IDLE session of stayer (did not move) was ended: {stayer.lines!r}")

    # More moves for the figure: pins send the domain back and forth; the server it leaves kicks
    # *@idler.example with its agent's own doveadm.
    latencies = [latency]
    here, there = S2, S1
    for _ in range(MOVES - 1):
        pin = {"server": there, "reason": "e2e session kick latency"}
        lat, _ = move_and_time(s, "idler@idler.example", "idler-pw", here, there,
                               lambda: s.admin("PUT", "/v1/pins/idler.example", pin))
        if lat > 2.0:
            raise AssertionError(f"pin to {there}: closed {lat:.2f}s after the route moved (limit 2 s)")
        latencies.append(lat)
        here, there = there, here
    s.admin("DELETE", "/v1/pins/idler.example?reason=e2e+done")
    kicks = [l for l in s.procs.log_tail("agent-1", 400).splitlines() if "kicked" in l]
    if not kicks:
        raise AssertionError("agent-1 logged no kick")
    return (f"transfer: closed {latency:.2f}s after the route moved ({since_transfer:.2f}s after the transfer);"
            f" route move -> closed over {len(latencies)} moves: median {statistics.median(latencies):.2f}s,"
            f" max {max(latencies):.2f}s; the idler of an account that stayed kept its session")
