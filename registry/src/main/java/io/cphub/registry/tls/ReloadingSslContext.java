package io.cphub.registry.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's server {@link SslContext}, built from {@link TlsFiles} and rebuilt when one of the
 * files changes: {@link #current()} (called for each new connection) stats the files (modification
 * time, size, inode) and, when they differ from those of the context in use, builds a new one.
 * New connections get the new context; open ones keep theirs. A change that cannot be used (a key
 * not yet matching the new certificate, a half-written file) is logged once and the previous
 * context stays in use until the files change again. Thread-safe: reads are lock-free, a rebuild
 * runs under the object's lock.
 */
public final class ReloadingSslContext {
  private static final Logger LOG = LoggerFactory.getLogger(ReloadingSslContext.class);
  private final TlsFiles files;
  private volatile Loaded loaded;
  private List<Object> refused;

  private record Loaded(List<Object> stamps, SslContext context, String subject, Instant notAfter) {}

  private ReloadingSslContext(TlsFiles files, Loaded loaded) {
    this.files = files;
    this.loaded = loaded;
  }

  /** Builds the first context; a file that cannot be used is a {@link TlsException} (the registry does not start). */
  public static ReloadingSslContext load(TlsFiles files) {
    Loaded first = build(files, stamps(files));
    LOG.info("TLS certificate {} (valid until {}) from {}{}", first.subject(), first.notAfter(), files.certFile(),
        files.clientCaFile() == null ? "" : ", client certificates required (CA " + files.clientCaFile() + ")");
    return new ReloadingSslContext(files, first);
  }

  /** The context for a new connection, rebuilt first if the files changed since it was built. */
  public SslContext current() {
    Loaded l = loaded;
    List<Object> now = stamps(files);
    if (!now.equals(l.stamps())) {
      reload(now);
    }
    return loaded.context();
  }

  /**
   * The notAfter of the certificate new connections get: the files are checked first, as for a
   * new connection, so a renewal shows here as soon as it would be served.
   */
  public Instant notAfter() {
    current();
    return loaded.notAfter();
  }

  private synchronized void reload(List<Object> now) {
    if (now.equals(loaded.stamps()) || now.equals(refused)) {
      return;
    }
    try {
      Loaded next = build(files, now);
      loaded = next;
      refused = null;
      LOG.info("TLS certificate reloaded: {} (valid until {}) from {}", next.subject(), next.notAfter(),
          files.certFile());
    } catch (TlsException e) {
      refused = now;
      LOG.warn("TLS files changed but cannot be used, still serving {}: {}", loaded.subject(), e.getMessage());
    }
  }

  private static Loaded build(TlsFiles f, List<Object> stamps) {
    byte[] cert = read(f.certFile(), "tls.cert-file");
    byte[] key = read(f.keyFile(), "tls.key-file");
    List<X509Certificate> chain = PemMaterial.certificates(cert, "tls.cert-file " + f.certFile());
    PemMaterial.checkKeyMatches(key, chain.get(0), "tls.key-file " + f.keyFile());
    try {
      SslContextBuilder b = SslContextBuilder.forServer(new ByteArrayInputStream(cert), new ByteArrayInputStream(key))
          .protocols("TLSv1.3", "TLSv1.2");
      if (f.clientCaFile() != null) {
        byte[] ca = read(f.clientCaFile(), "tls.client-ca-file");
        PemMaterial.certificates(ca, "tls.client-ca-file " + f.clientCaFile());
        b.trustManager(new ByteArrayInputStream(ca)).clientAuth(ClientAuth.REQUIRE);
      }
      return new Loaded(stamps, b.build(), chain.get(0).getSubjectX500Principal().getName(),
          chain.get(0).getNotAfter().toInstant());
    } catch (SSLException | IllegalArgumentException e) {
      throw new TlsException("tls.cert-file " + f.certFile() + " / tls.key-file " + f.keyFile()
          + ": cannot build the TLS context: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file, String key) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new TlsException(key + " " + file + ": cannot read: " + e, e);
    }
  }

  /** Modification time, size and inode of each file; a file that cannot be stat'ed counts as a change. */
  private static List<Object> stamps(TlsFiles f) {
    List<Object> out = new ArrayList<>();
    for (Path p : new Path[] {f.certFile(), f.keyFile(), f.clientCaFile()}) {
      if (p == null) {
        continue;
      }
      try {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.add(List.of(a.lastModifiedTime(), a.size(), Objects.requireNonNullElse(a.fileKey(), "")));
      } catch (IOException e) {
        out.add("unreadable " + p);
      }
    }
    return out;
  }
}
