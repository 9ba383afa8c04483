"""cphub on a real Patroni cluster (etcd + two PostgreSQL nodes, asynchronous replication unless
--synchronous): the registry and two proxies on multi-host JDBC URLs, writers pushing accounts and
snapshots, and a client asking both proxies' auth_http all the time. Runs a planned switchover, an
unplanned failover (the leader's Patroni and postmaster SIGKILLed) and a failover to a lagging
replica (its WAL stream cut while writes go on), and reports per scenario: failed logins, the
longest pause in accepted writes, acknowledged claims lost and seconds until the writers repaired
them, seconds until every proxy routes a domain written after the event. At the end every proxy's
table (its table file) must equal the database's route and account_route tables exactly.

Writers speak the agent's protocol (PUT account, PUT snapshot, Retry-After, Cphub-Feed-Identity)
the way the agent does: on a new feed identity they push a full snapshot at once. The agent's own
code for that is tested in agent (FeedIdentityTest); here a writer stands in for it so that many
writes per second can be counted exactly. Logins go to the proxies' auth_http directly (as nginx
would send them); nginx is left out because it adds nothing to a database failover.

In synchronous mode nothing acknowledged may be lost, each scenario starts only once Patroni's
/sync key names a synchronous standby, and in the lagging case (the only standby cut off, so it
left /sync) Patroni must refuse to promote it: the suite then restarts the crashed leader.

Usage: e2e/ha [--rounds N] [--synchronous] [--patroni-timing TTL,LOOP_WAIT,RETRY_TIMEOUT] [--keep]
(root; Debian packages patroni, etcd-server)
"""
import argparse
import json
import os
import shutil
import struct
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402
import patroni  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = {m: os.path.join(ROOT, m, "target", f"cphub-{m}.jar") for m in ("db", "registry", "proxy")}
ADMIN = "ha-admin-token-0123456789"


def http(method, url, body=None, token=None, timeout=20):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
    except OSError as e:
        return 0, {}, str(e).encode()


class Stats:
    """Shared counters; every field guarded by the lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.last_ok = time.monotonic()
        self.max_pause = 0.0
        self.status = {}
        self.logins_ok = 0
        self.logins_failed = []
        self.acked = {}  # domain -> (server, time acknowledged)
        self.ok_times = []  # when each write of the current scenario was accepted

    def accepted(self):
        with self.lock:
            now = time.monotonic()
            self.max_pause = max(self.max_pause, now - self.last_ok)
            self.last_ok = now
            self.ok_times.append(now)

    def first_ok_after(self, t):
        with self.lock:
            return next((x for x in self.ok_times if x > t), None)

    def reset(self):
        with self.lock:
            self.max_pause, self.status, self.logins_ok, self.logins_failed = 0.0, {}, 0, []
            self.last_ok = time.monotonic()
            self.ok_times = []


class Writer(threading.Thread):
    """One cPanel server's agent stand-in: a new account with one domain per push."""

    def __init__(self, suite, server, token):
        super().__init__(daemon=True)
        self.suite, self.server, self.token = suite, server, token
        self.accounts = []  # what "WHM" holds: every account ever created here
        self.identity = None
        self.snapshots = 0
        self.stop = threading.Event()
        self.idle = threading.Event()  # set while the writer waits on suite.hold

    def entry(self, n):
        d = f"{self.server.split('.')[0]}-{n}.example"
        return {"username": f"u{self.server[:3]}{n}", "primaryDomain": d, "owner": "root", "suspended": False,
                "domains": [{"name": d, "kind": "main"}]}

    def push(self, method, path, body):
        st = self.suite.stats
        while not self.stop.is_set():
            code, headers, _ = http(method, f"{self.suite.registry}/v1/servers/{self.server}{path}", body, self.token, 10)
            with st.lock:
                st.status[code] = st.status.get(code, 0) + 1
            if code == 200:
                st.accepted()
                ident = headers.get("Cphub-Feed-Identity")
                changed = self.identity is not None and ident is not None and ident != self.identity
                self.identity = ident or self.identity
                return changed
            wait = headers.get("Retry-After")
            time.sleep(int(wait) if wait and wait.isdigit() else 0.5)
        return False

    def run(self):
        n = 0
        while not self.stop.is_set():
            if self.suite.hold.is_set():
                self.idle.set()
                time.sleep(0.05)
                continue
            self.idle.clear()
            n += 1
            e = self.entry(n)
            self.accounts.append(e)
            changed = self.push("PUT", f"/accounts/{e['username']}", {"account": e})
            if self.stop.is_set():
                break
            with self.suite.stats.lock:
                self.suite.stats.acked[e["primaryDomain"]] = (self.server, time.monotonic())
            if changed:
                self.snapshots += 1
                self.push("PUT", "/snapshot", {"accounts": list(self.accounts)})
            time.sleep(0.05)


