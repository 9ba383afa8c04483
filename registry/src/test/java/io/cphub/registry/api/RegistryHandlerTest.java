package io.cphub.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.registry.Services;
import io.cphub.registry.config.ConfigLoader;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.registry.metrics.RegistryMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on an {@link EmbeddedChannel}: requests are refused on their head before any body
 * reaches the aggregator, size limits hold per endpoint and while a chunked body streams, and
 * broken HTTP becomes JSON errors. No database: only tokens that need none are used.
 */
class RegistryHandlerTest {
  static final String ADMIN = "admin-token-for-tests-0123456789";
  static final int MB = 1024 * 1024;
  private final RegistryMetrics metrics = new RegistryMetrics(() -> 7, () -> 0, List::of);
  private final RegistryConfig config = ConfigLoader.of(Map.of("db.url", "jdbc:postgresql://127.0.0.1:1/none",
      "admin.token", ADMIN, "http.max-body-bytes", String.valueOf(MB), "http.max-account-body-bytes", "16384"));
  private final Api api = new Api(config,
      Services.create(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none"), Clock.systemUTC(), 0.2), metrics, () -> 7);
  private Seen seen;

  /** What got past the guard: heads and body bytes. */
  static final class Seen extends ChannelInboundHandlerAdapter {
    int heads;
    long bodyBytes;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest) {
        heads++;
      }
      if (msg instanceof HttpContent c) {
        bodyBytes += c.content().readableBytes();
      }
      ctx.fireChannelRead(msg);
    }
  }

  private EmbeddedChannel channel() {
    seen = new Seen();
    return new EmbeddedChannel(new HttpServerCodec(RegistryInitializer.MAX_INITIAL_LINE,
        RegistryInitializer.MAX_HEADERS, RegistryInitializer.MAX_CHUNK), new HeadGuard(api.admission(), Runnable::run, metrics),
        seen, new LimitedAggregator(api.admission().largest()), new RegistryHandler(api, Runnable::run));
  }

  private static String send(EmbeddedChannel ch, String raw) {
    ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    return replies(ch);
  }

  private static String replies(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    return out.toString();
  }

  /** Pushes up to {@code total} body bytes in 64 KiB reads while the channel is open; answers how many went in. */
  private static long stream(EmbeddedChannel ch, long total) {
    byte[] chunk = new byte[64 * 1024];
    long pushed = 0;
    while (pushed < total && ch.isOpen()) {
      ch.writeInbound(Unpooled.wrappedBuffer(chunk));
      pushed += chunk.length;
    }
    return pushed;
  }

  @Test
  void fifteenMegabytesWithoutToken_isRefused401_beforeAnyBodyByteIsPassedOn() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "PUT /v1/servers/a.example/snapshot HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + 15 * MB + "\r\n\r\n" + "{".repeat(2000));
    long pushed = stream(ch, 15 * MB);
    assertThat(reply).startsWith("HTTP/1.1 401").contains("\"unauthorized\"").containsIgnoringCase("connection: close");
    assertThat(ch.isOpen()).isFalse();
    assertThat(pushed).isZero();
    assertThat(seen.heads).isZero();
    assertThat(seen.bodyBytes).isZero();
  }

