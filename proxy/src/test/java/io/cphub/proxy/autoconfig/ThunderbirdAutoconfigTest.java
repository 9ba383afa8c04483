package io.cphub.proxy.autoconfig;

import static io.cphub.proxy.autoconfig.TestXml.children;
import static io.cphub.proxy.autoconfig.TestXml.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

class ThunderbirdAutoconfigTest {
  private final Autoconfig core = Fixtures.core();

  private AutoconfigResponse get(String uri, String host) {
    return core.answer(AutoconfigRequest.get(uri, host));
  }

  private Element okConfig(AutoconfigResponse r, String domain) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("text/xml");
    return ThunderbirdRules.check(TestXml.parse(r.body()), domain);
  }

  @Test
  void withEmailAddress_answersTheDomainsConfig() {
    Element provider = okConfig(get("/mail/config-v1.1.xml?emailaddress=Jane.Doe%40Customer.Example",
        "autoconfig.customer.example"), "customer.example");

    assertThat(provider.getAttribute("id")).isEqualTo("mail.hoster.host");
    List<Element> in = children(provider, "incomingServer");
    assertThat(in).extracting(e -> e.getAttribute("type") + " " + text(e, "port") + " " + text(e, "socketType"))
        .containsExactly("imap 993 SSL", "imap 143 STARTTLS", "pop3 995 SSL");
    List<Element> out = children(provider, "outgoingServer");
    assertThat(out).extracting(e -> text(e, "port") + " " + text(e, "socketType"))
        .containsExactly("465 SSL", "587 STARTTLS");
    assertThat(in).allSatisfy(e -> assertThat(text(e, "hostname")).isEqualTo("mail.hoster.host"));
    assertThat(out).allSatisfy(e -> assertThat(text(e, "hostname")).isEqualTo("mail.hoster.host"));
  }

  @Test
  void withoutEmailAddress_takesTheDomainFromTheAutoconfigHost() {
    okConfig(get("/mail/config-v1.1.xml", "autoconfig.customer.example"), "customer.example");
    okConfig(get("/mail/config-v1.1.xml?emailaddress=", "AutoConfig.Customer.Example:443"), "customer.example");
  }

  @Test
  void wellKnownPath_onTheBareDomain_withAndWithoutAddress() {
    okConfig(get("/.well-known/autoconfig/mail/config-v1.1.xml", "customer.example"), "customer.example");
    okConfig(get("/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=a%40other.example", "customer.example"),
        "other.example");
  }

  @Test
  void hosterHostname_answersForTheAddressesDomain() {
    // Thunderbird's MX lookup: https://autoconfig.<MX base domain>/mail/config-v1.1.xml?emailaddress=...
    okConfig(get("/mail/config-v1.1.xml?emailaddress=user%40customer.example", "autoconfig.mail.hoster.host"),
        "customer.example");
    okConfig(get("/mail/config-v1.1.xml?emailaddress=user%40customer.example", "autoconfig.hoster.host"),
        "customer.example");
  }

  @Test
  void evolutionsPlaceholderAddress_isAccepted() {
    okConfig(get("/mail/config-v1.1.xml?emailaddress=EVOLUTIONUSER%40customer.example&emailmd5=abc", null),
        "customer.example");
  }

  @Test
  void internationalisedDomain_isAnsweredWithItsALabel() {
    okConfig(get("/mail/config-v1.1.xml?emailaddress=j%C3%BCrgen%40B%C3%BCcher.example", null),
        "xn--bcher-kva.example");
    okConfig(get("/mail/config-v1.1.xml", "autoconfig.xn--bcher-kva.example"), "xn--bcher-kva.example");
  }

  @Test
  void pathCase_doesNotMatter() {
    okConfig(get("/Mail/Config-v1.1.XML", "autoconfig.customer.example"), "customer.example");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/mail/config-v1.1.xml?emailaddress=user%40unknown.example",
      "/mail/config-v1.1.xml?emailaddress=user%40hoster.host",
      "/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=user%40sub.customer.example"})
  void unknownDomain_is404_andNamesNoDomain(String uri) {
    AutoconfigResponse r = get(uri, "autoconfig.customer.example");
    assertThat(r.status()).isEqualTo(404);
    for (var d : Fixtures.KNOWN) {
      assertThat(r.bodyText()).doesNotContain(d.name());
    }
  }

  @Test
  void unknownHost_withoutAddress_is404() {
    assertThat(get("/mail/config-v1.1.xml", "autoconfig.unknown.example").status()).isEqualTo(404);
    assertThat(get("/mail/config-v1.1.xml", "autoconfig.mail.hoster.host").status()).isEqualTo(404);
    assertThat(get("/mail/config-v1.1.xml", "127.0.0.1").status()).isEqualTo(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "no-at-sign", "a%40b%40customer.example", "user%40", "%40customer.example",
      "user%0D%0AX-Injected%3A%201%40customer.example", "user%40custo%0Amer.example",
      "user%40exa%20mple.example", "user%40*.customer.example", "user%2Bcustomer.example",
      "user%40customer..example", "%3Cscript%3E%40%3Cscript%3E", "user%40customer.example%00"})
  void badAddress_is400_andNotEchoed(String param) {
    AutoconfigResponse r = get("/mail/config-v1.1.xml?emailaddress=" + param, "autoconfig.customer.example");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("text/plain");
    assertThat(r.bodyText()).doesNotContain("<script>").doesNotContain("Injected").doesNotContain("customer");
  }

  @Test
  void overlongAddress_is400() {
    String local = "a".repeat(65);
    assertThat(get("/mail/config-v1.1.xml?emailaddress=" + local + "%40customer.example", null).status())
        .isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "[::1]:8080", "customer.example:", "customer.example:http",
      "customer.example:123456", "evil.example\r\nX-Injected: 1", "a..b", "bad_host.example", "*.customer.example",
      "autoconfig.customer.example:443:443"})
  void oddHost_withoutAddress_is400(String host) {
    AutoconfigResponse r = get("/mail/config-v1.1.xml", host);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).doesNotContain("Injected");
  }

  @Test
  void missingHost_withoutAddress_is400() {
    assertThat(get("/mail/config-v1.1.xml", null).status()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/mail/config-v1.1.xml?emailaddress=a%40customer.example&emailaddress=b%40customer.example",
      "/mail/config-v1.1.xml?emailaddress=a%40customer.example&EmailAddress=b%40customer.example",
      "/mail/config-v1.1.xml?emailaddress=%zz", "/mail/config-v1.1.xml?emailaddress=%E",
      "mail/config-v1.1.xml", "http://evil.example/mail/config-v1.1.xml"})
  void malformedTarget_is400(String uri) {
    assertThat(get(uri, "autoconfig.customer.example").status()).isEqualTo(400);
  }

  @Test
  void overlongUri_is414() {
    assertThat(get("/mail/config-v1.1.xml?x=" + "a".repeat(5000), "autoconfig.customer.example").status())
        .isEqualTo(414);
  }

  @Test
  void post_is405_withAllow() {
    AutoconfigResponse r = core.answer(new AutoconfigRequest("POST", "/mail/config-v1.1.xml",
        "autoconfig.customer.example", new byte[0]));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void unknownPath_is404() {
    assertThat(get("/", "autoconfig.customer.example").status()).isEqualTo(404);
    assertThat(get("/mail/config-v1.0.xml", "autoconfig.customer.example").status()).isEqualTo(404);
  }

  @Test
  void optionalPortsOff_areLeftOut() {
    MailService imapOnly = new MailService(Fixtures.HOST, "Hoster Mail", "Hoster", 993, 0, 0, 465, 0);
    Autoconfig c = new Autoconfig(AutoconfigConfig.of("127.0.0.1", 0, imapOnly), Fixtures.DIRECTORY, Fixtures.CLOCK);
    Element provider = okConfig(c.answer(AutoconfigRequest.get("/mail/config-v1.1.xml", "autoconfig.customer.example")),
        "customer.example");
    assertThat(children(provider, "incomingServer")).hasSize(1);
    assertThat(children(provider, "outgoingServer")).hasSize(1);
  }
}
