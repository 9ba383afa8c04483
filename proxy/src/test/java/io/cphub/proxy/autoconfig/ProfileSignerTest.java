package io.cphub.proxy.autoconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class ProfileSignerTest {
  static final Instant NOW = Fixtures.CLOCK.instant();
  static KeyPair rsa;
  static X509Certificate rsaCert;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    rsa = TestCertificates.rsa();
    rsaCert = TestCertificates.selfSigned(rsa, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)));
  }

  private static Autoconfig signingCore(TestCertificates.Pem pem, Clock clock) {
    AutoconfigConfig config = new AutoconfigConfig("127.0.0.1", 0, Fixtures.SERVICE, pem.certificateFile(),
        pem.keyFile(), AutoconfigConfig.DEFAULT_MAX_BODY, AutoconfigConfig.DEFAULT_IDLE_TIMEOUT);
    return new Autoconfig(config, Fixtures.DIRECTORY, clock);
  }

  /** Verifies the CMS signature against {@code cert} and returns the signed content. */
  static byte[] verify(byte[] der, X509Certificate cert) throws Exception {
    CMSSignedData signed = new CMSSignedData(der);
    Collection<SignerInformation> signers = signed.getSignerInfos().getSigners();
    assertThat(signers).hasSize(1);
    SignerInformation signer = signers.iterator().next();
    assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
    Collection<X509CertificateHolder> included = signed.getCertificates().getMatches(null);
    assertThat(included).extracting(X509CertificateHolder::getEncoded)
        .anySatisfy(enc -> assertThat(enc).isEqualTo(cert.getEncoded()));
    assertThat(signer.getSID().match(new X509CertificateHolder(cert.getEncoded()))).isTrue();
    return (byte[]) signed.getSignedContent().getContent();
  }

  @Test
  void rsaSignedProfile_verifiesAgainstTheCertificate_andHoldsThePlist() throws Exception {
    TestCertificates.Pem pem = TestCertificates.write(dir, rsa, rsaCert, false);
    AutoconfigResponse r = signingCore(pem, Fixtures.CLOCK)
        .answer(AutoconfigRequest.get("/apple/mobileconfig?email=jane%40customer.example", null));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/x-apple-aspen-config");
    byte[] content = verify(r.body(), rsaCert);
    Map<String, Element> mail = MobileConfigTest.profile(content).get(1);
    assertThat(mail.get("EmailAddress").getTextContent()).isEqualTo("jane@customer.example");
  }

  @Test
  void ecKeyInPkcs8_signsToo() throws Exception {
    KeyPair ec = TestCertificates.ec();
    X509Certificate cert =
        TestCertificates.selfSigned(ec, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    TestCertificates.Pem pem = TestCertificates.write(dir, ec, cert, true);
    assertThat(Files.readString(pem.keyFile())).startsWith("-----BEGIN PRIVATE KEY-----");
    AutoconfigResponse r = signingCore(pem, Fixtures.CLOCK)
        .answer(AutoconfigRequest.get("/apple/mobileconfig?email=jane%40customer.example", null));
    MobileConfigTest.profile(verify(r.body(), cert));
  }

  @Test
  void chainFile_putsEveryCertificateIntoTheSignature() throws Exception {
    KeyPair other = TestCertificates.ec();
    X509Certificate intermediate =
        TestCertificates.selfSigned(other, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
    TestCertificates.Pem pem = TestCertificates.write(dir, rsa, rsaCert, true);
    Files.writeString(pem.certificateFile(), Files.readString(pem.certificateFile()) + pemOf(intermediate));
    byte[] der = ProfileSigner.load(pem.certificateFile(), pem.keyFile(), Fixtures.CLOCK).sign(new byte[] {1, 2, 3});
    assertThat(new CMSSignedData(der).getCertificates().getMatches(null)).hasSize(2);
    assertThat(verify(der, rsaCert)).containsExactly(1, 2, 3);
  }

  @Test
  void keyOfAnotherCertificate_isRefused() throws Exception {
    KeyPair other = TestCertificates.rsa();
    TestCertificates.Pem pem = TestCertificates.write(dir, other, rsaCert, false);
    assertThatThrownBy(() -> ProfileSigner.load(pem.certificateFile(), pem.keyFile(), Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class)
        .hasMessageContaining("does not belong to certificate");
  }

  @Test
  void expiredOrNotYetValidCertificate_isRefused() throws Exception {
    TestCertificates.Pem pem = TestCertificates.write(dir, rsa, rsaCert, false);
    Clock later = Clock.fixed(NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC);
    Clock earlier = Clock.fixed(NOW.minus(Duration.ofDays(2)), ZoneOffset.UTC);
    for (Clock c : new Clock[] {later, earlier}) {
      assertThatThrownBy(() -> ProfileSigner.load(pem.certificateFile(), pem.keyFile(), c))
          .isInstanceOf(AutoconfigException.class)
          .hasMessageContaining("is not valid now");
    }
  }

  @Test
  void unusableFiles_areRefusedNamingTheFile() throws Exception {
    TestCertificates.Pem pem = TestCertificates.write(dir, rsa, rsaCert, false);
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "hello\n");
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> ProfileSigner.load(garbage, pem.keyFile(), Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> ProfileSigner.load(pem.certificateFile(), garbage, Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("garbage.pem");
    assertThatThrownBy(() -> ProfileSigner.load(missing, pem.keyFile(), Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("missing.pem");
    assertThatThrownBy(() -> ProfileSigner.load(pem.certificateFile(), pem.certificateFile(), Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("expected an unencrypted PRIVATE KEY");
    assertThatThrownBy(() -> ProfileSigner.load(pem.keyFile(), pem.keyFile(), Fixtures.CLOCK))
        .isInstanceOf(AutoconfigException.class).hasMessageContaining("expected only certificates");
  }

  private static String pemOf(X509Certificate cert) throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    try (var pem = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(w)) {
      pem.writeObject(cert);
    }
    return w.toString();
  }
}
