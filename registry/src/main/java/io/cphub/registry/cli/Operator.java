package io.cphub.registry.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cphub.model.wire.Json;
import io.cphub.registry.RegistryException;
import io.cphub.registry.Services;
import io.cphub.registry.config.RegistryConfig;
import io.cphub.registry.store.Database;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.function.Function;

/**
 * Runs one operator action directly against the database (same services and transactions as the
 * HTTP API, so every change reaches the feed and NOTIFY) and prints the result as JSON.
 */
final class Operator {
  private Operator() {}

  static int run(ConfigOption option, PrintWriter out, Function<Services, Object> action) {
    RegistryConfig config = option.load();
    try (Database db = Database.open(config)) {
      Object result = action.apply(Services.create(db.jdbi(), Clock.systemUTC(), config.guardMaxRemovalShare(),
          config.tokensRotationGrace()));
      out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
      out.flush();
      return 0;
    } catch (JsonProcessingException e) {
      throw new RegistryException("cannot print result", e);
    }
  }
}
