package io.cphub.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's validated, frozen configuration. See the module README for every key. {@code describe}
 * is every key with its effective value and the secrets ({@code registry.token}, {@code whm.token})
 * masked, for the one startup log line. {@code metricsListen} is null when {@code metrics.listen} is empty
 * (no metrics listener).
 */
public record AgentConfig(
    String serverName, String registryUrl, String registryToken, Duration registryTimeout, Duration registryKeepAlive,
    Path registryCaFile, Path registryClientCertFile, Path registryClientKeyFile,
    String whmUrl, String whmUser, String whmToken, Duration whmConnectTimeout, Duration whmReadTimeout,
    Duration whmKeepAlive,
    Path spoolDir, Path statusFile, Duration fullInterval, Duration debounce, Duration debounceMax, Duration poll,
    Duration backoffInitial, Duration backoffMax, Path hookScript, Path manageHooks, io.cphub.agent.dns.DnsSettings dns,
    ListenAddress metricsListen, io.cphub.agent.sessions.SessionSettings sessions, Map<String, String> describe) {

  @Override
  public String toString() {
    return "AgentConfig" + describe;
  }
}
