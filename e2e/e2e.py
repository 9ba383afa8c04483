"""cphub end to end: real PostgreSQL, registry, two simulated cPanel servers with their agents,
two Dovecot backends, the proxy and nginx's mail module, driven by real mail clients.

Run through e2e/run after the build. Exits non-zero with a readable report on any failure."""
import json
import os
import shutil
import sys
import tempfile
import time
import traceback
import urllib.request

import backends
import clients
import front
import harness
import pg
import pki
from scenarios import DEL_PASSWORD, IDN_PASSWORD, UMLAUT_PASSWORD

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = {m: os.path.join(ROOT, m, "target", f"cphub-{m}.jar") for m in ("db", "registry", "proxy", "agent", "simulator")}
# CPHUB_E2E_INSTALLED=1 (set by .ci/run after dpkg -i): the packaged programs, /usr/bin/cphub-<x>
# and the jars under /usr/share/cphub, instead of the build tree (the simulator is not packaged).
INSTALLED = os.environ.get("CPHUB_E2E_INSTALLED") == "1"
if INSTALLED:
    JAR.update({m: f"/usr/share/cphub/cphub-{m}.jar" for m in ("db", "registry", "proxy", "agent")})
    missing = [m for m in ("db", "registry", "proxy", "agent") if not os.access(f"/usr/bin/cphub-{m}", os.X_OK)]
    if missing:
        sys.exit(f"CPHUB_E2E_INSTALLED=1 but not installed: {', '.join('cphub-' + m for m in missing)}")


def program(module, *args, java_opts="-Xmx256m"):
    """The command line that runs a deployable: its packaged wrapper when installed, else the jar."""
    if INSTALLED and module != "simulator":
        return [f"/usr/bin/cphub-{module}", *args], {"CPHUB_JAVA_OPTS": java_opts}
    return ["java", *java_opts.split(), "-jar", JAR[module], *args], {}
ADMIN_TOKEN = "e2e-admin-token-0123456789"
SECRET = "e2e-shared-secret"
SERVERS = {"s001.hoster.test": "127.0.0.2", "s002.hoster.test": "127.0.0.3"}


