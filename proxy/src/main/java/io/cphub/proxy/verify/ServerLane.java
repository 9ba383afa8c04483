package io.cphub.proxy.verify;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One backend's share of the check threads (the bulkhead) and its circuit breaker: at most
 * {@code maxInFlight} of its checks run at once and {@code maxQueued} wait; a check beyond that is
 * refused at once, so a hung backend holds at most {@code maxInFlight} threads and never delays
 * another backend's checks. A finished check hands its slot to the next queued one of the same
 * backend. Thread-safe (monitor; tasks are started outside it).
 */
final class ServerLane {
  private final int id;
  private final int maxInFlight;
  private final int maxQueued;
  private final CircuitBreaker breaker;
  private final Executor threads;
  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private int inFlight;

  ServerLane(int id, int maxInFlight, int maxQueued, CircuitBreaker breaker, Executor threads) {
    this.id = id;
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
    this.breaker = breaker;
    this.threads = threads;
  }

  int id() {
    return id;
  }

  CircuitBreaker breaker() {
    return breaker;
  }

  /** A queued check: runs on a check thread, or is told it was refused when no thread takes it. */
  interface Task extends Runnable {
    void refused();
  }

  /** Runs {@code task} now or queues it; false when this backend's share is full (nothing taken). */
  boolean submit(Task task) {
    synchronized (this) {
      if (inFlight >= maxInFlight) {
        if (queue.size() >= maxQueued) {
          return false;
        }
        queue.addLast(task);
        return true;
      }
      inFlight++;
    }
    if (execute(task)) {
      return true;
    }
    synchronized (this) {
      inFlight--;
    }
    return false;
  }

  /** Called by every task that ran, when it ends: starts the next queued task of this backend, if any. */
  void finished() {
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.pollFirst();
        if (next == null) {
          inFlight--;
          return;
        }
      }
      if (execute(next)) {
        return;
      }
      next.refused();
    }
  }

  private boolean execute(Task task) {
    try {
      threads.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized int queued() {
    return queue.size();
  }
}
