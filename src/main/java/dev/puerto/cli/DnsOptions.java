package dev.puerto.cli;

import dev.puerto.dns.DnsClient;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The resolver options of {@code analyze}, {@code check} and {@code watch}. */
final class DnsOptions {
  @Option(
      names = "--dns-server",
      paramLabel = "HOST[:PORT]",
      description = "resolver to ask (env PUERTO_DNS_SERVER); default: the system's resolvers")
  String server;

  @Option(
      names = "--dns-timeout",
      paramLabel = "MILLIS",
      converter = Bounds.DnsTimeoutMillis.class,
      description =
          "timeout per DNS attempt in milliseconds, 1 to 60000 (default ${DEFAULT-VALUE})",
      defaultValue = "3000")
  int timeoutMillis;

  @Option(
      names = "--dns-concurrency",
      paramLabel = "N",
      converter = Bounds.DnsConcurrency.class,
      description =
          "DNS questions in flight at once, 1 to 1024 (env PUERTO_DNS_CONCURRENCY; default 32)")
  Integer concurrency;

  DnsClient client(Config config) throws ConfigException {
    int inFlight = concurrency(config);
    if (timeoutMillis < 1) {
      throw new ConfigException("--dns-timeout must be at least 1 millisecond");
    }
    DnsClient.Settings settings =
        new DnsClient.Settings(Duration.ofMillis(timeoutMillis), 2, inFlight);
    String configured = config.get("PUERTO_DNS_SERVER", server).orElse(null);
    if (configured == null) {
      return DnsClient.system(settings);
    }
    try {
      // Messages about the resolver say where it was configured when that is not the option.
      String name = server != null ? configured : configured + " (from PUERTO_DNS_SERVER)";
      return DnsClient.server(configured, name, settings);
    } catch (UnknownHostException | IllegalArgumentException e) {
      throw new ConfigException(
          "--dns-server " + configured + " is not a usable HOST[:PORT]: " + e.getMessage(), e);
    }
  }

  int concurrency(Config config) throws ConfigException {
    String value =
        config
            .get("PUERTO_DNS_CONCURRENCY", concurrency == null ? null : concurrency.toString())
            .orElse("32");
    try {
      int n = Integer.parseInt(value);
      if (n < 1 || n > 1024) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException("DNS concurrency must be a number from 1 to 1024, not " + value);
    }
  }

  /**
   * A fresh client per call, so that each pass of a long-running command starts with an empty
   * cache; the settings are checked now.
   */
  Supplier<DnsClient> clients(Config config) throws ConfigException {
    client(config);
    return () -> {
      try {
        return client(config);
      } catch (ConfigException e) {
        throw new IllegalStateException("checked when the command started", e);
      }
    };
  }
}
