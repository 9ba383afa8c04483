package io.cphub.simulator.whm;

/** An HTTP answer of the simulated WHM: status, content type and body. */
public record WhmAnswer(int status, String contentType, String body) {
  static WhmAnswer json(int status, String body) {
    return new WhmAnswer(status, "application/json; charset=utf-8", body);
  }
}
