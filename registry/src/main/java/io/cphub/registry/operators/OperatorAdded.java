package io.cphub.registry.operators;

/** Answer of adding an operator: the token, shown this once and stored only as its SHA-256. */
public record OperatorAdded(String name, String token) {}
