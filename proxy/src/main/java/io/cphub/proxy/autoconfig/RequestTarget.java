package io.cphub.proxy.autoconfig;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request target split into its decoded path and query parameters. Parameter names compare
 * without case; a parameter given twice, or malformed percent-encoding, is a bad request.
 */
record RequestTarget(String path, Map<String, String> params) {
  static final int MAX_PARAMS = 16;

  static RequestTarget parse(String uri) {
    if (uri.isEmpty() || uri.charAt(0) != '/') {
      throw new BadRequestException("request target must be an absolute path");
    }
    try {
      QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_PARAMS);
      Map<String, String> params = new HashMap<>();
      for (Map.Entry<String, List<String>> e : decoder.parameters().entrySet()) {
        String name = e.getKey().toLowerCase(Locale.ROOT);
        if (e.getValue().size() != 1 || params.putIfAbsent(name, e.getValue().get(0)) != null) {
          throw new BadRequestException("query parameter given more than once");
        }
      }
      return new RequestTarget(decoder.path(), Map.copyOf(params));
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("malformed request target", e.getMessage());
    }
  }

  /** The parameter's value, or null. */
  String param(String lowerCaseName) {
    return params.get(lowerCaseName);
  }
}
