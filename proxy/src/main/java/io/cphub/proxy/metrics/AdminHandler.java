package io.cphub.proxy.metrics;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves /metrics and /healthz; anything else is 404, any other method 405. Closes after each reply. */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
  private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
  private final PrometheusRegistry registry;
  private final Health health;

  AdminHandler(PrometheusRegistry registry, Health health) {
    this.registry = registry;
    this.health = health;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
    String path = req.uri().split("\\?", 2)[0];
    if (!req.decoderResult().isSuccess()) {
      reply(ctx, HttpResponseStatus.BAD_REQUEST, "text/plain", text("bad request\n"));
    } else if (!req.method().equals(HttpMethod.GET)) {
      reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", text("GET only\n"));
    } else if (path.equals("/metrics")) {
      ByteBuf body = ctx.alloc().buffer(8192);
      try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
        WRITER.write(out, registry.scrape());
      }
      reply(ctx, HttpResponseStatus.OK, WRITER.getContentType(), body);
    } else if (path.equals("/healthz")) {
      reply(ctx, HttpResponseStatus.valueOf(health.httpStatus()), "application/json", text(health.json()));
    } else {
      reply(ctx, HttpResponseStatus.NOT_FOUND, "text/plain", text("not found\n"));
    }
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, String type, ByteBuf body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
    r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    r.headers().set(HttpHeaderNames.CONNECTION, "close");
    ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("admin connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }
}
