"""The hung-backend check: a third cPanel server whose IMAP port accepts and never answers, a flood
of uncached logins for its domain through nginx, and a healthy server's login during the flood."""
import json
import re
import statistics
import threading
import time
import urllib.request

import backends
import clients
import harness

HOST = "127.0.0.1"
SICK, SICK_IP, SICK_DOMAIN = "s003.hoster.test", "127.0.0.4", "sick.example"
FLOOD, FLOOD_IPS, FLOOD_TIMEOUT = 200, 25, 20  # 8 per address: the per-address limit lets all reach the server
SLACK = 2.0  # seconds the loaded healthy login may take over the unloaded one on this shared machine


def flood(s):
    hung = backends.HungImap(SICK_IP)
    try:
        enrol_sick(s)
        return measured_flood(s)
    finally:
        hung.stop()


def enrol_sick(s):
    """Enrols the sick server and pushes its snapshot with its own token, as its agent would."""
    token = s.admin("POST", "/v1/servers", {"name": SICK, "address": SICK_IP})["token"]
    account = {"username": "sick", "primaryDomain": SICK_DOMAIN, "owner": "root", "suspended": False,
               "domains": [{"name": SICK_DOMAIN, "kind": "main"}]}
    summary = s.http("PUT", f"{s.registry}/v1/servers/{SICK}/snapshot", {"accounts": [account], "agent": None}, token)
    harness.eventually(lambda: s.route_server(f"u0@{SICK_DOMAIN}") == SICK, 10, "sick domain routed to s003")
    harness.eventually(lambda: health(s)["version"] >= summary["version"], 20, "proxy has the sick server's route")


def measured_flood(s):
    unloaded = [timed_login(s, 0), timed_login(s, 1)]
    bans_before = metric_sum(s, "cphub_proxy_abuse_bans_total")
    outcomes = [None] * FLOOD
    threads = [threading.Thread(target=flood_login, args=(i, s.ports["imaps"], outcomes), daemon=True)
               for i in range(FLOOD)]
    start = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(max(0.0, start + 3 - time.monotonic()))
    loaded = [timed_login(s, 2)]
    time.sleep(max(0.0, start + 9 - time.monotonic()))  # the server's in-flight checks are near their timeout
    loaded.append(timed_login(s, 3))
    harness.eventually(lambda: breaker(s) == "open", 40, "s003's breaker open in /healthz")
    open_after = time.monotonic() - start
    for t in threads:
        t.join(FLOOD_TIMEOUT + 30)
    kinds = tally(outcomes)
    bound = max(unloaded) + SLACK
    if max(loaded) > bound:
        raise AssertionError(f"healthy login took {max(loaded):.2f}s during the flood, "
                             f"unloaded {max(unloaded):.2f}s (bound {bound:.2f}s); flood {kinds}")
    if kinds.get("ok") or kinds.get("wrong-password"):
        raise AssertionError(f"sick server's logins must fail with a temporary error: {kinds}")
    others = [k for k in kinds if k not in ("temporary", "closed", "timeout", "nginx-error")]
    if others:
        raise AssertionError(f"unexpected outcomes in the flood: {kinds}")
    if kinds.get("temporary", 0) < FLOOD // 2:
        raise AssertionError(f"fewer than half the flood got the temporary reply: {kinds}")
    no_ban(s, bans_before)
    problems = sick_problems(s)
    return (f"healthy login unloaded {fmt(unloaded)}, during {FLOOD} hung logins {fmt(loaded)}; "
            f"flood {kinds}; s003 problems {problems}; breaker open in /healthz {open_after:.1f}s in; no ban")


def timed_login(s, i):
    start = time.monotonic()
    s.expect(s.imap(f"quiet{i}@gamma.example", f"quiet-pw-{i}"), "marker s002")
    return time.monotonic() - start


def flood_login(i, port, outcomes):
    source = f"127.0.1.{i % FLOOD_IPS + 1}"
    outcomes[i] = clients.imap_login_outcome(HOST, port, f"u{i}@{SICK_DOMAIN}", "any-pw", source, FLOOD_TIMEOUT)


def tally(outcomes):
    """Sorts the flood's replies: the proxy's temporary reply; the session closed (or nginx's own
    error) when nginx's auth_http_timeout passed first, as for the checks held by the hung server;
    client timeouts; and what must never happen (ok, wrong password, anything else)."""
    kinds = {}
    for outcome in outcomes:
        kind, text = outcome or ("not-finished", "")
        if kind == "no":
            kind = ("temporary" if "Temporary" in text else "wrong-password" if "AUTHENTICATIONFAILED" in text
                    else "nginx-error" if "internal server error" in text else f"other: {text[:60]}")
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def no_ban(s, bans_before):
    """No ban decided for the flood, and a flooding address still logs in to a healthy server."""
    after = metric_sum(s, "cphub_proxy_abuse_bans_total")
    if after != bans_before:
        raise AssertionError(f"the flood made bans: cphub_proxy_abuse_bans_total {bans_before} -> {after}")
    kind, text = clients.imap_login_outcome(HOST, s.ports["imaps"], "carol@gamma.example", "carol-pw-2",
                                            "127.0.1.1", 15)
    if kind != "ok":
        raise AssertionError(f"a flooding address cannot log in afterwards: {kind} {text}")


def health(s):
    with urllib.request.urlopen(f"http://127.0.0.1:{s.ports['admin']}/healthz", timeout=5) as r:
        return json.loads(r.read().decode())


def breaker(s):
    return next((b["state"] for b in health(s)["breakers"] if b["server"] == SICK), "closed")


def metrics_text(s):
    with urllib.request.urlopen(f"http://127.0.0.1:{s.ports['admin']}/metrics", timeout=5) as r:
        return r.read().decode()


def sick_problems(s):
    """The sick server's cphub_proxy_backend_problems_total, by problem (whatever the label order)."""
    problems = {}
    for labels, value in re.findall(r"^cphub_proxy_backend_problems_total{([^}]*)} (\S+)$", metrics_text(s), re.M):
        kv = dict(re.findall(r'([a-z_]+)="([^"]*)"', labels))
        if kv.get("server") == SICK:
            problems[kv["problem"]] = problems.get(kv["problem"], 0) + int(float(value))
    return problems


def metric_sum(s, name):
    return sum(float(v) for v in re.findall(rf"^{name}(?:{{[^}}]*}})? (\S+)$", metrics_text(s), re.M))


def fmt(seconds):
    return "/".join(f"{x:.2f}s" for x in seconds) + f" (median {statistics.median(seconds):.2f}s)"
