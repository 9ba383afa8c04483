package io.cphub.agent.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cphub.agent.sessions.Doveadm.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's client of the kick socket against a real Unix-domain socket served by the real
 * helper script (fake doveadm), once per connection as systemd's {@code Accept=yes} does: by a
 * server in the test, and by {@code systemd-socket-activate --accept --inetd} where it is installed.
 */
class KickSocketTest {
  @TempDir Path tmp;
  Path sock;
  ServerSocketChannel server;
  Process activator;

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
    if (activator != null) {
      activator.destroy();
      activator.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Serves each connection with {@code handler} on its own thread. */
  void serve(Consumer<SocketChannel> handler) throws IOException {
    sock = tmp.resolve("kick.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(sock));
    Thread t = new Thread(() -> {
      while (server.isOpen()) {
        try {
          SocketChannel c = server.accept();
          Thread h = new Thread(() -> handler.accept(c));
          h.setDaemon(true);
          h.start();
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
  }

  /** Accept=yes: the helper runs with the connection as stdin and stdout, the connection closes when it ends. */
  void serveHelper(Path doveadm) throws IOException {
    serve(c -> {
      try (c) {
        ProcessBuilder pb = new ProcessBuilder("sh", KickHelperTest.SCRIPT.toString());
        pb.environment().put("CPHUB_DOVEADM", doveadm.toString());
        Process p = pb.start();
        InputStream fromClient = Channels.newInputStream(c);
        OutputStream toHelper = p.getOutputStream();
        Thread pump = new Thread(() -> {
          try (toHelper) {
            byte[] b = new byte[1];
            while (p.isAlive() && fromClient.read(b) == 1) {
              toHelper.write(b);
              toHelper.flush();
            }
          } catch (IOException ignored) {
            // the helper ended or the client left
          }
        });
        pump.setDaemon(true);
        pump.start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        c.write(ByteBuffer.wrap(out));
      } catch (IOException | InterruptedException ignored) {
        // the client went away
      }
    });
  }

  void checkThroughHelper(KickSocket k, Path dir) throws Exception {
    Path log = dir.resolve("log");
    assertThat(k.kick("*@a.example")).isEqualTo(new Doveadm.Result(Outcome.KICKED, "ok kicked"));
    assertThat(k.kick("bob")).isEqualTo(new Doveadm.Result(Outcome.KICKED, "ok kicked"));
    Files.writeString(dir.resolve("exit"), "68");
    assertThat(k.kick("*+a.example")).isEqualTo(new Doveadm.Result(Outcome.NONE, "ok none"));
    Files.writeString(dir.resolve("exit"), "75");
    Doveadm.Result failed = k.kick("*@b.example");
    assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(failed.output()).contains("'error doveadm exit 75: fake doveadm output'");
    List<String> before = Files.readAllLines(log);
    for (String hostile : List.of("*", "*@*", "-A", "bob;id", "a b")) {
      Doveadm.Result r = k.kick(hostile);
      assertThat(r.outcome()).as(hostile).isEqualTo(Outcome.FAILED);
      assertThat(r.output()).as(hostile).contains("error refused");
    }
    Doveadm.Result twoLines = k.kick("bob\n*");
    assertThat(twoLines.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(twoLines.output()).contains("line break");
    assertThat(Files.readAllLines(log)).isEqualTo(before).containsExactly("kick", "--", "*@a.example", ".",
        "kick", "--", "bob", ".", "kick", "--", "*+a.example", ".", "kick", "--", "*@b.example", ".");
  }

  @Test
  void throughTheRealHelper_perConnection() throws Exception {
    Path doveadm = KickHelperTest.fakeDoveadm(tmp);
    serveHelper(doveadm);
    checkThroughHelper(new KickSocket(sock, Duration.ofSeconds(10)), tmp);
  }

  @Test
  void throughSystemdSocketActivate() throws Exception {
    Path activate = Path.of("/usr/bin/systemd-socket-activate");
    assumeTrue(Files.isExecutable(activate), "no systemd-socket-activate");
    Path doveadm = KickHelperTest.fakeDoveadm(tmp);
    sock = tmp.resolve("activate.sock");
    activator = new ProcessBuilder(activate.toString(), "--accept", "--inetd", "-l", sock.toString(),
        "-E", "CPHUB_DOVEADM=" + doveadm, "/bin/sh", KickHelperTest.SCRIPT.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("activate.out").toFile()).start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(sock) && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(sock).exists();
    checkThroughHelper(new KickSocket(sock, Duration.ofSeconds(10)), tmp);
  }

  @Test
  void noAnswerInTime_isFailedAfterTheTimeout() throws Exception {
    serve(c -> {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        // test over
      }
    });
    long t0 = System.nanoTime();
    Doveadm.Result r = new KickSocket(sock, Duration.ofMillis(300)).kick("bob");
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(r.output()).contains(sock.toString()).contains("no answer in 300 ms");
    assertThat(ms).isBetween(250L, 3000L);
  }

  @Test
  void unreachableSocket_closedWithoutAnswer_orAStrangeAnswer_areFailed() throws Exception {
    Doveadm.Result missing = new KickSocket(tmp.resolve("missing.sock"), Duration.ofSeconds(1)).kick("bob");
    assertThat(missing.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(missing.output()).startsWith("kick socket " + tmp.resolve("missing.sock") + ": ");

    Path stale = tmp.resolve("stale.sock");
    ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(stale)).close();
    Doveadm.Result refused = new KickSocket(stale, Duration.ofSeconds(1)).kick("bob");
    assertThat(refused.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(refused.output()).startsWith("kick socket " + stale + ": ");

    serve(c -> {
      try (c) {
        c.read(ByteBuffer.allocate(64));
      } catch (IOException ignored) {
        // closed
      }
    });
    assertThat(new KickSocket(sock, Duration.ofSeconds(5)).kick("bob"))
        .isEqualTo(new Doveadm.Result(Outcome.FAILED, "kick socket " + sock + " answered nothing"));
    server.close();
    Files.delete(sock);
    serve(c -> {
      try (c) {
        c.write(ByteBuffer.wrap("ok kicked maybe\nok kicked\n".getBytes(StandardCharsets.UTF_8)));
      } catch (IOException ignored) {
        // closed
      }
    });
    assertThat(new KickSocket(sock, Duration.ofSeconds(5)).kick("bob"))
        .isEqualTo(new Doveadm.Result(Outcome.FAILED, "kick socket " + sock + " answered 'ok kicked maybe'"));
  }
}
