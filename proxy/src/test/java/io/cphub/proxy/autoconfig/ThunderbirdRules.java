package io.cphub.proxy.autoconfig;

import static io.cphub.proxy.autoconfig.TestXml.child;
import static io.cphub.proxy.autoconfig.TestXml.children;
import static io.cphub.proxy.autoconfig.TestXml.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The checks Thunderbird desktop ({@code readFromXML} + {@code Sanitizer}) and Thunderbird for
 * Android ({@code RealAutoconfigParser}) apply to a clientConfig document, the stricter of the two
 * where they differ.
 */
final class ThunderbirdRules {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final String LDH = LABEL + "(?:\\." + LABEL + ")+";
  private static final Set<String> SOCKET_TYPES_ANDROID = Set.of("SSL", "STARTTLS");
  private static final Set<String> AUTH_ANDROID = Set.of("password-cleartext", "password-encrypted", "OAuth2");

  private ThunderbirdRules() {}

  /** Checks {@code doc} and returns its {@code emailProvider}. */
  static Element check(Document doc, String expectedDomain) {
    Element root = doc.getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("clientConfig");
    assertThat(root.getAttribute("version")).isEqualTo("1.1");
    Element provider = child(root, "emailProvider");
    String id = provider.getAttribute("id");
    assertThat(id).as("emailProvider@id is a literal hostname, no placeholder (TB for Android)").matches(LDH);
    List<Element> domains = children(provider, "domain");
    assertThat(domains).as("only the asked-for domain is listed").hasSize(1);
    assertThat(domains.get(0).getTextContent()).isEqualTo(expectedDomain).matches(LDH);
    assertThat(text(provider, "displayName")).isNotBlank();

    List<Element> incoming = children(provider, "incomingServer");
    assertThat(incoming).isNotEmpty();
    assertThat(incoming.get(0).getAttribute("type")).as("preferred incoming is IMAP").isEqualTo("imap");
    assertThat(text(incoming.get(0), "socketType")).as("preferred incoming uses implicit TLS").isEqualTo("SSL");
    for (Element s : incoming) {
      assertThat(s.getAttribute("type")).isIn("imap", "pop3");
      checkServer(s);
    }
    List<Element> outgoing = children(provider, "outgoingServer");
    assertThat(outgoing).isNotEmpty();
    assertThat(text(outgoing.get(0), "socketType")).isEqualTo("SSL");
    for (Element s : outgoing) {
      assertThat(s.getAttribute("type")).isEqualTo("smtp");
      checkServer(s);
    }
    return provider;
  }

  private static void checkServer(Element s) {
    assertThat(text(s, "hostname")).matches(LDH);
    assertThat(Integer.parseInt(text(s, "port"))).isBetween(1, 65535);
    assertThat(text(s, "socketType")).isIn(SOCKET_TYPES_ANDROID);
    assertThat(text(s, "authentication")).isIn(AUTH_ANDROID);
    assertThat(text(s, "username")).isEqualTo("%EMAILADDRESS%");
  }
}
