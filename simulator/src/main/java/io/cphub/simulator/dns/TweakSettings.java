package io.cphub.simulator.dns;

import io.cphub.simulator.SimulatorException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Tweak Settings keys the DNS features touch, with cPanel's defaults ({@code module=Main}).
 * Not thread-safe on its own: {@link DnsStore} guards it.
 */
public final class TweakSettings {
  public static final String DEFAULT_AUTODISCOVER_HOST = "cpanelemaildiscovery.cpanel.net";
  private final Map<String, String> values = new TreeMap<>(Map.of(
      "autodiscover_host", DEFAULT_AUTODISCOVER_HOST,
      "autodiscover_proxy_subdomains", "1",
      "autodiscover_mail_service", "imap",
      "proxysubdomains", "1",
      "proxysubdomainsoverride", "1",
      "overwritecustomproxysubdomains", "0",
      "overwritecustomsrvrecords", "0"));

  public String get(String key) {
    String v = values.get(key);
    if (v == null) {
      throw new SimulatorException("The tweak setting \"" + key + "\" does not exist in the module \"Main\".");
    }
    return v;
  }

  /** Validates as cPanel does and stores; returns the previous value. */
  public String set(String key, String value) {
    String old = get(key);
    if (key.equals("autodiscover_host")) {
      if (value == null || !value.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
        throw new SimulatorException("The value \"" + value + "\" for autodiscover_host is not a valid domain name.");
      }
    } else if (key.equals("autodiscover_mail_service")) {
      if (!"imap".equals(value) && !"pop3".equals(value)) {
        throw new SimulatorException("autodiscover_mail_service must be imap or pop3.");
      }
    } else if (!"0".equals(value) && !"1".equals(value)) {
      throw new SimulatorException("The value for " + key + " must be 0 or 1.");
    }
    values.put(key, value);
    return old;
  }

  public boolean on(String key) {
    return "1".equals(get(key));
  }
}
