package io.cphub.model.wire;

/** Every error answer: a short machine-readable {@code error} and a human {@code detail}. */
public record ErrorBody(String error, String detail) {}
