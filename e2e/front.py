"""nginx with the mail module in front, configured from the Ansible role's own template."""
import os
import subprocess

import jinja2
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROLE = os.path.join(ROOT, "ansible", "roles", "proxy")


def self_signed(workdir, name="mail.hoster.test"):
    cert, key = os.path.join(workdir, "mail.crt"), os.path.join(workdir, "mail.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "2", "-subj", f"/CN={name}"], check=True, capture_output=True)
    return cert, key


def render(workdir, auth_http_url, secret_header, secret, ports):
    """Renders nginx.conf: the role's mail template with e2e listeners on loopback ports."""
    values = yaml.safe_load(open(os.path.join(ROLE, "defaults", "main.yml")))
    cert, key = self_signed(workdir)
    values.update(
        cphub_public_hostname="mail.hoster.test",
        cphub_tls_certificate=cert,
        cphub_tls_certificate_key=key,
        cphub_proxy_auth_http_url=auth_http_url,
        cphub_proxy_secret_header=secret_header,
        cphub_proxy_shared_secret=secret,
        cphub_mail_listeners=[
            dict(name="imaps", listen=f"127.0.0.1:{ports['imaps']}", protocol="imap", tls="implicit"),
            dict(name="imap", listen=f"127.0.0.1:{ports['imap']}", protocol="imap", tls="starttls"),
            dict(name="pop3s", listen=f"127.0.0.1:{ports['pop3s']}", protocol="pop3", tls="implicit"),
            dict(name="pop3", listen=f"127.0.0.1:{ports['pop3']}", protocol="pop3", tls="starttls"),
            dict(name="submission", listen=f"127.0.0.1:{ports['submission']}", protocol="smtp", tls="starttls"),
        ])
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(os.path.join(ROLE, "templates")),
                             undefined=jinja2.StrictUndefined)
    mail = os.path.join(workdir, "mail.conf")
    with open(mail, "w") as f:
        f.write(env.get_template("nginx-mail.conf.j2").render(**values))
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write("load_module /usr/lib/nginx/modules/ngx_mail_module.so;\n"
                "worker_processes 1;\n"
                f"pid {workdir}/nginx.pid;\n"
                f"error_log {workdir}/nginx-error.log info;\n"
                "events { worker_connections 1024; }\n"
                f"include {mail};\n")
    return conf


def start(procs, workdir, conf):
    subprocess.run(["nginx", "-t", "-p", workdir, "-c", conf], check=True, capture_output=True)
    return procs.start("nginx", ["nginx", "-p", workdir, "-c", conf, "-g", "daemon off;"])
