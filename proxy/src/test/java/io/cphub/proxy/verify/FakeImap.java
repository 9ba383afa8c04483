package io.cphub.proxy.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small real IMAP servers on loopback for check tests. {@link #healthy}: greeting, ID, LOGIN with
 * literals, LOGOUT, one thread per connection; the tagged LOGIN reply comes from a function of the
 * password. {@link #hung}: accepts every connection and never writes (a hung Dovecot).
 * {@link #closedPort}: a port nothing listens on.
 */
public final class FakeImap implements AutoCloseable {
  private static final Pattern LITERAL = Pattern.compile(".*\\{(\\d+)}$");
  private final ServerSocket server;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private FakeImap(boolean answer, Function<String, String> loginReply) throws IOException {
    server = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          held.add(s);
          if (answer) {
            Thread t = new Thread(() -> serve(s, loginReply), "fake-imap-conn");
            t.setDaemon(true);
            t.start();
          }
        } catch (IOException e) {
          return;
        }
      }
    }, "fake-imap-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Accepts password {@code right}; any other gets {@code NO [AUTHENTICATIONFAILED]}. */
  public static FakeImap healthy(String right) throws IOException {
    return scripted(pw -> pw.equals(right) ? "OK Logged in" : "NO [AUTHENTICATIONFAILED] Authentication failed.");
  }

  /** Answers LOGIN with {@code tagged(password)}, e.g. {@code NO [PRIVACYREQUIRED] ...}. */
  public static FakeImap scripted(Function<String, String> tagged) throws IOException {
    return new FakeImap(true, tagged);
  }

  public static FakeImap hung() throws IOException {
    return new FakeImap(false, null);
  }

  public static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections accepted so far. */
  int accepted() {
    return held.size();
  }

  private static void serve(Socket s, Function<String, String> loginReply) {
    try (s) {
      s.setSoTimeout(10_000);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      send(out, "* OK fake IMAP ready\r\n");
      while (true) {
        String line = line(in);
        if (line == null) {
          return;
        }
        String tag = line.split(" ", 2)[0];
        if (line.startsWith(tag + " ID ")) {
          send(out, "* ID NIL\r\n" + tag + " OK ID completed\r\n");
        } else if (line.startsWith(tag + " LOGIN ")) {
          int userLen = literal(line);
          send(out, "+ OK\r\n");
          in.readNBytes(userLen);
          int passLen = literal(line(in));
          send(out, "+ OK\r\n");
          String password = new String(in.readNBytes(passLen), StandardCharsets.UTF_8);
          line(in);
          send(out, tag + " " + loginReply.apply(password) + "\r\n");
        } else if (line.startsWith(tag + " LOGOUT")) {
          send(out, "* BYE Logging out\r\n" + tag + " OK Logout completed.\r\n");
          return;
        } else {
          send(out, tag + " BAD Error in IMAP command\r\n");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static int literal(String line) throws IOException {
    Matcher m = LITERAL.matcher(line == null ? "" : line);
    if (!m.matches()) {
      throw new IOException("expected a literal, got " + line);
    }
    return Integer.parseInt(m.group(1));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        b.write(c);
      }
    }
    return c < 0 && b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }

  private static void send(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : held) {
      s.close();
    }
  }
}
