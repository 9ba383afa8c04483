package io.cphub.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --version} answers without a database or any other option. */
class VersionOptionTest {
  @Test
  void version_printsTheBuildsVersion_andExitsZero_withoutTheRequiredUrl() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new MigrateCommand(null));
    cl.setOut(new PrintWriter(out));
    int code = cl.execute("--version");
    assertThat(code).isZero();
    assertThat(out.toString().strip()).isEqualTo("cphub-db " + System.getProperty("cphub.expected-version"));
  }
}
