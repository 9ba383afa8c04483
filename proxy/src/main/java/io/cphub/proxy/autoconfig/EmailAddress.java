package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;
import io.cphub.model.InvalidNameException;
import io.cphub.model.Login;
import java.util.Locale;

/**
 * An e-mail address as a client sent it for autoconfiguration: the local part kept as given, the
 * domain normalised by {@link Login#parse}. Only {@code local@domain} is accepted here.
 */
record EmailAddress(String local, Domain domain) {

  /** Parses {@code raw} or throws {@link BadRequestException} saying why. */
  static EmailAddress parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new BadRequestException("e-mail address is missing");
    }
    Login login;
    try {
      login = Login.parse(raw.strip());
    } catch (InvalidNameException e) {
      throw new BadRequestException("invalid e-mail address", e.getMessage());
    }
    if (!(login instanceof Login.Address address)) {
      throw new BadRequestException("not an e-mail address (local@domain)");
    }
    if (!XmlText.isLegal(address.local())) {
      throw new BadRequestException("e-mail address holds a character not allowed in XML");
    }
    if (address.domain().isWildcard()) {
      throw new BadRequestException("e-mail address names a wildcard domain");
    }
    return new EmailAddress(address.local(), address.domain());
  }

  /** {@code local@domain} with the domain in its normalised (A-label) form. */
  String text() {
    return local + "@" + domain.name();
  }

  /** Identity for stable profile identifiers: the local part compared without case. */
  String identityKey() {
    return local.toLowerCase(Locale.ROOT) + "@" + domain.name();
  }
}
