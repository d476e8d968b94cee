package dev.puerto.cli;

import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;

/** The DNS blocklists {@code analyze} and {@code check} ask about sending IPs. */
final class BlocklistOptions {
  @Option(
      names = "--blocklist",
      paramLabel = "ZONE",
      split = ",",
      description =
          "DNS blocklist zone to query, repeatable (env PUERTO_BLOCKLISTS, comma-separated;"
              + " default zen.spamhaus.org, bl.spamcop.net, psbl.surriel.com; 'none' for none)")
  List<String> blocklists;

  Blocklists blocklists(DnsClient dns, Config config) {
    List<String> zones =
        blocklists != null
            ? blocklists
            : config
                .get("PUERTO_BLOCKLISTS", null)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).toList())
                .orElse(Blocklists.DEFAULT_ZONES);
    List<String> cleaned =
        zones.stream().filter(z -> !z.isBlank() && !z.equalsIgnoreCase("none")).toList();
    return new Blocklists(dns, cleaned);
  }
}
