package io.cphub.proxy.config;

/** A listen address: host (IP literal or name) and port (0 = any free port). */
public record HostPort(String host, int port) {
  public HostPort {
    if (host == null || host.isBlank()) {
      throw new ConfigException("listen host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("listen port out of range: " + port);
    }
  }

  /** Parses {@code host:port} or {@code [v6]:port}. */
  static HostPort parse(String key, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new ConfigException(key + ": expected host:port, got '" + value + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new HostPort(host, Integer.parseInt(value.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": port is not a number in '" + value + "'", e);
    } catch (ConfigException e) {
      throw new ConfigException(key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
