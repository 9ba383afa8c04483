package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

/** Shared test values: one public hostname, a directory of known domains, a fixed clock. */
final class Fixtures {
  static final Domain HOST = Domain.parse("mail.hoster.host");
  static final MailService SERVICE = MailService.standardPorts(HOST, "Hoster Mail", "Hoster");
  static final Set<Domain> KNOWN = Set.of(
      Domain.parse("customer.example"), Domain.parse("xn--bcher-kva.example"), Domain.parse("other.example"));
  static final DomainDirectory DIRECTORY = KNOWN::contains;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T16:56:32.616Z"), ZoneOffset.UTC);

  private Fixtures() {}

  static AutoconfigConfig config() {
    return AutoconfigConfig.of("127.0.0.1", 0, SERVICE);
  }

  static Autoconfig core() {
    return new Autoconfig(config(), DIRECTORY, CLOCK);
  }
}
