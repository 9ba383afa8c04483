"""Real Dovecot instances standing in for the cPanel servers' mail backends."""
import os
import pwd
import socket
import subprocess
import threading

CONF = """\
base_dir = {dir}/run
state_dir = {dir}/state
instance_name = cphub-e2e-{name}
log_path = {dir}/dovecot.log
protocols = imap pop3 submission
listen = {ip}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# The proxy's password check and nginx both come from loopback: trusted, so the ID
# x-originating-ip and the PROXY-protocol source are believed.
login_trusted_networks = 127.0.0.0/8
haproxy_trusted_networks = 127.0.0.0/8
mail_location = maildir:{dir}/mail/%d/%n
first_valid_uid = 1
auth_verbose = yes
# cPanel's Dovecot accepts its mail-server username form local+domain: '+' added to the default set.
auth_username_chars = abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567890.-_@+
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {dir}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={dir}/mail/%d/%n
}}
service imap-login {{
  inet_listener imap {{
    port = {imap}
  }}
  inet_listener imap_proxy {{
    port = {imap_proxy}
    haproxy = yes
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {pop3}
  }}
  inet_listener pop3_proxy {{
    port = {pop3_proxy}
    haproxy = yes
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service submission-login {{
  inet_listener submission {{
    port = {smtp}
  }}
  inet_listener submission_proxy {{
    port = {smtp_proxy}
    haproxy = yes
  }}
}}
submission_relay_host = 127.0.0.1
submission_relay_port = {relay}
submission_relay_trusted = yes
hostname = {name}.hoster.test
"""

# Every backend listens on the same ports on its own loopback address.
PORTS = dict(imap=24143, imap_proxy=25143, pop3=24110, pop3_proxy=25110, smtp=24587, smtp_proxy=25587)


class Dovecot:
    def __init__(self, workdir, name, ip, relay_port):
        self.name = name
        self.ip = ip
        self.dir = os.path.join(workdir, name)
        self.relay_port = relay_port
        self.users = {}

    def add_user(self, address, password):
        """Adds a mailbox with a marker message naming this server; a bare cPanel username (no @)
        gets one too, as cPanel's own Dovecot accepts the account's system user."""
        self.users[address] = password
        local, _, domain = address.rpartition("@") if "@" in address else (address, "", "")
        box = os.path.join(self.dir, "mail", domain, local)
        for sub in ("new", "cur", "tmp"):
            os.makedirs(os.path.join(box, sub), exist_ok=True)
        with open(os.path.join(box, "new", "1.marker"), "w") as f:
            f.write(f"From: e2e@hoster.test\nSubject: marker {self.name}\n\nThis mailbox lives on {self.name}.\n")

    def remove_user(self, address):
        self.users.pop(address, None)
        self._write_passwd()

    def _write_passwd(self):
        with open(os.path.join(self.dir, "passwd"), "w", encoding="utf-8") as f:
            for address, password in self.users.items():
                f.write(f"{address}:{{PLAIN}}{password}\n")

    def start(self, procs):
        for sub in ("run", "state", "mail"):
            os.makedirs(os.path.join(self.dir, sub), exist_ok=True)
        self._write_passwd()
        nobody = pwd.getpwnam("nobody")
        for root, dirs, files in os.walk(os.path.join(self.dir, "mail")):
            for n in dirs + files:
                os.chown(os.path.join(root, n), nobody.pw_uid, nobody.pw_gid)
        conf = os.path.join(self.dir, "dovecot.conf")
        with open(conf, "w") as f:
            f.write(CONF.format(dir=self.dir, name=self.name, ip=self.ip, relay=self.relay_port, **PORTS))
        procs.start(f"dovecot-{self.name}", ["dovecot", "-F", "-c", conf])

    def log(self):
        path = os.path.join(self.dir, "dovecot.log")
        return open(path, encoding="utf-8", errors="replace").read() if os.path.exists(path) else ""


class HungImap:
    """A sick backend: accepts connections on the IMAP port and never says a word (a hung Dovecot).
    The suite starts it and stops it through this handle; stop() closes every connection it holds."""

    def __init__(self, ip, port=PORTS["imap"]):
        self.ip, self.port = ip, port
        self.held = []
        self.listener = socket.create_server((ip, port), backlog=1024)
        self.thread = threading.Thread(target=self._accept, name=f"hung-imap-{ip}", daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # stop() closed the listener
            self.held.append(conn)

    def stop(self):
        self.listener.close()
        self.thread.join(5)
        for conn in self.held:
            conn.close()
        return len(self.held)
