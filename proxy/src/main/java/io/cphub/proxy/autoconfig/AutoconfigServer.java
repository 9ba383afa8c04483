package io.cphub.proxy.autoconfig;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The autoconfiguration HTTP server: binds {@link AutoconfigConfig#bindHost()}:{@link
 * AutoconfigConfig#bindPort()} and serves {@link Autoconfig} over HTTP/1.1 (TLS is terminated in
 * front, by nginx). Owns its event loop ({@value #THREADS} threads). {@link #start} and
 * {@link #stop} are synchronized; a stopped server cannot be started again.
 */
public final class AutoconfigServer implements AutoCloseable {
  static final int THREADS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(AutoconfigServer.class);

  private final AutoconfigConfig config;
  private final Autoconfig core;
  private EventLoopGroup group;
  private Channel channel;
  private boolean stopped;

  public AutoconfigServer(AutoconfigConfig config, Autoconfig core) {
    this.config = Objects.requireNonNull(config, "config");
    this.core = Objects.requireNonNull(core, "core");
  }

  /** Binds and starts serving; returns the bound address (the real port when configured 0). */
  public synchronized InetSocketAddress start() {
    if (stopped || channel != null) {
      throw new AutoconfigException("autoconfig server already " + (stopped ? "stopped" : "started"));
    }
    group = new MultiThreadIoEventLoopGroup(THREADS, new DefaultThreadFactory("autoconfig"), NioIoHandler.newFactory());
    try {
      channel = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 256)
          .childHandler(new AutoconfigInitializer(config, core))
          .bind(config.bindHost(), config.bindPort())
          .sync()
          .channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shutdownGroup();
      throw new AutoconfigException("interrupted while binding autoconfig server", e);
    } catch (Exception e) {
      // sync() rethrows the bind failure (a checked BindException) without declaring it.
      shutdownGroup();
      throw new AutoconfigException(
          "cannot bind autoconfig server to " + config.bindHost() + ":" + config.bindPort(), e);
    }
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    LOG.info("autoconfig listening on {} for {}", bound, config.service().hostname());
    return bound;
  }

  /** The bound address, or null before {@link #start}. */
  public synchronized InetSocketAddress address() {
    return channel == null ? null : (InetSocketAddress) channel.localAddress();
  }

  /** Stops accepting, closes connections and waits (up to 5 s) for the event loop to finish. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    if (channel != null) {
      channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
    shutdownGroup();
    LOG.info("autoconfig stopped");
  }

  @Override
  public void close() {
    stop();
  }

  private void shutdownGroup() {
    if (group != null) {
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }
}
