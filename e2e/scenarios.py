"""The end-to-end checks, in order. Each one is a named check in the report."""
import os
import re
import time
import urllib.error
import urllib.request

import yaml

import clients
import harness

HOST = "127.0.0.1"
_next_ip = [20]


def fresh_ip(fn):
    """Runs fn from a client address of its own: the abuse guard lengthens Auth-Wait for an address
    that keeps failing, which is right, but would make later refusal checks wait for it."""
    def run():
        _next_ip[0] += 1
        before, clients.CLIENT_IP = clients.CLIENT_IP, f"127.0.0.{_next_ip[0]}"
        try:
            return fn()
        finally:
            clients.CLIENT_IP = before
    return run


def run(s):
    harness.eventually(lambda: s.route_server("alice@alpha.example") == "s001.hoster.test", 60,
                       "initial sync of s001 reaches the registry")
    harness.eventually(lambda: s.route_server("carol@gamma.example") == "s002.hoster.test", 60,
                       "initial sync of s002 reaches the registry")

    # Users of both servers over every protocol, landing on the right backend.
    s.check("IMAPS login, s001 user sees s001 marker",
            lambda: harness.eventually(lambda: s.imap("alice@alpha.example", "alice-pw-1") == "marker s001", 15,
                                       "alice over IMAPS")[0] and "marker s001")
    s.check("IMAPS login, s002 user sees s002 marker",
            lambda: s.expect(s.imap("carol@gamma.example", "carol-pw-2"), "marker s002"))
    s.check("IMAP STARTTLS login (port with STARTTLS only)",
            lambda: s.expect(s.imap("carol@gamma.example", "carol-pw-2", mode="starttls"), "marker s002"))
    s.check("POP3S login, s001 user",
            lambda: s.expect(clients.pop3_marker(HOST, s.ports["pop3s"], "alice@alpha.example", "alice-pw-1"),
                             "marker s001"))
    s.check("POP3 STLS login, s002 user",
            lambda: s.expect(clients.pop3_marker(HOST, s.ports["pop3"], "carol@gamma.example", "carol-pw-2",
                                                 mode="stls"), "marker s002"))
    s.check("SMTP submission STARTTLS + AUTH, message relayed by s001", lambda: submission(s))

    # Refusals.
    s.check("IMAP wrong password refused with [AUTHENTICATIONFAILED]",
            fresh_ip(lambda: must_contain(clients.imap_login_error(HOST, s.ports["imaps"], "alice@alpha.example", "wrong"),
                                 "AUTHENTICATIONFAILED")))
    s.check("IMAP unknown domain gets the same reply as a wrong password", fresh_ip(lambda: unknown_domain_same_reply(s)))
    s.check("POP3 wrong password refused with -ERR",
            fresh_ip(lambda: must_contain(clients.pop3_login_error(HOST, s.ports["pop3s"], "alice@alpha.example", "wrong"),
                                 "-ERR")))
    s.check("SMTP wrong password refused with 535", fresh_ip(lambda: smtp_wrong_password(s)))
    s.check("IMAP LOGIN before STARTTLS refused",
            lambda: refused_plaintext(clients.imap_plaintext_login_reply(HOST, s.ports["imap"], "alice@alpha.example",
                                                                         "alice-pw-1")))
    s.check("SMTP AUTH before STARTTLS refused", lambda: smtp_plaintext(s))

    # Non-ASCII passwords.
    s.check("password with umlauts sent as UTF-8",
            lambda: s.expect(s.imap("umlaut@alpha.example", s_umlaut().encode("utf-8")), "marker s001"))
    s.check("password with umlauts sent as Latin-1",
            lambda: s.expect(s.imap("umlaut@alpha.example", s_umlaut().encode("latin-1")), "marker s001"))

    s.check("password with DEL (0x7f), which nginx passes unescaped",
            lambda: s.expect(s.imap("del@alpha.example", DEL_PASSWORD), "marker s001"))

    # The backend gets the canonical login (Auth-User), whatever form the client typed.
    s.check("IMAPS login with a trailing-dot domain reaches s001 as the canonical login",
            lambda: canonical_login(s, "alice@alpha.example.", "alice-pw-1", "alice@alpha.example"))
    s.check("IMAPS login with a Unicode (IDN) domain reaches s001 as punycode",
            lambda: canonical_login(s, "info@bücher.example", IDN_PASSWORD, "info@xn--bcher-kva.example"))
    s.check("IMAPS login with an upper-case IDN domain and a trailing dot",
            lambda: s.expect(s.imap("info@BÜCHER.Example.", IDN_PASSWORD), "marker s001"))
    s.check("POP3S login with a Unicode (IDN) domain",
            lambda: s.expect(clients.pop3_marker(HOST, s.ports["pop3s"], "info@bücher.example", IDN_PASSWORD),
                             "marker s001"))
    s.check("IMAPS login with the local+domain form and a Unicode domain keeps that form",
            lambda: canonical_login(s, "info+bücher.example.", IDN_PASSWORD, "info+xn--bcher-kva.example"))

    # Real client address reaches the backend through the PROXY protocol.
    s.check("Dovecot logs the client's real address, not nginx's", lambda: real_ip_logged(s))

    # Account transfer s001 -> s002.
    s.check("mover logs in on s001 before the transfer",
            lambda: s.expect(s.imap("mover@mover.example", "mover-pw"), "marker s001"))
    s.check("transferred account lands on s002 within 2 s", lambda: transfer(s))
    s.check("operator pins roll the domain and the bare username back to s001, unpins return them",
            lambda: pins(s))
    s.check("route stays on s002 after the source account is removed", lambda: source_removed(s))

    # Registry database down.
    s.check("PostgreSQL stopped: known users keep logging in", lambda: pg_down_logins(s))
    s.check("proxy restarted while PostgreSQL is down serves from its local table", lambda: proxy_cold_start(s))
    s.check("changes made while PostgreSQL was down arrive after it returns", lambda: pg_back(s))

    import sessions
    s.check("sessions follow the mailbox: an IDLE client is ended within 2 s of its route moving, reconnects to"
            " the destination; an idler that did not move stays", lambda: sessions.follow(s))

    # Late, as its open breaker and held checks should not meet other checks.
    import sick_server
    s.check("hung backend: a login flood for its domain leaves a healthy server's login at its normal time",
            lambda: sick_server.flood(s))

    s.check("Thunderbird autoconfig for a registered domain points at the one hostname", lambda: autoconfig(s))
    s.check("proxy /metrics and /healthz answer; every metric the alerting rules use is exposed", lambda: metrics(s))
    s.check("an agent counts a failing WHM call on its /metrics", lambda: agent_whm_failure(s))
    s.check("every metric the Grafana dashboards use is exposed by the registry, the proxy or an agent",
            lambda: dashboard_metrics(s))


