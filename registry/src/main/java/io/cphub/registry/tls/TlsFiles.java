package io.cphub.registry.tls;

import java.nio.file.Path;

/**
 * Where the registry's TLS material lives: the certificate chain and its key (PEM, the key
 * PKCS#8 {@code BEGIN PRIVATE KEY}), and, when set, the CA whose client certificates are required.
 */
public record TlsFiles(Path certFile, Path keyFile, Path clientCaFile) {
  public TlsFiles {
    if (certFile == null || keyFile == null) {
      throw new IllegalArgumentException("tls.cert-file and tls.key-file are both required");
    }
  }
}
