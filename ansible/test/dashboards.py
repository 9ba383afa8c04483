#!/usr/bin/env python3
"""Checks the Grafana dashboards in ansible/docs/grafana/ (run by ansible/check).

Each file must be dashboard JSON Grafana imports as is: title, uid (unique across files),
schemaVersion, time, templating with a `datasource` variable of type prometheus and `job` and
`instance` variables from label_values(), panels with unique ids and a gridPos inside the 24
columns, every panel and query on the `${datasource}` variable, a unit on every panel, no
hard-coded instance. Every PromQL expression (panel queries and the selectors inside
label_values()) must parse: Grafana's variables are replaced with valid values and the
expressions are handed to `promtool check rules` as recording rules.

Usage: dashboards.py [DIR]              check (exit 1 with the reasons on failure)
       dashboards.py --metrics [DIR]    print the metric names the dashboards use, one a line
       dashboards.py --self-test [DIR]  broken copies of a dashboard must each be refused
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "grafana")
DATASOURCE = {"type": "prometheus", "uid": "${datasource}"}
DURATIONS = {"__rate_interval": "5m", "__interval": "1m", "__range": "1h", "__range_s": "3600", "__range_ms": "3600000",
             "__interval_ms": "60000"}
KEYWORDS = {"by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "offset", "bool",
            "inf", "nan", "le", "atan2"}
REQUIRED = ("title", "uid", "schemaVersion", "panels", "templating", "time")


def load(directory):
    files = sorted(glob.glob(os.path.join(directory, "*.json")))
    if not files:
        raise SystemExit(f"no dashboards in {directory}")
    out = []
    for f in files:
        with open(f) as fh:
            try:
                out.append((os.path.basename(f), json.load(fh)))
            except json.JSONDecodeError as e:
                out.append((os.path.basename(f), e))
    return out


def panels(dash):
    for p in dash.get("panels", []):
        yield p
        yield from p.get("panels", [])


def substitute(expr):
    """Grafana variables replaced: durations by durations, everything else by a regex that matches anything."""
    def repl(m):
        name = m.group(1) or m.group(2)
        return DURATIONS.get(name, ".*")
    return re.sub(r"\$\{(\w+)(?::\w+)?\}|\$(\w+)", repl, expr)


def label_values_selector(query):
    """The series selector inside label_values(SELECTOR, label), or None for label_values(label)."""
    m = re.fullmatch(r"\s*label_values\((.*),\s*(\w+)\s*\)\s*", query, re.S)
    return m.group(1) if m else None


def expressions(dash):
    """(where, expr) for every PromQL expression the dashboard runs."""
    for v in dash.get("templating", {}).get("list", []):
        if v.get("type") == "query":
            q = v.get("query")
            q = q.get("query") if isinstance(q, dict) else q
            sel = label_values_selector(q or "")
            if sel:
                yield f"variable {v.get('name')}", sel
    for p in panels(dash):
        for t in p.get("targets", []):
            if "expr" in t:
                yield f"panel {p.get('id')} '{p.get('title')}' {t.get('refId')}", t["expr"]


def metric_names(expr):
    """Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings."""
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)
    e = re.sub(r"\{[^}]*\}", " ", e)
    e = re.sub(r"\[[^\]]*\]", " ", e)
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)
    names = set()
    for m in re.finditer(r"(?<![\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(\s*\()?", e):
        word, call = m.group(1), m.group(2)
        if call or word.lower() in KEYWORDS or re.fullmatch(r"\d+[smhdwy]", word):
            continue
        names.add(word)
    return names


def used_metrics(directory=DEFAULT_DIR):
    out = set()
    for _, dash in load(directory):
        if isinstance(dash, dict):
            for _, expr in expressions(dash):
                out |= metric_names(substitute(expr))
    return sorted(out)


def check_structure(name, dash, uids):
    errors = []
    if isinstance(dash, Exception):
        return [f"{name}: not JSON: {dash}"]
    for key in REQUIRED:
        if key not in dash:
            errors.append(f"{name}: missing '{key}'")
    if not isinstance(dash.get("schemaVersion"), int) or dash.get("schemaVersion", 0) < 30:
        errors.append(f"{name}: schemaVersion must be a number >= 30, is {dash.get('schemaVersion')!r}")
    if dash.get("uid") in uids:
        errors.append(f"{name}: uid {dash.get('uid')!r} also used by {uids[dash.get('uid')]}")
    uids[dash.get("uid")] = name
    if "__inputs" in dash:
        errors.append(f"{name}: uses __inputs; pick the data source through the 'datasource' variable instead")
    variables = {v.get("name"): v for v in dash.get("templating", {}).get("list", [])}
    ds = variables.get("datasource")
    if not ds or ds.get("type") != "datasource" or ds.get("query") != "prometheus":
        errors.append(f"{name}: needs a template variable 'datasource' of type datasource, query prometheus")
    for var in ("job", "instance"):
        v = variables.get(var)
        q = v and v.get("query")
        q = q.get("query") if isinstance(q, dict) else q
        if not v or v.get("type") != "query" or not label_values_selector(q or "") or not q.rstrip(") ").endswith(var):
            errors.append(f"{name}: needs a query variable '{var}' from label_values(..., {var})")
        elif v.get("datasource") != DATASOURCE:
            errors.append(f"{name}: variable '{var}' must use the datasource variable {DATASOURCE}")
    for v in variables.values():
        if v.get("type") == "query" and v.get("current", {}).get("text") not in (None, "All", ["All"]):
            errors.append(f"{name}: variable '{v.get('name')}' saved with a current value {v['current']!r}")
    ids = {}
    for p in panels(dash):
        pid, title = p.get("id"), p.get("title")
        where = f"{name}: panel {pid} '{title}'"
        if not isinstance(pid, int):
            errors.append(f"{where}: id must be a number")
        elif pid in ids:
            errors.append(f"{where}: id also used by '{ids[pid]}'")
        ids[pid] = title
        g = p.get("gridPos", {})
        if not all(isinstance(g.get(k), int) for k in ("h", "w", "x", "y")) or g.get("x", 0) + g.get("w", 0) > 24:
            errors.append(f"{where}: gridPos {g} not inside the 24 columns")
        if p.get("type") == "row":
            continue
        if not title:
            errors.append(f"{where}: no title")
        if p.get("datasource") != DATASOURCE:
            errors.append(f"{where}: datasource must be {DATASOURCE}, is {p.get('datasource')!r}")
        if not p.get("fieldConfig", {}).get("defaults", {}).get("unit"):
            errors.append(f"{where}: no unit in fieldConfig.defaults")
        targets = p.get("targets") or []
        if not targets:
            errors.append(f"{where}: no queries")
        for t in targets:
            if t.get("datasource") != DATASOURCE:
                errors.append(f"{where} {t.get('refId')}: query datasource must be {DATASOURCE}")
            if not t.get("expr"):
                errors.append(f"{where} {t.get('refId')}: no expr")
        exprs = " ".join(t.get("expr", "") for t in targets)
        if "$instance" not in exprs:
            errors.append(f"{where}: no query filters on $instance")
    for where, expr in expressions(dash):
        for m in re.finditer(r'\b(instance|job)\s*(=~|!~|=|!=)\s*"([^"]*)"', expr):
            if m.group(3) not in ("$" + m.group(1), "${" + m.group(1) + "}"):
                errors.append(f"{name}: {where}: hard-coded {m.group(1)} {m.group(2)}\"{m.group(3)}\" (use ${m.group(1)})")
    return errors


def check_promql(found):
    """Every expression as a recording rule, checked by promtool; returns the errors, mapped back to panels."""
    rules, where = [], {}
    for name, dash in found:
        if not isinstance(dash, dict):
            continue
        for i, (w, expr) in enumerate(expressions(dash)):
            record = f"dashboard:{re.sub(r'[^a-zA-Z0-9_]', '_', name)}:{i}"
            where[record] = f"{name}: {w}"
            rules.append({"record": record, "expr": substitute(expr)})
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        def promtool(chosen):
            path = os.path.join(tmp, "rules.json")
            with open(path, "w") as f:
                json.dump({"groups": [{"name": "dashboards", "rules": chosen}]}, f)
            return subprocess.run(["promtool", "check", "rules", path], capture_output=True, text=True)
        if promtool(rules).returncode == 0:
            return [], len(rules)
        for rule in rules:  # one at a time, to name each expression that does not parse
            r = promtool([rule])
            if r.returncode != 0:
                detail = (r.stderr + r.stdout).strip().splitlines()
                errors.append(f"{where[rule['record']]}: PromQL does not parse: {rule['expr']}\n    "
                              + "\n    ".join(detail[-3:]))
    return errors, len(rules)


def self_test(directory):
    """Broken copies of the first dashboard must each be refused: the checker can fail."""
    name, good = next((n, d) for n, d in load(directory) if isinstance(d, dict))
    def broken(change):
        d = json.loads(json.dumps(good))
        change(d)
        return d
    def target(d):
        return next(t for p in panels(d) for t in p.get("targets", []))
    def panel(d):
        return next(p for p in panels(d) if p.get("type") != "row")
    cases = {
        "PromQL that does not parse": lambda d: target(d).update(expr="sum(rate(cphub_proxy_logins_total[5m])"),
        "a duplicate panel id": lambda d: [p.update(id=1) for p in panels(d)],
        "a hard-coded instance": lambda d: target(d).update(
            expr='cphub_proxy_routes{instance="p1:9470"} + 0 * cphub_proxy_routes{instance=~"$instance"}'),
        "a fixed data source": lambda d: panel(d).update(datasource={"type": "prometheus", "uid": "P1809F7CD0C75ACF3"}),
        "no datasource variable": lambda d: d["templating"].update(
            list=[v for v in d["templating"]["list"] if v["name"] != "datasource"]),
        "no schemaVersion": lambda d: d.pop("schemaVersion"),
        "a panel without unit": lambda d: panel(d)["fieldConfig"]["defaults"].pop("unit"),
    }
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for what, change in cases.items():
            path = os.path.join(tmp, name)
            with open(path, "w") as f:
                json.dump(broken(change), f)
            found = load(tmp)
            errors = check_structure(name, found[0][1], {}) + check_promql(found)[0]
            if not errors:
                failures.append(f"self-test: {what} was not refused")
    return failures, len(cases)


def main(argv):
    if argv and argv[0] == "--self-test":
        failures, count = self_test(argv[1] if len(argv) > 1 else DEFAULT_DIR)
        print("\n".join("FAIL: " + f for f in failures) or f"ok   checker refuses each of {count} broken dashboards")
        return 1 if failures else 0
    if argv and argv[0] == "--metrics":
        print("\n".join(used_metrics(argv[1] if len(argv) > 1 else DEFAULT_DIR)))
        return 0
    directory = argv[0] if argv else DEFAULT_DIR
    found = load(directory)
    errors, uids = [], {}
    for name, dash in found:
        errors += check_structure(name, dash, uids)
    promql_errors, count = check_promql(found)
    errors += promql_errors
    if errors:
        print("\n".join("FAIL: " + e for e in errors))
        return 1
    print(f"ok   {len(found)} dashboards, {count} PromQL expressions parse, "
          f"{len(used_metrics(directory))} metric names used")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
