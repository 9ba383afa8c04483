package io.cphub.registry.api;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.ExecutorService;

/**
 * The pipeline: an idle timeout, the HTTP codec with bounded line and header sizes,
 * {@link HeadGuard} (authentication and the endpoint's body limit on the request head, before any
 * body is aggregated), an aggregator capped at the largest limit, then {@link RegistryHandler}.
 */
final class RegistryInitializer extends ChannelInitializer<SocketChannel> {
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADERS = 16 * 1024;
  static final int MAX_CHUNK = 64 * 1024;
  static final int IDLE_SECONDS = 120;
  private final Api api;
  private final ExecutorService workers;
  private final ReceivedBytes received;

  RegistryInitializer(Api api, ExecutorService workers) {
    this.api = api;
    this.workers = workers;
    this.received = new ReceivedBytes(api.metrics());
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(received)
        .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
        .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK))
        .addLast(new HeadGuard(api.admission(), workers, api.metrics()))
        .addLast(new LimitedAggregator(api.admission().largest()))
        .addLast(new RegistryHandler(api, workers));
  }
}
