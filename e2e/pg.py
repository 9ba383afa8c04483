"""A PostgreSQL cluster of the suite's own (Debian's server binaries), so it can be stopped and
started without touching any other database on the machine."""
import glob
import os
import pwd
import subprocess


def _bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if not found:
        raise RuntimeError(f"PostgreSQL server binary {name} not found (apt-get install postgresql)")
    return found[-1]


class Cluster:
    def __init__(self, workdir, port, tls=None):
        """tls: (CA file, certificate, key) to run with ssl=on and hand out verify-full URLs."""
        self.dir = os.path.join(workdir, "pg")
        self.port = port
        self.tls = tls
        self.user = "postgres"
        os.makedirs(self.dir, exist_ok=True)
        pw = pwd.getpwnam(self.user)
        os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        os.chmod(workdir, 0o755)
        if tls:
            for src, dst in ((tls[1], "server.crt"), (tls[2], "server.key")):
                with open(src) as f, open(os.path.join(self.dir, dst), "w") as out:
                    out.write(f.read())
                os.chown(os.path.join(self.dir, dst), pw.pw_uid, pw.pw_gid)
                os.chmod(os.path.join(self.dir, dst), 0o600)

    def _run(self, *argv):
        cmd = list(argv)
        if os.geteuid() == 0:
            cmd = ["runuser", "-u", self.user, "--"] + cmd
        return subprocess.run(cmd, check=True, capture_output=True, text=True)

    def init(self):
        self._run(_bin("initdb"), "-D", os.path.join(self.dir, "data"), "--auth=trust", "-U", "postgres",
                  "--encoding=UTF8", "--locale=C")

    def start(self):
        ssl = (f" -c ssl=on -c ssl_cert_file={self.dir}/server.crt -c ssl_key_file={self.dir}/server.key"
               if self.tls else "")
        self._run(_bin("pg_ctl"), "-D", os.path.join(self.dir, "data"), "-l", os.path.join(self.dir, "server.log"),
                  "-w", "-t", "60", "-o",
                  f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c fsync=off{ssl}", "start")

    def stop(self):
        self._run(_bin("pg_ctl"), "-D", os.path.join(self.dir, "data"), "-w", "-m", "fast", "stop")

    def stop_quietly(self):
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass

    def psql(self, sql, db="postgres"):
        return self._run(_bin("psql") if os.path.exists(_bin("psql")) else "psql", "-h", "127.0.0.1",
                         "-p", str(self.port), "-U", "postgres", "-d", db, "-Atc", sql).stdout.strip()

    def url(self, db, ca=None):
        """The JDBC URL; with TLS, sslmode=verify-full against the CA (or the given one)."""
        base = f"jdbc:postgresql://127.0.0.1:{self.port}/{db}"
        return f"{base}?sslmode=verify-full&sslrootcert={ca or self.tls[0]}" if self.tls else base
