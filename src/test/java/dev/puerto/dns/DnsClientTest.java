package dev.puerto.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.puerto.testing.DnsTestServer;
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
  void a_server_is_given_as_host_and_port() throws Exception {
    DnsClient client =
        DnsClient.server(server.hostAndPort(), new DnsClient.Settings(Duration.ofSeconds(1), 1, 2));
    assertThat(client.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.OK);
    assertThatThrownBy(() -> DnsClient.server("127.0.0.1:http", DnsClient.Settings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a port number");
  }
}
