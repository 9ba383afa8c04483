"""Real mail clients (Python's imaplib, poplib, smtplib) connecting through nginx from a chosen
source address, so the backend's log can show that the real client address came through."""
import imaplib
import poplib
import smtplib
import socket
import ssl

CLIENT_IP = "127.0.0.9"


def _tls():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def _connect(host, port, timeout):
    return socket.create_connection((host, port), timeout, source_address=(CLIENT_IP, 0))


class _Imaps(imaplib.IMAP4_SSL):
    def _create_socket(self, timeout):
        return self.ssl_context.wrap_socket(_connect(self.host, self.port, timeout), server_hostname=self.host)


class _Imap(imaplib.IMAP4):
    def _create_socket(self, timeout):
        return _connect(self.host, self.port, timeout)


def _raw_login(m, user, password):
    """LOGIN with the password as a literal, its bytes exactly as given (UTF-8 or Latin-1); a
    non-ASCII user name goes as a raw UTF-8 atom, as mail clients send an IDN address."""
    if isinstance(password, str):
        password = password.encode("utf-8")
    if isinstance(user, str) and not user.isascii():
        user = user.encode("utf-8")  # imaplib would refuse it; sent as a raw UTF-8 atom
    m.literal = password
    return m._simple_command("LOGIN", user)


def imap_marker(host, port, user, password, mode="imaps", timeout=15):
    """Logs in over IMAP (implicit TLS or STARTTLS) and returns the marker subject of message 1."""
    if mode == "imaps":
        m = _Imaps(host, port, ssl_context=_tls(), timeout=timeout)
    else:
        m = _Imap(host, port, timeout=timeout)
        m.starttls(ssl_context=_tls())
    try:
        typ, data = _raw_login(m, user, password)
        if typ != "OK":
            raise imaplib.IMAP4.error(f"LOGIN refused: {data}")
        m.state = "AUTH"
        m.select("INBOX", readonly=True)
        typ, data = m.fetch("1", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        return data[0][1].decode().strip().removeprefix("Subject: ")
    finally:
        try:
            m.logout()
        except Exception:
            pass


def imap_login_error(host, port, user, password, mode="imaps", timeout=15):
    """Returns the server's reply text to a LOGIN that is expected to fail."""
    try:
        imap_marker(host, port, user, password, mode, timeout)
    except imaplib.IMAP4.error as e:
        return str(e)
    raise AssertionError(f"IMAP login of {user} unexpectedly succeeded")


def imap_plaintext_login_reply(host, port, user, password, timeout=15):
    """Tries LOGIN on a STARTTLS-only port without STARTTLS; returns the server's reply."""
    m = _Imap(host, port, timeout=timeout)
    try:
        typ, data = m._simple_command("LOGIN", user, password)
        return f"{typ} {data}"
    except imaplib.IMAP4.error as e:
        return str(e)
    finally:
        try:
            m.shutdown()
        except Exception:
            pass


class _Pop3s(poplib.POP3_SSL):
    def _create_socket(self, timeout):
        return self.context.wrap_socket(_connect(self.host, self.port, timeout), server_hostname=self.host)


class _Pop3(poplib.POP3):
    def _create_socket(self, timeout):
        return _connect(self.host, self.port, timeout)


def pop3_marker(host, port, user, password, mode="pop3s", timeout=15):
    if mode == "pop3s":
        p = _Pop3s(host, port, context=_tls(), timeout=timeout)
    else:
        p = _Pop3(host, port, timeout=timeout)
        p.stls(context=_tls())
    try:
        p.user(user)
        p.pass_(password)
        lines = p.top(1, 0)[1]
        for line in lines:
            if line.startswith(b"Subject: "):
                return line.decode().removeprefix("Subject: ")
        return None
    finally:
        try:
            p.quit()
        except Exception:
            pass


def pop3_login_error(host, port, user, password, mode="pop3s", timeout=15):
    try:
        pop3_marker(host, port, user, password, mode, timeout)
    except poplib.error_proto as e:
        return str(e)
    raise AssertionError(f"POP3 login of {user} unexpectedly succeeded")


def smtp_submit(host, port, user, password, mode, to, subject, timeout=15):
    """Submits one message over SMTP with AUTH; returns the server's final reply code."""
    if mode == "smtps":
        s = smtplib.SMTP_SSL(host, port, context=_tls(), timeout=timeout, source_address=(CLIENT_IP, 0))
    else:
        s = smtplib.SMTP(host, port, timeout=timeout, source_address=(CLIENT_IP, 0))
        s.ehlo("client.e2e.test")
        s.starttls(context=_tls())
    try:
        s.ehlo("client.e2e.test")
        s.login(user, password)
        msg = f"From: {user}\r\nTo: {to}\r\nSubject: {subject}\r\n\r\nhello\r\n"
        s.sendmail(user, [to], msg.encode())
        return 250
    finally:
        try:
            s.quit()
        except Exception:
            pass


def smtp_auth_error(host, port, user, password, mode, timeout=45):
    try:
        smtp_submit(host, port, user, password, mode, "x@example.net", "nope", timeout)
    except smtplib.SMTPAuthenticationError as e:
        return e.smtp_code, e.smtp_error.decode("utf-8", "replace")
    raise AssertionError(f"SMTP AUTH of {user} unexpectedly succeeded")


def smtp_plaintext_auth_reply(host, port, timeout=15):
    """AUTH before STARTTLS on a STARTTLS-only port: returns (code, text)."""
    s = smtplib.SMTP(host, port, timeout=timeout, source_address=(CLIENT_IP, 0))
    try:
        s.ehlo("client.e2e.test")
        code, text = s.docmd("AUTH", "PLAIN AGJvYgBwdw==")
        return code, text.decode("utf-8", "replace")
    finally:
        try:
            s.quit()
        except Exception:
            pass


class _ImapsFrom(_Imaps):
    """IMAPS from a source address of its own, for many clients at once (CLIENT_IP is one global)."""

    def __init__(self, source_ip, *args, **kwargs):
        self.source_ip = source_ip
        super().__init__(*args, **kwargs)

    def _create_socket(self, timeout):
        raw = socket.create_connection((self.host, self.port), timeout, source_address=(self.source_ip, 0))
        return self.ssl_context.wrap_socket(raw, server_hostname=self.host)


def imap_login_outcome(host, port, user, password, source_ip, timeout):
    """One IMAPS LOGIN from source_ip; returns ("ok"|"no"|"closed"|"timeout"|"error", reply or error text)."""
    try:
        m = _ImapsFrom(source_ip, host, port, ssl_context=_tls(), timeout=timeout)
    except (OSError, imaplib.IMAP4.error) as e:
        return ("timeout" if isinstance(e, socket.timeout) else "error"), f"connect: {e}"
    try:
        typ, data = _raw_login(m, user, password)
        return ("ok" if typ == "OK" else "no"), f"{typ} {data}"
    except imaplib.IMAP4.abort as e:  # the connection ended without a tagged reply
        return "closed", str(e)
    except imaplib.IMAP4.error as e:
        return "no", str(e)
    except socket.timeout as e:
        return "timeout", str(e)
    except OSError as e:
        return "error", str(e)
    finally:
        try:
            m.shutdown()
        except Exception:
            pass
