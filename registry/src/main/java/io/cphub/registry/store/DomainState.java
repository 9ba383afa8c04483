package io.cphub.registry.store;

import java.time.Instant;

/**
 * One row of {@link RouteDao#domainStates}: either a domain's current route ({@code contested}
 * false, route columns set) or a claim on it by another server ({@code contested} true, route
 * columns null).
 */
public record DomainState(String key, Integer routeServerId, String routeUsername, Integer standingServerId,
    Instant standingSince, boolean contested) {}
