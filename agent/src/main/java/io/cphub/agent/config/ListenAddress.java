package io.cphub.agent.config;

/** A listen address: host (IP literal or name) and port (0: any free port, for tests). */
public record ListenAddress(String host, int port) {
  public ListenAddress {
    if (host == null || host.isBlank()) {
      throw new ConfigException("listen host is empty");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("listen port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
