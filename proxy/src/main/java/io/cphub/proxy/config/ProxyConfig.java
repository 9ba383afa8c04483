package io.cphub.proxy.config;

import io.cphub.proxy.abuse.GuardConfig;
import io.cphub.proxy.verify.CheckLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The proxy's whole configuration, validated once by {@link ConfigLoader} and immutable after.
 * Every key is documented in the module README.
 */
public record ProxyConfig(Db db, Feed feed, Table table, Auth auth, BackendPorts backend, Verify verify,
    HostPort adminListen, Autoconfig autoconfig, GuardConfig abuse, boolean nativeTransport, int eventLoops,
    boolean loginLog) {

  /** The registry database (read-only role {@code cphub_proxy}). */
  public record Db(String url, String user, String password, Duration connectTimeout, Duration socketTimeout) {
    @Override
    public String toString() {
      return "Db[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****")
          + ", connectTimeout=" + connectTimeout + ", socketTimeout=" + socketTimeout + "]";
    }
  }

  /** How the feed follower polls and backs off. */
  public record Feed(Duration pollInterval, Duration backoffMin, Duration backoffMax, int batchSize) {}

  /** The local copy of the route table. */
  public record Table(Path file, Duration writeInterval, Duration staleAfter) {}

  /** The auth_http listener. */
  public record Auth(HostPort listen, Duration readTimeout, int maxHeaderBytes, String secretHeader,
      String secret, List<String> trustedNetworks, int waitSeconds, int waitMaxAttempts, int tempWaitSeconds) {
    @Override
    public String toString() {
      return "Auth[listen=" + listen + ", readTimeout=" + readTimeout + ", maxHeaderBytes=" + maxHeaderBytes
          + ", secretHeader=" + secretHeader + ", secret=" + (secret == null ? "none" : "****")
          + ", trustedNetworks=" + trustedNetworks + ", waitSeconds=" + waitSeconds
          + ", waitMaxAttempts=" + waitMaxAttempts + ", tempWaitSeconds=" + tempWaitSeconds + "]";
    }
  }

  /** Default backend ports per protocol; a server row's own port wins. */
  public record BackendPorts(int imap, int pop3, int smtp) {}

  /**
   * The password check against the backend. It connects to the backends' ordinary IMAP or POP3
   * port ({@code imapPort}, {@code pop3Port}), not the PROXY-protocol ports nginx is sent to,
   * and names the client in an IMAP {@code ID} command instead. {@code limits} are the bulkheads
   * (per backend, client address, account) and the circuit breaker.
   */
  public record Verify(Mode mode, Duration cacheTtl, long cacheSize, Duration connectTimeout, Duration timeout,
      int threads, int imapPort, int pop3Port, CheckLimits limits) {}

  /**
   * Mail-client autoconfiguration; null when {@code autoconfig.listen} is empty. Signing paths are
   * null for unsigned profiles.
   */
  public record Autoconfig(HostPort listen, String publicHostname, String displayName, String shortName,
      Path signingCert, Path signingKey) {}

  /** How a password is verified before nginx is told OK. */
  public enum Mode { IMAP, POP3, NONE }
}
