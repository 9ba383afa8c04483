package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class MobileConfigTest {
  private final Autoconfig core = Fixtures.core();

  private AutoconfigResponse get(String uri) {
    return core.answer(AutoconfigRequest.get(uri, "mail.hoster.host"));
  }

  /** Parses a profile into (top-level dict, mail payload dict) and checks the shape Apple requires. */
  static List<Map<String, Element>> profile(byte[] plist) {
    Element root = TestXml.parsePlist(plist).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("plist");
    assertThat(root.getAttribute("version")).isEqualTo("1.0");
    Map<String, Element> top = TestXml.dict(TestXml.child(root, "dict"));
    assertThat(top.get("PayloadType").getTextContent()).isEqualTo("Configuration");
    assertThat(top.get("PayloadVersion").getLocalName()).isEqualTo("integer");
    assertThat(top.get("PayloadVersion").getTextContent()).isEqualTo("1");
    List<Element> payloads = TestXml.children(top.get("PayloadContent"), "dict");
    assertThat(payloads).hasSize(1);
    Map<String, Element> mail = TestXml.dict(payloads.get(0));
    assertThat(mail.get("PayloadType").getTextContent()).isEqualTo("com.apple.mail.managed");
    assertThat(mail.get("PayloadVersion").getTextContent()).isEqualTo("1");
    for (Map<String, Element> d : List.of(top, mail)) {
      UUID.fromString(d.get("PayloadUUID").getTextContent());
      assertThat(d.get("PayloadIdentifier").getTextContent()).matches("[A-Za-z0-9.-]+");
    }
    assertThat(mail.get("PayloadIdentifier").getTextContent())
        .startsWith(top.get("PayloadIdentifier").getTextContent() + ".");
    return List.of(top, mail);
  }

  private static String s(Map<String, Element> d, String key) {
    assertThat(d).containsKey(key);
    return d.get(key).getTextContent();
  }

  @Test
  void profile_configuresImapAndSubmissionWithTls() {
    AutoconfigResponse r = get("/apple/mobileconfig?email=Jane.Doe%40Customer.Example");
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/x-apple-aspen-config");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"customer.example.mobileconfig\"");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    Map<String, Element> mail = profile(r.body()).get(1);
    assertThat(s(mail, "EmailAccountType")).isEqualTo("EmailTypeIMAP");
    assertThat(s(mail, "EmailAddress")).isEqualTo("Jane.Doe@customer.example");
    assertThat(s(mail, "IncomingMailServerHostName")).isEqualTo("mail.hoster.host");
    assertThat(s(mail, "IncomingMailServerPortNumber")).isEqualTo("993");
    assertThat(mail.get("IncomingMailServerUseSSL").getLocalName()).isEqualTo("true");
    assertThat(s(mail, "IncomingMailServerAuthentication")).isEqualTo("EmailAuthPassword");
    assertThat(s(mail, "IncomingMailServerUsername")).isEqualTo("Jane.Doe@customer.example");
    assertThat(s(mail, "OutgoingMailServerHostName")).isEqualTo("mail.hoster.host");
    assertThat(s(mail, "OutgoingMailServerPortNumber")).isEqualTo("465");
    assertThat(mail.get("OutgoingMailServerUseSSL").getLocalName()).isEqualTo("true");
    assertThat(s(mail, "OutgoingMailServerAuthentication")).isEqualTo("EmailAuthPassword");
    assertThat(s(mail, "OutgoingMailServerUsername")).isEqualTo("Jane.Doe@customer.example");
    assertThat(mail.get("OutgoingPasswordSameAsIncomingPassword").getLocalName()).isEqualTo("true");
    assertThat(mail).doesNotContainKeys("IncomingPassword", "OutgoingPassword");
  }

  @Test
  void identifiers_areStablePerAddress_soReinstallingReplaces() {
    List<Map<String, Element>> a = profile(get("/apple/mobileconfig?email=jane%40customer.example").body());
    List<Map<String, Element>> again = profile(get("/apple/mobileconfig?emailaddress=Jane%40CUSTOMER.example").body());
    List<Map<String, Element>> other = profile(get("/apple/mobileconfig?email=john%40customer.example").body());
    for (int i = 0; i < 2; i++) {
      assertThat(s(again.get(i), "PayloadUUID")).isEqualTo(s(a.get(i), "PayloadUUID"));
      assertThat(s(again.get(i), "PayloadIdentifier")).isEqualTo(s(a.get(i), "PayloadIdentifier"));
      assertThat(s(other.get(i), "PayloadUUID")).isNotEqualTo(s(a.get(i), "PayloadUUID"));
      assertThat(s(other.get(i), "PayloadIdentifier")).isNotEqualTo(s(a.get(i), "PayloadIdentifier"));
    }
    assertThat(s(a.get(0), "PayloadUUID")).isNotEqualTo(s(a.get(1), "PayloadUUID"));
    assertThat(s(a.get(0), "PayloadIdentifier")).startsWith("host.hoster.mail.");
    assertThat(UUID.fromString(s(a.get(0), "PayloadUUID")).version()).isEqualTo(3);
  }

  @Test
  void markupInTheLocalPart_isEscaped() {
    AutoconfigResponse r = get("/apple/mobileconfig?email=a%26%3Cb%3E%22%27%40customer.example");
    Map<String, Element> mail = profile(r.body()).get(1);
    assertThat(s(mail, "EmailAddress")).isEqualTo("a&<b>\"'@customer.example");
    assertThat(r.bodyText()).doesNotContain("<b>");
  }

  @Test
  void unknownDomain_is404() {
    assertThat(get("/apple/mobileconfig?email=user%40unknown.example").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/apple/mobileconfig", "/apple/mobileconfig?email=", "/apple/mobileconfig?email=user",
      "/apple/mobileconfig?email=a%0D%0AContent-Type:%20text/html%40customer.example",
      "/apple/mobileconfig?email=a%40customer.example&email=b%40customer.example"})
  void missingOrBadAddress_is400(String uri) {
    AutoconfigResponse r = get(uri);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
  }
}
