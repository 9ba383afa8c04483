"""A throw-away certificate authority made with openssl for the suite: the registry's and
PostgreSQL's certificates for 127.0.0.1, plus a second, unrelated CA that must be refused."""
import os
import ssl
import subprocess


def _openssl(*args, stdin=None):
    subprocess.run(["openssl", *args], check=True, capture_output=True, text=True, input=stdin)


class Pki:
    def __init__(self, workdir):
        self.dir = os.path.join(workdir, "pki")
        os.makedirs(self.dir, exist_ok=True)
        self.ca = self._ca("ca", "cphub e2e CA")
        self.wrong_ca = self._ca("wrong-ca", "some other CA")

    def _path(self, name):
        return os.path.join(self.dir, name)

    def _ca(self, name, cn):
        _openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-keyout", self._path(f"{name}.key"), "-out", self._path(f"{name}.crt"), "-days", "2",
                 "-subj", f"/CN={cn}", "-addext", "basicConstraints=critical,CA:TRUE",
                 "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        return self._path(f"{name}.crt")

    def issue(self, name):
        """A certificate for 127.0.0.1 and localhost signed by the CA: (cert path, PKCS#8 key path)."""
        crt, key, csr = self._path(f"{name}.crt"), self._path(f"{name}.key"), self._path(f"{name}.csr")
        _openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                 "-out", csr, "-subj", f"/CN={name}")
        _openssl("x509", "-req", "-in", csr, "-CA", self.ca, "-CAkey", self._path("ca.key"), "-CAcreateserial",
                 "-days", "2", "-out", crt, "-extfile", "/dev/stdin",
                 stdin="subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        return crt, key

    def client_context(self):
        return ssl.create_default_context(cafile=self.ca)
