package io.cphub.agent.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An okhttp client for idempotent requests to servers that close connections: WHM servers that
 * answer HTTP/1.0 and hang up, keep-alive servers with short idle timeouts, load balancers in
 * front of the registry that drop idle connections, with or without telling.
 *
 * <ul>
 *   <li>Pooled connections are kept at most {@code keepAlive} (default
 *       {@link #DEFAULT_KEEP_ALIVE}, below the idle timeouts servers and balancers commonly use,
 *       e.g. Apache's 5 s), so a connection the other side forgot is rarely reused;
 *   <li>okhttp retries a request that failed on a reused connection
 *       ({@code retryOnConnectionFailure});
 *   <li>{@link #execute} tries once more at once when the request failed with an
 *       {@link IOException} before any response arrived and the failure is not a timeout (a
 *       timeout is a slow server, not a stale connection: retrying it would only double the
 *       wait). Failures after the response began (a body cut mid-answer) are the caller's.
 * </ul>
 * Only GET, HEAD, PUT and DELETE are accepted: a retry may repeat a request the server already
 * processed, which is harmless only for idempotent methods. Thread-safe.
 */
public final class IdempotentHttp {
  public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(4);
  static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE");
  private static final Logger LOG = LoggerFactory.getLogger(IdempotentHttp.class);

  private final OkHttpClient client;

  public IdempotentHttp(Duration connectTimeout, Duration readTimeout, Duration callTimeout, Duration keepAlive) {
    this(connectTimeout, readTimeout, callTimeout, keepAlive, null, null);
  }

  /** As above; with {@code sockets} and {@code trust} (both or neither) for a private CA or a client certificate. */
  public IdempotentHttp(Duration connectTimeout, Duration readTimeout, Duration callTimeout, Duration keepAlive,
      SSLSocketFactory sockets, X509TrustManager trust) {
    if (keepAlive.isNegative() || keepAlive.isZero()) {
      throw new IllegalArgumentException("keepAlive must be > 0, was " + keepAlive);
    }
    OkHttpClient.Builder b = new OkHttpClient.Builder().connectTimeout(connectTimeout).readTimeout(readTimeout)
        .writeTimeout(readTimeout).callTimeout(callTimeout).followRedirects(false).retryOnConnectionFailure(true)
        .connectionPool(new ConnectionPool(4, keepAlive.toMillis(), TimeUnit.MILLISECONDS));
    if (sockets != null) {
      b.sslSocketFactory(sockets, trust);
    }
    this.client = b.build();
  }

  /** Sends {@code request}; on a stale-connection failure once more. The caller closes the response. */
  public Response execute(Request request) throws IOException {
    if (!IDEMPOTENT.contains(request.method())) {
      throw new IllegalArgumentException(request.method() + " is not idempotent; " + getClass().getSimpleName()
          + " may send a request twice");
    }
    try {
      return client.newCall(request).execute();
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException first) {
      LOG.debug("{} {} failed before any response ({}); trying once more", request.method(),
          request.url().redact(), first.toString());
      try {
        return client.newCall(request).execute();
      } catch (IOException second) {
        second.addSuppressed(first);
        throw second;
      }
    }
  }
}
