package io.cphub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildVersionTest {
  @Test
  void current_isWhatMavenBuilt_notAPlaceholder() {
    assertThat(System.getProperty("cphub.expected-version")).matches("[0-9]+\\.[0-9]+\\.[0-9]+.*");
    assertThat(BuildVersion.current()).isEqualTo(System.getProperty("cphub.expected-version"));
    assertThat(BuildVersion.line("cphub-proxy")).isEqualTo("cphub-proxy " + BuildVersion.current());
  }
}
