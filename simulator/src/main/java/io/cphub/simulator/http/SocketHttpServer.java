package io.cphub.simulator.http;

import io.cphub.simulator.whm.Fault;
import io.cphub.simulator.whm.WhmAnswer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking HTTP/1.1 server: one accept thread, one daemon thread per connection (at most
 * {@link #MAX_CONNECTIONS}; more are closed at once). How each connection behaves comes from the
 * {@link Fault} supplier at every answer, so a test can change it at run time. Thread-safe;
 * {@link #close()} closes the listener and every open connection.
 */
public final class SocketHttpServer implements AutoCloseable {
  static final int MAX_CONNECTIONS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(SocketHttpServer.class);

  private final ServerSocket listener;
  private final Function<Request, WhmAnswer> handler;
  private final Supplier<Fault> fault;
  private final int maxBody;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public SocketHttpServer(InetSocketAddress bind, String name, Function<Request, WhmAnswer> handler,
      Supplier<Fault> fault, int maxBody) throws IOException {
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(bind, 128);
    this.handler = handler;
    this.fault = fault;
    this.maxBody = maxBody;
    this.acceptor = new Thread(this::accept, "sim-http-" + name);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      Socket s;
      try {
        s = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("simulator listener on port {} failed: {}", port(), e.toString());
        }
        return;
      }
      if (open.size() >= MAX_CONNECTIONS) {
        closeQuietly(s);
        continue;
      }
      open.add(s);
      Thread t = new Thread(() -> {
        try {
          new HttpConnection(s, handler, fault, maxBody).run();
        } finally {
          open.remove(s);
        }
      }, "sim-conn-" + port());
      t.setDaemon(true);
      t.start();
    }
  }

  /** Connections open now (for tests). */
  public int openConnections() {
    return open.size();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    open.forEach(SocketHttpServer::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LOG.debug("close failed: {}", e.toString());
    }
  }
}
