package dev.puerto.enrich;

import static dev.puerto.schema.Tables.DMARC_SOURCES;
import static dev.puerto.schema.Tables.HOSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.net.InetAddresses;
import dev.puerto.dns.DnsClient;
import dev.puerto.schema.Placement;
import dev.puerto.schema.tables.records.HostsRecord;
import dev.puerto.sender.Catalogue;
import dev.puerto.store.Database;
import dev.puerto.testing.AggregateXml;
import dev.puerto.testing.AggregateXml.Row;
import dev.puerto.testing.DnsTestServer;
import dev.puerto.testing.MmdbWriter;
import dev.puerto.testing.PostgresExtension;
import dev.puerto.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.postgres.extensions.types.Inet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class SourceEnricherTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");

  /**
   * A mail server with confirmed reverse DNS routed by AS 64500 in Spain; a PTR that points at a
   * name resolving elsewhere; an IP with no PTR at all; one whose PTR zone times out; and Cymru
   * answers, one of them with the kind of text a hostile DNS could send.
   */
  private static final String ZONES =
      """
      $ORIGIN example.net.
      mail             IN A    192.0.2.10
      liar             IN A    198.51.100.99
      $ORIGIN 2.0.192.in-addr.arpa.
      10               IN PTR  mail.example.net.
      11               IN PTR  liar.example.net.
      $ORIGIN sendgrid.net.
      o1.ptr1          IN A    167.89.1.1
      $ORIGIN 1.1.89.167.in-addr.arpa.
      @                IN PTR  o1.ptr1.sendgrid.net.
      $ORIGIN origin.asn.cymru.com.
      10.2.0.192       IN TXT  "64500 | 192.0.2.0/24 | ES | ripencc | 2020-01-01"
      10.2.0.192       IN TXT  "64499 | 192.0.0.0/16 | ES | ripencc | 2010-01-01"
      11.2.0.192       IN TXT  "64500 64501 | 192.0.2.0/24 | ES | ripencc | 2020-01-01"
      12.2.0.192       IN TXT  "64666 | 192.0.2.1/24 | z9 | ripencc | 2020-01-01"
      $ORIGIN asn.cymru.com.
      AS64500          IN TXT  "64500 | ES | ripencc | 2001-01-01 | EXAMPLE-AS Ejemplo Redes, ES"
      AS64666          IN TXT  "64666 | ZZ | ripencc | 2001-01-01 | EVIL\\027[31m-AS | more | bars"
      """;

  private final Database database;
  private DnsTestServer dns;

  SourceEnricherTest(TestDatabase db) throws Exception {
    this.database = db.open();
  }

  @BeforeEach
  void importAReportAndStartTheDns() throws Exception {
    database.dsl().deleteFrom(HOSTS).execute();
    dns = DnsTestServer.start(ZONES);
    dns.timeOut("13.2.0.192.in-addr.arpa");
    dns.timeOut("13.2.0.192.origin.asn.cymru.com");
    AggregateXml.report("example.com", "r1", DAY)
        .record(Row.passing("192.0.2.10", 500))
        .record(Row.failing("192.0.2.11", 40))
        .record(Row.failing("192.0.2.12", 3))
        .record(Row.failing("192.0.2.13", 2))
        .record(Row.passing("167.89.1.1", 20))
        .importInto(database);
  }

  @AfterEach
  void stopTheDns() {
    dns.close();
  }

  private SourceEnricher enricher(IpDatabase file, boolean cymru, Instant now) {
    return new SourceEnricher(
        database.dsl(),
        () ->
            new DnsClient(
                dns.resolver(),
                new DnsClient.Settings(Duration.ofMillis(300), 1, 8),
                Clock.systemUTC()),
        file,
        Catalogue.load(),
        new SourceEnricher.Settings(
            8, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(60), cymru),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private HostsRecord host(String ip) {
    return database
        .dsl()
        .selectFrom(HOSTS)
        .where(HOSTS.IP.eq(Inet.inet(InetAddresses.forString(ip))))
        .fetchOne();
  }

  @Test
  void everySourceOfTheReportsIsNamedPlacedAndKeptUntilItsExpiry() throws Exception {
    SourceEnricher.Tally tally = enricher(IpDatabase.none(), true, NOW).run(1000);

    assertThat(tally.looked()).isEqualTo(5);
    HostsRecord mail = host("192.0.2.10");
    assertThat(mail.getPtr()).isEqualTo("mail.example.net");
    assertThat(mail.getForwardConfirmed()).isTrue();
    assertThat(mail.getOrgDomain()).isEqualTo("example.net");
    // The most specific of the two announcements wins.
    assertThat(mail.getAsn()).isEqualTo(64500L);
    assertThat(mail.getAsName()).isEqualTo("EXAMPLE-AS Ejemplo Redes, ES");
    assertThat(mail.getCountry()).isEqualTo("ES");
    assertThat(mail.getNetwork().toString()).isEqualTo("192.0.2.0/24");
    assertThat(mail.getPlacedBy()).isEqualTo(Placement.CYMRU);
    assertThat(mail.getUnknown()).isEmpty();
    assertThat(mail.getExpiresAt().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
  }

  @Test
  void aConfirmedPtrOfAKnownServiceNamesTheService() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);

    HostsRecord esp = host("167.89.1.1");
    assertThat(esp.getService()).isEqualTo("SendGrid (Twilio)");
    assertThat(esp.getServiceKind()).isEqualTo("esp");
    assertThat(esp.getUnknown()).containsExactly("not announced on the internet (Team Cymru)");
    assertThat(host("192.0.2.10").getService()).as("no service runs example.net").isNull();
  }

  @Test
  void aPtrThatDoesNotResolveBackIsNotConfirmedAndAMissingOneIsSaid() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);

    HostsRecord liar = host("192.0.2.11");
    assertThat(liar.getPtr()).isEqualTo("liar.example.net");
    assertThat(liar.getForwardConfirmed()).isFalse();
    // A prefix announced by two ASes: the first is kept.
    assertThat(liar.getAsn()).isEqualTo(64500L);
    HostsRecord bare = host("192.0.2.12");
    assertThat(bare.getPtr()).isNull();
    assertThat(bare.getForwardConfirmed()).isFalse();
    assertThat(bare.getUnknown()).containsExactly("no PTR record");
  }

  @Test
  void whatAHostileDnsAnswerSaysIsCheckedNotTrusted() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);

    HostsRecord odd = host("192.0.2.12");
    assertThat(odd.getAsn()).isEqualTo(64666L);
    assertThat(odd.getAsName()).isEqualTo("EVIL[31m-AS | more | bars");
    assertThat(odd.getAsName()).doesNotContainPattern("\\p{Cntrl}");
    assertThat(odd.getCountry()).as("z9 is no country").isNull();
    assertThat(odd.getNetwork().toString()).as("host bits cleared").isEqualTo("192.0.2.0/24");
  }

  @Test
  void aLookThatTimedOutIsRetriedWithinTheHourAndKeepsWhatAnEarlierLookLearnt() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);
    HostsRecord slow = host("192.0.2.13");
    assertThat(slow.getForwardConfirmed()).as("unknown, not false").isNull();
    assertThat(slow.getUnknown()).containsExactly("PTR: DNS TIMEOUT", "ASN: DNS TIMEOUT");
    assertThat(slow.getExpiresAt().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));

    // The mail server is looked at again after expiry, now with its PTR zone down.
    dns.timeOut("10.2.0.192.in-addr.arpa");
    dns.timeOut("10.2.0.192.origin.asn.cymru.com");
    enricher(IpDatabase.none(), true, NOW.plus(Duration.ofDays(8))).run(1000);
    HostsRecord mail = host("192.0.2.10");
    assertThat(mail.getPtr()).isEqualTo("mail.example.net");
    assertThat(mail.getForwardConfirmed()).isTrue();
    assertThat(mail.getAsn()).isEqualTo(64500L);
    assertThat(mail.getCountry()).isEqualTo("ES");
    assertThat(mail.getExpiresAt().toInstant())
        .isEqualTo(NOW.plus(Duration.ofDays(8)).plus(Duration.ofHours(1)));
  }

  @Test
  void sourcesNamedBeforeTheirExpiryAreNotAskedAgain() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);
    long queries = dns.totalQueries();

    SourceEnricher.Tally again =
        enricher(IpDatabase.none(), true, NOW.plus(Duration.ofMinutes(30))).run(1000);

    assertThat(again.looked()).isZero();
    assertThat(dns.totalQueries()).isEqualTo(queries);
    SourceEnricher.Tally later =
        enricher(IpDatabase.none(), true, NOW.plus(Duration.ofHours(2))).run(1000);
    assertThat(later.looked()).as("only the one that timed out").isEqualTo(1);
  }

  @Test
  void anIpDatabasePlacesSourcesWithoutAskingAnyone(@TempDir Path dir) throws Exception {
    Path asn =
        new MmdbWriter("GeoLite2-ASN")
            .network(
                "192.0.2.0/25",
                Map.of(
                    "autonomous_system_number",
                    64510L,
                    "autonomous_system_organization",
                    "Fichero Redes"))
            .write(dir.resolve("GeoLite2-ASN.mmdb"));
    Path country =
        new MmdbWriter("GeoLite2-Country")
            .network("192.0.2.0/24", Map.of("country", Map.of("iso_code", "MX")))
            .write(dir.resolve("GeoLite2-Country.mmdb"));

    try (IpDatabase file = IpDatabase.open(List.of(asn, country))) {
      assertThat(file.description()).contains("GeoLite2-ASN.mmdb (GeoLite2-ASN, built 2026-05-28)");
      enricher(file, false, NOW).run(1000);
    }

    HostsRecord mail = host("192.0.2.10");
    assertThat(mail.getAsn()).isEqualTo(64510L);
    assertThat(mail.getAsName()).isEqualTo("Fichero Redes");
    assertThat(mail.getCountry()).isEqualTo("MX");
    assertThat(mail.getNetwork().toString()).isEqualTo("192.0.2.0/25");
    assertThat(mail.getPlacedBy()).isEqualTo(Placement.IP_DATABASE);
    assertThat(dns.queries("10.2.0.192.origin.asn.cymru.com", org.xbill.DNS.Type.TXT)).isZero();
  }

  @Test
  void ipinfoLiteRecordsAreReadToo(@TempDir Path dir) throws Exception {
    Path lite =
        new MmdbWriter("ipinfo lite.mmdb")
            .network(
                "192.0.2.0/24",
                Map.of("asn", "AS64520", "as_name", "Lite Networks", "country_code", "AR"))
            .write(dir.resolve("ipinfo_lite.mmdb"));

    try (IpDatabase file = IpDatabase.open(List.of(lite))) {
      enricher(file, false, NOW).run(1000);
    }

    HostsRecord mail = host("192.0.2.10");
    assertThat(mail.getAsn()).isEqualTo(64520L);
    assertThat(mail.getAsName()).isEqualTo("Lite Networks");
    assertThat(mail.getCountry()).isEqualTo("AR");
  }

  @Test
  void aFileThatIsNotAnMmdbDatabaseIsRefusedByName(@TempDir Path dir) throws Exception {
    Path junk = Files.writeString(dir.resolve("GeoLite2-City.mmdb"), "not a database");

    assertThatThrownBy(() -> IpDatabase.open(List.of(junk)))
        .hasMessageStartingWith("--ip-database " + junk + " is not an MMDB database");
    assertThatThrownBy(() -> IpDatabase.open(List.of(dir.resolve("missing.mmdb"))))
        .hasMessage("--ip-database " + dir.resolve("missing.mmdb") + ": no such file");
  }

  @Test
  void anAirGappedInstallNamesWhatItCanAndSaysWhatIsMissing() throws Exception {
    enricher(IpDatabase.none(), false, NOW).run(1000);

    HostsRecord mail = host("192.0.2.10");
    assertThat(mail.getPtr()).isEqualTo("mail.example.net");
    assertThat(mail.getAsn()).isNull();
    assertThat(mail.getUnknown())
        .containsExactly("ASN and country: no IP database and Team Cymru lookups are off");
  }

  @Test
  void dmarcSourcesShowsWhoEverySourceIs() throws Exception {
    enricher(IpDatabase.none(), true, NOW).run(1000);

    var row =
        database
            .dsl()
            .select(
                DMARC_SOURCES.PTR, DMARC_SOURCES.ASN, DMARC_SOURCES.AS_NAME, DMARC_SOURCES.COUNTRY)
            .from(DMARC_SOURCES)
            .where(DMARC_SOURCES.IP.eq(Inet.inet(InetAddresses.forString("192.0.2.10"))))
            .fetchOne();
    assertThat(row.value1()).isEqualTo("mail.example.net");
    assertThat(row.value2()).isEqualTo(64500L);
    assertThat(row.value3()).isEqualTo("EXAMPLE-AS Ejemplo Redes, ES");
    assertThat(row.value4()).isEqualTo("ES");
  }

  @Test
  void watchNamesNewSourcesInTheBackground() throws Exception {
    try (BackgroundNaming background =
        new BackgroundNaming(enricher(IpDatabase.none(), true, NOW))) {
      background.poke();
      background.poke();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (host("192.0.2.10") == null && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
    assertThat(host("192.0.2.10")).isNotNull();
    assertThat(host("192.0.2.10").getAsn()).isEqualTo(64500L);
  }
}
