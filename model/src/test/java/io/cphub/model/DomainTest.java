package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DomainTest {
  static final String L63 = "a".repeat(63);
  static final String L64 = "a".repeat(64);
  // 4 labels of 63 + 3 dots = 255; build names of exactly 253 and 254 characters.
  static final String N253 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);
  static final String N254 = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(62);

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("example.com", "example.com"),
        Arguments.of("Example.COM", "example.com"),
        Arguments.of("  example.com  ", "example.com"),
        Arguments.of("example.com.", "example.com"),
        Arguments.of("EXAMPLE.com.", "example.com"),
        Arguments.of("sub.example.co.uk", "sub.example.co.uk"),
        Arguments.of("xn--mller-kva.de", "xn--mller-kva.de"),
        Arguments.of("müller.de", "xn--mller-kva.de"),
        Arguments.of("MÜLLER.de", "xn--mller-kva.de"),
        Arguments.of("bücher.example", "xn--bcher-kva.example"),
        Arguments.of("例え.jp", "xn--r8jz45g.jp"),
        Arguments.of("*.example.com", "*.example.com"),
        Arguments.of("*.Example.com.", "*.example.com"),
        Arguments.of("a-b.example.com", "a-b.example.com"),
        Arguments.of("123.example.com", "123.example.com"),
        Arguments.of(L63 + ".com", L63 + ".com"),
        Arguments.of(N253, N253),
        Arguments.of("x.y", "x.y"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("valid")
  void normalises(String raw, String expected) {
    Domain d = Domain.parse(raw);
    assertThat(d.name()).isEqualTo(expected);
    assertThat(Domain.parse(d.name())).isEqualTo(d);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(null, "missing"),
        Arguments.of("", "empty"),
        Arguments.of("   ", "empty"),
        Arguments.of(".", "empty"),
        Arguments.of("com", "two labels"),
        Arguments.of("example..com", "empty label"),
        Arguments.of(".example.com", "empty label"),
        Arguments.of("example.com..", "empty label"),
        Arguments.of(L64 + ".com", "label longer"),
        Arguments.of(N254, "longer than 253"),
        Arguments.of("exa mple.com", "space or control"),
        Arguments.of("example.com\u0000", "space or control"),
        Arguments.of("exam\tple.com", "space or control"),
        Arguments.of("exam\r\nple.com", "space or control"),
        Arguments.of("under_score.com", "only a-z"),
        Arguments.of("user@example.com", "only a-z"),
        Arguments.of("example.com/path", "only a-z"),
        Arguments.of("*example.com", "only a-z"),
        Arguments.of("a.*.example.com", "only a-z"),
        Arguments.of("*.*.example.com", "only a-z"),
        Arguments.of("müller..de", "empty label"),
        Arguments.of("ex%61mple.com", "only a-z"),
        Arguments.of("'; drop table route;--.com", "space or control"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("invalid")
  void rejects(String raw, String reason) {
    assertThatThrownBy(() -> Domain.parse(raw))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void unicodeRoundTrips(String raw, String expected) {
    Domain d = Domain.parse(raw);
    assertThat(Domain.parse(d.unicode())).isEqualTo(d);
  }

  @org.junit.jupiter.api.Test
  void punycodeShowsAsUnicode() {
    assertThat(Domain.parse("xn--mller-kva.de").unicode()).isEqualTo("müller.de");
    assertThat(Domain.parse("*.example.com").isWildcard()).isTrue();
    assertThat(Domain.parse("example.com").isWildcard()).isFalse();
  }

  @org.junit.jupiter.api.Test
  void constructorRefusesUnnormalisedName() {
    assertThatThrownBy(() -> new Domain("Example.com")).isInstanceOf(InvalidNameException.class);
  }
}
