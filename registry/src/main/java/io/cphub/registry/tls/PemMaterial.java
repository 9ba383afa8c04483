package io.cphub.registry.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the PEM bytes of a certificate chain and its PKCS#8 key and checks that the key belongs
 * to the first certificate (a renewal caught between writing the two files is refused, not served).
 * Stateless.
 */
final class PemMaterial {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final byte[] PROBE = "cphub key check".getBytes(StandardCharsets.US_ASCII);

  private PemMaterial() {}

  static List<X509Certificate> certificates(byte[] pem, String what) {
    try {
      List<X509Certificate> out = new ArrayList<>();
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (var c : f.generateCertificates(new ByteArrayInputStream(pem))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new TlsException(what + ": no PEM certificate in the file", null);
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new TlsException(what + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** Refuses a key that is not PKCS#8 PEM or that does not match {@code cert}. */
  static void checkKeyMatches(byte[] keyPem, X509Certificate cert, String what) {
    Matcher m = KEY.matcher(new String(keyPem, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new TlsException(what + ": not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
          + " convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW", null);
    }
    PublicKey pub = cert.getPublicKey();
    String alg = switch (pub.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (alg == null) {
      return;
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      PrivateKey key = KeyFactory.getInstance(pub.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
      Signature sign = Signature.getInstance(alg);
      sign.initSign(key);
      sign.update(PROBE);
      byte[] sig = sign.sign();
      Signature verify = Signature.getInstance(alg);
      verify.initVerify(pub);
      verify.update(PROBE);
      if (!verify.verify(sig)) {
        throw new TlsException(what + ": the key does not belong to the certificate "
            + cert.getSubjectX500Principal().getName(), null);
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TlsException(what + ": unusable " + pub.getAlgorithm() + " key for certificate "
          + cert.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
    }
  }
}
