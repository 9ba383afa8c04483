package io.cphub.simulator.http;

import io.cphub.simulator.whm.Fault;
import io.cphub.simulator.whm.WhmAnswer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection on its own thread: reads a request, asks the handler, writes the
 * answer the way the current {@link Fault} says (HTTP/1.0 and close, {@code Connection: close}
 * every n-th answer, closed mid-answer, dropped, trickled), and closes the connection after
 * {@code idleTimeoutMs} without a request. Confined to its thread.
 */
final class HttpConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
  private static final int READ_TIMEOUT_MS = 30_000;

  private final Socket socket;
  private final Function<Request, WhmAnswer> handler;
  private final Supplier<Fault> fault;
  private final int maxBody;
  private int answers;

  HttpConnection(Socket socket, Function<Request, WhmAnswer> handler, Supplier<Fault> fault, int maxBody) {
    this.socket = socket;
    this.handler = handler;
    this.fault = fault;
    this.maxBody = maxBody;
  }

  @Override
  public void run() {
    try {
      socket.setTcpNoDelay(true);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      while (serveOne(in, out)) {
        // next request on the same connection
      }
    } catch (SocketTimeoutException e) {
      // idle (or stalled) client: close without notice, as servers do
    } catch (RequestReader.Malformed e) {
      writeQuietly(e.status, e.getMessage());
    } catch (IOException e) {
      LOG.debug("simulator connection from {} ended: {}", socket.getRemoteSocketAddress(), e.toString());
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("close failed: {}", e.toString());
      }
    }
  }

  /** True when the connection stays open for another request. */
  private boolean serveOne(InputStream in, OutputStream out) throws IOException {
    socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, fault.get().idleTimeoutMs()));
    in.mark(1);
    if (in.read() < 0) {
      return false;
    }
    in.reset();
    socket.setSoTimeout(READ_TIMEOUT_MS);
    Request request = RequestReader.read(in, maxBody);
    if (request == null) {
      return false;
    }
    WhmAnswer answer = handler.apply(request);
    Fault f = fault.get();
    answers++;
    boolean http10 = f.connection().equals("http10");
    boolean announceClose = (f.connection().equals("close") && answers % f.closeEvery() == 0) || !request.keepAlive();
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    if (answer.delivery().equals("drop")) {
      return false;
    }
    out.write(head(answer, body.length, http10, announceClose && !http10));
    switch (answer.delivery()) {
      case "cut" -> {
        out.write(body, 0, body.length / 2);
        out.flush();
        return false;
      }
      case "slow" -> {
        out.flush();
        trickle(out, body, answer.spreadMs());
      }
      default -> out.write(body);
    }
    out.flush();
    return !http10 && !announceClose;
  }

  private static byte[] head(WhmAnswer a, int length, boolean http10, boolean announceClose) {
    StringBuilder h = new StringBuilder(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(a.status()).append(' ')
        .append(reason(a.status())).append("\r\n");
    h.append("Server: cpsrvd/11.120.0.16\r\n");
    h.append("Content-Type: ").append(a.contentType()).append("\r\n");
    h.append("Content-Length: ").append(length).append("\r\n");
    if (announceClose) {
      h.append("Connection: close\r\n");
    }
    return h.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void trickle(OutputStream out, byte[] body, long spreadMs) throws IOException {
    int pieces = 10;
    for (int i = 0; i < pieces; i++) {
      int from = body.length * i / pieces;
      int to = body.length * (i + 1) / pieces;
      out.write(body, from, to - from);
      out.flush();
      try {
        Thread.sleep(spreadMs / pieces);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while trickling", e);
      }
    }
  }

  private void writeQuietly(int status, String detail) {
    try {
      String body = "{\"error\":\"bad_request\",\"detail\":\"" + detail + "\"}";
      socket.getOutputStream().write(head(WhmAnswer.json(status, body), body.length(), false, true));
      socket.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
      socket.shutdownOutput();
      socket.setSoTimeout(1000);
      socket.getInputStream().skip(1 << 20); // lingering close: unread input would reset the answer away
    } catch (IOException e) {
      LOG.debug("could not answer a malformed request: {}", e.toString());
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 413 -> "Payload Too Large";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      default -> "Status";
    };
  }
}
