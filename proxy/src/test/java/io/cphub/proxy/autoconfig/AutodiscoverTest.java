package io.cphub.proxy.autoconfig;

import static io.cphub.proxy.autoconfig.TestXml.child;
import static io.cphub.proxy.autoconfig.TestXml.children;
import static io.cphub.proxy.autoconfig.TestXml.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class AutodiscoverTest {
  static final String REQUEST_NS = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006";
  static final String OUTLOOK = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

  private final Autoconfig core = Fixtures.core();

  static String request(String address, String schema) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Autodiscover xmlns=\"" + REQUEST_NS + "\">\n"
        + "  <Request>\n    <EMailAddress>" + address + "</EMailAddress>\n"
        + (schema == null ? "" : "    <AcceptableResponseSchema>" + schema + "</AcceptableResponseSchema>\n")
        + "  </Request>\n</Autodiscover>\n";
  }

  private AutoconfigResponse post(String path, String body) {
    return core.answer(new AutoconfigRequest("POST", path, "autodiscover.customer.example",
        body.getBytes(StandardCharsets.UTF_8)));
  }

  private AutoconfigResponse post(String body) {
    return post("/autodiscover/autodiscover.xml", body);
  }

  private static Element account(AutoconfigResponse r) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/xml");
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    Element root = TestXml.parse(r.body()).getDocumentElement();
    assertThat(root.getLocalName()).isEqualTo("Autodiscover");
    assertThat(root.getNamespaceURI()).isEqualTo(AutodiscoverResponse.RESPONSE_NS);
    Element response = child(root, "Response");
    assertThat(response.getNamespaceURI()).isEqualTo(OUTLOOK);
    Element account = child(response, "Account");
    assertThat(text(account, "AccountType")).isEqualTo("email");
    assertThat(text(account, "Action")).isEqualTo("settings");
    return account;
  }

  private static Element error(AutoconfigResponse r, int status, String code) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
    Element root = TestXml.parse(r.body()).getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo(AutodiscoverResponse.RESPONSE_NS);
    Element error = child(child(root, "Response"), "Error");
    assertThat(text(error, "ErrorCode")).isEqualTo(code);
    assertThat(error.getAttribute("Time")).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{7}");
    assertThat(error.getAttribute("Id")).matches("\\d+");
    return error;
  }

  @Test
  void thunderbirdsRequest_getsImapPopSmtpSettings() {
    Element account = account(post(request("Jane.Doe@Customer.Example", OUTLOOK)));
    List<Element> protocols = children(account, "Protocol");
    assertThat(protocols).extracting(p -> text(p, "Type") + " " + text(p, "Port"))
        .containsExactly("IMAP 993", "POP3 995", "SMTP 465");
    for (Element p : protocols) {
      assertThat(text(p, "Server")).isEqualTo("mail.hoster.host");
      assertThat(text(p, "LoginName")).isEqualTo("Jane.Doe@customer.example");
      assertThat(text(p, "SSL")).isEqualTo("on");
      assertThat(text(p, "SPA")).isEqualTo("off");
      assertThat(text(p, "AuthRequired")).isEqualTo("on");
      assertThat(text(p, "DomainRequired")).isEqualTo("off");
    }
    assertThat(text(protocols.get(2), "UsePOPAuth")).isEqualTo("on");
    assertThat(text(protocols.get(2), "SMTPLast")).isEqualTo("off");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "https://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a",
      "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006",
      "HTTP://SCHEMAS.MICROSOFT.COM/exchange/autodiscover/outlook/responseschema/2006a"})
  void outlookSchemaSpellings_areAccepted_andTheCanonicalOneAnswered(String schema) {
    AutoconfigResponse r = post(request("user@customer.example", schema));
    account(r);
    assertThat(r.bodyText()).doesNotContain("https://schemas").doesNotContain("SCHEMAS");
  }

  @Test
  void missingSchema_getsOutlookSettings() {
    account(post(request("user@customer.example", null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/autodiscover/autodiscover.xml", "/Autodiscover/Autodiscover.xml",
      "/AutoDiscover/AutoDiscover.xml", "/AUTODISCOVER/AUTODISCOVER.XML"})
  void pathSpellings_areAllServed(String path) {
    account(post(path, request("user@customer.example", OUTLOOK)));
  }

  @Test
  void requestWithoutNamespace_orWithJunkAround_isAccepted() {
    account(post("<Autodiscover><Request><EMailAddress>user@customer.example</EMailAddress>"
        + "</Request></Autodiscover>"));
    account(post("\uFEFF\r\n  " + request("user@customer.example", OUTLOOK) + "\r\n\0junk"));
  }

  @Test
  void markupInTheLocalPart_isEscaped_andReadBackExactly() {
    String local = "a&<b>\"'";
    String body = request("a&amp;&lt;b&gt;&quot;&apos;@customer.example", OUTLOOK);
    AutoconfigResponse r = post(body);
    assertThat(text(children(account(r), "Protocol").get(0), "LoginName")).isEqualTo(local + "@customer.example");
    assertThat(r.bodyText()).contains("a&amp;&lt;b&gt;&quot;&apos;@customer.example");
  }

  @Test
  void internationalisedDomain_isAnsweredWithItsALabel() {
    Element account = account(post(request("jürgen@Bücher.example", OUTLOOK)));
    assertThat(text(children(account, "Protocol").get(0), "LoginName")).isEqualTo("jürgen@xn--bcher-kva.example");
  }

  @Test
  void unknownDomain_is404_withError500() {
    AutoconfigResponse r = post(request("user@unknown.example", OUTLOOK));
    error(r, 404, "500");
    assertThat(r.bodyText()).doesNotContain("unknown.example").doesNotContain("customer.example");
  }

  @Test
  void mobilesyncSchema_getsError601InThatSchema() {
    AutoconfigResponse r = post(request("user@customer.example",
        "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"));
    Element error = error(r, 200, "601");
    assertThat(error.getParentNode().getNamespaceURI()).isEqualTo(AutodiscoverResponse.MOBILESYNC_NS);
  }

  @Test
  void foreignSchema_getsError601_andIsNotReflected() {
    AutoconfigResponse r = post(request("user@customer.example", "http://evil.example/&lt;x&gt;"));
    error(r, 200, "601");
    assertThat(r.bodyText()).doesNotContain("evil");
  }

  @Test
  void get_is405() {
    AutoconfigResponse r = core.answer(AutoconfigRequest.get("/autodiscover/autodiscover.xml", "customer.example"));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not xml at all",
      "<Autodiscover><Request>",
      "<Other><Request><EMailAddress>user@customer.example</EMailAddress></Request></Other>",
      "<Autodiscover><EMailAddress>user@customer.example</EMailAddress></Autodiscover>",
      "<Autodiscover><Request></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress>a@customer.example</EMailAddress>"
          + "<EMailAddress>b@customer.example</EMailAddress></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress><b>user@customer.example</b></EMailAddress></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress>user</EMailAddress></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress>us er@customer.example</EMailAddress></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress>a&#13;&#10;b@customer.example</EMailAddress></Request></Autodiscover>",
      "<Autodiscover><Request><EMailAddress>user@customer.example</EMailAddress></Request></Autodiscover><x/>",
      "<?xml version=\"1.0\"?><!DOCTYPE Autodiscover><Autodiscover><Request><EMailAddress>user@customer.example"
          + "</EMailAddress></Request></Autodiscover>",
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;\">"
          + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;\">]><Autodiscover><Request><EMailAddress>&lol3;"
          + "@customer.example</EMailAddress></Request></Autodiscover>",
      "<Autodiscover xmlns:xi=\"http://www.w3.org/2001/XInclude\"><Request><EMailAddress>"
          + "<xi:include href=\"file:///etc/hostname\" parse=\"text\"/></EMailAddress></Request></Autodiscover>"})
  void malformedRequest_is400_withError600(String body) {
    error(post(body), 400, "600");
  }

  @Test
  void overlongAddress_is400() {
    error(post(request("a".repeat(600) + "@customer.example", OUTLOOK)), 400, "600");
  }

  @Test
  void externalEntity_isNeverResolved(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOPSECRET");
    String uri = secret.toUri().toString();
    String general = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + uri + "\">]>"
        + "<Autodiscover><Request><EMailAddress>&xxe;@customer.example</EMailAddress></Request></Autodiscover>";
    String parameter = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY % p SYSTEM \"" + uri + "\"> %p;]>"
        + "<Autodiscover><Request><EMailAddress>user@customer.example</EMailAddress></Request></Autodiscover>";
    String externalDtd = "<?xml version=\"1.0\"?><!DOCTYPE Autodiscover SYSTEM \"" + uri + "\">"
        + "<Autodiscover><Request><EMailAddress>user@customer.example</EMailAddress></Request></Autodiscover>";
    for (String body : List.of(general, parameter, externalDtd)) {
      AutoconfigResponse r = post(body);
      error(r, 400, "600");
      assertThat(r.bodyText()).doesNotContain("TOPSECRET");
    }
  }

  @Test
  void parser_refusesAnyDoctype() {
    byte[] body = "<!DOCTYPE Autodiscover><Autodiscover/>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AutodiscoverRequest.parse(body))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("DOCTYPE");
  }
}
