package io.cphub.proxy.auth;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each {@link RawRequest} with the {@link Authenticator}'s reply, framed as HTTP: one
 * request at a time per connection, closed after the reply unless the client asked for
 * keep-alive. A slow client gets a failure reply when the read timeout fires. No exception leaves
 * this handler. One instance per channel.
 */
final class AuthHttpHandler extends SimpleChannelInboundHandler<RawRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AuthHttpHandler.class);
  private static final byte[] STATUS_10 = "HTTP/1.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STATUS_11 = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_CLOSE = "Content-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_KEEP_10 = "Content-Length: 0\r\nConnection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END_KEEP_11 = "Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Authenticator authenticator;
  private boolean busy;
  private int served;

  AuthHttpHandler(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, RawRequest req) {
    if (busy) {
      LOG.info("pipelined auth request from {} refused", ctx.channel().remoteAddress());
      ctx.close();
      return;
    }
    busy = true;
    java.util.concurrent.CompletableFuture<AuthReply> decision;
    try {
      decision = authenticator.authenticate(req, String.valueOf(ctx.channel().remoteAddress()));
    } catch (RuntimeException e) {
      decision = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    decision.whenComplete((reply, error) -> {
      if (ctx.executor().inEventLoop()) {
        write(ctx, req, reply, error);
      } else {
        ctx.executor().execute(() -> write(ctx, req, reply, error));
      }
    });
  }

  private void write(ChannelHandlerContext ctx, RawRequest req, AuthReply reply, Throwable error) {
    busy = false;
    served++;
    if (error != null || reply == null) {
      LOG.error("auth decision failed for a request from {}", ctx.channel().remoteAddress(), error);
      reply = AuthReply.failure(Replies.TEMPORARY, null, 5, "error");
    }
    if (!ctx.channel().isActive()) {
      return;
    }
    boolean keep = req.keepAlive() && req.problem() == null;
    byte[] end = !keep ? END_CLOSE : req.http11() ? END_KEEP_11 : END_KEEP_10;
    byte[] headers = reply.headers();
    ByteBuf b = ctx.alloc().buffer(STATUS_11.length + headers.length + end.length);
    b.writeBytes(req.http11() ? STATUS_11 : STATUS_10).writeBytes(headers).writeBytes(end);
    if (keep) {
      ctx.writeAndFlush(b, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(b).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (!(evt instanceof IdleStateEvent e) || e.state() != IdleState.READER_IDLE || busy) {
      return;
    }
    if (served > 0) {
      ctx.close();
      return;
    }
    LOG.info("auth request from {} timed out while reading", ctx.channel().remoteAddress());
    write(ctx, RawRequest.malformed("read timeout", false),
        AuthReply.failure("Invalid request", null, -1, "timeout"), null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("auth connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn("auth connection from {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }
}
