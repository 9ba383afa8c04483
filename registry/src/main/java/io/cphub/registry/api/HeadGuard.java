package io.cphub.registry.api;

import io.cphub.registry.metrics.RegistryMetrics;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Admits or refuses each request on its head, before any body is aggregated. A missing or
 * malformed token is refused on the event loop; a declared {@code Content-Length} over the
 * endpoint's limit is refused (413) before anything else is read; a token that needs the database
 * is looked up on a worker while reading pauses. A refusal answers and closes the connection and
 * drops whatever had already been read: no body is buffered. A chunked body is counted as it
 * streams and refused (413) once over the limit. While a request is in flight, input waits here,
 * so answers keep request order. The admitted principal travels to {@link RegistryHandler} in a
 * channel attribute. One per channel; runs on its event loop.
 */
final class HeadGuard extends ChannelDuplexHandler {
  static final AttributeKey<Principal> PRINCIPAL = AttributeKey.valueOf("cphub.principal");
  private final Admission admission;
  private final Executor workers;
  private final RegistryMetrics metrics;
  private String endpoint = "unknown";
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private boolean holding;
  private boolean refused;
  private long allowed;
  private long received;

  HeadGuard(Admission admission, Executor workers, RegistryMetrics metrics) {
    this.admission = admission;
    this.workers = workers;
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (refused) {
      ReferenceCountUtil.release(msg);
    } else if (holding) {
      ctx.channel().config().setAutoRead(false);
      waiting.add(msg);
    } else {
      process(ctx, msg);
    }
  }

  private void process(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest head) {
      onHead(ctx, head);
    } else if (msg instanceof HttpContent content) {
      onContent(ctx, content);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void onHead(ChannelHandlerContext ctx, HttpRequest head) {
    if (!head.decoderResult().isSuccess()) {
      forward(ctx, head, null, Long.MAX_VALUE);
      return;
    }
    QueryStringDecoder q = new QueryStringDecoder(head.uri());
    List<String> segments = ApiRequest.segments(q.rawPath());
    String endpoint = Endpoints.name(segments);
    this.endpoint = endpoint;
    int limit = admission.limit(endpoint);
    try {
      if (admission.open(endpoint)) {
        refuseOversize(head, limit);
        forward(ctx, head, null, limit);
        return;
      }
      String token = Authenticator.token(head.headers().get(HttpHeaderNames.AUTHORIZATION));
      refuseOversize(head, limit);
      if (admission.auth().isAdmin(token)) {
        Principal p = new Principal.Admin();
        admission.authorize(endpoint, segments, q.parameters(), p);
        forward(ctx, head, p, limit);
        return;
      }
      holding = true;
      ctx.channel().config().setAutoRead(false);
      workers.execute(() -> {
        Object verdict;
        try {
          Principal p = admission.auth().lookup(token);
          admission.authorize(endpoint, segments, q.parameters(), p);
          verdict = p;
        } catch (RuntimeException e) {
          verdict = e;
        }
        Object v = verdict;
        ctx.executor().execute(() -> decided(ctx, head, v, limit));
      });
    } catch (HttpRefusal e) {
      ReferenceCountUtil.release(head);
      refuse(ctx, e);
    } catch (RejectedExecutionException e) {
      ReferenceCountUtil.release(head);
      refuse(ctx, new HttpRefusal(503, "overloaded", "too many requests in progress; retry later"));
    }
  }

  private void decided(ChannelHandlerContext ctx, HttpRequest head, Object verdict, int limit) {
    holding = false;
    if (!ctx.channel().isActive()) {
      ReferenceCountUtil.release(head);
      return;
    }
    if (verdict instanceof Principal p) {
      forward(ctx, head, p, limit);
      drain(ctx);
    } else {
      ReferenceCountUtil.release(head);
      refuse(ctx, verdict instanceof HttpRefusal r ? r : lookupFailed((RuntimeException) verdict));
    }
  }

  /** A token lookup that failed: {@code database_unavailable} when the database is the cause. */
  private static HttpRefusal lookupFailed(RuntimeException e) {
    String outage = DatabaseOutage.reason(e);
    return outage == null
        ? new HttpRefusal(503, "unavailable", "the registry could not check the token; retry later")
        : new HttpRefusal(503, "database_unavailable", "the registry database is unavailable (" + outage
            + "); retry later");
  }

  private static void refuseOversize(HttpRequest head, int limit) {
    long declared;
    try {
      declared = HttpUtil.getContentLength(head, -1L);
    } catch (NumberFormatException e) {
      throw new HttpRefusal(400, "bad_request", "malformed Content-Length");
    }
    if (declared > limit) {
      throw tooLarge(limit);
    }
  }

  private void onContent(ChannelHandlerContext ctx, HttpContent content) {
    received += content.content().readableBytes();
    if (received > allowed) {
      ReferenceCountUtil.release(content);
      refuse(ctx, tooLarge(allowed));
      return;
    }
    if (content instanceof LastHttpContent) {
      holding = true; // the request is complete and in flight until its answer is written
    }
    ctx.fireChannelRead(content);
  }

  private void forward(ChannelHandlerContext ctx, HttpRequest head, Principal p, long limit) {
    allowed = limit;
    received = 0;
    ctx.channel().attr(PRINCIPAL).set(p);
    if (head instanceof HttpContent content) {
      onContent(ctx, content);
    } else {
      ctx.fireChannelRead(head);
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    while (!holding && !refused && !waiting.isEmpty()) {
      process(ctx, waiting.poll());
    }
    if (!holding && !refused) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    boolean answer = msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL;
    ctx.write(msg, promise);
    if (answer) {
      promise.addListener(f -> {
        if (f.isSuccess() && !refused) {
          holding = false;
          drain(ctx);
        }
      });
    }
  }

  private void refuse(ChannelHandlerContext ctx, HttpRefusal e) {
    refused = true;
    ctx.channel().config().setAutoRead(false);
    metrics.refusedHead(endpoint, e.status);
    metrics.request(endpoint, e.status, 0);
    while (!waiting.isEmpty()) {
      ReferenceCountUtil.release(waiting.poll());
    }
    ApiResponse answer = ApiResponse.error(e.status, e.error(), e.getMessage());
    if (e.status == 503) {
      answer = answer.withHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
    }
    FullHttpResponse resp = RegistryHandler.response(answer, false);
    ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
  }

  private static HttpRefusal tooLarge(long limit) {
    return new HttpRefusal(413, "body_too_large", "request body exceeds " + limit + " bytes for this endpoint");
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    while (!waiting.isEmpty()) {
      ReferenceCountUtil.release(waiting.poll());
    }
  }
}
