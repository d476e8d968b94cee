package dev.puerto.analyze;

import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The example of docs-pending/analyze.md: serves the test zones (example.com and friends) on
 * loopback until killed, and writes a report of yesterday to the path given.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes:CLASSPATH
 * dev.puerto.analyze.ExampleWorld target/example-report.xml}
 */
public final class ExampleWorld {
  private ExampleWorld() {}

  public static void main(String[] args) throws Exception {
    Path report = Path.of(args.length > 0 ? args[0] : "target/example-report.xml");
    String xml =
        AggregateXml.report("example.com", "example-1", Instant.now().minus(Duration.ofDays(1)))
            .record(Row.failing("192.0.2.10", 5))
            .record(
                Row.failing("167.89.1.1", 40)
                    .envelopeFrom("sendgrid.net")
                    .spfAuth("sendgrid.net", "pass"))
            .record(Row.failing("198.51.100.20", 3).reason("forwarded"))
            .record(Row.failing("198.51.100.30", 6).dkimAuth("example.com", "gone", "fail"))
            .record(Row.failing("203.0.113.66", 9))
            .record(Row.failing("203.0.113.77", 1))
            .record(Row.passing("192.0.2.1", 1000).dkimAuth("example.com", "s2048", "pass"))
            .xml();
    Files.writeString(report, xml, StandardCharsets.UTF_8);
    DnsTestServer server = TestZones.start();
    System.out.println(server.hostAndPort());
    Thread.currentThread().join();
  }
}
