package io.cphub.agent.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/** A MockWebServer dispatcher standing in for the registry API: records writes, answers a set status. */
final class FakeRegistry extends Dispatcher {
  record Call(String method, String path, String body) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  /** Sent as Cphub-Feed-Identity on accepted writes when set. */
  volatile String identity;
  /** Sent as Retry-After on refusals when set. */
  volatile String retryAfter;
  volatile String errorBody = "{\"error\":\"mass_removal\",\"detail\":\"would remove 100% of the domains\"}";

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (status != 200) {
      MockResponse.Builder b = new MockResponse.Builder().code(status).body(errorBody);
      if (retryAfter != null) {
        b.addHeader("Retry-After", retryAfter);
      }
      return b.build();
    }
    calls.add(new Call(request.getMethod(), request.getUrl().encodedPath(), request.getBody() == null ? "" : request.getBody().utf8()));
    MockResponse.Builder ok = new MockResponse.Builder().code(200);
    if (identity != null) {
      ok.addHeader("Cphub-Feed-Identity", identity);
    }
    return ok
        .body("{\"accountsUpserted\":0,\"accountsRemoved\":0,\"claimsAdded\":0,\"claimsRemoved\":0,\"routesChanged\":0,\"version\":1}")
        .build();
  }

  List<String> lines() {
    return calls.stream().map(c -> c.method() + " " + c.path()).toList();
  }
}
