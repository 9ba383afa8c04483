package io.cphub.model.wire;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one Jackson configuration every part uses: strict on input, ISO-8601 times on output. A
 * {@link #tolerant} reader is for answers from a peer that may run a newer minor version (the agent
 * reading the registry's replies): it ignores fields it does not know, and is otherwise as strict.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();
  private static final ObjectMapper TOLERANT = MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  /** A shared, thread-safe mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** A shared reader that ignores unknown fields, for answers from a newer peer. Do not reconfigure it. */
  public static ObjectMapper tolerant() {
    return TOLERANT;
  }

  private static ObjectMapper build() {
    JsonMapper mapper = JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
    mapper.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000).build());
    return mapper;
  }
}
