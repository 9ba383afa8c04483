package io.cphub.agent.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A load balancer stand-in for tests: forwards TCP to a backend and ends a client connection that
 * carried nothing for {@code idleMs}: {@code CLOSE} closes it (FIN, as HAProxy or nginx do),
 * {@code BLACKHOLE} stops forwarding but leaves it open (as a NAT or cloud balancer that forgot
 * the flow). Counts connections accepted and ended for idleness. One thread per direction.
 */
public final class IdleClosingBalancer implements AutoCloseable {
  public enum Mode { CLOSE, BLACKHOLE }

  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final long idleMs;
  private final Mode mode;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger idleEnded = new AtomicInteger();
  private volatile long lastByteAnyNs = System.nanoTime();
  private volatile boolean closed;

  public IdleClosingBalancer(InetSocketAddress backend, long idleMs, Mode mode) throws IOException {
    this.listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
    this.backend = backend;
    this.idleMs = idleMs;
    this.mode = mode;
    daemon(this::accept, "balancer-accept");
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Client connections accepted so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Client connections ended (closed or black-holed) for idleness so far. */
  public int idleEnded() {
    return idleEnded.get();
  }

  /** True when no byte crossed the balancer for longer than {@code ms}. */
  public boolean quietFor(long ms) {
    return System.nanoTime() - lastByteAnyNs > ms * 1_000_000L;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        Socket server = new Socket(backend.getAddress(), backend.getPort());
        sockets.add(client);
        sockets.add(server);
        Pair pair = new Pair(client, server);
        daemon(() -> pair.pump(client, server), "balancer-up");
        daemon(() -> pair.pump(server, client), "balancer-down");
      } catch (IOException e) {
        return;
      }
    }
  }

  /** One forwarded connection; idle when neither direction moved a byte for {@code idleMs}. */
  private final class Pair {
    final Socket client;
    final Socket server;
    volatile long lastByteNs = System.nanoTime();
    volatile boolean ended;

    Pair(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void pump(Socket from, Socket to) {
      byte[] buf = new byte[16384];
      try {
        from.setSoTimeout((int) Math.max(1, idleMs / 4));
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        while (!closed) {
          int n;
          try {
            n = in.read(buf);
          } catch (SocketTimeoutException e) {
            if (System.nanoTime() - lastByteNs >= idleMs * 1_000_000L) {
              endForIdleness();
            }
            continue;
          }
          if (n < 0) {
            break;
          }
          if (ended) {
            continue; // black hole: swallow what arrives
          }
          lastByteNs = System.nanoTime();
          lastByteAnyNs = lastByteNs;
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // either side went away
      }
      if (!(ended && mode == Mode.BLACKHOLE)) {
        quietly(client);
      }
      quietly(server);
    }

    synchronized void endForIdleness() {
      if (ended) {
        return;
      }
      ended = true;
      idleEnded.incrementAndGet();
      quietly(server);
      if (mode == Mode.CLOSE) {
        quietly(client);
      }
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void quietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    sockets.forEach(IdleClosingBalancer::quietly);
  }
}
