package io.cphub.proxy.autoconfig;

import io.cphub.model.Printable;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each aggregated HTTP request into an {@link AutoconfigRequest}, asks the core, and writes
 * the answer. Malformed HTTP becomes 400/414/431 and a close; an unexpected failure becomes 500,
 * never an escaped exception. Only the {@code Host} header is read: {@code Authorization} is
 * neither passed on nor logged. Stateless, shared by all channels.
 */
@ChannelHandler.Sharable
final class AutoconfigHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(AutoconfigHandler.class);

  private final Autoconfig core;

  AutoconfigHandler(Autoconfig core) {
    this.core = core;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (!req.decoderResult().isSuccess()) {
      Throwable cause = req.decoderResult().cause();
      int status = cause instanceof TooLongHttpLineException ? 414
          : cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException ? 431 : 400;
      LOG.debug("autoconfig: malformed HTTP request from {}: {}", ctx.channel().remoteAddress(), status);
      write(ctx, req, AutoconfigResponse.text(status, "malformed HTTP request"), false);
      return;
    }
    AutoconfigResponse response;
    if (req.headers().getAll(HttpHeaderNames.HOST).size() > 1) {
      response = AutoconfigResponse.text(400, "bad request: more than one Host header");
    } else {
      response = answer(req);
    }
    LOG.debug("autoconfig {} {} -> {}", req.method(), pathOnly(req.uri()), response.status());
    write(ctx, req, response, HttpUtil.isKeepAlive(req));
  }

  private AutoconfigResponse answer(FullHttpRequest req) {
    try {
      byte[] body = ByteBufUtil.getBytes(req.content());
      return core.answer(new AutoconfigRequest(
          req.method().name(), req.uri(), req.headers().get(HttpHeaderNames.HOST), body));
    } catch (RuntimeException e) {
      LOG.error("autoconfig failed to answer {} {}", req.method(), pathOnly(req.uri()), e);
      return AutoconfigResponse.text(500, "internal error");
    }
  }

  private static void write(ChannelHandlerContext ctx, FullHttpRequest req, AutoconfigResponse r, boolean keepAlive) {
    boolean head = HttpMethod.HEAD.equals(req.method());
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
        head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
    for (Map.Entry<String, String> h : r.headers().entrySet()) {
      resp.headers().set(h.getKey(), h.getValue());
    }
    resp.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
    HttpUtil.setKeepAlive(resp, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(resp);
    } else {
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("autoconfig connection {} closed after error: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  private static String pathOnly(String uri) {
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    return Printable.of(path);
  }
}
