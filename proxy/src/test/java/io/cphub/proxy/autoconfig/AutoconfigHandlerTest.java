package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AutoconfigHandlerTest {
  private final EmbeddedChannel channel =
      new EmbeddedChannel(new AutoconfigInitializer(Fixtures.config(), Fixtures.core()));

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private List<FullHttpResponse> send(String raw) {
    channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    channel.runPendingTasks();
    EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
    for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
      decoder.writeInbound((ByteBuf) o);
    }
    List<FullHttpResponse> out = new ArrayList<>();
    for (Object o = decoder.readInbound(); o != null; o = decoder.readInbound()) {
      FullHttpResponse r = (FullHttpResponse) o;
      out.add(r.replace(Unpooled.copiedBuffer(r.content())));
      r.release();
    }
    decoder.finishAndReleaseAll();
    return out;
  }

  private FullHttpResponse one(String raw) {
    List<FullHttpResponse> responses = send(raw);
    assertThat(responses).hasSize(1);
    return responses.get(0);
  }

  private static String body(FullHttpResponse r) {
    return r.content().toString(StandardCharsets.UTF_8);
  }

  static final String TB = "GET /mail/config-v1.1.xml?emailaddress=user%40customer.example HTTP/1.1\r\n"
      + "Host: autoconfig.customer.example\r\n\r\n";

  @Test
  void thunderbirdRequest_isAnswered_andTheConnectionKeptOpen() {
    FullHttpResponse r = one(TB);
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(r.headers().get("Content-Type")).startsWith("text/xml");
    assertThat(r.headers().getInt("Content-Length")).isEqualTo(r.content().readableBytes());
    ThunderbirdRules.check(TestXml.parse(body(r).getBytes(StandardCharsets.UTF_8)), "customer.example");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void pipelinedRequests_getOneAnswerEachInOrder() {
    String pox = AutodiscoverTest.request("user@customer.example", AutodiscoverTest.OUTLOOK);
    byte[] poxBytes = pox.getBytes(StandardCharsets.UTF_8);
    List<FullHttpResponse> rs = send(TB
        + "POST /Autodiscover/Autodiscover.xml HTTP/1.1\r\nHost: autodiscover.customer.example\r\n"
        + "Content-Type: text/xml; charset=utf-8\r\nContent-Length: " + poxBytes.length + "\r\n\r\n" + pox
        + "GET /nothing HTTP/1.1\r\nHost: x.example\r\n\r\n");
    assertThat(rs).extracting(r -> r.status().code()).containsExactly(200, 200, 404);
    assertThat(body(rs.get(1))).contains("<LoginName>user@customer.example</LoginName>");
    assertThat(channel.isOpen()).isTrue();
  }

  @Test
  void connectionClose_closesAfterTheAnswer() {
    FullHttpResponse r = one(TB.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void http10WithoutKeepAlive_closesAfterTheAnswer() {
    FullHttpResponse r = one(TB.replace("HTTP/1.1", "HTTP/1.0"));
    assertThat(r.status().code()).isEqualTo(200);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void head_sendsTheLengthButNoBody() {
    channel.writeInbound(Unpooled.copiedBuffer(TB.replace("GET", "HEAD"), StandardCharsets.ISO_8859_1));
    ByteBuf out = channel.readOutbound();
    String raw = out.toString(StandardCharsets.ISO_8859_1);
    out.release();
    assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: ").endsWith("\r\n\r\n");
  }

  @Test
  void oversizedBody_is413() {
    FullHttpResponse r = one("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: a.example\r\n"
        + "Content-Length: 100000\r\n\r\n" + "x".repeat(1000));
    assertThat(r.status().code()).isEqualTo(413);
  }

  @Test
  void oversizedChunkedBody_is413() {
    String chunk = "4000\r\n" + "<".repeat(0x4000) + "\r\n";
    List<FullHttpResponse> rs = send("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: a.example\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n");
    assertThat(rs).isNotEmpty();
    assertThat(rs.get(0).status().code()).isEqualTo(413);
  }

  @Test
  void oversizedHeaders_are431_andClose() {
    FullHttpResponse r = one("GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: a.example\r\nX-Big: "
        + "a".repeat(10_000) + "\r\n\r\n");
    assertThat(r.status().code()).isEqualTo(431);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void overlongRequestLine_is414() {
    FullHttpResponse r =
        one("GET /mail/config-v1.1.xml?x=" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a.example\r\n\r\n");
    assertThat(r.status().code()).isEqualTo(414);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void garbage_is400_andCloses() {
    FullHttpResponse r = one("\u0001\u0002 garbage\r\n\r\n");
    assertThat(r.status().code()).isEqualTo(400);
    assertThat(channel.isOpen()).isFalse();
  }

  @Test
  void twoHostHeaders_are400() {
    FullHttpResponse r = one("GET /mail/config-v1.1.xml HTTP/1.1\r\nHost: autoconfig.customer.example\r\n"
        + "Host: autoconfig.other.example\r\n\r\n");
    assertThat(r.status().code()).isEqualTo(400);
  }

  @Test
  void authorizationHeader_isNeitherEchoedNorLogged() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    FullHttpResponse r;
    try {
      String pox = AutodiscoverTest.request("user@customer.example", AutodiscoverTest.OUTLOOK);
      // "user@customer.example:Sup3rSecret!" in Basic form, as Thunderbird sends it.
      String basic = java.util.Base64.getEncoder()
          .encodeToString("user@customer.example:Sup3rSecret!".getBytes(StandardCharsets.UTF_8));
      r = one("POST /autodiscover/autodiscover.xml HTTP/1.1\r\nHost: autodiscover.customer.example\r\n"
          + "Authorization: Basic " + basic + "\r\nContent-Length: " + pox.length() + "\r\n\r\n" + pox);
      assertThat(body(r)).doesNotContain(basic).doesNotContain("Sup3rSecret");
      assertThat(r.headers().toString()).doesNotContain(basic);
      String log = captured.toString(StandardCharsets.UTF_8);
      assertThat(log).as("the request is logged at DEBUG").contains("autoconfig POST");
      assertThat(log).doesNotContain(basic).doesNotContain("Sup3rSecret").doesNotContain("Authorization");
    } finally {
      System.setOut(original);
    }
    assertThat(r.status().code()).isEqualTo(200);
  }

  @Test
  void idleConnection_isClosed() {
    one(TB);
    assertThat(channel.isOpen()).isTrue();
    channel.advanceTimeBy(AutoconfigConfig.DEFAULT_IDLE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
    channel.runPendingTasks();
    assertThat(channel.isOpen()).isFalse();
  }
}
