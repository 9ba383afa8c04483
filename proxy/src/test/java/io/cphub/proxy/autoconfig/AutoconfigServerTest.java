package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class AutoconfigServerTest {

  /** Reads one HTTP/1.1 response with a Content-Length; returns status line + body. */
  private static String[] readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside the response head");
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).strip());
      }
    }
    byte[] body = in.readNBytes(length);
    return new String[] {headers.substring(0, headers.indexOf("\r\n")), new String(body, StandardCharsets.UTF_8)};
  }

  @Test
  void servesOverARealSocket_withKeepAlive_andStops() throws Exception {
    AutoconfigServer server = new AutoconfigServer(Fixtures.config(), Fixtures.core());
    InetSocketAddress address = server.start();
    try {
      assertThat(address.getPort()).isPositive();
      assertThat(server.address()).isEqualTo(address);
      try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        InputStream in = new BufferedInputStream(socket.getInputStream());

        out.write(("GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.customer.example\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String[] first = readResponse(in);
        assertThat(first[0]).isEqualTo("HTTP/1.1 200 OK");
        ThunderbirdRules.check(TestXml.parse(first[1].getBytes(StandardCharsets.UTF_8)), "customer.example");

        String pox = AutodiscoverTest.request("user@customer.example", AutodiscoverTest.OUTLOOK);
        byte[] poxBytes = pox.getBytes(StandardCharsets.UTF_8);
        out.write(("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: autodiscover.customer.example\r\n"
            + "Content-Type: text/xml; charset=utf-8\r\nContent-Length: " + poxBytes.length + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        out.write(poxBytes);
        out.flush();
        String[] second = readResponse(in);
        assertThat(second[0]).isEqualTo("HTTP/1.1 200 OK");
        assertThat(second[1]).contains("<LoginName>user@customer.example</LoginName>");
      }
    } finally {
      server.stop();
    }
    assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
        .isInstanceOf(ConnectException.class);
    assertThatThrownBy(server::start).isInstanceOf(AutoconfigException.class);
  }

  @Test
  void portInUse_isAClearError() {
    try (AutoconfigServer first = new AutoconfigServer(Fixtures.config(), Fixtures.core())) {
      InetSocketAddress taken = first.start();
      AutoconfigConfig same = AutoconfigConfig.of("127.0.0.1", taken.getPort(), Fixtures.SERVICE);
      try (AutoconfigServer second = new AutoconfigServer(same, Fixtures.core())) {
        assertThatThrownBy(second::start)
            .isInstanceOf(AutoconfigException.class)
            .hasMessageContaining("127.0.0.1:" + taken.getPort());
      }
    }
  }
}
