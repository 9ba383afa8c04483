package io.cphub.proxy.autoconfig;

import java.util.Objects;

/**
 * One HTTP request as the autoconfiguration core sees it, independent of Netty. Headers other than
 * {@code Host} are deliberately absent: the core never sees {@code Authorization}.
 *
 * @param method upper-case HTTP method
 * @param uri request target as received (path and query, still percent-encoded)
 * @param host the {@code Host} header, or null when absent
 * @param body request body, empty for none; not copied, callers must not change it
 */
public record AutoconfigRequest(String method, String uri, String host, byte[] body) {
  private static final byte[] EMPTY = new byte[0];

  public AutoconfigRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    body = body == null ? EMPTY : body;
  }

  /** A GET without body. */
  public static AutoconfigRequest get(String uri, String host) {
    return new AutoconfigRequest("GET", uri, host, EMPTY);
  }
}
