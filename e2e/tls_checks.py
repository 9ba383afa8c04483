"""TLS on the links that carry it: agents to the registry over HTTPS with the suite's CA, the
registry and proxy on PostgreSQL with sslmode=verify-full, and both refusing a certificate from
another CA."""
import os
import subprocess
import urllib.request

import e2e


def _java(*args):
    p = subprocess.run(["java", "-Xmx256m", "-jar", *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout + p.stderr


def plain_http_gets_no_answer(s):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{s.ports['registry']}/healthz", timeout=5)
    except Exception as e:
        return f"plain HTTP refused: {type(e).__name__}"
    raise AssertionError("the registry answered plain HTTP on its TLS port")


def agent_with_wrong_ca_refused(s):
    with open(os.path.join(s.workdir, "agent-1.properties")) as f:
        lines = [l for l in f.read().splitlines() if not l.startswith(("registry.ca-file=", "status.file="))]
    conf = os.path.join(s.workdir, "agent-wrong-ca.properties")
    status = os.path.join(s.workdir, "agent-wrong-ca-status.json")
    with open(conf, "w") as f:
        f.write("\n".join(lines + [f"registry.ca-file={s.pki.wrong_ca}", f"status.file={status}"]) + "\n")
    rc, out = _java(e2e.JAR["agent"], "sync-once", "--config", conf)
    text = out + (open(status).read() if os.path.exists(status) else "")
    if rc == 0 or "is not trusted" not in text:
        raise AssertionError(f"sync-once with the wrong CA: exit {rc}, output {out[-400:]!r}")
    return f"exit {rc}: " + next(l for l in text.splitlines() if "is not trusted" in l).strip()[-140:]


def postgres_links_verified(s):
    rows = s.pg.psql("SELECT count(*) FILTER (WHERE ssl), count(*) FILTER (WHERE NOT ssl) FROM pg_stat_ssl "
                     "JOIN pg_stat_activity USING (pid) WHERE client_addr IS NOT NULL AND pid <> pg_backend_pid()")
    on, off = (int(x) for x in rows.split("|"))
    if on < 2 or off:
        raise AssertionError(f"client connections with TLS {on}, without {off}")
    return f"{on} client connections (registry pool, proxy) on TLS, none without"


def postgres_wrong_ca_refused(s):
    rc, out = _java(e2e.JAR["db"], "--check", "--url", s.pg.url("cphub", ca=s.pki.wrong_ca), "--user", "postgres")
    if rc == 0 or not any(w in out for w in ("PKIX", "certificate", "SSL")):
        raise AssertionError(f"migrate --check with the wrong CA: exit {rc}, output {out[-400:]!r}")
    return f"exit {rc}"


def run(s):
    s.check("registry: plain HTTP on its HTTPS port gets no answer", lambda: plain_http_gets_no_answer(s))
    s.check("agent: a registry certificate from another CA is refused with a clear error",
            lambda: agent_with_wrong_ca_refused(s))
    s.check("PostgreSQL: registry and proxy connect with TLS (sslmode=verify-full)", lambda: postgres_links_verified(s))
    s.check("PostgreSQL: a server certificate from another CA is refused", lambda: postgres_wrong_ca_refused(s))
