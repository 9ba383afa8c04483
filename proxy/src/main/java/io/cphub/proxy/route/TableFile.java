package io.cphub.proxy.route;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The route table's local copy, so a cold start without PostgreSQL can still route mail. Written
 * atomically (temp file in the same directory, fsync, rename) and checked with a CRC-32 on read,
 * so a crash mid-write leaves the previous file intact. Stateless; callers serialise writes.
 */
public final class TableFile {
  private static final int MAGIC = 0x43504852; // "CPHR"
  private static final int FORMAT = 2; // 2 added the feed point; 1 is still read (point unknown)

  private TableFile() {}

  /** Writes {@code t} to {@code file}, replacing it atomically. */
  public static void write(Path file, RouteTable t, Instant savedAt) {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      CRC32 crc = new CRC32();
      try (OutputStream os = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(os, crc), 1 << 16))) {
        writeBody(out, t, savedAt);
        out.flush();
        out.writeLong(crc.getValue());
        out.flush();
      }
      try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException | UncheckedIOException e) {
      throw new TableFileException("cannot write route table to " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the temp file is garbage either way
        }
      }
    }
  }

  /** Reads a table written by {@link #write}; it comes back with source {@link RouteTable.Source#FILE}. */
  public static Saved read(Path file) {
    CRC32 crc = new CRC32();
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(is, 1 << 16), crc))) {
      int magic = in.readInt();
      int format = in.readInt();
      if (magic != MAGIC || (format != 1 && format != FORMAT)) {
        throw new IOException("not a cphub route table file (bad magic or format)");
      }
      UUID epoch = new UUID(in.readLong(), in.readLong());
      long version = in.readLong();
      Instant savedAt = Instant.ofEpochMilli(in.readLong());
      FeedPoint point = format == 1 ? FeedPoint.UNKNOWN : new FeedPoint(in.readUTF(), in.readUTF());
      TableBuilder b = new TableBuilder();
      int servers = in.readInt();
      for (int i = 0; i < servers; i++) {
        b.server(new Backend(in.readInt(), in.readUTF(), in.readUTF(), port(in.readInt()), port(in.readInt()),
            port(in.readInt()), in.readUTF()));
      }
      int domains = in.readInt();
      for (int i = 0; i < domains; i++) {
        b.domain(in.readUTF(), in.readInt());
      }
      int accounts = in.readInt();
      for (int i = 0; i < accounts; i++) {
        b.account(in.readUTF(), in.readInt());
      }
      long expected = crc.getValue();
      long stored = in.readLong();
      if (stored != expected || in.read() != -1) {
        throw new IOException("checksum mismatch: file is corrupt");
      }
      return new Saved(b.build(epoch, version, RouteTable.Source.FILE, savedAt, point), savedAt);
    } catch (EOFException e) {
      throw new TableFileException("route table file " + file + " is truncated", e);
    } catch (IOException | IllegalArgumentException e) {
      throw new TableFileException("cannot read route table file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A table read back from a file and when it was saved. */
  public record Saved(RouteTable table, Instant savedAt) {}

  private static void writeBody(DataOutputStream out, RouteTable t, Instant savedAt) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(t.epoch().getMostSignificantBits());
    out.writeLong(t.epoch().getLeastSignificantBits());
    out.writeLong(t.version());
    out.writeLong(savedAt.toEpochMilli());
    out.writeUTF(t.point().identity());
    out.writeUTF(t.point().lastChange());
    out.writeInt(t.serverCount());
    for (Backend b : t.servers().values()) {
      out.writeInt(b.id());
      out.writeUTF(b.name());
      out.writeUTF(b.address());
      out.writeInt(b.imapPort() == null ? 0 : b.imapPort());
      out.writeInt(b.pop3Port() == null ? 0 : b.pop3Port());
      out.writeInt(b.smtpPort() == null ? 0 : b.smtpPort());
      out.writeUTF(b.state());
    }
    writeMap(out, t.domains());
    writeMap(out, t.accounts());
  }

  private static void writeMap(DataOutputStream out, TrieMap<Integer> m) throws IOException {
    out.writeInt(m.size());
    try {
      m.forEach((k, v) -> {
        try {
          out.writeUTF(k);
          out.writeInt(v);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Integer port(int p) {
    return p == 0 ? null : p;
  }
}
