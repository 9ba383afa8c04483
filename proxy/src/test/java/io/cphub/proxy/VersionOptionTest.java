package io.cphub.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} answers the build's version without a configuration or a database. */
class VersionOptionTest {
  @Test
  void version_printsTheBuildsVersion_andExitsZero() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("--version");
    assertThat(code).isZero();
    assertThat(out.toString().strip()).isEqualTo("cphub-proxy " + System.getProperty("cphub.expected-version"));
  }
}