UMLAUT_PASSWORD = "Grüße-aus-Köln"
IDN_PASSWORD = "bücher-pw"
DEL_PASSWORD = "del\x7fpw"


def s_umlaut():
    return UMLAUT_PASSWORD


def canonical_login(s, typed, password, canonical):
    """Logs in as typed, then checks s001's Dovecot logged one more login of the canonical name
    from the client's address (nginx's login, proxied with the client address)."""
    def logins():
        return [l for l in s.dovecots["s001.hoster.test"].log().splitlines()
                if f"imap-login: Info: Login: user=<{canonical}>" in l and f"rip={clients.CLIENT_IP}," in l]
    before = len(logins())
    s.expect(s.imap(typed, password), "marker s001")
    harness.eventually(lambda: len(logins()) > before, 5, f"s001 logs a login of {canonical!r}")
    return f"{typed!r} logged in as {canonical!r}"


def must_contain(text, part):
    if part not in text:
        raise AssertionError(f"expected {part!r} in {text!r}")
    return text.strip()[:90]


def refused_plaintext(reply):
    if reply.startswith("OK"):
        raise AssertionError(f"plaintext LOGIN accepted: {reply}")
    return reply.strip()[:90]


def unknown_domain_same_reply(s):
    wrong = clients.imap_login_error(HOST, s.ports["imaps"], "alice@alpha.example", "wrong")
    unknown = clients.imap_login_error(HOST, s.ports["imaps"], "alice@no-such-domain.example", "wrong")
    if wrong != unknown:
        raise AssertionError(f"replies differ: wrong password {wrong!r}, unknown domain {unknown!r}")
    return unknown[:90]


