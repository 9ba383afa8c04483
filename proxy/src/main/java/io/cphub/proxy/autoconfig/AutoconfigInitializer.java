package io.cphub.proxy.autoconfig;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The autoconfig pipeline with explicit limits: request line 4 KiB, headers 8 KiB, body
 * {@link AutoconfigConfig#maxRequestBodyBytes()} (413 beyond), idle connections closed after
 * {@link AutoconfigConfig#idleTimeout()}; HTTP/1.1 keep-alive. Shared by all channels.
 */
final class AutoconfigInitializer extends ChannelInitializer<Channel> {
  static final int MAX_INITIAL_LINE = 4096;
  static final int MAX_HEADERS = 8192;

  private final AutoconfigConfig config;
  private final AutoconfigHandler handler;

  AutoconfigInitializer(AutoconfigConfig config, Autoconfig core) {
    this.config = config;
    this.handler = new AutoconfigHandler(core);
  }

  @Override
  protected void initChannel(Channel ch) {
    ch.pipeline()
        .addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS))
        .addLast("http", new HttpServerCodec(new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_INITIAL_LINE)
            .setMaxHeaderSize(MAX_HEADERS)
            .setMaxChunkSize(8192)))
        .addLast("keepAlive", new HttpServerKeepAliveHandler())
        .addLast("aggregator", new HttpObjectAggregator(config.maxRequestBodyBytes()))
        .addLast("autoconfig", handler);
  }
}
