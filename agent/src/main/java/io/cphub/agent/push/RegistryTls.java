package io.cphub.agent.push;

import io.cphub.agent.AgentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the agent trusts the registry: the CA certificates in {@code registry.ca-file} (PEM) instead
 * of the JDK's, and optionally a client certificate and PKCS#8 key for a registry that requires
 * one. Read once at start; immutable.
 */
public record RegistryTls(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  /** Builds the context; a file that cannot be used is an {@link AgentException} naming its key. */
  public static RegistryTls load(Path caFile, Path clientCertFile, Path clientKeyFile) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      List<Certificate> cas = certificates(caFile, "registry.ca-file");
      for (int i = 0; i < cas.size(); i++) {
        trust.setCertificateEntry("ca" + i, cas.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (clientCertFile != null) {
        List<Certificate> chain = certificates(clientCertFile, "registry.client-cert-file");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("client", key(clientKeyFile, chain.get(0)), new char[0], chain.toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return new RegistryTls(ctx.getSocketFactory(), (X509TrustManager) tmf.getTrustManagers()[0]);
    } catch (GeneralSecurityException | IOException e) {
      throw new AgentException("registry.ca-file " + caFile + ": cannot build the TLS context: " + e.getMessage(), e);
    }
  }

  private static List<Certificate> certificates(Path file, String key) {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> out = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (out.isEmpty()) {
        throw new AgentException(key + " " + file + ": no PEM certificate in the file", null);
      }
      return out;
    } catch (IOException | GeneralSecurityException e) {
      throw new AgentException(key + " " + file + ": cannot read a PEM certificate: " + e.getMessage(), e);
    }
  }

  private static PrivateKey key(Path file, Certificate cert) {
    try {
      Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
      if (!m.find()) {
        throw new AgentException("registry.client-key-file " + file + ": not an unencrypted PKCS#8 PEM key"
            + " (BEGIN PRIVATE KEY); convert with: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW", null);
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      return KeyFactory.getInstance(cert.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new AgentException("registry.client-key-file " + file + ": cannot read the key: " + e.getMessage(), e);
    }
  }
}
