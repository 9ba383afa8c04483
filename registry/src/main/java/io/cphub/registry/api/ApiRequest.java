package io.cphub.registry.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One HTTP request, copied off the Netty buffers so it can be handled on a worker thread. */
public record ApiRequest(
    String method, List<String> segments, Map<String, List<String>> query, String authorization,
    String contentType, byte[] body) {

  public static ApiRequest from(FullHttpRequest req) {
    QueryStringDecoder q = new QueryStringDecoder(req.uri());
    List<String> segments = new ArrayList<>();
    for (String s : q.rawPath().split("/")) {
      if (!s.isEmpty()) {
        segments.add(QueryStringDecoder.decodeComponent(s));
      }
    }
    return new ApiRequest(req.method().name(), List.copyOf(segments), q.parameters(),
        req.headers().get(HttpHeaderNames.AUTHORIZATION), req.headers().get(HttpHeaderNames.CONTENT_TYPE),
        ByteBufUtil.getBytes(req.content()));
  }

  /** The single value of a query parameter, or null. */
  public String param(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }
}
