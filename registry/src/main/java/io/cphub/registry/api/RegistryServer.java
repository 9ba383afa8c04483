package io.cphub.registry.api;

import io.cphub.registry.tls.ReloadingSslContext;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Binds the HTTP API: one acceptor thread, two I/O threads, and a bounded worker pool for the
 * blocking database work (a full queue answers 503). With TLS, each connection starts with an
 * {@code SslHandler} from the current (reloaded on change) certificate. Start once, close once.
 */
public final class RegistryServer implements AutoCloseable {
  static final int QUEUE = 1000;
  private final ExecutorService workers;
  private final Channel channel;
  private final EventLoopGroup boss;
  private final EventLoopGroup io;

  private RegistryServer(ExecutorService workers, Channel channel, EventLoopGroup boss, EventLoopGroup io) {
    this.workers = workers;
    this.channel = channel;
    this.boss = boss;
    this.io = io;
  }

  /**
   * Binds {@code host:port} (port 0 = any free port) and starts serving {@code api}; body limits
   * come from the api's {@link Admission}.
   */
  public static RegistryServer start(Api api, String host, int port, int workerThreads)
      throws InterruptedException {
    return start(api, host, port, workerThreads, null);
  }

  /** As above, speaking TLS with {@code tls} (null: plain HTTP). */
  public static RegistryServer start(Api api, String host, int port, int workerThreads,
      ReloadingSslContext tls) throws InterruptedException {
    AtomicInteger n = new AtomicInteger();
    ExecutorService workers = new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), r -> {
          Thread t = new Thread(r, "registry-worker-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    ServerBootstrap b = new ServerBootstrap();
    EventLoopGroup bossGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup ioGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    b.group(bossGroup, ioGroup).channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .childHandler(tls == null ? new RegistryInitializer(api, workers) : new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            c.pipeline().addLast(tls.current().newHandler(c.alloc()), new RegistryInitializer(api, workers));
          }
        });
    Channel ch;
    try {
      ch = b.bind(host, port).sync().channel();
    } catch (InterruptedException | RuntimeException e) {
      bossGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      ioGroup.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdown();
      throw e;
    }
    return new RegistryServer(workers, ch, bossGroup, ioGroup);
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdown();
  }
}
