package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.puerto.dns.Blocklists.Listing;
import dev.puerto.testing.DnsTestServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BlocklistsTest {
  private static DnsTestServer server;
  private static DnsClient dns;

  @BeforeAll
  static void start() throws Exception {
    server =
        DnsTestServer.start(
            """
            $ORIGIN zen.spamhaus.org.
            2.0.0.127                 IN A 127.0.0.2
            2.0.0.127                 IN A 127.0.0.10
            9.113.0.203               IN A 127.255.255.254
            1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2 IN A 127.0.0.3
            $ORIGIN bl.example.org.
            9.113.0.203               IN A 127.0.0.255
            7.113.0.203               IN A 192.0.2.1
            """);
    server.serverFailure("8.113.0.203.bl.example.org");
    dns =
        new DnsClient(
            server.resolver(),
            new DnsClient.Settings(Duration.ofMillis(300), 1, 4),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<Listing> check(String ip) throws Exception {
    return new Blocklists(dns, List.of("zen.spamhaus.org", "bl.example.org"))
        .check(InetAddress.getByName(ip));
  }

  @Test
  void a_listing_is_reported_with_the_meaning_of_its_codes() throws Exception {
    Listing zen = check("127.0.0.2").get(0);
    assertThat(zen.status()).isEqualTo(Listing.Status.LISTED);
    assertThat(zen.meaning()).contains("SBL").contains("PBL");
    assertThat(check("127.0.0.2").get(1).status()).isEqualTo(Listing.Status.NOT_LISTED);
  }

  @Test
  void refusal_codes_are_not_listings() throws Exception {
    List<Listing> results = check("203.0.113.9");
    assertThat(results).extracting(Listing::status).containsOnly(Listing.Status.REFUSED);
    assertThat(results.get(0).meaning()).contains("refused").contains("127.255.255.254");
    assertThat(results.get(1).codes()).containsExactly("127.0.0.255");
  }

  @Test
  void answers_outside_loopback_and_dns_failures_are_errors_not_listings() throws Exception {
    assertThat(check("203.0.113.7").get(1).status()).isEqualTo(Listing.Status.ERROR);
    Listing failed = check("203.0.113.8").get(1);
    assertThat(failed.status()).isEqualTo(Listing.Status.ERROR);
    assertThat(failed.meaning()).isEqualTo("SERVFAIL");
  }

  @Test
  void ipv6_is_asked_only_of_zones_that_list_ipv6() throws Exception {
    List<Listing> results = check("2001:db8::1");
    assertThat(results).extracting(Listing::zone).containsExactly("zen.spamhaus.org");
    assertThat(results.get(0).status()).isEqualTo(Listing.Status.LISTED);
  }
}
