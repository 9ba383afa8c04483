package io.cphub.model.wire;

/** Answer of enrolment: the server and its bearer token, shown this once and stored only hashed. */
public record EnrolResult(ServerView server, String token) {}