def smtp_wrong_password(s):
    code, text = clients.smtp_auth_error(HOST, s.ports["submission"], "alice@alpha.example", "wrong", "starttls")
    if code != 535:
        raise AssertionError(f"expected 535, got {code} {text}")
    return f"{code} {text[:60]}"


def smtp_plaintext(s):
    code, text = clients.smtp_plaintext_auth_reply(HOST, s.ports["submission"])
    if 200 <= code < 400:
        raise AssertionError(f"AUTH before STARTTLS accepted: {code} {text}")
    return f"{code} {text[:60]}"


def submission(s):
    subject = f"e2e-{time.time_ns()}"
    clients.smtp_submit(HOST, s.ports["submission"], "alice@alpha.example", "alice-pw-1", "starttls",
                        "someone@example.net", subject)
    harness.eventually(lambda: os.path.exists(s.sink) and subject in open(s.sink, errors="replace").read(), 10,
                       "message reaches the relay behind s001")
    log = s.dovecots["s001.hoster.test"].log()
    if "submission-login" not in log or "alice@alpha.example" not in log:
        raise AssertionError("s001's Dovecot log shows no submission login of alice")
    return "relayed"


def real_ip_logged(s):
    s.imap("carol@gamma.example", "carol-pw-2")
    log = s.dovecots["s002.hoster.test"].log()
    logins = [l for l in log.splitlines() if "imap-login: Info: Login: user=<carol@gamma.example>" in l]
    proxied = [l for l in logins if f"rip={clients.CLIENT_IP}," in l]
    if not proxied:
        raise AssertionError(f"no login with rip={clients.CLIENT_IP}; last: {logins[-1:] if logins else 'none'}")
    return proxied[-1].split("Login: ")[1][:100]


def transfer(s):
    src, dst = s.whm["s001.hoster.test"], s.whm["s002.hoster.test"]
    start = time.monotonic()
    s.http("POST", f"{src}/admin/transfer", {"user": "mover", "to": "s002.hoster.test"})
    _, took = harness.eventually(lambda: s.imap("mover@mover.example", "mover-pw") == "marker s002", 10,
                                 "mover lands on s002")
    if took > 2.0:
        raise AssertionError(f"took {took:.2f}s (limit 2 s)")
    return f"{took:.2f}s after the transfer"


def pins(s):
    """Both servers hold mover now: pins choose s001, removing them restores the winner rule."""
    harness.eventually(lambda: s.imap("mover", "mover-pw") == "marker s002", 10, "bare username on s002")
    pin = {"server": "s001.hoster.test", "reason": "e2e rollback"}
    s.admin("PUT", "/v1/pins/mover.example", pin)
    s.admin("PUT", "/v1/account-pins/mover", pin)
    listed = {(p["kind"], p["name"], p["server"], p["active"]) for p in s.admin("GET", "/v1/pins")}
    if listed != {("domain", "mover.example", "s001.hoster.test", True), ("account", "mover", "s001.hoster.test", True)}:
        raise AssertionError(f"GET /v1/pins: {listed}")
    _, took = harness.eventually(lambda: s.imap("mover@mover.example", "mover-pw") == "marker s001", 5,
                                 "pinned domain on s001")
    s.expect(s.imap("mover", "mover-pw"), "marker s001")
    s.admin("DELETE", "/v1/pins/mover.example")
    s.admin("DELETE", "/v1/account-pins/mover")
    harness.eventually(lambda: s.imap("mover@mover.example", "mover-pw") == "marker s002", 5, "unpinned domain")
    harness.eventually(lambda: s.imap("mover", "mover-pw") == "marker s002", 5, "unpinned bare username")
    return f"pinned logins on s001 {took:.2f}s after the pins, back on s002 after unpinning"


def source_removed(s):
    s.http("DELETE", f"{s.whm['s001.hoster.test']}/admin/accounts/mover")
    harness.eventually(lambda: s.route_server("mover@mover.example") == "s002.hoster.test", 10,
                       "route stays on s002 after the source account is removed")
    harness.eventually(lambda: s.route_server("mover") == "s002.hoster.test", 10, "account route on s002")
    s.expect(s.imap("mover@mover.example", "mover-pw"), "marker s002")
    harness.eventually(lambda: not [c for c in s.admin("GET", "/v1/contests") if c["name"].startswith("mover")], 10,
                       "no contest over mover left after the move")
    return s.expect(s.imap("mover", "mover-pw"), "marker s002")


