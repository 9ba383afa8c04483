package io.cphub.agent.http;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class IdempotentHttpTest {
  final IdempotentHttp http = new IdempotentHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
      Duration.ofSeconds(4));

  @Test
  void nonIdempotentMethods_areRefusedBeforeAnythingIsSent() {
    for (String method : new String[] {"POST", "PATCH"}) {
      Request r = new Request.Builder().url("http://127.0.0.1:9/x").method(method, RequestBody.create(new byte[0]))
          .build();
      assertThatThrownBy(() -> http.execute(r)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(method + " is not idempotent");
    }
  }

  @Test
  void zeroKeepAlive_isRefused() {
    assertThatThrownBy(() -> new IdempotentHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAlive");
  }
}
