package io.cphub.proxy.auth;

import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The auth_http listener: binds, serves on the given event-loop group, closes. nginx opens one
 * connection per login, so the accept backlog is large. Thread-safe start/close.
 */
public final class AuthHttpServer implements AutoCloseable {
  private final Channel channel;

  private AuthHttpServer(Channel channel) {
    this.channel = channel;
  }

  /** Binds {@code listen} and starts serving. */
  public static AuthHttpServer start(HostPort listen, EventLoopGroup group, Authenticator authenticator,
      Duration readTimeout, int maxHeaderBytes) throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap()
        .group(group)
        .channel(Transport.serverChannelFor(group))
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new AuthHttpInitializer(authenticator, readTimeout, maxHeaderBytes));
    return new AuthHttpServer(b.bind(listen.host(), listen.port()).sync().channel());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
