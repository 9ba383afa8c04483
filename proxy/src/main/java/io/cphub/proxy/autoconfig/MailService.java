package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;
import java.util.Objects;

/**
 * What every generated configuration points at: the one public mail hostname and its ports.
 * Ports {@code imapsPort} (IMAP, implicit TLS) and {@code submissionsPort} (SMTP submission,
 * implicit TLS) are required; {@code imapStarttlsPort}, {@code pop3sPort} and
 * {@code submissionStarttlsPort} are 0 when not offered. Immutable.
 *
 * @param hostname public hostname clients connect to, e.g. {@code mail.hoster.host}
 * @param displayName provider name shown by clients, e.g. {@code Hoster Mail}
 * @param displayShortName short provider name, e.g. {@code Hoster}
 */
public record MailService(
    Domain hostname,
    String displayName,
    String displayShortName,
    int imapsPort,
    int imapStarttlsPort,
    int pop3sPort,
    int submissionsPort,
    int submissionStarttlsPort) {

  static final int MAX_NAME = 100;

  public MailService {
    Objects.requireNonNull(hostname, "hostname");
    if (hostname.isWildcard()) {
      throw new AutoconfigException("autoconfig hostname must not be a wildcard: " + hostname);
    }
    displayName = checkName("displayName", displayName);
    displayShortName = checkName("displayShortName", displayShortName);
    checkPort("imapsPort", imapsPort, false);
    checkPort("imapStarttlsPort", imapStarttlsPort, true);
    checkPort("pop3sPort", pop3sPort, true);
    checkPort("submissionsPort", submissionsPort, false);
    checkPort("submissionStarttlsPort", submissionStarttlsPort, true);
  }

  /** The standard ports: IMAP 993/143, POP3 995, submission 465/587. */
  public static MailService standardPorts(Domain hostname, String displayName, String displayShortName) {
    return new MailService(hostname, displayName, displayShortName, 993, 143, 995, 465, 587);
  }

  private static String checkName(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new AutoconfigException("autoconfig " + key + " is empty");
    }
    if (value.length() > MAX_NAME) {
      throw new AutoconfigException("autoconfig " + key + " longer than " + MAX_NAME + " characters");
    }
    if (!XmlText.isLegal(value) || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new AutoconfigException("autoconfig " + key + " contains a control character");
    }
    return value.strip();
  }

  private static void checkPort(String key, int port, boolean optional) {
    if (optional && port == 0) {
      return;
    }
    if (port < 1 || port > 65535) {
      throw new AutoconfigException(
          "autoconfig " + key + " must be 1..65535" + (optional ? " or 0 (not offered)" : "") + ", was " + port);
    }
  }
}