class LoginClient(threading.Thread):
    """Asks every proxy's auth_http for logins whose domains routed before the scenarios began."""

    def __init__(self, suite, logins):
        super().__init__(daemon=True)
        self.suite, self.logins, self.stop = suite, logins, threading.Event()

    def run(self):
        i = 0
        while not self.stop.is_set():
            login = self.logins[i % len(self.logins)]
            for port in self.suite.auth_ports:
                ok = self.suite.auth(port, login)
                with self.suite.stats.lock:
                    if ok:
                        self.suite.stats.logins_ok += 1
                    else:
                        self.suite.stats.logins_failed.append((port, login))
            i += 1
            time.sleep(0.02)


def read_table_file(path):
    """The proxy's TableFile (format 2): version, domains and accounts with their server ids."""
    with open(path, "rb") as f:
        b = f.read()
    pos = 0

    def take(fmt):
        nonlocal pos
        v = struct.unpack_from(fmt, b, pos)
        pos += struct.calcsize(fmt)
        return v

    def utf():
        nonlocal pos
        (n,) = take(">H")
        s = b[pos:pos + n].decode("utf-8")
        pos += n
        return s

    magic, fmt = take(">ii")
    assert magic == 0x43504852 and fmt == 2, "not a format-2 cphub table file"
    take(">qq")
    (version,) = take(">q")
    take(">q")
    utf(), utf()
    (servers,) = take(">i")
    for _ in range(servers):
        take(">i"), utf(), utf(), take(">iii"), utf()
    maps = []
    for _ in range(2):
        (n,) = take(">i")
        m = {}
        for _ in range(n):
            k = utf()
            (v,) = take(">i")
            m[k] = v
        maps.append(m)
    return version, maps[0], maps[1]


