"""A Patroni-managed PostgreSQL cluster of the HA suite's own: one etcd and N nodes on loopback
ports, data under the suite's work directory, PostgreSQL and Patroni running as the postgres
user. Every process is started here and stopped here by its pid, nothing by name."""
import json
import os
import pwd
import signal
import subprocess
import time
import urllib.error
import urllib.request

import harness
import pg

SCOPE = "cphub-ha"
# Patroni's timing for the test cluster (its defaults are 30, 10, 10). A dead leader's key expires
# ttl seconds after its last renewal (every loop_wait); Patroni needs loop_wait + 2 * retry_timeout
# <= ttl so that a leader that cannot reach etcd demotes itself before its key expires.
TTL, LOOP_WAIT, RETRY_TIMEOUT = 10, 1, 4


class Node:
    def __init__(self, cluster, name, pg_port, rest_port):
        self.cluster, self.name, self.pg_port, self.rest_port = cluster, name, pg_port, rest_port
        self.dir = os.path.join(cluster.workdir, name)
        self.data = os.path.join(self.dir, "data")
        self.config = os.path.join(self.dir, "patroni.yml")
        self.proc = None

    def write_config(self, dcs):
        os.makedirs(self.dir, exist_ok=True)
        conf = {
            "scope": SCOPE, "name": self.name,
            "restapi": {"listen": f"127.0.0.1:{self.rest_port}", "connect_address": f"127.0.0.1:{self.rest_port}"},
            "etcd3": {"hosts": f"127.0.0.1:{self.cluster.etcd_port}"},
            "bootstrap": {"dcs": dcs, "initdb": [{"encoding": "UTF8"}, {"locale": "C"}, {"auth": "trust"}]},
            "postgresql": {
                "listen": f"127.0.0.1:{self.pg_port}", "connect_address": f"127.0.0.1:{self.pg_port}",
                "data_dir": self.data, "bin_dir": os.path.dirname(pg._bin("postgres")),
                "pgpass": os.path.join(self.dir, "pgpass"),
                "authentication": {"superuser": {"username": "postgres", "password": "postgres"},
                                   "replication": {"username": "replicator", "password": "replicator"},
                                   "rewind": {"username": "postgres", "password": "postgres"}},
                "pg_hba": ["local all all trust", "host all all 127.0.0.1/32 trust",
                           "host replication all 127.0.0.1/32 trust"],
                "parameters": {"unix_socket_directories": self.dir},
                "remove_data_directory_on_rewind_failure": True,
                "remove_data_directory_on_diverged_timelines": True,
            },
        }
        with open(self.config, "w") as f:
            json.dump(conf, f, indent=1)  # JSON is YAML
        self.cluster.chown(self.dir)

    def start(self):
        log = open(os.path.join(self.cluster.workdir, f"patroni-{self.name}.log"), "ab")
        pw = pwd.getpwnam("postgres")
        self.proc = subprocess.Popen(["patroni", self.config], stdout=log, stderr=subprocess.STDOUT,
                                     user=pw.pw_uid, group=pw.pw_gid, start_new_session=True, cwd=self.dir,
                                     env={"PATH": os.environ["PATH"], "HOME": self.dir, "LANG": "C.UTF-8"})

    def postmaster_pid(self):
        try:
            with open(os.path.join(self.data, "postmaster.pid")) as f:
                return int(f.readline().strip())
        except (OSError, ValueError):
            return None

    def kill(self):
        """SIGKILL this node's Patroni and its postmaster, by pid: an unplanned crash."""
        pm = self.postmaster_pid()
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)
        if pm:
            try:
                os.kill(pm, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.proc = None

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # Patroni stops its PostgreSQL, then exits
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            self.kill()
        self.proc = None

    def rest(self, path="/patroni"):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.rest_port}{path}", timeout=2) as r:
                return json.loads(r.read() or b"{}")
        except Exception:
            return None

    def psql(self, sql, db="postgres"):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "-d", db,
                               "-Atc", sql], check=True, capture_output=True, text=True, timeout=20).stdout.strip()


