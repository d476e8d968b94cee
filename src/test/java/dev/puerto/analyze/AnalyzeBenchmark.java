package dev.puerto.analyze;

import dev.puerto.dns.Blocklists;
import dev.puerto.dns.DnsClient;
import dev.puerto.sender.Catalogue;
import dev.puerto.store.Database;
import dev.puerto.store.DatabaseSettings;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.DSL;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.ReverseMap;

/**
 * {@code analyze} over 10,000 distinct failing sources, the loopback DNS server adding 20 ms to
 * every answer. Prints wall time, DNS queries sent, distinct questions, the most times one question
 * was sent, and the target (distinct questions x 20 ms / concurrency).
 *
 * <p>Run: {@code mvn -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.puerto.analyze.AnalyzeBenchmark
 * -Dexec.args="jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres 10000 32"} (a server where
 * the benchmark may create the database puerto_analyze_bench; sources; DNS concurrency).
 */
public final class AnalyzeBenchmark {
  private AnalyzeBenchmark() {}

  public static void main(String[] args) throws Exception {
    String serverUrl =
        args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    int sources = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Duration delay = Duration.ofMillis(20);

    try (Connection admin = DriverManager.getConnection(serverUrl)) {
      DSL.using(admin).execute("DROP DATABASE IF EXISTS puerto_analyze_bench");
      DSL.using(admin).execute("CREATE DATABASE puerto_analyze_bench");
    }
    String url = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/puerto_analyze_bench$1");
    try (DnsTestServer server = DnsTestServer.start(TestZones.MASTER);
        Database database =
            Database.open(new DatabaseSettings(url, null, null, Path.of("target", "bench-home")))) {
      Instant day = Instant.now().minus(Duration.ofDays(1));
      int perReport = 1000;
      for (int report = 0; report * perReport < sources; report++) {
        AggregateXml xml = AggregateXml.report("example.com", "bench-" + report, day);
        for (int i = report * perReport; i < Math.min(sources, (report + 1) * perReport); i++) {
          String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
          Row row = Row.failing(ip, 1 + i % 7);
          // A realistic mix: a third send through the ESP, one in five signs with a named selector.
          if (i % 3 == 0) {
            row.envelopeFrom("sendgrid.net").spfAuth("sendgrid.net", "fail");
          }
          if (i % 5 == 0) {
            row.dkimAuth("example.com", "s" + (i % 4), "fail");
          }
          // Half the sources have a PTR name that resolves back.
          if (i % 2 == 0) {
            Name host = Name.fromString("h" + i + ".hosts.example.net.");
            java.net.InetAddress address = java.net.InetAddress.getByName(ip);
            server.add(new PTRRecord(ReverseMap.fromAddress(address), DClass.IN, 3600, host));
            server.add(new ARecord(host, DClass.IN, 3600, address));
          }
          xml.record(row);
        }
        xml.importInto(database);
      }
      server.delayEveryAnswer(delay);
      DnsClient dns =
          new DnsClient(
              server.resolver(),
              new DnsClient.Settings(Duration.ofSeconds(2), 2, concurrency),
              Clock.systemUTC());
      Analyzer analyzer =
          new Analyzer(
              database,
              dns,
              new Blocklists(dns, List.of("zen.spamhaus.org")),
              Catalogue.load(),
              Clock.systemUTC(),
              2 * concurrency);
      long start = System.nanoTime();
      Analyzer.Analysis analysis =
          analyzer.analyze(
              Window.daysUpTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC), 7),
              Optional.empty());
      double seconds = (System.nanoTime() - start) / 1e9;
      int distinct = server.distinctQuestions();
      double ideal = distinct * delay.toMillis() / 1000.0 / concurrency;
      System.out.printf(
          "sources=%d findings=%d concurrency=%d%n"
              + "wall=%.2f s  queries sent=%d  distinct questions=%d  most sends of one question=%d%n"
              + "target: distinct x 20 ms / concurrency = %.2f s; wall / target = %.2f%n",
          sources,
          analysis.findings().size(),
          concurrency,
          seconds,
          dns.queriesSent(),
          distinct,
          server.mostQueriesForOneQuestion(),
          ideal,
          seconds / ideal);
      // Again within every TTL: no DNS query at all, so this is the database and CPU share.
      long sentBefore = dns.queriesSent();
      long again = System.nanoTime();
      analyzer.analyze(
          Window.daysUpTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC), 7), Optional.empty());
      System.out.printf(
          "second run (all answers cached): wall=%.2f s, queries sent=%d%n",
          (System.nanoTime() - again) / 1e9, dns.queriesSent() - sentBefore);
      analysis.findings().stream()
          .collect(
              java.util.stream.Collectors.groupingBy(
                  f -> f.verdict().code(), java.util.stream.Collectors.counting()))
          .forEach((verdict, count) -> System.out.println("  " + verdict + ": " + count));
    }
  }
}
