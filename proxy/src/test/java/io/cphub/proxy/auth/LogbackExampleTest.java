package io.cphub.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example {@code dist/logback.xml} loads without errors, routes the login log alone
 * to a non-blocking asynchronous file appender, and its JSON variant writes the fields, not the
 * password. Runs in a private LoggerContext, so the tests' own logging is untouched.
 */
class LogbackExampleTest {
  @TempDir
  Path dir;

  private LoggerContext load(String xml) throws Exception {
    LoggerContext ctx = new LoggerContext();
    ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator j = new JoranConfigurator();
    j.setContext(ctx);
    Path file = dir.resolve("logback.xml");
    Files.writeString(file, xml, StandardCharsets.UTF_8);
    j.doConfigure(file.toFile());
    assertThat(ctx.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
    return ctx;
  }

  /** The file's text once the asynchronous appender has written something (at most 10 s). */
  private static String written(Path file) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Files.readString(file);
      }
      Thread.sleep(20);
    }
    return "";
  }

  private String example() throws Exception {
    return Files.readString(Path.of("dist/logback.xml")).replace("/var/log/cphub", dir.toString());
  }

  @Test
  void example_routesTheLoginLogAlone_throughANeverBlockingQueue_toItsOwnFile() throws Exception {
    LoggerContext ctx = load(example());
    Logger logins = ctx.getLogger(LoginLog.LOGGER);
    assertThat(logins.getLevel()).isEqualTo(Level.INFO);
    assertThat(logins.isAdditive()).isFalse();
    AsyncAppender async = (AsyncAppender) logins.getAppender("LOGINS_ASYNC");
    assertThat(async.isNeverBlock()).isTrue();
    @SuppressWarnings("unchecked")
    FileAppender<ILoggingEvent> file = (FileAppender<ILoggingEvent>) async.getAppender("LOGINS_FILE");
    assertThat(file.getFile()).isEqualTo(dir.resolve("logins.log").toString());
    assertThat(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT_ASYNC")).isNotNull();
    logins.atInfo().addKeyValue("result", "accepted").log("login protocol=imap result=accepted");
    assertThat(written(dir.resolve("logins.log"))).contains("login protocol=imap result=accepted");
    ctx.stop();
  }

  @Test
  void jsonVariant_writesOneObjectPerLine_withTheKeyValueFields() throws Exception {
    String xml = example().replaceFirst("(?s)<encoder>\\s*<pattern>%d\\{yyyy[^<]*</pattern>\\s*</encoder>\\s*<!-- JSON lines instead:", "")
        .replaceFirst("(?s)</encoder>\\s*-->", "</encoder>");
    LoggerContext ctx = load(xml);
    Logger logins = ctx.getLogger(LoginLog.LOGGER);
    AsyncAppender async = (AsyncAppender) logins.getAppender("LOGINS_ASYNC");
    @SuppressWarnings("unchecked")
    FileAppender<ILoggingEvent> file = (FileAppender<ILoggingEvent>) async.getAppender("LOGINS_FILE");
    assertThat(file.getEncoder()).isInstanceOf(JsonEncoder.class);
    logins.atInfo().addKeyValue("login", "alice@example.com").addKeyValue("server", "s1").log("login");
    String line = written(dir.resolve("logins.log")).strip();
    ctx.stop();
    assertThat(line).startsWith("{").endsWith("}").doesNotContain("\n");
    assertThat(line).contains("\"loggerName\":\"cphub.login\"").contains("\"login\":\"alice@example.com\"")
        .contains("\"server\":\"s1\"");
  }
}
