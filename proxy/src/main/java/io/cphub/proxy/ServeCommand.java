package io.cphub.proxy;

import io.cphub.proxy.config.ConfigLoader;
import io.cphub.proxy.config.ProxyConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve --config FILE}: runs the proxy until SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the proxy (auth_http and admin listeners).")
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--config", required = true, description = "properties file; CPHUB_* environment variables override it")
  Path config;

  @Override
  public Integer call() throws Exception {
    ProxyConfig c = ConfigLoader.load(config, System.getenv());
    LOG.info("configuration: {}", ConfigLoader.describe(c));
    ProxyNode node = ProxyNode.start(c, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("stopping");
      node.close();
      stopped.countDown();
    }, "cphub-shutdown"));
    stopped.await();
    return 0;
  }
}
