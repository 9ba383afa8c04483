package io.cphub.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.ErrorBody;
import io.cphub.model.wire.Json;
import io.cphub.registry.RegistryException;

/** A response ready to send: status, content type, body bytes. */
public record ApiResponse(int status, String contentType, byte[] body) {
  static final String JSON = "application/json; charset=utf-8";

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
}
