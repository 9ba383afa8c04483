package io.cphub.registry.api;

import io.cphub.registry.metrics.RegistryMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Counts the bytes each read takes off a connection (once per read, never per byte), so an
 * operator can see that refused requests cost no body reads. Shared by every channel.
 */
@ChannelHandler.Sharable
final class ReceivedBytes extends ChannelInboundHandlerAdapter {
  private final RegistryMetrics metrics;

  ReceivedBytes(RegistryMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      metrics.received(b.readableBytes());
    }
    ctx.fireChannelRead(msg);
  }
}
