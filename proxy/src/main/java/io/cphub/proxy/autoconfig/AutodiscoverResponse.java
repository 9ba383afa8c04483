package io.cphub.proxy.autoconfig;

import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders POX Autodiscover responses: the IMAP/POP3/SMTP "email" account settings (with explicit
 * {@code SSL on}, {@code SPA off}, {@code LoginName} = the address) and the documented error
 * bodies (MS-OXDSCLI codes 500, 600, 601). Only fixed namespaces are written: the requested schema
 * is never reflected. Stateless apart from the injected clock.
 */
final class AutodiscoverResponse {
  static final String RESPONSE_NS = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
  static final String OUTLOOK_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";
  static final String MOBILESYNC_NS =
      "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSS");

  private final MailService service;
  private final Clock clock;

  AutodiscoverResponse(MailService service, Clock clock) {
    this.service = service;
    this.clock = clock;
  }

  /** Settings for {@code address} in the Outlook 2006a schema. */
  String settings(EmailAddress address) {
    String login = XmlText.escape(address.text());
    StringBuilder x = new StringBuilder(2048);
    x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.append("<Autodiscover xmlns=\"").append(RESPONSE_NS).append("\">\n");
    x.append("  <Response xmlns=\"").append(OUTLOOK_NS).append("\">\n");
    x.append("    <Account>\n");
    x.append("      <AccountType>email</AccountType>\n");
    x.append("      <Action>settings</Action>\n");
    protocol(x, "IMAP", service.imapsPort(), login, false);
    protocol(x, "POP3", service.pop3sPort(), login, false);
    protocol(x, "SMTP", service.submissionsPort(), login, true);
    x.append("    </Account>\n");
    x.append("  </Response>\n");
    x.append("</Autodiscover>\n");
    return x.toString();
  }

  private void protocol(StringBuilder x, String type, int port, String login, boolean smtp) {
    if (port == 0) {
      return;
    }
    x.append("      <Protocol>\n");
    x.append("        <Type>").append(type).append("</Type>\n");
    x.append("        <Server>").append(XmlText.escape(service.hostname().name())).append("</Server>\n");
    x.append("        <Port>").append(port).append("</Port>\n");
    x.append("        <LoginName>").append(login).append("</LoginName>\n");
    x.append("        <DomainRequired>off</DomainRequired>\n");
    x.append("        <SPA>off</SPA>\n");
    x.append("        <SSL>on</SSL>\n");
    x.append("        <AuthRequired>on</AuthRequired>\n");
    if (smtp) {
      x.append("        <UsePOPAuth>on</UsePOPAuth>\n");
      x.append("        <SMTPLast>off</SMTPLast>\n");
    }
    x.append("      </Protocol>\n");
  }

  /** An error body; {@code responseNs} null puts {@code Error} directly under an unqualified Response. */
  String error(int code, String message, String responseNs) {
    LocalTime now = LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    long id = Math.floorMod(clock.millis() * 2654435761L, 2_000_000_000L);
    StringBuilder x = new StringBuilder(512);
    x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.append("<Autodiscover xmlns=\"").append(RESPONSE_NS).append("\">\n");
    x.append("  <Response");
    if (responseNs != null) {
      x.append(" xmlns=\"").append(responseNs).append('"');
    }
    x.append(">\n");
    x.append("    <Error Time=\"").append(TIME.format(now)).append("\" Id=\"").append(id).append("\">\n");
    x.append("      <ErrorCode>").append(code).append("</ErrorCode>\n");
    x.append("      <Message>").append(XmlText.escape(message)).append("</Message>\n");
    x.append("      <DebugData />\n");
    x.append("    </Error>\n");
    x.append("  </Response>\n");
    x.append("</Autodiscover>\n");
    return x.toString();
  }
}
