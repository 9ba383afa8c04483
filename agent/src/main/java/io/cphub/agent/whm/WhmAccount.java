package io.cphub.agent.whm;

/** One {@code listaccts}/{@code accountsummary} row, decoded: raw names as WHM sent them. */
public record WhmAccount(String user, String domain, String owner, boolean suspended) {}
