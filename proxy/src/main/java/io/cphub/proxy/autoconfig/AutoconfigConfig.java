package io.cphub.proxy.autoconfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the autoconfiguration HTTP server, validated once here and then frozen.
 *
 * @param bindHost address to listen on, e.g. {@code 127.0.0.1} behind the TLS-terminating nginx
 * @param bindPort port to listen on; 0 picks a free one (tests)
 * @param service the hostname and ports every answer points at
 * @param signingCertificate PEM file: the profile-signing certificate first, then its chain; or null
 * @param signingKey PEM file with the private key of the first certificate; or null (unsigned profiles)
 * @param maxRequestBodyBytes largest request body accepted (Autodiscover POSTs are well under 1 KB)
 * @param idleTimeout a connection idle this long is closed
 */
public record AutoconfigConfig(
    String bindHost,
    int bindPort,
    MailService service,
    Path signingCertificate,
    Path signingKey,
    int maxRequestBodyBytes,
    Duration idleTimeout) {

  /** Default body limit: 16 KiB. */
  public static final int DEFAULT_MAX_BODY = 16 * 1024;

  /** Default idle timeout: 30 seconds. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  static final int MAX_BODY_LIMIT = 1024 * 1024;

  public AutoconfigConfig {
    if (bindHost == null || bindHost.isBlank()) {
      throw new AutoconfigException("autoconfig bindHost is empty");
    }
    if (bindPort < 0 || bindPort > 65535) {
      throw new AutoconfigException("autoconfig bindPort must be 0..65535, was " + bindPort);
    }
    Objects.requireNonNull(service, "service");
    if ((signingCertificate == null) != (signingKey == null)) {
      throw new AutoconfigException(
          "autoconfig signingCertificate and signingKey must be set together (certificate "
              + signingCertificate + ", key " + (signingKey == null ? "unset" : "set") + ")");
    }
    if (maxRequestBodyBytes < 256 || maxRequestBodyBytes > MAX_BODY_LIMIT) {
      throw new AutoconfigException(
          "autoconfig maxRequestBodyBytes must be 256.." + MAX_BODY_LIMIT + ", was " + maxRequestBodyBytes);
    }
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
      throw new AutoconfigException("autoconfig idleTimeout must be > 0 and <= 1h, was " + idleTimeout);
    }
  }

  /** A config with the default body limit and idle timeout, unsigned profiles. */
  public static AutoconfigConfig of(String bindHost, int bindPort, MailService service) {
    return new AutoconfigConfig(bindHost, bindPort, service, null, null, DEFAULT_MAX_BODY, DEFAULT_IDLE_TIMEOUT);
  }

  /** True when profiles are to be signed. */
  public boolean signsProfiles() {
    return signingCertificate != null;
  }
}
