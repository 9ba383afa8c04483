package io.cphub.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The agent's validated, frozen configuration. See the module README for every key; secrets
 * ({@code registry.token}, {@code whm.token}) are masked by {@link #describe()}.
 */
public record AgentConfig(
    String serverName, String registryUrl, String registryToken, Duration registryTimeout,
    String whmUrl, String whmUser, String whmToken, Duration whmConnectTimeout, Duration whmReadTimeout,
    Path spoolDir, Path statusFile, Duration fullInterval, Duration debounce, Duration poll,
    Duration backoffInitial, Duration backoffMax, Path hookScript, Path manageHooks) {

  /** The effective configuration with secrets masked, for the one startup log line. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("server.name", serverName);
    m.put("registry.url", registryUrl);
    m.put("registry.token", "****");
    m.put("registry.timeout-ms", Long.toString(registryTimeout.toMillis()));
    m.put("whm.url", whmUrl);
    m.put("whm.user", whmUser);
    m.put("whm.token", "****");
    m.put("whm.connect-timeout-ms", Long.toString(whmConnectTimeout.toMillis()));
    m.put("whm.read-timeout-ms", Long.toString(whmReadTimeout.toMillis()));
    m.put("spool.dir", spoolDir.toString());
    m.put("status.file", statusFile.toString());
    m.put("sync.full-interval-minutes", Long.toString(fullInterval.toMinutes()));
    m.put("sync.debounce-ms", Long.toString(debounce.toMillis()));
    m.put("sync.poll-ms", Long.toString(poll.toMillis()));
    m.put("backoff.initial-ms", Long.toString(backoffInitial.toMillis()));
    m.put("backoff.max-ms", Long.toString(backoffMax.toMillis()));
    m.put("hooks.script", hookScript.toString());
    m.put("hooks.manage-hooks", manageHooks.toString());
    return m;
  }
}
