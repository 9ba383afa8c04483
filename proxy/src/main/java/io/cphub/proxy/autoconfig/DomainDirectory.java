package io.cphub.proxy.autoconfig;

import io.cphub.model.Domain;

/**
 * Answers whether a domain is served by this hub. The route table implements it; autoconfig asks
 * it once per request and never enumerates it. Implementations must be thread-safe and must not
 * block (they are called on Netty event-loop threads).
 */
@FunctionalInterface
public interface DomainDirectory {
  /** True when mail for {@code domain} is routed by this hub (wildcards never match). */
  boolean isKnown(Domain domain);
}
