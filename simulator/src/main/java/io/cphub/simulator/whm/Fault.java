package io.cphub.simulator.whm;

import io.cphub.simulator.SimulatorException;
import java.util.Set;

/**
 * How the server misbehaves: a fault in its WHM answers and the way it treats connections.
 * {@code function} limits {@code mode} and {@code delayMs} to one WHM function (null = every
 * function); the connection behaviour applies to every answer on the server's port.
 *
 * <p>{@code mode}, per WHM answer:
 * <ul>
 *   <li>{@code none}: correct answers;
 *   <li>{@code http500}: HTTP 500 with an HTML body;
 *   <li>{@code truncated}: a complete HTTP answer whose JSON is cut in the middle;
 *   <li>{@code empty}: {@code result: 1} with no accounts and no domains;
 *   <li>{@code result0}: HTTP 200 with {@code metadata.result: 0};
 *   <li>{@code cut}: the head announces the full length, half the body is sent, then the
 *       connection is closed (closed mid-answer);
 *   <li>{@code drop}: the request is read and the connection closed without a byte of answer;
 *   <li>{@code slow}: the head at once, the body in ten pieces spread over {@code delayMs}.
 * </ul>
 * {@code delayMs} (0..600000) delays the answer (with {@code slow}: spreads it).
 *
 * <p>{@code connection}, per port:
 * <ul>
 *   <li>{@code keep-alive} (default): HTTP/1.1 persistent connections, closed without notice
 *       after {@code idleTimeoutMs} without a request (default 30000, as the JDK server);
 *   <li>{@code http10}: every answer is {@code HTTP/1.0} without a {@code Connection} header and
 *       the connection is closed after it, as many servers and proxies do;
 *   <li>{@code close}: every {@code closeEvery}-th answer on a connection (default 1: each)
 *       carries {@code Connection: close} and the connection is closed after it.
 * </ul>
 * Immutable.
 */
public record Fault(String mode, long delayMs, String function, String connection, long idleTimeoutMs,
    int closeEvery) {
  static final Set<String> MODES = Set.of("none", "http500", "truncated", "empty", "result0", "cut", "drop", "slow");
  static final Set<String> CONNECTIONS = Set.of("keep-alive", "http10", "close");
  static final long DEFAULT_IDLE_TIMEOUT_MS = 30_000;
  public static final Fault NONE = new Fault("none", 0, null);

  public Fault {
    mode = mode == null ? "none" : mode;
    connection = connection == null ? "keep-alive" : connection;
    if (!MODES.contains(mode)) {
      throw new SimulatorException("unknown fault mode '" + mode + "' (none, http500, truncated, empty, result0, "
          + "cut, drop, slow)");
    }
    if (!CONNECTIONS.contains(connection)) {
      throw new SimulatorException("unknown fault connection '" + connection + "' (keep-alive, http10, close)");
    }
    if (delayMs < 0 || delayMs > 600_000) {
      throw new SimulatorException("fault delayMs must be 0..600000, was " + delayMs);
    }
    if (idleTimeoutMs < 0 || idleTimeoutMs > 3_600_000) {
      throw new SimulatorException("fault idleTimeoutMs must be 0..3600000 (0 = 30000), was " + idleTimeoutMs);
    }
    idleTimeoutMs = idleTimeoutMs == 0 ? DEFAULT_IDLE_TIMEOUT_MS : idleTimeoutMs;
    if (closeEvery < 0 || closeEvery > 1_000_000) {
      throw new SimulatorException("fault closeEvery must be 0..1000000 (0 = 1), was " + closeEvery);
    }
    closeEvery = closeEvery == 0 ? 1 : closeEvery;
  }

  /** An answer fault with the default connection behaviour. */
  public Fault(String mode, long delayMs, String function) {
    this(mode, delayMs, function, null, 0, 0);
  }

  /** The JSON form ({@code PUT /admin/fault}): every field may be left out. */
  @com.fasterxml.jackson.annotation.JsonCreator
  static Fault fromJson(@com.fasterxml.jackson.annotation.JsonProperty("mode") String mode,
      @com.fasterxml.jackson.annotation.JsonProperty("delayMs") Long delayMs,
      @com.fasterxml.jackson.annotation.JsonProperty("function") String function,
      @com.fasterxml.jackson.annotation.JsonProperty("connection") String connection,
      @com.fasterxml.jackson.annotation.JsonProperty("idleTimeoutMs") Long idleTimeoutMs,
      @com.fasterxml.jackson.annotation.JsonProperty("closeEvery") Integer closeEvery) {
    return new Fault(mode, delayMs == null ? 0 : delayMs, function, connection,
        idleTimeoutMs == null ? 0 : idleTimeoutMs, closeEvery == null ? 0 : closeEvery);
  }

  /** Correct answers, the given connection behaviour. */
  public static Fault connection(String connection, long idleTimeoutMs, int closeEvery) {
    return new Fault("none", 0, null, connection, idleTimeoutMs, closeEvery);
  }

  /** True when {@code mode} and {@code delayMs} apply to answers of WHM function {@code fn}. */
  public boolean appliesTo(String fn) {
    return function == null || function.equals(fn);
  }
}
