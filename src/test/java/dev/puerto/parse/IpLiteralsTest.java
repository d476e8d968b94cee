package dev.puerto.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which source IPs count as addresses; nothing here may reach DNS. */
class IpLiteralsTest {

  @ParameterizedTest
  @ValueSource(strings = {"192.0.2.1", "0.0.0.0", "255.255.255.255", "10.0.0.1", "199.249.250.255"})
  void dotted_quads_are_ipv4_addresses(String literal) throws Exception {
    assertThat(IpLiterals.parse(literal)).contains(InetAddress.getByName(literal));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2001:db8::1", "2a01:111:f403::1", "::1"})
  void ipv6LiteralsAreAddresses(String literal) throws Exception {
    assertThat(IpLiterals.parse(literal)).contains(InetAddress.getByName(literal));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.1.1.1",
        "1000.1.1.1",
        "01.2.3.4",
        "192.0.2.01",
        "00.1.1.1",
        "1.2.3",
        "10.1",
        "16909060",
        "1.2.3.4.",
        "1.2.3.4.5",
        ".1.2.3",
        "1..2.3",
        "1.2.3.a",
        "108r.166.27.220",
        "\u0661.2.3.4",
        "",
        "example.com",
        "2001:db8::g",
        "localhost"
      })
  void anythingElseIsNot(String literal) {
    assertThat(IpLiterals.parse(literal)).isEmpty();
  }
}
