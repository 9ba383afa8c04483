package io.cphub.proxy.autoconfig;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates and keys made with BouncyCastle, written as PEM files. */
final class TestCertificates {
  private TestCertificates() {}

  record Pem(X509Certificate certificate, KeyPair keys, Path certificateFile, Path keyFile) {}

  static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  static KeyPair ec() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  static X509Certificate selfSigned(KeyPair keys, Instant notBefore, Instant notAfter) throws Exception {
    X500Name name = new X500Name("CN=Hoster Mail Profiles,O=Hoster");
    String alg = "RSA".equals(keys.getPrivate().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    var holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(notBefore.toEpochMilli()),
        Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
        .build(new JcaContentSignerBuilder(alg).build(keys.getPrivate()));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** Writes the certificate and the key; {@code pkcs8} picks "PRIVATE KEY" over the traditional form. */
  static Pem write(Path dir, KeyPair keys, X509Certificate cert, boolean pkcs8) throws IOException {
    Path certFile = dir.resolve("profile-cert.pem");
    Path keyFile = dir.resolve("profile-key.pem");
    writePem(certFile, cert);
    writePem(keyFile, pkcs8 ? new JcaPKCS8Generator(keys.getPrivate(), null) : keys.getPrivate());
    return new Pem(cert, keys, certFile, keyFile);
  }

  static void writePem(Path file, Object o) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
      pem.writeObject(o);
    }
  }
}
