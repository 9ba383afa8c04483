package io.cphub.proxy.auth;

import java.util.Locale;

/** The mail protocol nginx names in {@code Auth-Protocol}. */
public enum Protocol {
  IMAP, POP3, SMTP;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** The lower-case name used in metrics and logs. */
  public String label() {
    return label;
  }

  /** The protocol for an {@code Auth-Protocol} value, or null. */
  static Protocol of(String value) {
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "imap" -> IMAP;
      case "pop3" -> POP3;
      case "smtp" -> SMTP;
      default -> null;
    };
  }
}
