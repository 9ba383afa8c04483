package io.cphub.agent.whm;

import io.cphub.agent.http.IdempotentHttp;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads accounts and domains from WHM API 1 with a token ({@code Authorization: whm USER:TOKEN}).
 * Every failure is a {@link WhmException} (auth: {@link WhmAuthException}); an empty answer is
 * returned as empty and left to the caller to distrust. Each call, its time and its failure kind
 * are reported to a {@link WhmCalls} (the agent's metrics). Thread-safe (okhttp's client is).
 */
public final class WhmClient {
  static final String WANT = "user,domain,owner,plan,partition,ip,suspended,suspendreason,suspendtime,"
      + "is_locked,unix_startdate,uid,child_nodes";

  private final HttpUrl base;
  private final String authorization;
  private final IdempotentHttp http;
  private final WhmCalls calls;

  public WhmClient(HttpUrl base, String user, String token, Duration connectTimeout, Duration readTimeout) {
    this(base, user, token, connectTimeout, readTimeout, IdempotentHttp.DEFAULT_KEEP_ALIVE);
  }

  /** Every call is a GET: safe to repeat, so a call that hits a closed connection is tried again. */
  public WhmClient(HttpUrl base, String user, String token, Duration connectTimeout, Duration readTimeout,
      Duration keepAlive) {
    this(base, user, token, connectTimeout, readTimeout, keepAlive, WhmCalls.NONE);
  }

  /** As above, reporting every call to {@code calls}. */
  public WhmClient(HttpUrl base, String user, String token, Duration connectTimeout, Duration readTimeout,
      Duration keepAlive, WhmCalls calls) {
    this.base = base;
    this.authorization = "whm " + user + ":" + token;
    this.http = new IdempotentHttp(connectTimeout, readTimeout, readTimeout.plus(connectTimeout), keepAlive);
    this.calls = calls;
  }

  /** Every domain of the server ({@code get_domain_info}). */
  public List<WhmDomain> domains() {
    return observed("get_domain_info", () -> WhmDecoder.domains(WhmDecoder.data("get_domain_info",
        call(url("get_domain_info").build(), "get_domain_info"))));
  }

  /** The domains of one account ({@code get_domain_info} filtered on {@code user ==}). */
  public List<WhmDomain> domainsOf(String user) {
    HttpUrl url = url("get_domain_info").addQueryParameter("api.filter.enable", "1")
        .addQueryParameter("api.filter.a.field", "user").addQueryParameter("api.filter.a.arg0", user)
        .addQueryParameter("api.filter.a.type", "==").build();
    List<WhmDomain> rows = observed("get_domain_info",
        () -> WhmDecoder.domains(WhmDecoder.data("get_domain_info", call(url, "get_domain_info"))));
    return rows.stream().filter(d -> d.user().equalsIgnoreCase(user)).toList();
  }

  /** Every account ({@code listaccts} with {@code want=}). */
  public List<WhmAccount> accounts() {
    HttpUrl url = url("listaccts").addQueryParameter("want", WANT).build();
    return observed("listaccts", () -> WhmDecoder.accounts(WhmDecoder.data("listaccts", call(url, "listaccts")),
        "listaccts"));
  }

  /**
   * One account ({@code accountsummary}); empty only when WHM positively says it does not exist
   * ({@code result: 0} with "does not exist"). An empty list with {@code result: 1} is an error.
   */
  public Optional<WhmAccount> account(String user) {
    return observed("accountsummary", () -> summary(user));
  }

  private Optional<WhmAccount> summary(String user) {
    String body = call(url("accountsummary").addQueryParameter("user", user).build(), "accountsummary");
    String reason = WhmDecoder.failureReason(body);
    if (reason != null && reason.toLowerCase(java.util.Locale.ROOT).contains("does not exist")) {
      return Optional.empty();
    }
    List<WhmAccount> rows = WhmDecoder.accounts(WhmDecoder.data("accountsummary", body), "accountsummary");
    if (rows.size() != 1 || !rows.get(0).user().equalsIgnoreCase(user)) {
      throw new WhmException("WHM accountsummary for " + user + " returned " + rows.size()
          + " rows without saying the account does not exist");
    }
    return Optional.of(rows.get(0));
  }

  /**
   * Ends every IMAP and POP3 session of cPanel account {@code user}
   * ({@code terminate_cpuser_mailbox_sessions}, which cPanel queues). Every failure, including
   * WHM's refusal ({@code result: 0}, e.g. the account no longer exists), is a {@link WhmException}
   * carrying WHM's reason.
   */
  public void terminateMailboxSessions(String user) {
    String function = "terminate_cpuser_mailbox_sessions";
    String body = call(url(function).addQueryParameter("username", user).build(), function);
    com.fasterxml.jackson.databind.JsonNode meta;
    try {
      meta = io.cphub.model.wire.Json.mapper().readTree(body).get("metadata");
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new WhmException("WHM " + function + " answered malformed JSON (" + body.length() + " bytes)");
    }
    if (meta == null || !meta.isObject()) {
      throw new WhmException("WHM " + function + " answered without a metadata envelope");
    }
    if (!WhmDecoder.bool(meta.get("result"))) {
      throw new WhmException("WHM " + function + " for " + user + " failed: "
          + io.cphub.model.Printable.of(String.valueOf(meta.path("reason").asText(""))));
    }
  }

  /** The raw body of any WHM API 1 function called with {@code params} (order kept); transport errors throw. */
  public String get(String function, java.util.Map<String, String> params) {
    HttpUrl.Builder url = url(function);
    params.forEach(url::addQueryParameter);
    return observed(function, () -> call(url.build(), function));
  }

  /** The {@code data} node of a successful answer; {@link WhmException} naming what is wrong otherwise. */
  public static com.fasterxml.jackson.databind.JsonNode data(String function, String body) {
    return WhmDecoder.data(function, body);
  }

  private HttpUrl.Builder url(String function) {
    return base.newBuilder().addPathSegment("json-api").addPathSegment(function).addQueryParameter("api.version", "1");
  }

  private <T> T observed(String function, java.util.function.Supplier<T> body) {
    long start = System.nanoTime();
    try {
      T value = body.get();
      calls.completed(function, (System.nanoTime() - start) / 1e9, null);
      return value;
    } catch (WhmException e) {
      calls.completed(function, (System.nanoTime() - start) / 1e9, e.kind());
      throw e;
    }
  }

  private String call(HttpUrl url, String function) {
    Request request = new Request.Builder().url(url).header("Authorization", authorization).get().build();
    try (Response response = http.execute(request)) {
      if (response.code() == 401 || response.code() == 403) {
        throw new WhmAuthException("WHM " + base.host() + ":" + base.port() + " refused the API token for "
            + function + " (HTTP " + response.code() + "): check whm.user and whm.token");
      }
      if (response.code() != 200) {
        throw new WhmException("http", "WHM " + function + " answered HTTP " + response.code(), null);
      }
      ResponseBody body = response.body();
      return body.string();
    } catch (InterruptedIOException e) {
      throw new WhmException("timeout", "WHM " + function + " timed out: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new WhmException("unreachable", "WHM " + function + " unreachable at " + base.host() + ":" + base.port() + ": " + e, e);
    }
  }
}
