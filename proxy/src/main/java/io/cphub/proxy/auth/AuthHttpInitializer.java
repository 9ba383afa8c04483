package io.cphub.proxy.auth;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The auth_http pipeline: read timeout, byte-level request decoder with a size cap, handler. */
final class AuthHttpInitializer extends ChannelInitializer<SocketChannel> {
  private final Authenticator authenticator;
  private final Duration readTimeout;
  private final int maxHeaderBytes;

  AuthHttpInitializer(Authenticator authenticator, Duration readTimeout, int maxHeaderBytes) {
    this.authenticator = authenticator;
    this.readTimeout = readTimeout;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast("timeout", new IdleStateHandler(readTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
        .addLast("decoder", new AuthRequestDecoder(maxHeaderBytes))
        .addLast("handler", new AuthHttpHandler(authenticator));
  }
}
