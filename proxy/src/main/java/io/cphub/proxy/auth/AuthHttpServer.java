package io.cphub.proxy.auth;

import io.cphub.proxy.config.HostPort;
import io.cphub.proxy.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The auth_http listener: binds, serves on the given event-loop group, closes. nginx opens one
 * connection per login, so accepting is most of the work: on the epoll transport every event loop
 * gets its own listening socket on the same port ({@code SO_REUSEPORT}), the kernel spreads new
 * connections over them, and each connection is served by the loop that accepted it, with no
 * hand-off between threads, and {@code TCP_DEFER_ACCEPT} makes the kernel hand over a connection
 * only once its request has arrived (nginx writes it right after connecting), which saves a wake-up
 * per login; a client that sends nothing is still accepted after about a second and then meets the
 * read timeout. On NIO one socket accepts for all loops. The accept backlog is large.
 * Thread-safe start/close.
 */
public final class AuthHttpServer implements AutoCloseable {
  private final List<Channel> channels;

  private AuthHttpServer(List<Channel> channels) {
    this.channels = List.copyOf(channels);
  }

  /** Binds {@code listen} and starts serving. */
  public static AuthHttpServer start(HostPort listen, EventLoopGroup group, Authenticator authenticator,
      Duration readTimeout, int maxHeaderBytes) throws InterruptedException {
    AuthHttpInitializer initializer = new AuthHttpInitializer(authenticator, readTimeout, maxHeaderBytes);
    Class<? extends ServerChannel> type = Transport.serverChannelFor(group);
    if (type != EpollServerSocketChannel.class) {
      return new AuthHttpServer(List.of(bootstrap(group, group, type, initializer)
          .bind(listen.host(), listen.port()).sync().channel()));
    }
    List<Channel> channels = new ArrayList<>();
    int port = listen.port();
    try {
      for (EventExecutor loop : group) {
        EventLoopGroup one = (EventLoopGroup) loop;
        Channel ch = bootstrap(one, one, type, initializer).option(EpollChannelOption.SO_REUSEPORT, true)
            .option(EpollChannelOption.TCP_DEFER_ACCEPT, 1)
            .bind(listen.host(), port).sync().channel();
        channels.add(ch);
        port = ((InetSocketAddress) ch.localAddress()).getPort();
      }
    } catch (Exception e) { // includes the bind failure, which Netty throws undeclared
      channels.forEach(c -> c.close().syncUninterruptibly());
      throw e;
    }
    return new AuthHttpServer(channels);
  }

  private static ServerBootstrap bootstrap(EventLoopGroup parent, EventLoopGroup child,
      Class<? extends ServerChannel> type, AuthHttpInitializer initializer) {
    return new ServerBootstrap()
        .group(parent, child)
        .channel(type)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(initializer);
  }

  public int port() {
    return ((InetSocketAddress) channels.get(0).localAddress()).getPort();
  }

  /** How many listening sockets serve the port (one per event loop on epoll, else one). */
  public int listeners() {
    return channels.size();
  }

  @Override
  public void close() {
    channels.forEach(c -> c.close().syncUninterruptibly());
  }
}
