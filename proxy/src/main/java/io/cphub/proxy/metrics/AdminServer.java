package io.cphub.proxy.metrics;

import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetSocketAddress;

/** The admin listener: {@code GET /metrics} and {@code GET /healthz}, on its own port. */
public final class AdminServer implements AutoCloseable {
  private final Channel channel;

  private AdminServer(Channel channel) {
    this.channel = channel;
  }

  public static AdminServer start(HostPort listen, EventLoopGroup group, PrometheusRegistry registry, Health health)
      throws InterruptedException {
    ServerBootstrap b = new ServerBootstrap().group(group).channel(Transport.serverChannelFor(group))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline()
                .addLast(new ReadTimeoutHandler(10))
                .addLast(new HttpServerCodec(4096, 8192, 8192))
                .addLast(new HttpObjectAggregator(4096))
                .addLast(new AdminHandler(registry, health));
          }
        });
    return new AdminServer(b.bind(listen.host(), listen.port()).sync().channel());
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
  }
}
