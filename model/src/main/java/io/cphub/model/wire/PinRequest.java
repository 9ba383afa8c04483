package io.cphub.model.wire;

import java.util.Objects;

/** Body of {@code PUT /v1/pins/{domain}}: route the domain to this server regardless of claims. */
public record PinRequest(String server, String reason) {
  public PinRequest {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(reason, "reason");
  }
}