  @Test
  void chunkedBodyWithoutToken_isRefused401_onItsHead() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "PUT /v1/servers/a.example/accounts/bob HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" + "x".repeat(4096) + "\r\n");
    assertThat(reply).startsWith("HTTP/1.1 401");
    assertThat(ch.isOpen()).isFalse();
    assertThat(seen.bodyBytes).isZero();
  }

  @Test
  void oversizedPinBody_isRefused413_onContentLength() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "PUT /v1/pins/a.example HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN + "\r\n"
        + "Content-Type: application/json\r\nContent-Length: 9000\r\n\r\n{\"server\":");
    assertThat(reply).startsWith("HTTP/1.1 413").contains("\"body_too_large\"").contains("8192");
    assertThat(ch.isOpen()).isFalse();
    assertThat(seen.heads).isZero();
  }

  @Test
  void snapshotUnderItsLargerLimit_passesTheHead_whileAnAccountPushOfTheSameSizeIsRefused() {
    EmbeddedChannel snapshot = channel();
    snapshot.writeInbound(Unpooled.copiedBuffer("PUT /v1/servers/a.example/snapshot HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n",
        StandardCharsets.ISO_8859_1));
    assertThat(replies(snapshot)).isEmpty();
    assertThat(seen.heads).isEqualTo(1);
    String account = send(channel(), "PUT /v1/servers/a.example/accounts/bob HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/json\r\nContent-Length: 20000\r\n\r\n");
    assertThat(account).startsWith("HTTP/1.1 413").contains("16384");
  }

  @Test
  void chunkedBodyOverTheLimit_isRefused413_whileStreaming() {
    EmbeddedChannel ch = channel();
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      body.append("1000\r\n").append("x".repeat(4096)).append("\r\n");
    }
    String reply = send(ch, "PUT /v1/servers/a.example/accounts/bob HTTP/1.1\r\nHost: x\r\n"
        + "Authorization: Bearer " + ADMIN + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + body);
    assertThat(reply).startsWith("HTTP/1.1 413").contains("\"body_too_large\"");
    assertThat(ch.isOpen()).isFalse();
    assertThat(seen.bodyBytes).isLessThanOrEqualTo(16384);
  }

  @Test
  void malformedToken_isRefused401_withoutReadingTheBody() {
    String reply = send(channel(), "POST /v1/servers HTTP/1.1\r\nHost: x\r\nAuthorization: Basic abc\r\n"
        + "Content-Type: application/json\r\nContent-Length: 10\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 401").containsIgnoringCase("www-authenticate: Bearer");
    assertThat(seen.heads).isZero();
  }

  @Test
  void unknownEndpointWithSmallBody_stillAnswers404_onAKeptConnection() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "POST /v2/nothing HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2\r\n\r\n{}");
    assertThat(reply).startsWith("HTTP/1.1 404").contains("\"not_found\"");
    assertThat(ch.isOpen()).isTrue();
    assertThat(seen.bodyBytes).isEqualTo(2);
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /v1/servers HTTP/1.1\r\nHost: x\r\n\r\n"
        + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 200");
    assertThat(reply.indexOf("HTTP/1.1 401")).isGreaterThan(0);
    assertThat(reply.lastIndexOf("HTTP/1.1 200")).isEqualTo(0);
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void tokenLookupWhileTheDatabaseIsDown_is503_andTheBodyIsNotRead() {
    EmbeddedChannel ch = channel();
    String reply = send(ch, "PUT /v1/servers/a.example/snapshot HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer cphub_x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n" + "{".repeat(3000));
    assertThat(reply).startsWith("HTTP/1.1 503").containsPattern("\"error\":\"(database_)?unavailable\"").containsIgnoringCase("retry-after: 1");
    assertThat(ch.isOpen()).isFalse();
    assertThat(seen.heads).isZero();
    assertThat(seen.bodyBytes).isZero();
  }

  @Test
  void malformedContentLength_isRefusedAs400() {
    String reply = send(channel(), "PUT /v1/pins/a.example HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN
        + "\r\nContent-Type: application/json\r\nContent-Length: lots\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 400");
    assertThat(seen.bodyBytes).isZero();
  }

  @Test
  void overlongRequestLine_isRefusedAs400() {
    String reply = send(channel(), "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 4");
  }

  @Test
  void healthz_answersOnTheSameConnectionTwice() {
    EmbeddedChannel ch = channel();
    assertThat(send(ch, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200")
        .contains("\"feedVersion\":7");
    assertThat(send(ch, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(send(ch, "GET /v1/servers HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 401")
        .containsIgnoringCase("www-authenticate: Bearer").contains("\"unauthorized\"");
    assertThat(metrics.scrape()).isNotEmpty();
  }
}
