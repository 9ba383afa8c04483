package io.cphub.registry.api;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.util.concurrent.ExecutorService;

/**
 * The pipeline: HTTP codec with bounded line and header sizes, an aggregator capped at the
 * configured body limit, an idle timeout, then {@link RegistryHandler}.
 */
final class RegistryInitializer extends ChannelInitializer<SocketChannel> {
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADERS = 16 * 1024;
  static final int MAX_CHUNK = 64 * 1024;
  static final int IDLE_SECONDS = 120;
  private final Api api;
  private final ExecutorService workers;
  private final int maxBody;

  RegistryInitializer(Api api, ExecutorService workers, int maxBody) {
    this.api = api;
    this.workers = workers;
    this.maxBody = maxBody;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(new ReadTimeoutHandler(IDLE_SECONDS))
        .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK))
        .addLast(new LimitedAggregator(maxBody))
        .addLast(new RegistryHandler(api, workers));
  }
}
