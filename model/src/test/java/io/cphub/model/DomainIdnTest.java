package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * UTS #46 non-transitional cases. Expected ASCII forms agree with a second, independent UTS #46
 * implementation (Python's idna package, transitional=False) wherever that one accepts the name.
 */
class DomainIdnTest {
  static Stream<Arguments> converted() {
    return Stream.of(
        // ß and final sigma stay themselves (IDNA2003: fass.de, the sigma form: another domain).
        Arguments.of("faß.de", "xn--fa-hia.de"),
        Arguments.of("FAß.de", "xn--fa-hia.de"),
        Arguments.of("\u1e9e.de", "xn--zca.de"),
        Arguments.of("fass.de", "fass.de"),
        Arguments.of("βόλος.com", "xn--nxasmm1c.com"),
        // Upper-case Σ lower-cases to σ, not ς: a different label from the one above.
        Arguments.of("ΒΌΛΟΣ.com", "xn--nxasmq6b.com"),
        Arguments.of("ΑΘΉΝΑ.gr", "xn--jxafb0a0a.gr"),
        Arguments.of("МОСКВА.рф", "xn--80adxhks.xn--p1ai"),
        Arguments.of("BÜCHER.Example", "xn--bcher-kva.example"),
        // ZWJ after a virama and ZWNJ between joining Arabic letters: allowed by CONTEXTJ, kept.
        Arguments.of("नम\u094d\u200dते.example", "xn--h2bhs5h2a8506a.example"),
        Arguments.of("نامه\u200cای.example", "xn--mgba3gch31f060k.example"),
        // Mixed scripts (Cyrillic а in a Latin name): UTS #46 allows it; it routes only if registered.
        Arguments.of("p\u0430ypal.com", "xn--pypal-4ve.com"),
        // Emoji and symbols: valid under UTS #46 (not under IDNA2008 registration rules).
        Arguments.of("☃.net", "xn--n3h.net"),
        Arguments.of("\ud83d\udca9.la", "xn--ls8h.la"),
        // Full-width and ideographic dots separate labels; full-width letters fold to ASCII.
        Arguments.of("bücher\u3002example", "xn--bcher-kva.example"),
        Arguments.of("bücher\uff0eexample", "xn--bcher-kva.example"),
        Arguments.of("bücher\uff61example", "xn--bcher-kva.example"),
        Arguments.of("\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.com", "example.com"),
        Arguments.of("bücher.example\u3002", "xn--bcher-kva.example"),
        // Trailing dot, already-punycode labels next to Unicode ones.
        Arguments.of("bücher.example.", "xn--bcher-kva.example"),
        Arguments.of("bücher.XN--MLLER-KVA.de", "xn--bcher-kva.xn--mller-kva.de"),
        Arguments.of("*.bücher.example", "*.xn--bcher-kva.example"),
        // Hyphens follow the same LDH rules as ASCII names.
        Arguments.of("bü--cher.de", "xn--b--cher-n2a.de"),
        Arguments.of("ab--cd.bücher.de", "ab--cd.xn--bcher-kva.de"),
        // The longest label: 56 characters of Unicode that become exactly 63 of punycode.
        Arguments.of("ü" + "a".repeat(55) + ".de", "xn--" + "a".repeat(55) + "-oxf.de"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("converted")
  void converts(String raw, String expected) {
    Domain d = Domain.parse(raw);
    assertThat(d.name()).isEqualTo(expected);
    assertThat(Domain.parse(d.name())).isEqualTo(d);
    assertThat(Domain.parse(d.unicode())).isEqualTo(d);
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        // IDNA2003 dropped joiners (a\u200db.com became ab.com): CONTEXTJ forbids them here.
        Arguments.of("a\u200db.com", "CONTEXTJ"),
        Arguments.of("a\u200cb.com", "CONTEXTJ"),
        Arguments.of("\u200dexample.com", "CONTEXTJ"),
        Arguments.of("a\u05d0.com", "Bidi"),
        Arguments.of("\u0301a.com", "combining mark"),
        Arguments.of("a_b.bücher.de", "not allowed"),
        Arguments.of("*x.bücher.de", "not allowed"),
        Arguments.of("bücher.example/x", "not allowed"),
        Arguments.of("bücher.xn--garbage.com", "not valid punycode"),
        Arguments.of("bücher.xn--a.com", "not valid punycode"),
        Arguments.of("bücher.xn--.com", "not valid punycode"),
        Arguments.of("bücher..de", "empty label"),
        Arguments.of("bücher.example.\u3002", "empty label"),
        Arguments.of("bücher", "two labels"),
        Arguments.of("bücher\u3002", "two labels"),
        Arguments.of("bü cher.de", "space or control"),
        Arguments.of("bücher\u3000.de", "space or control"),
        Arguments.of("bücher\u0085.de", "space or control"),
        // 57 characters of Unicode are 64 of punycode: too long only after conversion.
        Arguments.of("ü" + "a".repeat(56) + ".de", "label longer than 63"),
        // 8 labels of 20 CJK characters: 170 characters of Unicode, 258 of punycode.
        Arguments.of(("例え".repeat(10) + ".").repeat(8) + "jp", "longer than 253"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rejected")
  void rejects(String raw, String reason) {
    assertThatThrownBy(() -> Domain.parse(raw))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void asciiPunycodeThatDoesNotDecode_staysValidAndShowsAsAscii() {
    // Names from WHM arrive as ASCII and were valid before: they stay valid and unchanged.
    assertThat(Domain.parse("xn--garbage.com").name()).isEqualTo("xn--garbage.com");
    assertThat(Domain.parse("xn--garbage.com").unicode()).isEqualTo("xn--garbage.com");
    assertThat(Domain.parse("XN--A.com").name()).isEqualTo("xn--a.com");
  }

  @Test
  void unicodeShowsSharpSAndFinalSigma() {
    assertThat(Domain.parse("xn--fa-hia.de").unicode()).isEqualTo("faß.de");
    assertThat(Domain.parse("xn--nxasmm1c.com").unicode()).isEqualTo("βόλος.com");
    assertThat(Domain.parse("*.xn--bcher-kva.example").unicode()).isEqualTo("*.bücher.example");
  }
}
