"""Process supervision for the end-to-end suite: start programs, wait for ports, stop all by pid."""
import os
import signal
import socket
import subprocess
import time


class Procs:
    """Every process the suite starts, so it can stop them all (and only them) by pid."""

    def __init__(self, workdir):
        self.workdir = workdir
        self.procs = {}

    def start(self, name, argv, env=None, cwd=None):
        log = open(os.path.join(self.workdir, f"{name}.log"), "ab")
        full_env = dict(os.environ)
        full_env.update(env or {})
        p = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=full_env, cwd=cwd,
                             start_new_session=True)
        self.procs[name] = p
        return p

    def stop(self, name, timeout=15):
        p = self.procs.pop(name, None)
        if p is None or p.poll() is not None:
            return
        os.killpg(p.pid, signal.SIGTERM)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait(5)

    def alive(self, name):
        p = self.procs.get(name)
        return p is not None and p.poll() is None

    def stop_all(self):
        for name in list(self.procs)[::-1]:
            try:
                self.stop(name)
            except ProcessLookupError:
                pass

    def log_tail(self, name, lines=30):
        path = os.path.join(self.workdir, f"{name}.log")
        if not os.path.exists(path):
            return ""
        with open(path, "rb") as f:
            return b"".join(f.readlines()[-lines:]).decode("utf-8", "replace")


def free_port(host="127.0.0.1"):
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_port(host, port, timeout=60, proc=None, name=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{name or 'process'} exited with {proc.returncode} before {host}:{port} opened")
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name or host}:{port} did not open within {timeout}s")


def eventually(check, timeout, what):
    """Polls check() until it returns a truthy value; returns (value, seconds) or raises."""
    start = time.monotonic()
    last = None
    while time.monotonic() - start < timeout:
        try:
            value = check()
            if value:
                return value, time.monotonic() - start
        except Exception as e:  # the check is retried until the deadline
            last = e
        time.sleep(0.05)
    raise AssertionError(f"{what}: not true within {timeout}s (last error: {last})")


def run(argv, timeout=120):
    """Runs a command to completion; returns stdout, raises with its output on failure."""
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[:3])}... exited {r.returncode}: {r.stdout[-800:]} {r.stderr[-800:]}")
    return r.stdout
