package io.cphub.proxy.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Which Netty transport the proxy's listeners use. nginx opens a new connection for every login,
 * so accepting and closing connections is most of the work; the native epoll transport does that
 * with fewer system calls and less garbage than NIO. Stateless.
 */
public enum Transport {
  EPOLL, NIO;

  /** Epoll when {@code preferNative} and its native library loads on this machine, else NIO. */
  public static Transport choose(boolean preferNative) {
    return preferNative && Epoll.isAvailable() ? EPOLL : NIO;
  }

  /** Why the native transport is not available, or null when it is. */
  public static Throwable nativeUnavailableCause() {
    return Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
  }

  /** A new event-loop group of this transport; {@code threads} 0 means Netty's default. */
  public EventLoopGroup group(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, this == EPOLL ? EpollIoHandler.newFactory()
        : NioIoHandler.newFactory());
  }

  /** The server channel class that fits {@code group}, whichever transport made it. */
  public static Class<? extends ServerChannel> serverChannelFor(EventLoopGroup group) {
    if (group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class)) {
      return EpollServerSocketChannel.class;
    }
    return NioServerSocketChannel.class;
  }
}
