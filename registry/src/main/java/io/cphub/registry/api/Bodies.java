package io.cphub.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.cphub.model.wire.Json;
import io.cphub.registry.InvalidInputException;
import java.io.IOException;
import java.util.Locale;

/**
 * Decodes JSON request bodies; every failure is a 4xx naming what is wrong. Operator bodies are
 * strict (an unknown field is refused: a typo must not be silently dropped); agent bodies
 * ({@link #fromAgent}) ignore fields this registry does not know, so an agent one minor version
 * newer keeps working (docs: ansible/docs/operations.md, "Version mixes"). Stateless.
 */
final class Bodies {
  private Bodies() {}

  static <T> T decode(ApiRequest req, Class<T> type) {
    return decode(req, type, Json.mapper());
  }

  /** A snapshot or account push: everything as strict as {@link #decode}, except unknown fields. */
  static <T> T fromAgent(ApiRequest req, Class<T> type) {
    return decode(req, type, Json.tolerant());
  }

  private static <T> T decode(ApiRequest req, Class<T> type, com.fasterxml.jackson.databind.ObjectMapper mapper) {
    String ct = req.contentType();
    if (ct == null || !ct.toLowerCase(Locale.ROOT).strip().matches("application/json\\s*(;.*)?")) {
      throw new HttpRefusal(415, "unsupported_media_type", "Content-Type must be application/json, was "
          + (ct == null ? "missing" : io.cphub.model.Printable.of(ct)));
    }
    if (req.body().length == 0) {
      throw new InvalidInputException("invalid_json", "request body is empty");
    }
    T value;
    try {
      value = mapper.readValue(req.body(), type);
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidInputException("unknown_field", "unknown field " + io.cphub.model.Printable.of(e.getPropertyName())
          + " at " + path(e));
    } catch (JsonMappingException e) {
      Throwable root = e.getCause() != null ? e.getCause() : e;
      String msg = root == e ? e.getOriginalMessage() : root.getMessage();
      throw new InvalidInputException("invalid_json", "at " + path(e) + ": " + firstLine(msg));
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("invalid_json", "malformed JSON: " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidInputException("invalid_json", "unreadable body: " + firstLine(e.getMessage()));
    }
    if (value == null) {
      throw new InvalidInputException("invalid_json", "request body is JSON null");
    }
    return value;
  }

  private static String path(JsonMappingException e) {
    String p = e.getPathReference();
    return p == null || p.isEmpty() ? "top level" : p.replace("io.cphub.model.wire.", "");
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
