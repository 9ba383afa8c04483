package io.cphub.simulator.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a simulated server delivers its hook payloads. Implementations are thread-safe. */
public interface HookSink {
  /** Does nothing: the server fires no hooks. */
  HookSink NONE = payload -> { };

  void deliver(ObjectNode payload);
}