def pg_down_logins(s):
    s.pg.stop()
    time.sleep(1)
    s.expect(s.imap("alice@alpha.example", "alice-pw-1"), "marker s001")
    s.expect(s.imap("carol@gamma.example", "carol-pw-2"), "marker s002")
    return "2 users logged in with PostgreSQL stopped"


def proxy_cold_start(s):
    s.procs.stop("proxy")
    s.launch_proxy()
    harness.eventually(lambda: s.imap("alice@alpha.example", "alice-pw-1") == "marker s001", 20,
                       "login after proxy restart without PostgreSQL")
    log = s.procs.log_tail("proxy", 200)
    return "served from the local table file" + (" (logged)" if re.search(r"(?i)file|snapshot", log) else "")


def pg_back(s):
    src = s.whm["s002.hoster.test"]
    s.http("POST", f"{src}/admin/accounts", {"user": "late", "domain": "late.example"})
    time.sleep(1)
    start = time.monotonic()
    s.pg.start()
    _, took = harness.eventually(lambda: s.imap("late@late.example", "late-pw") == "marker s002", 60,
                                 "account created while PostgreSQL was down becomes reachable")
    return f"reachable {took:.1f}s after PostgreSQL started"


def autoconfig(s):
    base = f"http://127.0.0.1:{s.ports['autoconfig']}/mail/config-v1.1.xml?emailaddress="
    with urllib.request.urlopen(base + "alice%40alpha.example", timeout=5) as r:
        body = r.read().decode()
    if "<hostname>mail.hoster.test</hostname>" not in body:
        raise AssertionError(f"no public hostname in {body[:200]}")
    try:
        urllib.request.urlopen(base + "alice%40unknown.example", timeout=5)
        raise AssertionError("an unknown domain got an answer")
    except urllib.error.HTTPError as e:
        if e.code != 404:
            raise
    return "known domain answered, unknown domain 404"


def metrics(s):
    with urllib.request.urlopen(f"http://127.0.0.1:{s.ports['admin']}/metrics", timeout=5) as r:
        text = r.read().decode()
    with urllib.request.urlopen(f"http://127.0.0.1:{s.ports['admin']}/healthz", timeout=5) as r:
        health = r.status
    if "cphub" not in text:
        raise AssertionError("no cphub metrics")
    with urllib.request.urlopen(f"{s.registry}/metrics", timeout=5, context=s.ssl) as r:
        registry_text = r.read().decode()
    exposed = set(re.findall(r"^(cphub_[a-z_]+)", text + "\n" + registry_text, re.M))
    exposed |= {re.sub(r"_(bucket|count|sum)$", "", m) for m in exposed}
    with open(os.path.join(os.path.dirname(__file__), "..", "ansible", "docs", "prometheus-alerts.yml")) as f:
        groups = yaml.safe_load(f)["groups"]
    exprs = " ".join(r["expr"] for g in groups for r in g["rules"])
    used = set(re.findall(r"\b(cphub_[a-z_]+)\b", exprs))
    missing = sorted(used - exposed)
    if missing:
        raise AssertionError(f"alerting rules use metrics nobody exposes: {missing}")
    return f"{len(text.splitlines())} metric lines, healthz {health}; the {len(used)} metrics the alerts use exist"


# ---------------------------------------------------------------- agents' and dashboards' metrics
def scrape(url, ssl=None):
    """Sample names (as exposed: _bucket, _count, _total ...) -> {series: value}, and family -> type."""
    with urllib.request.urlopen(url, timeout=5, context=ssl) as r:
        text = r.read().decode()
    samples, types = {}, {}
    for line in text.splitlines():
        m = re.match(r"# TYPE (\S+) (\S+)", line)
        if m:
            types[m.group(1)] = m.group(2)
        elif line and not line.startswith("#"):
            series, _, value = line.rpartition(" ")
            name = re.match(r"[a-zA-Z_:][a-zA-Z0-9_:]*", series).group(0)
            samples.setdefault(name, {})[series] = float(value)
    return samples, types


def agent_scrape(s, name):
    return scrape(f"http://127.0.0.1:{s.agent_metrics_port(name)}/metrics")[0]


