"""An agent of the previous release (its jar built from git by e2e/mixed-versions) against this
tree's registry, end to end: own PostgreSQL (migrated by this tree's db jar), this registry, this
simulator as WHM. The old agent's full sync, its hook-driven account pushes (create, add a
domain, remove) and a second full sync must all be accepted, and the registry's routes must
equal what WHM holds, compared whole. Prints one JSON line; exit 0 when everything held.

Usage (from e2e/mixed-versions): run.py OLD_AGENT_JAR RELEASE
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402
import pg  # noqa: E402
from ha import ADMIN, http  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = {m: os.path.join(ROOT, m, "target", f"cphub-{m}.jar") for m in ("db", "registry", "simulator")}
SERVER = "s001.hoster.test"


def props(workdir, name, values):
    path = os.path.join(workdir, f"{name}.properties")
    with open(path, "w") as f:
        for k, v in values.items():
            f.write(f"{k}={v}\n")
    return path


def main():
    old_jar, release = sys.argv[1], sys.argv[2]
    workdir = tempfile.mkdtemp(prefix="cphub-mixed-run-")
    procs = harness.Procs(workdir)
    db = pg.Cluster(workdir, harness.free_port())
    ok, report = False, {"agent": release}
    try:
        db.init()
        db.start()
        db.psql("CREATE DATABASE cphub")
        harness.run(["java", "-jar", JAR["db"], "--url", db.url("cphub"), "--user", "postgres"])
        port = harness.free_port()
        conf = props(workdir, "registry", {"db.url": db.url("cphub"), "db.user": "postgres", "http.port": port,
                                           "admin.token": ADMIN})
        p = procs.start("registry", ["java", "-Xmx256m", "-jar", JAR["registry"], "serve", "--config", conf])
        harness.wait_port("127.0.0.1", port, 90, p, "registry")
        registry = f"http://127.0.0.1:{port}"
        code, _, body = http("POST", f"{registry}/v1/servers", {"name": SERVER, "address": "10.8.0.1"}, ADMIN)
        assert code == 201, body
        token = json.loads(body)["token"]

        accounts = [{"user": f"old{i}", "domain": f"old{i}.example",
                     "domains": [{"domain": f"old{i}-parked.example", "type": "parked"}]} for i in range(8)]
        accounts[0]["domains"].append({"domain": "bücher-old.example", "type": "addon"})
        accounts[1]["suspended"] = True
        state = os.path.join(workdir, "whm-state.json")
        with open(state, "w") as f:
            json.dump({"servers": [{"name": SERVER, "whmUser": "root", "whmToken": "whm-token", "accounts": accounts}]}, f)
        spool_root = os.path.join(workdir, "spool")
        spool = os.path.join(spool_root, SERVER)
        os.makedirs(spool)
        whm_port = harness.free_port()
        p = procs.start("simulator", ["java", "-Xmx128m", "-jar", JAR["simulator"], "serve", "--state", state,
                                      "--port", str(whm_port), "--bind", "127.0.0.1", "--spool-root", spool_root])
        harness.wait_port("127.0.0.1", whm_port, 60, p, "simulator")
        whm = f"http://127.0.0.1:{whm_port}"
        agent_conf = props(workdir, "agent", {
            "server.name": SERVER, "registry.url": registry, "registry.token": token, "whm.url": whm,
            "whm.user": "root", "whm.token": "whm-token", "spool.dir": spool,
            "status.file": os.path.join(workdir, "agent-status.json"), "sync.debounce-ms": 100,
            "backoff.initial-ms": 200, "backoff.max-ms": 2000})

        def sync_once():
            r = subprocess.run(["java", "-jar", old_jar, "sync-once", "--config", agent_conf], capture_output=True,
                               text=True, timeout=120)
            assert r.returncode == 0, f"old agent sync-once exited {r.returncode}: {r.stdout[-600:]} {r.stderr[-600:]}"

        def routes():
            code, _, b = http("GET", f"{registry}/v1/routes/old0.example", None, ADMIN)
            return code, json.loads(b or b"{}")

        def registry_routes():
            out = {}
            for line in db.psql("SELECT r.domain, s.name FROM route r JOIN server s ON s.id = r.server_id",
                                "cphub").splitlines():
                d, s = line.split("|")
                out[d] = s
            return out

        def whm_domains():
            code, _, b = http("GET", f"{whm}/admin/state", None, None)
            assert code == 200, b
            st = json.loads(b)
            out = {}
            for a in st["accounts"]:
                out[a["domain"]] = SERVER
                for d in a.get("domains", []):
                    out[d["domain"].encode("idna").decode() if not d["domain"].isascii() else d["domain"]] = SERVER
            return out

        sync_once()
        code, route = routes()
        assert code == 200 and route.get("server") == SERVER, (code, route)
        report["full_sync"] = "accepted"
        p = procs.start("agent", ["java", "-Xmx128m", "-jar", old_jar, "serve", "--config", agent_conf])
        time.sleep(3)
        http("POST", f"{whm}/admin/accounts", {"user": "oldnew", "domain": "oldnew.example"}, None)
        http("POST", f"{whm}/admin/accounts/old2/domains", {"domain": "old2-addon.example", "type": "addon"}, None)
        http("DELETE", f"{whm}/admin/accounts/old7", None, None)
        harness.eventually(lambda: "oldnew.example" in registry_routes() and "old2-addon.example" in registry_routes()
                           and "old7.example" not in registry_routes(), 60, "the old agent's hook pushes applied")
        report["hook_pushes"] = "accepted"
        procs.stop("agent")
        sync_once()
        want, have = whm_domains(), registry_routes()
        report["routes_equal_whm"] = want == have
        report["routes"] = len(have)
        code, _, b = http("GET", f"{registry}/v1/servers", None, ADMIN)
        agent_versions = [(s.get("agent") or {}).get("version") for s in json.loads(b)] if code == 200 else []
        report["agent_version_seen"] = agent_versions
        ok = want == have
        if not ok:
            report["missing"] = sorted(set(want) - set(have))[:10]
            report["extra"] = sorted(set(have) - set(want))[:10]
    except Exception as e:
        report["error"] = str(e)
        for name in ("registry", "agent", "simulator"):
            print(f"--- {name}\n{procs.log_tail(name, 15)}")
    finally:
        procs.stop_all()
        db.stop_quietly()
        report["result"] = "PASS" if ok else "FAIL"
        print(json.dumps(report), flush=True)
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"work directory kept: {workdir}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
