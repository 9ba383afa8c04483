package io.cphub.proxy.verify;

import io.cphub.proxy.metrics.ProxyMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Verifies a password for a chosen backend: a cached success answers at once; otherwise the
 * checker runs on the blocking executor (never on an event loop). Only ACCEPTED is cached.
 * Thread-safe.
 */
public final class Verifier {
  private final CredentialChecker checker;
  private final CredentialCache cache;
  private final Executor blocking;
  private final ProxyMetrics metrics;
  private final int checkPort;

  /**
   * {@code checker} null means mode {@code none}: every password is passed on to the backend.
   * {@code checkPort} is the backends' ordinary IMAP (or POP3) port the checker connects to.
   */
  public Verifier(CredentialChecker checker, int checkPort, CredentialCache cache, Executor blocking,
      ProxyMetrics metrics) {
    if (checkPort < 1 || checkPort > 65535) {
      throw new IllegalArgumentException("check port must be 1..65535, was " + checkPort);
    }
    this.checkPort = checkPort;
    this.checker = checker;
    this.cache = cache;
    this.blocking = blocking;
    this.metrics = metrics;
  }

  /** What the caller needs to know about the backend and the credentials. */
  public record Request(int serverId, String address, int port, String clientIp, byte[] user, byte[] password) {}

  /** The port of each backend that password checks connect to. */
  public int checkPort() {
    return checkPort;
  }

  /** The keyed hash identifying this backend, login and password. */
  public CredentialCache.Key key(Request r) {
    return cache.key(r.serverId(), r.address(), r.port(), r.user(), r.password());
  }

  /** Completes with the result; never completes exceptionally. {@code key} comes from {@link #key}. */
  public CompletableFuture<CheckResult> verify(Request r, CredentialCache.Key key) {
    if (checker == null) {
      return CompletableFuture.completedFuture(CheckResult.ACCEPTED);
    }
    if (cache.contains(key)) {
      metrics.cacheHit();
      return CompletableFuture.completedFuture(CheckResult.ACCEPTED);
    }
    metrics.cacheMiss();
    CompletableFuture<CheckResult> f = new CompletableFuture<>();
    try {
      blocking.execute(() -> {
        long started = System.nanoTime();
        CheckResult result;
        try {
          result = checker.check(r.address(), r.port(), r.clientIp(), r.user(), r.password());
        } catch (RuntimeException e) {
          result = CheckResult.UNAVAILABLE;
        }
        metrics.checkSeconds(result, (System.nanoTime() - started) / 1e9);
        if (result == CheckResult.ACCEPTED) {
          cache.remember(key);
        }
        f.complete(result);
      });
    } catch (RejectedExecutionException e) {
      f.complete(CheckResult.UNAVAILABLE);
    }
    return f;
  }

  /** False in mode {@code none}: {@link #verify} then accepts without asking anyone. */
  public boolean checks() {
    return checker != null;
  }

  /** Whether {@link #verify} would answer {@code key} from the cache now. */
  public boolean cached(CredentialCache.Key key) {
    return cache.contains(key);
  }
}