def agent_whm_failure(s):
    """accountsummary on s002 answers 500 while an account is created there: the agent counts the failure,
    keeps the event spooled, and pushes the account once WHM answers again."""
    name = "s002.hoster.test"
    whm = s.whm[name]
    errors = 'cphub_agent_whm_call_errors_total{function="accountsummary",kind="http"}'
    before = agent_scrape(s, name).get("cphub_agent_whm_call_errors_total", {}).get(errors, 0)
    s.http("PUT", f"{whm}/admin/fault", {"mode": "http500", "function": "accountsummary"})
    try:
        s.http("POST", f"{whm}/admin/accounts", {"user": "metered", "domain": "metered.example"})
        harness.eventually(lambda: agent_scrape(s, name).get("cphub_agent_whm_call_errors_total", {})
                           .get(errors, 0) > before, 15, "the failing accountsummary counted")
        depth = agent_scrape(s, name)["cphub_agent_spool_depth"]["cphub_agent_spool_depth"]
        if depth < 1:
            raise AssertionError(f"spool depth {depth} while the account cannot be read")
        if s.route_server("metered.example") is not None:
            raise AssertionError("metered.example routed although WHM could not be read")
    finally:
        s.http("PUT", f"{whm}/admin/fault", {"mode": "none"})
    _, secs = harness.eventually(lambda: s.route_server("metered.example") == name, 15,
                                 "metered.example routed once WHM answers")
    harness.eventually(lambda: agent_scrape(s, name)["cphub_agent_spool_depth"]["cphub_agent_spool_depth"] == 0, 10,
                       "spool drained")
    return f"error counted, spool held the event, routed {secs:.1f}s after WHM recovered"


def refused_requests(s):
    """Two hostile requests the dashboards count: no token (refused on the request head) and a snapshot
    that would remove every domain of s002 (refused, nothing written)."""
    try:
        s.http("GET", f"{s.registry}/v1/servers")
        raise AssertionError("GET /v1/servers without a token was answered")
    except urllib.error.HTTPError as e:
        if e.code != 401:
            raise
    name = "s002.hoster.test"
    try:
        s.http("PUT", f"{s.registry}/v1/servers/{name}/snapshot", {"accounts": []}, s.tokens[name])
        raise AssertionError("a snapshot removing every domain was accepted")
    except urllib.error.HTTPError as e:
        if e.code != 409:
            raise
    if s.route_server("carol@gamma.example") != name:
        raise AssertionError("the refused snapshot changed a route")


def dashboard_metrics(s):
    refused_requests(s)
    import importlib.util
    path = os.path.join(os.path.dirname(__file__), "..", "ansible", "test", "dashboards.py")
    spec = importlib.util.spec_from_file_location("dashboards", path)
    dashboards = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dashboards)
    used = dashboards.used_metrics()
    targets = {"registry": (f"{s.registry}/metrics", s.ssl), "proxy": (f"http://127.0.0.1:{s.ports['admin']}/metrics", None)}
    for name in SERVERS_WITH_AGENTS:
        targets[f"agent {name}"] = (f"http://127.0.0.1:{s.agent_metrics_port(name)}/metrics", None)
    exposed, types, where = set(), {}, {}
    for target, (url, ssl) in targets.items():
        samples, t = scrape(url, ssl)
        exposed |= set(samples)
        types.update(t)
        for n in samples:
            where.setdefault(n, set()).add(target.split()[0])
    missing = []
    for n in used:
        if n in exposed:
            continue
        family = re.sub(r"_(bucket|sum|count|total|created)$", "", n)
        hint = ""
        if types.get(family):
            hint = f" ({family} is a {types[family]}: exposed as {sorted(x for x in exposed if x.startswith(family))})"
        elif n + "_total" in exposed:
            hint = f" (a counter: exposed as {n}_total)"
        missing.append(n + hint)
    if missing:
        raise AssertionError(f"dashboards use metrics nobody exposes: {missing}")
    components = sorted({c for n in used for c in where.get(n, ())})
    return f"the {len(used)} metric names the 4 dashboards use are all exposed (from {', '.join(components)})"


SERVERS_WITH_AGENTS = ("s001.hoster.test", "s002.hoster.test")
