package io.cphub.simulator.whm;

/**
 * An HTTP answer of the simulated server: status, content type, body, and how it is delivered:
 * {@code normal}, {@code cut} (half the body, then the connection closes), {@code drop} (the
 * connection closes before any byte) or {@code slow} (the body spread over {@code spreadMs}).
 */
public record WhmAnswer(int status, String contentType, String body, String delivery, long spreadMs) {
  public WhmAnswer(int status, String contentType, String body) {
    this(status, contentType, body, "normal", 0);
  }

  public static WhmAnswer json(int status, String body) {
    return new WhmAnswer(status, "application/json; charset=utf-8", body);
  }

  WhmAnswer delivered(String how, long spread) {
    return new WhmAnswer(status, contentType, body, how, spread);
  }
}
