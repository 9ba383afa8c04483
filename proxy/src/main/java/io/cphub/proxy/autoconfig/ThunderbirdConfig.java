package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;

/**
 * Renders a Thunderbird autoconfig v1.1 document ({@code clientConfig}) for one domain. The
 * provider id is the literal public hostname (Thunderbird for Android rejects placeholders there);
 * every server has {@code socketType} SSL or STARTTLS and {@code username} {@code %EMAILADDRESS%};
 * the only {@code <domain>} listed is the one asked for. Stateless.
 */
final class ThunderbirdConfig {
  private final MailService service;

  ThunderbirdConfig(MailService service) {
    this.service = service;
  }

  String render(Domain domain) {
    String host = service.hostname().name();
    StringBuilder x = new StringBuilder(2048);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<clientConfig version=\"1.1\">\n");
    x.append("  <emailProvider id=\"").append(XmlText.escape(host)).append("\">\n");
    x.append("    <domain>").append(XmlText.escape(domain.name())).append("</domain>\n");
    x.append("    <displayName>").append(XmlText.escape(service.displayName())).append("</displayName>\n");
    x.append("    <displayShortName>").append(XmlText.escape(service.displayShortName()))
        .append("</displayShortName>\n");
    server(x, "incomingServer", "imap", service.imapsPort(), "SSL");
    server(x, "incomingServer", "imap", service.imapStarttlsPort(), "STARTTLS");
    server(x, "incomingServer", "pop3", service.pop3sPort(), "SSL");
    server(x, "outgoingServer", "smtp", service.submissionsPort(), "SSL");
    server(x, "outgoingServer", "smtp", service.submissionStarttlsPort(), "STARTTLS");
    x.append("  </emailProvider>\n");
    x.append("</clientConfig>\n");
    return x.toString();
  }

  private void server(StringBuilder x, String element, String type, int port, String socketType) {
    if (port == 0) {
      return;
    }
    x.append("    <").append(element).append(" type=\"").append(type).append("\">\n");
    x.append("      <hostname>").append(XmlText.escape(service.hostname().name())).append("</hostname>\n");
    x.append("      <port>").append(port).append("</port>\n");
    x.append("      <socketType>").append(socketType).append("</socketType>\n");
    x.append("      <authentication>password-cleartext</authentication>\n");
    x.append("      <username>%EMAILADDRESS%</username>\n");
    if ("pop3".equals(type)) {
      x.append("      <pop3><leaveMessagesOnServer>true</leaveMessagesOnServer></pop3>\n");
    }
    x.append("    </").append(element).append(">\n");
  }
}
