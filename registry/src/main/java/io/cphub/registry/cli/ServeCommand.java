package io.cphub.registry.cli;

import io.cphub.registry.Registry;
import io.cphub.registry.config.RegistryConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: runs the HTTP API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the registry HTTP API.")
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  @Mixin
  ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    RegistryConfig c = config.load();
    LOG.info("effective config: {}", c);
    Registry registry = Registry.start(c, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      registry.close();
      stopped.countDown();
    }, "registry-shutdown"));
    stopped.await();
    return 0;
  }
}
