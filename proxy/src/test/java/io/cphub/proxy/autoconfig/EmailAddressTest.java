package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Jane.Doe@Customer.Example     | Jane.Doe     | customer.example",
      "' user@customer.example. '    | user         | customer.example",
      "jürgen@Bücher.example         | jürgen       | xn--bcher-kva.example",
      "a&<b>\"'@customer.example      | a&<b>\"'      | customer.example",
      "first+tag@customer.example    | first+tag    | customer.example"})
  void parse_keepsTheLocalPart_andNormalisesTheDomain(String raw, String local, String domain) {
    EmailAddress a = EmailAddress.parse(raw);
    assertThat(a.local()).isEqualTo(local);
    assertThat(a.domain().name()).isEqualTo(domain);
    assertThat(a.text()).isEqualTo(local + "@" + domain);
  }

  @Test
  void identityKey_ignoresTheCaseOfTheLocalPart() {
    assertThat(EmailAddress.parse("Jane@customer.example").identityKey())
        .isEqualTo(EmailAddress.parse("jane@CUSTOMER.example").identityKey());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "user", "user+customer.example", "a@b@customer.example", "a b@customer.example",
      "a\r\n@customer.example", "a@*.customer.example", "\uD800@customer.example", "\uFFFE@customer.example",
      "a@customer", "a@customer.example:25"})
  void parse_refusesWhatIsNotAnAddress(String raw) {
    assertThatThrownBy(() -> EmailAddress.parse(raw)).isInstanceOf(BadRequestException.class);
  }

  @Test
  void parse_refusesNull() {
    assertThatThrownBy(() -> EmailAddress.parse(null)).isInstanceOf(BadRequestException.class);
  }
}
