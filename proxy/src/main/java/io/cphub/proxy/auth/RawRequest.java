package io.cphub.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP request head exactly as received: header names lower-cased, values as raw bytes (nothing
 * decoded). {@code problem} is non-null when the request was malformed; the other fields may then
 * be partial. {@code keepAlive} says whether the connection stays open after the reply.
 */
public record RawRequest(String method, String uri, boolean http11, boolean keepAlive, Map<String, byte[]> headers,
    String problem) {

  static RawRequest malformed(String problem, boolean http11) {
    return new RawRequest("", "", http11, false, Map.of(), problem);
  }

  /** The raw bytes of a header, or null. */
  byte[] header(String lowerName) {
    return headers.get(lowerName);
  }

  /** A header as ISO-8859-1 text (every byte kept), or null. */
  String text(String lowerName) {
    byte[] v = headers.get(lowerName);
    return v == null ? null : new String(v, StandardCharsets.ISO_8859_1);
  }
}
