package io.cphub.simulator.http;

import java.util.Map;

/**
 * One HTTP request as read from the socket: header names lower-cased, the body de-chunked.
 * {@code keepAlive} is what the client asked for (HTTP/1.1 unless {@code Connection: close};
 * HTTP/1.0 only with {@code Connection: keep-alive}).
 */
public record Request(String method, String path, String rawQuery, Map<String, String> headers, byte[] body,
    boolean keepAlive) {
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }
}
