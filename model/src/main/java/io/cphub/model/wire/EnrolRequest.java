package io.cphub.model.wire;

import java.util.Objects;

/** Body of {@code POST /v1/servers}: enrol a server. Ports are optional overrides. */
public record EnrolRequest(String name, String address, Integer imapPort, Integer pop3Port, Integer smtpPort) {
  public EnrolRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
  }
}
