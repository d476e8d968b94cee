package dev.puerto.enrich;

import dev.puerto.dns.DnsClient;
import dev.puerto.sender.Catalogue;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Record;

/**
 * Sources named per second at a concurrency, against a loopback DNS server that delays every answer
 * (a resolver 20 ms away): {@code EnrichmentBenchmark JDBC_URL SOURCES CONCURRENCY DELAY_MS}. Each
 * source has a confirmed PTR and a Cymru answer; its AS name is shared by 100 sources, as real
 * traffic shares ASes. The database must be empty (a fresh one).
 */
public final class EnrichmentBenchmark {
  private EnrichmentBenchmark() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    int sources = Integer.parseInt(args[1]);
    int concurrency = Integer.parseInt(args[2]);
    Duration delay = Duration.ofMillis(Long.parseLong(args[3]));
    StringBuilder zone = new StringBuilder();
    List<String> ips = new ArrayList<>();
    for (int i = 0; i < sources; i++) {
      int c = i / 250;
      int d = i % 250 + 1;
      String ip = "10.1." + c + "." + d;
      ips.add(ip);
      String reversed = d + "." + c + ".1.10";
      zone.append(reversed).append(".in-addr.arpa. IN PTR h").append(i).append(".example.net.\n");
      zone.append("h").append(i).append(".example.net. IN A ").append(ip).append('\n');
      long asn = 64512 + i / 100;
      zone.append(reversed)
          .append(".origin.asn.cymru.com. IN TXT \"")
          .append(asn)
          .append(" | 10.1.")
          .append(c)
          .append(".0/24 | ES | ripencc | 2020-01-01\"\n");
      if (i % 100 == 0) {
        zone.append("AS")
            .append(asn)
            .append(".asn.cymru.com. IN TXT \"")
            .append(asn)
            .append(" | ES | ripencc | 2001-01-01 | NET-")
            .append(asn)
            .append("\"\n");
      }
    }
    List<Record> records = DnsTestServer.parse(zone.toString());
    try (DnsTestServer server = DnsTestServer.start(records);
        Database database =
            Database.openForImport(new DatabaseSettings(url, null, null, Path.of("unused-home")))) {
      Instant day = Instant.now().minus(Duration.ofDays(2));
      for (int from = 0; from < ips.size(); from += 1000) {
        AggregateXml report = AggregateXml.report("bench.example", "bench-" + from, day);
        for (String ip : ips.subList(from, Math.min(ips.size(), from + 1000))) {
          report.record(Row.passing(ip, 10));
        }
        report.importInto(database);
      }
      server.delayEveryAnswer(delay);
      SourceEnricher enricher =
          new SourceEnricher(
              database.dsl(),
              () ->
                  new DnsClient(
                      server.resolver(),
                      new DnsClient.Settings(Duration.ofSeconds(2), 2, concurrency),
                      Clock.systemUTC()),
              IpDatabase.none(),
              Catalogue.load(),
              new SourceEnricher.Settings(
                  concurrency, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(60), true),
              Clock.systemUTC());
      SourceEnricher.Tally tally = enricher.run(Integer.MAX_VALUE);
      System.out.printf(
          "named %d sources in %.2f s at concurrency %d with %d ms per answer: %.0f sources/s"
              + " (%d with PTR, %d placed, %d failed; %d DNS queries)%n",
          tally.looked(),
          tally.took().toMillis() / 1000.0,
          concurrency,
          delay.toMillis(),
          tally.looked() / (tally.took().toMillis() / 1000.0),
          tally.withPtr(),
          tally.placed(),
          tally.failed(),
          server.totalQueries());
    }
  }
}
