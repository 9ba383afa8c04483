package io.cphub.agent.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.cphub.agent.net.Waits;
import io.cphub.agent.net.IdleClosingBalancer;
import io.cphub.model.wire.AccountPush;
import java.net.InetSocketAddress;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry client behind a load balancer that ends idle connections, over real sockets. */
class RegistryConnectionTest {
  final MockWebServer backend = new MockWebServer();
  final FakeRegistry registry = new FakeRegistry();
  IdleClosingBalancer balancer;

  @BeforeEach
  void start() throws Exception {
    backend.setDispatcher(registry);
    backend.start();
  }

  @AfterEach
  void stop() {
    if (balancer != null) {
      balancer.close();
    }
    backend.close();
  }

  RegistryClient clientThrough(IdleClosingBalancer.Mode mode, long idleMs, Duration keepAlive) throws Exception {
    balancer = new IdleClosingBalancer(new InetSocketAddress(backend.getHostName(), backend.getPort()), idleMs, mode);
    return new RegistryClient(HttpUrl.get("http://127.0.0.1:" + balancer.port() + "/"), "s1.hoster.test", "RT",
        Duration.ofSeconds(2), keepAlive, null);
  }

  /** Four rounds of a push and a delete, each after a pause the balancer ends connections in. */
  void pushesSurviveIdlePauses(RegistryClient client) {
    for (int i = 0; i < 4; i++) {
      int ended = balancer.idleEnded();
      client.putAccount("alice", new AccountPush(RegistryClientTest.ALICE, RegistryClientTest.AGENT));
      client.deleteAccount("bob");
      Waits.until(Duration.ofSeconds(10), "a pause longer than the balancer's idle timeout",
          () -> balancer.idleEnded() > ended || balancer.quietFor(500));
    }
    assertThat(registry.lines()).hasSize(8);
  }

  /** The balancer's idle timeout (300 ms) is below the agent's keep-alive: stale connections are reused. */
  @Test
  void balancerClosingIdleConnections_pushesGoThroughAfterEveryPause() throws Exception {
    pushesSurviveIdlePauses(clientThrough(IdleClosingBalancer.Mode.CLOSE, 300, Duration.ofSeconds(4)));
    assertThat(balancer.idleEnded()).isGreaterThanOrEqualTo(4);
  }

  /**
   * A balancer that forgets an idle flow without telling swallows the next request until the
   * read timeout; a keep-alive below its idle timeout means such a connection is never reused.
   */
  @Test
  void balancerForgettingIdleConnections_keepAliveBelowItsIdleTimeout_pushesGoThrough() throws Exception {
    pushesSurviveIdlePauses(clientThrough(IdleClosingBalancer.Mode.BLACKHOLE, 300, Duration.ofMillis(100)));
  }

  @Test
  void connectionClosedBeforeAnyAnswer_isSentOnceMore_onlyOnce() throws Exception {
    try (java.net.ServerSocket dropper = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
      Thread t = new Thread(() -> {
        while (true) {
          try (java.net.Socket s = dropper.accept()) {
            s.getInputStream().read(new byte[4096]);
            requests.incrementAndGet();
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
      RegistryClient client = new RegistryClient(HttpUrl.get("http://127.0.0.1:" + dropper.getLocalPort() + "/"),
          "s1.hoster.test", "RT", Duration.ofSeconds(2));
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> client.putAccount("alice", new AccountPush(RegistryClientTest.ALICE, RegistryClientTest.AGENT)))
          .isInstanceOf(RegistryUnavailableException.class);
      Waits.until(Duration.ofSeconds(5), "both attempts arrived", () -> requests.get() >= 2);
      assertThat(requests.get()).isEqualTo(2);
    }
  }
}
