package io.cphub.proxy.autoconfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs configuration profiles as CMS SignedData (DER, content attached), the equivalent of
 * {@code openssl smime -sign -nodetach -outform der}. The certificate file holds the signing
 * certificate first and then its chain, all of which go into the signature. Keys: RSA or EC, PEM
 * (PKCS#8 or traditional), unencrypted. Loading checks that the key belongs to the certificate and
 * that the certificate is currently valid. Uses the JDK's providers only, so no BouncyCastle
 * provider is registered. Thread-safe: signing state is created per call.
 */
final class ProfileSigner {
  private final PrivateKey key;
  private final List<X509Certificate> chain;
  private final String algorithm;

  private ProfileSigner(PrivateKey key, List<X509Certificate> chain) {
    this.key = key;
    this.chain = List.copyOf(chain);
    this.algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> throw new AutoconfigException(
          "profile signing key must be RSA or EC, was " + key.getAlgorithm());
    };
  }

  /** Loads and checks a certificate chain and key, or throws {@link AutoconfigException} naming the file. */
  static ProfileSigner load(Path certificateFile, Path keyFile, Clock clock) {
    List<X509Certificate> chain = readCertificates(certificateFile);
    PrivateKey key = readKey(keyFile);
    ProfileSigner signer = new ProfileSigner(key, chain);
    X509Certificate cert = chain.get(0);
    try {
      cert.checkValidity(Date.from(clock.instant()));
    } catch (GeneralSecurityException e) {
      throw new AutoconfigException("profile signing certificate " + certificateFile + " is not valid now (valid "
          + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")", e);
    }
    signer.checkKeyMatches(certificateFile, keyFile);
    return signer;
  }

  /** The signing certificate's validity end, for the operator. */
  Instant notAfter() {
    return chain.get(0).getNotAfter().toInstant();
  }

  /** {@code content} wrapped in a DER CMS SignedData. */
  byte[] sign(byte[] content) {
    try {
      CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
      gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
          .build(new JcaContentSignerBuilder(algorithm).build(key), chain.get(0)));
      gen.addCertificates(new JcaCertStore(chain));
      return gen.generate(new CMSProcessableByteArray(content), true).getEncoded("DER");
    } catch (OperatorCreationException | CMSException | GeneralSecurityException | IOException e) {
      throw new AutoconfigException("cannot sign profile with " + algorithm, e);
    }
  }

  private void checkKeyMatches(Path certificateFile, Path keyFile) {
    byte[] probe = "cphub profile signing key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(algorithm);
      v.initVerify(chain.get(0).getPublicKey());
      v.update(probe);
      if (!v.verify(sig)) {
        throw new AutoconfigException(
            "profile signing key " + keyFile + " does not belong to certificate " + certificateFile);
      }
    } catch (GeneralSecurityException e) {
      throw new AutoconfigException(
          "profile signing key " + keyFile + " does not fit certificate " + certificateFile, e);
    }
  }

  private static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> certs = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
      for (Object o = pem.readObject(); o != null; o = pem.readObject()) {
        if (!(o instanceof X509CertificateHolder holder)) {
          throw new AutoconfigException("profile signing certificate file " + file
              + " holds a " + o.getClass().getSimpleName() + ", expected only certificates");
        }
        certs.add(converter.getCertificate(holder));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new AutoconfigException("cannot read profile signing certificate " + file, e);
    }
    if (certs.isEmpty()) {
      throw new AutoconfigException("profile signing certificate file " + file + " holds no PEM certificate");
    }
    return certs;
  }

  private static PrivateKey readKey(Path file) {
    Object o;
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser pem = new PEMParser(r)) {
      o = pem.readObject();
    } catch (IOException e) {
      throw new AutoconfigException("cannot read profile signing key " + file, e);
    }
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      if (o instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (o instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
    } catch (IOException e) {
      throw new AutoconfigException("cannot decode profile signing key " + file, e);
    }
    throw new AutoconfigException("profile signing key file " + file + " holds "
        + (o == null ? "no PEM object" : "a " + o.getClass().getSimpleName())
        + ", expected an unencrypted PRIVATE KEY");
  }
}
