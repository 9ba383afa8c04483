package io.cphub.agent.push;

import com.fasterxml.jackson.core.JacksonException;
import io.cphub.agent.http.IdempotentHttp;
import io.cphub.model.Printable;
import io.cphub.model.wire.AccountPush;
import io.cphub.model.wire.ChangeSummary;
import io.cphub.model.wire.Departures;
import io.cphub.model.wire.ErrorBody;
import io.cphub.model.wire.Json;
import io.cphub.model.wire.Snapshot;
import java.io.IOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Writes one server's accounts to the registry API v1 with the server's bearer token. 5xx, 429
 * and transport errors are {@link RegistryUnavailableException}; other non-2xx answers are
 * {@link RegistryRefusedException} carrying the registry's {@code error}/{@code detail}; a
 * {@code Retry-After} (seconds) travels with the first. Remembers the feed identity each accepted
 * write names ({@code Cphub-Feed-Identity} header, else the summary's {@code feedIdentity}; older
 * registries send neither): when it changes, the registry database's history changed (failover,
 * restore) and writes acknowledged before may be gone, which {@link #historyChanged()} reports once.
 * Every write and its outcome is reported to a {@link PushCalls} (the agent's metrics). Thread-safe.
 */
public final class RegistryClient {
  private static final MediaType JSON = MediaType.get("application/json");
  static final String FEED_IDENTITY = "Cphub-Feed-Identity";

  private final HttpUrl base;
  private final String server;
  private final String authorization;
  private final IdempotentHttp http;
  private final PushCalls calls;
  private String feedIdentity;
  private boolean historyChanged;

  public RegistryClient(HttpUrl base, String server, String token, Duration timeout) {
    this(base, server, token, timeout, IdempotentHttp.DEFAULT_KEEP_ALIVE, null);
  }

  /** As below, with the default keep-alive; {@code tls} (null: the JDK's trusted CAs) decides which certificates are trusted. */
  public RegistryClient(HttpUrl base, String server, String token, Duration timeout, RegistryTls tls) {
    this(base, server, token, timeout, IdempotentHttp.DEFAULT_KEEP_ALIVE, tls);
  }

  /**
   * Every call is idempotent by design, so one that hits a connection a load balancer closed is
   * sent again: {@code PUT snapshot} and {@code PUT accounts/{user}} carry the complete state (a
   * repeat changes nothing), {@code DELETE accounts/{user}} of an account already gone answers 200.
   * {@code tls} (null: the JDK's trusted CAs) decides which registry certificates are trusted.
   */
  public RegistryClient(HttpUrl base, String server, String token, Duration timeout, Duration keepAlive,
      RegistryTls tls) {
    this(base, server, token, timeout, keepAlive, tls, PushCalls.NONE);
  }

  /** As above, reporting every write to {@code calls}. */
  public RegistryClient(HttpUrl base, String server, String token, Duration timeout, Duration keepAlive,
      RegistryTls tls, PushCalls calls) {
    this.calls = calls;
    this.base = base;
    this.server = server;
    this.authorization = "Bearer " + token;
    this.http = new IdempotentHttp(timeout, timeout, timeout.multipliedBy(2), keepAlive,
        tls == null ? null : tls.socketFactory(), tls == null ? null : tls.trustManager());
  }

  public ChangeSummary putSnapshot(Snapshot snapshot) {
    return observed("snapshot", () -> send("PUT", server().addPathSegment("snapshot").build(), body(snapshot),
        "snapshot"));
  }

  public ChangeSummary putAccount(String user, AccountPush push) {
    return observed("account", () -> send("PUT", server().addPathSegment("accounts").addPathSegment(user).build(),
        body(push), "account " + user));
  }

  /**
   * Removes an account (the registry answers 200 for an account it does not know). Any 4xx,
   * including 404 for a server it does not know, is a refusal.
   */
  public ChangeSummary deleteAccount(String user) {
    return observed("delete", () -> send("DELETE", server().addPathSegment("accounts").addPathSegment(user).build(),
        null, "delete of account " + user));
  }

  private ChangeSummary observed(String kind, java.util.function.Supplier<ChangeSummary> write) {
    long start = System.nanoTime();
    String result = "unavailable";
    try {
      ChangeSummary summary = write.get();
      result = "accepted";
      return summary;
    } catch (RegistryRefusedException e) {
      result = "refused";
      throw e;
    } finally {
      calls.completed(kind, result, (System.nanoTime() - start) / 1e9);
    }
  }

  private HttpUrl.Builder server() {
    return base.newBuilder().addPathSegment("v1").addPathSegment("servers").addPathSegment(server);
  }

  /**
   * The departures of this server after feed version {@code after} (null: none, only the head to
   * start from). A refused cursor is a {@link RegistryRefusedException} with error
   * {@code cursor_ahead}, {@code cursor_expired} or {@code invalid_cursor}.
   */
  public Departures departures(Long after) {
    HttpUrl.Builder url = server().addPathSegment("departures");
    if (after != null) {
      url.addQueryParameter("after", Long.toString(after));
    }
    Answer a = exchange("GET", url.build(), null, "departures");
    try {
      return Json.tolerant().readValue(a.text(), Departures.class);
    } catch (JacksonException e) {
      throw new RegistryUnavailableException("registry answered departures of " + server + " with unreadable JSON: "
          + e.getOriginalMessage(), e);
    }
  }

  private ChangeSummary send(String method, HttpUrl url, RequestBody body, String what) {
    Answer a = exchange(method, url, body, what);
    ChangeSummary summary = summary(a.text());
    seen(a.identity() != null ? a.identity() : summary == null ? null : summary.feedIdentity());
    return summary;
  }

  /** A 2xx answer's body and feed identity header. */
  private record Answer(String text, String identity) {}

  private Answer exchange(String method, HttpUrl url, RequestBody body, String what) {
    Request request = new Request.Builder().url(url).header("Authorization", authorization).method(method, body).build();
    try (Response response = http.execute(request)) {
      String text = response.body().string();
      int code = response.code();
      if (code >= 200 && code < 300) {
        return new Answer(text, response.header(FEED_IDENTITY));
      }
      ErrorBody error = error(text);
      String detail = "registry refused " + what + " of " + server + ": HTTP " + code
          + (error == null ? "" : " " + error.error() + ": " + error.detail());
      if (code >= 500 || code == 429 || code == 408) {
        throw new RegistryUnavailableException(detail, null, retryAfter(response.header("Retry-After")));
      }
      throw new RegistryRefusedException(detail, code, error == null ? null : error.error());
    } catch (SSLPeerUnverifiedException | SSLHandshakeException e) {
      throw new RegistryUnavailableException(untrusted(e) ? "registry certificate at " + base.host() + ":" + base.port()
          + " is not trusted (not issued by a CA in registry.ca-file, or not for the host name " + base.host()
          + "), " + what + " of " + server + " not sent: " + e.getMessage()
          : "TLS handshake with the registry at " + base.host() + ":" + base.port() + " failed for " + what
              + " of " + server + ": " + e, e);
    } catch (IOException e) {
      throw new RegistryUnavailableException("registry unreachable for " + what + " of " + server + " at "
          + base.host() + ":" + base.port() + ": " + e, e);
    }
  }

  private static boolean untrusted(IOException e) {
    if (e instanceof SSLPeerUnverifiedException) {
      return true;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof CertificateException) {
        return true;
      }
    }
    return false;
  }

  /** The last feed identity the registry named, or null. */
  public synchronized String feedIdentity() {
    return feedIdentity;
  }

  /** True once after an answer named another feed identity than the one before it. */
  public synchronized boolean historyChanged() {
    boolean changed = historyChanged;
    historyChanged = false;
    return changed;
  }

  private synchronized void seen(String identity) {
    if (identity == null || identity.isBlank()) {
      return;
    }
    if (feedIdentity != null && !feedIdentity.equals(identity)) {
      historyChanged = true;
    }
    feedIdentity = identity;
  }

  /** Seconds (the only form the registry sends), 0..3600; anything else is ignored. */
  static Duration retryAfter(String value) {
    if (value == null || !value.strip().matches("\\d{1,4}")) {
      return null;
    }
    long s = Long.parseLong(value.strip());
    return s > 3600 ? null : Duration.ofSeconds(s);
  }

  private static RequestBody body(Object value) {
    try {
      return RequestBody.create(Json.mapper().writeValueAsBytes(value), JSON);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  private static ChangeSummary summary(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return Json.tolerant().readValue(text, ChangeSummary.class);
    } catch (JacksonException e) {
      return null;
    }
  }

  private static ErrorBody error(String text) {
    try {
      ErrorBody b = Json.tolerant().readValue(text, ErrorBody.class);
      return b.error() == null ? null : new ErrorBody(b.error(), b.detail() == null ? "" : Printable.of(b.detail()));
    } catch (JacksonException e) {
      return null;
    }
  }
}
