package io.cphub.proxy.verify;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** Turns a check's I/O failure into the {@link BackendProblem} it means. Stateless. */
final class IoProblems {
  private IoProblems() {}

  /** {@code connected}: whether the TCP connection had been made when {@code e} happened. */
  static BackendProblem of(IOException e, boolean connected, String host, int port) {
    String detail = host + ":" + port + ": " + e;
    if (!connected) {
      return BackendProblem.of(BackendProblem.Kind.CONNECT_FAILED, detail);
    }
    if (e instanceof SocketTimeoutException) {
      return BackendProblem.of(BackendProblem.Kind.TIMEOUT, detail);
    }
    if (e instanceof EOFException || e instanceof java.net.SocketException) {
      return BackendProblem.of(BackendProblem.Kind.CLOSED, detail);
    }
    return BackendProblem.of(BackendProblem.Kind.GARBLED, detail);
  }
}
