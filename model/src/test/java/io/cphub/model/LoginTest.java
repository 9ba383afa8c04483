package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoginTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("bob@example.com", new Login.Address("bob", Domain.parse("example.com"))),
        Arguments.of("Bob@Example.COM", new Login.Address("Bob", Domain.parse("example.com"))),
        Arguments.of("bob@example.com.", new Login.Address("bob", Domain.parse("example.com"))),
        Arguments.of("bob+tag@example.com", new Login.Address("bob+tag", Domain.parse("example.com"))),
        Arguments.of("jörg@müller.de", new Login.Address("jörg", Domain.parse("xn--mller-kva.de"))),
        Arguments.of("first.last@sub.example.org", new Login.Address("first.last", Domain.parse("sub.example.org"))),
        Arguments.of("bob+example.com", new Login.MailServerUser("bob", Domain.parse("example.com"))),
        Arguments.of("Bob+EXAMPLE.com", new Login.MailServerUser("Bob", Domain.parse("example.com"))),
        Arguments.of("a+b+example.com", new Login.MailServerUser("a+b", Domain.parse("example.com"))),
        Arguments.of("cpuser", new Login.Account(Username.parse("cpuser"))),
        Arguments.of("CPUser", new Login.Account(Username.parse("cpuser"))),
        Arguments.of("user1", new Login.Account(Username.parse("user1"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parses(String raw, Login expected) {
    assertThat(Login.parse(raw)).isEqualTo(expected);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(null, "empty"),
        Arguments.of("", "empty"),
        Arguments.of("@example.com", "empty local part"),
        Arguments.of("bob@", "no domain"),
        Arguments.of("bob@@example.com", "more than one '@'"),
        Arguments.of("a@b@example.com", "more than one '@'"),
        Arguments.of("bob@localhost", "two labels"),
        Arguments.of("bob@*.example.com", "wildcard"),
        Arguments.of("bob@exa mple.com", "space or control"),
        Arguments.of("b ob@example.com", "space or control"),
        Arguments.of("bob\u0000@example.com", "space or control"),
        Arguments.of("bob\r\n@example.com", "space or control"),
        Arguments.of("bob@example..com", "empty label"),
        Arguments.of("x".repeat(65) + "@example.com", "longer than 64"),
        Arguments.of("x".repeat(400), "longer than 320"),
        Arguments.of("bob+", "no domain"),
        Arguments.of("+example.com", "empty local part"),
        Arguments.of("bob+work", "two labels"),
        Arguments.of("bob smith", "neither"),
        Arguments.of("_admin", "neither"),
        Arguments.of("bob;rm -rf", "neither"),
        Arguments.of("bob/../etc", "neither"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("invalid")
  void rejects(String raw, String reason) {
    assertThatThrownBy(() -> Login.parse(raw))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining(reason);
  }

  @org.junit.jupiter.api.Test
  void routeDomainIsNullOnlyForAccounts() {
    assertThat(Login.parse("bob@example.com").routeDomain()).isEqualTo(Domain.parse("example.com"));
    assertThat(Login.parse("bob+example.com").routeDomain()).isEqualTo(Domain.parse("example.com"));
    assertThat(Login.parse("cpuser").routeDomain()).isNull();
  }

  static Stream<Arguments> canonical() {
    return Stream.of(
        Arguments.of("alice@one.example.", "alice@one.example"),
        Arguments.of("Alice@ONE.Example", "Alice@one.example"),
        Arguments.of("info@bücher.example", "info@xn--bcher-kva.example"),
        Arguments.of("info@BÜCHER.example.", "info@xn--bcher-kva.example"),
        Arguments.of("info@bücher\u3002example", "info@xn--bcher-kva.example"),
        Arguments.of("jörg@müller.de", "jörg@xn--mller-kva.de"),
        Arguments.of("kontakt@faß.de", "kontakt@xn--fa-hia.de"),
        Arguments.of("bob+tag@example.com", "bob+tag@example.com"),
        Arguments.of("Info+Bücher.Example.", "Info+xn--bcher-kva.example"),
        Arguments.of("a+b+EXAMPLE.com", "a+b+example.com"),
        Arguments.of("alice@one.example", "alice@one.example"),
        Arguments.of("CPUser", "cpuser"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("canonical")
  void canonicalForm_normalisesTheDomainOnly(String raw, String expected) {
    Login login = Login.parse(raw);
    assertThat(login.canonical()).isEqualTo(expected);
    assertThat(Login.parse(login.canonical())).isEqualTo(login);
  }
}
