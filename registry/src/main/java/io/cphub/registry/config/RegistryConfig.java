package io.cphub.registry.config;

import io.cphub.registry.tls.TlsFiles;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The registry's effective configuration, validated once and immutable. See the module README
 * for each key. {@link #toString()} masks the password and the admin token.
 */
public record RegistryConfig(
    String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
    String httpHost, int httpPort, int httpMaxBodyBytes, int httpWorkerThreads,
    String adminToken, double guardMaxRemovalShare, Duration feedRetention, int httpMaxAccountBodyBytes,
    Duration tokensRotationGrace, TlsFiles tls) {
  private static final Pattern LOOPBACK = Pattern.compile("localhost|127(\\.\\d{1,3}){3}|::1|\\[::1]");
  static final int MIN_ADMIN_TOKEN = 16;
  static final Duration MAX_GRACE = Duration.ofDays(30);
  static final Duration MIN_RETENTION = Duration.ofHours(1);

  public RegistryConfig {
    require(dbUrl != null && dbUrl.startsWith("jdbc:postgresql:"), "db.url",
        "must be a jdbc:postgresql: URL, was " + dbUrl);
    require(dbUser != null && !dbUser.isBlank(), "db.user", "must not be empty");
    require(dbPoolSize >= 1 && dbPoolSize <= 200, "db.pool-size", "must be 1..200, was " + dbPoolSize);
    require(httpHost != null && !httpHost.isBlank(), "http.host", "must not be empty");
    require(httpPort >= 0 && httpPort <= 65535, "http.port", "must be 0..65535, was " + httpPort);
    require(httpMaxBodyBytes >= 1024, "http.max-body-bytes", "must be at least 1024, was " + httpMaxBodyBytes);
    require(httpWorkerThreads >= 1 && httpWorkerThreads <= 256, "http.worker-threads",
        "must be 1..256, was " + httpWorkerThreads);
    require(adminToken != null && adminToken.length() >= MIN_ADMIN_TOKEN, "admin.token",
        "must be at least " + MIN_ADMIN_TOKEN + " characters");
    require(guardMaxRemovalShare > 0 && guardMaxRemovalShare < 1, "guard.max-removal-share",
        "must be between 0 and 1 (exclusive), was " + guardMaxRemovalShare);
    require(feedRetention != null && feedRetention.compareTo(MIN_RETENTION) >= 0, "feed.retention",
        "must be at least 1h (how long an offline proxy can still catch up without a reload), was " + feedRetention);
    require(httpMaxAccountBodyBytes >= 1024 && httpMaxAccountBodyBytes <= httpMaxBodyBytes,
        "http.max-account-body-bytes", "must be 1024..http.max-body-bytes (" + httpMaxBodyBytes + "), was "
        + httpMaxAccountBodyBytes);
    require(tokensRotationGrace != null && tokensRotationGrace.compareTo(MAX_GRACE) <= 0, "tokens.rotation-grace",
        "must be at most 720h, was " + tokensRotationGrace);
    require(tls != null || LOOPBACK.matcher(httpHost).matches(), "tls.cert-file",
        "must be set (with tls.key-file) when http.host is not loopback; http.host=" + httpHost
            + " would carry tokens in plain HTTP");
  }

  private static void require(boolean ok, String key, String problem) {
    if (!ok) {
      throw new ConfigException(key, problem);
    }
  }

  @Override
  public String toString() {
    return "db.url=" + dbUrl.replaceAll("(?i)(password=)[^&;]*", "$1****") + " db.user=" + dbUser + " db.password=" + mask(dbPassword)
        + " db.pool-size=" + dbPoolSize + " http.host=" + httpHost + " http.port=" + httpPort
        + " http.max-body-bytes=" + httpMaxBodyBytes + " http.worker-threads=" + httpWorkerThreads
        + " admin.token=" + mask(adminToken) + " guard.max-removal-share=" + guardMaxRemovalShare
        + " feed.retention=" + feedRetention + " http.max-account-body-bytes=" + httpMaxAccountBodyBytes
        + " tokens.rotation-grace=" + tokensRotationGrace
        + (tls == null ? " tls=off" : " tls.cert-file=" + tls.certFile() + " tls.key-file=" + tls.keyFile()
            + " tls.client-ca-file=" + (tls.clientCaFile() == null ? "(unset)" : tls.clientCaFile()));
  }

  private static String mask(String secret) {
    return secret == null || secret.isEmpty() ? "(unset)" : "****";
  }
}
