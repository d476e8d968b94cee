package dev.puerto.cli;

import dev.puerto.enrich.IpDatabase;
import dev.puerto.enrich.SourceEnricher;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** How {@code analyze} and {@code watch} name source IPs: where their ASN and country come from. */
final class NamingOptions {
  @Option(
      names = "--ip-database",
      paramLabel = "FILE",
      split = ",",
      description =
          "MMDB file placing IPs offline (ASN, AS name, country): MaxMind GeoLite2 ASN/Country/City,"
              + " IPinfo Lite or ip-location-db; repeatable, the first file that knows a fact gives"
              + " it (env PUERTO_IP_DATABASE, comma-separated)")
  List<Path> files;

  @Option(
      names = "--asn-lookup",
      paramLabel = "cymru|off",
      description =
          "ask Team Cymru's DNS service (origin.asn.cymru.com) for the ASN and country of IPs the"
              + " IP database does not place; off for air-gapped installs (env"
              + " PUERTO_ASN_LOOKUP; default cymru)")
  String asnLookup;

  /** The files, opened (none when none is given); the caller closes them. */
  IpDatabase database(Config config) throws ConfigException {
    List<Path> paths =
        files != null
            ? files
            : config
                .get("PUERTO_IP_DATABASE", null)
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).map(Path::of).toList())
                .orElse(List.of());
    try {
      return IpDatabase.open(paths);
    } catch (IOException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  SourceEnricher.Settings settings(Config config, int concurrency) throws ConfigException {
    String lookup =
        config.get("PUERTO_ASN_LOOKUP", asnLookup).orElse("cymru").toLowerCase(Locale.ROOT);
    if (!lookup.equals("cymru") && !lookup.equals("off")) {
      throw new ConfigException("--asn-lookup must be cymru or off, not '" + lookup + "'");
    }
    SourceEnricher.Settings defaults = SourceEnricher.Settings.defaults();
    return new SourceEnricher.Settings(
        concurrency,
        defaults.expireAfter(),
        defaults.retryAfter(),
        defaults.lookBack(),
        lookup.equals("cymru"));
  }
}
