package io.cphub.agent.whm;

/** One {@code get_domain_info} row, decoded: raw names, {@code type} main|addon|parked|sub. */
public record WhmDomain(String domain, String type, String user, String parentDomain) {}
