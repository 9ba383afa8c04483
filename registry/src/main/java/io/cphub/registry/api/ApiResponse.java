package io.cphub.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.ErrorBody;
import io.cphub.model.wire.Json;
import io.cphub.registry.RegistryException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response ready to send: status, content type, body bytes, extra headers (name → value). */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
  static final String JSON = "application/json; charset=utf-8";

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public ApiResponse(int status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
  }

  public static ApiResponse json(int status, Object value) {
    try {
      return new ApiResponse(status, JSON, Json.mapper().writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new RegistryException("cannot encode response " + value.getClass().getSimpleName(), e);
    }
  }

  public static ApiResponse error(int status, String error, String detail) {
    return json(status, new ErrorBody(error, detail));
  }

  /** The same response with one more header. */
  ApiResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new ApiResponse(status, contentType, body, h);
  }
}
