package io.cphub.proxy.autoconfig;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Renders an Apple configuration profile (XML plist, one {@code com.apple.mail.managed} payload)
 * for one address: IMAP with implicit TLS and SMTP submission with implicit TLS at the public
 * hostname, password authentication, no password in the profile. {@code PayloadIdentifier} and
 * {@code PayloadUUID} are name-based UUIDs of the address (local part compared without case), so
 * installing the profile again replaces the old one. Stateless.
 */
final class MobileConfig {
  private final MailService service;
  private final String identifierPrefix;

  MobileConfig(MailService service) {
    this.service = service;
    this.identifierPrefix = reverse(service.hostname().name()) + ".autoconfig.";
  }

  /** The profile's top-level {@code PayloadUUID} for {@code address}. */
  static UUID profileUuid(EmailAddress address) {
    return UUID.nameUUIDFromBytes(("cphub-profile:" + address.identityKey()).getBytes(StandardCharsets.UTF_8));
  }

  /** The mail payload's {@code PayloadUUID} for {@code address}. */
  static UUID mailPayloadUuid(EmailAddress address) {
    return UUID.nameUUIDFromBytes(("cphub-mail:" + address.identityKey()).getBytes(StandardCharsets.UTF_8));
  }

  String render(EmailAddress address) {
    String email = address.text();
    String profileUuid = profileUuid(address).toString().toUpperCase(Locale.ROOT);
    String mailUuid = mailPayloadUuid(address).toString().toUpperCase(Locale.ROOT);
    String identifier = identifierPrefix + profileUuid;
    String host = service.hostname().name();
    StringBuilder x = new StringBuilder(4096);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" ")
        .append("\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
    x.append("<plist version=\"1.0\">\n<dict>\n");
    x.append("<key>PayloadContent</key>\n<array>\n<dict>\n");
    string(x, "PayloadType", "com.apple.mail.managed");
    integer(x, "PayloadVersion", 1);
    string(x, "PayloadIdentifier", identifier + ".mail");
    string(x, "PayloadUUID", mailUuid);
    string(x, "PayloadDisplayName", service.displayName());
    string(x, "EmailAccountType", "EmailTypeIMAP");
    string(x, "EmailAccountDescription", email);
    string(x, "EmailAddress", email);
    string(x, "IncomingMailServerHostName", host);
    integer(x, "IncomingMailServerPortNumber", service.imapsPort());
    bool(x, "IncomingMailServerUseSSL", true);
    string(x, "IncomingMailServerAuthentication", "EmailAuthPassword");
    string(x, "IncomingMailServerUsername", email);
    string(x, "OutgoingMailServerHostName", host);
    integer(x, "OutgoingMailServerPortNumber", service.submissionsPort());
    bool(x, "OutgoingMailServerUseSSL", true);
    string(x, "OutgoingMailServerAuthentication", "EmailAuthPassword");
    string(x, "OutgoingMailServerUsername", email);
    bool(x, "OutgoingPasswordSameAsIncomingPassword", true);
    x.append("</dict>\n</array>\n");
    string(x, "PayloadType", "Configuration");
    integer(x, "PayloadVersion", 1);
    string(x, "PayloadIdentifier", identifier);
    string(x, "PayloadUUID", profileUuid);
    string(x, "PayloadDisplayName", service.displayName() + " (" + email + ")");
    string(x, "PayloadDescription", "Mail settings for " + email);
    string(x, "PayloadOrganization", service.displayName());
    bool(x, "PayloadRemovalDisallowed", false);
    x.append("</dict>\n</plist>\n");
    return x.toString();
  }

  private static void string(StringBuilder x, String key, String value) {
    x.append("<key>").append(key).append("</key>\n<string>").append(XmlText.escape(value)).append("</string>\n");
  }

  private static void integer(StringBuilder x, String key, int value) {
    x.append("<key>").append(key).append("</key>\n<integer>").append(value).append("</integer>\n");
  }

  private static void bool(StringBuilder x, String key, boolean value) {
    x.append("<key>").append(key).append("</key>\n").append(value ? "<true/>" : "<false/>").append('\n');
  }

  private static String reverse(String hostname) {
    String[] labels = hostname.split("\\.");
    StringBuilder b = new StringBuilder(hostname.length());
    for (int i = labels.length - 1; i >= 0; i--) {
      b.append(labels[i]);
      if (i > 0) {
        b.append('.');
      }
    }
    return b.toString();
  }
}
