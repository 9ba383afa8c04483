package io.cphub.agent.sessions;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends each mask as one line to the root helper {@code cphub-kick} behind a Unix-domain socket
 * ({@code cphub-agent-kick.socket}: one connection per mask) and maps its one reply line:
 * {@code ok kicked} is {@link Outcome#KICKED}, {@code ok none} {@link Outcome#NONE}, anything else
 * (an {@code error ...} line, no reply, an unreachable socket, {@code timeout} without an answer)
 * {@link Outcome#FAILED} with the reason. Stateless; thread-safe.
 */
final class KickSocket implements Doveadm {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final int MAX_REPLY = 512;
  private final Path socket;
  private final Duration timeout;

  KickSocket(Path socket, Duration timeout) {
    this.socket = socket;
    this.timeout = timeout;
  }

  @Override
  public Result kick(String mask) {
    if (mask.isEmpty() || mask.indexOf('\n') >= 0 || mask.indexOf('\r') >= 0) {
      return new Result(Outcome.FAILED, "not sent to " + socket + ": the mask is empty or has a line break");
    }
    String reply;
    try {
      reply = exchange(mask + "\n");
    } catch (IOException e) {
      return new Result(Outcome.FAILED, "kick socket " + socket + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Outcome.FAILED, "interrupted");
    }
    if (reply.equals("ok kicked")) {
      return new Result(Outcome.KICKED, reply);
    }
    if (reply.equals("ok none")) {
      return new Result(Outcome.NONE, reply);
    }
    return new Result(Outcome.FAILED, "kick socket " + socket + " answered "
        + (reply.isEmpty() ? "nothing" : "'" + reply + "'"));
  }

  /** Writes {@code line}, then reads up to the first line break or the end; all within the timeout. */
  private String exchange(String line) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket)); Selector sel = Selector.open()) {
      ch.configureBlocking(false);
      ByteBuffer out = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      ByteBuffer in = ByteBuffer.allocate(MAX_REPLY);
      SelectionKey key = ch.register(sel, SelectionKey.OP_WRITE);
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new IOException("no answer in " + timeout.toMillis() + " ms");
        }
        int ready = sel.select(left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (ready == 0) {
          continue;
        }
        if (out.hasRemaining() && key.isWritable()) {
          ch.write(out);
          if (!out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_READ);
          }
        } else if (key.isReadable()) {
          int n = ch.read(in);
          String got = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
          int eol = got.indexOf('\n');
          if (eol >= 0) {
            return got.substring(0, eol).strip();
          }
          if (n < 0 || !in.hasRemaining()) {
            return got.strip();
          }
        }
        sel.selectedKeys().clear();
      }
    }
  }
}
