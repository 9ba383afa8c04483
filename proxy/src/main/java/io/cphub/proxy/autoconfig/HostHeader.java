package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;

/**
 * Derives the customer domain from a {@code Host} header when a client sends no address
 * (Thunderbird for Android, KMail): {@code autoconfig.<domain>[:port]} gives {@code <domain>}, a
 * bare {@code <domain>} (the well-known URL) gives itself. IP literals and garbage are refused.
 */
final class HostHeader {
  static final String PREFIX = "autoconfig.";
  static final int MAX = 260;

  private HostHeader() {}

  static Domain domainOf(String host) {
    if (host == null || host.isBlank()) {
      throw new BadRequestException("no e-mail address and no Host header");
    }
    if (host.length() > MAX || host.indexOf('[') >= 0) {
      throw new BadRequestException("Host header is not a domain name");
    }
    String name = host;
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String port = host.substring(colon + 1);
      if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new BadRequestException("Host header has a malformed port");
      }
      name = host.substring(0, colon);
    }
    Domain domain;
    try {
      domain = Domain.parse(name);
    } catch (InvalidNameException e) {
      throw new BadRequestException("Host header is not a domain name", e.getMessage());
    }
    if (domain.isWildcard()) {
      throw new BadRequestException("Host header is not a domain name");
    }
    if (domain.name().startsWith(PREFIX)) {
      try {
        return Domain.parse(domain.name().substring(PREFIX.length()));
      } catch (InvalidNameException e) {
        return domain;
      }
    }
    return domain;
  }
}