class Suite:
    def __init__(self, workdir, synchronous, timing):
        self.workdir = workdir
        self.procs = harness.Procs(workdir)
        self.cluster = patroni.Cluster(workdir, 2, synchronous, timing)
        self.stats = Stats()
        self.hold = threading.Event()  # writers pause while set (whole-table comparisons)
        self.auth_ports = []
        self.table_files = []

    def db(self, sql):
        return self.cluster.leader().psql(sql, "cphub")

    def start(self):
        self.cluster.start()
        leader = self.cluster.leader()
        leader.psql("CREATE DATABASE cphub")
        harness.run(["java", "-jar", JAR["db"], "--url", f"jdbc:postgresql://127.0.0.1:{leader.pg_port}/cphub",
                     "--user", "postgres"])
        url = f"jdbc:postgresql://{self.cluster.hosts()}/cphub"
        port = harness.free_port()
        conf = self.props("registry", {"db.url": url, "db.user": "postgres", "http.port": port, "admin.token": ADMIN})
        p = self.procs.start("registry", ["java", "-Xmx256m", "-jar", JAR["registry"], "serve", "--config", conf])
        harness.wait_port("127.0.0.1", port, 60, p, "registry")
        self.registry = f"http://127.0.0.1:{port}"
        for i in range(2):
            auth, admin = harness.free_port(), harness.free_port()
            table = os.path.join(self.workdir, f"proxy-{i + 1}-routes.bin")
            conf = self.props(f"proxy-{i + 1}", {
                "db.url": url, "db.user": "postgres", "auth.listen": f"127.0.0.1:{auth}",
                "admin.listen": f"127.0.0.1:{admin}", "verify.mode": "none", "abuse.enabled": "false",
                "table.file": table, "table.write-interval": "1s", "feed.poll-interval": "1s",
                "feed.backoff-max": "2s", "db.socket-timeout": "10s"})
            p = self.procs.start(f"proxy-{i + 1}", ["java", "-Xmx256m", "-jar", JAR["proxy"], "serve", "--config", conf])
            harness.wait_port("127.0.0.1", auth, 60, p, f"proxy-{i + 1}")
            self.auth_ports.append(auth)
            self.table_files.append(table)
        self.writers = []
        for i in range(2):
            name = f"w{i + 1}0.hoster.test"
            code, _, body = http("POST", f"{self.registry}/v1/servers", {"name": name, "address": f"10.9.0.{i + 1}"}, ADMIN)
            assert code == 201, body
            self.writers.append(Writer(self, name, json.loads(body)["token"]))

    def props(self, name, values):
        path = os.path.join(self.workdir, f"{name}.properties")
        with open(path, "w") as f:
            for k, v in values.items():
                f.write(f"{k}={v}\n")
        return path

    def auth(self, port, login):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/auth", headers={
            "Auth-Method": "plain", "Auth-User": login, "Auth-Pass": "secret", "Auth-Protocol": "imap",
            "Auth-Login-Attempt": "1", "Client-IP": "192.0.2.10", "Auth-SSL": "on"})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.headers.get("Auth-Status") == "OK"
        except OSError:
            return False

    def missing(self, domains):
        routed = set(self.db("SELECT domain FROM route").split())
        return [d for d in domains if d not in routed]

    def measure(self, name, event, timeout=90):
        """Runs event(), then waits until writes flow, proxies follow and nothing acknowledged is missing;
        then holds the writers and compares every proxy's whole table with the database."""
        self.stats.reset()
        self.acked_at_event, self.lost_at_promotion, self.promoted = {}, None, None
        self.t_fault, self.t_promoted, self.refused = time.monotonic(), None, None
        event()
        t_event = time.monotonic()
        acked_before = self.acked_at_event
        lost, repaired, follow = self.lost_at_promotion, None, {}
        deadline = t_event + timeout
        canary = None
        while time.monotonic() < deadline:
            time.sleep(0.25)
            with self.stats.lock:
                if canary is None:
                    after = [d for d, (_, t) in self.stats.acked.items() if t > t_event]
                    canary = after[0] if after else None
            try:
                gone = self.missing(acked_before)
            except Exception:
                continue
            if lost is None:
                lost = len(gone)
            if not gone and repaired is None:
                repaired = 0.0 if lost == 0 else time.monotonic() - t_event
            if canary:
                for port in self.auth_ports:
                    if port not in follow and self.auth(port, f"info@{canary}"):
                        follow[port] = time.monotonic() - t_event
            if repaired is not None and len(follow) == len(self.auth_ports):
                break
        time.sleep(2)
        resumed = self.stats.first_ok_after(self.t_promoted) if self.t_promoted else None
        with self.stats.lock:
            r = {"scenario": name, "failed_logins": len(self.stats.logins_failed), "logins": self.stats.logins_ok,
                 "max_write_pause_s": round(self.stats.max_pause, 1),
                 "acked_claims_lost": lost, "repaired_after_s": None if repaired is None else round(repaired, 1),
                 "proxies_follow_s": [round(follow.get(p, -1), 1) for p in self.auth_ports],
                 "answers": dict(sorted(self.stats.status.items())),
                 "primary_after_s": None if self.t_promoted is None else round(self.t_promoted - self.t_fault, 1),
                 "writes_after_primary_s": None if resumed is None else round(resumed - self.t_promoted, 1),
                 "new_primary": self.promoted}
        if self.refused is not None:
            r["promotion_refused"] = self.refused
        r["tables_equal"] = self.compare_tables()["equal"]
        print(json.dumps(r), flush=True)
        return r

    def snapshot_acked(self):
        with self.stats.lock:
            self.acked_at_event = dict(self.stats.acked)

    def lacking(self, node):
        """How many claims acknowledged before the event node's database lacks."""
        routed = set(node.psql("SELECT domain FROM route", "cphub").split())
        return len([d for d in self.acked_at_event if d not in routed])

    def frozen_replicas(self, dead):
        """Right after the leader died no WAL reaches a replica any more: what each one lacks now is
        what it will lack when promoted. Counted here (read-only, hot standby), because once a
        replica is promoted the registry reaches it within a fraction of a second and the writers'
        full snapshots may repair the loss before it could be counted there."""
        self.lost_on = {}
        for n in self.cluster.nodes:
            if n is not dead:
                try:
                    self.lost_on[n.name] = self.lacking(n)
                except Exception:
                    pass

    def promoted_now(self, node):
        """The new primary, and the acknowledged claims it lacked when promoted."""
        self.t_promoted = time.monotonic()
        self.promoted = node.name
        lost_on = getattr(self, "lost_on", {})
        self.lost_at_promotion = lost_on[node.name] if node.name in lost_on else self.lacking(node)
        self.lost_on = {}

    def switchover(self):
        leader = self.cluster.leader()
        other = next(n for n in self.cluster.nodes if n is not leader)
        self.snapshot_acked()
        self.t_fault = time.monotonic()
        self.cluster.switchover(leader, other)
        self.promoted_now(self.cluster.wait_leader(60, not_node=leader))

    def failover(self, lagging=False):
        leader = self.cluster.leader()
        if lagging:
            leader.psql("ALTER ROLE replicator NOLOGIN")
            leader.psql("SELECT pg_terminate_backend(pid) FROM pg_stat_replication")
            time.sleep(4)  # writes go on; the replica gets none of them
            if self.cluster.synchronous:
                # Patroni drops the cut-off standby from /sync (and synchronous_standby_names)
                # before commits go on without it; until then commits wait
                harness.eventually(lambda: not self.cluster.sync_standbys(), 30, "cut-off standby leaves /sync")
        self.snapshot_acked()
        self.t_fault = time.monotonic()
        leader.kill()
        self.frozen_replicas(leader)
        if lagging and self.cluster.synchronous:
            # Synchronous mode: the only other node is not in /sync, so it may lack acknowledged
            # commits and Patroni must not promote it. Wait out the leader key (ttl) and more, then
            # restart the crashed leader, which takes the lock back (what an operator would do).
            try:
                new = self.cluster.wait_leader(self.cluster.ttl + 8, not_node=leader)
                self.refused = False
            except RuntimeError:
                self.refused = True
                leader.start()
                new = self.cluster.wait_leader(120)
        else:
            new = self.cluster.wait_leader(40, not_node=leader)
        self.promoted_now(new)
        if lagging:
            new.psql("ALTER ROLE replicator LOGIN")
        if leader.proc is None:
            if lagging:
                # The old leader's own catalog still says replicator NOLOGIN, so its Patroni cannot
                # even read its local timeline to rewind; rejoin it from a fresh copy of the new
                # primary, as an operator would (patronictl reinit).
                shutil.rmtree(leader.data, ignore_errors=True)
            leader.start()  # rejoins as a replica (pg_rewind, or a fresh copy)

    def compare_tables(self, timeout=60):
        """Holds the writers, waits until every proxy's table file is at the database's head and
        compares whole tables (route and account_route against the file's two maps)."""
        for w in self.writers:
            w.idle.clear()
        self.hold.set()
        try:
            harness.eventually(lambda: all(w.idle.is_set() or not w.is_alive() for w in self.writers), 60,
                               "writers holding")
            head = int(self.db("SELECT version FROM feed_head"))
            domains = {k: int(v) for k, v in (line.split("|") for line in
                                              self.db("SELECT domain, server_id FROM route").splitlines())}
            accounts = {k: int(v) for k, v in (line.split("|") for line in
                                               self.db("SELECT username, server_id FROM account_route").splitlines())}
            out = []
            for f in self.table_files:
                try:
                    harness.eventually(lambda: os.path.exists(f) and read_table_file(f)[0] == head, timeout,
                                       f"{f} at version {head}")
                except AssertionError:
                    pass
                v, d, a = read_table_file(f)
                out.append({"table": os.path.basename(f), "version": v, "domains": len(d), "accounts": len(a),
                            "equal": v == head and d == domains and a == accounts})
            return {"head": head, "tables": out, "equal": all(o["equal"] for o in out)}
        finally:
            self.hold.clear()

    def final_check(self):
        for w in self.writers:
            w.stop.set()
        for w in self.writers:
            w.join(30)
        self.cluster.wait_streaming(120)
        result = self.compare_tables()
        print(json.dumps({"final": result["tables"], "head": result["head"]}), flush=True)
        return result["equal"]

    def stop(self):
        self.procs.stop_all()
        self.cluster.stop()


