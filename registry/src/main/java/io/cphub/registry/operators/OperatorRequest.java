package io.cphub.registry.operators;

/** Body of {@code POST /v1/operators}: the new operator's name and, optionally, why. */
public record OperatorRequest(String name, String reason) {}
