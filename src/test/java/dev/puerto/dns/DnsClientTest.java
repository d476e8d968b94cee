package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.DnsTestServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsClientTest {
  private DnsTestServer server;
  private final MutableClock clock = new MutableClock();
  private DnsClient dns;

  @BeforeEach
  void start() throws Exception {
    StringBuilder big = new StringBuilder("big.example.com. 600 IN TXT");
    for (int i = 0; i < 12; i++) {
      big.append(" \"").append("x".repeat(200)).append('"');
    }
    server =
        DnsTestServer.start(
            """
            $ORIGIN example.com.
            @        300 IN TXT "v=spf1 -all"
            www      300 IN A   192.0.2.1
            alias    300 IN CNAME www
            broken       IN A   192.0.2.2
            slow         IN A   192.0.2.3
            """
                + big
                + "\n");
    server.serverFailure("broken.example.com");
    server.timeOut("slow.example.com");
    dns =
        new DnsClient(
            server.resolver(), new DnsClient.Settings(Duration.ofMillis(200), 2, 4), clock);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void nxdomain_nodata_servfail_and_timeout_are_told_apart() {
    assertThat(dns.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.OK);
    assertThat(dns.query("nothing.example.com", Type.A).status()).isEqualTo(DnsStatus.NXDOMAIN);
    assertThat(dns.query("www.example.com", Type.MX).status()).isEqualTo(DnsStatus.NODATA);
    assertThat(dns.query("broken.example.com", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
    assertThat(dns.query("slow.example.com", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
  }

  @Test
  void a_timeout_is_retried_before_it_is_reported() {
    dns.query("slow.example.com", Type.A);
    assertThat(server.queries("slow.example.com", Type.A)).isEqualTo(2);
  }

  @Test
  void a_cname_chain_in_the_answer_is_followed() {
    DnsAnswer answer = dns.query("alias.example.com", Type.A);
    assertThat(answer.addresses()).extracting(a -> a.getHostAddress()).containsExactly("192.0.2.1");
  }

  @Test
  void an_answer_too_big_for_udp_comes_over_tcp() {
    DnsAnswer answer = dns.query("big.example.com", Type.TXT);
    assertThat(answer.status()).isEqualTo(DnsStatus.OK);
    assertThat(answer.texts().get(0)).hasSize(12 * 200);
  }

  @Test
  void answers_are_reused_within_their_ttl_and_asked_again_after() {
    dns.query("www.example.com", Type.A);
    clock.advance(Duration.ofSeconds(299));
    dns.query("www.example.com", Type.A);
    assertThat(server.queries("www.example.com", Type.A)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(2));
    dns.query("www.example.com", Type.A);
    assertThat(server.queries("www.example.com", Type.A)).isEqualTo(2);
  }

  @Test
  void negative_answers_are_cached_for_the_soa_minimum() {
    DnsAnswer answer = dns.query("nothing.example.com", Type.A);
    assertThat(answer.ttl()).isEqualTo(DnsTestServer.NEGATIVE_TTL);
    dns.query("nothing.example.com", Type.A);
    assertThat(server.queries("nothing.example.com", Type.A)).isEqualTo(1);
  }

  @Test
  void the_same_question_asked_at_once_by_many_threads_is_sent_once() throws Exception {
    server.delayEveryAnswer(Duration.ofMillis(50));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<DnsAnswer>> answers = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        answers.add(pool.submit(() -> dns.query("www.example.com", Type.A)));
      }
      for (Future<DnsAnswer> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(DnsStatus.OK);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.queries("www.example.com", Type.A)).isEqualTo(1);
    assertThat(dns.queriesSent()).isEqualTo(1);
  }

  @Test
  void a_failure_of_the_domains_servers_is_not_the_resolvers() {
    // The first question of the run times out, but the resolver answers for the root zone.
    assertThat(dns.query("slow.example.com", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
    assertThat(dns.query("broken.example.com", Type.A).status()).isEqualTo(DnsStatus.SERVFAIL);
    assertThat(dns.resolverProblem()).isEmpty();
    assertThat(server.queries(".", Type.NS)).isEqualTo(1);
    assertThat(dns.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.OK);
  }

  @Test
  void a_resolver_that_answers_nothing_is_named_once_and_not_asked_again() throws Exception {
    // A loopback UDP port that is open but never answers.
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      DnsClient client =
          DnsClient.server(
              "127.0.0.1:" + silent.getLocalPort(),
              new DnsClient.Settings(Duration.ofMillis(100), 2, 4));
      assertThat(client.query("example.com", Type.TXT).status()).isEqualTo(DnsStatus.TIMEOUT);
      // Two attempts for the question, two for the root probe.
      assertThat(client.queriesSent()).isEqualTo(4);
      assertThat(client.resolverProblem())
          .contains(
              "the DNS resolver 127.0.0.1:"
                  + silent.getLocalPort()
                  + " did not answer (check --dns-server / your network)");
      long started = System.nanoTime();
      assertThat(client.query("_dmarc.example.com", Type.TXT).status())
          .isEqualTo(DnsStatus.TIMEOUT);
      assertThat(client.queriesSent()).isEqualTo(4);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
    }
  }

  @Test
  void a_resolver_that_refuses_or_cannot_resolve_even_the_root_is_told_apart() throws Exception {
    server.refuse(".");
    server.refuse("www.example.com");
    assertThat(dns.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.REFUSED);
    assertThat(dns.resolverProblem())
        .hasValueSatisfying(p -> assertThat(p).contains("refused to answer"));

    try (DnsTestServer broken = DnsTestServer.start("")) {
      broken.serverFailure(".");
      broken.serverFailure("example.com");
      DnsClient client =
          new DnsClient(
              broken.resolver(), new DnsClient.Settings(Duration.ofMillis(200), 1, 4), clock);
      assertThat(client.query("example.com", Type.TXT).status()).isEqualTo(DnsStatus.SERVFAIL);
      assertThat(client.resolverProblem())
          .hasValueSatisfying(
              p ->
                  assertThat(p)
                      .startsWith("the DNS resolver " + broken.hostAndPort() + " answered SERVFAIL")
                      .contains("even for the root zone"));
    }
  }

  @Test
  void ipv6_addresses_in_answers_are_written_as_rfc_5952_says() throws Exception {
    server.add(
        new org.xbill.DNS.AAAARecord(
            org.xbill.DNS.Name.fromString("v6.example.com."),
            org.xbill.DNS.DClass.IN,
            300,
            InetAddress.getByName("2001:db8:0:0:1:0:0:1")));
    DnsAnswer answer = dns.query("v6.example.com", Type.AAAA);
    assertThat(answer.describe()).isEqualTo("v6.example.com AAAA: 2001:db8::1:0:0:1");
    assertThat(DnsAnswer.text(answer.records().get(0))).isEqualTo("2001:db8::1:0:0:1");
  }

  @Test
  void a_server_is_given_as_host_and_port() throws Exception {
    DnsClient client =
        DnsClient.server(server.hostAndPort(), new DnsClient.Settings(Duration.ofSeconds(1), 1, 2));
    assertThat(client.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.OK);
    assertThatThrownBy(() -> DnsClient.server("127.0.0.1:http", DnsClient.Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a port number");
  }
}
