package io.cphub.registry.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request, copied off the Netty buffers so it can be handled on a worker thread.
 * {@code principal} is who the head was admitted as ({@link HeadGuard}), or null when it was not
 * checked (open endpoints, or a request built without the guard).
 */
public record ApiRequest(
    String method, List<String> segments, Map<String, List<String>> query, String authorization,
    String contentType, byte[] body, Principal principal) {

  public static ApiRequest from(FullHttpRequest req) {
    return from(req, null);
  }

  static ApiRequest from(FullHttpRequest req, Principal principal) {
    QueryStringDecoder q = new QueryStringDecoder(req.uri());
    return new ApiRequest(req.method().name(), segments(q.rawPath()), q.parameters(),
        req.headers().get(HttpHeaderNames.AUTHORIZATION), req.headers().get(HttpHeaderNames.CONTENT_TYPE),
        ByteBufUtil.getBytes(req.content()), principal);
  }

  /** The decoded, non-empty segments of a raw path. */
  static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(QueryStringDecoder.decodeComponent(s));
      }
    }
    return List.copyOf(segments);
  }

  /** The single value of a query parameter, or null. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }
}
