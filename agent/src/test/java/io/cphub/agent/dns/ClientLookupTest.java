package io.cphub.agent.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.model.Domain;
import io.cphub.proxy.autoconfig.Autoconfig;
import io.cphub.proxy.autoconfig.AutoconfigConfig;
import io.cphub.proxy.autoconfig.AutoconfigServer;
import io.cphub.proxy.autoconfig.MailService;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail client's lookups after {@code dns apply}: names resolved from the zones the simulated
 * server publishes (read back through parse_dns_zone), in Thunderbird's order (autoconfig.<d>
 * first) and Outlook's (autodiscover.<d>, then the _autodiscover._tcp SRV), then asked over HTTP
 * of the proxy's real autoconfig server, which stands at mail.hoster.host (TLS is nginx's job).
 */
class ClientLookupTest {
  static final String CENTRAL_IP = "127.0.0.1";
  @TempDir Path tmp;
  DnsFixture f;
  AutoconfigServer central;
  int port;

  @BeforeEach
  void start() throws Exception {
    f = new DnsFixture(tmp);
    Set<String> hosted = Set.of("alice.example", "shop.example", DnsFixture.IDN);
    MailService service = MailService.standardPorts(Domain.parse("mail.hoster.host"), "Hoster Mail", "Hoster");
    central = new AutoconfigServer(AutoconfigConfig.of("127.0.0.1", 0, service),
        new Autoconfig(AutoconfigConfig.of("127.0.0.1", 0, service), d -> hosted.contains(d.name()), Clock.systemUTC()));
    port = central.start().getPort();
  }

  @AfterEach
  void stop() {
    central.close();
    f.close();
  }

  /** Follows CNAMEs from the published zone to an address; names under hoster.host are the central service. */
  String resolve(String zone, String name) {
    for (int hops = 0; hops < 8; hops++) {
      if (name.equals("mail.hoster.host")) {
        return CENTRAL_IP;
      }
      String n = name;
      List<ZoneRecord> rs = f.client.read(zone).at(n);
      ZoneRecord cname = rs.stream().filter(r -> r.type().equals("CNAME")).findFirst().orElse(null);
      if (cname == null) {
        return rs.stream().filter(r -> r.type().equals("A")).map(ZoneRecord::value).findFirst().orElse(null);
      }
      name = cname.value().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    }
    throw new AssertionError("CNAME loop at " + name);
  }

  String srvTarget(String zone) {
    ZoneRecord srv = f.client.read(zone).at("_autodiscover._tcp." + zone).get(0);
    return srv.data().get(3).replaceAll("\\.$", "");
  }

  String http(String method, String host, String path, String body) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      OutputStream out = s.getOutputStream();
      out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
          + (body == null ? "" : "Content-Type: text/xml\r\nContent-Length: " + b.length + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(b);
      out.flush();
      try (InputStream in = s.getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static String pox(String email) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
        + "autodiscover/outlook/requestschema/2006\"><Request><EMailAddress>" + email + "</EMailAddress>"
        + "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
        + "</AcceptableResponseSchema></Request></Autodiscover>";
  }

  @Test
  void beforeApply_clientsEndAtTheCpanelServer() {
    assertThat(resolve("alice.example", "autoconfig.alice.example")).isEqualTo("192.0.2.10");
    assertThat(resolve("alice.example", "autodiscover.alice.example")).isEqualTo("192.0.2.10");
    assertThat(srvTarget("alice.example")).isEqualTo("cpanelemaildiscovery.cpanel.net");
  }

  @Test
  void thunderbird_followsAutoconfigToTheCentralService_andGetsTheOneHostname() throws Exception {
    f.rollout().run(null, 0, true);
    for (String d : List.of("alice.example", "shop.example", DnsFixture.IDN)) {
      // Thunderbird's first ISP lookup: https://autoconfig.<d>/mail/config-v1.1.xml?emailaddress=...
      assertThat(resolve(d, "autoconfig." + d)).isEqualTo(CENTRAL_IP);
      String answer = http("GET", "autoconfig." + d, "/mail/config-v1.1.xml?emailaddress=info%40" + d, null);
      assertThat(answer).startsWith("HTTP/1.1 200").contains("<hostname>mail.hoster.host</hostname>")
          .doesNotContain("192.0.2.10");
    }
  }

  @Test
  void outlook_autodiscoverName_andSrvRecord_bothReachTheCentralService() throws Exception {
    f.rollout().run(null, 0, true);
    String d = "alice.example";
    // Step 2 (https://<d>/autodiscover/...) goes to the website: DNS of autodiscover.* cannot move it.
    assertThat(resolve(d, d)).isEqualTo("192.0.2.10");
    // Step 3: https://autodiscover.<d>/autodiscover/autodiscover.xml
    assertThat(resolve(d, "autodiscover." + d)).isEqualTo(CENTRAL_IP);
    String step3 = http("POST", "autodiscover." + d, "/autodiscover/autodiscover.xml", pox("info@" + d));
    assertThat(step3).startsWith("HTTP/1.1 200").contains("<Server>mail.hoster.host</Server>");
    // Step 5: the _autodiscover._tcp SRV target, then https://<target>/Autodiscover/Autodiscover.xml
    String target = srvTarget(d);
    assertThat(target).isEqualTo("mail.hoster.host");
    assertThat(resolve(d, target)).isEqualTo(CENTRAL_IP);
    String step5 = http("POST", target, "/autodiscover/autodiscover.xml", pox("info@" + d));
    assertThat(step5).startsWith("HTTP/1.1 200").contains("<Server>mail.hoster.host</Server>");
  }
}
