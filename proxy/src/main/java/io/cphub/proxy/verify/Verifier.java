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

  /** {@code checker} null means mode {@code none}: every password is passed on to the backend. */
  public Verifier(CredentialChecker checker, CredentialCache cache, Executor blocking, ProxyMetrics metrics) {
    this.checker = checker;
    this.cache = cache;
    this.blocking = blocking;
    this.metrics = metrics;
  }

  /** What the caller needs to know about the backend and the credentials. */
  public record Request(int serverId, String address, int port, String clientIp, byte[] user, byte[] password) {}

  /** True when passwords are checked over POP3 (else IMAP or not at all). */
  public boolean usesPop3() {
    return checker instanceof Pop3Checker;
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
}
