package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
  @Test
  void escapesControlsAndCapsLength() {
    assertThat(Printable.of("a\r\nb")).isEqualTo("\"a\\x0d\\x0ab\"");
    assertThat(Printable.of(null)).isEqualTo("null");
    assertThat(Printable.of("x".repeat(500))).hasSize(120 + 5);
  }
}
