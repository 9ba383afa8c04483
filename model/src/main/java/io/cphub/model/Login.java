package io.cphub.model;

/**
 * A mail login in one of the forms cPanel's mail server accepts, parsed for routing.
 *
 * <ul>
 *   <li>{@link Address} {@code local@domain}: route by the domain;
 *   <li>{@link MailServerUser} {@code local+domain}: cPanel's mail-server username form (API 1
 *       {@code Email::getmailserveruser}); route by the domain after the last {@code +}, but only
 *       when that domain is registered;
 *   <li>{@link Account} a bare cPanel username: the account's default mailbox; route by account.
 * </ul>
 *
 * The local part keeps its case: it is passed to the backend as the client sent it. The domain
 * part is normalised ({@link Domain}), so {@link #canonical()} is what the backend knows, whatever
 * case, Unicode form or trailing dot the client typed. Values are immutable.
 */
public sealed interface Login permits Login.Address, Login.MailServerUser, Login.Account {
  int MAX_LOCAL = 64;
  int MAX_LOGIN = 320;

  /** {@code local@domain}. */
  record Address(String local, Domain domain) implements Login {
    @Override
    public String canonical() {
      return local + '@' + domain.name();
    }
  }

  /** {@code local+domain}, cPanel's mail-server username form. */
  record MailServerUser(String local, Domain domain) implements Login {
    @Override
    public String canonical() {
      return local + '+' + domain.name();
    }
  }

  /** A bare cPanel username. */
  record Account(Username username) implements Login {
    @Override
    public String canonical() {
      return username.name();
    }
  }

  /**
   * The login in its canonical form: the local part as typed, then {@code @} or {@code +} as
   * typed, then the normalised domain (lower-case ASCII, punycode, no trailing dot); for a bare
   * username, the lower-case username.
   */
  String canonical();

  /**
   * Parses a login or throws {@link InvalidNameException} naming what is wrong. Never lower-cases
   * the local part.
   */
  static Login parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new InvalidNameException("login is empty");
    }
    if (raw.length() > MAX_LOGIN) {
      throw new InvalidNameException("login longer than " + MAX_LOGIN + " characters");
    }
    int at = raw.indexOf('@');
    if (at >= 0) {
      if (raw.indexOf('@', at + 1) >= 0) {
        throw new InvalidNameException("login has more than one '@': " + Printable.of(raw));
      }
      String local = checkLocal(raw.substring(0, at), raw);
      return new Address(local, domainOf(raw.substring(at + 1), raw));
    }
    int plus = raw.lastIndexOf('+');
    if (plus >= 0) {
      String local = checkLocal(raw.substring(0, plus), raw);
      return new MailServerUser(local, domainOf(raw.substring(plus + 1), raw));
    }
    try {
      return new Account(Username.parse(raw));
    } catch (InvalidNameException e) {
      throw new InvalidNameException(
          "login is neither local@domain, local+domain nor a cPanel username: " + e.getMessage());
    }
  }

  /** The domain this login routes by, or null for a bare username. */
  default Domain routeDomain() {
    if (this instanceof Address a) {
      return a.domain();
    }
    if (this instanceof MailServerUser m) {
      return m.domain();
    }
    return null;
  }

  private static Domain domainOf(String part, String raw) {
    if (part.isEmpty()) {
      throw new InvalidNameException("login has no domain: " + Printable.of(raw));
    }
    if (part.startsWith("*")) {
      throw new InvalidNameException("login names a wildcard domain: " + Printable.of(raw));
    }
    try {
      return Domain.parse(part);
    } catch (InvalidNameException e) {
      throw new InvalidNameException("login has an invalid domain: " + e.getMessage());
    }
  }

  private static String checkLocal(String local, String raw) {
    if (local.isEmpty()) {
      throw new InvalidNameException("login has an empty local part: " + Printable.of(raw));
    }
    if (local.length() > MAX_LOCAL) {
      throw new InvalidNameException(
          "login local part longer than " + MAX_LOCAL + " characters: " + Printable.of(raw));
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new InvalidNameException(
            "login local part contains a space or control character: " + Printable.of(raw));
      }
    }
    return local;
  }
}
