package io.cphub.registry.servers;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.AgentState;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.ServerView;
import io.cphub.registry.store.ServerRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Renders a stored server for operators, with the sync age measured on the given clock. */
public final class ServerViews {
  private ServerViews() {}

  public static ServerView of(ServerRow r, Clock clock) {
    return new ServerView(r.name(), r.address(), r.imapPort(), r.pop3Port(), r.smtpPort(), r.state(),
        r.lastSyncAt(), age(r.lastSyncAt(), clock), agent(r.agentState()), r.lastSnapshotAt(),
        age(r.lastSnapshotAt(), clock));
  }

  private static Long age(Instant at, Clock clock) {
    return at == null ? null : Math.max(0, Duration.between(at, clock.instant()).getSeconds());
  }

  private static AgentState agent(String json) {
    if (json == null) {
      return null;
    }
    try {
      return Json.mapper().readValue(json, AgentState.class);
    } catch (JsonProcessingException e) {
      // Stored by an older agent in another shape: show the server without it.
      return null;
    }
  }
}