class Cluster:
    def __init__(self, workdir, nodes=2, synchronous=False, timing=(TTL, LOOP_WAIT, RETRY_TIMEOUT)):
        self.workdir = workdir
        self.synchronous = synchronous
        self.ttl, self.loop_wait, self.retry_timeout = timing
        if self.loop_wait + 2 * self.retry_timeout > self.ttl:
            raise ValueError(f"Patroni needs loop_wait + 2 * retry_timeout <= ttl, got {timing}")
        self.etcd_port, self.etcd_peer = harness.free_port(), harness.free_port()
        self.etcd = None
        self.nodes = [Node(self, f"n{i + 1}", harness.free_port(), harness.free_port()) for i in range(nodes)]

    def chown(self, path):
        pw = pwd.getpwnam("postgres")
        for root, dirs, files in os.walk(path):
            os.chown(root, pw.pw_uid, pw.pw_gid)
            for f in files:
                os.chown(os.path.join(root, f), pw.pw_uid, pw.pw_gid)

    def start(self):
        os.chmod(self.workdir, 0o755)
        log = open(os.path.join(self.workdir, "etcd.log"), "ab")
        peer = f"http://127.0.0.1:{self.etcd_peer}"
        client = f"http://127.0.0.1:{self.etcd_port}"
        self.etcd = subprocess.Popen(
            ["etcd", "--name", "e0", "--data-dir", os.path.join(self.workdir, "etcd"), "--listen-client-urls", client,
             "--advertise-client-urls", client, "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
             "--initial-cluster", f"e0={peer}", "--enable-v2=true"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        harness.wait_port("127.0.0.1", self.etcd_port, 30, self.etcd, "etcd")
        dcs = {"ttl": self.ttl, "loop_wait": self.loop_wait, "retry_timeout": self.retry_timeout,
               # asynchronous: let the lagging-replica scenario promote a replica that lacks commits;
               # synchronous: Patroni's default 1 MB, as recommended in docs/high-availability.md
               "maximum_lag_on_failover": 1 << 20 if self.synchronous else 1 << 30,
               "synchronous_mode": self.synchronous,
               "postgresql": {"use_pg_rewind": True,
                              "parameters": {"wal_log_hints": "on", "wal_keep_size": "256MB", "fsync": "off",
                                             "max_connections": 100}}}
        for n in self.nodes:
            n.write_config(dcs)
        self.nodes[0].start()
        self.wait_leader(90)
        for n in self.nodes[1:]:
            n.start()
        self.wait_streaming(120)

    def leader(self):
        for n in self.nodes:
            st = n.rest()
            if st and st.get("role") in ("master", "primary") and st.get("state") == "running":
                return n
        return None

    def wait_leader(self, timeout, not_node=None):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            n = self.leader()
            if n is not None and n is not not_node:
                return n
            time.sleep(0.2)
        raise RuntimeError(f"no Patroni leader within {timeout}s")

    def view(self):
        """Patroni's view of the cluster (GET /cluster of any live node): the /leader and /sync keys."""
        for n in self.nodes:
            v = n.rest("/cluster")
            if v and v.get("members"):
                return v
        return None

    def sync_standbys(self):
        """Names the /sync key holds as synchronous standbys of the current leader: only these may be
        promoted automatically in synchronous mode (pg_stat_replication saying 'sync' is not enough;
        Patroni writes the key a loop or two later)."""
        v = self.view() or {}
        return [m["name"] for m in v.get("members", []) if m.get("role") == "sync_standby"]

    def wait_streaming(self, timeout):
        """Every node running and every replica streaming from the leader; in synchronous mode also
        a synchronous standby recorded in the /sync key."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            leader = self.leader()
            if leader is not None:
                try:
                    streaming = int(leader.psql("SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'"))
                except subprocess.SubprocessError:
                    streaming = -1
                if streaming == len(self.nodes) - 1 and (not self.synchronous or self.sync_standbys()):
                    return leader
            time.sleep(0.5)
        raise RuntimeError(f"replicas not streaming (or no synchronous standby in /sync) within {timeout}s")

    def switchover(self, leader, candidate):
        """A planned switchover through the leader's REST API; raises unless Patroni says it switched
        (patronictl exits 0 even when Patroni refuses, e.g. a candidate not in /sync)."""
        body = json.dumps({"leader": leader.name, "candidate": candidate.name}).encode()
        deadline = time.monotonic() + 30
        while True:
            req = urllib.request.Request(f"http://127.0.0.1:{leader.rest_port}/switchover", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    status, text = r.status, r.read().decode()
            except urllib.error.HTTPError as e:
                status, text = e.code, e.read().decode()
            if status == 200:
                return
            # 412: Patroni does not (yet) find the candidate healthy, e.g. its REST API answered
            # too slowly on a loaded machine right after it rejoined; nothing was changed
            if status != 412 or time.monotonic() > deadline:
                raise RuntimeError(f"switchover {leader.name} -> {candidate.name} refused: {status} {text}")
            time.sleep(1)

    def hosts(self):
        return ",".join(f"127.0.0.1:{n.pg_port}" for n in self.nodes)

    def stop(self):
        for n in self.nodes:
            try:
                n.stop()
            except Exception:
                pass
        if self.etcd is not None and self.etcd.poll() is None:
            self.etcd.terminate()
            try:
                self.etcd.wait(15)
            except subprocess.TimeoutExpired:
                self.etcd.kill()
