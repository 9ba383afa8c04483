package io.cphub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.simulator.hook.HookSink;
import io.cphub.simulator.state.ServerSpec;
import io.cphub.simulator.state.SimAccount;
import io.cphub.simulator.state.StateFile;
import io.cphub.simulator.whm.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connection behaviours and delivery faults, seen from a raw socket. */
class ConnectionBehaviourTest {
  static final String GET = "GET /json-api/listaccts?api.version=1 HTTP/1.1\r\nHost: x\r\n"
      + "Authorization: whm root:T\r\n\r\n";
  Simulator sim;
  SimulatedServer server;

  @BeforeEach
  void start() throws Exception {
    StateFile state = new StateFile(List.of(new ServerSpec("s1.test", "root", "T",
        List.of(new SimAccount("alice", "alice.example", "root", false, null, null, List.of())))));
    sim = new Simulator(state, "127.0.0.1", 0, n -> HookSink.NONE, Clock.systemUTC());
    server = sim.server("s1.test");
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", sim.port("s1.test"));
    s.setSoTimeout(10_000);
    return s;
  }

  /** Everything the server sends until it closes the connection. */
  static String readToEnd(Socket s) throws IOException {
    return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
  }

  /** One answer (head + Content-Length body), leaving the connection open. */
  static String readAnswer(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("closed inside the head: " + head);
      }
      head.write(c);
    }
    String h = head.toString(StandardCharsets.ISO_8859_1);
    int length = Integer.parseInt(h.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void keepAlive_servesManyRequestsOnOneConnection_andClosesItWhenIdle() throws Exception {
    server.fault(Fault.connection("keep-alive", 300, 0));
    try (Socket s = connect()) {
      for (int i = 0; i < 3; i++) {
        s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
        String answer = readAnswer(s.getInputStream());
        assertThat(answer).startsWith("HTTP/1.1 200 OK").doesNotContain("Connection:").contains("\"alice\"");
      }
      long t0 = System.nanoTime();
      assertThat(s.getInputStream().read()).as("closed without notice after the idle timeout").isEqualTo(-1);
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(9_000);
    }
  }

  @Test
  void http10_answersHttp10WithoutConnectionHeader_andClosesAfterTheAnswer() throws Exception {
    server.fault(Fault.connection("http10", 0, 0));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      String all = readToEnd(s);
      assertThat(all).startsWith("HTTP/1.0 200 OK").doesNotContain("Connection:").contains("\"alice\"");
    }
  }

  @Test
  void close_announcesConnectionCloseOnEveryNthAnswer_andClosesAfterIt() throws Exception {
    server.fault(Fault.connection("close", 0, 2));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readAnswer(s.getInputStream())).doesNotContain("Connection:");
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readAnswer(s.getInputStream())).contains("Connection: close\r\n");
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void cut_announcesTheFullLength_sendsHalf_andCloses() throws Exception {
    server.fault(new Fault("cut", 0, "listaccts"));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      String all = readToEnd(s);
      int length = Integer.parseInt(all.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
      String body = all.substring(all.indexOf("\r\n\r\n") + 4);
      assertThat(body.length()).isEqualTo(length / 2);
    }
  }

  @Test
  void drop_closesWithoutAByte() throws Exception {
    server.fault(new Fault("drop", 0, null));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readToEnd(s)).isEmpty();
    }
  }

  @Test
  void slow_sendsTheHeadAtOnce_andTricklesTheBody() throws Exception {
    server.fault(new Fault("slow", 1000, null));
    try (Socket s = connect()) {
      s.getOutputStream().write(GET.getBytes(StandardCharsets.ISO_8859_1));
      long t0 = System.nanoTime();
      String answer = readAnswer(s.getInputStream());
      assertThat(answer).contains("\"alice\"").endsWith("}");
      assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(800);
    }
  }

  @Test
  void malformedAndOversizedRequests_get4xx_andClose() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readToEnd(s)).startsWith("HTTP/1.1 400");
    }
    try (Socket s = connect()) {
      s.getOutputStream().write(("PUT /admin/fault HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readToEnd(s)).startsWith("HTTP/1.1 413");
    }
    try (Socket s = connect()) {
      s.getOutputStream().write(("GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readToEnd(s)).startsWith("HTTP/1.1 431");
    }
  }

  @Test
  void chunkedAdminBody_isRead() throws Exception {
    String body = "{\"connection\":\"http10\"}";
    try (Socket s = connect()) {
      s.getOutputStream().write(("PUT /admin/fault HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
          + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      assertThat(readToEnd(s)).startsWith("HTTP/1.0 200").contains("{\"ok\":true}");
    }
    assertThat(server.fault().connection()).isEqualTo("http10");
  }
}
