package io.cphub.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests, made with BouncyCastle (EC P-256): issues server
 * certificates for loopback (SAN {@code 127.0.0.1}, {@code localhost}) and client certificates,
 * writes them as PEM files and builds JDK {@link SSLContext}s from them. Not thread-safe.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private final String name;
  private final KeyPair keys;
  private final X509Certificate certificate;

  /** A leaf certificate with its key and the certificate of the CA that issued it. */
  public record Issued(X509Certificate certificate, KeyPair keys, X509Certificate issuer) {
    /** Writes the certificate and its key (PKCS#8) as PEM files. */
    public Issued write(Path certFile, Path keyFile) {
      TestPki.writePem(certFile, certificate);
      TestPki.writePem(keyFile, pkcs8(keys));
      return this;
    }
  }

  public TestPki(String name) {
    this.name = name;
    this.keys = ec();
    this.certificate = sign(new X500Name("CN=" + name), keys, keys, new X500Name("CN=" + name), true, Duration.ofDays(2));
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** A server certificate for {@code 127.0.0.1} and {@code localhost}, named {@code cn}. */
  public Issued server(String cn) {
    return server(cn, Duration.ofDays(1));
  }

  /** As {@link #server(String)}, valid for {@code valid} from a minute ago. */
  public Issued server(String cn, Duration valid) {
    KeyPair k = ec();
    return new Issued(sign(new X500Name("CN=" + cn), k, keys, new X500Name("CN=" + name), false, valid), k,
        certificate);
  }

  /** A client certificate named {@code cn}. */
  public Issued client(String cn) {
    return server(cn);
  }

  /** Writes the CA certificate as PEM. */
  public Path writeCertificate(Path file) {
    writePem(file, certificate);
    return file;
  }

  /** A client context trusting only this CA, presenting {@code clientCert} (issued by any CA) when not null. */
  public SSLContext clientContext(Issued clientCert) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (clientCert != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", clientCert.keys().getPrivate(), new char[0],
            new X509Certificate[] {clientCert.certificate(), clientCert.issuer()});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a client SSLContext for " + name, e);
    }
  }

  static JcaPKCS8Generator pkcs8(KeyPair keys) {
    try {
      return new JcaPKCS8Generator(keys.getPrivate(), null);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes one PEM object (certificate, key, or a {@link JcaPKCS8Generator}). */
  public static void writePem(Path file, Object o) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static KeyPair ec() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys, X500Name issuer,
      boolean ca, Duration valid) {
    try {
      Instant now = Instant.now().minusSeconds(60);
      var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now),
          Date.from(now.plus(valid)), subject, subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
      }
      var holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (Exception e) {
      throw new IllegalStateException("cannot sign a test certificate for " + subject, e);
    }
  }
}
