package io.cphub.proxy.verify;

import java.util.concurrent.CompletableFuture;

/**
 * One admitted check on its way through a backend's {@link ServerLane}: when a thread takes it, it
 * asks the backend (unless the breaker opened while it waited), settles the accounting once and
 * hands the slot on. Completes its future exactly once.
 */
final class PendingCheck implements ServerLane.Task {
  private final Verifier verifier;
  private final ServerLane lane;
  private final Verifier.Request request;
  private final CredentialCache.Key key;
  private final boolean probe;
  private final String clientIp;
  private final String account;
  private final CompletableFuture<CheckOutcome> future = new CompletableFuture<>();

  PendingCheck(Verifier verifier, ServerLane lane, Verifier.Request request, CredentialCache.Key key, boolean probe,
      String clientIp, String account) {
    this.verifier = verifier;
    this.lane = lane;
    this.request = request;
    this.key = key;
    this.probe = probe;
    this.clientIp = clientIp;
    this.account = account;
  }

  @Override
  public void run() {
    try {
      if (!probe && !lane.breaker().stillPasses()) {
        complete(BackendProblem.of(BackendProblem.Kind.CIRCUIT_OPEN, "circuit breaker opened while queued"), false);
      } else {
        complete(verifier.ask(request), true);
      }
    } finally {
      lane.finished();
    }
  }

  @Override
  public void refused() {
    complete(BackendProblem.of(BackendProblem.Kind.BUSY, "this server's checks in flight and queued are full"),
        false);
  }

  void complete(CheckOutcome outcome, boolean asked) {
    try {
      verifier.settle(this, outcome, asked);
    } finally {
      future.complete(outcome);
    }
  }

  CompletableFuture<CheckOutcome> future() {
    return future;
  }

  ServerLane lane() {
    return lane;
  }

  CredentialCache.Key key() {
    return key;
  }

  boolean probe() {
    return probe;
  }

  String clientIp() {
    return clientIp;
  }

  String account() {
    return account;
  }
}