class Suite:
    def __init__(self, workdir):
        self.workdir = workdir
        self.procs = harness.Procs(workdir)
        self.results = []
        self.ports = {k: harness.free_port() for k in
                      ("pg", "registry", "auth", "admin", "autoconfig", "imaps", "imap", "pop3s", "pop3",
                       "submission", "relay", "simulator")}

    # ---------------------------------------------------------------- bookkeeping
    def check(self, name, fn):
        start = time.monotonic()
        try:
            detail = fn()
            self.results.append((True, name, f"{detail or ''}", time.monotonic() - start))
            print(f"PASS  {name}  {detail or ''}", flush=True)
        except Exception as e:
            self.results.append((False, name, f"{type(e).__name__}: {e}", time.monotonic() - start))
            print(f"FAIL  {name}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc(file=open(os.path.join(self.workdir, "failures.txt"), "a"))

    def java(self, name, module, *args, env=None):
        argv, extra = program(module, *args)
        return self.procs.start(name, argv, env={**extra, **(env or {})})

    def http(self, method, url, body=None, token=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        with urllib.request.urlopen(req, timeout=10, context=self.ssl) as r:
            text = r.read().decode()
            return json.loads(text) if text else None

    # ---------------------------------------------------------------- start-up
    def start_database(self):
        self.pki = pki.Pki(self.workdir)
        self.ssl = self.pki.client_context()
        self.pg = pg.Cluster(self.workdir, self.ports["pg"], (self.pki.ca, *self.pki.issue("postgres")))
        self.pg.init()
        self.pg.start()
        self.pg.psql("CREATE DATABASE cphub")
        argv, _ = program("db", "--url", self.pg.url("cphub"), "--user", "postgres", java_opts="")
        out = harness.run(argv)
        print("migrate:", out.strip().splitlines()[-1], "(packaged cphub-db)" if INSTALLED else "")

    def write_properties(self, name, props):
        path = os.path.join(self.workdir, f"{name}.properties")
        with open(path, "w") as f:
            for k, v in props.items():
                f.write(f"{k}={v}\n")
        return path

    def start_registry(self):
        conf = self.write_properties("registry", {
            "db.url": self.pg.url("cphub"), "db.user": "postgres", "http.host": "127.0.0.1",
            "http.port": self.ports["registry"], "admin.token": ADMIN_TOKEN,
            **dict(zip(("tls.cert-file", "tls.key-file"), self.pki.issue("registry")))})
        p = self.java("registry", "registry", "serve", "--config", conf)
        harness.wait_port("127.0.0.1", self.ports["registry"], 60, p, "registry")
        self.registry = f"https://127.0.0.1:{self.ports['registry']}"

    def enrol_servers(self):
        self.tokens = {}
        for name, ip in SERVERS.items():
            r = self.http("POST", f"{self.registry}/v1/servers", {"name": name, "address": ip}, ADMIN_TOKEN)
            self.tokens[name] = r["token"]

    def start_backends(self):
        self.sink = os.path.join(self.workdir, "relayed.txt")
        self.procs.start("smtp-sink", [sys.executable, os.path.join(ROOT, "e2e", "smtp_sink.py"),
                                       str(self.ports["relay"]), self.sink])
        self.dovecots = {}
        for name, ip in SERVERS.items():
            d = backends.Dovecot(self.workdir, name.split(".")[0], ip, self.ports["relay"])
            self.dovecots[name] = d
        s1, s2 = self.dovecots.values()
        s1.add_user("alice@alpha.example", "alice-pw-1")
        s1.add_user("umlaut@alpha.example", UMLAUT_PASSWORD)
        s1.add_user("info@xn--bcher-kva.example", IDN_PASSWORD)
        s1.add_user("info+xn--bcher-kva.example", IDN_PASSWORD)  # cPanel's mail-server username form
        s1.add_user("del@alpha.example", DEL_PASSWORD)
        s1.add_user("mover@mover.example", "mover-pw")
        s1.add_user("mover", "mover-pw")
        s2.add_user("carol@gamma.example", "carol-pw-2")
        s2.add_user("mover@mover.example", "mover-pw")
        s2.add_user("mover", "mover-pw")
        s2.add_user("late@late.example", "late-pw")
        for i in range(4):  # each logs in once, uncached, in the hung-backend check
            s2.add_user(f"quiet{i}@gamma.example", f"quiet-pw-{i}")
        for d in self.dovecots.values():
            d.start(self.procs)
        for d in self.dovecots.values():
            harness.wait_port(d.ip, backends.PORTS["imap"], 30, name=f"dovecot {d.name}")

    def start_simulator(self):
        state = {"servers": [
            {"name": "s001.hoster.test", "whmUser": "root", "whmToken": "whm-token-1", "accounts": [
                {"user": "alpha", "domain": "alpha.example", "domains": [{"domain": "alpha-shop.example", "type": "addon"},
                                                                      {"domain": "xn--bcher-kva.example", "type": "addon"}]},
                {"user": "mover", "domain": "mover.example"}]},
            {"name": "s002.hoster.test", "whmUser": "root", "whmToken": "whm-token-2", "accounts": [
                {"user": "gamma", "domain": "gamma.example"}]}]}
        for spec in state["servers"]:  # terminate_cpuser_mailbox_sessions kicks on the server's real Dovecot
            spec["doveadm"] = ["doveadm", "-c", os.path.join(self.dovecots[spec["name"]].dir, "dovecot.conf")]
        path = os.path.join(self.workdir, "whm-state.json")
        with open(path, "w") as f:
            json.dump(state, f)
        self.spool_root = os.path.join(self.workdir, "spool")
        os.makedirs(self.spool_root)
        p = self.java("simulator", "simulator", "serve", "--state", path, "--port", str(self.ports["simulator"]),
                      "--bind", "127.0.0.1", "--spool-root", self.spool_root,
                      "--hook-script", os.path.join(ROOT, "agent", "src", "main", "dist", "cphub-hook"))
        self.whm = {}
        for i, name in enumerate(SERVERS):
            port = self.ports["simulator"] + i
            harness.wait_port("127.0.0.1", port, 60, p, "simulator")
            self.whm[name] = f"http://127.0.0.1:{port}"

    def start_agents(self):
        for i, name in enumerate(SERVERS):
            spool = os.path.join(self.spool_root, name)
            os.makedirs(spool, exist_ok=True)
            conf = self.write_properties(f"agent-{i + 1}", {
                "server.name": name, "registry.url": self.registry, "registry.token": self.tokens[name],
                "registry.ca-file": self.pki.ca,
                "whm.url": self.whm[name], "whm.user": "root", "whm.token": f"whm-token-{i + 1}",
                "spool.dir": spool, "status.file": os.path.join(self.workdir, f"agent-{i + 1}-status.json"),
                "sync.debounce-ms": 100, "backoff.initial-ms": 200, "backoff.max-ms": 2000,
                "metrics.listen": f"127.0.0.1:{self.agent_metrics_port(name)}",
                "sessions.doveadm": f"doveadm -c {os.path.join(self.dovecots[name].dir, 'dovecot.conf')}",
                "sessions.cursor-file": os.path.join(self.workdir, f"agent-{i + 1}-departures.cursor")})
            self.java(f"agent-{i + 1}", "agent", "serve", "--config", conf)

    def agent_metrics_port(self, name):
        """Each agent's metrics.listen port, a free one per server."""
        return self.ports.setdefault(f"agent-metrics-{name}", harness.free_port())

    def start_proxy(self):
        conf = self.write_properties("proxy", {
            "db.url": self.pg.url("cphub"), "db.user": "postgres",
            "auth.listen": f"127.0.0.1:{self.ports['auth']}", "admin.listen": f"127.0.0.1:{self.ports['admin']}",
            "auth.secret-header": "X-Cphub-Secret", "auth.secret": SECRET,
            "backend.imap-port": backends.PORTS["imap_proxy"], "backend.pop3-port": backends.PORTS["pop3_proxy"],
            "backend.smtp-port": backends.PORTS["smtp_proxy"],
            "verify.imap-port": backends.PORTS["imap"], "verify.pop3-port": backends.PORTS["pop3"],
            "table.file": os.path.join(self.workdir, "proxy-routes.bin"),
            "feed.poll-interval": "1s", "feed.backoff-max": "2s",
            "autoconfig.listen": f"127.0.0.1:{self.ports['autoconfig']}", "autoconfig.public-hostname": "mail.hoster.test"})
        self.proxy_conf = conf
        self.launch_proxy()

    def launch_proxy(self):
        p = self.java("proxy", "proxy", "serve", "--config", self.proxy_conf)
        harness.wait_port("127.0.0.1", self.ports["auth"], 60, p, "proxy")

    def start_nginx(self):
        conf = front.render(self.workdir, f"http://127.0.0.1:{self.ports['auth']}/auth", "X-Cphub-Secret", SECRET,
                            self.ports)
        p = front.start(self.procs, self.workdir, conf)
        harness.wait_port("127.0.0.1", self.ports["imaps"], 30, p, "nginx")

    # ---------------------------------------------------------------- used by the checks
    def admin(self, method, path, body=None):
        """An operator call to the registry API with the admin token."""
        return self.http(method, f"{self.registry}{path}", body, ADMIN_TOKEN)

    def route_server(self, login):
        try:
            return self.http("GET", f"{self.registry}/v1/routes/{login}", token=ADMIN_TOKEN)["server"]
        except urllib.error.HTTPError as e:
            if e.code == 404:
                return None
            raise

    def imap(self, user, password, mode="imaps"):
        port = self.ports["imaps" if mode == "imaps" else "imap"]
        return clients.imap_marker("127.0.0.1", port, user, password, mode)

    def expect(self, got, want):
        if got != want:
            raise AssertionError(f"expected {want!r}, got {got!r}")
        return got


def main():
    keep = "--keep" in sys.argv
    workdir = tempfile.mkdtemp(prefix="cphub-e2e-")
    s = Suite(workdir)
    started = time.monotonic()
    try:
        s.start_database()
        s.start_registry()
        s.enrol_servers()
        s.start_backends()
        s.start_simulator()
        s.start_agents()
        s.start_proxy()
        s.start_nginx()
        import scenarios
        scenarios.run(s)
        import tls_checks
        tls_checks.run(s)
    except Exception as e:
        s.results.append((False, "setup", f"{type(e).__name__}: {e}", 0))
        print(f"FAIL  setup: {type(e).__name__}: {e}", flush=True)
        traceback.print_exc()
    finally:
        s.procs.stop_all()
        if hasattr(s, "pg"):
            s.pg.stop_quietly()
    failed = [r for r in s.results if not r[0]]
    print("\n==== cphub end-to-end report ====")
    print("programs: " + ("packaged (/usr/bin/cphub-*, /usr/share/cphub)" if INSTALLED else "build tree (*/target)"))
    for ok, name, detail, secs in s.results:
        print(f"{'PASS' if ok else 'FAIL'}  {secs:6.2f}s  {name}  {detail}")
    print(f"{len(s.results) - len(failed)} passed, {len(failed)} failed")
    print(f"total {time.monotonic() - started:.1f}s")
    if failed:
        for name in ("registry", "proxy", "agent-1", "agent-2", "simulator", "nginx"):
            tail = s.procs.log_tail(name, 25)
            if tail:
                print(f"\n---- last lines of {name}.log ----\n{tail}")
        err = os.path.join(workdir, "nginx-error.log")
        if os.path.exists(err):
            print("\n---- nginx-error.log ----\n" + "".join(open(err).readlines()[-25:]))
        print(f"\nlogs kept in {workdir}")
    elif not keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed or not s.results else 0


if __name__ == "__main__":
    sys.exit(main())
