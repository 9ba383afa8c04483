package io.cphub.proxy.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {
  @ParameterizedTest
  @CsvSource({
      "192.0.2.7, 192.0.2.7, 192.0.2.0/24",
      "10.1.2.255, 10.1.2.255, 10.1.2.0/24",
      "2001:db8::7, 2001:db8::7, 2001:db8::/64",
      "2001:DB8:0:0:1:0:0:7, 2001:db8::1:0:0:7, 2001:db8::/64",
      "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
      "::ffff:192.0.2.9, 192.0.2.9, 192.0.2.0/24",
      "::1, ::1, ::/64"})
  void literals_parseToCanonicalAddressAndNetwork(String text, String key, String network) {
    ClientAddress a = ClientAddress.parse(text);
    assertThat(a).isNotNull();
    assertThat(a.key()).isEqualTo(key);
    assertThat(a.network()).isEqualTo(network);
  }

  @ParameterizedTest
  @CsvSource({
      "192.0.2.7, 24, 192.0.2.0/24", "192.0.2.7, 16, 192.0.0.0/16",
      "2001:db8:1:2:3:4:5:6, 64, 2001:db8:1:2::/64", "2001:db8:1:2:3:4:5:6, 48, 2001:db8:1::/48",
      "2001:db8:1:2:3:4:5:6, 32, 2001:db8::/32", "2001:db8:0:1::1, 48, 2001:db8::/48"})
  void widerNetworks_haveCanonicalText_likePostgres(String text, int prefix, String network) {
    ClientAddress a = ClientAddress.parse(text);
    assertThat(a.network(prefix)).isEqualTo(network);
    assertThat(BanStore.canonicalKey(Ban.Kind.NET, network)).isEqualTo(network);
  }

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.0/8", "192.0.2.0/32", "2001:db8::/40", "2001:db8::/128", "2001:db8::", "x/24"})
  void otherPrefixes_areNoBanNetworks(String key) {
    assertThat(BanStore.canonicalKey(Ban.Kind.NET, key)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mail.example.com", "localhost", "192.0.2", "192.0.2.256", "1.2.3.4.5", "fe80::1%eth0",
      "[2001:db8::1]", "2001:db8::1::2", "192.0.2.1 ", "-1.0.0.0", "0x7f.0.0.1",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void anythingElse_isNotAnAddress(String text) {
    assertThat(ClientAddress.parse(text)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"10.0.0.0/8, 10.200.3.4, true", "10.0.0.0/8, 11.0.0.1, false", "192.0.2.7, 192.0.2.7, true",
      "192.0.2.7, 192.0.2.8, false", "2001:db8::/32, 2001:db8:ffff::1, true", "2001:db8::/32, 2001:db9::1, false",
      "10.0.0.0/8, ::ffff:10.1.1.1, true", "0.0.0.0/0, 203.0.113.1, true", "0.0.0.0/0, 2001:db8::1, false",
      "172.16.0.0/12, 172.31.255.255, true", "172.16.0.0/12, 172.32.0.0, false"})
  void allowList_matchesByPrefix(String network, String client, boolean expected) {
    assertThat(AllowList.parse(java.util.List.of(network)).contains(ClientAddress.parse(client))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/x", "example.com/24", "10.0.0.0/"})
  void allowList_rejectsBadEntries_namingThem(String entry) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AllowList.parse(java.util.List.of(entry)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(entry);
  }
}