def median(values):
    v = sorted(x for x in values if x is not None)
    if not v:
        return None
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else round((v[mid - 1] + v[mid]) / 2, 1)


def summary(results):
    """Per scenario over all rounds: medians (and the worst) of the report's figures."""
    out = []
    for name in dict.fromkeys(r["scenario"] for r in results):
        rs = [r for r in results if r["scenario"] == name]
        pauses = [r["max_write_pause_s"] for r in rs]
        out.append({"scenario": name, "rounds": len(rs), "failed_logins": sum(r["failed_logins"] for r in rs),
                    "write_pause_median_s": median(pauses), "write_pause_max_s": max(pauses),
                    "primary_after_median_s": median([r["primary_after_s"] for r in rs]),
                    "writes_after_primary_median_s": median([r["writes_after_primary_s"] for r in rs]),
                    "claims_lost_median": median([r["acked_claims_lost"] for r in rs]),
                    "claims_lost_max": max(r["acked_claims_lost"] or 0 for r in rs),
                    "repaired_median_s": median([r["repaired_after_s"] for r in rs]),
                    "proxies_follow_median_s": median([max(r["proxies_follow_s"]) for r in rs]),
                    "tables_equal": all(r["tables_equal"] for r in rs)})
    return out


def passed(r, synchronous):
    ok = (r["failed_logins"] == 0 and r["repaired_after_s"] is not None and min(r["proxies_follow_s"]) >= 0
          and not r["answers"].get(500) and r["tables_equal"])
    if synchronous:
        # nothing acknowledged may be lost, and a standby cut off from the stream is never promoted
        ok = ok and r["acked_claims_lost"] == 0 and r.get("promotion_refused") is not False
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=1, help="how many times to run the three scenarios")
    ap.add_argument("--synchronous", action="store_true", help="Patroni synchronous_mode on")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--patroni-timing", default=f"{patroni.TTL},{patroni.LOOP_WAIT},{patroni.RETRY_TIMEOUT}",
                    help="Patroni ttl,loop_wait,retry_timeout in seconds")
    args = ap.parse_args()
    timing = tuple(int(x) for x in args.patroni_timing.split(","))
    workdir = tempfile.mkdtemp(prefix="cphub-ha-")
    suite = Suite(workdir, args.synchronous, timing)
    ok = False
    results = []
    try:
        suite.start()
        for w in suite.writers:
            w.start()
        harness.eventually(lambda: len(suite.stats.acked) >= 40, 60, "first acknowledged writes")
        time.sleep(2)
        with suite.stats.lock:
            logins = [f"info@{d}" for d in list(suite.stats.acked)[:40]]
        client = LoginClient(suite, logins)
        client.start()
        for _ in range(args.rounds):
            suite.cluster.wait_streaming(120)
            results.append(suite.measure("switchover", suite.switchover))
            suite.cluster.wait_streaming(180)
            results.append(suite.measure("failover-sigkill", suite.failover))
            suite.cluster.wait_streaming(180)
            results.append(suite.measure("failover-lagging-replica", lambda: suite.failover(lagging=True)))
        client.stop.set()
        equal = suite.final_check()
        ok = equal and all(passed(r, args.synchronous) for r in results)
        for line in summary(results):
            print(json.dumps({"summary": line}), flush=True)
        print(json.dumps({"mode": "synchronous" if args.synchronous else "asynchronous", "patroni_timing": timing,
                          "snapshots_after_identity_change": {w.server: w.snapshots for w in suite.writers},
                          "result": "PASS" if ok else "FAIL"}), flush=True)
    except Exception as e:
        print(f"FAIL: {e}", flush=True)
        for name in ("registry", "proxy-1", "proxy-2"):
            print(f"--- {name}\n{suite.procs.log_tail(name, 20)}")
    finally:
        suite.stop()
        if args.keep or not ok:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
