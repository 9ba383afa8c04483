package io.cphub.registry.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to {@link Api} on a worker thread (database work never runs on the event
 * loop) and writes the answer. Reading pauses while a request is in flight, so responses on a
 * keep-alive connection stay in request order. One per channel.
 */
final class RegistryHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHandler.class);
  private final Api api;
  private final Executor workers;

  RegistryHandler(Api api, Executor workers) {
    this.api = api;
    this.workers = workers;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    if (!req.decoderResult().isSuccess()) {
      write(ctx, ApiResponse.error(400, "bad_request", "malformed HTTP request"), false);
      return;
    }
    ApiRequest request = ApiRequest.from(req, ctx.channel().attr(HeadGuard.PRINCIPAL).getAndSet(null));
    ctx.channel().config().setAutoRead(false);
    try {
      workers.execute(() -> write(ctx, api.handle(request), keepAlive));
    } catch (RejectedExecutionException e) {
      write(ctx, ApiResponse.error(503, "overloaded", "too many requests in progress; retry later")
          .withHeader("Retry-After", "1"), false);
    }
  }

  private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
    FullHttpResponse resp = response(r, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(resp).addListener(f -> ctx.channel().config().setAutoRead(true));
    } else {
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** The HTTP answer of {@code r}, with {@code Connection} set as {@code keepAlive} says. */
  static FullHttpResponse response(ApiResponse r, boolean keepAlive) {
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(r.body()));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType())
        .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
        .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE)
        .set("X-Content-Type-Options", "nosniff");
    r.headers().forEach((name, value) -> resp.headers().set(name, value));
    if (r.status() == 401) {
      resp.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
    }
    return resp;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof ReadTimeoutException)) {
      LOG.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    }
    ctx.close();
  }
}
