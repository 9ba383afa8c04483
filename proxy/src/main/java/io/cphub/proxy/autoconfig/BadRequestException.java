package io.cphub.proxy.autoconfig;

/**
 * A request that cannot be answered as sent; becomes a 4xx response and never escapes the handler.
 * {@link #reason()} is fixed text safe to send back (it never echoes input); the message adds
 * the detail for the log.
 */
final class BadRequestException extends AutoconfigException {
  private static final long serialVersionUID = 1L;
  private final String reason;

  BadRequestException(String reason) {
    this(reason, null);
  }

  BadRequestException(String reason, String detail) {
    super(detail == null ? reason : reason + ": " + detail);
    this.reason = reason;
  }

  /** Fixed, non-echoing text for the response body. */
  String reason() {
    return reason;
  }
}
