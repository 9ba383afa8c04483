package io.cphub.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.registry.metrics.RegistryMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline on an {@link EmbeddedChannel}: size limits and broken HTTP become JSON errors. */
class RegistryHandlerTest {
  private final RegistryMetrics metrics = new RegistryMetrics(() -> 7, () -> 0, List::of);
  private final Api api = new Api("admin-token-for-tests-0123456789", null, null, null, null, metrics, () -> 7);

  private EmbeddedChannel channel(int maxBody) {
    return new EmbeddedChannel(new HttpServerCodec(RegistryInitializer.MAX_INITIAL_LINE,
        RegistryInitializer.MAX_HEADERS, RegistryInitializer.MAX_CHUNK), new LimitedAggregator(maxBody),
        new RegistryHandler(api, Runnable::run));
  }

  private static String send(EmbeddedChannel ch, String raw) {
    ch.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
    StringBuilder out = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      out.append(b.toString(StandardCharsets.UTF_8));
      b.release();
    }
    return out.toString();
  }

  @Test
  void oversizeBody_gets413Json_beforeTheBodyIsRead() {
    String reply = send(channel(1024), "PUT /v1/servers/a.example/snapshot HTTP/1.1\r\nHost: x\r\n"
        + "Content-Type: application/json\r\nContent-Length: 5000\r\n\r\n{");
    assertThat(reply).startsWith("HTTP/1.1 413").contains("\"error\":\"body_too_large\"");
  }

  @Test
  void overlongRequestLine_isRefusedAs400() {
    String reply = send(channel(1024), "GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(reply).startsWith("HTTP/1.1 4");
  }

  @Test
  void healthz_answersOnTheSameConnectionTwice() {
    EmbeddedChannel ch = channel(1024);
    assertThat(send(ch, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200")
        .contains("\"feedVersion\":7");
    assertThat(send(ch, "GET /v1/servers HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 401")
        .containsIgnoringCase("www-authenticate: Bearer").contains("\"unauthorized\"");
    assertThat(ch.isOpen()).isTrue();
  }
}
