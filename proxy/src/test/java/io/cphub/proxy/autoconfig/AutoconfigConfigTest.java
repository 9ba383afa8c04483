package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cphub.model.Domain;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AutoconfigConfigTest {
  static final Domain HOST = Fixtures.HOST;

  @Test
  void standardPorts_areTheRfc8314Ones() {
    MailService s = MailService.standardPorts(HOST, " Hoster Mail ", "Hoster");
    assertThat(s.displayName()).isEqualTo("Hoster Mail");
    assertThat(new int[] {s.imapsPort(), s.imapStarttlsPort(), s.pop3sPort(), s.submissionsPort(),
        s.submissionStarttlsPort()}).containsExactly(993, 143, 995, 465, 587);
  }

  @ParameterizedTest
  @CsvSource({
      "0, 143, 995, 465, 587, imapsPort",
      "993, 143, 995, 0, 587, submissionsPort",
      "70000, 143, 995, 465, 587, imapsPort",
      "993, -1, 995, 465, 587, imapStarttlsPort",
      "993, 143, 65536, 465, 587, pop3sPort",
      "993, 143, 995, 465, 99999, submissionStarttlsPort"})
  void badPorts_areRefusedNamingTheKey(int imaps, int imap, int pop3s, int subs, int sub, String key) {
    assertThatThrownBy(() -> new MailService(HOST, "Hoster Mail", "Hoster", imaps, imap, pop3s, subs, sub))
        .isInstanceOf(AutoconfigException.class)
        .hasMessageContaining(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "Hoster\nMail", "Hoster\u0000"})
  void badDisplayNames_areRefused(String name) {
    assertThatThrownBy(() -> MailService.standardPorts(HOST, name, "Hoster"))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("displayName");
    assertThatThrownBy(() -> MailService.standardPorts(HOST, "Hoster", name))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("displayShortName");
  }

  @Test
  void wildcardHostname_isRefused() {
    assertThatThrownBy(() -> MailService.standardPorts(Domain.parse("*.hoster.host"), "Hoster Mail", "Hoster"))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("wildcard");
  }

  @Test
  void signingCertificateAndKey_comeTogether() {
    MailService s = Fixtures.SERVICE;
    assertThatThrownBy(() -> new AutoconfigConfig("127.0.0.1", 0, s, Path.of("cert.pem"), null, 16384,
        Duration.ofSeconds(30))).isInstanceOf(AutoconfigException.class).hasMessageContaining("together");
    assertThatThrownBy(() -> new AutoconfigConfig("127.0.0.1", 0, s, null, Path.of("key.pem"), 16384,
        Duration.ofSeconds(30))).isInstanceOf(AutoconfigException.class).hasMessageContaining("together");
    assertThat(new AutoconfigConfig("127.0.0.1", 0, s, Path.of("c"), Path.of("k"), 16384, Duration.ofSeconds(30))
        .signsProfiles()).isTrue();
    assertThat(AutoconfigConfig.of("127.0.0.1", 0, s).signsProfiles()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "'', 8080, 16384, PT30S, bindHost",
      "127.0.0.1, -1, 16384, PT30S, bindPort",
      "127.0.0.1, 65536, 16384, PT30S, bindPort",
      "127.0.0.1, 8080, 100, PT30S, maxRequestBodyBytes",
      "127.0.0.1, 8080, 2000000, PT30S, maxRequestBodyBytes",
      "127.0.0.1, 8080, 16384, PT0S, idleTimeout",
      "127.0.0.1, 8080, 16384, PT-1S, idleTimeout",
      "127.0.0.1, 8080, 16384, PT2H, idleTimeout"})
  void badServerSettings_areRefusedNamingTheKey(String host, int port, int body, String idle, String key) {
    assertThatThrownBy(() -> new AutoconfigConfig(host, port, Fixtures.SERVICE, null, null, body, Duration.parse(idle)))
        .isInstanceOf(AutoconfigException.class)
        .hasMessageContaining(key);
  }

  @Test
  void missingSigningFiles_failAtCoreConstruction() {
    AutoconfigConfig c = new AutoconfigConfig("127.0.0.1", 0, Fixtures.SERVICE, Path.of("/nonexistent/cert.pem"),
        Path.of("/nonexistent/key.pem"), 16384, Duration.ofSeconds(30));
    assertThatThrownBy(() -> new Autoconfig(c, Fixtures.DIRECTORY, Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class)
        .hasMessageContaining("/nonexistent/cert.pem");
  }
}
